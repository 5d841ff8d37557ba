//! The open data exports (`data/`, `actors/<id>.json`, `countries/<code>.json`): checked by the
//! real validators a researcher would use (jsonschema, Python's csv module, the OASIS STIX
//! validator, run by `tests/exports_check.py` in the test tools' venv, which
//! `tests/tools/install.sh` installs), reproducible byte for byte, in the offline zip, and linked
//! from the pages.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, repo, snapshot};

/// The venv's Python, with stix2-validator and jsonschema: `$DOSSIER_TEST_PYTHON`, or the one
/// `tests/tools/install.sh` makes.
fn python() -> PathBuf {
    let python = std::env::var_os("DOSSIER_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/test-tools/venv/bin/python"));
    assert!(
        python.exists(),
        "{} is missing: the export validators are not installed; run `bash tests/tools/install.sh`",
        python.display()
    );
    python
}

/// Runs `tests/exports_check.py` on a built site and fails with its report unless every check
/// passes.
fn validate(out: &Path) {
    let output = Command::new(python()).arg(repo().join("tests/exports_check.py")).arg(out).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the exports of {} fail validation (if a module is missing, run `bash tests/tools/install.sh`):\n{stdout}\n{stderr}",
        out.display()
    );
    assert!(stdout.starts_with("ok: "), "{stdout}");
}

/// The base fixture with a licence line.
fn licensed_fixture() -> TestSite {
    let site = TestSite::fixture("base");
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{config}data_license = \"CC BY 4.0\"\n"));
    site
}

#[test]
fn the_exports_of_the_fixture_pass_the_validators() {
    let site = licensed_fixture();
    site.build_ok();
    validate(&site.out());
    assert!(site.page("data/archive.json").contains(r#""license":"CC BY 4.0""#));
    assert!(site.page("data/stix-bundle.json").contains(r#""statement":"CC BY 4.0""#));
}

#[test]
fn the_exports_of_the_default_archive_pass_the_validators() {
    let site = TestSite::default_archive();
    site.build_ok();
    validate(&site.out());
}

#[test]
fn without_a_base_url_the_exports_pass_and_name_pages_relative_to_the_site_root() {
    let site = TestSite::fixture("base");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &config.lines().filter(|line| !line.starts_with("base_url")).collect::<Vec<_>>().join("\n"),
    );
    site.build_ok();
    validate(&site.out());
    let csv = site.page("data/claims.csv");
    let row = csv.lines().nth(1).expect("a claim row");
    assert!(row.contains(",articles/"), "{row}");
    assert!(!csv.contains("example.org/ho-so"), "no absolute page address without base_url");
}

#[test]
fn the_exports_are_byte_identical_across_rebuilds() {
    let site = licensed_fixture();
    let exports = |site: &TestSite| {
        let mut files = snapshot(&site.out());
        files.retain(|path, _| path.starts_with("data/") || path.ends_with(".json") && !path.starts_with("search"));
        files
    };
    site.build_ok();
    let first = exports(&site);
    assert!(first.contains_key("data/stix-bundle.json") && first.contains_key("actors/apt32.json"), "{first:?}");
    assert!(site.build_with(&["--no-cache"]).success);
    assert_eq!(first, exports(&site));
}

#[test]
fn the_exports_are_in_the_offline_zip() {
    let site = licensed_fixture();
    let zip = site.out().with_file_name("site.zip");
    let run = site.build_with(&["--zip", zip.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    let archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<&str> = archive.file_names().collect();
    for expected in [
        "site/data/index.html",
        "site/data/archive.json",
        "site/data/archive.schema.json",
        "site/data/claims.csv",
        "site/data/stix-bundle.json",
        "site/actors/apt32.json",
        "site/countries/vn.json",
    ] {
        assert!(names.contains(&expected), "{expected} is not in the zip");
    }
}

#[test]
fn the_data_page_lists_each_file_with_its_size_and_licence_and_pages_link_their_json() {
    let site = licensed_fixture();
    site.build_ok();
    let page = site.page("data/index.html");
    for file in ["archive.json", "archive.schema.json", "claims.csv", "stix-bundle.json"] {
        let bytes = std::fs::metadata(site.out().join("data").join(file)).unwrap().len();
        assert!(page.contains(&format!("href=../data/{file}")), "{file} is linked: {page}");
        assert!(page.contains(&format!("<data value={bytes}>")), "{file}'s size ({bytes}) is shown: {page}");
    }
    assert!(page.contains("CC BY 4.0"), "the licence is shown");
    assert!(site.page("index.html").contains("href=data/>Dữ liệu mở</a>"), "the footer links the data page");
    assert!(site.page("actors/apt32/index.html").contains("href=../../actors/apt32.json"));
    assert!(site.page("countries/vn/index.html").contains("href=../../countries/vn.json"));
}

#[test]
fn an_actor_json_holds_the_actor_its_claims_and_its_articles() {
    let site = licensed_fixture();
    site.build_ok();
    let actor: serde_json::Value = serde_json::from_str(&site.page("actors/fireeye.json")).unwrap();
    assert_eq!(actor["format"], "dossier-actor");
    assert_eq!(actor["actor"]["id"], "fireeye");
    let made = actor["claims_made"].as_array().unwrap();
    assert!(!made.is_empty(), "FireEye makes a claim in the fixture");
    assert!(made.iter().all(|claim| claim["by"].as_array().unwrap().iter().any(|by| by["id"] == "fireeye")));
    assert!(!actor["articles"].as_array().unwrap().is_empty());
}

// A name written by a stranger that starts like a formula ran as one when claims.csv was opened in
// a spreadsheet (CSV injection); it is written with a `'` before it.
#[test]
fn csv_injection_a_cell_starting_like_a_formula_is_written_inert() {
    let site = TestSite::fixture("base");
    site.write("content/actors/fireeye.yaml", "name: \"=HYPERLINK(\\\"http://x\\\")\"\nkind: company\ncountry: Mỹ\n");
    site.build_ok();
    let csv = site.page("data/claims.csv");
    assert!(csv.contains(r#",fireeye,"'=HYPERLINK(""http://x"")","#), "{csv}");
    validate(&site.out());
}
