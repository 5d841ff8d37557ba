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
//! `static/search.js` tokenizes queries and snippets with the same rules; the two must agree.

use std::borrow::Cow;

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
    let lower = text.to_lowercase();
    match nfc(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(composed) => composed,
    }
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

/// Whether `c` belongs to a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether a separator between two words keeps them in one phrase.
fn is_phrase_gap(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// Whether a word is kept: not too long, and only characters of the Basic Multilingual Plane (so
/// that the client's UTF-16 string order is the index's code point order). In UTF-8 only those
/// outside it start with a byte of 0xF0 or more.
fn is_sensible(word: &str) -> bool {
    word.chars().count() <= MAX_TOKEN_CHARS && word.bytes().all(|byte| byte < 0xF0)
}

/// Calls `visit` with each sensible word of `text` (already normalized) and whether it continues
/// a phrase: a kept word came just before it, with only spaces or hyphens between them.
fn scan(text: &str, mut visit: impl FnMut(&str, bool)) {
    let mut start: Option<usize> = None;
    let mut last = ' ';
    let mut in_phrase = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let joins_number = start.is_some()
            && matches!(c, '.' | ',')
            && last.is_numeric()
            && chars.peek().is_some_and(|&(_, next)| next.is_numeric());
        if is_word_char(c) || joins_number {
            start.get_or_insert(at);
            last = c;
            continue;
        }
        if let Some(begin) = start.take() {
            in_phrase = visit_if_sensible(&text[begin..at], in_phrase, &mut visit);
        }
        in_phrase &= is_phrase_gap(c);
    }
    if let Some(begin) = start {
        visit_if_sensible(&text[begin..], in_phrase, &mut visit);
    }
}

/// Visits `word` unless it is not sensible; returns whether a phrase may go on after it.
fn visit_if_sensible(word: &str, follows_previous: bool, visit: &mut impl FnMut(&str, bool)) -> bool {
    if !is_sensible(word) {
        return false;
    }
    visit(word, follows_previous);
    true
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan(&normalize(text), |word, follows_previous| {
        tokens.push(Token { exact: word.to_owned(), folded: fold(word), follows_previous });
    });
    tokens
}

/// How many words `text` has: the length of `tokens(text)`, without making them.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    scan(&normalize(text), |_, _| count += 1);
    count
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
    }

    #[test]
    fn absurd_tokens_are_dropped_and_break_the_phrase() {
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        let words = tokens(&format!("tin {long} tặc 😀 x𝒜y"));
        assert_eq!(words.iter().map(|t| t.exact.as_str()).collect::<Vec<_>>(), ["tin", "tặc"]);
        assert!(!words[1].follows_previous);
        assert_eq!(exact(&"b".repeat(MAX_TOKEN_CHARS)).len(), 1);
    }

    #[test]
    fn word_count_counts_the_tokens() {
        let text = "Tin tặc, 5,31% và 52.000 USD; ĐẶNG-đang 😀 x";
        assert_eq!(word_count(text), tokens(text).len());
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn folding_agrees_with_full_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        let text = "Nguyễn Thị Đặng ÂĂÊÔƠƯ ấầẩẫậ ứừửữự ỳýỷỹỵ çñü ø ß";
        let reference: String =
            text.nfd().filter(|c| !is_combining_mark(*c)).map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c }).collect();
        assert_eq!(fold(text), reference);
    }
}
