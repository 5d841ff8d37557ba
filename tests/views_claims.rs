//! The claims list and the disputes on the fixture `tests/sites/disputes` (one article card a
//! page, so four claim rows a claims page and one dispute a disputes page), read from the built
//! pages as a reader reads them: every claim once, newest first, in pages that never mix years;
//! the year, kind and basis filters; the exchange accusation → denial → counter-accusation
//! across two articles, on the disputes page and beside each of its claims in the articles.

mod common;

use common::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("disputes");
    site.build_ok();
    site
}

/// Every claim of the fixture as `slug#anchor`, newest first by its own date or else its
/// article's, with its kind and basis.
const CLAIMS: [(&str, &str, &str); 10] = [
    ("my-truy-to-trung-quoc#claim-1", "accuses", "legal"),
    ("my-truy-to-trung-quoc#claim-2", "denies", ""),
    ("my-truy-to-trung-quoc#claim-3", "charges", "legal"),
    ("my-truy-to-trung-quoc#claim-4", "demands", ""),
    ("my-truy-to-trung-quoc#claim-5", "reports", "technical"),
    ("viet-nam-bac-bo#claim-1", "denies", ""),
    ("viet-nam-bac-bo#claim-cao-buoc-nguoc", "accuses", "political"),
    ("fireeye-cao-buoc#claim-1", "accuses", "technical"),
    // Quoted in an article of 2020, but dated May 2019 by the editor.
    ("fireeye-cao-buoc#claim-2", "warns", "political"),
    ("doi-thoai-2013#claim-1", "accuses", "media"),
];

/// A row of the claims list: the claim it links to in its article, and its filter attributes.
#[derive(Debug, PartialEq)]
struct Row {
    claim: String,
    kind: String,
    basis: String,
}

/// The value of the attribute `name` in the start tag `tag`, quoted or not.
fn attribute(tag: &str, name: &str) -> String {
    let Some(start) = tag.find(&format!(" {name}=")) else { return String::new() };
    let value = &tag[start + name.len() + 2..];
    match value.strip_prefix('"') {
        Some(quoted) => quoted[..quoted.find('"').unwrap_or(quoted.len())].to_owned(),
        None => value[..value.find([' ', '>']).unwrap_or(value.len())].to_owned(),
    }
}

/// What follows `prefix` in the class of the start tag `tag` that begins with it (a claims row's
/// kind is its class `claim-<kind>`, its basis `basis-<basis>`); empty when none does.
fn class_value(tag: &str, prefix: &str) -> String {
    let class = attribute(tag, "class");
    class.split_whitespace().find_map(|name| name.strip_prefix(prefix)).unwrap_or_default().to_owned()
}

/// `articles/<slug>/#<anchor>` after any number of `../`, as `slug#anchor`.
fn claim_of(href: &str) -> String {
    let path = href.trim_start_matches("../");
    path.trim_start_matches("articles/").replace("/#", "#")
}

/// The rows of a claims page, in order.
fn rows(page: &str) -> Vec<Row> {
    page.split("<li ")
        .skip(1)
        .filter(|part| {
            attribute(&format!(" {}", part.split('>').next().unwrap_or_default()), "class").starts_with("claim-")
        })
        .map(|part| {
            let tag = format!(" {}", &part[..part.find('>').unwrap_or(part.len())]);
            let quote = &part[part.find("class=row-quote>").expect("a row quotes its claim")..];
            let link = &quote[quote.find("<a ").expect("the quote links to its claim in its article")..];
            let link_tag = &link[..link.find('>').unwrap_or(link.len())];
            Row {
                claim: claim_of(&attribute(link_tag, "href")),
                kind: class_value(&tag, "claim-"),
                basis: class_value(&tag, "basis-"),
            }
        })
        .collect()
}

fn claims_page(site: &TestSite, number: usize) -> String {
    if number == 1 { site.page("claims/index.html") } else { site.page(&format!("claims/page/{number}/index.html")) }
}

/// The heading that says which year a claims page shows.
fn year_of(page: &str) -> String {
    let start = page.find("Năm ").expect("a claims page names its year") + "Năm ".len();
    page[start..start + 4].to_owned()
}

#[test]
fn the_claims_list_holds_every_claim_once_newest_first() {
    let site = built();
    let listed: Vec<String> =
        (1..=5).flat_map(|number| rows(&claims_page(&site, number))).map(|row| row.claim).collect();
    let expected: Vec<String> = CLAIMS.iter().map(|(claim, _, _)| claim.to_string()).collect();
    assert_eq!(listed, expected);
    assert!(!site.out().join("claims/page/6").exists(), "no page beyond the last claim");
}

#[test]
fn a_claims_page_never_mixes_two_years_and_the_year_links_lead_to_exactly_that_years_claims() {
    let site = built();
    let first = claims_page(&site, 1);
    let years: Vec<(String, usize)> = first
        .split("<nav")
        .nth(2)
        .expect("the claims list has a year filter after the menu")
        .split("<a ")
        .skip(1)
        .map(|link| {
            let href = attribute(&format!(" {}", &link[..link.find('>').unwrap_or(0)]), "href");
            let number = href.trim_start_matches("../").trim_start_matches("claims/");
            let number = number.trim_start_matches("page/").trim_end_matches('/');
            (link[link.find('>').unwrap_or(0) + 1..][..4].to_owned(), number.parse().unwrap_or(1))
        })
        .take_while(|(year, _)| year.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(years, [("2021".to_owned(), 1), ("2020".to_owned(), 3), ("2019".to_owned(), 4), ("2013".to_owned(), 5)]);
    for (year, first_page) in &years {
        let mut shown = Vec::new();
        let mut number = *first_page;
        while number <= 5 && year_of(&claims_page(&site, number)) == *year {
            shown.extend(rows(&claims_page(&site, number)).into_iter().map(|row| row.claim));
            number += 1;
        }
        let date_year = |claim: &str| match claim {
            "fireeye-cao-buoc#claim-2" => "2019",
            _ if claim.starts_with("my-truy") => "2021",
            _ if claim.starts_with("doi-thoai") => "2013",
            _ => "2020",
        };
        let expected: Vec<&str> =
            CLAIMS.iter().map(|(claim, _, _)| *claim).filter(|claim| date_year(claim) == year).collect();
        assert_eq!(shown, expected, "the pages of {year}");
    }
    // 2021 has five claims: four on its first page, one on its second, which says so.
    assert_eq!(rows(&claims_page(&site, 1)).len(), 4);
    assert!(claims_page(&site, 2).contains("Trang 2/2 của năm"));
}

#[test]
fn each_kind_and_basis_filter_matches_exactly_the_claims_of_that_kind_or_basis() {
    let site = built();
    let listed: Vec<Row> = (1..=5).flat_map(|number| rows(&claims_page(&site, number))).collect();
    for (claim, kind, basis) in CLAIMS {
        let row = listed.iter().find(|row| row.claim == claim).expect("every claim is listed");
        assert_eq!((row.kind.as_str(), row.basis.as_str()), (kind, basis), "{claim}");
    }
    // The filters offer the kinds and bases the archive has, in the vocabularies' order.
    let page = claims_page(&site, 1);
    let options = |name: &str| -> Vec<String> {
        let select = &page[page.find(&format!("name={name}>")).expect("a filter select")..];
        let select = &select[..select.find("</select>").unwrap_or(select.len())];
        // The first choice, "every kind", has an empty value: `<option value>`.
        select
            .split("<option value=")
            .skip(1)
            .map(|option| option[..option.find('>').unwrap_or(0)].trim_matches('"').to_owned())
            .collect()
    };
    assert_eq!(options("kind"), ["accuses", "denies", "charges", "warns", "demands", "reports"]);
    assert_eq!(options("basis"), ["technical", "political", "legal", "media"]);
    assert!(page.contains("áp dụng cho các nhận định của trang đang xem"), "the page says what the filter covers");
}

/// The claims (`slug#anchor`) a fragment links to, in order, with the depth class of their row.
fn linked_claims(fragment: &str) -> Vec<String> {
    fragment
        .split("href=")
        .skip(1)
        .map(|rest| rest[..rest.find(['>', ' ']).unwrap_or(0)].trim_matches('"').to_owned())
        .filter(|href| href.contains("articles/") && href.contains('#'))
        .map(|href| claim_of(&href))
        .collect()
}

#[test]
fn a_dispute_follows_the_chain_across_articles_with_both_sides() {
    let site = built();
    // One dispute a page, newest opening first: the exchange of 2020 is on page 2.
    let page = site.page("disputes/page/2/index.html");
    let start = page.find("<article").expect("a dispute");
    let dispute = &page[start..page.find("</article>").expect("a dispute ends")];
    assert!(
        dispute.contains("id=dispute-fireeye-cao-buoc-claim-1")
            || dispute.contains("id=\"dispute-fireeye-cao-buoc-claim-1\"")
    );
    let (opening, answers) = dispute.split_at(dispute.find("dispute-answers").expect("the answers side"));
    assert_eq!(linked_claims(opening).last().map(String::as_str), Some("fireeye-cao-buoc#claim-1"));
    assert_eq!(linked_claims(answers), ["viet-nam-bac-bo#claim-1", "viet-nam-bac-bo#claim-cao-buoc-nguoc"]);
    // The counter-accusation answers the denial, not the accusation: one step deeper.
    assert!(answers.contains("claim-denies depth-1"));
    assert!(answers.contains("claim-accuses depth-2"));
    assert!(dispute.contains("FireEye cáo buộc Việt Nam đứng sau nhóm APT32"), "the opening's quote");
    assert!(dispute.contains("chính FireEye đã tung tin sai lệch"), "the counter-accusation's quote");
    let first = site.page("disputes/index.html");
    assert!(
        first.contains("id=dispute-my-truy-to-trung-quoc-claim-1")
            || first.contains("id=\"dispute-my-truy-to-trung-quoc-claim-1\"")
    );
}

#[test]
fn the_article_page_shows_the_whole_thread_beside_each_of_its_claims() {
    let site = built();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    let threads: Vec<&str> = page
        .split("class=claim-thread>")
        .skip(1)
        .map(|part| &part[..part.find("</div>").unwrap_or(part.len())])
        .collect();
    assert_eq!(threads.len(), 2, "both claims of the article are in the exchange");
    for (thread, current) in threads.iter().zip(["viet-nam-bac-bo#claim-1", "viet-nam-bac-bo#claim-cao-buoc-nguoc"]) {
        assert!(thread.contains("../../disputes/page/2/#dispute-fireeye-cao-buoc-claim-1"), "the way to the dispute");
        let expected: Vec<&str> =
            ["fireeye-cao-buoc#claim-1", "viet-nam-bac-bo#claim-1", "viet-nam-bac-bo#claim-cao-buoc-nguoc"]
                .into_iter()
                .filter(|claim| *claim != current)
                .collect();
        assert_eq!(linked_claims(thread), expected, "the thread beside {current} links the others");
        assert!(thread.contains("aria-current=\"true\"") || thread.contains("aria-current=true"));
    }
    // The accusation's article shows the thread beside the accusation only.
    let accusation = site.page("articles/fireeye-cao-buoc/index.html");
    assert_eq!(accusation.matches("class=claim-thread>").count(), 1);
}
