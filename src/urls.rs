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
/// The query parameter with which a search result opens its article, naming the words to mark
/// (Pagefind's convention): `articles/x/?highlight=tin%20tac`.
pub const HIGHLIGHT: &str = "highlight";
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

// The claims list and the disputes (issue 11).
/// Every claim, newest first, in numbered pages that never mix two years.
pub const CLAIMS: &str = "claims/";
/// Every exchange: a claim and the claims that answer it, followed through.
pub const DISPUTES: &str = "disputes/";
/// The start of a dispute's fragment id in the disputes pages.
const DISPUTE_ANCHOR_PREFIX: &str = "dispute-";

pub fn article(slug: &str) -> String {
    format!("{ARTICLES}{slug}/")
}

pub fn actor(id: &str) -> String {
    format!("{ACTORS}{id}/")
}

pub fn country(code: &str) -> String {
    format!("{COUNTRIES}{code}/")
}

/// The list of tags, each with its number of articles.
pub const TAGS: &str = "tags/";

/// The articles carrying a tag, from its slug.
pub fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
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

// The timeline and the actors' and countries' feeds (issue 11).

/// The timeline's index of years and months; each year's page is under it.
pub const TIMELINE: &str = "timeline/";
/// The name of an actor's or a country's Atom feed, in the folder of its page.
const ENTITY_FEED: &str = "feed.xml";
/// The start of a month's fragment id in a year of the timeline: `month-7`.
const MONTH_ANCHOR_PREFIX: &str = "month-";
/// The fragment id of the months of a year the dates do not name.
const MONTH_UNKNOWN_ANCHOR: &str = "month-unknown";

/// The folder URL of the timeline's year `year`.
pub fn timeline_year(year: i16) -> String {
    format!("{TIMELINE}{year}/")
}

/// The fragment id of month `month` (1 to 12, or none: the dates that name only the year) in a
/// year of the timeline.
pub fn month_anchor(month: Option<i8>) -> String {
    month.map_or_else(|| MONTH_UNKNOWN_ANCHOR.to_owned(), |month| format!("{MONTH_ANCHOR_PREFIX}{month}"))
}

pub fn actor_feed(id: &str) -> String {
    format!("{}{ENTITY_FEED}", actor(id))
}

pub fn country_feed(code: &str) -> String {
    format!("{}{ENTITY_FEED}", country(code))
}

/// The attribution matrix of every year; a year's matrix and each accuser's accusations live
/// under it.
pub const MATRIX: &str = "matrix/";

/// The matrix of the accusations made in `year`: `matrix/2021/`.
pub fn matrix_year(year: i16) -> String {
    format!("{MATRIX}{year}/")
}

/// The page of an accuser's accusations, by whom they target: `matrix/actors/fireeye/`,
/// `matrix/countries/us/`. Under the kind's folder, so no id can meet a year's folder.
pub fn matrix_accuser(kind: PartyKind, id: &str) -> String {
    let folder = match kind {
        PartyKind::Actor => ACTORS,
        PartyKind::Country => COUNTRIES,
    };
    format!("{MATRIX}{folder}{id}/")
}

/// The fragment id of the accusations against one party on an accuser's page (`actor-apt32`),
/// or of those of one year (`y2021-actor-apt32`): the year comes first, so no id can read as
/// another party's.
pub fn matrix_section(kind: PartyKind, id: &str, year: Option<i16>) -> String {
    let party = format!("{}-{id}", kind.word());
    match year {
        Some(year) => format!("y{year}-{party}"),
        None => party,
    }
}

/// Whether a party is an actor or a country, which keeps their ids apart in paths and anchors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartyKind {
    Actor,
    Country,
}

impl PartyKind {
    /// The word that names the kind in anchors and in views (`Chip::kind`).
    pub fn word(self) -> &'static str {
        match self {
            PartyKind::Actor => "actor",
            PartyKind::Country => "country",
        }
    }
}

/// The fragment id of the dispute opened by the claim `claim_anchor` of the article `slug`, in
/// the disputes page that shows it.
pub fn dispute_anchor(slug: &str, claim_anchor: &str) -> String {
    format!("{DISPUTE_ANCHOR_PREFIX}{slug}-{claim_anchor}")
}

// The open data exports (`crate::export`) and the page that lists them.
pub const DATA: &str = "data/";
pub const DATA_ARCHIVE: &str = "data/archive.json";
pub const DATA_SCHEMA: &str = "data/archive.schema.json";
pub const DATA_CLAIMS: &str = "data/claims.csv";
pub const DATA_STIX: &str = "data/stix-bundle.json";

/// An actor's data as JSON, beside its page's folder: `actors/apt32.json`.
pub fn actor_json(id: &str) -> String {
    format!("{ACTORS}{id}.json")
}

/// A country's data as JSON, beside its page's folder: `countries/vn.json`.
pub fn country_json(code: &str) -> String {
    format!("{COUNTRIES}{code}.json")
}

/// `path` (relative to the site root) as an export names a page: absolute under `base_url` when
/// the site has one, else left relative to the site root.
pub fn public(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{base}/{path}"),
        None => path.to_owned(),
    }
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
pub fn served_at(file: &str) -> &str {
    file.strip_suffix(INDEX).unwrap_or(file)
}

/// The site-wide URLs templates link to, given to every page as `urls`.
#[derive(Serialize)]
pub struct Public {
    pub actors: &'static str,
    pub countries: &'static str,
    pub search: &'static str,
    pub feed: &'static str,
    pub timeline: &'static str,
    pub matrix: &'static str,
    pub claims: &'static str,
    pub disputes: &'static str,
    pub tags: &'static str,
    pub highlight: &'static str,
    pub data: &'static str,
    pub citations: &'static str,
}

pub const PUBLIC: Public = Public {
    actors: ACTORS,
    countries: COUNTRIES,
    search: SEARCH,
    feed: FEED,
    timeline: TIMELINE,
    matrix: MATRIX,
    claims: CLAIMS,
    disputes: DISPUTES,
    tags: TAGS,
    highlight: HIGHLIGHT,
    data: DATA,
    citations: CITATIONS,
};

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
    fn tags_live_under_their_index() {
        assert_eq!(tag("phan-bac"), "tags/phan-bac/");
        assert_eq!(file(TAGS), "tags/index.html");
        assert_eq!(numbered(&tag("phan-bac"), 2), "tags/phan-bac/page/2/");
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
        assert_eq!(served_at(&file(&article("x"))), "articles/x/");
        assert_eq!(served_at(&file(HOME)), "");
        assert_eq!(served_at(NOT_FOUND), "404.html");
    }

    #[test]
    fn claim_anchors_read_claim_n_whether_or_not_the_id_says_so() {
        assert_eq!(claim_anchor("1"), "claim-1");
        assert_eq!(claim_anchor("claim-2"), "claim-2");
        assert_eq!(claim_anchor("fireeye"), "claim-fireeye");
        assert_eq!(with_anchor(&article("x"), &claim_anchor("1")), "articles/x/#claim-1");
    }

    #[test]
    fn the_timeline_has_a_folder_per_year_and_an_anchor_per_month() {
        assert_eq!(file(TIMELINE), "timeline/index.html");
        assert_eq!(timeline_year(2021), "timeline/2021/");
        assert_eq!(numbered(&timeline_year(2021), 2), "timeline/2021/page/2/");
        assert_eq!(month_anchor(Some(7)), "month-7");
        assert_eq!(month_anchor(None), "month-unknown");
    }

    #[test]
    fn actors_and_countries_have_their_feed_beside_their_page() {
        assert_eq!(actor_feed("apt32"), "actors/apt32/feed.xml");
        assert_eq!(country_feed("vn"), "countries/vn/feed.xml");
    }

    #[test]
    fn matrix_pages_keep_years_actors_and_countries_apart() {
        assert_eq!(matrix_year(2021), "matrix/2021/");
        assert_eq!(matrix_accuser(PartyKind::Actor, "2021"), "matrix/actors/2021/");
        assert_eq!(matrix_accuser(PartyKind::Country, "us"), "matrix/countries/us/");
        assert_eq!(matrix_section(PartyKind::Actor, "apt-2021", None), "actor-apt-2021");
        assert_eq!(matrix_section(PartyKind::Actor, "apt", Some(2021)), "y2021-actor-apt");
    }

    #[test]
    fn the_claims_list_and_the_disputes_have_their_folders_and_anchors() {
        assert_eq!(file(&numbered(CLAIMS, 2)), "claims/page/2/index.html");
        assert_eq!(file(DISPUTES), "disputes/index.html");
        assert_eq!(dispute_anchor("x", "claim-1"), "dispute-x-claim-1");
    }

    #[test]
    fn notes_and_marks_have_their_own_ids() {
        assert_eq!(note_anchor(1), "note-1");
        assert_eq!(mark_id(&claim_anchor("1")), "q-claim-1");
        assert_eq!(mark_id(&note_anchor(2)), "q-note-2");
    }
}
