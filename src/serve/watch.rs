//! Watching the site for saves: `content/`, `templates/` and `static/` recursively, and the site
//! folder itself (for `site.toml`, and for a `templates/` or `static/` folder made later).
//!
//! Saves are debounced here: after a change, events are collected until the files have been quiet
//! for [`QUIET`], so that one save (which editors make as several writes, or a write and a rename)
//! is one rebuild. Events are then sorted into what they invalidate: content files (named, so that
//! only they are read again), the configuration, or the theme. When events may have been lost (the
//! system's queue overflowed) or a watched folder appeared, everything counts as changed. Reads are
//! not changes: the rebuild itself opens files, and counting that would rebuild for ever. Other
//! files (the output folder, editor swap files) are ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::layout::{SOURCE_DIRS, STATIC_DIR, TEMPLATES_DIR};
use crate::load::CONTENT_DIR;
pub use crate::session::Change;

/// How long the files must be quiet before a change counts.
const QUIET: Duration = Duration::from_millis(40);
/// A change counts after this long even if writes go on.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    watching: BTreeSet<&'static str>,
}

impl Watcher {
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        // Events name absolute paths; compare them with an absolute root.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher { root, watcher, events, watching: BTreeSet::new() };
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Watches each of `content/`, `templates/` and `static/` that exists and is not watched yet.
    /// Returns whether one was: what was written in it before then was not seen.
    fn watch_new_folders(&mut self) -> notify::Result<bool> {
        let mut added = false;
        for folder in SOURCE_DIRS {
            let path = self.root.join(folder);
            if !self.watching.contains(folder) && path.is_dir() {
                self.watcher.watch(&path, RecursiveMode::Recursive)?;
                self.watching.insert(folder);
                added = true;
            }
        }
        Ok(added)
    }

    /// Waits for the next change that matters and for the files to be quiet after it, taking in
    /// every change made meanwhile, so that saves made during a rebuild cost one more rebuild,
    /// not one each. `None` when the watcher stopped.
    pub fn next_change(&mut self) -> Option<Change> {
        loop {
            let change = self.classify(self.events.recv().ok()?);
            if !change.any() {
                continue;
            }
            let mut change = self.until_quiet(change)?;
            match self.watch_new_folders() {
                Ok(true) => change = Change::everything(),
                Ok(false) => {}
                Err(error) => super::complain(format_args!("dossier serve: cannot watch a new folder: {error}")),
            }
            return Some(change);
        }
    }

    fn until_quiet(&self, mut change: Change) -> Option<Change> {
        let started = Instant::now();
        while started.elapsed() < LONGEST_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => change.merge(self.classify(event)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(change)
    }

    fn classify(&self, event: notify::Result<Event>) -> Change {
        match event {
            Ok(event) if event.need_rescan() => Change::everything(),
            Ok(event) if is_write(event.kind) => {
                let mut change = Change::default();
                for path in &event.paths {
                    change.merge(classify(&self.root, path));
                }
                change
            }
            Ok(_) => Change::default(),
            Err(error) => {
                super::complain(format_args!("dossier serve: watching: {error}; reading everything again"));
                Change::everything()
            }
        }
    }
}

/// Whether an event changed something (not a read, which is what the rebuild itself does).
fn is_write(kind: EventKind) -> bool {
    matches!(kind, EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
}

/// What a change to `path` (absolute, under `root`) invalidates. Hidden files are left out, as
/// loading leaves them out; a backup file (`a.md~`) in the content is not, since a check warns
/// of it.
fn classify(root: &Path, path: &Path) -> Change {
    let Ok(relative) = path.strip_prefix(root) else { return Change::default() };
    let parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if parts.iter().any(|part| part.starts_with('.')) {
        return Change::default();
    }
    match parts.first().map(String::as_str) {
        Some(CONTENT_DIR) => Change { content: BTreeSet::from([relative.to_path_buf()]), ..Change::default() },
        Some(CONFIG_FILE) => Change { config: true, ..Change::default() },
        Some(TEMPLATES_DIR | STATIC_DIR) if !parts.iter().any(|part| part.ends_with('~')) => {
            Change { theme: true, ..Change::default() }
        }
        _ => Change::default(),
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_invalidate() {
        let root = Path::new("/site");
        let content = |path: &str| Change { content: BTreeSet::from([PathBuf::from(path)]), ..Change::default() };
        let theme = Change { theme: true, ..Change::default() };
        assert_eq!(classify(root, Path::new("/site/content/articles/a.md")), content("content/articles/a.md"));
        assert_eq!(classify(root, Path::new("/site/content/articles/a.md~")), content("content/articles/a.md~"));
        assert_eq!(classify(root, Path::new("/site/content")), content("content"));
        assert_eq!(classify(root, Path::new("/site/site.toml")), Change { config: true, ..Change::default() });
        assert_eq!(classify(root, Path::new("/site/templates/article.html")), theme);
        assert_eq!(classify(root, Path::new("/site/static/style.css")), theme);
        assert_eq!(classify(root, Path::new("/site/templates/article.html~")), Change::default());
        assert_eq!(classify(root, Path::new("/site/public/index.html")), Change::default());
        assert_eq!(classify(root, Path::new("/site/content/articles/.a.md.swp")), Change::default());
        assert_eq!(classify(root, Path::new("/elsewhere/content/a.md")), Change::default());
    }

    #[test]
    fn changes_made_while_waiting_add_up() {
        let mut change = classify(Path::new("/site"), Path::new("/site/content/articles/a.md"));
        change.merge(classify(Path::new("/site"), Path::new("/site/templates/base.html")));
        change.merge(classify(Path::new("/site"), Path::new("/site/content/articles/a.yaml")));
        assert_eq!(change.content.len(), 2);
        assert!(change.theme && !change.config);
    }

    // Regression: the rebuild opens every content file, and counting those opens as changes made
    // the server rebuild in a loop.
    #[test]
    fn reads_are_not_changes() {
        assert!(!is_write(EventKind::Access(AccessKind::Any)));
        assert!(is_write(EventKind::Modify(ModifyKind::Any)));
        assert!(is_write(EventKind::Create(CreateKind::File)));
    }
}
