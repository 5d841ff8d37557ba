//! `actors/<id>.json` and `countries/<code>.json`: one actor or country with its claims and
//! articles, for reuse lighter than the whole archive; linked from the entity's page. The entity
//! records are those of `data/archive.json`; claims and articles are named by short references
//! (a claim's essential fields, an article's id, title, date, source and page), the rest being
//! in `data/archive.json` under the same ids. A claim is in the file of each of its parties and
//! an article in each of its entities', so each reference is serialised once and its bytes
//! reused in every file that lists it.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

use super::record::{ActorRecord, ArticleRef, ClaimRef, CountryRecord};
use crate::file::OutputFile;
use crate::model::{Actor, ActorId, Archive, ArticleId, ClaimId, Country};
use crate::urls;

/// What `format` says in an actor's file and in a country's.
pub const ACTOR_FORMAT: &str = "dossier-actor";
pub const COUNTRY_FORMAT: &str = "dossier-country";

/// One entity's file: what every entity's has around what is its own (`entity`, flattened).
#[derive(Serialize)]
struct EntityExport<'a, E: Serialize> {
    format: &'static str,
    version: u32,
    license: Option<&'a str>,
    #[serde(flatten)]
    entity: E,
    claims_made: Vec<&'a RawValue>,
    claims_received: Vec<&'a RawValue>,
    articles: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct ActorPart<'a> {
    actor: ActorRecord<'a>,
}

#[derive(Serialize)]
struct CountryPart<'a> {
    country: CountryRecord<'a>,
    /// Actors based in the country, groups excepted.
    actors: Vec<&'a str>,
    /// Groups alleged to be linked to the country.
    groups: Vec<&'a str>,
}

/// The claims an entity makes and receives and its articles.
struct Lists<'a> {
    claims_made: &'a [ClaimId],
    claims_received: &'a [ClaimId],
    articles: &'a [ArticleId],
}

/// Every claim's reference and every article's, serialised, by id.
struct References {
    claims: Vec<Box<RawValue>>,
    articles: Vec<Box<RawValue>>,
}

impl References {
    fn new(archive: &Archive) -> References {
        let (claims, articles) = rayon::join(
            || {
                let ids = (0..archive.claims.len()).into_par_iter().map(|index| ClaimId(index as u32));
                ids.map(|id| super::to_raw_json(&ClaimRef::new(archive, id))).collect()
            },
            || {
                let ids = (0..archive.articles.len()).into_par_iter().map(|index| ArticleId(index as u32));
                ids.map(|id| super::to_raw_json(&ArticleRef::new(archive, id))).collect()
            },
        );
        References { claims, articles }
    }

    fn claims(&self, ids: &[ClaimId]) -> Vec<&RawValue> {
        ids.iter().map(|id| &*self.claims[id.index()]).collect()
    }

    fn articles(&self, ids: &[ArticleId]) -> Vec<&RawValue> {
        ids.iter().map(|id| &*self.articles[id.index()]).collect()
    }
}

/// Makes every actor's file and every country's, in parallel, and hands each to `sink`.
pub fn files(archive: &Archive, sink: &(dyn Fn(OutputFile) + Sync)) {
    let references = References::new(archive);
    archive.actors.par_iter().for_each(|actor| sink(actor_file(archive, &references, actor)));
    archive.countries.par_iter().for_each(|country| sink(country_file(archive, &references, country)));
}

fn actor_file(archive: &Archive, references: &References, actor: &Actor) -> OutputFile {
    let part = ActorPart { actor: ActorRecord::new(archive, actor) };
    let lists =
        Lists { claims_made: &actor.claims_made, claims_received: &actor.claims_received, articles: &actor.articles };
    entity_file(archive, references, urls::actor_json(&actor.id), ACTOR_FORMAT, part, lists)
}

fn country_file(archive: &Archive, references: &References, country: &Country) -> OutputFile {
    let ids = |actors: &[ActorId]| actors.iter().map(|id| archive.actor(*id).id.as_str()).collect();
    let part = CountryPart {
        country: CountryRecord::new(archive, country),
        actors: ids(&country.actors),
        groups: ids(&country.groups),
    };
    let lists = Lists {
        claims_made: &country.claims_made,
        claims_received: &country.claims_received,
        articles: &country.articles,
    };
    entity_file(archive, references, urls::country_json(&country.id), COUNTRY_FORMAT, part, lists)
}

fn entity_file(
    archive: &Archive,
    references: &References,
    path: String,
    format: &'static str,
    entity: impl Serialize,
    lists: Lists,
) -> OutputFile {
    let export = EntityExport {
        format,
        version: super::archive::VERSION,
        license: archive.config.data_license.as_deref(),
        entity,
        claims_made: references.claims(lists.claims_made),
        claims_received: references.claims(lists.claims_received),
        articles: references.articles(lists.articles),
    };
    OutputFile { path, bytes: super::to_json(&export) }
}
