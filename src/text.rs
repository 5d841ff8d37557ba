//! Small text facts shared by the stages: Unicode normalisation, positions in a file, the
//! characters a site may not contain, slugs and the names Windows reserves.

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

/// Whether `c` may not appear in a site's text: the control characters other than tab, line
/// feed and carriage return (U+0000 to U+001F, U+007F to U+009F) and the noncharacters (U+FDD0
/// to U+FDEF, and the last two code points of every plane, such as U+FFFE and U+FFFF). XML
/// forbids most of them outright (a feed holding one is not a feed), HTML calls all of them
/// parse errors, and none is visible in an editor.
pub fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}')
        || code & 0xFFFE == 0xFFFE
}

/// The byte offset and the character of the first forbidden character of `text`, if any.
///
/// Every content file goes through this, so it looks at bytes, not characters, a block at a time
/// (a fold without a branch per byte, which the compiler turns into vector instructions): only a
/// byte that can begin a forbidden character's UTF-8 form ([`may_begin_forbidden`]) has its
/// character decoded and asked [`is_forbidden`]. Vietnamese letters begin with other bytes.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let end = (from + BLOCK).min(bytes.len());
        let block = &bytes[from..end];
        let suspect = match <&[u8; BLOCK]>::try_from(block) {
            Ok(block) => block.iter().fold(false, |seen, &byte| seen | may_begin_forbidden(byte)),
            Err(_) => block.iter().any(|&byte| may_begin_forbidden(byte)),
        };
        if !suspect {
            from = end;
            continue;
        }
        // A byte that may begin one is a character boundary: continuation bytes (0x80-0xBF) never are.
        let offset = from + block.iter().position(|&byte| may_begin_forbidden(byte))?;
        let c = text[offset..].chars().next()?;
        if is_forbidden(c) {
            return Some((offset, c));
        }
        from = offset + c.len_utf8();
    }
    None
}

/// Whether a character that [`is_forbidden`] refuses may begin with `byte` in UTF-8: control
/// characters are one byte below 0x20 or 0x7F, U+0080-U+009F begin with 0xC2, U+FDD0-U+FDEF
/// and U+FFFE-U+FFFF with 0xEF, and the last two code points of the other planes with 0xF0-0xF4.
fn may_begin_forbidden(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) || matches!(byte, 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4)
}

/// What is wrong with a forbidden character `c`, for the diagnostic that points at it.
pub fn forbidden_message(c: char) -> String {
    format!("the invisible character U+{:04X} is not allowed: pages and the feed cannot hold it", c as u32)
}

/// Whether `slug` is a valid file stem for an article or an actor: lowercase ASCII letters,
/// digits and `-`, starting and ending with a letter or digit, and not a name Windows reserves.
pub fn is_valid_slug(slug: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !slug.is_empty()
        && slug.chars().all(allowed)
        && slug.starts_with(alphanumeric)
        && slug.ends_with(alphanumeric)
        && !is_reserved_on_windows(slug)
}

/// Whether Windows reserves the file name `name` for a device (`con`, `nul`, `com1`, with any
/// extension and in any case): a site with such a file or folder cannot be unzipped there.
pub fn is_reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    match stem.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let numbered = stem.strip_prefix("com").or_else(|| stem.strip_prefix("lpt"));
            numbered.is_some_and(|number| matches!(number, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9"))
        }
    }
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
    fn control_characters_and_noncharacters_are_forbidden() {
        for c in [
            '\0',
            '\u{1}',
            '\u{B}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{FDD0}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{10FFFF}',
        ] {
            assert!(is_forbidden(c), "U+{:04X}", c as u32);
        }
        for c in ['\t', '\n', '\r', ' ', '\u{A0}', 'ặ', '\u{2028}', '\u{FEFF}', '\u{FFFD}', '\u{1F600}'] {
            assert!(!is_forbidden(c), "U+{:04X}", c as u32);
        }
        assert_eq!(first_forbidden("tin\ttặc\u{1}"), Some((9, '\u{1}')));
    }

    /// The byte-level scan of `first_forbidden` must find exactly the characters `is_forbidden`
    /// refuses: every Unicode scalar value is tried, after an allowed one that shares its first
    /// byte, so a skipped character cannot hide the next.
    #[test]
    fn the_byte_scan_finds_exactly_the_forbidden_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("tặc{c}");
            let expected = is_forbidden(c).then_some(("tặc".len(), c));
            assert_eq!(first_forbidden(&text), expected, "U+{:04X}", c as u32);
        }
        assert_eq!(first_forbidden("\u{A0}\u{FEFF}\u{85}"), Some((5, '\u{85}')));
    }

    #[test]
    fn windows_device_names_are_reserved_with_any_extension() {
        for name in ["con", "NUL", "aux.html", "com1", "lpt9.tar.gz", "prn "] {
            assert!(is_reserved_on_windows(name), "{name}");
            assert!(!is_valid_slug(name), "{name}");
        }
        for name in ["console", "com0", "com10", "nul-va-khong", "icon"] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
    }

    #[test]
    fn slugify_drops_marks_and_joins_words() {
        assert_eq!(slugify("Việt Nam Đặng"), "viet-nam-dang");
        assert_eq!(slugify("APT_32 (OceanLotus)"), "apt-32-oceanlotus");
    }
}
