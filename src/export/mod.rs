//! Open data: the files a build writes for reuse beside the pages, each computed from the
//! archive once per build (never from rendered pages) and handed on as [`OutputFile`]s, which
//! `dossier build` writes through the same staging folder as pages (and so into the zip too) and
//! `dossier serve` serves with the search index. One module per export; their formats are
//! documented in `docs/data.md`, and the page `data/index.html` lists them.

mod archive;
mod claims_csv;
mod entity;
mod record;
mod stix;

use rayon::prelude::*;
use serde::Serialize;

use crate::file::OutputFile;
use crate::model::Archive;

pub use archive::{FORMAT, VERSION};
pub use claims_csv::HEADER as CSV_HEADER;

/// The exports that are one file each, by the function that makes it: the files `data/index.html`
/// lists, in its order.
const SINGLE_FILES: [fn(&Archive) -> OutputFile; 4] = [archive::json, archive::schema, claims_csv::csv, stix::bundle];

/// Every export of the archive: the files under `data/` in [`SINGLE_FILES`]' order, then each
/// actor's and country's JSON.
pub fn files(archive: &Archive) -> Vec<OutputFile> {
    let (mut files, entities) = rayon::join(
        || SINGLE_FILES.par_iter().map(|make| make(archive)).collect::<Vec<_>>(),
        || entity::files(archive),
    );
    files.extend(entities);
    files
}

/// `value` as compact JSON. Serialising records of plain strings and numbers into memory cannot
/// fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|error| unreachable!("an export serialises: {error}"))
}
