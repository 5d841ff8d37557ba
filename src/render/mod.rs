//! Render: the archive becomes the files of the site. Markdown and quote marks come from
//! [`crate::markdown`], pages from tera templates minified once. Pages are independent, so they
//! are rendered in parallel, each handed on as soon as it is made; the archive and the views are
//! shared read-only. Render does no file IO: the theme was read by [`crate::theme`], writing is
//! [`crate::output`]'s.

mod context;
mod engine;
mod json_ld;
mod keyed;
mod offline;
mod pages;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::date::DateFormats;
use crate::diagnostic::{Diagnostic, Distinct};
use crate::file::OutputFile;
use crate::model::Archive;
use crate::theme::Theme;

pub use keyed::Digest;
pub use offline::offline_file;
pub use pages::{Kind, Page, data as data_page};

/// The pages an earlier build made, by the digest of the template and context each was made from
/// ([`keyed`]); what else a page depends on (the binary, the theme, the configuration) is the
/// cache's to check.
pub trait PageCache: Sync {
    /// Puts the page at `path` into the output as an earlier build made it from `digest`, if it
    /// can still be had as it was made, and returns its size in bytes; then it counts as
    /// recorded.
    fn reuse(&self, path: &str, digest: &Digest) -> Option<u64>;
    /// That the page at `path` was rendered from `digest`.
    fn record(&self, path: &str, digest: Digest);
}

/// At most this many pages are rendered as one task. Rayon splits a list into a few large tasks,
/// and splits a task again only when another thread steals it; while a build makes the search
/// index and the exports beside the pages, the thread making them steals nothing, and when it is
/// done the last large task may be left to one thread alone (at 10k, a core stood idle for the
/// last 2.5 s of a 7.5 s build). Small tasks are always there to be shared.
const PAGES_PER_TASK: usize = 32;

/// A site ready to render: the archive and theme, the template engine, the views and the list of
/// pages, made once. Pages render independently of each other, in any order and from any thread:
/// a build renders them all in parallel, the preview server only those a browser asks for.
pub struct Site {
    archive: Arc<Archive>,
    engine: engine::Engine,
    views: view::Views,
    pages: Vec<Page>,
    /// How the theme words dates, for the search client.
    date_formats: DateFormats,
    /// Output paths of the theme's static files, by name.
    assets: BTreeMap<String, String>,
    theme: Arc<Theme>,
}

impl Site {
    pub fn new(archive: Arc<Archive>, theme: Arc<Theme>) -> Result<Site, Vec<Diagnostic>> {
        let assets = fingerprint(&theme);
        let engine = engine::Engine::new(theme.clone(), &archive, &assets)?;
        let date_formats = engine.date_formats().map_err(|error| vec![error])?;
        let views = view::Views::new(archive.clone());
        let pages = pages::list(&archive, &views);
        Ok(Site { archive, engine, views, pages, date_formats, assets, theme })
    }

    /// How the theme's `date` component words a date at each precision.
    pub fn date_formats(&self) -> &DateFormats {
        &self.date_formats
    }

    /// The archive, shared: a later site can tell whether it renders the same one.
    pub fn archive(&self) -> &Arc<Archive> {
        &self.archive
    }

    /// Every page, in a fixed order (home, articles, actors, countries, the rest).
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn render(&self, page: &Page) -> Result<OutputFile, Diagnostic> {
        let prepared = self.engine.prepare(page, &self.archive, &self.views, false)?;
        self.engine.render(page, prepared, tera::Context::new())
    }

    /// The theme's static files at their output paths.
    pub fn assets(&self) -> Vec<OutputFile> {
        self.assets
            .iter()
            .map(|(name, path)| OutputFile { path: path.clone(), bytes: self.theme.assets[name].clone() })
            .collect()
    }

    /// The page listing the open data exports (`data/index.html`) with the size of each file of
    /// `listing`: rendered apart from [`Site::pages`], once the exports are made.
    pub fn render_data(&self, listing: &[crate::export::Listed]) -> Result<OutputFile, Diagnostic> {
        let files: Vec<context::DataFileView> = listing.iter().map(context::DataFileView::new).collect();
        let mut extra = tera::Context::new();
        extra.insert("files", &files);
        let page = pages::data();
        let prepared = self.engine.prepare(&page, &self.archive, &self.views, false)?;
        self.engine.render(&page, prepared, extra)
    }

    /// The theme, shared: a later site can tell whether it renders with the same one.
    pub fn theme(&self) -> &Arc<Theme> {
        &self.theme
    }

    /// Renders every page in parallel and hands each file, and then each asset, to `sink` as soon
    /// as it is made, so that no more than a few pages are held in memory at once. A page `cache`
    /// holds from an earlier build is put in place by the cache instead, and its size handed to
    /// `kept`. Returns the number of pages, or every distinct template error.
    pub fn render_all(
        &self,
        cache: Option<&dyn PageCache>,
        sink: &(dyn Fn(OutputFile) + Sync),
        kept: &(dyn Fn(u64) + Sync),
    ) -> Result<usize, Vec<Diagnostic>> {
        let errors = Distinct::default();
        let render = |page: &Page| -> Result<(), Diagnostic> {
            let prepared = self.engine.prepare(page, &self.archive, &self.views, cache.is_some())?;
            let cached = cache.zip(prepared.digest);
            if let Some(bytes) = cached.and_then(|(cache, digest)| cache.reuse(&page.path, &digest)) {
                kept(bytes);
                return Ok(());
            }
            let file = self.engine.render(page, prepared, tera::Context::new())?;
            if let Some((cache, digest)) = cached {
                cache.record(&page.path, digest);
            }
            sink(file);
            Ok(())
        };
        self.pages.par_iter().with_max_len(PAGES_PER_TASK).for_each(|page| {
            if let Err(error) = render(page) {
                errors.add(error);
            }
        });
        let errors = errors.into_sorted();
        if !errors.is_empty() {
            return Err(errors);
        }
        self.assets().into_iter().for_each(sink);
        Ok(self.pages.len())
    }
}

/// Output paths of the theme's static files. CSS, JavaScript and images get the hash of their
/// content in the name (`assets/style.1f2e3d4c.css`) so browsers may cache them for good; other
/// files keep their names.
fn fingerprint(theme: &Theme) -> BTreeMap<String, String> {
    theme
        .assets
        .iter()
        .map(|(name, bytes)| {
            let cacheable = [".css", ".js", ".svg", ".png", ".woff2"].iter().any(|ext| name.ends_with(ext));
            let path = match name.rsplit_once('.') {
                Some((stem, extension)) if cacheable => {
                    format!("assets/{stem}.{:08x}.{extension}", seahash::hash(bytes) as u32)
                }
                _ => format!("assets/{name}"),
            };
            (name.clone(), path)
        })
        .collect()
}
