//! Typo correction keys: how a query word with one slip (a letter dropped, added, changed, or two
//! swapped) finds the indexed word it meant, without the client downloading the vocabulary.
//!
//! Every folded word of the index long enough to be corrected is filed under its **deletion
//! neighbourhood**: itself and each form of it with one letter deleted (`chung` under `chung`,
//! `hung`, `cung`, `chng`, `chug`, `chun`). A query word looks up its own neighbourhood: two
//! words within one edit of each other (Damerau: a swap of adjacent letters counts as one) always
//! share a key, so the words under the query's keys hold every candidate, which
//! [`within_one_edit`] then checks. The keys are sorted and cut into shards by range, like the
//! term shards: a word's keys mostly begin with its own first letters, so a query word reads two
//! or three small shards (`search/typos/<n>.js`). A row is `[key, [[word, df], …]]`: the client
//! picks the most frequent candidate without loading its term shard first.
//!
//! A query word is corrected when every term it matches is [rare](is_rare), none at all included:
//! a slip can make another word, one that only a document or two have (a name, a slip in the
//! text), and the word meant is then the more frequent one next to it.
//!
//! The two slips readers make most, a letter dropped and two letters swapped, are also filed
//! where the slipped word itself would be: a [`Slip`] row in the term shard of its range says
//! which word it most likely meant (the one its typo keys would give). The client loads that
//! shard for the word anyway, so such a query is corrected without a round of typo shards.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::invert::Entry;
use super::ranking::RANKING;
use super::tokenize::fold;

/// One key and the words filed under it, with their document frequencies, most frequent first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypoRow {
    pub key: String,
    pub words: Vec<(String, u32)>,
}

/// A slipped form of an indexed word (one letter dropped, or two adjacent letters swapped) and
/// the most frequent word within one edit of it, with that word's document frequency: what
/// [`best_correction`] finds among the rows of its keys when no threshold applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    pub key: String,
    pub word: String,
    pub df: u32,
}

/// The keys of `word`: itself and its forms with one letter deleted, sorted, without repeats.
pub fn keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys: Vec<String> = (0..chars.len())
        .map(|skip| chars.iter().enumerate().filter(|(at, _)| *at != skip).map(|(_, c)| c).collect())
        .collect();
    keys.push(word.to_owned());
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether `a` and `b` differ, by exactly one insertion, deletion, substitution or swap of two
/// adjacent letters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let common_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let common_end =
        a[common_start..].iter().rev().zip(b[common_start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (a.len() - common_start - common_end, b.len() - common_start - common_end);
    match (a_rest, b_rest) {
        (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => a[common_start] == b[common_start + 1] && a[common_start + 1] == b[common_start],
        _ => false,
    }
}

/// Whether a query word is long enough to be corrected, and an indexed word long enough to be a
/// correction (one letter shorter than the shortest query word).
pub fn correctable(word: &str) -> bool {
    word.chars().count() >= RANKING.min_typo_chars
}

/// Whether a query word that matches terms found in at most `df` documents (0: it matches
/// nothing) is rare enough to be corrected: the one definition of "rare".
pub fn is_rare(df: u32) -> bool {
    df <= RANKING.rare_df
}

/// Whether a word found in `df` documents is frequent enough to correct one whose matches are
/// found in `word_df`.
fn corrects(df: u32, word_df: u32) -> bool {
    u64::from(df) > u64::from(word_df) * u64::from(RANKING.correction_df_ratio)
}

fn may_correct_to(entry: &Entry) -> bool {
    let term = entry.term.as_str();
    term.chars().count() + 1 >= RANKING.min_typo_chars
        && term.chars().all(char::is_alphabetic)
        && fold(term) == term
        && entry.df > 0
}

/// The rows of the typo keys of `entries`' folded words, sorted by key.
pub fn rows(entries: &[Entry]) -> Vec<TypoRow> {
    let mut filed: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for entry in entries.iter().filter(|entry| may_correct_to(entry)) {
        for key in keys(&entry.term) {
            filed.entry(key).or_default().push((entry.term.clone(), entry.df));
        }
    }
    filed
        .into_iter()
        .map(|(key, mut words)| {
            words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            TypoRow { key, words }
        })
        .collect()
}

/// The slips of the words of `entries` that a query could type, sorted by key: each slipped form
/// long enough to be corrected and not itself found in more than a [rare](is_rare) number of
/// documents, with the word its keys' rows in `rows` (all the typo rows, sorted by key) give.
pub fn slips(entries: &[Entry], rows: &[TypoRow]) -> Vec<Slip> {
    let words: HashMap<&str, u32> = entries
        .iter()
        .filter(|entry| fold(&entry.term) == entry.term)
        .map(|entry| (entry.term.as_str(), entry.df))
        .collect();
    let forms: BTreeSet<String> = entries
        .iter()
        .filter(|entry| may_correct_to(entry))
        .flat_map(|entry| slipped_forms(&entry.term))
        .filter(|form| correctable(form) && is_rare(words.get(form.as_str()).copied().unwrap_or_default()))
        .collect();
    let forms: Vec<String> = forms.into_iter().collect();
    forms
        .into_par_iter()
        .filter_map(|key| {
            let filed = keys(&key)
                .into_iter()
                .filter_map(|form| rows.binary_search_by(|row| row.key.as_str().cmp(&form)).ok().map(|at| &rows[at]));
            let word = best_correction(&key, 0, filed)?.to_owned();
            let df = words.get(word.as_str()).copied().unwrap_or_default();
            Some(Slip { key, word, df })
        })
        .collect()
}

/// The forms of `word` with one letter dropped (its keys but itself) or two adjacent, different
/// letters swapped.
fn slipped_forms(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let swapped = (1..chars.len()).filter(|&at| chars[at - 1] != chars[at]).map(|at| {
        let mut swapped = chars.clone();
        swapped.swap(at - 1, at);
        swapped.into_iter().collect()
    });
    keys(word).into_iter().filter(|key| key != word).chain(swapped).collect()
}

/// The correction a slip gives a query word whose matches are found in `word_df` documents: its
/// word when that is frequent enough, as [`best_correction`] decides.
pub fn slip_correction(slip: &Slip, word_df: u32) -> Option<&str> {
    corrects(slip.df, word_df).then_some(slip.word.as_str())
}

/// The best correction of `word`, whose matches are found in `word_df` documents, among `rows`
/// (the rows of its keys): the most frequent word within one edit of it and more frequent than it,
/// the first in code point order on a tie.
pub fn best_correction<'r>(word: &str, word_df: u32, rows: impl Iterator<Item = &'r TypoRow>) -> Option<&'r str> {
    rows.flat_map(|row| &row.words)
        .filter(|(candidate, df)| corrects(*df, word_df) && within_one_edit(word, candidate))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(candidate, _)| candidate.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_filed_under_itself_and_each_deletion() {
        assert_eq!(keys("chung"), ["chng", "chug", "chun", "chung", "cung", "hung"]);
        assert_eq!(keys("aab"), ["aa", "aab", "ab"]);
    }

    #[test]
    fn words_one_edit_apart_share_a_key() {
        for (typed, meant) in [
            ("chugn", "chung"),
            ("libreofice", "libreoffice"),
            ("chunng", "chung"),
            ("chuing", "chung"),
            ("chang", "chung"),
        ] {
            let meant_keys = keys(meant);
            assert!(keys(typed).iter().any(|key| meant_keys.contains(key)), "{typed} {meant}");
            assert!(within_one_edit(typed, meant), "{typed} {meant}");
        }
    }

    #[test]
    fn words_two_edits_apart_are_not_corrections() {
        assert!(!within_one_edit("chung", "chung"));
        assert!(!within_one_edit("cuhgn", "chung"));
        assert!(!within_one_edit("chun", "chung x"));
        assert!(!within_one_edit("abcd", "badc"));
    }

    #[test]
    fn the_most_frequent_candidate_wins_and_ties_go_by_code_point() {
        let row = |key: &str, words: &[(&str, u32)]| TypoRow {
            key: key.to_owned(),
            words: words.iter().map(|(word, df)| (word.to_string(), *df)).collect(),
        };
        let rows = [row("chun", &[("chung", 9), ("chunk", 9)]), row("chug", &[("chugs", 1)])];
        assert_eq!(best_correction("chugn", 0, rows.iter()), Some("chung"));
        assert_eq!(best_correction("xxxxx", 0, rows.iter()), None);
    }

    #[test]
    fn a_word_slips_by_a_letter_dropped_or_two_different_letters_swapped() {
        let mut forms = slipped_forms("chung");
        forms.sort_unstable();
        assert_eq!(forms, ["chng", "chnug", "chug", "chugn", "chun", "cuhng", "cung", "hcung", "hung"]);
        assert!(!slipped_forms("offer").contains(&"offer".to_owned()), "swapping ff changes nothing");
    }

    #[test]
    fn a_slip_gives_the_word_that_its_typo_keys_give() {
        let vocabulary = [("chung", 40), ("chunk", 40), ("chuong", 9), ("trung", 30), ("thung", 5)];
        let entries: Vec<Entry> = vocabulary.iter().map(|(word, df)| Entry::folded_word(word, *df)).collect();
        let rows = rows(&entries);
        let slips = slips(&entries, &rows);
        assert!(slips.is_sorted_by(|a, b| a.key < b.key));
        let filed: Vec<&str> = slips.iter().map(|slip| slip.key.as_str()).collect();
        // "chuog" is "chuong" with a letter dropped, but also "chung" with one changed: the more
        // frequent word, as the typo keys would say.
        for (key, meant) in [("chugn", "chung"), ("chuog", "chung"), ("trugn", "trung"), ("chuogn", "chuong")] {
            assert!(slips.iter().any(|slip| slip.key == key && slip.word == meant), "{key}: {filed:?}");
        }
        assert!(!filed.contains(&"cung"), "too short to be corrected");
        assert!(!filed.contains(&"chung"), "a frequent word (chuong with a letter dropped) is no slip");
        for slip in &slips {
            let slip_keys = keys(&slip.key);
            let rows_of_keys = rows.iter().filter(|row| slip_keys.contains(&row.key));
            assert_eq!(best_correction(&slip.key, 0, rows_of_keys), Some(slip.word.as_str()), "{slip:?}");
            let df = vocabulary.iter().find(|(word, _)| *word == slip.word).map(|(_, df)| *df);
            assert_eq!(Some(slip.df), df, "{slip:?}");
        }
        let trugn = slips.iter().find(|slip| slip.key == "trugn").unwrap();
        let ratio = RANKING.correction_df_ratio;
        assert_eq!(slip_correction(trugn, 0), Some("trung"));
        assert_eq!(slip_correction(trugn, (30 - 1) / ratio), Some("trung"));
        assert_eq!(slip_correction(trugn, 30 / ratio), None, "not far more frequent");
    }

    #[test]
    fn a_rare_word_is_corrected_only_to_a_far_more_frequent_one() {
        assert!(is_rare(0) && is_rare(RANKING.rare_df) && !is_rare(RANKING.rare_df + 1));
        let far = RANKING.rare_df * RANKING.correction_df_ratio;
        let rows = |df: u32| [TypoRow { key: "chun".to_owned(), words: vec![("chung".to_owned(), df)] }];
        assert_eq!(best_correction("chunl", RANKING.rare_df, rows(far + 1).iter()), Some("chung"));
        assert_eq!(best_correction("chunl", RANKING.rare_df, rows(far).iter()), None, "not far more frequent");
        assert_eq!(best_correction("chunl", 0, rows(1).iter()), Some("chung"), "a word that matches nothing");
    }
}
