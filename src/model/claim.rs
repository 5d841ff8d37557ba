//! Claims, from a sidecar's records to the archive: each claim's parties (one or a list, each
//! named once), kind, basis, located quote, and id and anchor, unique in the article; then, once
//! every article is in the archive, which claim answers which (`responds_to`), checked for
//! unknown targets, self-answers and circles, with each answered claim given its answers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use serde_saphyr::Spanned;

use super::build::{closest, locate, parse_date, report, with_help};
use super::memo::Quotes;
use super::resolve::{Expect, Names};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::{Record, SourceFile, raw};
use crate::text::{is_valid_slug, slugify};
use crate::urls;

/// A claim checked within its article, before the archive gives it an id: complete but for its
/// `number` and `anchor` (given once the article's claims are in the order of their quotes), its
/// `article` (whose id comes with the archive's order) and its answers.
#[derive(Clone)]
pub(super) struct PendingClaim {
    /// Where the quote stands in the article text.
    pub range: Range<usize>,
    /// The claim it answers, as written; resolved once every article is in the archive.
    pub responds_to: Option<Spanned<String>>,
    pub claim: Claim,
}

/// What checking a sidecar's claims needs from its article.
pub(super) struct Context<'a> {
    pub file: &'a SourceFile,
    pub names: &'a Names,
}

/// The claims of a sidecar, in the order of their quotes in the text, with their anchors. Every
/// party that resolves is passed to `involve`, even in a claim with errors, so one error does not
/// cause "unreferenced" knock-ons.
pub(super) fn claims(
    records: &[Spanned<raw::Claim>],
    context: &Context,
    quotes: &mut Quotes,
    involve: &mut dyn FnMut(Party),
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PendingClaim> {
    let mut pendings = Vec::with_capacity(records.len());
    let mut seen = HashSet::new();
    for spanned in records {
        let Some((pending, id)) = claim(spanned, context, quotes, involve, diagnostics) else { continue };
        let claim = &pending.claim;
        let key = (claim.by.clone(), claim.kind, claim.target.clone(), claim.about.clone(), claim.quote.clone());
        if !seen.insert(key) {
            let warning = context
                .file
                .error_at(spanned.referenced, "duplicate claim: the same claim with the same quote is listed above");
            diagnostics.push(warning.as_warning());
        }
        pendings.push((pending, id));
    }
    pendings.sort_by_key(|(pending, _)| (pending.range.start, pending.range.end));
    anchor(pendings, context.file, diagnostics)
}

/// One claim checked on its own, with its id as written; `None` if it has errors (reported).
fn claim(
    spanned: &Spanned<raw::Claim>,
    context: &Context,
    quotes: &mut Quotes,
    involve: &mut dyn FnMut(Party),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(PendingClaim, Option<Spanned<String>>)> {
    let (claim, file) = (&spanned.value, context.file);
    let mut missing = |field: &str, present: bool| {
        if !present {
            diagnostics.push(file.error_at(spanned.referenced, format!("the claim is missing `{field}`")));
        }
    };
    missing("by", claim.by.is_some());
    missing("kind", claim.kind.is_some());
    missing("target", claim.target.is_some());
    missing("quote", claim.quote.is_some());
    let mut resolve = |field: &str, value: &Option<Spanned<raw::OneOrMany>>, expect: Expect| {
        value.as_ref().map(|value| parties(field, value, expect, context, &mut *involve, diagnostics))
    };
    let by = resolve("by", &claim.by, Expect::Party);
    let target = resolve("target", &claim.target, Expect::Party);
    let about = resolve("about", &claim.about, Expect::Actor);
    let kind = claim.kind.as_ref().and_then(|kind| claim_kind(kind, file, diagnostics));
    let basis = claim.basis.as_ref().and_then(|basis| self::basis(basis, file, diagnostics));
    let date = claim.date.as_ref().and_then(|date| parse_date(date, file, diagnostics));
    let range = claim.quote.as_ref().and_then(|quote| locate(quotes, quote, file, diagnostics));
    let id = claim.id.as_ref().filter(|id| valid_id(id, file, diagnostics));
    if claim.id.is_some() && id.is_none() {
        return None;
    }
    let about = about.unwrap_or(Some(Vec::new()))?;
    let pending = PendingClaim {
        range: range?,
        responds_to: claim.responds_to.clone(),
        claim: Claim {
            article: ArticleId(0),
            number: 0,
            anchor: String::new(),
            by: by??,
            kind: kind?,
            target: target??,
            about: about.into_iter().filter_map(|party| party.actor()).collect(),
            basis: if claim.basis.is_some() { Some(basis?) } else { None },
            hedged: claim.hedged.unwrap_or(false),
            responds_to: None,
            responses: Vec::new(),
            date,
            quote: claim.quote.as_ref()?.value.trim().to_owned(),
            note: claim.note.clone(),
        },
    };
    Some((pending, id.cloned()))
}

/// The parties of a one-or-list field, each resolved and named once; `None` when any is not (or
/// when a list of `by` or `target` is empty), with the errors reported.
fn parties(
    field: &str,
    value: &Spanned<raw::OneOrMany>,
    expect: Expect,
    context: &Context,
    involve: &mut dyn FnMut(Party),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Party>> {
    let file = context.file;
    let entries = raw::OneOrMany::entries(value);
    if entries.is_empty() && expect == Expect::Party {
        let error = file.error_at(value.referenced, format!("`{field}` lists nobody"));
        diagnostics.push(
            error.with_help(format!("name at least one actor or country in `{field}`, such as `{field}: [us, gb]`")),
        );
        return None;
    }
    let mut parties: Vec<(Party, &Spanned<String>)> = Vec::with_capacity(entries.len());
    let mut complete = true;
    for entry in &entries {
        let resolved = context.names.resolve(&entry.value, expect);
        let party = match resolved {
            Ok(party) => party,
            Err(unresolved) => {
                report(unresolved, file, entry, diagnostics);
                complete = false;
                continue;
            }
        };
        involve(party);
        if let Some((_, first)) = parties.iter().find(|(seen, _)| *seen == party) {
            let message = if first.value.trim().eq_ignore_ascii_case(entry.value.trim()) {
                format!("`{}` is listed twice in `{field}`", entry.value.trim())
            } else {
                format!(
                    "`{}` names the same party as `{}`, listed before it in `{field}`",
                    entry.value.trim(),
                    first.value.trim()
                )
            };
            diagnostics.push(file.error_on(entry, message).with_help("list each party once"));
            complete = false;
            continue;
        }
        parties.push((party, entry));
    }
    complete.then(|| parties.into_iter().map(|(party, _)| party).collect())
}

fn claim_kind(kind: &Spanned<String>, file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<ClaimKind> {
    let words: Vec<&str> = CLAIM_KINDS.iter().map(|row| row.word).collect();
    let found = word(kind, &words, "claim kind", file, diagnostics)?;
    Some(CLAIM_KINDS[found].kind)
}

fn basis(basis: &Spanned<String>, file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Basis> {
    let words: Vec<&str> = BASES.iter().map(|row| row.word).collect();
    let found = word(basis, &words, "basis", file, diagnostics)?;
    Some(BASES[found].basis)
}

/// The position of `value` among the `words` of a vocabulary, or an error naming the closest.
pub(super) fn word(
    value: &Spanned<String>,
    words: &[&str],
    noun: &str,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let found = words.iter().position(|word| *word == value.value.trim());
    if found.is_none() {
        let help = closest(&value.value, words)
            .map_or_else(|| format!("use one of: {}", words.join(", ")), |c| format!("did you mean `{c}`?"));
        diagnostics.push(file.error_on(value, format!("unknown {noun} `{}`", value.value)).with_help(help));
    }
    found
}

fn valid_id(id: &Spanned<String>, file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let valid = is_valid_slug(id.value.trim());
    if !valid {
        let message = format!("the claim id `{}` is not lowercase letters, digits and hyphens", id.value);
        let suggestion = slugify(&id.value);
        let help = if suggestion.is_empty() {
            "write an id such as `my-cao-buoc`".to_owned()
        } else {
            format!("write `{suggestion}`")
        };
        diagnostics.push(file.error_on(id, message).with_help(help));
    }
    valid
}

/// Gives each claim, in text order, its number and its anchor: from its id, or from its number. Two claims with
/// one anchor are reported at the id written for one of them.
fn anchor(
    pendings: Vec<(PendingClaim, Option<Spanned<String>>)>,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PendingClaim> {
    let mut taken: HashMap<String, (usize, Option<Spanned<String>>)> = HashMap::with_capacity(pendings.len());
    let mut claims = Vec::with_capacity(pendings.len());
    for (index, (mut pending, id)) in pendings.into_iter().enumerate() {
        let number = index + 1;
        let anchor =
            urls::claim_anchor(&id.as_ref().map_or_else(|| default_claim_id(number), |id| id.value.trim().to_owned()));
        if let Some((first, first_id)) = taken.get(&anchor) {
            // Two defaults never clash, so at least one of the two ids was written.
            if let Some(written) = id.as_ref().or(first_id.as_ref()) {
                let message = format!("claims {first} and {number} have the same id `{}`", written.value.trim());
                let help =
                    "give each claim its own id; a claim without `id` has the id `claim-` and its number in the page";
                diagnostics.push(file.error_on(written, message).with_help(help));
            }
        } else {
            taken.insert(anchor.clone(), (number, id));
        }
        pending.claim.number = number;
        pending.claim.anchor = anchor;
        claims.push(pending);
    }
    claims
}

/// A `responds_to` waiting for the archive to be complete: the claim that answers, what it wrote,
/// and the file it wrote it in.
pub(super) struct Answer {
    pub claim: ClaimId,
    pub reference: Spanned<String>,
    pub sidecar: Arc<Record<raw::Sidecar>>,
}

/// Resolves every answer's `responds_to` and fills in `responds_to` and `responses` of the claims.
/// `left_out` are the slugs of articles that have files but errors, hence no claims to answer: a
/// reference to them is not reported again.
pub(super) fn link_answers(
    archive: &mut Archive,
    answers: Vec<Answer>,
    left_out: &HashSet<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    point_answers(archive, &answers, left_out, diagnostics);
    break_circles(archive, &answers, diagnostics);
    for index in 0..archive.claims.len() {
        if let Some(target) = archive.claims[index].responds_to {
            archive.claims[target.index()].responses.push(ClaimId(index as u32));
        }
    }
}

/// Sets `responds_to` of every claim whose answer resolves to another claim.
fn point_answers(
    archive: &mut Archive,
    answers: &[Answer],
    left_out: &HashSet<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let slugs: HashMap<&str, ArticleId> = archive
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| (article.slug.as_str(), ArticleId(index as u32)))
        .collect();
    let mut resolved = Vec::with_capacity(answers.len());
    for answer in answers {
        let file = &answer.sidecar.file;
        match answered(archive, &slugs, left_out, archive.claim(answer.claim).article, &answer.reference.value) {
            Ok(Some(target)) if target == answer.claim => {
                diagnostics.push(
                    file.error_on(&answer.reference, "the claim answers itself")
                        .with_help("`responds_to` names the claim this one answers, in this article (`#claim-2`) or another (`slug#claim-2`)"),
                );
            }
            Ok(Some(target)) => resolved.push((answer.claim, target)),
            Ok(None) => {}
            Err((message, help)) => diagnostics.push(with_help(file.error_on(&answer.reference, message), help)),
        }
    }
    for (claim, target) in resolved {
        archive.claims[claim.index()].responds_to = Some(target);
    }
}

/// Reports each circle of answers at the `responds_to` of its first claim, and cuts it there, so
/// the answers left form chains.
fn break_circles(archive: &mut Archive, answers: &[Answer], diagnostics: &mut Vec<Diagnostic>) {
    let answers: BTreeMap<ClaimId, &Answer> = answers.iter().map(|answer| (answer.claim, answer)).collect();
    for circle in circles(archive) {
        let first = circle[0];
        let path: Vec<String> = circle.iter().chain([&first]).map(|claim| reference_to(archive, *claim)).collect();
        // Every claim in a circle answers one, so it has its answer.
        if let Some(answer) = answers.get(&first) {
            let message = format!("the claims answer each other in a circle: {}", path.join(" → "));
            let help =
                "an answer follows the claim it answers: remove `responds_to` from the claim that opened the exchange";
            diagnostics.push(answer.sidecar.file.error_on(&answer.reference, message).with_help(help));
        }
        archive.claims[first.index()].responds_to = None;
    }
}

/// `slug#claim-2`: how an editor names the claim `id` in `responds_to`.
fn reference_to(archive: &Archive, id: ClaimId) -> String {
    let claim = archive.claim(id);
    format!("{}#{}", archive.article(claim.article).slug, claim.anchor)
}

/// The claim a `responds_to` names, `None` if its article is one of `left_out`, or an error
/// message with a help.
fn answered(
    archive: &Archive,
    slugs: &HashMap<&str, ArticleId>,
    left_out: &HashSet<&str>,
    own: ArticleId,
    reference: &str,
) -> Result<Option<ClaimId>, (String, Option<String>)> {
    let Some((slug, fragment)) = reference.trim().split_once('#') else {
        return Err((
            format!("`{reference}` does not name a claim"),
            Some("write `#claim-2` for a claim of this article, or `other-slug#claim-2` for one of another".to_owned()),
        ));
    };
    let slug = slug.trim();
    let article = if slug.is_empty() {
        own
    } else {
        match slugs.get(slug) {
            Some(article) => *article,
            None if left_out.contains(slug) => return Ok(None),
            None => {
                let mut candidates: Vec<&str> = slugs.keys().copied().collect();
                candidates.sort_unstable();
                let help = closest(slug, &candidates).map(|c| format!("did you mean `{c}#{}`?", fragment.trim()));
                return Err((format!("unknown article `{slug}`"), help));
            }
        }
    };
    let wanted = urls::claim_anchor(fragment.trim());
    let claims = &archive.article(article).claims;
    if let Some(found) = claims.iter().find(|id| archive.claim(**id).anchor == wanted) {
        return Ok(Some(*found));
    }
    let anchors: Vec<&str> = claims.iter().map(|id| archive.claim(*id).anchor.as_str()).collect();
    let article_slug = &archive.article(article).slug;
    let help = match closest(&wanted, &anchors) {
        Some(anchor) => format!("did you mean `{}#{anchor}`?", if slug.is_empty() { "" } else { slug }),
        None if anchors.is_empty() => format!("`{article_slug}` has no claims"),
        None => format!(
            "the claims of `{article_slug}` are {}",
            anchors.iter().map(|a| format!("`#{a}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    Err((format!("`{article_slug}` has no claim `#{}`", fragment.trim()), Some(help)))
}

/// The circles of answers (a claim answering a claim that answers it back, in any number of
/// steps), each from its lowest claim id, in claim order.
fn circles(archive: &Archive) -> Vec<Vec<ClaimId>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; archive.claims.len()];
    let mut circles = Vec::new();
    for start in 0..archive.claims.len() {
        let mut path = Vec::new();
        let mut current = Some(ClaimId(start as u32));
        while let Some(claim) = current.filter(|claim| state[claim.index()] == NEW) {
            state[claim.index()] = ON_PATH;
            path.push(claim);
            current = archive.claim(claim).responds_to;
        }
        if let Some(repeated) = current.filter(|claim| state[claim.index()] == ON_PATH) {
            let from = path.iter().position(|claim| *claim == repeated).unwrap_or(0);
            let mut circle = path[from..].to_vec();
            let lowest = circle.iter().enumerate().min_by_key(|(_, claim)| **claim).map_or(0, |(index, _)| index);
            circle.rotate_left(lowest);
            circles.push(circle);
        }
        for claim in path {
            state[claim.index()] = DONE;
        }
    }
    circles.sort();
    circles
}
