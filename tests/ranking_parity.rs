//! The client ranks as the reference does: the default archive is built, `search::query` ranks a
//! set of queries on its index and writes the ranked lists, and `tests/ranking_parity.mjs` ranks
//! the same queries in Node with the ranking core of `static/search.js` over the built index
//! files and compares. A ranking constant or rule changed on one side only fails here.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, repo};
use dossier::search::{Index, query};
use serde_json::{Value, json};

/// Queries as readers type them: with and without diacritics, a last word still being typed (with
/// and without diacritics, short and spanning shards), phrases, names and aliases of actors, words
/// the archive lacks beside words it has, numbers, capitals.
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
];

/// `search::query`'s ranked lists for [`QUERIES`] over the index of `root`'s archive, as the Node
/// side reads them, with the id of the index they were ranked on.
fn reference_rankings(root: &Path) -> (String, Value) {
    let checked = dossier::check(root);
    let archive = checked.archive.expect("the default archive has a configuration");
    let index = Index::build(&archive);
    let rankings = QUERIES
        .iter()
        .map(|text| {
            let (hits, term_shards) = query::rank(&index, text);
            let results: Vec<Value> = hits
                .iter()
                .map(|hit| json!({"doc": hit.doc, "slug": index.documents[hit.doc as usize].slug, "score": hit.score}))
                .collect();
            json!({"query": text, "term_shards": term_shards, "results": results})
        })
        .collect();
    (index.manifest.id.clone(), Value::Array(rankings))
}

/// Where the expected lists are written, to read after a failure.
fn expected_path() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ranking_parity");
    std::fs::create_dir_all(&folder).unwrap();
    folder.join("expected.json")
}

#[test]
fn the_client_ranks_every_query_as_search_query_does() {
    let site = TestSite::default_archive();
    site.build_ok();
    let (id, rankings) = reference_rankings(&site.root());
    let root: Value = serde_json::from_str(&site.page("search-index.json")).unwrap();
    assert_eq!(root["id"], id.as_str(), "the reference ranked the index that was built");
    assert!(
        rankings.as_array().unwrap().iter().filter(|ranking| ranking["results"].as_array().unwrap().len() > 1).count()
            > QUERIES.len() / 2,
        "most queries rank several articles, so that their order is tested"
    );
    let expected = expected_path();
    std::fs::write(&expected, serde_json::to_vec_pretty(&rankings).unwrap()).unwrap();

    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_owned());
    let output = Command::new(&node)
        .arg(repo().join("tests/ranking_parity.mjs"))
        .arg(site.out())
        .arg(&expected)
        .output()
        .unwrap_or_else(|error| panic!("this test runs the client's ranking with `{node}` (set NODE): {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "search.js ranks differently from search::query:\n{stderr}{stdout}");
    assert!(stdout.contains(&format!("{n} of {n} queries", n = QUERIES.len())), "{stdout}");
}
