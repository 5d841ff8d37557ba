//! One generated article: its plan (who is involved, which claims it carries), its Markdown file
//! and its sidecar. Everything is drawn from the article's own random stream, so articles can be
//! generated in any order, in parallel, and still give the same bytes. Some articles answer a
//! claim of an earlier article (`responds_to`): a denial of its accusation, or, when that claim
//! is itself a denial answering another, a counter-accusation; the earlier article is generated
//! again to find its claim, which keeps every article a function of its seed and index alone.

use super::cast::Actor;
use super::prose::{self, CLAIM_KINDS, Scene};
use super::rng::Rng;
use super::words::{ADVICE, COMPANIES, COUNTRIES, HEADINGS, SOURCES, TAGS};
use super::{Cast, yaml_string};
use dossier::text::slugify;

/// An actor (index into the cast) or a country (index into [`COUNTRIES`]).
#[derive(Clone, Copy, PartialEq)]
enum Party {
    Actor(usize),
    Country(usize),
}

struct Claim {
    kind: &'static str,
    by: Party,
    target: Party,
    about: Option<usize>,
    sentence: String,
    quote: String,
    /// The claim it answers, as `responds_to` names it: `slug#claim-2`.
    responds_to: Option<String>,
}

/// One article in this many (in a hundred) answers a claim of an earlier one.
const ANSWER_PERCENT: usize = 15;
/// How many articles back the answered article may be.
const ANSWER_REACH: usize = 40;
/// The random stream of an article's answer, apart from its own: articles that answer nothing are
/// the same as before answers were generated.
const ANSWER_STREAM: u64 = 0x5EED_A115_0000_0001;
/// The kinds the generator writes that put blame on their target, which a denial answers.
const ACCUSATIONS: [&str; 5] = ["accuses", "attributes", "sanctions", "charges", "condemns"];

/// A block of the article body. Only paragraphs of plain sentences may be quoted.
enum Block {
    Paragraph(Vec<String>),
    /// Markdown that is not quoted: a heading, a list, a paragraph with a link or emphasis.
    Other(String),
}

/// The article's slug and the text of its `.md` file and of its sidecar.
pub struct ArticleFiles {
    pub slug: String,
    pub markdown: String,
    pub sidecar: String,
}

pub fn generate(cast: &Cast, seed: u64, index: usize) -> ArticleFiles {
    compose(cast, seed, index).files
}

/// An article as generated, with what answering one of its claims needs: its claims and the
/// Markdown of its body (whose order of quotes numbers the claims).
struct Composed {
    files: ArticleFiles,
    claims: Vec<Claim>,
    body: String,
}

fn compose(cast: &Cast, seed: u64, index: usize) -> Composed {
    let mut rng = Rng::new(seed, index as u64);
    let actors = involved_actors(&mut rng, cast, index);
    let wanted = rng.between(1, 3);
    let countries = cast.countries.distinct(&mut rng, wanted);
    let scene = Scene {
        actors: actors.iter().map(|&actor| cast.actors[actor].display(&mut rng)).collect(),
        countries: countries.iter().map(|&country| COUNTRIES[country].1.to_owned()).collect(),
    };
    let mut claims = plan_claims(&mut rng, cast, &actors, &countries);
    if let Some(answer) = answer(cast, seed, index)
        && claims.iter().all(|claim| claim.sentence != answer.sentence && claim.quote != answer.quote)
    {
        claims.push(answer);
    }
    let mut blocks = body(&mut rng, &scene, &claims);
    let notes = pick_notes(&mut rng, &blocks, &claims);
    decorate(&mut rng, &mut blocks, cast);

    let first = &claims[0];
    let title = prose::headline(&mut rng, first.kind, &name(cast, first.by), &name(cast, first.target));
    let words: Vec<String> = slugify(&title).split('-').take(8).map(str::to_owned).collect();
    let slug = format!("{}-{}", words.join("-"), index + 1);
    let front = front_matter(&mut rng, &title, &slug, &claims);
    let body = markdown(&blocks);
    let markdown = format!("---\n{front}---\n{body}");
    let sidecar = sidecar(&mut rng, cast, &actors, &countries, &claims, &notes);
    Composed { files: ArticleFiles { slug, markdown, sidecar }, claims, body }
}

/// The claim with which article `index` answers a claim of an earlier article, if it does: a
/// denial by the target of an accusation, or a counter-accusation of a denial's maker by the
/// party it answered.
fn answer(cast: &Cast, seed: u64, index: usize) -> Option<Claim> {
    let mut rng = Rng::new(seed ^ ANSWER_STREAM, index as u64);
    if index == 0 || !rng.chance(ANSWER_PERCENT) {
        return None;
    }
    let earlier = compose(cast, seed, index - rng.between(1, index.min(ANSWER_REACH)));
    let answered = |wanted: &dyn Fn(&Claim) -> bool| earlier.claims.iter().position(wanted);
    let (answered, kind) = answered(&|claim| claim.kind == "denies" && claim.responds_to.is_some())
        .map(|position| (position, "accuses"))
        .or_else(|| answered(&|claim| ACCUSATIONS.contains(&claim.kind)).map(|position| (position, "denies")))?;
    let claim = &earlier.claims[answered];
    let (by, target) = (claim.target, claim.by);
    let (by_text, target_text) = (shown(cast, by, &mut rng), shown(cast, target, &mut rng));
    let sentence = prose::claim(&mut rng, kind, &by_text, &target_text, None);
    let quote = sentence.trim_end_matches('.').to_owned();
    let number = number_in_text(&earlier, answered);
    let responds_to = Some(format!("{}#claim-{number}", earlier.files.slug));
    Some(Claim { kind, by, target, about: None, sentence, quote, responds_to })
}

/// The number dossier gives claim `position` of an article: claims are numbered in the order of
/// their quotes in the text.
fn number_in_text(article: &Composed, position: usize) -> usize {
    let at = |claim: &Claim| article.body.find(&claim.quote).unwrap_or(usize::MAX);
    let own = at(&article.claims[position]);
    1 + article.claims.iter().filter(|claim| at(claim) < own).count()
}

/// How an article's text names a party: an actor by its name or an alias, a country by its name.
fn shown(cast: &Cast, party: Party, rng: &mut Rng) -> String {
    match party {
        Party::Actor(actor) => cast.actors[actor].display(rng),
        Party::Country(country) => COUNTRIES[country].1.to_owned(),
    }
}

/// Two to six actors, Zipf-distributed; article `i` also involves actor `i`, so that no actor is
/// left without an article (which `dossier` warns about).
fn involved_actors(rng: &mut Rng, cast: &Cast, index: usize) -> Vec<usize> {
    let wanted = rng.between(2, 6);
    let mut actors = cast.actor_ranks.distinct(rng, wanted);
    if index < cast.actors.len() && !actors.contains(&index) {
        actors.push(index);
    }
    actors
}

fn name(cast: &Cast, party: Party) -> String {
    match party {
        Party::Actor(actor) => cast.actors[actor].name.clone(),
        Party::Country(country) => COUNTRIES[country].1.to_owned(),
    }
}

fn plan_claims(rng: &mut Rng, cast: &Cast, actors: &[usize], countries: &[usize]) -> Vec<Claim> {
    let parties: Vec<Party> =
        actors.iter().map(|&a| Party::Actor(a)).chain(countries.iter().map(|&c| Party::Country(c))).collect();
    let groups: Vec<usize> = actors.iter().copied().filter(|&a| cast.actors[a].kind == "group").collect();
    let wanted = rng.between(2, 6);
    let mut claims: Vec<Claim> = Vec::new();
    // A few more tries than claims: a drawn claim that repeats an earlier one is dropped.
    for _ in 0..wanted * 2 {
        if claims.len() == wanted {
            break;
        }
        let by = *rng.pick(&parties);
        let target = loop {
            let target = *rng.pick(&parties);
            if target != by {
                break target;
            }
        };
        let about = groups
            .iter()
            .copied()
            .find(|&group| Party::Actor(group) != by && Party::Actor(group) != target)
            .filter(|_| rng.chance(30));
        let kind = *rng.pick(&CLAIM_KINDS);
        let (by_text, target_text) = (shown(cast, by, rng), shown(cast, target, rng));
        let about_text = about.map(|group| cast.actors[group].display(rng));
        let sentence = prose::claim(rng, kind, &by_text, &target_text, about_text.as_deref());
        let quote = quote_of(rng, &sentence, &by_text);
        // Two claims with one quote would be a duplicate to dossier (a warning): the same party
        // named by its name in one sentence and by an alias in the other, the name cut off.
        if claims.iter().any(|claim| claim.sentence == sentence || claim.quote == quote) {
            continue;
        }
        claims.push(Claim { kind, by, target, about, sentence, quote, responds_to: None });
    }
    claims
}

/// The whole sentence without its full stop, or (sometimes) what follows the claimant's name.
fn quote_of(rng: &mut Rng, sentence: &str, by: &str) -> String {
    let sentence = sentence.trim_end_matches('.');
    let rest = sentence.strip_prefix(&prose::capitalize(by)).and_then(|rest| rest.strip_prefix(' '));
    match rest {
        Some(rest) if rng.chance(30) => rest.to_owned(),
        _ => sentence.to_owned(),
    }
}

/// Paragraphs of filler up to 600-1200 words, with the claims' sentences placed among them.
fn body(rng: &mut Rng, scene: &Scene, claims: &[Claim]) -> Vec<Block> {
    let target = rng.between(600, 1200);
    let mut words: usize = claims.iter().map(|claim| claim.sentence.split(' ').count()).sum();
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    while words < target {
        let paragraph: Vec<String> = (0..rng.between(2, 5)).map(|_| prose::filler(rng, scene)).collect();
        words += paragraph.iter().map(|sentence| sentence.split(' ').count()).sum::<usize>();
        paragraphs.push(paragraph);
    }
    for claim in claims {
        let chosen = rng.below(paragraphs.len());
        let paragraph = &mut paragraphs[chosen];
        let at = rng.between(0, paragraph.len());
        paragraph.insert(at, claim.sentence.clone());
    }
    paragraphs.into_iter().map(Block::Paragraph).collect()
}

/// Zero to two editorial notes, each quoting the first words of a filler sentence.
fn pick_notes(rng: &mut Rng, blocks: &[Block], claims: &[Claim]) -> Vec<String> {
    let sentences: Vec<&String> = blocks
        .iter()
        .flat_map(|block| match block {
            Block::Paragraph(sentences) => sentences.as_slice(),
            Block::Other(_) => &[],
        })
        .filter(|sentence| claims.iter().all(|claim| &claim.sentence != *sentence))
        .collect();
    let mut notes: Vec<String> = Vec::new();
    for _ in 0..rng.between(0, 2) {
        let words: Vec<&str> = rng.pick(&sentences).trim_end_matches('.').split(' ').collect();
        let quote = words[..words.len().min(rng.between(5, 12))].join(" ");
        if !notes.contains(&quote) {
            notes.push(quote);
        }
    }
    notes
}

/// Adds what press articles have besides paragraphs: two to four headings (each before a
/// paragraph), a list, a link, and sometimes an italic caption. Nothing comes before the first
/// paragraph.
fn decorate(rng: &mut Rng, blocks: &mut Vec<Block>, cast: &Cast) {
    fn insert(rng: &mut Rng, block: Block, blocks: &mut Vec<Block>) {
        let at = rng.between(1, blocks.len());
        blocks.insert(at, block);
    }
    let (candidates, wanted): (Vec<usize>, usize) = ((1..blocks.len()).collect(), rng.between(2, 4));
    let mut positions: Vec<usize> = rng.pick_distinct(&candidates, wanted).into_iter().copied().collect();
    positions.sort_unstable_by(|a, b| b.cmp(a));
    let headings = rng.pick_distinct(HEADINGS, positions.len());
    for (at, heading) in positions.into_iter().zip(headings) {
        blocks.insert(at, Block::Other(format!("## {heading}")));
    }
    let wanted = rng.between(3, 5);
    let items: Vec<String> = rng.pick_distinct(ADVICE, wanted).into_iter().map(|item| format!("- {item}")).collect();
    insert(rng, Block::Other(format!("Các khuyến cáo chính gồm:\n\n{}", items.join("\n"))), blocks);
    let company = rng.pick(COMPANIES);
    let link = format!(
        "Toàn văn báo cáo được đăng tải trên [trang của {company}](https://{}.example/bao-cao/{}).",
        slugify(company),
        rng.between(100, 99_999)
    );
    insert(rng, Block::Other(link), blocks);
    if rng.chance(50) {
        let actor = &cast.actors[cast.actor_ranks.sample(rng)];
        insert(rng, Block::Other(format!("*Ảnh minh họa: trụ sở của {}.*", actor.name)), blocks);
    }
}

fn markdown(blocks: &[Block]) -> String {
    let texts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(sentences) => sentences.join(" "),
            Block::Other(markdown) => markdown.clone(),
        })
        .collect();
    texts.join("\n\n") + "\n"
}

/// `date` at day precision most of the time, at month or year precision otherwise.
fn date(rng: &mut Rng) -> String {
    let (year, month, day) = (rng.between(2005, 2025), rng.between(1, 12), rng.between(1, 28));
    match rng.below(20) {
        0 => format!("{year}"),
        1..4 => format!("{year}-{month:02}"),
        _ => format!("{year}-{month:02}-{day:02}"),
    }
}

fn front_matter(rng: &mut Rng, title: &str, slug: &str, claims: &[Claim]) -> String {
    let (source, domain) = rng.pick(SOURCES);
    let mut yaml = format!(
        "title: {}\ndate: {}\nsource: {}\nurl: \"https://{domain}/{slug}.html\"\n",
        yaml_string(title),
        date(rng),
        yaml_string(source)
    );
    if rng.chance(70) {
        yaml += &format!("author: {}\n", yaml_string(&prose::person_name(rng)));
    }
    if rng.chance(50) {
        yaml += &format!("summary: {}\n", yaml_string(&claims[0].sentence));
    }
    yaml
}

fn reference(rng: &mut Rng, cast: &Cast, party: Party) -> String {
    let text = match party {
        Party::Actor(actor) => cast.actors[actor].reference(rng),
        Party::Country(country) if rng.chance(70) => COUNTRIES[country].0.to_owned(),
        Party::Country(country) => COUNTRIES[country].1.to_owned(),
    };
    yaml_string(&text)
}

fn sidecar(
    rng: &mut Rng,
    cast: &Cast,
    actors: &[usize],
    countries: &[usize],
    claims: &[Claim],
    notes: &[String],
) -> String {
    let list = |references: Vec<String>| format!("[{}]", references.join(", "));
    let actor_list = list(actors.iter().map(|&actor| reference(rng, cast, Party::Actor(actor))).collect());
    let country_list = list(countries.iter().map(|&country| reference(rng, cast, Party::Country(country))).collect());
    let mut tags: Vec<String> = (0..rng.between(1, 4)).map(|_| yaml_string(rng.pick::<&str>(TAGS))).collect();
    tags.dedup();
    let mut yaml = format!("actors: {actor_list}\ncountries: {country_list}\ntags: {}\nclaims:\n", list(tags));
    for claim in claims {
        yaml += &claim_yaml(rng, cast, claim);
    }
    if !notes.is_empty() {
        yaml += "notes:\n";
        for quote in notes {
            let note = note(rng, cast);
            yaml += &format!("  - quote: {}\n    note: {}\n", yaml_string(quote), yaml_string(&note));
        }
    }
    yaml
}

/// An editor's note that may name one of the cast.
fn note(rng: &mut Rng, cast: &Cast) -> String {
    let actor: &Actor = &cast.actors[cast.actor_ranks.sample(rng)];
    prose::editor_note(rng, &actor.name)
}

fn claim_yaml(rng: &mut Rng, cast: &Cast, claim: &Claim) -> String {
    let mut yaml = format!(
        "  - by: {}\n    kind: {}\n    target: {}\n",
        reference(rng, cast, claim.by),
        claim.kind,
        reference(rng, cast, claim.target)
    );
    if let Some(about) = claim.about {
        yaml += &format!("    about: {}\n", reference(rng, cast, Party::Actor(about)));
    }
    if rng.chance(40) {
        yaml += &format!("    date: {}\n", yaml_string(&date(rng)));
    }
    yaml += &format!("    quote: {}\n", yaml_string(&claim.quote));
    if let Some(answered) = &claim.responds_to {
        yaml += &format!("    responds_to: {}\n", yaml_string(answered));
    }
    if rng.chance(30) {
        yaml += &format!("    note: {}\n", yaml_string(&note(rng, cast)));
    }
    yaml
}
