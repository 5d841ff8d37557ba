//! `data/archive.json`: the whole resolved archive in one file (articles without their text,
//! actors with their aliases, countries, claims with every field and their answers), and its JSON
//! Schema, `data/archive.schema.json`. The schema is a file of the repository
//! (`archive.schema.json` beside this module) embedded in the binary; the tests validate every
//! export against it, so a field added here without it fails them.

use serde::Serialize;

use super::record::{ActorRecord, ArticleRecord, ClaimRecord, CountryRecord};
use crate::file::OutputFile;
use crate::model::{Archive, ArticleId, ClaimId};
use crate::urls;

/// What `format` says, for a reader that finds the file on its own.
pub const FORMAT: &str = "dossier-archive";
/// Raised when a field changes meaning or is removed, here or in the per-entity files, which
/// carry the same version; adding a field keeps it. 2: the per-entity files name claims by their
/// essential fields rather than by full records.
pub const VERSION: u32 = 2;
const SCHEMA: &str = include_str!("archive.schema.json");

#[derive(Serialize)]
struct ArchiveExport<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    license: Option<&'a str>,
    articles: Vec<ArticleRecord<'a>>,
    actors: Vec<ActorRecord<'a>>,
    countries: Vec<CountryRecord<'a>>,
    claims: Vec<ClaimRecord<'a>>,
}

/// `data/archive.json`, in the archive's order (articles newest first, the rest by id).
pub fn json(archive: &Archive) -> OutputFile {
    let config = &archive.config;
    let articles = (0..archive.articles.len()).map(|index| ArticleId(index as u32));
    let claims = (0..archive.claims.len()).map(|index| ClaimId(index as u32));
    let export = ArchiveExport {
        format: FORMAT,
        version: VERSION,
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: config.base_url.as_deref(),
        license: config.data_license.as_deref(),
        articles: articles.map(|id| ArticleRecord::new(archive, id)).collect(),
        actors: archive.actors.iter().map(|actor| ActorRecord::new(archive, actor)).collect(),
        countries: archive.countries.iter().map(|country| CountryRecord::new(archive, country)).collect(),
        claims: claims.map(|id| ClaimRecord::new(archive, id)).collect(),
    };
    OutputFile { path: urls::DATA_ARCHIVE.to_owned(), bytes: super::to_json(&export) }
}

/// `data/archive.schema.json`, as the repository holds it.
pub fn schema(_: &Archive) -> OutputFile {
    OutputFile { path: urls::DATA_SCHEMA.to_owned(), bytes: SCHEMA.as_bytes().to_vec() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ACTOR_KINDS, BASES, CLAIM_KINDS};

    /// The vocabulary `property` of `definition` lists in the schema, without `null`.
    fn schema_words(definition: &str, property: &str) -> Vec<String> {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        let words = &schema["$defs"][definition]["properties"][property]["enum"];
        words.as_array().expect("an enum").iter().filter_map(|word| word.as_str().map(str::to_owned)).collect()
    }

    #[test]
    fn the_schemas_vocabularies_are_the_models() {
        let words = |rows: Vec<&str>| rows.into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(schema_words("claim", "kind"), words(CLAIM_KINDS.iter().map(|row| row.word).collect()));
        assert_eq!(schema_words("claim", "basis"), words(BASES.iter().map(|row| row.word).collect()));
        assert_eq!(schema_words("actor", "kind"), words(ACTOR_KINDS.iter().map(|row| row.word).collect()));
    }

    #[test]
    fn the_schema_names_the_format_and_version_written() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        assert_eq!(schema["properties"]["format"]["const"], FORMAT);
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
    }
}
