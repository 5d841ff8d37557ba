//! The MISP galaxy cluster format, as much of it as `import-actors` reads: for each cluster its
//! name (`value`), `description`, and from `meta` the `synonyms`, the `country` (ISO 3166 alpha-2,
//! upper case) and the `refs`. Everything else in the file is ignored.

use std::path::Path;

use serde::Deserialize;

use crate::model::resolve::name_key;

#[derive(Debug, Deserialize)]
pub struct Galaxy {
    pub name: Option<String>,
    pub values: Vec<Cluster>,
}

#[derive(Debug, Deserialize)]
pub struct Cluster {
    pub value: String,
    pub description: Option<String>,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Default, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub synonyms: Vec<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub refs: Vec<String>,
}

impl Cluster {
    /// The name, then the synonyms, trimmed, each spelling once (ignoring case), empty ones left
    /// out. MISP lists `Lazarus Group` and `Lazarus group` both.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::with_capacity(1 + self.meta.synonyms.len());
        for name in std::iter::once(&self.value).chain(&self.meta.synonyms).map(|name| name.trim()) {
            if !name.is_empty() && !names.iter().any(|seen| name_key(seen) == name_key(name)) {
                names.push(name);
            }
        }
        names
    }

    /// The country code in lower case, as dossier's country files are named; `None` when MISP
    /// gives none (or an empty one).
    pub fn country(&self) -> Option<String> {
        self.meta.country.as_deref().map(str::trim).filter(|code| !code.is_empty()).map(str::to_lowercase)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("{} is not a MISP galaxy cluster file: {source}", path.display())]
    Format { path: std::path::PathBuf, source: serde_json::Error },
}

pub fn read(path: &Path) -> Result<Galaxy, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    serde_json::from_slice(&bytes).map_err(|source| ReadError::Format { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_deduplicated_ignoring_case_and_countries_lowercased() {
        let cluster: Cluster = serde_json::from_str(
            r#"{"value": "Lazarus Group", "uuid": "x",
                "meta": {"synonyms": ["Hidden Cobra", "Lazarus group", " ", "ZINC"], "country": "KP"}}"#,
        )
        .unwrap();
        assert_eq!(cluster.names(), ["Lazarus Group", "Hidden Cobra", "ZINC"]);
        assert_eq!(cluster.country().as_deref(), Some("kp"));
    }

    #[test]
    fn a_cluster_without_meta_has_no_synonyms_and_no_country() {
        let cluster: Cluster = serde_json::from_str(r#"{"value": "Earth Estries", "meta": {"country": ""}}"#).unwrap();
        assert_eq!(cluster.names(), ["Earth Estries"]);
        assert_eq!(cluster.country(), None);
    }
}
