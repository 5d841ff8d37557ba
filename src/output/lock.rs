//! The lock that lets one build at a time replace an output folder: an exclusive lock (`flock`
//! on Unix) on a file beside the folder, held from the check of the folder to the end of the
//! swap. A second build waits for it. The system releases the lock when its holder dies, even by
//! `kill -9`, so a dead build never blocks the next one.
//!
//! On Unix the file is removed when the lock is let go, so no build leaves it behind. A waiting
//! build may then hold the lock of a file that no longer has a name while a third locks a new
//! one; so after locking, a build checks that the file it locked is still the one at the path,
//! and tries again if not. Elsewhere, where a file's identity cannot be read, the file stays.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The lock, held until dropped.
pub struct Lock {
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Takes the lock at `path`; if another build holds it, calls `on_wait` once and waits.
    pub fn acquire(path: &Path, mut on_wait: impl FnMut()) -> io::Result<Lock> {
        let mut told = false;
        loop {
            let file = File::options().create(true).truncate(false).write(true).open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !std::mem::replace(&mut told, true) {
                        on_wait();
                    }
                    file.lock()?;
                }
                Err(fs::TryLockError::Error(error)) => return Err(error),
            }
            if still_named(&file, path)? {
                return Ok(Lock { path: path.to_path_buf(), _file: file });
            }
        }
    }
}

impl Drop for Lock {
    /// Removes the file while still holding it; the lock goes with the file handle just after.
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether `path` still names the file `file` is open on.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let locked = file.metadata()?;
    match fs::metadata(path) {
        Ok(named) => Ok(named.dev() == locked.dev() && named.ino() == locked.ino()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

/// Elsewhere the file is never removed, so the path always names the locked file.
#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_held_lock_blocks_another_and_its_file_goes_with_it() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join(".public.dossier-lock");
        let lock = Lock::acquire(&path, || panic!("nobody holds it")).unwrap();
        let other = File::options().write(true).open(&path).unwrap();
        assert!(matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)));
        drop(lock);
        assert!(!path.exists());
        let again = Lock::acquire(&path, || panic!("nobody holds it any more")).unwrap();
        assert!(path.exists());
        drop(again);
    }

    // The waiter locks the file the holder then removes, so it must lock again, a new file.
    #[test]
    #[cfg(unix)]
    fn a_second_build_is_told_and_waits_until_the_first_lets_go() {
        use std::os::unix::fs::MetadataExt;
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join(".public.dossier-lock");
        let held = Lock::acquire(&path, || panic!("nobody holds it")).unwrap();
        let (told, heard) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn({
            let path = path.clone();
            move || Lock::acquire(&path, || told.send(()).unwrap()).map(|lock| lock._file.metadata().unwrap())
        });
        heard.recv().unwrap();
        drop(held);
        let locked = waiter.join().unwrap().unwrap();
        assert!(!path.exists(), "the waiter let go too");
        assert_ne!(locked.nlink(), 0, "the waiter held a file that had a name");
    }
}
