//! A quick reader for the YAML that article files are nearly always written in: front matter of
//! `key: value` lines, and annotations made of those, of lists (`[a, "b"]`, or `- item` lines)
//! and of lists of mappings (claims, notes). serde-saphyr reads about 20 MB/s, which made YAML half
//! the time of loading a large archive; this reads the same files many times faster.
//!
//! It reads a strict subset of YAML and gives up (`None`) on anything outside it: escapes,
//! multi-line and block scalars, anchors, aliases and tags, nested or multi-line flows, tabs,
//! carriage returns, an empty or null value, a key it does not know or sees twice, a plain scalar
//! that YAML could read as something other than a string. serde-saphyr then reads the file and
//! reports its errors. What this reader does accept, it reads to the very records serde-saphyr
//! makes, at the same lines and columns: the tests hold it to that on the fixture sites, a
//! generated archive and edge cases.

use super::raw::{At, Claim, FrontMatter, Note, Sidecar, Spanned, Text};

/// Reads front matter, if it is in the subset.
pub fn front_matter(yaml: &str) -> Option<FrontMatter> {
    let lines = lines(yaml)?;
    let mut front = FrontMatter::default();
    let mut seen = Vec::new();
    for line in &lines {
        let (key, value) = key_value(line, 0, &mut seen)?;
        let value = value?;
        match key {
            "title" => front.title = Some(string(line, value)?),
            "date" => front.date = Some(date(line, value)?),
            "source" => front.source = Some(string(line, value)?),
            "url" => front.url = Some(string(line, value)?),
            "author" => front.author = Some(string(line, value)?),
            "summary" => front.summary = Some(string(line, value)?),
            _ => return None,
        }
    }
    Some(front)
}

/// Reads an article's annotations, if they are in the subset.
pub fn sidecar(yaml: &str) -> Option<Sidecar> {
    let lines = lines(yaml)?;
    let mut sidecar = Sidecar::default();
    let mut seen = Vec::new();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let (key, value) = key_value(line, 0, &mut seen)?;
        index += 1;
        let rest = &lines[index..];
        let used = match key {
            "actors" => list(line, value, rest, &mut sidecar.actors)?,
            "countries" => list(line, value, rest, &mut sidecar.countries)?,
            "tags" => list(line, value, rest, &mut sidecar.tags)?,
            "claims" => mappings(value, rest, &mut sidecar.claims, claim_field)?,
            "notes" => mappings(value, rest, &mut sidecar.notes, note_field)?,
            _ => return None,
        };
        index += used;
    }
    Some(sidecar)
}

/// A line of the document that holds something (not blank, not only a comment).
struct Line<'a> {
    /// From 1.
    number: usize,
    /// Spaces before `text`.
    indent: usize,
    text: &'a str,
}

impl Line<'_> {
    /// Where `part`, a suffix of this line's text, starts.
    fn at(&self, part: &str) -> At {
        let offset = self.text.len() - part.len();
        At { line: self.number, column: self.indent + self.text[..offset].chars().count() + 1 }
    }
}

fn lines(yaml: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::new();
    for (index, line) in yaml.split('\n').enumerate() {
        if line.contains(['\t', '\r']) {
            return None;
        }
        let text = line.trim_start_matches(' ');
        if !text.is_empty() && !text.starts_with('#') {
            lines.push(Line { number: index + 1, indent: line.len() - text.len(), text });
        }
    }
    Some(lines)
}

/// `key: value` starting at `text` (a suffix of `line`'s text, at column `indent` of the line):
/// the key and the value, `None` when the line stops after the colon. The key must be new to
/// `seen`.
fn key_value<'a>(line: &Line<'a>, indent: usize, seen: &mut Vec<&'a str>) -> Option<(&'a str, Option<&'a str>)> {
    if line.indent != indent {
        return None;
    }
    let text = line.text;
    let length = text.bytes().take_while(|byte| byte.is_ascii_lowercase() || *byte == b'_').count();
    let (key, rest) = text.split_at(length);
    if key.is_empty() || seen.contains(&key) {
        return None;
    }
    seen.push(key);
    let rest = rest.strip_prefix(':')?;
    if rest.is_empty() {
        return Some((key, None));
    }
    let value = rest.strip_prefix(' ')?.trim_start_matches(' ');
    Some((key, (!value.is_empty() && !value.starts_with('#')).then_some(value)))
}

/// Whether what follows a value on its line is nothing, or a comment.
fn ends_value(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// A string value that is all there is on its line (but a comment).
fn string(line: &Line, value: &str) -> Option<Spanned<String>> {
    let (text, rest) = scalar(value, false)?;
    ends_value(rest).then(|| Spanned { value: text, at: line.at(value) })
}

/// A date: quoted, or a plain year, year-month or year-month-day (a plain year is a number to
/// YAML, which [`Text`] writes back as the same digits).
fn date(line: &Line, value: &str) -> Option<Spanned<Text>> {
    let (text, rest) = match value.chars().next()? {
        '"' | '\'' => scalar(value, false)?,
        _ => {
            let length = value.bytes().take_while(|byte| byte.is_ascii_digit() || *byte == b'-').count();
            let (date, rest) = value.split_at(length);
            let shape: String = date.bytes().map(|byte| if byte == b'-' { '-' } else { '9' }).collect();
            let known = ["9999", "9999-99", "9999-99-99"].contains(&shape.as_str()) && !date.starts_with('0');
            (known.then(|| date.to_owned())?, rest)
        }
    };
    ends_value(rest).then(|| Spanned { value: Text(text), at: line.at(value) })
}

/// A scalar at the start of `text`, and what follows it. `in_flow` is inside `[...]`.
fn scalar(text: &str, in_flow: bool) -> Option<(String, &str)> {
    match text.chars().next()? {
        '"' => {
            let end = text[1..].find(['"', '\\'])? + 1;
            (text.as_bytes()[end] == b'"').then(|| (text[1..end].to_owned(), &text[end + 1..]))
        }
        '\'' => {
            let mut value = String::new();
            let mut rest = &text[1..];
            loop {
                let quote = rest.find('\'')?;
                value.push_str(&rest[..quote]);
                rest = &rest[quote + 1..];
                match rest.strip_prefix('\'') {
                    Some(after) => {
                        value.push('\'');
                        rest = after;
                    }
                    None => return Some((value, rest)),
                }
            }
        }
        _ => plain(text, in_flow),
    }
}

/// A plain (unquoted) scalar: up to a comment, or in a flow up to `,` or `]`. Refused where YAML
/// would read something else: an indicator first, a number, a boolean or null, a `: ` inside.
fn plain(text: &str, in_flow: bool) -> Option<(String, &str)> {
    let first = text.chars().next()?;
    if "-?:,[]{}#&*!|>'\"%@`+.".contains(first) || first.is_ascii_digit() {
        return None;
    }
    let mut end = text.find(" #").unwrap_or(text.len());
    if in_flow {
        end = end.min(text.find([',', ']']).unwrap_or(text.len()));
    }
    let value = text[..end].trim_end_matches(' ');
    let looks_typed = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|word| value.eq_ignore_ascii_case(word));
    let unsafe_inside =
        value.contains(": ") || value.ends_with(':') || (in_flow && value.contains(['[', '{', '}', ':', '#']));
    (!looks_typed && !unsafe_inside).then(|| (value.to_owned(), &text[value.len()..]))
}

/// A list of strings: `[a, "b"]` after the key, or `- item` lines after it. Returns how many of
/// `rest` it used.
fn list(line: &Line, value: Option<&str>, rest: &[Line], items: &mut Vec<Spanned<String>>) -> Option<usize> {
    if let Some(value) = value {
        let mut text = value.strip_prefix('[')?.trim_start_matches(' ');
        if let Some(after) = text.strip_prefix(']') {
            return ends_value(after).then_some(0);
        }
        loop {
            let (item, after) = scalar(text, true)?;
            items.push(Spanned { value: item, at: line.at(text) });
            let after = after.trim_start_matches(' ');
            if let Some(after) = after.strip_prefix(']') {
                return ends_value(after).then_some(0);
            }
            text = after.strip_prefix(',')?.trim_start_matches(' ');
            if text.is_empty() || text.starts_with(']') {
                return None;
            }
        }
    }
    let indent = rest.first()?.indent;
    let mut used = 0;
    for line in rest.iter().take_while(|line| line.indent == indent && line.text.starts_with("- ")) {
        items.push(string(line, line.text[2..].trim_start_matches(' '))?);
        used += 1;
    }
    (used > 0 && rest.get(used).is_none_or(|next| next.indent == 0)).then_some(used)
}

/// A list of mappings, one per `- key: value` line and the `key: value` lines under it, each field
/// set by `field`. Returns how many of `rest` it used.
fn mappings<T: Default>(
    value: Option<&str>,
    rest: &[Line],
    items: &mut Vec<Spanned<T>>,
    field: fn(&mut T, &str, &Line, &str) -> Option<()>,
) -> Option<usize> {
    if let Some(value) = value {
        return (value.strip_prefix("[]").is_some_and(ends_value)).then_some(0);
    }
    let dash = rest.first()?.indent;
    let mut used = 0;
    while let Some(first) = rest.get(used).filter(|line| line.indent == dash && line.text.starts_with("- ")) {
        let after_dash = first.text[2..].trim_start_matches(' ');
        let indent = first.indent + first.text.len() - after_dash.len();
        let first = Line { number: first.number, indent, text: after_dash };
        let mut item = T::default();
        let mut seen = Vec::new();
        let (key, value) = key_value(&first, indent, &mut seen)?;
        field(&mut item, key, &first, value?)?;
        used += 1;
        while let Some(line) = rest.get(used).filter(|line| line.indent > dash) {
            let (key, value) = key_value(line, indent, &mut seen)?;
            field(&mut item, key, line, value?)?;
            used += 1;
        }
        items.push(Spanned { value: item, at: first.at(first.text) });
    }
    (used > 0 && rest.get(used).is_none_or(|next| next.indent == 0)).then_some(used)
}

fn claim_field(claim: &mut Claim, key: &str, line: &Line, value: &str) -> Option<()> {
    match key {
        "by" => claim.by = Some(string(line, value)?),
        "kind" => claim.kind = Some(string(line, value)?),
        "target" => claim.target = Some(string(line, value)?),
        "about" => claim.about = Some(string(line, value)?),
        "date" => claim.date = Some(date(line, value)?),
        "quote" => claim.quote = Some(string(line, value)?),
        "note" => claim.note = Some(string(line, value)?.value),
        _ => return None,
    }
    Some(())
}

fn note_field(note: &mut Note, key: &str, line: &Line, value: &str) -> Option<()> {
    match key {
        "quote" => note.quote = Some(string(line, value)?),
        "note" => note.note = Some(string(line, value)?.value),
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::split_front_matter;
    use super::*;

    /// What serde-saphyr makes of `yaml`, if it reads it.
    fn slow<T: serde::de::DeserializeOwned>(yaml: &str) -> Option<T> {
        serde_saphyr::from_str(yaml).ok()
    }

    /// Holds the quick reader to serde-saphyr on `yaml`, and says whether it read it.
    fn agrees(yaml: &str) -> bool {
        let (quick_front, quick_sidecar) = (front_matter(yaml), sidecar(yaml));
        if quick_front.is_some() {
            assert_eq!(quick_front, slow(yaml), "front matter:\n{yaml}");
        }
        if quick_sidecar.is_some() {
            assert_eq!(quick_sidecar, slow(yaml), "annotations:\n{yaml}");
        }
        quick_front.is_some() || quick_sidecar.is_some()
    }

    #[test]
    fn the_usual_shapes_are_read_as_serde_saphyr_reads_them() {
        for yaml in [
            "title: \"Ả Rập Xê Út cảnh báo\"\ndate: 2025-09-11\nsource: \"Kinh tế & Đô thị\"\nurl: \"https://x.vn/a\"\n",
            "title: Cáo buộc Việt Nam  # the headline\ndate: 2020  # the year\nsource: 'VOV'\n# url: https://...\n",
            "title: Trung Quốc gọi là \"vô căn cứ\"\ndate: \"2014-03\"\nsource: Tuổi Trẻ\nsummary: Một câu.\n",
            "actors: [\"deep-falcon\", Bộ Tư pháp, 'it''s']\ncountries: [vn, \"sa\"]\ntags: []\n",
            "actors:\n  - apt32\n  -   \"Bộ Ngoại giao\"\ncountries:\n- vn\n",
            "claims:\n  - by: \"sa\"\n    kind: warns\n    target: \"silk-chollima\"\n    date: \"2014-03\"\n    \
             quote: \"Ả Rập Xê Út cảnh báo\"\n    note: \"Bài báo không nêu nguồn.\"\n  - by: vn\n    kind: denies\n    \
             target: FireEye\n    about: SeaLotus\n    date: 2020-04-23\n    quote: '\"Đây là những thông tin\"'\n\
             notes:\n- quote: Năm 2018\n  note: Luật An ninh mạng có hiệu lực từ năm 2019.\n",
            "# Annotations\n# actors: [apt32]\n\nactors: [apt32]  # who\nclaims: []\n",
        ] {
            assert!(agrees(yaml), "not read quickly:\n{yaml}");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde_saphyr() {
        for yaml in [
            "title: \"a \\\"b\\\"\"\n",
            "title: a\n  continued\n",
            "title: |\n  block\n",
            "title:\n",
            "title: ~\n",
            "title: yes\n",
            "title: 5 nhóm tin tặc\n",
            "title: a: b\n",
            "title: &x a\n",
            "title: a\ntitle: b\n",
            "titel: a\n",
            "title:\ta\n",
            "date: 2020.5\n",
            "date: 0999\n",
            "actors: [a, [b]]\n",
            "actors: [a,\n  b]\n",
            "actors: [a, b,]\n",
            "actors:\n  - a\n    b\n",
            "claims:\n  - by: a\n      kind: b\n",
            "claims:\n  -\n    by: a\n",
            "claims:\n  - by: a\n    extra: b\n",
            "claims:\n  - by: a\n    note: |\n      x\n",
            "notes: x\n",
            "---\nactors: [a]\n",
        ] {
            assert!(front_matter(yaml).is_none() && sidecar(yaml).is_none(), "read quickly:\n{yaml}");
        }
    }

    #[test]
    fn every_fixture_file_read_quickly_is_read_as_serde_saphyr_reads_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        for entry in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            match path.extension().and_then(|extension| extension.to_str()) {
                Some("yaml") => {
                    agrees(&text);
                }
                Some("md") => {
                    if let Some((front, _)) = split_front_matter(&text) {
                        agrees(&text[front]);
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn a_generated_archive_is_read_quickly_and_alike() {
        let folder = tempfile::tempdir().unwrap();
        crate::corpus::write_site(folder.path(), &crate::corpus::Options { articles: 300, seed: 7 }).unwrap();
        for entry in std::fs::read_dir(folder.path().join(super::super::ARTICLES_DIR)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let yaml = match split_front_matter(&text) {
                Some((front, _)) => &text[front],
                None => &text,
            };
            assert!(agrees(yaml), "not read quickly: {}", path.display());
        }
    }
}
