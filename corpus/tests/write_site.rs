//! `write_site` on disk: the same options give the same bytes in every file (site.toml, actors,
//! countries, articles), and another seed does not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dossier_corpus::{Options, write_site};

/// Every file under `root`, by relative path, with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| (entry.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(entry.path()).unwrap()))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let temp = tempfile::tempdir().unwrap();
    let [first, again, other] = ["first", "again", "other"].map(|name| temp.path().join(name));
    for (folder, seed) in [(&first, 1), (&again, 1), (&other, 2)] {
        let summary = write_site(folder, &Options { articles: 50, seed }).unwrap();
        assert_eq!(summary.files, tree(folder).len());
    }
    assert_eq!(tree(&first), tree(&again));
    assert_ne!(tree(&first), tree(&other));
}
