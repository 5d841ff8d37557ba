//! Shared by the editor-workflow tests (`cli_*.rs`): a fixture site from
//! `tests/fixtures/editor/` copied into a temporary folder, the real `dossier` binary, and polling
//! with a deadline instead of sleeping a fixed time.

// Each test file uses a part of this module; what one file does not use is not dead.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long anything may take before a test gives up: generous, since CI machines are slow, and
/// only reached when something is wrong.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A copy of a fixture site, deleted at the end of the test.
pub struct Site {
    _temp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/editor/<name>` into a fresh temporary folder.
    pub fn copy(name: &str) -> Site {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let root = temp.path().join(name);
        copy_tree(&fixture(name), &root);
        Site { _temp: temp, root }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap_or_else(|error| panic!("reading {relative}: {error}"))
    }

    /// Replaces the file with `text`, as an editor's save does.
    pub fn write(&self, relative: &str, text: &str) {
        fs::write(self.path(relative), text).unwrap_or_else(|error| panic!("writing {relative}: {error}"));
    }

    /// Replaces `from` by `to` in the file, which must contain it.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Every file under the site with its text, for "nothing changed" checks.
    pub fn contents(&self) -> Vec<(String, String)> {
        self.listing().into_iter().map(|path| (self.read(&path), path)).collect()
    }

    /// Every file under the site, relative and sorted, for "nothing was written" checks.
    pub fn listing(&self) -> Vec<String> {
        let mut files = Vec::new();
        list_files(&self.root, &self.root, &mut files);
        files.sort();
        files
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editor").join(name)
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("creating a folder");
    for entry in fs::read_dir(from).expect("reading a fixture folder") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copying a fixture file");
        }
    }
}

fn list_files(root: &Path, folder: &Path, files: &mut Vec<String>) {
    for entry in fs::read_dir(folder).expect("reading a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            list_files(root, &path, files);
        } else {
            files.push(path.strip_prefix(root).expect("under the root").display().to_string());
        }
    }
}

/// The `dossier` binary built for these tests.
pub fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// Runs `dossier` with `args` to its end.
pub fn run(args: &[&str]) -> Output {
    dossier().args(args).output().expect("running dossier")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Calls `probe` until it returns something or [`DEADLINE`] passes; panics with `what` then.
pub fn eventually<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(started.elapsed() < DEADLINE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
