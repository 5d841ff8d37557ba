//! `search-index.json`, the root of the index: for readers other than the search page (tools,
//! other clients, people), it names the format and where it is documented, and lists every file
//! of the index with what it holds. It holds no index data itself: that is in the shard files,
//! which the search page loads with `<script>` tags, and which a reader of the root can find and
//! read as JSON from what the root says.

use serde::Serialize;

use super::shard::{Index, MANIFEST_PATH, doc_shard_path, term_shard_path, typo_shard_path};
use super::{FORMAT, VERSION};
use crate::date::DateFormats;

/// How to read the index, for someone who has only this file.
const DESCRIPTION: &str = "The search index of this site, prebuilt by dossier. This file is its root and holds \
    no index data: it lists the files that do. Each of them is one line of JavaScript, \
    window.__dossierSearch.register(kind, number, data), so that a web page can load it with a <script> tag, \
    even from disk; its data is JSON: the text after the second comma, without the closing ');'. The manifest \
    is what the search page reads first: how to find a shard, the years of the documents, how scores were made. \
    The term shards hold an object: 'terms', the rows of 'term_row' for the terms whose sort key is at least \
    their 'first' and below the next shard's 'first', and 'slips', the rows of 'slip_row' for the slipped \
    words in that range (a word with a letter dropped or two swapped, and the word it most likely meant, \
    with its document frequency); the document shards hold the rows of 'document_row' \
    (an article's, an array) or objects {page, id, name, aliases, text} (a country's or an actor's page) for documents 'first' \
    to 'last'. Documents are numbered from 0, newest article first, then the countries' and the actors' pages. The typo shards hold the rows of \
    'typo_row' (a typo key and the words filed under it, with their document frequencies) for the keys at \
    least their 'first' and below the next shard's 'first'.";

/// Where the format is explained in full.
const DOCUMENTATION: &str = "docs/search-index.md in the source of dossier: the tokenizer and the sort keys, the \
    rows, the posting encoding, the scores and how a query is answered";

/// A term shard: the entries and slips whose sort key is at least `first`, up to the next
/// shard's.
#[derive(Serialize)]
struct TermShard<'a> {
    first: &'a str,
    terms: usize,
    slips: usize,
    file: String,
}

/// A typo shard: the typo keys that are at least `first`, up to the next shard's.
#[derive(Serialize)]
struct TypoShard<'a> {
    first: &'a str,
    keys: usize,
    file: String,
}

/// A document shard: documents `first` to `last`.
#[derive(Serialize)]
struct DocShard {
    first: usize,
    last: usize,
    file: String,
}

/// The root of `index`: one line per field and per shard, so that it reads well.
pub fn json(index: &Index, dates: &DateFormats) -> Vec<u8> {
    let manifest = &index.manifest;
    let mut text = String::from("{");
    push_field(&mut text, "format", &FORMAT);
    push_field(&mut text, "version", &VERSION);
    push_field(&mut text, "description", &DESCRIPTION);
    push_field(&mut text, "documentation", &DOCUMENTATION);
    push_field(&mut text, "id", &manifest.id);
    push_field(&mut text, "documents", &manifest.documents);
    push_field(&mut text, "manifest", &MANIFEST_PATH);
    push_field(&mut text, "term_row", &["term", "df", "scale", "postings"]);
    push_field(
        &mut text,
        "document_row",
        &["slug", "title", "date", "source", "actors", "countries", "summary", "text"],
    );
    push_field(&mut text, "slip_row", &["key", "word", "df"]);
    push_field(&mut text, "typo_row", &["key", "words"]);
    push_field(&mut text, "fields", &manifest.fields);
    push_field(&mut text, "scoring", &manifest.scoring);
    push_field(&mut text, "ranking", &manifest.ranking);
    push_field(&mut text, "urls", &manifest.urls);
    push_field(&mut text, "keys", &manifest.keys);
    push_field(&mut text, "dates", dates);
    let term_shards = manifest.term_shards.iter().enumerate().map(|(number, first)| TermShard {
        first,
        terms: index.shard_entries(number).len(),
        slips: index.shard_slips(number).len(),
        file: term_shard_path(number),
    });
    push_table(&mut text, "term_shards", term_shards);
    let doc_shards = (0..manifest.doc_shards).map(|number| {
        let documents = index.doc_shard_range(number);
        DocShard { first: documents.start, last: documents.end - 1, file: doc_shard_path(number) }
    });
    push_table(&mut text, "doc_shards", doc_shards);
    let typo_shards = manifest.typo_shards.iter().enumerate().map(|(number, first)| TypoShard {
        first,
        keys: index.typo_shard_rows(number).len(),
        file: typo_shard_path(number),
    });
    push_table(&mut text, "typo_shards", typo_shards);
    text.push_str("\n}\n");
    text.into_bytes()
}

/// Adds `"name": value` to the object being written, on a line of its own.
fn push_field(text: &mut String, name: &str, value: &impl Serialize) {
    push_name(text, name);
    text.push_str(&to_json(value));
}

/// Adds `"name": [rows]` to the object being written, one row per line.
fn push_table<T: Serialize>(text: &mut String, name: &str, rows: impl Iterator<Item = T>) {
    push_name(text, name);
    text.push('[');
    for (index, row) in rows.enumerate() {
        text.push_str(if index == 0 { "\n    " } else { ",\n    " });
        text.push_str(&to_json(&row));
    }
    text.push_str("\n  ]");
}

fn push_name(text: &mut String, name: &str) {
    text.push_str(if text.len() > 1 { ",\n  " } else { "\n  " });
    text.push_str(&to_json(&name));
    text.push_str(": ");
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("strings and numbers always serialize")
}
