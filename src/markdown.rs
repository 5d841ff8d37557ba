//! Markdown: one walk over pulldown-cmark's events serves both the plain text an editor's quotes
//! are matched against (the model's job) and the HTML with those quotes marked (render's job).
//!
//! Both walks share [`walk`], which assigns every Text and Code event its byte range in the
//! plain text. That shared walk is why a quote located in the model lands on the right words in
//! the page: the two cannot drift apart. Marking at the event level also means the HTML is never
//! parsed again just to find the quotes.
//!
//! What an editor writes is made safe here too, with [`crate::sanitize`]'s rules: a link or an
//! image whose address is not http, https, mailto or relative is left out (its text stays), and
//! raw HTML is cleaned unless the site trusts it ([`RawHtml`]).

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::{sanitize, urls};

/// The class of the numbered reference link after a quote mark.
pub const REFERENCE_CLASS: &str = "ref";

/// What becomes of the HTML an editor writes inside Markdown (`unsafe_html` in `site.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Cleaned with [`crate::sanitize`]'s allow-list: the default.
    #[default]
    Sanitised,
    /// Published as written, for archives that need embeds.
    Trusted,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Calls `visit` with each event and, for Text and Code events, the byte range of their text in
/// the plain text; returns the plain text. Blocks are separated by a blank line.
fn walk<'a>(markdown: &'a str, mut visit: impl FnMut(Event<'a>, Option<Range<usize>>)) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match &event {
            Event::Text(content) | Event::Code(content) => {
                let start = text.len();
                text.push_str(content);
                let range = start..text.len();
                visit(event, Some(range));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push('\n');
                visit(event, None);
            }
            Event::End(tag) if is_block(*tag) => {
                if !text.is_empty() && !text.ends_with("\n\n") {
                    text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
                }
                visit(event, None);
            }
            _ => visit(event, None),
        }
    }
    text.truncate(text.trim_end().len());
    text
}

fn is_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

/// The text a reader sees, blocks separated by blank lines: what quotes are matched against,
/// and what the search index reads.
pub fn plain_text(markdown: &str) -> String {
    walk(markdown, |_, _| {})
}

/// The first paragraph of `plain_text`, on one line.
pub fn first_paragraph(plain_text: &str) -> String {
    let paragraph = plain_text.split("\n\n").next().unwrap_or_default();
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A passage to highlight: a byte range of the plain text, the fragment id of what it refers to,
/// and the short label of the reference link placed after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    /// The id of the element the passage refers to, such as `claim-1`. The mark itself gets the
    /// id `q-claim-1`, so the reference can link back.
    pub target: String,
    pub label: String,
    /// The accessible name of the reference link, such as "Nhận định 1".
    pub title: String,
}

/// Renders `markdown` to HTML, wrapping each mark's passage in `<mark>` elements (one per text
/// run, so a passage may cross emphasis or a link) followed by a numbered reference link. Links
/// and images with a refused address are left out; raw HTML is cleaned unless `raw_html` trusts it.
pub fn to_html(markdown: &str, marks: &[Mark], raw_html: RawHtml) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut link_depth = 0usize;
    let mut pending_refs: Vec<&Mark> = Vec::new();
    let mut addresses = Addresses::default();
    let mut has_raw_html = false;
    walk(markdown, |event, range| {
        let Some(event) = addresses.filter(event) else { return };
        match (&event, range) {
            (Event::Text(content), Some(range)) if overlaps_any(marks, &range) => {
                split_text(content, range, marks, None, link_depth > 0, &mut pending_refs, &mut events);
            }
            (Event::Code(content), Some(range)) if overlaps_any(marks, &range) => {
                let code = Some(("<code>", "</code>"));
                split_text(content, range, marks, code, link_depth > 0, &mut pending_refs, &mut events);
            }
            (Event::Start(Tag::Link { .. }), _) => {
                link_depth += 1;
                events.push(event);
            }
            (Event::End(TagEnd::Link), _) => {
                link_depth -= 1;
                events.push(event);
                if link_depth == 0 {
                    for mark in pending_refs.drain(..) {
                        events.push(Event::InlineHtml(reference_link(mark).into()));
                    }
                }
            }
            (Event::Html(_) | Event::InlineHtml(_), _) => {
                has_raw_html = true;
                events.push(event);
            }
            _ => events.push(event),
        }
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    match raw_html {
        RawHtml::Sanitised if has_raw_html => sanitize::clean(&html),
        _ => html,
    }
}

/// Leaves out the links and images whose address [`sanitize::allowed_url`] refuses, keeping what
/// they enclose (a link's text, an image's description), so the plain text is unchanged.
#[derive(Default)]
struct Addresses {
    /// For each link or image open, whether it was kept.
    open: Vec<bool>,
}

impl Addresses {
    fn filter<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        let kept = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let kept = sanitize::allowed_url(dest_url);
                self.open.push(kept);
                kept
            }
            Event::End(TagEnd::Link | TagEnd::Image) => self.open.pop().unwrap_or(true),
            _ => true,
        };
        kept.then_some(event)
    }
}

fn overlaps_any(marks: &[Mark], range: &Range<usize>) -> bool {
    marks.iter().any(|mark| mark.range.start < range.end && range.start < mark.range.end)
}

/// Emits one text event split at mark boundaries: marked runs in `<mark>`, the rest as text.
fn split_text<'a, 'm>(
    content: &str,
    range: Range<usize>,
    marks: &'m [Mark],
    wrapper: Option<(&str, &str)>,
    inside_link: bool,
    pending_refs: &mut Vec<&'m Mark>,
    events: &mut Vec<Event<'a>>,
) {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for mark in marks {
        for point in [mark.range.start, mark.range.end] {
            if range.start < point && point < range.end {
                cuts.push(point);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::new();
    html.push_str(wrapper.map_or("", |(open, _)| open));
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let text = escape(&content[start - range.start..end - range.start]);
        let covering: Vec<&Mark> =
            marks.iter().filter(|mark| mark.range.start <= start && end <= mark.range.end).collect();
        if covering.is_empty() {
            html.push_str(&text);
            continue;
        }
        let starting: Vec<&&Mark> = covering.iter().filter(|mark| mark.range.start == start).collect();
        for extra in starting.iter().skip(1) {
            let _ = write!(html, "<span id=\"{}\"></span>", urls::mark_id(&extra.target));
        }
        let id = starting.first().map(|mark| format!(" id=\"{}\"", urls::mark_id(&mark.target))).unwrap_or_default();
        let _ = write!(html, "<mark{id}>{text}</mark>");
        for mark in covering.into_iter().filter(|mark| mark.range.end == end) {
            if inside_link {
                pending_refs.push(mark);
            } else {
                html.push_str(&reference_link(mark));
            }
        }
    }
    html.push_str(wrapper.map_or("", |(_, close)| close));
    events.push(Event::InlineHtml(CowStr::from(html)));
}

fn reference_link(mark: &Mark) -> String {
    format!(
        "<a class=\"{REFERENCE_CLASS}\" href=\"#{}\" aria-label=\"{}\">{}</a>",
        mark.target,
        escape(&mark.title),
        escape(&mark.label)
    )
}

/// `text` as HTML (or XML) text: `&`, `<`, `>` and `"` escaped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut escaped, text).expect("writing to a String cannot fail");
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str, quote: &str, target: &str) -> Mark {
        let start = text.find(quote).unwrap();
        Mark {
            range: start..start + quote.len(),
            target: target.to_owned(),
            label: "1".to_owned(),
            title: "Nhận định 1".to_owned(),
        }
    }

    #[test]
    fn plain_text_separates_blocks_and_keeps_inline_text() {
        let text = plain_text("# Tựa\n\nMột *đoạn* có `mã`.\n\n- một\n- hai\n");
        assert_eq!(text, "Tựa\n\nMột đoạn có mã.\n\nmột\n\nhai");
    }

    #[test]
    fn first_paragraph_is_joined_on_one_line() {
        assert_eq!(first_paragraph("Một\nhai\n\nba"), "Một hai");
    }

    #[test]
    fn a_quote_in_one_text_run_is_marked_and_referenced() {
        let source = "Ông nói: “Đây là những thông tin không có cơ sở”.\n";
        let marks = [mark(&plain_text(source), "không có cơ sở", "claim-1")];
        assert_eq!(
            to_html(source, &marks, RawHtml::Sanitised),
            "<p>Ông nói: “Đây là những thông tin <mark id=\"q-claim-1\">không có cơ sở</mark>\
             <a class=\"ref\" href=\"#claim-1\" aria-label=\"Nhận định 1\">1</a>”.</p>\n"
        );
    }

    #[test]
    fn a_quote_across_emphasis_is_marked_in_each_run() {
        let source = "Một **hai** ba bốn\n";
        let marks = [mark(&plain_text(source), "Một hai ba", "note-1")];
        let html = to_html(source, &marks, RawHtml::Sanitised);
        assert_eq!(
            html,
            "<p><mark id=\"q-note-1\">Một </mark><strong><mark>hai</mark></strong><mark> ba</mark>\
             <a class=\"ref\" href=\"#note-1\" aria-label=\"Nhận định 1\">1</a> bốn</p>\n"
        );
    }

    #[test]
    fn the_reference_of_a_quote_inside_a_link_follows_the_link() {
        let source = "Xem [báo cáo FireEye](https://example.org) nhé\n";
        let marks = [mark(&plain_text(source), "FireEye", "claim-2")];
        let html = to_html(source, &marks, RawHtml::Sanitised);
        assert!(html.contains("FireEye</mark></a><a class=\"ref\" href=\"#claim-2\""), "{html}");
    }

    #[test]
    fn overlapping_quotes_share_the_overlap() {
        let source = "một hai ba bốn\n";
        let text = plain_text(source);
        let marks = [mark(&text, "một hai ba", "claim-1"), mark(&text, "hai ba bốn", "claim-2")];
        let html = to_html(source, &marks, RawHtml::Sanitised);
        assert!(html.contains("<mark id=\"q-claim-1\">một </mark><mark id=\"q-claim-2\">hai ba</mark>"), "{html}");
        assert!(html.contains("href=\"#claim-1\""), "{html}");
        assert!(html.contains("<mark> bốn</mark><a class=\"ref\" href=\"#claim-2\""), "{html}");
    }

    #[test]
    fn links_and_images_to_refused_addresses_keep_only_their_text() {
        let source = "[a](javascript:alert(1)) [b](<java\tscript:x>) [c](&#106;avascript:x) \
                      <JaVaScRiPt:x> [d](data:text/html,x) ![e](data:image/svg+xml,x) [f](https://x.vn/)\n";
        let html = to_html(source, &[], RawHtml::Sanitised);
        assert_eq!(html, "<p>a b c JaVaScRiPt:x d e <a href=\"https://x.vn/\">f</a></p>\n", "{html}");
        assert_eq!(plain_text(source), "a b c JaVaScRiPt:x d e f");
    }

    #[test]
    fn raw_html_is_cleaned_unless_trusted() {
        let source = "<iframe src=\"https://x.vn/\"></iframe>\n\nXem <b onclick=\"x()\">đây</b>\n";
        let marks = [mark(&plain_text(source), "đây", "claim-1")];
        assert_eq!(
            to_html(source, &marks, RawHtml::Sanitised),
            "\n<p>Xem <b><mark id=\"q-claim-1\">đây</mark>\
             <a class=\"ref\" href=\"#claim-1\" aria-label=\"Nhận định 1\">1</a></b></p>\n"
        );
        let trusted = to_html(source, &marks, RawHtml::Trusted);
        assert!(trusted.starts_with("<iframe src=\"https://x.vn/\"></iframe>"), "{trusted}");
        assert!(trusted.contains("<b onclick=\"x()\">"), "{trusted}");
    }

    #[test]
    fn text_is_escaped_inside_and_outside_marks() {
        let source = "1 < 2 & c\n";
        let marks = [mark(&plain_text(source), "&", "n")];
        assert!(to_html(source, &marks, RawHtml::Sanitised).contains("1 &lt; 2 <mark id=\"q-n\">&amp;</mark>"));
    }
}
