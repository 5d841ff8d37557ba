//! Inversion: from the fields of every article to one posting list per term, each posting with
//! its BM25F impact, quantized (see [`super::encode`]).
//!
//! The terms of a text are its folded words (`tac`), its exact words when they differ from the
//! folded form (`tặc`), and its folded bigrams, two words that stand next to each other (`tin tac`).
//! Filters add one list per actor (`#a:apt32`) and per country (`#c:vn`), without scores.
//!
//! BM25F sums the field-weighted, length-normalised term frequencies before saturating them, so a
//! word that appears in the title and the text is not counted as two separate matches. The score
//! of a term in a document is computed here, once, and the client only adds scores up. Lists of
//! very common terms keep their [`MAX_POSTINGS`] best postings: a query that matches most of the
//! archive does not need its weakest matches to rank the first page, and must stay small.

use std::collections::HashMap;

use rayon::prelude::*;

use super::encode::{self, IMPACT_LEVELS, Posting};
use super::fields::{FIELD_COUNT, Field, field_texts};
use super::tokenize::{Token, fold, tokens, word_count};
use crate::model::{Archive, Article};

/// BM25's term frequency saturation.
pub const K1: f64 = 1.2;
/// The longest posting list; longer ones keep their best postings.
pub const MAX_POSTINGS: usize = 4096;
/// Articles inverted together: each chunk builds partial lists, in parallel with the others.
const CHUNK: usize = 4096;
/// Terms are spread over this many partitions by a hash of their sort key, so that the lists of
/// the chunks are joined in parallel, and a word meets its spellings in one partition.
const PARTITIONS: usize = 64;
/// How many articles the average field lengths are measured on.
const LENGTH_SAMPLE: usize = 2000;

/// A term and its posting list, as written in a shard.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub term: String,
    /// How many documents contain the term (before any list was cut to [`MAX_POSTINGS`]).
    pub df: u32,
    /// The score of the best posting; a posting of impact `i` scores `i / 63 * scale`.
    pub scale: f64,
    /// The encoded list; empty for an exact word whose list equals its folded word's, because
    /// every occurrence of the folded word is spelled this way.
    pub postings: String,
}

/// Bigrams sort after this character, before every word (and every filter term, `#…`): a
/// prefix's words then stand together. It is printable, so JSON writes it as it is.
const BIGRAM_MARK: char = '!';

/// The order of terms in the index, then by the term itself: words by their folded form, so that
/// `tặc` sits next to `tac`; bigrams (`tin tac`) all before the words, so that the words
/// beginning with a prefix are not spread among the bigrams that begin with it.
pub fn sort_key(term: &str) -> String {
    if term.contains(' ') { format!("{BIGRAM_MARK}{term}") } else { fold(term) }
}

/// The terms of the filter lists of an actor and of a country.
fn actor_filter_term(id: &str) -> String {
    format!("#a:{id}")
}

fn country_filter_term(id: &str) -> String {
    format!("#c:{id}")
}

/// Every entry of the index of `archive`, sorted by [`sort_key`] then term.
pub fn entries(archive: &Archive) -> Vec<Entry> {
    let average_lengths = average_field_lengths(archive);
    let chunks: Vec<Vec<Lists>> = archive
        .articles
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(number, chunk)| invert_chunk(archive, chunk, number * CHUNK, &average_lengths))
        .collect();
    let mut partitions: Vec<Vec<Lists>> = (0..PARTITIONS).map(|_| Vec::with_capacity(chunks.len())).collect();
    for chunk in chunks {
        for (partition, lists) in partitions.iter_mut().zip(chunk) {
            partition.push(lists);
        }
    }
    let documents = archive.articles.len();
    let mut entries: Vec<Entry> =
        partitions.into_par_iter().flat_map_iter(|parts| scored_entries(&merge(parts), documents)).collect();
    entries.extend(filter_entries(archive));
    entries.par_sort_by_cached_key(|entry| (sort_key(&entry.term), entry.term.clone()));
    entries
}

/// Posting lists under construction: (document, BM25F pseudo-frequency), by term.
type Lists = HashMap<String, Vec<(u32, f32)>>;

/// The partition of a term, from its sort key: a word and its spellings share one.
fn partition(sort_key: &str) -> usize {
    (seahash::hash(sort_key.as_bytes()) % PARTITIONS as u64) as usize
}

/// The lists of the articles of one chunk, the first of which is document `first_doc`, by
/// partition.
fn invert_chunk(
    archive: &Archive,
    chunk: &[Article],
    first_doc: usize,
    average_lengths: &[f64; FIELD_COUNT],
) -> Vec<Lists> {
    let mut partitions: Vec<Lists> = (0..PARTITIONS).map(|_| Lists::new()).collect();
    for (offset, article) in chunk.iter().enumerate() {
        let doc = (first_doc + offset) as u32;
        let fields = analyse(&field_texts(archive, article));
        for (term, partition, frequency) in weighted_frequencies(&fields, average_lengths) {
            partitions[partition].entry(term).or_default().push((doc, frequency));
        }
    }
    partitions
}

/// One partition's lists of every chunk, joined in chunk order, which keeps them sorted by
/// document.
fn merge(parts: Vec<Lists>) -> Lists {
    let mut parts = parts.into_iter();
    let mut merged = parts.next().unwrap_or_default();
    for lists in parts {
        for (term, list) in lists {
            merged.entry(term).or_default().extend(list);
        }
    }
    merged
}

/// The entries of one partition's lists.
fn scored_entries(lists: &Lists, documents: usize) -> Vec<Entry> {
    lists
        .iter()
        .map(|(term, list)| {
            let folded = fold(term);
            let same_as_folded = folded != *term && lists.get(&folded) == Some(list);
            scored_entry(term, list, documents, same_as_folded)
        })
        .collect()
}

/// The words of each field of an article.
fn analyse(texts: &[Vec<&str>; FIELD_COUNT]) -> [Vec<Token>; FIELD_COUNT] {
    texts.each_ref().map(|values| values.iter().flat_map(|value| tokens(value)).collect())
}

/// The mean number of words of each field (at least 1), measured on up to [`LENGTH_SAMPLE`]
/// articles spread evenly over the archive: it only scales lengths, and a sample measures it
/// well for a fraction of the work.
fn average_field_lengths(archive: &Archive) -> [f64; FIELD_COUNT] {
    let step = archive.articles.len().div_ceil(LENGTH_SAMPLE).max(1);
    let sample: Vec<&Article> = archive.articles.iter().step_by(step).collect();
    let totals = sample
        .par_iter()
        .map(|article| {
            field_texts(archive, article)
                .map(|values| values.iter().map(|value| word_count(value)).sum::<usize>() as f64)
        })
        .reduce(|| [0.0; FIELD_COUNT], |a, b| std::array::from_fn(|field| a[field] + b[field]));
    let count = sample.len().max(1) as f64;
    totals.map(|total| (total / count).max(1.0))
}

/// The terms of one article with their partition and BM25F pseudo-frequency: the sum over
/// fields of the field's weight times the term's count, normalised by the field's length. Each
/// occurrence of a word counts for its folded form, for its exact form when it has diacritics,
/// and for the folded bigram with the word before when they form a phrase.
fn weighted_frequencies(
    fields: &[Vec<Token>; FIELD_COUNT],
    average_lengths: &[f64; FIELD_COUNT],
) -> Vec<(String, usize, f32)> {
    // Words map to their frequency and their folded form, which is their sort key.
    let mut words: HashMap<&str, (f32, &str)> = HashMap::new();
    let mut bigrams: HashMap<(&str, &str), f32> = HashMap::new();
    for (field, tokens) in Field::ALL.iter().zip(fields) {
        let b = field.length_normalisation();
        let length_ratio = tokens.len() as f64 / average_lengths[*field as usize];
        let occurrence = (field.weight() / (1.0 - b + b * length_ratio)) as f32;
        for (index, token) in tokens.iter().enumerate() {
            words.entry(&token.folded).or_insert((0.0, &token.folded)).0 += occurrence;
            if token.has_diacritics() {
                words.entry(&token.exact).or_insert((0.0, &token.folded)).0 += occurrence;
            }
            if token.follows_previous && index > 0 {
                *bigrams.entry((&tokens[index - 1].folded, &token.folded)).or_default() += occurrence;
            }
        }
    }
    let words = words.into_iter().map(|(word, (frequency, key))| (word.to_owned(), partition(key), frequency));
    let bigrams = bigrams.into_iter().map(|((first, second), frequency)| {
        let bigram = format!("{first} {second}");
        let partition = partition(&bigram);
        (bigram, partition, frequency)
    });
    words.chain(bigrams).collect()
}

/// BM25's inverse document frequency, never negative.
fn idf(documents: usize, document_frequency: usize) -> f64 {
    let (n, df) = (documents as f64, document_frequency as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25's saturation of a (pseudo-)frequency: grows with it, but never past `K1 + 1`.
fn saturate(frequency: f64) -> f64 {
    frequency * (K1 + 1.0) / (frequency + K1)
}

/// The entry of `term` from its list of (document, pseudo-frequency), sorted by document.
fn scored_entry(term: &str, list: &[(u32, f32)], documents: usize, same_as_folded: bool) -> Entry {
    let idf = idf(documents, list.len());
    let mut scored: Vec<(u32, f64)> =
        list.iter().map(|&(doc, frequency)| (doc, saturate(f64::from(frequency)) * idf)).collect();
    if scored.len() > MAX_POSTINGS {
        scored.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(MAX_POSTINGS);
        scored.sort_unstable_by_key(|&(doc, _)| doc);
    }
    let best = scored.iter().map(|&(_, score)| score).fold(0.0, f64::max);
    let postings = if same_as_folded { String::new() } else { encode::encode(&quantize(&scored, best)) };
    Entry { term: term.to_owned(), df: list.len() as u32, scale: round_scale(best), postings }
}

/// Impacts from 1 to 63, in proportion to the best score of the list.
fn quantize(scored: &[(u32, f64)], best: f64) -> Vec<Posting> {
    let levels = f64::from(IMPACT_LEVELS);
    scored
        .iter()
        .map(|&(doc, score)| {
            let impact = if best > 0.0 { (score / best * levels).round().clamp(1.0, levels) } else { 1.0 };
            Posting { doc, impact: impact as u8 }
        })
        .collect()
}

/// Scales are written with four decimals: enough to rank, and short.
fn round_scale(scale: f64) -> f64 {
    (scale * 10_000.0).round() / 10_000.0
}

/// One list per actor and per country: the articles that name it, for the filters.
fn filter_entries(archive: &Archive) -> Vec<Entry> {
    let mut actor_docs: Vec<Vec<u32>> = vec![Vec::new(); archive.actors.len()];
    let mut country_docs: Vec<Vec<u32>> = vec![Vec::new(); archive.countries.len()];
    for (doc, article) in archive.articles.iter().enumerate() {
        for actor in &article.actors {
            actor_docs[actor.index()].push(doc as u32);
        }
        for country in &article.countries {
            country_docs[country.index()].push(doc as u32);
        }
    }
    let actors = archive.actors.iter().zip(actor_docs).map(|(actor, docs)| (actor_filter_term(&actor.id), docs));
    let countries =
        archive.countries.iter().zip(country_docs).map(|(country, docs)| (country_filter_term(&country.id), docs));
    actors
        .chain(countries)
        .filter(|(_, docs)| !docs.is_empty())
        .map(|(term, docs)| {
            let postings: Vec<Posting> = docs.iter().map(|&doc| Posting { doc, impact: IMPACT_LEVELS }).collect();
            Entry { term, df: docs.len() as u32, scale: 0.0, postings: encode::encode(&postings) }
        })
        .collect()
}
