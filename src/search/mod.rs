//! Search: the prebuilt index of the archive, made from the model (never from rendered HTML), and
//! written as files next to the pages. The client, `static/search.js`, loads only the parts a
//! query needs, with `<script>` tags, so search works over http and from disk (file://) alike.
//!
//! The stages, one module each:
//!
//! ```text
//! fields ─▶ tokenize ─▶ invert ─▶ encode ─▶ shard ─▶ root
//! the texts  words,      postings   compact     manifest,   search-index.json:
//! of an      folded,     with BM25F strings     term and    where every shard
//! article    bigrams     impacts                document    is, for other readers
//!                                               shards
//! ```
//!
//! [`ranking`] holds every constant of the ranking; the manifest carries them to the client.
//! [`query`] is the reference implementation of the client's ranking: tests rank with it, and it
//! says which files a query downloads. The format is documented in `docs/search-index.md`; every
//! output is sorted and free of timestamps, so the same archive always gives the same bytes.

mod budget;
mod encode;
mod fields;
mod invert;
pub mod query;
mod ranking;
mod root;
mod shard;
pub mod tokenize;
mod typo;

use crate::date::DateFormats;
use crate::diagnostic::Diagnostic;
use crate::file::OutputFile;
use crate::model::Archive;

pub use budget::Sizes;
pub use ranking::{FIRST_PAGE, RANKING};
pub use shard::{Document, FileSizes, Index};

/// The name of the format, written in every manifest and in `search-index.json`.
pub const FORMAT: &str = "dossier-search-index";
/// Bumped whenever a reader of an older index would misread a newer one: 2 made
/// `search-index.json` the root that lists the shards instead of a copy of them; 3 put in the
/// manifest the ranking constants, page URLs and date formats that the client reads; 4 added the
/// typo shards and their keys; 5 the pages of countries and actors as documents; 6 the
/// correction of words whose every match is rare (the `ranking` fields it needs); 7 made a term
/// shard an object of its entries and its slips.
pub const VERSION: u32 = 7;

/// What a typical query may download (the manifest, the term shards of a few words and the
/// documents of the first page of results); past it the build warns.
pub const QUERY_BUDGET_BYTES: u64 = 300 * 1024;
/// What the manifest may weigh: every query loads it first.
pub const MANIFEST_BUDGET_BYTES: u64 = 64 * 1024;

/// What the search files of a site weigh, once written.
#[derive(Debug)]
pub struct SearchFiles {
    /// All the search files together, `search-index.json` included.
    pub bytes: u64,
    pub sizes: Sizes,
    /// Budget overruns, as warnings for the build summary.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the index of `archive` and hands its files to `sink` as they are made:
/// `search/index.js`, `search/terms/<n>.js`, `search/docs/<n>.js`, `search/typos/<n>.js` and
/// their root, `search-index.json`; `dates` is how the client words a result's date
/// (`render::Site::date_formats`). Returns what they weigh.
pub fn index_files(archive: &Archive, dates: &DateFormats, sink: &(dyn Fn(OutputFile) + Sync)) -> SearchFiles {
    let index = Index::build(archive);
    let files = index.write(dates, sink);
    let sizes = index.sizes(&files);
    SearchFiles { bytes: files.total(), warnings: budget_warnings(&sizes), sizes }
}

fn budget_warnings(sizes: &Sizes) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let kib = |bytes: u64| bytes.div_ceil(1024);
    for (typical, which) in [(sizes.typical_query, ""), (sizes.typical_typo_query, " with a slip in a word")] {
        if typical > QUERY_BUDGET_BYTES {
            warnings.push(
                Diagnostic::warning(
                    "search/index.js",
                    format!(
                        "a typical search{which} downloads about {} KiB, over the budget of {} KiB",
                        kib(typical),
                        kib(QUERY_BUDGET_BYTES)
                    ),
                )
                .with_help("very long articles or very many actors per article make the shards heavy"),
            );
        }
    }
    if sizes.manifest > MANIFEST_BUDGET_BYTES {
        warnings.push(Diagnostic::warning(
            "search/index.js",
            format!(
                "the search manifest weighs {} KiB, over the budget of {} KiB; every search loads it",
                kib(sizes.manifest),
                kib(MANIFEST_BUDGET_BYTES)
            ),
        ));
    }
    warnings
}
