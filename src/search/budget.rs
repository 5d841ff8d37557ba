//! The query budget: what a typical search downloads, measured on sample queries, and how many
//! documents a document shard may hold.
//!
//! A search loads the manifest, the term shards of its words (and, for a word with a slip, the
//! term shard of its correction, after the typo shards of its keys unless the word's own term
//! shard says what it meant) and the document shards of its
//! first page of results. Those results lie anywhere in the archive, so each usually comes from a
//! shard of its own, and a shard of `k` documents makes a search download about `k` times the
//! document bytes. Larger shards mean fewer files to write; the budget says how large they may
//! be: shards grow while a typical search stays within [`GROWTH_SHARE_PERCENT`] of the budget,
//! which leaves room for searches heavier than the typical one. The typical search is measured
//! twice, as typed and with a slip in its longest word, and both must fit.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::QUERY_BUDGET_BYTES;
use super::query;
use super::ranking::FIRST_PAGE;
use super::shard::{
    ArticleDocument, Document, FileSizes, Index, MANIFEST_PATH, ROOT_PATH, doc_shard_path, estimated_entry_size,
    estimated_slip_size, estimated_typo_row_size, term_shard_path, typo_shard_path,
};
use super::tokenize::fold;
use super::typo;

/// How many sample queries estimate the size of a typical search.
const SAMPLE_QUERIES: usize = 25;
/// The share of the budget, in percent, that a typical search may reach for document shards to
/// grow.
const GROWTH_SHARE_PERCENT: u64 = 75;
/// Document shards grow no further than this size, nor past this many documents.
const MAX_DOC_SHARD_BYTES: u64 = 64 * 1024;
const MAX_DOCS_PER_SHARD: usize = 64;
/// What the call around a shard's data adds to its size.
const CALL_BYTES: u64 = 48;

/// What a sample search downloads besides the manifest.
#[derive(Clone, Debug, Default)]
pub struct Sample {
    /// Whether its longest word was typed with a slip.
    slipped: bool,
    term_shards: BTreeSet<usize>,
    typo_shards: BTreeSet<usize>,
    /// The documents of its first page of results.
    first_page: Vec<u32>,
}

/// What the search files weigh, for the build summary and the budget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub root: u64,
    pub manifest: u64,
    pub term_shards: usize,
    pub doc_shards: usize,
    pub largest_term_shard: u64,
    pub largest_doc_shard: u64,
    /// The median download of sample searches: two words of titles across the archive.
    pub typical_query: u64,
    /// The same with a letter of the longest word typed twice, which [`typo`] corrects by its
    /// typo keys: the heavier way (a letter dropped or two swapped is found in the word's own
    /// term shard).
    pub typical_typo_query: u64,
}

/// The sample searches of `index`: two words from the titles of articles spread over the
/// archive, every other one typed without diacritics, as most readers do; each also with a slip.
pub fn samples(index: &Index) -> Vec<Sample> {
    let articles: Vec<&ArticleDocument> = index.documents.iter().filter_map(Document::article).collect();
    let step = articles.len().div_ceil(SAMPLE_QUERIES).max(1);
    let clean = articles.iter().step_by(step).enumerate().map(|(number, document)| {
        let words: Vec<&str> = document.title.split_whitespace().take(2).collect();
        let text = words.join(" ");
        if number % 2 == 0 { text } else { fold(&text) }
    });
    let queries: Vec<(bool, String)> =
        clean.flat_map(|text| [(true, with_slip(&text)), (false, text)]).filter(|(_, text)| !text.is_empty()).collect();
    queries
        .par_iter()
        .map(|(slipped, text)| {
            let search = query::search(index, text);
            Sample {
                slipped: *slipped,
                term_shards: search.term_shards,
                typo_shards: search.typo_shards,
                first_page: search.hits.iter().take(FIRST_PAGE).map(|hit| hit.doc).collect(),
            }
        })
        .collect()
}

/// `text` with the letter in the middle of its longest word typed twice, when that word is long
/// enough to be corrected; otherwise nothing.
fn with_slip(text: &str) -> String {
    let Some(longest) = text.split_whitespace().max_by_key(|word| word.chars().count()) else { return String::new() };
    if !typo::correctable(longest) {
        return String::new();
    }
    let mut letters: Vec<char> = longest.chars().collect();
    let middle = letters.len() / 2;
    letters.insert(middle, letters[middle]);
    let slipped: String = letters.into_iter().collect();
    text.split_whitespace()
        .map(|word| if word == longest { slipped.as_str() } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many documents a document shard of `index` holds: the most that keep the typical sample
/// search within [`GROWTH_SHARE_PERCENT`] of the budget, by the estimated sizes of the files.
pub fn docs_per_shard(index: &Index) -> usize {
    let documents: Vec<u64> = index.documents.par_iter().map(|document| document.estimated_size() as u64).collect();
    let Some(average) = documents.iter().sum::<u64>().checked_div(documents.len() as u64) else { return 1 };
    let terms: Vec<u64> = (0..index.term_shard_count())
        .map(|shard| {
            let entries = index.shard_entries(shard).iter().map(|entry| estimated_entry_size(entry) as u64);
            let slips = index.shard_slips(shard).iter().map(|slip| estimated_slip_size(slip) as u64);
            entries.sum::<u64>() + slips.sum::<u64>() + CALL_BYTES
        })
        .collect();
    let typos: Vec<u64> = (0..index.manifest.typo_shards.len())
        .map(|shard| index.typo_shard_rows(shard).iter().map(|row| estimated_typo_row_size(row) as u64).sum::<u64>())
        .map(|size| size + CALL_BYTES)
        .collect();
    let manifest = serde_json::to_vec(&index.manifest).map_or(0, |json| json.len() as u64) + CALL_BYTES;
    let typical = |per_shard: usize, slipped: bool| {
        let shard_size = |shard: usize| {
            let range = shard * per_shard..((shard + 1) * per_shard).min(documents.len());
            documents[range].iter().sum::<u64>() + CALL_BYTES
        };
        typical(index, slipped, |sample| download(sample, manifest, &terms, &typos, per_shard, &shard_size))
    };
    let target = QUERY_BUDGET_BYTES * GROWTH_SHARE_PERCENT / 100;
    (2..=MAX_DOCS_PER_SHARD)
        .take_while(|&per_shard| {
            per_shard as u64 * average <= MAX_DOC_SHARD_BYTES
                && typical(per_shard, false).max(typical(per_shard, true)) <= target
        })
        .last()
        .unwrap_or(1)
}

/// What `sample` downloads: the manifest, the term and typo shards it reads (by the sizes
/// `terms` and `typos`) and the document shards of its first page at `per_shard` documents a
/// shard (by `doc_shard`).
fn download(
    sample: &Sample,
    manifest: u64,
    terms: &[u64],
    typos: &[u64],
    per_shard: usize,
    doc_shard: &dyn Fn(usize) -> u64,
) -> u64 {
    let doc_shards: BTreeSet<usize> = sample.first_page.iter().map(|&doc| doc as usize / per_shard).collect();
    manifest
        + sample.term_shards.iter().map(|&shard| terms[shard]).sum::<u64>()
        + sample.typo_shards.iter().map(|&shard| typos[shard]).sum::<u64>()
        + doc_shards.into_iter().map(doc_shard).sum::<u64>()
}

/// The median download of `index`'s samples typed with a slip, or without; 0 when there are none.
fn typical(index: &Index, slipped: bool, download: impl Fn(&Sample) -> u64) -> u64 {
    let mut downloads: Vec<u64> =
        index.samples.iter().filter(|sample| sample.slipped == slipped).map(download).collect();
    downloads.sort_unstable();
    downloads.get(downloads.len() / 2).copied().unwrap_or_default()
}

/// What `files`, the files of `index`, weigh, and what its typical search downloads.
pub fn sizes(index: &Index, files: &FileSizes) -> Sizes {
    let size = |path: &str| files.get(path);
    let term_sizes: Vec<u64> = (0..index.term_shard_count()).map(|n| size(&term_shard_path(n))).collect();
    let doc_sizes: Vec<u64> = (0..index.manifest.doc_shards).map(|n| size(&doc_shard_path(n))).collect();
    let typo_sizes: Vec<u64> = (0..index.manifest.typo_shards.len()).map(|n| size(&typo_shard_path(n))).collect();
    let manifest = size(MANIFEST_PATH);
    let per_shard = index.manifest.docs_per_shard;
    let doc_shard = |shard: usize| doc_sizes[shard];
    let downloads = |slipped: bool| {
        typical(index, slipped, |sample| download(sample, manifest, &term_sizes, &typo_sizes, per_shard, &doc_shard))
    };
    Sizes {
        root: size(ROOT_PATH),
        manifest,
        term_shards: term_sizes.len(),
        doc_shards: doc_sizes.len(),
        largest_term_shard: term_sizes.iter().copied().max().unwrap_or_default(),
        largest_doc_shard: doc_sizes.iter().copied().max().unwrap_or_default(),
        typical_query: downloads(false).max(manifest),
        typical_typo_query: downloads(true).max(manifest),
    }
}
