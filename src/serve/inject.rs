//! What the preview adds to the pages it serves, and only to those: the live-reload script, and
//! while the last build failed, the overlay listing its errors. `dossier build` never calls this
//! module. Pages are rewritten with lol_html, as the offline variant is: the script and overlay go
//! at the end of `<body>`, and absolute links to the site's public address (the 404 page has them)
//! are pointed back at the preview.

use lol_html::html_content::ContentType;
use lol_html::{HtmlRewriter, Settings, element};
use pulldown_cmark_escape::{FmtWriter, escape_html};

use super::route::LIVE_SCRIPT;
use super::state::Snapshot;
use crate::diagnostic::Diagnostic;

/// The overlay lists this many errors; `dossier check` lists them all.
const OVERLAY_ERRORS: usize = 30;

/// `html` with the live-reload script (and the overlay, if the last build failed) before
/// `</body>`, and links to `base_url` made local.
pub fn page(html: &[u8], snapshot: &Snapshot, base_url: Option<&str>) -> Vec<u8> {
    let snippet = snippet(snapshot);
    let public_root = base_url.map(|url| format!("{}/", url.trim_end_matches('/')));
    let mut appended = false;
    let mut output = Vec::with_capacity(html.len() + snippet.len());
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("body", |body| {
                body.append(&snippet, ContentType::Html);
                appended = true;
                Ok(())
            }))
            .append_element_content_handler(element!(
                "a[href], link[href], img[src], script[src], form[action]",
                |element| {
                    let Some(root) = &public_root else { return Ok(()) };
                    for attribute in ["href", "src", "action"] {
                        if let Some(local) = element.get_attribute(attribute).and_then(|url| local_url(&url, root)) {
                            element.set_attribute(attribute, &local)?;
                        }
                    }
                    Ok(())
                }
            )),
        |chunk: &[u8]| output.extend_from_slice(chunk),
    );
    // Our own rendered pages cannot make lol_html fail; if it ever does, serve the page as built.
    if rewriter.write(html).and_then(|()| rewriter.end()).is_err() {
        output = html.to_vec();
        appended = false;
    }
    if !appended {
        output.extend_from_slice(snippet.as_bytes());
    }
    output
}

/// `https://site.example/actors/` becomes `/actors/` when the public root is `https://site.example/`.
fn local_url(url: &str, public_root: &str) -> Option<String> {
    url.strip_prefix(public_root).map(|rest| format!("/{rest}"))
}

/// The script tag, with the token of the state the page is served in, and the overlay if any.
fn snippet(snapshot: &Snapshot) -> String {
    let mut snippet = script(snapshot);
    if !snapshot.errors.is_empty() {
        snippet.push_str(&overlay(&snapshot.errors));
    }
    snippet
}

/// The live-reload script, with the token of the state the page is served in.
fn script(snapshot: &Snapshot) -> String {
    format!(r#"<script src="{LIVE_SCRIPT}" data-token="{}"></script>"#, snapshot.token)
}

fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_html(FmtWriter(&mut escaped), text);
    escaped
}

/// The error overlay: each error with its file, line and column, its message, the source line
/// with a caret, and the help. Styled inline so that no theme can hide it.
pub fn overlay(errors: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = errors.iter().filter(|diagnostic| diagnostic.is_error()).collect();
    let mut items = String::new();
    for diagnostic in errors.iter().take(OVERLAY_ERRORS) {
        let location = match diagnostic.position {
            Some(position) => format!("{}:{}:{}", diagnostic.path.display(), position.line, position.column),
            None => diagnostic.path.display().to_string(),
        };
        let shown = diagnostic.to_string();
        let details = shown.split_once('\n').map_or("", |(_, details)| details).trim_end();
        items.push_str(&format!(
            r#"<li style="margin:0 0 1.2em"><code data-dossier-location style="color:#ffd479">{}</code> <span data-dossier-message>{}</span>{}</li>"#,
            escaped(&location),
            escaped(&diagnostic.message),
            if details.is_empty() {
                String::new()
            } else {
                format!(r#"<pre style="margin:.4em 0 0;white-space:pre-wrap;color:#cfcfcf">{}</pre>"#, escaped(details))
            }
        ));
    }
    let more = errors.len().saturating_sub(OVERLAY_ERRORS);
    let more =
        if more > 0 { format!("<p>… and {more} more: run <code>dossier check</code>.</p>") } else { String::new() };
    format!(
        r#"<div id="dossier-overlay" role="alert" lang="en" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2em;background:#18181b;color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left"><div style="max-width:60em;margin:0 auto"><p style="margin:0 0 1em;font-size:1.15em"><strong style="color:#ff7b7b">dossier: {count} error{plural}</strong>. The page shows the last good build; save a fix and it reloads by itself. <button type="button" data-dossier-dismiss style="font:inherit;margin-left:1em;padding:.1em .8em;cursor:pointer">Hide</button></p><ol style="margin:0;padding-left:1.5em">{items}</ol>{more}</div></div>"#,
        count = errors.len(),
        plural = if errors.len() == 1 { "" } else { "s" },
    )
}

/// The page served before the first build finishes, or when the site has never built: nothing
/// to show but the script (and the overlay).
pub fn placeholder(snapshot: &Snapshot) -> Vec<u8> {
    let message = if snapshot.is_building() { "Building the site…" } else { "The site has errors." };
    bare_page(message, &snippet(snapshot))
}

/// The page served for a page that a template failed to render: the script, and `error` (with the
/// errors of the last build, if any) in the overlay.
pub fn unrenderable(error: &Diagnostic, snapshot: &Snapshot) -> Vec<u8> {
    let mut errors = vec![error.clone()];
    errors.extend(snapshot.errors.iter().filter(|other| *other != error).cloned());
    bare_page("A template failed to render this page.", &(script(snapshot) + &overlay(&errors)))
}

fn bare_page(message: &str, snippet: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>dossier serve</title></head>\
         <body><p>{message}</p>{snippet}</body></html>"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Position;

    fn snapshot(errors: Vec<Diagnostic>) -> Snapshot {
        Snapshot { token: "t-2".into(), site: None, errors: Arc::new(errors) }
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let html = b"<html><body><p>x</p></body></html>";
        let served = String::from_utf8(page(html, &snapshot(Vec::new()), None)).unwrap();
        assert_eq!(
            served,
            r#"<html><body><p>x</p><script src="/__dossier/live.js" data-token="t-2"></script></body></html>"#
        );
    }

    #[test]
    fn errors_are_shown_escaped_with_file_and_line() {
        let source = "quote: <b>không có căn cứ</b>\n";
        let error = Diagnostic::error("content/articles/a.yaml", "the quote does not occur in the article text")
            .at(source, Position { line: 1, column: 8 });
        let served = String::from_utf8(page(b"<body></body>", &snapshot(vec![error]), None)).unwrap();
        assert!(served.contains("content/articles/a.yaml:1:8</code>"), "{served}");
        assert!(served.contains("&lt;b&gt;không có căn cứ&lt;/b&gt;"), "{served}");
        assert!(!served.contains("<b>"));
    }

    #[test]
    fn links_to_the_public_site_point_at_the_preview() {
        let html =
            br#"<body><a href="https://dossier.example.org/actors/">x</a><a href="https://vov.vn/">y</a></body>"#;
        let served = String::from_utf8(page(html, &snapshot(Vec::new()), Some("https://dossier.example.org"))).unwrap();
        assert!(served.contains(r#"<a href="/actors/">x</a><a href="https://vov.vn/">y</a>"#), "{served}");
    }

    #[test]
    fn a_page_that_fails_to_render_shows_its_error_and_listens() {
        let error = Diagnostic::error("templates/actor.html", "template: Field `x` is not defined")
            .at("{{ actor.x }}", Position { line: 1, column: 4 });
        let served = String::from_utf8(unrenderable(&error, &snapshot(Vec::new()))).unwrap();
        assert!(served.contains("templates/actor.html:1:4</code>"), "{served}");
        assert!(served.contains(r#"<script src="/__dossier/live.js" data-token="t-2"></script>"#), "{served}");
    }

    #[test]
    fn a_page_without_body_gets_the_script_at_its_end() {
        let served = String::from_utf8(page(b"<p>x</p>", &snapshot(Vec::new()), None)).unwrap();
        assert!(served.starts_with("<p>x</p><script"), "{served}");
    }
}
