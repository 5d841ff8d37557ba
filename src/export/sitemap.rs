//! `sitemap.xml` and `robots.txt`, for search engines: every public page of the site at its
//! absolute address, with the date it last changed where that is known. Both need absolute
//! addresses, so they are written only when the site has a `base_url`.
//!
//! A page's `lastmod` is its article's date for an article known to the day (the sitemap schema
//! takes a whole date or a moment, not a month); for any other page, and an article known only to
//! the month or year, it is the time of the last commit of the content files the page shows
//! ([`History`]: its own file and those of the articles it lists; every content file for the
//! archive's lists and the search), when the site is a git checkout; otherwise it is left out.
//! A sitemap holds at most 50,000 addresses and 50 MB: a larger site gets numbered parts and
//! `sitemap.xml` becomes their index (sitemaps.org protocol 0.9).

use std::fmt::Write;

use super::history::History;
use crate::file::OutputFile;
use crate::load::{ACTORS_DIR, ARTICLES_DIR, COUNTRIES_DIR};
use crate::markdown::escape;
use crate::model::{Archive, ArticleId};
use crate::render::{Kind, Page};
use crate::urls;

/// The protocol's limits on one sitemap file.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// One address of the sitemap, as an XML `<url>` element.
struct Entry(String);

/// The files to write: none without a `base_url`; else `robots.txt` and `sitemap.xml`, with its
/// numbered parts when one file cannot hold every page.
pub fn files(archive: &Archive, pages: &[Page], history: &History) -> Vec<OutputFile> {
    let Some(base) = archive.config.base_url.as_deref() else { return Vec::new() };
    let dates = Dates::new(archive, history);
    let entries: Vec<Entry> = pages
        .iter()
        .filter(|page| listed(page))
        .map(|page| entry(base, urls::served_at(&page.path), dates.lastmod(page.kind)))
        .collect();
    let mut files = sitemaps(base, &entries, MAX_URLS, MAX_BYTES);
    files.push(OutputFile { path: urls::ROBOTS.to_owned(), bytes: robots(base).into_bytes() });
    files
}

/// Whether a search engine should know the page: every HTML page but the 404 page, which is shown
/// for addresses the site does not have.
fn listed(page: &Page) -> bool {
    page.kind != Kind::NotFound && page.path.ends_with(".html")
}

fn robots(base: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base}/{}\n", urls::SITEMAP)
}

fn entry(base: &str, url: &str, lastmod: Option<String>) -> Entry {
    let mut xml = format!("<url><loc>{}</loc>", escape(&format!("{base}/{url}")));
    if let Some(lastmod) = lastmod {
        let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
    }
    xml.push_str("</url>\n");
    Entry(xml)
}

/// When each page's content last changed, as far as the article dates and the git history tell.
struct Dates<'a> {
    archive: &'a Archive,
    history: &'a History,
    /// The last commit of each article's two files, by article.
    articles: Vec<Option<i64>>,
}

impl<'a> Dates<'a> {
    fn new(archive: &'a Archive, history: &'a History) -> Dates<'a> {
        let articles = archive
            .articles
            .iter()
            .map(|article| {
                let slug = &article.slug;
                let files = [format!("{ARTICLES_DIR}/{slug}.md"), format!("{ARTICLES_DIR}/{slug}.yaml")];
                history.newest(files.iter().map(String::as_str))
            })
            .collect();
        Dates { archive, history, articles }
    }

    /// The last commit among the entity's own file and those of the articles its pages list.
    fn shown(&self, own: &str, articles: &[ArticleId]) -> Option<i64> {
        let listed = articles.iter().filter_map(|id| self.articles[id.index()]);
        listed.chain(self.history.newest([own])).max()
    }

    /// The page's last change, as the schema writes it (`2024-05-01` or `2024-05-01T03:00:00Z`).
    fn lastmod(&self, kind: Kind) -> Option<String> {
        let archive = self.archive;
        let committed = match kind {
            Kind::Article(id) => {
                let date = archive.article(id).date;
                if date.day.is_some() {
                    return Some(date.iso());
                }
                self.articles[id.index()]
            }
            Kind::Actor { id, .. } => {
                let actor = archive.actor(id);
                self.shown(&format!("{ACTORS_DIR}/{}.yaml", actor.id), &actor.articles)
            }
            Kind::Country { id, .. } => {
                let country = archive.country(id);
                self.shown(&format!("{COUNTRIES_DIR}/{}.yaml", country.id), &country.articles)
            }
            _ => self.history.newest_of_all(),
        };
        committed.and_then(|seconds| jiff::Timestamp::from_second(seconds).ok()).map(|time| time.to_string())
    }
}

/// The entries as one `sitemap.xml`, or as numbered parts of at most `max_urls` entries and
/// `max_bytes` each, indexed by `sitemap.xml`.
fn sitemaps(base: &str, entries: &[Entry], max_urls: usize, max_bytes: usize) -> Vec<OutputFile> {
    let open = format!("{XML_DECLARATION}<urlset xmlns=\"{NAMESPACE}\">\n");
    let close = "</urlset>\n";
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    for Entry(xml) in entries {
        if count == max_urls || (count > 0 && open.len() + current.len() + xml.len() + close.len() > max_bytes) {
            parts.push(std::mem::take(&mut current));
            count = 0;
        }
        current.push_str(xml);
        count += 1;
    }
    parts.push(current);
    let urlset = |body: &str| format!("{open}{body}{close}").into_bytes();
    if parts.len() == 1 {
        return vec![OutputFile { path: urls::SITEMAP.to_owned(), bytes: urlset(&parts[0]) }];
    }
    let mut index = format!("{XML_DECLARATION}<sitemapindex xmlns=\"{NAMESPACE}\">\n");
    let mut files = Vec::new();
    for (number, body) in parts.iter().enumerate() {
        let path = urls::sitemap_part(number + 1);
        let _ = writeln!(index, "<sitemap><loc>{}</loc></sitemap>", escape(&format!("{base}/{path}")));
        files.push(OutputFile { path, bytes: urlset(body) });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile { path: urls::SITEMAP.to_owned(), bytes: index.into_bytes() });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs xmllint on each file against the sitemaps.org schema it must follow (vendored under
    /// tests/tools, installed by tests/tools/install.sh).
    fn validate(files: &[OutputFile]) {
        let folder = tempfile::tempdir().unwrap();
        for file in files {
            let path = folder.path().join(&file.path);
            std::fs::write(&path, &file.bytes).unwrap();
            let index = String::from_utf8_lossy(&file.bytes).contains("<sitemapindex");
            let schema = if index { "siteindex.xsd" } else { "sitemap.xsd" };
            let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools").join(schema);
            let output = std::process::Command::new("xmllint")
                .args(["--noout", "--schema"])
                .arg(schema)
                .arg(&path)
                .output()
                .expect("xmllint is missing: run `bash tests/tools/install.sh`");
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
    }

    fn entries(count: usize) -> Vec<Entry> {
        (0..count).map(|n| entry("https://example.org/a&b", &format!("p{n}/"), None)).collect()
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let files = sitemaps("https://example.org", &entries(3), 50_000, MAX_BYTES);
        assert_eq!(files.len(), 1);
        validate(&files);
        let xml = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(xml.contains("<url><loc>https://example.org/a&amp;b/p2/</loc></url>"), "{xml}");
    }

    #[test]
    fn past_the_limit_the_sitemap_indexes_numbered_parts() {
        let files = sitemaps("https://example.org", &entries(5), 2, MAX_BYTES);
        let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex") && index.contains("<loc>https://example.org/sitemap-3.xml</loc>"));
        let last = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
        validate(&files);
        let by_bytes = sitemaps("https://example.org", &entries(5), 50_000, 300);
        assert!(
            by_bytes.len() > 2 && by_bytes.iter().all(|file| file.bytes.len() <= 300 || file.path == "sitemap.xml")
        );
    }
}
