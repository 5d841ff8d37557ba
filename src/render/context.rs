//! What each kind of page is given to render: one small function per [`Kind`], each naming its
//! template and putting the views it shows into the tera context. Everything the functions insert
//! comes from the view layer ([`super::view`]); nothing here reads a template or formats a page.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value};

use super::json_ld;
use super::keyed::{Digest, PageContext};
use super::pages::{EntityLists, Kind, Page, page_count, page_range};
use super::view::article::{self, Reference};
use super::view::{DateView, Views, disputes, graph, matrix, timeline};
use crate::export::citations;
use crate::model::{ActorId, Archive, ArticleId, ClaimId, CountryId, Party};
use crate::urls;

/// How many of the newest articles the feed carries.
const FEED_ENTRIES: usize = 50;
/// How many of the newest articles and claims an actor's or a country's feed carries: fewer than
/// the site's, since there is one per entity (363 at 10k articles) and each entry is a full one.
const ENTITY_FEED_ENTRIES: usize = 10;
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

/// The sections of the site's menu, by the names the templates give their links (`nav.actors`).
const SECTIONS: [&str; 8] = ["articles", "actors", "countries", "matrix", "claims", "disputes", "timeline", "data"];

/// Where a page stands in the site's menu: the section it is in, and whether it is that section's
/// first page.
struct Nav {
    section: Option<&'static str>,
    first: bool,
}

impl Nav {
    fn of(kind: Kind) -> Nav {
        let (section, first) = match kind {
            Kind::Home { number } => (Some("articles"), number == 1),
            Kind::Article(_) | Kind::Tags | Kind::Tag { .. } => (Some("articles"), false),
            Kind::Actors => (Some("actors"), true),
            Kind::Actor { .. } => (Some("actors"), false),
            Kind::Countries => (Some("countries"), true),
            Kind::Country { .. } => (Some("countries"), false),
            Kind::Search | Kind::NotFound | Kind::Feed | Kind::ActorFeed(_) | Kind::CountryFeed(_) => (None, false),
            Kind::Timeline => (Some("timeline"), true),
            Kind::TimelineYear { .. } => (Some("timeline"), false),
            Kind::Matrix { year } => (Some("matrix"), year.is_none()),
            Kind::MatrixAccuser { .. } => (Some("matrix"), false),
            Kind::Claims { number } => (Some("claims"), number == 1),
            Kind::Disputes { number } => (Some("disputes"), number == 1),
            Kind::Data => (Some("data"), true),
        };
        Nav { section, first }
    }

    /// Each section's link's `aria-current`: `page` on the section's first page, `true` (the
    /// current one of the set) on its other pages, `false` elsewhere, where the built-in
    /// `menu_link` component leaves the attribute out (on every page of 10k, it weighed 2 MB).
    fn aria_current(&self) -> BTreeMap<&'static str, &'static str> {
        SECTIONS
            .iter()
            .map(|section| {
                let current = match self.section {
                    Some(here) if here == *section => {
                        if self.first {
                            "page"
                        } else {
                            "true"
                        }
                    }
                    _ => "false",
                };
                (*section, current)
            })
            .collect()
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
    /// With `digested`, also the digest of the template and context ([`super::keyed`]).
    pub fn context(
        &self,
        page: &Page,
        root: &str,
        digested: bool,
    ) -> Result<(&'static str, Context, Option<Digest>), tera::Error> {
        let mut context = PageContext::new(digested);
        context.insert("home", if root.is_empty() { "./" } else { root });
        context.insert("root", root);
        context.insert("path", &page.path);
        context.insert("nav", &Nav::of(page.kind).aria_current());
        // The page's own absolute address, for link previews (`og:url`), when the site has one.
        let address =
            self.archive.config.base_url.as_ref().map(|base| format!("{base}/{}", urls::served_at(&page.path)));
        context.insert("page_url", &address);
        let template = match page.kind {
            Kind::Home { number } => self.home(&mut context, number),
            Kind::Article(id) => self.article(&mut context, id, root)?,
            Kind::Actors => {
                context.insert_value("actor_groups", self.views.actors_by_kind());
                context.insert("actor_total", &self.archive.actors.len());
                "actors.html"
            }
            Kind::Actor { id, number } => self.actor(&mut context, id, number),
            Kind::Countries => {
                context.insert_value("countries", self.views.countries_by_name());
                "countries.html"
            }
            Kind::Country { id, number } => self.country(&mut context, id, number),
            Kind::Tags => {
                context.insert_value("tags", self.views.tags());
                "tags.html"
            }
            Kind::Tag { index, number } => self.tag(&mut context, index, number),
            Kind::Search => "search.html",
            Kind::NotFound => "404.html",
            Kind::Feed => self.feed(&mut context),
            Kind::Timeline => self.timeline(&mut context),
            Kind::TimelineYear { year, number } => self.timeline_year(&mut context, year, number),
            Kind::ActorFeed(id) => self.actor_feed(&mut context, id),
            Kind::CountryFeed(id) => self.country_feed(&mut context, id),
            Kind::Matrix { year } => {
                context.insert_value("matrix", self.views.matrix_grid(year));
                "matrix.html"
            }
            Kind::MatrixAccuser { party, number } => self.matrix_accuser(&mut context, party, number),
            Kind::Claims { number } => self.claims_page(&mut context, number),
            Kind::Disputes { number } => self.disputes_page(&mut context, number),
            Kind::Data => {
                context.insert("data_license", &self.archive.config.data_license);
                "data.html"
            }
        };
        let (context, digest) = context.finish(template);
        Ok((template, context, digest))
    }

    fn home(&self, context: &mut PageContext, number: usize) -> &'static str {
        let archive = self.archive;
        context.insert_value("articles", self.views.articles(self.slice(archive.articles.len(), number)));
        context.insert("article_total", &archive.articles.len());
        context.insert("actor_total", &archive.actors.len());
        context.insert("country_total", &archive.countries.len());
        context.insert("claim_total", &archive.claims.len());
        self.paginate(context, urls::HOME, archive.articles.len(), number);
        "index.html"
    }

    fn article(&self, context: &mut PageContext, id: ArticleId, root: &str) -> Result<&'static str, tera::Error> {
        let (archive, views) = (self.archive, self.views);
        let article = archive.article(id);
        context.insert_value("article", views.article(id));
        context.insert("body_html", &article::body_html(archive, id, self.reference_title)?);
        context.insert("author", &article.author);
        context.insert("source_url", &article.url);
        context.insert("tags", &article::tags(article));
        context.insert_value("claims", self.claims(&article.claims));
        context.insert_value("threads", disputes::threads_beside(archive, views, &article.claims));
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

    fn actor(&self, context: &mut PageContext, id: ActorId, number: usize) -> &'static str {
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
        context.insert("data_url", &urls::actor_json(&actor.id));
        self.lists(context, EntityLists::of_actor(actor), &urls::actor(&actor.id), number);
        context.insert("feed_url", &urls::actor_feed(&actor.id));
        if number == 1 {
            let chip = |party| self.views.party(party);
            context.insert("graph", &graph::of_actor(self.archive, id, &chip));
            context.insert("timeline", &timeline::entity(self.archive, &actor.claims_made, &actor.claims_received));
        }
        "actor.html"
    }

    fn country(&self, context: &mut PageContext, id: CountryId, number: usize) -> &'static str {
        let country = self.archive.country(id);
        let actors =
            |ids: &[ActorId]| -> Value { ids.iter().map(|id| self.views.actor(*id)).collect::<Vec<_>>().into() };
        context.insert_value("country", self.views.country(id));
        context.insert("data_url", &urls::country_json(&country.id));
        context.insert_value("actors", actors(&country.actors));
        context.insert_value("groups", actors(&country.groups));
        self.lists(context, EntityLists::of_country(country), &urls::country(&country.id), number);
        context.insert("feed_url", &urls::country_feed(&country.id));
        if number == 1 {
            let timeline = timeline::entity(self.archive, &country.claims_made, &country.claims_received);
            context.insert("timeline", &timeline);
        }
        "country.html"
    }

    fn tag(&self, context: &mut PageContext, index: usize, number: usize) -> &'static str {
        let tag = &self.archive.tags[index];
        let size = super::pages::tag_page_size(self.archive);
        let range = page_range(tag.articles.len(), number, size);
        let articles: Vec<Value> = tag.articles[range].iter().map(|id| self.views.article_of_tag(*id)).collect();
        context.insert("tag", &tag.name);
        context.insert("article_total", &tag.articles.len());
        context.insert_value("articles", articles.into());
        paginate_by(context, &urls::tag(&tag.slug), page_count(tag.articles.len(), size), number);
        "tag.html"
    }

    fn feed(&self, context: &mut PageContext) -> &'static str {
        let archive = self.archive;
        let newest = self.views.articles(0..archive.articles.len().min(FEED_ENTRIES));
        let updated = archive.articles.first().map(|article| DateView::new(article.date).timestamp);
        context.insert_value("articles", newest);
        context.insert("updated", updated.as_deref().unwrap_or(EPOCH));
        "atom.xml"
    }

    // The timeline and the feeds of actors and countries (issue 11).

    fn timeline(&self, context: &mut PageContext) -> &'static str {
        let page_size = super::pages::timeline_page_size(self.archive);
        context.insert("years", &timeline::index(self.views.timeline(), page_size));
        "timeline.html"
    }

    fn timeline_year(&self, context: &mut PageContext, year: i16, number: usize) -> &'static str {
        let years = &self.views.timeline().years;
        let position = years.iter().position(|candidate| candidate.year == year).unwrap_or_default();
        let shown = &years[position];
        let size = super::pages::timeline_page_size(self.archive);
        let range = page_range(shown.entries.len(), number, size);
        let base = urls::timeline_year(year);
        let neighbour = |index: Option<usize>| {
            index.and_then(|index| years.get(index)).map(|other| {
                BTreeMap::from([("year", other.year.to_string()), ("url", urls::timeline_year(other.year))])
            })
        };
        context.insert("year", &year);
        context.insert("months", &timeline::rows(self.archive, shown, range));
        context.insert("articles_total", &shown.months.iter().map(|month| month.articles).sum::<usize>());
        context.insert("claims_total", &shown.months.iter().map(|month| month.claims).sum::<usize>());
        context.insert("newer", &neighbour(position.checked_sub(1)));
        context.insert("older", &neighbour(Some(position + 1)));
        paginate_by(context, &base, page_count(shown.entries.len(), size), number);
        "timeline_year.html"
    }

    fn actor_feed(&self, context: &mut PageContext, id: ActorId) -> &'static str {
        let actor = self.archive.actor(id);
        let (claims, url) = ([&actor.claims_made[..], &actor.claims_received[..]], urls::actor(&actor.id));
        self.entity_feed(context, &actor.name, &url, &urls::actor_feed(&actor.id), &actor.articles, &claims)
    }

    fn country_feed(&self, context: &mut PageContext, id: CountryId) -> &'static str {
        let country = self.archive.country(id);
        let (claims, url) = ([&country.claims_made[..], &country.claims_received[..]], urls::country(&country.id));
        self.entity_feed(context, &country.name, &url, &urls::country_feed(&country.id), &country.articles, &claims)
    }

    /// The feed of an actor or a country named `name`, whose page is at `url`: its newest
    /// articles and claims, each article with the kinds of its claims.
    fn entity_feed(
        &self,
        context: &mut PageContext,
        name: &str,
        url: &str,
        feed_url: &str,
        articles: &[ArticleId],
        claims: &[&[ClaimId]],
    ) -> &'static str {
        let entries = timeline::newest(self.archive, articles, claims, ENTITY_FEED_ENTRIES);
        let updated = entries.first().map(|entry| DateView::new(entry.date(self.archive)).timestamp);
        let entries: Vec<Value> = entries
            .into_iter()
            .map(|entry| match entry {
                timeline::Entry::Article(id) => {
                    let kinds = self.views.article_kinds(id);
                    BTreeMap::from([("article", self.views.article(id)), ("kinds", kinds)]).into()
                }
                timeline::Entry::Claim(id) => BTreeMap::from([("claim", self.views.claim(id))]).into(),
            })
            .collect();
        context.insert("name", name);
        context.insert("page_url", url);
        context.insert("feed_url", feed_url);
        context.insert_value("entries", entries.into());
        context.insert("updated", updated.as_deref().unwrap_or(EPOCH));
        "entity_feed.xml"
    }

    fn matrix_accuser(&self, context: &mut PageContext, party: Party, number: usize) -> &'static str {
        let base = matrix::accuser_url(self.archive, party);
        context.insert_value("accusations", self.views.matrix_accuser(party, number));
        self.paginate(context, &base, self.views.matrix().accusations_of(party), number);
        "matrix_accuser.html"
    }

    /// A page of the claims list: its claims, its year among every year, the filters' choices.
    fn claims_page(&self, context: &mut PageContext, number: usize) -> &'static str {
        let pages = self.views.claim_pages();
        context.insert_value("claims", self.claims(pages.page(number)));
        context.insert("year", &pages.year_of_page(number));
        context.insert("years", pages.years());
        context.insert("kinds", pages.kinds());
        context.insert("bases", pages.bases());
        context.insert("claim_total", &self.archive.claims.len());
        paginate_by(context, urls::CLAIMS, pages.page_count(), number);
        "claims.html"
    }

    fn disputes_page(&self, context: &mut PageContext, number: usize) -> &'static str {
        let (archive, views) = (self.archive, self.views);
        context.insert_value("disputes", disputes::page(archive, views, number));
        context.insert("dispute_total", &views.disputes().threads().len());
        paginate_by(context, urls::DISPUTES, disputes::page_count(archive, views.disputes()), number);
        "disputes.html"
    }

    /// The part of a list of `items` entries that numbered page `number` shows.
    fn slice(&self, items: usize, number: usize) -> std::ops::Range<usize> {
        page_range(items, number, self.archive.config.page_size)
    }

    fn paginate(&self, context: &mut PageContext, base: &str, items: usize, number: usize) {
        paginate_by(context, base, page_count(items, self.archive.config.page_size), number);
    }

    fn claims(&self, ids: &[ClaimId]) -> Value {
        ids.iter().map(|id| self.views.claim(*id)).collect::<Vec<_>>().into()
    }

    /// The slices numbered page `number` of an actor or country shows of its lists.
    fn lists(&self, context: &mut PageContext, lists: EntityLists, base: &str, number: usize) {
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

/// Page `number` of `total` numbered pages under `base`, with the way to its neighbours.
fn paginate_by(context: &mut PageContext, base: &str, total: usize, number: usize) {
    let pagination = Pagination {
        number,
        total,
        previous: (number > 1).then(|| urls::numbered(base, number - 1)),
        next: (number < total).then(|| urls::numbered(base, number + 1)),
    };
    context.insert("pagination", &pagination);
}

/// A file under `data/` as the data page shows it: its key (which the template words its format
/// and use by), address and size.
#[derive(Serialize)]
pub struct DataFileView {
    pub key: &'static str,
    pub url: String,
    pub name: String,
    pub bytes: usize,
    /// The size in the largest unit that keeps it at least 1, with one decimal (`1.2`), and that
    /// unit (`B`, `KB`, `MB`): the template writes the decimal mark.
    pub size: String,
    pub unit: &'static str,
}

impl DataFileView {
    pub fn new(listed: &crate::export::Listed) -> DataFileView {
        let name = listed.path.rsplit('/').next().unwrap_or_default().to_owned();
        let (size, unit) = human_size(listed.bytes);
        DataFileView { key: listed.key, url: listed.path.clone(), name, bytes: listed.bytes, size, unit }
    }
}

/// `bytes` in B, KB or MB (of 1024), with one decimal above bytes.
fn human_size(bytes: usize) -> (String, &'static str) {
    const KB: f64 = 1024.0;
    let value = bytes as f64;
    if value < KB {
        (bytes.to_string(), "B")
    } else if value < KB * KB {
        (format!("{:.1}", value / KB), "KB")
    } else {
        (format!("{:.1}", value / KB / KB), "MB")
    }
}
