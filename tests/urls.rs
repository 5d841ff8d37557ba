//! The page paths a build writes are the ones `dossier::urls` gives: every page kind the site
//! lists, on a fixture small enough (`page_size = 2`) to have numbered pages.

mod common;

use std::sync::Arc;

use common::{TestSite, links_and_ids};
use dossier::model::Party;
use dossier::render::{Kind, Site};
use dossier::theme::Theme;
use dossier::urls;
use dossier::urls::PartyKind;

/// The file `urls` names for a page of kind `kind`.
fn expected_path(site: &Site, kind: Kind) -> String {
    let archive = site.archive();
    match kind {
        Kind::Home { number } => urls::file(&urls::numbered(urls::HOME, number)),
        Kind::Article(id) => urls::file(&urls::article(&archive.article(id).slug)),
        Kind::Actors => urls::file(urls::ACTORS),
        Kind::Actor { id, number } => urls::file(&urls::numbered(&urls::actor(&archive.actor(id).id), number)),
        Kind::Countries => urls::file(urls::COUNTRIES),
        Kind::Country { id, number } => urls::file(&urls::numbered(&urls::country(&archive.country(id).id), number)),
        Kind::Search => urls::file(urls::SEARCH),
        Kind::NotFound => urls::NOT_FOUND.to_owned(),
        Kind::Feed => urls::FEED.to_owned(),
        Kind::Timeline => urls::file(urls::TIMELINE),
        Kind::TimelineYear { year, number } => urls::file(&urls::numbered(&urls::timeline_year(year), number)),
        Kind::ActorFeed(id) => urls::actor_feed(&archive.actor(id).id),
        Kind::CountryFeed(id) => urls::country_feed(&archive.country(id).id),
        Kind::Matrix { year: None } => urls::file(urls::MATRIX),
        Kind::Matrix { year: Some(year) } => urls::file(&urls::matrix_year(year)),
        Kind::MatrixAccuser { party, number } => {
            let accuser = match party {
                Party::Actor(id) => urls::matrix_accuser(PartyKind::Actor, &archive.actor(id).id),
                Party::Country(id) => urls::matrix_accuser(PartyKind::Country, &archive.country(id).id),
            };
            urls::file(&urls::numbered(&accuser, number))
        }
        Kind::Claims { number } => urls::file(&urls::numbered(urls::CLAIMS, number)),
        Kind::Disputes { number } => urls::file(&urls::numbered(urls::DISPUTES, number)),
        Kind::Tags => urls::file(urls::TAGS),
        Kind::Tag { index, number } => urls::file(&urls::numbered(&urls::tag(&archive.tags[index].slug), number)),
        Kind::Data => urls::file(urls::DATA),
    }
}

#[test]
fn every_page_path_is_the_one_urls_gives() {
    let fixture = TestSite::fixture("base");
    let archive = dossier::check(&fixture.root()).archive.expect("the base fixture loads");
    let theme = Theme::load(&fixture.root(), archive.config.raw_html).expect("the base fixture's theme loads");
    let site = Site::new(Arc::new(archive), Arc::new(theme)).expect("the templates compile");
    let pages = site.pages();
    assert!(pages.iter().any(|page| matches!(page.kind, Kind::Home { number: 2 })), "numbered pages exist");
    assert!(pages.iter().any(|page| page.kind == Kind::Feed), "the fixture has a feed");
    assert!(pages.iter().any(|page| matches!(page.kind, Kind::Matrix { year: Some(_) })), "a year's matrix");
    assert!(pages.iter().any(|page| matches!(page.kind, Kind::MatrixAccuser { .. })), "an accuser's page");
    for page in pages {
        assert_eq!(page.path, expected_path(&site, page.kind), "{:?}", page.kind);
    }
}

#[test]
fn built_pages_link_to_the_anchors_urls_gives() {
    let fixture = TestSite::fixture("base");
    fixture.build_ok();
    let archive = dossier::check(&fixture.root()).archive.expect("the base fixture loads");
    let article = archive.articles.iter().find(|article| !article.notes.is_empty()).expect("an article with notes");
    let page = std::fs::read_to_string(fixture.out().join(urls::file(&urls::article(&article.slug)))).unwrap();
    let (links, ids) = links_and_ids(&page);
    let claim = archive.claim(*article.claims.first().expect("the article has claims"));
    for anchor in [urls::note_anchor(1), claim.anchor.clone()] {
        let mark = urls::mark_id(&anchor);
        assert!(ids.contains(&anchor) && ids.contains(&mark), "{anchor} and its mark {mark} are on the page");
        assert!(links.contains(&format!("#{anchor}")), "the body links to {anchor}");
        assert!(links.contains(&format!("#{mark}")), "{anchor} links back to its mark");
    }
}
