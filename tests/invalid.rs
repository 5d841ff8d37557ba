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
fn an_answer_to_an_unknown_claim_suggests_the_closest() {
    fails_with(
        "responds-to-unknown",
        &[
            "content/articles/my-canh-bao-volt-typhoon.yaml:12:18: error: `my-canh-bao-volt-typhoon` has no claim `#canh-bo`",
            "help: did you mean `#claim-canh-bao`?",
            "content/articles/doi-thoai-2013.yaml:6:18: error: unknown article `my-canh-bao-volt-typhon`",
            "help: did you mean `my-canh-bao-volt-typhoon#claim-1`?",
        ],
    );
}

#[test]
fn a_claim_answering_itself_is_refused() {
    fails_with("responds-to-itself", &["content/articles/viet-nam-bac-bo.yaml:15:18: error: the claim answers itself"]);
}

#[test]
fn claims_answering_each_other_in_a_circle_are_refused() {
    fails_with(
        "responds-to-circle",
        &[
            "content/articles/my-canh-bao-volt-typhoon.yaml:6:18: error: the claims answer each other in a circle: my-canh-bao-volt-typhoon#claim-1 → doi-thoai-2013#claim-1 → my-canh-bao-volt-typhoon#claim-1",
        ],
    );
}

#[test]
fn two_claims_with_one_id_are_refused() {
    fails_with(
        "duplicate-claim-id",
        &["content/articles/my-canh-bao-volt-typhoon.yaml:8:9: error: claims 1 and 2 have the same id `canh-bao`"],
    );
}

#[test]
fn unknown_basis_suggests_the_right_one() {
    fails_with(
        "unknown-basis",
        &[
            "content/articles/doi-thoai-2013.yaml:5:12: error: unknown basis `politcal`",
            "help: did you mean `political`?",
        ],
    );
}

#[test]
fn unknown_supplied_field_lists_the_fields() {
    fails_with(
        "unknown-supplied",
        &[
            "content/articles/doi-thoai-2013.md:5:19: error: unknown `supplied` field `author`",
            "help: use one of: title, date, source",
        ],
    );
}

#[test]
fn represents_an_unknown_country_suggests_the_closest() {
    fails_with(
        "represents-unknown-country",
        &["content/actors/fireeye.yaml:4:13: error: unknown country `usa`", "help: did you mean `us` (Mỹ)?"],
    );
}

#[test]
fn a_claim_by_nobody_is_refused() {
    fails_with("empty-party-list", &["content/articles/doi-thoai-2013.yaml:3:9: error: `by` lists nobody"]);
}

#[test]
fn a_party_listed_twice_is_refused() {
    fails_with(
        "party-listed-twice",
        &[
            "content/articles/doi-thoai-2013.yaml:5:18: error: `Trung Quốc` names the same party as `cn`, listed before it in `target`",
            "help: list each party once",
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
        &[
            "content/articles/doi-thoai-2013.yaml:6:4: error: YAML: this line is indented 3 spaces, as no line above it is",
            "help: indent it 4 spaces, like the field on line 5",
        ],
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

// YAML mistakes: each message says what to type, at the line of the mistake rather than where the
// parser noticed it.

#[test]
fn yaml_missing_colon_says_what_to_write() {
    fails_with(
        "yaml-missing-colon",
        &[
            "content/articles/doi-thoai-2013.yaml:4:9: error: YAML: a `:` is missing after `kind`",
            "help: write `kind: cooperates`",
        ],
    );
}

// The parser notices an unclosed `[` at the `:` of the next line.
#[test]
fn yaml_unclosed_bracket_is_reported_where_it_opens() {
    fails_with(
        "yaml-unclosed-bracket",
        &[
            "content/articles/doi-thoai-2013.yaml:1:12: error: YAML: the `[` that starts this list is not closed on its line",
            "help: end it with `]`: `countries: [us, cn]`",
        ],
    );
}

// The parser notices an unclosed quote on the next line; front matter lines are file lines.
#[test]
fn yaml_unclosed_quote_in_front_matter_is_reported_where_it_opens() {
    fails_with(
        "yaml-unclosed-quote",
        &[
            "content/articles/doi-thoai-2013.md:2:8: error: YAML: the `\"` that starts this value is not closed on its line",
            "help: end it with `\"`: `title: \"Mỹ - Trung đối thoại về an ninh mạng\"`",
        ],
    );
}

// The parser notices a tab at the end of the line before it.
#[test]
fn yaml_tab_indent_is_reported_on_its_line() {
    fails_with(
        "yaml-tab-indent",
        &[
            "content/articles/doi-thoai-2013.yaml:4:1: error: YAML: a tab in the indentation; YAML indents with spaces only",
            "help: replace the tab with spaces",
        ],
    );
}

#[test]
fn yaml_colon_in_a_press_quote_asks_for_quotes() {
    fails_with(
        "yaml-colon-in-value",
        &[
            "content/articles/viet-nam-bac-bo.yaml:9:22: error: YAML: `: ` inside a value that is not in quotes",
            "put the whole value in quotes: `quote: 'khẳng định: “Đây là những thông tin không có cơ sở”'`",
        ],
    );
}

#[test]
fn yaml_value_starting_with_a_dash_asks_for_quotes() {
    fails_with(
        "yaml-leading-indicator",
        &[
            "content/articles/viet-nam-bac-bo.yaml:9:11: error: YAML: a value cannot start with `-` unless it is in quotes",
            "help: write `note: '- Trả lời tại họp báo thường kỳ.'`",
        ],
    );
}

#[test]
fn yaml_hash_that_cuts_a_value_short_is_a_warning() {
    let site = TestSite::fixture("base");
    let sidecar = site.read("content/articles/viet-nam-bac-bo.yaml");
    site.write(
        "content/articles/viet-nam-bac-bo.yaml",
        &sidecar.replace("note: Trả lời tại họp báo *thường kỳ*.", "note: Trả lời tại họp báo #12."),
    );
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("content/articles/viet-nam-bac-bo.yaml:16:31: warning: YAML: a `#` after a space ends the value"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`note: 'Trả lời tại họp báo #12.'`"), "{}", run.stderr);
}

/// The errors of a failed build of `base` with the overlay `invalid/<case>`, one line each.
fn errors_of(case: &str) -> Vec<String> {
    let run = TestSite::fixture("base").overlay(&format!("invalid/{case}")).build();
    assert!(!run.success, "{case}: the build should fail");
    run.stderr.lines().filter(|line| line.contains(": error: ")).map(str::to_owned).collect()
}

// Regression: an article naming an actor whose file did not parse got "unknown actor" for each
// mention, burying the one error to fix under errors that were not.
#[test]
fn an_unreadable_actor_file_is_the_only_error() {
    assert_eq!(
        errors_of("unreadable-actor"),
        ["content/actors/volt-typhoon.yaml:1:5: error: YAML: a `:` is missing after `name`"]
    );
}

// Regression: an article left out for its unreadable sidecar made the actors it names warned
// about as referenced by no article.
#[test]
fn an_unreadable_sidecar_makes_no_actor_look_unreferenced() {
    let run = TestSite::fixture("base").overlay("invalid/unreadable-sidecar").build();
    assert!(!run.success);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("build failed: 1 error(s)"), "{}", run.stderr);
}

// A name (not the id) of an unreadable file cannot be told from a typo, so it stays an error,
// pointing at the file that may hold it.
#[test]
fn a_name_of_an_unreadable_country_points_to_its_file() {
    let site = TestSite::fixture("base").overlay("invalid/unreadable-country");
    let run = site.build();
    assert!(!run.success);
    assert!(
        run.stderr.contains("content/actors/volt-typhoon.yaml:4:10: error: unknown country `China`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: it may be named in `content/countries/cn.yaml`, which could not be read"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("unknown country `cn`"), "{}", run.stderr);
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
