//! The site folder's layout: the names of the folders an editor writes (`content/`,
//! `templates/`, `static/`), and the rules for the folder a build owns and replaces whole.
//!
//! A build deletes its previous output, so the output folder is a place where a one-line change
//! to `site.toml` could delete anything. The rules are kept here, once, for `site.toml`'s
//! `output_dir` (checked by `config`, so `dossier check` reports it) and for `--out` (checked by
//! the build): where the folder may be ([`place_output`]), and what an existing folder must hold
//! to be replaced (its [`MARKER`], checked by `output` when it begins).
//!
//! The source folders are read only through [`source_folder`]. Symbolic links inside them are
//! never followed (load and theme read regular files only), but a folder itself may be a link:
//! it is followed only when its target lies inside the site root, outside any hidden folder.
//! `ln -s /etc static` would publish `/etc/shadow`, and `ln -s .git static` the repository's
//! configuration with whatever credentials it holds.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub const CONTENT_DIR: &str = "content";
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";
/// The folders of a site that editors write and that no build may replace or write into.
pub const SOURCE_DIRS: [&str; 3] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR];

/// The file every build writes at the top of its output, saying the folder is dossier's: an
/// existing folder is replaced only if it is empty or carries it.
pub const MARKER: &str = ".dossier-output";
pub const MARKER_TEXT: &str = "This folder is the output of `dossier build`; the next build replaces it whole.\n";

/// Why a folder may not be the output, each variant naming the rule it breaks.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error(
        "it is the site folder or holds it, and a build replaces its output folder whole; \
         the output must be a folder of its own inside the site folder, such as `public`"
    )]
    HoldsRoot,
    #[error(
        "it is `{0}/`, lies inside it or holds it: a build never replaces the folders editors write \
         (content/, templates/, static/); choose a folder of its own, such as `public`"
    )]
    Source(&'static str),
    #[error(
        "it is or lies inside the dot-folder `{0}`: a build never replaces a hidden folder such as \
         `.git`; choose a folder of its own, such as `public`"
    )]
    Hidden(String),
    #[error(
        "it is outside the site folder: `output_dir` must name a folder inside it \
         (`dossier build --out` may name a new or empty folder elsewhere)"
    )]
    OutsideRoot,
    #[error("it is a file, not a folder: the output must be a folder, and a build never moves a file aside")]
    NotAFolder,
    #[error(
        "it is not empty and has no `{MARKER}` marker, so no dossier build made it: a build replaces only \
         a folder that is new, empty or made by an earlier build. If it is the output of a dossier \
         older than the marker, delete it once; otherwise choose another folder"
    )]
    NotOurs,
    #[error("its path cannot be resolved: {0}")]
    Unresolvable(#[from] io::Error),
}

/// Whether the output may lie outside the site folder: only a folder named on the command line,
/// which the person running the build chose, never one named by `site.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outside {
    Allowed,
    Refused,
}

/// Checks that `requested` may be the output folder of the site at `root`, and returns it
/// resolved (absolute, with `..` and the symbolic links of its existing part resolved), which is
/// where the build must write. It must not hold the site folder, be or touch a source folder, or
/// lie in a dot-folder of the site; outside the site it must be [`Outside::Allowed`].
pub fn place_output(root: &Path, requested: &Path, outside: Outside) -> Result<PathBuf, Refusal> {
    let root = resolve(root)?;
    let out = resolve(requested)?;
    if root.starts_with(&out) {
        return Err(Refusal::HoldsRoot);
    }
    for source in SOURCE_DIRS {
        let source_path = resolve(&root.join(source))?;
        if out.starts_with(&source_path) || source_path.starts_with(&out) {
            return Err(Refusal::Source(source));
        }
    }
    match out.strip_prefix(&root) {
        Ok(inside) => match first_hidden(inside) {
            Some(hidden) => Err(Refusal::Hidden(hidden.as_os_str().to_string_lossy().into_owned())),
            None => Ok(out),
        },
        Err(_) if outside == Outside::Refused => Err(Refusal::OutsideRoot),
        Err(_) => Ok(out),
    }
}

/// `path` made absolute, with `.` and `..` removed and every symbolic link of its existing part
/// resolved, so that two spellings of one folder compare equal. The part that does not exist yet
/// is kept as written, since the build will create it as plain folders.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut resolved = PathBuf::new();
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::CurDir => {}
            // The path so far has no symbolic link left in it, so its parent is its real parent.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = std::fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
        }
    }
    Ok(resolved)
}

/// The folder at `relative` under `root` (`/`-separated, such as `content/articles`), if it
/// exists, after checking that neither it nor any folder on the way to it leads outside the
/// site root or into a hidden folder. `None` when there is no such folder.
pub fn source_folder(root: &Path, relative: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let canonical_root = root
        .canonicalize()
        .map_err(|error| Diagnostic::error(relative, format!("cannot resolve the site root: {error}")))?;
    let mut prefix = PathBuf::new();
    for part in relative.split('/') {
        prefix.push(part);
        let Ok(target) = root.join(&prefix).canonicalize() else { return Ok(None) };
        let place = match target.strip_prefix(&canonical_root) {
            Ok(inside) if first_hidden(inside).is_none() => continue,
            Ok(_) => "a hidden folder",
            Err(_) => "outside the site root",
        };
        let message = format!("`{}/` is a link to {}, {place}", prefix.display(), target.display());
        return Err(Diagnostic::error(&prefix, message)
            .with_help("make it a folder, or a link to a folder of the site that is not hidden"));
    }
    let folder = root.join(relative);
    Ok(folder.is_dir().then_some(folder))
}

/// The first hidden folder (such as `.git`) on a path relative to the site root, if any.
fn first_hidden(relative: &Path) -> Option<Component<'_>> {
    relative.components().find(|part| part.as_os_str().to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        for folder in SOURCE_DIRS {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        (temp, root)
    }

    fn place(root: &Path, requested: &str) -> Result<PathBuf, Refusal> {
        place_output(root, &root.join(requested), Outside::Refused)
    }

    #[test]
    fn a_folder_of_its_own_inside_the_site_is_accepted_resolved() {
        let (_temp, root) = site();
        let expected = resolve(&root).unwrap().join("public");
        assert_eq!(place(&root, "public").unwrap(), expected);
        assert_eq!(place(&root, "content/../public").unwrap(), expected);
        assert_eq!(place(&root, "build/site").unwrap(), expected.with_file_name("build/site"));
    }

    #[test]
    fn the_site_folder_and_its_parents_are_refused() {
        let (_temp, root) = site();
        for requested in [".", "..", "../..", "content/.."] {
            assert!(matches!(place(&root, requested), Err(Refusal::HoldsRoot)), "{requested}");
        }
        assert!(matches!(place_output(&root, Path::new("/"), Outside::Allowed), Err(Refusal::HoldsRoot)));
    }

    #[test]
    fn source_folders_and_dot_folders_are_refused() {
        let (_temp, root) = site();
        assert!(matches!(place(&root, "content"), Err(Refusal::Source("content"))));
        assert!(matches!(place(&root, "templates/out"), Err(Refusal::Source("templates"))));
        assert!(matches!(place(&root, "static"), Err(Refusal::Source("static"))));
        assert!(matches!(place(&root, ".git"), Err(Refusal::Hidden(name)) if name == ".git"));
        assert!(matches!(place(&root, "public/.cache/x"), Err(Refusal::Hidden(name)) if name == ".cache"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_to_a_source_folder_is_seen_through() {
        let (_temp, root) = site();
        std::os::unix::fs::symlink(root.join("content"), root.join("public")).unwrap();
        assert!(matches!(place(&root, "public"), Err(Refusal::Source("content"))));
        assert!(matches!(place(&root, "public/x/.."), Err(Refusal::Source("content"))));
    }

    #[test]
    fn outside_the_site_only_when_allowed() {
        let (temp, root) = site();
        let elsewhere = temp.path().join("elsewhere");
        assert!(matches!(place_output(&root, &elsewhere, Outside::Refused), Err(Refusal::OutsideRoot)));
        assert!(matches!(place(&root, "../elsewhere"), Err(Refusal::OutsideRoot)));
        assert_eq!(place_output(&root, &elsewhere, Outside::Allowed).unwrap(), resolve(&elsewhere).unwrap());
    }

    #[test]
    fn source_folders_and_links_inside_the_root_resolve() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::create_dir(root.join("theme")).unwrap();
        std::os::unix::fs::symlink("theme", root.join("static")).unwrap();
        assert_eq!(source_folder(root, "content/articles").unwrap(), Some(root.join("content/articles")));
        assert_eq!(source_folder(root, "static").unwrap(), Some(root.join("static")));
        assert_eq!(source_folder(root, "templates").unwrap(), None);
    }

    #[test]
    fn links_outside_the_root_or_into_hidden_folders_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir(temp.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink("../elsewhere", root.join("content")).unwrap();
        std::os::unix::fs::symlink(".git", root.join("static")).unwrap();
        let error = source_folder(&root, "content/articles").unwrap_err();
        assert!(error.message.starts_with("`content/` is a link to "), "{}", error.message);
        assert!(error.message.ends_with("elsewhere, outside the site root"), "{}", error.message);
        assert!(source_folder(&root, "static").unwrap_err().message.ends_with(".git, a hidden folder"));
    }
}
