//! Render: the archive becomes the files of the site, in memory. Markdown and quote marks come
//! from [`crate::markdown`], pages from tera templates, then each page is minified. Pages are
//! independent, so they are rendered in parallel; the archive and the views are shared read-only.
//! Render does no file IO: the theme was read by [`crate::theme`], writing is [`crate::output`]'s.

mod engine;
mod offline;
mod pages;
pub mod view;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Archive;
use crate::theme::Theme;

pub use offline::offline_variant;

/// One file of the built site: its `/`-separated path under the output folder and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The whole site in memory, files sorted by path.
#[derive(Debug)]
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub pages: usize,
}

/// Renders every page and copies every asset. Template errors are collected, all of them.
pub fn render(archive: &Archive, theme: &Theme) -> Result<RenderedSite, Vec<Diagnostic>> {
    let assets = fingerprint(theme);
    let engine = engine::Engine::new(theme, archive, &assets)?;
    let views = view::Views::new(archive);
    let pages = pages::list(archive);
    let results: Vec<Result<OutputFile, Diagnostic>> =
        pages.par_iter().map(|page| engine.render(page, archive, &views)).collect();
    let mut files = Vec::with_capacity(results.len() + assets.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(error) if !errors.contains(&error) => errors.push(error),
            Err(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (name, path) in &assets {
        files.push(OutputFile { path: path.clone(), bytes: theme.assets[name].clone() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedSite { files, pages: pages.len() })
}

/// Output paths of the theme's static files. CSS, JavaScript and images get the hash of their
/// content in the name (`assets/style.1f2e3d4c.css`) so browsers may cache them for good; other
/// files keep their names.
fn fingerprint(theme: &Theme) -> BTreeMap<String, String> {
    theme
        .assets
        .iter()
        .map(|(name, bytes)| {
            let cacheable = [".css", ".js", ".svg", ".png", ".woff2"].iter().any(|ext| name.ends_with(ext));
            let path = match name.rsplit_once('.') {
                Some((stem, extension)) if cacheable => {
                    format!("assets/{stem}.{:08x}.{extension}", seahash::hash(bytes) as u32)
                }
                _ => format!("assets/{name}"),
            };
            (name.clone(), path)
        })
        .collect()
}
