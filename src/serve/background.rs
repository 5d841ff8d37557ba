//! Work done after a build is published, off the path of what an editor waits for: rendering every
//! page once, to find the template errors that only some pages show, and making the search index
//! and the open data exports (with the page that lists them) of a new archive.
//!
//! It runs on a thread pool of one thread at lowered priority, so that it slows neither the next
//! rebuild nor the pages a browser asks for. It starts once saves have settled for [`SETTLE`], takes
//! only the newest build, and gives that build up as soon as another rebuild starts. A template
//! error found here is published like a build's errors, with the site served before that build.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::state::{Files, Live, Served, files};
use crate::date::DateFormats;
use crate::diagnostic::{Diagnostic, Distinct};
use crate::export::Exports;
use crate::file::OutputFile;
use crate::model::Archive;
use crate::render::Site;
use crate::theme::Theme;

/// How much lower than the server's the background thread's scheduling priority is (`nice`).
const NICENESS: i32 = 10;
/// How long no new build must come before the work on the last one starts: work on a build that
/// is replaced at once is wasted, and would compete with the rebuild that replaces it.
const SETTLE: Duration = Duration::from_millis(250);

/// A published build to check and index.
pub struct Job {
    pub served: Arc<Served>,
    /// The site served before it, to go back to if a page of this one fails.
    pub previous: Option<Arc<Served>>,
}

/// Hands jobs to the background thread.
pub struct Background {
    /// Each job with the number of rebuilds started when it was submitted.
    jobs: Sender<(u64, Job)>,
    shared: Arc<Shared>,
}

/// What the builder and the background thread share.
#[derive(Default)]
struct Shared {
    /// The paths of the pages that failed to render in the last check that went through.
    failing: Mutex<BTreeSet<String>>,
    /// How many rebuilds have started.
    rebuilds: AtomicU64,
}

impl Background {
    pub fn start(live: Arc<Live>) -> std::io::Result<Background> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "dossier-background".into())
            .start_handler(|_| lower_priority())
            .build()
            .map_err(std::io::Error::other)?;
        let (jobs, receiver) = channel();
        let shared = Arc::new(Shared::default());
        let theirs = shared.clone();
        std::thread::Builder::new().name("dossier-jobs".into()).spawn(move || run(&receiver, &live, &pool, &theirs))?;
        Ok(Background { jobs, shared })
    }

    /// Says that a rebuild starts: the work on the last build stops.
    pub fn rebuild_started(&self) {
        self.shared.rebuilds.fetch_add(1, Ordering::SeqCst);
    }

    /// The pages that failed to render in the last complete check: a rebuild renders them before
    /// publishing, so that a template error found here is not hidden again by every save until
    /// the check comes back to it.
    pub fn failing(&self) -> BTreeSet<String> {
        self.shared.failing.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub fn submit(&self, job: Job) {
        // The thread only ends with the process.
        let _ = self.jobs.send((self.shared.rebuilds.load(Ordering::SeqCst), job));
    }
}

/// The last search index and exports made (with the data page that lists them), and the archive,
/// date wording and theme they were made from.
struct Index {
    archive: Arc<Archive>,
    dates: DateFormats,
    theme: Arc<Theme>,
    files: Arc<Files>,
}

fn run(jobs: &Receiver<(u64, Job)>, live: &Live, pool: &rayon::ThreadPool, shared: &Shared) {
    let mut index: Option<Index> = None;
    while let Ok(mut next) = jobs.recv() {
        loop {
            match jobs.recv_timeout(SETTLE) {
                Ok(newer) => next = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let (rebuilds, job) = next;
        let wanted = || shared.rebuilds.load(Ordering::SeqCst) == rebuilds && live.serves(&job.served);
        let started = Instant::now();
        let Some((errors, failed)) = pool.install(|| check_pages(&job.served, &wanted)) else { continue };
        *shared.failing.lock().unwrap_or_else(PoisonError::into_inner) = failed;
        let pages = job.served.pages.site().pages().len();
        let checked = format!("checked {pages} pages in {} ms", started.elapsed().as_millis());
        if !errors.is_empty() {
            if live.publish_errors_in(&job.served, job.previous.clone(), errors.clone()) {
                for error in &errors {
                    super::complain(format_args!("{error}"));
                }
                let count = errors.len();
                super::say(format_args!("{checked}: {count} template error(s); still serving the last good site"));
            }
            continue;
        }
        let site = job.served.pages.site();
        let (archive, dates, theme) = (site.archive(), site.date_formats(), site.theme());
        let current = index.as_ref().filter(|index| {
            Arc::ptr_eq(&index.archive, archive) && index.dates == *dates && Arc::ptr_eq(&index.theme, theme)
        });
        let files = match current {
            Some(index) => {
                super::say(format_args!("{checked}"));
                index.files.clone()
            }
            None if !wanted() => continue,
            None => {
                let started = Instant::now();
                let (made, warnings) = match derived_files(pool, site) {
                    Ok(made) => made,
                    Err(error) => {
                        if live.publish_errors_in(&job.served, job.previous.clone(), vec![error.clone()]) {
                            super::complain(format_args!("{error}"));
                            super::say(format_args!("{checked}: a template error; still serving the last good site"));
                        }
                        continue;
                    }
                };
                let warnings = match warnings {
                    0 => String::new(),
                    count => format!("; {count} warning(s): see `dossier check`"),
                };
                let milliseconds = started.elapsed().as_millis();
                super::say(format_args!("{checked}, search index and data exports in {milliseconds} ms{warnings}"));
                let made = Index {
                    archive: archive.clone(),
                    dates: dates.clone(),
                    theme: theme.clone(),
                    files: Arc::new(files(made)),
                };
                index.insert(made).files.clone()
            }
        };
        if !Arc::ptr_eq(&files, &job.served.search) {
            live.replace_search_quietly(&job.served, files);
        }
    }
}

/// The search index and the data exports of `site` with the page that lists them, made on
/// `pool`, and the number of the index's warnings; or the data page's template error.
fn derived_files(pool: &rayon::ThreadPool, site: &Site) -> Result<(Vec<OutputFile>, usize), Diagnostic> {
    let (archive, dates) = (site.archive(), site.date_formats());
    let exported = Mutex::new(Vec::new());
    let keep = |file| exported.lock().unwrap_or_else(PoisonError::into_inner).push(file);
    let (search, exports) = pool
        .install(|| rayon::join(|| crate::search::index_files(archive, dates, &keep), || Exports::new(archive, &keep)));
    let data_page = site.render_data(exports.listing())?;
    let warnings = search.warnings.len();
    let mut made = exported.into_inner().unwrap_or_else(PoisonError::into_inner);
    made.push(data_page);
    Ok((made, warnings))
}

/// Renders every page of `served` not rendered yet, and returns the distinct errors, sorted, and
/// the paths of the pages that failed; `None` if it stopped being `wanted` meanwhile.
fn check_pages(served: &Served, wanted: &(dyn Fn() -> bool + Sync)) -> Option<(Vec<Diagnostic>, BTreeSet<String>)> {
    let pages = &served.pages;
    let (errors, failed) = (Distinct::default(), Mutex::new(BTreeSet::new()));
    let finished = (0..pages.site().pages().len()).into_par_iter().try_for_each(|index| {
        if !wanted() {
            return None;
        }
        if let Some(Err(error)) = pages.check(index) {
            failed.lock().unwrap_or_else(PoisonError::into_inner).insert(pages.site().pages()[index].path.clone());
            errors.add(error);
        }
        Some(())
    });
    finished?;
    Some((errors.into_sorted(), failed.into_inner().unwrap_or_else(PoisonError::into_inner)))
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // On Linux a priority set for a thread id applies to that thread alone. Failing to lower it
    // only makes the background work compete as an equal.
    let thread = unsafe { libc::gettid() };
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, NICENESS) };
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
