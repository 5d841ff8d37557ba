//! Posting lists as compact strings that survive JSON and JavaScript unescaped.
//!
//! A list is a sequence of postings in increasing document order. Each posting is the gap from
//! the previous document (the first: the document number itself) as a variable-length number,
//! then the impact as one character. Characters come from the URL-safe base64 alphabet, each
//! worth 0 to 63: a number is written in groups of 5 bits, most significant first, and every group
//! but the last has 32 added. A gap below 32 takes one character, below 1024 two.

/// The 64 characters, in the order of their values.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Impacts are quantized to 1..=IMPACT_LEVELS; the score of a posting is `impact / 63 * scale`.
pub const IMPACT_LEVELS: u8 = 63;

/// One document in a posting list, with its quantized impact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub impact: u8,
}

/// Encodes `postings`, which must be sorted by document without repeats.
pub fn encode(postings: impl IntoIterator<Item = Posting>) -> String {
    let postings = postings.into_iter();
    let mut text = String::with_capacity(postings.size_hint().0 * 2);
    let mut previous = 0;
    for posting in postings {
        push_number(&mut text, posting.doc - previous);
        text.push(char::from(ALPHABET[usize::from(posting.impact.min(IMPACT_LEVELS))]));
        previous = posting.doc;
    }
    text
}

fn push_number(text: &mut String, number: u32) {
    let mut groups = [0u8; 7];
    let mut count = 0;
    let mut rest = number;
    loop {
        groups[count] = (rest & 31) as u8;
        count += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for (position, group) in groups[..count].iter().enumerate().rev() {
        let continues = if position > 0 { 32 } else { 0 };
        text.push(char::from(ALPHABET[usize::from(group | continues)]));
    }
}

/// Decodes a list written by [`encode`]; `None` if the text is not one.
pub fn decode(text: &str) -> Option<Vec<Posting>> {
    let mut values = text.bytes().map(|byte| ALPHABET.iter().position(|&c| c == byte));
    let mut postings = Vec::new();
    let mut previous = 0u32;
    while let Some(first) = values.next() {
        let mut value = first?;
        let mut gap = 0u32;
        while value >= 32 {
            gap = gap.checked_mul(32)? + (value as u32 - 32);
            value = values.next()??;
        }
        gap = gap.checked_mul(32)? + value as u32;
        let impact = values.next()?? as u8;
        previous = previous.checked_add(gap)?;
        postings.push(Posting { doc: previous, impact });
    }
    Some(postings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let postings: Vec<Posting> = [(0, 63), (1, 1), (31, 7), (32, 8), (1057, 40), (4_000_000, 2)]
            .iter()
            .map(|&(doc, impact)| Posting { doc, impact })
            .collect();
        assert_eq!(decode(&encode(postings.iter().copied())), Some(postings));
    }

    #[test]
    fn small_gaps_take_one_character_each() {
        let postings = [Posting { doc: 3, impact: 1 }, Posting { doc: 5, impact: 63 }];
        assert_eq!(encode(postings), "DBC_");
    }

    #[test]
    fn broken_lists_are_refused() {
        assert_eq!(decode("D"), None);
        assert_eq!(decode("gg"), None);
        assert_eq!(decode("D*"), None);
    }
}
