//! The ranking, defined once: every constant that decides the order of results. The build scores
//! postings with the field weights and [`K1`]; a query adds those scores up with [`RANKING`]. The
//! client, `static/search.js`, has none of these numbers: the build writes them into the manifest
//! (`fields`, `scoring`, `ranking`) and the client reads them from there, so a new ranking rule
//! is made here, in [`super::query`] (the reference implementation) and in the client's code,
//! and `tests/ranking_parity.rs` fails when the two rank differently.

use serde::Serialize;

use super::encode::IMPACT_LEVELS;
use super::fields::Field;
use super::invert::MAX_POSTINGS;
use super::tokenize::MAX_TOKEN_CHARS;

/// BM25's term frequency saturation.
pub const K1: f64 = 1.2;

/// How many results a search shows at first, and shows more by; the build measures what a
/// typical search downloads with this many.
pub const FIRST_PAGE: usize = 10;

/// What one field is worth in BM25F.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FieldWeight {
    pub name: &'static str,
    /// How much one occurrence in this field counts, relative to the body.
    pub weight: f64,
    /// Length normalisation: 0 ignores the field's length, 1 divides by it.
    pub b: f64,
}

/// The weight of `field`. Names and tags are lists, where more entries do not dilute any one of
/// them much, hence their low `b`.
pub fn field_weight(field: Field) -> FieldWeight {
    let (weight, b) = match field {
        Field::Title => (5.0, 0.5),
        Field::Names => (3.5, 0.3),
        Field::Tags => (2.5, 0.3),
        Field::Claims => (1.5, 0.6),
        Field::Body => (1.0, 0.75),
        // A page named by the query is the result a reader who types a name looks for: above an
        // article that has the name in its title and text. Not normalised by length (articles do
        // not have the field, so it has no average), so a group with many aliases loses nothing.
        Field::PageNames => (30.0, 0.0),
    };
    FieldWeight { name: field.name(), weight, b }
}

/// How the postings were scored (informative for the client: scores are precomputed).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Scoring {
    pub model: &'static str,
    pub k1: f64,
    /// A posting of impact `i` scores `i / impact_levels * scale`.
    pub impact_levels: u8,
    /// The longest posting list; longer ones keep their best postings.
    pub max_postings: usize,
}

pub const SCORING: Scoring =
    Scoring { model: "bm25f", k1: K1, impact_levels: IMPACT_LEVELS, max_postings: MAX_POSTINGS };

/// How a query adds the scores up: what [`super::query`] ranks with, and what the client reads
/// from the manifest's `ranking`.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Ranking {
    /// What a document that spells a word differently from the query keeps of its score.
    pub exact_miss_weight: f64,
    /// What a word that merely begins with the last query word is worth.
    pub prefix_weight: f64,
    /// The weight of an adjacent pair of query words found together.
    pub phrase_weight: f64,
    /// The last word is a prefix only from this many characters on.
    pub min_prefix_chars: usize,
    /// How many shards the words beginning with a prefix may be looked for in.
    pub max_prefix_shards: usize,
    /// How many words beginning with a prefix are used, the most frequent first.
    pub max_expansions: usize,
    /// Longer words are not indexed, so a query drops them too.
    pub max_token_chars: usize,
    /// What a word found by correcting a query word is worth, relative to the word itself: below
    /// `prefix_weight`, so that corrections rank below exact and prefix matches.
    pub typo_weight: f64,
    /// A query word that matches nothing is corrected from this many letters on.
    pub min_typo_chars: usize,
    /// A word found in at most this many documents is rare: a query word whose every match is
    /// rare is corrected too, its own matches ranking first.
    pub rare_df: u32,
    /// A correction is found in more than this many times as many documents as the word it
    /// corrects (any number, for a word that matches nothing).
    pub correction_df_ratio: u32,
    /// How many results are shown at first, and how many more at a time.
    pub page_size: usize,
}

pub const RANKING: Ranking = Ranking {
    exact_miss_weight: 0.3,
    prefix_weight: 0.8,
    phrase_weight: 1.0,
    min_prefix_chars: 2,
    max_prefix_shards: 3,
    max_expansions: 16,
    max_token_chars: MAX_TOKEN_CHARS,
    typo_weight: 0.5,
    min_typo_chars: 5,
    rare_df: 2,
    correction_df_ratio: 10,
    page_size: FIRST_PAGE,
};
