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
mod claim;
mod memo;
pub mod order;
pub mod resolve;
mod tags;

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::Serialize;

pub use build::{build, rebuild};
pub use memo::Memo;
pub use tags::tag_slug;

use crate::config::Config;
use crate::date::PartialDate;
pub use crate::load::raw::Link;
use crate::urls;

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

impl Party {
    pub fn actor(self) -> Option<ActorId> {
        match self {
            Party::Actor(id) => Some(id),
            Party::Country(_) => None,
        }
    }
}

/// The fixed vocabulary of claims; everything about each kind is its row of [`CLAIM_KINDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    Concerned,
    Offers,
    Confirms,
    Reports,
}

/// One claim kind as the code knows it. Its Vietnamese wording is in `templates/components.html`,
/// under its `label`.
#[derive(Debug)]
pub struct ClaimKindRow {
    pub kind: ClaimKind,
    /// The word an editor writes after `kind:`.
    pub word: &'static str,
    /// Whether a claim of this kind puts blame on its target (counted as an accusation).
    pub accusation: bool,
    /// The CSS class of its cards and badges: `claim-<class>`, `badge-<class>`.
    pub class: &'static str,
    /// The key the templates' `kind_label` and `claim_sentence` components word it by.
    pub label: &'static str,
}

const fn kind_row(kind: ClaimKind, word: &'static str, accusation: bool) -> ClaimKindRow {
    ClaimKindRow { kind, word, accusation, class: word, label: word }
}

/// The claim vocabulary, in the order of [`ClaimKind`] (which is the order pages list kinds in).
pub const CLAIM_KINDS: [ClaimKindRow; 13] = [
    kind_row(ClaimKind::Accuses, "accuses", true),
    kind_row(ClaimKind::Denies, "denies", false),
    kind_row(ClaimKind::Attributes, "attributes", true),
    kind_row(ClaimKind::Sanctions, "sanctions", true),
    kind_row(ClaimKind::Charges, "charges", true),
    kind_row(ClaimKind::Condemns, "condemns", true),
    kind_row(ClaimKind::Warns, "warns", false),
    kind_row(ClaimKind::Demands, "demands", false),
    kind_row(ClaimKind::Cooperates, "cooperates", false),
    kind_row(ClaimKind::Concerned, "concerned", false),
    kind_row(ClaimKind::Offers, "offers", false),
    kind_row(ClaimKind::Confirms, "confirms", false),
    kind_row(ClaimKind::Reports, "reports", false),
];

/// Checks at compile time that row `i` of a vocabulary table describes variant `i` of its enum,
/// which is what lets `row()` index the table.
macro_rules! assert_rows_in_variant_order {
    ($table:ident, $field:ident) => {
        const _: () = {
            let mut index = 0;
            while index < $table.len() {
                assert!($table[index].$field as usize == index, concat!(stringify!($table), " follows its enum"));
                index += 1;
            }
        };
    };
}

assert_rows_in_variant_order!(CLAIM_KINDS, kind);

impl ClaimKind {
    /// Every kind, in the vocabulary's order.
    pub fn all() -> impl Iterator<Item = ClaimKind> {
        CLAIM_KINDS.iter().map(|row| row.kind)
    }

    pub fn row(self) -> &'static ClaimKindRow {
        &CLAIM_KINDS[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.row().word
    }

    /// Whether a claim of this kind puts blame on its target (counted as an accusation).
    pub fn is_accusation(self) -> bool {
        self.row().accusation
    }
}

/// What a claim rests on, as the article reports it: EuRepoC's types of attribution, and the
/// press and a party speaking of itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    Technical,
    Political,
    Legal,
    Media,
    OwnWord,
}

/// One basis as the code knows it; its Vietnamese wording is in `templates/components.html`.
#[derive(Debug)]
pub struct BasisRow {
    pub basis: Basis,
    /// The word an editor writes after `basis:`.
    pub word: &'static str,
    /// The key the templates' `basis_label` component words it by.
    pub label: &'static str,
}

/// The basis vocabulary, in the order of [`Basis`].
pub const BASES: [BasisRow; 5] = [
    BasisRow { basis: Basis::Technical, word: "technical", label: "technical" },
    BasisRow { basis: Basis::Political, word: "political", label: "political" },
    BasisRow { basis: Basis::Legal, word: "legal", label: "legal" },
    BasisRow { basis: Basis::Media, word: "media", label: "media" },
    BasisRow { basis: Basis::OwnWord, word: "self", label: "self" },
];

assert_rows_in_variant_order!(BASES, basis);

impl Basis {
    pub fn row(self) -> &'static BasisRow {
        &BASES[self as usize]
    }
}

/// The front matter fields an editor may mark as `supplied`: written by the editor because the
/// publication did not state them.
pub const SUPPLIABLE_FIELDS: [&str; 3] = ["title", "date", "source"];

/// The id of the claim at `number` (1-based) of its article when the editor gives none: its
/// anchor, `claim-<number>`.
pub fn default_claim_id(number: usize) -> String {
    urls::claim_anchor(&number.to_string())
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

/// One actor kind as the code knows it. Its Vietnamese wording is in `templates/components.html`
/// (`actor_kind`), under its `label`.
#[derive(Debug)]
pub struct ActorKindRow {
    pub kind: ActorKind,
    /// The word an editor writes after `kind:` in an actor file.
    pub word: &'static str,
    /// The key the templates' `actor_kind` component words it by.
    pub label: &'static str,
}

const fn actor_row(kind: ActorKind, word: &'static str) -> ActorKindRow {
    ActorKindRow { kind, word, label: word }
}

/// The actor vocabulary, in the order of [`ActorKind`].
pub const ACTOR_KINDS: [ActorKindRow; 6] = [
    actor_row(ActorKind::Group, "group"),
    actor_row(ActorKind::Agency, "agency"),
    actor_row(ActorKind::Government, "government"),
    actor_row(ActorKind::Company, "company"),
    actor_row(ActorKind::Organization, "organization"),
    actor_row(ActorKind::Person, "person"),
];

assert_rows_in_variant_order!(ACTOR_KINDS, kind);

impl ActorKind {
    /// Every kind, in the vocabulary's order.
    pub fn all() -> impl Iterator<Item = ActorKind> {
        ACTOR_KINDS.iter().map(|row| row.kind)
    }

    pub fn row(self) -> &'static ActorKindRow {
        &ACTOR_KINDS[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.row().word
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
    /// Every actor, by display name in Vietnamese collation (see [`order`]).
    pub actors_by_name: Vec<ActorId>,
    /// Every country, by name in Vietnamese collation.
    pub countries_by_name: Vec<CountryId>,
    /// Every tag that can have a page, by name in Vietnamese collation.
    pub tags: Vec<Tag>,
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

    /// When a claim was made: its own date, or else its article's.
    pub fn claim_date(&self, id: ClaimId) -> PartialDate {
        let claim = self.claim(id);
        claim.date.unwrap_or(self.article(claim.article).date)
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
    /// Which of [`SUPPLIABLE_FIELDS`] the editor supplied, in that order.
    pub supplied: Vec<&'static str>,
    /// Marked `draft: true`: in the archive only when the configuration publishes drafts.
    pub draft: bool,
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

#[derive(Clone, Debug)]
pub struct Claim {
    pub article: ArticleId,
    /// 1-based position among its article's claims (the order of their quotes in the text), as
    /// shown in the page.
    pub number: usize,
    /// Its fragment id in the article page (see [`urls::claim_anchor`]).
    pub anchor: String,
    /// Who makes it: one party or several, each named once.
    pub by: Vec<Party>,
    pub kind: ClaimKind,
    pub target: Vec<Party>,
    pub about: Vec<ActorId>,
    pub basis: Option<Basis>,
    /// The article reports it with reservation ("được cho là").
    pub hedged: bool,
    /// The claim it answers, in this article or another.
    pub responds_to: Option<ClaimId>,
    /// The claims that answer it, in claim order.
    pub responses: Vec<ClaimId>,
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
    /// Where it is based; for a group, the country it is alleged to be linked to.
    pub country: Option<CountryId>,
    /// The country it speaks for, whose claims its claims are: `represents` in its file, or else
    /// its `country` for governments and agencies.
    pub represents: Option<CountryId>,
    /// Markdown.
    pub description: Option<String>,
    /// The description as a reader sees it (see [`crate::markdown::plain_text`]): what search
    /// reads and shows.
    pub description_text: Option<String>,
    pub links: Vec<Link>,
    /// For a group with a `country`: the accusations in the archive that link it to that country
    /// (the group and the country, or an actor representing it, among their targets).
    pub country_claims: Vec<ClaimId>,
    /// Articles that involve the actor, newest first.
    pub articles: Vec<ArticleId>,
    /// Claims it makes, alone or with others.
    pub claims_made: Vec<ClaimId>,
    /// Claims that target it or are about it.
    pub claims_received: Vec<ClaimId>,
    /// Actors that appear in the same articles, most shared articles first, with that count.
    pub related: Vec<(ActorId, usize)>,
}

/// A tag and the articles that carry it. Tags that spell one slug (`Tin tặc`, `tin tặc`) are
/// one tag, named as the newest article spells it.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    /// Its page's folder name, from [`crate::text::slugify`].
    pub slug: String,
    /// Newest first.
    pub articles: Vec<ArticleId>,
}

#[derive(Debug)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// Markdown.
    pub description: Option<String>,
    /// The description as a reader sees it: what search reads and shows.
    pub description_text: Option<String>,
    /// Actors based in the country, by id, groups excepted.
    pub actors: Vec<ActorId>,
    /// Groups alleged to be linked to the country (their `country`), by id.
    pub groups: Vec<ActorId>,
    /// Articles that involve the country or one of its actors, newest first.
    pub articles: Vec<ArticleId>,
    /// Claims made by the country or by an actor that represents it.
    pub claims_made: Vec<ClaimId>,
    /// Claims that target the country or an actor that represents it, or are about such an actor.
    pub claims_received: Vec<ClaimId>,
}
