//! One fixture per kind of content mistake (`tests/sites/invalid/<case>`, laid over the valid
//! `tests/sites/base`): the build fails, names the file, the line and the culprit, suggests the fix
//! where that is cheap, and writes nothing.

mod common;

use common::TestSite;

/// Builds `base` with the overlay `invalid/<case>` and checks that the build fails with each of
/// `expected` in its messages and leaves no output and no temporary folder behind.
fn fails_with(case: &str, expected: &[&str]) {
    let site = TestSite::fixture("base").overlay(&format!("invalid/{case}"));
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
