//! `dossier completions SHELL` and `dossier man`, generated from the command line's definitions.

mod common;

use std::process::Command;

use common::{BIN, Run};

fn dossier(args: &[&str]) -> Run {
    Command::new(BIN).args(args).output().unwrap().into()
}

/// The subcommands, as `dossier --help` lists them.
fn subcommands() -> Vec<String> {
    let help = dossier(&["--help"]).stdout;
    let listed = help.split("Commands:").nth(1).expect("a list of commands").split("\n\n").next().unwrap_or_default();
    let names: Vec<String> = listed
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 6, "{help}");
    names
}

#[test]
fn the_bash_completion_parses_and_offers_every_subcommand() {
    let run = dossier(&["completions", "bash"]);
    assert!(run.success, "{}", run.stderr);
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), &run.stdout).unwrap();
    let bash = Command::new("bash").arg("-n").arg(script.path()).output().unwrap();
    assert!(bash.status.success(), "{}", String::from_utf8_lossy(&bash.stderr));
    for name in subcommands() {
        assert!(run.stdout.contains(&name), "{name} missing from the completion");
    }
}

#[test]
fn completions_exist_for_zsh_fish_and_powershell() {
    for shell in ["zsh", "fish", "powershell"] {
        let run = dossier(&["completions", shell]);
        assert!(run.success && run.stdout.contains("dossier"), "{shell}: {}", run.stderr);
    }
}

#[test]
fn the_man_page_names_every_subcommand() {
    let run = dossier(&["man"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.starts_with(".ie") || run.stdout.contains(".TH dossier"), "not roff:\n{}", run.stdout);
    for name in subcommands() {
        assert!(
            run.stdout.contains(&format!("dossier\\-{}", name.replace('-', "\\-"))),
            "{name} missing:\n{}",
            run.stdout
        );
    }
}
