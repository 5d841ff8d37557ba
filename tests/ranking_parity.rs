//! The client ranks as the reference does: `search::query` ranks a set of queries on an index and
//! writes the ranked lists, and `tests/ranking_parity.mjs` ranks the same queries in Node with the
//! ranking core of `static/search.js` over the index files and compares, to the bit. A ranking
//! constant or rule changed on one side only fails here. Documents are articles and the pages of
//! actors and countries, both ranked. Two indexes: the default archive as
//! `dossier build` writes it, and a larger archive made from its texts, where lists are long,
//! term shards many and near-ties common.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, repo};
use dossier::date::{DateFormats, PartialDate};
use dossier::model::Archive;
use dossier::search::{Index, query};
use serde_json::{Value, json};

/// Queries as readers type them: with and without diacritics, a last word still being typed (with
/// and without diacritics, short and spanning shards), phrases, names and aliases of actors, words
/// the archive lacks beside words it has, numbers, capitals; one slip in a word (letters swapped,
/// dropped, doubled, changed), alone, in a phrase, as the last word being typed; diacritics on
/// some words only; a word that only one article has (`quang`, of a name), corrected too.
const QUERIES: &[&str] = &[
    "tin tặc",
    "tin tac",
    "tặc",
    "an ninh mạng",
    "an ninh mang",
    "Trung Quốc",
    "trung quoc bac bo",
    "cáo buộc",
    "cao buoc",
    "đối thoại",
    "doi thoai ",
    "tấn c",
    "tan c",
    "ch",
    "chi",
    "ngh",
    "Việt Nam hỗ trợ",
    "viet nam ho tro nhom",
    "APT32",
    "oceanlotus",
    "ocean buffalo",
    "comment panda",
    "A05",
    "bộ công an",
    "liên minh ứng phó",
    "mỹ",
    "tin tặc xyzzy",
    "xyzzy",
    "2013",
    "chiến dịch tin tặc toàn cầu",
    "tin tặc tấn cogn",
    "trugn quoc",
    "hafnim",
    "ông snowdne",
    "Trung Qốc phản ứng",
    "chiến dcih tin tặc",
    "cáo buộcc việt nam",
    "oceanlotsu",
    "an ninh mạgn quốc gia",
    "tin tac toàn câu",
    "trung quốc phan ung manh",
    "Việt nam ho trợ nhóm tin tac",
    "china",
    "snowd",
    "tam quang",
    "lương tam quang đã",
    "quảng",
];

/// `search::query`'s ranked lists for [`QUERIES`] on `index`, as the Node side reads them.
fn reference_rankings(index: &Index) -> Value {
    let rankings = QUERIES
        .iter()
        .map(|text| {
            let query::Search { hits, term_shards, typo_shards, corrected } = query::search(index, text);
            let results: Vec<Value> = hits
                .iter()
                .map(|hit| json!({"doc": hit.doc, "slug": index.documents[hit.doc as usize].label(), "score": hit.score}))
                .collect();
            json!({"query": text, "term_shards": term_shards, "typo_shards": typo_shards, "corrected": corrected, "results": results})
        })
        .collect();
    Value::Array(rankings)
}

/// Writes `rankings` to `target/tmp/ranking_parity/<name>.json` (to read after a failure), then
/// has the client rank the same queries over the index files in `site` and fails on any
/// difference, with the client's report.
fn assert_client_ranks_alike(name: &str, site: &Path, rankings: &Value) {
    let ranked_several =
        rankings.as_array().unwrap().iter().filter(|ranking| ranking["results"].as_array().unwrap().len() > 1);
    assert!(
        ranked_several.count() > QUERIES.len() / 2,
        "most queries rank several articles, so that their order is tested"
    );
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ranking_parity");
    std::fs::create_dir_all(&folder).unwrap();
    let expected = folder.join(format!("{name}.json"));
    std::fs::write(&expected, serde_json::to_vec_pretty(rankings).unwrap()).unwrap();

    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_owned());
    let output = Command::new(&node)
        .arg(repo().join("tests/ranking_parity.mjs"))
        .arg(site)
        .arg(&expected)
        .output()
        .unwrap_or_else(|error| panic!("this test runs the client's ranking with `{node}` (set NODE): {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "search.js ranks differently from search::query:\n{stderr}{stdout}");
    assert!(stdout.contains(&format!("{n} of {n} queries", n = QUERIES.len())), "{stdout}");
}

#[test]
fn the_client_ranks_every_query_as_search_query_does() {
    let site = TestSite::default_archive();
    site.build_ok();
    let archive = dossier::check(&site.root()).archive.expect("the default archive has a configuration");
    let index = Index::build(&archive);
    let root: Value = serde_json::from_str(&site.page("search-index.json")).unwrap();
    assert_eq!(root["id"], index.manifest.id.as_str(), "the reference ranks the index that was built");
    let rankings = reference_rankings(&index);
    let pages = rankings.as_array().unwrap().iter().flat_map(|ranking| ranking["results"].as_array().unwrap());
    let entity_pages = pages
        .filter(|result| {
            !matches!(index.documents[result["doc"].as_u64().unwrap() as usize], dossier::search::Document::Article(_))
        })
        .count();
    assert!(entity_pages > QUERIES.len() / 2, "actors' and countries' pages are ranked too: {entity_pages}");
    let corrected = rankings.as_array().unwrap().iter().filter(|ranking| !ranking["corrected"].is_null());
    let (by_slip, by_typo_keys): (Vec<&Value>, Vec<&Value>) =
        corrected.partition(|ranking| ranking["typo_shards"].as_array().unwrap().is_empty());
    let queries = |rankings: &[&Value]| rankings.iter().map(|ranking| ranking["query"].clone()).collect::<Vec<_>>();
    assert!(by_slip.len() > 2, "words corrected by the slip in their term shard: {:?}", queries(&by_slip));
    assert!(by_typo_keys.len() > 2, "words corrected by their typo keys: {:?}", queries(&by_typo_keys));
    assert_client_ranks_alike("default-archive", &site.out(), &rankings);
}

/// The default archive's articles again and again, each time with other sentences of their texts
/// and another date: `count` articles, newest first.
fn larger_archive(count: usize) -> Archive {
    let mut archive = dossier::check(&repo()).archive.expect("the default archive has a configuration");
    let sentences: Vec<String> = archive
        .articles
        .iter()
        .flat_map(|article| article.text.split(". ").map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let pick = |seed: usize| sentences[seed % sentences.len()].as_str();
    let originals = std::mem::take(&mut archive.articles);
    for number in 0..count {
        let mut article = originals[number % originals.len()].clone();
        article.slug = format!("{}-{number}", article.slug);
        article.title = pick(number * 31 + 7).to_owned();
        let text = (0..3 + number % 9).map(|part| pick(number * 7 + part * 13)).collect::<Vec<_>>().join(". ");
        article.summary = pick(number * 17 + 3).to_owned();
        article.body = text.as_str().into();
        article.text = text.as_str().into();
        let year = 2024 - (number * 25 / count) as i16;
        let date = if number % 4 == 0 {
            year.to_string()
        } else {
            format!("{year}-{:02}-{:02}", 12 - number % 12, 28 - number % 28)
        };
        article.date = PartialDate::parse(&date).unwrap();
        archive.articles.push(article);
    }
    archive
}

#[test]
fn the_client_ranks_a_larger_archive_as_search_query_does() {
    let archive = larger_archive(400);
    let index = Index::build(&archive);
    assert!(index.manifest.term_shards.len() > 5, "{} term shards", index.manifest.term_shards.len());
    let site = tempfile::tempdir().unwrap();
    // Dates play no part in ranking; the index ships with how some theme words them.
    let dates =
        DateFormats { day: "{day}/{month}/{year}".into(), month: "{month}/{year}".into(), year: "{year}".into() };
    for file in index.files(&dates) {
        let path = site.path().join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
    }
    assert_client_ranks_alike("larger-archive", site.path(), &reference_rankings(&index));
}
