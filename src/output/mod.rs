//! Output: the rendered files reach the disk here and nowhere else.
//!
//! A build replaces its output folder whole, so it first makes sure the folder is its own (see
//! [`crate::layout`]): new, empty, or marked by an earlier build. It takes the folder's lock
//! (one build at a time), removes what dead builds left beside it, and writes into a staging
//! folder beside it, page by page as they are rendered. The offline zip is made from the staging
//! folder and moved into place; then the staging folder is swapped in for the output. Readers
//! of the output (a web server, a preview) never see a half-written site, and a failed build,
//! zip included, leaves the previous output as it was.

mod lock;
mod siblings;
mod swap;
mod zip;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::file::OutputFile;
use crate::layout::{self, MARKER, MARKER_TEXT, Refusal};

type WriteError = (PathBuf, io::Error);

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("will not write the site into {}: {reason}", .path.display())]
    Refused { path: PathBuf, reason: Refusal },
    #[error("cannot write {}: {source}", .path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl From<WriteError> for Error {
    fn from((path, source): WriteError) -> Error {
        Error::Write { path, source }
    }
}

fn at(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_path_buf(), source }
}

/// The folder a build writes into, beside the output folder, swapped in by [`Staging::finish`]
/// once every file is in it. Files are written as they are made, from any thread. A staging
/// folder dropped unfinished (a failed build) is removed, and the output stays as it was. The
/// output's lock is held from [`Staging::begin`] until the staging folder is swapped in or
/// removed.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    /// The first write that failed; the writes after it are skipped.
    failure: Mutex<Option<WriteError>>,
    finished: bool,
    _lock: lock::Lock,
}

impl Staging {
    /// Starts replacing the folder `out`, as placed by [`layout::place_output`]. Refuses a
    /// file, or a folder with files in it that no dossier build made. If another build holds
    /// the output's lock, calls `on_wait` and waits for it.
    pub fn begin(out: &Path, on_wait: fn(&Path)) -> Result<Staging, Error> {
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let lock_path = siblings::lock(out);
        let lock = lock::Lock::acquire(&lock_path, || on_wait(out)).map_err(at(&lock_path))?;
        claim(out)?;
        siblings::clear_dead(out).map_err(at(out))?;
        let folder = siblings::named(out, siblings::Kind::Staging);
        fs::create_dir(&folder).map_err(at(&folder))?;
        let staging =
            Staging { out: out.to_path_buf(), folder, failure: Mutex::new(None), finished: false, _lock: lock };
        let marker = staging.folder.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(at(&marker))?;
        Ok(staging)
    }

    /// Writes `file`, making its folders as needed. A failure is kept for [`Staging::finish`].
    pub fn write(&self, file: &OutputFile) {
        if self.failure.lock().unwrap_or_else(PoisonError::into_inner).is_some() {
            return;
        }
        let path = self.folder.join(&file.path);
        let written = match fs::write(&path, &file.bytes) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                path.parent().map_or(Err(error), fs::create_dir_all).and_then(|()| fs::write(&path, &file.bytes))
            }
            written => written,
        };
        if let Err(error) = written {
            self.failure.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert((path, error));
        }
    }

    /// Puts the file `from` (of an earlier build's output) at `path` as a hard link, making its
    /// folders as needed: the bytes are not copied. Fails where `from` lies on another file
    /// system; the caller then writes the bytes.
    pub fn link(&self, from: &Path, path: &str) -> io::Result<()> {
        let to = self.folder.join(path);
        match fs::hard_link(from, &to) {
            Err(error) if error.kind() == io::ErrorKind::NotFound && from.exists() => {
                to.parent().map_or(Err(error), fs::create_dir_all).and_then(|()| fs::hard_link(from, &to))
            }
            linked => linked,
        }
    }

    /// The first write that failed, if any.
    fn failed(&self) -> Result<(), Error> {
        match self.failure.lock().unwrap_or_else(PoisonError::into_inner).take() {
            Some(failure) => Err(failure.into()),
            None => Ok(()),
        }
    }

    /// Writes the staged site, each file passed through `offline`, into the zip `path`, and
    /// moves the zip into place. A zip inside the output folder is written into the staging
    /// folder, to appear with the site.
    pub fn zip(&self, path: &Path, offline: &(dyn Fn(&OutputFile) -> Option<OutputFile> + Sync)) -> Result<(), Error> {
        self.failed()?;
        let target = self.zip_target(path)?;
        siblings::clear_dead(&target).map_err(at(path))?;
        zip::write(&self.folder, &target, offline).map_err(Error::from)
    }

    /// Where the zip `path` is written: in the staging folder if it belongs in the output.
    fn zip_target(&self, path: &Path) -> Result<PathBuf, Error> {
        let resolved = layout::resolve(path).map_err(at(path))?;
        match resolved.strip_prefix(&self.out) {
            Err(_) => Ok(resolved),
            Ok(inside) if inside.as_os_str().is_empty() => {
                Err(at(path)(io::Error::other("the zip cannot take the place of the output folder")))
            }
            Ok(inside) => {
                let target = self.folder.join(inside);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(at(parent))?;
                }
                Ok(target)
            }
        }
    }

    /// Swaps the staging folder in for the output folder, or reports the first failed write.
    pub fn finish(self) -> Result<(), Error> {
        self.finish_then(|_| {})
    }

    /// Swaps the staging folder in for the output folder (the previous output removed), then
    /// calls `then` with the output while the lock is still held; or reports the first failed
    /// write.
    pub fn finish_then(mut self, then: impl FnOnce(&Path)) -> Result<(), Error> {
        self.failed()?;
        swap::swap_in(&self.folder, &self.out).map_err(at(&self.out))?;
        self.finished = true;
        then(&self.out);
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

/// Whether the build may replace `out`: it does not exist, or it is a folder that is empty or
/// carries the marker of an earlier build.
fn claim(out: &Path) -> Result<(), Error> {
    let refused = |reason| Error::Refused { path: out.to_path_buf(), reason };
    match fs::symlink_metadata(out) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(at(out)(error)),
        Ok(metadata) if !metadata.is_dir() => Err(refused(Refusal::NotAFolder)),
        Ok(_) if out.join(MARKER).is_file() => Ok(()),
        Ok(_) => match fs::read_dir(out).map_err(at(out))?.next() {
            None => Ok(()),
            Some(_) => Err(refused(Refusal::NotOurs)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.to_owned(), bytes: text.as_bytes().to_vec() }
    }

    fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<(), Error> {
        let staging = Staging::begin(out, |_| {})?;
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
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(temp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec!["public"]);
    }

    #[test]
    fn a_folder_no_build_made_is_never_replaced() {
        let temp = tempfile::tempdir().unwrap();
        fs::write(temp.path().join("notes.txt"), "mine").unwrap();
        let error = write_atomically(temp.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(error, Error::Refused { reason: Refusal::NotOurs, .. }), "{error}");
        assert!(temp.path().join("notes.txt").exists());
    }
}
