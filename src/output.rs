//! Output: the rendered files reach the disk here and nowhere else.
//!
//! A build writes into a temporary folder beside the output folder, page by page as they are
//! rendered, and swaps it in with two renames only when every file is written, so readers of the output (a web server, a preview)
//! never see a half-written site, and a failed build leaves the previous output as it was. The
//! zip for offline readers is written to a temporary file and renamed the same way.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::render::OutputFile;

type WriteError = (PathBuf, std::io::Error);

fn at(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| (path.to_path_buf(), error)
}

/// A sibling of `path` named `.<name>.<suffix>-<pid>`, for staging and swapping.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

/// The folder a build writes into, beside the output folder, swapped in by [`Staging::finish`]
/// once every file is in it. Files are written as they are made, from any thread. A staging
/// folder dropped unfinished (a failed build) is removed, and the output stays as it was.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    /// The first write that failed; the writes after it are skipped.
    failure: Mutex<Option<WriteError>>,
    finished: bool,
}

impl Staging {
    /// Starts replacing the folder `out`, which must not look like a site folder.
    pub fn begin(out: &Path) -> Result<Staging, WriteError> {
        if out.join("site.toml").exists() || out.join("content").is_dir() {
            let refusal =
                std::io::Error::other("it looks like a site folder, not an output folder; refusing to replace it");
            return Err((out.to_path_buf(), refusal));
        }
        if let Some(parent) = out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let folder = sibling(out, "tmp");
        if folder.exists() {
            fs::remove_dir_all(&folder).map_err(at(&folder))?;
        }
        fs::create_dir_all(&folder).map_err(at(&folder))?;
        Ok(Staging { out: out.to_path_buf(), folder, failure: Mutex::new(None), finished: false })
    }

    /// Writes `file`, making its folders as needed. A failure is kept for [`Staging::finish`].
    pub fn write(&self, file: &OutputFile) {
        if self.failed() {
            return;
        }
        let path = self.folder.join(&file.path);
        let written = match fs::write(&path, &file.bytes) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                path.parent().map_or(Err(error), fs::create_dir_all).and_then(|()| fs::write(&path, &file.bytes))
            }
            written => written,
        };
        if let Err(error) = written {
            self.failure.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert((path, error));
        }
    }

    fn failed(&self) -> bool {
        self.failure.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Swaps the staging folder in for the output folder, or reports the first failed write.
    pub fn finish(mut self) -> Result<(), WriteError> {
        if let Some(failure) = self.failure.lock().unwrap_or_else(PoisonError::into_inner).take() {
            return Err(failure);
        }
        swap_in(&self.folder, &self.out)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

fn swap_in(staging: &Path, out: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(at(out));
    }
    let old = sibling(out, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(at(&old))?;
    }
    fs::rename(out, &old).map_err(at(out))?;
    if let Err(error) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err((out.to_path_buf(), error));
    }
    fs::remove_dir_all(&old).map_err(at(&old))
}

/// Writes `files` into the zip `path`, under one folder named after the zip (`site.zip` holds
/// `site/index.html`), with fixed timestamps so the same site gives the same bytes.
pub fn write_zip(path: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let folder = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    let staging = sibling(path, "tmp");
    let result = (|| {
        let file = fs::File::create(&staging).map_err(at(&staging))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for file in files {
            let name = format!("{folder}/{}", file.path);
            zip.start_file(name, options).map_err(|error| (staging.clone(), std::io::Error::other(error)))?;
            zip.write_all(&file.bytes).map_err(at(&staging))?;
        }
        zip.finish().map_err(|error| (staging.clone(), std::io::Error::other(error)))?.flush().map_err(at(&staging))?;
        fs::rename(&staging, path).map_err(at(path))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.to_owned(), bytes: text.as_bytes().to_vec() }
    }

    fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
        let staging = Staging::begin(out)?;
        files.iter().for_each(|file| staging.write(file));
        staging.finish()
    }

    #[test]
    fn a_second_write_replaces_the_whole_folder() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        write_atomically(&out, &[file("index.html", "one"), file("old/index.html", "x")]).unwrap();
        write_atomically(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(temp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec!["public"]);
    }

    #[test]
    fn a_site_folder_is_never_replaced() {
        let temp = tempfile::tempdir().unwrap();
        fs::write(temp.path().join("site.toml"), "title = 'x'").unwrap();
        let error = write_atomically(temp.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(error.1.to_string().contains("refusing"));
        assert!(temp.path().join("site.toml").exists());
    }
}
