//! `actors/<id>.json` and `countries/<code>.json`: one actor or country with its claims and
//! articles, for reuse lighter than the whole archive; linked from the entity's page. The entity
//! and claim records are those of `data/archive.json`; articles are named by a short reference
//! (id, title, date, source, page), since an actor's articles are most of its file otherwise.

use rayon::prelude::*;
use serde::Serialize;

use super::record::{self, ActorRecord, ArticleRef, ClaimRecord, CountryRecord};
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
    claims_made: Vec<ClaimRecord<'a>>,
    claims_received: Vec<ClaimRecord<'a>>,
    articles: Vec<ArticleRef<'a>>,
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

/// Makes every actor's file and every country's, in parallel, and hands each to `sink`.
pub fn files(archive: &Archive, sink: &(dyn Fn(OutputFile) + Sync)) {
    archive.actors.par_iter().for_each(|actor| sink(actor_file(archive, actor)));
    archive.countries.par_iter().for_each(|country| sink(country_file(archive, country)));
}

fn actor_file(archive: &Archive, actor: &Actor) -> OutputFile {
    let part = ActorPart { actor: ActorRecord::new(archive, actor) };
    let lists =
        Lists { claims_made: &actor.claims_made, claims_received: &actor.claims_received, articles: &actor.articles };
    entity_file(archive, urls::actor_json(&actor.id), ACTOR_FORMAT, part, lists)
}

fn country_file(archive: &Archive, country: &Country) -> OutputFile {
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
    entity_file(archive, urls::country_json(&country.id), COUNTRY_FORMAT, part, lists)
}

fn entity_file(
    archive: &Archive,
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
        claims_made: record::claims(archive, lists.claims_made),
        claims_received: record::claims(archive, lists.claims_received),
        articles: lists.articles.iter().map(|id| ArticleRef::new(archive, *id)).collect(),
    };
    OutputFile { path, bytes: super::to_json(&export) }
}
