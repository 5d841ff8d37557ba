//! The list of pages a site has, with their output paths. Long lists are split into numbered
//! pages so that no page grows without bound as the archive does.

use crate::model::{Actor, ActorId, Archive, ArticleId, Country, CountryId};

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

/// The folder URL of page `number` of a list whose first page is at `base` (relative to root).
pub fn numbered_url(base: &str, number: usize) -> String {
    if number <= 1 { base.to_owned() } else { format!("{base}page/{number}/") }
}

/// How many pages a list of `items` entries needs at `page_size` per page (at least one).
pub fn page_count(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

/// How many entries an actor page splits over numbered pages: its longest list, since each
/// numbered page shows the next slice of its articles, claims made and claims received.
pub fn actor_items(actor: &Actor) -> usize {
    actor.articles.len().max(actor.claims_made.len()).max(actor.claims_received.len())
}

/// The same for a country page.
pub fn country_items(country: &Country) -> usize {
    country.articles.len().max(country.claims_made.len()).max(country.claims_received.len())
}

pub fn list(archive: &Archive) -> Vec<Page> {
    let size = archive.config.page_size;
    let mut pages = Vec::new();
    let numbered = |base: &str, items: usize, kind: &dyn Fn(usize) -> Kind, pages: &mut Vec<Page>| {
        for number in 1..=page_count(items, size) {
            pages.push(Page { kind: kind(number), path: format!("{}index.html", numbered_url(base, number)) });
        }
    };
    numbered("", archive.articles.len(), &|number| Kind::Home { number }, &mut pages);
    for (index, article) in archive.articles.iter().enumerate() {
        pages.push(Page {
            kind: Kind::Article(ArticleId(index as u32)),
            path: format!("articles/{}/index.html", article.slug),
        });
    }
    pages.push(Page { kind: Kind::Actors, path: "actors/index.html".to_owned() });
    for (index, actor) in archive.actors.iter().enumerate() {
        let id = ActorId(index as u32);
        let base = format!("actors/{}/", actor.id);
        numbered(&base, actor_items(actor), &|number| Kind::Actor { id, number }, &mut pages);
    }
    pages.push(Page { kind: Kind::Countries, path: "countries/index.html".to_owned() });
    for (index, country) in archive.countries.iter().enumerate() {
        let id = CountryId(index as u32);
        let base = format!("countries/{}/", country.id);
        numbered(&base, country_items(country), &|number| Kind::Country { id, number }, &mut pages);
    }
    pages.push(Page { kind: Kind::Search, path: "search/index.html".to_owned() });
    pages.push(Page { kind: Kind::NotFound, path: "404.html".to_owned() });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_pages_live_under_page_n() {
        assert_eq!(numbered_url("actors/apt32/", 1), "actors/apt32/");
        assert_eq!(numbered_url("actors/apt32/", 3), "actors/apt32/page/3/");
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(101, 50), 3);
    }

    #[test]
    fn root_climbs_one_folder_per_slash() {
        let page = Page { kind: Kind::Actors, path: "actors/apt32/page/2/index.html".to_owned() };
        assert_eq!(page.root(), "../../../../");
    }
}
