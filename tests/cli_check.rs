//! `dossier check`: every error of the archive in one run, each with its file and line, as text
//! or JSON; exit 1 on errors, 0 with warnings only; nothing written.

mod editor_support;

use editor_support::{Site, run, stdout};

/// The errors planted in `tests/fixtures/editor/broken`, one or two per file, as `check` shows
/// their first line.
const PLANTED: [&str; 4] = [
    "content/actors/apt32.yaml:3:7: error: unknown actor kind `hacker group`",
    "content/articles/trung-quoc-phan-bac.md:3:7: error: invalid date `2020-13-02`: month 13 does not exist",
    "content/articles/viet-nam-bac-cao-buoc-apt32.yaml:8:12: error: unknown actor `apt-32`",
    "content/articles/viet-nam-bac-cao-buoc-apt32.yaml:20:12: error: the quote does not occur in the article text",
];

#[test]
fn every_error_is_listed_with_its_file_and_line_and_check_fails() {
    let site = Site::copy("broken");
    let output = run(&["check", "--root", site.root.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for error in PLANTED {
        assert!(text.contains(error), "missing {error:?} in:\n{text}");
    }
    assert_eq!(text.matches(": error: ").count(), PLANTED.len(), "{text}");
    // The source line, a caret under the culprit, and the cheap suggestions.
    assert!(text.contains(" 8 |     about: apt-32\n   |            ^^^^^^\n"), "{text}");
    assert!(text.contains("= help: did you mean `apt32` (APT32)?"), "{text}");
    assert!(
        text.contains("= help: the closest passage in the text is “Đây là những thông tin không có cơ sở”"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("4 error(s), 1 warning(s)"), "{text}");
}

#[test]
fn json_output_parses_and_counts_what_the_text_shows() {
    let site = Site::copy("broken");
    let output = run(&["check", "--root", site.root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("check --format json prints JSON");
    assert_eq!(report["errors"], 4);
    assert_eq!(report["warnings"], 1);
    let diagnostics = report["diagnostics"].as_array().expect("a diagnostics array");
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["severity"] == "error")
        .map(|d| {
            format!(
                "{}:{}:{}: error: {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(errors, PLANTED);
    let unknown_actor = diagnostics.iter().find(|d| d["line"] == 8).expect("the unknown actor");
    assert_eq!(unknown_actor["help"], "did you mean `apt32` (APT32)?");
    assert_eq!(unknown_actor["source_line"], "    about: apt-32");
}

#[test]
fn warnings_alone_pass_and_nothing_is_written() {
    let site = Site::copy("site");
    site.write("content/actors/mandiant.yaml", "name: Mandiant\nkind: company\ncountry: us\n");
    let before = site.listing();
    let output = run(&["check", "--root", site.root.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("content/actors/mandiant.yaml:1:1: warning: no article refers to the actor `mandiant`"),
        "{text}"
    );
    assert!(
        text.lines().last().is_some_and(|summary| summary.starts_with("ok: ") && summary.contains(", 1 warning(s)"))
    );
    assert_eq!(site.listing(), before);
}
