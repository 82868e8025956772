//! English, the source language, built into the app and the server.
//!
//! It is kept in one file per part of the app, so the files stay short; a key in two files
//! is an error (see [`Catalogue::merge`]).

use std::sync::OnceLock;

use super::catalogue::{Catalogue, Words};

/// Each English file, by name, as built in.
pub const FILES: [(&str, &str); 6] = [
    ("app", include_str!("../../i18n/en/app.json")),
    ("offer", include_str!("../../i18n/en/offer.json")),
    ("places", include_str!("../../i18n/en/places.json")),
    ("messages", include_str!("../../i18n/en/messages.json")),
    ("meeting", include_str!("../../i18n/en/meeting.json")),
    ("words", include_str!("../../i18n/en/words.json")),
];

impl Words<'static> {
    /// English, the built-in catalogue: what the server writes and the app starts with.
    /// (Here, not beside `Words`, so the catalogue never needs to know English.)
    pub fn built_in() -> Words<'static> {
        Words::english(catalogue())
    }
}

/// The English catalogue, read once.
pub fn catalogue() -> &'static Catalogue {
    static ENGLISH: OnceLock<Catalogue> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        let mut all = Catalogue::default();
        for (name, text) in FILES {
            let part = Catalogue::from_json(text)
                .unwrap_or_else(|e| panic!("core/i18n/en/{name}.json is not valid: {e}"));
            all.merge(part)
                .unwrap_or_else(|e| panic!("core/i18n/en/{name}.json: {e}"));
        }
        all
    })
}

/// The English text of a plain message, for the few core functions that hand out a
/// `&'static str` ("Monday", "Wants to apply"); empty for a key English lacks or a plural.
pub fn text(key: &str) -> &'static str {
    match catalogue().get(key) {
        Some(super::catalogue::Message::Text(text)) => text,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn english_reads_and_has_no_key_twice() {
        assert!(!super::catalogue().is_empty());
    }

    #[test]
    fn plain_text_is_handed_out_as_is() {
        assert_eq!(super::text("dates.monday"), "Monday");
        assert_eq!(super::text("no.such_key"), "");
    }
}
