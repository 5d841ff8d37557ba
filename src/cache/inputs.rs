//! The fingerprint of what a build reads: the binary running it, the site's folders and
//! `site.toml`, and the settings it was given. Every file under the source folders counts, those
//! the loader skips too, and symbolic links by where they point: a file seen in vain costs a
//! rebuild, a file missed would cost a stale site. The theme and `site.toml` count by their
//! bytes; the files of `content/`, tens of thousands, by their identity ([`Identity`]: no file
//! changes without it), so that the fingerprint of a large archive is a matter of milliseconds.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::manifest::Identity;
use crate::layout::{CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR};
use crate::render::Digest;

/// Where the configuration is read from, relative to the site root.
const CONFIG_FILE: &str = "site.toml";

/// What a build's output depends on, in two parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// What every page depends on besides its own context: the binary, `templates/`, `static/`,
    /// `site.toml` and the settings that reach the pages.
    pub pages: Digest,
    /// All a build depends on: the above, `content/`, and the rest of `settings`.
    pub build: Digest,
}

impl Fingerprint {
    /// Reads the fingerprint of the site at `root` for a build with `page_settings` (what of the
    /// command line reaches the pages) and `build_settings` (the rest: where it writes, the git
    /// history it dates the sitemap by). `None` if a file could not be read: the build reports it.
    pub fn read(root: &Path, page_settings: &[u8], build_settings: &[u8]) -> Option<Fingerprint> {
        let mut pages = blake3::Hasher::new();
        pages.update(&binary()?);
        pages.update(&(page_settings.len() as u64).to_le_bytes()).update(page_settings);
        for folder in [TEMPLATES_DIR, STATIC_DIR] {
            folder_into(root, folder, By::Bytes, &mut pages).ok()?;
        }
        // Read as the configuration is, through a link.
        match fs::read(root.join(CONFIG_FILE)) {
            Ok(bytes) => pages.update(b"config\0").update(&bytes),
            Err(error) if error.kind() == io::ErrorKind::NotFound => pages.update(b"no config\0"),
            Err(_) => return None,
        };
        let pages = *pages.finalize().as_bytes();
        let mut build = blake3::Hasher::new();
        build.update(&pages);
        build.update(&(build_settings.len() as u64).to_le_bytes()).update(build_settings);
        folder_into(root, CONTENT_DIR, By::Identity, &mut build).ok()?;
        Some(Fingerprint { pages, build: *build.finalize().as_bytes() })
    }
}

/// The digest of the binary running, as loaded: on Linux the image itself, even if the file was
/// replaced since it started.
fn binary() -> Option<Digest> {
    let bytes = fs::read("/proc/self/exe").or_else(|_| std::env::current_exe().and_then(fs::read)).ok()?;
    Some(*blake3::Hasher::new().update_rayon(&bytes).finalize().as_bytes())
}

/// How a file counts: by its bytes, or by its identity.
#[derive(Clone, Copy)]
enum By {
    Bytes,
    Identity,
}

/// Every entry under `root/folder`, in name order: the path of each, and a file as `by` says or
/// the target of a link. A link to a folder of the site is followed as well (the loader follows
/// such links where it lists a folder), each folder walked once, so that a loop ends; a link out
/// of the site is not (the build refuses or ignores it). An absent folder is hashed as absent,
/// and a source folder the build would refuse is an error: no cache for that build.
fn folder_into(root: &Path, folder: &str, by: By, hasher: &mut blake3::Hasher) -> io::Result<()> {
    let Some(base) = crate::layout::source_folder(root, folder).map_err(|refused| io::Error::other(refused.message))?
    else {
        hasher.update(b"absent\0").update(folder.as_bytes());
        return Ok(());
    };
    let walk = Walk { site: root.canonicalize()?, by };
    walk.folder(&base, Path::new(folder), &mut HashSet::new(), hasher)
}

/// A walk of a source folder, for [`folder_into`].
struct Walk {
    /// The site root resolved, which a followed link's target must lie in.
    site: PathBuf,
    by: By,
}

impl Walk {
    /// The entries of `folder`, shown as `shown` (the path from the site root by which the
    /// build sees it), unless the walk has been in it already.
    fn folder(
        &self,
        folder: &Path,
        shown: &Path,
        seen: &mut HashSet<PathBuf>,
        hasher: &mut blake3::Hasher,
    ) -> io::Result<()> {
        hasher.update(b"folder\0");
        path_into(shown, hasher);
        if !seen.insert(folder.canonicalize()?) {
            hasher.update(b"seen\0");
            return Ok(());
        }
        let mut entries = fs::read_dir(folder)?.collect::<io::Result<Vec<_>>>()?;
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let (path, relative) = (entry.path(), shown.join(entry.file_name()));
            let kind = entry.file_type()?;
            if kind.is_dir() {
                self.folder(&path, &relative, seen, hasher)?;
                continue;
            }
            file_into(&path, &relative, self.by, hasher)?;
            let target = kind.is_symlink().then(|| path.canonicalize().ok()).flatten();
            if let Some(target) = target.filter(|target| target.starts_with(&self.site) && target.is_dir()) {
                self.folder(&target, &relative, seen, hasher)?;
            }
        }
        Ok(())
    }
}

/// A file as its path and bytes or identity, a link as its path and target, anything else as its
/// path.
fn file_into(path: &Path, relative: &Path, by: By, hasher: &mut blake3::Hasher) -> io::Result<()> {
    let metadata = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            hasher.update(b"absent\0");
            path_into(relative, hasher);
            return Ok(());
        }
        metadata => metadata?,
    };
    if metadata.file_type().is_symlink() {
        hasher.update(b"link\0");
        path_into(relative, hasher);
        path_into(&fs::read_link(path)?, hasher);
    } else if metadata.is_file() {
        hasher.update(b"file\0");
        path_into(relative, hasher);
        match by {
            By::Bytes => {
                let bytes = fs::read(path)?;
                hasher.update(&(bytes.len() as u64).to_le_bytes()).update(&bytes);
            }
            By::Identity => {
                let identity = Identity::from(&metadata);
                hasher.update(&serde_json::to_vec(&identity).map_err(io::Error::other)?);
            }
        }
    } else {
        hasher.update(b"other\0");
        path_into(relative, hasher);
    }
    Ok(())
}

fn path_into(path: &Path, hasher: &mut blake3::Hasher) {
    let bytes = path.as_os_str().as_encoded_bytes();
    hasher.update(&(bytes.len() as u64).to_le_bytes()).update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("content/articles")).unwrap();
        fs::write(root.path().join("content/articles/a.md"), "x").unwrap();
        fs::write(root.path().join(CONFIG_FILE), "title = \"t\"\n").unwrap();
        root
    }

    fn read(root: &Path) -> Fingerprint {
        Fingerprint::read(root, b"", b"").unwrap()
    }

    #[test]
    fn content_moves_the_build_part_only_and_the_theme_both() {
        let root = site();
        let before = read(root.path());
        assert_eq!(before, read(root.path()));
        fs::write(root.path().join("content/articles/a.md"), "y").unwrap();
        let edited = read(root.path());
        assert_eq!(edited.pages, before.pages);
        assert_ne!(edited.build, before.build);
        fs::create_dir_all(root.path().join("templates")).unwrap();
        fs::write(root.path().join("templates/base.html"), "<p>").unwrap();
        let themed = read(root.path());
        assert_ne!(themed.pages, edited.pages);
        assert_ne!(themed.build, edited.build);
        fs::write(root.path().join(CONFIG_FILE), "title = \"u\"\n").unwrap();
        assert_ne!(read(root.path()).pages, themed.pages);
    }

    #[test]
    #[cfg(unix)]
    fn a_linked_site_toml_counts_by_what_it_points_at() {
        let root = site();
        fs::rename(root.path().join(CONFIG_FILE), root.path().join("real.toml")).unwrap();
        std::os::unix::fs::symlink("real.toml", root.path().join(CONFIG_FILE)).unwrap();
        let before = read(root.path());
        fs::write(root.path().join("real.toml"), "title = \"v\"\n").unwrap();
        assert_ne!(read(root.path()).pages, before.pages);
    }

    #[test]
    #[cfg(unix)]
    fn a_rename_hidden_files_links_and_settings_count() {
        let root = site();
        let before = read(root.path());
        fs::rename(root.path().join("content/articles/a.md"), root.path().join("content/articles/b.md")).unwrap();
        let renamed = read(root.path());
        assert_ne!(renamed.build, before.build);
        fs::write(root.path().join("content/articles/.hidden"), "").unwrap();
        let hidden = read(root.path());
        assert_ne!(hidden.build, renamed.build);
        std::os::unix::fs::symlink("/etc", root.path().join("content/link")).unwrap();
        let linked = read(root.path());
        assert_ne!(linked.build, hidden.build);
        let settings = Fingerprint::read(root.path(), b"", b"--out x").unwrap();
        assert_eq!(settings.pages, linked.pages);
        assert_ne!(settings.build, linked.build);
        assert_ne!(Fingerprint::read(root.path(), b"--drafts", b"").unwrap().pages, linked.pages);
    }
}
