//! Files made from the whole archive once per build, beside the pages and the search index, and
//! served by `dossier serve` too: one module per export.

pub mod citations;
pub mod history;
pub mod sitemap;

use crate::file::OutputFile;
use crate::render::Site;

/// The files for the open web and for citation: `data/citations.json`, and `sitemap.xml` and
/// `robots.txt` when the site has a `base_url`, their dates from `history`.
pub fn web_files(site: &Site, history: &history::History) -> Vec<OutputFile> {
    let mut files = vec![citations::file(site.archive())];
    files.extend(sitemap::files(site.archive(), site.pages(), history));
    files
}
