//! Claims v2 on the fixture `tests/sites/claims-v2`, read from the built pages as a reader reads
//! them: a claim of several parties on each party's page and in its counts, claims rolled up to
//! the countries their makers speak for, answers linked both ways across articles, a group's
//! country worded as an alleged link, and fields the editor supplied marked as such. And every
//! sidecar of the previous format builds to the same claims as before.

mod common;

use common::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("claims-v2");
    site.build_ok();
    site
}

/// The claims (`slug#anchor`) listed on an entity page in the column `made` or `received`, by the
/// link to the article each is quoted from.
fn listed(page: &str, column: &str) -> Vec<String> {
    let made = page.find("id=made>").expect("the page has a column of claims made");
    let received = page.find("id=received>").expect("the page has a column of claims received");
    let part = if column == "made" { &page[made..received] } else { &page[received..] };
    part.split("class=claim-source>Trích từ <a href=")
        .skip(1)
        .map(|rest| {
            let href = rest.split('>').next().unwrap_or_default().trim_matches('"');
            href.trim_start_matches("../../articles/").replace("/#", "#")
        })
        .collect()
}

/// The part of `page` from the heading with `id` to the end of its section.
fn section<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page.find(&format!("<h2 id={id}>")).unwrap_or_else(|| panic!("no section {id:?}"));
    let part = &page[start..];
    &part[..part.find("</section>").unwrap_or(part.len())]
}

/// The figure before `label` in the page's row of statistics: `<strong>2</strong> cáo buộc đưa ra`.
fn stat(page: &str, label: &str) -> u32 {
    let end = page.find(&format!("</strong> {label}")).unwrap_or_else(|| panic!("no statistic {label:?}"));
    let start = page[..end].rfind("<strong>").expect("a statistic is in <strong>") + "<strong>".len();
    page[start..end].parse().expect("a statistic is a number")
}

const ALLIES: &str = "dong-minh-quy-trach-nhiem#claim-dong-minh";

#[test]
fn a_claim_of_several_parties_names_them_all_in_one_sentence() {
    let site = built();
    let page = site.page("articles/dong-minh-quy-trach-nhiem/index.html");
    assert!(page.contains("<li class=\"claim claim-attributes\" id=claim-dong-minh>"), "the anchor comes from the id");
    let parties = [
        r#"<a class="chip chip-country" href=../../countries/us/>Mỹ</a>, "#,
        r#"<a class="chip chip-country" href=../../countries/gb/>Anh</a>, "#,
        r#"<a class="chip chip-country" href=../../countries/au/>Australia</a> và "#,
        r#"<a class="chip chip-actor" href=../../actors/nato/>NATO</a> quy trách nhiệm cho "#,
    ];
    assert!(page.contains(&parties.concat()), "every party linked, `và` before the last:\n{page}");
}

#[test]
fn a_claim_of_several_parties_is_on_every_partys_page_and_in_its_counts() {
    let site = built();
    for country in ["us", "gb", "au"] {
        let page = site.page(&format!("countries/{country}/index.html"));
        assert!(listed(&page, "made").contains(&ALLIES.to_owned()), "{country} made the claim");
        assert_eq!(stat(&page, "cáo buộc đưa ra"), 1, "{country} counts the one accusation it made");
    }
    let nato = site.page("actors/nato/index.html");
    assert_eq!(listed(&nato, "made"), [ALLIES]);
    assert_eq!(stat(&nato, "nhận định đưa ra"), 1);
    // The denial answers all four: each of them receives it.
    for page in ["countries/us", "countries/gb", "countries/au", "actors/nato"] {
        let page = site.page(&format!("{page}/index.html"));
        assert!(listed(&page, "received").contains(&"trung-quoc-bac-bo#claim-1".to_owned()), "{page}");
    }
}

#[test]
fn a_companys_and_a_persons_claims_do_not_count_for_their_country() {
    let site = built();
    let us = site.page("countries/us/index.html");
    let made = listed(&us, "made");
    assert!(!made.contains(&"viet-nam-bac-bo#claim-1".to_owned()), "FireEye's report is not the US's: {made:?}");
    assert!(!made.contains(&"viet-nam-bac-bo#claim-3".to_owned()), "nor is Snowden's accusation: {made:?}");
    assert_eq!(made, [ALLIES, "dong-minh-quy-trach-nhiem#claim-3"]);
    // The NSA is an agency, so it speaks for the US: Snowden's accusation is one the US receives.
    assert!(listed(&us, "received").contains(&"viet-nam-bac-bo#claim-3".to_owned()));
    let fireeye = site.page("actors/fireeye/index.html");
    assert!(listed(&fireeye, "made").contains(&"viet-nam-bac-bo#claim-1".to_owned()), "the company keeps its claims");
}

#[test]
fn a_spokesmans_claims_count_for_the_country_he_represents() {
    let site = built();
    let vietnam = site.page("countries/vn/index.html");
    assert_eq!(listed(&vietnam, "made"), ["viet-nam-bac-bo#claim-2"], "the spokesman's denial is Việt Nam's");
    assert_eq!(stat(&vietnam, "cáo buộc phải nhận"), 1, "FireEye's accusation");
    let spokesman = site.page("actors/ngo-toan-thang/index.html");
    assert!(spokesman.contains("<dt>Đại diện cho</dt><dd><a class=\"chip chip-country\" href=../../countries/vn/>"));
}

#[test]
fn an_answer_links_to_the_claim_it_answers_and_back_across_articles() {
    let site = built();
    let denial = site.page("articles/trung-quoc-bac-bo/index.html");
    assert!(
        denial.contains(
            "<p class=claim-answers>Trả lời <a href=../../articles/dong-minh-quy-trach-nhiem/#claim-dong-minh>nhận định 1 (Quy trách nhiệm) của Mỹ, Anh, Australia và NATO, trong bài “Mỹ và đồng minh quy trách nhiệm cho Trung Quốc”</a>.</p>"
        ),
        "{denial}"
    );
    let accusation = site.page("articles/dong-minh-quy-trach-nhiem/index.html");
    assert!(
        accusation.contains(
            "<p class=claim-responses>Được trả lời bởi <a href=../../articles/trung-quoc-bac-bo/#claim-1>nhận định 1 (Bác bỏ) của Trung Quốc, trong bài “Trung Quốc bác bỏ cáo buộc của phương Tây”</a>.</p>"
        ),
        "{accusation}"
    );
}

#[test]
fn an_answer_in_the_same_article_links_without_naming_the_article() {
    let site = built();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(
        page.contains(
            "Trả lời <a href=../../articles/viet-nam-bac-bo/#claim-1>nhận định 1 (Cáo buộc) của FireEye</a>."
        )
    );
    assert!(page.contains(
        "Được trả lời bởi <a href=../../articles/viet-nam-bac-bo/#claim-2>nhận định 2 (Bác bỏ) của Ngô Toàn Thắng</a>."
    ));
}

#[test]
fn a_groups_country_is_an_alleged_link_with_the_claims_that_make_it() {
    let site = built();
    let china = site.page("countries/cn/index.html");
    assert!(!china.contains("Tác nhân của"), "no group is stated as China's own");
    let groups = section(&china, "groups");
    assert!(groups.starts_with("<h2 id=groups>Nhóm bị cho là có liên hệ với Trung Quốc</h2>"));
    assert!(groups.contains("href=../../actors/hafnium/>HAFNIUM</a>"));
    assert!(groups.contains("<a href=../../articles/dong-minh-quy-trach-nhiem/#claim-dong-minh>"), "{groups}");
    let based = section(&china, "actors");
    assert!(based.starts_with("<h2 id=actors>Tác nhân đặt tại Trung Quốc</h2>"));
    assert!(based.contains("href=../../actors/mss/") && !based.contains("hafnium"));
    let hafnium = site.page("actors/hafnium/index.html");
    assert!(hafnium.contains("<dt>Bị cho là có liên hệ với</dt>"));
}

#[test]
fn new_kinds_basis_and_reservation_are_worded() {
    let site = built();
    let allies = site.page("articles/dong-minh-quy-trach-nhiem/index.html");
    assert!(allies.contains("Australia</a> bày tỏ quan ngại về <a"));
    assert!(allies.contains("<span class=\"badge badge-offers\">Sẵn sàng hợp tác, đối thoại</span>"));
    assert!(allies.contains("<span class=basis>Dựa trên lập trường chính trị.</span>"));
    let report = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(report.contains("<span class=hedged>Bài báo đưa tin có dè dặt (“được cho là”).</span>"));
    assert!(report.contains("FireEye</a> công bố sự cố liên quan đến <a"));
}

#[test]
fn a_field_the_editor_supplied_says_so() {
    let site = built();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(page.contains("<p class=supplied-note>Tiêu đề do biên tập viên đặt: bài gốc không có tiêu đề.</p>"));
    let home = site.page("index.html");
    assert!(home.contains("Việt Nam bác bỏ báo cáo về APT32</a> <span class=supplied>(do biên tập viên ghi)</span>"));
    let other = site.page("articles/trung-quoc-bac-bo/index.html");
    assert!(!other.contains("class=supplied"), "only supplied fields are marked");
}

/// The claims of a built site as a reader sees them: for each article and actor page, every claim
/// sentence (text and links), and each article's claim anchors. Taken from the raw pages, in the
/// form `tests/sites/claims-v1/*.txt` recorded from the build before claims v2.
fn claim_sentences(site: &TestSite) -> String {
    let mut lines = Vec::new();
    for kind in ["articles", "actors"] {
        let mut names: Vec<String> = std::fs::read_dir(site.out().join(kind))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let Ok(page) = std::fs::read_to_string(site.out().join(kind).join(&name).join("index.html")) else {
                continue;
            };
            for sentence in page.split("class=sentence>").skip(1) {
                let end = [sentence.find("</p>"), sentence.find("</span>")].into_iter().flatten().min().unwrap();
                let inner = &sentence[..end];
                let hrefs: Vec<&str> = inner
                    .split("href=")
                    .skip(1)
                    .map(|rest| rest.trim_start_matches('"').split(['"', ' ', '>']).next().unwrap_or_default())
                    .collect();
                lines.push(format!("{kind}/{name}\t{}\t{}", text_of(inner), hrefs.join(" ")));
            }
            if kind == "articles" {
                let anchors: Vec<&str> = page
                    .split("<li class=\"claim ")
                    .skip(1)
                    .filter_map(|rest| rest.split_once(" id=")?.1.trim_start_matches('"').split(['"', ' ', '>']).next())
                    .collect();
                lines.push(format!("{kind}/{name}\tanchors\t{}", anchors.join(" ")));
            }
        }
    }
    lines.join("\n") + "\n"
}

/// The text of an HTML fragment: tags removed, white space folded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn sidecars_of_the_previous_format_build_to_the_same_claims() {
    // The base fixture and the default archive as it stood before claims v2, with the claims
    // their pages showed then.
    for (fixture, expected) in [("base", "claims-v1/base.txt"), ("claims-v1/archive", "claims-v1/archive.txt")] {
        let site = TestSite::fixture(fixture);
        site.build_ok();
        let expected = std::fs::read_to_string(common::repo().join("tests/sites").join(expected)).unwrap();
        assert_eq!(claim_sentences(&site), expected, "{fixture}");
    }
}

// An article with an error is left out of the archive: an answer to one of its claims must not
// add an "unknown article" error that sends the editor to the wrong file.
#[test]
fn an_answer_to_an_article_with_errors_reports_only_that_articles_error() {
    let site = TestSite::fixture("base").overlay("invalid/invalid-date");
    let sidecar = site.read("content/articles/my-canh-bao-volt-typhoon.yaml");
    let answering = sidecar.replacen(
        "    about: volt-typhoon\n",
        "    about: volt-typhoon\n    responds_to: doi-thoai-2013#claim-1\n",
        1,
    );
    site.write("content/articles/my-canh-bao-volt-typhoon.yaml", &answering);
    let run = site.build();
    assert!(!run.success);
    assert!(run.stderr.contains("doi-thoai-2013.md:3:7: error: invalid date"), "{}", run.stderr);
    assert!(!run.stderr.contains("my-canh-bao-volt-typhoon.yaml"), "{}", run.stderr);
}
