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
//!
//! The work is done in three parallel passes, so that both cores stay busy and no string is made
//! per occurrence:
//!
//! 1. chunks of documents (articles, then actors and countries) are tokenized; each chunk numbers its own words and bigrams (a bigram is a
//!    pair of word numbers) and lists the postings of each;
//! 2. the chunks' words are merged into global numbers, spread over partitions by their folded
//!    form (so a word meets its spellings in one partition), then the bigrams, as pairs of global
//!    word numbers, the same way;
//! 3. each partition joins the postings of its terms, chunk after chunk (which keeps them sorted
//!    by document), and scores them.

use serde::Serialize;
use std::borrow::Cow;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::encode::{self, IMPACT_LEVELS, Posting};
use super::fields::{FIELD_COUNT, Field, FieldTexts, Source, field_texts, sources};
use super::ranking::{FieldWeight, K1, field_weight};
use super::tokenize::{Tokenizer, fold, normalize};
use crate::model::{Archive, ArticleId};

/// The longest posting list; longer ones keep their best postings.
pub const MAX_POSTINGS: usize = 4096;
/// Terms are spread over `1 << PARTITION_BITS` partitions, merged and scored in parallel.
const PARTITION_BITS: u32 = 6;
const PARTITIONS: usize = 1 << PARTITION_BITS;
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
    /// The folded form, when the term is a word whose folded form differs from it.
    folded: Option<Box<str>>,
}

impl Entry {
    /// What entries are sorted and grouped by: [`sort_key`] without making it. Bigrams (`false`)
    /// come first, by themselves; then words and filter terms by their folded form.
    pub fn sort_order(&self) -> (bool, &str) {
        (!is_bigram(&self.term), self.folded.as_deref().unwrap_or(&self.term))
    }

    /// A folded word found in `df` documents, with an empty list: for tests of what is made of
    /// the vocabulary.
    #[cfg(test)]
    pub fn folded_word(term: &str, df: u32) -> Entry {
        Entry { term: term.to_owned(), df, scale: 0.0, postings: String::new(), folded: None }
    }
}

/// How the index spells the keys that are not words; the manifest ships them (`keys`), so the
/// client spells none of them itself.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Keys {
    /// Bigrams sort after this, before every word (and every filter term, `#…`): a prefix's
    /// words then stand together. It is printable, so JSON writes it as it is.
    pub bigram_mark: &'static str,
    /// The term of the list of an actor's documents is this and its id (`#a:apt32`).
    pub actor_filter: &'static str,
    /// The term of the list of a country's documents is this and its code (`#c:vn`).
    pub country_filter: &'static str,
}

pub const KEYS: Keys = Keys { bigram_mark: "!", actor_filter: "#a:", country_filter: "#c:" };

fn is_bigram(term: &str) -> bool {
    term.contains(' ')
}

/// The order of terms in the index, then by the term itself: words by their folded form, so that
/// `tặc` sits next to `tac`; bigrams (`tin tac`) all before the words, so that the words
/// beginning with a prefix are not spread among the bigrams that begin with it.
pub fn sort_key(term: &str) -> String {
    if is_bigram(term) { format!("{}{term}", KEYS.bigram_mark) } else { fold(term) }
}

/// Every entry of the index of `archive`, sorted by [`sort_key`] then term.
pub fn entries(archive: &Archive) -> Vec<Entry> {
    let average_lengths = average_field_lengths(archive);
    // Several chunks per thread, for balance; the index does not depend on their size.
    let sources = sources(archive);
    let chunk_size = (sources.len() / (8 * rayon::current_num_threads())).clamp(16, 1024);
    let chunks: Vec<Chunk> = sources
        .par_chunks(chunk_size)
        .enumerate()
        .map(|(number, sources)| {
            let mut builder = ChunkBuilder::new(&average_lengths);
            for (offset, source) in sources.iter().enumerate() {
                builder.add(archive, *source, (number * chunk_size + offset) as u32);
            }
            builder.finish()
        })
        .collect();
    let words: Vec<Partition<&str>> =
        (0..PARTITIONS).into_par_iter().map(|partition| merge_words(&chunks, partition)).collect();
    let word_texts: Vec<&str> = words.iter().flat_map(|partition| partition.terms.iter().copied()).collect();
    let bigrams = merge_bigrams(&chunks, &words);
    let documents = sources.len();
    let word_entries = words.par_iter().flat_map_iter(|partition| {
        partition.entries(&chunks, documents, |index| partition.terms[index].to_owned(), |_, local| local)
    });
    let bigram_entries = bigrams.par_iter().flat_map_iter(|partition| {
        let term = |index: usize| {
            let (first, second) = partition.terms[index];
            format!("{} {}", word_texts[first as usize], word_texts[second as usize])
        };
        partition.entries(&chunks, documents, term, |chunk: &Chunk, local| chunk.words.len() + local)
    });
    let (mut entries, mut words): (Vec<Entry>, Vec<Entry>) = rayon::join(
        || bigram_entries.collect(),
        || word_entries.chain(filter_entries(archive).into_par_iter()).collect(),
    );
    // Bigrams sort before every word, so the two are sorted apart and joined.
    entries.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    words.par_sort_unstable_by(|a, b| a.sort_order().cmp(&b.sort_order()).then_with(|| a.term.cmp(&b.term)));
    entries.append(&mut words);
    entries
}

/// The mean number of words of each field (at least 1), measured on up to [`LENGTH_SAMPLE`]
/// articles spread evenly over the archive: it only scales lengths, and a sample measures it
/// well for a fraction of the work.
fn average_field_lengths(archive: &Archive) -> [f64; FIELD_COUNT] {
    let step = archive.articles.len().div_ceil(LENGTH_SAMPLE).max(1);
    let sample: Vec<Source> =
        (0..archive.articles.len()).step_by(step).map(|index| Source::Article(ArticleId(index as u32))).collect();
    let totals = sample
        .par_iter()
        .map_init(Tokenizer::default, |tokenizer, source| {
            field_texts(archive, *source)
                .map(|values| values.iter().map(|value| tokenizer.count(value)).sum::<usize>() as f64)
        })
        .reduce(|| [0.0; FIELD_COUNT], |a, b| std::array::from_fn(|field| a[field] + b[field]));
    let count = sample.len().max(1) as f64;
    totals.map(|total| (total / count).max(1.0))
}

/// The partition of a key: a word's folded form, or a bigram's pair of word numbers.
fn partition_of(key: impl std::hash::Hash) -> usize {
    (FxBuildHasher.hash_one(key) >> (u64::BITS - PARTITION_BITS)) as usize
}

/// The terms of a chunk of articles, numbered in the chunk, and their postings.
struct Chunk {
    /// Word number → the word, exact or folded.
    words: Vec<Box<str>>,
    /// Word number → the number of its folded form (its own, for a folded word).
    folded: Vec<u32>,
    /// Bigram number → the numbers of its two (folded) words.
    bigrams: Vec<(u32, u32)>,
    /// The postings of term `t` (word `t`, or bigram `t - words.len()`) are
    /// `postings[starts[t]..starts[t + 1]]`, by document.
    starts: Vec<u32>,
    postings: Vec<(u32, f32)>,
    /// The word numbers of each partition.
    partitions: Vec<Vec<u32>>,
}

impl Chunk {
    fn postings(&self, term: usize) -> &[(u32, f32)] {
        &self.postings[self.starts[term] as usize..self.starts[term + 1] as usize]
    }
}

/// Bigram numbers carry this bit in [`ChunkBuilder::occurrences`], to tell them from words.
const BIGRAM_BIT: u32 = 1 << 31;

/// Inverts the articles of one chunk, one after the other.
struct ChunkBuilder<'a> {
    average_lengths: &'a [f64; FIELD_COUNT],
    tokenizer: Tokenizer,
    /// Each word met, as written and in its exact form, to its number.
    word_numbers: FxHashMap<Box<str>, u32>,
    /// Word number → exact form, and the number of its folded form.
    words: Vec<Box<str>>,
    folded: Vec<u32>,
    bigram_numbers: FxHashMap<(u32, u32), u32>,
    bigrams: Vec<(u32, u32)>,
    /// The pseudo-frequency of each word and bigram in the article being added, and which are
    /// not zero.
    word_frequencies: Vec<f32>,
    bigram_frequencies: Vec<f32>,
    touched: Vec<u32>,
    /// The words of the field being added: (word number, whether it follows the previous).
    field: Vec<(u32, bool)>,
    /// (term, document, pseudo-frequency) of every article added.
    occurrences: Vec<(u32, u32, f32)>,
}

impl<'a> ChunkBuilder<'a> {
    fn new(average_lengths: &'a [f64; FIELD_COUNT]) -> ChunkBuilder<'a> {
        ChunkBuilder {
            average_lengths,
            tokenizer: Tokenizer::default(),
            word_numbers: FxHashMap::default(),
            words: Vec::new(),
            folded: Vec::new(),
            bigram_numbers: FxHashMap::default(),
            bigrams: Vec::new(),
            word_frequencies: Vec::new(),
            bigram_frequencies: Vec::new(),
            touched: Vec::new(),
            field: Vec::new(),
            occurrences: Vec::new(),
        }
    }

    /// Adds the terms of `source`, document `doc`, with their BM25F pseudo-frequency: the sum
    /// over fields of the field's weight times the term's count, normalised by the field's
    /// length. Each occurrence of a word counts for its folded form, for its exact form when it
    /// has diacritics, and for the folded bigram with the word before when they form a phrase.
    fn add(&mut self, archive: &Archive, source: Source, doc: u32) {
        let texts: FieldTexts = field_texts(archive, source);
        for (field, values) in Field::ALL.iter().zip(&texts) {
            self.field.clear();
            for value in values {
                let (numbers, words, folded, frequencies, field) = (
                    &mut self.word_numbers,
                    &mut self.words,
                    &mut self.folded,
                    &mut self.word_frequencies,
                    &mut self.field,
                );
                self.tokenizer.words_as_written(value, |word, follows| {
                    field.push((word_number(numbers, words, folded, frequencies, word), follows));
                });
            }
            let FieldWeight { weight, b, .. } = field_weight(*field);
            let length_ratio = self.field.len() as f64 / self.average_lengths[*field as usize];
            let occurrence = (weight / (1.0 - b + b * length_ratio)) as f32;
            for index in 0..self.field.len() {
                let (word, follows) = self.field[index];
                let folded = self.folded[word as usize];
                self.count(folded, occurrence);
                if word != folded {
                    self.count(word, occurrence);
                }
                if follows && index > 0 {
                    let previous = self.folded[self.field[index - 1].0 as usize];
                    let bigram = self.bigram_number(previous, folded);
                    self.count(bigram | BIGRAM_BIT, occurrence);
                }
            }
        }
        for term in self.touched.drain(..) {
            let frequency = match term & BIGRAM_BIT {
                0 => &mut self.word_frequencies[term as usize],
                _ => &mut self.bigram_frequencies[(term & !BIGRAM_BIT) as usize],
            };
            self.occurrences.push((term, doc, std::mem::take(frequency)));
        }
    }

    fn count(&mut self, term: u32, occurrence: f32) {
        let frequency = match term & BIGRAM_BIT {
            0 => &mut self.word_frequencies[term as usize],
            _ => &mut self.bigram_frequencies[(term & !BIGRAM_BIT) as usize],
        };
        if *frequency == 0.0 {
            self.touched.push(term);
        }
        *frequency += occurrence;
    }

    fn bigram_number(&mut self, first: u32, second: u32) -> u32 {
        let next = self.bigrams.len() as u32;
        let number = *self.bigram_numbers.entry((first, second)).or_insert(next);
        if number == next {
            self.bigrams.push((first, second));
            self.bigram_frequencies.push(0.0);
        }
        number
    }

    /// The chunk: its words by number, and its postings grouped by term.
    fn finish(self) -> Chunk {
        let words = self.words;
        let term_of = |term: u32| match term & BIGRAM_BIT {
            0 => term as usize,
            _ => words.len() + (term & !BIGRAM_BIT) as usize,
        };
        let mut starts = vec![0u32; words.len() + self.bigrams.len() + 1];
        for &(term, _, _) in &self.occurrences {
            starts[term_of(term) + 1] += 1;
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let mut next = starts.clone();
        let mut postings = vec![(0, 0.0); self.occurrences.len()];
        for (term, doc, frequency) in self.occurrences {
            let slot = &mut next[term_of(term)];
            postings[*slot as usize] = (doc, frequency);
            *slot += 1;
        }
        let mut partitions = vec![Vec::new(); PARTITIONS];
        for (number, &folded) in self.folded.iter().enumerate() {
            partitions[partition_of(&*words[folded as usize])].push(number as u32);
        }
        Chunk { words, folded: self.folded, bigrams: self.bigrams, starts, postings, partitions }
    }
}

/// The number of the word written `written` in a chunk, numbering its exact form (and its folded
/// form) if it is new.
fn word_number(
    numbers: &mut FxHashMap<Box<str>, u32>,
    words: &mut Vec<Box<str>>,
    folded: &mut Vec<u32>,
    frequencies: &mut Vec<f32>,
    written: &str,
) -> u32 {
    if let Some(&number) = numbers.get(written) {
        return number;
    }
    let exact = normalize(written);
    let number = match numbers.get(exact.as_str()) {
        Some(&number) => number,
        None => {
            let folded_form = if exact.is_ascii() { None } else { Some(fold(&exact)).filter(|form| *form != exact) };
            let folded_number = folded_form.map(|form| word_number(numbers, words, folded, frequencies, &form));
            let number = words.len() as u32;
            words.push(exact.as_str().into());
            folded.push(folded_number.unwrap_or(number));
            frequencies.push(0.0);
            numbers.insert(exact.as_str().into(), number);
            number
        }
    };
    if exact != written {
        numbers.insert(written.into(), number);
    }
    number
}

/// The terms of one partition, numbered across chunks, and where their postings are.
struct Partition<T> {
    terms: Vec<T>,
    /// Term number → the number of its folded form in this partition (words only).
    folded: Vec<u32>,
    /// (term number, chunk, number in the chunk), in chunk order.
    places: Vec<(u32, u32, u32)>,
    /// Where each chunk's places begin.
    chunk_starts: Vec<u32>,
}

impl<T> Partition<T> {
    fn new() -> Partition<T> {
        Partition { terms: Vec::new(), folded: Vec::new(), places: Vec::new(), chunk_starts: Vec::new() }
    }

    /// The scored entries of this partition's terms; `term` makes the text of term `n`, and
    /// `term_in_chunk` the index of its postings in a chunk from its number there.
    fn entries<'p>(
        &'p self,
        chunks: &'p [Chunk],
        documents: usize,
        term: impl Fn(usize) -> String + 'p,
        term_in_chunk: impl Fn(&Chunk, usize) -> usize + Copy + 'p,
    ) -> impl Iterator<Item = Entry> + 'p {
        // The places grouped by term, each group in chunk order.
        let mut starts = vec![0; self.terms.len() + 1];
        for &(number, _, _) in &self.places {
            starts[number as usize + 1] += 1;
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let mut next = starts.clone();
        let mut places = vec![(0, 0); self.places.len()];
        for &(number, chunk, local) in &self.places {
            places[next[number as usize]] = (chunk, local);
            next[number as usize] += 1;
        }
        let gather = move |number: usize, list: &mut Vec<(u32, f32)>| {
            list.clear();
            for &(chunk, local) in &places[starts[number]..starts[number + 1]] {
                let chunk = &chunks[chunk as usize];
                list.extend_from_slice(chunk.postings(term_in_chunk(chunk, local as usize)));
            }
        };
        let (mut list, mut folded_list) = (Vec::new(), Vec::new());
        (0..self.terms.len()).map(move |number| {
            gather(number, &mut list);
            let folded = self.folded.get(number).map(|&folded| folded as usize).filter(|&folded| folded != number);
            let same_as_folded = folded.is_some_and(|folded| {
                gather(folded, &mut folded_list);
                folded_list == list
            });
            let mut entry = scored_entry(term(number), &list, documents, same_as_folded);
            entry.folded = folded.map(|folded| term(folded).into_boxed_str());
            entry
        })
    }
}

/// The words of every chunk whose folded form falls in `partition`, numbered.
fn merge_words(chunks: &[Chunk], partition: usize) -> Partition<&str> {
    let mut merged = Partition::new();
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    for (chunk_number, chunk) in chunks.iter().enumerate() {
        merged.chunk_starts.push(merged.places.len() as u32);
        for &local in &chunk.partitions[partition] {
            let number = intern_word(&mut merged, &mut numbers, chunk, local);
            merged.places.push((number, chunk_number as u32, local));
        }
    }
    merged.chunk_starts.push(merged.places.len() as u32);
    merged
}

fn intern_word<'c>(
    merged: &mut Partition<&'c str>,
    numbers: &mut FxHashMap<&'c str, u32>,
    chunk: &'c Chunk,
    local: u32,
) -> u32 {
    let word = &*chunk.words[local as usize];
    if let Some(&number) = numbers.get(word) {
        return number;
    }
    let folded_local = chunk.folded[local as usize];
    let folded = (folded_local != local).then(|| intern_word(merged, numbers, chunk, folded_local));
    let number = merged.terms.len() as u32;
    numbers.insert(word, number);
    merged.terms.push(word);
    merged.folded.push(folded.unwrap_or(number));
    number
}

/// The bigrams of a chunk as pairs of global word numbers, and the bigram numbers of each
/// partition.
struct GlobalBigrams {
    pairs: Vec<(u32, u32)>,
    partitions: Vec<Vec<u32>>,
}

/// The bigrams of every chunk, as pairs of global word numbers, numbered by partition.
fn merge_bigrams(chunks: &[Chunk], words: &[Partition<&str>]) -> Vec<Partition<(u32, u32)>> {
    let bases: Vec<u32> = words
        .iter()
        .scan(0, |base, partition| {
            let first = *base;
            *base += partition.terms.len() as u32;
            Some(first)
        })
        .collect();
    let global: Vec<GlobalBigrams> = chunks
        .par_iter()
        .enumerate()
        .map(|(chunk_number, chunk)| {
            let mut global_word = vec![0u32; chunk.words.len()];
            for (partition, merged) in words.iter().enumerate() {
                let first = merged.chunk_starts[chunk_number] as usize;
                for (&local, place) in chunk.partitions[partition].iter().zip(&merged.places[first..]) {
                    global_word[local as usize] = bases[partition] + place.0;
                }
            }
            let pairs: Vec<(u32, u32)> = chunk
                .bigrams
                .iter()
                .map(|&(first, second)| (global_word[first as usize], global_word[second as usize]))
                .collect();
            let mut partitions = vec![Vec::new(); PARTITIONS];
            for (local, pair) in pairs.iter().enumerate() {
                partitions[partition_of(pair)].push(local as u32);
            }
            GlobalBigrams { pairs, partitions }
        })
        .collect();
    (0..PARTITIONS)
        .into_par_iter()
        .map(|partition| {
            let mut merged = Partition::new();
            let mut numbers: FxHashMap<(u32, u32), u32> = FxHashMap::default();
            for (chunk_number, bigrams) in global.iter().enumerate() {
                merged.chunk_starts.push(merged.places.len() as u32);
                for &local in &bigrams.partitions[partition] {
                    let pair = bigrams.pairs[local as usize];
                    let next = merged.terms.len() as u32;
                    let number = *numbers.entry(pair).or_insert(next);
                    if number == next {
                        merged.terms.push(pair);
                    }
                    merged.places.push((number, chunk_number as u32, local));
                }
            }
            merged.chunk_starts.push(merged.places.len() as u32);
            merged
        })
        .collect()
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
fn scored_entry(term: String, list: &[(u32, f32)], documents: usize, same_as_folded: bool) -> Entry {
    let idf = idf(documents, list.len());
    let score = |frequency: f32| saturate(f64::from(frequency)) * idf;
    let mut kept = Cow::Borrowed(list);
    if list.len() > MAX_POSTINGS {
        let best_first = |a: &(u32, f32), b: &(u32, f32)| score(b.1).total_cmp(&score(a.1)).then(a.0.cmp(&b.0));
        let mut best = list.to_vec();
        best.select_nth_unstable_by(MAX_POSTINGS - 1, best_first);
        best.truncate(MAX_POSTINGS);
        best.sort_unstable_by_key(|&(doc, _)| doc);
        kept = Cow::Owned(best);
    }
    let best = kept.iter().map(|&(_, frequency)| score(frequency)).fold(0.0, f64::max);
    let postings = match same_as_folded {
        true => String::new(),
        false => {
            encode::encode(kept.iter().map(|&(doc, frequency)| Posting { doc, impact: impact(score(frequency), best) }))
        }
    };
    Entry { term, df: list.len() as u32, scale: round_scale(best), postings, folded: None }
}

/// An impact from 1 to 63, in proportion to the best score of the list.
fn impact(score: f64, best: f64) -> u8 {
    let levels = f64::from(IMPACT_LEVELS);
    (if best > 0.0 { (score / best * levels).round().clamp(1.0, levels) } else { 1.0 }) as u8
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
    let actors =
        archive.actors.iter().zip(actor_docs).map(|(actor, docs)| (format!("{}{}", KEYS.actor_filter, actor.id), docs));
    let countries = archive
        .countries
        .iter()
        .zip(country_docs)
        .map(|(country, docs)| (format!("{}{}", KEYS.country_filter, country.id), docs));
    actors
        .chain(countries)
        .filter(|(_, docs)| !docs.is_empty())
        .map(|(term, docs)| {
            let postings = encode::encode(docs.iter().map(|&doc| Posting { doc, impact: IMPACT_LEVELS }));
            let folded = Some(fold(&term)).filter(|folded| *folded != term).map(String::into_boxed_str);
            Entry { term, df: docs.len() as u32, scale: 0.0, postings, folded }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sort_order_is_that_of_the_sort_keys() {
        let mut terms = ["tặc", "tac", "tin tac", "tin", "#a:apt32", "tach", "tin tặc", "ta", "đang", "dang", "5,31"];
        let entry = |term: &str| {
            let folded = Some(fold(term)).filter(|folded| folded != term && !is_bigram(term));
            Entry { term: term.to_owned(), df: 0, scale: 0.0, postings: String::new(), folded: folded.map(Into::into) }
        };
        terms.sort_by(|a, b| entry(a).sort_order().cmp(&entry(b).sort_order()).then(a.cmp(b)));
        let mut by_key = terms;
        by_key.sort_by_cached_key(|term| (sort_key(term), term.to_string()));
        assert_eq!(terms, by_key);
        assert_eq!(terms[..2], ["tin tac", "tin tặc"], "bigrams first");
    }
}
