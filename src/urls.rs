//! Every public path and anchor of a built site, in one place: the folder URL of each page kind
//! (relative to the site root, ending in `/`), the file a folder URL is written to, the feed and
//! the 404 page, and the fragment ids inside an article page (claims, notes, quote marks).
//! Render, markdown, the offline copy, the feed and the server ask here; templates receive the
//! finished URLs (see [`Public`]) and anchors, and only prefix them with the way to the root.

use serde::Serialize;

/// The file a folder URL names: `actors/` is written to `actors/index.html`.
pub const INDEX: &str = "index.html";
/// The archive's first page.
pub const HOME: &str = "";
pub const ACTORS: &str = "actors/";
pub const COUNTRIES: &str = "countries/";
pub const SEARCH: &str = "search/";
/// The Atom feed, a file rather than a folder.
pub const FEED: &str = "feed.xml";
/// The page a web server shows for a path the site does not have, at any depth.
pub const NOT_FOUND: &str = "404.html";
/// Where an article's page lives; its slug follows.
const ARTICLES: &str = "articles/";
/// The folder of numbered page `n` (from 2) under a list's first page.
const NUMBERED: &str = "page/";
/// The start of a claim's fragment id: `claim-1`.
const CLAIM_ANCHOR_PREFIX: &str = "claim-";
/// The start of a note's fragment id: `note-1`.
const NOTE_ANCHOR_PREFIX: &str = "note-";
/// The start of a quote mark's id: the mark of `claim-1` is `q-claim-1`.
pub const MARK_ID_PREFIX: &str = "q-";

pub fn article(slug: &str) -> String {
    format!("{ARTICLES}{slug}/")
}

pub fn actor(id: &str) -> String {
    format!("{ACTORS}{id}/")
}

pub fn country(code: &str) -> String {
    format!("{COUNTRIES}{code}/")
}

/// The folder URL of page `number` of a list whose first page is at `base`.
pub fn numbered(base: &str, number: usize) -> String {
    if number <= 1 { base.to_owned() } else { format!("{base}{NUMBERED}{number}/") }
}

/// The file a folder URL is written to: `actors/` is `actors/index.html`, the root `index.html`.
pub fn file(folder: &str) -> String {
    format!("{folder}{INDEX}")
}

/// `url` with the fragment `anchor`: `articles/x/#claim-1`.
pub fn with_anchor(url: &str, anchor: &str) -> String {
    format!("{url}#{anchor}")
}

/// The fragment id of a claim in its article's page, from its id (given, or `claim-<number>`).
/// An id that already starts with `claim-` is its own anchor, so the default ids read
/// `#claim-1`, and a reference may name a claim by its id or by its anchor.
pub fn claim_anchor(id: &str) -> String {
    if id.starts_with(CLAIM_ANCHOR_PREFIX) { id.to_owned() } else { format!("{CLAIM_ANCHOR_PREFIX}{id}") }
}

/// The fragment id of an article's editor note `number` (from 1).
pub fn note_anchor(number: usize) -> String {
    format!("{NOTE_ANCHOR_PREFIX}{number}")
}

/// The id of the quote mark that refers to the element `target` (a claim or note anchor), so
/// the annotation can link back to its passage.
pub fn mark_id(target: &str) -> String {
    format!("{MARK_ID_PREFIX}{target}")
}

/// Files for the open web and for citation managers, each at the root of the site or under `data/`.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const CITATIONS: &str = "data/citations.json";

/// The `n`th (from 1) part of a sitemap too long for one file, which [`SITEMAP`] then indexes.
pub fn sitemap_part(number: usize) -> String {
    format!("sitemap-{number}.xml")
}

/// The folder URL a page file is served at: `actors/index.html` is `actors/`, and a file that is
/// not a folder's index (`404.html`) is its own URL. The inverse of [`file`].
pub fn public(file: &str) -> &str {
    file.strip_suffix(INDEX).unwrap_or(file)
}

/// The site-wide URLs templates link to, given to every page as `urls`.
#[derive(Serialize)]
pub struct Public {
    pub actors: &'static str,
    pub countries: &'static str,
    pub search: &'static str,
    pub feed: &'static str,
    pub citations: &'static str,
}

pub const PUBLIC: Public =
    Public { actors: ACTORS, countries: COUNTRIES, search: SEARCH, feed: FEED, citations: CITATIONS };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_lives_in_its_slug_folder() {
        assert_eq!(article("tin-tac-apt32"), "articles/tin-tac-apt32/");
        assert_eq!(file(&article("x")), "articles/x/index.html");
    }

    #[test]
    fn actors_and_countries_live_under_their_index() {
        assert_eq!(actor("apt32"), "actors/apt32/");
        assert!(actor("apt32").starts_with(ACTORS));
        assert_eq!(country("cn"), "countries/cn/");
        assert!(country("cn").starts_with(COUNTRIES));
    }

    #[test]
    fn numbered_pages_live_under_page_n() {
        assert_eq!(numbered("actors/apt32/", 1), "actors/apt32/");
        assert_eq!(numbered("actors/apt32/", 3), "actors/apt32/page/3/");
        assert_eq!(numbered(HOME, 2), "page/2/");
    }

    #[test]
    fn the_home_the_search_the_feed_and_the_404_page() {
        assert_eq!(file(HOME), "index.html");
        assert_eq!(file(SEARCH), "search/index.html");
        assert_eq!(FEED, "feed.xml");
        assert_eq!(NOT_FOUND, "404.html");
    }

    #[test]
    fn a_page_file_is_served_at_its_folder() {
        assert_eq!(public(&file(&article("x"))), "articles/x/");
        assert_eq!(public(&file(HOME)), "");
        assert_eq!(public(NOT_FOUND), "404.html");
    }

    #[test]
    fn claim_anchors_read_claim_n_whether_or_not_the_id_says_so() {
        assert_eq!(claim_anchor("1"), "claim-1");
        assert_eq!(claim_anchor("claim-2"), "claim-2");
        assert_eq!(claim_anchor("fireeye"), "claim-fireeye");
        assert_eq!(with_anchor(&article("x"), &claim_anchor("1")), "articles/x/#claim-1");
    }

    #[test]
    fn notes_and_marks_have_their_own_ids() {
        assert_eq!(note_anchor(1), "note-1");
        assert_eq!(mark_id(&claim_anchor("1")), "q-claim-1");
        assert_eq!(mark_id(&note_anchor(2)), "q-note-2");
    }
}
