//! `dossier-bench quality`: how well search finds a known document when it is typed as readers
//! type, measured as MRR@10 over three variants of each query: clean, with one typo, and with
//! diacritics on some words only.
//!
//! The documents are real Vietnamese text that Debian installs: the Vietnamese translations
//! (`/usr/share/locale/vi/LC_MESSAGES/<domain>.mo`) of the packages in [`DOMAINS`], which a Debian
//! system has (coreutils, apt, dpkg, bash, …). Each translated message of a few words becomes the
//! title of a document whose text is the messages after it. The archive is the default archive's
//! first article again and again with these titles and texts, ranked by `dossier::search::query`,
//! the reference of the client's ranking. The query of a document is its title's first words;
//! the variants are made from it deterministically (see [`typo`] and [`mixed`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use dossier::model::Archive;
use dossier::search::tokenize::fold;
use dossier::search::{Index, query};

/// The translation domains read, in this order; those missing on this system are skipped.
const DOMAINS: &[&str] = &[
    "apt",
    "bash",
    "coreutils",
    "diffutils",
    "dpkg",
    "findutils",
    "gettext-tools",
    "git",
    "glib20",
    "grep",
    "gtk30",
    "make",
    "man-db",
    "sed",
    "tar",
    "wget",
];
/// A title has this many words, or more; its query is its first [`QUERY_WORDS`].
const MIN_TITLE_WORDS: usize = 4;
const MAX_TITLE_WORDS: usize = 12;
const QUERY_WORDS: usize = 3;
/// How many messages after a title make the document's text.
const TEXT_MESSAGES: usize = 6;
/// Results counted: a target further down scores 0.
const CUT: usize = 10;

/// The variants of a query, as the report names them.
const VARIANTS: [&str; 3] = ["clean", "one typo", "mixed diacritics"];

pub fn run(locale_dir: &Path, documents: usize) -> Result<()> {
    let messages = messages(locale_dir)?;
    let pairs = title_and_texts(&messages, documents);
    if pairs.is_empty() {
        bail!("no Vietnamese messages found under {}", locale_dir.display());
    }
    let archive = archive_of(&pairs)?;
    let index = Index::build(&archive);
    let mut sums = [0.0; 3];
    for (doc, (title, _)) in pairs.iter().enumerate() {
        let clean = query_of(title);
        let variants = [clean.clone(), typo(&clean, doc), mixed(&clean)];
        for (sum, text) in sums.iter_mut().zip(&variants) {
            *sum += reciprocal_rank(&index, text, doc as u32);
        }
    }
    println!("search quality: {} documents from {}, MRR@{CUT}", pairs.len(), locale_dir.display());
    for (name, sum) in VARIANTS.iter().zip(sums) {
        println!("  {name:<17} {:.3}", sum / pairs.len() as f64);
    }
    Ok(())
}

/// 1 / the rank of `target` among the first [`CUT`] results of `text`; 0 when it is not there.
fn reciprocal_rank(index: &Index, text: &str, target: u32) -> f64 {
    let (hits, _) = query::rank(index, text);
    hits.iter().take(CUT).position(|hit| hit.doc == target).map_or(0.0, |at| 1.0 / (at + 1) as f64)
}

/// Every translated message of [`DOMAINS`] under `dir`, in file order, with single spaces.
fn messages(dir: &Path) -> Result<Vec<String>> {
    let mut all = Vec::new();
    for domain in DOMAINS {
        let path: PathBuf = dir.join(format!("{domain}.mo"));
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let translations = mo_translations(&bytes).with_context(|| format!("reading {}", path.display()))?;
        all.extend(translations.into_iter().map(|text| text.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    Ok(all)
}

/// The translations of a GNU `.mo` file: a header of 32-bit numbers (magic, revision, count,
/// offset of the originals' table, offset of the translations' table), then tables of (length,
/// offset) pairs.
fn mo_translations(bytes: &[u8]) -> Result<Vec<String>> {
    let word = |at: usize, little: bool| -> Result<usize> {
        let four: [u8; 4] = bytes.get(at..at + 4).context("truncated .mo file")?.try_into()?;
        Ok(if little { u32::from_le_bytes(four) } else { u32::from_be_bytes(four) } as usize)
    };
    let little = match word(0, true)? {
        0x950412de => true,
        0xde120495 => false,
        _ => bail!("not a .mo file"),
    };
    let count = word(8, little)?;
    let table = word(16, little)?;
    let mut texts = Vec::with_capacity(count);
    for number in 0..count {
        let length = word(table + number * 8, little)?;
        let offset = word(table + number * 8 + 4, little)?;
        let text = bytes.get(offset..offset + length).context("a translation past the end of the file")?;
        // Plural forms are separated by NUL; the first is the singular.
        let first = text.split(|&byte| byte == 0).next().unwrap_or_default();
        texts.push(String::from_utf8_lossy(first).into_owned());
    }
    Ok(texts)
}

/// Up to `documents` (title, text) pairs: each message of a title's length with letters outside
/// ASCII (so Vietnamese, not an untranslated command name), and the messages after it.
fn title_and_texts(messages: &[String], documents: usize) -> Vec<(String, String)> {
    let mut seen = std::collections::BTreeSet::new();
    messages
        .iter()
        .enumerate()
        .filter(|(_, text)| {
            let words = text.split(' ').count();
            (MIN_TITLE_WORDS..=MAX_TITLE_WORDS).contains(&words) && !text.is_ascii() && !text.contains('%')
        })
        .filter(|(_, text)| seen.insert(query_of(text)))
        .take(documents)
        .map(|(at, title)| {
            (title.clone(), messages[at + 1..].iter().take(TEXT_MESSAGES).cloned().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

/// The default archive's first article, once per pair, with its title and text.
fn archive_of(pairs: &[(String, String)]) -> Result<Archive> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut archive = dossier::check(&root).archive.context("the default archive has a configuration")?;
    let template = archive.articles.first().context("the default archive has articles")?.clone();
    archive.articles = pairs
        .iter()
        .enumerate()
        .map(|(number, (title, text))| {
            let mut article = template.clone();
            article.slug = format!("doc-{number}");
            article.title = title.clone();
            article.summary = String::new();
            article.body = text.as_str().into();
            article.text = text.as_str().into();
            article.actors.clear();
            article.countries.clear();
            article.claims.clear();
            article.notes.clear();
            article.marks.clear();
            article.tags.clear();
            article
        })
        .collect();
    Ok(archive)
}

/// The first [`QUERY_WORDS`] words of `title`, lowercase, without punctuation.
fn query_of(title: &str) -> String {
    let words: Vec<String> =
        dossier::search::tokenize::tokens(title).into_iter().take(QUERY_WORDS).map(|token| token.exact).collect();
    words.join(" ")
}

/// `query` with one slip in its longest word of five letters or more (the first such when
/// several): letters swapped, one dropped or one doubled, by turns with the document number.
/// A query without such a word is left as it is.
fn typo(query: &str, doc: usize) -> String {
    let mut words: Vec<String> = query.split(' ').map(str::to_owned).collect();
    let Some(longest) = (0..words.len())
        .filter(|&at| words[at].chars().count() >= 5)
        .max_by_key(|&at| (words[at].chars().count(), std::cmp::Reverse(at)))
    else {
        return query.to_owned();
    };
    let mut chars: Vec<char> = words[longest].chars().collect();
    let at = 1 + doc % (chars.len() - 2);
    match doc % 3 {
        0 => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        _ => chars.insert(at, chars[at]),
    }
    words[longest] = chars.into_iter().collect();
    words.join(" ")
}

/// `query` with the diacritics of every other word removed (the second, the fourth, …).
fn mixed(query: &str) -> String {
    let words: Vec<String> =
        query.split(' ').enumerate().map(|(at, word)| if at % 2 == 1 { fold(word) } else { word.to_owned() }).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variants_are_made_alike_every_time() {
        assert_eq!(typo("chiến dịch", 0), "cihến dịch");
        assert_eq!(typo("chiến dịch", 1), "chến dịch");
        assert_eq!(typo("chiến dịch", 2), "chiếến dịch");
        assert_eq!(typo("tấn công", 2), "tấn công");
        assert_eq!(mixed("tấn công mạng quốc"), "tấn cong mạng quoc");
    }
}
