//! Rebuilding after a change, in memory, off the request path: the server keeps answering from
//! the current snapshot while this runs, and the new one replaces it whole. Nothing is written to
//! disk.
//!
//! What is reused: when only `templates/` or `static/` changed, the archive of the last read and
//! its search index are kept, and only the pages are rendered again. A content change reads and
//! checks everything again (`load` and `model` have no incremental form yet) and renders every page
//! (`render` has no per-page entry point yet). The new pages are published, and open pages reload,
//! before the search index is made: until it is, the previous index is served, and the new one
//! replaces it quietly. A failed build publishes its errors and keeps the last good site.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::state::{Files, Live, SiteFiles, files};
use super::watch::Change;
use crate::diagnostic::Diagnostic;
use crate::model::Archive;
use crate::render::OutputFile;

/// The content as last read: the archive and its warnings, or every diagnostic if it has errors.
type Content = Result<(Arc<Archive>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// The search index of the archive in [`Builder::content`].
struct Index {
    files: Arc<Files>,
    warnings: usize,
}

pub struct Builder {
    root: PathBuf,
    /// The files as last read, to read again only what changed.
    files: super::content::Content,
    /// `None` until the first build.
    content: Option<Content>,
    /// `None` until the index of the current content is made.
    index: Option<Index>,
}

/// What one rebuild did, for the log.
pub enum Outcome {
    Built { pages: usize, warnings: usize, pages_milliseconds: u128, search_milliseconds: u128 },
    Failed { milliseconds: u128, errors: Vec<Diagnostic> },
}

impl Builder {
    pub fn new(root: PathBuf) -> Builder {
        Builder { files: super::content::Content::new(root.clone()), root, content: None, index: None }
    }

    /// Rebuilds what `change` invalidates and publishes the result.
    pub fn rebuild(&mut self, change: Change, live: &Live) -> Outcome {
        let started = Instant::now();
        let content = match self.content.take() {
            Some(content) if change.content.is_empty() && !change.config => content,
            _ => {
                self.index = None;
                read_content(&mut self.files, &change.content)
            }
        };
        let (archive, content_warnings) = match self.content.insert(content) {
            Ok((archive, warnings)) => (archive.clone(), warnings.len()),
            Err(diagnostics) => return failed(diagnostics.clone(), started, live),
        };
        let rendered = match render_pages(&self.root, archive.clone()) {
            Ok(rendered) => rendered,
            Err(diagnostics) => return failed(diagnostics, started, live),
        };
        let pages = Arc::new(files(rendered));
        let page_count = pages.len();
        let base_url = archive.config.base_url.clone();
        let search = match &self.index {
            Some(index) => index.files.clone(),
            None => live.current().site.as_ref().map(|site| site.search.clone()).unwrap_or_default(),
        };
        live.publish(
            Some(Arc::new(SiteFiles { pages: pages.clone(), search, base_url: base_url.clone() })),
            Vec::new(),
        );
        let pages_milliseconds = started.elapsed().as_millis();
        if self.index.is_none() {
            let search = crate::search::index_files(&archive);
            let index = Index { files: Arc::new(files(search.files)), warnings: search.warnings.len() };
            live.replace_site_quietly(Arc::new(SiteFiles { pages, search: index.files.clone(), base_url }));
            self.index = Some(index);
        }
        Outcome::Built {
            pages: page_count,
            warnings: content_warnings + self.index.as_ref().map_or(0, |index| index.warnings),
            pages_milliseconds,
            search_milliseconds: started.elapsed().as_millis() - pages_milliseconds,
        }
    }
}

fn read_content(files: &mut super::content::Content, changed: &std::collections::BTreeSet<PathBuf>) -> Content {
    let checked = files.check(changed);
    let has_errors = checked.has_errors();
    match checked.archive {
        Some(archive) if !has_errors => Ok((Arc::new(archive), checked.diagnostics)),
        _ => Err(checked.diagnostics),
    }
}

fn render_pages(root: &Path, archive: Arc<Archive>) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let theme = crate::theme::Theme::load(root)?;
    let site = crate::render::Site::new(archive, Arc::new(theme))?;
    let files = std::sync::Mutex::new(Vec::new());
    site.render_all(&|file| files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file))?;
    Ok(files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Publishes the errors among `diagnostics`, keeping the last good site.
fn failed(diagnostics: Vec<Diagnostic>, started: Instant, live: &Live) -> Outcome {
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
    live.publish(live.current().site.clone(), errors.clone());
    Outcome::Failed { milliseconds: started.elapsed().as_millis(), errors }
}
