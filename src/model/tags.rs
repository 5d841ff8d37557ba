//! Tags: an article's tags as its editor wrote them, and the archive's tag table (each tag with
//! the articles that carry it), from which the tag pages are made.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::order::NameOrder;
use super::{Archive, ArticleId, Tag};
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::text::slugify;

/// The slug of a tag's page, if its name has a letter or digit a URL can spell.
pub fn tag_slug(name: &str) -> Option<String> {
    Some(slugify(name)).filter(|slug| !slug.is_empty())
}

/// An article's tags, trimmed, without empty ones or repeats. A tag with no letter or digit a
/// URL can spell (`中国`, `!!!`) is kept on the article but has no page, and is reported as a
/// warning at its line.
pub fn of_article(written: &[Spanned<String>], file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::with_capacity(written.len());
    for tag in written {
        let name = tag.value.trim();
        if name.is_empty() || tags.iter().any(|kept| kept == name) {
            continue;
        }
        if tag_slug(name).is_none() {
            let message = format!("the tag `{name}` has no Latin letter or digit, so it gets no page of its own");
            let help = "add a Latin spelling to the tag, e.g. `Trung Quốc` rather than `中国`";
            diagnostics.push(file.error_on(tag, message).with_help(help).as_warning());
        }
        tags.push(name.to_owned());
    }
    tags
}

/// Every tag that has a page, by name; the articles of each newest first.
pub fn index(archive: &Archive, order: &NameOrder) -> Vec<Tag> {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for (index, article) in archive.articles.iter().enumerate() {
        let id = ArticleId(index as u32);
        for name in &article.tags {
            let Some(slug) = tag_slug(name) else { continue };
            let tag =
                by_slug.entry(slug.clone()).or_insert_with(|| Tag { name: name.clone(), slug, articles: Vec::new() });
            if tag.articles.last() != Some(&id) {
                tag.articles.push(id);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    tags.sort_by(|a, b| order.compare((&a.name, &a.slug), (&b.name, &b.slug)));
    tags
}
