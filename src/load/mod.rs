//! Load: the files of a site become raw records with source locations.
//!
//! This stage owns all file reading of content. It discovers files with walkdir, checks that
//! they are UTF-8, normalises their text to NFC (so every later comparison, quote matching and
//! search folding sees one form), splits articles into front matter and body, and parses YAML
//! with serde-saphyr into the [`raw`] types. It resolves nothing: that is the model's job.
//! Problems become diagnostics; a file that cannot be parsed is left out and reported.

pub mod raw;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Position};
use crate::text::{is_valid_slug, nfc, position_of_offset};

pub const ARTICLES_DIR: &str = "content/articles";
pub const ACTORS_DIR: &str = "content/actors";
pub const COUNTRIES_DIR: &str = "content/countries";

/// The text of one content file, NFC, with where its YAML starts in the file.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the site root, for messages.
    pub path: PathBuf,
    pub text: String,
    /// Lines before the YAML document in the file: 1 for front matter after its `---` line.
    pub yaml_line_offset: usize,
}

impl SourceFile {
    /// A diagnostic at a YAML location of this file, in file lines.
    pub fn error_at(&self, location: Location, message: impl Into<String>) -> Diagnostic {
        let position = Position {
            line: location.line() as usize + self.yaml_line_offset,
            column: (location.column() as usize).max(1),
        };
        Diagnostic::error(&self.path, message).at(&self.text, position)
    }

    /// A diagnostic that underlines a spanned YAML value of this file.
    pub fn error_on(&self, value: &Spanned<String>, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = self.error_at(value.referenced, message);
        diagnostic.underline = value.value.chars().count().max(1);
        diagnostic
    }

    /// A diagnostic about the file as a whole, placed at its first line.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at(&self.text, Position { line: 1, column: 1 })
    }
}

/// A YAML record with the file it came from.
#[derive(Debug)]
pub struct Record<T> {
    /// The file stem: an article slug, an actor id or a country code.
    pub id: String,
    pub file: SourceFile,
    pub data: T,
}

/// An article file: front matter and Markdown body, and its annotations if it has any.
#[derive(Debug)]
pub struct ArticleFile {
    pub record: Record<raw::FrontMatter>,
    /// The Markdown text after the closing `---`.
    pub body: String,
    pub sidecar: Option<Record<raw::Sidecar>>,
}

/// Everything read from `content/`, sorted by id.
#[derive(Debug, Default)]
pub struct LoadedSite {
    pub articles: Vec<ArticleFile>,
    pub actors: Vec<Record<raw::Actor>>,
    pub countries: Vec<Record<raw::Country>>,
}

/// Reads every content file under `root`. Returns what could be read and every problem found.
pub fn load(root: &Path) -> (LoadedSite, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let article_paths = discover(root, ARTICLES_DIR, &mut diagnostics);
    let actor_paths = discover(root, ACTORS_DIR, &mut diagnostics);
    let country_paths = discover(root, COUNTRIES_DIR, &mut diagnostics);

    let (markdown, sidecars): (Vec<_>, Vec<_>) =
        article_paths.into_iter().partition(|path| path.extension().is_some_and(|extension| extension == "md"));
    for orphan in sidecars.iter().filter(|path| markdown.binary_search(&path.with_extension("md")).is_err()) {
        let message =
            format!("annotations for a missing article: there is no `{}`", orphan.with_extension("md").display());
        diagnostics.push(Diagnostic::error(orphan, message).at("", Position { line: 1, column: 1 }));
    }

    let articles: Vec<Result<ArticleFile, Vec<Diagnostic>>> = markdown
        .par_iter()
        .map(|path| {
            let sidecar_path = path.with_extension("yaml");
            let sidecar =
                sidecars.binary_search(&sidecar_path).is_ok().then(|| read_record::<raw::Sidecar>(root, &sidecar_path));
            let article = read_article(root, path);
            match (article, sidecar.transpose()) {
                (Ok(mut article), Ok(sidecar)) => {
                    article.sidecar = sidecar;
                    Ok(article)
                }
                (article, sidecar) => Err([article.err(), sidecar.err()].into_iter().flatten().collect()),
            }
        })
        .collect();
    let actors: Vec<_> = actor_paths.par_iter().map(|path| read_record(root, path)).collect();
    let countries: Vec<_> = country_paths.par_iter().map(|path| read_record(root, path)).collect();

    let mut site = LoadedSite::default();
    for result in articles {
        match result {
            Ok(article) => site.articles.push(article),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    site.actors = keep_ok(actors, &mut diagnostics);
    site.countries = keep_ok(countries, &mut diagnostics);
    (site, diagnostics)
}

fn keep_ok<T>(results: Vec<Result<T, Diagnostic>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<T> {
    results.into_iter().filter_map(|result| result.map_err(|error| diagnostics.push(error)).ok()).collect()
}

/// The `.md` and `.yaml` files of one content folder, relative to `root`, sorted. Other files are
/// reported, since a `.yml` or `.markdown` file silently ignored would puzzle an editor.
fn discover(root: &Path, folder: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let directory = root.join(folder);
    if !directory.is_dir() {
        return Vec::new();
    }
    let wanted: &[&str] = if folder == ARTICLES_DIR { &["md", "yaml"] } else { &["yaml"] };
    let mut paths = Vec::new();
    for entry in WalkDir::new(&directory).min_depth(1).max_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(Diagnostic::error(folder, format!("cannot list the folder: {error}")));
                continue;
            }
        };
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || !entry.file_type().is_file() {
            continue;
        }
        let extension = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
        if wanted.contains(&extension) {
            paths.push(relative);
        } else {
            diagnostics.push(Diagnostic::warning(
                relative,
                format!("ignored: only {} files are read here", wanted.join(" and ")),
            ));
        }
    }
    // Sorted as PathBufs (not only as walkdir sorts names) since callers binary-search them.
    paths.sort();
    paths
}

/// Reads a file as NFC text; invalid UTF-8 is reported at the line of the first bad byte.
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(path))
        .map_err(|error| Diagnostic::error(path, format!("cannot read the file: {error}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
            Ok(nfc(&text).into_owned())
        }
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&error.as_bytes()[..valid_up_to]).into_owned();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let position = position_of_offset(&valid, valid_up_to);
            Err(Diagnostic::error(path, "the file is not valid UTF-8")
                .at(&lossy, position)
                .with_help("save the file as UTF-8"))
        }
    }
}

/// The file stem of `path`, checked to be a valid slug.
fn stem(path: &Path, file: &SourceFile) -> Result<String, Diagnostic> {
    let stem = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    if is_valid_slug(&stem) {
        Ok(stem)
    } else {
        let suggestion: String = crate::text::slugify(&stem);
        Err(file
            .error(format!("bad file name `{stem}`: use lowercase ASCII letters, digits and `-`"))
            .with_help(format!("rename it to `{suggestion}`")))
    }
}

fn read_record<T: DeserializeOwned + Default>(root: &Path, path: &Path) -> Result<Record<T>, Diagnostic> {
    let file = SourceFile { path: path.to_path_buf(), text: read_text(root, path)?, yaml_line_offset: 0 };
    let id = stem(path, &file)?;
    let data = parse_yaml(&file, &file.text)?;
    Ok(Record { id, file, data })
}

/// Parses one YAML document of `file`; an empty document is the type's default.
fn parse_yaml<T: DeserializeOwned + Default>(file: &SourceFile, yaml: &str) -> Result<T, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(T::default());
    }
    serde_saphyr::from_str(yaml).map_err(|error| {
        let message = yaml_message(&error);
        match error.location() {
            Some(location) => file.error_at(location, message),
            None => file.error(message),
        }
    })
}

/// The one-line message of a YAML error, without the location and snippet serde-saphyr renders
/// around it (the diagnostic shows those its own way).
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let rendered = error.to_string();
    let mut message = rendered.lines().next().unwrap_or("invalid YAML").trim();
    message = message.strip_prefix("error: ").unwrap_or(message);
    if let Some((location, rest)) = message.split_once(": ")
        && location.starts_with("line ")
    {
        message = rest;
    }
    let message = message.split_once(" at line ").map_or(message, |(message, _)| message);
    format!("YAML: {message}")
}

fn read_article(root: &Path, path: &Path) -> Result<ArticleFile, Diagnostic> {
    let text = read_text(root, path)?;
    let mut file = SourceFile { path: path.to_path_buf(), text, yaml_line_offset: 1 };
    let slug = stem(path, &file)?;
    let Some((front, body)) = split_front_matter(&file.text) else {
        file.yaml_line_offset = 0;
        return Err(file
            .error("an article starts with YAML front matter between `---` lines")
            .with_help("begin the file with `---`, then `title:`, `date:` and `source:`, then `---`"));
    };
    let data = parse_yaml(&file, front)?;
    let body = body.to_owned();
    Ok(ArticleFile { record: Record { id: slug, file, data }, body, sidecar: None })
}

/// Splits `---\nyaml\n---\nbody` into the YAML and the body.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (front, body) = split_front_matter("---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(front, "title: x\n");
        assert_eq!(body, "Body\n");
    }

    #[test]
    fn unterminated_front_matter_is_not_split() {
        assert_eq!(split_front_matter("---\ntitle: x\nBody\n"), None);
        assert_eq!(split_front_matter("title: x\n"), None);
    }
}
