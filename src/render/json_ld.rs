//! An article page's structured data for search engines: a schema.org `NewsArticle` (its source as
//! publisher, the source's address as `isBasedOn`, the actors and countries it mentions with
//! their pages here) and a `Claim` for each claim quoted in it (its parties as authors, the article
//! as where it appears, the original publication as where it first appeared), as JSON-LD. No
//! `ClaimReview`: the archive records who claims what, it does not rate claims. A `Claim`'s `@id`
//! is the address of its card in the page (`#claim-1`), which shows its quote: the node does not
//! repeat the quote's words (the largest part of a page's structured data otherwise;
//! `data/archive.json` has them for machines).
//!
//! The JSON goes inside `<script type="application/ld+json">`, where an editor's `</script>` in a
//! title would end the element: `<`, `>` and `&` are written as JSON escapes, which a JSON parser
//! reads back as the same characters and which no HTML parser reads as markup.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{ActorKind, Archive, ArticleId, ClaimId, Party};
use crate::urls;

const CONTEXT: &str = "https://schema.org";

/// The page's JSON-LD document: its nodes side by side, each entity once, named elsewhere by
/// `@id` only, which keeps a page with many claims small.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Article(NewsArticle<'a>),
    Entity(Entity<'a>),
    Claim(ClaimNode<'a>),
}

/// A node named by its address only: the node itself is elsewhere in the graph.
#[derive(Serialize)]
struct Reference {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Typed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    url: &'a str,
    headline: &'a str,
    date_published: String,
    in_language: &'a str,
    publisher: Typed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Typed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    about: Vec<Reference>,
    mentions: Vec<Reference>,
}

/// An actor or a country, at its page in the archive.
#[derive(Serialize)]
struct Entity<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    author: Vec<Reference>,
    about: Vec<Reference>,
    appearance: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_appearance: Option<Typed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_created: Option<String>,
}

/// The article `id`'s JSON-LD, safe to place inside a `<script>` element. Addresses are absolute
/// with a `base_url`, else relative to the page (`root` leads back to the site root).
pub fn article(archive: &Archive, id: ArticleId, root: &str) -> String {
    let article = archive.article(id);
    let base = archive.config.base_url.as_ref().map_or_else(|| root.to_owned(), |base| format!("{base}/"));
    let page = format!("{base}{}", urls::article(&article.slug));
    let entities = Entities { archive, base: &base };
    let mentioned: Vec<Party> = article
        .actors
        .iter()
        .map(|actor| Party::Actor(*actor))
        .chain(article.countries.iter().map(|country| Party::Country(*country)))
        .collect();
    let targets: BTreeSet<Party> =
        article.claims.iter().flat_map(|claim| archive.claim(*claim).target.iter().copied()).collect();
    let news = NewsArticle {
        kind: "NewsArticle",
        id: &page,
        url: &page,
        headline: &article.title,
        date_published: article.date.iso(),
        in_language: &archive.config.language,
        publisher: Typed { kind: "Organization", name: Some(&article.source), url: None },
        author: article.author.as_deref().map(|name| Typed { kind: "Person", name: Some(name), url: None }),
        is_based_on: article.url.as_deref(),
        about: targets.iter().map(|party| entities.reference(*party)).collect(),
        mentions: mentioned.iter().map(|party| entities.reference(*party)).collect(),
    };
    let claims = article.claims.iter().map(|claim| Node::Claim(entities.claim(*claim, &page, article.url.as_deref())));
    let named: BTreeSet<Party> =
        mentioned.iter().copied().chain(article.claims.iter().flat_map(|claim| parties(archive, *claim))).collect();
    let graph = std::iter::once(Node::Article(news))
        .chain(named.into_iter().map(|party| Node::Entity(entities.node(party))))
        .chain(claims)
        .collect();
    script_safe(&Document { context: CONTEXT, graph })
}

/// Every party a claim names: who makes it, its targets, and the actors it is about.
fn parties(archive: &Archive, id: ClaimId) -> impl Iterator<Item = Party> + '_ {
    let claim = archive.claim(id);
    claim.by.iter().chain(&claim.target).copied().chain(claim.about.iter().map(|actor| Party::Actor(*actor)))
}

/// The archive's entities as schema.org nodes, each named by its page's address.
struct Entities<'a> {
    archive: &'a Archive,
    base: &'a str,
}

impl<'a> Entities<'a> {
    fn address(&self, party: Party) -> String {
        let url = match party {
            Party::Actor(id) => urls::actor(&self.archive.actor(id).id),
            Party::Country(id) => urls::country(&self.archive.country(id).id),
        };
        format!("{}{url}", self.base)
    }

    fn reference(&self, party: Party) -> Reference {
        Reference { id: self.address(party) }
    }

    fn node(&self, party: Party) -> Entity<'a> {
        let (kind, name) = match party {
            Party::Actor(id) => {
                let actor = self.archive.actor(id);
                (if actor.kind == Some(ActorKind::Person) { "Person" } else { "Organization" }, actor.name.as_str())
            }
            Party::Country(id) => ("Country", self.archive.country(id).name.as_str()),
        };
        let address = self.address(party);
        Entity { kind, id: address.clone(), name, url: address }
    }

    fn claim(&self, id: ClaimId, page: &str, original: Option<&'a str>) -> ClaimNode<'a> {
        let claim = self.archive.claim(id);
        let about = claim.target.iter().copied().chain(claim.about.iter().map(|actor| Party::Actor(*actor)));
        ClaimNode {
            kind: "Claim",
            id: urls::with_anchor(page, &claim.anchor),
            author: claim.by.iter().map(|party| self.reference(*party)).collect(),
            about: about.map(|party| self.reference(party)).collect(),
            appearance: Reference { id: page.to_owned() },
            first_appearance: original.map(|url| Typed { kind: "NewsArticle", name: None, url: Some(url) }),
            date_created: claim.date.map(|date| date.iso()),
        }
    }
}

/// `value` as JSON that cannot close or open an HTML element: `<`, `>` and `&` escaped.
fn script_safe(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD nodes are strings and lists, which always serialise");
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            _ => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::{Value, json};

    #[test]
    fn markup_in_text_is_escaped_and_reads_back_the_same() {
        let title = "</script><script>alert(1)</script> & <!--";
        let safe = script_safe(&json!({ "headline": title }));
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], title);
    }
}
