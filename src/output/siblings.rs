//! The names a build gives what it keeps beside the output folder (its staging folder, the
//! previous output while it is swapped out, the lock file), and the removal of what dead builds
//! left there. Every name starts with `.<output name>.dossier-` and ends with the process id of
//! the build that made it, so a later build can tell a dead build's leftovers from a live one's.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a build keeps beside a file or folder it replaces.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// The folder (or zip) being written, renamed into place when complete.
    Staging,
    /// The previous output, between the two renames where the system cannot swap in one step.
    Old,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Staging, Kind::Old];

    fn word(self) -> &'static str {
        match self {
            Kind::Staging => "staging",
            Kind::Old => "old",
        }
    }
}

/// `.<name>.dossier-`: the start of every name a build keeps beside `path`.
fn prefix(path: &Path) -> String {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.dossier-")
}

/// This build's `kind` beside `path`: `.public.dossier-staging-<pid>` for `public`.
pub fn named(path: &Path, kind: Kind) -> PathBuf {
    path.with_file_name(format!("{}{}-{}", prefix(path), kind.word(), std::process::id()))
}

/// The lock file of `path`, the same for every build: `.public.dossier-lock`.
pub fn lock(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}lock", prefix(path)))
}

/// Removes what builds that are no longer running left beside `path`; a live build's are left.
pub fn clear_dead(path: &Path) -> io::Result<()> {
    let Some(parent) = path.parent() else { return Ok(()) };
    let prefix = prefix(path);
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|name| left_by(name.strip_prefix(&prefix)?)) else { continue };
        if pid == std::process::id() || !alive(pid) {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

/// The process id in `staging-<pid>` or `old-<pid>`.
fn left_by(suffix: &str) -> Option<u32> {
    Kind::ALL.iter().find_map(|kind| suffix.strip_prefix(kind.word())?.strip_prefix('-')?.parse().ok())
}

fn remove(path: &Path) -> io::Result<()> {
    let removed = if fs::symlink_metadata(path)?.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) };
    match removed {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        removed => removed,
    }
}

/// Whether a process `pid` exists. Signal 0 asks the system without sending anything; `EPERM`
/// means the process exists but belongs to another user.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 only checks that the process exists and may be signalled.
    let answered = unsafe { libc::kill(pid, 0) } == 0;
    answered || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Where processes cannot be asked about, every leftover is taken as a live build's and kept.
#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_output_name_and_the_process() {
        let pid = std::process::id();
        let out = Path::new("/site/public");
        assert_eq!(named(out, Kind::Staging), PathBuf::from(format!("/site/.public.dossier-staging-{pid}")));
        assert_eq!(named(out, Kind::Old), PathBuf::from(format!("/site/.public.dossier-old-{pid}")));
        assert_eq!(lock(out), PathBuf::from("/site/.public.dossier-lock"));
        assert_eq!(left_by("staging-42"), Some(42));
        assert_eq!(left_by("old-7"), Some(7));
        assert_eq!(left_by("lock"), None);
        assert_eq!(left_by("staging-x"), None);
    }
}
