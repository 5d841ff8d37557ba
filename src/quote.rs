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

/// An article's text folded once, to look up all of its quotes.
pub struct Haystack<'t> {
    text: &'t str,
    folded: Folded,
}

impl<'t> Haystack<'t> {
    /// Folds `text` (which must be NFC) for matching.
    pub fn new(text: &'t str) -> Self {
        Haystack { text, folded: fold(text) }
    }

    /// The byte range of `quote` in the text, if it occurs there up to invisible differences.
    /// The quote must be NFC; its leading and trailing white space is ignored.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let needle = fold(quote.trim()).text;
        if needle.is_empty() {
            return None;
        }
        let chars = &self.folded.chars;
        let start = self.folded.text.find(&needle)?;
        let end = start + needle.len();
        let first = chars.partition_point(|(offset, _)| *offset < start);
        let last = chars.partition_point(|(offset, _)| *offset < end) - 1;
        Some(chars[first].1.start..chars[last].1.end)
    }

    /// The passage of the text most like `quote`, for the error shown when a quote does not
    /// match. Candidates run from a word's start to a word's end and are about as long as the
    /// quote.
    pub fn closest_passage(&self, quote: &str) -> Option<&'t str> {
        let quote: Vec<char> = fold(quote.trim()).text.chars().collect();
        let chars: Vec<char> = self.folded.text.chars().collect();
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
        let spans = &self.folded.chars;
        Some(&self.text[spans[start].1.start..spans[end - 1].1.end])
    }
}

/// The byte range of `quote` in `text`, if it occurs there up to invisible differences: for one
/// lookup; fold the text once with [`Haystack`] to look up several.
pub fn find(text: &str, quote: &str) -> Option<Range<usize>> {
    Haystack::new(text).find(quote)
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
    fn one_haystack_finds_several_quotes() {
        let haystack = Haystack::new(TEXT);
        assert_eq!(&TEXT[haystack.find("ông Thắng").unwrap()], "ông Thắng");
        assert_eq!(&TEXT[haystack.find("cơ sở”").unwrap()], "cơ sở”");
        assert_eq!(haystack.find("không có căn cứ"), None);
    }

    #[test]
    fn a_changed_word_does_not_match() {
        assert_eq!(find(TEXT, "không có căn cứ"), None);
        assert_eq!(find(TEXT, "   "), None);
    }

    #[test]
    fn closest_passage_points_at_the_intended_words() {
        let haystack = Haystack::new(TEXT);
        assert_eq!(haystack.closest_passage("thông tin không có căn cứ"), Some("thông tin không có cơ sở"));
    }
}
