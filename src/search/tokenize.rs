//! Tokenizing and folding: how text becomes the words the index stores and a query looks up.
//!
//! Text is lowercased and put in Unicode NFC, then cut into words: runs of letters, digits and
//! combining marks. A `.` or `,` between two digits stays inside the word, so `5,31` and `52.000`
//! are one token; every other character separates words. Each word has two forms: the exact one
//! (`tặc`) and the folded one, without combining marks and with `đ` as `d` (`tac`), so that a
//! reader who types without diacritics still finds every spelling.
//!
//! Vietnamese words are made of syllables written apart (`an ninh mạng`), so the tokenizer also
//! says which words stand next to each other, separated by nothing but spaces or hyphens: the
//! index keeps those pairs (bigrams) to rank a phrase above its syllables scattered in a text.
//!
//! The index tokenizes millions of words, so [`Tokenizer`] reuses one buffer for every text and
//! hands out words as borrowed slices, and the character tests answer the letters of Vietnamese
//! and of ASCII from ranges before they ask Unicode's tables. [`tokens`] makes owned tokens, for
//! queries.
//!
//! `static/search.js` tokenizes queries and snippets with the same rules; the two must agree.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::text::nfc;

/// Words longer than this (in characters) are not words but noise: hashes, runs of digits, URLs
/// without their punctuation. They are dropped.
pub const MAX_TOKEN_CHARS: usize = 32;

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lowercase, NFC, as written: `tặc`.
    pub exact: String,
    /// Without combining marks and with `đ` as `d`: `tac`.
    pub folded: String,
    /// Whether the word continues a phrase with the token before it: only spaces or hyphens
    /// stand between them, and the one before was not dropped.
    pub follows_previous: bool,
}

impl Token {
    /// Whether the exact form differs from the folded one, i.e. the word has diacritics.
    pub fn has_diacritics(&self) -> bool {
        self.exact != self.folded
    }
}

/// Lowercase and NFC, the form every indexed text and every query is compared in.
pub fn normalize(text: &str) -> String {
    let mut normalized = String::new();
    normalize_into(text, &mut normalized);
    normalized
}

/// Writes `text` lowercased and in NFC into `out`, which is cleared first.
fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    if text.contains('Σ') {
        // A capital sigma lowercases by its place in the word, which only `str` knows.
        out.push_str(&text.to_lowercase());
    } else {
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    if !out.chars().all(is_surely_composed)
        && let Cow::Owned(composed) = nfc(out)
    {
        *out = composed;
    }
}

/// Whether `c` is in NFC whatever stands around it, answered from ranges: below the combining
/// marks, and the precomposed Latin letters Vietnamese is written with. Other characters ask
/// Unicode's tables.
fn is_surely_composed(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The folded form of a word: combining marks removed (after canonical decomposition), and both
/// `đ` and `Đ` as `d`. Other letters keep their case: fold [`normalize`]d text.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_owned();
    }
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'đ' | 'Đ' => folded.push('d'),
            c if c.is_ascii() => folded.push(c),
            // The order of the marks NFD would restore does not matter: they are all dropped.
            c => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    folded.push(part);
                }
            }),
        }
    }
    folded
}

/// Whether `c` belongs to a word: a letter, a digit or a combining mark.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '\u{D7}' | '\u{F7}' | '\u{2000}'..='\u{206F}' => false,
        // Latin-1's letters, Latin Extended-A and -B, the combining diacritics, and Latin
        // Extended Additional (the precomposed Vietnamese vowels).
        '\u{C0}'..='\u{24F}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' => true,
        c => c.is_alphanumeric() || is_combining_mark(c),
    }
}

fn is_numeric(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{B1}' | '\u{C0}'..='\u{24F}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' => false,
        c => c.is_numeric(),
    }
}

/// Whether a text made of characters like `c` can be cut into words before it is normalized,
/// each word then normalized on its own to the same result: `c` lowercases to one character of
/// the same kind (letter, digit, `.` or `,`, phrase gap, other separator) that is in NFC whatever
/// stands around it, and is not a combining mark. This holds for ASCII and for the letters and
/// punctuation of Vietnamese.
fn is_plain(c: char) -> bool {
    matches!(c, '\0'..='\u{12F}' | '\u{131}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{205E}')
}

/// Whether a separator between two words keeps them in one phrase.
fn is_phrase_gap(c: char) -> bool {
    c == ' ' || c == '-' || c.is_whitespace()
}

/// Whether a word is kept: not too long, and only characters of the Basic Multilingual Plane (so
/// that the client's UTF-16 string order is the index's code point order). In UTF-8 only those
/// outside it start with a byte of 0xF0 or more.
fn is_sensible(word: &str) -> bool {
    let short = word.len() <= MAX_TOKEN_CHARS || word.chars().count() <= MAX_TOKEN_CHARS;
    short && word.bytes().all(|byte| byte < 0xF0)
}

/// Calls `visit` with the place of each sensible word of `text` (normalized, or
/// [plain](is_plain)) and whether it continues a phrase: a kept word came just before it, with
/// only spaces or hyphens between them. Stops at the first character `stop_at` refuses, and then
/// returns `false`.
fn scan(text: &str, stop_at: impl Fn(char) -> bool, mut visit: impl FnMut(Range<usize>, bool)) -> bool {
    let mut start: Option<usize> = None;
    let mut last_is_numeric = false;
    let mut in_phrase = false;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if stop_at(c) {
            return false;
        }
        let joins_number = start.is_some()
            && matches!(c, '.' | ',')
            && last_is_numeric
            && chars.clone().next().is_some_and(|(_, next)| is_numeric(next));
        if joins_number || is_word_char(c) {
            start.get_or_insert(at);
            last_is_numeric = is_numeric(c);
            continue;
        }
        if let Some(begin) = start.take() {
            in_phrase = visit_if_sensible(text, begin..at, in_phrase, &mut visit);
        }
        in_phrase &= is_phrase_gap(c);
    }
    if let Some(begin) = start {
        visit_if_sensible(text, begin..text.len(), in_phrase, &mut visit);
    }
    true
}

/// Visits the word at `place` unless it is not sensible; returns whether a phrase may go on after
/// it.
fn visit_if_sensible(
    text: &str,
    place: Range<usize>,
    follows_previous: bool,
    visit: &mut impl FnMut(Range<usize>, bool),
) -> bool {
    if !is_sensible(&text[place.clone()]) {
        return false;
    }
    visit(place, follows_previous);
    true
}

/// Reads many texts with the same buffers: the index's tokenizer.
#[derive(Debug, Default)]
pub struct Tokenizer {
    normalized: String,
    /// The words of a plain text and whether each follows the one before.
    places: Vec<(Range<usize>, bool)>,
}

impl Tokenizer {
    /// Calls `visit` with each word of `text` in its exact form (lowercase, NFC) and whether it
    /// continues a phrase with the word before.
    pub fn words(&mut self, text: &str, mut visit: impl FnMut(&str, bool)) {
        normalize_into(text, &mut self.normalized);
        let normalized = &self.normalized;
        scan(normalized, |_| false, |place, follows| visit(&normalized[place], follows));
    }

    /// Like [`Tokenizer::words`], but a word may come as written, not yet lowercased: its exact
    /// form is [`normalize`] of it. Texts of [plain](is_plain) characters, such as Vietnamese, are
    /// read without being normalized, so that a caller that meets the same words again and again
    /// normalizes each only once.
    pub fn words_as_written(&mut self, text: &str, mut visit: impl FnMut(&str, bool)) {
        let places = &mut self.places;
        places.clear();
        if scan(text, |c| !is_plain(c), |place, follows| places.push((place, follows))) {
            for (place, follows) in places.drain(..) {
                visit(&text[place], follows);
            }
        } else {
            self.words(text, visit);
        }
    }

    /// How many words `text` has.
    pub fn count(&mut self, text: &str) -> usize {
        let mut count = 0;
        self.words_as_written(text, |_, _| count += 1);
        count
    }
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    Tokenizer::default().words(text, |word, follows_previous| {
        tokens.push(Token { exact: word.to_owned(), folded: fold(word), follows_previous });
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|token| token.exact).collect()
    }

    fn folded(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|token| token.folded).collect()
    }

    #[test]
    fn nfc_and_nfd_input_give_the_same_tokens() {
        let composed = "Tin tặc tấn công";
        let decomposed = "Tin ta\u{0323}\u{0306}c ta\u{0302}\u{0301}n co\u{0302}ng";
        assert_ne!(composed, decomposed);
        assert_eq!(tokens(composed), tokens(decomposed));
        assert_eq!(exact(decomposed), ["tin", "tặc", "tấn", "công"]);
    }

    #[test]
    fn folding_removes_marks_and_turns_d_with_stroke_into_d() {
        assert_eq!(folded("Đặng đang ĐẠI"), ["dang", "dang", "dai"]);
        assert_eq!(fold("Đ"), "d");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(folded("Nguyễn Phú Trọng"), ["nguyen", "phu", "trong"]);
    }

    #[test]
    fn uppercase_is_lowercased_before_anything_else() {
        assert_eq!(exact("TIN TẶC APT32 OceanLotus"), ["tin", "tặc", "apt32", "oceanlotus"]);
        assert_eq!(folded("ĐẶNG"), ["dang"]);
        assert_eq!(exact("ΟΔΥΣΣΕΥΣ"), ["οδυσσευς"], "a final capital sigma becomes a final sigma");
    }

    #[test]
    fn exact_form_keeps_diacritics_and_says_so() {
        let words = tokens("tặc tac");
        assert_eq!((words[0].exact.as_str(), words[0].folded.as_str()), ("tặc", "tac"));
        assert!(words[0].has_diacritics());
        assert!(!words[1].has_diacritics());
    }

    #[test]
    fn punctuation_separates_words() {
        assert_eq!(
            exact("“Đây là những thông tin không có cơ sở”."),
            ["đây", "là", "những", "thông", "tin", "không", "có", "cơ", "sở"]
        );
        assert_eq!(exact("APT-C-00/G0050 (MITRE), ATT&CK"), ["apt", "c", "00", "g0050", "mitre", "att", "ck"]);
        assert_eq!(exact("xin-chào...!!"), ["xin", "chào"]);
    }

    #[test]
    fn numbers_with_separators_stay_one_token() {
        assert_eq!(exact("tăng 5,31% lên 52.000 USD"), ["tăng", "5,31", "lên", "52.000", "usd"]);
        assert_eq!(exact("năm 2013. Sau đó, 3 người"), ["năm", "2013", "sau", "đó", "3", "người"]);
        assert_eq!(exact("ngày 23/4/2020"), ["ngày", "23", "4", "2020"]);
        assert_eq!(exact("1.234.567,89"), ["1.234.567,89"]);
        assert_eq!(exact("5,,3 ٣,٤ ½.2"), ["5", "3", "٣,٤", "½.2"], "any Unicode digit joins");
    }

    #[test]
    fn mixed_vietnamese_and_english_are_both_words() {
        assert_eq!(
            exact("Microsoft cáo buộc Hafnium khai thác lỗ hổng Exchange Server"),
            ["microsoft", "cáo", "buộc", "hafnium", "khai", "thác", "lỗ", "hổng", "exchange", "server"]
        );
        assert_eq!(folded("nhóm hacker Salt Typhoon"), ["nhom", "hacker", "salt", "typhoon"]);
    }

    #[test]
    fn phrases_continue_over_spaces_and_hyphens_only() {
        let follows: Vec<bool> = tokens("an ninh mạng, tin-tặc. x").iter().map(|t| t.follows_previous).collect();
        assert_eq!(follows, [false, true, true, false, true, false]);
        let follows: Vec<bool> = tokens("an\u{A0}ninh\tmạng").iter().map(|t| t.follows_previous).collect();
        assert_eq!(follows, [false, true, true], "any white space keeps the phrase");
    }

    #[test]
    fn absurd_tokens_are_dropped_and_break_the_phrase() {
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        let words = tokens(&format!("tin {long} tặc 😀 x𝒜y"));
        assert_eq!(words.iter().map(|t| t.exact.as_str()).collect::<Vec<_>>(), ["tin", "tặc"]);
        assert!(!words[1].follows_previous);
        assert_eq!(exact(&"b".repeat(MAX_TOKEN_CHARS)).len(), 1);
        assert_eq!(exact(&"ặ".repeat(MAX_TOKEN_CHARS)).len(), 1, "characters are counted, not bytes");
        assert!(exact(&"ặ".repeat(MAX_TOKEN_CHARS + 1)).is_empty());
    }

    #[test]
    fn count_counts_the_tokens() {
        let text = "Tin tặc, 5,31% và 52.000 USD; ĐẶNG-đang 😀 x";
        assert_eq!(Tokenizer::default().count(text), tokens(text).len());
        assert_eq!(Tokenizer::default().count(""), 0);
    }

    #[test]
    fn folding_agrees_with_full_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        let text = "Nguyễn Thị Đặng ÂĂÊÔƠƯ ấầẩẫậ ứừửữự ỳýỷỹỵ çñü ø ß";
        let reference: String =
            text.nfd().filter(|c| !is_combining_mark(*c)).map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c }).collect();
        assert_eq!(fold(text), reference);
    }

    #[test]
    fn plain_texts_give_the_same_words_as_written() {
        let text = "“Nhóm TIN TẶC APT32 — còn gọi là OceanLotus — tấn công 1.234 MÁY (5,31%)”… Đặng-Văn";
        let mut written = Vec::new();
        Tokenizer::default().words_as_written(text, |word, follows| written.push((normalize(word), follows)));
        let exact: Vec<(String, bool)> = tokens(text).into_iter().map(|t| (t.exact, t.follows_previous)).collect();
        assert_eq!(written, exact);
        assert!(written.iter().any(|(word, _)| word == "tặc"));
    }

    #[test]
    fn plain_characters_lowercase_to_one_of_the_same_kind() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let kind = |c: char| (is_word_char(c), is_numeric(c), is_phrase_gap(c), matches!(c, '.' | ','));
        for c in (0..0x10000).filter_map(char::from_u32).filter(|&c| is_plain(c)) {
            let mut lower = c.to_lowercase();
            let (Some(lowercase), None) = (lower.next(), lower.next()) else { panic!("{c:?} lowercases to two") };
            assert_eq!(kind(c), kind(lowercase), "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
            let composed = is_nfc_quick(std::iter::once(lowercase)) == IsNormalized::Yes;
            assert!(composed && canonical_combining_class(lowercase) == 0, "{c:?}");
        }
    }

    #[test]
    fn the_ranges_answer_as_unicode_would() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_combining_mark(c), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            if is_surely_composed(c) {
                let alone = is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
                assert!(alone && canonical_combining_class(c) == 0, "{c:?}");
            }
        }
    }
}
