//! The offline variant of the site, for the zip: opened from disk, a link to a folder shows a
//! file listing instead of the page, so every internal link must name `index.html`. The pages are
//! rewritten with lol_html rather than rendered twice.

use lol_html::html_content::ContentType;
use lol_html::{HtmlRewriter, Settings, element, text};

use crate::file::OutputFile;

/// The file as the zip holds it: pages with every relative link to a folder pointing at its
/// `index.html`, other files as they are. The 404 page is left out (`None`): only a web server
/// shows it, and its links start from the site's path on its host, which means nothing on disk.
pub fn offline_file(file: &OutputFile) -> Option<OutputFile> {
    match file.path.as_str() {
        "404.html" => None,
        path if path.ends_with(".html") => {
            Some(OutputFile { path: file.path.clone(), bytes: rewrite_links(&file.bytes) })
        }
        _ => Some(file.clone()),
    }
}

/// `../actors/` becomes `../actors/index.html`, `./` becomes `index.html`; `a/#x` becomes
/// `a/index.html#x`. Absolute URLs and fragment-only links are left alone.
fn folder_link_to_file(href: &str) -> Option<String> {
    if href.contains("://") || href.starts_with('#') || href.starts_with("mailto:") || href.starts_with('/') {
        return None;
    }
    let (path, rest) = match href.find(['?', '#']) {
        Some(index) => href.split_at(index),
        None => (href, ""),
    };
    if path.is_empty() || path == "." {
        return Some(format!("index.html{rest}"));
    }
    path.ends_with('/').then(|| format!("{path}index.html{rest}"))
}

fn rewrite_links(html: &[u8]) -> Vec<u8> {
    let mut output = Vec::with_capacity(html.len() + 1024);
    // The content of <noscript> reaches lol_html as raw text (it parses as a browser with
    // scripting on does), so its links are rewritten by running the rewriter on that text.
    let mut noscript = String::new();
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("a[href], form[action]", |element| {
                let attribute = if element.tag_name() == "form" { "action" } else { "href" };
                if let Some(target) = element.get_attribute(attribute).as_deref().and_then(folder_link_to_file) {
                    element.set_attribute(attribute, &target)?;
                }
                Ok(())
            }))
            .append_element_content_handler(text!("noscript", |chunk| {
                noscript.push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    let rewritten = String::from_utf8_lossy(&rewrite_links(noscript.as_bytes())).into_owned();
                    chunk.replace(&rewritten, ContentType::Html);
                    noscript.clear();
                } else {
                    chunk.remove();
                }
                Ok(())
            })),
        |chunk: &[u8]| output.extend_from_slice(chunk),
    );
    // Rewriting our own well-formed pages cannot fail; if lol_html ever refuses, keep the page.
    if rewriter.write(html).and_then(|()| rewriter.end()).is_err() {
        return html.to_vec();
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_links_gain_index_html() {
        assert_eq!(folder_link_to_file("../actors/apt32/").as_deref(), Some("../actors/apt32/index.html"));
        assert_eq!(folder_link_to_file("./").as_deref(), Some("./index.html"));
        assert_eq!(folder_link_to_file("").as_deref(), Some("index.html"));
        assert_eq!(folder_link_to_file("a/#claim-1").as_deref(), Some("a/index.html#claim-1"));
        assert_eq!(folder_link_to_file("../search/?q=apt32").as_deref(), Some("../search/index.html?q=apt32"));
    }

    #[test]
    fn files_fragments_and_other_sites_stay() {
        assert_eq!(folder_link_to_file("#claim-1"), None);
        assert_eq!(folder_link_to_file("https://vov.vn/"), None);
        assert_eq!(folder_link_to_file("../assets/style.css"), None);
    }

    #[test]
    fn pages_are_rewritten_in_place() {
        let html = br#"<p><a href="../actors/">x</a><a href="https://a.org/">y</a></p>"#;
        let rewritten = String::from_utf8(rewrite_links(html)).unwrap();
        assert_eq!(rewritten, r#"<p><a href="../actors/index.html">x</a><a href="https://a.org/">y</a></p>"#);
    }

    #[test]
    fn links_inside_noscript_are_rewritten_too() {
        let html = br#"<noscript><p>See <a href=../>home</a>.</p></noscript>"#;
        let rewritten = String::from_utf8(rewrite_links(html)).unwrap();
        assert_eq!(rewritten, r#"<noscript><p>See <a href="../index.html">home</a>.</p></noscript>"#);
    }
}
