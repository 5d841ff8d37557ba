//! The timeline, the timeline section of actor and country pages and the actors' relationship
//! graphs, read from the pages a build of the base fixture writes and compared with the claims of
//! the model that `dossier::check` gives for the same fixture.

mod common;

use std::collections::BTreeMap;

use common::TestSite;
use dossier::model::{Archive, Party};
use dossier::urls;
use lol_html::{HtmlRewriter, Settings, element, text};

/// Each element `selector` matches in `html`: its `href` and its text.
fn select(html: &str, selector: &str) -> Vec<(String, String)> {
    let found = std::cell::RefCell::new(Vec::<(String, String)>::new());
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!(selector, |element| {
                found.borrow_mut().push((element.get_attribute("href").unwrap_or_default(), String::new()));
                Ok(())
            }))
            .append_element_content_handler(text!(selector, |chunk| {
                if let Some(last) = found.borrow_mut().last_mut() {
                    last.1.push_str(chunk.as_str());
                }
                Ok(())
            })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    found
        .into_inner()
        .into_iter()
        .map(|(href, text)| (href, text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// The links of a timeline year's rows, each with the id of the month heading it is under.
fn rows_under_months(html: &str) -> Vec<(String, String)> {
    let month = std::cell::RefCell::new(String::new());
    let rows = std::cell::RefCell::new(Vec::new());
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!(".timeline-month h2", |heading| {
                *month.borrow_mut() = heading.get_attribute("id").unwrap_or_default();
                Ok(())
            }))
            .append_element_content_handler(element!(".timeline-rows a", |link| {
                rows.borrow_mut().push((month.borrow().clone(), link.get_attribute("href").unwrap_or_default()));
                Ok(())
            })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    rows.into_inner()
}

fn built() -> (TestSite, Archive) {
    let site = TestSite::fixture("base");
    site.build_ok();
    let archive = dossier::check(&site.root()).archive.expect("the base fixture loads");
    (site, archive)
}

/// The way from a page two folders deep (`actors/x/`, `timeline/2020/`) to `url`.
fn from_depth_two(url: &str) -> String {
    format!("../../{url}")
}

#[test]
fn the_timeline_holds_every_article_and_claim_once_under_its_year_and_month() {
    let (site, archive) = built();
    let mut expected: Vec<(i16, String, String)> = Vec::new();
    for article in &archive.articles {
        expected.push((article.date.year, urls::month_anchor(article.date.month), urls::article(&article.slug)));
    }
    for claim in &archive.claims {
        let article = archive.article(claim.article);
        let date = claim.date.unwrap_or(article.date);
        let url = urls::with_anchor(&urls::article(&article.slug), &claim.anchor);
        expected.push((date.year, urls::month_anchor(date.month), url));
    }
    expected.sort();
    let index = site.page(&urls::file(urls::TIMELINE));
    let years: Vec<String> = select(&index, ".timeline-year h2 a").into_iter().map(|(href, _)| href).collect();
    let newest_first = [2024, 2020, 2013].map(|year| format!("../{}", urls::timeline_year(year)));
    assert_eq!(years, newest_first);
    let mut shown: Vec<(i16, String, String)> = Vec::new();
    let mut dates_shown = 0;
    for year in [2013, 2020, 2024] {
        let page = site.page(&urls::file(&urls::timeline_year(year)));
        for (month, href) in rows_under_months(&page) {
            shown.push((year, month, href.trim_start_matches("../../").to_owned()));
        }
        // Rows of one date show it once, on the first of them.
        let dates: Vec<String> = select(&page, ".timeline-rows time").into_iter().map(|(_, text)| text).collect();
        assert!(dates.windows(2).all(|two| two[0] != two[1]), "{year}: {dates:?}");
        dates_shown += dates.len();
    }
    shown.sort();
    assert_eq!(shown, expected);
    assert!(dates_shown < shown.len(), "claims dated by their article share its row's date");
}

#[test]
fn an_entitys_timeline_names_its_first_and_last_claim_and_counts_its_claims_by_year() {
    let (site, _) = built();
    // The United States: cooperates in 2013 (made), accuses in 2024-02 (made), is denied by China
    // in 2024-02 (received); the last of two claims of the same month is the later in the table.
    let page = site.page(&urls::file(&urls::country("us")));
    let ends = select(&page, ".timeline-ends dd a");
    assert_eq!(
        ends.iter().map(|(href, _)| href.as_str()).collect::<Vec<_>>(),
        [
            from_depth_two("articles/doi-thoai-2013/#claim-1"),
            from_depth_two("articles/my-canh-bao-volt-typhoon/#claim-2")
        ]
    );
    assert_eq!(year_bars(&page), [("2013".to_owned(), "1".to_owned()), ("2024".to_owned(), "2".to_owned())]);
    // APT32 makes no claim and receives two, both on 23/4/2020.
    let page = site.page(&urls::file(&urls::actor("apt32")));
    assert_eq!(year_bars(&page), [("2020".to_owned(), "2".to_owned())]);
    let years = select(&page, ".year-bars a");
    assert_eq!(years[0].0, from_depth_two(&urls::timeline_year(2020)));
}

/// The years of an entity's timeline section, each with its number of claims.
fn year_bars(page: &str) -> Vec<(String, String)> {
    let years = select(page, ".year-bars a").into_iter().map(|(_, year)| year);
    years.zip(select(page, ".year-bars .count").into_iter().map(|(_, count)| count)).collect()
}

/// The graph's edges an actor should have, from the model: for each neighbour, its relations as
/// the templates word them, claims made by the actor first, then claims against or about it, then
/// the shared articles.
fn expected_edges(archive: &Archive, index: usize) -> BTreeMap<String, Vec<String>> {
    let centre = Party::Actor(dossier::model::ActorId(index as u32));
    let actor = &archive.actors[index];
    let label = |word: &str| match word {
        "accuses" => "Cáo buộc",
        "denies" => "Bác bỏ",
        "cooperates" => "Hợp tác",
        other => panic!("the fixture has no claim of kind {other}"),
    };
    let url = |party: Party| match party {
        Party::Actor(id) => urls::actor(&archive.actor(id).id),
        Party::Country(id) => urls::country(&archive.country(id).id),
    };
    let mut counts: BTreeMap<(String, u8, &str), usize> = BTreeMap::new();
    for claim in &archive.claims {
        let word = claim.kind.as_str();
        if claim.by.contains(&centre) {
            for target in claim.target.iter().filter(|party| **party != centre) {
                *counts.entry((url(*target), 0, word)).or_default() += 1;
            }
        }
        if claim.target.contains(&centre) || claim.about.iter().any(|about| Party::Actor(*about) == centre) {
            for by in claim.by.iter().filter(|party| **party != centre) {
                *counts.entry((url(*by), 1, word)).or_default() += 1;
            }
        }
    }
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((neighbour, direction, word), count) in counts {
        let verb = if direction == 0 { "nhận" } else { "đưa ra" };
        edges.entry(neighbour).or_default().push(format!("{verb} {}: {count}", label(word)));
    }
    for (other, shared) in &actor.related {
        edges.entry(urls::actor(&archive.actor(*other).id)).or_default().push(format!("cùng trong {shared} bài"));
    }
    edges
}

#[test]
fn each_actors_graph_has_one_edge_per_linked_party_with_its_claims_by_kind_and_the_same_text_list() {
    let (site, archive) = built();
    for (index, actor) in archive.actors.iter().enumerate() {
        let page = site.page(&urls::file(&urls::actor(&actor.id)));
        let expected = expected_edges(&archive, index);
        let listed: BTreeMap<String, Vec<String>> = select(&page, ".graph-list li")
            .into_iter()
            .zip(select(&page, ".graph-list li a.chip"))
            .map(|((_, text), (href, name))| {
                let relations = text[name.len()..].trim().split("; ").map(str::to_owned).collect();
                (href.trim_start_matches("../../").to_owned(), relations)
            })
            .collect();
        assert_eq!(listed, expected, "the text list of {}", actor.id);
        let drawn: Vec<String> = select(&page, "svg.graph a")
            .into_iter()
            .map(|(href, _)| href.trim_start_matches("../../").to_owned())
            .collect();
        assert_eq!(drawn.len(), select(&page, "svg.graph line").len(), "one edge per node for {}", actor.id);
        let mut drawn_sorted = drawn.clone();
        drawn_sorted.sort();
        assert_eq!(drawn_sorted, expected.keys().cloned().collect::<Vec<_>>(), "the drawing of {}", actor.id);
    }
    let apt32 = site.page(&urls::file(&urls::actor("apt32")));
    let lines: Vec<String> = select(&apt32, "svg.graph tspan").into_iter().map(|(_, text)| text).collect();
    assert_eq!(lines, ["FireEye", "đưa ra Cáo buộc: 1", "cùng trong 1 bài", "Việt Nam", "đưa ra Bác bỏ: 1"]);
}
