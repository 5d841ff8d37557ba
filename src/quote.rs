//! Finding an editor's quote in an article's text.
//!
//! Editors paste passages into YAML; what they paste differs from the text only in ways they
//! cannot see. Matching tolerates exactly those: NFC vs NFD (all content is NFC after loading),
//! runs of white space and line breaks, and curly vs straight quotation marks. Nothing else: a
//! quote with a changed word does not match, and the error shows the closest passage instead.

use std::ops::Range;

/// A text folded for matching, with the way back to byte offsets of the original.
///
/// Folding replaces a curly quote or a run of white space by one ASCII byte and leaves every
/// other character as it is, so the folded text runs in step with the original except at those
/// replacements. Only the replacements whose original is not one byte long shift what follows;
/// they are recorded, and an offset between two of them maps back by the shift of the last.
struct Folded {
    text: String,
    /// For each replacement that shifts offsets: its offset in `text` and the byte range it stands
    /// for in the original, in order.
    shifts: Vec<(usize, Range<usize>)>,
}

fn fold_char(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
        other => other,
    }
}

fn fold(original: &str) -> Folded {
    let mut folded = Folded { text: String::with_capacity(original.len()), shifts: Vec::new() };
    // `original[..copied]` is in `folded.text`; text that needs no folding is copied in runs.
    let mut copied = 0;
    let mut index = 0;
    while let Some(&byte) = original.as_bytes().get(index) {
        // Every white space character and curly quote starts with one of these bytes, and they
        // never continue a character, so `index` is at a character when one is seen.
        if !matches!(byte, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3) {
            index += 1;
            continue;
        }
        let Some(c) = original[index..].chars().next() else { break };
        let end = index + c.len_utf8();
        if c.is_whitespace() {
            let run = original[end..].find(|c: char| !c.is_whitespace()).map_or(original.len(), |length| end + length);
            if c == ' ' && run == end {
                index = end;
                continue;
            }
            folded.text.push_str(&original[copied..index]);
            if run - index != 1 {
                folded.shifts.push((folded.text.len(), index..run));
            }
            folded.text.push(' ');
            (copied, index) = (run, run);
        } else if fold_char(c) != c {
            folded.text.push_str(&original[copied..index]);
            folded.shifts.push((folded.text.len(), index..end));
            folded.text.push(fold_char(c));
            (copied, index) = (end, end);
        } else {
            index = end;
        }
    }
    folded.text.push_str(&original[copied..]);
    folded
}

impl Folded {
    /// The byte range in the original of the character at byte `offset` of the folded text.
    fn original(&self, offset: usize) -> Range<usize> {
        let index = self.shifts.partition_point(|(at, _)| *at < offset);
        if let Some((at, range)) = self.shifts.get(index)
            && *at == offset
        {
            return range.clone();
        }
        // Replacements are one byte long in the folded text.
        let start = match index.checked_sub(1).map(|previous| &self.shifts[previous]) {
            Some((at, range)) => offset - (at + 1) + range.end,
            None => offset,
        };
        let length = self.text[offset..].chars().next().map_or(0, char::len_utf8);
        start..start + length
    }

    /// The byte range in the original of the folded text's bytes `range`, which start and end on
    /// character boundaries and are not empty.
    fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let last = self.text[..range.end].char_indices().next_back().map_or(range.start, |(offset, _)| offset);
        self.original(range.start).start..self.original(last).end
    }
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
        let start = self.folded.text.find(&needle)?;
        Some(self.folded.original_range(start..start + needle.len()))
    }

    /// The passage of the text most like `quote`, for the error shown when a quote does not
    /// match. Candidates run from a word's start to a word's end and are about as long as the
    /// quote.
    pub fn closest_passage(&self, quote: &str) -> Option<&'t str> {
        let quote: Vec<char> = fold(quote.trim()).text.chars().collect();
        let (offsets, chars): (Vec<usize>, Vec<char>) = self.folded.text.char_indices().unzip();
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
        let folded_end = offsets.get(end).copied().unwrap_or(self.folded.text.len());
        Some(&self.text[self.folded.original_range(offsets[start]..folded_end)])
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
    fn ranges_map_back_across_every_kind_of_shift() {
        let text = "«A»\u{00A0}b \n\t c “d” ‘e’ f\n\ng";
        let haystack = Haystack::new(text);
        for (quote, expected) in [
            ("\"A\" b", "«A»\u{00A0}b"),
            ("b c", "b \n\t c"),
            ("c \"d\"", "c “d”"),
            ("'e' f g", "‘e’ f\n\ng"),
            ("g", "g"),
            ("A", "A"),
        ] {
            assert_eq!(haystack.find(quote).map(|range| &text[range]), Some(expected), "{quote}");
        }
    }

    #[test]
    fn closest_passage_points_at_the_intended_words() {
        let haystack = Haystack::new(TEXT);
        assert_eq!(haystack.closest_passage("thông tin không có căn cứ"), Some("thông tin không có cơ sở"));
    }
}
