//! Watching the site for saves: `content/`, `templates/` and `static/` recursively, and the site
//! folder itself (for `site.toml`, and for a `templates/` or `static/` folder made later).
//!
//! Saves are debounced here: after a change, events are collected until the files have been quiet
//! for [`QUIET`], so that one save (which editors make as several writes, or a write and a rename)
//! is one rebuild. Events are then sorted into what they invalidate: the content (and with it the
//! model) or only the theme. Reads are not changes: the rebuild itself opens every file, and
//! counting that would rebuild for ever. Other files (the output folder, editor swap files) are
//! ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;

/// How long the files must be quiet before a change counts.
const QUIET: Duration = Duration::from_millis(40);
/// A change counts after this long even if writes go on.
const LONGEST_WAIT: Duration = Duration::from_secs(1);
const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// What a batch of changes invalidates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// `content/` or `site.toml`: the archive must be read and checked again.
    pub content: bool,
    /// `templates/` or `static/`: the pages must be rendered again.
    pub theme: bool,
}

impl Change {
    fn any(self) -> bool {
        self.content || self.theme
    }

    fn merge(&mut self, other: Change) {
        self.content |= other.content;
        self.theme |= other.theme;
    }
}

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
    fn watch_new_folders(&mut self) -> notify::Result<()> {
        for folder in WATCHED {
            let path = self.root.join(folder);
            if !self.watching.contains(folder) && path.is_dir() {
                self.watcher.watch(&path, RecursiveMode::Recursive)?;
                self.watching.insert(folder);
            }
        }
        Ok(())
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
            let change = self.until_quiet(change)?;
            if let Err(error) = self.watch_new_folders() {
                super::complain(format_args!("dossier serve: cannot watch a new folder: {error}"));
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
            Ok(event) if is_write(event.kind) => {
                let mut change = Change::default();
                for path in &event.paths {
                    change.merge(classify(&self.root, path));
                }
                change
            }
            Ok(_) => Change::default(),
            Err(error) => {
                super::complain(format_args!("dossier serve: watching: {error}"));
                Change::default()
            }
        }
    }
}

/// Whether an event changed something (not a read, which is what the rebuild itself does).
fn is_write(kind: EventKind) -> bool {
    matches!(kind, EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
}

/// What a change to `path` (absolute, under `root`) invalidates.
fn classify(root: &Path, path: &Path) -> Change {
    let Ok(relative) = path.strip_prefix(root) else { return Change::default() };
    let is_hidden = |name: &str| name.starts_with('.') || name.ends_with('~');
    if relative.iter().any(|part| is_hidden(&part.to_string_lossy())) {
        return Change::default();
    }
    let first = relative.iter().next().map(|part| part.to_string_lossy().into_owned()).unwrap_or_default();
    match first.as_str() {
        "content" | CONFIG_FILE => Change { content: true, theme: false },
        "templates" | "static" => Change { content: false, theme: true },
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
        let content = Change { content: true, theme: false };
        let theme = Change { content: false, theme: true };
        assert_eq!(classify(root, Path::new("/site/content/articles/a.md")), content);
        assert_eq!(classify(root, Path::new("/site/site.toml")), content);
        assert_eq!(classify(root, Path::new("/site/templates/article.html")), theme);
        assert_eq!(classify(root, Path::new("/site/static/style.css")), theme);
        assert_eq!(classify(root, Path::new("/site/public/index.html")), Change::default());
        assert_eq!(classify(root, Path::new("/site/content/articles/.a.md.swp")), Change::default());
        assert_eq!(classify(root, Path::new("/site/content/articles/a.md~")), Change::default());
        assert_eq!(classify(root, Path::new("/elsewhere/content/a.md")), Change::default());
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
