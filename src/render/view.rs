//! Views: the model turned into what templates read. Everything a template shows is computed
//! here once per entity (chips, summaries, claim sentences' parts, Markdown as HTML) and then
//! shared by every page that lists it. URLs in views are relative to the site root; templates put
//! `{{ root }}` before them, which makes every link relative to the page.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::date::PartialDate;
use crate::markdown;
use crate::model::{Actor, Archive, Article, ArticleId, Claim, ClaimId, ClaimKind, Country, Link, Party};

/// A date as `<time datetime>` wants it and as a Vietnamese reader reads it.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
    pub year: i16,
    /// The first moment of the date, for feeds (`2021-07-01T00:00:00Z` for July 2021).
    pub timestamp: String,
}

impl DateView {
    pub fn new(date: PartialDate) -> DateView {
        let display = match (date.month, date.day) {
            (Some(month), Some(day)) => format!("{day}/{month}/{}", date.year),
            (Some(month), None) => format!("tháng {month}/{}", date.year),
            _ => format!("năm {}", date.year),
        };
        let timestamp =
            format!("{:04}-{:02}-{:02}T00:00:00Z", date.year, date.month.unwrap_or(1), date.day.unwrap_or(1));
        DateView { iso: date.iso(), display, year: date.year, timestamp }
    }
}

/// A link to an actor or a country, shown as a chip.
#[derive(Clone, Debug, Serialize)]
pub struct Chip {
    pub id: String,
    pub name: String,
    pub url: String,
    /// `actor` or `country`.
    pub kind: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: DateView,
    pub source: String,
    pub summary: String,
    pub actors: Vec<Chip>,
    pub countries: Vec<Chip>,
    pub claim_count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClaimView {
    /// The fragment id in the article page, `claim-N`.
    pub anchor: String,
    pub number: usize,
    pub kind: ClaimKind,
    pub accusation: bool,
    pub by: Chip,
    pub target: Chip,
    pub about: Option<Chip>,
    pub date: Option<DateView>,
    pub quote: String,
    pub note_html: Option<String>,
    /// The article the claim is quoted from.
    pub article_title: String,
    pub article_url: String,
    pub article_date: DateView,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorView {
    pub chip: Chip,
    pub aliases: Vec<String>,
    pub kind: Option<&'static str>,
    pub country: Option<Chip>,
    pub description_html: Option<String>,
    pub links: Vec<Link>,
    pub article_count: usize,
    pub claims_made: usize,
    pub claims_received: usize,
    pub active: Option<Active>,
    pub kinds_made: Vec<KindCount>,
    pub kinds_received: Vec<KindCount>,
}

/// When an actor or a country appears in the archive: the dates of its oldest and newest article.
#[derive(Clone, Debug, Serialize)]
pub struct Active {
    pub first: DateView,
    pub last: DateView,
}

/// How many claims of one kind an actor or a country made or received.
#[derive(Clone, Debug, Serialize)]
pub struct KindCount {
    pub kind: ClaimKind,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct CountryView {
    pub chip: Chip,
    pub name_en: String,
    pub description_html: Option<String>,
    pub actor_count: usize,
    pub article_count: usize,
    pub claims_made: usize,
    pub claims_received: usize,
    pub accusations_made: usize,
    pub accusations_received: usize,
    pub active: Option<Active>,
    pub kinds_made: Vec<KindCount>,
    pub kinds_received: Vec<KindCount>,
}

/// Every view of the archive, indexed like the model's tables, as the template values pages are
/// given: tera shares a value's strings, lists and maps, so a view made once costs nothing more
/// on the hundredth page that lists it.
pub struct Views {
    pub actors: Vec<Value>,
    pub countries: Vec<Value>,
    pub articles: Vec<Value>,
    pub claims: Vec<Value>,
}

fn values<T: Serialize + Sync>(views: &[T]) -> Vec<Value> {
    views.par_iter().map(Value::from_serializable).collect()
}

pub fn article_url(article: &Article) -> String {
    format!("articles/{}/", article.slug)
}

fn actor_chip(actor: &Actor) -> Chip {
    Chip { id: actor.id.clone(), name: actor.name.clone(), url: format!("actors/{}/", actor.id), kind: "actor" }
}

fn country_chip(country: &Country) -> Chip {
    Chip {
        id: country.id.clone(),
        name: country.name.clone(),
        url: format!("countries/{}/", country.id),
        kind: "country",
    }
}

fn html(markdown_text: &Option<String>) -> Option<String> {
    markdown_text.as_deref().map(|text| markdown::to_html(text, &[]))
}

/// The span of `articles` (newest first, as in the model), if there are any.
fn active(archive: &Archive, articles: &[ArticleId]) -> Option<Active> {
    let newest = archive.article(*articles.first()?).date;
    let oldest = archive.article(*articles.last()?).date;
    Some(Active { first: DateView::new(oldest), last: DateView::new(newest) })
}

/// The claims counted by kind, in the vocabulary's order, leaving out kinds with none.
fn kind_counts(archive: &Archive, claims: &[ClaimId]) -> Vec<KindCount> {
    ClaimKind::ALL
        .into_iter()
        .map(|kind| KindCount { kind, count: claims.iter().filter(|id| archive.claim(**id).kind == kind).count() })
        .filter(|count| count.count > 0)
        .collect()
}

impl Views {
    pub fn new(archive: &Archive) -> Views {
        let actor_chips: Vec<Chip> = archive.actors.iter().map(actor_chip).collect();
        let country_chips: Vec<Chip> = archive.countries.iter().map(country_chip).collect();
        let party = |party: Party| match party {
            Party::Actor(id) => actor_chips[id.index()].clone(),
            Party::Country(id) => country_chips[id.index()].clone(),
        };
        let actors: Vec<ActorView> = archive
            .actors
            .par_iter()
            .zip(&actor_chips)
            .map(|(actor, chip)| ActorView {
                chip: chip.clone(),
                aliases: actor.aliases.clone(),
                kind: actor.kind.map(|kind| kind.as_str()),
                country: actor.country.map(|id| country_chips[id.index()].clone()),
                description_html: html(&actor.description),
                links: actor.links.clone(),
                article_count: actor.articles.len(),
                claims_made: actor.claims_made.len(),
                claims_received: actor.claims_received.len(),
                active: active(archive, &actor.articles),
                kinds_made: kind_counts(archive, &actor.claims_made),
                kinds_received: kind_counts(archive, &actor.claims_received),
            })
            .collect();
        let accusations =
            |ids: &[crate::model::ClaimId]| ids.iter().filter(|id| archive.claim(**id).kind.is_accusation()).count();
        let countries: Vec<CountryView> = archive
            .countries
            .par_iter()
            .zip(&country_chips)
            .map(|(country, chip)| CountryView {
                chip: chip.clone(),
                name_en: country.name_en.clone(),
                description_html: html(&country.description),
                actor_count: country.actors.len(),
                article_count: country.articles.len(),
                claims_made: country.claims_made.len(),
                claims_received: country.claims_received.len(),
                accusations_made: accusations(&country.claims_made),
                accusations_received: accusations(&country.claims_received),
                active: active(archive, &country.articles),
                kinds_made: kind_counts(archive, &country.claims_made),
                kinds_received: kind_counts(archive, &country.claims_received),
            })
            .collect();
        let articles: Vec<ArticleSummary> = archive
            .articles
            .par_iter()
            .map(|article| ArticleSummary {
                slug: article.slug.clone(),
                url: article_url(article),
                title: article.title.clone(),
                date: DateView::new(article.date),
                source: article.source.clone(),
                summary: article.summary.clone(),
                actors: article.actors.iter().map(|id| actor_chips[id.index()].clone()).collect(),
                countries: article.countries.iter().map(|id| country_chips[id.index()].clone()).collect(),
                claim_count: article.claims.len(),
            })
            .collect();
        let claims: Vec<ClaimView> = archive
            .claims
            .par_iter()
            .map(|claim: &Claim| {
                let article = &articles[claim.article.index()];
                ClaimView {
                    anchor: format!("claim-{}", claim.number),
                    number: claim.number,
                    kind: claim.kind,
                    accusation: claim.kind.is_accusation(),
                    by: party(claim.by),
                    target: party(claim.target),
                    about: claim.about.map(|id| actor_chips[id.index()].clone()),
                    date: claim.date.map(DateView::new),
                    quote: claim.quote.clone(),
                    note_html: html(&claim.note),
                    article_title: article.title.clone(),
                    article_url: article.url.clone(),
                    article_date: article.date.clone(),
                }
            })
            .collect();
        Views {
            actors: values(&actors),
            countries: values(&countries),
            articles: values(&articles),
            claims: values(&claims),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_with_their_precision() {
        let day = PartialDate::parse("2020-04-23").unwrap();
        assert_eq!(DateView::new(day).display, "23/4/2020");
        assert_eq!(DateView::new(PartialDate::parse("2021-07").unwrap()).display, "tháng 7/2021");
        assert_eq!(DateView::new(PartialDate::parse("2013").unwrap()).display, "năm 2013");
    }
}
