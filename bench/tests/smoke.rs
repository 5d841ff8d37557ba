//! A tiny run of the performance harness (50 articles), so that it cannot rot: `dossier-bench
//! generate` writes a site and refuses to mix it into a folder with files, and `dossier-bench run`
//! goes from end to end, building the `dossier` binary it measures with cargo as
//! `docs/performance.md`'s command does; and `bench/leave-out.patch` still applies to the tree.
//! Nothing here is timed.

use std::path::Path;
use std::process::{Command, Output};

const BENCH: &str = env!("CARGO_BIN_EXE_dossier-bench");

fn generate(out: &Path) -> Output {
    Command::new(BENCH).args(["generate", "--articles", "50", "--seed", "1", "--out"]).arg(out).output().unwrap()
}

#[test]
fn generate_writes_a_site_and_refuses_a_folder_with_files() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    let first = generate(&site);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("wrote 50 articles"));
    assert!(site.join("site.toml").is_file());

    let again = generate(&site);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

#[test]
fn the_benchmark_runs_from_end_to_end() {
    let temp = tempfile::tempdir().unwrap();
    // No --dossier: the harness asks cargo (which runs this test, and sets CARGO) for the binary.
    let run = Command::new(BENCH)
        .args(["run", "--sizes", "50", "--runs", "1", "--target-dir"])
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

/// `bench/leave-out.sh` patches the product's build to leave the views or the exports out; the
/// patch follows the code it patches, so it must keep applying to it.
#[test]
fn the_leave_out_patch_applies_to_the_tree() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let check = Command::new("git")
        .current_dir(repo)
        .args(["apply", "--check", "bench/leave-out.patch"])
        .output()
        .expect("git runs");
    assert!(
        check.status.success(),
        "bench/leave-out.patch no longer applies: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}
