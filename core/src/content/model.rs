//! The content's files and the problems found in them: the types every step of loading
//! shares.
//!
//! They live in a module of their own, which `content` re-exports, so that `parse`, `schema`
//! and `validate` can use them without importing `content` while `content` imports them.

use std::fmt;

use serde::Serialize;

/// One content file as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// Its file name, e.g. "entitlements.toml".
    pub name: String,
    /// Its whole text.
    pub text: String,
}

impl ContentFile {
    /// A file called `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> ContentFile {
        ContentFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// Something wrong in the content, named precisely enough for an officer to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, e.g. "hubs.toml".
    pub file: String,
    /// The item's id (or `#3` for the third item when it has none); empty for the whole file.
    pub item: String,
    /// The field, like `amount.frequency` or `sessions[2].end`; empty for the whole item.
    pub field: String,
    /// What is wrong and how to put it right, in plain words.
    pub message: String,
}

impl Problem {
    pub(super) fn new(file: &str, item: &str, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            item: item.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        match (self.item.is_empty(), self.field.is_empty()) {
            (false, false) => write!(f, "item \"{}\", field \"{}\": ", self.item, self.field)?,
            (false, true) => write!(f, "item \"{}\": ", self.item)?,
            (true, false) => write!(f, "field \"{}\": ", self.field)?,
            (true, true) => {}
        }
        f.write_str(&self.message)
    }
}

/// The content files, in the order their problems are reported.
pub const CONTENT_FILES: [&str; 5] = [
    "offer.toml",
    "entitlements.toml",
    "hubs.toml",
    "contacts.toml",
    "groups.toml",
];

pub(super) const OFFER: &str = CONTENT_FILES[0];
pub(super) const ENTITLEMENTS: &str = CONTENT_FILES[1];
pub(super) const HUBS: &str = CONTENT_FILES[2];
pub(super) const CONTACTS: &str = CONTENT_FILES[3];
pub(super) const GROUPS: &str = CONTENT_FILES[4];

/// Collects the problems of one item, so each check need only name its field.
pub(super) struct Report<'a> {
    pub(super) file: &'a str,
    pub(super) item: &'a str,
    pub(super) problems: &'a mut Vec<Problem>,
}

impl Report<'_> {
    pub(super) fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            item: self.item.to_string(),
            field: field.into(),
            message: message.into(),
        });
    }
}
