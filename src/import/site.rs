//! What the import needs to know about the site: its actor files as they are, its countries,
//! every name already taken, and every reference the annotations make to an actor.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::ImportError;
use super::actor_file::ActorFields;
use crate::diagnostic::Diagnostic;
use crate::load::{self, LoadedSite, raw};
use crate::model::resolve::name_key;

/// Who a lowercased name belongs to, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    Actor(String),
    Country(String),
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Actor(id) => write!(f, "the actor `{id}`"),
            Owner::Country(id) => write!(f, "the country `{id}`"),
        }
    }
}

/// An actor file as it is.
pub struct Existing {
    pub id: String,
    pub path: PathBuf,
    pub fields: ActorFields,
    pub has_comments: bool,
}

/// What the import needs to know about the site.
pub struct Site {
    pub actors: Vec<Existing>,
    pub countries: BTreeSet<String>,
    /// Every id, name and alias, by its [`name_key`], of actors and countries.
    pub names: BTreeMap<String, Owner>,
    /// Every reference, by its [`name_key`], to an actor in the annotations, resolved or not.
    pub references: BTreeSet<String>,
}

impl Site {
    /// Reads the site; refuses when a file cannot be read or parsed, since an actor file left out
    /// would be imported again as new.
    pub fn read(root: &Path) -> Result<Site, ImportError> {
        let (loaded, diagnostics) = load::load(root);
        let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
        if !errors.is_empty() {
            return Err(ImportError::Content(errors));
        }
        let mut site = Site {
            actors: Vec::new(),
            countries: BTreeSet::new(),
            names: BTreeMap::new(),
            references: references(&loaded),
        };
        for record in &loaded.countries {
            site.countries.insert(record.id.clone());
            let names = [&record.data.name, &record.data.name_en].into_iter().flatten().map(|name| &name.value);
            for name in std::iter::once(&record.id).chain(names) {
                site.names.entry(name_key(name)).or_insert_with(|| Owner::Country(record.id.clone()));
            }
        }
        for record in loaded.actors {
            let fields = ActorFields::from_raw(&record.data);
            for name in std::iter::once(&record.id).chain(&fields.name).chain(&fields.aliases) {
                site.names.entry(name_key(name)).or_insert_with(|| Owner::Actor(record.id.clone()));
            }
            let has_comments = record.file.text.lines().any(|line| line.trim_start().starts_with('#'));
            site.actors.push(Existing { id: record.id, path: record.file.path, fields, has_comments });
        }
        Ok(site)
    }

    pub fn actor(&self, id: &str) -> Option<&Existing> {
        self.actors.iter().find(|actor| actor.id == id)
    }
}

/// Everything the annotations name where an actor may stand: `actors`, and `by`, `target` and
/// `about` of claims.
fn references(site: &LoadedSite) -> BTreeSet<String> {
    let mut references = BTreeSet::new();
    for sidecar in site.articles.iter().filter_map(|article| article.sidecar.as_ref()) {
        references.extend(sidecar.data.actors.iter().map(|actor| name_key(&actor.value)));
        for claim in &sidecar.data.claims {
            let parties = [&claim.value.by, &claim.value.target, &claim.value.about];
            for party in parties.into_iter().flatten().flat_map(raw::OneOrMany::entries) {
                references.insert(name_key(&party.value));
            }
        }
    }
    references
}
