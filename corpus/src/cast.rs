//! The cast of the corpus: about 60 countries and a few hundred actors (hacking groups,
//! agencies, companies, organisations, people), with aliases. Every id, name and alias is unique
//! across actors and countries, ignoring case, as `dossier` requires.

use std::collections::HashSet;

use super::rng::{Rng, Zipf};
use super::words::*;
use super::yaml_string;
use dossier::text::slugify;

/// Stream number of the cast's generator, apart from the articles' streams (their indices).
const CAST_STREAM: u64 = u64::MAX;

pub struct Actor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: &'static str,
    /// An index into [`COUNTRIES`].
    pub country: Option<usize>,
    pub description: String,
    /// A MITRE ATT&CK page, for some groups.
    pub link: Option<u32>,
}

impl Actor {
    /// How an article's text names the actor: mostly by name, sometimes by an alias.
    pub fn display(&self, rng: &mut Rng) -> String {
        match self.aliases.is_empty() || rng.chance(75) {
            true => self.name.clone(),
            false => rng.pick(&self.aliases).clone(),
        }
    }

    /// How a sidecar refers to the actor: mostly by id, sometimes by name or alias.
    pub fn reference(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..7 => self.id.clone(),
            7..9 => self.name.clone(),
            _ => self.aliases.first().unwrap_or(&self.id).clone(),
        }
    }

    pub fn yaml(&self) -> String {
        let mut yaml = format!("name: {}\n", yaml_string(&self.name));
        if !self.aliases.is_empty() {
            let aliases: Vec<String> = self.aliases.iter().map(|alias| yaml_string(alias)).collect();
            yaml += &format!("aliases: [{}]\n", aliases.join(", "));
        }
        yaml += &format!("kind: {}\n", self.kind);
        if let Some(country) = self.country {
            yaml += &format!("country: {}\n", COUNTRIES[country].0);
        }
        yaml += &format!("description: {}\n", yaml_string(&self.description));
        if let Some(group) = self.link {
            yaml += &format!(
                "links:\n  - title: \"MITRE ATT&CK G{group:04}\"\n    url: \"https://attack.mitre.org/groups/G{group:04}/\"\n"
            );
        }
        yaml
    }
}

/// A country's file.
pub fn country_yaml(country: usize) -> String {
    let (_, name, name_en) = COUNTRIES[country];
    format!("name: {}\nname_en: {}\n", yaml_string(name), yaml_string(name_en))
}

/// Lowercased keys already naming someone: ids, names and aliases.
struct Taken(HashSet<String>);

impl Taken {
    fn with_countries() -> Taken {
        let keys = COUNTRIES.iter().flat_map(|(id, name, name_en)| [*id, *name, *name_en]);
        Taken(keys.map(str::to_lowercase).collect())
    }

    fn is_free(&self, key: &str) -> bool {
        !self.0.contains(&key.to_lowercase())
    }

    fn take(&mut self, key: &str) {
        self.0.insert(key.to_lowercase());
    }
}

/// `count` actors, the same for the same seed.
pub fn actors(seed: u64, count: usize, countries: &Zipf) -> Vec<Actor> {
    let mut rng = Rng::new(seed, CAST_STREAM);
    let mut taken = Taken::with_countries();
    let mut actors = Vec::with_capacity(count);
    while actors.len() < count {
        let (name, kind, country) = candidate(&mut rng, countries);
        let id = slugify(&name);
        if id.len() < 3 || !taken.is_free(&name) || !taken.is_free(&id) {
            continue;
        }
        taken.take(&name);
        taken.take(&id);
        let aliases = aliases(&mut rng, &name, kind, &mut taken);
        let description = description(&mut rng, kind, country);
        let link = (kind == "group" && rng.chance(50)).then(|| rng.between(1, 1200) as u32);
        actors.push(Actor { id, name, aliases, kind, country, description, link });
    }
    actors
}

/// A name, a kind and a country for a new actor; the caller drops names already taken.
fn candidate(rng: &mut Rng, countries: &Zipf) -> (String, &'static str, Option<usize>) {
    match rng.below(100) {
        0..35 => {
            let name = match rng.chance(30) {
                true => format!("APT{}", rng.between(1, 50)),
                false => format!("{} {}", rng.pick(GROUP_ADJECTIVES), rng.pick(GROUP_ANIMALS)),
            };
            (name, "group", Some(countries.sample(rng)))
        }
        35..55 => {
            let country = countries.sample(rng);
            let (agency, kind) = rng.pick(AGENCIES);
            (format!("{agency} {}", COUNTRIES[country].1), kind, Some(country))
        }
        55..75 => {
            let name = match rng.chance(50) {
                true => rng.pick(COMPANIES).to_string(),
                false => format!("{} {}", rng.pick(COMPANY_PREFIXES), rng.pick(COMPANY_SUFFIXES)),
            };
            (name, "company", rng.chance(70).then(|| countries.sample(rng)))
        }
        75..80 => (rng.pick(ORGANIZATIONS).to_string(), "organization", None),
        _ => person(rng, countries),
    }
}

fn person(rng: &mut Rng, countries: &Zipf) -> (String, &'static str, Option<usize>) {
    if rng.chance(60) {
        let name = format!("{} {} {}", rng.pick(FAMILY_NAMES), rng.pick(MIDDLE_NAMES), rng.pick(GIVEN_NAMES));
        (name, "person", Some(0))
    } else {
        let name = format!("{} {}", rng.pick(FOREIGN_FIRST_NAMES), rng.pick(FOREIGN_LAST_NAMES));
        (name, "person", Some(countries.sample(rng)))
    }
}

/// Zero to five aliases: code names for groups, initials for institutions, none for most people.
fn aliases(rng: &mut Rng, name: &str, kind: &str, taken: &mut Taken) -> Vec<String> {
    let wanted = match kind {
        "group" => rng.between(0, 5),
        "person" => usize::from(rng.chance(10)),
        _ => rng.between(0, 1),
    };
    let mut aliases = Vec::new();
    for _ in 0..wanted * 3 {
        if aliases.len() == wanted {
            break;
        }
        let alias = match kind {
            "group" => group_alias(rng),
            "person" => name.rsplit(' ').next().unwrap_or(name).to_owned(),
            "company" => format!("{name} Threat Intelligence"),
            _ => initials(name),
        };
        if alias.len() > 2 && taken.is_free(&alias) {
            taken.take(&alias);
            aliases.push(alias);
        }
    }
    aliases
}

fn group_alias(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("TA{}", rng.between(400, 599)),
        1 => format!("UNC{}", rng.between(1000, 4999)),
        2 => format!("G{:04}", rng.between(1, 1200)),
        3 => format!("Storm-{:04}", rng.between(1, 2000)),
        _ => format!("{}{}", rng.pick(GROUP_ADJECTIVES), rng.pick(GROUP_ANIMALS)),
    }
}

/// `Bộ Ngoại giao Trung Quốc` becomes `BNGTQ`.
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|word| word.chars().next()).flat_map(char::to_uppercase).collect()
}

fn description(rng: &mut Rng, kind: &str, country: Option<usize>) -> String {
    let place = country.map(|country| COUNTRIES[country].1).unwrap_or("nhiều nước");
    match kind {
        "group" => format!(
            "Nhóm tin tặc được cho là có liên hệ với {place}, hoạt động ít nhất từ năm {}.",
            rng.between(2005, 2020)
        ),
        "company" => format!("Công ty an ninh mạng có trụ sở tại {place}."),
        "person" => format!("{} người {place}.", rng.pick(&["Chuyên gia an ninh mạng", "Quan chức", "Nhà báo"])),
        "organization" => "Tổ chức quốc tế.".to_owned(),
        _ => format!("Cơ quan nhà nước của {place}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_names_and_aliases_are_unique_ignoring_case() {
        let actors = actors(42, 300, &Zipf::new(COUNTRIES.len()));
        let mut keys = Taken::with_countries();
        for actor in &actors {
            let mut own: Vec<String> = [&actor.id, &actor.name].into_iter().map(|key| key.to_lowercase()).collect();
            own.dedup();
            own.extend(actor.aliases.iter().map(|alias| alias.to_lowercase()));
            for key in own {
                assert!(keys.is_free(&key), "`{key}` of `{}` is taken", actor.id);
                keys.take(&key);
            }
            assert!(dossier::text::is_valid_slug(&actor.id), "{}", actor.id);
        }
    }

    #[test]
    fn initials_take_the_first_letter_of_each_word() {
        assert_eq!(initials("Bộ Ngoại giao Trung Quốc"), "BNGTQ");
    }
}
