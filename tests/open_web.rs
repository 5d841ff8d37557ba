//! The site for the open web and for citation, checked with the validators a search engine's or a
//! researcher's tools stand for: the sitemap against the sitemaps.org schema (xmllint), every
//! address in it a built page, robots.txt naming it, the structured data read by extruct (the
//! library search engines' metadata is studied with) with the expected schema.org types, Open
//! Graph tags on every page, and data/citations.json as CSL-JSON for every article. The tools are
//! installed by `bash tests/tools/install.sh`; a missing one fails the test with that command.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, repo};
use serde_json::Value;
use walkdir::WalkDir;

const BASE: &str = "https://example.org/ho-so";

fn tool_missing(tool: &str) -> ! {
    panic!("{tool} is missing: run `bash tests/tools/install.sh` (it installs xmllint and extruct)")
}

/// The Python of the test tools' venv, with extruct.
fn python() -> PathBuf {
    let python = repo().join("target/test-tools/venv/bin/python");
    let has_extruct = Command::new(&python).args(["-c", "import extruct"]).status().is_ok_and(|s| s.success());
    if !has_extruct {
        tool_missing("extruct (in target/test-tools/venv)");
    }
    python
}

/// Runs `xmllint --schema` on `file`, failing the test with its messages if it does not validate.
fn validate(file: &Path, schema: &str) {
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo().join("tests/tools").join(schema))
        .arg(file)
        .output()
        .unwrap_or_else(|_| tool_missing("xmllint (Debian package libxml2-utils)"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn built() -> TestSite {
    let site = TestSite::fixture("base");
    site.build_ok();
    site
}

/// Every HTML page of the built site, by its path from the output folder.
fn pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = WalkDir::new(out)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| entry.path().strip_prefix(out).unwrap().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    pages
}

/// What extruct finds in each of `pages` of `out` (JSON-LD and Open Graph), by page.
fn extruct(out: &Path, pages: &[String]) -> serde_json::Map<String, Value> {
    let script = r#"
import json, sys, extruct
out, pages = sys.argv[1], sys.argv[2:]
found = {}
for page in pages:
    with open(f"{out}/{page}", encoding="utf-8") as f:
        found[page] = extruct.extract(f.read(), syntaxes=["json-ld", "opengraph"], uniform=True, errors="strict")
print(json.dumps(found))
"#;
    let output = Command::new(python()).arg("-c").arg(script).arg(out).args(pages).output().unwrap();
    assert!(output.status.success(), "extruct failed:\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Value>(&output.stdout).unwrap().as_object().unwrap().clone()
}

/// The nodes of the JSON-LD extruct found in `page`: every item, or its `@graph`.
fn json_ld(found: &serde_json::Map<String, Value>, page: &str) -> Vec<Value> {
    let items = found[page]["json-ld"].as_array().unwrap();
    items.iter().flat_map(|item| item["@graph"].as_array().cloned().unwrap_or_else(|| vec![item.clone()])).collect()
}

/// The node of `items` that `reference` (`{"@id": …}`) names.
fn node<'a>(items: &'a [Value], reference: &Value) -> &'a Value {
    let id = &reference["@id"];
    items.iter().find(|item| item["@id"] == *id && item.get("name").is_some()).unwrap_or_else(|| panic!("no node {id}"))
}

/// The `<loc>`s of a sitemap file.
fn locations(xml: &str) -> Vec<String> {
    xml.split("<loc>").skip(1).map(|rest| rest.split("</loc>").next().unwrap().replace("&amp;", "&")).collect()
}

#[test]
fn the_sitemap_validates_and_every_address_in_it_is_a_built_page() {
    let site = built();
    let out = site.out();
    validate(&out.join("sitemap.xml"), "sitemap.xsd");
    let listed = locations(&site.page("sitemap.xml"));
    let mut files: Vec<String> = listed
        .iter()
        .map(|loc| {
            let path = loc.strip_prefix(&format!("{BASE}/")).unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
            let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.into() };
            assert!(out.join(&file).is_file(), "{loc} names no built page");
            file
        })
        .collect();
    files.sort();
    let expected: Vec<String> = pages(&out).into_iter().filter(|page| page != "404.html").collect();
    assert_eq!(files, expected, "the sitemap lists every page but the 404 page, once");
    let sitemap = site.page("sitemap.xml");
    // An article known to the day is dated by it; one known to the month is not given a made-up day.
    assert!(sitemap.contains(&format!("<loc>{BASE}/articles/viet-nam-bac-bo/</loc><lastmod>2020-04-23</lastmod>")));
    assert!(sitemap.contains(&format!("<loc>{BASE}/articles/my-canh-bao-volt-typhoon/</loc></url>")));
    assert_eq!(site.page("robots.txt"), format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"));
}

#[test]
fn in_a_git_checkout_pages_other_than_articles_are_dated_by_their_last_commit() {
    let site = TestSite::fixture("base");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(site.root())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_COMMITTER_DATE", "2024-05-01T10:00:00+07:00")
            .env("GIT_AUTHOR_DATE", "2024-05-01T10:00:00+07:00")
            .status()
            .unwrap_or_else(|_| tool_missing("git"));
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "site"]);
    site.build_ok();
    validate(&site.out().join("sitemap.xml"), "sitemap.xsd");
    let sitemap = site.page("sitemap.xml");
    for page in ["actors/apt32/", "countries/vn/", "", "articles/my-canh-bao-volt-typhoon/"] {
        let entry = format!("<loc>{BASE}/{page}</loc><lastmod>2024-05-01T03:00:00Z</lastmod>");
        assert!(sitemap.contains(&entry), "{entry} in:\n{sitemap}");
    }
    assert!(sitemap.contains(&format!("<loc>{BASE}/articles/viet-nam-bac-bo/</loc><lastmod>2020-04-23</lastmod>")));
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_the_build_says_why() {
    let site = TestSite::fixture("base");
    let config = site.read("site.toml");
    let without: Vec<&str> = config.lines().filter(|line| !line.starts_with("base_url")).collect();
    site.write("site.toml", &without.join("\n"));
    let run = site.build_ok();
    assert!(run.stderr.contains("note: no `base_url`"), "{}", run.stderr);
    assert!(!site.out().join("sitemap.xml").exists() && !site.out().join("robots.txt").exists());
    assert!(site.out().join("data/citations.json").is_file(), "citations need no address");
}

#[test]
fn article_pages_carry_a_news_article_and_a_claim_per_claim_as_json_ld() {
    let site = built();
    let articles: Vec<String> = pages(&site.out()).into_iter().filter(|page| page.starts_with("articles/")).collect();
    assert_eq!(articles.len(), 3);
    let found = extruct(&site.out(), &articles);
    for page in &articles {
        let items = json_ld(&found, page);
        let types: Vec<&str> = items.iter().map(|item| item["@type"].as_str().unwrap()).collect();
        assert_eq!(types.iter().filter(|kind| **kind == "NewsArticle").count(), 1, "{page}: {types:?}");
        let html = site.page(page);
        let claims = html.matches("class=\"claim claim-").count();
        assert_eq!(types.iter().filter(|kind| **kind == "Claim").count(), claims, "{page}: {types:?}");
        // A Claim names its card in the page, which shows its quote, rather than repeat the quote.
        for claim in items.iter().filter(|item| item["@type"] == "Claim") {
            assert!(claim.get("text").is_none(), "{page}: {claim}");
            let (_, anchor) = claim["@id"].as_str().unwrap().rsplit_once('#').expect("a claim's @id has a fragment");
            let element = [format!("id=\"{anchor}\""), format!("id={anchor} "), format!("id={anchor}>")];
            assert!(element.iter().any(|id| html.contains(id.as_str())), "{page}: no element {anchor}");
        }
        assert!(!types.contains(&"ClaimReview"));
        let news = items.iter().find(|item| item["@type"] == "NewsArticle").unwrap();
        assert_eq!(news["publisher"]["@type"], "Organization");
        for mention in news["mentions"].as_array().unwrap() {
            let entity = node(&items, mention);
            let kind = entity["@type"].as_str().unwrap();
            assert!(["Organization", "Person", "Country"].contains(&kind), "{page}: {kind}");
            assert!(entity["url"].as_str().unwrap().starts_with(&format!("{BASE}/")), "{entity}");
        }
    }
    let items = json_ld(&found, "articles/viet-nam-bac-bo/index.html");
    let news = items.iter().find(|item| item["@type"] == "NewsArticle").unwrap();
    assert_eq!(news["headline"], "Việt Nam bác bỏ cáo buộc về APT32");
    assert_eq!(news["datePublished"], "2020-04-23");
    assert_eq!(news["isBasedOn"], "https://vov.vn/example");
    let denial = items.iter().find(|item| item["@type"] == "Claim" && item["dateCreated"] == "2020-04-23").unwrap();
    assert_eq!(node(&items, &denial["author"][0])["@type"], "Country");
    assert_eq!(denial["appearance"]["@id"], format!("{BASE}/articles/viet-nam-bac-bo/"));
    assert_eq!(denial["firstAppearance"]["url"], "https://vov.vn/example");
    let month = json_ld(&found, "articles/my-canh-bao-volt-typhoon/index.html");
    let month = month.iter().find(|item| item["@type"] == "NewsArticle").unwrap();
    assert_eq!(month["datePublished"], "2024-02", "a date keeps its precision");
}

// Regression: an editor's `</script>` in a title must not end the JSON-LD element and start a script.
#[test]
fn json_ld_with_a_title_holding_script_end_tags_stays_data() {
    let site = TestSite::fixture("base");
    let path = "content/articles/viet-nam-bac-bo.md";
    let hostile = "Tiêu đề </script><script>alert(1)</script> & <!-- x";
    site.write(
        path,
        &site.read(path).replacen("title: Việt Nam bác bỏ cáo buộc về APT32", &format!("title: '{hostile}'"), 1),
    );
    site.build_ok();
    let page = "articles/viet-nam-bac-bo/index.html";
    let html = std::fs::read_to_string(site.out().join(page)).unwrap();
    let start =
        html.find("<script type=application/ld+json>").or_else(|| html.find("<script type=\"application/ld+json\">"));
    let data = &html[start.expect("a JSON-LD element")..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    assert!(!data.contains('<') && !data.contains('>'), "{data}");
    assert!(!html.contains("<script>alert(1)"), "the title opened a script element");
    let found = extruct(&site.out(), &[page.to_owned()]);
    let news = json_ld(&found, page).into_iter().find(|item| item["@type"] == "NewsArticle");
    assert_eq!(news.unwrap()["headline"], hostile, "the title reads back whole");
}

#[test]
fn every_page_has_open_graph_and_twitter_card_tags() {
    let site = built();
    let out = site.out();
    let all = pages(&out);
    let found = extruct(&out, &all);
    for page in &all {
        let graph = found[page]["opengraph"].as_array().unwrap();
        assert_eq!(graph.len(), 1, "{page}");
        let graph = &graph[0];
        // extruct's uniform form names `og:type` `@type`.
        for property in ["og:title", "og:description", "og:site_name", "og:locale", "@type"] {
            assert!(graph[property].as_str().is_some_and(|value| !value.is_empty()), "{page} lacks {property}");
        }
        assert_eq!(graph["og:locale"], "vi_VN");
        assert_eq!(graph["og:site_name"], "Hồ sơ thử nghiệm");
        let html = site.page(page);
        assert!(html.contains("<meta content=summary name=twitter:card>"), "{page}");
        if page != "404.html" {
            let folder = page.strip_suffix("index.html").unwrap();
            assert_eq!(graph["og:url"], format!("{BASE}/{folder}"), "{page}");
        }
    }
    let article = &found["articles/viet-nam-bac-bo/index.html"]["opengraph"][0];
    assert_eq!(article["@type"], "article");
    assert_eq!(article["og:title"], "Việt Nam bác bỏ cáo buộc về APT32");
    assert_eq!(article["article:published_time"], "2020-04-23");
    assert_eq!(found["actors/apt32/index.html"]["opengraph"][0]["og:title"], "APT32");
}

#[test]
fn citations_are_csl_json_for_every_article_and_each_page_cites_its_article() {
    let site = built();
    let citations: Value = serde_json::from_str(&site.page("data/citations.json")).unwrap();
    let items = citations.as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|item| item["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["my-canh-bao-volt-typhoon", "viet-nam-bac-bo", "doi-thoai-2013"], "newest first");
    for item in items {
        assert_eq!(item["type"], "article-newspaper");
        assert!(item["title"].is_string() && item["container-title"].is_string(), "{item}");
        assert!(item.get("accessed").is_none(), "no date of the build");
    }
    assert_eq!(items[1]["URL"], "https://vov.vn/example");
    assert_eq!(items[1]["container-title"], "VOV");
    assert_eq!(items[1]["issued"]["date-parts"], serde_json::json!([[2020, 4, 23]]));
    assert_eq!(items[0]["issued"]["date-parts"], serde_json::json!([[2024, 2]]));
    assert_eq!(items[1]["archive_location"], format!("{BASE}/articles/viet-nam-bac-bo/"));
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(page.contains("<h2 id=cite-title>Trích dẫn</h2>"), "{page}");
    assert!(page.contains("@article{viet-nam-bac-bo,\n"), "{page}");
    assert!(page.contains("  journal = {VOV},\n  year = {2020},\n  month = apr,\n  date = {2020-04-23},\n"));
    assert!(page.contains("<cite>Việt Nam bác bỏ cáo buộc về APT32</cite>"), "{page}");
    assert!(page.contains("href=../../data/citations.json"), "{page}");
}

#[test]
fn a_build_with_the_open_web_files_is_byte_identical_the_second_time() {
    let site = built();
    let first = common::snapshot(&site.out());
    assert!(first.contains_key("sitemap.xml") && first.contains_key("data/citations.json"));
    assert!(site.build_with(&["--no-cache"]).success);
    assert_eq!(first, common::snapshot(&site.out()));
}

#[test]
fn the_offline_zip_holds_the_open_web_files_and_the_json_ld() {
    let site = TestSite::fixture("base");
    let zip = site.out().with_file_name("site.zip");
    let run = site.build_with(&["--zip", zip.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    for name in ["site/sitemap.xml", "site/robots.txt", "site/data/citations.json"] {
        assert!(archive.by_name(name).is_ok(), "{name} is not in the zip");
    }
    let mut page = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("site/articles/viet-nam-bac-bo/index.html").unwrap(), &mut page)
        .unwrap();
    assert!(page.contains("ld+json>{\"@context\":\"https://schema.org\""), "{page}");
}
