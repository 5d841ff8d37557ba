//! `--base-url URL` over `base_url` of site.toml: every absolute URL a build writes moves to the
//! new address, and nothing else changes (every other link is relative).

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
    let feeds = ["actors/apt32/feed.xml", "actors/fireeye/feed.xml", "actors/volt-typhoon/feed.xml"];
    let country_feeds = ["countries/cn/feed.xml", "countries/us/feed.xml", "countries/vn/feed.xml"];
    assert_eq!(changed, [&["404.html"][..], &feeds, &country_feeds, &["feed.xml"]].concat());
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
