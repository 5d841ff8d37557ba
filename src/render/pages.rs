//! The list of pages a site has, with their output paths. Long lists are split into numbered
//! pages so that no page grows without bound as the archive does.

use super::view::claims::ROWS_PER_CARD;
use super::view::matrix::{self, Matrix};
use super::view::timeline::Timeline;
use super::view::{Views, disputes};
use crate::model::{Actor, ActorId, Archive, ArticleId, ClaimId, Country, CountryId, Party};
use crate::urls;

/// How many of the timeline's one-line rows a page of it shows for each entry of another list:
/// a row weighs about an eighth of an article card, and fewer pages repeat fewer page frames.
const TIMELINE_ROWS_PER_ENTRY: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The archive, newest first; `number` counts from 1.
    Home {
        number: usize,
    },
    Article(ArticleId),
    Actors,
    Actor {
        id: ActorId,
        number: usize,
    },
    Countries,
    Country {
        id: CountryId,
        number: usize,
    },
    Search,
    NotFound,
    /// Every tag with its number of articles.
    Tags,
    /// The articles of tag `index` of the archive's `tags`; `number` counts from 1.
    Tag {
        index: usize,
        number: usize,
    },
    /// The Atom feed of the newest articles; only with a `base_url`, since feeds need absolute URLs.
    Feed,
    /// The timeline's index: its years and their months, with counts.
    Timeline,
    /// Numbered page `number` of year `year` of the timeline.
    TimelineYear {
        year: i16,
        number: usize,
    },
    /// The Atom feed of an actor or a country; only with a `base_url`, like [`Kind::Feed`].
    ActorFeed(ActorId),
    CountryFeed(CountryId),
    /// The attribution matrix of every year, or of one.
    Matrix {
        year: Option<i16>,
    },
    /// Numbered page `number` of the accusations `party` made, by the party accused.
    MatrixAccuser {
        party: Party,
        number: usize,
    },
    /// The claims list, newest first; `number` counts from 1 over every year.
    Claims {
        number: usize,
    },
    /// The disputes, newest opening first; `number` counts from 1.
    Disputes {
        number: usize,
    },
    /// The page listing the open data exports with their sizes: not in [`list`], since it is
    /// rendered once the exports are made (`Site::render_data`).
    Data,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub kind: Kind,
    /// `/`-separated path under the output folder, ending in `.html`.
    pub path: String,
}

impl Page {
    /// `../` once per folder the page is in: the way back to the site root.
    pub fn root(&self) -> String {
        "../".repeat(self.path.matches('/').count())
    }
}

/// How many pages a list of `items` entries needs at `page_size` per page (at least one).
pub fn page_count(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

/// The entries of numbered page `number` (from 1) of a list of `items` entries, at `page_size` per
/// page; empty past the last page.
pub fn page_range(items: usize, number: usize, page_size: usize) -> std::ops::Range<usize> {
    ((number - 1) * page_size).min(items)..(number * page_size).min(items)
}

/// Numbered pages 1 to `count` of the list at `base`, each of the kind `kind` gives its number.
fn numbered_pages(base: &str, count: usize, kind: &dyn Fn(usize) -> Kind, pages: &mut Vec<Page>) {
    for number in 1..=count {
        pages.push(Page { kind: kind(number), path: urls::file(&urls::numbered(base, number)) });
    }
}

/// The lists an actor or country page splits over numbered pages, in step: numbered page `n`
/// shows the `n`th slice of each.
pub struct EntityLists<'a> {
    pub articles: &'a [ArticleId],
    pub claims_made: &'a [ClaimId],
    pub claims_received: &'a [ClaimId],
}

impl<'a> EntityLists<'a> {
    pub fn of_actor(actor: &'a Actor) -> Self {
        EntityLists {
            articles: &actor.articles,
            claims_made: &actor.claims_made,
            claims_received: &actor.claims_received,
        }
    }

    pub fn of_country(country: &'a Country) -> Self {
        EntityLists {
            articles: &country.articles,
            claims_made: &country.claims_made,
            claims_received: &country.claims_received,
        }
    }

    /// The length of the longest list, which sets the number of pages.
    pub fn longest(&self) -> usize {
        self.articles.len().max(self.claims_made.len()).max(self.claims_received.len())
    }
}

/// How many rows a page of the timeline's year shows.
pub fn timeline_page_size(archive: &Archive) -> usize {
    archive.config.page_size * TIMELINE_ROWS_PER_ENTRY
}

/// How many articles a tag's page lists: each is a one-line row (title and date), as a claim row
/// is, not a card.
pub fn tag_page_size(archive: &Archive) -> usize {
    archive.config.page_size * ROWS_PER_CARD
}

/// The timeline's pages, and the feeds of actors and countries when there is a `base_url`.
fn timeline_and_feeds(archive: &Archive, timeline: &Timeline, pages: &mut Vec<Page>) {
    pages.push(Page { kind: Kind::Timeline, path: urls::file(urls::TIMELINE) });
    for year in &timeline.years {
        let count = page_count(year.entries.len(), timeline_page_size(archive));
        let kind = |number| Kind::TimelineYear { year: year.year, number };
        numbered_pages(&urls::timeline_year(year.year), count, &kind, pages);
    }
    if archive.config.base_url.is_some() {
        for (index, actor) in archive.actors.iter().enumerate() {
            pages.push(Page { kind: Kind::ActorFeed(ActorId(index as u32)), path: urls::actor_feed(&actor.id) });
        }
        for (index, country) in archive.countries.iter().enumerate() {
            let path = urls::country_feed(&country.id);
            pages.push(Page { kind: Kind::CountryFeed(CountryId(index as u32)), path });
        }
    }
}

/// The page listing the open data exports.
pub fn data() -> Page {
    Page { kind: Kind::Data, path: urls::file(urls::DATA) }
}

pub fn list(archive: &Archive, views: &Views) -> Vec<Page> {
    let size = archive.config.page_size;
    let mut pages = Vec::new();
    let numbered = |base: &str, items: usize, kind: &dyn Fn(usize) -> Kind, pages: &mut Vec<Page>| {
        numbered_pages(base, page_count(items, size), kind, pages);
    };
    numbered(urls::HOME, archive.articles.len(), &|number| Kind::Home { number }, &mut pages);
    for (index, article) in archive.articles.iter().enumerate() {
        pages.push(Page {
            kind: Kind::Article(ArticleId(index as u32)),
            path: urls::file(&urls::article(&article.slug)),
        });
    }
    pages.push(Page { kind: Kind::Actors, path: urls::file(urls::ACTORS) });
    for (index, actor) in archive.actors.iter().enumerate() {
        let id = ActorId(index as u32);
        let base = urls::actor(&actor.id);
        numbered(&base, EntityLists::of_actor(actor).longest(), &|number| Kind::Actor { id, number }, &mut pages);
    }
    pages.push(Page { kind: Kind::Countries, path: urls::file(urls::COUNTRIES) });
    for (index, country) in archive.countries.iter().enumerate() {
        let id = CountryId(index as u32);
        let base = urls::country(&country.id);
        numbered(&base, EntityLists::of_country(country).longest(), &|number| Kind::Country { id, number }, &mut pages);
    }
    matrix_pages(archive, views.matrix(), &mut pages);
    pages.push(Page { kind: Kind::Tags, path: urls::file(urls::TAGS) });
    for (index, tag) in archive.tags.iter().enumerate() {
        let count = page_count(tag.articles.len(), tag_page_size(archive));
        numbered_pages(&urls::tag(&tag.slug), count, &|number| Kind::Tag { index, number }, &mut pages);
    }
    pages.push(Page { kind: Kind::Search, path: urls::file(urls::SEARCH) });
    pages.push(Page { kind: Kind::NotFound, path: urls::NOT_FOUND.to_owned() });
    if archive.config.base_url.is_some() {
        pages.push(Page { kind: Kind::Feed, path: urls::FEED.to_owned() });
    }
    timeline_and_feeds(archive, views.timeline(), &mut pages);
    // The claims list and the disputes (issue 11).
    numbered_pages(urls::CLAIMS, views.claim_pages().page_count(), &|number| Kind::Claims { number }, &mut pages);
    let disputes = disputes::page_count(archive, views.disputes());
    numbered_pages(urls::DISPUTES, disputes, &|number| Kind::Disputes { number }, &mut pages);
    pages
}

/// The matrix of every year, then each year's, newest first, then each accuser's pages.
fn matrix_pages(archive: &Archive, matrix: &Matrix, pages: &mut Vec<Page>) {
    pages.push(Page { kind: Kind::Matrix { year: None }, path: urls::file(urls::MATRIX) });
    for year in matrix.years() {
        pages.push(Page { kind: Kind::Matrix { year: Some(*year) }, path: urls::file(&urls::matrix_year(*year)) });
    }
    for party in matrix.accusers() {
        let base = matrix::accuser_url(archive, party);
        numbered_pages(&base, matrix.page_count_of(party), &|number| Kind::MatrixAccuser { party, number }, pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_round_up() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(101, 50), 3);
    }

    #[test]
    fn root_climbs_one_folder_per_slash() {
        let page = Page { kind: Kind::Actors, path: "actors/apt32/page/2/index.html".to_owned() };
        assert_eq!(page.root(), "../../../../");
    }
}
