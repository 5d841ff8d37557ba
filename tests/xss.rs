//! Stored XSS (issue 9, item 2): the fixture `tests/sites/xss` lays over the base archive an
//! article body, a claim note, an editor's note, an actor and a country description carrying the
//! classic payloads. Built, no page may hold an element, attribute or address that could run a
//! script; with `unsafe_html = true` the raw HTML is published as written. The browser test
//! `tests/browser/xss.test.mjs` checks the same pages in Chromium.

mod common;

use common::{TestSite, snapshot};

const ARTICLE: &str = "articles/ma-doc-trong-bai-viet/index.html";

/// Elements an editor's HTML could script or restyle the page with.
const DANGEROUS_ELEMENTS: [&str; 12] =
    ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "base", "meta", "link", "frame"];

/// Attributes that hold an address.
const ADDRESS_ATTRIBUTES: [&str; 7] = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];

/// The scripts of the default theme (`static/*.js`), the only ones a page may load.
const SHIPPED_SCRIPTS: [&str; 6] = ["text", "search", "lists", "highlight", "claims-filter", "copy"];

/// What the element or attribute is, for each element of `html` that could run a script, except
/// what dossier itself ships: its CSP, charset, named and Open Graph `<meta>`, its stylesheet and
/// icon `<link>`, its search `<form>`s and the claims list's filter `<form>`, its own scripts'
/// `<script src>`, its JSON-LD data block (whose text `tests/open_web.rs` checks), and the
/// drawings of the timeline and the actor graph, which editors' HTML cannot make (ammonia keeps
/// no `<svg>` and no class).
fn dangerous_constructs(html: &str) -> Vec<String> {
    use lol_html::{HtmlRewriter, Settings, element};
    let mut found = Vec::new();
    let mut rewriter = HtmlRewriter::new(
        Settings::new().append_element_content_handler(element!("*", |element| {
            let tag = element.tag_name();
            let attribute = |name: &str| element.get_attribute(name).unwrap_or_default();
            let ours = match tag.as_str() {
                "meta" => {
                    attribute("http-equiv") == "Content-Security-Policy"
                        || ["charset", "name"].iter().any(|name| element.has_attribute(name))
                        || ["og:", "article:"].iter().any(|prefix| attribute("property").starts_with(prefix))
                }
                "link" => ["stylesheet", "icon", "alternate"].contains(&attribute("rel").as_str()),
                "form" => ["site-search", "search-page-form", "claims-filter"].contains(&attribute("class").as_str()),
                "script" => {
                    SHIPPED_SCRIPTS.iter().any(|name| attribute("src").contains(&format!("assets/{name}.")))
                        || (attribute("type") == "application/ld+json" && !element.has_attribute("src"))
                }
                "svg" => ["graph", "share-bar", "year-bar"].contains(&attribute("class").as_str()),
                _ => false,
            };
            if DANGEROUS_ELEMENTS.contains(&tag.as_str()) && !ours {
                found.push(format!("<{tag}>"));
            }
            for attribute in element.attributes() {
                let (name, value) = (attribute.name(), attribute.value());
                if name.starts_with("on") || name == "style" || value.contains("__pwn") {
                    found.push(format!("<{tag} {name}>"));
                }
                let scheme = value.split(':').next().unwrap_or_default().replace(['\t', '\n', '\r', ' '], "");
                let has_scheme = value.contains(':') && !scheme.contains(['/', '?', '#']);
                let web = ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str());
                if ADDRESS_ATTRIBUTES.contains(&name.as_str()) && has_scheme && !web {
                    found.push(format!("<{tag} {name}={value}>"));
                }
            }
            Ok(())
        })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    found
}

fn xss_site() -> TestSite {
    TestSite::fixture("base").overlay("xss")
}

// Regression: raw HTML and script addresses in every Markdown field were published as written.
#[test]
fn stored_xss_no_page_holds_a_construct_that_could_run_a_script() {
    let site = xss_site();
    site.build_ok();
    let mut found = Vec::new();
    for (path, bytes) in snapshot(&site.out()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            found.extend(dangerous_constructs(&html).into_iter().map(|construct| format!("{path}: {construct}")));
        }
    }
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn stored_xss_every_payload_field_is_rendered_without_its_payload() {
    let site = xss_site();
    site.build_ok();
    let article = site.page(ARTICLE);
    for kept in ["<details><summary>Chi tiết</summary>Nội dung.</details>", "<b>chữ đậm</b>", "<img src=x>"] {
        assert!(article.contains(kept), "harmless HTML is kept: {kept}\n{article}");
    }
    assert!(article.contains("Liên kết Markdown: script, hoa thường,"), "refused links keep their text\n{article}");
    assert!(article.contains("<mark id=q-claim-1>"), "quotes are still marked\n{article}");
    assert!(article.contains("Ghi chú của nhận định"), "the claim note is shown\n{article}");
    assert!(article.contains("Ghi chú của biên tập viên"), "the editor's note is shown\n{article}");
    assert!(site.page("actors/apt32/index.html").contains("<strong>Việt Nam</strong>"));
    assert!(site.page("countries/cn/index.html").contains("Quốc gia Đông Á."));
}

#[test]
fn unsafe_html_publishes_raw_html_as_written() {
    let site = xss_site();
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{config}unsafe_html = true\n"));
    site.write(
        "content/articles/doi-thoai-2013.md",
        &format!(
            "{}\n<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>\n",
            site.read("content/articles/doi-thoai-2013.md")
        ),
    );
    site.build_ok();
    let embed = site.page("articles/doi-thoai-2013/index.html");
    assert!(embed.contains("<iframe src=https://www.youtube-nocookie.com/embed/x title=Video></iframe>"), "{embed}");
    let article = site.page(ARTICLE);
    assert!(article.contains("<script>__pwn('script')</script>"), "{article}");
    assert!(!article.contains("md-javascript"), "Markdown links are still checked\n{article}");
}

#[test]
fn every_page_carries_the_content_security_policy() {
    let site = xss_site();
    site.build_ok();
    let policy = "<meta content=\"script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\" \
                  http-equiv=Content-Security-Policy>";
    for (path, bytes) in snapshot(&site.out()) {
        if path.ends_with(".html") {
            let page = site.page(&path);
            assert!(page.contains(policy), "{path} ({} bytes) has no CSP:\n{page}", bytes.len());
        }
    }
}
