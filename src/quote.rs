//! Finding an editor's quote in an article's text.
//!
//! Editors paste passages into YAML; what they paste differs from the text only in ways they
//! cannot see. Matching tolerates exactly those: NFC vs NFD (all content is NFC after loading),
//! runs of white space and line breaks, and curly vs straight quotation marks. Nothing else: a
//! quote with a changed word does not match, and the error shows the closest passage instead.

use std::ops::Range;

/// A text folded for matching, with the way back to byte offsets of the original.
struct Folded {
    text: String,
    /// For each char of `text`: its byte offset in `text` and the byte range it stands for in the
    /// original.
    chars: Vec<(usize, Range<usize>)>,
}

fn fold_char(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
        other => other,
    }
}

fn fold(original: &str) -> Folded {
    let mut folded = Folded { text: String::with_capacity(original.len()), chars: Vec::with_capacity(original.len()) };
    let mut in_space = false;
    for (offset, c) in original.char_indices() {
        let end = offset + c.len_utf8();
        if c.is_whitespace() {
            if in_space {
                if let Some((_, range)) = folded.chars.last_mut() {
                    range.end = end;
                }
                continue;
            }
            in_space = true;
            folded.chars.push((folded.text.len(), offset..end));
            folded.text.push(' ');
        } else {
            in_space = false;
            folded.chars.push((folded.text.len(), offset..end));
            folded.text.push(fold_char(c));
        }
    }
    folded
}

/// The byte range of `quote` in `text`, if it occurs there up to invisible differences.
/// Both must already be NFC. Leading and trailing white space of the quote is ignored.
pub fn find(text: &str, quote: &str) -> Option<Range<usize>> {
    let needle = fold(quote.trim()).text;
    if needle.is_empty() {
        return None;
    }
    let haystack = fold(text);
    let start = haystack.text.find(&needle)?;
    let end = start + needle.len();
    let first = haystack.chars.partition_point(|(offset, _)| *offset < start);
    let last = haystack.chars.partition_point(|(offset, _)| *offset < end) - 1;
    let start = haystack.chars[first].1.start;
    let end = haystack.chars[last].1.end;
    Some(start..end)
}

/// The passage of `text` most like `quote`, for the error shown when a quote does not match.
/// Candidates run from a word's start to a word's end and are about as long as the quote.
pub fn closest_passage<'t>(text: &'t str, quote: &str) -> Option<&'t str> {
    let quote: Vec<char> = fold(quote.trim()).text.chars().collect();
    let haystack = fold(text);
    let chars: Vec<char> = haystack.text.chars().collect();
    if quote.is_empty() || chars.is_empty() {
        return None;
    }
    let starts =
        (0..chars.len()).filter(|&i| chars[i].is_alphanumeric() && (i == 0 || !chars[i - 1].is_alphanumeric()));
    let is_end = |i: usize| chars[i - 1].is_alphanumeric() && (i == chars.len() || !chars[i].is_alphanumeric());
    let (shortest, longest) = (quote.len() * 3 / 4, quote.len() * 5 / 4 + 1);
    let mut best: Option<(usize, usize, usize)> = None;
    for start in starts {
        let ends = (start + shortest.max(1)..=(start + longest).min(chars.len())).filter(|&end| is_end(end));
        for end in ends {
            let distance = strsim::generic_levenshtein(&quote, &chars[start..end].to_vec());
            if best.is_none_or(|(_, _, least)| distance < least) {
                best = Some((start, end, distance));
            }
        }
    }
    let (start, end, _) = best?;
    Some(&text[haystack.chars[start].1.start..haystack.chars[end - 1].1.end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::nfc;

    const TEXT: &str = "ông Thắng nói:  “Đây là những\nthông tin không có cơ sở”.";

    #[test]
    fn exact_quote_is_found() {
        let range = find(TEXT, "không có cơ sở").unwrap();
        assert_eq!(&TEXT[range], "không có cơ sở");
    }

    #[test]
    fn whitespace_runs_and_line_breaks_are_tolerated() {
        let range = find(TEXT, "nói: \"Đây là những thông tin").unwrap();
        assert_eq!(&TEXT[range], "nói:  “Đây là những\nthông tin");
    }

    #[test]
    fn curly_and_straight_quotes_match_each_other() {
        assert!(find(TEXT, "\"Đây là").is_some());
        assert!(find("it’s", "it's").is_some());
    }

    #[test]
    fn nfd_quote_matches_once_normalised() {
        let decomposed = "kho\u{0302}ng co\u{0301} co\u{031B} so\u{031B}\u{0309}";
        assert!(find(TEXT, &nfc(decomposed)).is_some());
    }

    #[test]
    fn a_changed_word_does_not_match() {
        assert_eq!(find(TEXT, "không có căn cứ"), None);
        assert_eq!(find(TEXT, "   "), None);
    }

    #[test]
    fn closest_passage_points_at_the_intended_words() {
        assert_eq!(closest_passage(TEXT, "thông tin không có căn cứ"), Some("thông tin không có cơ sở"));
    }
}
