//! `--quiet` (errors only) and `--verbose` (also the stages' times, and for `check` what it checked) on
//! `build` and `check`.

mod common;

use std::process::Command;

use common::{BIN, Run, TestSite};

const UNREFERENCED: &str = "name: Mandiant\nkind: company\ncountry: us\n";

fn check(site: &TestSite, extra: &[&str]) -> Run {
    Command::new(BIN).arg("check").arg("--root").arg(site.root()).args(extra).output().unwrap().into()
}

#[test]
fn quiet_check_prints_the_errors_and_nothing_else() {
    let site = TestSite::fixture("base").overlay("invalid/several-errors");
    let run = check(&site, &["--quiet"]);
    assert!(!run.success);
    assert_eq!(run.stdout.matches(": error: ").count(), 3, "{}", run.stdout);
    assert!(!run.stdout.contains("error(s)"), "no summary: {}", run.stdout);
}

#[test]
fn quiet_check_and_build_of_a_site_with_warnings_print_nothing() {
    let site = TestSite::fixture("base");
    site.write("content/actors/mandiant.yaml", UNREFERENCED);
    let checked = check(&site, &["--quiet"]);
    assert!(checked.success);
    assert_eq!((checked.stdout.as_str(), checked.stderr.as_str()), ("", ""));
    let built = site.build_with(&["--quiet"]);
    assert!(built.success, "{}", built.stderr);
    assert_eq!((built.stdout.as_str(), built.stderr.as_str()), ("", ""));
    assert!(site.out().join("index.html").is_file());
}

#[test]
fn verbose_build_prints_each_stage_and_the_summary() {
    let site = TestSite::fixture("base");
    let run = site.build_with(&["--verbose"]);
    assert!(run.success, "{}", run.stderr);
    for stage in ["load", "model", "render", "search", "swap"] {
        assert!(run.stderr.contains(&format!("{stage}: ")), "{stage} missing:\n{}", run.stderr);
    }
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
}

#[test]
fn a_build_not_on_a_terminal_prints_no_progress() {
    // The default archive, larger than the fixture, so that a slow machine's build passes the
    // second after which a terminal would see a progress line.
    let site = TestSite::default_archive();
    let run = site.build();
    assert!(run.success, "{}", run.stderr);
    // Standard error holds the warnings, exactly as `check` lists them, and nothing else.
    let checked = check(&site, &[]);
    let warnings = checked.stdout.rsplit_once("\nok: ").map(|(warnings, _)| warnings).unwrap_or_default();
    assert_eq!(run.stderr.trim_end(), warnings.trim_end());
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
}

#[test]
fn verbose_check_says_what_it_checked_drafts_included_and_each_stage() {
    let site = TestSite::fixture("base").overlay("drafts");
    let run = check(&site, &["--verbose"]);
    assert!(run.success, "{}", run.stdout);
    assert!(run.stdout.contains("checked 4 articles (1 draft(s)), 3 actors, 3 countries"), "{}", run.stdout);
    for stage in ["load", "model", "templates", "render"] {
        assert!(run.stdout.contains(&format!("{stage:>8}: ")), "no {stage} time:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("ok: "), "{}", run.stdout);
}

#[test]
fn quiet_and_verbose_together_are_refused() {
    let site = TestSite::fixture("base");
    let run = check(&site, &["--quiet", "--verbose"]);
    assert!(!run.success);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}
