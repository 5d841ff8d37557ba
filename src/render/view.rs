//! Views: the model turned into what templates read. Everything a template shows is computed
//! here once per entity (chips, summaries, claim sentences' parts, Markdown as HTML) and then
//! shared by every page that lists it. URLs in views are relative to the site root; templates put
//! `{{ root }}` before them, which makes every link relative to the page.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Value;

use crate::date::PartialDate;
use crate::markdown;
use crate::model::{Actor, ActorId, Archive, ArticleId, Claim, ClaimId, ClaimKind, Country, CountryId, Link, Party};

/// A date as `<time datetime>` wants it and as a Vietnamese reader reads it.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
    pub year: i16,
    /// The first moment of the date, for feeds (`2021-07-01T00:00:00Z` for July 2021).
    pub timestamp: String,
}

/// How a date is shown, one pattern per precision, where `{day}`, `{month}` and `{year}` stand for
/// its numbers without leading zeros. Pages show dates with it, and the search client with the
/// copy the build writes into the search manifest.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateFormats {
    pub day: &'static str,
    pub month: &'static str,
    pub year: &'static str,
}

pub const DATE_FORMATS: DateFormats =
    DateFormats { day: "{day}/{month}/{year}", month: "tháng {month}/{year}", year: "năm {year}" };

impl DateFormats {
    pub fn display(&self, date: PartialDate) -> String {
        let pattern = match (date.month, date.day) {
            (Some(_), Some(_)) => self.day,
            (Some(_), None) => self.month,
            _ => self.year,
        };
        let number = |part: Option<i8>| part.map(|part| part.to_string()).unwrap_or_default();
        pattern
            .replace("{day}", &number(date.day))
            .replace("{month}", &number(date.month))
            .replace("{year}", &date.year.to_string())
    }
}

impl DateView {
    pub fn new(date: PartialDate) -> DateView {
        let display = DATE_FORMATS.display(date);
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

/// The views of the archive's entities, as the template values pages are given, each made the
/// first time a page needs it and then shared: tera shares a value's strings, lists and maps, so
/// the hundredth page that lists a view costs no more than a clone of a pointer. Made lazily, a
/// site that renders one page (the preview server after an edit) makes only the views it shows.
pub struct Views {
    archive: Arc<Archive>,
    actor_chips: Vec<Chip>,
    country_chips: Vec<Chip>,
    actors: Vec<OnceLock<Value>>,
    countries: Vec<OnceLock<Value>>,
    articles: Vec<OnceLock<Value>>,
    claims: Vec<OnceLock<Value>>,
}

/// The folder of the page of the article `slug`, relative to the site root.
pub fn article_url(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// The folder of the (first) page of the actor `id`.
pub fn actor_url(id: &str) -> String {
    format!("actors/{id}/")
}

/// The folder of the (first) page of the country `id`.
pub fn country_url(id: &str) -> String {
    format!("countries/{id}/")
}

fn actor_chip(actor: &Actor) -> Chip {
    Chip { id: actor.id.clone(), name: actor.name.clone(), url: actor_url(&actor.id), kind: "actor" }
}

fn country_chip(country: &Country) -> Chip {
    Chip { id: country.id.clone(), name: country.name.clone(), url: country_url(&country.id), kind: "country" }
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

fn cells(count: usize) -> Vec<OnceLock<Value>> {
    (0..count).map(|_| OnceLock::new()).collect()
}

fn cached(cell: &OnceLock<Value>, make: impl FnOnce() -> Value) -> Value {
    cell.get_or_init(make).clone()
}

impl Views {
    pub fn new(archive: Arc<Archive>) -> Views {
        Views {
            actor_chips: archive.actors.iter().map(actor_chip).collect(),
            country_chips: archive.countries.iter().map(country_chip).collect(),
            actors: cells(archive.actors.len()),
            countries: cells(archive.countries.len()),
            articles: cells(archive.articles.len()),
            claims: cells(archive.claims.len()),
            archive,
        }
    }

    fn party(&self, party: Party) -> Chip {
        match party {
            Party::Actor(id) => self.actor_chips[id.index()].clone(),
            Party::Country(id) => self.country_chips[id.index()].clone(),
        }
    }

    pub fn actor(&self, id: ActorId) -> Value {
        cached(&self.actors[id.index()], || {
            let (archive, actor) = (&*self.archive, self.archive.actor(id));
            Value::from_serializable(&ActorView {
                chip: self.actor_chips[id.index()].clone(),
                aliases: actor.aliases.clone(),
                kind: actor.kind.map(|kind| kind.as_str()),
                country: actor.country.map(|id| self.country_chips[id.index()].clone()),
                description_html: html(&actor.description),
                links: actor.links.clone(),
                article_count: actor.articles.len(),
                claims_made: actor.claims_made.len(),
                claims_received: actor.claims_received.len(),
                active: active(archive, &actor.articles),
                kinds_made: kind_counts(archive, &actor.claims_made),
                kinds_received: kind_counts(archive, &actor.claims_received),
            })
        })
    }

    pub fn country(&self, id: CountryId) -> Value {
        cached(&self.countries[id.index()], || {
            let (archive, country) = (&*self.archive, self.archive.country(id));
            let accusations =
                |ids: &[ClaimId]| ids.iter().filter(|id| archive.claim(**id).kind.is_accusation()).count();
            Value::from_serializable(&CountryView {
                chip: self.country_chips[id.index()].clone(),
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
        })
    }

    pub fn article(&self, id: ArticleId) -> Value {
        cached(&self.articles[id.index()], || {
            let article = self.archive.article(id);
            Value::from_serializable(&ArticleSummary {
                slug: article.slug.clone(),
                url: article_url(&article.slug),
                title: article.title.clone(),
                date: DateView::new(article.date),
                source: article.source.clone(),
                summary: article.summary.clone(),
                actors: article.actors.iter().map(|id| self.actor_chips[id.index()].clone()).collect(),
                countries: article.countries.iter().map(|id| self.country_chips[id.index()].clone()).collect(),
                claim_count: article.claims.len(),
            })
        })
    }

    pub fn all_actors(&self) -> Value {
        (0..self.actors.len()).map(|index| self.actor(ActorId(index as u32))).collect::<Vec<_>>().into()
    }

    pub fn all_countries(&self) -> Value {
        (0..self.countries.len()).map(|index| self.country(CountryId(index as u32))).collect::<Vec<_>>().into()
    }

    /// The articles at `range` of the archive's order (newest first).
    pub fn articles(&self, range: std::ops::Range<usize>) -> Value {
        range.map(|index| self.article(ArticleId(index as u32))).collect::<Vec<_>>().into()
    }

    pub fn claim(&self, id: ClaimId) -> Value {
        cached(&self.claims[id.index()], || {
            let claim: &Claim = self.archive.claim(id);
            let article = self.archive.article(claim.article);
            Value::from_serializable(&ClaimView {
                anchor: format!("claim-{}", claim.number),
                number: claim.number,
                kind: claim.kind,
                accusation: claim.kind.is_accusation(),
                by: self.party(claim.by),
                target: self.party(claim.target),
                about: claim.about.map(|id| self.actor_chips[id.index()].clone()),
                date: claim.date.map(DateView::new),
                quote: claim.quote.clone(),
                note_html: html(&claim.note),
                article_title: article.title.clone(),
                article_url: article_url(&article.slug),
                article_date: DateView::new(article.date),
            })
        })
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
