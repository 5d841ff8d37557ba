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
    let text = |path: &str| String::from_utf8_lossy(&after[path]).into_owned();
    for path in ["404.html", "feed.xml", "sitemap.xml", "robots.txt", "index.html", "data/citations.json"] {
        assert!(changed.contains(&path), "{path} should follow the address");
    }
    // The data page changes only in the sizes of the exports it lists, which hold the address.
    for path in changed.iter().filter(|path| **path != "data/index.html") {
        assert!(text(path).contains("https://preview.example.net/pr-12/"), "{path} changed but names no new address");
    }
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
