//! Putting a complete staging folder in place of the output folder. On Linux the two folders are
//! exchanged in one step (`renameat2` with `RENAME_EXCHANGE`), so a reader of the output always
//! finds a whole site, the old or the new; elsewhere, or on a file system that cannot exchange,
//! two renames leave a moment where the output folder does not exist.

use std::fs;
use std::io;
use std::path::Path;

use super::siblings::{self, Kind};

/// Puts `staging` in place of `out` and removes the previous output.
pub fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(staging, out);
    }
    if exchange(staging, out)? {
        // `staging` now holds the previous output. The new site is in place whatever happens to
        // it; if it cannot be removed now, the next build removes it as a dead build's leftover.
        let _ = fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = siblings::named(out, Kind::Old);
    fs::rename(out, &old)?;
    if let Err(error) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(error);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Exchanges two existing paths in one step; `false` if the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(first: &Path, second: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let first = CString::new(first.as_os_str().as_bytes())?;
    let second = CString::new(second.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let exchanged = unsafe {
        libc::renameat2(libc::AT_FDCWD, first.as_ptr(), libc::AT_FDCWD, second.as_ptr(), libc::RENAME_EXCHANGE)
    };
    if exchanged == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_first: &Path, _second: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_folder_takes_the_place_of_the_old_and_nothing_is_left() {
        let temp = tempfile::tempdir().unwrap();
        let (staging, out) = (temp.path().join(".public.dossier-staging-1"), temp.path().join("public"));
        for (folder, text) in [(&staging, "new"), (&out, "old")] {
            fs::create_dir(folder).unwrap();
            fs::write(folder.join("index.html"), text).unwrap();
        }
        swap_in(&staging, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(temp.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(left, ["public"]);
    }
}
