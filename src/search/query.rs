//! The reference implementation of the client's search: `static/search.js` reads a query, looks
//! up lists and scores documents exactly this way, in the browser. Tests rank with this module,
//! and the build uses it to measure what a typical search downloads.
//!
//! A query is read with the index's tokenizer. For each word the score of a document is the
//! impact of the folded word (`tac`); a word typed with diacritics (`tặc`) scores with its exact
//! list instead, and documents that only have another spelling keep a share of the folded score.
//! The last word, when the reader may still be typing it, also matches the words that begin with
//! it, for less: folded words, or exact ones if it has diacritics. Two adjacent words add their
//! bigram's impact, so a phrase beats the same words scattered. The sum is multiplied by the
//! square of the share of query words the document contains. Ties go to the newer article (the
//! lower number). Every weight and limit is [`RANKING`]'s, which the client reads from the
//! manifest.
//!
//! A word of [`RANKING`]`.min_typo_chars` letters or more whose every match is rare (found in at
//! most `rare_df` documents), or that matches nothing (nor, as a prefix, begins any word), is
//! corrected: the most frequent indexed word one edit away, and more frequent than the word,
//! found by its slip or its typo keys ([`super::typo`]), counts for it at `typo_weight`, below its own
//! matches; its bigrams score the best of both spellings, and the result list says what was
//! searched for instead.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::encode;
use super::invert::{Entry, sort_key};
use super::ranking::RANKING;
use super::shard::Index;
use super::tokenize::{Token, fold, normalize, tokens};
use super::typo;

/// A query, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<Token>,
    /// Whether the last word may be the beginning of a longer one: the query ends in it.
    pub last_is_prefix: bool,
}

pub fn parse(text: &str) -> Query {
    let words = tokens(text);
    let ends_in_word = normalize(text).chars().next_back().is_some_and(char::is_alphanumeric);
    let last_is_prefix =
        ends_in_word && words.last().is_some_and(|word| word.folded.chars().count() >= RANKING.min_prefix_chars);
    Query { words, last_is_prefix }
}

/// A ranked document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f64,
}

/// Documents and their scores for one list or one word.
type Scores = HashMap<u32, f64>;

/// Looks lists up in the index, noting the shards a client would load for them.
struct Lookups<'i> {
    index: &'i Index<'i>,
    shards: BTreeSet<usize>,
    typo_shards: BTreeSet<usize>,
}

impl<'i> Lookups<'i> {
    fn entry(&mut self, term: &str) -> Option<&'i Entry> {
        let shard = self.index.shard_of(&sort_key(term));
        self.shards.insert(shard);
        self.index.shard_entries(shard).iter().find(|entry| entry.term == term)
    }

    /// The scores of `term`'s list; an exact word stored as "same as folded" gets the folded list.
    fn scores(&mut self, term: &str) -> Scores {
        match self.entry(term) {
            Some(entry) if entry.postings.is_empty() => self.scores(&fold(term)),
            Some(entry) => entry_scores(entry),
            None => Scores::new(),
        }
    }

    /// The words that begin with the last query word, among the shards a client loads for it:
    /// folded words when it was typed without diacritics, exact words when with.
    fn expansions(&mut self, word: &Token) -> Vec<&'i Entry> {
        let mut candidates: Vec<&Entry> = Vec::new();
        for shard in prefix_shards(self.index, &word.folded) {
            self.shards.insert(shard);
            candidates.extend(self.index.shard_entries(shard).iter().filter(|entry| is_expansion(&entry.term, word)));
        }
        candidates.sort_by(|a, b| b.df.cmp(&a.df).then_with(|| a.term.cmp(&b.term)));
        candidates.truncate(RANKING.max_expansions);
        candidates
    }

    /// The word that `folded`, a query word whose matches are found in `df` documents, most
    /// likely meant: the most frequent indexed word one edit away and more frequent than it, as
    /// its slip says when its term shard (loaded for the word already) has one, or else among
    /// the rows of its typo keys.
    fn correction(&mut self, folded: &str, df: u32) -> Option<String> {
        let index = self.index;
        if let Some(slip) = index.slip(folded) {
            self.shards.insert(index.shard_of(folded));
            return typo::slip_correction(slip, df).map(str::to_owned);
        }
        let shards: BTreeSet<usize> = typo::keys(folded).iter().map(|key| index.typo_shard_of(key)).collect();
        self.typo_shards.extend(&shards);
        let keys = typo::keys(folded);
        let rows = shards
            .into_iter()
            .flat_map(|shard| index.typo_shard_rows(shard))
            .filter(|row| keys.binary_search(&row.key).is_ok());
        typo::best_correction(folded, df, rows).map(str::to_owned)
    }
}

/// The shards where words beginning with `prefix` are: its own shard, then the next ones (up to
/// `max_prefix_shards` in all) while their first key begins with it.
fn prefix_shards(index: &Index, prefix: &str) -> Range<usize> {
    let first = index.shard_of(prefix);
    let boundaries = index.manifest.term_shards.iter().skip(first + 1).take(RANKING.max_prefix_shards - 1);
    first..first + 1 + boundaries.take_while(|boundary| boundary.starts_with(prefix)).count()
}

/// Whether `term` is a longer word that begins with `word`: a folded word that begins with its
/// folded form, or, when it has diacritics, an exact word that begins with its exact form.
fn is_expansion(term: &str, word: &Token) -> bool {
    let prefix = if word.has_diacritics() { &word.exact } else { &word.folded };
    let is_folded = fold(term) == term;
    term.len() > prefix.len()
        && term.starts_with(prefix.as_str())
        && !term.contains([' ', '#'])
        && is_folded != word.has_diacritics()
}

/// The scores of a list, computed as the client computes them (`impact × (scale / levels)`, and
/// not the algebraically equal `impact / levels × scale`), so that both give the same bits and
/// rank ties alike.
fn entry_scores(entry: &Entry) -> Scores {
    let unit = entry.scale / f64::from(encode::IMPACT_LEVELS);
    encode::decode(&entry.postings)
        .unwrap_or_default()
        .into_iter()
        .map(|posting| (posting.doc, f64::from(posting.impact) * unit))
        .collect()
}

/// The scores of one query word.
fn word_scores(lookups: &mut Lookups, word: &Token) -> Scores {
    let folded = lookups.scores(&word.folded);
    if !word.has_diacritics() {
        return folded;
    }
    let mut exact = lookups.scores(&word.exact);
    for (doc, score) in folded {
        exact.entry(doc).or_insert(score * RANKING.exact_miss_weight);
    }
    exact
}

/// Keeps, for each document of `list`, the best of its score in `scores` and its score in
/// `list` times `weight`.
fn keep_best(scores: &mut Scores, list: Scores, weight: f64) {
    for (doc, score) in list {
        let slot = scores.entry(doc).or_default();
        *slot = slot.max(score * weight);
    }
}

/// What a search found: the ranked documents, the shards that took, and the query as corrected
/// when a word was.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub hits: Vec<Hit>,
    pub term_shards: BTreeSet<usize>,
    pub typo_shards: BTreeSet<usize>,
    /// The query's words, with the corrected ones replaced, when any was.
    pub corrected: Option<String>,
}

/// Ranks the documents for `text`, best first, and says which term shards that took.
pub fn rank(index: &Index, text: &str) -> (Vec<Hit>, BTreeSet<usize>) {
    let search = search(index, text);
    (search.hits, search.term_shards)
}

/// The scores of the word at `position` of `query`, and the word it was corrected to, if it was.
fn scores_at(lookups: &mut Lookups, query: &Query, position: usize) -> (Scores, Option<String>) {
    let word = &query.words[position];
    let mut scores = word_scores(lookups, word);
    // The most documents any term the word matches is found in.
    let mut matched_df = lookups.entry(&word.folded).map_or(0, |entry| entry.df);
    if query.last_is_prefix && position + 1 == query.words.len() {
        for entry in lookups.expansions(word) {
            matched_df = matched_df.max(entry.df);
            keep_best(&mut scores, lookups.scores(&entry.term), RANKING.prefix_weight);
        }
    }
    if !typo::correctable(&word.folded) || !typo::is_rare(matched_df) {
        return (scores, None);
    }
    let Some(correction) = lookups.correction(&word.folded, matched_df) else { return (scores, None) };
    keep_best(&mut scores, lookups.scores(&correction), RANKING.typo_weight);
    (scores, Some(correction))
}

/// The best score of the bigrams of the words at `position - 1` and `position`, each as typed
/// (folded) or as corrected, times the phrase weight.
fn bigram_scores(lookups: &mut Lookups, spellings: &[Vec<String>], position: usize) -> Scores {
    let mut best = Scores::new();
    for previous in &spellings[position - 1] {
        for current in &spellings[position] {
            let list = lookups.scores(&format!("{previous} {current}"));
            keep_best(&mut best, list, RANKING.phrase_weight);
        }
    }
    best
}

/// Ranks the documents for `text`, best first, correcting the words that match nothing or only
/// rare words.
pub fn search(index: &Index, text: &str) -> Search {
    let query = parse(text);
    let mut lookups = Lookups { index, shards: BTreeSet::new(), typo_shards: BTreeSet::new() };
    let mut totals: HashMap<u32, (f64, usize)> = HashMap::new();
    // Each word's folded form, then its correction, if any.
    let mut spellings: Vec<Vec<String>> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    let mut any_corrected = false;
    for (position, word) in query.words.iter().enumerate() {
        let (scores, correction) = scores_at(&mut lookups, &query, position);
        any_corrected |= correction.is_some();
        shown.push(correction.clone().unwrap_or_else(|| word.exact.clone()));
        spellings.push([word.folded.clone()].into_iter().chain(correction).collect());
        for (doc, score) in scores {
            let total = totals.entry(doc).or_default();
            total.0 += score;
            total.1 += 1;
        }
        if word.follows_previous && position > 0 {
            for (doc, score) in bigram_scores(&mut lookups, &spellings, position) {
                if let Some(total) = totals.get_mut(&doc) {
                    total.0 += score;
                }
            }
        }
    }
    let words = query.words.len().max(1) as f64;
    let mut hits: Vec<Hit> = totals
        .into_iter()
        .map(|(doc, (score, found))| {
            // As the client does, `score × share × share`: the same bits as there.
            let share = found as f64 / words;
            Hit { doc, score: score * share * share }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    let corrected = any_corrected.then(|| shown.join(" "));
    Search { hits, term_shards: lookups.shards, typo_shards: lookups.typo_shards, corrected }
}

/// The shards a search for `text` loads: its term shards and the document shards of the first
/// `first_page` results.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Downloads {
    pub term_shards: BTreeSet<usize>,
    pub doc_shards: BTreeSet<usize>,
}

pub fn downloads(index: &Index, text: &str, first_page: usize) -> Downloads {
    let (hits, term_shards) = rank(index, text);
    let per_shard = index.manifest.docs_per_shard.max(1);
    let doc_shards = hits.iter().take(first_page).map(|hit| hit.doc as usize / per_shard).collect();
    Downloads { term_shards, doc_shards }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<(String, String, bool)> {
        parse(text)
            .words
            .into_iter()
            .map(|word| (word.exact.clone(), word.folded.clone(), word.has_diacritics()))
            .collect()
    }

    #[test]
    fn each_word_keeps_its_own_diacritics_typed_composed_or_decomposed() {
        let expected = vec![
            ("hàm".to_owned(), "ham".to_owned(), true),
            ("tai".to_owned(), "tai".to_owned(), false),
            ("chính".to_owned(), "chinh".to_owned(), true),
        ];
        assert_eq!(forms("Hàm tai CHÍNH"), expected);
        assert_eq!(forms("Ha\u{300}m tai CHI\u{301}NH"), expected, "NFD");
    }

    #[test]
    fn d_with_stroke_folds_to_d_in_either_case() {
        assert_eq!(forms("Đặng đặng"), [("đặng".into(), "dang".into(), true), ("đặng".into(), "dang".into(), true)]);
        assert_eq!(forms("Đ")[0].1, "d");
    }
}
