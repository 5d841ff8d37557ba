//! The product on archives made by the generator (`dossier-corpus`), built with the real binary:
//! a generated archive builds with every page and every quote mark, and no page grows with the
//! archive: with a small page size, every actor and country page lists at most a page of articles
//! and of claims in each direction, and the actors seen together with an actor are listed on its
//! first page only, a dozen at most.

use std::path::Path;
use std::process::Command;

const DOSSIER: &str = env!("CARGO_BIN_EXE_dossier");
const PAGE_SIZE: usize = 4;
const RELATED_SHOWN: usize = 12;

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// The part of `html` from the heading with `id` to the next section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id={id}>")).unwrap_or(html.len());
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

fn generate(site: &Path, articles: usize, seed: u64) {
    dossier_corpus::write_site(site, &dossier_corpus::Options { articles, seed }).unwrap();
}

/// `dossier build --root <site> --out <out>`, which must succeed without an error.
fn build(site: &Path, out: &Path) {
    let build = Command::new(DOSSIER).arg("build").arg("--root").arg(site).arg("--out").arg(out).output().unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success() && !stderr.contains("error"), "{stderr}");
}

/// The file stems of one content folder, with the given extension.
fn stems(folder: &Path, extension: &str) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|found| found == extension))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

#[test]
fn a_generated_archive_builds_with_every_page_and_quote() {
    let temp = tempfile::tempdir().unwrap();
    let (site, out) = (temp.path().join("site"), temp.path().join("public"));
    generate(&site, 50, 1);
    build(&site, &out);

    let articles = site.join("content/articles");
    let slugs = stems(&articles, "md");
    assert_eq!(slugs.len(), 50);
    for slug in &slugs {
        let page = std::fs::read_to_string(out.join(format!("articles/{slug}/index.html"))).unwrap();
        let sidecar = std::fs::read_to_string(articles.join(format!("{slug}.yaml"))).unwrap();
        let quotes = sidecar.lines().filter(|line| line.contains("quote: ")).count();
        assert!(quotes >= 2, "{slug} has {quotes} quotes");
        for number in 1..=2 {
            assert!(page.contains(&format!("id=\"q-claim-{number}\"")), "{slug}: no mark for claim {number}");
        }
    }
    for (folder, pages) in [("actors", "content/actors"), ("countries", "content/countries")] {
        for id in stems(&site.join(pages), "yaml") {
            assert!(out.join(format!("{folder}/{id}/index.html")).is_file(), "no page for {folder}/{id}");
        }
    }
}

/// A generated archive of 120 articles with [`PAGE_SIZE`] items a page, built.
fn build_paged(site: &Path, out: &Path) {
    generate(site, 120, 3);
    let config = site.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\npage_size = {PAGE_SIZE}\n")).unwrap();
    build(site, out);
}

#[test]
fn actor_and_country_pages_list_a_bounded_number_of_items() {
    let temp = tempfile::tempdir().unwrap();
    let (site, out) = (temp.path().join("site"), temp.path().join("public"));
    build_paged(&site, &out);
    let (mut numbered, mut with_related) = (0, 0);
    for entry in
        walkdir::WalkDir::new(out.join("actors")).into_iter().chain(walkdir::WalkDir::new(out.join("countries")))
    {
        let path = entry.unwrap().into_path();
        let relative = path.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        if !relative.ends_with("index.html") || relative.matches('/').count() < 2 {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        let articles = count(section(&html, "articles"), "<li>");
        assert!(articles <= PAGE_SIZE, "{relative} lists {articles} articles");
        for column in ["made", "received"] {
            let claims = count(section(&html, column), "<li class=\"claim ");
            assert!(claims <= PAGE_SIZE, "{relative} lists {claims} claims {column}");
        }
        let related = count(section(&html, "related"), "<li>");
        assert!(related <= RELATED_SHOWN, "{relative} lists {related} related actors");
        if relative.contains("/page/") {
            numbered += 1;
            assert!(!html.contains("id=related>"), "{relative}: related actors belong on the first page");
        }
        with_related += usize::from(related > 0);
    }
    assert!(numbered > 0 && with_related > 0, "the archive must exercise pagination and related actors");
}

// The timeline and the actor graphs and feeds (issue 11): bounded however large the archive.
#[test]
fn timeline_pages_graphs_and_entity_feeds_hold_a_bounded_number_of_items() {
    let temp = tempfile::tempdir().unwrap();
    let (site, out) = (temp.path().join("site"), temp.path().join("public"));
    build_paged(&site, &out);
    let (mut numbered, mut feeds) = (0, 0);
    for entry in walkdir::WalkDir::new(out.join("timeline")) {
        let path = entry.unwrap().into_path();
        if path.file_name().is_some_and(|name| name == "index.html") {
            let html = std::fs::read_to_string(&path).unwrap();
            let rows = count(&html, "<li><time");
            assert!(rows <= 8 * PAGE_SIZE, "{} shows {rows} rows", path.display());
            numbered += usize::from(path.to_string_lossy().contains("/page/"));
        }
    }
    for entry in
        walkdir::WalkDir::new(out.join("actors")).into_iter().chain(walkdir::WalkDir::new(out.join("countries")))
    {
        let path = entry.unwrap().into_path();
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        if path.file_name().is_some_and(|name| name == "feed.xml") {
            feeds += 1;
            assert!(count(&html, "<entry>") <= 10, "{} has more than 10 entries", path.display());
        } else if path.file_name().is_some_and(|name| name == "index.html") {
            assert!(
                count(&html, "<circle class=\"node node-") <= 1 + 8,
                "{}: at most eight neighbours",
                path.display()
            );
        }
    }
    assert!(numbered > 0 && feeds > 0, "the archive must exercise the timeline's pages and the feeds");
}
