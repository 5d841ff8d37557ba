//! The folders a site is read from (`content/` and its folders, `templates/`, `static/`), found
//! under the site root and checked to stay there.
//!
//! Symbolic links inside those folders are never followed (load and theme read regular files
//! only), but a folder itself may be a link. It is followed only when its target lies inside the
//! site root, outside any hidden folder: `ln -s /etc static` would publish `/etc/shadow`, and
//! `ln -s .git static` the repository's configuration with whatever credentials it holds.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The folder at `relative` under `root` (`/`-separated, such as `content/articles`), if it
/// exists, after checking that neither it nor any folder on the way to it leads outside the
/// site root or into a hidden folder. `None` when there is no such folder.
pub fn resolve(root: &Path, relative: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let canonical_root = root
        .canonicalize()
        .map_err(|error| Diagnostic::error(relative, format!("cannot resolve the site root: {error}")))?;
    let mut prefix = PathBuf::new();
    for part in relative.split('/') {
        prefix.push(part);
        let Ok(target) = root.join(&prefix).canonicalize() else { return Ok(None) };
        let place = match target.strip_prefix(&canonical_root) {
            Ok(inside) if !is_hidden(inside) => continue,
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

/// Whether a path relative to the site root goes through a hidden folder such as `.git`.
fn is_hidden(relative: &Path) -> bool {
    relative.components().any(|part| matches!(part, Component::Normal(name) if name.to_string_lossy().starts_with('.')))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn folders_and_links_inside_the_root_resolve() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::create_dir(root.join("theme")).unwrap();
        symlink("theme", root.join("static")).unwrap();
        assert_eq!(resolve(root, "content/articles").unwrap(), Some(root.join("content/articles")));
        assert_eq!(resolve(root, "static").unwrap(), Some(root.join("static")));
        assert_eq!(resolve(root, "templates").unwrap(), None);
    }

    #[test]
    fn links_outside_the_root_or_into_hidden_folders_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir(temp.path().join("elsewhere")).unwrap();
        symlink("../elsewhere", root.join("content")).unwrap();
        symlink(".git", root.join("static")).unwrap();
        let error = resolve(&root, "content/articles").unwrap_err();
        assert!(error.message.starts_with("`content/` is a link to "), "{}", error.message);
        assert!(error.message.ends_with("elsewhere, outside the site root"), "{}", error.message);
        assert!(resolve(&root, "static").unwrap_err().message.ends_with(".git, a hidden folder"));
    }
}
