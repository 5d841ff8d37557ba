//! The Vietnamese words of a page live in the templates: a site translates the dates and the
//! names of quote reference links by overriding `templates/components.html`, and an override
//! that drops a wording component is a clear error naming that file, not a panic.

mod common;

use common::{TestSite, repo};

fn builtin_components() -> String {
    std::fs::read_to_string(repo().join("templates/components.html")).unwrap()
}

/// Overrides the base fixture's `templates/components.html` with `source`.
fn override_components(site: &TestSite, source: &str) {
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    site.write("templates/components.html", source);
}

/// The built-in components with `from` replaced by `to`, failing if `from` is not there.
fn components_with(replacements: &[(&str, &str)]) -> String {
    replacements.iter().fold(builtin_components(), |source, (from, to)| {
        assert!(source.contains(from), "the built-in components have {from}");
        source.replace(from, to)
    })
}

#[test]
fn a_site_translates_reference_names_and_dates_in_components_html() {
    let site = TestSite::fixture("base");
    let english = components_with(&[
        ("Ghi chú {{ label }}", "Note {{ label }}"),
        ("Nhận định {{ label }}", "Claim {{ label }}"),
        ("tháng {{ d.month }}/{{ d.year }}", "{{ d.year }}-{{ d.month }}"),
        ("năm {{ d.year }}", "in {{ d.year }}"),
    ]);
    override_components(&site, &english);
    site.build_ok();
    let page = site.page("articles/viet-nam-bac-bo/index.html");
    assert!(page.contains("aria-label=\"Claim 1\""), "{page}");
    assert!(page.contains("aria-label=\"Note a\""), "{page}");
    assert!(!page.contains("Nhận định 1\""), "no Vietnamese reference name is left");
    let dates = format!("{}{}", site.page("index.html"), site.page("page/2/index.html"));
    assert!(dates.contains(">2024-2</time>") && dates.contains(">in 2013</time>"), "{dates}");
}

// An override without `reference_title` once had nothing to word the reference links with.
#[test]
fn components_html_without_reference_title_is_an_error_naming_it() {
    let site = TestSite::fixture("base");
    let source = builtin_components();
    let (start, end) = ("{% component reference_title", "{%- endcomponent reference_title %}");
    let start = source.find(start).expect("the built-in component");
    let end = source.find(end).expect("its end") + end.len();
    override_components(&site, &format!("{}{}", &source[..start], &source[end..]));
    let run = site.build();
    assert!(!run.success);
    assert!(run.stderr.contains("templates/components.html"), "{}", run.stderr);
    assert!(run.stderr.contains("reference_title"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
