//! Rebuilding after a change, in memory, off the request path: the server keeps answering from
//! the current snapshot while this runs, and the new one replaces it whole. Nothing is written to
//! disk.
//!
//! Only what a change invalidates is done again, by the [`Session`] kept open from one rebuild to
//! the next: a content change reads again the files it touched and rebuilds the model from the
//! records in memory; a theme change reads the theme again and keeps the archive. Pages are not rendered here, but when a
//! browser asks for them, except a few rendered before publishing: the pages of the articles just
//! saved, which the editor is most likely looking at; with a new theme the first page of each
//! kind, which finds most template errors before open pages reload; and the pages the background
//! check last found failing. That check renders the rest of the pages once, to find template
//! errors that only some pages show, and the search index of a new archive is made there too
//! ([`super::background`]). Until it is, the previous index is served. A failed build publishes
//! its errors and keeps the last good site.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::background::{Background, Job};
use super::state::{Live, Pages, Served};
use super::watch::Change;
use crate::config::Overrides;
use crate::diagnostic::{Diagnostic, Distinct};
use crate::load::ARTICLES_DIR;
use crate::render::Kind;
use crate::session::Session;

pub struct Builder {
    session: Session,
    background: Background,
}

/// What one rebuild did, for the log.
pub enum Outcome {
    Built { pages: usize, warnings: usize, milliseconds: u128 },
    Failed { milliseconds: u128, errors: Vec<Diagnostic> },
}

impl Builder {
    pub fn new(root: &Path, overrides: Overrides, background: Background) -> Builder {
        Builder { session: Session::kept_open(root).with_overrides(overrides), background }
    }

    /// Rebuilds what `change` invalidates and publishes the result.
    pub fn rebuild(&mut self, change: &Change, live: &Live) -> Outcome {
        let started = Instant::now();
        self.background.rebuild_started();
        let prepared = match self.session.prepare(change) {
            Ok(prepared) => prepared,
            Err(diagnostics) => return failed(diagnostics, started, live),
        };
        let pages = Arc::new(Pages::new(prepared.site));
        let failing = self.background.failing();
        if let Err(errors) = render_first(&pages, change.theme, &edited_articles(&change.content), &failing) {
            return failed(errors, started, live);
        }
        let previous = live.current().site.clone();
        let search = previous.as_ref().map(|site| site.search.clone()).unwrap_or_default();
        let served = Arc::new(Served { pages, search });
        live.publish(Some(served.clone()), Vec::new());
        let page_count = served.pages.site().pages().len();
        self.background.submit(Job { served, previous });
        let warnings = prepared.warnings.len();
        Outcome::Built { pages: page_count, warnings, milliseconds: started.elapsed().as_millis() }
    }
}

/// The slugs of the articles whose files are among `paths`.
fn edited_articles(paths: &BTreeSet<PathBuf>) -> BTreeSet<String> {
    let in_articles = |path: &&PathBuf| path.parent() == Some(Path::new(ARTICLES_DIR));
    paths.iter().filter(in_articles).filter_map(|path| Some(path.file_stem()?.to_string_lossy().into_owned())).collect()
}

/// Renders, in parallel, the pages of the articles in `edited`, the pages in `failing` and, with a
/// new theme, the first page of each kind; they are kept for the requests that follow. Returns the
/// distinct errors, sorted.
fn render_first(
    pages: &Pages,
    new_theme: bool,
    edited: &BTreeSet<String>,
    failing: &BTreeSet<String>,
) -> Result<(), Vec<Diagnostic>> {
    let archive = pages.archive();
    let mut kinds_seen = Vec::new();
    let mut first: Vec<usize> = Vec::new();
    for (index, page) in pages.site().pages().iter().enumerate() {
        let kind = std::mem::discriminant(&page.kind);
        let is_edited = matches!(page.kind, Kind::Article(id) if edited.contains(&archive.article(id).slug));
        if (new_theme && !kinds_seen.contains(&kind)) || is_edited || failing.contains(&page.path) {
            kinds_seen.push(kind);
            first.push(index);
        }
    }
    let errors = Distinct::default();
    first.par_iter().for_each(|&index| {
        if let Some(Err(error)) = pages.render(index) {
            errors.add(error.clone());
        }
    });
    let errors = errors.into_sorted();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Publishes the errors among `diagnostics`, keeping the last good site.
fn failed(diagnostics: Vec<Diagnostic>, started: Instant, live: &Live) -> Outcome {
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
    live.publish(live.current().site.clone(), errors.clone());
    Outcome::Failed { milliseconds: started.elapsed().as_millis(), errors }
}
