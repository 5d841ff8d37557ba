//! YAML mistakes in an editor's terms.
//!
//! serde-saphyr says where its parser noticed a problem, in the parser's words ("mapping values
//! are not allowed in this context"), and often lines after the mistake: an unclosed quote or
//! bracket is noticed where the next field starts or at the end of the file, a missing `:` on the
//! line after. [`explain`] finds the line where the mistake is and says what to type there.
//! [`lint`] finds what YAML accepts but reads otherwise than an editor meant: a `#` after a space
//! ends a value (the rest of the line is a comment), and a leading `&` or `!` makes the first
//! word an anchor name or a tag, left out of the value.
//!
//! Both read the text with [`scan`], which knows just enough YAML (indentation, `- `, `key: `,
//! quotes, brackets, block scalars, comments) to tell where each value starts and where each
//! quote and bracket closes. It never decides whether a file is valid: the parser does.

use std::ops::Range;

use crate::diagnostic::Position;
use crate::text::position_of_offset;

/// A mistake and what to type instead, at a position of the YAML document (not of the file).
#[derive(Debug, PartialEq, Eq)]
pub struct Advice {
    pub position: Position,
    /// How many characters to underline from `position`, at least one.
    pub underline: usize,
    pub message: String,
    pub help: String,
}

/// Explains the parser's error `parser`, noticed at `noticed`, as the mistake an editor made and
/// where; `None` when it is none of the mistakes known here.
pub fn explain(yaml: &str, noticed: Position, parser: &str) -> Option<Advice> {
    let at = offset_of_position(yaml, noticed);
    tab_indent(yaml, noticed.line, parser)
        .or_else(|| unclosed(yaml, &scan(yaml), at))
        .or_else(|| on_the_line(yaml, at, parser))
}

/// What YAML reads otherwise than an editor likely meant, in a document that parsed.
pub fn lint(yaml: &str) -> Vec<Advice> {
    if !may_mislead(yaml) {
        return Vec::new();
    }
    let scan = scan(yaml);
    let comments = scan.comments.iter().map(|&at| {
        let advice = advise(yaml, at, 1, "YAML: a `#` after a space ends the value: the rest of the line is a comment");
        advice.help(format!(
            "if the `#` is part of the text, put the value in quotes: {}; a comment has a space after `#`",
            quoted_line(yaml, value_on_line(yaml, at).unwrap_or(at)),
        ))
    });
    let properties = scan.properties.iter().map(|property| {
        let name = &yaml[property.clone()];
        let reading = if name.starts_with('&') { "an anchor name" } else { "a tag" };
        let message = format!("YAML: `{name}` is read as {reading} and left out of the value");
        let advice = advise(yaml, property.start, name.chars().count(), &message);
        advice.help(format!("put the value in quotes: {}", quoted_line(yaml, property.start)))
    });
    comments.chain(properties).collect()
}

/// Whether `yaml` has what [`lint`] looks for at all: a `#` after a blank with text right after
/// it, or a `&` or `!` after a blank or at a line start. Most files have none, and are not
/// scanned.
fn may_mislead(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    bytes.iter().enumerate().any(|(index, &byte)| {
        let after_blank = index == 0 || matches!(bytes[index - 1], b' ' | b'\t' | b'\n');
        let before_text = bytes.get(index + 1).is_some_and(|next| !next.is_ascii_whitespace());
        after_blank && (matches!(byte, b'&' | b'!') || (byte == b'#' && before_text))
    })
}

/// A value may not start with these unless it is quoted, with what YAML reads them as.
const INDICATORS: [(char, &str); 9] = [
    ('-', "a list item"),
    ('*', "an alias"),
    ('&', "an anchor"),
    ('!', "a tag"),
    ('|', "a block of text on the next lines"),
    ('>', "a block of text on the next lines"),
    ('%', "a directive"),
    ('@', "a reserved character"),
    ('`', "a reserved character"),
];

/// Quote marks that are text to YAML, though an editor may take them for quotes.
const TYPOGRAPHIC_QUOTES: [char; 5] = ['“', '”', '‘', '’', '«'];

fn advise(yaml: &str, at: usize, underline: usize, message: &str) -> Advice {
    Advice { position: position_of_offset(yaml, at), underline, message: message.to_owned(), help: String::new() }
}

impl Advice {
    fn help(mut self, help: String) -> Advice {
        self.help = help;
        self
    }
}

/// A tab in the indentation: the parser often notices it at the end of the line before.
fn tab_indent(yaml: &str, noticed_line: usize, parser: &str) -> Option<Advice> {
    if !parser.contains("tab") {
        return None;
    }
    let lines: Vec<(usize, &str)> = yaml
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| line.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'))
        .collect();
    let (number, line) = lines.iter().find(|(number, _)| *number >= noticed_line).or_else(|| lines.last())?;
    let column = line.chars().position(|c| c == '\t')? + 1;
    Some(Advice {
        position: Position { line: *number, column },
        underline: 1,
        message: "YAML: a tab in the indentation; YAML indents with spaces only".to_owned(),
        help: "replace the tab with spaces, as many as the lines around it have".to_owned(),
    })
}

/// A quote the error is inside of, or a bracket never closed: the mistake is where it opens.
fn unclosed(yaml: &str, scan: &Scan, at: usize) -> Option<Advice> {
    let opened = scan.opened.iter().find(|opened| {
        let is_quote = yaml[opened.at..].starts_with(['"', '\'']);
        match opened.close {
            None => opened.at <= at,
            Some(close) => is_quote && opened.at < at && close >= at,
        }
    })?;
    let mark = yaml[opened.at..].chars().next()?;
    let (closing, what, inside) = match mark {
        '"' => ('"', "value", "a `\"` inside the text is written `\\\"`"),
        '\'' => ('\'', "value", "a `'` inside the text is written `''`"),
        '[' => (']', "list", ""),
        _ => ('}', "mapping", ""),
    };
    let line = line_around(yaml, opened.at);
    let fixed = format!("{}{closing}", yaml[line.clone()].trim().trim_end_matches(','));
    let message = format!("YAML: the `{mark}` that starts this {what} is not closed on its line");
    let mut help = format!("end it with `{closing}`: `{fixed}`");
    if !inside.is_empty() {
        help.push_str(&format!(" ({inside})"));
    }
    Some(advise(yaml, opened.at, 1, &message).help(help))
}

/// The mistakes seen on the line where the parser noticed the error (or on the line before).
fn on_the_line(yaml: &str, at: usize, parser: &str) -> Option<Advice> {
    let line = line_around(yaml, at);
    let at = at.min(line.end);
    let value = value_on_line(yaml, at);
    let colon = scan(&yaml[line.clone()]).colons.first().map(|colon| line.start + colon);
    if let Some(value) = value.filter(|&value| value == at)
        && let Some(&(mark, reading)) = INDICATORS.iter().find(|(mark, _)| yaml[value..].starts_with(*mark))
    {
        let message = format!("YAML: a value cannot start with `{mark}` unless it is in quotes ({reading} to YAML)");
        return Some(advise(yaml, value, 1, &message).help(format!("write {}", quoted_line(yaml, value))));
    }
    if parser.contains("trailing content after") {
        let message = "YAML: text after the closing quote";
        let help = format!(
            "a value that starts with a quote ends with it; to keep the quote marks as text, put the whole value in \
             quotes: {}",
            quoted_line(yaml, value.unwrap_or(at)),
        );
        return Some(advise(yaml, at, 1, message).help(help));
    }
    if parser.contains("mapping values are not allowed") {
        return Some(match colon {
            Some(colon) if colon == at => continued(yaml, line.start, at),
            _ => colon_in_value(yaml, at, value.unwrap_or(at)),
        });
    }
    if parser.contains("expected string scalar") && yaml[at..line.end].contains(": ") {
        let colon = at + yaml[at..line.end].find(": ").unwrap_or(0);
        return Some(colon_in_value(yaml, colon, at));
    }
    if ["simple key expected", "could not find expected ':'", "expected mapping start"]
        .iter()
        .any(|text| parser.contains(text))
        && colon.is_none()
    {
        return missing_colon(yaml, line.start);
    }
    if parser.contains("did not find expected") {
        return misindented(yaml, line.start);
    }
    let (_, duplicate) = parser.split_once("duplicate mapping key: ")?;
    let key = duplicate.split(',').next().unwrap_or(duplicate);
    let message = format!("YAML: `{key}` is written twice");
    Some(advise(yaml, at, key.chars().count(), &message).help(format!("keep one `{key}:` with every value under it")))
}

/// A `key: value` line that YAML read as going on with the value of the line above, since that
/// line is not a field (a `:` is missing) or its value is not quoted and this line is deeper.
fn continued(yaml: &str, line_start: usize, colon: usize) -> Advice {
    let above = yaml[..line_start]
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .last()
        .map(|(index, _)| line_offset(yaml, index));
    match above {
        Some(start) if scan(&yaml[line_around(yaml, start)]).colons.is_empty() => {
            missing_colon(yaml, start).unwrap_or_else(|| colon_in_value(yaml, colon, colon))
        }
        _ => {
            let number = position_of_offset(yaml, above.unwrap_or(0)).line;
            advise(yaml, colon, 1, "YAML: `: ` inside a value that is not in quotes").help(format!(
                "this line is indented deeper than the field on line {number}, so it goes on with that value, and \
                 `: ` in a value starts a field; if this line is a field, indent it as the one on line {number}; if \
                 it is text, put the whole value on one line, in quotes"
            ))
        }
    }
}

/// A line indented by a number of spaces that no line above it has, so that YAML cannot tell
/// which block it belongs to; the advice is the closer indentation of the line above (its `- `
/// for a list item, its field otherwise).
fn misindented(yaml: &str, line_start: usize) -> Option<Advice> {
    let levels = |line: &str| {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let field = indent + (line.trim_start().len() - line.trim_start().trim_start_matches(['-', ' ']).len());
        (indent, field)
    };
    let above: Vec<(usize, &str)> = yaml[..line_start]
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .collect();
    let line = &yaml[line_around(yaml, line_start)];
    let (indent, _) = levels(line);
    if above.iter().any(|(_, line)| [levels(line).0, levels(line).1].contains(&indent)) {
        return None;
    }
    let &(index, previous) = above.last()?;
    let (dash, field) = levels(previous);
    let is_item = line.trim_start().starts_with("- ");
    let (spaces, like) = match (indent.abs_diff(dash)).cmp(&indent.abs_diff(field)) {
        std::cmp::Ordering::Less => (dash, "the `-` on line"),
        std::cmp::Ordering::Equal if is_item => (dash, "the `-` on line"),
        _ => (field, "the field on line"),
    };
    let message = format!("YAML: this line is indented {indent} spaces, as no line above it is");
    let help = format!("indent it {spaces} spaces, like {like} {}", index + 1);
    Some(advise(yaml, line_start + indent, 1, &message).help(help))
}

/// `: ` inside a plain value, which YAML reads as the start of a field.
fn colon_in_value(yaml: &str, colon: usize, value: usize) -> Advice {
    let curly = yaml[value..].starts_with(TYPOGRAPHIC_QUOTES);
    let note = if curly { " (the curly quotes are text to YAML: they do not quote the value)" } else { "" };
    advise(yaml, colon, 1, "YAML: `: ` inside a value that is not in quotes").help(format!(
        "YAML reads `: ` as the start of a field; put the whole value in quotes: {}{note}",
        quoted_line(yaml, value)
    ))
}

/// A line whose first word is not followed by `:`.
fn missing_colon(yaml: &str, line_start: usize) -> Option<Advice> {
    let line = &yaml[line_around(yaml, line_start)];
    let content = line.trim_start_matches([' ', '-']);
    let word = content.split_whitespace().next()?;
    let rest = content[word.len()..].trim();
    let after_word = line_start + (line.len() - content.len()) + word.len();
    let fixed = if rest.is_empty() { format!("{word}:") } else { format!("{word}: {rest}") };
    let message = format!("YAML: a `:` is missing after `{word}`");
    let mut help = format!("write `{fixed}`");
    if !yaml[..line_start].trim().is_empty() {
        help.push_str(
            "; if this line goes on with the text of the line above, indent it deeper than that line's field",
        );
    }
    Some(advise(yaml, after_word, 1, &message).help(help))
}

/// The line holding `at` as `prefix'value'`: its value, from `value` to the end of the line, in
/// single quotes (each `'` in it doubled), in backquotes for the message.
fn quoted_line(yaml: &str, value: usize) -> String {
    let line = line_around(yaml, value);
    let prefix = yaml[line.start..value].trim_start();
    let text = yaml[value..line.end].trim_end();
    format!("`{prefix}'{}'`", text.replace('\'', "''"))
}

/// Where the value of the line holding `at` starts, read as a line of its own.
fn value_on_line(yaml: &str, at: usize) -> Option<usize> {
    let line = line_around(yaml, at);
    scan(&yaml[line.clone()]).values.first().map(|value| line.start + value)
}

/// The byte range of the line holding `at`, without its line break.
fn line_around(yaml: &str, at: usize) -> Range<usize> {
    let at = at.min(yaml.len());
    let start = yaml[..at].rfind('\n').map_or(0, |index| index + 1);
    let end = yaml[at..].find('\n').map_or(yaml.len(), |index| at + index);
    start..yaml[start..end].trim_end_matches('\r').len() + start
}

/// Where line `index` (0-based) starts.
fn line_offset(yaml: &str, index: usize) -> usize {
    yaml.split_inclusive('\n').take(index).map(str::len).sum()
}

/// The byte offset of a 1-based line and column (in characters), clamped to the text.
fn offset_of_position(yaml: &str, position: Position) -> usize {
    let start = line_offset(yaml, position.line.saturating_sub(1)).min(yaml.len());
    let line = &yaml[line_around(yaml, start)];
    start + line.char_indices().nth(position.column.saturating_sub(1)).map_or(line.len(), |(index, _)| index)
}

/// What a scan of a YAML text found, as byte offsets.
#[derive(Debug, Default)]
struct Scan {
    /// Quotes and brackets that start a value, in order, with where they close.
    opened: Vec<Opened>,
    /// Where each value of block style starts (after `key: ` or `- `), in order.
    values: Vec<usize>,
    /// The `:` after each key of block style.
    colons: Vec<usize>,
    /// A `#` right after a plain value and a space, with text right after it: a comment that
    /// was likely meant as text.
    comments: Vec<usize>,
    /// An anchor (`&name`) or a tag (`!name`) followed on its line by the value.
    properties: Vec<Range<usize>>,
}

#[derive(Debug)]
struct Opened {
    at: usize,
    close: Option<usize>,
}

fn scan(yaml: &str) -> Scan {
    let mut scanner = Scanner {
        yaml,
        scan: Scan::default(),
        brackets: Vec::new(),
        quote: None,
        expects_value: false,
        deeper_than: None,
    };
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        scanner.line(start, start + line.trim_end_matches(['\n', '\r']).len());
        start += line.len();
    }
    scanner.scan
}

struct Scanner<'a> {
    yaml: &'a str,
    scan: Scan,
    /// Open brackets, innermost last, as indexes into `scan.opened`.
    brackets: Vec<usize>,
    /// The open quote, as an index into `scan.opened`.
    quote: Option<usize>,
    /// In brackets: whether the next character starts a value (a quote there opens one).
    expects_value: bool,
    /// Lines indented deeper than this go on with the last value (plain text or a block scalar).
    deeper_than: Option<usize>,
}

impl Scanner<'_> {
    /// Scans the line `start..end` (without its line break).
    fn line(&mut self, start: usize, end: usize) {
        if self.quote.is_some() || !self.brackets.is_empty() {
            return self.inline(start, end);
        }
        let line = &self.yaml[start..end];
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            return;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == 0 && matches!(line.trim_end(), "---" | "...") {
            return;
        }
        if self.deeper_than.is_some_and(|depth| indent > depth) {
            return;
        }
        self.deeper_than = None;
        let mut at = start + indent;
        let mut depth = indent;
        while let Some(rest) = self.yaml[at..end].strip_prefix('-')
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            depth = at - start;
            at = skip_blanks(self.yaml, at + 1, end);
        }
        self.value(start, at, end, depth, true);
    }

    /// The value at `at` up to `end`, or a key and its value where a key may be. A plain value
    /// goes on in the lines deeper than `depth`.
    fn value(&mut self, line: usize, mut at: usize, end: usize, depth: usize, key_allowed: bool) {
        let is_property = |at: usize| self.yaml[at..end].starts_with(['&', '!']);
        if is_property(at) {
            self.scan.values.push(at);
        }
        while is_property(at) {
            let name_end = self.yaml[at..end].find([' ', '\t']).map_or(end, |index| at + index);
            let value = skip_blanks(self.yaml, name_end, end);
            if value < end && !self.yaml[value..].starts_with('#') {
                self.scan.properties.push(at..name_end);
            }
            at = value;
        }
        let Some(first) = self.yaml[at..end].chars().next() else { return };
        match first {
            // `responds_to: #claim-2` leaves the field empty: the whole value is a comment.
            '#' if !key_allowed && self.yaml[at + 1..end].starts_with(|c: char| !c.is_whitespace()) => {
                self.scan.comments.push(at);
            }
            '#' => {}
            '"' | '\'' => {
                self.scan.values.push(at);
                self.quote = Some(self.open(at));
                self.inline(at + 1, end);
            }
            '[' | '{' => {
                self.scan.values.push(at);
                let bracket = self.open(at);
                self.brackets.push(bracket);
                self.expects_value = true;
                self.inline(at + 1, end);
            }
            '|' | '>' => {
                self.scan.values.push(at);
                self.deeper_than = Some(depth);
            }
            _ => self.plain(line, at, end, depth, key_allowed),
        }
    }

    /// Plain text at `at`: a key if a `: ` follows and a key may be here, else a value.
    fn plain(&mut self, line: usize, at: usize, end: usize, depth: usize, key_allowed: bool) {
        let text = &self.yaml[at..end];
        let mut previous = ' ';
        for (index, c) in text.char_indices() {
            let next = text[index + c.len_utf8()..].chars().next();
            if c == '#' && previous.is_whitespace() && index > 0 {
                if next.is_some_and(|next| !next.is_whitespace()) {
                    self.scan.comments.push(at + index);
                }
                break;
            }
            if c == ':' && key_allowed && next.is_none_or(char::is_whitespace) {
                self.scan.colons.push(at + index);
                let value = skip_blanks(self.yaml, at + index + 1, end);
                return self.value(line, value, end, at - line, false);
            }
            previous = c;
        }
        self.scan.values.push(at);
        self.deeper_than = Some(depth);
    }

    /// Inside a quote or brackets, from `from` to `end`.
    fn inline(&mut self, from: usize, end: usize) {
        let mut chars = self.yaml[from..end].char_indices().map(|(index, c)| (from + index, c)).peekable();
        let mut previous = ' ';
        while let Some((at, c)) = chars.next() {
            if let Some(quote) = self.quote {
                let mark = if self.yaml[self.scan.opened[quote].at..].starts_with('"') { '"' } else { '\'' };
                let escaped = match mark {
                    '"' => c == '\\',
                    _ => c == '\'' && chars.peek().is_some_and(|&(_, next)| next == '\''),
                };
                if escaped {
                    chars.next();
                } else if c == mark {
                    self.scan.opened[quote].close = Some(at);
                    self.quote = None;
                    if self.brackets.is_empty() {
                        return;
                    }
                    self.expects_value = false;
                }
                continue;
            }
            match c {
                '"' | '\'' if self.expects_value => self.quote = Some(self.open(at)),
                '[' | '{' => {
                    let bracket = self.open(at);
                    self.brackets.push(bracket);
                }
                ']' | '}' => {
                    if let Some(bracket) = self.brackets.pop() {
                        self.scan.opened[bracket].close = Some(at);
                    }
                    if self.brackets.is_empty() {
                        return;
                    }
                }
                '#' if previous.is_whitespace() => return,
                _ => {}
            }
            self.expects_value = matches!(c, '[' | '{' | ',' | ':') || (c.is_whitespace() && self.expects_value);
            previous = c;
        }
    }

    fn open(&mut self, at: usize) -> usize {
        self.scan.opened.push(Opened { at, close: None });
        self.scan.opened.len() - 1
    }
}

fn skip_blanks(yaml: &str, from: usize, end: usize) -> usize {
    from + (yaml[from..end].len() - yaml[from..end].trim_start_matches([' ', '\t']).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The advice for `yaml` as serde-saphyr reports its error.
    fn advice(yaml: &str) -> Advice {
        let error = serde_saphyr::from_str::<serde_json::Value>(yaml).expect_err("the YAML should not parse");
        let location = error.location().expect("a location");
        let noticed = Position { line: location.line() as usize, column: location.column() as usize };
        let parser = error.to_string();
        explain(yaml, noticed, &parser).unwrap_or_else(|| panic!("no advice for {parser}"))
    }

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn a_missing_colon_is_found_on_its_line() {
        let advice = advice("claims:\n  - by: us\n    kind accuses\n    target: cn\n");
        assert_eq!(advice.position, at(3, 9));
        assert_eq!(advice.message, "YAML: a `:` is missing after `kind`");
        assert!(advice.help.starts_with("write `kind: accuses`"), "{}", advice.help);
    }

    // The parser notices it on the next line, which it read as going on with this line's text.
    #[test]
    fn a_missing_colon_in_a_list_item_is_found_on_the_line_above_the_parser_error() {
        let advice = advice("claims:\n  - by us\n    kind: accuses\n");
        assert_eq!(advice.position, at(2, 7));
        assert_eq!(advice.message, "YAML: a `:` is missing after `by`");
    }

    #[test]
    fn a_missing_colon_on_the_first_line_is_found() {
        let advice = advice("title Mỹ cảnh báo\ndate: 2024\n");
        assert_eq!(advice.position, at(1, 6));
        assert!(advice.help.starts_with("write `title: Mỹ cảnh báo`"), "{}", advice.help);
    }

    #[test]
    fn an_unclosed_bracket_is_found_where_it_opens() {
        let advice = advice("actors: [apt32, fireeye\ncountries: [vn]\ntags: [x]\n");
        assert_eq!(advice.position, at(1, 9));
        assert_eq!(advice.message, "YAML: the `[` that starts this list is not closed on its line");
        assert!(advice.help.starts_with("end it with `]`: `actors: [apt32, fireeye]`"), "{}", advice.help);
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let yaml = "claims:\n  - by: us\n    quote: \"Đây là những\n    kind: denies\n  - by: cn\n    quote: \"x\"\n";
        let advice = advice(yaml);
        assert_eq!(advice.position, at(3, 12));
        assert_eq!(advice.message, "YAML: the `\"` that starts this value is not closed on its line");
        assert!(advice.help.starts_with("end it with `\"`: `quote: \"Đây là những\"`"), "{}", advice.help);
    }

    #[test]
    fn an_unclosed_quote_at_the_end_of_the_file_is_found() {
        assert_eq!(advice("title: x\nsource: 'Báo\n").position, at(2, 9));
    }

    // The parser notices the tab at the end of the line before it.
    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let advice = advice("claims:\n  - by: us\n\tkind: accuses\n");
        assert_eq!(advice.position, at(3, 1));
        assert_eq!(advice.message, "YAML: a tab in the indentation; YAML indents with spaces only");
    }

    #[test]
    fn a_colon_in_a_plain_value_asks_for_quotes() {
        let advice = advice("claims:\n  - quote: Ông nói: đây là tin\n");
        assert_eq!(advice.position, at(2, 19));
        assert_eq!(advice.message, "YAML: `: ` inside a value that is not in quotes");
        assert!(advice.help.contains("`- quote: 'Ông nói: đây là tin'`"), "{}", advice.help);
    }

    #[test]
    fn a_colon_in_curly_quotes_says_they_are_text() {
        let advice = advice("quote: “Ông nói: đây là tin”\n");
        assert!(advice.help.contains("`quote: '“Ông nói: đây là tin”'`"), "{}", advice.help);
        assert!(advice.help.contains("curly quotes are text to YAML"), "{}", advice.help);
    }

    #[test]
    fn a_colon_in_a_line_going_on_with_the_value_above_names_that_line() {
        let advice = advice("claims:\n  - by: us\n    quote: Ông nói\n      rằng: đây\n");
        assert_eq!(advice.position, at(4, 11));
        assert!(advice.help.contains("the field on line 3"), "{}", advice.help);
    }

    #[test]
    fn a_colon_in_a_list_item_asks_for_quotes() {
        let yaml = "tags:\n  - Mỹ: cảnh báo\n";
        let error = serde_saphyr::from_str::<crate::load::raw::Sidecar>(yaml).unwrap_err();
        let location = error.location().unwrap();
        let noticed = Position { line: location.line() as usize, column: location.column() as usize };
        let advice = explain(yaml, noticed, &error.to_string()).unwrap();
        assert_eq!(advice.position, at(2, 7));
        assert!(advice.help.contains("`- 'Mỹ: cảnh báo'`"), "{}", advice.help);
    }

    #[test]
    fn a_value_starting_with_an_indicator_asks_for_quotes() {
        for mark in ["- ", "*", "!", "|", ">", "%", "@", "`"] {
            let advice = advice(&format!("claims:\n  - quote: {mark}đây là tin\n"));
            assert_eq!(advice.position, at(2, 12), "{mark}");
            let start = mark.trim();
            assert!(advice.message.starts_with(&format!("YAML: a value cannot start with `{start}`")), "{mark}");
            assert!(advice.help.contains(&format!("`- quote: '{mark}đây là tin'`")), "{mark}: {}", advice.help);
        }
    }

    #[test]
    fn text_after_a_closing_quote_asks_to_quote_the_whole_value() {
        let advice = advice("quote: \"Đây\" là tin\n");
        assert_eq!(advice.message, "YAML: text after the closing quote");
        assert!(advice.help.contains("`quote: '\"Đây\" là tin'`"), "{}", advice.help);
    }

    #[test]
    fn single_quotes_in_a_suggested_value_are_doubled() {
        let advice = advice("quote: Ông nói: it's\n");
        assert!(advice.help.contains("`quote: 'Ông nói: it''s'`"), "{}", advice.help);
    }

    #[test]
    fn a_line_indented_as_no_line_above_gets_the_closest_indentation() {
        let field = advice("claims:\n  - by: us\n    kind: x\n   quote: y\n");
        assert_eq!(field.position, at(4, 4));
        assert_eq!(field.message, "YAML: this line is indented 3 spaces, as no line above it is");
        assert_eq!(field.help, "indent it 4 spaces, like the field on line 3");
        let item = advice("claims:\n  - by: us\n   - by: cn\n");
        assert_eq!(item.help, "indent it 2 spaces, like the `-` on line 2");
    }

    #[test]
    fn a_key_written_twice_is_named() {
        let advice = advice("actors: [a]\nactors: [b]\n");
        assert_eq!(advice.message, "YAML: `actors` is written twice");
    }

    #[test]
    fn a_hash_after_a_space_in_a_value_is_a_warning() {
        let yaml = "claims:\n  - quote: đây là #1 tin\n    note: x # a comment\ntags: [a] #b\n";
        let warnings = lint(yaml);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].position, at(2, 19));
        assert!(warnings[0].help.contains("`- quote: 'đây là #1 tin'`"), "{}", warnings[0].help);
    }

    // An unquoted `responds_to: #claim-2` was read as an empty field, with no word of it.
    #[test]
    fn a_value_that_starts_with_a_hash_is_a_warning() {
        let warnings = lint("claims:\n  - responds_to: #claim-2\n    kind: denies # a comment\n");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].position, at(2, 18));
        assert!(warnings[0].help.contains("'#claim-2'"), "{}", warnings[0].help);
    }

    #[test]
    fn a_leading_ampersand_or_exclamation_mark_is_a_warning() {
        let warnings = lint("quote: &đây là tin\nnote: ! Chú ý\n");
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].message, "YAML: `&đây` is read as an anchor name and left out of the value");
        assert_eq!(warnings[0].underline, 4);
        assert_eq!(warnings[1].message, "YAML: `!` is read as a tag and left out of the value");
        assert_eq!(warnings[1].help, "put the value in quotes: `note: '! Chú ý'`");
    }

    // Whatever the mistake, explaining it never panics: every mistake of a few kinds at every
    // place of a sidecar, with line breaks of both kinds (a few seconds in a debug build).
    #[test]
    fn any_mistake_anywhere_is_explained_without_panicking() {
        let sidecar = "actors: [a, 'b c']\nclaims:\n  - by: Việt Nam # id\n    quote: \"Đây\"\n    note: |\n      x: “y”\n  - &a us\n";
        for text in [sidecar.to_owned(), sidecar.replace('\n', "\r\n")] {
            let text = text.as_str();
            let boundaries: Vec<usize> = text.char_indices().map(|(index, _)| index).chain([text.len()]).collect();
            for &offset in &boundaries {
                let next = boundaries.iter().find(|&&b| b > offset).copied().unwrap_or(text.len());
                let deleted = format!("{}{}", &text[..offset], &text[next..]);
                let inserted = [":", ": ", "\"", "'", "[", "]", "{", "\t", " #", "- ", "&", "!", "|", "\r\n", "“"]
                    .map(|mistake| format!("{}{mistake}{}", &text[..offset], &text[offset..]));
                for yaml in inserted.iter().chain([&deleted]) {
                    match serde_saphyr::from_str::<serde_json::Value>(yaml) {
                        Ok(_) => drop(lint(yaml)),
                        Err(error) => {
                            let noticed = error
                                .location()
                                .map_or(at(1, 1), |location| at(location.line() as usize, location.column() as usize));
                            drop(explain(yaml, noticed, &error.to_string()));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn files_without_what_lint_looks_for_are_not_scanned() {
        assert!(!may_mislead("title: AT&T cảnh báo!\n# một ghi chú\nquote: x # ghi chú\n"));
        for text in ["a: b #1", "&a b", "a: !x y", "- &x"] {
            assert!(may_mislead(text), "{text}");
        }
    }

    // Text in block scalars, quotes and lines that go on with a value is not read as YAML syntax.
    #[test]
    fn text_that_only_looks_like_yaml_is_left_alone() {
        let yaml = "description: |\n  Nhóm \"tin tặc #1 [\n  &x y\nquote: Ông nói\n  \"đây #2\nnote: 'it''s #3'\nlist: [\"a #4\",\n  b]\n";
        assert!(serde_saphyr::from_str::<serde_json::Value>(yaml).is_ok());
        assert_eq!(lint(yaml), []);
        let scan = scan(yaml);
        assert!(scan.opened.iter().all(|opened| opened.close.is_some()), "{scan:?}");
    }
}
