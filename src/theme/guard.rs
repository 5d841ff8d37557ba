//! What a site's own templates and static files may contain, so that nothing a contributor
//! commits runs in a reader's browser (docs/security.md). Checked once, when the theme is read:
//! every page keeps the default theme's Content-Security-Policy `<meta>` at the head of its
//! document, a site template carries no script but the default theme's, no event handler, no
//! script address, no `<base>`, refresh, `srcdoc` frame or plugin, and neither do the site's own
//! static HTML and SVG documents; a site ships no script file of its own. `unsafe_html = true` in
//! site.toml trusts the site and skips all of it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use lol_html::{HtmlRewriter, Settings, doc_text, element};

use crate::diagnostic::Diagnostic;
use crate::layout::{STATIC_DIR, TEMPLATES_DIR};
use crate::sanitize::allowed_url;
use crate::text::position_of_offset;

/// Extensions of the files a browser would run as a script.
const SCRIPT_EXTENSIONS: [&str; 3] = [".js", ".mjs", ".cjs"];

/// Extensions of the static files a browser opens as a document, which may then run script.
const DOCUMENT_EXTENSIONS: [&str; 5] = [".html", ".htm", ".xhtml", ".svg", ".svgz"];

/// Attributes that hold an address the browser follows or loads.
const URL_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "formaction", "xlink:href"];

/// The one `<script>` type a template may carry without a `src`: structured data, which browsers
/// keep as a data block and never run (`script-src` does not apply to it either).
const DATA_BLOCK_TYPE: &str = "application/ld+json";

/// Elements a template may place before the policy `<meta>` without leaving the document's head.
const BEFORE_POLICY: [&str; 3] = ["html", "head", "meta"];

/// The default theme's templates and files, against which a site's own are compared.
pub struct Defaults<'a> {
    pub templates: &'a BTreeMap<String, String>,
    pub assets: &'a BTreeMap<String, Vec<u8>>,
}

/// One element or text of a template, as the HTML tokenizer saw it, with its byte offset.
enum Token {
    Element { offset: usize, name: String, attributes: Vec<(String, String)> },
    Text { offset: usize, text: String },
}

/// The tokens of `source`; a template the tokenizer refuses yields none.
fn tokens(source: &str) -> Vec<Token> {
    let tokens = RefCell::new(Vec::new());
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("*", |element| {
                let attributes = element.attributes().iter().map(|a| (a.name().to_lowercase(), a.value())).collect();
                let (offset, name) = (element.source_location().bytes().start, element.tag_name().to_lowercase());
                tokens.borrow_mut().push(Token::Element { offset, name, attributes });
                Ok(())
            }))
            .append_document_content_handler(doc_text!(|chunk| {
                let offset = chunk.source_location().bytes().start;
                tokens.borrow_mut().push(Token::Text { offset, text: chunk.as_str().to_owned() });
                Ok(())
            })),
        |_: &[u8]| {},
    );
    if rewriter.write(source.as_bytes()).and_then(|()| rewriter.end()).is_err() {
        return Vec::new();
    }
    tokens.into_inner()
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The offset and policy of the first Content-Security-Policy `<meta>` among `tokens`.
fn policy(tokens: &[Token]) -> Option<(usize, &str)> {
    tokens.iter().find_map(|token| match token {
        Token::Element { offset, name, attributes }
            if name == "meta"
                && attribute(attributes, "http-equiv")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-security-policy")) =>
        {
            Some((*offset, attribute(attributes, "content").unwrap_or("")))
        }
        _ => None,
    })
}

/// The template `name` extends, if its first tag is `{% extends "…" %}`.
fn parent(source: &str) -> Option<&str> {
    let rest = source.trim_start().strip_prefix("{%")?.trim_start_matches('-').trim_start();
    let rest = rest.strip_prefix("extends")?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    rest[1..].split(quote).next()
}

/// The template whose output starts every page rendered from `name`: the end of its `extends`
/// chain (cut at a loop, which Tera reports itself).
fn document<'a>(templates: &'a BTreeMap<String, String>, name: &'a str) -> &'a str {
    let mut current = name;
    for _ in 0..templates.len() {
        match templates.get(current).and_then(|source| parent(source)) {
            Some(next) if templates.contains_key(next) => current = next,
            _ => break,
        }
    }
    current
}

/// Every refusal for the site's own templates `own` (names) and static files, laid over
/// `defaults` into `templates` and `assets`.
pub fn check(
    defaults: &Defaults,
    templates: &BTreeMap<String, String>,
    own_templates: &BTreeSet<String>,
    own_assets: &BTreeMap<String, Vec<u8>>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let required = defaults.templates.get("base.html").map(|base| tokens(base)).unwrap_or_default();
    let required = policy(&required).map(|(_, content)| content.to_owned()).unwrap_or_default();
    let documents: BTreeSet<&str> = defaults
        .templates
        .iter()
        .filter(|(_, source)| parent(source).is_some())
        .map(|(name, _)| document(templates, name))
        .filter(|name| own_templates.contains(*name))
        .collect();
    let scripts = default_scripts(defaults.templates);
    for name in own_templates {
        let Some(source) = templates.get(name) else { continue };
        let path = format!("{TEMPLATES_DIR}/{name}");
        let tokens = tokens(source);
        if documents.contains(name.as_str())
            && let Some(error) = policy_first(&path, source, &tokens, &required)
        {
            errors.push(error);
        }
        errors.extend(markup(&path, source, &tokens, &scripts));
    }
    for (name, bytes) in own_assets {
        if defaults.assets.get(name) == Some(bytes) {
            continue;
        }
        let lower = name.to_lowercase();
        if DOCUMENT_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
            let source = String::from_utf8_lossy(bytes);
            errors.extend(markup(&format!("{STATIC_DIR}/{name}"), &source, &tokens(&source), &scripts));
        }
        if SCRIPT_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
            let message = "a site may not ship its own script: it would run in every reader's browser";
            errors.push(
                Diagnostic::error(format!("{STATIC_DIR}/{name}"), message)
                    .with_help("remove the file, or set `unsafe_html = true` in site.toml to trust the site"),
            );
        }
    }
    errors
}

/// The `src` of every `<script>` the default theme's templates carry, as written there.
fn default_scripts(templates: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut scripts = BTreeSet::new();
    for source in templates.values() {
        for token in tokens(source) {
            if let Token::Element { name, attributes, .. } = token
                && name == "script"
                && let Some(src) = attribute(&attributes, "src")
            {
                scripts.insert(src.to_owned());
            }
        }
    }
    scripts
}

/// A refusal unless the document template at `path` opens with the default theme's policy
/// `<meta>`: only `<html>`, `<head>` and `<meta>` elements, blank text and plain `{{ variables }}`
/// in attributes before it, so that nothing a template or a child block writes comes first.
fn policy_first(path: &str, source: &str, tokens: &[Token], required: &str) -> Option<Diagnostic> {
    let help = format!(
        "put `<meta http-equiv=\"Content-Security-Policy\" content=\"{required}\">` in the head, before any \
         other tag than <html>, <head> and <meta charset>, or set `unsafe_html = true` in site.toml to trust the site"
    );
    let refuse = |offset: usize, message: &str| {
        Some(Diagnostic::error(path, message).at(source, position_of_offset(source, offset)).with_help(&help))
    };
    let Some((at, content)) = policy(tokens) else {
        return refuse(0, "the page template drops the Content-Security-Policy `<meta>`");
    };
    if content != required {
        return refuse(at, "the page template changes the Content-Security-Policy");
    }
    let head = &source[..at];
    let template_tag = head.find("{%").or_else(|| head.find("{#")).or_else(|| unsafe_expression(head));
    if let Some(offset) = template_tag {
        return refuse(offset, "a template tag comes before the Content-Security-Policy `<meta>`");
    }
    let before = tokens.iter().find_map(|token| match token {
        Token::Element { offset, name, .. } => {
            (*offset < at && !BEFORE_POLICY.contains(&name.as_str())).then_some(*offset)
        }
        Token::Text { offset, text } => {
            let blank = text.len() - text.trim_start().len();
            (*offset < at && blank < text.len()).then_some(offset + blank)
        }
    });
    before.and_then(|offset| refuse(offset, "something comes before the Content-Security-Policy `<meta>`"))
}

/// The offset of the first `{{ … }}` in `text` that is more than a plain variable (a filter such
/// as `safe`, a function or a macro may write markup).
fn unsafe_expression(text: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(found) = text[start..].find("{{") {
        let open = start + found;
        let inner = &text[open + 2..];
        let plain = inner.find("}}").is_some_and(|close| {
            inner[..close].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ' '))
        });
        if !plain {
            return Some(open);
        }
        start = open + 2;
    }
    None
}

/// A refusal for each element of the template or static document at `path` that could run
/// script or send the reader elsewhere.
fn markup(path: &str, source: &str, tokens: &[Token], scripts: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for token in tokens {
        let Token::Element { offset, name, attributes } = token else { continue };
        let mut refuse = |message: String| {
            errors.push(
                Diagnostic::error(path, message)
                    .at(source, position_of_offset(source, *offset))
                    .with_help("remove it, or set `unsafe_html = true` in site.toml to trust the site"),
            );
        };
        match name.as_str() {
            "script"
                if !attribute(attributes, "src").is_some_and(|src| scripts.contains(src))
                    && !is_data_block(attributes) =>
            {
                refuse("a `<script>` the default theme does not ship".to_owned())
            }
            "base" | "object" | "embed" => refuse(format!("a `<{name}>` element")),
            "iframe" if attribute(attributes, "srcdoc").is_some() => refuse("an `<iframe srcdoc>`".to_owned()),
            // An SVG animation can set a link's address to a script after the check.
            "set" | "animate" if attribute(attributes, "attributename").is_some_and(|a| a.ends_with("href")) => {
                refuse(format!("a `<{name}>` that changes an address"))
            }
            "meta" if attribute(attributes, "http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")) => {
                refuse("a `<meta http-equiv=refresh>`".to_owned())
            }
            _ => {}
        }
        for (attribute, value) in attributes {
            if attribute.starts_with("on") {
                refuse(format!("an event handler `{attribute}` on `<{name}>`"));
            } else if URL_ATTRIBUTES.contains(&attribute.as_str()) && !allowed_url(value) {
                refuse(format!("`{attribute}` on `<{name}>` points at a script or an embedded document"));
            }
        }
    }
    errors
}

/// Whether a `<script>` is a JSON-LD data block: that exact type and no address to load.
fn is_data_block(attributes: &[(String, String)]) -> bool {
    attribute(attributes, "type").is_some_and(|kind| kind.trim().eq_ignore_ascii_case(DATA_BLOCK_TYPE))
        && attribute(attributes, "src").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_reads_the_extends_tag() {
        assert_eq!(parent("{% extends \"base.html\" %}\n"), Some("base.html"));
        assert_eq!(parent("{%- extends 'x.html' -%}"), Some("x.html"));
        assert_eq!(parent("<p>{% extends \"base.html\" %}"), None);
    }

    #[test]
    fn only_plain_variables_are_safe_before_the_policy() {
        assert_eq!(unsafe_expression("<html lang=\"{{ site.language }}\">"), None);
        assert_eq!(unsafe_expression("<html lang=\"{{ x | safe }}\">"), Some(12));
    }
}
