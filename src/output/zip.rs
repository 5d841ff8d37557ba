//! The offline zip, made from the staging folder once every file is in it: the files are read
//! back in sorted order (so the same site gives the same bytes), a few at a time, rewritten for
//! reading from disk in parallel, and streamed into the zip, so the site is never held in memory.
//! The zip is written beside its final place and renamed there when complete.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::WriteError;
use super::siblings::{self, Kind};
use crate::file::OutputFile;
use crate::layout::MARKER;

/// How many files are read and rewritten at once: enough to keep every core busy, few enough
/// that memory does not grow with the site.
const BATCH: usize = 256;

/// Writes the files of `folder`, each passed through `offline` (which may leave one out), into
/// the zip `target`, under one folder named after it (`site.zip` holds `site/index.html`), with
/// fixed timestamps.
pub fn write(
    folder: &Path,
    target: &Path,
    offline: &(dyn Fn(&OutputFile) -> Option<OutputFile> + Sync),
) -> Result<(), WriteError> {
    let paths = sorted_files(folder)?;
    let temporary = siblings::named(target, Kind::Staging);
    let written = write_entries(folder, &paths, &temporary, target, offline)
        .and_then(|()| fs::rename(&temporary, target).map_err(|error| (target.to_path_buf(), error)));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

fn write_entries(
    folder: &Path,
    paths: &[String],
    temporary: &Path,
    target: &Path,
    offline: &(dyn Fn(&OutputFile) -> Option<OutputFile> + Sync),
) -> Result<(), WriteError> {
    let in_zip = |error: io::Error| (temporary.to_path_buf(), error);
    let top = target.file_stem().map_or_else(|| "site".into(), |stem| stem.to_string_lossy().into_owned());
    let mut zip = zip::ZipWriter::new(BufWriter::new(fs::File::create(temporary).map_err(in_zip)?));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for batch in paths.chunks(BATCH) {
        let files: Vec<Result<Option<OutputFile>, WriteError>> =
            batch.par_iter().map(|path| read(folder, path).map(|file| offline(&file))).collect();
        for file in files.into_iter().filter_map(Result::transpose) {
            let file = file?;
            zip.start_file(format!("{top}/{}", file.path), options).map_err(|error| in_zip(io::Error::other(error)))?;
            zip.write_all(&file.bytes).map_err(in_zip)?;
        }
    }
    zip.finish().map_err(|error| in_zip(io::Error::other(error)))?.flush().map_err(in_zip)
}

fn read(folder: &Path, path: &str) -> Result<OutputFile, WriteError> {
    let full = folder.join(path);
    let bytes = fs::read(&full).map_err(|error| (full, error))?;
    Ok(OutputFile { path: path.to_owned(), bytes })
}

/// Every file of `folder` but the marker, by `/`-separated path, sorted.
fn sorted_files(folder: &Path) -> Result<Vec<String>, WriteError> {
    let mut paths = Vec::new();
    for entry in WalkDir::new(folder).min_depth(1) {
        let entry = entry.map_err(|error| (folder.to_path_buf(), io::Error::other(error)))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let parts: Vec<_> = relative.components().map(|part| part.as_os_str().to_string_lossy()).collect();
        if parts != [MARKER] {
            paths.push(parts.join("/"));
        }
    }
    paths.sort();
    Ok(paths)
}
