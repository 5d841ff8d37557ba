//! What HTML an editor writes may become in a page: the one rule for link and image addresses
//! (http, https, mailto or relative) and the one allow-list, ammonia's, that raw HTML in Markdown
//! goes through. [`crate::markdown`] applies both while it renders.
//!
//! Markdown without raw HTML never reaches ammonia: pulldown-cmark escapes every text and
//! attribute it writes, so the only thing an editor controls there is an address, which
//! [`allowed_url`] checks per link and image. A Markdown text with raw HTML is cleaned whole,
//! after its quotes are marked (raw HTML may open a tag in one event and close it in another, so
//! events cannot be cleaned one by one); the allow-list therefore keeps what the marks are made
//! of, and nothing else an editor could use to script the page or clobber its ids.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::url::{ParseError, Url};

use crate::markdown::{MARK_ID_PREFIX, REFERENCE_CLASS};

/// The schemes a link or an image may use. An address without a scheme is relative, and kept.
const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The alignments pulldown-cmark writes on table cells, the only styles kept.
const CELL_STYLES: [&str; 3] = ["text-align: left", "text-align: center", "text-align: right"];

/// The class prefix pulldown-cmark gives a fenced code block's language.
const CODE_LANGUAGE_PREFIX: &str = "language-";

/// Whether a link or an image may point at `url`: http, https, mailto, or relative. The address
/// is read as a browser reads it (WHATWG URL parsing, which ignores tabs and newlines anywhere and
/// is case-blind in the scheme), so `JaVaScRiPt:` and `java\tscript:` are refused too; an address
/// the parser rejects is refused.
pub fn allowed_url(url: &str) -> bool {
    match Url::parse(url) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// `html` with everything outside the allow-list removed: no script, style, frame, object, form,
/// meta or base element, no event handler or style attribute, no address outside
/// [`allowed_url`], no id other than a quote mark's.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// ammonia's default allow-list (text formatting, headings, lists, tables, links, images, code),
/// with what Markdown and the quote marks add, built once: building it costs more than cleaning a
/// page.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(URL_SCHEMES))
        .link_rel(None)
        .add_tag_attributes("mark", &["id"])
        .add_tag_attributes("span", &["id"])
        .add_tag_attributes("a", &["aria-label"])
        .add_tag_attributes("code", &["class"])
        .tag_attribute_values(HashMap::from([
            ("a", HashMap::from([("class", HashSet::from([REFERENCE_CLASS]))])),
            ("th", HashMap::from([("style", HashSet::from(CELL_STYLES))])),
            ("td", HashMap::from([("style", HashSet::from(CELL_STYLES))])),
        ]))
        .attribute_filter(keep_attribute);
    builder
});

/// The values of allowed attributes that are kept: ids only for quote marks, classes on code only
/// for its language.
fn keep_attribute<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let kept = match (element, attribute) {
        (_, "id") => value.starts_with(MARK_ID_PREFIX),
        ("code", "class") => value.starts_with(CODE_LANGUAGE_PREFIX),
        _ => true,
    };
    kept.then_some(Cow::Borrowed(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_and_relative_addresses_are_allowed() {
        for url in ["https://example.org/a?b#c", "http://x", "mailto:a@b.vn", "../actors/", "#claim-1", "//cdn.example"]
        {
            assert!(allowed_url(url), "{url}");
        }
    }

    #[test]
    fn script_and_data_addresses_are_refused_however_spelt() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            assert!(!allowed_url(url), "{url:?}");
        }
    }

    #[test]
    fn the_marks_survive_cleaning() {
        let marks = "<p><mark id=\"q-claim-1\">x</mark><span id=\"q-note-1\"></span>\
                     <a class=\"ref\" href=\"#claim-1\" aria-label=\"Nhận định 1\">1</a></p>";
        assert_eq!(clean(marks), marks);
    }

    #[test]
    fn markdown_tables_and_code_survive_cleaning() {
        let html = "<table><thead><tr><th style=\"text-align: center\">a</th></tr></thead></table>\
                    <pre><code class=\"language-rust\">x</code></pre>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn editors_ids_classes_and_styles_are_dropped() {
        let html = "<p id=\"search-results\" class=\"ref\" style=\"position:fixed\">x</p>\
                    <a class=\"other\" href=\"#a\">y</a><td style=\"color: red\">z</td>";
        assert_eq!(clean(html), "<p>x</p><a href=\"#a\">y</a>z");
    }

    #[test]
    fn scripts_handlers_and_script_addresses_are_removed() {
        let html = "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"jav&#x09;ascript:alert(1)\">a</a>\
                    <iframe src=\"javascript:alert(1)\"></iframe><details open ontoggle=alert(1)>d</details>";
        assert_eq!(clean(html), "<img src=\"x\"><a>a</a><details>d</details>");
    }
}
