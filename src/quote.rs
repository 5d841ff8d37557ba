//! Finding an editor's quote in an article's text.
//!
//! Editors paste passages into YAML; what they paste differs from the text only in ways they
//! cannot see. Matching tolerates exactly those: NFC vs NFD (all content is NFC after loading),
//! runs of white space and line breaks, and curly vs straight quotation marks. Nothing else: a
//! quote with a changed word does not match, and the error shows the closest passage instead.

use std::ops::Range;

use rustc_hash::FxHashMap;

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
        self.closest_passage_measured(quote).0
    }

    /// [`Haystack::closest_passage`], with what the search cost.
    ///
    /// The search is bounded whatever the article's length: one linear pass scores every window
    /// of the quote's length by the character trigrams it shares with the quote, and only the
    /// [`CANDIDATES`] best windows, with half a quote's margin on each side, are aligned with the
    /// quote by edit distance. The alignment is semi-global (the passage may start at any word
    /// start and end at any word end of the region), so one pass over a region weighs every
    /// passage in it. Ties go to the earliest start, then the earliest end.
    pub fn closest_passage_measured(&self, quote: &str) -> (Option<&'t str>, Effort) {
        let quote: Vec<char> = fold(quote.trim()).text.chars().collect();
        let mut chars = Vec::with_capacity(self.folded.text.len());
        chars.extend(self.folded.text.chars());
        let mut effort = Effort::default();
        let words = Words(&chars);
        let mut best: Option<Passage> = None;
        if !quote.is_empty() {
            for region in candidate_regions(&quote, &words) {
                effort.regions += 1;
                effort.cells += quote.len() * region.len();
                if let Some(found) = align(&quote, &words, region)
                    && best.is_none_or(|best| found < best)
                {
                    best = Some(found);
                }
            }
        }
        let passage = best.map(|Passage { start, end, .. }| {
            let mut offsets = self.folded.text.char_indices().map(|(offset, _)| offset).skip(start);
            let folded_start = offsets.next().unwrap_or(self.folded.text.len());
            let folded_end = offsets.nth(end - start - 1).unwrap_or(self.folded.text.len());
            &self.text[self.folded.original_range(folded_start..folded_end)]
        });
        (passage, effort)
    }
}

/// How many windows of the text the closest-passage search aligns the quote against.
pub const CANDIDATES: usize = 4;

/// What one closest-passage search cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effort {
    /// Regions of the text aligned with the quote, at most [`CANDIDATES`].
    pub regions: usize,
    /// Cells of the edit-distance tables filled: the quote's length times each region's.
    pub cells: usize,
}

/// A passage of the text, in characters, with its edit distance to the quote; ordered from the
/// best: the closest, then the earliest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Passage {
    distance: u32,
    start: usize,
    end: usize,
}

/// The characters of a folded text, with where its words start and end.
struct Words<'c>(&'c [char]);

impl Words<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether a word starts at character `index`.
    fn starts(&self, index: usize) -> bool {
        let chars = self.0;
        index < chars.len() && chars[index].is_alphanumeric() && (index == 0 || !chars[index - 1].is_alphanumeric())
    }

    /// Whether a word ends just before character `index`.
    fn ends(&self, index: usize) -> bool {
        let chars = self.0;
        index > 0 && chars[index - 1].is_alphanumeric() && (index == chars.len() || !chars[index].is_alphanumeric())
    }
}

/// Three characters in one number: a key for counting shared trigrams.
fn trigram(chars: &[char]) -> u64 {
    chars.iter().fold(0, |key, &c| key << 21 | c as u64)
}

/// The regions of the text worth aligning with `quote`: around the [`CANDIDATES`] windows of
/// the quote's length that share the most trigrams with it, no two closer than a quote's length,
/// merged where they overlap, each from a word start to a word end. A text hardly longer than
/// the quote, or a quote too short for trigrams, is one region.
fn candidate_regions(quote: &[char], words: &Words) -> Vec<Range<usize>> {
    let length = quote.len();
    let chars = words.0;
    let mut regions: Vec<Range<usize>> = if chars.len() <= 2 * length || length < 3 {
        std::iter::once(0..chars.len()).collect()
    } else {
        let scores = window_scores(quote, chars);
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..CANDIDATES {
            let far = |start: &usize| chosen.iter().all(|other| start.abs_diff(*other) >= length);
            let best = (0..scores.len()).filter(far).max_by_key(|&start| (scores[start], std::cmp::Reverse(start)));
            chosen.extend(best);
        }
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|start| start.saturating_sub(length / 2)..(start + length * 3 / 2).min(chars.len()))
            .collect()
    };
    regions.dedup_by(|next, previous| {
        let overlaps = next.start <= previous.end;
        if overlaps {
            previous.end = previous.end.max(next.end);
        }
        overlaps
    });
    regions.into_iter().filter_map(|region| to_words(words, region)).collect()
}

/// For each window of the quote's length in `chars`, by its start: how many of the quote's
/// trigrams it holds (each counted at most as often as the quote has it). One pass, sliding.
fn window_scores(quote: &[char], chars: &[char]) -> Vec<u32> {
    let mut numbers: FxHashMap<u64, usize> = FxHashMap::default();
    let mut wanted: Vec<u32> = Vec::new();
    for gram in quote.windows(3) {
        let number = *numbers.entry(trigram(gram)).or_insert(wanted.len());
        if number == wanted.len() {
            wanted.push(0);
        }
        wanted[number] += 1;
    }
    // The number of each trigram of the text among the quote's, `NONE` for one the quote lacks.
    const NONE: u32 = u32::MAX;
    let grams: Vec<u32> =
        chars.windows(3).map(|gram| numbers.get(&trigram(gram)).map_or(NONE, |&number| number as u32)).collect();
    let span = quote.len() - 2;
    let mut held = vec![0u32; wanted.len()];
    let mut score = 0;
    let mut scores = Vec::with_capacity(grams.len() - span + 1);
    for (index, &gram) in grams.iter().enumerate() {
        if let Some(number) = (gram != NONE).then_some(gram as usize) {
            score += u32::from(held[number] < wanted[number]);
            held[number] += 1;
        }
        if index + 1 < span {
            continue;
        }
        scores.push(score);
        let leaving = grams[index + 1 - span];
        if let Some(number) = (leaving != NONE).then_some(leaving as usize) {
            held[number] -= 1;
            score -= u32::from(held[number] < wanted[number]);
        }
    }
    scores
}

/// `region` widened to start at a word start and end at a word end, if it holds a word.
fn to_words(words: &Words, region: Range<usize>) -> Option<Range<usize>> {
    let start = (0..=region.start)
        .rev()
        .find(|&index| words.starts(index))
        .or_else(|| (region.start..region.end).find(|&index| words.starts(index)))?;
    let end = (region.end..=words.len())
        .find(|&index| words.ends(index))
        .or_else(|| (start + 1..region.end).rev().find(|&index| words.ends(index)))?;
    Some(start..end)
}

/// The passage of `region` closest to `quote` by edit distance, among those from a word start to
/// a word end between three quarters and five quarters of the quote's length.
///
/// One pass of the edit-distance table, column by column along the region: row 0 is free at
/// every word start, so each cell holds the distance from the quote's first characters to the
/// best passage ending there, whatever its start. A cell packs the distance and the start in one
/// number (distance in the high half), so the lowest number is the closest, then the earliest.
fn align(quote: &[char], words: &Words, region: Range<usize>) -> Option<Passage> {
    const ONE: u64 = 1 << 32;
    let (shortest, longest) = ((quote.len() * 3 / 4).max(1), quote.len() * 5 / 4 + 1);
    let mut previous: Vec<u64> = (0..=quote.len() as u64).map(|row| (row * ONE) | region.start as u64).collect();
    let mut current = previous.clone();
    let mut best: Option<Passage> = None;
    for (index, &c) in words.0[region.clone()].iter().enumerate() {
        let end = region.start + index + 1;
        current[0] = if words.starts(end) { end as u64 } else { previous[0] + ONE };
        let mut above = current[0];
        for ((cell, left), &wanted) in current[1..].iter_mut().zip(previous.windows(2)).zip(quote) {
            let diagonal = left[0] + u64::from(wanted != c) * ONE;
            above = diagonal.min(left[1] + ONE).min(above + ONE);
            *cell = above;
        }
        let cell = current[quote.len()];
        let passage = Passage { distance: (cell >> 32) as u32, start: (cell & (ONE - 1)) as usize, end };
        if words.ends(end)
            && (shortest..=longest).contains(&(end - passage.start))
            && best.is_none_or(|best| passage < best)
        {
            best = Some(passage);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    best
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

    /// A deterministic text of about `length` bytes in Vietnamese words, for the search's tests.
    fn prose(length: usize, seed: u64) -> String {
        const WORDS: [&str; 24] = [
            "tin", "tặc", "tấn", "công", "mạng", "Việt", "Nam", "Trung", "Quốc", "bác", "bỏ", "cáo", "buộc", "nhóm",
            "hệ", "thống", "thông", "máy", "chủ", "dữ", "liệu", "của", "đã", "được",
        ];
        let mut state = seed;
        let mut text = String::new();
        while text.len() < length {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
            text.push(if (state >> 20).is_multiple_of(11) { '.' } else { ' ' });
        }
        text
    }

    /// `passage` with one accent dropped and one word changed: what an editor's slip looks like.
    fn near_miss(passage: &str) -> String {
        passage.replacen("ặ", "a", 1).replacen("công", "cong", 1).replacen("mạng", "mang", 1)
    }

    /// The closest passage by trying every passage from a word start to a word end of three to
    /// five quarters of the quote's length: the search as it was before it was bounded, kept as
    /// the reference its suggestions must equal.
    fn exhaustive_closest<'t>(text: &'t str, quote: &str) -> Option<&'t str> {
        let haystack = Haystack::new(text);
        let quote: Vec<char> = fold(quote.trim()).text.chars().collect();
        let (offsets, chars): (Vec<usize>, Vec<char>) = haystack.folded.text.char_indices().unzip();
        let words = Words(&chars);
        let (shortest, longest) = ((quote.len() * 3 / 4).max(1), quote.len() * 5 / 4 + 1);
        let mut best: Option<(usize, usize, usize)> = None;
        for start in (0..chars.len()).filter(|&start| words.starts(start)) {
            for end in (start + shortest..=(start + longest).min(chars.len())).filter(|&end| words.ends(end)) {
                let distance = strsim::generic_levenshtein(&quote, &chars[start..end].to_vec());
                if best.is_none_or(|(_, _, least)| distance < least) {
                    best = Some((start, end, distance));
                }
            }
        }
        let (start, end, _) = best?;
        let folded_end = offsets.get(end).copied().unwrap_or(haystack.folded.text.len());
        Some(&text[haystack.folded.original_range(offsets[start]..folded_end)])
    }

    #[test]
    fn closest_passage_is_the_one_an_exhaustive_search_finds() {
        for seed in 0..6 {
            let text = prose(700, seed);
            let from = text.char_indices().nth(200 + seed as usize * 13).map_or(0, |(at, _)| at);
            let to = text.char_indices().nth(260 + seed as usize * 17).map_or(text.len(), |(at, _)| at);
            let quote = near_miss(&text[from..to]);
            assert_eq!(Haystack::new(&text).closest_passage(&quote), exhaustive_closest(&text, &quote), "{quote}");
        }
    }

    // The search was cubic: a 1,000-character quote against a 1 MB article took minutes. It now
    // aligns the quote with a few regions about twice its length, whatever the article's length.
    #[test]
    fn closest_passage_aligns_a_bounded_number_of_cells() {
        let text = prose(1_000_000, 7);
        let from = text.match_indices(' ').map(|(at, _)| at + 1).find(|&at| at >= text.len() / 2).unwrap();
        let to = from + text[from..].char_indices().nth(1000).unwrap().0;
        let quote = near_miss(&text[from..to]);
        let (passage, effort) = Haystack::new(&text).closest_passage_measured(&quote);
        let length = quote.chars().count();
        assert!(
            passage.is_some_and(|passage| text[from..to].starts_with(passage.trim_end_matches(char::is_alphanumeric)))
        );
        assert!(effort.regions <= CANDIDATES, "{effort:?}");
        assert!(effort.cells <= CANDIDATES * 3 * length * length, "{effort:?}");
    }

    // Figures for docs/security.md, measured rather than asserted (times vary with the machine):
    // `cargo test --release --lib quote::tests::closest_passage_timings -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn closest_passage_timings() {
        for (characters, bytes) in [(547, 4_500), (230, 100_000), (1_000, 1_000_000)] {
            let text = prose(bytes, 3);
            let from = text.match_indices(' ').map(|(at, _)| at + 1).find(|&at| at >= text.len() / 2).unwrap();
            let to = from + text[from..].char_indices().nth(characters).unwrap().0;
            let quote = near_miss(&text[from..to]);
            let haystack = Haystack::new(&text);
            let started = std::time::Instant::now();
            let (passage, effort) = haystack.closest_passage_measured(&quote);
            let elapsed = started.elapsed();
            assert!(passage.is_some());
            println!("{characters} characters against {bytes} bytes: {elapsed:?}, {effort:?}");
        }
    }
}
