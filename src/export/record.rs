//! The archive's entities as the JSON exports write them: one serde record per entity, with the
//! stable ids researchers join on (article slug, actor id, country code, `slug#claim-id`), shared
//! by `data/archive.json` and the per-actor and per-country files, so that both spell an entity
//! the same way. Fields and their meaning are documented in `docs/data.md` and checked against
//! `archive.schema.json` by the tests.

use serde::Serialize;

use crate::model::{Actor, Archive, Article, ArticleId, Claim, ClaimId, Country, Link, Note, Party};
use crate::urls;

/// A claim's stable id: its article's slug and its anchor, `slug#claim-1`.
pub fn claim_id(archive: &Archive, id: ClaimId) -> String {
    let claim = archive.claim(id);
    format!("{}#{}", archive.article(claim.article).slug, claim.anchor)
}

/// The path of a claim in its article's page, relative to the site root: `articles/x/#claim-1`.
pub fn claim_path(archive: &Archive, id: ClaimId) -> String {
    let claim = archive.claim(id);
    urls::with_anchor(&urls::article(&archive.article(claim.article).slug), &claim.anchor)
}

/// A party's stable id: the actor's id or the country's code.
pub fn party_id(archive: &Archive, party: Party) -> &str {
    match party {
        Party::Actor(id) => &archive.actor(id).id,
        Party::Country(id) => &archive.country(id).id,
    }
}

/// Every (party making it, party it targets) of a claim, in `by` then `target` order: the rows
/// of `claims.csv` and the relationships of the STIX bundle.
pub fn pairs(archive: &Archive, id: ClaimId) -> Vec<(Party, Party)> {
    let claim = archive.claim(id);
    claim.by.iter().flat_map(|by| claim.target.iter().map(move |target| (*by, *target))).collect()
}

/// A party's name as the archive shows it.
pub fn party_name(archive: &Archive, party: Party) -> &str {
    match party {
        Party::Actor(id) => &archive.actor(id).name,
        Party::Country(id) => &archive.country(id).name,
    }
}

/// The address of a page of the site, as every export writes it (see [`urls::public`]).
pub fn page_url(archive: &Archive, path: &str) -> String {
    urls::public(archive.config.base_url.as_deref(), path)
}

/// Who makes a claim or is its target: an actor or a country, by id.
#[derive(Serialize)]
pub struct PartyRecord<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: &'a str,
}

impl<'a> PartyRecord<'a> {
    pub fn new(archive: &'a Archive, party: Party) -> Self {
        let kind = match party {
            Party::Actor(_) => "actor",
            Party::Country(_) => "country",
        };
        PartyRecord { kind, id: party_id(archive, party) }
    }
}

/// An article: its reference (what the per-entity files give of it) and the rest.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    #[serde(flatten)]
    pub reference: ArticleRef<'a>,
    pub source_url: Option<&'a str>,
    pub author: Option<&'a str>,
    pub summary: &'a str,
    pub actors: Vec<&'a str>,
    pub countries: Vec<&'a str>,
    pub tags: &'a [String],
    pub supplied: &'a [&'static str],
    pub claims: Vec<String>,
    pub notes: Vec<NoteRecord<'a>>,
}

#[derive(Serialize)]
pub struct NoteRecord<'a> {
    pub quote: &'a str,
    pub note: &'a str,
}

impl<'a> ArticleRecord<'a> {
    pub fn new(archive: &'a Archive, id: ArticleId) -> Self {
        let article: &'a Article = archive.article(id);
        ArticleRecord {
            reference: ArticleRef::new(archive, id),
            source_url: article.url.as_deref(),
            author: article.author.as_deref(),
            summary: &article.summary,
            actors: article.actors.iter().map(|id| archive.actor(*id).id.as_str()).collect(),
            countries: article.countries.iter().map(|id| archive.country(*id).id.as_str()).collect(),
            tags: &article.tags,
            supplied: &article.supplied,
            claims: article.claims.iter().map(|id| claim_id(archive, *id)).collect(),
            notes: article.notes.iter().map(|Note { quote, note }| NoteRecord { quote, note }).collect(),
        }
    }
}

/// A claim as the per-entity files name it: its essential fields (who claims what of whom, when,
/// in which words, in which article); the rest is in `data/archive.json` under the same id.
#[derive(Serialize)]
pub struct ClaimRef<'a> {
    pub id: String,
    pub article: &'a str,
    pub kind: &'static str,
    pub by: Vec<PartyRecord<'a>>,
    pub target: Vec<PartyRecord<'a>>,
    pub date: Option<String>,
    pub quote: &'a str,
}

impl<'a> ClaimRef<'a> {
    pub fn new(archive: &'a Archive, id: ClaimId) -> Self {
        let claim: &'a Claim = archive.claim(id);
        let parties = |parties: &[Party]| parties.iter().map(|party| PartyRecord::new(archive, *party)).collect();
        ClaimRef {
            id: claim_id(archive, id),
            article: &archive.article(claim.article).slug,
            kind: claim.kind.as_str(),
            by: parties(&claim.by),
            target: parties(&claim.target),
            date: claim.date.map(|date| date.iso()),
            quote: &claim.quote,
        }
    }
}

/// A claim with every field: its reference and the rest.
#[derive(Serialize)]
pub struct ClaimRecord<'a> {
    #[serde(flatten)]
    pub reference: ClaimRef<'a>,
    /// Its place among its article's claims, from 1, as the page numbers it.
    pub number: usize,
    /// Its fragment id in the article's page.
    pub anchor: &'a str,
    pub page: String,
    pub accusation: bool,
    pub about: Vec<&'a str>,
    pub basis: Option<&'static str>,
    pub hedged: bool,
    pub note: Option<&'a str>,
    pub responds_to: Option<String>,
    pub responses: Vec<String>,
}

impl<'a> ClaimRecord<'a> {
    pub fn new(archive: &'a Archive, id: ClaimId) -> Self {
        let claim: &'a Claim = archive.claim(id);
        ClaimRecord {
            reference: ClaimRef::new(archive, id),
            number: claim.number,
            anchor: &claim.anchor,
            page: page_url(archive, &claim_path(archive, id)),
            accusation: claim.kind.is_accusation(),
            about: claim.about.iter().map(|id| archive.actor(*id).id.as_str()).collect(),
            basis: claim.basis.map(|basis| basis.row().word),
            hedged: claim.hedged,
            note: claim.note.as_deref(),
            responds_to: claim.responds_to.map(|answered| claim_id(archive, answered)),
            responses: claim.responses.iter().map(|answer| claim_id(archive, *answer)).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct ActorRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub kind: Option<&'static str>,
    pub country: Option<&'a str>,
    pub represents: Option<&'a str>,
    pub description: Option<&'a str>,
    pub links: Vec<LinkRecord<'a>>,
    pub page: String,
}

#[derive(Serialize)]
pub struct LinkRecord<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

impl<'a> ActorRecord<'a> {
    pub fn new(archive: &'a Archive, actor: &'a Actor) -> Self {
        let country = |id: Option<_>| id.map(|id| archive.country(id).id.as_str());
        ActorRecord {
            id: &actor.id,
            name: &actor.name,
            aliases: &actor.aliases,
            kind: actor.kind.map(|kind| kind.as_str()),
            country: country(actor.country),
            represents: country(actor.represents),
            description: actor.description.as_deref(),
            links: actor.links.iter().map(|Link { title, url }| LinkRecord { title, url }).collect(),
            page: page_url(archive, &urls::actor(&actor.id)),
        }
    }
}

#[derive(Serialize)]
pub struct CountryRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub name_en: &'a str,
    pub description: Option<&'a str>,
    pub page: String,
}

impl<'a> CountryRecord<'a> {
    pub fn new(archive: &'a Archive, country: &'a Country) -> Self {
        CountryRecord {
            id: &country.id,
            name: &country.name,
            name_en: &country.name_en,
            description: country.description.as_deref(),
            page: page_url(archive, &urls::country(&country.id)),
        }
    }
}

/// An article as the per-entity files name it: enough to list and link it, the rest being in
/// `data/archive.json` under the same id.
#[derive(Serialize)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// ISO with the precision known: `2021`, `2021-07` or `2021-07-20`.
    pub date: String,
    pub source: &'a str,
    pub page: String,
}

impl<'a> ArticleRef<'a> {
    pub fn new(archive: &'a Archive, id: ArticleId) -> Self {
        let article = archive.article(id);
        ArticleRef {
            id: &article.slug,
            title: &article.title,
            date: article.date.iso(),
            source: &article.source,
            page: page_url(archive, &urls::article(&article.slug)),
        }
    }
}
