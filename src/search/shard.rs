//! The index as files. [`Index`] holds the sorted entries and the document records; it cuts them
//! into shards and writes:
//!
//! - `search-index.json`: the whole index in one documented, versioned JSON file;
//! - `search/index.js`: the manifest, small, loaded by every search;
//! - `search/terms/<n>.js`: the entries whose sort key falls in shard `n`'s range;
//! - `search/docs/<n>.js`: what results show of documents `n * docs_per_shard` onwards.
//!
//! Each `.js` file is one call, `window.__dossierSearch.register(kind, number, data)`, with JSON
//! for `data`: a `<script>` tag can load it where `fetch()` cannot (file://).

use std::hash::Hasher;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::fields::Field;
use super::invert::{self, Entry, MAX_POSTINGS, sort_key};
use super::{FORMAT, VERSION, encode, query};
use crate::model::{Archive, Article};
use crate::render::OutputFile;

/// A term shard stops growing past this size (a single term may still make it bigger).
const TERM_SHARD_TARGET_BYTES: usize = 24 * 1024;
/// Document shards hold as many documents as fit this size on average.
const DOC_SHARD_TARGET_BYTES: usize = 12 * 1024;
const MAX_DOCS_PER_SHARD: usize = 64;
/// The text kept for snippets; a match further into a longer article shows the summary.
const MAX_TEXT_CHARS: usize = 6000;
/// Results on the first page, whose documents a search loads.
pub const FIRST_PAGE: usize = 10;
/// How many sample queries estimate the size of a typical search.
const SAMPLE_QUERIES: usize = 25;

/// Where the documentation of the format lives, written into the JSON so that a reader of the
/// file alone can find it.
const DOC_REFERENCE: &str = "docs/search-index.md in the dossier source: the tokenizer, the term and \
    document rows, the posting encoding and the scoring";

/// What the client reads first: the shape of the index, how to find a shard, how to score.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub format: &'static str,
    pub version: u32,
    /// A hash of the whole index; it changes whenever any shard does (the client adds it to
    /// shard URLs so that browsers do not mix shards of two builds).
    pub id: String,
    pub documents: usize,
    pub docs_per_shard: usize,
    pub doc_shards: usize,
    /// Where each term shard begins: a sort key belongs to the last shard whose boundary is not
    /// greater than it. Shard 0's is empty.
    pub term_shards: Vec<String>,
    /// Runs of documents of the same year, as `[first document, year]`: the year filter counts
    /// every result without loading its document.
    pub years: Vec<(u32, i16)>,
    pub fields: Vec<FieldWeight>,
    pub scoring: Scoring,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldWeight {
    pub name: &'static str,
    pub weight: f64,
    pub b: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Scoring {
    pub model: &'static str,
    pub k1: f64,
    pub impact_levels: u8,
    pub max_postings: usize,
}

/// What a result shows of an article, borrowed from the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: String,
    pub source: &'a str,
    /// `(id, name)` of its actors and of its countries.
    pub actors: Vec<(&'a str, &'a str)>,
    pub countries: Vec<(&'a str, &'a str)>,
    pub summary: &'a str,
    /// The plain text, cut after [`MAX_TEXT_CHARS`] characters.
    pub text: &'a str,
}

impl<'a> Document<'a> {
    fn new(archive: &'a Archive, article: &'a Article) -> Document<'a> {
        Document {
            slug: &article.slug,
            title: &article.title,
            date: article.date.iso(),
            source: &article.source,
            actors: article
                .actors
                .iter()
                .map(|id| archive.actor(*id))
                .map(|a| (a.id.as_str(), a.name.as_str()))
                .collect(),
            countries: article
                .countries
                .iter()
                .map(|id| archive.country(*id))
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
            summary: &article.summary,
            text: cut(&article.text, MAX_TEXT_CHARS),
        }
    }

    fn write_row(&self, out: &mut Vec<u8>) {
        let row =
            (self.slug, self.title, &self.date, self.source, &self.actors, &self.countries, self.summary, self.text);
        serde_json::to_writer(out, &row).expect("strings and lists of strings always serialize");
    }
}

/// `text` up to `max_chars` characters, cut at a space when it is longer.
fn cut(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        None => text,
        Some((end, next)) if next.is_whitespace() => &text[..end],
        Some((end, _)) => {
            let head = &text[..end];
            head.rfind(char::is_whitespace).map_or(head, |space| &head[..space])
        }
    }
}

fn write_entry_row(entry: &Entry, out: &mut Vec<u8>) {
    let row = (&entry.term, entry.df, entry.scale, &entry.postings);
    serde_json::to_writer(out, &row).expect("strings and finite numbers always serialize");
}

/// JSON rows in one buffer, each followed by a comma, so that consecutive rows joined as the
/// inside of a JSON array are one slice of it.
#[derive(Debug)]
struct Rows {
    text: Vec<u8>,
    /// Where each row's comma is.
    commas: Vec<usize>,
}

/// Rows are written in parallel, this many per task.
const ROWS_PER_TASK: usize = 1024;

impl Rows {
    fn new<T: Sync>(items: &[T], write: impl Fn(&T, &mut Vec<u8>) + Sync) -> Rows {
        let blocks: Vec<Rows> = items
            .par_chunks(ROWS_PER_TASK)
            .map(|block| {
                let mut rows = Rows { text: Vec::new(), commas: Vec::with_capacity(block.len()) };
                for item in block {
                    write(item, &mut rows.text);
                    rows.commas.push(rows.text.len());
                    rows.text.push(b',');
                }
                rows
            })
            .collect();
        let mut rows = Rows {
            text: Vec::with_capacity(blocks.iter().map(|block| block.text.len()).sum()),
            commas: Vec::with_capacity(items.len()),
        };
        for block in blocks {
            let offset = rows.text.len();
            rows.commas.extend(block.commas.iter().map(|comma| comma + offset));
            rows.text.extend_from_slice(&block.text);
        }
        rows
    }

    fn start(&self, row: usize) -> usize {
        if row == 0 { 0 } else { self.commas[row - 1] + 1 }
    }

    fn row(&self, row: usize) -> &[u8] {
        &self.text[self.start(row)..self.commas[row]]
    }

    /// The rows of `range`, each with its comma: what they add to a JSON array.
    fn size(&self, range: Range<usize>) -> usize {
        if range.is_empty() { 0 } else { self.commas[range.end - 1] + 1 - self.start(range.start) }
    }

    /// The rows of `range` as a JSON array.
    fn array(&self, range: Range<usize>) -> Vec<u8> {
        let inside = match range.is_empty() {
            true => &[][..],
            false => &self.text[self.start(range.start)..self.commas[range.end - 1]],
        };
        [b"[", inside, b"]"].concat()
    }

    fn len(&self) -> usize {
        self.commas.len()
    }
}

/// The built index, in memory; it borrows the archive's texts.
#[derive(Debug)]
pub struct Index<'a> {
    pub manifest: Manifest,
    /// Sorted by sort key, then term.
    pub entries: Vec<Entry>,
    pub documents: Vec<Document<'a>>,
    /// The entries of each term shard.
    term_shards: Vec<Range<usize>>,
    /// Each entry and document as its JSON row, in order.
    entry_rows: Rows,
    document_rows: Rows,
}

/// What the search files weigh, for the build summary and the budget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub json: u64,
    pub manifest: u64,
    pub term_shards: usize,
    pub doc_shards: usize,
    pub largest_term_shard: u64,
    pub largest_doc_shard: u64,
    /// The median download of sample searches: two words of titles across the archive.
    pub typical_query: u64,
}

impl<'a> Index<'a> {
    pub fn build(archive: &'a Archive) -> Index<'a> {
        let entries = invert::entries(archive);
        let documents: Vec<Document> =
            archive.articles.par_iter().map(|article| Document::new(archive, article)).collect();
        let (entry_rows, document_rows) =
            rayon::join(|| Rows::new(&entries, write_entry_row), || Rows::new(&documents, Document::write_row));
        let term_shards = term_shard_ranges(&entries, &entry_rows);
        let docs_per_shard = docs_per_shard(&document_rows);
        let boundaries = shard_boundaries(&entries, &term_shards);
        let manifest = Manifest {
            format: FORMAT,
            version: VERSION,
            id: content_id(&entry_rows, &document_rows, &boundaries, docs_per_shard),
            documents: documents.len(),
            docs_per_shard,
            doc_shards: documents.len().div_ceil(docs_per_shard),
            term_shards: boundaries,
            years: year_runs(archive),
            fields: Field::ALL
                .iter()
                .map(|field| FieldWeight {
                    name: field.name(),
                    weight: field.weight(),
                    b: field.length_normalisation(),
                })
                .collect(),
            scoring: Scoring {
                model: "bm25f",
                k1: invert::K1,
                impact_levels: encode::IMPACT_LEVELS,
                max_postings: MAX_POSTINGS,
            },
        };
        Index { manifest, entries, documents, term_shards, entry_rows, document_rows }
    }

    /// The term shard whose range holds `key`.
    pub fn shard_of(&self, key: &str) -> usize {
        self.manifest.term_shards.partition_point(|first| first.as_str() <= key).saturating_sub(1)
    }

    /// The entries of term shard `shard`.
    pub fn shard_entries(&self, shard: usize) -> &[Entry] {
        self.term_shards.get(shard).map_or(&[], |range| &self.entries[range.clone()])
    }

    pub fn term_shard_count(&self) -> usize {
        self.term_shards.len()
    }

    /// Every file of the index, sorted by path.
    pub fn files(&self) -> Vec<OutputFile> {
        let per_shard = self.manifest.docs_per_shard;
        let term_files = self.term_shards.par_iter().enumerate().map(|(number, range)| {
            script_file(&term_shard_path(number), "terms", number, &self.entry_rows.array(range.clone()))
        });
        let doc_files = (0..self.manifest.doc_shards).into_par_iter().map(|number| {
            let rows = number * per_shard..((number + 1) * per_shard).min(self.document_rows.len());
            script_file(&doc_shard_path(number), "docs", number, &self.document_rows.array(rows))
        });
        let mut files: Vec<OutputFile> = term_files.chain(doc_files).collect();
        files.push(OutputFile { path: "search-index.json".to_owned(), bytes: self.json() });
        files.push(script_file("search/index.js", "manifest", 0, self.manifest_json().as_bytes()));
        files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }

    fn manifest_json(&self) -> String {
        serde_json::to_string(&self.manifest).expect("a manifest of strings and numbers always serializes")
    }

    /// `search-index.json`: the format header, the manifest, then every term and document row.
    fn json(&self) -> Vec<u8> {
        let head = format!("{{\"format\":{},\"version\":{VERSION},\"doc\":{}", json!(FORMAT), json!(DOC_REFERENCE));
        [
            head.as_bytes(),
            b",\"manifest\":",
            self.manifest_json().as_bytes(),
            b",\"terms\":",
            &self.entry_rows.array(0..self.entry_rows.len()),
            b",\"documents\":",
            &self.document_rows.array(0..self.document_rows.len()),
            b"}\n",
        ]
        .concat()
    }

    /// Sizes of `files` (this index's files) and of a typical search.
    pub fn sizes(&self, files: &[OutputFile]) -> Sizes {
        let size = |path: &str| {
            files.binary_search_by(|file| file.path.as_str().cmp(path)).map_or(0, |at| files[at].bytes.len() as u64)
        };
        let term_sizes: Vec<u64> = (0..self.term_shards.len()).map(|n| size(&term_shard_path(n))).collect();
        let doc_sizes: Vec<u64> = (0..self.manifest.doc_shards).map(|n| size(&doc_shard_path(n))).collect();
        let manifest = size("search/index.js");
        let mut samples: Vec<u64> = self
            .sample_queries()
            .par_iter()
            .map(|text| {
                let downloads = query::downloads(self, text, FIRST_PAGE);
                let terms: u64 = downloads.term_shards.iter().map(|&n| term_sizes[n]).sum();
                let docs: u64 = downloads.doc_shards.iter().map(|&n| doc_sizes[n]).sum();
                manifest + terms + docs
            })
            .collect();
        samples.sort_unstable();
        Sizes {
            json: size("search-index.json"),
            manifest,
            term_shards: term_sizes.len(),
            doc_shards: doc_sizes.len(),
            largest_term_shard: term_sizes.iter().copied().max().unwrap_or_default(),
            largest_doc_shard: doc_sizes.iter().copied().max().unwrap_or_default(),
            typical_query: samples.get(samples.len() / 2).copied().unwrap_or(manifest),
        }
    }

    /// Two words from the titles of articles spread over the archive, every other one typed
    /// without diacritics, as most readers do.
    fn sample_queries(&self) -> Vec<String> {
        let step = self.documents.len().div_ceil(SAMPLE_QUERIES).max(1);
        self.documents
            .iter()
            .step_by(step)
            .enumerate()
            .map(|(number, document)| {
                let words: Vec<&str> = document.title.split_whitespace().take(2).collect();
                let text = words.join(" ");
                if number % 2 == 0 { text } else { super::tokenize::fold(&text) }
            })
            .collect()
    }
}

pub fn term_shard_path(number: usize) -> String {
    format!("search/terms/{number}.js")
}

pub fn doc_shard_path(number: usize) -> String {
    format!("search/docs/{number}.js")
}

fn script_file(path: &str, kind: &str, number: usize, data: &[u8]) -> OutputFile {
    let head = format!("window.__dossierSearch.register(\"{kind}\",{number},");
    OutputFile { path: path.to_owned(), bytes: [head.as_bytes(), data, b");\n"].concat() }
}

/// Consecutive entries, cut before the shard would pass its target size. Entries with the same
/// sort key (a folded word and its spellings) always share a shard: the client finds them all by
/// looking up one key.
fn term_shard_ranges(entries: &[Entry], rows: &Rows) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut size = 0;
    let mut index = 0;
    while index < entries.len() {
        let key = entries[index].sort_order();
        let group_end = index + entries[index..].iter().take_while(|entry| entry.sort_order() == key).count();
        let group_size = rows.size(index..group_end);
        if size > 0 && size + group_size > TERM_SHARD_TARGET_BYTES {
            ranges.push(start..index);
            start = index;
            size = 0;
        }
        size += group_size;
        index = group_end;
    }
    ranges.push(start..entries.len());
    ranges
}

/// The first key of each term shard, shortened to the shortest beginning that still sorts after
/// the last key of the shard before (a key belongs to the last shard whose first key is not
/// greater): at 100,000 articles this halves the manifest.
fn shard_boundaries(entries: &[Entry], shards: &[Range<usize>]) -> Vec<String> {
    shards
        .iter()
        .enumerate()
        .map(|(number, range)| match number {
            0 => String::new(),
            _ => separator(&sort_key(&entries[range.start - 1].term), &sort_key(&entries[range.start].term)),
        })
        .collect()
}

/// The shortest beginning of `first` that sorts after `previous`, given that `first` does.
fn separator(previous: &str, first: &str) -> String {
    let mut prefixes = first.char_indices().map(|(at, c)| &first[..at + c.len_utf8()]);
    prefixes.find(|prefix| *prefix > previous).unwrap_or(first).to_owned()
}

/// How many documents share a shard: as many as fit the target on average, at least one.
fn docs_per_shard(rows: &Rows) -> usize {
    let total = rows.size(0..rows.len()) - rows.len();
    let average = total.div_ceil(rows.len().max(1)).max(1);
    (DOC_SHARD_TARGET_BYTES / average).clamp(1, MAX_DOCS_PER_SHARD)
}

fn year_runs(archive: &Archive) -> Vec<(u32, i16)> {
    let mut runs: Vec<(u32, i16)> = Vec::new();
    for (doc, article) in archive.articles.iter().enumerate() {
        if runs.last().is_none_or(|&(_, year)| year != article.date.year) {
            runs.push((doc as u32, article.date.year));
        }
    }
    runs
}

/// A hash of every row, of where shards begin and of how many documents a shard holds: of all
/// that makes the shards what they are. 16 hex digits.
fn content_id(entry_rows: &Rows, document_rows: &Rows, boundaries: &[String], docs_per_shard: usize) -> String {
    let mut hasher = seahash::SeaHasher::new();
    let entry_lines = (0..entry_rows.len()).map(|row| entry_rows.row(row));
    let document_lines = (0..document_rows.len()).map(|row| document_rows.row(row));
    for line in entry_lines.chain(document_lines).chain(boundaries.iter().map(String::as_bytes)) {
        hasher.write(line);
        hasher.write_u8(b'\n');
    }
    hasher.write_usize(docs_per_shard);
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_the_shortest_keys_between_two_shards() {
        assert_eq!(separator("quoc te", "quoc thi"), "quoc th");
        assert_eq!(separator("tin", "tin tac"), "tin ");
        assert_eq!(separator("an", "b"), "b");
        assert_eq!(separator("snow", "snowden"), "snowd");
    }

    #[test]
    fn long_texts_are_cut_at_a_space() {
        assert_eq!(cut("một hai ba", 100), "một hai ba");
        assert_eq!(cut("một hai ba", 6), "một");
        assert_eq!(cut("một hai ba", 7), "một hai");
    }
}
