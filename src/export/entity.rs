//! `actors/<id>.json` and `countries/<code>.json`: one actor or country with its claims and
//! articles, for reuse lighter than the whole archive; linked from the entity's page. The
//! records are those of `data/archive.json`.

use rayon::prelude::*;
use serde::Serialize;

use super::record::{self, ActorRecord, ArticleRecord, ClaimRecord, CountryRecord};
use crate::file::OutputFile;
use crate::model::{Actor, Archive, Country};
use crate::urls;

/// What `format` says in an actor's file and in a country's.
pub const ACTOR_FORMAT: &str = "dossier-actor";
pub const COUNTRY_FORMAT: &str = "dossier-country";

#[derive(Serialize)]
struct ActorExport<'a> {
    format: &'static str,
    version: u32,
    license: Option<&'a str>,
    actor: ActorRecord<'a>,
    claims_made: Vec<ClaimRecord<'a>>,
    claims_received: Vec<ClaimRecord<'a>>,
    articles: Vec<ArticleRecord<'a>>,
}

#[derive(Serialize)]
struct CountryExport<'a> {
    format: &'static str,
    version: u32,
    license: Option<&'a str>,
    country: CountryRecord<'a>,
    /// Actors based in the country, groups excepted.
    actors: Vec<&'a str>,
    /// Groups alleged to be linked to the country.
    groups: Vec<&'a str>,
    claims_made: Vec<ClaimRecord<'a>>,
    claims_received: Vec<ClaimRecord<'a>>,
    articles: Vec<ArticleRecord<'a>>,
}

/// Every actor's file and every country's.
pub fn files(archive: &Archive) -> Vec<OutputFile> {
    let actors = archive.actors.par_iter().map(|actor| actor_file(archive, actor));
    let countries = archive.countries.par_iter().map(|country| country_file(archive, country));
    actors.chain(countries).collect()
}

fn actor_file(archive: &Archive, actor: &Actor) -> OutputFile {
    let export = ActorExport {
        format: ACTOR_FORMAT,
        version: super::archive::VERSION,
        license: archive.config.data_license.as_deref(),
        actor: ActorRecord::new(archive, actor),
        claims_made: record::claims(archive, &actor.claims_made),
        claims_received: record::claims(archive, &actor.claims_received),
        articles: record::articles(archive, &actor.articles),
    };
    OutputFile { path: urls::actor_json(&actor.id), bytes: super::to_json(&export) }
}

fn country_file(archive: &Archive, country: &Country) -> OutputFile {
    let ids = |actors: &[crate::model::ActorId]| actors.iter().map(|id| archive.actor(*id).id.as_str()).collect();
    let export = CountryExport {
        format: COUNTRY_FORMAT,
        version: super::archive::VERSION,
        license: archive.config.data_license.as_deref(),
        country: CountryRecord::new(archive, country),
        actors: ids(&country.actors),
        groups: ids(&country.groups),
        claims_made: record::claims(archive, &country.claims_made),
        claims_received: record::claims(archive, &country.claims_received),
        articles: record::articles(archive, &country.articles),
    };
    OutputFile { path: urls::country_json(&country.id), bytes: super::to_json(&export) }
}
