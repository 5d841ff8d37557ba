//! Citations of the archive's articles, for readers and citation managers: `data/citations.json`
//! (CSL-JSON, which Zotero, pandoc and citeproc read) and each article's BibTeX entry, which its
//! page shows to copy. Both cite the article as published (its source, date and address); the
//! reference formatted for reading is worded by the templates (`citation` in
//! `templates/components.html`) from the article's view. Nothing here depends on the time of the
//! build: no access date.

use serde::Serialize;

use crate::date::PartialDate;
use crate::file::OutputFile;
use crate::model::{Archive, Article};
use crate::urls;

/// The CSL type of every article: a newspaper's article, print or online.
const CSL_TYPE: &str = "article-newspaper";

/// BibTeX's month macros, which styles word in the document's language.
const BIBTEX_MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// One article as a CSL-JSON item (CSL 1.0.2 data schema).
#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    item_type: &'static str,
    title: &'a str,
    #[serde(rename = "container-title")]
    container_title: &'a str,
    issued: CslDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<[CslName<'a>; 1]>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    language: &'a str,
    /// The archive that keeps and annotates it, and its page there when the site has an address.
    archive: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_location: Option<String>,
}

/// A date with only the parts that are known: `[[2021, 7]]` for July 2021.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i16>; 1],
}

impl CslDate {
    fn of(date: PartialDate) -> CslDate {
        let parts = [Some(date.year), date.month.map(i16::from), date.day.map(i16::from)];
        CslDate { date_parts: [parts.into_iter().flatten().collect()] }
    }
}

/// A name kept whole, as the article gives it: CSL splits no Vietnamese name into given and family.
#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// The absolute address of an article's page, when the site has one.
fn page_address(archive: &Archive, article: &Article) -> Option<String> {
    let base = archive.config.base_url.as_deref()?;
    Some(format!("{base}/{}", urls::article(&article.slug)))
}

fn csl_item<'a>(archive: &'a Archive, article: &'a Article) -> CslItem<'a> {
    CslItem {
        id: &article.slug,
        item_type: CSL_TYPE,
        title: &article.title,
        container_title: &article.source,
        issued: CslDate::of(article.date),
        author: article.author.as_deref().map(|literal| [CslName { literal }]),
        url: article.url.as_deref(),
        language: &archive.config.language,
        archive: &archive.config.title,
        archive_location: page_address(archive, article),
    }
}

/// `data/citations.json`: every article as a CSL-JSON item, in the archive's order (newest
/// first), under its slug as id.
pub fn file(archive: &Archive) -> OutputFile {
    let items: Vec<CslItem> = archive.articles.iter().map(|article| csl_item(archive, article)).collect();
    let mut bytes =
        serde_json::to_vec_pretty(&items).expect("CSL items are strings and numbers, which always serialise");
    bytes.push(b'\n');
    OutputFile { path: urls::CITATIONS.to_owned(), bytes }
}

/// The article's BibTeX entry, keyed by its slug (lowercase letters, digits and `-`, so a valid
/// and stable key). Text fields are escaped for LaTeX and braced so that styles keep their case;
/// the date is given as BibTeX reads it (`year`, `month`) and as biblatex does (`date`).
pub fn bibtex(article: &Article) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(author) = &article.author {
        fields.push(("author", format!("{{{{{}}}}}", latex(author))));
    }
    fields.push(("title", format!("{{{{{}}}}}", latex(&article.title))));
    fields.push(("journal", format!("{{{}}}", latex(&article.source))));
    fields.push(("year", format!("{{{}}}", article.date.year)));
    if let Some(month) = article.date.month {
        fields.push(("month", BIBTEX_MONTHS[(month - 1) as usize].to_owned()));
    }
    fields.push(("date", format!("{{{}}}", article.date.iso())));
    if let Some(url) = &article.url {
        fields.push(("url", format!("{{{}}}", bibtex_url(url))));
    }
    let body: String = fields.iter().map(|(name, value)| format!("  {name} = {value},\n")).collect();
    format!("@article{{{},\n{body}}}\n", article.slug)
}

/// `text` with the characters LaTeX gives a meaning written as literal characters.
fn latex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' | '}' | '$' | '&' | '%' | '#' | '_' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '^' => escaped.push_str("\\textasciicircum{}"),
            '~' => escaped.push_str("\\textasciitilde{}"),
            '\n' | '\r' | '\t' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// An address as a `url` field holds it, verbatim but for what would unbalance the entry or
/// break a line: braces, backslashes and white space, percent-encoded as a browser would.
fn bibtex_url(url: &str) -> String {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' | '}' | '\\' | ' ' | '\n' | '\r' | '\t' => encoded.push_str(&format!("%{:02X}", c as u32)),
            _ => encoded.push(c),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, date: &str, url: Option<&str>) -> Article {
        Article {
            slug: "tin-tac".to_owned(),
            title: title.to_owned(),
            date: PartialDate::parse(date).unwrap(),
            source: "Tuổi Trẻ & Đời sống".to_owned(),
            url: url.map(str::to_owned),
            author: Some("Minh Anh".to_owned()),
            summary: String::new(),
            body: "".into(),
            text: "".into(),
            actors: Vec::new(),
            countries: Vec::new(),
            tags: Vec::new(),
            supplied: Vec::new(),
            draft: false,
            claims: Vec::new(),
            notes: Vec::new(),
            marks: Vec::new(),
        }
    }

    #[test]
    fn latex_specials_are_escaped_and_braces_stay_balanced() {
        let entry = bibtex(&article("50% của {APT_32} #1 ~ $ \\ ^", "2020-04-23", None));
        assert!(
            entry.contains(
                r"title = {{50\% của \{APT\_32\} \#1 \textasciitilde{} \$ \textbackslash{} \textasciicircum{}}},"
            ),
            "{entry}"
        );
        assert!(entry.contains(r"journal = {Tuổi Trẻ \& Đời sống},"), "{entry}");
        let depth = entry.replace("\\{", "").replace("\\}", "").chars().try_fold(0i32, |depth, c| {
            let depth = depth + i32::from(c == '{') - i32::from(c == '}');
            (depth >= 0).then_some(depth)
        });
        assert_eq!(depth, Some(0), "{entry}");
    }

    #[test]
    fn the_key_is_the_slug_and_the_date_keeps_its_precision() {
        let entry = bibtex(&article("x", "2021-07", Some("https://e.vn/a b{c}")));
        assert!(entry.starts_with("@article{tin-tac,\n"), "{entry}");
        assert!(entry.contains("  year = {2021},\n  month = jul,\n  date = {2021-07},\n"), "{entry}");
        assert!(entry.contains("url = {https://e.vn/a%20b%7Bc%7D},"), "{entry}");
        assert!(!bibtex(&article("x", "2013", None)).contains("month"));
    }

    #[test]
    fn csl_dates_carry_only_the_known_parts() {
        let json = |date: &str| serde_json::to_string(&CslDate::of(PartialDate::parse(date).unwrap())).unwrap();
        assert_eq!(json("2020-04-23"), r#"{"date-parts":[[2020,4,23]]}"#);
        assert_eq!(json("2021-07"), r#"{"date-parts":[[2021,7]]}"#);
        assert_eq!(json("2013"), r#"{"date-parts":[[2013]]}"#);
    }
}
