//! The one path through the pipeline that every command takes: `site.toml` and `content/` to a
//! checked [`Archive`] (stages 1-3), then the theme and a [`render::Site`] ready to render.
//! `check`, `validate` and `build` open a session for one run; `dossier serve` keeps one open and
//! tells it what each save changed ([`Change`]), so that only what the change invalidates is done
//! again: the content files it touched are read again ([`load::Content::update`]) and the model is
//! rebuilt from the records in memory with the [`Memo`] of the last build; the theme is read again
//! only when it or the configuration (which may trust it) changed, the archive checked again only
//! when the content or the configuration did.
//! Either way the result is what a run from scratch gives for the same files, which the tests below
//! hold it to.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, Overrides};
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, CONTENT_DIR};
use crate::model::{self, Archive, Memo};
use crate::theme::Theme;
use crate::{Checked, Prepared, Timings, render};

/// What changed since the session's last run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// What changed under `content/`, relative to the site root: files to read again, or a folder
    /// (`content` itself when everything must be read again).
    pub content: BTreeSet<PathBuf>,
    /// `site.toml`: the archive must be checked again.
    pub config: bool,
    /// `templates/` or `static/`: the pages must be rendered again.
    pub theme: bool,
}

impl Change {
    /// Everything changed: for a session's first run, and when a watcher may have lost events.
    pub fn everything() -> Change {
        Change { content: BTreeSet::from([Path::new(CONTENT_DIR).to_path_buf()]), config: true, theme: true }
    }

    pub fn any(&self) -> bool {
        !self.content.is_empty() || self.config || self.theme
    }

    pub fn merge(&mut self, other: Change) {
        self.content.extend(other.content);
        self.config |= other.config;
        self.theme |= other.theme;
    }
}

/// A stage's result as a session keeps it: its value, or every diagnostic if it had errors.
type Kept<T> = Option<Result<T, Vec<Diagnostic>>>;

/// A site's pipeline, and for a session kept open, what its last run read and made.
pub struct Session {
    root: PathBuf,
    /// The command line's settings over `site.toml`'s.
    overrides: Overrides,
    /// `None` for a session of one run, which keeps nothing between runs.
    open: Option<Open>,
    /// The archive as last checked, with its warnings.
    checked: Kept<(Arc<Archive>, Vec<Diagnostic>)>,
    /// The theme as last read.
    theme: Kept<Arc<Theme>>,
}

/// What a session kept open holds between runs to read and check only what changed.
#[derive(Default)]
struct Open {
    /// `None` until the first read.
    files: Option<load::Content>,
    memo: Memo,
}

impl Session {
    /// A session for one run: `check`, `validate`, `build`.
    pub fn once(root: &Path) -> Session {
        Session { root: root.to_path_buf(), overrides: Overrides::default(), open: None, checked: None, theme: None }
    }

    /// The same session, reading `site.toml` with `overrides` over it.
    pub fn with_overrides(self, overrides: Overrides) -> Session {
        Session { overrides, ..self }
    }

    /// A session kept open across many runs, each told what changed: `dossier serve`.
    pub fn kept_open(root: &Path) -> Session {
        Session { open: Some(Open::default()), ..Session::once(root) }
    }

    /// Reads what `change` names (everything on a session's first run) and checks the site: the
    /// archive with every diagnostic, sorted.
    pub fn check(&mut self, change: &Change) -> Checked {
        let mut timings = Timings::default();
        let root = &self.root;
        let (site, mut diagnostics) = timings.time("load", || match &mut self.open {
            None => load::load(root),
            Some(open) => {
                let files = match open.files.take() {
                    Some(mut files) => {
                        files.update(&change.content);
                        files
                    }
                    None => load::Content::read(root),
                };
                open.files.insert(files).site()
            }
        });
        let config = match Config::load_with(root, &self.overrides) {
            Ok(config) => config,
            Err(error) => return Checked { archive: None, diagnostics: vec![error], timings },
        };
        let (archive, model_diagnostics) = timings.time("model", || match &mut self.open {
            None => model::build(config, site),
            Some(open) => model::rebuild(config, &site, &mut open.memo),
        });
        diagnostics.extend(model_diagnostics);
        diagnostic::sort(&mut diagnostics);
        Checked { archive: Some(archive), diagnostics, timings }
    }

    /// Checks the site if `change` asks it, reads the theme if `change` asks it, and readies the
    /// rendering. Returns every diagnostic if the content or the templates have errors.
    pub fn prepare(&mut self, change: &Change) -> Result<Prepared, Vec<Diagnostic>> {
        let mut timings = Timings::default();
        let checked = match self.checked.take() {
            Some(checked) if change.content.is_empty() && !change.config => checked,
            _ => {
                let checked = self.check(change);
                timings = checked.timings;
                match checked.archive {
                    Some(archive) if !checked.diagnostics.iter().any(Diagnostic::is_error) => {
                        Ok((Arc::new(archive), checked.diagnostics))
                    }
                    _ => Err(checked.diagnostics),
                }
            }
        };
        let (archive, warnings) = self.checked.insert(checked).clone()?;
        let theme = match self.theme.take() {
            Some(theme) if !change.theme && !change.config => theme,
            _ => Theme::load(&self.root, archive.config.raw_html).map(Arc::new),
        };
        let theme = self.theme.insert(theme).clone()?;
        let site = timings.time("templates", || render::Site::new(archive, theme))?;
        Ok(Prepared { site, warnings, timings })
    }
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

    /// Makes one change to the site, then checks it in the open session (told only of `paths`)
    /// and in a session of one run, and asks for the same result.
    fn step(session: &mut Session, root: &Path, paths: &[&str], change: impl FnOnce(&Path)) -> Checked {
        change(root);
        let change = Change { content: paths.iter().map(PathBuf::from).collect(), ..Change::default() };
        let incremental = session.check(&change);
        let fresh = Session::once(root).check(&Change::everything());
        assert_eq!(summary(&incremental), summary(&fresh), "after a change to {paths:?}");
        incremental
    }

    #[test]
    fn a_site_read_bit_by_bit_is_the_site_read_whole() {
        let folder = site();
        let root = folder.path();
        let article = "content/articles/viet-nam-bac-bo.md";
        let sidecar = "content/articles/viet-nam-bac-bo.yaml";
        let mut session = Session::kept_open(root);
        assert!(!session.check(&Change::everything()).has_errors());

        step(&mut session, root, &[article], |root| {
            std::fs::write(
                root.join(article),
                std::fs::read_to_string(root.join(article)).unwrap() + "\nThêm một đoạn.\n",
            )
            .unwrap();
        });
        let broken = step(&mut session, root, &[sidecar], |root| {
            let text = std::fs::read_to_string(root.join(sidecar)).unwrap();
            let quote = text.lines().find_map(|line| line.trim().strip_prefix("quote: ")).unwrap().to_owned();
            edit(root, sidecar, &quote, "\"một câu không có trong bài\"");
        });
        assert!(broken.diagnostics.iter().any(|d| d.message == "the quote does not occur in the article text"));
        step(&mut session, root, &[article], |root| {
            edit(root, article, "Thêm một đoạn.", "một câu không có trong bài")
        });
        step(&mut session, root, &["content/articles/moi.md", "content/articles/moi.yaml"], |root| {
            let text = "---\ntitle: Bài mới\ndate: 2024-01-02\nsource: VOV\n---\nMỹ cảnh báo về APT32.\n";
            std::fs::write(root.join("content/articles/moi.md"), text).unwrap();
            let annotations = "actors: [apt32]\nclaims:\n  - by: us\n    kind: warns\n    target: apt32\n    \
                               quote: \"Mỹ cảnh báo\"\n";
            std::fs::write(root.join("content/articles/moi.yaml"), annotations).unwrap();
        });
        let renamed = step(&mut session, root, &["content/actors/apt32.yaml"], |root| {
            edit(root, "content/actors/apt32.yaml", "SeaLotus", "Sea Lotus")
        });
        assert!(renamed.diagnostics.iter().any(|d| d.message == "unknown actor `SeaLotus`"));
        step(&mut session, root, &[article], |root| std::fs::remove_file(root.join(article)).unwrap());
        step(&mut session, root, &["content/articles/notes.txt", "content/actors/bad.yaml"], |root| {
            std::fs::write(root.join("content/articles/notes.txt"), "x").unwrap();
            std::fs::write(root.join("content/actors/bad.yaml"), b"name: \xff\n").unwrap();
        });
        step(&mut session, root, &["content/countries"], |root| {
            std::fs::rename(root.join("content/countries"), root.join("countries-aside")).unwrap()
        });
        step(&mut session, root, &["content/countries"], |root| {
            std::fs::rename(root.join("countries-aside"), root.join("content/countries")).unwrap()
        });
        step(&mut session, root, &[], |root| edit(root, "site.toml", "page_size = 2", "page_size = 1"));
        step(&mut session, root, &["content/articles/.moi.md.swp", "templates/base.html"], |_| {});
    }
}
