//! The lists readers look things up in: actors and countries in Vietnamese alphabetical order
//! (actors grouped by kind), and the tag pages the article's tag chips link to. The fixture
//! `tests/sites/lists` lays Vietnamese names whose ids sort otherwise over the base site.

mod common;

use common::TestSite;

fn lists_site() -> TestSite {
    TestSite::fixture("base").overlay("lists")
}

/// The link texts of a page's row headings (`<th scope=row>`), in page order.
fn row_names(html: &str) -> Vec<String> {
    html.split("<th scope=row>")
        .skip(1)
        .filter_map(|row| {
            let link = &row[row.find("<a ")?..];
            let text = &link[link.find('>')? + 1..];
            Some(text[..text.find("</a>")?].to_owned())
        })
        .collect()
}

/// The text of each `<h2>` of a page, without the count after it.
fn headings(html: &str) -> Vec<String> {
    html.split("<h2>").skip(1).filter_map(|part| Some(part[..part.find('<')?].trim().to_owned())).collect()
}

/// The article links of a tag page's rows, from the root.
fn row_links(html: &str) -> Vec<String> {
    let Some(start) = html.find("<ol class=rows>") else { return Vec::new() };
    let rows = &html[start..html[start..].find("</ol>").map_or(html.len(), |end| start + end)];
    rows.split("<li><a href=")
        .skip(1)
        .filter_map(|part| Some(part[..part.find('>')?].trim_matches('"').trim_start_matches("../").to_owned()))
        .collect()
}

// The actors list was sorted by id: "Cục An ninh mạng..." (a05) first, "Liên minh châu Âu" (eu)
// between Snowden and FireEye.
#[test]
fn actors_are_listed_by_vietnamese_name_within_their_kind() {
    let site = lists_site();
    site.build_ok();
    let page = site.page("actors/index.html");
    assert_eq!(headings(&page), ["Nhóm tin tặc", "Cơ quan nhà nước", "Doanh nghiệp", "Tổ chức"]);
    assert_eq!(
        row_names(&page),
        [
            "APT32",
            "Volt Typhoon",
            "Bộ Công an",
            "Cục An ninh mạng",
            "Dịch vụ tình báo",
            "Đội đặc nhiệm",
            "FireEye",
            "Interpol",
            "Liên minh châu Âu",
        ]
    );
}

#[test]
fn every_row_of_the_lists_carries_the_names_the_filter_box_matches() {
    let site = lists_site();
    site.build_ok();
    let actors = site.page("actors/index.html");
    assert!(actors.contains(r#"<tr data-filter="Cục An ninh mạng A05 Cục A05">"#), "{actors}");
    assert!(actors.contains("data-list-filter hidden"), "without a script the filter box stays hidden");
    let countries = site.page("countries/index.html");
    assert!(countries.contains(r#"<tr data-filter="Đức Germany de">"#), "{countries}");
}

#[test]
fn countries_are_listed_by_vietnamese_name() {
    let site = lists_site();
    site.build_ok();
    assert_eq!(
        row_names(&site.page("countries/index.html")),
        ["Anh", "Ấn Độ", "Đức", "Mỹ", "Trung Quốc", "Úc", "Việt Nam"]
    );
}

#[test]
fn each_tag_page_lists_exactly_the_articles_with_that_tag_newest_first() {
    let site = lists_site();
    let volt = "content/articles/my-canh-bao-volt-typhoon.yaml";
    site.write(volt, &format!("{}tags: [phản bác]\n", site.read(volt)));
    site.build_ok();
    // "Phản bác" (danh-sach, 2021) and "phản bác" (viet-nam-bac-bo, 2020, and the 2024 article)
    // are one tag, named as the newest article spells it; page_size is 2, and a tag's page holds
    // four times as many one-line rows (eight).
    let first = site.page("tags/phan-bac/index.html");
    assert!(first.contains("<h1>phản bác</h1>"), "{first}");
    let expected = ["articles/my-canh-bao-volt-typhoon/", "articles/danh-sach/", "articles/viet-nam-bac-bo/"];
    assert_eq!(row_links(&first), expected);
    assert!(!site.out().join("tags/phan-bac/page/2").exists(), "three rows fit one page");
    assert_eq!(row_links(&site.page("tags/apt32/index.html")), ["articles/viet-nam-bac-bo/"]);
    assert_eq!(row_links(&site.page("tags/an-ninh-mang/index.html")), ["articles/danh-sach/"]);
    // A tag's rows give title and date; the source and the claims are on the article's page.
    assert!(!first.contains("class=source") && !first.contains("class=claim-count"), "{first}");
    assert!(first.contains("<time datetime="), "{first}");
}

#[test]
fn the_tag_index_lists_every_tag_by_name_with_its_count() {
    let site = lists_site();
    site.build_ok();
    let index = site.page("tags/index.html");
    let expected = concat!(
        r#"<li><a href=../tags/an-ninh-mang/>An ninh mạng</a> <span class=count>1</span></li>"#,
        r#"<li><a href=../tags/apt32/>APT32</a> <span class=count>1</span></li>"#,
        r#"<li><a href=../tags/phan-bac/>Phản bác</a> <span class=count>2</span></li>"#,
    );
    assert!(index.contains(expected), "{index}");
}

// Tag chips looked like links but were not.
#[test]
fn tag_chips_link_to_their_tag_page() {
    let site = lists_site();
    site.build_ok();
    let article = site.page("articles/danh-sach/index.html");
    let chips = concat!(
        r#"<ul aria-label="Từ khóa" class=tags><li><a href=../../tags/phan-bac/>Phản bác</a></li>"#,
        r#"<li><a href=../../tags/an-ninh-mang/>An ninh mạng</a></li><li>中国</li></ul>"#,
    );
    assert!(article.contains(chips), "{article}");
}

#[test]
fn a_tag_no_url_can_spell_is_a_warning_at_its_line_and_gets_no_page() {
    let site = lists_site();
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("content/articles/danh-sach.yaml:3:32: warning: the tag `中国` has no Latin letter or digit"),
        "{}",
        run.stderr
    );
    let tags: Vec<_> =
        std::fs::read_dir(site.out().join("tags")).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(tags.len(), 4, "three tag folders and the index: {tags:?}");
}

/// The documents search ranks first for `text` in the default archive, by label
/// (`actor:<id>`, `country:<code>` or an article's slug).
fn first_results(text: &str, count: usize) -> Vec<String> {
    use dossier::search::{Index, query};
    let site = TestSite::default_archive();
    let archive = dossier::check(&site.root()).archive.expect("the default archive loads");
    let index = Index::build(&archive);
    query::rank(&index, text).0.iter().take(count).map(|hit| index.documents[hit.doc as usize].label()).collect()
}

// Searching "OceanLotus" found the article but not the APT32 page.
#[test]
fn an_alias_query_ranks_the_actor_page_first() {
    for text in ["OceanLotus", "oceanlotus", "APT32", "sealotus"] {
        let first = first_results(text, 3);
        assert_eq!(first[0], "actor:apt32", "{text}: {first:?}");
        assert!(first.iter().any(|label| !label.contains(':')), "{text}: the articles follow: {first:?}");
    }
}

#[test]
fn a_country_page_is_found_by_its_english_name() {
    assert_eq!(first_results("China", 1), ["country:cn"]);
    assert_eq!(first_results("Norway", 1), ["country:no"]);
}
