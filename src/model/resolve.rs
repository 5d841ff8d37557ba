//! Resolving references: an editor may name an actor or a country by id, name or alias, in any
//! case. This module owns that lookup table, the errors for names that mean two things, and the
//! "did you mean" suggestions for names that mean nothing.

use std::collections::BTreeMap;

use super::{ActorId, CountryId, Party};

/// What a reference may resolve to at a given place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Actor,
    Country,
    /// `by` and `target` of a claim take either.
    Party,
}

impl Expect {
    fn noun(self) -> &'static str {
        match self {
            Expect::Actor => "actor",
            Expect::Country => "country",
            Expect::Party => "actor or country",
        }
    }

    fn accepts(self, party: Party) -> bool {
        matches!(
            (self, party),
            (Expect::Party, _) | (Expect::Actor, Party::Actor(_)) | (Expect::Country, Party::Country(_))
        )
    }
}

/// The form in which a reference and the names it may match are compared: trimmed, in any case.
/// Whatever must agree with what the model resolves (`dossier import-actors`) asks this.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// One entry of the table: what a key names, and how to show that in a suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    party: Party,
    /// `apt32 (APT32)`: the id and display name.
    label: String,
}

/// Lowercased ids, names and aliases of every actor and country.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Names {
    entries: BTreeMap<String, Entry>,
}

/// A key claimed by two different actors or countries.
#[derive(Debug)]
pub struct Conflict {
    pub key: String,
    pub first: String,
    pub second: String,
}

impl Names {
    /// Registers `key` for `party`; a key already naming another party is a conflict.
    pub fn insert(&mut self, key: &str, party: Party, label: &str) -> Result<(), Conflict> {
        let normalized = name_key(key);
        match self.entries.get(&normalized) {
            Some(existing) if existing.party != party => {
                Err(Conflict { key: key.trim().to_owned(), first: existing.label.clone(), second: label.to_owned() })
            }
            Some(_) => Ok(()),
            None => {
                self.entries.insert(normalized, Entry { party, label: label.to_owned() });
                Ok(())
            }
        }
    }

    /// Resolves `reference`, or explains in an error message (and a help) why it cannot.
    pub fn resolve(&self, reference: &str, expect: Expect) -> Result<Party, (String, Option<String>)> {
        let normalized = name_key(reference);
        match self.entries.get(&normalized) {
            Some(entry) if expect.accepts(entry.party) => Ok(entry.party),
            Some(entry) => Err((
                format!("`{reference}` is {}, but an {} is expected here", describe(entry), expect.noun())
                    .replace("an country", "a country"),
                None,
            )),
            None => Err((
                format!("unknown {} `{reference}`", expect.noun()),
                self.suggest(&normalized, expect).map(|label| format!("did you mean {label}?")),
            )),
        }
    }

    pub fn resolve_actor(&self, reference: &str) -> Result<ActorId, (String, Option<String>)> {
        match self.resolve(reference, Expect::Actor)? {
            Party::Actor(id) => Ok(id),
            Party::Country(_) => unreachable!("Expect::Actor only accepts actors"),
        }
    }

    pub fn resolve_country(&self, reference: &str) -> Result<CountryId, (String, Option<String>)> {
        match self.resolve(reference, Expect::Country)? {
            Party::Country(id) => Ok(id),
            Party::Actor(_) => unreachable!("Expect::Country only accepts countries"),
        }
    }

    /// The closest key of the right kind, if it is close enough to be a likely typo.
    fn suggest(&self, normalized: &str, expect: Expect) -> Option<String> {
        self.entries
            .iter()
            .filter(|(_, entry)| expect.accepts(entry.party))
            .map(|(key, entry)| (strsim::jaro_winkler(normalized, key), key, entry))
            .filter(|(score, _, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, _, entry)| entry.label.clone())
    }
}

fn describe(entry: &Entry) -> String {
    match entry.party {
        Party::Actor(_) => format!("the actor {}", entry.label),
        Party::Country(_) => format!("the country {}", entry.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut names = Names::default();
        let apt32 = Party::Actor(ActorId(0));
        for key in ["apt32", "APT32", "OceanLotus", "SeaLotus"] {
            names.insert(key, apt32, "`apt32` (APT32)").unwrap();
        }
        names.insert("vn", Party::Country(CountryId(0)), "`vn` (Việt Nam)").unwrap();
        names.insert("Việt Nam", Party::Country(CountryId(0)), "`vn` (Việt Nam)").unwrap();
        names
    }

    #[test]
    fn ids_names_and_aliases_resolve_ignoring_case() {
        let names = names();
        assert_eq!(names.resolve_actor("oceanlotus").unwrap(), ActorId(0));
        assert_eq!(names.resolve_actor(" APT32 ").unwrap(), ActorId(0));
        assert_eq!(names.resolve_country("VIỆT NAM").unwrap(), CountryId(0));
        assert_eq!(names.resolve("vn", Expect::Party).unwrap(), Party::Country(CountryId(0)));
    }

    #[test]
    fn a_typo_gets_the_closest_id_as_help() {
        let (message, help) = names().resolve_actor("apt-32").unwrap_err();
        assert_eq!(message, "unknown actor `apt-32`");
        assert_eq!(help.as_deref(), Some("did you mean `apt32` (APT32)?"));
    }

    #[test]
    fn a_country_where_an_actor_is_expected_says_so() {
        let (message, _) = names().resolve_actor("vn").unwrap_err();
        assert_eq!(message, "`vn` is the country `vn` (Việt Nam), but an actor is expected here");
    }

    #[test]
    fn an_alias_of_two_actors_is_a_conflict_naming_both() {
        let mut names = names();
        let conflict = names.insert("OceanLotus", Party::Actor(ActorId(1)), "`apt-c-00` (X)").unwrap_err();
        assert_eq!(conflict.first, "`apt32` (APT32)");
        assert_eq!(conflict.second, "`apt-c-00` (X)");
    }
}
