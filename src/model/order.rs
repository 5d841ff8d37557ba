//! The order readers look names up in: actors and countries by display name in Vietnamese
//! collation (ICU4X's `vi` collator: tone marks only break ties, so "Cục An ninh mạng" stands
//! among the C's; `đ` comes after `d`, and `ă`, `â`, `ê`, `ô`, `ơ`, `ư` after their base letter,
//! as the Vietnamese alphabet has them). Computed once per build, in the model, for every list
//! page to read.

use std::cmp::Ordering;

use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

use super::{ActorId, Archive, CountryId};

/// Compares display names as a Vietnamese reader sorts them.
pub struct NameOrder {
    collator: CollatorBorrowed<'static>,
}

impl NameOrder {
    /// The Vietnamese collator, from the data compiled into the binary.
    pub fn vietnamese() -> NameOrder {
        let collator = Collator::try_new(locale!("vi").into(), Default::default())
            .expect("the collation data compiled into icu_collator covers `vi`");
        NameOrder { collator }
    }

    /// `a` against `b` by name; equal names (which differ only in nothing a collator sees) fall
    /// back to their ids, so that the order is total and every build gives the same one.
    pub fn compare(&self, (a, a_id): (&str, &str), (b, b_id): (&str, &str)) -> Ordering {
        self.collator.compare(a, b).then_with(|| a_id.cmp(b_id))
    }
}

/// The actors by name, as ids into the archive's table (which is sorted by id).
pub fn actors_by_name(archive: &Archive, order: &NameOrder) -> Vec<ActorId> {
    let names = archive.actors.iter().map(|actor| (actor.name.as_str(), actor.id.as_str()));
    by_name(names, order).map(|index| ActorId(index as u32)).collect()
}

/// The countries by name, as ids into the archive's table (which is sorted by code).
pub fn countries_by_name(archive: &Archive, order: &NameOrder) -> Vec<CountryId> {
    let names = archive.countries.iter().map(|country| (country.name.as_str(), country.id.as_str()));
    by_name(names, order).map(|index| CountryId(index as u32)).collect()
}

/// The positions of `(name, id)` pairs in the order of their names.
fn by_name<'a>(names: impl Iterator<Item = (&'a str, &'a str)>, order: &NameOrder) -> impl Iterator<Item = usize> {
    let mut named: Vec<(usize, (&str, &str))> = names.enumerate().collect();
    named.sort_by(|(_, a), (_, b)| order.compare(*a, *b));
    named.into_iter().map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let order = NameOrder::vietnamese();
        let mut names: Vec<&str> = names.to_vec();
        names.sort_by(|a, b| order.compare((a, ""), (b, "")));
        names.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn tone_marks_only_break_ties() {
        assert_eq!(
            sorted(&["Edward Snowden", "Cục An ninh mạng", "Liên minh châu Âu", "APT32", "FireEye", "Bộ Công an"]),
            ["APT32", "Bộ Công an", "Cục An ninh mạng", "Edward Snowden", "FireEye", "Liên minh châu Âu"]
        );
        assert_eq!(sorted(&["má", "ma", "mà"]), ["ma", "mà", "má"]);
    }

    #[test]
    fn d_with_stroke_comes_after_d() {
        assert_eq!(sorted(&["Đức", "Dương", "Eo", "Anh"]), ["Anh", "Dương", "Đức", "Eo"]);
    }

    #[test]
    fn letters_with_a_breve_or_circumflex_follow_their_base_letter() {
        assert_eq!(sorted(&["Âu", "Ăn", "Ba", "Anh"]), ["Anh", "Ăn", "Âu", "Ba"]);
    }

    #[test]
    fn case_does_not_lead_the_order() {
        assert_eq!(sorted(&["nato", "Microsoft", "NSA"]), ["Microsoft", "nato", "NSA"]);
    }
}
