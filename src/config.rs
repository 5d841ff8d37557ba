//! `site.toml`: read in two steps, as ripgrep does with its flags. [`RawConfig`] is exactly what
//! the file says (unknown keys are an error); [`Config`] is the checked, defaulted form the rest of
//! the pipeline uses.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Position};
use toml::de::{DeTable, DeValue};

use crate::layout::{self, Outside};
use crate::markdown::RawHtml;
use crate::text::{first_forbidden, forbidden_message, position_of_offset};

pub const CONFIG_FILE: &str = "site.toml";
const DEFAULT_PAGE_SIZE: usize = 50;
const DEFAULT_OUTPUT_DIR: &str = "public";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    output_dir: Option<toml::Spanned<PathBuf>>,
    page_size: Option<usize>,
    unsafe_html: Option<bool>,
    data_license: Option<String>,
}

/// The checked site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// BCP 47 language of the pages, `vi` by default.
    pub language: String,
    /// The public address, without a trailing slash; used only where an absolute URL is required.
    pub base_url: Option<String>,
    /// Where builds go, resolved against the site root; a folder the site may own (see
    /// [`layout::place_output`]).
    pub output_dir: PathBuf,
    /// Entries per list page before a list continues on a next page.
    pub page_size: usize,
    /// What becomes of raw HTML in editors' Markdown: cleaned, unless `unsafe_html = true`.
    pub raw_html: RawHtml,
    /// Whether articles marked `draft: true` are in the archive: only when the command line asks
    /// (`build --drafts`, `serve`, `check`), never from `site.toml`, so that a merged draft is
    /// not published by accident.
    pub drafts: bool,
    /// The licence of the open data exports, as one line (`CC BY 4.0`), shown on the data page
    /// and written into the exports that have room for it; `None` says nothing of one.
    pub data_license: Option<String>,
}

/// Settings given on the command line, which take precedence over `site.toml`'s.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--base-url`: for a preview deployment at another address.
    pub base_url: Option<String>,
    /// `--drafts`, and what `serve` and `check` always do: articles marked `draft: true` included.
    pub drafts: bool,
}

impl Config {
    /// Reads `site.toml` in `root`, with `overrides` over what it says.
    pub fn load_with(root: &Path, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let mut config = Config::load(root)?;
        if let Some(url) = &overrides.base_url {
            config.base_url = Some(without_trailing_slash(url));
        }
        config.drafts = overrides.drafts;
        Ok(config)
    }

    /// Reads `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|error| {
            Diagnostic::error(CONFIG_FILE, format!("cannot read the site configuration: {error}"))
                .with_help("run dossier in a site folder, or pass --root DIR")
        })?;
        let text = String::from_utf8(bytes).map_err(|error| {
            Diagnostic::error(CONFIG_FILE, "the file is not valid UTF-8")
                .at("", Position { line: 1, column: 1 })
                .with_help(format!("invalid byte at offset {}", error.utf8_error().valid_up_to()))
        })?;
        Config::parse(root, &text)
    }

    /// Parses and checks the text of `site.toml`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostic> {
        if let Some((offset, c)) = first_forbidden(text) {
            return Err(forbidden(text, offset, c));
        }
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            let message = error.message().to_owned();
            let diagnostic = Diagnostic::error(CONFIG_FILE, message);
            match error.span() {
                Some(span) => {
                    let width = text[span.clone()].chars().count();
                    diagnostic.spanning(text, position_of_offset(text, span.start), width)
                }
                None => diagnostic,
            }
        })?;
        if let Some((offset, c)) = escaped_forbidden(text) {
            return Err(forbidden(text, offset, c)
                .with_help(format!("remove the escape that writes it (such as `\\u{:04X}`)", c as u32)));
        }
        let page_size = raw.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if page_size == 0 {
            return Err(Diagnostic::error(CONFIG_FILE, "`page_size` must be at least 1"));
        }
        let output_dir = match raw.output_dir {
            Some(spanned) => checked_output_dir(root, text, spanned)?,
            None => root.join(DEFAULT_OUTPUT_DIR),
        };
        Ok(Config {
            title: raw.title,
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "vi".to_owned()),
            base_url: raw.base_url.as_deref().map(without_trailing_slash),
            output_dir,
            page_size,
            raw_html: if raw.unsafe_html.unwrap_or(false) { RawHtml::Trusted } else { RawHtml::Sanitised },
            drafts: false,
            data_license: raw.data_license.map(|line| line.trim().to_owned()).filter(|line| !line.is_empty()),
        })
    }
}

/// A base URL as kept: without its trailing slash, which every use adds back where it needs one.
fn without_trailing_slash(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// `output_dir` against the site root, or an error at its value if a build may not own it.
fn checked_output_dir(root: &Path, text: &str, spanned: toml::Spanned<PathBuf>) -> Result<PathBuf, Diagnostic> {
    let output_dir = root.join(spanned.get_ref());
    match layout::place_output(root, &output_dir, Outside::Refused) {
        Ok(_) => Ok(output_dir),
        Err(refusal) => {
            let span = spanned.span();
            let width = text[span.clone()].chars().count();
            let message = format!("`output_dir` cannot be {}: {refusal}", text[span.clone()].trim());
            Err(Diagnostic::error(CONFIG_FILE, message).spanning(text, position_of_offset(text, span.start), width))
        }
    }
}

/// The error for the forbidden character `c` at byte `offset` of `text`.
fn forbidden(text: &str, offset: usize, c: char) -> Diagnostic {
    Diagnostic::error(CONFIG_FILE, forbidden_message(c)).at(text, position_of_offset(text, offset))
}

/// The byte offset of the first string value of `text` (valid TOML) whose escapes (`"\u0001"`)
/// write a forbidden character, and that character. Only a text with a backslash can hold one.
fn escaped_forbidden(text: &str) -> Option<(usize, char)> {
    fn search(value: &toml::Spanned<DeValue>) -> Option<(usize, char)> {
        match value.get_ref() {
            DeValue::String(string) => first_forbidden(string).map(|(_, c)| (value.span().start, c)),
            DeValue::Array(items) => items.into_iter().find_map(search),
            DeValue::Table(table) => table.values().find_map(search),
            _ => None,
        }
    }
    let table = text.contains('\\').then(|| DeTable::parse(text).ok()).flatten()?;
    table.get_ref().values().find_map(search)
}

impl Config {
    /// The path part of `base_url` with slashes around it (`/ho-so/` for
    /// `https://example.org/ho-so`), for pages served at any depth such as 404.html.
    pub fn base_path(&self) -> Option<String> {
        let url = self.base_url.as_deref()?;
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |index| &after_scheme[index..]);
        Some(format!("{}/", path.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_what_the_file_leaves_out() {
        let config = Config::parse(Path::new("/site"), "title = \"Hồ sơ\"\n").unwrap();
        assert_eq!(config.language, "vi");
        assert_eq!(config.output_dir, PathBuf::from("/site/public"));
        assert_eq!(config.page_size, DEFAULT_PAGE_SIZE);
        assert_eq!(config.raw_html, RawHtml::Sanitised);
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        let config =
            |url: &str| Config::parse(Path::new("/"), &format!("title = \"x\"\nbase_url = \"{url}\"")).unwrap();
        assert_eq!(config("https://example.org").base_path().as_deref(), Some("/"));
        assert_eq!(config("https://example.org/").base_path().as_deref(), Some("/"));
        assert_eq!(config("https://example.org/ho-so/").base_path().as_deref(), Some("/ho-so/"));
        assert_eq!(Config::parse(Path::new("/"), "title = \"x\"").unwrap().base_path(), None);
    }

    #[test]
    fn a_control_character_in_a_value_is_reported_at_its_line() {
        for text in ["title = \"x\"\ndescription = \"a\u{85}b\"\n", "title = \"x\"\ndescription = \"a\\u0001b\"\n"] {
            let error = Config::parse(Path::new("/site"), text).unwrap_err();
            assert_eq!(error.position.map(|position| position.line), Some(2), "{text}");
            assert!(error.message.contains("U+00"), "{}", error.message);
        }
    }

    #[test]
    fn unsafe_html_trusts_raw_html() {
        let config = Config::parse(Path::new("/site"), "title = \"x\"\nunsafe_html = true\n").unwrap();
        assert_eq!(config.raw_html, RawHtml::Trusted);
    }

    #[test]
    fn unknown_key_is_reported_at_its_line() {
        let error = Config::parse(Path::new("/site"), "title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(error.position, Some(Position { line: 2, column: 1 }));
        assert!(error.message.contains("unknown field `titel`"), "{}", error.message);
    }

    #[test]
    fn an_output_dir_the_site_may_not_own_is_reported_at_its_value() {
        for (value, rule) in [("/", "holds it"), ("..", "holds it"), ("content", "`content/`"), (".git", "dot-folder")]
        {
            let text = format!("title = \"x\"\noutput_dir = \"{value}\"\n");
            let error = Config::parse(Path::new("/site"), &text).unwrap_err();
            assert_eq!(error.position, Some(Position { line: 2, column: 14 }), "{value}");
            assert!(error.message.contains(rule), "{value}: {}", error.message);
        }
    }
}
