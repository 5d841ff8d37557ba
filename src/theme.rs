//! The theme: templates and static files. dossier carries a complete default theme (the
//! repository's `templates/` and `static/`, embedded at compile time); a site's own `templates/`
//! and `static/` folders override it file by file and may add files. This module reads those
//! folders, so that render never touches the disk, and has [`guard`] check what the site's own
//! files may contain.

mod guard;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::layout::{STATIC_DIR, TEMPLATES_DIR};
use crate::markdown::RawHtml;
use crate::text::{first_forbidden, forbidden_message, is_reserved_on_windows, position_of_offset};

macro_rules! embed {
    ($folder:literal, $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../", $folder, "/", $name)) as &[u8])),*]
    };
}

const DEFAULT_TEMPLATES: &[(&str, &[u8])] = embed!(
    "templates",
    "base.html",
    "components.html",
    "index.html",
    "article.html",
    "actors.html",
    "actor.html",
    "countries.html",
    "country.html",
    "search.html",
    "404.html",
    "tags.html",
    "tag.html",
    "atom.xml",
    // The timeline and the actors' and countries' feeds (issue 11).
    "timeline.html",
    "timeline_year.html",
    "entity_feed.xml",
    "matrix.html",
    "matrix_accuser.html",
    "claims.html",
    "disputes.html",
    "data.html",
);

const DEFAULT_ASSETS: &[(&str, &[u8])] = embed!(
    "static",
    "style.css",
    "text.js",
    "search.js",
    "lists.js",
    "highlight.js",
    "claims-filter.js",
    "copy.js",
    "favicon.svg"
);

/// Template sources by name (`article.html`) and static files by path (`style.css`).
#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme alone.
    pub fn builtin() -> Theme {
        let templates = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, bytes)| (name.to_string(), String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        let assets = DEFAULT_ASSETS.iter().map(|(name, bytes)| (name.to_string(), bytes.to_vec())).collect();
        Theme { templates, assets }
    }

    /// The built-in theme with the site's `templates/` and `static/` laid over it; unless the
    /// site is trusted (`raw_html`), its own files are refused if they could run script.
    pub fn load(root: &Path, raw_html: RawHtml) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::builtin();
        let defaults = theme.clone();
        let mut errors = Vec::new();
        let mut own_templates = BTreeSet::new();
        for (relative, bytes) in read_folder(root, TEMPLATES_DIR, &mut errors) {
            let path = format!("{TEMPLATES_DIR}/{relative}");
            match String::from_utf8(bytes) {
                Ok(text) => match first_forbidden(&text) {
                    Some((offset, c)) => errors.push(
                        Diagnostic::error(path, forbidden_message(c)).at(&text, position_of_offset(&text, offset)),
                    ),
                    None => {
                        own_templates.insert(relative.clone());
                        theme.templates.insert(relative, text);
                    }
                },
                Err(_) => errors.push(Diagnostic::error(path, "the template is not valid UTF-8")),
            }
        }
        let own = read_folder(root, STATIC_DIR, &mut errors);
        errors.extend(unportable_names(own.iter().map(|(name, _)| name.as_str())));
        if raw_html == RawHtml::Sanitised {
            let defaults = guard::Defaults { templates: &defaults.templates, assets: &defaults.assets };
            let own_assets: BTreeMap<String, Vec<u8>> = own.iter().cloned().collect();
            errors.extend(guard::check(&defaults, &theme.templates, &own_templates, &own_assets));
        }
        theme.assets.extend(own);
        if errors.is_empty() { Ok(theme) } else { Err(errors) }
    }
}

/// The site's static files (`/`-separated paths, sorted) whose names would stop the published
/// site from being copied or unzipped on Windows or macOS as it is: a name Windows reserves for a
/// device, or two names, or one and a file of the default theme, that differ only in case.
fn unportable_names<'a>(own: impl Iterator<Item = &'a str>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, (&str, String)> = DEFAULT_ASSETS
        .iter()
        .map(|(name, _)| (name.to_lowercase(), (*name, format!("the default theme's `{name}`"))))
        .collect();
    for name in own {
        let path = format!("static/{name}");
        if name.split('/').any(is_reserved_on_windows) {
            let message = "the name is reserved for a device on Windows, so the site could not be unzipped there";
            errors.push(Diagnostic::error(&path, message).with_help("rename the file or its folder"));
        }
        match seen.entry(name.to_lowercase()) {
            Entry::Occupied(entry) if entry.get().0 != name => {
                let message = format!(
                    "`{path}` and {} differ only in case: one would overwrite the other on Windows and macOS",
                    entry.get().1
                );
                errors.push(Diagnostic::error(&path, message).with_help("rename one of them"));
            }
            // The site's file of the same name replaces the default theme's.
            Entry::Occupied(_) => {}
            Entry::Vacant(entry) => {
                entry.insert((name, format!("`{path}`")));
            }
        }
    }
    errors
}

/// Every file under `root/folder`, by its `/`-separated path inside the folder, sorted.
fn read_folder(root: &Path, folder: &str, errors: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
    let base = match crate::layout::source_folder(root, folder) {
        Ok(Some(base)) => base,
        Ok(None) => return Vec::new(),
        Err(error) => {
            errors.push(error);
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in WalkDir::new(&base).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                errors.push(Diagnostic::error(folder, format!("cannot list the folder: {error}")));
                continue;
            }
        };
        let relative = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if name.iter().any(|part| part.starts_with('.')) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((name.join("/"), bytes)),
            Err(error) => errors
                .push(Diagnostic::error(Path::new(folder).join(relative), format!("cannot read the file: {error}"))),
        }
    }
    files
}
