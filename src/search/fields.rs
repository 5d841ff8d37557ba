//! What search finds, and the fields of each as search sees them: the articles, then the pages of
//! the countries and of the actors ([`Source`]). Every text comes from the model. An article's
//! fields: the title; the names and all the aliases of its actors and countries; its tags; its
//! claims (the quote and the names of the parties); the summary and the text. An actor's or a
//! country's page: its names (name and aliases, or its Vietnamese and English names), a field of
//! their own, and its description as its text. What each field is worth is [`super::ranking`]'s.

use crate::model::{ActorId, Archive, Article, ArticleId, CountryId, Party};

/// A search document: what one result opens. Documents are numbered articles first (newest
/// first, as in the model), then countries, then actors (each by id): a tie goes to the newer
/// article, and a country ("China") before an actor that has its name among its aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Article(ArticleId),
    Actor(ActorId),
    Country(CountryId),
}

/// Every document of `archive`, in document order.
pub fn sources(archive: &Archive) -> Vec<Source> {
    let articles = (0..archive.articles.len()).map(|index| Source::Article(ArticleId(index as u32)));
    let actors = (0..archive.actors.len()).map(|index| Source::Actor(ActorId(index as u32)));
    let countries = (0..archive.countries.len()).map(|index| Source::Country(CountryId(index as u32)));
    articles.chain(countries).chain(actors).collect()
}

/// A part of an article that is scored on its own: a word in the title counts for more than the
/// same word in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Names,
    Tags,
    Claims,
    Body,
    /// The names of an actor's or a country's page (name and aliases, or Vietnamese and English
    /// names): only those pages have it.
    PageNames,
}

/// The number of fields.
pub const FIELD_COUNT: usize = 6;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] =
        [Field::Title, Field::Names, Field::Tags, Field::Claims, Field::Body, Field::PageNames];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Names => "names",
            Field::Tags => "tags",
            Field::Claims => "claims",
            Field::Body => "body",
            Field::PageNames => "page_names",
        }
    }
}

/// The texts of one article, by field. A field holds several values (each alias, each tag); a
/// phrase never spans two values.
pub type FieldTexts<'a> = [Vec<&'a str>; FIELD_COUNT];

/// The texts search indexes for the document `source`.
pub fn field_texts(archive: &Archive, source: Source) -> FieldTexts<'_> {
    match source {
        Source::Article(id) => article_texts(archive, archive.article(id)),
        Source::Actor(id) => {
            let actor = archive.actor(id);
            let names = std::iter::once(&actor.name).chain(&actor.aliases).map(String::as_str).collect();
            entity_texts(names, actor.description_text.as_deref())
        }
        Source::Country(id) => {
            let country = archive.country(id);
            entity_texts(vec![&country.name, &country.name_en], country.description_text.as_deref())
        }
    }
}

/// The fields of an actor's or a country's page: its names, its description.
fn entity_texts<'a>(names: Vec<&'a str>, description: Option<&'a str>) -> FieldTexts<'a> {
    [Vec::new(), Vec::new(), Vec::new(), Vec::new(), description.into_iter().collect(), names]
}

/// The texts search indexes for `article`.
fn article_texts<'a>(archive: &'a Archive, article: &'a Article) -> FieldTexts<'a> {
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
        Vec::new(),
    ]
}

fn party_name(archive: &Archive, party: Party) -> &str {
    match party {
        Party::Actor(id) => &archive.actor(id).name,
        Party::Country(id) => &archive.country(id).name,
    }
}
