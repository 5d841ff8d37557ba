//! The attribution matrix: who accuses whom, and how often. [`Matrix`] is computed once per
//! build from the archive's claims: a claim of a kind whose `CLAIM_KINDS` row says it is an
//! accusation counts once for each pair of a party that makes it and a party it targets, in the
//! year it was made. From it come the views of the matrix pages (the grid of every year or of
//! one, with the year menu) and of each accuser's page (its accusations by the party accused,
//! then by year, split over numbered pages), whose sections the grid's cells link to.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::Value;

use super::{Chip, Views};
use crate::model::{Archive, CLAIM_KINDS, ClaimId, Party};
use crate::render::pages::{page_count, page_range};
use crate::text::slugify;
use crate::urls::{self, PartyKind};

/// How many accusers the grid shows as rows; the others are listed below it.
pub const ROWS_SHOWN: usize = 20;
/// How many accused parties the grid shows as columns; the others are listed below it.
pub const COLUMNS_SHOWN: usize = 20;
/// How many shades a cell has, from the fewest accusations on its page to the most.
const LEVELS: usize = 4;

/// The accusations of one accuser against one party, newest first, each with its year.
struct Pair {
    accused: Party,
    claims: Vec<(i16, ClaimId)>,
}

impl Pair {
    /// Whether its accusations were made in more than one year, and so fall into year sections.
    fn spans_years(&self) -> bool {
        self.claims.windows(2).any(|two| two[0].0 != two[1].0)
    }

    /// How many of its accusations were made in `year`, or in all years.
    fn count(&self, year: Option<i16>) -> usize {
        match year {
            None => self.claims.len(),
            Some(year) => self.claims.iter().filter(|(made, _)| *made == year).count(),
        }
    }
}

/// A party that accuses others, with its accusations by the party accused (most first, then by
/// name). On its page they follow each other in that order, numbered from 0 across pairs.
struct Accuser {
    party: Party,
    pairs: Vec<Pair>,
    /// Where each pair's first accusation stands in that numbering.
    starts: Vec<usize>,
    total: usize,
}

/// Who accuses whom, computed once per build (see the module's documentation).
pub struct Matrix {
    /// The years in which an accusation was made, newest first.
    years: Vec<i16>,
    /// Most accusations first, then by name.
    accusers: Vec<Accuser>,
    /// Where each accuser is in `accusers`.
    positions: BTreeMap<Party, usize>,
    /// How many claim rows an accuser's page holds.
    page_size: usize,
}

/// The order of parties with `count`s: most first, then by name with Vietnamese marks folded
/// (`Đức` with the d's), then by id.
fn order_key(archive: &Archive, party: Party, count: usize) -> (Reverse<usize>, String, Party) {
    let name = match party {
        Party::Actor(id) => &archive.actor(id).name,
        Party::Country(id) => &archive.country(id).name,
    };
    (Reverse(count), slugify(name), party)
}

impl Matrix {
    pub fn new(archive: &Archive) -> Matrix {
        let mut pairs: BTreeMap<(Party, Party), Vec<(i16, ClaimId)>> = BTreeMap::new();
        let mut years = BTreeSet::new();
        let accusations = archive.claims.iter().enumerate().filter(|(_, claim)| claim.kind.is_accusation());
        for (index, claim) in accusations {
            let id = ClaimId(index as u32);
            let year = archive.claim_date(id).year;
            years.insert(year);
            for (by, target) in claim.by.iter().flat_map(|by| claim.target.iter().map(move |target| (*by, *target))) {
                pairs.entry((by, target)).or_default().push((year, id));
            }
        }
        let mut by_accuser: BTreeMap<Party, Vec<Pair>> = BTreeMap::new();
        for ((by, accused), mut claims) in pairs {
            claims.sort_by_key(|(_, id)| (Reverse(archive.claim_date(*id)), *id));
            by_accuser.entry(by).or_default().push(Pair { accused, claims });
        }
        let mut accusers: Vec<Accuser> = by_accuser
            .into_iter()
            .map(|(party, mut pairs)| {
                pairs.sort_by_cached_key(|pair| order_key(archive, pair.accused, pair.claims.len()));
                let starts = pairs
                    .iter()
                    .scan(0, |start, pair| {
                        let this = *start;
                        *start += pair.claims.len();
                        Some(this)
                    })
                    .collect();
                let total = pairs.iter().map(|pair| pair.claims.len()).sum();
                Accuser { party, pairs, starts, total }
            })
            .collect();
        accusers.sort_by_cached_key(|accuser| order_key(archive, accuser.party, accuser.total));
        let positions = accusers.iter().enumerate().map(|(index, accuser)| (accuser.party, index)).collect();
        let page_size = archive.config.page_size * super::claims::ROWS_PER_CARD;
        Matrix { years: years.into_iter().rev().collect(), accusers, positions, page_size }
    }

    /// The years with an accusation, newest first: each has its own matrix page.
    pub fn years(&self) -> &[i16] {
        &self.years
    }

    /// The parties that accused another, each with pages of its own, most accusations first.
    pub fn accusers(&self) -> impl Iterator<Item = Party> + '_ {
        self.accusers.iter().map(|accuser| accuser.party)
    }

    /// The accuser `party`, which the page list took from [`Matrix::accusers`].
    fn accuser(&self, party: Party) -> &Accuser {
        &self.accusers[self.positions[&party]]
    }

    /// How many accusations `party` made, which its numbered pages share.
    pub fn accusations_of(&self, party: Party) -> usize {
        self.accuser(party).total
    }

    /// How many numbered pages the accusations of `party` take.
    pub fn page_count_of(&self, party: Party) -> usize {
        page_count(self.accusations_of(party), self.page_size)
    }

    /// The numbered page of an accuser that holds its accusation at `position`.
    fn page_of(&self, position: usize) -> usize {
        position / self.page_size + 1
    }

    /// Where `accuser`'s pair `pair` begins, from its first page (where the list of the accused
    /// is): `#actor-apt32` or `page/3/#actor-apt32`, shorter than from the root.
    fn section_link(&self, archive: &Archive, accuser: &Accuser, pair: usize) -> String {
        let (kind, id) = party_ref(archive, accuser.pairs[pair].accused);
        let page = urls::numbered("", self.page_of(accuser.starts[pair]));
        urls::with_anchor(&page, &urls::matrix_section(kind, id, None))
    }

    /// Where the accusations of `accuser`'s pair `pair` begin, or those of `year` only: its page
    /// and the fragment id of its section there.
    fn section_url(&self, archive: &Archive, accuser: &Accuser, pair: usize, year: Option<i16>) -> String {
        let claims = &accuser.pairs[pair].claims;
        // A pair of one year has no year sections: its own section is exactly that year's.
        let year = year.filter(|_| accuser.pairs[pair].spans_years());
        let offset = year.and_then(|year| claims.iter().position(|(made, _)| *made == year)).unwrap_or(0);
        let page = urls::numbered(&accuser_url(archive, accuser.party), self.page_of(accuser.starts[pair] + offset));
        let (kind, id) = party_ref(archive, accuser.pairs[pair].accused);
        urls::with_anchor(&page, &urls::matrix_section(kind, id, year))
    }
}

/// Whether `party` is an actor or a country, and its id.
fn party_ref(archive: &Archive, party: Party) -> (PartyKind, &str) {
    match party {
        Party::Actor(id) => (PartyKind::Actor, &archive.actor(id).id),
        Party::Country(id) => (PartyKind::Country, &archive.country(id).id),
    }
}

/// The folder URL of the accusations of `party`.
pub fn accuser_url(archive: &Archive, party: Party) -> String {
    let (kind, id) = party_ref(archive, party);
    urls::matrix_accuser(kind, id)
}

/// A party heading a row or a column, or listed below the grid: its accusations in the page's
/// years (made by a row's party, received by a column's), and where it leads (an accuser's page;
/// an accused party's own page).
#[derive(Serialize)]
struct Header {
    chip: Chip,
    total: usize,
    url: String,
}

#[derive(Serialize)]
struct Cell {
    count: usize,
    /// Its shade, from 1 (fewest on the page) to [`LEVELS`].
    level: usize,
    /// The section of the accuser's page that lists exactly these accusations.
    url: String,
}

#[derive(Serialize)]
struct Row {
    header: Header,
    /// One per column; none where the row's party accused the column's of nothing.
    cells: Vec<Option<Cell>>,
}

#[derive(Serialize)]
struct YearLink {
    year: i16,
    url: String,
}

/// A matrix page: every year's accusations or one year's.
#[derive(Serialize)]
struct GridView {
    year: Option<i16>,
    years: Vec<YearLink>,
    columns: Vec<Header>,
    rows: Vec<Row>,
    /// The accusers and the accused beyond the grid's rows and columns.
    more_rows: Vec<Header>,
    more_columns: Vec<Header>,
    /// Every accusation of the page's years, counted once per pair.
    total: usize,
    rows_shown: usize,
    columns_shown: usize,
    /// The label keys of the kinds counted, in the vocabulary's order.
    kinds: Vec<&'static str>,
}

/// One year of the accusations of an accuser's section.
#[derive(Serialize)]
struct YearBlock {
    year: i16,
    anchor: String,
    count: usize,
    /// Whether it began on an earlier page: its anchor is there.
    continued: bool,
    claims: Vec<Value>,
}

/// An accuser's accusations against one party, on one numbered page.
#[derive(Serialize)]
struct Section {
    accused: Chip,
    anchor: String,
    count: usize,
    continued: bool,
    /// Whether the accusations are shown in year sections: only when made in several years.
    by_year: bool,
    years: Vec<YearBlock>,
}

#[derive(Serialize)]
struct AccuserView {
    accuser: Chip,
    total: usize,
    /// Every party it accused, with the way to its section from the first page, the only one
    /// that lists them.
    accused: Vec<Header>,
    sections: Vec<Section>,
}

impl Views {
    pub fn matrix(&self) -> &Matrix {
        &self.matrix
    }

    /// The matrix page of `year`, or of every year.
    pub fn matrix_grid(&self, year: Option<i16>) -> Value {
        let (archive, matrix) = (&*self.archive, &self.matrix);
        let mut rows: Vec<(usize, usize)> = Vec::new();
        let mut received: BTreeMap<Party, usize> = BTreeMap::new();
        for (index, accuser) in matrix.accusers.iter().enumerate() {
            let mut total = 0;
            for pair in &accuser.pairs {
                let count = pair.count(year);
                total += count;
                if count > 0 {
                    *received.entry(pair.accused).or_default() += count;
                }
            }
            if total > 0 {
                rows.push((index, total));
            }
        }
        rows.sort_by_cached_key(|(index, total)| order_key(archive, matrix.accusers[*index].party, *total));
        let mut columns: Vec<(Party, usize)> = received.into_iter().collect();
        columns.sort_by_cached_key(|(party, total)| order_key(archive, *party, *total));
        let column_header = |(party, total): &(Party, usize)| Header {
            chip: self.party(*party),
            total: *total,
            url: self.party(*party).url.to_string(),
        };
        let row_header = |(index, total): &(usize, usize)| {
            let party = matrix.accusers[*index].party;
            Header { chip: self.party(party), total: *total, url: accuser_url(archive, party) }
        };
        let shown_columns = &columns[..columns.len().min(COLUMNS_SHOWN)];
        let shown_rows = &rows[..rows.len().min(ROWS_SHOWN)];
        let counts: Vec<Vec<Option<(usize, String)>>> = shown_rows
            .iter()
            .map(|(index, _)| {
                let accuser = &matrix.accusers[*index];
                shown_columns
                    .iter()
                    .map(|(party, _)| {
                        let pair = accuser.pairs.iter().position(|pair| pair.accused == *party)?;
                        let count = accuser.pairs[pair].count(year);
                        (count > 0).then(|| (count, matrix.section_url(archive, accuser, pair, year)))
                    })
                    .collect()
            })
            .collect();
        let most = counts.iter().flatten().flatten().map(|(count, _)| *count).max().unwrap_or(1);
        let grid_rows = shown_rows
            .iter()
            .zip(counts)
            .map(|(row, cells)| Row {
                header: row_header(row),
                cells: cells
                    .into_iter()
                    .map(|cell| cell.map(|(count, url)| Cell { count, level: (count * LEVELS).div_ceil(most), url }))
                    .collect(),
            })
            .collect();
        Value::from_serializable(&GridView {
            year,
            years: matrix.years.iter().map(|year| YearLink { year: *year, url: urls::matrix_year(*year) }).collect(),
            columns: shown_columns.iter().map(column_header).collect(),
            rows: grid_rows,
            more_rows: rows[shown_rows.len()..].iter().map(row_header).collect(),
            more_columns: columns[shown_columns.len()..].iter().map(column_header).collect(),
            total: rows.iter().map(|(_, total)| total).sum(),
            rows_shown: ROWS_SHOWN,
            columns_shown: COLUMNS_SHOWN,
            kinds: CLAIM_KINDS.iter().filter(|row| row.accusation).map(|row| row.label).collect(),
        })
    }

    /// Numbered page `number` of the accusations of `party`.
    pub fn matrix_accuser(&self, party: Party, number: usize) -> Value {
        let (archive, matrix) = (&*self.archive, &self.matrix);
        let accuser = matrix.accuser(party);
        let page = page_range(accuser.total, number, matrix.page_size);
        let accused = if number == 1 {
            (0..accuser.pairs.len())
                .map(|pair| Header {
                    chip: self.party(accuser.pairs[pair].accused),
                    total: accuser.pairs[pair].claims.len(),
                    url: matrix.section_link(archive, accuser, pair),
                })
                .collect()
        } else {
            Vec::new()
        };
        let sections = accuser
            .pairs
            .iter()
            .zip(&accuser.starts)
            .filter(|(pair, start)| **start < page.end && page.start < **start + pair.claims.len())
            .map(|(pair, start)| self.matrix_section(pair, *start, &page))
            .collect();
        Value::from_serializable(&AccuserView {
            accuser: self.party(accuser.party),
            total: accuser.total,
            accused,
            sections,
        })
    }

    /// Claim `id` as an accuser's page lists it: its view, marked `in_heading` because the
    /// section's heading says who made it against whom, so that the claim row words only its
    /// kind. A mark rather than an argument of the row, so that a site's own components, made
    /// before the matrix, still render the page (with the sentence).
    fn headed_claim(&self, id: ClaimId) -> Value {
        let mut claim = self.claim(id).into_map().unwrap_or_default();
        claim.insert("in_heading".into(), Value::from(true));
        Value::from(claim)
    }

    /// The part of `pair`'s section, whose first accusation is at `start`, that falls in `page`.
    fn matrix_section(&self, pair: &Pair, start: usize, page: &std::ops::Range<usize>) -> Section {
        let (kind, id) = party_ref(&self.archive, pair.accused);
        let mut years: Vec<YearBlock> = Vec::new();
        for (position, (year, claim)) in pair.claims.iter().enumerate() {
            if !page.contains(&(start + position)) {
                continue;
            }
            let first_of_year = position == 0 || pair.claims[position - 1].0 != *year;
            if years.last().is_none_or(|block| block.year != *year) {
                years.push(YearBlock {
                    year: *year,
                    anchor: urls::matrix_section(kind, id, Some(*year)),
                    count: pair.count(Some(*year)),
                    continued: !first_of_year,
                    claims: Vec::new(),
                });
            }
            if let Some(block) = years.last_mut() {
                block.claims.push(self.headed_claim(*claim));
            }
        }
        Section {
            accused: self.party(pair.accused),
            anchor: urls::matrix_section(kind, id, None),
            count: pair.claims.len(),
            continued: start < page.start,
            by_year: pair.spans_years(),
            years,
        }
    }
}
