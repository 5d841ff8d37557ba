//! Every Atom feed a build writes (the site's, and each actor's and country's) parses with a real
//! parser, Python's feedparser (installed by tests/tools/install.sh), with no error and with every
//! entry complete; an entity's feed holds its articles and claims, newest first, each with
//! categories for its kinds and parties.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{TestSite, links_and_ids, repo};

/// Parses each feed named on the command line and prints, per feed, one line per entry: its
/// id, updated time and category terms, tab-separated; exits 1 on a parse error or a missing field.
const CHECK: &str = r##"
import sys, feedparser
for path in sys.argv[1:]:
    feed = feedparser.parse(path)
    if feed.bozo:
        sys.exit(f"{path}: not well-formed Atom: {feed.bozo_exception}")
    if feed.version != "atom10":
        sys.exit(f"{path}: parsed as {feed.version!r}, not Atom 1.0")
    for field in ("title", "id", "updated", "link"):
        if not feed.feed.get(field):
            sys.exit(f"{path}: the feed has no {field}")
    print(f"# {path}")
    for entry in feed.entries:
        for field in ("title", "id", "link", "updated", "summary", "author", "tags"):
            if not entry.get(field):
                sys.exit(f"{path}: entry {entry.get('id')!r} has no {field}")
        print("\t".join([entry.id, entry.updated] + [tag.term for tag in entry.tags]))
"##;

/// The Python of the test tools' venv, which has feedparser.
fn python() -> PathBuf {
    let python = repo().join("target/test-tools/venv/bin/python");
    let usable = Command::new(&python).args(["-c", "import feedparser"]).status().is_ok_and(|status| status.success());
    assert!(usable, "{} with feedparser is missing: run `bash tests/tools/install.sh`", python.display());
    python
}

/// The entries of each feed, as `CHECK` prints them, by feed path relative to the output.
fn parse(site: &TestSite, feeds: &[&str]) -> Vec<(String, Vec<Vec<String>>)> {
    let paths: Vec<PathBuf> = feeds.iter().map(|feed| site.out().join(feed)).collect();
    let output = Command::new(python()).arg("-c").arg(CHECK).args(&paths).output().expect("python runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut parsed: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(path) = line.strip_prefix("# ") {
            let relative = path.strip_prefix(&format!("{}/", site.out().display())).unwrap_or(path);
            parsed.push((relative.to_owned(), Vec::new()));
        } else if let Some((_, entries)) = parsed.last_mut() {
            entries.push(line.split('\t').map(str::to_owned).collect());
        }
    }
    parsed
}

#[test]
fn every_feed_is_valid_atom_with_complete_entries() {
    let site = TestSite::fixture("base");
    site.build_ok();
    let feeds = [
        "feed.xml",
        "actors/apt32/feed.xml",
        "actors/fireeye/feed.xml",
        "actors/volt-typhoon/feed.xml",
        "countries/cn/feed.xml",
        "countries/us/feed.xml",
        "countries/vn/feed.xml",
    ];
    let parsed = parse(&site, &feeds);
    assert_eq!(parsed.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(), feeds);
    assert!(parsed.iter().all(|(_, entries)| !entries.is_empty()), "every feed of the fixture has entries");
}

#[test]
fn an_entitys_feed_holds_its_articles_and_claims_newest_first_with_kinds_and_parties() {
    let site = TestSite::fixture("base");
    site.build_ok();
    let parsed = parse(&site, &["countries/us/feed.xml"]);
    let root = "https://example.org/ho-so/";
    let entries: Vec<(&str, &str, Vec<&str>)> = parsed[0]
        .1
        .iter()
        .map(|entry| {
            (entry[0].strip_prefix(root).unwrap(), entry[1].as_str(), entry[2..].iter().map(String::as_str).collect())
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "articles/my-canh-bao-volt-typhoon/",
                "2024-02-01T00:00:00Z",
                vec!["accuses", "denies", "cn", "us", "volt-typhoon"]
            ),
            ("articles/my-canh-bao-volt-typhoon/#claim-1", "2024-02-01T00:00:00Z", vec!["accuses", "us", "cn"]),
            ("articles/my-canh-bao-volt-typhoon/#claim-2", "2024-02-01T00:00:00Z", vec!["denies", "cn", "us"]),
            // FireEye, an American company, is in this one: a country's articles are its actors' too.
            ("articles/viet-nam-bac-bo/", "2020-04-23T00:00:00Z", vec!["accuses", "denies", "vn", "apt32", "fireeye"]),
            ("articles/doi-thoai-2013/", "2013-01-01T00:00:00Z", vec!["cooperates", "cn", "us"]),
            ("articles/doi-thoai-2013/#claim-1", "2013-01-01T00:00:00Z", vec!["cooperates", "us", "cn"]),
        ]
    );
    let page = site.page("countries/us/index.html");
    let (links, _) = links_and_ids(&page);
    assert!(links.iter().any(|link| link == "../../countries/us/feed.xml"), "the page links its feed: {links:?}");
    assert!(page.contains("rel=alternate type=application/atom+xml"), "as an Atom alternate");
}
