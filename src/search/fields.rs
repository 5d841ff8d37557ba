//! The fields of an article as search sees them. Every text comes from the
//! model: the title; the names and all the aliases of the article's actors and countries; its
//! tags; its claims (the quote and the names of the parties); the summary and the text. What each
//! field is worth is [`super::ranking`]'s.

use crate::model::{Archive, Article, Party};

/// A part of an article that is scored on its own: a word in the title counts for more than the
/// same word in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Names,
    Tags,
    Claims,
    Body,
}

/// The number of fields.
pub const FIELD_COUNT: usize = 5;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [Field::Title, Field::Names, Field::Tags, Field::Claims, Field::Body];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Names => "names",
            Field::Tags => "tags",
            Field::Claims => "claims",
            Field::Body => "body",
        }
    }
}

/// The texts of one article, by field. A field holds several values (each alias, each tag); a
/// phrase never spans two values.
pub type FieldTexts<'a> = [Vec<&'a str>; FIELD_COUNT];

/// The texts search indexes for `article`.
pub fn field_texts<'a>(archive: &'a Archive, article: &'a Article) -> FieldTexts<'a> {
    let mut names = Vec::new();
    for actor in article.actors.iter().map(|id| archive.actor(*id)) {
        names.push(actor.name.as_str());
        names.extend(actor.aliases.iter().map(String::as_str));
    }
    for country in article.countries.iter().map(|id| archive.country(*id)) {
        names.extend([country.name.as_str(), country.name_en.as_str()]);
    }
    let mut claims = Vec::new();
    for claim in article.claims.iter().map(|id| archive.claim(*id)) {
        claims.push(claim.quote.as_str());
        claims.extend(claim.by.iter().chain(&claim.target).map(|party| party_name(archive, *party)));
        claims.extend(claim.about.iter().map(|id| archive.actor(*id).name.as_str()));
    }
    [
        vec![article.title.as_str()],
        names,
        article.tags.iter().map(String::as_str).collect(),
        claims,
        vec![article.summary.as_str(), article.text.as_str()],
    ]
}

fn party_name(archive: &Archive, party: Party) -> &str {
    match party {
        Party::Actor(id) => &archive.actor(id).name,
        Party::Country(id) => &archive.country(id).name,
    }
}
