//! `import-actors`: actors from the MISP galaxy `threat-actor` cluster (the community's shared
//! registry of threat-actor names) into `content/actors/*.yaml`.
//!
//! A MISP actor matches an actor file when one of its names (the name, a synonym, or the file name
//! it would get) is the file's id, name or an alias, ignoring case. A match is merged: the editor's
//! fields stay as they are, aliases are added, and fields the file lacks (country, description,
//! links) are filled in; `kind` is never set. An actor that matches no file gets a new file.
//!
//! Nothing ambiguous is guessed; it is left out and reported instead: a name that MISP gives to
//! two actors, a MISP actor that matches two files, two MISP actors that match one file, an alias
//! that already names another actor or a country, a country that has no file. Files with comments
//! are not rewritten (the comments would be lost); what they would gain is reported. Every file is
//! read back before it is written, and nothing is written when the site has load errors.

mod actor_file;
mod misp;
mod plan;
mod site;

use std::path::{Path, PathBuf};

pub use misp::ReadError;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Import only actors that some article refers to (by any of their names) or that already
    /// have a file.
    pub only_referenced: bool,
    /// Report what would change without writing.
    pub dry_run: bool,
}

/// One actor file that was (or, in a dry run, would be) written.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    /// Relative to the site root.
    pub path: PathBuf,
    pub name: String,
    pub added_aliases: Vec<String>,
    /// Fields the file lacked and the import filled in: `country`, `description`, `links`.
    pub filled: Vec<&'static str>,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    /// The galaxy's name, `Threat Actor` for the threat-actor cluster.
    pub galaxy: String,
    pub created: Vec<Written>,
    pub updated: Vec<Written>,
    /// Actor files that matched and gained nothing.
    pub unchanged: usize,
    /// MISP actors left out by `only_referenced`.
    pub not_referenced: usize,
    /// What was left out and why, one sentence each.
    pub problems: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} is not a site folder: it has no {CONFIG_FILE} (pass --root DIR)", .0.display())]
    NotASite(PathBuf),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("the site has {} error(s) that stop it from being read; fix them first (`dossier check`)", .0.len())]
    Content(Vec<Diagnostic>),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Imports the MISP galaxy cluster file `misp` into the site at `root`.
pub fn import_misp(root: &Path, misp: &Path, options: ImportOptions) -> Result<ImportReport, ImportError> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ImportError::NotASite(root.to_path_buf()));
    }
    let galaxy = misp::read(misp)?;
    let site = site::Site::read(root)?;
    let (mut report, files) = plan::Plan::new(&galaxy, &site, options.only_referenced).finish();
    report.galaxy = galaxy.name.clone().unwrap_or_else(|| misp.display().to_string());
    if !options.dry_run {
        for file in &files {
            write_file(root, file)?;
        }
    }
    Ok(report)
}

/// Writes a new file (never over one that appeared meanwhile), or replaces a file through a
/// temporary sibling and a rename, so an interrupted import leaves each file whole.
fn write_file(root: &Path, file: &plan::FileText) -> Result<(), ImportError> {
    use std::io::Write;
    let (path, text) = (root.join(&file.path), &file.text);
    let error = |source| ImportError::Write { path: file.path.clone(), source };
    if file.is_new {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(error)?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(error)?;
        return file.write_all(text.as_bytes()).map_err(error);
    }
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let staging = path.with_file_name(format!(".{name}.import-{}", std::process::id()));
    std::fs::write(&staging, text).and_then(|()| std::fs::rename(&staging, &path)).map_err(|source| {
        let _ = std::fs::remove_file(&staging);
        error(source)
    })
}
