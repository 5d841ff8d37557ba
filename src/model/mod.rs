//! The model: the resolved archive. Every reference is an id into one of the archive's tables,
//! every quote has been found in its article's text, every date is valid, and every back-reference
//! (an actor's articles, a country's accusations) is computed here, once.
//!
//! Invariants, which later stages rely on instead of checking again:
//! - every `ActorId`, `CountryId`, `ArticleId` and `ClaimId` indexes its table;
//! - `articles` are sorted newest first (then by slug), `actors` and `countries` by id, and every
//!   list of ids inside follows the order of the table it points into, so output is deterministic;
//! - the archive is immutable once built and is shared read-only by render and search.

mod build;
mod memo;
pub mod resolve;

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::Serialize;

pub use build::{build, rebuild};
pub use memo::Memo;

use crate::config::Config;
use crate::date::PartialDate;
pub use crate::load::raw::Link;

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}
id_type!(ArticleId);
id_type!(ActorId);
id_type!(CountryId);
id_type!(ClaimId);

/// Who makes a claim or is its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Actor(ActorId),
    Country(CountryId),
}

/// The fixed vocabulary of claims. The Vietnamese wording lives in the templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Accuses,
    Denies,
    Attributes,
    Sanctions,
    Charges,
    Condemns,
    Warns,
    Demands,
    Cooperates,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 9] = [
        ClaimKind::Accuses,
        ClaimKind::Denies,
        ClaimKind::Attributes,
        ClaimKind::Sanctions,
        ClaimKind::Charges,
        ClaimKind::Condemns,
        ClaimKind::Warns,
        ClaimKind::Demands,
        ClaimKind::Cooperates,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Accuses => "accuses",
            ClaimKind::Denies => "denies",
            ClaimKind::Attributes => "attributes",
            ClaimKind::Sanctions => "sanctions",
            ClaimKind::Charges => "charges",
            ClaimKind::Condemns => "condemns",
            ClaimKind::Warns => "warns",
            ClaimKind::Demands => "demands",
            ClaimKind::Cooperates => "cooperates",
        }
    }

    /// Whether a claim of this kind puts blame on its target (counted as an accusation).
    pub fn is_accusation(self) -> bool {
        matches!(
            self,
            ClaimKind::Accuses
                | ClaimKind::Attributes
                | ClaimKind::Sanctions
                | ClaimKind::Charges
                | ClaimKind::Condemns
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Group,
    Agency,
    Government,
    Company,
    Organization,
    Person,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Group,
        ActorKind::Agency,
        ActorKind::Government,
        ActorKind::Company,
        ActorKind::Organization,
        ActorKind::Person,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Group => "group",
            ActorKind::Agency => "agency",
            ActorKind::Government => "government",
            ActorKind::Company => "company",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
        }
    }
}

/// The resolved archive.
#[derive(Debug)]
pub struct Archive {
    pub config: Config,
    pub articles: Vec<Article>,
    pub actors: Vec<Actor>,
    pub countries: Vec<Country>,
    pub claims: Vec<Claim>,
}

impl Archive {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.index()]
    }
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }
    pub fn country(&self, id: CountryId) -> &Country {
        &self.countries[id.index()]
    }
    pub fn claim(&self, id: ClaimId) -> &Claim {
        &self.claims[id.index()]
    }
}

#[derive(Clone, Debug)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: PartialDate,
    pub source: String,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The front matter's summary, or else the first paragraph of the text.
    pub summary: String,
    /// The article text in Markdown, NFC.
    pub body: SharedText,
    /// The text as a reader sees it (see [`crate::markdown::plain_text`]).
    pub text: SharedText,
    pub actors: Vec<ActorId>,
    pub countries: Vec<CountryId>,
    pub tags: Vec<String>,
    pub claims: Vec<ClaimId>,
    pub notes: Vec<Note>,
    /// Where the quotes of claims and notes stand in `text`, in order of appearance.
    pub marks: Vec<Mark>,
}

/// A long text that reads as a `str` and is shared, not copied, when cloned: an article's text,
/// which `dossier serve` keeps from one build of the archive to the next (see [`Memo`]).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct SharedText(Arc<str>);

impl SharedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText(Arc::from(text))
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// An editorial note anchored to a passage.
#[derive(Clone, Debug)]
pub struct Note {
    pub quote: String,
    /// Markdown.
    pub note: String,
}

/// A located quote: which claim or note it belongs to, and its byte range in the article text.
#[derive(Clone, Debug)]
pub struct Mark {
    pub range: Range<usize>,
    pub anchor: Anchor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Claim(ClaimId),
    /// The index of the note in its article's `notes`.
    Note(usize),
}

#[derive(Debug)]
pub struct Claim {
    pub article: ArticleId,
    /// 1-based position among its article's claims, as shown in the page.
    pub number: usize,
    pub by: Party,
    pub kind: ClaimKind,
    pub target: Party,
    pub about: Option<ActorId>,
    pub date: Option<PartialDate>,
    pub quote: String,
    /// Markdown.
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<ActorKind>,
    pub country: Option<CountryId>,
    /// Markdown.
    pub description: Option<String>,
    pub links: Vec<Link>,
    /// Articles that involve the actor, newest first.
    pub articles: Vec<ArticleId>,
    /// Claims it makes.
    pub claims_made: Vec<ClaimId>,
    /// Claims that target it or are about it.
    pub claims_received: Vec<ClaimId>,
    /// Actors that appear in the same articles, most shared articles first, with that count.
    pub related: Vec<(ActorId, usize)>,
}

#[derive(Debug)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// Markdown.
    pub description: Option<String>,
    /// Actors based in the country, by id.
    pub actors: Vec<ActorId>,
    /// Articles that involve the country or one of its actors, newest first.
    pub articles: Vec<ArticleId>,
    /// Claims made by the country or by one of its actors.
    pub claims_made: Vec<ClaimId>,
    /// Claims that target the country or one of its actors, or are about one of its actors.
    pub claims_received: Vec<ClaimId>,
}
