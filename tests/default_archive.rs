//! The repository's own archive, the demo every new user sees: it builds without a warning, every article, actor
//! and country has its page, every quote is highlighted, links resolve, and rebuilding gives the
//! same bytes. A broken edit leaves the previous output untouched.

mod common;

use common::{TestSite, broken_links, links_and_ids, snapshot};

fn names(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::repo().join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md" || (folder != "content/articles" && e == "yaml")))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_article_actor_and_country_has_a_page() {
    let site = TestSite::default_archive();
    site.build_ok();
    let articles = names("content/articles");
    assert_eq!(articles.len(), 5, "the five seed articles");
    for slug in &articles {
        site.page(&format!("articles/{slug}/index.html"));
    }
    for id in names("content/actors") {
        site.page(&format!("actors/{id}/index.html"));
    }
    for id in names("content/countries") {
        site.page(&format!("countries/{id}/index.html"));
    }
}

// A newcomer's first build printed a warning (an actor no article mentions) and looked broken.
#[test]
fn the_default_archive_builds_without_a_warning() {
    let site = TestSite::default_archive();
    let run = site.build_ok();
    assert!(!run.stderr.contains("warning"), "the first build of the default archive warns:\n{}", run.stderr);
}

#[test]
fn every_quote_is_highlighted_and_linked() {
    let site = TestSite::default_archive();
    site.build_ok();
    let checked = dossier::check(&site.root());
    let archive = checked.archive.expect("the default archive loads");
    for article in &archive.articles {
        let (links, ids) = links_and_ids(&site.page(&format!("articles/{}/index.html", article.slug)));
        // Claims sharing a quote share its mark: each has its own id where the quote starts.
        for anchor in article.claims.iter().map(|id| &archive.claim(*id).anchor) {
            assert!(ids.contains(&format!("q-{anchor}")), "{}: quote of {anchor}", article.slug);
            assert!(links.contains(&format!("#{anchor}")), "{}: reference to {anchor}", article.slug);
        }
        for index in 1..=article.notes.len() {
            assert!(ids.contains(&format!("q-note-{index}")), "{}: note {index}", article.slug);
        }
    }
    assert!(archive.claims.len() >= 20, "the demo has real annotations");
}

#[test]
fn cross_links_go_both_ways() {
    let site = TestSite::default_archive();
    site.build_ok();
    let archive = dossier::check(&site.root()).archive.unwrap();
    for article in &archive.articles {
        let page = site.page(&format!("articles/{}/index.html", article.slug));
        let back = format!("href=../../articles/{}/", article.slug);
        for actor in article.actors.iter().map(|id| archive.actor(*id)) {
            assert!(page.contains(&format!("href=../../actors/{}/", actor.id)), "{} → {}", article.slug, actor.id);
            let actor_page = site.page(&format!("actors/{}/index.html", actor.id));
            assert!(actor_page.contains(&back), "{} → {}", actor.id, article.slug);
        }
        for country in article.countries.iter().map(|id| archive.country(*id)) {
            assert!(
                page.contains(&format!("href=../../countries/{}/", country.id)),
                "{} → {}",
                article.slug,
                country.id
            );
            let country_page = site.page(&format!("countries/{}/index.html", country.id));
            assert!(country_page.contains(&back), "{} → {}", country.id, article.slug);
        }
    }
}

#[test]
fn no_relative_link_is_broken() {
    let site = TestSite::default_archive();
    site.build_ok();
    let broken = broken_links(&site.out(), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::default_archive();
    site.build_ok();
    let first = snapshot(&site.out());
    assert!(site.build_with(&["--no-cache"]).success);
    assert_eq!(first, snapshot(&site.out()));
}

#[test]
fn unknown_actor_fails_the_build_and_keeps_the_previous_output() {
    let site = TestSite::default_archive();
    site.build_ok();
    let before = snapshot(&site.out());
    let sidecar = "content/articles/viet-nam-bac-cao-buoc-apt32.yaml";
    let text = site.read(sidecar);
    let edited = text.replacen("actors: [", "actors: [apt-33-typo, ", 1);
    assert_ne!(text, edited, "the sidecar lists its actors");
    site.write(sidecar, &edited);
    let (line, column) =
        edited.lines().enumerate().find_map(|(index, line)| Some((index + 1, line.find("apt-33-typo")? + 1))).unwrap();

    let run = site.build();
    assert!(!run.success);
    let expected = format!("{sidecar}:{line}:{column}: error: unknown actor `apt-33-typo`");
    assert!(run.stderr.contains(&expected), "expected {expected:?} in:\n{}", run.stderr);
    assert_eq!(before, snapshot(&site.out()), "the previous output is left as it was");
    assert_eq!(site.temp_entries(), ["public", "site"], "no temporary folder is left behind");
}
