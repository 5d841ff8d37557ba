//! The import worked out in memory before anything is written: which MISP actor goes into which
//! file, with which names and fields, and what is left out because it would be a guess.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::actor_file::{self, ActorFields, Link};
use super::misp;
use super::site::{Owner, Site};
use super::{ImportReport, Written};
use crate::load::{ACTORS_DIR, COUNTRIES_DIR};
use crate::model::resolve::name_key;
use crate::text::{is_valid_slug, slugify};

/// Descriptions from MISP are wrapped at this width, as editors wrap theirs.
const DESCRIPTION_WIDTH: usize = 100;

/// The text of one actor file to write.
pub struct FileText {
    /// Relative to the site root.
    pub path: PathBuf,
    pub text: String,
    pub is_new: bool,
}

/// Where a MISP actor goes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// Merged into the actor file with this id.
    Existing(String),
    /// A new file with this id.
    New(String),
}

/// The import worked out in memory: which MISP actor goes where, with what, and what was left
/// out.
pub struct Plan<'a> {
    site: &'a Site,
    /// Names MISP gives to more than one of its actors, with those actors' names.
    shared: BTreeMap<String, Vec<&'a str>>,
    /// Who each name (by its [`name_key`]) belongs to, growing as actors are planned.
    names: BTreeMap<String, Owner>,
    report: ImportReport,
    planned: Vec<(&'a misp::Cluster, Target)>,
}

impl<'a> Plan<'a> {
    pub fn new(galaxy: &'a misp::Galaxy, site: &'a Site, only_referenced: bool) -> Plan<'a> {
        let mut plan = Plan {
            site,
            shared: shared_names(galaxy),
            names: site.names.clone(),
            report: ImportReport::default(),
            planned: Vec::new(),
        };
        let mut wanted = Vec::new();
        for cluster in &galaxy.values {
            let matches = plan.matches(cluster);
            let referenced = cluster.names().iter().any(|name| site.references.contains(&name_key(name)));
            if only_referenced && matches.is_empty() && !referenced {
                plan.report.not_referenced += 1;
            } else if let Some(target) = plan.target(cluster, matches) {
                wanted.push((cluster, target));
            }
        }
        plan.planned = plan.without_collisions(wanted);
        plan.claim_new_names();
        plan
    }

    /// The ids of the actor files `cluster` matches. Its name and file name always count; a
    /// synonym counts only when MISP gives it to this actor alone.
    fn matches(&self, cluster: &misp::Cluster) -> BTreeSet<String> {
        let names = cluster.names();
        let synonyms = names.iter().skip(1).map(|name| name_key(name)).filter(|name| !self.shared.contains_key(name));
        let own = [name_key(&cluster.value), slugify(&cluster.value)];
        own.into_iter()
            .chain(synonyms)
            .filter_map(|name| match self.site.names.get(&name) {
                Some(Owner::Actor(id)) => Some(id.clone()),
                _ => None,
            })
            .collect()
    }

    fn target(&mut self, cluster: &misp::Cluster, matches: BTreeSet<String>) -> Option<Target> {
        let mut matches = matches.into_iter();
        match (matches.next(), matches.next()) {
            (Some(id), None) => Some(Target::Existing(id)),
            (Some(first), Some(second)) => {
                let ids: Vec<String> = [first, second].into_iter().chain(matches).collect();
                self.problem(format!("MISP `{}` matches the actors {}: not imported", cluster.value, listing(&ids)));
                None
            }
            (None, _) => {
                let id = slugify(&cluster.value);
                if is_valid_slug(&id) {
                    Some(Target::New(id))
                } else {
                    self.problem(format!("MISP `{}` gives no usable file name: not imported", cluster.value));
                    None
                }
            }
        }
    }

    /// Drops every MISP actor whose target another one has too: merging two MISP actors into one
    /// file, or choosing one of them, would be a guess.
    fn without_collisions(&mut self, wanted: Vec<(&'a misp::Cluster, Target)>) -> Vec<(&'a misp::Cluster, Target)> {
        let mut by_target: BTreeMap<&Target, Vec<&str>> = BTreeMap::new();
        for (cluster, target) in &wanted {
            by_target.entry(target).or_default().push(&cluster.value);
        }
        let colliding: BTreeSet<Target> =
            by_target.iter().filter(|(_, clusters)| clusters.len() > 1).map(|(target, _)| (*target).clone()).collect();
        for target in &colliding {
            let clusters = listing(&by_target[target]);
            let message = match target {
                Target::Existing(id) => format!("match the same actor `{id}`: not merged"),
                Target::New(id) => format!("would all be written to {ACTORS_DIR}/{id}.yaml: not imported"),
            };
            self.problem(format!("MISP actors {clusters} {message}"));
        }
        wanted.into_iter().filter(|(_, target)| !colliding.contains(target)).collect()
    }

    /// Registers the id and name of every new actor before any alias is given out, so an alias of
    /// one MISP actor cannot take another's name. A new actor whose name is a country's is dropped.
    fn claim_new_names(&mut self) {
        let mut kept = Vec::with_capacity(self.planned.len());
        for (cluster, target) in std::mem::take(&mut self.planned) {
            if let Target::New(id) = &target {
                let taken = [id.clone(), name_key(&cluster.value)].into_iter().find_map(|name| {
                    self.names.get(&name).filter(|owner| **owner != Owner::Actor(id.clone())).cloned()
                });
                if let Some(owner) = taken {
                    self.problem(format!("MISP `{}` is already the name of {owner}: not imported", cluster.value));
                    continue;
                }
                for name in [id.clone(), name_key(&cluster.value)] {
                    self.names.insert(name, Owner::Actor(id.clone()));
                }
            }
            kept.push((cluster, target));
        }
        self.planned = kept;
    }

    fn problem(&mut self, message: String) {
        if !self.report.problems.contains(&message) {
            self.report.problems.push(message);
        }
    }

    /// Works out every file's new text, and the report.
    pub fn finish(mut self) -> (ImportReport, Vec<FileText>) {
        let planned = std::mem::take(&mut self.planned);
        let files = planned.into_iter().filter_map(|(cluster, target)| self.file(cluster, &target)).collect();
        (self.report, files)
    }

    /// The file for one MISP actor: `None` when nothing changes or the file cannot be rewritten.
    fn file(&mut self, cluster: &misp::Cluster, target: &Target) -> Option<FileText> {
        let (id, before, existing) = match target {
            Target::Existing(id) => {
                let existing = self.site.actor(id)?;
                (id, existing.fields.clone(), Some(existing))
            }
            Target::New(id) => {
                (id, ActorFields { name: Some(cluster.value.trim().to_owned()), ..Default::default() }, None)
            }
        };
        let mut after = before.clone();
        let added_aliases = self.add_aliases(cluster, id, &mut after);
        let filled = self.fill_blanks(cluster, &mut after);
        if after == before && existing.is_some() {
            self.report.unchanged += 1;
            return None;
        }
        let path =
            existing.map_or_else(|| Path::new(ACTORS_DIR).join(format!("{id}.yaml")), |actor| actor.path.clone());
        let name = after.name.clone().unwrap_or_else(|| id.clone());
        if existing.is_some_and(|actor| actor.has_comments) {
            self.problem(format!(
                "{} has comments, which rewriting it would lose: not updated; by hand, add {}",
                path.display(),
                describe_additions(&added_aliases, &filled)
            ));
            return None;
        }
        let text = match actor_file::to_yaml(&after) {
            Ok(text) => text,
            Err(error) => {
                self.problem(format!("{}: {error}: not written", path.display()));
                return None;
            }
        };
        let written = Written { path: path.clone(), name, added_aliases, filled };
        match existing {
            Some(_) => self.report.updated.push(written),
            None => self.report.created.push(written),
        }
        Some(FileText { path, text, is_new: existing.is_none() })
    }

    /// Adds the names of `cluster` that `fields` lacks, except those that would be ambiguous.
    fn add_aliases(&mut self, cluster: &misp::Cluster, id: &str, fields: &mut ActorFields) -> Vec<String> {
        let owner = Owner::Actor(id.to_owned());
        let mut added = Vec::new();
        for name in cluster.names() {
            let key = name_key(name);
            let own =
                std::iter::once(id).chain(fields.name.as_deref()).chain(fields.aliases.iter().map(String::as_str));
            if own.map(name_key).any(|known| known == key) {
                continue;
            }
            if let Some(clusters) = self.shared.get(&key) {
                let message =
                    format!("`{name}` is a name of the MISP actors {}: left out of all of them", listing(clusters));
                self.problem(message);
                continue;
            }
            match self.names.get(&key) {
                Some(other) if *other != owner => {
                    let message =
                        format!("`{name}` (MISP `{}`) already names {other}: left out of `{id}`", cluster.value);
                    self.problem(message);
                }
                _ => {
                    self.names.insert(key, owner.clone());
                    fields.aliases.push(name.to_owned());
                    added.push(name.to_owned());
                }
            }
        }
        added
    }

    /// Fills in the country, description and links when the file has none.
    fn fill_blanks(&mut self, cluster: &misp::Cluster, fields: &mut ActorFields) -> Vec<&'static str> {
        let mut filled = Vec::new();
        if fields.country.is_none()
            && let Some(code) = cluster.country()
        {
            if self.site.countries.contains(&code) {
                fields.country = Some(code);
                filled.push("country");
            } else {
                let message = format!(
                    "MISP `{}` gives the country `{code}`, which has no {COUNTRIES_DIR}/{code}.yaml: left out",
                    cluster.value
                );
                self.problem(message);
            }
        }
        let description = cluster.description.as_deref().map(str::trim).filter(|text| !text.is_empty());
        if fields.description.is_none()
            && let Some(description) = description
        {
            fields.description = Some(actor_file::wrap_markdown(description, DESCRIPTION_WIDTH));
            filled.push("description");
        }
        if fields.links.is_empty() {
            fields.links = links(&cluster.meta.refs);
            if !fields.links.is_empty() {
                filled.push("links");
            }
        }
        filled
    }
}

/// Names (by their [`name_key`]) that MISP gives to more than one of its actors, with those
/// actors' names.
fn shared_names(galaxy: &misp::Galaxy) -> BTreeMap<String, Vec<&str>> {
    let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for cluster in &galaxy.values {
        for name in cluster.names() {
            owners.entry(name_key(name)).or_default().push(&cluster.value);
        }
    }
    owners.retain(|_, clusters| clusters.len() > 1);
    owners
}

/// MISP's references as links titled by host and path; only web addresses, each once.
fn links(refs: &[String]) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    for url in refs.iter().map(|url| url.trim()) {
        let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
            continue;
        };
        let title = rest.split(['?', '#']).next().unwrap_or(rest).trim_end_matches('/');
        if !title.is_empty() && !links.iter().any(|link| link.url == url) {
            links.push(Link { title: title.to_owned(), url: url.to_owned() });
        }
    }
    links
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn listing<T: AsRef<str>>(names: &[T]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{}`", name.as_ref())).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn describe_additions(aliases: &[String], filled: &[&str]) -> String {
    let mut parts = Vec::new();
    if !aliases.is_empty() {
        parts.push(format!("the aliases {}", aliases.join(", ")));
    }
    parts.extend(filled.iter().map(|field| format!("the {field}")));
    parts.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_web_addresses_titled_by_host_and_path_each_once() {
        let refs = [
            "https://attack.mitre.org/groups/G0050/",
            "http://example.org/report.pdf?utm=x#page=2",
            "https://attack.mitre.org/groups/G0050/",
            "ftp://example.org/file",
            " ",
        ]
        .map(String::from);
        let links: Vec<(String, String)> = links(&refs).into_iter().map(|link| (link.title, link.url)).collect();
        assert_eq!(
            links,
            [
                ("attack.mitre.org/groups/G0050".into(), "https://attack.mitre.org/groups/G0050/".into()),
                ("example.org/report.pdf".into(), "http://example.org/report.pdf?utm=x#page=2".into()),
            ]
        );
    }

    #[test]
    fn listings_read_as_sentences() {
        assert_eq!(listing(&["a"]), "`a`");
        assert_eq!(listing(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
