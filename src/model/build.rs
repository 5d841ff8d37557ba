//! Building the model from loaded records: resolve every reference, find every quote, check
//! every value, compute every back-reference. Errors are collected, never thrown: a bad record is
//! reported and left out (or kept with a fallback where leaving it out would only cause more
//! errors elsewhere), and the rest is still checked, so an editor sees every problem in one run.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde_saphyr::Spanned;

use super::memo::{self, Findings, Memo, Quotes, Remembered};
use super::resolve::{Expect, Names, Unresolved};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::{ArticleFile, LoadedSite, Record, SourceFile, raw};
use crate::markdown;

/// A quote longer than this is legal, but the highlight stops being a pointer to the claim.
const LONG_QUOTE_CHARS: usize = 400;

/// Builds the archive from what `load` read. The archive holds every valid record; the
/// diagnostics hold every problem (errors and warnings). Callers fail on any error.
pub fn build(config: Config, site: LoadedSite) -> (Archive, Vec<Diagnostic>) {
    build_with(config, &site, None)
}

/// Builds the archive as [`build`] does, recalling from `memo` what the last build found in the
/// articles whose Markdown file is the same, and keeping in it what this build found.
pub fn rebuild(config: Config, site: &LoadedSite, memo: &mut Memo) -> (Archive, Vec<Diagnostic>) {
    build_with(config, site, Some(memo))
}

fn build_with(config: Config, site: &LoadedSite, mut memo: Option<&mut Memo>) -> (Archive, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut names = Names::default();
    for (id, path) in &site.unreadable.actors {
        names.insert_unreadable(id, Expect::Actor, path);
    }
    for (id, path) in &site.unreadable.countries {
        names.insert_unreadable(id, Expect::Country, path);
    }

    let countries: Vec<Country> = site.countries.iter().map(|record| country(record, &mut diagnostics)).collect();
    for (index, (country, record)) in countries.iter().zip(&site.countries).enumerate() {
        let party = Party::Country(CountryId(index as u32));
        let label = format!("`{}` ({})", country.id, country.name);
        for key in [&country.id, &country.name, &country.name_en] {
            if let Err(conflict) = names.insert(key, party, &label) {
                let help = "each name may belong to one country only";
                diagnostics.push(record.file.error(conflict_message(&conflict)).with_help(help));
            }
        }
    }

    let mut actors: Vec<Actor> = Vec::with_capacity(site.actors.len());
    for (index, record) in site.actors.iter().enumerate() {
        let actor = actor(record, &names, &mut diagnostics);
        register_actor(&mut names, &actor, record, ActorId(index as u32), &mut diagnostics);
        actors.push(actor);
    }

    let recall = memo.as_deref().map(|memo| memo.recall(&names));
    let results: Vec<(Outcome, Option<Arc<Remembered>>)> = site
        .articles
        .par_iter()
        .map(|file| match recall {
            None => (article(file, &names, None, false).0, None),
            Some(recall) => match recall.unchanged(file) {
                Some(remembered) => (remembered.outcome().clone(), Some(remembered.clone())),
                None => {
                    let (outcome, findings) = article(file, &names, recall.findings(file), true);
                    let remembered = Remembered::new(file, outcome.clone(), findings);
                    (outcome, Some(remembered))
                }
            },
        })
        .collect();
    let mut drafts = Vec::with_capacity(results.len());
    let mut remembered = Vec::new();
    for (outcome, memory) in results {
        diagnostics.extend(outcome.diagnostics);
        drafts.extend(outcome.draft);
        remembered.extend(memory);
    }
    if let Some(memo) = &mut memo {
        memo.replace(names, remembered.into_iter());
    }
    // Drafts are large to move, so their positions are sorted rather than they.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&drafts[a].article, &drafts[b].article);
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    });
    let mut drafts: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();

    let mut archive = Archive { config, articles: Vec::new(), actors, countries, claims: Vec::new() };
    for (index, position) in order.into_iter().enumerate() {
        if let Some(draft) = drafts[position].take() {
            add_article(&mut archive, ArticleId(index as u32), draft);
        }
    }
    link_back(&mut archive);
    // Articles with errors, and those whose files could not be read, are left out of the archive,
    // so their actors would look unreferenced: the warning is only true, and only useful, once
    // the archive is complete.
    let complete = !diagnostics.iter().any(Diagnostic::is_error) && site.unreadable.articles.is_empty();
    for (actor, record) in archive.actors.iter().zip(&site.actors) {
        if complete && actor.articles.is_empty() {
            diagnostics.push(record.file.error(format!("no article refers to the actor `{}`", actor.id)).as_warning());
        }
    }
    (archive, diagnostics)
}

/// Makes the actor's id, name and aliases resolve to it; a key that already names another actor
/// or a country is reported where it is written (the id, which is the file name, at line 1).
fn register_actor(
    names: &mut Names,
    actor: &Actor,
    record: &Record<raw::Actor>,
    id: ActorId,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let party = Party::Actor(id);
    let label = format!("`{}` ({})", actor.id, actor.name);
    let help = "an alias must name one actor only: remove it from one of them";
    if let Err(conflict) = names.insert(&actor.id, party, &label) {
        diagnostics.push(record.file.error(conflict_message(&conflict)).with_help(help));
    }
    for key in record.data.name.iter().chain(&record.data.aliases) {
        if let Err(conflict) = names.insert(&key.value, party, &label) {
            diagnostics.push(record.file.error_on(key, conflict_message(&conflict)).with_help(help));
        }
    }
}

fn conflict_message(conflict: &super::resolve::Conflict) -> String {
    format!("`{}` names both {} and {}", conflict.key, conflict.first, conflict.second)
}

/// The value of a required field, or an error at the record's first line and `fallback`.
fn required(
    value: &Option<Spanned<String>>,
    field: &str,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    fallback: &str,
) -> String {
    match value {
        Some(value) if !value.value.trim().is_empty() => value.value.trim().to_owned(),
        Some(value) => {
            diagnostics.push(file.error_on(value, format!("`{field}` is empty")));
            fallback.to_owned()
        }
        None => {
            diagnostics.push(file.error(format!("missing required field `{field}`")));
            fallback.to_owned()
        }
    }
}

fn country(record: &Record<raw::Country>, diagnostics: &mut Vec<Diagnostic>) -> Country {
    let data = &record.data;
    let is_code = record.id.len() == 2 && record.id.bytes().all(|b| b.is_ascii_lowercase());
    if !is_code {
        diagnostics.push(
            record
                .file
                .error(format!("`{}` is not an ISO 3166 alpha-2 code", record.id))
                .with_help("name country files by their two-letter code in lowercase, such as `vn.yaml`"),
        );
    }
    Country {
        id: record.id.clone(),
        name: required(&data.name, "name", &record.file, diagnostics, &record.id),
        name_en: required(&data.name_en, "name_en", &record.file, diagnostics, &record.id),
        description: data.description.clone(),
        actors: Vec::new(),
        articles: Vec::new(),
        claims_made: Vec::new(),
        claims_received: Vec::new(),
    }
}

fn actor(record: &Record<raw::Actor>, names: &Names, diagnostics: &mut Vec<Diagnostic>) -> Actor {
    let data = &record.data;
    let file = &record.file;
    let kind =
        data.kind.as_ref().and_then(|kind| {
            let found = ActorKind::ALL.into_iter().find(|candidate| candidate.as_str() == kind.value.trim());
            if found.is_none() {
                let choices: Vec<&str> = ActorKind::ALL.iter().map(|kind| kind.as_str()).collect();
                diagnostics.push(file.error_on(kind, format!("unknown actor kind `{}`", kind.value)).with_help(
                    closest(&kind.value, &choices).map_or_else(
                        || format!("use one of: {}", choices.join(", ")),
                        |c| format!("did you mean `{c}`?"),
                    ),
                ));
            }
            found
        });
    let country = data.country.as_ref().and_then(|reference| {
        names
            .resolve_country(&reference.value)
            .map_err(|unresolved| report(unresolved, file, reference, diagnostics))
            .ok()
    });
    for link in &data.links {
        if !is_web_url(&link.url) {
            diagnostics.push(file.error(format!("link `{}` is not an http(s) URL: `{}`", link.title, link.url)));
        }
    }
    Actor {
        id: record.id.clone(),
        name: required(&data.name, "name", file, diagnostics, &record.id),
        aliases: data.aliases.iter().map(|alias| alias.value.trim().to_owned()).collect(),
        kind,
        country,
        description: data.description.clone(),
        links: data.links.clone(),
        articles: Vec::new(),
        claims_made: Vec::new(),
        claims_received: Vec::new(),
        related: Vec::new(),
    }
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Reports why `reference` does not resolve, unless it names a file that could not be read.
fn report(unresolved: Unresolved, file: &SourceFile, reference: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
    if let Unresolved::Error(message, help) = unresolved {
        let diagnostic = file.error_on(reference, message);
        diagnostics.push(match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        });
    }
}

/// The candidate most like `value`, if any is a likely typo of it.
fn closest<'c>(value: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let value = value.trim().to_lowercase();
    candidates
        .iter()
        .map(|candidate| (strsim::jaro_winkler(&value, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// An article checked on its own, before ids are assigned (which needs all articles sorted).
#[derive(Clone)]
pub(super) struct Draft {
    article: Article,
    claims: Vec<DraftClaim>,
    /// Notes with the range of their quote in the text.
    notes: Vec<(Range<usize>, Note)>,
}

#[derive(Clone)]
struct DraftClaim {
    /// Where the quote stands in the article text.
    range: Range<usize>,
    by: Party,
    kind: ClaimKind,
    target: Party,
    about: Option<ActorId>,
    date: Option<PartialDate>,
    quote: String,
    note: Option<String>,
}

/// One article checked on its own: its draft if it has no errors, and its problems.
#[derive(Clone)]
pub(super) struct Outcome {
    draft: Option<Draft>,
    diagnostics: Vec<Diagnostic>,
}

/// Checks one article. The plain text of its Markdown and the positions of its quotes are taken
/// from `previous` findings in the same file where they have them; with `keep`, what was found is
/// returned for the next build.
fn article(
    file: &ArticleFile,
    names: &Names,
    previous: Option<&Arc<Findings>>,
    keep: bool,
) -> (Outcome, Option<Arc<Findings>>) {
    let mut diagnostics = Vec::new();
    let record = &file.markdown.record;
    let front = &record.data;
    let source_file = &record.file;
    let title = required(&front.title, "title", source_file, &mut diagnostics, &record.id);
    let source = required(&front.source, "source", source_file, &mut diagnostics, "");
    let date = match &front.date {
        Some(date) => parse_date(date, source_file, &mut diagnostics),
        None => {
            diagnostics.push(source_file.error("missing required field `date`").with_help("add `date: YYYY-MM-DD`"));
            None
        }
    };
    let url = front.url.as_ref().map(|url| url.value.trim().to_owned());
    if let (Some(url), Some(spanned)) = (&url, &front.url)
        && !is_web_url(url)
    {
        diagnostics.push(source_file.error_on(spanned, "`url` must be an http(s) address"));
    }
    let text = memo::plain_text(&file.markdown, previous.map(AsRef::as_ref));
    let summary = match &front.summary {
        Some(summary) => summary.value.trim().to_owned(),
        None => markdown::first_paragraph(&text),
    };

    let mut quotes = Quotes::new(&text, previous.map(AsRef::as_ref), keep);
    let annotations = match &file.sidecar {
        Some(sidecar) => annotate(sidecar, names, &mut quotes, &mut diagnostics),
        None => Annotations::default(),
    };
    let findings = quotes.findings(previous);
    let Annotations { actors, countries, tags, claims, notes } = annotations;
    let article = Article {
        slug: record.id.clone(),
        title,
        date: date.unwrap_or(PartialDate { year: 1, month: None, day: None }),
        source,
        url,
        author: front.author.as_ref().map(|author| author.value.trim().to_owned()),
        summary,
        body: SharedText::from(file.markdown.body()),
        text,
        actors,
        countries,
        tags,
        claims: Vec::new(),
        notes: Vec::new(),
        marks: Vec::new(),
    };
    // What the sidecar lists, resolved or not: a reference to a file that could not be read
    // resolves to nothing and is not reported, and the article is not unannotated for that.
    let lists_nothing = file.sidecar.as_ref().is_none_or(|sidecar| {
        let data = &sidecar.data;
        data.actors.is_empty() && data.countries.is_empty() && data.claims.is_empty() && data.notes.is_empty()
    });
    if lists_nothing {
        let sidecar = source_file.path.with_extension("yaml");
        let help = match &file.sidecar {
            Some(_) => format!("`{}` lists no actors, countries, claims or notes", sidecar.display()),
            None => format!("add `{}` with its actors, countries and claims", sidecar.display()),
        };
        diagnostics.push(source_file.error("the article has no annotations").as_warning().with_help(help));
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let draft = (!has_errors).then_some(Draft { article, claims, notes });
    (Outcome { draft, diagnostics }, findings)
}

fn parse_date(date: &Spanned<raw::Text>, file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<PartialDate> {
    PartialDate::parse(&date.value.0)
        .map_err(|message| {
            let spanned = Spanned { value: date.value.0.clone(), referenced: date.referenced, defined: date.defined };
            diagnostics.push(file.error_on(&spanned, message));
        })
        .ok()
}

/// What an article's sidecar says, resolved: who and what it involves, and its claims and notes
/// with their located quotes.
#[derive(Default)]
struct Annotations {
    actors: Vec<ActorId>,
    countries: Vec<CountryId>,
    tags: Vec<String>,
    claims: Vec<DraftClaim>,
    notes: Vec<(Range<usize>, Note)>,
}

fn annotate(
    sidecar: &Record<raw::Sidecar>,
    names: &Names,
    quotes: &mut Quotes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Annotations {
    let file = &sidecar.file;
    let data = &sidecar.data;
    let mut actors = BTreeSet::new();
    let mut countries = BTreeSet::new();
    let resolve = |reference: &Spanned<String>, expect: Expect, diagnostics: &mut Vec<Diagnostic>| {
        names
            .resolve(&reference.value, expect)
            .map_err(|unresolved| report(unresolved, file, reference, diagnostics))
            .ok()
    };
    let involve = |party: Party, actors: &mut BTreeSet<ActorId>, countries: &mut BTreeSet<CountryId>| match party {
        Party::Actor(id) => {
            actors.insert(id);
        }
        Party::Country(id) => {
            countries.insert(id);
        }
    };
    for reference in &data.actors {
        if let Some(party) = resolve(reference, Expect::Actor, diagnostics) {
            involve(party, &mut actors, &mut countries);
        }
    }
    for reference in &data.countries {
        if let Some(party) = resolve(reference, Expect::Country, diagnostics) {
            involve(party, &mut actors, &mut countries);
        }
    }
    let mut tags: Vec<String> =
        data.tags.iter().map(|tag| tag.value.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    tags.dedup();

    let mut claims = Vec::new();
    let mut notes = Vec::new();
    let mut seen = BTreeSet::new();
    for spanned in &data.claims {
        let claim = &spanned.value;
        let at = |message: String| file.error_at(spanned.referenced, message);
        let missing = |field: &str, value: bool, diagnostics: &mut Vec<Diagnostic>| {
            if !value {
                diagnostics.push(at(format!("the claim is missing `{field}`")));
            }
        };
        missing("by", claim.by.is_some(), diagnostics);
        missing("kind", claim.kind.is_some(), diagnostics);
        missing("target", claim.target.is_some(), diagnostics);
        missing("quote", claim.quote.is_some(), diagnostics);
        let by = claim.by.as_ref().and_then(|r| resolve(r, Expect::Party, diagnostics));
        let target = claim.target.as_ref().and_then(|r| resolve(r, Expect::Party, diagnostics));
        let about = claim.about.as_ref().and_then(|r| resolve(r, Expect::Actor, diagnostics));
        let kind = claim.kind.as_ref().and_then(|kind| claim_kind(kind, file, diagnostics));
        let date = claim.date.as_ref().and_then(|date| parse_date(date, file, diagnostics));
        let range = claim.quote.as_ref().and_then(|quote| locate(quotes, quote, file, diagnostics));
        for party in [by, target, about].into_iter().flatten() {
            involve(party, &mut actors, &mut countries);
        }
        let (Some(by), Some(target), Some(kind), Some(range), Some(quote)) = (by, target, kind, range, &claim.quote)
        else {
            continue;
        };
        let about = about.map(|party| match party {
            Party::Actor(id) => id,
            Party::Country(_) => unreachable!("`about` resolves to actors only"),
        });
        let key = (by, kind, target, about, quote.value.trim().to_owned());
        if !seen.insert(key) {
            diagnostics.push(
                at("duplicate claim: the same claim with the same quote is listed above".to_owned()).as_warning(),
            );
        }
        claims.push(DraftClaim {
            range,
            by,
            kind,
            target,
            about,
            date,
            quote: quote.value.trim().to_owned(),
            note: claim.note.clone(),
        });
    }
    for spanned in &data.notes {
        let note = &spanned.value;
        let (Some(quote), Some(text)) = (&note.quote, &note.note) else {
            diagnostics.push(file.error_at(spanned.referenced, "a note needs both `quote` and `note`"));
            continue;
        };
        if let Some(range) = locate(quotes, quote, file, diagnostics) {
            notes.push((range, Note { quote: quote.value.trim().to_owned(), note: text.clone() }));
        }
    }
    Annotations {
        actors: actors.into_iter().collect(),
        countries: countries.into_iter().collect(),
        tags,
        claims,
        notes,
    }
}

fn claim_kind(kind: &Spanned<String>, file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<ClaimKind> {
    let found = ClaimKind::ALL.into_iter().find(|candidate| candidate.as_str() == kind.value.trim());
    if found.is_none() {
        let choices: Vec<&str> = ClaimKind::ALL.iter().map(|kind| kind.as_str()).collect();
        let help = closest(&kind.value, &choices)
            .map_or_else(|| format!("use one of: {}", choices.join(", ")), |c| format!("did you mean `{c}`?"));
        diagnostics.push(file.error_on(kind, format!("unknown claim kind `{}`", kind.value)).with_help(help));
    }
    found
}

/// Finds a quote in the article text, or reports it with the closest passage.
fn locate(
    quotes: &mut Quotes,
    quote: &Spanned<String>,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Range<usize>> {
    match quotes.locate(&quote.value) {
        Ok(range) => {
            if quote.value.chars().count() > LONG_QUOTE_CHARS {
                let warning = file.error_on(quote, format!("the quote is longer than {LONG_QUOTE_CHARS} characters"));
                let help = "quote the passage that carries the claim, not the whole paragraph";
                diagnostics.push(warning.as_warning().with_help(help));
            }
            Some(range)
        }
        Err(passage) => {
            let error = file.error_on(quote, "the quote does not occur in the article text");
            diagnostics.push(match passage {
                Some(passage) => error.with_help(format!("the closest passage in the text is “{passage}”")),
                None => error,
            });
            None
        }
    }
}

/// Gives the draft's claims their ids and adds the article and its claims to the archive.
/// Claims and notes are numbered in the order their quotes appear in the text, so the
/// references in the page read 1, 2, 3 from top to bottom.
fn add_article(archive: &mut Archive, id: ArticleId, draft: Draft) {
    let Draft { mut article, mut claims, mut notes } = draft;
    claims.sort_by_key(|claim| (claim.range.start, claim.range.end));
    notes.sort_by_key(|(range, _)| (range.start, range.end));
    for (index, claim) in claims.into_iter().enumerate() {
        let claim_id = ClaimId(archive.claims.len() as u32);
        article.claims.push(claim_id);
        article.marks.push(Mark { range: claim.range, anchor: Anchor::Claim(claim_id) });
        archive.claims.push(Claim {
            article: id,
            number: index + 1,
            by: claim.by,
            kind: claim.kind,
            target: claim.target,
            about: claim.about,
            date: claim.date,
            quote: claim.quote,
            note: claim.note,
        });
    }
    for (index, (range, note)) in notes.into_iter().enumerate() {
        article.marks.push(Mark { range, anchor: Anchor::Note(index) });
        article.notes.push(note);
    }
    article.marks.sort_by_key(|mark| (mark.range.start, mark.range.end));
    archive.articles.push(article);
}

/// Fills the back-references of actors and countries from articles and claims.
fn link_back(archive: &mut Archive) {
    let country_of = |archive: &Archive, party: Party| match party {
        Party::Country(id) => Some(id),
        Party::Actor(id) => archive.actor(id).country,
    };
    for (index, actor) in archive.actors.iter().enumerate() {
        if let Some(country) = actor.country {
            archive.countries[country.index()].actors.push(ActorId(index as u32));
        }
    }
    for index in 0..archive.articles.len() {
        let id = ArticleId(index as u32);
        let article = &archive.articles[index];
        let mut countries: BTreeSet<CountryId> = article.countries.iter().copied().collect();
        for &actor in &article.actors {
            countries.extend(archive.actor(actor).country);
        }
        for &actor in &archive.articles[index].actors.clone() {
            archive.actors[actor.index()].articles.push(id);
        }
        for country in countries {
            archive.countries[country.index()].articles.push(id);
        }
    }
    // Counted actor by actor over its articles, in one table of counts reset after each.
    let mut shared = vec![0; archive.actors.len()];
    let mut others = Vec::new();
    for index in 0..archive.actors.len() {
        for article in &archive.actors[index].articles {
            for &other in &archive.article(*article).actors {
                if other.index() != index {
                    if shared[other.index()] == 0 {
                        others.push(other);
                    }
                    shared[other.index()] += 1;
                }
            }
        }
        let mut related: Vec<(ActorId, usize)> =
            others.drain(..).map(|other: ActorId| (other, std::mem::take(&mut shared[other.index()]))).collect();
        related.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        archive.actors[index].related = related;
    }
    for index in 0..archive.claims.len() {
        let id = ClaimId(index as u32);
        let (by, target, about) = {
            let claim = &archive.claims[index];
            (claim.by, claim.target, claim.about)
        };
        if let Party::Actor(actor) = by {
            archive.actors[actor.index()].claims_made.push(id);
        }
        let mut receivers: BTreeSet<ActorId> = BTreeSet::new();
        if let Party::Actor(actor) = target {
            receivers.insert(actor);
        }
        receivers.extend(about);
        for actor in &receivers {
            archive.actors[actor.index()].claims_received.push(id);
        }
        if let Some(country) = country_of(archive, by) {
            archive.countries[country.index()].claims_made.push(id);
        }
        let mut receiving_countries: BTreeSet<CountryId> = BTreeSet::new();
        receiving_countries.extend(country_of(archive, target));
        receiving_countries.extend(about.and_then(|actor| archive.actor(actor).country));
        for country in receiving_countries {
            archive.countries[country.index()].claims_received.push(id);
        }
    }
}
