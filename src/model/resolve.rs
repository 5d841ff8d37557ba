//! Resolving references: an editor may name an actor or a country by id, name or alias, in any
//! case. This module owns that lookup table, the errors for names that mean two things, and the
//! "did you mean" suggestions for names that mean nothing. It also knows the ids of the actor
//! and country files that could not be read, so that a reference to one is not reported as
//! unknown: the file's own error is the one to fix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Lowercased ids of the actor and country files that could not be read: what they are
    /// (`Expect::Actor` or `Expect::Country`), and the file.
    unreadable: BTreeMap<String, (Expect, PathBuf)>,
}

/// Why a reference does not resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// The error message, and a help where one is cheap.
    Error(String, Option<String>),
    /// It is the id of a file that could not be read, whose own error is reported.
    Unreadable,
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

    /// Registers the id of an actor (`Expect::Actor`) or country (`Expect::Country`) file that
    /// could not be read.
    pub fn insert_unreadable(&mut self, id: &str, kind: Expect, path: &Path) {
        self.unreadable.insert(name_key(id), (kind, path.to_path_buf()));
    }

    /// Resolves `reference`, or explains in an error message (and a help) why it cannot.
    pub fn resolve(&self, reference: &str, expect: Expect) -> Result<Party, Unresolved> {
        let normalized = name_key(reference);
        match self.entries.get(&normalized) {
            Some(entry) if expect.accepts(entry.party) => Ok(entry.party),
            Some(entry) => Err(Unresolved::Error(
                format!("`{reference}` is {}, but an {} is expected here", describe(entry), expect.noun())
                    .replace("an country", "a country"),
                None,
            )),
            None if self.unreadable.contains_key(&normalized) => Err(Unresolved::Unreadable),
            None => Err(Unresolved::Error(
                format!("unknown {} `{reference}`", expect.noun()),
                self.suggest(&normalized, expect)
                    .map(|label| format!("did you mean {label}?"))
                    .or_else(|| self.unreadable_help(expect)),
            )),
        }
    }

    /// For a name that resolves to nothing: the files of that kind that could not be read, one
    /// of which may hold it.
    fn unreadable_help(&self, expect: Expect) -> Option<String> {
        let files: Vec<String> = self
            .unreadable
            .values()
            .filter(|(kind, _)| expect == Expect::Party || *kind == expect)
            .map(|(_, path)| format!("`{}`", path.display()))
            .collect();
        (!files.is_empty()).then(|| format!("it may be named in {}, which could not be read", files.join(", ")))
    }

    pub fn resolve_actor(&self, reference: &str) -> Result<ActorId, Unresolved> {
        match self.resolve(reference, Expect::Actor)? {
            Party::Actor(id) => Ok(id),
            Party::Country(_) => unreachable!("Expect::Actor only accepts actors"),
        }
    }

    pub fn resolve_country(&self, reference: &str) -> Result<CountryId, Unresolved> {
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
        let Unresolved::Error(message, help) = names().resolve_actor("apt-32").unwrap_err() else { panic!() };
        assert_eq!(message, "unknown actor `apt-32`");
        assert_eq!(help.as_deref(), Some("did you mean `apt32` (APT32)?"));
    }

    #[test]
    fn a_country_where_an_actor_is_expected_says_so() {
        let Unresolved::Error(message, _) = names().resolve_actor("vn").unwrap_err() else { panic!() };
        assert_eq!(message, "`vn` is the country `vn` (Việt Nam), but an actor is expected here");
    }

    #[test]
    fn the_id_of_an_unreadable_file_is_not_an_error_and_other_names_point_to_it() {
        let mut names = names();
        names.insert_unreadable("lazarus", Expect::Actor, Path::new("content/actors/lazarus.yaml"));
        assert_eq!(names.resolve_actor("Lazarus"), Err(Unresolved::Unreadable));
        let Unresolved::Error(_, help) = names.resolve_actor("Hidden Cobra").unwrap_err() else { panic!() };
        let help = help.unwrap();
        assert_eq!(help, "it may be named in `content/actors/lazarus.yaml`, which could not be read");
        let Unresolved::Error(_, help) = names.resolve_country("xx").unwrap_err() else { panic!() };
        assert_eq!(help, None);
    }

    #[test]
    fn an_alias_of_two_actors_is_a_conflict_naming_both() {
        let mut names = names();
        let conflict = names.insert("OceanLotus", Party::Actor(ActorId(1)), "`apt-c-00` (X)").unwrap_err();
        assert_eq!(conflict.first, "`apt32` (APT32)");
        assert_eq!(conflict.second, "`apt-c-00` (X)");
    }
}
