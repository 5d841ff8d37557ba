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
