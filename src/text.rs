//! Small text facts shared by the stages: Unicode normalisation, positions in a file, slugs.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::Position;

/// Returns `text` in Unicode NFC, borrowing when it already is (the common case).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn position_of_offset(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Position { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
}

/// Whether `slug` is a valid file stem for an article or an actor: lowercase ASCII letters,
/// digits and `-`, starting and ending with a letter or digit.
pub fn is_valid_slug(slug: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !slug.is_empty() && slug.chars().all(allowed) && slug.starts_with(alphanumeric) && slug.ends_with(alphanumeric)
}

/// A slug made from `text`: ASCII letters and digits, lowercase, other runs become `-`.
/// Vietnamese letters lose their marks (`Việt Nam` becomes `viet-nam`).
pub fn slugify(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "một\nhai ba\n";
        assert_eq!(position_of_offset(text, 0), Position { line: 1, column: 1 });
        let offset = text.find("ba").unwrap();
        assert_eq!(position_of_offset(text, offset), Position { line: 2, column: 5 });
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let decomposed = "tin ta\u{0323}\u{0306}c";
        assert_eq!(nfc(decomposed), "tin tặc");
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert!(is_valid_slug("viet-nam-2020"));
        assert!(!is_valid_slug("Viet-Nam"));
        assert!(!is_valid_slug("-leading"));
        assert!(!is_valid_slug("việt"));
        assert!(!is_valid_slug(""));
    }

    #[test]
    fn slugify_drops_marks_and_joins_words() {
        assert_eq!(slugify("Việt Nam Đặng"), "viet-nam-dang");
        assert_eq!(slugify("APT_32 (OceanLotus)"), "apt-32-oceanlotus");
    }
}
