//! `--base-url URL` over `base_url` of site.toml: every absolute URL a build writes moves to the
//! new address, and nothing else changes (every other link is relative; the data exports, which
//! name pages absolutely, and the data page listing their sizes change with it).

mod common;

use common::{TestSite, snapshot};

#[test]
fn base_url_moves_every_absolute_url_and_no_relative_link() {
    let configured = TestSite::fixture("base");
    configured.build_ok();
    let preview = TestSite::fixture("base");
    let run = preview.build_with(&["--base-url", "https://preview.example.net/pr-12/"]);
    assert!(run.success, "{}", run.stderr);
    let (before, after) = (snapshot(&configured.out()), snapshot(&preview.out()));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    let changed: Vec<&str> =
        before.iter().filter(|(path, bytes)| after[*path] != **bytes).map(|(path, _)| path.as_str()).collect();
    // The data exports name pages by their absolute address when there is one (the schema names
    // none), and the data page shows the files' sizes.
    let moves = |path: &str| {
        ["404.html", "feed.xml", "data/"].iter().any(|moved| path.starts_with(moved))
            && path != "data/archive.schema.json"
            || (path.starts_with("actors/") || path.starts_with("countries/"))
                && (path.ends_with(".json") || path.ends_with("/feed.xml"))
    };
    let expected: Vec<&str> = before.keys().map(String::as_str).filter(|path| moves(path)).collect();
    assert_eq!(changed, expected);
    let text = |path: &str| String::from_utf8_lossy(&after[path]).into_owned();
    assert!(
        text("feed.xml").contains("<link href=\"https://preview.example.net/pr-12/feed.xml\""),
        "{}",
        text("feed.xml")
    );
    assert!(text("404.html").contains("/pr-12/assets/"), "{}", text("404.html"));
    for path in changed {
        assert!(!text(path).contains("example.org"), "{path} still names the configured address");
    }
}
