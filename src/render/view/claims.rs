//! The claims list (`claims/`): every claim of the archive once, newest first, cut into numbered
//! pages that never mix two years. A year's pages therefore hold exactly that year's claims, and
//! the list of years, each linked to its first page, is the list's year filter: one copy of each
//! claim serves the unfiltered listing and every year. Kind and basis are filtered on the page
//! by `static/claims-filter.js` (ARCHITECTURE.md says why). Computed once per build.

use std::ops::Range;

use serde::Serialize;

use crate::date::PartialDate;
use crate::model::{Archive, BASES, ClaimId, ClaimKind};
use crate::urls;

/// A claim row is about a quarter of the height of an article card, so a page of claim rows (the
/// claims list, an accuser's page of the matrix) holds this many rows for each article a list
/// page of the site holds (`page_size`).
pub const ROWS_PER_CARD: usize = 4;

/// When a claim is dated in the claims list and the disputes: its own date if the editor gave
/// one, else the date of the article that reports it.
pub fn claim_date(archive: &Archive, id: ClaimId) -> PartialDate {
    let claim = archive.claim(id);
    claim.date.unwrap_or(archive.article(claim.article).date)
}

/// Every claim in the order of the list, newest first; claims of one date keep the archive's
/// order (their articles newest first, then their order in the article).
pub fn newest_first(archive: &Archive) -> Vec<ClaimId> {
    let mut order: Vec<ClaimId> = (0..archive.claims.len()).map(|index| ClaimId(index as u32)).collect();
    order.sort_by_key(|id| std::cmp::Reverse(claim_date(archive, *id)));
    order
}

/// One year of the claims list: the year filter's entry.
#[derive(Clone, Debug, Serialize)]
pub struct Year {
    pub year: i16,
    /// The folder URL of the year's first page.
    pub url: String,
    pub count: usize,
    /// The numbers of the year's first and last page in the whole list.
    pub first_page: usize,
    pub last_page: usize,
}

/// A choice of the kind or basis filter: the value the rows carry (`data-kind`, the kind's word
/// as `ClaimView::kind`; `data-basis`, the basis's key as `ClaimView::basis`) and the key the
/// templates word it by.
#[derive(Clone, Debug, Serialize)]
pub struct FilterChoice {
    pub value: &'static str,
    pub label: &'static str,
}

/// The claims list cut into pages.
pub struct ClaimPages {
    /// The kinds and bases that some claim of the archive has, in the vocabularies' order.
    kinds: Vec<FilterChoice>,
    bases: Vec<FilterChoice>,
    order: Vec<ClaimId>,
    /// The rows of each numbered page, from page 1, as ranges of `order`.
    pages: Vec<Range<usize>>,
    /// The year of each page (the newest year's for the one page of an empty archive).
    page_years: Vec<usize>,
    years: Vec<Year>,
}

impl ClaimPages {
    pub fn new(archive: &Archive) -> ClaimPages {
        let order = newest_first(archive);
        let size = archive.config.page_size * ROWS_PER_CARD;
        let mut pages: Vec<Range<usize>> = Vec::new();
        let mut page_years = Vec::new();
        let mut years: Vec<Year> = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let year = claim_date(archive, order[start]).year;
            let end = start + order[start..].iter().take_while(|id| claim_date(archive, **id).year == year).count();
            let first_page = pages.len() + 1;
            for from in (start..end).step_by(size) {
                pages.push(from..(from + size).min(end));
                page_years.push(years.len());
            }
            years.push(Year {
                year,
                url: urls::numbered(urls::CLAIMS, first_page),
                count: end - start,
                first_page,
                last_page: pages.len(),
            });
            start = end;
        }
        if pages.is_empty() {
            pages.push(0..0);
        }
        let kinds = ClaimKind::all()
            .filter(|kind| archive.claims.iter().any(|claim| claim.kind == *kind))
            .map(|kind| FilterChoice { value: kind.row().word, label: kind.row().label })
            .collect();
        let bases = BASES
            .iter()
            .filter(|row| archive.claims.iter().any(|claim| claim.basis == Some(row.basis)))
            .map(|row| FilterChoice { value: row.label, label: row.label })
            .collect();
        ClaimPages { kinds, bases, order, pages, page_years, years }
    }

    /// The kind filter's choices: every kind some claim has.
    pub fn kinds(&self) -> &[FilterChoice] {
        &self.kinds
    }

    /// The basis filter's choices: every basis some claim has.
    pub fn bases(&self) -> &[FilterChoice] {
        &self.bases
    }

    /// How many numbered pages the list has (at least one).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The claims numbered page `number` shows, newest first.
    pub fn page(&self, number: usize) -> &[ClaimId] {
        self.pages.get(number - 1).map_or(&[], |range| &self.order[range.clone()])
    }

    /// The year whose claims page `number` shows; `None` on the one page of an archive without
    /// claims.
    pub fn year_of_page(&self, number: usize) -> Option<&Year> {
        self.page_years.get(number - 1).map(|index| &self.years[*index])
    }

    /// Every year with claims, newest first.
    pub fn years(&self) -> &[Year] {
        &self.years
    }
}
