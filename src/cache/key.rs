//! The key that signs this machine's build caches. It lives outside every site, in the user's
//! cache folder (`$XDG_CACHE_HOME/dossier/key`, else `~/.cache/dossier/key`), readable by its
//! owner alone: a cache that arrived with a site (a pull request, a copied folder) was signed with
//! another key or none, and is worthless.

use std::fs;
use std::io::{self, Write};
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

pub type Key = [u8; 32];

/// This machine's key, made on first use; `None` if there is no cache folder to keep it in.
pub fn machine_key() -> Option<Key> {
    let folder = cache_home()?.join("dossier");
    let path = folder.join("key");
    if let Some(key) = read(&path) {
        return Some(key);
    }
    let mut folders = fs::DirBuilder::new();
    #[cfg(unix)]
    folders.mode(0o700);
    folders.recursive(true).create(&folder).ok()?;
    let mut key = Key::default();
    getrandom::fill(&mut key).ok()?;
    // Written aside and linked into place, so that two builds making it at once agree on one key.
    let draft = folder.join(format!("key.{}.new", std::process::id()));
    let written = (|| -> io::Result<()> {
        let mut options = fs::OpenOptions::new();
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.write(true).create_new(true).open(&draft)?;
        file.write_all(&key)?;
        file.sync_all()?;
        fs::hard_link(&draft, &path)
    })();
    let _ = fs::remove_file(&draft);
    match written {
        Ok(()) => Some(key),
        Err(_) => read(&path),
    }
}

fn read(path: &std::path::Path) -> Option<Key> {
    fs::read(path).ok()?.try_into().ok()
}

/// The user's cache folder: `$XDG_CACHE_HOME` if it is an absolute path, else `~/.cache`.
fn cache_home() -> Option<PathBuf> {
    let absolute = |value: std::ffi::OsString| Some(PathBuf::from(value)).filter(|path| path.is_absolute());
    std::env::var_os("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| std::env::var_os("HOME").and_then(absolute).map(|home| home.join(".cache")))
}
