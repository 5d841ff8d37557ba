//! How far a build has come, shared between the build's threads and whoever shows it: the stage
//! it is in and the files it has written. The build pays one atomic add per file and one store
//! per stage; it never waits for a reader. [`show_on_terminal`] is the command's display of it: a
//! spinner line on standard error, only on a terminal and only for a build longer than a second.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

/// A build shorter than this shows no progress: it would only flicker.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often the display reads the progress again.
const REFRESH: Duration = Duration::from_millis(100);

/// The stages a build reports, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking the content and the templates.
    Checking,
    /// Rendering and writing the pages, with the search index beside them.
    Writing,
    Zipping,
    /// Swapping the new output in.
    Replacing,
}

impl Stage {
    const ALL: [Stage; 4] = [Stage::Checking, Stage::Writing, Stage::Zipping, Stage::Replacing];

    /// The stage as a progress display names it.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Checking => "checking",
            Stage::Writing => "writing pages",
            Stage::Zipping => "making the zip",
            Stage::Replacing => "replacing the output",
        }
    }
}

/// A build's progress: written by the build, read at any time from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicUsize,
    files: AtomicUsize,
    /// How many pages the build will render, once known.
    pages: AtomicUsize,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        Stage::ALL[self.stage.load(Ordering::Relaxed)]
    }

    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// The number of pages to render; zero until the content is checked.
    pub fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    pub(crate) fn enter(&self, stage: Stage) {
        self.stage.store(stage as usize, Ordering::Relaxed);
    }

    pub(crate) fn expect_pages(&self, pages: usize) {
        self.pages.store(pages, Ordering::Relaxed);
    }

    pub(crate) fn file_written(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
    }
}

/// The progress line on standard error, shown while this lives; dropping it clears the line.
pub struct Display {
    done: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Shows `progress` on standard error once the build has run for [`SHOW_AFTER`], if standard
/// error is a terminal; `None` (nothing shown, ever) otherwise.
pub fn show_on_terminal(progress: Arc<Progress>) -> Option<Display> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let (done, finished) = mpsc::channel();
    let thread = std::thread::Builder::new().name("dossier-progress".into()).spawn(move || {
        if finished.recv_timeout(SHOW_AFTER) != Err(RecvTimeoutError::Timeout) {
            return;
        }
        let line = indicatif::ProgressBar::new_spinner();
        loop {
            line.set_message(describe(&progress));
            line.tick();
            if finished.recv_timeout(REFRESH) != Err(RecvTimeoutError::Timeout) {
                break;
            }
        }
        line.finish_and_clear();
    });
    Some(Display { done: Some(done), thread: thread.ok() })
}

/// `writing pages: 1200 files (20000 pages)`.
fn describe(progress: &Progress) -> String {
    match progress.pages() {
        0 => progress.stage().describe().to_owned(),
        pages => format!("{}: {} files ({pages} pages)", progress.stage().describe(), progress.files()),
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
