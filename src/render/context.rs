//! What each kind of page is given to render: one small function per [`Kind`], each naming its
//! template and putting the views it shows into the tera context. Everything the functions insert
//! comes from the view layer ([`super::view`]); nothing here reads a template or formats a page.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value};

use super::json_ld;
use super::pages::{EntityLists, Kind, Page, page_count};
use super::view::article::{self, Reference};
use super::view::{DateView, Views};
use crate::export::citations;
use crate::model::{ActorId, Archive, ArticleId, ClaimId, CountryId};
use crate::urls;

/// How many of the newest articles the feed carries.
const FEED_ENTRIES: usize = 50;
/// How many of the actors seen most often with an actor its first page lists.
const RELATED_SHOWN: usize = 12;
/// The `updated` time of a feed with no articles: a fixed value keeps builds reproducible.
const EPOCH: &str = "1970-01-01T00:00:00Z";

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// Where a page stands in the site's menu: the section whose first page it is (`current`), or
/// the section it lies within (`within`): `articles`, `actors` or `countries`.
#[derive(Default, Serialize)]
struct Nav {
    current: Option<&'static str>,
    within: Option<&'static str>,
}

impl Nav {
    fn of(kind: Kind) -> Nav {
        let (current, within) = match kind {
            Kind::Home { number: 1 } => (Some("articles"), None),
            Kind::Home { .. } | Kind::Article(_) => (None, Some("articles")),
            Kind::Actors => (Some("actors"), None),
            Kind::Actor { .. } => (None, Some("actors")),
            Kind::Countries => (Some("countries"), None),
            Kind::Country { .. } => (None, Some("countries")),
            Kind::Search | Kind::NotFound | Kind::Feed => (None, None),
        };
        Nav { current, within }
    }
}

/// The archive and its views, from which every page's context is made.
pub struct Sources<'a> {
    pub archive: &'a Archive,
    pub views: &'a Views,
    /// The accessible name of a reference link in an article's body, worded by the templates.
    pub reference_title: &'a dyn Fn(&Reference) -> Result<String, tera::Error>,
}

impl Sources<'_> {
    /// The template of `page` and its context; `root` is the way from the page to the site root.
    pub fn context(&self, page: &Page, root: &str) -> Result<(&'static str, Context), tera::Error> {
        let mut context = Context::new();
        context.insert("home", if root.is_empty() { "./" } else { root });
        context.insert("root", root);
        context.insert("path", &page.path);
        context.insert("nav", &Nav::of(page.kind));
        // The page's own absolute address, for link previews (`og:url`), when the site has one.
        let address = self.archive.config.base_url.as_ref().map(|base| format!("{base}/{}", urls::public(&page.path)));
        context.insert("page_url", &address);
        let template = match page.kind {
            Kind::Home { number } => self.home(&mut context, number),
            Kind::Article(id) => self.article(&mut context, id, root)?,
            Kind::Actors => {
                context.insert_value("actors", self.views.all_actors());
                "actors.html"
            }
            Kind::Actor { id, number } => self.actor(&mut context, id, number),
            Kind::Countries => {
                context.insert_value("countries", self.views.all_countries());
                "countries.html"
            }
            Kind::Country { id, number } => self.country(&mut context, id, number),
            Kind::Search => "search.html",
            Kind::NotFound => "404.html",
            Kind::Feed => self.feed(&mut context),
        };
        Ok((template, context))
    }

    fn home(&self, context: &mut Context, number: usize) -> &'static str {
        let archive = self.archive;
        context.insert_value("articles", self.views.articles(self.slice(archive.articles.len(), number)));
        context.insert("article_total", &archive.articles.len());
        context.insert("actor_total", &archive.actors.len());
        context.insert("country_total", &archive.countries.len());
        context.insert("claim_total", &archive.claims.len());
        self.paginate(context, urls::HOME, archive.articles.len(), number);
        "index.html"
    }

    fn article(&self, context: &mut Context, id: ArticleId, root: &str) -> Result<&'static str, tera::Error> {
        let (archive, views) = (self.archive, self.views);
        let article = archive.article(id);
        context.insert_value("article", views.article(id));
        context.insert("body_html", &article::body_html(archive, id, self.reference_title)?);
        context.insert("author", &article.author);
        context.insert("source_url", &article.url);
        context.insert("tags", &article.tags);
        context.insert_value("claims", self.claims(&article.claims));
        context.insert("notes", &article::notes(archive, id));
        context.insert("bibtex", &citations::bibtex(article));
        context.insert("json_ld", &json_ld::article(archive, id, root));
        let neighbour = |index: Option<usize>| {
            let index = index.filter(|index| *index < archive.articles.len());
            Value::from(index.map(|index| views.article(ArticleId(index as u32))))
        };
        context.insert_value("newer", neighbour(id.index().checked_sub(1)));
        context.insert_value("older", neighbour(Some(id.index() + 1)));
        Ok("article.html")
    }

    fn actor(&self, context: &mut Context, id: ActorId, number: usize) -> &'static str {
        let actor = self.archive.actor(id);
        let shown = if number == 1 { RELATED_SHOWN } else { 0 };
        let related: Vec<Value> = actor
            .related
            .iter()
            .take(shown)
            .map(|(other, count)| {
                BTreeMap::from([("actor", self.views.actor(*other)), ("count", Value::from(*count))]).into()
            })
            .collect();
        context.insert_value("actor", self.views.actor(id));
        context.insert_value("related", related.into());
        self.lists(context, EntityLists::of_actor(actor), &urls::actor(&actor.id), number);
        "actor.html"
    }

    fn country(&self, context: &mut Context, id: CountryId, number: usize) -> &'static str {
        let country = self.archive.country(id);
        let actors =
            |ids: &[ActorId]| -> Value { ids.iter().map(|id| self.views.actor(*id)).collect::<Vec<_>>().into() };
        context.insert_value("country", self.views.country(id));
        context.insert_value("actors", actors(&country.actors));
        context.insert_value("groups", actors(&country.groups));
        self.lists(context, EntityLists::of_country(country), &urls::country(&country.id), number);
        "country.html"
    }

    fn feed(&self, context: &mut Context) -> &'static str {
        let archive = self.archive;
        let newest = self.views.articles(0..archive.articles.len().min(FEED_ENTRIES));
        let updated = archive.articles.first().map(|article| DateView::new(article.date).timestamp);
        context.insert_value("articles", newest);
        context.insert("updated", updated.as_deref().unwrap_or(EPOCH));
        "atom.xml"
    }

    /// The part of a list of `items` entries that numbered page `number` shows.
    fn slice(&self, items: usize, number: usize) -> std::ops::Range<usize> {
        let size = self.archive.config.page_size;
        (number - 1) * size..(number * size).min(items)
    }

    fn paginate(&self, context: &mut Context, base: &str, items: usize, number: usize) {
        let total = page_count(items, self.archive.config.page_size);
        let pagination = Pagination {
            number,
            total,
            previous: (number > 1).then(|| urls::numbered(base, number - 1)),
            next: (number < total).then(|| urls::numbered(base, number + 1)),
        };
        context.insert("pagination", &pagination);
    }

    fn claims(&self, ids: &[ClaimId]) -> Value {
        ids.iter().map(|id| self.views.claim(*id)).collect::<Vec<_>>().into()
    }

    /// The slices numbered page `number` of an actor or country shows of its lists.
    fn lists(&self, context: &mut Context, lists: EntityLists, base: &str, number: usize) {
        let range = self.slice(lists.longest(), number);
        let part = |len: usize| range.start.min(len)..range.end.min(len);
        let articles: Vec<Value> =
            lists.articles[part(lists.articles.len())].iter().map(|id| self.views.article(*id)).collect();
        context.insert_value("articles", articles.into());
        context.insert_value("claims_made", self.claims(&lists.claims_made[part(lists.claims_made.len())]));
        context.insert_value("claims_received", self.claims(&lists.claims_received[part(lists.claims_received.len())]));
        self.paginate(context, base, lists.longest(), number);
    }
}
