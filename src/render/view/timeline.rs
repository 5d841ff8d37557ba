//! The archive along time, computed from the model once per build: every article and every claim
//! under its year and month (the timeline's pages), and an actor's or a country's claims by year
//! (the timeline section of its page). A claim is dated by its own date, or else by its article's.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::{ClaimLink, DateView, claim_link, party_name};
use crate::date::PartialDate;
use crate::model::{Archive, ArticleId, ClaimId};
use crate::urls;

/// One line of the timeline: an article, or a claim quoted in one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Article(ArticleId),
    Claim(ClaimId),
}

impl Entry {
    pub fn date(self, archive: &Archive) -> PartialDate {
        match self {
            Entry::Article(id) => archive.article(id).date,
            Entry::Claim(id) => claim_date(archive, id),
        }
    }

    /// Its place in a year: by month (the dates naming only the year last), by day (the dates
    /// naming only the month first), then articles before claims, each in table order.
    fn order(self, archive: &Archive) -> (i8, i8, u8, u32) {
        let date = self.date(archive);
        let (kind, index) = self.table_order();
        (date.month.unwrap_or(13), date.day.unwrap_or(0), kind, index)
    }

    /// Articles before claims, each in the order of its table.
    fn table_order(self) -> (u8, u32) {
        match self {
            Entry::Article(id) => (0, id.0),
            Entry::Claim(id) => (1, id.0),
        }
    }
}

/// When a claim was made: its own date, or else its article's.
pub fn claim_date(archive: &Archive, id: ClaimId) -> PartialDate {
    let claim = archive.claim(id);
    claim.date.unwrap_or(archive.article(claim.article).date)
}

/// A month of a year, or the part of the year whose dates name no month (`month` is `None`), with
/// its part of the year's entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Month {
    pub month: Option<i8>,
    /// Where its entries are in the year's `entries`.
    pub range: Range<usize>,
    pub articles: usize,
    pub claims: usize,
}

#[derive(Clone, Debug)]
pub struct Year {
    pub year: i16,
    /// Every article and claim of the year, in [`Entry::order`].
    pub entries: Vec<Entry>,
    /// The months that have entries, in order, the one of no named month last.
    pub months: Vec<Month>,
}

/// Every article and claim of the archive, by year: the newest year first.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    pub years: Vec<Year>,
}

impl Timeline {
    pub fn of(archive: &Archive) -> Timeline {
        let articles = (0..archive.articles.len()).map(|index| Entry::Article(ArticleId(index as u32)));
        let claims = (0..archive.claims.len()).map(|index| Entry::Claim(ClaimId(index as u32)));
        let mut by_year: BTreeMap<i16, Vec<Entry>> = BTreeMap::new();
        for entry in articles.chain(claims) {
            by_year.entry(entry.date(archive).year).or_default().push(entry);
        }
        let years = by_year
            .into_iter()
            .rev()
            .map(|(year, mut entries)| {
                entries.sort_by_cached_key(|entry| entry.order(archive));
                let months = months(archive, &entries);
                Year { year, entries, months }
            })
            .collect();
        Timeline { years }
    }

    pub fn year(&self, year: i16) -> Option<&Year> {
        self.years.iter().find(|candidate| candidate.year == year)
    }
}

/// The runs of `entries` (in order) that share a month.
fn months(archive: &Archive, entries: &[Entry]) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let month = entry.date(archive).month;
        if months.last().is_none_or(|last| last.month != month) {
            months.push(Month { month, range: index..index, articles: 0, claims: 0 });
        }
        if let Some(last) = months.last_mut() {
            last.range.end = index + 1;
            match entry {
                Entry::Article(_) => last.articles += 1,
                Entry::Claim(_) => last.claims += 1,
            }
        }
    }
    months
}

/// A line of a year's page, as the template shows it: the date, what it is, its parties and where
/// it leads.
#[derive(Debug, Serialize)]
pub struct Row {
    pub date: DateView,
    /// Whether the row above it on its page bears the same date, which is then shown once: most
    /// claims are dated by their article, and a page lists hundreds of rows.
    pub same_day: bool,
    pub url: String,
    /// For an article: its title; for a claim, none.
    pub title: Option<String>,
    /// For a claim: its kind's CSS class and label key.
    pub class: Option<&'static str>,
    pub label: Option<&'static str>,
    /// For a claim, who makes it and whom it targets (an article's parties are in its claims).
    pub by: Vec<String>,
    pub target: Vec<String>,
}

impl Row {
    pub fn of(archive: &Archive, entry: Entry) -> Row {
        let names = |parties: &[crate::model::Party]| parties.iter().map(|party| party_name(archive, *party)).collect();
        match entry {
            Entry::Article(id) => {
                let article = archive.article(id);
                Row {
                    date: DateView::new(article.date),
                    same_day: false,
                    url: urls::article(&article.slug),
                    title: Some(article.title.clone()),
                    class: None,
                    label: None,
                    by: Vec::new(),
                    target: Vec::new(),
                }
            }
            Entry::Claim(id) => {
                let claim = archive.claim(id);
                let article = archive.article(claim.article);
                Row {
                    date: DateView::new(claim_date(archive, id)),
                    same_day: false,
                    url: urls::with_anchor(&urls::article(&article.slug), &claim.anchor),
                    title: None,
                    class: Some(claim.kind.row().class),
                    label: Some(claim.kind.row().label),
                    by: names(&claim.by),
                    target: names(&claim.target),
                }
            }
        }
    }
}

/// A claim at one end of an entity's timeline, with its date.
#[derive(Debug, Serialize)]
pub struct Dated {
    pub date: DateView,
    pub claim: ClaimLink,
}

/// The claims of one year in an entity's timeline, and their share of its busiest year (in
/// percent, at least 1 when there are any), which sets the bar's height.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct YearCount {
    pub year: i16,
    pub count: usize,
    pub share: usize,
    /// The year's page in the timeline.
    pub url: String,
}

/// An actor's or a country's claims, made and received, along time.
#[derive(Debug, Serialize)]
pub struct EntityTimeline {
    pub first: Dated,
    pub last: Dated,
    /// The years that have claims, oldest first.
    pub years: Vec<YearCount>,
}

/// The timeline of an entity that made the claims `made` and received `received`, or none if it
/// has no claims. A claim it both made and received counts once.
pub fn entity(archive: &Archive, made: &[ClaimId], received: &[ClaimId]) -> Option<EntityTimeline> {
    let mut claims: Vec<(PartialDate, ClaimId)> =
        made.iter().chain(received).map(|id| (claim_date(archive, *id), *id)).collect();
    claims.sort();
    claims.dedup();
    let dated =
        |(date, id): (PartialDate, ClaimId)| Dated { date: DateView::new(date), claim: claim_link(archive, id) };
    let first = dated(*claims.first()?);
    let last = dated(*claims.last()?);
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for (date, _) in &claims {
        *counts.entry(date.year).or_default() += 1;
    }
    let busiest = counts.values().copied().max().unwrap_or(1);
    let years = counts
        .into_iter()
        .map(|(year, count)| YearCount {
            year,
            count,
            share: (count * 100).div_ceil(busiest),
            url: urls::timeline_year(year),
        })
        .collect();
    Some(EntityTimeline { first, last, years })
}

/// A month on the timeline's index: where its rows begin, and its counts, with its share of the
/// busiest month of the archive (in percent, at least 1), which sets its bar's length.
#[derive(Debug, Serialize)]
pub struct MonthLink {
    pub month: Option<i8>,
    pub url: String,
    pub articles: usize,
    pub claims: usize,
    pub share: usize,
}

/// A year on the timeline's index.
#[derive(Debug, Serialize)]
pub struct YearLink {
    pub year: i16,
    pub url: String,
    pub articles: usize,
    pub claims: usize,
    pub months: Vec<MonthLink>,
}

/// The timeline's index: every year, newest first, with its months; a month links to the page of
/// its year (of `page_size` rows) where it begins.
pub fn index(timeline: &Timeline, page_size: usize) -> Vec<YearLink> {
    let busiest = timeline.years.iter().flat_map(|year| &year.months).map(|month| month.range.len()).max();
    let busiest = busiest.unwrap_or(1).max(1);
    timeline
        .years
        .iter()
        .map(|year| {
            let base = urls::timeline_year(year.year);
            let months: Vec<MonthLink> = year
                .months
                .iter()
                .map(|month| MonthLink {
                    month: month.month,
                    url: urls::with_anchor(
                        &urls::numbered(&base, month.range.start / page_size + 1),
                        &urls::month_anchor(month.month),
                    ),
                    articles: month.articles,
                    claims: month.claims,
                    share: (month.range.len() * 100).div_ceil(busiest),
                })
                .collect();
            YearLink {
                year: year.year,
                url: base,
                articles: months.iter().map(|month| month.articles).sum(),
                claims: months.iter().map(|month| month.claims).sum(),
                months,
            }
        })
        .collect()
}

/// The rows of one month on a page of a year.
#[derive(Debug, Serialize)]
pub struct MonthRows {
    pub month: Option<i8>,
    pub anchor: String,
    pub rows: Vec<Row>,
}

/// The rows at `range` of `year`'s entries, under their months.
pub fn rows(archive: &Archive, year: &Year, range: Range<usize>) -> Vec<MonthRows> {
    year.months
        .iter()
        .filter(|month| month.range.start < range.end && range.start < month.range.end)
        .map(|month| {
            let part = month.range.start.max(range.start)..month.range.end.min(range.end);
            let mut rows: Vec<Row> = year.entries[part].iter().map(|entry| Row::of(archive, *entry)).collect();
            for index in 1..rows.len() {
                rows[index].same_day = rows[index].date.iso == rows[index - 1].date.iso;
            }
            MonthRows { month: month.month, anchor: urls::month_anchor(month.month), rows }
        })
        .collect()
}

/// The newest `limit` of an entity's articles and claims (made or received, each once), newest
/// first; on one date, articles before claims, each in table order.
pub fn newest(archive: &Archive, articles: &[ArticleId], claims: &[&[ClaimId]], limit: usize) -> Vec<Entry> {
    let mut claim_ids: Vec<ClaimId> = claims.iter().flat_map(|ids| ids.iter().copied()).collect();
    claim_ids.sort_unstable();
    claim_ids.dedup();
    let mut entries: Vec<Entry> =
        articles.iter().map(|id| Entry::Article(*id)).chain(claim_ids.into_iter().map(Entry::Claim)).collect();
    entries.sort_by_cached_key(|entry| (std::cmp::Reverse(entry.date(archive)), entry.table_order()));
    entries.truncate(limit);
    entries
}
