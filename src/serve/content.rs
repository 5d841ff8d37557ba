//! The content as the preview keeps it between saves: the files as last read
//! ([`load::Content`]) and what the model found in each article ([`Memo`]). A save reads again
//! only the files it touched; the model is then built again from the records in memory, recalling
//! the plain text and quote positions of every article whose Markdown file was not read again.
//! The result is exactly what [`crate::check`] gives for the same files, which the tests below
//! hold it to.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::load::{self, CONTENT_DIR};
use crate::model::{self, Memo};
use crate::{Checked, Timings, diagnostic};

pub struct Content {
    root: PathBuf,
    overrides: Overrides,
    /// `None` until the first read.
    files: Option<load::Content>,
    memo: Memo,
}

impl Content {
    pub fn new(root: PathBuf, overrides: Overrides) -> Content {
        Content { root, overrides, files: None, memo: Memo::default() }
    }

    /// Reads what changed at `paths` (relative to the root; everything on the first call) and
    /// checks the site: the archive with every diagnostic, sorted, as [`crate::check`] returns
    /// them.
    pub fn check(&mut self, paths: &BTreeSet<PathBuf>) -> Checked {
        let mut timings = Timings::default();
        let root = &self.root;
        let files = timings.time("load", || match self.files.take() {
            Some(mut files) => {
                files.update(paths);
                files
            }
            None => load::Content::read(root),
        });
        let files = self.files.insert(files);
        let config = match Config::load_with(root, &self.overrides) {
            Ok(config) => config,
            Err(error) => return Checked { archive: None, diagnostics: vec![error], timings },
        };
        let (site, mut diagnostics) = files.site();
        let (archive, model_diagnostics) = timings.time("model", || model::rebuild(config, &site, &mut self.memo));
        diagnostics.extend(model_diagnostics);
        diagnostic::sort(&mut diagnostics);
        Checked { archive: Some(archive), diagnostics, timings }
    }
}

/// The paths that make [`Content::check`] read the whole content again.
pub fn everything() -> BTreeSet<PathBuf> {
    BTreeSet::from([Path::new(CONTENT_DIR).to_path_buf()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site in the form two checks are compared in: the archive and the diagnostics, all of
    /// their fields.
    fn summary(checked: &Checked) -> String {
        format!("{:#?}\n{:#?}", checked.archive, checked.diagnostics)
    }

    /// A copy of the base fixture site to edit.
    fn site() -> tempfile::TempDir {
        let folder = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/base");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let target = folder.path().join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(target).unwrap();
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
        folder
    }

    fn edit(root: &Path, path: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        assert!(text.contains(from), "{path} has no {from:?}");
        std::fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
    }

    /// Makes one change to the site, then checks it incrementally (told only of `paths`) and from
    /// scratch, and asks for the same result.
    fn step(content: &mut Content, root: &Path, paths: &[&str], change: impl FnOnce(&Path)) -> Checked {
        change(root);
        let paths = paths.iter().map(PathBuf::from).collect();
        let incremental = content.check(&paths);
        assert_eq!(summary(&incremental), summary(&crate::check(root)), "after a change to {paths:?}");
        incremental
    }

    #[test]
    fn a_site_read_bit_by_bit_is_the_site_read_whole() {
        let folder = site();
        let root = folder.path();
        let article = "content/articles/viet-nam-bac-bo.md";
        let sidecar = "content/articles/viet-nam-bac-bo.yaml";
        let mut content = Content::new(root.to_path_buf(), Overrides::default());
        assert!(!content.check(&everything()).has_errors());

        step(&mut content, root, &[article], |root| {
            std::fs::write(
                root.join(article),
                std::fs::read_to_string(root.join(article)).unwrap() + "\nThêm một đoạn.\n",
            )
            .unwrap();
        });
        let broken = step(&mut content, root, &[sidecar], |root| {
            let text = std::fs::read_to_string(root.join(sidecar)).unwrap();
            let quote = text.lines().find_map(|line| line.trim().strip_prefix("quote: ")).unwrap().to_owned();
            edit(root, sidecar, &quote, "\"một câu không có trong bài\"");
        });
        assert!(broken.diagnostics.iter().any(|d| d.message == "the quote does not occur in the article text"));
        step(&mut content, root, &[article], |root| {
            edit(root, article, "Thêm một đoạn.", "một câu không có trong bài")
        });
        step(&mut content, root, &["content/articles/moi.md", "content/articles/moi.yaml"], |root| {
            let text = "---\ntitle: Bài mới\ndate: 2024-01-02\nsource: VOV\n---\nMỹ cảnh báo về APT32.\n";
            std::fs::write(root.join("content/articles/moi.md"), text).unwrap();
            let annotations = "actors: [apt32]\nclaims:\n  - by: us\n    kind: warns\n    target: apt32\n    \
                               quote: \"Mỹ cảnh báo\"\n";
            std::fs::write(root.join("content/articles/moi.yaml"), annotations).unwrap();
        });
        let renamed = step(&mut content, root, &["content/actors/apt32.yaml"], |root| {
            edit(root, "content/actors/apt32.yaml", "SeaLotus", "Sea Lotus")
        });
        assert!(renamed.diagnostics.iter().any(|d| d.message == "unknown actor `SeaLotus`"));
        step(&mut content, root, &[article], |root| std::fs::remove_file(root.join(article)).unwrap());
        step(&mut content, root, &["content/articles/notes.txt", "content/actors/bad.yaml"], |root| {
            std::fs::write(root.join("content/articles/notes.txt"), "x").unwrap();
            std::fs::write(root.join("content/actors/bad.yaml"), b"name: \xff\n").unwrap();
        });
        step(&mut content, root, &["content/countries"], |root| {
            std::fs::rename(root.join("content/countries"), root.join("countries-aside")).unwrap()
        });
        step(&mut content, root, &["content/countries"], |root| {
            std::fs::rename(root.join("countries-aside"), root.join("content/countries")).unwrap()
        });
        step(&mut content, root, &[], |root| edit(root, "site.toml", "page_size = 2", "page_size = 1"));
        step(&mut content, root, &["content/articles/.moi.md.swp", "templates/base.html"], |_| {});
    }
}
