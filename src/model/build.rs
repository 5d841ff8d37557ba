//! Building the model from loaded records: resolve every reference, find every quote, check
//! every value, compute every back-reference. Errors are collected, never thrown: a bad record is
//! reported and left out (or kept with a fallback where leaving it out would only cause more
//! errors elsewhere), and the rest is still checked, so an editor sees every problem in one run.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde_saphyr::Spanned;

use super::claim::{self, Answer, PendingClaim};
use super::memo::{self, Findings, Memo, Quotes, Remembered};
use super::resolve::{Expect, Names, Unresolved};
use super::*;
use super::{order, tags};
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
    let mut pendings = Vec::with_capacity(results.len());
    let mut remembered = Vec::new();
    for (outcome, memory) in results {
        diagnostics.extend(outcome.diagnostics);
        pendings.extend(outcome.pending);
        remembered.extend(memory);
    }
    if let Some(memo) = &mut memo {
        memo.replace(names, remembered.into_iter());
    }
    // Drafts withheld were checked all the same; the actors they name are referenced, only not
    // yet in public.
    let (pendings, withheld): (Vec<Pending>, Vec<Pending>) =
        pendings.into_iter().partition(|pending| config.drafts || !pending.article.draft);
    let named_in_drafts: HashSet<ActorId> =
        withheld.iter().flat_map(|pending| pending.article.actors.iter().copied()).collect();
    // Pending articles are large to move, so their positions are sorted rather than they.
    let mut order: Vec<usize> = (0..pendings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&pendings[a].article, &pendings[b].article);
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    });
    let mut pendings: Vec<Option<Pending>> = pendings.into_iter().map(Some).collect();

    let mut archive = Archive {
        config,
        articles: Vec::new(),
        actors,
        countries,
        claims: Vec::new(),
        actors_by_name: Vec::new(),
        countries_by_name: Vec::new(),
        tags: Vec::new(),
    };
    let mut answers = Vec::new();
    for (index, position) in order.into_iter().enumerate() {
        if let Some(pending) = pendings[position].take() {
            answers.extend(add_article(&mut archive, ArticleId(index as u32), pending));
        }
    }
    let kept: HashSet<&str> = archive.articles.iter().map(|article| article.slug.as_str()).collect();
    let left_out: HashSet<&str> =
        site.articles.iter().map(|file| file.markdown.record.id.as_str()).filter(|slug| !kept.contains(slug)).collect();
    claim::link_answers(&mut archive, answers, &left_out, &mut diagnostics);
    link_back(&mut archive);
    let names_order = order::NameOrder::vietnamese();
    archive.actors_by_name = order::actors_by_name(&archive, &names_order);
    archive.countries_by_name = order::countries_by_name(&archive, &names_order);
    archive.tags = tags::index(&archive, &names_order);
    // Articles with errors, those whose files could not be read and withheld drafts are left out
    // of the archive (an answer to one of their claims is not linked, and not reported),
    // so their actors would look unreferenced: the warning is only true, and only useful, once
    // the archive is complete.
    let complete = !diagnostics.iter().any(Diagnostic::is_error) && site.unreadable.articles.is_empty();
    for (index, (actor, record)) in archive.actors.iter().zip(&site.actors).enumerate() {
        if complete && actor.articles.is_empty() && !named_in_drafts.contains(&ActorId(index as u32)) {
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
        description_text: data.description.as_deref().map(markdown::plain_text),
        actors: Vec::new(),
        groups: Vec::new(),
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
            let found = ActorKind::all().find(|candidate| candidate.as_str() == kind.value.trim());
            if found.is_none() {
                let choices: Vec<&str> = ActorKind::all().map(ActorKind::as_str).collect();
                diagnostics.push(file.error_on(kind, format!("unknown actor kind `{}`", kind.value)).with_help(
                    closest(&kind.value, &choices).map_or_else(
                        || format!("use one of: {}", choices.join(", ")),
                        |c| format!("did you mean `{c}`?"),
                    ),
                ));
            }
            found
        });
    let mut resolve_country = |reference: &Spanned<String>| {
        names
            .resolve_country(&reference.value)
            .map_err(|unresolved| report(unresolved, file, reference, diagnostics))
            .ok()
    };
    let country = data.country.as_ref().and_then(&mut resolve_country);
    let speaks_for_its_country = matches!(kind, Some(ActorKind::Government | ActorKind::Agency));
    let represents = match &data.represents {
        Some(reference) => resolve_country(reference),
        None => country.filter(|_| speaks_for_its_country),
    };
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
        represents,
        description: data.description.clone(),
        description_text: data.description.as_deref().map(markdown::plain_text),
        links: data.links.clone(),
        country_claims: Vec::new(),
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
pub(super) fn report(
    unresolved: Unresolved,
    file: &SourceFile,
    reference: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Unresolved::Error(message, help) = unresolved {
        diagnostics.push(with_help(file.error_on(reference, message), help));
    }
}

pub(super) fn with_help(diagnostic: Diagnostic, help: Option<String>) -> Diagnostic {
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The candidate most like `value`, if any is a likely typo of it.
pub(super) fn closest<'c>(value: &str, candidates: &[&'c str]) -> Option<&'c str> {
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
pub(super) struct Pending {
    article: Article,
    claims: Vec<PendingClaim>,
    /// Notes with the range of their quote in the text.
    notes: Vec<(Range<usize>, Note)>,
    /// Where the claims were written, for the errors of their `responds_to`.
    sidecar: Option<Arc<Record<raw::Sidecar>>>,
}

/// One article checked on its own: the article waiting for its id if it has no errors, and its
/// problems.
#[derive(Clone)]
pub(super) struct Outcome {
    pending: Option<Pending>,
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
    let supplied =
        front.supplied.as_ref().map_or_else(Vec::new, |fields| supplied(fields, source_file, &mut diagnostics));
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
        supplied,
        draft: front.draft.as_ref().is_some_and(|draft| draft.value),
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
    let pending = (!has_errors).then(|| Pending { article, claims, notes, sidecar: file.sidecar.clone() });
    (Outcome { pending, diagnostics }, findings)
}

/// The fields `supplied` names, in the order of [`SUPPLIABLE_FIELDS`]; an unknown one is reported.
fn supplied(
    fields: &Spanned<raw::OneOrMany>,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<&'static str> {
    let named: BTreeSet<usize> = raw::OneOrMany::entries(fields)
        .iter()
        .filter_map(|field| claim::word(field, &SUPPLIABLE_FIELDS, "`supplied` field", file, diagnostics))
        .collect();
    named.into_iter().map(|index| SUPPLIABLE_FIELDS[index]).collect()
}

pub(super) fn parse_date(
    date: &Spanned<raw::Text>,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
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
    claims: Vec<PendingClaim>,
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
    let tags = tags::of_article(&data.tags, file, diagnostics);

    let context = claim::Context { file, names };
    let mut involve_party = |party: Party| involve(party, &mut actors, &mut countries);
    let claims = claim::claims(&data.claims, &context, quotes, &mut involve_party, diagnostics);
    let mut notes = Vec::new();
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

/// Finds a quote in the article text, or reports it with the closest passage.
pub(super) fn locate(
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

/// Gives the pending article's claims their ids and adds the article and its claims to the archive, with
/// the answers among them left to resolve. Claims come numbered in the order their quotes appear
/// in the text, and notes are numbered so too, so the references in the page read 1, 2, 3 from top
/// to bottom.
fn add_article(archive: &mut Archive, id: ArticleId, pending: Pending) -> Vec<Answer> {
    let Pending { mut article, claims, mut notes, sidecar } = pending;
    notes.sort_by_key(|(range, _)| (range.start, range.end));
    let mut answers = Vec::new();
    for PendingClaim { range, responds_to, mut claim } in claims {
        let claim_id = ClaimId(archive.claims.len() as u32);
        article.claims.push(claim_id);
        article.marks.push(Mark { range, anchor: Anchor::Claim(claim_id) });
        if let (Some(reference), Some(sidecar)) = (responds_to, &sidecar) {
            answers.push(Answer { claim: claim_id, reference, sidecar: sidecar.clone() });
        }
        claim.article = id;
        archive.claims.push(claim);
    }
    for (index, (range, note)) in notes.into_iter().enumerate() {
        article.marks.push(Mark { range, anchor: Anchor::Note(index) });
        article.notes.push(note);
    }
    article.marks.sort_by_key(|mark| (mark.range.start, mark.range.end));
    archive.articles.push(article);
    answers
}

/// Fills the back-references of actors and countries from articles and claims.
fn link_back(archive: &mut Archive) {
    for (index, actor) in archive.actors.iter().enumerate() {
        if let Some(country) = actor.country {
            let country = &mut archive.countries[country.index()];
            match actor.kind {
                Some(ActorKind::Group) => country.groups.push(ActorId(index as u32)),
                _ => country.actors.push(ActorId(index as u32)),
            }
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
    relate_actors(archive);
    for index in 0..archive.claims.len() {
        link_claim(archive, ClaimId(index as u32));
    }
}

/// Fills each actor's `related`: counted actor by actor over its articles, in one table of counts
/// reset after each.
fn relate_actors(archive: &mut Archive) {
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
}

/// Adds the claim to the lists of every party it concerns. An actor gets it when it is one of
/// those who make it, or of its targets or its `about`; a country only through itself or an actor
/// that represents it (so a company's report is not the country's accusation). A group's alleged
/// country gets the accusations that name the group and that country among their targets.
fn link_claim(archive: &mut Archive, id: ClaimId) {
    let claim = archive.claim(id);
    let accusation = claim.kind.is_accusation();
    let represented = |party: &Party| match *party {
        Party::Country(country) => Some(country),
        Party::Actor(actor) => archive.actor(actor).represents,
    };
    let makers: BTreeSet<ActorId> = claim.by.iter().filter_map(|party| party.actor()).collect();
    let making_countries: BTreeSet<CountryId> = claim.by.iter().filter_map(represented).collect();
    let receivers: BTreeSet<ActorId> =
        claim.target.iter().filter_map(|party| party.actor()).chain(claim.about.iter().copied()).collect();
    let receiving_countries: BTreeSet<CountryId> = claim
        .target
        .iter()
        .filter_map(represented)
        .chain(claim.about.iter().filter_map(|actor| archive.actor(*actor).represents))
        .collect();
    let linked_groups: Vec<ActorId> = receivers
        .iter()
        .copied()
        .filter(|actor| {
            let group = archive.actor(*actor);
            accusation
                && group.kind == Some(ActorKind::Group)
                && group.country.is_some_and(|country| receiving_countries.contains(&country))
        })
        .collect();
    for actor in makers {
        archive.actors[actor.index()].claims_made.push(id);
    }
    for actor in receivers {
        archive.actors[actor.index()].claims_received.push(id);
    }
    for group in linked_groups {
        archive.actors[group.index()].country_claims.push(id);
    }
    for country in making_countries {
        archive.countries[country.index()].claims_made.push(id);
    }
    for country in receiving_countries {
        archive.countries[country.index()].claims_received.push(id);
    }
}
