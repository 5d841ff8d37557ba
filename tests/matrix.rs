//! The attribution matrix on the fixture `tests/sites/claims-v2` with the overlay
//! `tests/sites/matrix` (an article of 2022 whose claims are a two-by-two accusation made in 2019,
//! a charge, and a warning), read from the built pages as a reader reads them: the counts in the
//! cells (from their accessible names), and the claims the page each cell leads to lists.

mod common;

use std::collections::BTreeMap;

use common::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("claims-v2").overlay("matrix");
    site.build_ok();
    site
}

/// One cell of a matrix page: its count, and the root-relative URL it links to.
#[derive(Debug)]
struct Cell {
    count: u32,
    url: String,
}

/// The non-empty cells of a matrix page by (accuser, accused), read from each cell link's
/// accessible name, "N cáo buộc của X nhằm vào Y".
fn cells(page: &str) -> BTreeMap<(String, String), Cell> {
    use lol_html::{HtmlRewriter, Settings, element};
    let mut cells = BTreeMap::new();
    let mut rewriter = HtmlRewriter::new(
        Settings::new().append_element_content_handler(element!("table.matrix td a", |link| {
            let label = link.get_attribute("aria-label").expect("a cell link has an accessible name");
            let (count, rest) = label.split_once(" cáo buộc của ").expect("the name says the count and the accuser");
            let (by, target) = rest.split_once(" nhằm vào ").expect("the name says the accused");
            let href = link.get_attribute("href").expect("a cell links somewhere");
            let url = href.trim_start_matches("../").to_owned();
            cells.insert((by.to_owned(), target.to_owned()), Cell { count: count.parse().unwrap(), url });
            Ok(())
        })),
        |_: &[u8]| {},
    );
    rewriter.write(page.as_bytes()).unwrap();
    rewriter.end().unwrap();
    cells
}

/// The counts of `cells`, with names, for comparing with what is expected.
fn counts(cells: &BTreeMap<(String, String), Cell>) -> Vec<(&str, &str, u32)> {
    cells.iter().map(|((by, target), cell)| (by.as_str(), target.as_str(), cell.count)).collect()
}

/// The claims (`slug#anchor`) listed in the element with id `anchor` of `page`, up to its end.
fn listed_in(page: &str, anchor: &str) -> Vec<String> {
    let start = page.find(&format!(" id={anchor}>")).unwrap_or_else(|| panic!("no element #{anchor}:\n{page}"));
    let part = &page[start..];
    let mut depth = 0;
    let mut end = part.len();
    for (position, _) in part.match_indices("section") {
        let tag = &part[..position];
        if tag.ends_with("</") {
            if depth == 0 {
                end = position;
                break;
            }
            depth -= 1;
        } else if tag.ends_with('<') {
            depth += 1;
        }
    }
    part[..end]
        .split("class=row-quote><a href=")
        .skip(1)
        .map(|rest| {
            let href = rest.split('>').next().unwrap_or_default().trim_matches('"');
            href.trim_start_matches("../").trim_start_matches("articles/").replace("/#", "#")
        })
        .collect()
}

/// The claims the cell link `url` (root-relative, with its fragment) leads to.
fn listed_at(site: &TestSite, url: &str) -> Vec<String> {
    let (folder, anchor) = url.split_once('#').expect("a cell links to a section");
    listed_in(&site.page(&format!("{folder}index.html")), anchor)
}

const MSS: &str = "Bộ An ninh Quốc gia Trung Quốc";
const ALLIES: &str = "dong-minh-quy-trach-nhiem#claim-dong-minh";
const BOTH: &str = "my-anh-cao-buoc-apt32#claim-hai-ben";
const CHARGE: &str = "my-anh-cao-buoc-apt32#claim-truy-to";

#[test]
fn matrix_counts_equal_the_accusations_once_per_pair() {
    let site = built();
    let all = cells(&site.page("matrix/index.html"));
    // The allies' attribution counts once for each of its four makers; the two-by-two accusation
    // once for each of its four pairs; the warning and the denials not at all.
    assert_eq!(
        counts(&all),
        [
            ("Anh", "APT32", 1),
            ("Anh", MSS, 2),
            ("Australia", MSS, 1),
            ("Edward Snowden", "Cơ quan An ninh Quốc gia Mỹ", 1),
            ("FireEye", "Việt Nam", 1),
            ("Mỹ", "APT32", 1),
            ("Mỹ", MSS, 3),
            ("NATO", MSS, 1),
        ]
    );
}

#[test]
fn each_cell_links_to_exactly_its_claims() {
    let site = built();
    let all = cells(&site.page("matrix/index.html"));
    let listed = |by: &str, target: &str| listed_at(&site, &all[&(by.to_owned(), target.to_owned())].url);
    assert_eq!(listed("Mỹ", MSS), [CHARGE, ALLIES, BOTH], "newest first, the warning left out");
    assert_eq!(listed("Mỹ", "APT32"), [BOTH]);
    assert_eq!(listed("Anh", MSS), [ALLIES, BOTH]);
    assert_eq!(listed("FireEye", "Việt Nam"), ["viet-nam-bac-bo#claim-1"]);
    for ((by, target), cell) in &all {
        assert_eq!(listed_at(&site, &cell.url).len() as u32, cell.count, "{by} → {target}: {}", cell.url);
    }
}

#[test]
fn a_year_page_counts_only_that_years_claims() {
    let site = built();
    let matrix = site.page("matrix/index.html");
    for year in ["2022", "2021", "2020", "2019"] {
        assert!(matrix.contains(&format!("href=../matrix/{year}/>{year}</a>")), "the year menu offers {year}");
    }
    // The accusation made in 2019 is in an article of 2022: it counts in the year it was made.
    let in_2019 = cells(&site.page("matrix/2019/index.html"));
    assert_eq!(counts(&in_2019), [("Anh", "APT32", 1), ("Anh", MSS, 1), ("Mỹ", "APT32", 1), ("Mỹ", MSS, 1)]);
    let in_2021 = cells(&site.page("matrix/2021/index.html"));
    assert_eq!(counts(&in_2021), [("Anh", MSS, 1), ("Australia", MSS, 1), ("Mỹ", MSS, 1), ("NATO", MSS, 1)]);
    let mss_2019 = &in_2019[&("Mỹ".to_owned(), MSS.to_owned())];
    assert_eq!(listed_at(&site, &mss_2019.url), [BOTH], "the 2019 cell leads to the 2019 claims only");
    let in_2022 = cells(&site.page("matrix/2022/index.html"));
    assert_eq!(listed_at(&site, &in_2022[&("Mỹ".to_owned(), MSS.to_owned())].url), [CHARGE]);
}

#[test]
fn a_cell_whose_claims_run_over_pages_leads_to_the_page_of_its_first() {
    let site = TestSite::fixture("claims-v2").overlay("matrix");
    site.write("site.toml", &format!("{}\npage_size = 1\n", site.read("site.toml")));
    // Four more accusations of the MSS by Mỹ, in 2023: eight in all, four rows a page (an
    // accuser's page holds four rows for each card of `page_size`). Page 1: the four of 2023; page
    // 2: the MSS in 2022, 2021 and 2019, then APT32.
    let text = ["một", "hai", "ba", "bốn"].map(|n| format!("Mỹ cáo buộc Bộ An ninh Quốc gia Trung Quốc lần {n}."));
    site.write(
        "content/articles/my-cao-buoc-bon-lan.md",
        &format!("---\ntitle: Mỹ cáo buộc bốn lần\ndate: 2023-06-01\nsource: Báo thử\n---\n{}\n", text.join(" ")),
    );
    let claims: String = text
        .iter()
        .enumerate()
        .map(|(n, quote)| {
            format!(
                "  - id: lan-{n}\n    by: us\n    kind: accuses\n    target: mss\n    quote: {}\n",
                &quote[..quote.len() - 1]
            )
        })
        .collect();
    site.write("content/articles/my-cao-buoc-bon-lan.yaml", &format!("claims:\n{claims}"));
    site.build_ok();
    let in_2019 = cells(&site.page("matrix/2019/index.html"));
    let mss_2019 = &in_2019[&("Mỹ".to_owned(), MSS.to_owned())];
    assert!(mss_2019.url.starts_with("matrix/countries/us/page/2/#"), "{}", mss_2019.url);
    assert_eq!(listed_at(&site, &mss_2019.url), [BOTH]);
    let second = site.page("matrix/countries/us/page/2/index.html");
    assert!(second.contains("(tiếp)"), "the section begun on page 1 says it continues:\n{second}");
}

// A site's own components.html, copied before the matrix existed, failed the build: the
// matrix's page called the claim card with an argument the site's card did not take.
#[test]
fn a_site_whose_components_predate_the_matrix_still_builds() {
    let site = TestSite::fixture("claims-v2").overlay("matrix");
    let components = std::fs::read_to_string(common::repo().join("templates/components.html")).unwrap();
    let matrix_aware = "{% if claim.in_heading %}{{ <kind_label kind={claim.label} /> }}{% else %}\
                        {{ <claim_sentence claim={claim} linked={false} /> }}{% endif %}";
    assert!(components.contains(matrix_aware), "the claim row words only its kind under a heading");
    let before = "{{ <claim_sentence claim={claim} linked={false} /> }}";
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    site.write("templates/components.html", &components.replace(matrix_aware, before));
    site.build_ok();
    let accusations = site.page("matrix/countries/us/index.html");
    assert!(accusations.contains("Mỹ và Anh cáo buộc"), "the older row shows its sentence:\n{accusations}");
}
