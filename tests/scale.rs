//! No page grows with the archive: on a generated archive with a small page size, every actor and
//! country page lists at most a page of articles and of claims in each direction, and the actors
//! seen together with an actor are listed on its first page only, a dozen at most.

use std::path::Path;
use std::process::Command;

const DOSSIER: &str = env!("CARGO_BIN_EXE_dossier");
const BENCH: &str = env!("CARGO_BIN_EXE_dossier-bench");
const PAGE_SIZE: usize = 4;
const RELATED_SHOWN: usize = 12;

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// The part of `html` from the heading with `id` to the next section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id={id}>")).unwrap_or(html.len());
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

fn build(site: &Path, out: &Path) {
    let generate =
        Command::new(BENCH).args(["generate", "--articles", "120", "--seed", "3", "--out"]).arg(site).output().unwrap();
    assert!(generate.status.success(), "{}", String::from_utf8_lossy(&generate.stderr));
    let config = site.join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\npage_size = {PAGE_SIZE}\n")).unwrap();
    let build = Command::new(DOSSIER).arg("build").arg("--root").arg(site).arg("--out").arg(out).output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
}

#[test]
fn actor_and_country_pages_list_a_bounded_number_of_items() {
    let temp = tempfile::tempdir().unwrap();
    let (site, out) = (temp.path().join("site"), temp.path().join("public"));
    build(&site, &out);
    let (mut numbered, mut with_related) = (0, 0);
    for entry in
        walkdir::WalkDir::new(out.join("actors")).into_iter().chain(walkdir::WalkDir::new(out.join("countries")))
    {
        let path = entry.unwrap().into_path();
        let relative = path.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        if !relative.ends_with("index.html") || relative.matches('/').count() < 2 {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        let articles = count(section(&html, "articles"), "<li>");
        assert!(articles <= PAGE_SIZE, "{relative} lists {articles} articles");
        for column in ["made", "received"] {
            let claims = count(section(&html, column), "<li class=\"claim ");
            assert!(claims <= PAGE_SIZE, "{relative} lists {claims} claims {column}");
        }
        let related = count(section(&html, "related"), "<li>");
        assert!(related <= RELATED_SHOWN, "{relative} lists {related} related actors");
        if relative.contains("/page/") {
            numbered += 1;
            assert!(!html.contains("id=related>"), "{relative}: related actors belong on the first page");
        }
        with_related += usize::from(related > 0);
    }
    assert!(numbered > 0 && with_related > 0, "the archive must exercise pagination and related actors");
}
