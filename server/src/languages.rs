//! The translations of the app this server offers: read from the built app's `lang/`
//! folder at start, with whether a speaker has checked each (`db::languages`).
//!
//! A council offers only checked languages unless `LANGUAGES_DRAFTS=show`; a draft is never
//! presented as checked, to phones (`/api/languages`) or to staff.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use offer_core::i18n::{check, english, LanguageFile, Status};
use serde::Serialize;

use crate::db::audit::Actor;
use crate::db::languages as stored;
use crate::db::CouncilDb;

/// The pseudo-language the build writes for checking layouts: never offered.
const PSEUDO: &str = "en-XA";

/// One language file as built.
#[derive(Debug)]
pub struct Served {
    pub file: LanguageFile,
    /// The SHA-256 of the file's bytes: a check is for these exact words.
    pub hash: String,
}

/// Every translation of the app in the build.
#[derive(Debug, Default)]
pub struct Languages {
    served: Vec<Served>,
}

impl Languages {
    /// Reads `dist/lang/*.json`. A file that does not read, or does not match English, is
    /// left out with an error in the log: better English than a broken page.
    pub fn read(dist: &Path) -> Languages {
        let Ok(entries) = std::fs::read_dir(dist.join("lang")) else {
            return Languages::default();
        };
        let mut served = Vec::new();
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let file = match LanguageFile::from_json(&String::from_utf8_lossy(&bytes)) {
                Ok(file) if file.code == PSEUDO => continue,
                Ok(file) => file,
                Err(error) => {
                    tracing::error!(file = %path.display(), %error, "a language file does not read; it is not offered");
                    continue;
                }
            };
            let problems = check::problems(&file, english::catalogue());
            if !problems.is_empty() {
                tracing::error!(file = %path.display(), problems = ?problems, "a language file does not match English; it is not offered");
                continue;
            }
            served.push(Served {
                file,
                hash: crate::hex::sha256_hex(&bytes),
            });
        }
        served.sort_by(|a, b| a.file.code.cmp(&b.file.code));
        Languages { served }
    }

    /// Languages from files already read (for tests).
    pub fn of(served: Vec<Served>) -> Languages {
        Languages { served }
    }

    /// Every language in the build, by code.
    pub fn served(&self) -> impl Iterator<Item = &Served> {
        self.served.iter()
    }

    /// Every language code in the build.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.served.iter().map(|s| s.file.code.as_str())
    }

    pub fn get(&self, code: &str) -> Option<&Served> {
        self.served.iter().find(|s| s.file.code == code)
    }

    /// A language's name in English for staff ("Pashto"); the code itself for one this
    /// build has no file for.
    pub fn english_name(&self, code: &str) -> String {
        self.get(code)
            .map(|s| s.file.english_name.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

/// A language as phones and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub code: String,
    pub name: String,
    pub english_name: String,
    pub dir: &'static str,
    /// `draft` or `reviewed`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<NaiveDate>,
    /// How many of English's messages it has words for, and of how many.
    #[serde(skip)]
    pub coverage: (usize, usize),
}

impl Listed {
    pub fn is_draft(&self) -> bool {
        self.status == "draft"
    }
}

/// Every language with its status: reviewed when its file says so, or when a staff check
/// is recorded for these exact bytes.
pub async fn listed(languages: &Languages, db: &CouncilDb) -> anyhow::Result<Vec<Listed>> {
    let reviews = stored::reviews(db).await?;
    Ok(languages
        .served
        .iter()
        .map(|s| {
            let review = reviews
                .iter()
                .find(|r| r.code == s.file.code && r.file_hash == s.hash);
            let (status, reviewed_by, reviewed_on) = match (s.file.status, review) {
                (Status::Reviewed, _) => {
                    ("reviewed", s.file.reviewed_by.clone(), s.file.reviewed_on)
                }
                (Status::Draft, Some(r)) => (
                    "reviewed",
                    Some(r.reviewed_by.clone()),
                    Some(r.reviewed_at.date_naive()),
                ),
                (Status::Draft, None) => ("draft", None, None),
            };
            Listed {
                code: s.file.code.clone(),
                name: s.file.name.clone(),
                english_name: s.file.english_name.clone(),
                dir: s.file.dir.attribute(),
                status,
                reviewed_by,
                reviewed_on,
                coverage: check::coverage(&s.file, english::catalogue()),
            }
        })
        .collect())
}

/// What phones may offer: every checked language, and drafts too when the council shows them.
pub async fn offered(
    languages: &Languages,
    db: &CouncilDb,
    show_drafts: bool,
) -> anyhow::Result<Vec<Listed>> {
    Ok(listed(languages, db)
        .await?
        .into_iter()
        .filter(|l| show_drafts || !l.is_draft())
        .collect())
}

/// Records that `actor`, who reads the language, has checked its translation as built now.
/// `false` for a language this build has no file for.
pub async fn mark_checked(
    languages: &Languages,
    db: &CouncilDb,
    code: &str,
    actor: &Actor,
    at: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(served) = languages.get(code) else {
        return Ok(false);
    };
    stored::record(db, code, &served.hash, actor, at).await?;
    Ok(true)
}
