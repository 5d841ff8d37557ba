//! When each content file was last committed, read from git when the site is a git checkout: the
//! `lastmod` of the sitemap's pages other than articles (see [`super::sitemap`]).
//!
//! Why run `git` rather than link a git library: one `git log` over the `content/` folder reads
//! every file's last commit in a single pass, on the machine that has the checkout (and so has git),
//! where a library (gix) would add some hundred crates to every build of dossier for one query.
//! The site is a stranger's, and so may be its `.git`: the command is fenced so that it runs no
//! program the repository names (no pager, signature check, text conversion, external diff,
//! filesystem monitor or fetch of missing objects; system and global configuration ignored, so a
//! repository owned by someone else is refused), reads nothing from the terminal, and is bounded
//! in time and in output. Whatever goes wrong (no git, not a checkout, a refusal, a limit), the
//! site simply has no history, and the sitemap leaves those dates out.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::layout::CONTENT_DIR;

/// How long `git log` may run before it is stopped and the history given up.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// How much it may print: some thousands of commits of a large archive, far below a memory worry.
const OUTPUT_LIMIT: u64 = 256 * 1024 * 1024;
/// How often the clock is checked while waiting for it.
const POLL: Duration = Duration::from_millis(10);

/// The time of the last commit of each content file, in seconds since 1970, by its path from the
/// site root (`content/articles/x.md`).
#[derive(Clone, Debug, Default)]
pub struct History {
    committed: HashMap<String, i64>,
}

impl History {
    /// The history of the content of the site at `root`; empty when it cannot be read.
    pub fn read(root: &Path) -> History {
        git_log(root).map(|output| History::parse(&output)).unwrap_or_default()
    }

    /// Parses `git log --format=%x00%ct --name-only -z`: commits newest first, each a time
    /// followed by the paths it touched, all separated by NULs.
    fn parse(output: &[u8]) -> History {
        let mut committed = HashMap::new();
        let mut time = None;
        for field in output.split(|byte| *byte == 0) {
            let Ok(field) = std::str::from_utf8(field) else { continue };
            let field = field.trim_start_matches('\n');
            if !field.is_empty() && field.bytes().all(|byte| byte.is_ascii_digit()) {
                time = field.parse::<i64>().ok();
            } else if let Some(time) = time.filter(|_| field.starts_with(CONTENT_DIR)) {
                let newest = committed.entry(field.to_owned()).or_insert(time);
                *newest = (*newest).max(time);
            }
        }
        History { committed }
    }

    /// The time of the newest commit among `paths` that git knows.
    pub fn newest<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Option<i64> {
        paths.into_iter().filter_map(|path| self.committed.get(path).copied()).max()
    }

    /// Every file's time, by path in order: what the dates depend on, for the build cache.
    pub fn entries(&self) -> Vec<(&str, i64)> {
        let mut entries: Vec<(&str, i64)> = self.committed.iter().map(|(path, time)| (path.as_str(), *time)).collect();
        entries.sort_unstable();
        entries
    }

    /// The time of the newest commit of any content file.
    pub fn newest_of_all(&self) -> Option<i64> {
        self.committed.values().copied().max()
    }
}

/// The output of the fenced `git log` over `content/`, or `None` if it failed or passed a limit.
fn git_log(root: &Path) -> Option<Vec<u8>> {
    let mut child = Command::new("git")
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .args(["--no-pager", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false"])
        .args(["-c", "core.quotePath=false", "log", "--no-show-signature", "--no-renames", "--no-textconv"])
        .args(["--no-ext-diff", "--format=%x00%ct", "--name-only", "-z", "--relative", "--", CONTENT_DIR])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut output = Vec::new();
        let read = stdout.by_ref().take(OUTPUT_LIMIT + 1).read_to_end(&mut output);
        read.ok().filter(|_| output.len() as u64 <= OUTPUT_LIMIT).map(|_| output)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() < TIME_LIMIT => std::thread::sleep(POLL),
            _ => break None,
        }
    };
    if status.is_none() {
        // Stopping it also closes its output, which ends the reader.
        let _ = child.kill();
        let _ = child.wait();
    }
    let output = reader.join().ok().flatten();
    status.filter(|status| status.success()).and(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_gets_its_newest_commit() {
        let output = b"\x001700000300\x00\ncontent/articles/a.md\x00content/actors/x.yaml\x00\x00\
                       1700000100\x00\ncontent/articles/a.md\x00content/articles/b.md\x00";
        let history = History::parse(output);
        assert_eq!(history.newest(["content/articles/a.md"]), Some(1_700_000_300));
        assert_eq!(history.newest(["content/articles/b.md", "content/articles/none.md"]), Some(1_700_000_100));
        assert_eq!(history.newest(["content/articles/none.md"]), None);
        assert_eq!(history.newest_of_all(), Some(1_700_000_300));
    }

    #[test]
    fn a_folder_that_is_not_a_checkout_has_no_history() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(History::read(folder.path()).newest_of_all(), None);
    }
}
