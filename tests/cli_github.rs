//! `dossier check --format github`: one GitHub Actions workflow command per diagnostic, with the
//! path from the repository's top level so that GitHub shows it on the pull request's line.

mod common;

use std::process::Command;

use common::{BIN, Run, TestSite};

fn check_github(site: &TestSite) -> Run {
    Command::new(BIN).args(["check", "--format", "github", "--root"]).arg(site.root()).output().unwrap().into()
}

#[test]
fn three_errors_are_three_error_commands_with_their_files_and_lines() {
    let site = TestSite::fixture("base").overlay("invalid/several-errors");
    let run = check_github(&site);
    assert!(!run.success, "{}", run.stdout);
    let placed: Vec<&str> = run.stdout.lines().map(|line| line.split(",title=").next().unwrap_or_default()).collect();
    assert_eq!(
        placed,
        [
            "::error file=content/actors/fireeye.yaml,line=2,col=7",
            "::error file=content/articles/doi-thoai-2013.yaml,line=1,col=21",
            "::error file=content/articles/doi-thoai-2013.yaml,line=5,col=13",
        ],
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().all(|line| line.contains("::unknown ")), "{}", run.stdout);
}

#[test]
fn paths_start_at_the_repository_top_level_and_warnings_are_warning_commands() {
    let site = TestSite::fixture("base");
    // The site is the folder `site/` of a repository.
    std::fs::create_dir(site.root().parent().unwrap().join(".git")).unwrap();
    site.write("content/actors/mandiant.yaml", "name: Mandiant\nkind: company\ncountry: us\n");
    let run = check_github(&site);
    assert!(run.success, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "::warning file=site/content/actors/mandiant.yaml,line=1,col=1,title=dossier check%3A warning\
         ::no article refers to the actor `mandiant`\n"
    );
}
