//! Load: the files of a site become raw records with source locations.
//!
//! This stage owns all file reading of content. It discovers files with walkdir, checks that
//! they are UTF-8, normalises their text to NFC (so every later comparison, quote matching and
//! search folding sees one form), splits articles into front matter and body, and parses YAML
//! with serde-saphyr into the [`raw`] types. It resolves nothing: that is the model's job.
//! Problems become diagnostics; a file that cannot be parsed is left out and reported.
//!
//! Files are read one by one, in parallel, into a [`Content`]: what each file of the three
//! content folders holds. A build reads them all once; `dossier serve` keeps its `Content` and
//! reads again only the files a save touched ([`Content::update`]). Either way the
//! [`LoadedSite`] and its diagnostics are put together from the files by one function,
//! [`Content::site`], so a site read bit by bit is the site read whole.

pub mod raw;
mod yaml_help;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Position};
use crate::text::{first_forbidden, forbidden_message, is_reserved_on_windows, is_valid_slug, nfc, position_of_offset};

pub use crate::layout::CONTENT_DIR;
pub const ARTICLES_DIR: &str = "content/articles";
pub const ACTORS_DIR: &str = "content/actors";
pub const COUNTRIES_DIR: &str = "content/countries";

/// The largest content file read, in bytes (10 MB): the longest real article is a few hundred
/// kilobytes, and one of hundreds of megabytes made the build allocate gigabytes.
pub const MAX_FILE_BYTES: u64 = 10_000_000;

/// The text of one content file, NFC, with where its YAML starts in the file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Relative to the site root, for messages.
    pub path: PathBuf,
    pub text: String,
    /// Lines before the YAML document in the file: 1 for front matter after its `---` line.
    pub yaml_line_offset: usize,
    /// What the YAML says otherwise than its editor likely meant, such as a value cut short by
    /// a `#` (see [`yaml_help::lint`]).
    pub warnings: Vec<Diagnostic>,
}

impl SourceFile {
    /// A diagnostic at a YAML location of this file, in file lines.
    pub fn error_at(&self, location: Location, message: impl Into<String>) -> Diagnostic {
        self.error_at_yaml(yaml_position(location), message)
    }

    /// A diagnostic at a position of this file's YAML document, in file lines.
    fn error_at_yaml(&self, position: Position, message: impl Into<String>) -> Diagnostic {
        let position = Position { line: position.line + self.yaml_line_offset, column: position.column.max(1) };
        Diagnostic::error(&self.path, message).at(&self.text, position)
    }

    /// A diagnostic with the advice of [`yaml_help`] on a mistake in this file's YAML.
    fn advice(&self, advice: yaml_help::Advice) -> Diagnostic {
        let mut diagnostic = self.error_at_yaml(advice.position, advice.message).with_help(advice.help);
        diagnostic.underline = advice.underline;
        diagnostic
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

/// A serde-saphyr location as a position: 1-based line and column.
fn yaml_position(location: Location) -> Position {
    Position { line: location.line() as usize, column: location.column() as usize }
}

/// A YAML record with the file it came from.
#[derive(Clone, Debug)]
pub struct Record<T> {
    /// The file stem: an article slug, an actor id or a country code.
    pub id: String,
    pub file: SourceFile,
    pub data: T,
}

/// An article's Markdown file: its front matter, and its body after the closing `---`.
#[derive(Debug)]
pub struct Markdown {
    pub record: Record<raw::FrontMatter>,
    /// Where the body starts in the file's text.
    body_start: usize,
}

impl Markdown {
    /// The Markdown text after the closing `---`.
    pub fn body(&self) -> &str {
        &self.record.file.text[self.body_start..]
    }
}

/// An article: its Markdown file and its annotations if it has any. Both are shared with the
/// [`Content`] they were read into: a file that was not read again is the same allocation from
/// one [`Content::site`] to the next, which is how the model knows what it need not redo.
#[derive(Clone, Debug)]
pub struct ArticleFile {
    pub markdown: Arc<Markdown>,
    pub sidecar: Option<Arc<Record<raw::Sidecar>>>,
}

/// Everything read from `content/`, sorted by id.
#[derive(Debug, Default)]
pub struct LoadedSite {
    pub articles: Vec<ArticleFile>,
    pub actors: Vec<Record<raw::Actor>>,
    pub countries: Vec<Record<raw::Country>>,
    pub unreadable: Unreadable,
}

/// The files that could not be read or parsed, by the id of what they hold: the model reports
/// nothing that only their absence causes (an unknown actor, an unreferenced one), since the
/// file's own error is the one to fix.
#[derive(Debug, Default)]
pub struct Unreadable {
    /// Slugs of the articles whose Markdown file or annotations could not be read.
    pub articles: BTreeSet<String>,
    /// Actor ids, with their file.
    pub actors: BTreeMap<String, PathBuf>,
    /// Country codes, with their file.
    pub countries: BTreeMap<String, PathBuf>,
}

/// Reads every content file under `root`. Returns what could be read and every problem found.
pub fn load(root: &Path) -> (LoadedSite, Vec<Diagnostic>) {
    Content::read(root).site()
}

/// The three content folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Folder {
    Articles,
    Actors,
    Countries,
}

impl Folder {
    const ALL: [Folder; 3] = [Folder::Articles, Folder::Actors, Folder::Countries];

    fn path(self) -> &'static str {
        match self {
            Folder::Articles => ARTICLES_DIR,
            Folder::Actors => ACTORS_DIR,
            Folder::Countries => COUNTRIES_DIR,
        }
    }

    /// The extensions of the files read here.
    fn wanted(self) -> &'static [&'static str] {
        match self {
            Folder::Articles => &["md", "yaml"],
            Folder::Actors | Folder::Countries => &["yaml"],
        }
    }
}

/// What one file of a content folder holds, as last read.
#[derive(Debug)]
enum FileContent {
    Markdown(Result<Arc<Markdown>, Diagnostic>),
    Sidecar(Result<Arc<Record<raw::Sidecar>>, Diagnostic>),
    /// Boxed: an actor record is the largest by far, and most files are articles.
    Actor(Result<Box<Record<raw::Actor>>, Diagnostic>),
    Country(Result<Record<raw::Country>, Diagnostic>),
    /// A file of a kind not read here, with the warning that says so: a `.yml` or `.markdown`
    /// file silently ignored would puzzle an editor.
    Ignored(Diagnostic),
}

/// The files of the content folders as last read, by folder and file name.
#[derive(Debug)]
pub struct Content {
    root: PathBuf,
    /// Problems listing the folders, from the last time they were listed.
    listing: Vec<Diagnostic>,
    /// One map per [`Folder`], in the order of [`Folder::ALL`].
    folders: [BTreeMap<OsString, FileContent>; 3],
}

impl Content {
    /// Lists and reads every content file under `root`.
    pub fn read(root: &Path) -> Content {
        let mut content = Content { root: root.to_path_buf(), listing: Vec::new(), folders: Default::default() };
        content.read_all();
        content
    }

    fn read_all(&mut self) {
        self.listing.clear();
        let mut names = Vec::new();
        for folder in Folder::ALL {
            names.extend(list(&self.root, folder, &mut self.listing).into_iter().map(|name| (folder, name)));
        }
        let root = &self.root;
        let read: Vec<(Folder, OsString, FileContent)> = names
            .into_par_iter()
            .map(|(folder, name)| (folder, name.clone(), read_file(root, folder, &name)))
            .collect();
        self.folders = Default::default();
        for (folder, name, file) in read {
            self.folders[folder as usize].insert(name, file);
        }
    }

    /// Reads again what changed at `paths` (relative to the root): a file of a content folder is
    /// read again, or forgotten if it is gone; a change to a content folder itself (made, removed,
    /// renamed) lists and reads everything again. Other paths change nothing.
    pub fn update(&mut self, paths: &BTreeSet<PathBuf>) {
        let mut files = Vec::new();
        for path in paths {
            match Place::of(path) {
                Place::Folder => return self.read_all(),
                Place::File(folder, name) => files.push((folder, name, path)),
                Place::Elsewhere => {}
            }
        }
        let root = &self.root;
        let read: Vec<(Folder, OsString, Option<FileContent>)> = files
            .into_par_iter()
            .map(|(folder, name, relative)| {
                // A folder that became a link leading outside is read no more (and is reported when
                // the change to the folder lists everything again).
                let is_file = std::fs::symlink_metadata(root.join(relative)).is_ok_and(|meta| meta.is_file())
                    && matches!(crate::layout::source_folder(root, folder.path()), Ok(Some(_)));
                let file = (is_file && !is_hidden(&name)).then(|| read_file(root, folder, &name));
                (folder, name, file)
            })
            .collect();
        for (folder, name, file) in read {
            let files = &mut self.folders[folder as usize];
            match file {
                Some(file) => files.insert(name, file),
                None => files.remove(&name),
            };
        }
    }

    /// The site as the files now read, and every problem found in them.
    pub fn site(&self) -> (LoadedSite, Vec<Diagnostic>) {
        let mut diagnostics = self.listing.clone();
        let [articles, actors, countries] = &self.folders;
        for file in self.folders.iter().flat_map(BTreeMap::values) {
            if let FileContent::Ignored(warning) = file {
                diagnostics.push(warning.clone());
            }
        }
        for (name, file) in articles {
            if matches!(file, FileContent::Sidecar(_)) && !articles.contains_key(&with_extension(name, "md")) {
                let path = Path::new(ARTICLES_DIR).join(name);
                let message =
                    format!("annotations for a missing article: there is no `{}`", path.with_extension("md").display());
                diagnostics.push(Diagnostic::error(path, message).at("", Position { line: 1, column: 1 }));
            }
        }
        let mut site = LoadedSite::default();
        for (name, file) in articles {
            let FileContent::Markdown(markdown) = file else { continue };
            let sidecar = match articles.get(&with_extension(name, "yaml")) {
                Some(FileContent::Sidecar(sidecar)) => Some(sidecar),
                _ => None,
            };
            match (markdown, sidecar) {
                (Ok(markdown), None | Some(Ok(_))) => {
                    let sidecar = sidecar.and_then(|sidecar| sidecar.as_ref().ok()).cloned();
                    let files =
                        std::iter::once(&markdown.record.file).chain(sidecar.as_ref().map(|sidecar| &sidecar.file));
                    diagnostics.extend(files.flat_map(|file| file.warnings.iter().cloned()));
                    site.articles.push(ArticleFile { markdown: markdown.clone(), sidecar });
                }
                (markdown, sidecar) => {
                    let errors = [markdown.as_ref().err(), sidecar.and_then(|sidecar| sidecar.as_ref().err())];
                    diagnostics.extend(errors.into_iter().flatten().cloned());
                    site.unreadable.articles.insert(file_stem(name));
                }
            }
        }
        let actor = |file: &FileContent| match file {
            FileContent::Actor(read) => Some(read.as_ref().map(|record| (**record).clone()).map_err(Clone::clone)),
            _ => None,
        };
        let country = |file: &FileContent| match file {
            FileContent::Country(read) => Some(read.clone()),
            _ => None,
        };
        let unreadable = &mut site.unreadable;
        site.actors = records(Folder::Actors, actors, actor, &mut unreadable.actors, &mut diagnostics);
        site.countries = records(Folder::Countries, countries, country, &mut unreadable.countries, &mut diagnostics);
        (site, diagnostics)
    }
}

/// The records of a folder of actors or countries, as `read` finds them in its files; the
/// errors and warnings go to `diagnostics`, and the ids of the files that could not be read, with
/// their path, to `unreadable`.
fn records<T>(
    folder: Folder,
    files: &BTreeMap<OsString, FileContent>,
    read: impl Fn(&FileContent) -> Option<Result<Record<T>, Diagnostic>>,
    unreadable: &mut BTreeMap<String, PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Record<T>> {
    let mut records = Vec::new();
    for (name, file) in files {
        match read(file) {
            Some(Ok(record)) => {
                diagnostics.extend(record.file.warnings.iter().cloned());
                records.push(record);
            }
            Some(Err(error)) => {
                diagnostics.push(error);
                unreadable.insert(file_stem(name), Path::new(folder.path()).join(name));
            }
            None => {}
        }
    }
    records
}

/// Where a changed path stands in the content.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// A file (or anything else) directly in a content folder.
    File(Folder, OsString),
    /// `content/` or one of its folders.
    Folder,
    /// Anything else: nothing the content is read from.
    Elsewhere,
}

impl Place {
    fn of(relative: &Path) -> Place {
        if relative == Path::new(CONTENT_DIR) {
            return Place::Folder;
        }
        for folder in Folder::ALL {
            if relative == Path::new(folder.path()) {
                return Place::Folder;
            }
            if let (Some(parent), Some(name)) = (relative.parent(), relative.file_name())
                && parent == Path::new(folder.path())
            {
                return Place::File(folder, name.to_os_string());
            }
        }
        Place::Elsewhere
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `name` without its extension: the id of what the file holds.
fn file_stem(name: &OsStr) -> String {
    Path::new(name).file_stem().unwrap_or(name).to_string_lossy().into_owned()
}

/// `name` with its extension replaced, as [`Path::with_extension`] does.
fn with_extension(name: &OsStr, extension: &str) -> OsString {
    Path::new(name).with_extension(extension).into_os_string()
}

/// The names of the files in one content folder, sorted, hidden files and folders left out.
/// Problems listing it go to `listing`.
/// A folder that leads outside the site root is reported once, however many folders lie in it.
fn list(root: &Path, folder: Folder, listing: &mut Vec<Diagnostic>) -> Vec<OsString> {
    let directory = match crate::layout::source_folder(root, folder.path()) {
        Ok(Some(directory)) => directory,
        Ok(None) => return Vec::new(),
        Err(error) => {
            if !listing.contains(&error) {
                listing.push(error);
            }
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for entry in WalkDir::new(&directory).min_depth(1).max_depth(1).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() && !is_hidden(entry.file_name()) => {
                names.push(entry.file_name().to_os_string());
            }
            Ok(_) => {}
            Err(error) => listing.push(Diagnostic::error(folder.path(), format!("cannot list the folder: {error}"))),
        }
    }
    names
}

/// Reads the file `name` of `folder` as what that folder holds.
fn read_file(root: &Path, folder: Folder, name: &OsStr) -> FileContent {
    let path = Path::new(folder.path()).join(name);
    let extension = path.extension().and_then(OsStr::to_str).unwrap_or("");
    match (folder, extension) {
        (Folder::Articles, "md") => FileContent::Markdown(read_markdown(root, &path).map(Arc::new)),
        (Folder::Articles, "yaml") => FileContent::Sidecar(read_record(root, &path).map(Arc::new)),
        (Folder::Actors, "yaml") => FileContent::Actor(read_record(root, &path).map(Box::new)),
        (Folder::Countries, "yaml") => FileContent::Country(read_record(root, &path)),
        _ => {
            let message = format!("ignored: only {} files are read here", folder.wanted().join(" and "));
            FileContent::Ignored(Diagnostic::warning(path, message))
        }
    }
}

/// Reads a file as NFC text. Invalid UTF-8 is reported at the line of the first bad byte, a
/// forbidden character at its own line and column, a file over [`MAX_FILE_BYTES`] with its size.
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let text = decode(path, read_bounded(root, path)?)?;
    match first_forbidden(&text) {
        Some((offset, c)) => Err(Diagnostic::error(path, forbidden_message(c))
            .at(&text, position_of_offset(&text, offset))
            .with_help("delete it: most editors do not show it")),
        None => Ok(text),
    }
}

/// The bytes of a file, or its size if it is over [`MAX_FILE_BYTES`]: read no further than the
/// limit, so a file that grows while it is read cannot make the build allocate without bound.
fn read_bounded(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read = |error: std::io::Error| Diagnostic::error(path, format!("cannot read the file: {error}"));
    let file = std::fs::File::open(root.join(path)).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = size.max(bytes.len() as u64);
        let message = format!(
            "the file is {size} bytes ({:.1} MB), over the limit of {} MB for a content file",
            size as f64 / 1e6,
            MAX_FILE_BYTES / 1_000_000
        );
        return Err(Diagnostic::error(path, message).with_help("split the article, or shorten it"));
    }
    Ok(bytes)
}

/// `bytes` as NFC text without a byte order mark.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
            if is_surely_nfc(&text) {
                return Ok(text);
            }
            match nfc(&text) {
                std::borrow::Cow::Borrowed(_) => Ok(text),
                std::borrow::Cow::Owned(normalised) => Ok(normalised),
            }
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

/// Whether `text` is NFC because every character in it is one that NFC leaves alone whatever
/// surrounds it: ASCII, U+0080 to U+02FF (Latin-1 and Latin Extended, up to the combining
/// marks), U+1E00 to U+1EFF (the precomposed Vietnamese letters) and U+2002 to U+203F (spaces,
/// dashes, curly quotes, ellipsis). That is nearly all Vietnamese text, and this byte scan is
/// several times faster than the general quick check, which the other texts get.
fn is_surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        // `text` is valid UTF-8, so a lead byte is followed by its continuation bytes.
        index += match (byte, bytes.get(index + 1), bytes.get(index + 2)) {
            (0x00..=0x7F, _, _) => 1,
            (0xC2..=0xCB, _, _) => 2,
            (0xE1, Some(0xB8..=0xBB), _) => 3,
            (0xE2, Some(0x80), Some(0x82..=0xBF)) => 3,
            _ => return false,
        };
    }
    true
}

/// The file stem of `path`, checked to be a valid slug.
fn stem(path: &Path, file: &SourceFile) -> Result<String, Diagnostic> {
    let stem = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    if is_valid_slug(&stem) {
        Ok(stem)
    } else if is_reserved_on_windows(&stem) {
        Err(file
            .error(format!(
                "bad file name `{stem}`: Windows reserves it for a device, so the site could not be unzipped there"
            ))
            .with_help(format!("add a word to the name, such as `{stem}-1`")))
    } else {
        let suggestion: String = crate::text::slugify(&stem);
        Err(file
            .error(format!("bad file name `{stem}`: use lowercase ASCII letters, digits and `-`"))
            .with_help(format!("rename it to `{suggestion}`")))
    }
}

fn read_record<T: DeserializeOwned + Default>(root: &Path, path: &Path) -> Result<Record<T>, Diagnostic> {
    let text = read_text(root, path)?;
    let mut file = SourceFile { path: path.to_path_buf(), text, yaml_line_offset: 0, warnings: Vec::new() };
    let id = stem(path, &file)?;
    let data = parse_yaml(&mut file, 0..)?;
    Ok(Record { id, file, data })
}

/// Parses the YAML document at `yaml` in `file`'s text, keeping in `file` what it reads otherwise
/// than its editor likely meant; an empty document is the type's default.
fn parse_yaml<T: DeserializeOwned + Default>(
    file: &mut SourceFile,
    yaml: impl std::slice::SliceIndex<str, Output = str>,
) -> Result<T, Diagnostic> {
    let text = &file.text[yaml];
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    match serde_saphyr::from_str(text) {
        Ok(data) => {
            if let Some((position, c)) = escaped_forbidden(text) {
                let help =
                    format!("remove the escape that writes it (such as `\\u{:04X}`) from this quoted value", c as u32);
                return Err(file.error_at_yaml(position, forbidden_message(c)).with_help(help));
            }
            let warnings = yaml_help::lint(text).into_iter().map(|advice| file.advice(advice).as_warning()).collect();
            file.warnings = warnings;
            Ok(data)
        }
        Err(error) => {
            let message = yaml_message(&error);
            let Some(location) = error.location() else { return Err(file.error(format!("YAML: {message}"))) };
            Err(match yaml_help::explain(text, yaml_position(location), &message) {
                Some(advice) => file.advice(advice),
                None => file.error_at(location, format!("YAML: {message}")),
            })
        }
    }
}

/// The position (in the YAML) and character of the first value whose quoted
/// escapes (`"\u0001"`, `"\x00"`, `"\N"`) write a forbidden character. The file's text was
/// checked already, so only escapes can bring one in, and only a text with a backslash is parsed
/// again to look.
fn escaped_forbidden(yaml: &str) -> Option<(Position, char)> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !yaml.contains('\\') {
        return None;
    }
    Parser::new_from_str(yaml).map_while(Result::ok).find_map(|(event, span)| match event {
        Event::Scalar(value, ..) => first_forbidden(&value)
            .map(|(_, c)| (Position { line: span.start.line(), column: span.start.col() + 1 }, c)),
        _ => None,
    })
}

/// The one-line message of a YAML parser error, without the location and snippet serde-saphyr renders
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
    message.split_once(" at line ").map_or(message, |(message, _)| message).to_owned()
}

fn read_markdown(root: &Path, path: &Path) -> Result<Markdown, Diagnostic> {
    let text = read_text(root, path)?;
    let mut file = SourceFile { path: path.to_path_buf(), text, yaml_line_offset: 1, warnings: Vec::new() };
    let slug = stem(path, &file)?;
    let Some((front, body_start)) = split_front_matter(&file.text) else {
        file.yaml_line_offset = 0;
        return Err(file
            .error("an article starts with YAML front matter between `---` lines")
            .with_help("begin the file with `---`, then `title:`, `date:` and `source:`, then `---`"));
    };
    let data = parse_yaml(&mut file, front)?;
    Ok(Markdown { record: Record { id: slug, file, data }, body_start })
}

/// Splits `---\nyaml\n---\nbody`: the byte range of the YAML, and where the body starts.
fn split_front_matter(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let opening = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let mut offset = opening;
    for line in text[opening..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((opening..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, is_nfc_quick};

    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let text = "---\ntitle: x\n---\nBody\n";
        let (front, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[front], "title: x\n");
        assert_eq!(&text[body..], "Body\n");
    }

    #[test]
    fn unterminated_front_matter_is_not_split() {
        assert_eq!(split_front_matter("---\ntitle: x\nBody\n"), None);
        assert_eq!(split_front_matter("title: x\n"), None);
    }

    // The scan may only say yes to characters that are NFC on their own and never combine with
    // their neighbours (combining class 0, quick check Yes rather than Maybe).
    #[test]
    fn the_quick_nfc_scan_accepts_only_characters_nfc_leaves_alone() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_surely_nfc(c.encode_utf8(&mut [0; 4])) {
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            }
        }
        assert!(is_surely_nfc("Bộ Ngoại giao “bác bỏ” – tin tặc…"));
        assert!(!is_surely_nfc("tin ta\u{0323}\u{0306}c"));
    }

    // A save inside a folder that had become a link to a folder outside the site read the file
    // there when the watcher named it.
    #[test]
    fn a_saved_file_in_a_folder_linked_outside_is_not_read() {
        let temp = tempfile::tempdir().unwrap();
        let (root, outside) = (temp.path().join("site"), temp.path().join("outside"));
        std::fs::create_dir_all(root.join(CONTENT_DIR)).unwrap();
        std::fs::create_dir(&outside).unwrap();
        let mut content = Content::read(&root);
        std::fs::write(outside.join("bi-mat.md"), "---\ntitle: x\n---\n").unwrap();
        std::os::unix::fs::symlink(&outside, root.join(ARTICLES_DIR)).unwrap();
        content.update(&BTreeSet::from([Path::new(ARTICLES_DIR).join("bi-mat.md")]));
        assert!(content.site().0.articles.is_empty());
    }

    #[test]
    fn places_of_changed_paths() {
        let file = |folder, name: &str| Place::File(folder, OsString::from(name));
        assert_eq!(Place::of(Path::new("content/articles/a.md")), file(Folder::Articles, "a.md"));
        assert_eq!(Place::of(Path::new("content/actors/apt32.yaml")), file(Folder::Actors, "apt32.yaml"));
        assert_eq!(Place::of(Path::new("content/countries")), Place::Folder);
        assert_eq!(Place::of(Path::new("content")), Place::Folder);
        assert_eq!(Place::of(Path::new("content/articles/old/a.md")), Place::Elsewhere);
        assert_eq!(Place::of(Path::new("content/notes.md")), Place::Elsewhere);
        assert_eq!(Place::of(Path::new("templates/base.html")), Place::Elsewhere);
    }
}
