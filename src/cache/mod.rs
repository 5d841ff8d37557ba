//! The build cache, `.dossier-cache/` in the site root: what the last build on this machine
//! wrote and from what, so that a build does only what changed since. A build of the same inputs
//! ([`Fingerprint`]) into an output folder still as that build left it does nothing at all; any
//! other build renders only the pages whose template and context changed ([`render::PageCache`]),
//! taking the others from the output folder the last build left; the search index and the
//! exports are made again whole. Either way the output is byte for byte a clean build's.
//!
//! The site root is written by strangers, and so may be the cache folder. Its manifest is signed
//! under a key kept outside every site ([`key`]), and a file it vouches for is used only if it
//! is still the very file the build left ([`manifest::Identity`]): a cache another machine wrote,
//! or edited, cut short or naming files changed since, is ignored (the build renders instead),
//! never trusted.

mod inputs;
mod key;
mod manifest;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::Made;
use crate::file::OutputFile;
use crate::layout::{MARKER, MARKER_TEXT};
use crate::output::Staging;
use crate::render::{self, Digest};
pub use inputs::Fingerprint;
use manifest::{Entry, Identity, Manifest, Zipped};

/// The cache's folder in the site root.
pub const FOLDER: &str = ".dossier-cache";
const MANIFEST: &str = "manifest";
/// What the cache folder holds besides the manifest: the tag that tells backup tools it is a
/// cache (<https://bford.info/cachedir/>), and a `.gitignore` that keeps it out of git.
const FOLDER_FILES: [(&str, &str); 2] = [
    (
        "CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n# dossier's build cache: see `dossier build --help`\n",
    ),
    (".gitignore", "*\n"),
];

/// The cache as a build uses it: the last build's manifest if it can be trusted, and what this
/// build wrote, for the next one.
pub struct Cache {
    folder: PathBuf,
    key: key::Key,
    fingerprint: Fingerprint,
    previous: Option<Previous>,
    reused: AtomicUsize,
    pages: Mutex<HashMap<String, Digest>>,
}

/// The last build's manifest, and whether its pages were made with the same binary, theme and
/// configuration as this build's.
struct Previous {
    manifest: Manifest,
    same_pages: bool,
}

impl Cache {
    /// The cache of the site at `root` for a build whose settings are `page_settings` (those that
    /// reach the pages) and `build_settings` (the rest). `None` when the cache cannot be used: no
    /// key can be kept on this machine, a file of the site cannot be read, the cache folder is
    /// not a folder of its own (a link, a file), or the system is not a Unix (whose files' change
    /// time tells the files a build left: [`Identity`]).
    pub fn open(root: &Path, page_settings: &[u8], build_settings: &[u8]) -> Option<Cache> {
        let folder = root.join(FOLDER);
        if !cfg!(unix) || fs::symlink_metadata(&folder).is_ok_and(|metadata| !metadata.is_dir()) {
            return None;
        }
        let key = key::machine_key()?;
        let fingerprint = Fingerprint::read(root, page_settings, build_settings)?;
        let previous = Manifest::read(&folder.join(MANIFEST), &key).map(|manifest| {
            let same_pages = manifest.pages_key == hex(&fingerprint.pages);
            Previous { manifest, same_pages }
        });
        Some(Cache { folder, key, fingerprint, previous, reused: AtomicUsize::new(0), pages: Mutex::default() })
    }

    /// Forgets the cache of the site at `root`, for a build told not to use it.
    pub fn forget(root: &Path) {
        let folder = root.join(FOLDER);
        if fs::symlink_metadata(&folder).is_ok_and(|metadata| metadata.is_dir()) {
            let _ = fs::remove_file(folder.join(MANIFEST));
        }
    }

    /// What the last build made if it had this build's inputs and `out` (and the zip `zip`) still
    /// holds exactly what it wrote: then there is nothing to do.
    pub fn unchanged(&self, out: &Path, zip: Option<&Path>) -> Option<Made> {
        let manifest = &self.previous.as_ref()?.manifest;
        let same = manifest.build_key == hex(&self.fingerprint.build) && manifest.out == out;
        (same && holds_exactly(out, manifest, zip)).then(|| manifest.made.clone())
    }

    /// Whether this build should digest its pages, for itself and the next build: only when the
    /// last build on this machine left a manifest. The first build of a site here (on CI: every
    /// build) would digest every page's context for nothing, 8% of its time at 10k
    /// (docs/performance.md, "Session 8"); the build after it digests, the one after that reuses.
    pub fn digests_pages(&self) -> bool {
        self.previous.is_some()
    }

    /// How many pages were taken from the last build's output.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Writes the manifest of this build, whose files are in `out` and the zip `zip` as it
    /// left them (the previous output removed: a file linked from it changed its change time
    /// then), and which made `made`.
    pub fn save(&self, out: &Path, zip: Option<&Path>, made: &Made) -> io::Result<()> {
        let mut manifest = Manifest::new(hex(&self.fingerprint.pages), hex(&self.fingerprint.build), out.to_path_buf());
        if let Some(zip) = zip {
            let path = crate::layout::resolve(zip)?;
            let identity =
                Identity::of(&path).ok_or_else(|| io::Error::other("the zip is not where it was written"))?;
            manifest.zip = Some(Zipped { path, identity });
        }
        manifest.made = made.clone();
        let pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        let zipped = manifest.zip.as_ref().map(|zipped| zipped.path.as_path());
        manifest.files = files_in(out, zipped)
            .ok_or_else(|| io::Error::other("the output holds more than files and folders"))?
            .into_iter()
            .map(|(path, identity)| {
                let page = pages.get(&path).map(hex);
                Entry { path, identity, page }
            })
            .collect();
        fs::create_dir_all(&self.folder)?;
        for (name, text) in FOLDER_FILES {
            let path = self.folder.join(name);
            if !path.is_file() {
                fs::write(path, text)?;
            }
        }
        manifest.write(&self.folder.join(MANIFEST), &self.key)
    }

    /// The cache as the pages of a build writing into `staging` use it.
    pub fn pages<'a>(&'a self, staging: &'a Staging) -> Pages<'a> {
        Pages { cache: self, staging }
    }
}

/// The build cache as a build's pages use it: a page reused is linked from the last output into
/// the staging folder ([`Staging::link`]), not read and written again.
pub struct Pages<'a> {
    cache: &'a Cache,
    staging: &'a Staging,
}

impl render::PageCache for Pages<'_> {
    fn reuse(&self, path: &str, digest: &Digest) -> Option<u64> {
        let previous = self.cache.previous.as_ref().filter(|previous| previous.same_pages)?;
        // The files are listed by path in order ([`files_in`]).
        let files = &previous.manifest.files;
        let entry = &files[files.binary_search_by(|entry| entry.path.as_str().cmp(path)).ok()?];
        if entry.page.as_deref() != Some(hex(digest).as_str()) {
            return None;
        }
        let old = previous.manifest.out.join(path);
        let same = || Identity::of(&old) == Some(entry.identity);
        // Checked just before the link, which moves the file's change time; where the last
        // output is on another file system, the bytes are read and checked after the read.
        if !same() {
            return None;
        }
        if self.staging.link(&old, path).is_err() {
            let bytes = fs::read(&old).ok().filter(|_| same())?;
            self.staging.write(&OutputFile { path: path.to_owned(), bytes });
        }
        self.cache.reused.fetch_add(1, Ordering::Relaxed);
        self.record(path, *digest);
        Some(entry.identity.size)
    }

    fn record(&self, path: &str, digest: Digest) {
        self.cache.pages.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned(), digest);
    }
}

/// Whether `out` holds the files of `manifest` and nothing else (its marker aside, and the zip if
/// it lies inside), each the very file the last build left, and the zip `zip` is the one it
/// wrote.
fn holds_exactly(out: &Path, manifest: &Manifest, zip: Option<&Path>) -> bool {
    let zip = match (zip, &manifest.zip) {
        (None, None) => None,
        (Some(zip), Some(zipped)) if crate::layout::resolve(zip).is_ok_and(|path| path == zipped.path) => Some(zipped),
        _ => return false,
    };
    let marker = fs::read(out.join(MARKER)).is_ok_and(|bytes| bytes == MARKER_TEXT.as_bytes());
    let zip_intact = zip.is_none_or(|zipped| Identity::of(&zipped.path) == Some(zipped.identity));
    let files = || files_in(out, zip.map(|zipped| zipped.path.as_path()));
    marker
        && zip_intact
        && files().is_some_and(|files| {
            files.len() == manifest.files.len()
                && files
                    .iter()
                    .zip(&manifest.files)
                    .all(|((path, identity), entry)| *path == entry.path && *identity == entry.identity)
        })
}

/// Every file under `out` but its marker and the zip `zip`, by path in order, with its identity;
/// `None` if it holds anything but files and folders.
fn files_in(out: &Path, zip: Option<&Path>) -> Option<Vec<(String, Identity)>> {
    let mut paths = Vec::new();
    for entry in WalkDir::new(out).min_depth(1) {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() || Some(entry.path()) == zip {
            continue;
        }
        let relative = entry.path().strip_prefix(out).ok()?.to_str()?;
        if entry.file_type().is_file() && relative != MARKER {
            paths.push((relative.to_owned(), entry.path().to_path_buf()));
        } else if !entry.file_type().is_file() {
            return None;
        }
    }
    paths.sort_unstable();
    paths.into_par_iter().map(|(relative, path)| Some((relative, Identity::of(&path)?))).collect()
}

fn hex(digest: &Digest) -> String {
    blake3::Hash::from(*digest).to_hex().to_string()
}
