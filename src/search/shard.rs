//! The index as files. [`Index`] holds the sorted entries and the document records; it cuts them
//! into shards and writes:
//!
//! - `search/index.js`: the manifest, small, loaded by every search;
//! - `search/terms/<n>.js`: the entries whose sort key falls in shard `n`'s range, and the slips
//!   (see [`super::typo`]) whose key does;
//! - `search/docs/<n>.js`: what results show of documents `n * docs_per_shard` onwards;
//! - `search/typos/<n>.js`: the typo keys (see [`super::typo`]) whose range is shard `n`'s;
//! - `search-index.json`: the root, which says where all of these are (see [`super::root`]).
//!
//! Each `.js` file is one call, `window.__dossierSearch.register(kind, number, data)`, with JSON
//! for `data`: a `<script>` tag can load it where `fetch()` cannot (file://).

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;

use super::budget::{self, Sample, Sizes};
use super::fields::{Field, Source, sources};
use super::invert::{self, Entry, KEYS, Keys, sort_key};
use super::ranking::{FieldWeight, RANKING, Ranking, SCORING, Scoring, field_weight};
use super::typo::{self, Slip, TypoRow};
use super::{FORMAT, VERSION, root};
use crate::date::DateFormats;
use crate::file::OutputFile;
use crate::model::{Archive, Article};
use crate::urls;

/// The year of the documents that are not articles, in the manifest's `years`.
const ENTITY_YEAR: i16 = 0;
/// A term shard stops growing past this size (a single term may still make it bigger).
const TERM_SHARD_TARGET_BYTES: usize = 24 * 1024;
/// The text kept for snippets; a match further into a longer article shows the summary.
const MAX_TEXT_CHARS: usize = 6000;
/// Entries and documents are hashed in parallel, this many per task.
const ROWS_PER_TASK: usize = 1024;

pub const ROOT_PATH: &str = "search-index.json";
pub const MANIFEST_PATH: &str = "search/index.js";

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
    /// Where each typo shard begins, as `term_shards` do, by typo key.
    pub typo_shards: Vec<String>,
    /// Runs of documents of the same year, as `[first document, year]`: the year filter counts
    /// every result without loading its document.
    pub years: Vec<(u32, i16)>,
    pub fields: Vec<FieldWeight>,
    pub scoring: Scoring,
    /// How the client adds scores up: the constants [`super::query`] ranks with.
    pub ranking: Ranking,
    /// Where the client links results and chips to.
    pub urls: Urls,
    /// How the index spells the keys that are not words (bigrams, filters).
    pub keys: Keys,
}

/// The manifest as shipped: with how the client shows a result's date, as the theme's pages do
/// (made by render from the templates, so it is given when the files are written).
#[derive(Serialize)]
struct Shipped<'a> {
    #[serde(flatten)]
    manifest: &'a Manifest,
    dates: &'a DateFormats,
}

/// The pages a result links to, as render names them, with `{slug}` or `{id}` for the article's
/// slug or the actor's or country's id; relative to the site root, ending in `/`.
#[derive(Clone, Debug, Serialize)]
pub struct Urls {
    pub article: String,
    pub actor: String,
    pub country: String,
    /// The query parameter an article is opened with to mark the query's words in it.
    pub highlight: &'static str,
}

impl Urls {
    fn of_pages() -> Urls {
        Urls {
            article: urls::article("{slug}"),
            actor: urls::actor("{id}"),
            country: urls::country("{id}"),
            highlight: urls::HIGHLIGHT,
        }
    }
}

/// What a result shows of a document, borrowed from the model: an article's row is an array,
/// an actor's or a country's page's an object (docs/search-index.md).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Document<'a> {
    Article(ArticleDocument<'a>),
    Entity(EntityDocument<'a>),
}

/// What a result shows of an actor's or a country's page: its names, so that it can say which
/// alias matched, and its description, for a passage when neither did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityDocument<'a> {
    /// `actor` or `country`: the key of its page's pattern in the manifest's `urls`.
    pub page: &'static str,
    pub id: &'a str,
    pub name: &'a str,
    /// An actor's aliases; a country's English name.
    pub aliases: Vec<&'a str>,
    /// The description's plain text, cut as an article's text is; empty without one.
    pub text: &'a str,
}

impl<'a> Document<'a> {
    fn new(archive: &'a Archive, source: Source) -> Document<'a> {
        match source {
            Source::Article(id) => Document::Article(ArticleDocument::new(archive, archive.article(id))),
            Source::Actor(id) => {
                let actor = archive.actor(id);
                let aliases = actor.aliases.iter().map(String::as_str).collect();
                let text = entity_text(actor.description_text.as_deref());
                Document::Entity(EntityDocument { page: "actor", id: &actor.id, name: &actor.name, aliases, text })
            }
            Source::Country(id) => {
                let country = archive.country(id);
                let aliases = vec![country.name_en.as_str()];
                let text = entity_text(country.description_text.as_deref());
                Document::Entity(EntityDocument {
                    page: "country",
                    id: &country.id,
                    name: &country.name,
                    aliases,
                    text,
                })
            }
        }
    }

    pub fn article(&self) -> Option<&ArticleDocument<'a>> {
        match self {
            Document::Article(article) => Some(article),
            Document::Entity(_) => None,
        }
    }

    /// What names the document in messages and tests: an article's slug, `actor:<id>`,
    /// `country:<code>`.
    pub fn label(&self) -> String {
        match self {
            Document::Article(article) => article.slug.to_owned(),
            Document::Entity(entity) => format!("{}:{}", entity.page, entity.id),
        }
    }

    fn write_row(&self, out: &mut Vec<u8>) {
        match self {
            Document::Article(article) => article.write_row(out),
            Document::Entity(entity) => {
                serde_json::to_writer(out, entity).expect("strings and lists of strings always serialize")
            }
        }
    }

    /// About the size of the document's row.
    pub(super) fn estimated_size(&self) -> usize {
        match self {
            Document::Article(article) => article.estimated_size(),
            Document::Entity(entity) => {
                entity.id.len()
                    + entity.name.len()
                    + entity.aliases.iter().map(|alias| alias.len() + 3).sum::<usize>()
                    + entity.text.len()
                    + 56
            }
        }
    }

    fn hash(&self, hasher: &mut impl Hasher) {
        match self {
            Document::Article(article) => article.hash(hasher),
            Document::Entity(entity) => {
                let texts = [entity.page, entity.id, entity.name, entity.text].into_iter();
                for text in texts.chain(entity.aliases.iter().copied()) {
                    hasher.write(text.as_bytes());
                    hasher.write_u8(0xff);
                }
            }
        }
    }
}

/// What a result shows of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDocument<'a> {
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

impl<'a> ArticleDocument<'a> {
    fn new(archive: &'a Archive, article: &'a Article) -> ArticleDocument<'a> {
        ArticleDocument {
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

    /// About the size of the article's row: its texts and the punctuation around them.
    fn estimated_size(&self) -> usize {
        let pairs = |pairs: &[(&str, &str)]| pairs.iter().map(|(id, name)| id.len() + name.len() + 8).sum::<usize>();
        let texts = [self.slug, self.title, &self.date, self.source, self.summary, self.text];
        texts.iter().map(|text| text.len() + 3).sum::<usize>() + pairs(&self.actors) + pairs(&self.countries) + 6
    }

    fn hash(&self, hasher: &mut impl Hasher) {
        let pairs = self.actors.iter().chain(&self.countries).flat_map(|(id, name)| [id, name]);
        let texts = [self.slug, self.title, &self.date, self.source, self.summary, self.text];
        for text in texts.iter().chain(pairs) {
            hasher.write(text.as_bytes());
            hasher.write_u8(0xff);
        }
    }
}

fn entity_text(description: Option<&str>) -> &str {
    cut(description.unwrap_or_default(), MAX_TEXT_CHARS)
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

fn write_typo_row(row: &TypoRow, out: &mut Vec<u8>) {
    serde_json::to_writer(out, &(&row.key, &row.words)).expect("strings and numbers always serialize");
}

pub fn estimated_typo_row_size(row: &TypoRow) -> usize {
    row.key.len() + row.words.iter().map(|(word, _)| word.len() + 10).sum::<usize>() + 8
}

fn write_slip_row(slip: &Slip, out: &mut Vec<u8>) {
    serde_json::to_writer(out, &(&slip.key, &slip.word, slip.df)).expect("strings and numbers always serialize");
}

/// About the size of a slip's row, with a short `df` and its comma.
pub(super) fn estimated_slip_size(slip: &Slip) -> usize {
    slip.key.len() + slip.word.len() + 14
}

fn write_entry_row(entry: &Entry, out: &mut Vec<u8>) {
    let row = (&entry.term, entry.df, entry.scale, &entry.postings);
    serde_json::to_writer(out, &row).expect("strings and finite numbers always serialize");
}

/// About the size of an entry's row, with a short `df` and `scale` and its comma.
pub(super) fn estimated_entry_size(entry: &Entry) -> usize {
    entry.term.len() + entry.postings.len() + 17
}

fn hash_entry(entry: &Entry, hasher: &mut impl Hasher) {
    hasher.write(entry.term.as_bytes());
    hasher.write_u32(entry.df);
    hasher.write_u64(entry.scale.to_bits());
    hasher.write(entry.postings.as_bytes());
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
    /// Sorted by key.
    pub typo_rows: Vec<TypoRow>,
    /// The rows of each typo shard.
    typo_shards: Vec<Range<usize>>,
    /// Sorted by key.
    slips: Vec<Slip>,
    /// The slips of each term shard.
    slip_shards: Vec<Range<usize>>,
    /// What the sample searches download: to size the document shards and report the budget.
    pub(super) samples: Vec<Sample>,
}

impl<'a> Index<'a> {
    pub fn build(archive: &'a Archive) -> Index<'a> {
        let entries = invert::entries(archive);
        let documents: Vec<Document> =
            sources(archive).into_par_iter().map(|source| Document::new(archive, source)).collect();
        let term_shards = term_shard_ranges(&entries);
        let typo_rows = typo::rows(&entries);
        let typo_shards = shard_ranges(&typo_rows, |a, b| a.key == b.key, estimated_typo_row_size);
        let typo_boundaries = boundaries(&typo_rows, &typo_shards, |row| row.key.clone());
        let slips = typo::slips(&entries, &typo_rows);
        let term_boundaries = boundaries(&entries, &term_shards, |entry| sort_key(&entry.term));
        let slip_shards = ranges_by_boundary(&slips, &term_boundaries, |slip| &slip.key);
        let manifest = Manifest {
            format: FORMAT,
            version: VERSION,
            id: String::new(),
            documents: documents.len(),
            docs_per_shard: 1,
            doc_shards: documents.len(),
            term_shards: term_boundaries,
            typo_shards: typo_boundaries,
            years: year_runs(archive),
            fields: Field::ALL.map(field_weight).to_vec(),
            scoring: SCORING,
            ranking: RANKING,
            urls: Urls::of_pages(),
            keys: KEYS,
        };
        let mut index = Index {
            manifest,
            entries,
            documents,
            term_shards,
            typo_rows,
            typo_shards,
            slips,
            slip_shards,
            samples: Vec::new(),
        };
        // The sample searches rank with the term shards alone; their first pages then say how
        // many documents a shard may hold.
        index.samples = budget::samples(&index);
        let per_shard = budget::docs_per_shard(&index);
        index.manifest.docs_per_shard = per_shard;
        index.manifest.doc_shards = index.documents.len().div_ceil(per_shard);
        index.manifest.id = content_id(&index);
        index
    }

    /// The term shard whose range holds `key`.
    pub fn shard_of(&self, key: &str) -> usize {
        shard_holding(&self.manifest.term_shards, key)
    }

    /// The typo shard whose range holds the typo key `key`.
    pub fn typo_shard_of(&self, key: &str) -> usize {
        shard_holding(&self.manifest.typo_shards, key)
    }

    /// The rows of typo shard `shard`.
    pub fn typo_shard_rows(&self, shard: usize) -> &[TypoRow] {
        self.typo_shards.get(shard).map_or(&[], |range| &self.typo_rows[range.clone()])
    }

    /// The entries of term shard `shard`.
    pub fn shard_entries(&self, shard: usize) -> &[Entry] {
        self.term_shards.get(shard).map_or(&[], |range| &self.entries[range.clone()])
    }

    /// The slips of term shard `shard`.
    pub fn shard_slips(&self, shard: usize) -> &[Slip] {
        self.slip_shards.get(shard).map_or(&[], |range| &self.slips[range.clone()])
    }

    /// The slip filed under `key`, a folded query word, in the term shard that holds it.
    pub fn slip(&self, key: &str) -> Option<&Slip> {
        let slips = self.shard_slips(self.shard_of(key));
        slips.binary_search_by(|slip| slip.key.as_str().cmp(key)).ok().map(|at| &slips[at])
    }

    pub fn term_shard_count(&self) -> usize {
        self.term_shards.len()
    }

    /// The documents of document shard `shard`.
    pub fn doc_shard_range(&self, shard: usize) -> Range<usize> {
        let per_shard = self.manifest.docs_per_shard;
        shard * per_shard..((shard + 1) * per_shard).min(self.documents.len())
    }

    /// Makes every file of the index and hands each to `sink` as soon as it is made, so that they
    /// are never all held at once; `dates` is how the client words a result's date. Returns what
    /// each file weighs, for the budget.
    pub fn write(&self, dates: &DateFormats, sink: &(dyn Fn(OutputFile) + Sync)) -> FileSizes {
        let made = |file: OutputFile| {
            let size = (file.path.clone(), file.bytes.len() as u64);
            sink(file);
            size
        };
        let term_files = self.term_shards.par_iter().enumerate().map(|(number, range)| {
            let mut data = br#"{"terms":"#.to_vec();
            data.extend(json_array(&self.entries[range.clone()], write_entry_row));
            data.extend(br#","slips":"#);
            data.extend(json_array(self.shard_slips(number), write_slip_row));
            data.push(b'}');
            made(script_file(term_shard_path(number), "terms", number, &data))
        });
        let doc_files = (0..self.manifest.doc_shards).into_par_iter().map(|number| {
            let data = json_array(&self.documents[self.doc_shard_range(number)], Document::write_row);
            made(script_file(doc_shard_path(number), "docs", number, &data))
        });
        let typo_files = self.typo_shards.par_iter().enumerate().map(|(number, range)| {
            let data = json_array(&self.typo_rows[range.clone()], write_typo_row);
            made(script_file(typo_shard_path(number), "typos", number, &data))
        });
        let mut sizes: BTreeMap<String, u64> = term_files.chain(doc_files).chain(typo_files).collect();
        let shipped = Shipped { manifest: &self.manifest, dates };
        let manifest = serde_json::to_vec(&shipped).expect("a manifest of strings and numbers always serializes");
        sizes.extend([
            made(script_file(MANIFEST_PATH.to_owned(), "manifest", 0, &manifest)),
            made(OutputFile { path: ROOT_PATH.to_owned(), bytes: root::json(self, dates) }),
        ]);
        FileSizes(sizes)
    }

    /// Every file of the index, sorted by path (what [`Index::write`] hands on, kept).
    pub fn files(&self, dates: &DateFormats) -> Vec<OutputFile> {
        let files = Mutex::new(Vec::new());
        self.write(dates, &|file| files.lock().unwrap_or_else(PoisonError::into_inner).push(file));
        let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// What the files of this index weigh, and what a typical search downloads.
    pub fn sizes(&self, files: &FileSizes) -> Sizes {
        budget::sizes(self, files)
    }
}

/// What each file of an index weighs, by path.
#[derive(Debug, Default)]
pub struct FileSizes(BTreeMap<String, u64>);

impl FileSizes {
    /// What the file at `path` weighs; 0 when the index has none there.
    pub fn get(&self, path: &str) -> u64 {
        self.0.get(path).copied().unwrap_or_default()
    }

    /// All the files together.
    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

pub fn term_shard_path(number: usize) -> String {
    format!("search/terms/{number}.js")
}

pub fn doc_shard_path(number: usize) -> String {
    format!("search/docs/{number}.js")
}

pub fn typo_shard_path(number: usize) -> String {
    format!("search/typos/{number}.js")
}

/// The shard of `boundaries` whose range holds `key`: the last whose boundary is not greater.
fn shard_holding(boundaries: &[String], key: &str) -> usize {
    boundaries.partition_point(|first| first.as_str() <= key).saturating_sub(1)
}

/// `items` as a JSON array of their rows.
fn json_array<T>(items: &[T], write_row: impl Fn(&T, &mut Vec<u8>)) -> Vec<u8> {
    let mut data = vec![b'['];
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            data.push(b',');
        }
        write_row(item, &mut data);
    }
    data.push(b']');
    data
}

fn script_file(path: String, kind: &str, number: usize, data: &[u8]) -> OutputFile {
    let head = format!("window.__dossierSearch.register(\"{kind}\",{number},");
    OutputFile { path, bytes: [head.as_bytes(), data, b");\n"].concat() }
}

/// The entries of each term shard. Entries with the same sort key (a folded word and its
/// spellings) always share a shard: the client finds them all by looking up one key.
fn term_shard_ranges(entries: &[Entry]) -> Vec<Range<usize>> {
    shard_ranges(entries, |a, b| a.sort_order() == b.sort_order(), estimated_entry_size)
}

/// Consecutive rows, cut before a shard would pass [`TERM_SHARD_TARGET_BYTES`]; a run of rows
/// that are `together` is never cut.
fn shard_ranges<T>(rows: &[T], together: impl Fn(&T, &T) -> bool, size_of: impl Fn(&T) -> usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut size = 0;
    let mut index = 0;
    while index < rows.len() {
        let group_end = index + rows[index..].iter().take_while(|row| together(&rows[index], row)).count();
        let group_size: usize = rows[index..group_end].iter().map(&size_of).sum();
        if size > 0 && size + group_size > TERM_SHARD_TARGET_BYTES {
            ranges.push(start..index);
            start = index;
            size = 0;
        }
        size += group_size;
        index = group_end;
    }
    ranges.push(start..rows.len());
    ranges
}

/// The rows of `rows`, sorted by key, that fall in each range of `boundaries` (as
/// [`shard_holding`] places a key).
fn ranges_by_boundary<T>(rows: &[T], boundaries: &[String], key_of: impl Fn(&T) -> &str) -> Vec<Range<usize>> {
    let starts: Vec<usize> = boundaries
        .iter()
        .enumerate()
        .map(|(number, first)| match number {
            0 => 0,
            _ => rows.partition_point(|row| key_of(row) < first.as_str()),
        })
        .collect();
    starts.iter().zip(starts.iter().skip(1).chain([&rows.len()])).map(|(&start, &end)| start..end).collect()
}

/// The first key of each shard, shortened to the shortest beginning that still sorts after the
/// last key of the shard before (a key belongs to the last shard whose first key is not
/// greater): at 100,000 articles this halves the manifest.
fn boundaries<T>(rows: &[T], shards: &[Range<usize>], key_of: impl Fn(&T) -> String) -> Vec<String> {
    shards
        .iter()
        .enumerate()
        .map(|(number, range)| match number {
            0 => String::new(),
            _ => separator(&key_of(&rows[range.start - 1]), &key_of(&rows[range.start])),
        })
        .collect()
}

/// The shortest beginning of `first` that sorts after `previous`, given that `first` does.
fn separator(previous: &str, first: &str) -> String {
    let mut prefixes = first.char_indices().map(|(at, c)| &first[..at + c.len_utf8()]);
    prefixes.find(|prefix| *prefix > previous).unwrap_or(first).to_owned()
}

/// Runs of articles of one year, then one of year 0 for the countries' and actors' pages, which
/// have none (a year filter leaves them out).
fn year_runs(archive: &Archive) -> Vec<(u32, i16)> {
    let mut runs: Vec<(u32, i16)> = Vec::new();
    for (doc, article) in archive.articles.iter().enumerate() {
        if runs.last().is_none_or(|&(_, year)| year != article.date.year) {
            runs.push((doc as u32, article.date.year));
        }
    }
    if !archive.actors.is_empty() || !archive.countries.is_empty() {
        runs.push((archive.articles.len() as u32, ENTITY_YEAR));
    }
    runs
}

/// A hash of the format's version, of every entry, slip, typo row and document, of where term
/// shards begin and of how many documents a shard holds: of all that makes the shards what they
/// are. 16 hex digits.
fn content_id(index: &Index) -> String {
    let Index { entries, documents, slips, typo_rows, .. } = index;
    let entry_hashes = entries.par_chunks(ROWS_PER_TASK).map(|block| {
        let mut hasher = seahash::SeaHasher::new();
        block.iter().for_each(|entry| hash_entry(entry, &mut hasher));
        hasher.finish()
    });
    let document_hashes = documents.par_chunks(ROWS_PER_TASK).map(|block| {
        let mut hasher = seahash::SeaHasher::new();
        block.iter().for_each(|document| document.hash(&mut hasher));
        hasher.finish()
    });
    let hashes: Vec<u64> = entry_hashes.chain(document_hashes).collect();
    let mut hasher = seahash::SeaHasher::new();
    hasher.write_u32(VERSION);
    hashes.iter().for_each(|hash| hasher.write_u64(*hash));
    let typo_words = typo_rows.iter().flat_map(|row| row.words.iter().map(move |(word, df)| (&row.key, word, *df)));
    let slip_words = slips.iter().map(|slip| (&slip.key, &slip.word, slip.df));
    for (key, word, df) in typo_words.chain(slip_words) {
        hasher.write(key.as_bytes());
        hasher.write_u8(0xff);
        hasher.write(word.as_bytes());
        hasher.write_u32(df);
    }
    for boundary in &index.manifest.term_shards {
        hasher.write(boundary.as_bytes());
        hasher.write_u8(0xff);
    }
    hasher.write_usize(index.manifest.docs_per_shard);
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
