//! Open data: the files a build writes for reuse beside the pages, each computed from the
//! archive once per build (never from rendered pages) and handed on as [`OutputFile`]s, which
//! `dossier build` writes through the same staging folder as pages (and so into the zip too) and
//! `dossier serve` serves with the search index. One module per export; their formats are
//! documented in `docs/data.md`, and the page `data/index.html` lists them. Beside them, the
//! files for the open web and for citation (`web_files`).

mod archive;
pub mod citations;
mod claims_csv;
mod entity;
pub mod history;
mod record;
pub mod sitemap;
mod stix;

use rayon::prelude::*;
use serde::Serialize;

use crate::file::OutputFile;
use crate::model::Archive;
use crate::render::Site;

/// Makes one export of an archive.
type MakeFile = fn(&Archive) -> OutputFile;

/// The exports under `data/` that are one file each: the key `templates/data.html` words each by
/// (its format, what it holds, how to load it), and the function that makes it, in the page's order.
const DATA_FILES: [(&str, MakeFile); 4] =
    [("archive", archive::json), ("schema", archive::schema), ("claims", claims_csv::csv), ("stix", stix::bundle)];

/// A file under `data/` as its page lists it.
pub struct Listed {
    pub key: &'static str,
    pub path: String,
    pub bytes: usize,
}

/// The exports of an archive, once made (see [`Exports::new`]).
pub struct Exports {
    /// The files under `data/`, in [`DATA_FILES`]' order.
    listing: Vec<Listed>,
}

impl Exports {
    /// Makes every export of `archive`, in parallel, and hands each file to `sink` as soon as it
    /// is made, so that they are never all held at once; keeps what the page listing the files
    /// under `data/` shows of them.
    pub fn new(archive: &Archive, sink: &(dyn Fn(OutputFile) + Sync)) -> Exports {
        let (listing, ()) = rayon::join(
            || {
                let made = |(key, make): &(&'static str, MakeFile)| {
                    let file = make(archive);
                    let listed = Listed { key, path: file.path.clone(), bytes: file.bytes.len() };
                    sink(file);
                    listed
                };
                DATA_FILES.par_iter().map(made).collect()
            },
            || entity::files(archive, sink),
        );
        Exports { listing }
    }

    /// The files under `data/`, for the page that lists them.
    pub fn listing(&self) -> &[Listed] {
        &self.listing
    }
}

/// `value` as compact JSON. Serialising records of plain strings and numbers into memory cannot
/// fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|error| unreachable!("an export serialises: {error}"))
}

/// `value` as compact JSON kept as such, for its bytes to be written into several files.
fn to_raw_json(value: &impl Serialize) -> Box<serde_json::value::RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|error| unreachable!("an export serialises: {error}"))
}

/// The files for the open web and for citation: `data/citations.json`, and `sitemap.xml` and
/// `robots.txt` when the site has a `base_url`, their dates from `history`.
pub fn web_files(site: &Site, history: &history::History) -> Vec<OutputFile> {
    let mut files = vec![citations::file(site.archive())];
    // The data page is rendered apart, once the exports are made, so it is not in the page list.
    let pages: Vec<_> = site.pages().iter().cloned().chain([crate::render::data_page()]).collect();
    files.extend(sitemap::files(site.archive(), &pages, history));
    files
}
