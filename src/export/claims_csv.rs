//! `data/claims.csv`: one row per (claim, party making it, party it targets), for spreadsheets
//! and data frames. RFC 4180 (the `csv` crate quotes what needs quoting, lines end in CRLF),
//! UTF-8 with a byte order mark, without which Excel reads UTF-8 as the local code page and
//! garbles Vietnamese; pandas reads it with `encoding="utf-8-sig"`.

use std::borrow::Cow;

use super::record::{claim_id, claim_path, page_url, pairs, party_id, party_name};
use crate::file::OutputFile;
use crate::model::{Archive, ClaimId};
use crate::urls;

/// Makes UTF-8 recognisable to spreadsheets.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// The columns, in order; `docs/data.md` says what each holds.
const HEADER: [&str; 16] = [
    "claim_id",
    "article_slug",
    "article_date",
    "claim_date",
    "kind",
    "basis",
    "hedged",
    "by_id",
    "by_name",
    "target_id",
    "target_name",
    "about_ids",
    "responds_to",
    "quote",
    "article_url",
    "source_url",
];

/// `data/claims.csv`, claims in the archive's order, each claim's pairs in `by` then `target`
/// order.
pub fn csv(archive: &Archive) -> OutputFile {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BYTE_ORDER_MARK.to_vec());
    write(&mut writer, HEADER);
    for index in 0..archive.claims.len() {
        rows(archive, ClaimId(index as u32), &mut writer);
    }
    let bytes = writer.into_inner().unwrap_or_else(|_| unreachable!("a csv writer into memory does not fail"));
    OutputFile { path: urls::DATA_CLAIMS.to_owned(), bytes }
}

fn rows(archive: &Archive, id: ClaimId, writer: &mut csv::Writer<Vec<u8>>) {
    let claim = archive.claim(id);
    let article = archive.article(claim.article);
    let stable_id = claim_id(archive, id);
    let article_date = article.date.iso();
    let claim_date = claim.date.map(|date| date.iso()).unwrap_or_default();
    let about: Vec<&str> = claim.about.iter().map(|actor| archive.actor(*actor).id.as_str()).collect();
    let about = about.join(" ");
    let responds_to = claim.responds_to.map(|answered| claim_id(archive, answered)).unwrap_or_default();
    let page = page_url(archive, &claim_path(archive, id));
    for (by, target) in pairs(archive, id) {
        write(
            writer,
            [
                stable_id.as_str(),
                &article.slug,
                &article_date,
                &claim_date,
                claim.kind.as_str(),
                claim.basis.map_or("", |basis| basis.row().word),
                if claim.hedged { "true" } else { "false" },
                party_id(archive, by),
                party_name(archive, by),
                party_id(archive, target),
                party_name(archive, target),
                &about,
                &responds_to,
                &claim.quote,
                &page,
                article.url.as_deref().unwrap_or_default(),
            ],
        );
    }
}

fn write<const N: usize>(writer: &mut csv::Writer<Vec<u8>>, row: [&str; N]) {
    writer
        .write_record(row.map(inert).iter().map(|cell| cell.as_bytes()))
        .unwrap_or_else(|_| unreachable!("a csv writer into memory does not fail"));
}

/// `cell` as a spreadsheet will not run: a cell that starts like a formula (`=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a `'` before it, OWASP's defence against CSV injection, since
/// names and quotes are written by strangers (docs/security.md).
fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_like_a_formula_get_a_quote_mark() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(cell), format!("'{cell}"));
        }
        for cell in ["APT32", "Việt Nam", "", "1=1", "2021-07"] {
            assert_eq!(inert(cell), cell);
        }
    }
}
