//! The offer the server is serving, loaded from `content/` and swapped on a good edit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use offer_core::content::{load_offer, ContentFile, Problem, CONTENT_FILES};
use offer_core::Offer;
use sha2::{Digest, Sha256};

/// One validated offer, ready to send.
#[derive(Debug)]
pub struct ServedOffer {
    /// The offer itself, with `version` set.
    pub offer: Offer,
    /// Its JSON, serialised once.
    pub json: Vec<u8>,
    /// A strong ETag, quoted: `"<version>"`.
    pub etag: String,
}

impl ServedOffer {
    /// Serialises `offer`, deriving its version from the content so any edit changes it.
    pub fn new(mut offer: Offer) -> ServedOffer {
        offer.version = String::new();
        let unversioned = serde_json::to_vec(&offer).expect("an offer always serialises");
        let digest = Sha256::digest(&unversioned);
        offer.version = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let json = serde_json::to_vec(&offer).expect("an offer always serialises");
        let etag = format!("\"{}\"", offer.version);
        ServedOffer { offer, json, etag }
    }
}

/// Why a content folder could not be used.
#[derive(Debug)]
pub enum ContentError {
    /// The folder or a file in it could not be read.
    Io(std::io::Error),
    /// The files were read but are not a valid offer.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContentError::Io(e) => write!(f, "could not read the content folder: {e}"),
            ContentError::Invalid(problems) => {
                writeln!(f, "the content has {} problem(s):", problems.len())?;
                for p in problems {
                    writeln!(f, "  - {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ContentError {}

/// Reads the content files of `dir`; a missing file is left out so validation names it.
pub fn read_content_dir(dir: &Path) -> std::io::Result<Vec<ContentFile>> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} is not a folder", dir.display()),
        ));
    }
    let mut files = Vec::new();
    for name in CONTENT_FILES {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => files.push(ContentFile {
                name: name.to_string(),
                text,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(files)
}

/// Reads and validates the content folder without serving it (`check`).
pub fn check_dir(dir: &Path) -> Result<Offer, ContentError> {
    let files = read_content_dir(dir).map_err(ContentError::Io)?;
    load_offer(&files).map_err(ContentError::Invalid)
}

/// What the files looked like when last read, to notice edits cheaply.
type Fingerprint = Vec<(String, Option<SystemTime>, u64)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    CONTENT_FILES
        .iter()
        .map(|name| {
            let meta = std::fs::metadata(dir.join(name)).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map(|m| m.len()).unwrap_or(0);
            (name.to_string(), modified, len)
        })
        .collect()
}

/// The content folder and the last good offer read from it.
#[derive(Debug)]
pub struct ContentStore {
    dir: PathBuf,
    current: RwLock<Arc<ServedOffer>>,
    seen: RwLock<Fingerprint>,
}

/// What a reload did.
#[derive(Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The files had not changed.
    Unchanged,
    /// A new offer is being served.
    Updated {
        /// The new version.
        version: String,
    },
    /// The edit was refused; the last good offer is still served.
    Refused,
}

impl ContentStore {
    /// Loads `dir`; the server refuses to start on bad content.
    pub fn open(dir: &Path) -> Result<ContentStore, ContentError> {
        let seen = fingerprint(dir);
        let offer = check_dir(dir)?;
        Ok(ContentStore {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(ServedOffer::new(offer))),
            seen: RwLock::new(seen),
        })
    }

    /// The offer being served now.
    pub fn current(&self) -> Arc<ServedOffer> {
        self.current.read().expect("content lock poisoned").clone()
    }

    /// Re-reads the folder if any file changed (or always, when `force`).
    pub fn reload(&self, force: bool) -> Reloaded {
        let now = fingerprint(&self.dir);
        if !force && *self.seen.read().expect("content lock poisoned") == now {
            return Reloaded::Unchanged;
        }
        *self.seen.write().expect("content lock poisoned") = now;
        match check_dir(&self.dir) {
            Ok(offer) => {
                let served = ServedOffer::new(offer);
                if served.etag == self.current().etag {
                    return Reloaded::Unchanged;
                }
                let version = served.offer.version.clone();
                *self.current.write().expect("content lock poisoned") = Arc::new(served);
                tracing::info!(%version, dir = %self.dir.display(), "content reloaded");
                Reloaded::Updated { version }
            }
            Err(error) => {
                tracing::error!(dir = %self.dir.display(), %error, "content edit refused; still serving the last good offer");
                Reloaded::Refused
            }
        }
    }
}
