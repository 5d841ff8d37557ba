//! `dossier init`: a new archive that builds cleanly at once, and never over anything.

mod common;

use std::path::Path;
use std::process::Command;

use common::{BIN, Run};

fn dossier(args: &[&str], folder: &Path) -> Run {
    Command::new(BIN).args(args).arg(folder).output().unwrap().into()
}

#[test]
fn a_new_archive_builds_with_no_warning() {
    let temp = tempfile::tempdir().unwrap();
    let archive = temp.path().join("kho");
    let init = dossier(&["init"], &archive);
    assert!(init.success, "{}", init.stderr);
    for file in ["site.toml", ".gitignore", "README.md", "content/articles/bai-viet-mau.yaml"] {
        assert!(init.stdout.contains(&format!("created {}", archive.join(file).display())), "{}", init.stdout);
    }
    let build = dossier(&["build", "--root"], &archive);
    assert!(build.success, "{}", build.stderr);
    // Notes (such as what a site without `base_url` goes without) are not warnings.
    let warned: Vec<&str> = build.stderr.lines().filter(|line| !line.starts_with("note: ")).collect();
    assert!(warned.is_empty(), "a new archive builds with no warning:\n{}", build.stderr);
    assert!(archive.join("public/index.html").is_file());
    let check = dossier(&["check", "--root"], &archive);
    assert!(check.stdout.starts_with("ok: ") && check.stdout.contains(" 0 warning(s)"), "{}", check.stdout);
    let ignored = std::fs::read_to_string(archive.join(".gitignore")).unwrap();
    assert!(ignored.contains("/public/") && ignored.contains("/.dossier-cache/"), "{ignored}");
}

#[test]
fn init_twice_refuses_and_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init"], temp.path()).success);
    std::fs::write(temp.path().join("site.toml"), "title = \"Kho của tôi\"\n").unwrap();
    let again = dossier(&["init"], temp.path());
    assert!(!again.success);
    assert!(again.stderr.contains("is not empty; nothing was written"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(temp.path().join("site.toml")).unwrap(), "title = \"Kho của tôi\"\n");
}

#[test]
fn force_adds_only_the_missing_files() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("README.md"), "Our newsroom\n").unwrap();
    let init = dossier(&["init", "--force"], temp.path());
    assert!(init.success, "{}", init.stderr);
    assert!(init.stdout.contains("kept ") && init.stdout.contains("README.md as it was"), "{}", init.stdout);
    assert_eq!(std::fs::read_to_string(temp.path().join("README.md")).unwrap(), "Our newsroom\n");
    assert!(temp.path().join("site.toml").is_file());
}
