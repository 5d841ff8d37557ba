//! The template engine: tera loaded with the theme's templates minified once, a page rendered
//! with the context [`super::context`] gives its kind, and template errors as diagnostics.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

use serde::Serialize;
use tera::Tera;

use super::context::Sources;
use super::keyed::Digest;
use super::pages::{Kind, Page};
use super::view::Views;
use super::view::article::Reference;
use crate::date::DateFormats;
use crate::diagnostic::{Diagnostic, Position};
use crate::file::OutputFile;
use crate::model::Archive;
use crate::theme::Theme;
use crate::urls;

/// The internal template that words a reference link's accessible name with the theme's
/// `reference_title` component, so that wording stays in the templates.
const REFERENCE_TITLE: &str = "__reference_title";
const REFERENCE_TITLE_SOURCE: &str = "{{ <reference_title kind={kind} label={label} /> }}";

/// The internal template that words a date with the theme's `date` component, rendered with
/// placeholders to learn its wording at each precision (see [`Engine::date_formats`]).
const DATE: &str = "__date";
const DATE_SOURCE: &str = "{{ <date d={d} /> }}";

/// The bytes set aside for a page before rendering it: most pages fit.
const PAGE_CAPACITY: usize = 32 * 1024;

pub struct Engine {
    /// The theme's templates minified once, so that pages need no minifying.
    tera: Tera,
    /// The templates as written, to report errors at their real lines.
    as_written: Tera,
    theme: Arc<Theme>,
    /// The root of the 404 page, which a server shows at any depth: the path of `base_url`
    /// (`/ho-so/`), or relative (right only at the top) without one.
    not_found_root: String,
    /// The root of the feed, which needs absolute URLs: `base_url` with a trailing slash.
    feed_root: String,
    /// The reference links' names already worded, by kind and label: a few dozen distinct ones
    /// serve every quote mark of the archive, so each is rendered once.
    reference_titles: RwLock<HashMap<(&'static str, String), String>>,
}

/// A page's template and context, ready to render.
pub struct Prepared {
    template: &'static str,
    context: tera::Context,
    /// The digest of both, when asked for.
    pub digest: Option<Digest>,
}

/// A date whose parts are placeholders, for [`Engine::date_formats`].
#[derive(Serialize)]
struct Placeholders<'a> {
    iso: &'a str,
    year: &'a str,
    month: Option<&'a str>,
    day: Option<&'a str>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

impl Engine {
    pub fn new(
        theme: Arc<Theme>,
        archive: &Archive,
        assets: &BTreeMap<String, String>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut minify = minify_html::Cfg::new();
        minify.keep_closing_tags = true;
        minify.keep_html_and_head_opening_tags = true;
        minify.minify_css = true;
        minify.preserve_brace_template_syntax = true;
        // The templates as written are compiled first, so syntax errors point at their real lines.
        let mut as_written = compile(theme.templates.iter().map(|(name, source)| (name.as_str(), source.as_str())))
            .map_err(|error| vec![template_diagnostic(&error, &theme, None)])?;
        let minified: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(name, source)| {
                let minified = name.ends_with(".html").then(|| minify_template(source, &minify)).flatten();
                (name.as_str(), minified.unwrap_or_else(|| source.clone()))
            })
            .collect();
        // Should the minified set not compile (a control tag split across two attributes that
        // minify-html reordered), the templates as written serve; they compiled above.
        let mut tera = match compile(minified.iter().map(|(name, source)| (*name, source.as_str()))) {
            Ok(tera) => tera,
            Err(_) => compile(theme.templates.iter().map(|(name, source)| (name.as_str(), source.as_str())))
                .map_err(|error| vec![template_diagnostic(&error, &theme, None)])?,
        };
        tera.add_raw_template(REFERENCE_TITLE, REFERENCE_TITLE_SOURCE).map_err(|error| {
            let help = "templates/components.html words the name of a quote's reference link with \
                            `{% component reference_title(kind, label) %}`; copy it from the built-in theme";
            vec![template_diagnostic(&error, &theme, Some("components.html")).with_help(help)]
        })?;
        tera.add_raw_template(DATE, DATE_SOURCE).map_err(|error| {
            let help = "templates/components.html words dates with `{% component date(d) %}`; copy it from the \
                            built-in theme";
            vec![template_diagnostic(&error, &theme, Some("components.html")).with_help(help)]
        })?;
        let config = &archive.config;
        let site = SiteView { title: &config.title, description: &config.description, language: &config.language };
        for global in [&mut tera, &mut as_written] {
            let context = global.global_context();
            context.insert("site", &site);
            context.insert("assets", assets);
            context.insert("has_feed", &config.base_url.is_some());
            context.insert("urls", &urls::PUBLIC);
        }
        let not_found_root = config.base_path().unwrap_or_default();
        let feed_root = config.base_url.as_ref().map(|url| format!("{url}/")).unwrap_or_default();
        Ok(Engine { tera, as_written, theme, not_found_root, feed_root, reference_titles: RwLock::default() })
    }

    /// How the theme's `date` component words a date at each precision, as patterns with
    /// `{day}`, `{month}` and `{year}` (the text of its `<time>` element).
    pub fn date_formats(&self) -> Result<DateFormats, Diagnostic> {
        let word = |day: Option<&str>, month: Option<&str>| -> Result<String, tera::Error> {
            let date = Placeholders { iso: "", year: "{year}", month, day };
            let mut context = tera::Context::new();
            context.insert("d", &date);
            let html = self.tera.render(DATE, &context)?;
            let text = html.trim();
            let inner = match (text.find('>'), text.rfind("</")) {
                (Some(open), Some(close)) if text.starts_with('<') && open < close => &text[open + 1..close],
                _ => text,
            };
            Ok(inner.trim().to_owned())
        };
        let formats = (|| {
            Ok(DateFormats {
                day: word(Some("{day}"), Some("{month}"))?,
                month: word(None, Some("{month}"))?,
                year: word(None, None)?,
            })
        })();
        formats.map_err(|error| template_diagnostic(&error, &self.theme, Some("components.html")))
    }

    /// The accessible name of a reference link, as the theme's `reference_title` component words it.
    fn reference_title(&self, reference: &Reference) -> Result<String, tera::Error> {
        let key = (reference.kind, reference.label.clone());
        if let Some(title) = self.reference_titles.read().unwrap_or_else(PoisonError::into_inner).get(&key) {
            return Ok(title.clone());
        }
        let title = self.tera.render(REFERENCE_TITLE, &tera::Context::from_serialize(reference)?)?;
        self.reference_titles.write().unwrap_or_else(PoisonError::into_inner).insert(key, title.clone());
        Ok(title)
    }

    /// The template and context of `page`, and with `digested` their digest ([`super::keyed`]).
    pub fn prepare(
        &self,
        page: &Page,
        archive: &Archive,
        views: &Views,
        digested: bool,
    ) -> Result<Prepared, Diagnostic> {
        let reference_title = |reference: &Reference| self.reference_title(reference);
        let sources = Sources { archive, views, reference_title: &reference_title };
        let (template, context, digest) = sources
            .context(page, &self.root(page), digested)
            .map_err(|error| template_diagnostic(&error, &self.theme, Some("components.html")))?;
        Ok(Prepared { template, context, digest })
    }

    /// Renders a page prepared by [`Engine::prepare`], with `extra` added to its context: what
    /// the page shows that the archive and views do not hold (the sizes of the exports on the
    /// data page).
    pub fn render(&self, page: &Page, prepared: Prepared, extra: tera::Context) -> Result<OutputFile, Diagnostic> {
        let Prepared { template, mut context, .. } = prepared;
        context.extend(extra);
        // Rendered into bytes: tera's `render` would check the whole page is UTF-8 once more.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.tera.render_to(template, &context, &mut html).map_err(|_| {
            // The minified templates' lines are not the editor's: render again as written to
            // report the error where it is in the file.
            let error = self.as_written.render(template, &context).err();
            let message = "the template failed with its minified form only; please report this";
            error.map_or_else(
                || Diagnostic::error(format!("templates/{template}"), message),
                |error| template_diagnostic(&error, &self.theme, Some(template)),
            )
        })?;
        Ok(OutputFile { path: page.path.clone(), bytes: html })
    }

    /// The way from `page` to the site root: relative, except where a page is shown at any depth
    /// or read from elsewhere.
    fn root(&self, page: &Page) -> String {
        match page.kind {
            Kind::NotFound => self.not_found_root.clone(),
            Kind::Feed | Kind::ActorFeed(_) | Kind::CountryFeed(_) => self.feed_root.clone(),
            _ => page.root(),
        }
    }
}

fn compile<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

/// The template minified, or `None` when minifying would change it. minify-html keeps `{{ }}`,
/// `{% %}` and `{# #}` intact in text and in attribute values (it may reorder attributes), but
/// mangles a tag that stands between two attributes, or an attribute value holding a `"` inside a
/// template tag; a template whose tags do not come out the same is therefore used as written.
fn minify_template(source: &str, cfg: &minify_html::Cfg) -> Option<String> {
    let minified = String::from_utf8(minify_html::minify(source.as_bytes(), cfg)).ok()?;
    (template_tags(source) == template_tags(&minified)).then_some(minified)
}

/// The template tags of a template with white space folded, sorted, since minify-html may reorder
/// the attributes that hold them.
fn template_tags(template: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find(['{']) {
        let after = &rest[start..];
        let close = match after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        let Some(end) = after.find(close) else { break };
        tags.push(after[..end + 2].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &after[end + 2..];
    }
    tags.sort_unstable();
    tags
}

/// A tera error as a diagnostic naming the template file and line.
fn template_diagnostic(error: &tera::Error, theme: &Theme, rendering: Option<&str>) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() { rendering.unwrap_or("?") } else { report.filename() };
            let span = report.span();
            let diagnostic = Diagnostic::error(format!("templates/{name}"), format!("template: {}", report.message()));
            match theme.templates.get(name) {
                Some(source) if span.start_line > 0 => {
                    diagnostic.at(source, Position { line: span.start_line, column: span.start_col + 1 })
                }
                _ => diagnostic,
            }
        }
        _ => {
            let name = rendering.map_or_else(|| "templates".to_owned(), |name| format!("templates/{name}"));
            Diagnostic::error(name, format!("template: {error}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> minify_html::Cfg {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.preserve_brace_template_syntax = true;
        cfg
    }

    #[test]
    fn templates_with_tags_in_text_and_values_are_minified() {
        let source = "<ul>\n  <li class=\"a {% if x %}b{% endif %}\">\n    {{ name }}\n  </li>\n</ul>\n";
        let minified = minify_template(source, &cfg()).expect("minifiable");
        assert!(minified.len() < source.len());
        assert!(minified.contains("{% if x %}b{% endif %}") && minified.contains("{{ name }}"), "{minified}");
    }

    // base.html, on every page, was served as written (its indentation and all) because one link
    // of its footer held a tag between two attributes.
    #[test]
    fn every_template_of_the_builtin_theme_is_minified() {
        let theme = Theme::builtin();
        let unminified: Vec<&str> = theme
            .templates
            .iter()
            .filter(|(name, source)| name.ends_with(".html") && minify_template(source, &cfg()).is_none())
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(unminified.is_empty(), "served as written: {unminified:?}");
    }

    #[test]
    fn a_tag_between_attributes_keeps_the_template_as_written() {
        let source = "<a href=\"{{ url }}\"{% if current %} aria-current=\"page\"{% endif %}>x</a>";
        assert_eq!(minify_template(source, &cfg()), None);
    }

    #[test]
    fn double_quotes_inside_a_tag_in_a_value_keep_the_template_as_written() {
        let source = "<a class=\"{% if path == \"x\" %}on{% endif %}\">x</a>";
        assert_eq!(minify_template(source, &cfg()), None);
    }

    #[test]
    fn template_tags_are_found_in_any_order_of_attributes() {
        let tags = template_tags("<p id=\"{{ b }}\" class=\"{%  if a %}x{% endif %}\">{# note #}</p>");
        assert_eq!(tags, ["{# note #}", "{% endif %}", "{% if a %}", "{{ b }}"]);
    }
}
