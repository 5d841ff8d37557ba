//! The template engine: tera loaded with the theme's templates, the context each kind of page
//! gets, template errors as diagnostics, and minification of the result.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera, Value};

use super::OutputFile;
use super::pages::{EntityLists, Kind, Page, numbered_url, page_count};
use super::view::{self, DateView, Views};
use crate::diagnostic::{Diagnostic, Position};
use crate::markdown;
use crate::model::{ActorId, Anchor, Archive, ArticleId, ClaimId};
use crate::theme::Theme;

/// How many of the newest articles the feed carries.
const FEED_ENTRIES: usize = 50;
/// The bytes set aside for a page before rendering it: most pages fit.
const PAGE_CAPACITY: usize = 32 * 1024;
/// How many of the actors seen most often with an actor its first page lists.
const RELATED_SHOWN: usize = 12;
/// The `updated` time of a feed with no articles: a fixed value keeps builds reproducible.
const EPOCH: &str = "1970-01-01T00:00:00Z";

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
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct NoteView {
    anchor: String,
    label: String,
    quote: String,
    note_html: String,
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
        let config = &archive.config;
        let site = SiteView { title: &config.title, description: &config.description, language: &config.language };
        for global in [&mut tera, &mut as_written] {
            let context = global.global_context();
            context.insert("site", &site);
            context.insert("assets", assets);
            context.insert("has_feed", &config.base_url.is_some());
        }
        let not_found_root = config.base_path().unwrap_or_default();
        let feed_root = config.base_url.as_ref().map(|url| format!("{url}/")).unwrap_or_default();
        Ok(Engine { tera, as_written, theme, not_found_root, feed_root })
    }

    pub fn render(&self, page: &Page, archive: &Archive, views: &Views) -> Result<OutputFile, Diagnostic> {
        let (template, context) = self.context(page, archive, views);
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

    fn context(&self, page: &Page, archive: &Archive, views: &Views) -> (&'static str, Context) {
        let mut context = Context::new();
        let root = match page.kind {
            Kind::NotFound => self.not_found_root.clone(),
            Kind::Feed => self.feed_root.clone(),
            _ => page.root(),
        };
        context.insert("home", if root.is_empty() { "./" } else { &root });
        context.insert("root", &root);
        context.insert("path", &page.path);
        let size = archive.config.page_size;
        let slice = |items: usize, number: usize| (number - 1) * size..(number * size).min(items);
        let paginate = |context: &mut Context, base: &str, items: usize, number: usize| {
            let total = page_count(items, size);
            context.insert(
                "pagination",
                &Pagination {
                    number,
                    total,
                    previous: (number > 1).then(|| numbered_url(base, number - 1)),
                    next: (number < total).then(|| numbered_url(base, number + 1)),
                },
            );
        };
        let claims = |ids: &[ClaimId]| -> Value { ids.iter().map(|id| views.claim(*id)).collect::<Vec<_>>().into() };
        let lists = |context: &mut Context, lists: EntityLists, base: &str, number: usize| {
            let range = slice(lists.longest(), number);
            let part = |len: usize| range.start.min(len)..range.end.min(len);
            let articles: Vec<Value> =
                lists.articles[part(lists.articles.len())].iter().map(|id| views.article(*id)).collect();
            context.insert_value("articles", articles.into());
            context.insert_value("claims_made", claims(&lists.claims_made[part(lists.claims_made.len())]));
            context.insert_value("claims_received", claims(&lists.claims_received[part(lists.claims_received.len())]));
            paginate(context, base, lists.longest(), number);
        };
        let template = match page.kind {
            Kind::Home { number } => {
                let range = slice(archive.articles.len(), number);
                context.insert_value("articles", views.articles(range));
                context.insert("article_total", &archive.articles.len());
                context.insert("actor_total", &archive.actors.len());
                context.insert("country_total", &archive.countries.len());
                context.insert("claim_total", &archive.claims.len());
                paginate(&mut context, "", archive.articles.len(), number);
                "index.html"
            }
            Kind::Article(id) => {
                let article = archive.article(id);
                let marks = self.marks(archive, id);
                context.insert_value("article", views.article(id));
                context.insert("body_html", &markdown::to_html(&article.body, &marks, archive.config.raw_html));
                context.insert("author", &article.author);
                context.insert("source_url", &article.url);
                context.insert("tags", &article.tags);
                context.insert_value("claims", claims(&article.claims));
                context.insert("notes", &notes(archive, id));
                let neighbour = |index: Option<usize>| {
                    Value::from(
                        index
                            .filter(|index| *index < archive.articles.len())
                            .map(|index| views.article(ArticleId(index as u32))),
                    )
                };
                context.insert_value("newer", neighbour(id.index().checked_sub(1)));
                context.insert_value("older", neighbour(Some(id.index() + 1)));
                "article.html"
            }
            Kind::Actors => {
                context.insert_value("actors", views.all_actors());
                "actors.html"
            }
            Kind::Actor { id, number } => {
                let actor = archive.actor(id);
                let shown = if number == 1 { RELATED_SHOWN } else { 0 };
                let related: Vec<Value> = actor
                    .related
                    .iter()
                    .take(shown)
                    .map(|(other, count)| {
                        BTreeMap::from([("actor", views.actor(*other)), ("count", Value::from(*count))]).into()
                    })
                    .collect();
                context.insert_value("actor", views.actor(id));
                context.insert_value("related", related.into());
                lists(&mut context, EntityLists::of_actor(actor), &view::actor_url(&actor.id), number);
                "actor.html"
            }
            Kind::Countries => {
                context.insert_value("countries", views.all_countries());
                "countries.html"
            }
            Kind::Country { id, number } => {
                let country = archive.country(id);
                let actors =
                    |ids: &[ActorId]| -> Value { ids.iter().map(|id| views.actor(*id)).collect::<Vec<_>>().into() };
                context.insert_value("country", views.country(id));
                context.insert_value("actors", actors(&country.actors));
                context.insert_value("groups", actors(&country.groups));
                lists(&mut context, EntityLists::of_country(country), &view::country_url(&country.id), number);
                "country.html"
            }
            Kind::Search => "search.html",
            Kind::NotFound => "404.html",
            Kind::Feed => {
                let newest = views.articles(0..archive.articles.len().min(FEED_ENTRIES));
                let updated = archive.articles.first().map(|article| DateView::new(article.date).timestamp);
                context.insert_value("articles", newest);
                context.insert("updated", updated.as_deref().unwrap_or(EPOCH));
                "atom.xml"
            }
        };
        (template, context)
    }

    /// The article's located quotes as marks that link to their claim or note in the side panel.
    fn marks(&self, archive: &Archive, id: crate::model::ArticleId) -> Vec<markdown::Mark> {
        archive
            .article(id)
            .marks
            .iter()
            .map(|mark| {
                let (target, label, title) = match mark.anchor {
                    Anchor::Claim(claim) => {
                        let claim = archive.claim(claim);
                        (claim.anchor.clone(), claim.number.to_string(), format!("Nhận định {}", claim.number))
                    }
                    Anchor::Note(index) => {
                        let label = note_label(index);
                        (format!("note-{}", index + 1), label.clone(), format!("Ghi chú {label}"))
                    }
                };
                markdown::Mark { range: mark.range.clone(), target, label, title }
            })
            .collect()
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

/// Notes are labelled a, b, c... so they do not read as claim numbers.
fn note_label(index: usize) -> String {
    match u8::try_from(index).ok().filter(|index| *index < 26) {
        Some(index) => char::from(b'a' + index).to_string(),
        None => format!("n{}", index + 1),
    }
}

fn notes(archive: &Archive, id: crate::model::ArticleId) -> Vec<NoteView> {
    archive
        .article(id)
        .notes
        .iter()
        .enumerate()
        .map(|(index, note)| NoteView {
            anchor: format!("note-{}", index + 1),
            label: note_label(index),
            quote: note.quote.clone(),
            note_html: markdown::to_html(&note.note, &[], archive.config.raw_html),
        })
        .collect()
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
