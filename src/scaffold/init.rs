//! `dossier init`: a new archive that builds cleanly at once, from the files under
//! `src/scaffold/archive/` (embedded in the binary): `site.toml` with every key explained, one
//! example article with its annotations, the actors and country they name, a `.gitignore` and a
//! README for the newsroom. Never overwrites a file.

use std::fs;
use std::path::{Path, PathBuf};

use super::{NewError, write_new};

/// Every file of a new archive: its path in the archive and its text.
const FILES: [(&str, &str); 8] = [
    ("site.toml", include_str!("archive/site.toml")),
    (".gitignore", include_str!("archive/gitignore")),
    ("README.md", include_str!("archive/README.md")),
    ("content/countries/vn.yaml", include_str!("archive/content/countries/vn.yaml")),
    (
        "content/actors/cong-ty-an-ninh-mang-mau.yaml",
        include_str!("archive/content/actors/cong-ty-an-ninh-mang-mau.yaml"),
    ),
    ("content/actors/nhom-tin-tac-mau.yaml", include_str!("archive/content/actors/nhom-tin-tac-mau.yaml")),
    ("content/articles/bai-viet-mau.md", include_str!("archive/content/articles/bai-viet-mau.md")),
    ("content/articles/bai-viet-mau.yaml", include_str!("archive/content/articles/bai-viet-mau.yaml")),
];

/// What `init_archive` did, paths relative to the archive's folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Initialised {
    pub created: Vec<PathBuf>,
    /// Files that already existed (with `force`) and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// Writes a new archive into `folder`, made if missing. A folder with anything in it is refused
/// unless `force`; then only the missing files are written, and the others kept.
pub fn init_archive(folder: &Path, force: bool) -> Result<Initialised, NewError> {
    if !force && has_entries(folder).map_err(|source| NewError::Write { path: folder.to_path_buf(), source })? {
        return Err(NewError::NotEmpty(folder.to_path_buf()));
    }
    let mut done = Initialised::default();
    for (relative, text) in FILES {
        let relative = PathBuf::from(relative);
        if folder.join(&relative).symlink_metadata().is_ok() {
            done.kept.push(relative);
            continue;
        }
        if let Some(parent) = relative.parent() {
            fs::create_dir_all(folder.join(parent))
                .map_err(|source| NewError::Write { path: parent.to_path_buf(), source })?;
        }
        write_new(folder, &relative, text)?;
        done.created.push(relative);
    }
    Ok(done)
}

/// Whether `folder` exists and holds anything (a missing folder is as good as an empty one).
fn has_entries(folder: &Path) -> std::io::Result<bool> {
    match fs::read_dir(folder) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}
