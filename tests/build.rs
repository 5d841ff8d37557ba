//! `dossier build` on the small fixture archive in `tests/sites/base`: every kind of page is there
//! with its key content, and every cross-link goes both ways.

mod common;

use common::{TestSite, broken_links};

fn built() -> TestSite {
    let site = TestSite::fixture("base");
    site.build_ok();
    site
}

#[test]
fn every_page_kind_is_written() {
    let site = built();
    for page in [
        "index.html",
        "page/2/index.html",
        "articles/viet-nam-bac-bo/index.html",
        "articles/my-canh-bao-volt-typhoon/index.html",
        "articles/doi-thoai-2013/index.html",
        "actors/index.html",
        "actors/apt32/index.html",
        "actors/fireeye/index.html",
        "actors/volt-typhoon/index.html",
        "countries/index.html",
        "countries/vn/index.html",
        "countries/cn/index.html",
        "countries/us/index.html",
        "search/index.html",
        "404.html",
        "timeline/index.html",
        "timeline/2013/index.html",
        "timeline/2020/index.html",
        "timeline/2024/index.html",
        "actors/apt32/feed.xml",
        "countries/vn/feed.xml",
    ] {
        assert!(site.out().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn home_lists_articles_newest_first_and_paginates() {
    let site = built();
    let home = site.page("index.html");
    let newest = home.find("Mỹ cảnh báo về Volt Typhoon").expect("2024 article on page 1");
    let older = home.find("Việt Nam bác bỏ cáo buộc về APT32").expect("2020 article on page 1");
    assert!(newest < older, "newest first");
    assert!(!home.contains("Mỹ - Trung đối thoại"), "page_size = 2 puts the third article on page 2");
    assert!(home.contains("href=page/2/"), "link to page 2");
    let second = site.page("page/2/index.html");
    assert!(second.contains("Mỹ - Trung đối thoại về an ninh mạng"));
    assert!(second.contains("href=../../articles/doi-thoai-2013/"), "links are relative to the page");
}

#[test]
fn dates_show_their_precision() {
    let site = built();
    assert!(site.page("articles/viet-nam-bac-bo/index.html").contains("<time datetime=2020-04-23>23/4/2020</time>"));
    assert!(site.page("articles/my-canh-bao-volt-typhoon/index.html").contains(">tháng 2/2024</time>"));
    assert!(site.page("articles/doi-thoai-2013/index.html").contains(">năm 2013</time>"));
}

#[test]
fn article_marks_every_quote_and_links_it_to_its_claim() {
    let site = built();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    // Claims are numbered in reading order, whatever their order in the sidecar: the denial comes
    // first in the text. Its quote crosses **bold** text: it is marked in three runs, the first
    // with the id.
    assert!(page.contains("<mark id=q-claim-1>“Đây là những thông tin </mark><strong><mark>không có cơ sở</mark>"));
    assert!(page.contains(
        "<mark id=q-claim-2>Báo cáo của FireEye cáo buộc Chính phủ Việt Nam hỗ trợ nhóm hacker APT32</mark>"
    ));
    assert!(page.contains("<mark id=q-note-1>Năm 2018, Quốc hội Việt Nam đã thông qua luật An ninh mạng</mark>"));
    for target in ["claim-1", "claim-2", "note-1"] {
        assert!(page.contains(&format!("class=ref href=#{target}>")), "reference to {target}");
        assert!(page.contains(&format!("id={target}>")), "side panel entry {target}");
        assert!(page.contains(&format!("href=#q-{target}>")), "link back to the mark of {target}");
    }
}

#[test]
fn article_states_claims_as_sentences_with_linked_parties() {
    let site = built();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(page.contains(
        "<a class=\"chip chip-actor\" href=../../actors/fireeye/>FireEye</a> cáo buộc \
         <a class=\"chip chip-country\" href=../../countries/vn/>Việt Nam</a> liên quan đến \
         <a class=\"chip chip-actor\" href=../../actors/apt32/>APT32</a>"
    ));
    assert!(page.contains(
        "<a class=\"chip chip-country\" href=../../countries/vn/>Việt Nam</a> bác bỏ cáo buộc của \
         <a class=\"chip chip-actor\" href=../../actors/fireeye/>FireEye</a> về"
    ));
    assert!(page.contains("<em>thường kỳ</em>"), "claim notes are Markdown");
    assert!(page.contains("href=https://vov.vn/example"), "source link");
    assert!(page.contains("Phóng viên"), "author");
}

#[test]
fn article_links_its_neighbours() {
    let site = built();
    let middle = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(middle.contains("href=../../articles/my-canh-bao-volt-typhoon/"), "newer");
    assert!(middle.contains("href=../../articles/doi-thoai-2013/"), "older");
}

#[test]
fn actor_page_shows_facts_claims_articles_and_company() {
    let site = built();
    let page = site.page("actors/apt32/index.html");
    for expected in [
        "<h1>APT32</h1>",
        "OceanLotus, SeaLotus, APT-C-00",
        "href=../../countries/vn/>Việt Nam</a>",
        "<strong>Việt Nam</strong>",
        "href=https://attack.mitre.org/groups/G0050/",
        "href=../../articles/viet-nam-bac-bo/#claim-1",
        "href=../../articles/viet-nam-bac-bo/#claim-2",
        "href=../../actors/fireeye/>FireEye</a>",
    ] {
        assert!(page.contains(expected), "actor page lacks {expected}");
    }
    let fireeye = site.page("actors/fireeye/index.html");
    assert!(fireeye.contains("href=../../actors/apt32/>APT32</a>"), "related actors link back");
}

#[test]
fn country_page_shows_actors_and_accusations_both_ways() {
    let site = built();
    let china = site.page("countries/cn/index.html");
    assert!(china.contains("href=../../actors/volt-typhoon/>Volt Typhoon</a>"), "actors of the country");
    assert!(china.contains("href=../../articles/my-canh-bao-volt-typhoon/#claim-1"), "accusation received");
    assert!(china.contains("href=../../articles/my-canh-bao-volt-typhoon/#claim-2"), "denial made");
    let list = site.page("countries/index.html");
    assert!(list.contains("href=../countries/cn/>Trung Quốc</a>"));
}

#[test]
fn cross_links_go_both_ways() {
    let site = built();
    let article = site.page("articles/my-canh-bao-volt-typhoon/index.html");
    for (entity, page) in [
        ("actors/volt-typhoon/", "actors/volt-typhoon/index.html"),
        ("countries/cn/", "countries/cn/index.html"),
        ("countries/us/", "countries/us/index.html"),
    ] {
        assert!(article.contains(&format!("href=../../{entity}")), "article links {entity}");
        assert!(site.page(page).contains("href=../../articles/my-canh-bao-volt-typhoon/"), "{entity} links back");
    }
}

#[test]
fn every_relative_link_and_fragment_resolves() {
    let site = built();
    let broken = broken_links(&site.out(), "/ho-so/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn not_found_page_links_from_the_base_url_path_since_it_is_served_at_any_depth() {
    let site = built();
    let page = site.page("404.html");
    assert!(page.contains("href=/ho-so/assets/style."), "{page}");
}

#[test]
fn assets_are_fingerprinted() {
    let site = built();
    let home = site.page("index.html");
    let css = home.split("href=assets/style.").nth(1).expect("stylesheet link").split(".css").next().unwrap();
    assert_eq!(css.len(), 8, "content hash in the name");
    assert!(site.out().join(format!("assets/style.{css}.css")).is_file());
}

#[test]
fn feed_lists_articles_newest_first_with_absolute_urls() {
    let site = built();
    let feed = site.page("feed.xml");
    assert!(
        feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    assert!(feed.contains("<link href=\"https://example.org/ho-so/feed.xml\" rel=\"self\""));
    let newest = feed.find("<id>https://example.org/ho-so/articles/my-canh-bao-volt-typhoon/</id>").unwrap();
    let oldest = feed.find("<id>https://example.org/ho-so/articles/doi-thoai-2013/</id>").unwrap();
    assert!(newest < oldest);
    assert!(feed.contains("<updated>2024-02-01T00:00:00Z</updated>"), "month precision starts the month");
    assert!(feed.contains("<category term=\"volt-typhoon\" label=\"Volt Typhoon\""));
}

#[test]
fn without_base_url_there_is_no_feed() {
    let site = TestSite::fixture("base");
    let config = site.read("site.toml").replace("base_url = \"https://example.org/ho-so\"\n", "");
    site.write("site.toml", &config);
    site.build_ok();
    assert!(!site.out().join("feed.xml").exists());
    assert!(site.page("404.html").contains("href=assets/style."), "relative links without a base_url");
}

#[test]
fn entity_pages_show_when_they_appear_and_claims_by_kind() {
    let site = built();
    let china = site.page("countries/cn/index.html");
    assert!(china.contains("<time datetime=2013>năm 2013</time> – <time datetime=2024-02>tháng 2/2024</time>"));
    let made = china.split("id=made").nth(1).unwrap().split("id=received").next().unwrap();
    assert!(made.contains("<span class=\"badge badge-denies\">Bác bỏ</span> <span class=count>1</span>"), "{made}");
    let apt32 = site.page("actors/apt32/index.html");
    assert!(apt32.contains("<time datetime=2020-04-23>23/4/2020</time></dd>"), "one article: one date");
}
