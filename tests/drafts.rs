//! Drafts: an article marked `draft: true` is checked like any other, but `build` publishes it
//! only with `--drafts`. Without it, the site is the one built without the draft's files at all,
//! byte for byte, the zip included: so the draft is in no page, list, count, feed, search index
//! or export, whatever pages and exports the site grows.

mod common;

use common::{TestSite, snapshot};

const DRAFT_PAGE: &str = "articles/ban-nhap-chua-xong/index.html";
const DRAFT_TITLE: &str = "Bài đang chú giải dở về Sóng Ngầm";

fn with_draft() -> TestSite {
    TestSite::fixture("base").overlay("drafts")
}

fn zip_bytes(site: &TestSite) -> Vec<u8> {
    std::fs::read(site.out().with_extension("zip")).expect("the zip was written")
}

#[test]
fn a_draft_is_absent_from_every_output_of_a_build() {
    let drafted = with_draft();
    let plain = TestSite::fixture("base");
    for site in [&drafted, &plain] {
        let zip = site.out().with_extension("zip");
        let run = site.build_with(&["--zip", zip.to_str().unwrap()]);
        assert!(run.success, "{}", run.stderr);
    }
    let (with, without) = (snapshot(&drafted.out()), snapshot(&plain.out()));
    assert_eq!(with.keys().collect::<Vec<_>>(), without.keys().collect::<Vec<_>>());
    let differing: Vec<&String> =
        with.iter().filter(|(path, bytes)| without[*path] != **bytes).map(|(path, _)| path).collect();
    assert!(differing.is_empty(), "the draft changed {differing:?}");
    assert!(zip_bytes(&drafted) == zip_bytes(&plain), "the draft changed the zip");
}

#[test]
fn with_drafts_the_draft_is_published_with_its_banner_and_in_the_lists() {
    let site = with_draft();
    let run = site.build_with(&["--drafts"]);
    assert!(run.success, "{}", run.stderr);
    let page = site.page(DRAFT_PAGE);
    assert!(page.contains("class=draft-banner"), "{page}");
    assert!(page.contains(DRAFT_TITLE), "{page}");
    let home = site.page("index.html");
    assert!(home.contains("Bản nháp</span>"), "the home page does not mark the draft:\n{home}");
    let fireeye = site.page("actors/fireeye/index.html");
    assert!(fireeye.contains("ban-nhap-chua-xong"), "the actor page does not list the draft:\n{fireeye}");
}

#[test]
fn a_published_article_has_no_draft_banner() {
    let site = with_draft();
    site.build_ok();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(!page.contains("draft-banner") && !page.contains("Bản nháp"), "{page}");
}

#[test]
fn check_checks_drafts_and_a_broken_draft_fails_the_build_too() {
    let site = with_draft();
    let sidecar = "content/articles/ban-nhap-chua-xong.yaml";
    site.write(sidecar, &site.read(sidecar).replace("target: apt32", "target: apt99"));
    let check = site.check();
    assert!(!check.success);
    let report = format!("{}{}", check.stdout, check.stderr);
    assert!(report.contains("ban-nhap-chua-xong.yaml:7:"), "{report}");
    let build = site.build();
    assert!(!build.success, "a draft with an error was let through:\n{}", build.stderr);
    assert!(!site.out().exists());
}

#[test]
fn an_actor_named_only_in_a_draft_is_not_reported_unreferenced() {
    let site = with_draft();
    site.write("content/actors/song-ngam.yaml", "name: Sóng Ngầm\nkind: group\n");
    let sidecar = "content/articles/ban-nhap-chua-xong.yaml";
    site.write(sidecar, &site.read(sidecar).replace("actors: [fireeye, apt32]", "actors: [fireeye, apt32, song-ngam]"));
    let run = site.build_ok();
    assert!(!run.stderr.contains("no article refers"), "{}", run.stderr);
}

#[test]
fn draft_must_be_true_or_false() {
    let site = with_draft();
    let article = "content/articles/ban-nhap-chua-xong.md";
    site.write(article, &site.read(article).replace("draft: true", "draft: maybe"));
    let check = site.check();
    assert!(!check.success);
    let report = format!("{}{}", check.stdout, check.stderr);
    assert!(report.contains("ban-nhap-chua-xong.md:5:"), "{report}");
}
