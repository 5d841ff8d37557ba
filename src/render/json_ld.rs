//! An article page's structured data for search engines: a schema.org `NewsArticle` (its source as
//! publisher, the source's address as `isBasedOn`, the actors and countries it mentions with
//! their pages here) and a `Claim` for each claim quoted in it (its parties as authors, the article
//! as where it appears, the original publication as where it first appeared), as JSON-LD. No
//! `ClaimReview`: the archive records who claims what, it does not rate claims.
//!
//! The JSON goes inside `<script type="application/ld+json">`, where an editor's `</script>` in a
//! title would end the element: `<`, `>` and `&` are written as JSON escapes, which a JSON parser
//! reads back as the same characters and which no HTML parser reads as markup.

use serde_json::{Value, json};

use crate::model::{ActorKind, Archive, ArticleId, ClaimId, CountryId, Party};
use crate::urls;

/// The article `id`'s JSON-LD, safe to place inside a `<script>` element. Addresses are absolute
/// with a `base_url`, else relative to the page (`root` leads back to the site root).
pub fn article(archive: &Archive, id: ArticleId, root: &str) -> String {
    let article = archive.article(id);
    let base = archive.config.base_url.as_ref().map_or_else(|| root.to_owned(), |base| format!("{base}/"));
    let page = format!("{base}{}", urls::article(&article.slug));
    let entities = Entities { archive, base: &base };
    let mentioned: Vec<Value> = article
        .actors
        .iter()
        .map(|actor| entities.party(Party::Actor(*actor)))
        .chain(article.countries.iter().map(|country| entities.party(Party::Country(*country))))
        .collect();
    let mut about: Vec<Party> = article.claims.iter().flat_map(|claim| archive.claim(*claim).target.clone()).collect();
    about.sort_unstable();
    about.dedup();
    let mut news = json!({
        "@type": "NewsArticle",
        "@id": page,
        "url": page,
        "headline": article.title,
        "datePublished": article.date.iso(),
        "inLanguage": archive.config.language,
        "publisher": { "@type": "Organization", "name": article.source },
        "about": about.into_iter().map(|party| entities.party(party)).collect::<Vec<_>>(),
        "mentions": mentioned,
    });
    if let Some(url) = &article.url {
        news["isBasedOn"] = json!(url);
    }
    if let Some(author) = &article.author {
        news["author"] = json!({ "@type": "Person", "name": author });
    }
    let claims = article.claims.iter().map(|claim| entities.claim(*claim, &page, article.url.as_deref()));
    let graph: Vec<Value> = std::iter::once(news).chain(claims).collect();
    script_safe(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// The archive's entities as schema.org nodes, each named by its page's address.
struct Entities<'a> {
    archive: &'a Archive,
    base: &'a str,
}

impl Entities<'_> {
    fn party(&self, party: Party) -> Value {
        match party {
            Party::Actor(id) => {
                let actor = self.archive.actor(id);
                let kind = if actor.kind == Some(ActorKind::Person) { "Person" } else { "Organization" };
                self.node(kind, &actor.name, &urls::actor(&actor.id))
            }
            Party::Country(id) => self.country(id),
        }
    }

    fn country(&self, id: CountryId) -> Value {
        let country = self.archive.country(id);
        self.node("Country", &country.name, &urls::country(&country.id))
    }

    fn node(&self, kind: &str, name: &str, url: &str) -> Value {
        let address = format!("{}{url}", self.base);
        json!({ "@type": kind, "@id": address, "name": name, "url": address })
    }

    fn claim(&self, id: ClaimId, page: &str, original: Option<&str>) -> Value {
        let claim = self.archive.claim(id);
        let about = claim.target.iter().copied().chain(claim.about.iter().map(|actor| Party::Actor(*actor)));
        let mut node = json!({
            "@type": "Claim",
            "@id": urls::with_anchor(page, &claim.anchor),
            "text": claim.quote,
            "author": claim.by.iter().map(|party| self.party(*party)).collect::<Vec<_>>(),
            "about": about.map(|party| self.party(party)).collect::<Vec<_>>(),
            "appearance": { "@id": page },
        });
        if let Some(original) = original {
            node["firstAppearance"] = json!({ "@type": "NewsArticle", "url": original });
        }
        if let Some(date) = claim.date {
            node["dateCreated"] = json!(date.iso());
        }
        node
    }
}

/// `value` as JSON that cannot close or open an HTML element: `<`, `>` and `&` escaped.
fn script_safe(value: &Value) -> String {
    let json = value.to_string();
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

    #[test]
    fn markup_in_text_is_escaped_and_reads_back_the_same() {
        let title = "</script><script>alert(1)</script> & <!--";
        let safe = script_safe(&json!({ "headline": title }));
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], title);
    }
}
