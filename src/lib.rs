//! dossier: a static site generator for an annotated news archive.
//!
//! One module per stage of the pipeline (config, load, model, render, search, output: the
//! diagram is in ARCHITECTURE.md), run in order by one [`session::Session`]. [`check`] runs the
//! first three stages, [`prepare`] readies the fourth, [`validate`] runs all but the writing,
//! [`build`] all of them. The commands in `main.rs` are thin layers over these functions and over
//! the editor's tools: [`serve`] (the live preview, a session kept open), [`scaffold`] (`new`),
//! [`import`] (actors from MISP) and [`report`] (diagnostics as JSON).

// A `Diagnostic` is the error value of content problems: large, but only made on the cold path of
// a mistake, and boxing it at every `Result` would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cache;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod export;
pub mod file;
pub mod import;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod quote;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod text;
pub mod theme;
pub mod urls;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use diagnostic::Diagnostic;
use session::{Change, Session};

/// How long each stage of a run took, in order: for `dossier build --timings` and the benchmark.
/// `render` (which writes each page as it is made) and `search` run side by side, so their times
/// overlap, and each includes work of the other that its threads took on while waiting.
#[derive(Clone, Debug, Default)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, run: impl FnOnce() -> T) -> T {
        let (result, elapsed) = timed(run);
        self.0.push((stage, elapsed));
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

/// Reads and validates the site at `root` without writing anything, drafts included: a draft is
/// checked as it will be published.
pub fn check(root: &Path) -> Checked {
    Session::once(root).with_overrides(checking()).check(&Change::everything())
}

/// The settings `check` reads a site with: every article, drafts included.
fn checking() -> config::Overrides {
    config::Overrides { drafts: true, ..config::Overrides::default() }
}

/// What `build` should write besides the site folder.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Where to write; `None` means the configured `output_dir`.
    pub out: Option<PathBuf>,
    /// Also write the offline variant of the site, zipped, to this file.
    pub zip: Option<PathBuf>,
    /// Called with the output folder when another build holds its lock, before waiting for it.
    pub on_wait: Option<fn(&Path)>,
    pub overrides: config::Overrides,
    /// Kept up to date as the build goes, for a progress display.
    pub progress: Arc<progress::Progress>,
    /// Whether to use and keep the build cache ([`cache`]); without it any cache is forgotten.
    pub cache: bool,
}

/// What the build cache did for a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheUse {
    /// Not asked for, or not usable here.
    Off,
    /// Everything was as the last build left it: nothing was done.
    UpToDate,
    /// This many pages were taken from the last build's output rather than rendered.
    Reused(usize),
}

/// What a successful build did, for the summary line.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub made: Made,
    pub timings: Timings,
    pub cache: CacheUse,
}

/// What a build made: kept by the build cache, for a later build that finds nothing to do.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Made {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// What the search index weighs, all its files together.
    pub search_bytes: u64,
    pub warnings: Vec<Diagnostic>,
    /// What the build chose not to write, and why: not a problem of the site.
    pub notes: Vec<String>,
}

/// Why a build failed: content or template errors (all of them), an output folder the build may
/// not replace, or a file that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} error(s) in the site", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Output(#[from] output::Error),
}

/// A checked archive as a site ready to render, with the warnings and timings so far.
pub struct Prepared {
    pub site: render::Site,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Checks the site at `root`, drafts included, and readies its rendering: the stages every
/// command shares. Returns every diagnostic if the content or the templates have errors.
pub fn prepare(root: &Path) -> Result<Prepared, Vec<Diagnostic>> {
    Session::once(root).with_overrides(checking()).prepare(&Change::everything())
}

/// Runs every validation a build runs, templates included, and writes nothing: the `check`
/// command. Returns the number of pages and the warnings, or every diagnostic.
pub fn validate(root: &Path) -> Result<Validated, Vec<Diagnostic>> {
    let Prepared { site, warnings, mut timings } = prepare(root)?;
    let pages = timings.time("render", || site.render_all(None, &|_| {}, &|_| {}))?;
    site.render_data(export::Exports::new(site.archive(), &|_| {}).listing()).map_err(|error| vec![error])?;
    Ok(Validated { archive: site.archive().clone(), pages: pages + 1, warnings, timings })
}

/// What `validate` found in a site without errors.
pub struct Validated {
    /// The archive checked, drafts included.
    pub archive: Arc<model::Archive>,
    /// How many pages rendered.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// How many files and bytes a build wrote, counted as they go by from several threads.
#[derive(Default)]
struct Tally {
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Tally {
    fn add(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Checks, renders and writes the site at `root`. Pages are written as they are rendered, while
/// the search index and the open data exports are made beside them (their files written as they
/// are made, then the page listing the exports), into a staging folder; the zip is made from it; the
/// staging folder replaces the output only when all of that succeeded: on any error the previous
/// output stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let config = config::Config::load_with(root, &options.overrides);
    let history = match &config {
        Ok(config) if config.base_url.is_some() => export::history::History::read(root),
        _ => export::history::History::default(),
    };
    let mut timings = Timings::default();
    if !options.cache {
        cache::Cache::forget(root);
    }
    let opened = match &config {
        Ok(config) if options.cache => timings.time("cache", || {
            let (cache, out) = open_cache(root, config, options, &history)?;
            let unchanged = cache.unchanged(&out, options.zip.as_deref());
            Some((cache, unchanged))
        }),
        _ => None,
    };
    let cache = match opened {
        Some((_, Some(made))) => {
            let requested = config.map(|config| requested_output(&config, options).0).unwrap_or_default();
            return Ok(BuildReport { out: requested, made, timings, cache: CacheUse::UpToDate });
        }
        opened => opened.map(|(cache, _)| cache),
    };
    let built = build_anew(root, options, cache.as_ref(), &history)?;
    timings.0.extend(built.timings.0);
    let used = cache.map_or(CacheUse::Off, |cache| CacheUse::Reused(cache.reused()));
    Ok(BuildReport { out: built.requested, made: built.made, timings, cache: used })
}

/// What [`build_anew`] did: its figures, the output folder as asked for, and the stages' times.
struct Built {
    made: Made,
    requested: PathBuf,
    timings: Timings,
}

/// The build cache for a build of the site at `root` with `config`, and the output folder it
/// writes, if the cache can be used and the folder placed.
fn open_cache(
    root: &Path,
    config: &config::Config,
    options: &BuildOptions,
    history: &export::history::History,
) -> Option<(cache::Cache, PathBuf)> {
    let (requested, outside) = requested_output(config, options);
    let out = layout::place_output(root, &requested, outside).ok()?;
    let page_settings = format!("{:?}", options.overrides);
    let build_settings = format!("{:?}\0{:?}\0{:?}", out, options.zip, history.entries());
    let cache = cache::Cache::open(root, page_settings.as_bytes(), build_settings.as_bytes())?;
    Some((cache, out))
}

/// The output folder asked for: `--out`, which may lie outside the site, or `output_dir`.
fn requested_output(config: &config::Config, options: &BuildOptions) -> (PathBuf, layout::Outside) {
    match &options.out {
        Some(out) => (out.clone(), layout::Outside::Allowed),
        None => (config.output_dir.clone(), layout::Outside::Refused),
    }
}

/// Renders (or with `cache`, takes from the last build) every page, makes the search index and
/// the exports, and swaps them in: the build proper.
fn build_anew(
    root: &Path,
    options: &BuildOptions,
    cache: Option<&cache::Cache>,
    history: &export::history::History,
) -> Result<Built, BuildError> {
    let progress = &options.progress;
    let Prepared { site, mut warnings, mut timings } = Session::once(root)
        .with_overrides(options.overrides.clone())
        .prepare(&Change::everything())
        .map_err(BuildError::Content)?;
    progress.expect_pages(site.pages().len());
    progress.enter(progress::Stage::Writing);
    let (requested, outside) = requested_output(&site.archive().config, options);
    let out = layout::place_output(root, &requested, outside)
        .map_err(|reason| output::Error::Refused { path: requested.clone(), reason })?;
    let staging = output::Staging::begin(&out, options.on_wait.unwrap_or(|_| {}))?;
    let tally = Tally::default();
    // A file in the output: written here, or put there by the cache.
    let kept = |bytes: u64| {
        tally.add(bytes);
        progress.file_written();
    };
    let keep = |file: file::OutputFile| {
        staging.write(&file);
        kept(file.bytes.len() as u64);
    };
    let pages_cache = cache.filter(|cache| cache.digests_pages()).map(|cache| cache.pages(&staging));
    let pages_cache = pages_cache.as_ref().map(|pages| pages as &dyn render::PageCache);
    let ((pages, render_time), ((search, search_time), (exports, export_time))) = rayon::join(
        || timed(|| site.render_all(pages_cache, &keep, &kept)),
        || {
            rayon::join(
                || timed(|| search::index_files(site.archive(), site.date_formats(), &keep)),
                || timed(|| export::Exports::new(site.archive(), &keep)),
            )
        },
    );
    timings.0.extend([("render", render_time), ("search", search_time), ("export", export_time)]);
    let pages = pages.map_err(BuildError::Content)?;
    let search_bytes = search.bytes;
    warnings.extend(search.warnings);
    keep(site.render_data(exports.listing()).map_err(|error| BuildError::Content(vec![error]))?);
    let pages = pages + 1;
    let notes = timings.time("web", || web_files(&site, history, &keep));
    if let Some(zip) = &options.zip {
        progress.enter(progress::Stage::Zipping);
        timings.time("zip", || staging.zip(zip, &render::offline_file))?;
    }
    let (files, bytes) = (tally.files.into_inner(), tally.bytes.into_inner());
    let made = Made { pages, files, bytes, search_bytes, warnings, notes };
    progress.enter(progress::Stage::Replacing);
    let mut saving = std::time::Duration::ZERO;
    timings.time("swap", || {
        staging.finish_then(|out| {
            // Saved while the output's lock is held, so that the manifest names this build's
            // files, not another build's. A cache that cannot be written costs the next build
            // its speed, never its output.
            if let Some(cache) = cache {
                let started = std::time::Instant::now();
                let _ = cache.save(out, options.zip.as_deref(), &made);
                saving = started.elapsed();
            }
        })
    })?;
    if let (Some(_), Some((_, swap))) = (cache, timings.0.last_mut()) {
        *swap = swap.saturating_sub(saving);
        timings.0.push(("cache", saving));
    }
    Ok(Built { made, requested, timings })
}

/// Writes the files for the open web and for citation ([`export::web_files`]), with the sitemap's
/// dates from the site's git history, and returns the note of what was left out.
fn web_files(
    site: &render::Site,
    history: &export::history::History,
    keep: &(dyn Fn(file::OutputFile) + Sync),
) -> Vec<String> {
    let has_address = site.archive().config.base_url.is_some();
    export::web_files(site, history).into_iter().for_each(keep);
    if has_address {
        return Vec::new();
    }
    vec!["no `base_url` in site.toml (or --base-url): sitemap.xml and robots.txt, which need absolute addresses, were not written".to_owned()]
}

fn timed<T>(run: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let started = std::time::Instant::now();
    let result = run();
    (result, started.elapsed())
}
