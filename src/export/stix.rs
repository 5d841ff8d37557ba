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
use serde::ser::{SerializeSeq, Serializer};
use sha1::{Digest, Sha1};
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

/// A STIX id: the object's type and the UUIDv5 (RFC 9562) of a name, given in `parts` that are
/// hashed one after the other as if joined: a stable id with a prefix saying what it names.
fn stix_id(kind: &str, parts: &[&str]) -> String {
    let mut hasher = Sha1::new_with_prefix(NAMESPACE.as_bytes());
    for part in parts {
        hasher.update(part.as_bytes());
    }
    let hash = hasher.finalize();
    let uuid = uuid::Builder::from_sha1_bytes(hash[..16].try_into().expect("SHA-1 is 20 bytes")).into_uuid();
    let mut id = String::with_capacity(kind.len() + 2 + uuid::fmt::Hyphenated::LENGTH);
    id.push_str(kind);
    id.push_str("--");
    id.push_str(uuid.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
    id
}

/// The first moment of a date, with the millisecond precision STIX asks of `created`.
fn timestamp(date: PartialDate) -> String {
    format!("{}T00:00:00.000Z", date.first_day())
}

#[derive(Serialize)]
struct Bundle<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    objects: Objects<'a>,
}

/// The properties every object has, and its own ones.
#[derive(Serialize)]
struct Object<'b> {
    #[serde(rename = "type")]
    kind: &'static str,
    spec_version: &'static str,
    id: &'b str,
    created: &'b str,
    /// Every object's but a marking definition's, which cannot change.
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'b str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    object_marking_refs: &'b [String],
    #[serde(flatten)]
    body: Body<'b>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'b> {
    Marking {
        name: &'static str,
        definition_type: &'static str,
        definition: Statement<'b>,
    },
    Identity {
        name: &'b str,
        identity_class: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'b str>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        x_dossier_aliases: &'b [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        external_references: &'b [Reference<'b>],
    },
    IntrusionSet {
        name: &'b str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'b str>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        aliases: &'b [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        external_references: &'b [Reference<'b>],
    },
    Location {
        name: &'b str,
        country: &'b str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'b str>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        external_references: &'b [Reference<'b>],
    },
    Report {
        name: &'b str,
        description: &'b str,
        report_types: [&'static str; 1],
        published: &'b str,
        object_refs: &'b BTreeSet<String>,
        external_references: &'b [Reference<'b>],
    },
    Relationship {
        relationship_type: &'static str,
        source_ref: &'b str,
        target_ref: &'b str,
        x_dossier_kind: &'static str,
        /// The claim's stable id; its page is in the external references of its note.
        x_dossier_claim: &'b str,
    },
    Note {
        content: &'b str,
        authors: [&'b str; 1],
        object_refs: &'b [String],
        external_references: &'b [Reference<'b>],
    },
    Opinion {
        opinion: &'static str,
        explanation: &'b str,
        authors: &'b [&'b str],
        object_refs: &'b [String],
        external_references: &'b [Reference<'b>],
    },
}

#[derive(Serialize)]
struct Statement<'b> {
    statement: &'b str,
}

#[derive(Serialize)]
struct Reference<'b> {
    source_name: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<&'b str>,
}

/// The STIX id of every actor's and country's object and the key its ids are made from
/// (`actor:apt32`), made once: each is named by every claim and report it is in.
struct PartyIds {
    actors: Vec<PartyId>,
    countries: Vec<PartyId>,
}

struct PartyId {
    key: String,
    stix: String,
}

impl PartyIds {
    fn new(archive: &Archive) -> PartyIds {
        let actors = archive.actors.iter().map(|actor| PartyId::new(actor_type(actor.kind), "actor:", &actor.id));
        let countries = archive.countries.iter().map(|country| PartyId::new("location", "country:", &country.id));
        PartyIds { actors: actors.collect(), countries: countries.collect() }
    }

    fn of(&self, party: Party) -> &PartyId {
        match party {
            Party::Actor(id) => &self.actors[id.index()],
            Party::Country(id) => &self.countries[id.index()],
        }
    }
}

impl PartyId {
    fn new(kind: &str, what: &str, id: &str) -> PartyId {
        let key = format!("{what}{id}");
        PartyId { stix: stix_id(kind, &[&key]), key }
    }
}

/// `data/stix-bundle.json`.
pub fn bundle(archive: &Archive) -> OutputFile {
    let marking = archive.config.data_license.as_ref().map(|license| stix_id(MARKING, &["license:", license]));
    let objects = Objects { archive, marking };
    let bundle = Bundle { kind: "bundle", id: stix_id("bundle", &[&archive.config.title]), objects };
    OutputFile { path: urls::DATA_STIX.to_owned(), bytes: super::to_json(&bundle) }
}

/// The bundle's objects, serialised as they are made: the bundle is never held as objects.
struct Objects<'a> {
    archive: &'a Archive,
    /// The id of the licence's marking definition, when the site has a `data_license`.
    marking: Option<String>,
}

impl Serialize for Objects<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let archive = self.archive;
        let marking = self.marking.as_slice();
        let parties = PartyIds::new(archive);
        let sources: BTreeSet<&str> = archive.articles.iter().map(|article| article.source.as_str()).collect();
        let source_ids = sources.into_iter().map(|source| (source, source_id(source))).collect();
        let seq = serializer.serialize_seq(None)?;
        let mut builder = Builder { archive, parties: &parties, source_ids: &source_ids, marking, seq };
        builder.license()?;
        builder.sources()?;
        builder.actors()?;
        builder.countries()?;
        for index in 0..archive.articles.len() {
            builder.article(ArticleId(index as u32))?;
        }
        builder.seq.end()
    }
}

/// Makes the bundle's objects into `seq`, with what every object shares.
struct Builder<'a, Seq> {
    archive: &'a Archive,
    parties: &'a PartyIds,
    /// The STIX id of each source's identity, made once: each is in the report of every article
    /// it published.
    source_ids: &'a BTreeMap<&'a str, String>,
    /// Every object's `object_marking_refs`.
    marking: &'a [String],
    seq: Seq,
}

impl<Seq: SerializeSeq> Builder<'_, Seq> {
    fn push(
        &mut self,
        kind: &'static str,
        id: &str,
        (created, modified): (&str, &str),
        body: Body,
    ) -> Result<(), Seq::Error> {
        let object_marking_refs = if kind == MARKING { &[] } else { self.marking };
        let modified = (kind != MARKING).then_some(modified);
        let object = Object { kind, spec_version: SPEC_VERSION, id, created, modified, object_marking_refs, body };
        self.seq.serialize_element(&object)
    }

    /// A reference to the page at `path` (with its stable id), absolute when the site has a
    /// `base_url`.
    fn page<'b>(&self, path: &str, stable_id: &'b str) -> Reference<'b> {
        let url = self.archive.config.base_url.is_some().then(|| page_url(self.archive, path));
        Reference { source_name: SOURCE_NAME, url, external_id: Some(stable_id) }
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

    fn license(&mut self) -> Result<(), Seq::Error> {
        let (Some(license), [id]) = (&self.archive.config.data_license, self.marking) else { return Ok(()) };
        let body = Body::Marking {
            name: "data_license",
            definition_type: "statement",
            definition: Statement { statement: license },
        };
        self.push(MARKING, id, (MARKING_CREATED, MARKING_CREATED), body)
    }

    /// An identity for each source, in the order of their names.
    fn sources(&mut self) -> Result<(), Seq::Error> {
        let mut sources: BTreeMap<&str, Vec<ArticleId>> = BTreeMap::new();
        for (index, article) in self.archive.articles.iter().enumerate() {
            sources.entry(&article.source).or_default().push(ArticleId(index as u32));
        }
        for (source, articles) in sources {
            let body = Body::Identity {
                name: source,
                identity_class: "organization",
                description: None,
                x_dossier_aliases: &[],
                external_references: &[],
            };
            let (created, modified) = self.span(&articles);
            self.push("identity", &self.source_ids[source], (&created, &modified), body)?;
        }
        Ok(())
    }

    fn actors(&mut self) -> Result<(), Seq::Error> {
        let (archive, parties) = (self.archive, self.parties);
        for (index, actor) in archive.actors.iter().enumerate() {
            let (name, description, aliases) =
                (actor.name.as_str(), actor.description.as_deref(), actor.aliases.as_slice());
            let external_references = &[self.page(&urls::actor(&actor.id), &actor.id)];
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
            let (created, modified) = self.span(&actor.articles);
            let id = &parties.of(Party::Actor(ActorId(index as u32))).stix;
            self.push(actor_type(actor.kind), id, (&created, &modified), body)?;
        }
        Ok(())
    }

    fn countries(&mut self) -> Result<(), Seq::Error> {
        let (archive, parties) = (self.archive, self.parties);
        for (index, country) in archive.countries.iter().enumerate() {
            let code = country.id.to_uppercase();
            let body = Body::Location {
                name: &country.name,
                country: &code,
                description: country.description.as_deref(),
                external_references: &[self.page(&urls::country(&country.id), &country.id)],
            };
            let (created, modified) = self.span(&country.articles);
            let id = &parties.of(Party::Country(CountryId(index as u32))).stix;
            self.push("location", id, (&created, &modified), body)?;
        }
        Ok(())
    }

    /// The article's report, after the relationships, notes and opinions of its claims.
    fn article(&mut self, id: ArticleId) -> Result<(), Seq::Error> {
        let archive = self.archive;
        let article = archive.article(id);
        let when = timestamp(article.date);
        let mut refs = BTreeSet::from([self.source_ids[article.source.as_str()].clone()]);
        let parties = article.actors.iter().map(|actor| Party::Actor(*actor));
        let parties = parties.chain(article.countries.iter().map(|country| Party::Country(*country)));
        refs.extend(parties.map(|party| self.parties.of(party).stix.clone()));
        for claim in &article.claims {
            refs.extend(self.claim(*claim, &when)?);
        }
        let mut external_references = vec![self.page(&urls::article(&article.slug), &article.slug)];
        if let Some(url) = &article.url {
            external_references.push(Reference {
                source_name: &article.source,
                url: Some(url.clone()),
                external_id: None,
            });
        }
        let body = Body::Report {
            name: &article.title,
            description: &article.summary,
            report_types: ["threat-report"],
            published: &when,
            object_refs: &refs,
            external_references: &external_references,
        };
        self.push("report", &stix_id("report", &["article:", &article.slug]), (&when, &when), body)
    }

    /// The objects of one claim; returns the ids of all that its report lists.
    fn claim(&mut self, id: ClaimId, when: &str) -> Result<Vec<String>, Seq::Error> {
        let archive = self.archive;
        let parties = self.parties;
        let claim = archive.claim(id);
        let stable = claim_id(archive, id);
        let page = claim_path(archive, id);
        let mut listed: Vec<String> =
            claim.by.iter().chain(&claim.target).map(|party| parties.of(*party).stix.clone()).collect();
        let claim_pairs = pairs(archive, id);
        let relationships = self.relationship_ids(&stable, &claim_pairs);
        for ((by, target), relationship) in claim_pairs.iter().zip(&relationships) {
            let body = Body::Relationship {
                relationship_type: if claim.kind.is_accusation() { "attributed-to" } else { "related-to" },
                source_ref: &parties.of(*by).stix,
                target_ref: &parties.of(*target).stix,
                x_dossier_kind: claim.kind.as_str(),
                x_dossier_claim: &stable,
            };
            self.push("relationship", relationship, (when, when), body)?;
        }
        let note = note_id(&stable);
        let body = Body::Note {
            content: &claim.quote,
            authors: [&archive.article(claim.article).source],
            object_refs: &relationships,
            external_references: &[self.page(&page, &stable)],
        };
        self.push("note", &note, (when, when), body)?;
        listed.extend(relationships);
        listed.push(note);
        if let Some(answered) = claim.responds_to.filter(|_| claim.kind == ClaimKind::Denies) {
            let answered_id = claim_id(archive, answered);
            let mut object_refs = self.relationship_ids(&answered_id, &pairs(archive, answered));
            object_refs.push(note_id(&answered_id));
            let opinion = stix_id("opinion", &["denial:", &stable]);
            let authors: Vec<&str> = claim.by.iter().map(|party| party_name(archive, *party)).collect();
            let body = Body::Opinion {
                opinion: "strongly-disagree",
                explanation: &claim.quote,
                authors: &authors,
                object_refs: &object_refs,
                external_references: &[self.page(&page, &stable)],
            };
            self.push("opinion", &opinion, (when, when), body)?;
            listed.push(opinion);
        }
        Ok(listed)
    }

    /// The ids of the relationships of the claim `stable`, one per pair of its parties.
    fn relationship_ids(&self, stable: &str, pairs: &[(Party, Party)]) -> Vec<String> {
        let key = |party| self.parties.of(party).key.as_str();
        let id = |&(by, target)| stix_id("relationship", &["claim:", stable, ":", key(by), ":", key(target)]);
        pairs.iter().map(id).collect()
    }
}

fn note_id(stable: &str) -> String {
    stix_id("note", &["quote:", stable])
}

fn source_id(source: &str) -> String {
    stix_id("identity", &["source:", source])
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
        let id = stix_id("intrusion-set", &["actor:", "apt32"]);
        assert_eq!(id, format!("intrusion-set--{}", Uuid::new_v5(&NAMESPACE, b"actor:apt32")));
        assert_eq!(id, stix_id("intrusion-set", &["actor:apt32"]));
        assert_ne!(id, stix_id("intrusion-set", &["actor:apt1"]));
    }

    #[test]
    fn timestamps_are_the_first_moment_of_a_date_to_the_millisecond() {
        assert_eq!(timestamp(PartialDate::parse("2021-07").unwrap()), "2021-07-01T00:00:00.000Z");
        assert_eq!(timestamp(PartialDate::parse("2013").unwrap()), "2013-01-01T00:00:00.000Z");
    }
}
