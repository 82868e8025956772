//! A language file: who the language is for, how it is written, and whether anyone checked it.

use serde::Deserialize;

use super::catalogue::Catalogue;

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Whether a person who reads the language has checked the translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Written by us or by a machine, and not yet read by a speaker: shown only where a
    /// council turns drafts on, and then with a note saying so.
    Draft,
    Reviewed,
}

/// `public/lang/CODE.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// A BCP 47 tag: `ar`, `ps`, `fa-AF` (Dari), `ckb` (Kurdish Sorani).
    pub code: String,
    /// The language's name in its own script, as the language control shows it.
    pub name: String,
    /// The name in English, for staff ("written in Pashto").
    pub english_name: String,
    pub dir: Direction,
    pub status: Status,
    /// Who reviewed it and on which date, when `status` is `reviewed`.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    #[serde(default)]
    pub reviewed_on: Option<chrono::NaiveDate>,
    pub messages: Catalogue,
}

impl LanguageFile {
    pub fn from_json(text: &str) -> Result<LanguageFile, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// True for a BCP 47 tag as this app uses them: a 2-3 letter language, then optional
/// subtags of 2-8 letters or digits (`fa-AF`, `en-XA`, `ckb`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    first_ok
        && tag.len() <= 16
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The best of `offered` for the browser's languages, most wanted first
/// (`navigator.languages`): an exact tag first, then the same base language
/// (`fa-IR` finds `fa`, `ar-EG` finds `ar`). `None` when nothing matches.
pub fn best_match<'a>(wanted: &[String], offered: &'a [String]) -> Option<&'a str> {
    for want in wanted {
        let want = want.to_ascii_lowercase();
        if let Some(found) = offered.iter().find(|o| o.to_ascii_lowercase() == want) {
            return Some(found);
        }
        let base = want.split('-').next().unwrap_or_default();
        if let Some(found) = offered.iter().find(|o| o.to_ascii_lowercase() == base) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["ar", "ps", "fa-AF", "ckb", "en-XA", "ti"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "Arabic",
            "ar_",
            "ar-",
            "ar-x",
            "../x",
            "ar-AAAAAAAAA",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn the_browsers_languages_pick_one_offered() {
        let offered: Vec<String> = ["ar", "fa", "fa-AF", "ps"].map(String::from).to_vec();
        let wanted = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            best_match(&wanted(&["fa-AF", "en"]), &offered),
            Some("fa-AF")
        );
        assert_eq!(best_match(&wanted(&["fa-IR"]), &offered), Some("fa"));
        assert_eq!(
            best_match(&wanted(&["en-GB", "ar-EG"]), &offered),
            Some("ar")
        );
        assert_eq!(best_match(&wanted(&["en-GB", "en"]), &offered), None);
    }
}
