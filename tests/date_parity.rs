//! Dates are worded by the `date` component of `templates/components.html`: on pages directly, and
//! in search results by `static/search.js` with the patterns the build learns from that component
//! (rendered with placeholders) and writes into the search index's root. This test fails when the
//! two disagree, at any precision (day, month, year).

mod common;

use std::collections::BTreeSet;

use common::TestSite;
use walkdir::WalkDir;

/// The client's wording of `iso` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) with the root's patterns.
fn client_wording(dates: &serde_json::Value, iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let number = |part: &str| part.trim_start_matches('0').to_owned();
    let pattern = match parts.len() {
        3 => "day",
        2 => "month",
        _ => "year",
    };
    let pattern = dates[pattern].as_str().expect("a date pattern in search-index.json");
    pattern
        .replace("{day}", &parts.get(2).map(|day| number(day)).unwrap_or_default())
        .replace("{month}", &parts.get(1).map(|month| number(month)).unwrap_or_default())
        .replace("{year}", parts[0])
}

/// Every `<time datetime=ISO>TEXT</time>` in the built pages, with TEXT as a reader sees it.
fn page_dates(site: &TestSite) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for entry in WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|extension| extension == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            found.extend(time_elements(&html));
        }
    }
    found
}

/// The `<time datetime=...>...</time>` elements of minified HTML (the attribute quoted or not).
fn time_elements(html: &str) -> Vec<(String, String)> {
    let mut times = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<time datetime=") {
        rest = &rest[start + "<time datetime=".len()..];
        let quoted = rest.starts_with('"');
        let value_start = usize::from(quoted);
        let value_end = if quoted {
            rest[1..].find('"').map(|end| end + 1)
        } else {
            rest.find(|c: char| c == '>' || c.is_whitespace())
        };
        let Some(value_end) = value_end else { break };
        let iso = rest[value_start..value_end].to_owned();
        let Some(open_end) = rest.find('>') else { break };
        let Some(close) = rest.find("</time>") else { break };
        let text = rest[open_end + 1..close].trim().to_owned();
        times.push((iso, text));
        rest = &rest[close..];
    }
    times
}

fn assert_pages_and_client_agree(site: TestSite) -> BTreeSet<usize> {
    site.build_ok();
    let root: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.out().join("search-index.json")).unwrap()).unwrap();
    let dates = &root["dates"];
    let seen = page_dates(&site);
    assert!(!seen.is_empty(), "no <time> element in the built pages");
    for (iso, text) in &seen {
        assert_eq!(&client_wording(dates, iso), text, "the page and the search client word {iso} differently");
    }
    seen.iter().map(|(iso, _)| iso.split('-').count()).collect()
}

#[test]
fn pages_and_search_results_word_every_date_alike() {
    let mut precisions = assert_pages_and_client_agree(TestSite::fixture("base"));
    precisions.extend(assert_pages_and_client_agree(TestSite::default_archive()));
    assert_eq!(precisions, BTreeSet::from([1, 2, 3]), "the fixtures should hold a date of each precision");
}
