//! Generated files by service, kept under `target/generation-cache/`, so that a service whose
//! spec files and generator did not change is not loaded, planned or printed again (`regen`,
//! `stress`). An entry's key is a SHA-256 of the generator build and of every spec file of the
//! service (its path and bytes); the generator build is the running executable's path, size
//! and modification time, so rebuilding the generator (any change to `codegen/`) starts afresh.
//! A missing, unreadable or corrupt entry is a miss, never an error: the cache only saves time.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The running build of the xtask (generator and importers): its path, size and modification
/// time. An unknown build gets an id no other run has, so nothing cached is reused.
pub fn build_id() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            let meta = fs::metadata(&exe).ok()?;
            let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            Some(format!("{} {} {}", exe.display(), meta.len(), modified.as_nanos()))
        })
        .unwrap_or_else(|| format!("unknown build {:?}", std::time::SystemTime::now()))
}

/// Where entries live, under the workspace's `target/`.
const DIR: &str = "target/generation-cache";

pub struct GenerationCache {
    dir: PathBuf,
    /// Identifies the generator build that writes and reads entries.
    build: String,
}

/// What one service's generation made.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    /// Paths relative to the generated root (`{service}/…`) and their text.
    pub files: BTreeMap<String, String>,
    /// Each version generated, in spec order.
    pub versions: Vec<VersionInfo>,
}

/// A generated service version, as `stress` attributes diagnostics to it.
#[derive(Clone, Serialize, Deserialize)]
pub struct VersionInfo {
    pub service: String,
    pub version: String,
    /// Its module (`v20211206`): its code is in `{service}/src/{module}/`.
    pub module: String,
    pub actions: usize,
}

impl GenerationCache {
    /// The cache of the workspace at `root`, for the running build of the generator.
    pub fn open(root: &Path) -> Self {
        GenerationCache {
            dir: root.join(DIR),
            build: build_id(),
        }
    }

    /// The key of a service whose spec files are `specs` (path, bytes), in path order.
    pub fn key(&self, specs: &[(String, Vec<u8>)]) -> String {
        let mut hash = Sha256::new();
        hash.update(self.build.as_bytes());
        for (path, bytes) in specs {
            hash.update((path.len() as u64).to_le_bytes());
            hash.update(path.as_bytes());
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        }
        hex::encode(hash.finalize())
    }

    pub fn get(&self, key: &str) -> Option<Entry> {
        let bytes = fs::read(self.dir.join(format!("{key}.entry"))).ok()?;
        Entry::from_bytes(&bytes)
    }

    /// Stores an entry; a failure to write only costs the next run its time, so it is reported
    /// and otherwise ignored.
    pub fn put(&self, key: &str, entry: &Entry) {
        let path = self.dir.join(format!("{key}.entry"));
        let written = fs::create_dir_all(&self.dir).map_err(|e| e.to_string()).and_then(|()| {
            // Written aside and renamed, so a reader never sees half an entry.
            let partial = path.with_extension(format!("{}.partial", std::process::id()));
            let mut out = BufWriter::new(fs::File::create(&partial).map_err(|e| e.to_string())?);
            entry.write_to(&mut out).map_err(|e| e.to_string())?;
            out.into_inner().map_err(|e| e.to_string())?;
            fs::rename(&partial, &path).map_err(|e| e.to_string())
        });
        if let Err(e) = written {
            eprintln!("generation cache: cannot write {}: {e}", path.display());
        }
    }
}

impl Entry {
    /// The versions as a line of JSON, then each file as its path and text, each preceded by
    /// its length: the files (hundreds of MB for `stress`) are copied, not escaped.
    fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, &self.versions)?;
        out.write_all(b"\n")?;
        for (path, text) in &self.files {
            for part in [path.as_bytes(), text.as_bytes()] {
                out.write_all(&(part.len() as u64).to_le_bytes())?;
                out.write_all(part)?;
            }
        }
        Ok(())
    }

    fn from_bytes(bytes: &[u8]) -> Option<Entry> {
        let newline = bytes.iter().position(|b| *b == b'\n')?;
        let versions = serde_json::from_slice(&bytes[..newline]).ok()?;
        let mut rest = &bytes[newline + 1..];
        let mut files = BTreeMap::new();
        while !rest.is_empty() {
            let path = take_part(&mut rest)?;
            let text = take_part(&mut rest)?;
            files.insert(path, text);
        }
        Some(Entry { files, versions })
    }

    /// The files, as `tencentcloud_codegen::Files` holds them.
    pub fn into_files(self) -> impl Iterator<Item = (PathBuf, String)> {
        self.files.into_iter().map(|(path, text)| (PathBuf::from(path), text))
    }
}

/// A length-prefixed text at the start of `rest`, which moves past it; `None` if cut short.
fn take_part(rest: &mut &[u8]) -> Option<String> {
    let len = usize::try_from(u64::from_le_bytes(rest.get(..8)?.try_into().ok()?)).ok()?;
    let part = rest.get(8..8usize.checked_add(len)?)?;
    let text = String::from_utf8(part.to_vec()).ok()?;
    *rest = &rest[8 + len..];
    Some(text)
}

#[cfg(test)]
mod tests {
    use tencentcloud_codegen::Files;

    use super::*;

    #[test]
    fn keys_change_with_any_byte_of_any_spec_and_with_the_build() {
        let dir = std::env::temp_dir().join(format!("generation-cache-test-{}", std::process::id()));
        let cache = GenerationCache::open(&dir);
        let specs = vec![("dts/2021-12-06.json".to_owned(), b"{}".to_vec())];
        let key = cache.key(&specs);
        assert_eq!(key, cache.key(&specs));
        assert_ne!(key, cache.key(&[("dts/2021-12-06.json".to_owned(), b"{ }".to_vec())]));
        assert_ne!(key, cache.key(&[("dts/2021-12-07.json".to_owned(), b"{}".to_vec())]));
        let other_build = GenerationCache {
            dir: cache.dir.clone(),
            build: "another build".to_owned(),
        };
        assert_ne!(key, other_build.key(&specs));

        assert!(cache.get(&key).is_none());
        let entry = Entry {
            files: [("dts/Cargo.toml".to_owned(), "[package]".to_owned())].into(),
            versions: Vec::new(),
        };
        cache.put(&key, &entry);
        let back = cache.get(&key).expect("stored");
        assert_eq!(
            back.into_files().collect::<Files>(),
            entry.into_files().collect::<Files>()
        );
        // A corrupt entry is a miss.
        fs::write(cache.dir.join(format!("{key}.entry")), b"[]\n\x05\0\0\0\0\0\0\0ab").unwrap();
        assert!(cache.get(&key).is_none());
        let _ = fs::remove_dir_all(&dir);
    }
}
