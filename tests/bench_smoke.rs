//! A tiny run of the performance harness (50 articles), so that it cannot rot: the generator's
//! archive builds with the real `dossier` binary, with every page and every quote mark, the same
//! seed gives the same bytes, and `dossier-bench run` goes from end to end. Nothing here is timed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const DOSSIER: &str = env!("CARGO_BIN_EXE_dossier");
const BENCH: &str = env!("CARGO_BIN_EXE_dossier-bench");

fn generate(out: &Path, seed: u64) {
    let output = Command::new(BENCH)
        .args(["generate", "--articles", "50", "--seed", &seed.to_string(), "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Every file under `root`, by relative path, with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| (entry.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(entry.path()).unwrap()))
        .collect()
}

/// The file stems of one content folder, with the given extension.
fn stems(folder: &Path, extension: &str) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|found| found == extension))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

#[test]
fn a_generated_archive_builds_with_every_page_and_quote() {
    let temp = tempfile::tempdir().unwrap();
    let (site, out) = (temp.path().join("site"), temp.path().join("public"));
    generate(&site, 1);
    let build = Command::new(DOSSIER).arg("build").arg("--root").arg(&site).arg("--out").arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success() && !stderr.contains("error"), "{stderr}");

    let articles = site.join("content/articles");
    let slugs = stems(&articles, "md");
    assert_eq!(slugs.len(), 50);
    for slug in &slugs {
        let page = std::fs::read_to_string(out.join(format!("articles/{slug}/index.html"))).unwrap();
        let sidecar = std::fs::read_to_string(articles.join(format!("{slug}.yaml"))).unwrap();
        let quotes = sidecar.lines().filter(|line| line.contains("quote: ")).count();
        assert!(quotes >= 2, "{slug} has {quotes} quotes");
        for number in 1..=2 {
            assert!(page.contains(&format!("id=\"q-claim-{number}\"")), "{slug}: no mark for claim {number}");
        }
    }
    for (folder, pages) in [("actors", "content/actors"), ("countries", "content/countries")] {
        for id in stems(&site.join(pages), "yaml") {
            assert!(out.join(format!("{folder}/{id}/index.html")).is_file(), "no page for {folder}/{id}");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let temp = tempfile::tempdir().unwrap();
    let [first, again, other] = ["first", "again", "other"].map(|name| temp.path().join(name));
    generate(&first, 1);
    generate(&again, 1);
    generate(&other, 2);
    assert_eq!(tree(&first), tree(&again));
    assert_ne!(tree(&first), tree(&other));
}

#[test]
fn the_benchmark_runs_from_end_to_end() {
    let temp = tempfile::tempdir().unwrap();
    let run = Command::new(BENCH)
        .args(["run", "--sizes", "50", "--runs", "1", "--dossier", DOSSIER, "--target-dir"])
        .arg(temp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let results = std::fs::read_to_string(temp.path().join("bench/results.md")).unwrap();
    assert!(results.contains("### 50 articles (1 runs)"), "{results}");
    assert!(results.contains("| dossier build: wall time |"), "{results}");
    assert!(results.contains("| write floor"), "{results}");
}
