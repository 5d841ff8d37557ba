//! The manifest of the last build: its fingerprint, what it made, and every file it wrote with the
//! digest of the file's bytes (and for a page, of the context it was rendered from). It is kept as
//! JSON after a line holding its MAC under the machine's key ([`super::key`]), and read back only
//! if the MAC holds.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::Key;
use crate::Made;

/// Bumped whenever the manifest's meaning changes, so an older one is read as foreign.
const FORMAT: u32 = 1;
/// A manifest larger than this is not read: a million pages take a fifth of it.
const MAX_BYTES: u64 = 1 << 30;

/// Which file a path held when the build finished: its size, inode and change time. Writing
/// to a file, or to its metadata, moves its change time (which no program can set), and putting
/// another file in its place changes the inode, so a file with the same identity still holds
/// what the build wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub changed: i64,
    pub changed_nanos: i64,
}

impl Identity {
    /// The identity of the regular file at `path`; `None` for a link or anything else.
    pub fn of(path: &Path) -> Option<Identity> {
        fs::symlink_metadata(path).ok().filter(fs::Metadata::is_file).map(|metadata| Identity::from(&metadata))
    }
}

impl From<&fs::Metadata> for Identity {
    #[cfg(unix)]
    fn from(metadata: &fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.size(),
            changed: metadata.ctime(),
            changed_nanos: metadata.ctime_nsec(),
        }
    }

    /// Where the system keeps no change time a program cannot set, there is no cache
    /// ([`super::Cache::open`]); this only keeps the code whole.
    #[cfg(not(unix))]
    fn from(metadata: &fs::Metadata) -> Identity {
        Identity { device: 0, inode: 0, size: metadata.len(), changed: 0, changed_nanos: 0 }
    }
}

/// One file of the output, relative to the output folder.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub identity: Identity,
    /// For a page, the digest of its template and context, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// The offline zip a build wrote, where it is and which file it is.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Zipped {
    pub path: PathBuf,
    pub identity: Identity,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// [`super::Fingerprint::pages`], hex.
    pub pages_key: String,
    /// [`super::Fingerprint::build`], hex.
    pub build_key: String,
    /// The output folder, resolved.
    pub out: PathBuf,
    pub zip: Option<Zipped>,
    pub made: Made,
    pub files: Vec<Entry>,
}

impl Manifest {
    pub fn new(pages_key: String, build_key: String, out: PathBuf) -> Manifest {
        Manifest { format: FORMAT, pages_key, build_key, out, zip: None, made: Made::default(), files: Vec::new() }
    }

    /// The manifest at `path` if this machine's `key` signed it and this dossier can read it.
    pub fn read(path: &Path, key: &Key) -> Option<Manifest> {
        let file = fs::File::open(path).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1).read_to_end(&mut bytes).ok()?;
        let newline = bytes.iter().position(|byte| *byte == b'\n')?;
        let (mac, body) = (blake3::Hash::from_hex(&bytes[..newline]).ok()?, &bytes[newline + 1..]);
        // blake3's Hash compares in constant time.
        if blake3::keyed_hash(key, body) != mac {
            return None;
        }
        serde_json::from_slice::<Manifest>(body).ok().filter(|manifest| manifest.format == FORMAT)
    }

    /// Writes the manifest to `path` signed with `key`: to a new file beside it, moved into place.
    pub fn write(&self, path: &Path, key: &Key) -> std::io::Result<()> {
        let body = serde_json::to_vec(self)?;
        let draft = path.with_extension(format!("{}.new", std::process::id()));
        let written = (|| {
            let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&draft)?;
            file.write_all(blake3::keyed_hash(key, &body).to_hex().as_bytes())?;
            file.write_all(b"\n")?;
            file.write_all(&body)?;
            fs::rename(&draft, path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&draft);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let mut manifest = Manifest::new("aa".into(), "bb".into(), PathBuf::from("/tmp/out"));
        let identity = Identity { device: 1, inode: 2, size: 3, changed: 4, changed_nanos: 5 };
        manifest.files.push(Entry { path: "index.html".into(), identity, page: Some("dd".into()) });
        manifest
    }

    #[test]
    fn a_manifest_reads_back_only_under_its_own_key_and_intact() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("manifest");
        manifest().write(&path, &[1; 32]).unwrap();
        let read = Manifest::read(&path, &[1; 32]).expect("signed with this key");
        assert_eq!(read.files[0].page.as_deref(), Some("dd"));
        assert!(Manifest::read(&path, &[2; 32]).is_none(), "another machine's key");
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 3;
        bytes[last] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert!(Manifest::read(&path, &[1; 32]).is_none(), "a byte changed");
        fs::write(&path, &bytes[..40]).unwrap();
        assert!(Manifest::read(&path, &[1; 32]).is_none(), "cut short");
        fs::write(&path, "").unwrap();
        assert!(Manifest::read(&path, &[1; 32]).is_none(), "empty");
        let leftovers: Vec<_> = fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no draft left beside it");
    }
}
