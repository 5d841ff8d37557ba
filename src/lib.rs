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
//! [`check`] runs the first three stages, [`build_in_memory`] all but the writing, [`build`] all
//! of them. The commands in `main.rs` are thin layers over these functions and over the editor's
//! tools: [`serve`] (the live preview), [`scaffold`] (`new`), [`import`] (actors from MISP) and
//! [`report`] (diagnostics as JSON).

// A `Diagnostic` is the error value of content problems: large, but only made on the cold path of
// a mistake, and boxing it at every `Result` would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod corpus;
pub mod date;
pub mod diagnostic;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod quote;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;

use std::path::{Path, PathBuf};

use diagnostic::Diagnostic;

/// How long each stage of a run took, in order: for `dossier build --timings` and the benchmark.
#[derive(Clone, Debug, Default)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, run: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let result = run();
        self.0.push((stage, started.elapsed()));
        result
    }
}

/// The result of checking a site: the archive (if the configuration could be read) and every
/// diagnostic, sorted. The archive is complete only when no diagnostic is an error.
pub struct Checked {
    pub archive: Option<model::Archive>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads and validates the site at `root` without writing anything.
pub fn check(root: &Path) -> Checked {
    let mut timings = Timings::default();
    let config = match config::Config::load(root) {
        Ok(config) => config,
        Err(error) => return Checked { archive: None, diagnostics: vec![error], timings },
    };
    let (site, mut diagnostics) = timings.time("load", || load::load(root));
    let (archive, model_diagnostics) = timings.time("model", || model::build(config, site));
    diagnostics.extend(model_diagnostics);
    diagnostic::sort(&mut diagnostics);
    Checked { archive: Some(archive), diagnostics, timings }
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
    /// What the search index weighs, all its files together.
    pub search_bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
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

/// A site rendered and indexed in memory, not yet written: what a build writes.
#[derive(Debug)]
pub struct Rendered {
    /// Every file of the site, sorted by path.
    pub files: Vec<render::OutputFile>,
    pub pages: usize,
    /// What the search index weighs, all its files together.
    pub search_bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Checks, renders and indexes the site at `root` without writing anything: a build but its last
/// step, shared by `build` and the `check` command. Returns every diagnostic on failure.
pub fn build_in_memory(root: &Path) -> Result<(model::Archive, Rendered), Vec<Diagnostic>> {
    let checked = check(root);
    let (Some(archive), false) = (checked.archive, checked.diagnostics.iter().any(Diagnostic::is_error)) else {
        return Err(checked.diagnostics);
    };
    let mut warnings = checked.diagnostics;
    let mut timings = checked.timings;
    let theme = theme::Theme::load(root)?;
    let mut site = timings.time("render", || render::render(&archive, &theme))?;
    let search = timings.time("search", || search::index_files(&archive));
    site.files.extend(search.files);
    site.files.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.extend(search.warnings);
    let rendered = Rendered { files: site.files, pages: site.pages, search_bytes: search.bytes, warnings, timings };
    Ok((archive, rendered))
}

/// Checks, renders and writes the site at `root`. On any error nothing is written and the previous
/// output stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let (archive, mut rendered) = build_in_memory(root).map_err(BuildError::Content)?;
    let out = options.out.clone().unwrap_or_else(|| archive.config.output_dir.clone());
    let write_error = |(path, source)| BuildError::Write { path, source };
    let timings = &mut rendered.timings;
    timings.time("write", || output::write_atomically(&out, &rendered.files)).map_err(write_error)?;
    if let Some(zip) = &options.zip {
        let offline = timings.time("offline", || render::offline_variant(&rendered.files));
        timings.time("zip", || output::write_zip(zip, &offline)).map_err(write_error)?;
    }
    Ok(BuildReport {
        out,
        pages: rendered.pages,
        files: rendered.files.len(),
        bytes: rendered.files.iter().map(|file| file.bytes.len() as u64).sum(),
        search_bytes: rendered.search_bytes,
        warnings: rendered.warnings,
        timings: rendered.timings,
    })
}
