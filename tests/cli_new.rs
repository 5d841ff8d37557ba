//! `dossier new`: an article and its annotation file from a template, with today's date, never
//! over an existing file.

mod editor_support;

use editor_support::{Site, run, stderr, stdout};

const ARTICLE: &str = "content/articles/trung-quoc-bac-bo-cao-buoc-cua-my.md";
const SIDECAR: &str = "content/articles/trung-quoc-bac-bo-cao-buoc-cua-my.yaml";

fn new(site: &Site, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["new", "trung-quoc-bac-bo-cao-buoc-cua-my", "--root", site.root.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn the_article_and_its_sidecar_are_created_and_check_cleanly() {
    let site = Site::copy("site");
    let today = || jiff::Zoned::now().date().to_string();
    let day_before = today();
    let output = new(&site, &["--title", "Trung Quốc bác bỏ cáo buộc của Mỹ", "--source", "VOV"]);
    let day_after = today();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("created {ARTICLE} and {SIDECAR}")));
    let article = site.read(ARTICLE);
    assert!(article.starts_with("---\ntitle: \"Trung Quốc bác bỏ cáo buộc của Mỹ\""), "{article}");
    // Either day, should the test run across midnight.
    let dated = |day: &str| article.contains(&format!("\ndate: {day}"));
    assert!(dated(&day_before) || dated(&day_after), "{article}");
    assert!(site.read(SIDECAR).contains("#   - by: fireeye"));
    // A new article is legal: it is only not annotated yet.
    let check = run(&["check", "--root", site.root.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains(&format!("{ARTICLE}:1:1: warning: the article has no annotations")));
}

#[test]
fn an_existing_article_is_never_overwritten() {
    let site = Site::copy("site");
    assert_eq!(new(&site, &["--title", "Bản đầu"]).status.code(), Some(0));
    site.edit(ARTICLE, "Paste the article text here", "Văn bản biên tập viên đã dán");
    let (article, sidecar) = (site.read(ARTICLE), site.read(SIDECAR));
    let again = new(&site, &["--title", "Bản thứ hai"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("trung-quoc-bac-bo-cao-buoc-cua-my.yaml already exist; nothing was written"),
        "{}",
        stderr(&again)
    );
    assert_eq!((site.read(ARTICLE), site.read(SIDECAR)), (article, sidecar));
}

#[test]
fn a_bad_slug_is_refused_with_its_slugified_form() {
    let site = Site::copy("site");
    let before = site.listing();
    let output = run(&["new", "Trung Quốc bác bỏ", "--root", site.root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("did you mean `trung-quoc-bac-bo`?"), "{}", stderr(&output));
    assert_eq!(site.listing(), before);
}
