//! A site's own templates and static files cannot run script in a reader's browser: each refusal
//! names the file and line, nothing is written, and `unsafe_html = true` in site.toml trusts the
//! site instead (docs/security.md).

mod common;

use common::{TestSite, repo};

const POLICY_LINE: &str = "<meta http-equiv=\"Content-Security-Policy\" \
    content=\"script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">\n";

/// The default theme's base template with `edit` applied.
fn default_base(edit: impl FnOnce(String) -> String) -> String {
    edit(std::fs::read_to_string(repo().join("templates/base.html")).unwrap())
}

/// The `base` fixture with the files `files` (path, contents) written into it.
fn site_with(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::fixture("base");
    for (path, contents) in files {
        let folder = site.root().join(path);
        std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
        site.write(path, contents);
    }
    site
}

/// Builds the site made of `files`, expects it refused with each of `expected`, nothing written,
/// then builds it again with `unsafe_html = true` and expects it built.
fn refused_unless_trusted(files: &[(&str, &str)], expected: &[&str]) {
    let site = site_with(files);
    let run = site.build();
    assert!(!run.success, "the build should fail");
    for text in expected {
        assert!(run.stderr.contains(text), "expected {text:?} in:\n{}", run.stderr);
    }
    assert_eq!(site.temp_entries(), ["site"], "nothing may be written");
    let config = site.read("site.toml");
    site.write("site.toml", &format!("unsafe_html = true\n{config}"));
    site.build_ok();
}

#[test]
fn base_template_without_the_policy_is_refused() {
    let base = default_base(|base| base.replacen(POLICY_LINE, "", 1));
    refused_unless_trusted(
        &[("templates/base.html", &base)],
        &["templates/base.html:1:1: error: the page template drops the Content-Security-Policy `<meta>`"],
    );
}

#[test]
fn base_template_with_a_block_before_the_policy_is_refused() {
    // A child template could fill such a block with `<!--` and comment the policy out.
    let base = default_base(|base| {
        base.replacen(POLICY_LINE, &format!("{{% block early %}}{{% endblock early %}}\n{POLICY_LINE}"), 1)
    });
    refused_unless_trusted(
        &[("templates/base.html", &base)],
        &["templates/base.html:5:1: error: a template tag comes before the Content-Security-Policy `<meta>`"],
    );
}

#[test]
fn page_template_that_extends_nothing_must_carry_the_policy() {
    refused_unless_trusted(
        &[("templates/404.html", "<!DOCTYPE html>\n<title>404</title>\n<p>Không có trang này.</p>\n")],
        &["templates/404.html:1:1: error: the page template drops the Content-Security-Policy `<meta>`"],
    );
}

/// The default base template with `from` replaced by `to` is refused with `message` at the line
/// where `to` starts, and built when trusted.
fn edited_base_refused_at_the_edit(from: &str, to: &str, message: &str) {
    let base = default_base(|base| base.replacen(from, to, 1));
    let first = to.lines().next().unwrap_or(to);
    let line = base.lines().position(|line| line.starts_with(first)).unwrap() + 1;
    refused_unless_trusted(
        &[("templates/base.html", &base)],
        &[&format!("templates/base.html:{line}:1: error: {message}")],
    );
}

#[test]
fn inline_script_in_a_site_template_is_refused() {
    edited_base_refused_at_the_edit(
        "</body>",
        "<script>alert(1)</script>\n</body>",
        "a `<script>` the default theme does not ship",
    );
}

#[test]
fn event_handler_in_a_site_template_is_refused() {
    edited_base_refused_at_the_edit("<body>", "<body onload=\"alert(1)\">", "an event handler `onload` on `<body>`");
}

#[test]
fn dangerous_markup_in_a_site_template_is_refused_each_at_its_line() {
    let footer = r#"{% extends "base.html" %}
{% block main %}
<a href="javascript:alert(1)">a</a>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>
<object data="x.swf"></object>
<embed src="x.swf">
<img src="data:image/svg+xml,x">
{% endblock main %}
"#;
    refused_unless_trusted(
        &[("templates/search.html", footer)],
        &[
            "templates/search.html:3:1: error: `href` on `<a>` points at a script or an embedded document",
            "templates/search.html:4:1: error: a `<base>` element",
            "templates/search.html:5:1: error: a `<meta http-equiv=refresh>`",
            "templates/search.html:6:1: error: an `<iframe srcdoc>`",
            "templates/search.html:7:1: error: a `<object>` element",
            "templates/search.html:8:1: error: a `<embed>` element",
            "templates/search.html:9:1: error: `src` on `<img>` points at a script or an embedded document",
        ],
    );
}

#[test]
fn site_script_file_is_refused() {
    refused_unless_trusted(
        &[("static/evil.js", "alert(1)\n")],
        &["static/evil.js: error: a site may not ship its own script"],
    );
}

#[test]
fn changed_default_script_is_refused() {
    refused_unless_trusted(
        &[("static/search.js", "alert(1)\n")],
        &["static/search.js: error: a site may not ship its own script"],
    );
}

#[test]
fn harmless_footer_override_builds_with_the_policy() {
    let base = default_base(|base| {
        base.replacen(
            "<p class=\"footer-title\">",
            "<p class=\"footer-note\">Biên tập: nhóm hồ sơ.</p>\n<p class=\"footer-title\">",
            1,
        )
    });
    let site = site_with(&[("templates/base.html", &base), ("static/extra.css", "body { color: black }\n")]);
    site.build_ok();
    let page = std::fs::read_to_string(site.out().join("index.html")).unwrap();
    assert!(page.contains("Biên tập: nhóm hồ sơ."));
    assert!(page.contains("Content-Security-Policy"));
}

#[test]
fn markup_before_the_policy_is_refused() {
    // A policy `<meta>` after body content lands in the body, where browsers ignore it.
    let base = default_base(|base| base.replacen(POLICY_LINE, &format!("<p>x</p>\n{POLICY_LINE}"), 1));
    refused_unless_trusted(
        &[("templates/base.html", &base)],
        &["templates/base.html:5:1: error: something comes before the Content-Security-Policy `<meta>`"],
    );
}

/// The `aria-current` values of the menu's links of `page`, in order, `-` where there is none.
fn menu_states(page: &str) -> Vec<String> {
    let start = page.find("class=site-nav").expect("a menu");
    let menu = &page[start..start + page[start..].find("</nav>").expect("the menu ends")];
    menu.split("<a ")
        .skip(1)
        .map(|link| {
            let tag = &link[..link.find('>').unwrap_or(link.len())];
            let Some((_, value)) = tag.split_once("aria-current=") else { return "-".to_owned() };
            value.trim_start_matches('"').split(['"', ' ']).next().unwrap_or_default().to_owned()
        })
        .collect()
}

#[test]
fn the_menu_marks_its_current_section_alone() {
    let site = TestSite::fixture("base");
    site.build_ok();
    assert_eq!(menu_states(&site.page("actors/index.html")), ["-", "page", "-", "-", "-", "-", "-"]);
    let article = site.page(&format!("{}index.html", first_article_path(&site)));
    assert_eq!(menu_states(&article), ["true", "-", "-", "-", "-", "-", "-"], "an article is in the articles' section");
    assert_eq!(menu_states(&site.page("search/index.html")), ["-"; 7]);
}

/// The path of an article page of `site`, as its home page links it.
fn first_article_path(site: &TestSite) -> String {
    let home = site.page("index.html");
    let at = home.find("href=articles/").expect("the home page links an article") + "href=".len();
    home[at..at + home[at..].find(['>', ' ']).unwrap()].to_owned()
}

#[test]
fn a_site_components_file_without_the_menu_link_builds() {
    // The menu's link is defined in base.html: a site's components.html copied before it existed
    // must not break the built-in base template.
    let site = TestSite::fixture("base");
    let components = std::fs::read_to_string(repo().join("templates/components.html")).unwrap();
    assert!(!components.contains("menu_link"));
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    site.write("templates/components.html", &components);
    site.build_ok();
    assert_eq!(menu_states(&site.page("actors/index.html"))[1], "page");
}

#[test]
fn copy_of_the_default_theme_builds() {
    let site = TestSite::fixture("base");
    for folder in ["templates", "static"] {
        common::copy_tree(&repo().join(folder), &site.root().join(folder));
    }
    site.build_ok();
}

#[test]
fn script_in_a_site_static_document_is_refused() {
    // A static page or SVG opened at its own address runs its script without the pages' policy.
    refused_unless_trusted(
        &[
            ("static/evil.html", "<!DOCTYPE html>\n<p>x</p>\n<script>alert(1)</script>\n"),
            (
                "static/evil.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<circle r=\"4\" onload=\"alert(1)\"/>\n</svg>\n",
            ),
            ("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n"),
        ],
        &[
            "static/evil.html:3:1: error: a `<script>` the default theme does not ship",
            "static/evil.svg:2:1: error: an event handler `onload` on `<circle>`",
        ],
    );
}

#[test]
fn a_script_typed_as_code_is_refused_where_a_json_ld_data_block_is_not() {
    // Only `application/ld+json` without `src` is a data block the browser never runs.
    for kind in ["module", "text/javascript", "importmap", "speculationrules"] {
        edited_base_refused_at_the_edit(
            "</body>",
            &format!("<script type=\"{kind}\">alert(1)</script>\n</body>"),
            "a `<script>` the default theme does not ship",
        );
    }
    let base = default_base(|base| {
        base.replacen("</body>", "<script type=\"application/ld+json\">{\"@type\": \"Thing\"}</script>\n</body>", 1)
    });
    site_with(&[("templates/base.html", &base)]).build_ok();
}
