//! Views: the model turned into what templates read. Everything a template shows is computed
//! here once per entity (chips, summaries, claim sentences' parts, Markdown as HTML) and then
//! shared by every page that lists it. URLs in views are relative to the site root; templates put
//! `{{ root }}` before them, which makes every link relative to the page.

pub mod article;
pub mod claims;
pub mod disputes;
pub mod graph;
pub mod matrix;
pub mod timeline;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Value;

use crate::date::PartialDate;
use crate::markdown;
use crate::model::{
    Actor, ActorId, ActorKind, Archive, ArticleId, Claim, ClaimId, ClaimKind, Country, CountryId, Link, Party,
    SUPPLIABLE_FIELDS,
};
use crate::urls;
use crate::urls::PartyKind;

/// A date as `<time datetime>` wants it and in its parts, with the precision the editor gave:
/// the `date` component of `templates/components.html` words it for the reader.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// The first moment of the date, for feeds (`2021-07-01T00:00:00Z` for July 2021).
    pub timestamp: String,
}

impl DateView {
    pub fn new(date: PartialDate) -> DateView {
        let timestamp = format!("{}T00:00:00Z", date.first_day());
        DateView { iso: date.iso(), year: date.year, month: date.month, day: date.day, timestamp }
    }
}

/// A link to an actor or a country, shown as a chip. Each entity's is made once
/// ([`Views::party`]) and serialises as one template value, which tera passes through as it is:
/// every view that shows the chip shares that value rather than holding a map of its own.
#[derive(Clone, Debug)]
pub struct Chip {
    /// The name and the page, for the code that lays chips out (an actor's graph) or links them
    /// (the matrix's headers).
    pub name: Arc<str>,
    pub url: Arc<str>,
    value: Value,
}

/// What a template reads of a chip.
#[derive(Serialize)]
struct ChipFields<'a> {
    id: &'a str,
    name: &'a str,
    url: &'a str,
    /// `actor` or `country`.
    kind: &'static str,
}

impl Chip {
    pub fn new(id: &str, name: &str, url: &str, kind: PartyKind) -> Chip {
        let value = Value::from_serializable(&ChipFields { id, name, url, kind: kind.word() });
        Chip { name: name.into(), url: url.into(), value }
    }
}

impl Serialize for Chip {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub url: String,
    pub title: String,
    /// A [`DateView`], shared by every view of the same date.
    pub date: Value,
    pub source: String,
    pub summary: String,
    pub actors: Vec<Chip>,
    pub countries: Vec<Chip>,
    pub claim_count: usize,
    /// Each of `title`, `date` and `source`: whether the editor supplied it.
    pub supplied: BTreeMap<&'static str, bool>,
    /// Marked `draft: true` (in the archive only when drafts are shown).
    pub draft: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClaimView {
    /// The fragment id in the article page.
    pub anchor: String,
    /// The id of its quote's mark in the article's body.
    pub mark: String,
    pub number: usize,
    /// The kind's word in the content format (which templates of older sites compare against).
    pub kind: &'static str,
    /// The kind's CSS class and the key of its wording in the templates.
    pub class: &'static str,
    pub label: &'static str,
    pub accusation: bool,
    pub by: Vec<Chip>,
    pub target: Vec<Chip>,
    pub about: Vec<Chip>,
    /// The key of the basis's wording in the templates.
    pub basis: Option<&'static str>,
    pub hedged: bool,
    /// The claim this one answers.
    pub responds_to: Option<ClaimLink>,
    /// The claims that answer this one.
    pub responses: Vec<ClaimLink>,
    /// A [`DateView`], shared by every view of the same date.
    pub date: Option<Value>,
    pub quote: String,
    pub note_html: Option<String>,
    /// The article the claim is quoted from.
    pub article_title: String,
    pub article_url: String,
    pub article_date: Value,
}

/// A claim named from elsewhere (the claim it answers, its answers, what links a group to its
/// country): where it is, who makes it and of which kind. Names rather than chips, since the
/// whole is one link.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimLink {
    /// The claim in its article page, from the root: `articles/<slug>/#<anchor>`.
    pub url: String,
    pub number: usize,
    pub by: Vec<String>,
    pub label: &'static str,
    pub article_title: String,
    pub article_url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorView {
    pub chip: Chip,
    pub aliases: Vec<String>,
    /// The label key of its kind (`ActorKindRow::label`), which `actor_kind` words.
    pub kind: Option<&'static str>,
    pub country: Option<Chip>,
    /// Whether `country` is an alleged link (a group's) rather than where the actor is based.
    pub country_alleged: bool,
    /// The accusations in the archive that link a group to its `country`.
    pub country_claims: Vec<ClaimLink>,
    /// The country it speaks for, whose claims its claims count as.
    pub represents: Option<Chip>,
    pub description_html: Option<String>,
    pub links: Vec<Link>,
    pub article_count: usize,
    pub claims_made: usize,
    pub claims_received: usize,
    pub active: Option<Active>,
    pub kinds_made: Vec<KindCount>,
    pub kinds_received: Vec<KindCount>,
}

/// The actors of one kind, for the actors list.
#[derive(Serialize)]
struct ActorGroup {
    /// The label key of the kind, which `actor_kind` words; none for actors of no kind.
    kind: Option<&'static str>,
    actors: Vec<Value>,
}

/// A tag in the list of tags: its page and how many articles carry it.
#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    pub name: String,
    pub url: String,
    pub article_count: usize,
}

/// When an actor or a country appears in the archive: the dates of its oldest and newest article
/// ([`DateView`]s).
#[derive(Clone, Debug, Serialize)]
pub struct Active {
    pub first: Value,
    pub last: Value,
}

/// How many claims of one kind an actor or a country made or received.
#[derive(Clone, Debug, Serialize)]
pub struct KindCount {
    /// The kind's word in the content format, as in [`ClaimView::kind`].
    pub kind: &'static str,
    pub class: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct CountryView {
    pub chip: Chip,
    pub name_en: String,
    pub description_html: Option<String>,
    pub actor_count: usize,
    pub group_count: usize,
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
/// The claims list's pages and the disputes' threads are made with the views (a sort of the
/// claims and a walk of their answers), since the list of pages needs their number.
pub struct Views {
    archive: Arc<Archive>,
    actor_chips: Vec<Chip>,
    /// The [`DateView`] of every date of an article or a claim, as one template value each,
    /// shared by every view of that date.
    dates: BTreeMap<PartialDate, Value>,
    country_chips: Vec<Chip>,
    actors: Vec<OnceLock<Value>>,
    countries: Vec<OnceLock<Value>>,
    articles: Vec<OnceLock<Value>>,
    claims: Vec<OnceLock<Value>>,
    /// Every article and claim by year and month, for the timeline's pages.
    timeline: timeline::Timeline,
    matrix: matrix::Matrix,
    /// The claims list and the disputes, each cut into pages once.
    claim_pages: claims::ClaimPages,
    disputes: disputes::Disputes,
}

fn actor_chip(actor: &Actor) -> Chip {
    Chip::new(&actor.id, &actor.name, &urls::actor(&actor.id), PartyKind::Actor)
}

fn country_chip(country: &Country) -> Chip {
    Chip::new(&country.id, &country.name, &urls::country(&country.id), PartyKind::Country)
}

/// An editor's Markdown field as HTML, with the site's rule for raw HTML.
fn html(archive: &Archive, markdown_text: &Option<String>) -> Option<String> {
    markdown_text.as_deref().map(|text| markdown::to_html(text, &[], archive.config.raw_html))
}

/// The claims counted by kind, in the vocabulary's order, leaving out kinds with none.
fn kind_counts(archive: &Archive, claims: &[ClaimId]) -> Vec<KindCount> {
    ClaimKind::all()
        .map(|kind| KindCount {
            kind: kind.row().word,
            class: kind.row().class,
            label: kind.row().label,
            count: claims.iter().filter(|id| archive.claim(**id).kind == kind).count(),
        })
        .filter(|count| count.count > 0)
        .collect()
}

fn party_name(archive: &Archive, party: Party) -> String {
    match party {
        Party::Actor(id) => archive.actor(id).name.clone(),
        Party::Country(id) => archive.country(id).name.clone(),
    }
}

/// The claim `id` as a link from elsewhere.
pub(super) fn claim_link(archive: &Archive, id: ClaimId) -> ClaimLink {
    let claim = archive.claim(id);
    let article = archive.article(claim.article);
    let article_url = urls::article(&article.slug);
    ClaimLink {
        url: urls::with_anchor(&article_url, &claim.anchor),
        number: claim.number,
        by: claim.by.iter().map(|party| party_name(archive, *party)).collect(),
        label: claim.kind.row().label,
        article_title: article.title.clone(),
        article_url,
    }
}

/// Every date of an article or a claim, with its view.
fn date_values(archive: &Archive) -> BTreeMap<PartialDate, Value> {
    let articles = archive.articles.iter().map(|article| article.date);
    let dates: BTreeSet<PartialDate> = articles.chain(archive.claims.iter().filter_map(|claim| claim.date)).collect();
    dates.into_iter().map(|date| (date, Value::from_serializable(&DateView::new(date)))).collect()
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
            dates: date_values(&archive),
            country_chips: archive.countries.iter().map(country_chip).collect(),
            actors: cells(archive.actors.len()),
            countries: cells(archive.countries.len()),
            articles: cells(archive.articles.len()),
            claims: cells(archive.claims.len()),
            timeline: timeline::Timeline::of(&archive),
            matrix: matrix::Matrix::new(&archive),
            claim_pages: claims::ClaimPages::new(&archive),
            disputes: disputes::Disputes::new(&archive),
            archive,
        }
    }

    pub fn timeline(&self) -> &timeline::Timeline {
        &self.timeline
    }

    pub fn claim_pages(&self) -> &claims::ClaimPages {
        &self.claim_pages
    }

    pub fn disputes(&self) -> &disputes::Disputes {
        &self.disputes
    }

    /// The view of `date`, shared.
    fn date(&self, date: PartialDate) -> Value {
        self.dates.get(&date).cloned().unwrap_or_else(|| Value::from_serializable(&DateView::new(date)))
    }

    /// The span of `articles` (newest first, as in the model), if there are any.
    fn active(&self, articles: &[ArticleId]) -> Option<Active> {
        let newest = self.archive.article(*articles.first()?).date;
        let oldest = self.archive.article(*articles.last()?).date;
        Some(Active { first: self.date(oldest), last: self.date(newest) })
    }

    /// The chip of an actor or a country.
    pub fn party(&self, party: Party) -> Chip {
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
                kind: actor.kind.map(|kind| kind.row().label),
                country: actor.country.map(|id| self.country_chips[id.index()].clone()),
                country_alleged: actor.kind == Some(ActorKind::Group),
                country_claims: actor.country_claims.iter().map(|id| claim_link(archive, *id)).collect(),
                represents: actor.represents.map(|id| self.country_chips[id.index()].clone()),
                description_html: html(archive, &actor.description),
                links: actor.links.clone(),
                article_count: actor.articles.len(),
                claims_made: actor.claims_made.len(),
                claims_received: actor.claims_received.len(),
                active: self.active(&actor.articles),
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
                description_html: html(archive, &country.description),
                actor_count: country.actors.len(),
                group_count: country.groups.len(),
                article_count: country.articles.len(),
                claims_made: country.claims_made.len(),
                claims_received: country.claims_received.len(),
                accusations_made: accusations(&country.claims_made),
                accusations_received: accusations(&country.claims_received),
                active: self.active(&country.articles),
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
                url: urls::article(&article.slug),
                title: article.title.clone(),
                date: self.date(article.date),
                source: article.source.clone(),
                summary: article.summary.clone(),
                actors: article.actors.iter().map(|id| self.actor_chips[id.index()].clone()).collect(),
                countries: article.countries.iter().map(|id| self.country_chips[id.index()].clone()).collect(),
                claim_count: article.claims.len(),
                supplied: SUPPLIABLE_FIELDS.iter().map(|field| (*field, article.supplied.contains(field))).collect(),
                draft: article.draft,
            })
        })
    }

    /// Article `id` as a tag's pages list it: its title and date, without the source and the
    /// number of claims its page gives, since a tag lists thousands of articles at 10k.
    pub fn article_of_tag(&self, id: ArticleId) -> Value {
        let mut article = self.article(id).into_map().unwrap_or_default();
        article.insert("source".into(), Value::from(""));
        article.insert("claim_count".into(), Value::from(0));
        Value::from(article)
    }

    /// Every actor by name, in one group per kind (the vocabulary's order, then those of no kind),
    /// leaving out kinds no actor has.
    pub fn actors_by_kind(&self) -> Value {
        let archive = &*self.archive;
        let kinds = ActorKind::all().map(Some).chain([None]);
        let groups: Vec<Value> = kinds
            .filter_map(|kind| {
                let actors: Vec<Value> = archive
                    .actors_by_name
                    .iter()
                    .filter(|id| archive.actor(**id).kind == kind)
                    .map(|id| self.actor(*id))
                    .collect();
                let group = ActorGroup { kind: kind.map(|kind| kind.row().label), actors };
                (!group.actors.is_empty()).then(|| Value::from_serializable(&group))
            })
            .collect();
        groups.into()
    }

    /// Every tag by name, with its page and number of articles.
    pub fn tags(&self) -> Value {
        let tags: Vec<TagView> = self
            .archive
            .tags
            .iter()
            .map(|tag| TagView { name: tag.name.clone(), url: urls::tag(&tag.slug), article_count: tag.articles.len() })
            .collect();
        Value::from_serializable(&tags)
    }

    /// Every country by name.
    pub fn countries_by_name(&self) -> Value {
        self.archive.countries_by_name.iter().map(|id| self.country(*id)).collect::<Vec<_>>().into()
    }

    /// The articles at `range` of the archive's order (newest first).
    pub fn articles(&self, range: std::ops::Range<usize>) -> Value {
        range.map(|index| self.article(ArticleId(index as u32))).collect::<Vec<_>>().into()
    }

    /// The kinds of an article's claims, each once, in the vocabulary's order.
    pub fn article_kinds(&self, id: ArticleId) -> Value {
        let article = self.archive.article(id);
        let kinds: Vec<KindCount> = kind_counts(&self.archive, &article.claims);
        Value::from_serializable(&kinds)
    }

    pub fn claim(&self, id: ClaimId) -> Value {
        cached(&self.claims[id.index()], || {
            let archive = &*self.archive;
            let claim: &Claim = archive.claim(id);
            let article = archive.article(claim.article);
            let row = claim.kind.row();
            Value::from_serializable(&ClaimView {
                anchor: claim.anchor.clone(),
                mark: urls::mark_id(&claim.anchor),
                number: claim.number,
                kind: row.word,
                class: row.class,
                label: row.label,
                accusation: row.accusation,
                by: claim.by.iter().map(|party| self.party(*party)).collect(),
                target: claim.target.iter().map(|party| self.party(*party)).collect(),
                about: claim.about.iter().map(|id| self.actor_chips[id.index()].clone()).collect(),
                basis: claim.basis.map(|basis| basis.row().label),
                hedged: claim.hedged,
                responds_to: claim.responds_to.map(|answered| claim_link(archive, answered)),
                responses: claim.responses.iter().map(|answer| claim_link(archive, *answer)).collect(),
                date: claim.date.map(|date| self.date(date)),
                quote: claim.quote.clone(),
                note_html: html(&self.archive, &claim.note),
                article_title: article.title.clone(),
                article_url: urls::article(&article.slug),
                article_date: self.date(article.date),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        let day = DateView::new(PartialDate::parse("2020-04-23").unwrap());
        assert_eq!((day.year, day.month, day.day), (2020, Some(4), Some(23)));
        let month = DateView::new(PartialDate::parse("2021-07").unwrap());
        assert_eq!((month.month, month.day, month.timestamp.as_str()), (Some(7), None, "2021-07-01T00:00:00Z"));
        let year = DateView::new(PartialDate::parse("2013").unwrap());
        assert_eq!((year.month, year.day), (None, None));
    }
}
