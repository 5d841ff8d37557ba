//! One fixture per kind of content mistake (`tests/sites/invalid/<case>`, laid over the valid
//! `tests/sites/base`): the build fails, names the file, the line and the culprit, suggests the fix
//! where that is cheap, and writes nothing.

mod common;

use common::TestSite;

/// Builds `base` with the overlay `invalid/<case>` and checks that the build fails with each of
/// `expected` in its messages and leaves no output and no temporary folder behind.
fn fails_with(case: &str, expected: &[&str]) {
    fails_on(&TestSite::fixture("base").overlay(&format!("invalid/{case}")), case, expected);
}

/// Checks that building `site` fails with each of `expected` in its messages and writes nothing.
fn fails_on(site: &TestSite, case: &str, expected: &[&str]) {
    let run = site.build();
    assert!(!run.success, "{case}: the build should fail");
    for text in expected {
        assert!(run.stderr.contains(text), "{case}: expected {text:?} in:\n{}", run.stderr);
    }
    assert_eq!(site.temp_entries(), ["site"], "{case}: nothing may be written");
}

#[test]
fn unknown_reference_suggests_the_closest_id() {
    fails_with(
        "unknown-reference",
        &[
            "content/articles/doi-thoai-2013.yaml:2:10: error: unknown actor `apt-32`",
            " 2 | actors: [apt-32]",
            "   |          ^^^^^^",
            "help: did you mean `apt32` (APT32)?",
        ],
    );
}

#[test]
fn quote_not_in_the_text_shows_the_closest_passage() {
    fails_with(
        "quote-not-found",
        &[
            "content/articles/doi-thoai-2013.yaml:6:12: error: the quote does not occur in the article text",
            "help: the closest passage in the text is “Hai bên đã thiết lập nhóm công tác chung”",
        ],
    );
}

#[test]
fn impossible_date_is_reported_at_its_file_line() {
    // Front matter starts on line 2 of the file: the date on its line 2 is on line 3 of the file.
    fails_with(
        "invalid-date",
        &["content/articles/doi-thoai-2013.md:3:7: error: invalid date `2021-13-40`: month 13 does not exist"],
    );
}

#[test]
fn missing_required_field_is_named() {
    fails_with("missing-field", &["content/articles/doi-thoai-2013.md:1:1: error: missing required field `title`"]);
}

#[test]
fn unknown_claim_kind_suggests_the_right_one() {
    fails_with(
        "unknown-claim-kind",
        &[
            "content/articles/doi-thoai-2013.yaml:4:11: error: unknown claim kind `cooperate`",
            "help: did you mean `cooperates`?",
        ],
    );
}

#[test]
fn bad_slug_suggests_a_file_name() {
    fails_with("bad-slug", &["content/articles/Doi Thoai.md:1:1: error: bad file name", "rename it to `doi-thoai`"]);
}

#[test]
fn yaml_syntax_error_points_at_its_line() {
    fails_with(
        "yaml-syntax",
        &["content/articles/doi-thoai-2013.yaml:6:4: error: YAML: ", "did not find expected '-' indicator"],
    );
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    fails_with("invalid-utf8", &["content/articles/tep-hong.md:7:23: error: the file is not valid UTF-8"]);
}

#[test]
fn template_error_names_the_template_and_line() {
    fails_with("template-error", &["templates/article.html:6:4: error: template: "]);
}

// Pages are rendered from minified templates; an error while rendering must still point at the
// line of the template as the editor wrote it.
#[test]
fn template_rendering_error_names_the_line_as_written() {
    fails_with(
        "template-render-error",
        &["templates/article.html:4:30: error: template: Field `no_such_field` is not defined"],
    );
}

#[test]
fn alias_shared_by_two_actors_names_both() {
    fails_with(
        "alias-conflict",
        &[
            "content/actors/oceanlotus-clone.yaml:2:22: error: `OceanLotus` names both `apt32` (APT32) and `oceanlotus-clone` (Ocean Clone)",
        ],
    );
}

#[test]
fn annotations_without_their_article_are_reported() {
    fails_with(
        "missing-article",
        &["content/articles/bai-khong-ton-tai.yaml:1:1: error: annotations for a missing article"],
    );
}

#[test]
fn every_error_of_a_run_is_listed_not_just_the_first() {
    fails_with(
        "several-errors",
        &[
            "content/actors/fireeye.yaml:2:7: error: unknown actor kind `firm`",
            "content/articles/doi-thoai-2013.yaml:1:21: error: unknown country `xx`",
            "content/articles/doi-thoai-2013.yaml:5:13: error: unknown actor or country `china-gov`",
            "build failed: 3 error(s)",
        ],
    );
}

#[test]
fn missing_site_toml_is_a_clear_error() {
    let site = TestSite::fixture("base");
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    let run = site.build();
    assert!(!run.success);
    assert!(run.stderr.contains("site.toml: error: cannot read the site configuration"), "{}", run.stderr);
}

// Regression: an article annotated with notes only was warned about as having no annotations.
#[test]
fn an_article_with_notes_only_is_annotated() {
    let site = TestSite::fixture("base");
    site.write(
        "content/articles/doi-thoai-2013.yaml",
        "notes:\n  - quote: nhóm công tác chung\n    note: Thành lập tháng 4/2013.\n",
    );
    let run = site.build_ok();
    assert!(!run.stderr.contains("has no annotations"), "{}", run.stderr);
}

// Regression: an article with an error is left out of the archive, so its actors were also
// reported as referenced by no article, which sent editors looking for the wrong problem.
#[test]
fn an_error_does_not_make_its_actors_look_unreferenced() {
    let site = TestSite::fixture("base").overlay("invalid/invalid-date");
    let run = site.build();
    assert!(!run.success);
    assert!(!run.stderr.contains("no article refers"), "{}", run.stderr);
}

// Regression: U+0001 in an article's text reached the pages and feed.xml, which was then not XML.
#[test]
fn a_control_character_is_reported_at_its_line_and_column() {
    fails_with(
        "control-character",
        &["content/articles/doi-thoai-2013.md:6:8: error: the invisible character U+0001 is not allowed"],
    );
}

// Regression: `title: "…\u0001…"` in front matter made feed.xml ill-formed, and the build exited 0.
#[test]
fn an_escaped_control_character_in_a_title_is_refused() {
    fails_with(
        "escaped-control-character",
        &["content/articles/doi-thoai-2013.md:2:8: error: the invisible character U+0001 is not allowed", "`\\u0001`"],
    );
}

#[test]
fn a_control_character_in_a_template_is_refused() {
    let site = TestSite::fixture("base");
    std::fs::create_dir(site.root().join("templates")).unwrap();
    site.write("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}\u{7}{% endblock %}\n");
    fails_on(&site, "template", &["templates/404.html:2:17: error: the invisible character U+0007 is not allowed"]);
}

#[test]
fn a_noncharacter_in_a_description_is_refused() {
    fails_with(
        "noncharacter",
        &["content/countries/cn.yaml:3:29: error: the invisible character U+FFFF is not allowed"],
    );
}

#[test]
fn an_escaped_control_character_in_the_site_title_is_refused() {
    fails_with("escaped-site-title", &["site.toml:1:9: error: the invisible character U+0001 is not allowed"]);
}

// These cases are made at test time: a repository holding `con.yaml` or both `Logo.png` and
// `logo.png` could not itself be checked out on Windows or macOS.
#[test]
fn files_named_after_a_windows_device_are_refused() {
    let site = TestSite::fixture("base");
    site.write("content/actors/con.yaml", "name: Con\nkind: group\n");
    let expected = "content/actors/con.yaml:1:1: error: bad file name `con`: Windows reserves it for a device";
    fails_on(&site, "device-name", &[expected, "help: add a word to the name, such as `con-1`"]);
    let site = TestSite::fixture("base");
    std::fs::create_dir_all(site.root().join("static/com1")).unwrap();
    site.write("static/aux.css", "body {}\n");
    site.write("static/com1/x.css", "body {}\n");
    fails_on(
        &site,
        "device-name",
        &[
            "static/aux.css: error: the name is reserved for a device on Windows",
            "static/com1/x.css: error: the name is reserved for a device on Windows",
        ],
    );
}

// Regression: static files differing only in case were published side by side; unzipped on
// Windows or macOS, one replaced the other.
#[test]
fn static_files_differing_only_in_case_are_refused() {
    let site = TestSite::fixture("base");
    std::fs::create_dir(site.root().join("static")).unwrap();
    for name in ["Logo.svg", "logo.svg", "Style.css"] {
        site.write(&format!("static/{name}"), "<svg/>\n");
    }
    fails_on(
        &site,
        "case-collision",
        &[
            "static/logo.svg: error: `static/logo.svg` and `static/Logo.svg` differ only in case",
            "static/Style.css: error: `static/Style.css` and the default theme's `style.css` differ only in case",
        ],
    );
}

// Regression: a 200 MB article passed `check`, then `build` aborted allocating 1.6 GB.
#[test]
fn an_article_over_the_size_limit_is_refused_by_check_and_build() {
    let site = TestSite::fixture("base");
    let front = "---\ntitle: Dài\ndate: 2020\nsource: Báo\n---\n";
    let limit = 10_000_000;
    site.write("content/articles/qua-dai.md", &format!("{front}{}", "a".repeat(limit + 1 - front.len())));
    let expected = "content/articles/qua-dai.md: error: the file is 10000001 bytes (10.0 MB), over the limit of 10 MB";
    fails_on(&site, "too-large", &[expected]);
    let check = site.check();
    assert!(!check.success);
    assert!(check.stdout.contains(expected), "{}", check.stdout);
}
