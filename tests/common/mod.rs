//! Shared helpers of the integration tests: a fixture site copied into a temporary folder and
//! built with the real `dossier` binary, and a checker of the links inside a built site.

#![allow(dead_code)] // each test crate uses its own subset of these helpers

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use walkdir::WalkDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// The repository root, where the default archive lives.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, built into `<temp>/public`.
pub struct TestSite {
    temp: TempDir,
}

/// The outcome of one `dossier` run.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Copies the folder `from` to `to`; a link is copied as what it points to.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).follow_links(true) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// `tests/sites/<name>` copied into a temporary folder.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite { temp: tempfile::tempdir().unwrap() };
        copy_tree(&repo().join("tests/sites").join(name), &site.root());
        site
    }

    /// The repository's own site (site.toml, content/, templates/, static/).
    pub fn default_archive() -> TestSite {
        let site = TestSite { temp: tempfile::tempdir().unwrap() };
        for part in ["content", "templates", "static"] {
            copy_tree(&repo().join(part), &site.root().join(part));
        }
        std::fs::copy(repo().join("site.toml"), site.root().join("site.toml")).unwrap();
        site
    }

    /// Lays the files of `tests/sites/<overlay>` over the site.
    pub fn overlay(self, overlay: &str) -> TestSite {
        copy_tree(&repo().join("tests/sites").join(overlay), &self.root());
        self
    }

    pub fn root(&self) -> PathBuf {
        self.temp.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.temp.path().join("public")
    }

    pub fn write(&self, relative: &str, contents: &str) {
        std::fs::write(self.root().join(relative), contents).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    /// `dossier build --root <site> --out <temp>/public` with `extra` arguments, to run.
    pub fn build_command(&self, extra: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.arg("build").arg("--root").arg(self.root()).arg("--out").arg(self.out()).args(extra);
        command.env("XDG_CACHE_HOME", cache_home());
        command
    }

    /// Runs `dossier build --root <site> --out <temp>/public` with `extra` arguments.
    pub fn build_with(&self, extra: &[&str]) -> Run {
        self.build_command(extra).output().unwrap().into()
    }

    /// Runs `dossier check --root <site>`.
    pub fn check(&self) -> Run {
        Command::new(BIN).arg("check").arg("--root").arg(self.root()).output().unwrap().into()
    }

    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// Builds and fails the test with dossier's messages if the build fails.
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    /// A page of the built site in a canonical form, so that assertions can be written against
    /// the meaning of the markup rather than its spelling: minify-html's normal form (attributes
    /// unquoted where they can be, white space between tags folded). Other files come as they are.
    pub fn page(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        if !relative.ends_with(".html") {
            return String::from_utf8(bytes).unwrap();
        }
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        String::from_utf8(minify_html::minify(&bytes, &cfg)).unwrap()
    }

    /// The names left in the temporary folder: the site, the output, and nothing half-written.
    pub fn temp_entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.temp.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The user's cache folder the tests' builds keep the build cache's key in, not the user's own.
pub fn cache_home() -> PathBuf {
    std::env::temp_dir().join("dossier-tests-cache-home")
}

/// Every file of a built folder with its bytes, for byte-for-byte comparisons.
pub fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(folder)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(folder).unwrap().to_string_lossy().into_owned();
            (relative, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// The `href`/`src` values and the element ids of an HTML page.
pub fn links_and_ids(html: &str) -> (Vec<String>, BTreeSet<String>) {
    use lol_html::{HtmlRewriter, Settings, element};
    let mut links = Vec::new();
    let mut ids = BTreeSet::new();
    let mut rewriter = HtmlRewriter::new(
        Settings::new().append_element_content_handler(element!("*", |element| {
            for attribute in ["href", "src", "action"] {
                if let Some(value) = element.get_attribute(attribute) {
                    links.push(value);
                }
            }
            if let Some(id) = element.get_attribute("id") {
                ids.insert(id);
            }
            Ok(())
        })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    (links, ids)
}

/// Every link of every page under `folder` that does not resolve to a file (folder links resolve
/// to their `index.html`), or whose `#fragment` is not an id of the target page. Links to other
/// sites are not followed; links starting with `base_path` (the path of the site on its host,
/// such as `/ho-so/`) are resolved from the site's root.
pub fn broken_links(folder: &Path, base_path: &str) -> Vec<String> {
    let pages: BTreeMap<String, (Vec<String>, BTreeSet<String>)> = snapshot(folder)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, links_and_ids(&String::from_utf8(bytes).unwrap())))
        .collect();
    let mut broken = Vec::new();
    for (page, (links, _)) in &pages {
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            // A root-relative link (404.html's, which a server shows at any depth) starts from the
            // site's path on its host.
            let (from, relative) = match link.strip_prefix(base_path) {
                Some(rest) => ("index.html", rest),
                None => (page.as_str(), link.as_str()),
            };
            let (path, fragment) = relative.split_once('#').unwrap_or((relative, ""));
            let path = path.split('?').next().unwrap();
            let target = if path.is_empty() { from.to_owned() } else { resolve(from, path) };
            let Some((_, ids)) = pages.get(&target).or_else(|| pages.get(&format!("{target}index.html"))) else {
                if !folder.join(&target).is_file() {
                    broken.push(format!("{page}: {link} (no {target})"));
                }
                continue;
            };
            if !fragment.is_empty() && !ids.contains(fragment) {
                broken.push(format!("{page}: {link} (no id {fragment})"));
            }
        }
    }
    broken
}

/// `path` relative to the folder of `page`, normalised (`a/b/index.html` + `../c/` = `a/c/`).
fn resolve(page: &str, path: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    let folder = joined.trim_end_matches('/');
    match (path.ends_with('/') || path == ".", folder.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("{folder}/"),
        (false, _) => joined,
    }
}
