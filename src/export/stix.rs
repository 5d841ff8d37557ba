//! `data/stix-bundle.json`: the archive as a STIX 2.1 bundle, for threat-intelligence tools.
//!
//! - each article is a `report` whose `object_refs` are everything it holds;
//! - each source (publication) is an `identity` of class `organization`, in its reports;
//! - a group is an `intrusion-set`, any other actor an `identity` (persons `individual`, the
//!   rest `organization`, `unknown` when the kind is not given), a country a `location`;
//! - each (claim, party making it, party it targets) is a `relationship` from the one to the
//!   other: `attributed-to` when the kind puts blame, else `related-to`, the kind in the custom
//!   property `x_dossier_kind` either way and the claim's stable id in `x_dossier_claim`;
//! - each claim's quote is a `note` on its relationships;
//! - a denial that answers a claim is an `opinion` (`strongly-disagree`) on that claim's
//!   relationships and note;
//! - `data_license`, when set, is a `statement` marking definition every object refers to.
//!
//! Ids are UUIDv5 of the stable ids under one namespace, and times come from article dates (an
//! entity is created at its oldest article and modified at its newest), so the bundle is the same
//! on every build of the same archive.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use uuid::Uuid;

use super::record::{claim_id, claim_path, page_url, pairs, party_name};
use crate::date::PartialDate;
use crate::file::OutputFile;
use crate::model::{ActorId, ActorKind, Archive, ArticleId, ClaimId, ClaimKind, CountryId, Party};
use crate::urls;

/// The namespace of every id in the bundle: fixed, so that ids stay the same across builds and
/// across sites that publish the same stable ids differ only by what they say.
const NAMESPACE: Uuid = Uuid::from_u128(0x5b2f1a43_8c8e_4a0e_9f2d_2a6c1e0d4b71);
const SPEC_VERSION: &str = "2.1";
const MARKING: &str = "marking-definition";
/// The `source_name` of external references to this site's pages.
const SOURCE_NAME: &str = "dossier";
/// When the licence's marking definition was made: a marking has no date of its own in the
/// archive, and a fixed one keeps the bundle reproducible.
const MARKING_CREATED: &str = "1970-01-01T00:00:00.000Z";

/// A STIX id: the object's type and the UUIDv5 of `name` (a stable id with a prefix saying what
/// it names).
fn stix_id(kind: &str, name: &str) -> String {
    format!("{kind}--{}", Uuid::new_v5(&NAMESPACE, name.as_bytes()))
}

/// The first moment of a date, with the millisecond precision STIX asks of `created`.
fn timestamp(date: PartialDate) -> String {
    format!("{}T00:00:00.000Z", date.first_day())
}

#[derive(Serialize)]
struct Bundle {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    objects: Vec<Object>,
}

/// The properties every object has, and its own ones.
#[derive(Serialize)]
struct Object {
    #[serde(rename = "type")]
    kind: &'static str,
    spec_version: &'static str,
    id: String,
    created: String,
    /// Every object's but a marking definition's, which cannot change.
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    object_marking_refs: Vec<String>,
    #[serde(flatten)]
    body: Body,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Marking {
        name: &'static str,
        definition_type: &'static str,
        definition: Statement,
    },
    Identity {
        name: String,
        identity_class: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        x_dossier_aliases: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        external_references: Vec<Reference>,
    },
    IntrusionSet {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        external_references: Vec<Reference>,
    },
    Location {
        name: String,
        country: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        external_references: Vec<Reference>,
    },
    Report {
        name: String,
        description: String,
        report_types: [&'static str; 1],
        published: String,
        object_refs: Vec<String>,
        external_references: Vec<Reference>,
    },
    Relationship {
        relationship_type: &'static str,
        source_ref: String,
        target_ref: String,
        x_dossier_kind: &'static str,
        /// The claim's stable id; its page is in the external references of its note.
        x_dossier_claim: String,
    },
    Note {
        content: String,
        authors: Vec<String>,
        object_refs: Vec<String>,
        external_references: Vec<Reference>,
    },
    Opinion {
        opinion: &'static str,
        explanation: String,
        authors: Vec<String>,
        object_refs: Vec<String>,
        external_references: Vec<Reference>,
    },
}

#[derive(Serialize)]
struct Statement {
    statement: String,
}

#[derive(Serialize)]
struct Reference {
    source_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
}

/// The bundle's objects as they are made, with what every object shares.
struct Builder<'a> {
    archive: &'a Archive,
    parties: PartyIds,
    marking: Vec<String>,
    objects: Vec<Object>,
}

/// The STIX id of every actor's and country's object, made once: each is named by every claim
/// and report it is in.
struct PartyIds {
    actors: Vec<String>,
    countries: Vec<String>,
}

impl PartyIds {
    fn new(archive: &Archive) -> PartyIds {
        let actors = (0..archive.actors.len()).map(|index| Party::Actor(ActorId(index as u32)));
        let countries = (0..archive.countries.len()).map(|index| Party::Country(CountryId(index as u32)));
        PartyIds {
            actors: actors.map(|party| party_ref(archive, party)).collect(),
            countries: countries.map(|party| party_ref(archive, party)).collect(),
        }
    }

    fn of(&self, party: Party) -> &str {
        match party {
            Party::Actor(id) => &self.actors[id.index()],
            Party::Country(id) => &self.countries[id.index()],
        }
    }
}

/// `data/stix-bundle.json`.
pub fn bundle(archive: &Archive) -> OutputFile {
    let mut builder = Builder { archive, parties: PartyIds::new(archive), marking: Vec::new(), objects: Vec::new() };
    builder.license();
    builder.sources();
    builder.actors();
    builder.countries();
    for index in 0..archive.articles.len() {
        builder.article(ArticleId(index as u32));
    }
    let bundle = Bundle { kind: "bundle", id: stix_id("bundle", &archive.config.title), objects: builder.objects };
    OutputFile { path: urls::DATA_STIX.to_owned(), bytes: super::to_json(&bundle) }
}

impl Builder<'_> {
    fn push(&mut self, kind: &'static str, id: String, (created, modified): (String, String), body: Body) {
        let object_marking_refs = self.marking.clone();
        let modified = (kind != MARKING).then_some(modified);
        self.objects.push(Object {
            kind,
            spec_version: SPEC_VERSION,
            id,
            created,
            modified,
            object_marking_refs,
            body,
        });
    }

    /// A reference to the page at `path` (with its stable id), absolute when the site has a
    /// `base_url`.
    fn page(&self, path: &str, stable_id: &str) -> Reference {
        let url = self.archive.config.base_url.is_some().then(|| page_url(self.archive, path));
        Reference { source_name: SOURCE_NAME.to_owned(), url, external_id: Some(stable_id.to_owned()) }
    }

    /// The oldest and the newest of `articles`' dates (newest first), or the licence's fixed date.
    fn span(&self, articles: &[ArticleId]) -> (String, String) {
        match (articles.last(), articles.first()) {
            (Some(oldest), Some(newest)) => {
                (timestamp(self.archive.article(*oldest).date), timestamp(self.archive.article(*newest).date))
            }
            _ => (MARKING_CREATED.to_owned(), MARKING_CREATED.to_owned()),
        }
    }

    fn license(&mut self) {
        let Some(license) = &self.archive.config.data_license else { return };
        let id = stix_id(MARKING, &format!("license:{license}"));
        let body = Body::Marking {
            name: "data_license",
            definition_type: "statement",
            definition: Statement { statement: license.clone() },
        };
        self.push(MARKING, id.clone(), (MARKING_CREATED.to_owned(), MARKING_CREATED.to_owned()), body);
        self.marking = vec![id];
    }

    /// An identity for each source, in the order of their names.
    fn sources(&mut self) {
        let mut sources: BTreeMap<&str, Vec<ArticleId>> = BTreeMap::new();
        for (index, article) in self.archive.articles.iter().enumerate() {
            sources.entry(&article.source).or_default().push(ArticleId(index as u32));
        }
        for (source, articles) in sources {
            let body = Body::Identity {
                name: source.to_owned(),
                identity_class: "organization",
                description: None,
                x_dossier_aliases: Vec::new(),
                external_references: Vec::new(),
            };
            self.push("identity", source_id(source), self.span(&articles), body);
        }
    }

    fn actors(&mut self) {
        for (index, actor) in self.archive.actors.iter().enumerate() {
            let (name, description, aliases) = (actor.name.clone(), actor.description.clone(), actor.aliases.clone());
            let external_references = vec![self.page(&urls::actor(&actor.id), &actor.id)];
            let body = match actor.kind {
                Some(ActorKind::Group) => Body::IntrusionSet { name, description, aliases, external_references },
                kind => Body::Identity {
                    name,
                    identity_class: identity_class(kind),
                    description,
                    x_dossier_aliases: aliases,
                    external_references,
                },
            };
            let id = self.parties.of(Party::Actor(ActorId(index as u32))).to_owned();
            self.push(actor_type(actor.kind), id, self.span(&actor.articles), body);
        }
    }

    fn countries(&mut self) {
        for (index, country) in self.archive.countries.iter().enumerate() {
            let body = Body::Location {
                name: country.name.clone(),
                country: country.id.to_uppercase(),
                description: country.description.clone(),
                external_references: vec![self.page(&urls::country(&country.id), &country.id)],
            };
            let id = self.parties.of(Party::Country(CountryId(index as u32))).to_owned();
            self.push("location", id, self.span(&country.articles), body);
        }
    }

    /// The article's report, after the relationships, notes and opinions of its claims.
    fn article(&mut self, id: ArticleId) {
        let archive = self.archive;
        let article = archive.article(id);
        let when = timestamp(article.date);
        let mut refs = BTreeSet::from([source_id(&article.source)]);
        let parties = article.actors.iter().map(|actor| Party::Actor(*actor));
        let parties = parties.chain(article.countries.iter().map(|country| Party::Country(*country)));
        refs.extend(parties.map(|party| self.parties.of(party).to_owned()));
        for claim in &article.claims {
            refs.extend(self.claim(*claim, &when));
        }
        let mut external_references = vec![self.page(&urls::article(&article.slug), &article.slug)];
        if let Some(url) = &article.url {
            external_references.push(Reference {
                source_name: article.source.clone(),
                url: Some(url.clone()),
                external_id: None,
            });
        }
        let body = Body::Report {
            name: article.title.clone(),
            description: article.summary.clone(),
            report_types: ["threat-report"],
            published: when.clone(),
            object_refs: refs.into_iter().collect(),
            external_references,
        };
        self.push("report", stix_id("report", &format!("article:{}", article.slug)), (when.clone(), when), body);
    }

    /// The objects of one claim; returns the ids of all that its report lists.
    fn claim(&mut self, id: ClaimId, when: &str) -> Vec<String> {
        let archive = self.archive;
        let claim = archive.claim(id);
        let stable = claim_id(archive, id);
        let article = archive.article(claim.article);
        let page = claim_path(archive, id);
        let times = || (when.to_owned(), when.to_owned());
        let mut listed: Vec<String> =
            claim.by.iter().chain(&claim.target).map(|party| self.parties.of(*party).to_owned()).collect();
        let relationships = relationship_ids(archive, id);
        for ((by, target), relationship) in pairs(archive, id).into_iter().zip(&relationships) {
            let body = Body::Relationship {
                relationship_type: if claim.kind.is_accusation() { "attributed-to" } else { "related-to" },
                source_ref: self.parties.of(by).to_owned(),
                target_ref: self.parties.of(target).to_owned(),
                x_dossier_kind: claim.kind.as_str(),
                x_dossier_claim: stable.clone(),
            };
            self.push("relationship", relationship.clone(), times(), body);
        }
        let note = note_id(&stable);
        let body = Body::Note {
            content: claim.quote.clone(),
            authors: vec![article.source.clone()],
            object_refs: relationships.clone(),
            external_references: vec![self.page(&page, &stable)],
        };
        self.push("note", note.clone(), times(), body);
        listed.extend(relationships);
        listed.push(note);
        if let Some(answered) = claim.responds_to.filter(|_| claim.kind == ClaimKind::Denies) {
            let answered_id = claim_id(archive, answered);
            let mut object_refs = relationship_ids(archive, answered);
            object_refs.push(note_id(&answered_id));
            let opinion = stix_id("opinion", &format!("denial:{stable}"));
            let body = Body::Opinion {
                opinion: "strongly-disagree",
                explanation: claim.quote.clone(),
                authors: claim.by.iter().map(|party| party_name(archive, *party).to_owned()).collect(),
                object_refs,
                external_references: vec![self.page(&page, &stable)],
            };
            self.push("opinion", opinion.clone(), times(), body);
            listed.push(opinion);
        }
        listed
    }
}

/// The ids of a claim's relationships, one per pair.
fn relationship_ids(archive: &Archive, id: ClaimId) -> Vec<String> {
    let stable = claim_id(archive, id);
    pairs(archive, id)
        .into_iter()
        .map(|(by, target)| {
            let name = format!("claim:{stable}:{}:{}", party_key(archive, by), party_key(archive, target));
            stix_id("relationship", &name)
        })
        .collect()
}

fn note_id(stable: &str) -> String {
    stix_id("note", &format!("quote:{stable}"))
}

fn source_id(source: &str) -> String {
    stix_id("identity", &format!("source:{source}"))
}

/// A party's stable id with what it is: `actor:apt32`, `country:vn`.
fn party_key(archive: &Archive, party: Party) -> String {
    match party {
        Party::Actor(id) => format!("actor:{}", archive.actor(id).id),
        Party::Country(id) => format!("country:{}", archive.country(id).id),
    }
}

/// The STIX id of a party's object (made once per party, by [`PartyIds`]).
fn party_ref(archive: &Archive, party: Party) -> String {
    let kind = match party {
        Party::Actor(id) => actor_type(archive.actor(id).kind),
        Party::Country(_) => "location",
    };
    stix_id(kind, &party_key(archive, party))
}

/// The STIX type an actor of `kind` becomes.
fn actor_type(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Group) => "intrusion-set",
        _ => "identity",
    }
}

/// The `identity_class` (STIX's identity-class-ov) of an actor of `kind` that is an identity.
fn identity_class(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Person) => "individual",
        Some(ActorKind::Group | ActorKind::Agency | ActorKind::Government | ActorKind::Company)
        | Some(ActorKind::Organization) => "organization",
        None => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_v5_of_the_stable_id_under_one_namespace() {
        let id = stix_id("intrusion-set", "actor:apt32");
        assert_eq!(id, stix_id("intrusion-set", "actor:apt32"));
        let uuid = Uuid::parse_str(id.strip_prefix("intrusion-set--").unwrap()).unwrap();
        assert_eq!(uuid.get_version_num(), 5);
        assert_ne!(id, stix_id("intrusion-set", "actor:apt1"));
    }

    #[test]
    fn timestamps_are_the_first_moment_of_a_date_to_the_millisecond() {
        assert_eq!(timestamp(PartialDate::parse("2021-07").unwrap()), "2021-07-01T00:00:00.000Z");
        assert_eq!(timestamp(PartialDate::parse("2013").unwrap()), "2013-01-01T00:00:00.000Z");
    }
}
