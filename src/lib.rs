//! dossier: a static site generator for an annotated news archive.
//!
//! The pipeline, one module per stage, each taking the previous stage's types:
//!
//! ```text
//! config ─▶ load ─▶ model ─▶ render ─▶ output
//!  site.toml  files to    resolved    pages,      atomic swap
//!             raw records archive     assets,     of the folder,
//!             + locations (validated) search idx  zip
//! ```
//!
//! [`check`] runs the first three stages, [`build`] all of them. The commands in `main.rs` are
//! thin layers over these two functions.

// A `Diagnostic` is the error value of content problems: large, but only made on the cold path of
// a mistake, and boxing it at every `Result` would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod quote;
pub mod render;
pub mod text;
pub mod theme;

use std::path::{Path, PathBuf};

use diagnostic::Diagnostic;

/// The result of checking a site: the archive (if the configuration could be read) and every
/// diagnostic, sorted. The archive is complete only when no diagnostic is an error.
pub struct Checked {
    pub archive: Option<model::Archive>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads and validates the site at `root` without writing anything.
pub fn check(root: &Path) -> Checked {
    let config = match config::Config::load(root) {
        Ok(config) => config,
        Err(error) => return Checked { archive: None, diagnostics: vec![error] },
    };
    let (site, mut diagnostics) = load::load(root);
    let (archive, model_diagnostics) = model::build(config, site);
    diagnostics.extend(model_diagnostics);
    diagnostic::sort(&mut diagnostics);
    Checked { archive: Some(archive), diagnostics }
}

/// What `build` should write besides the site folder.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Where to write; `None` means the configured `output_dir`.
    pub out: Option<PathBuf>,
    /// Also write the offline variant of the site, zipped, to this file.
    pub zip: Option<PathBuf>,
}

/// What a successful build did, for the summary line.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub warnings: Vec<Diagnostic>,
}

/// Why a build failed: content or template errors (all of them), or a file that could not be
/// written.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} error(s) in the site", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// Checks, renders and writes the site at `root`. On any error nothing is written and the previous
/// output stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let checked = check(root);
    let (Some(archive), false) = (checked.archive, checked.diagnostics.iter().any(Diagnostic::is_error)) else {
        return Err(BuildError::Content(checked.diagnostics));
    };
    let warnings = checked.diagnostics;
    let theme = theme::Theme::load(root).map_err(BuildError::Content)?;
    let site = render::render(&archive, &theme).map_err(BuildError::Content)?;
    let out = options.out.clone().unwrap_or_else(|| archive.config.output_dir.clone());
    output::write_atomically(&out, &site.files).map_err(|(path, source)| BuildError::Write { path, source })?;
    if let Some(zip) = &options.zip {
        let offline = render::offline_variant(&site.files);
        output::write_zip(zip, &offline).map_err(|(path, source)| BuildError::Write { path, source })?;
    }
    Ok(BuildReport {
        out,
        pages: site.pages,
        files: site.files.len(),
        bytes: site.files.iter().map(|file| file.bytes.len() as u64).sum(),
        warnings,
    })
}
