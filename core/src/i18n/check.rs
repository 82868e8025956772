//! Checks a language file against English, for the tests and for anyone adding a language.

use std::collections::BTreeSet;

use super::catalogue::{Catalogue, Message, PluralCategory};
use super::language::{is_language_tag, LanguageFile, Status};

/// What is wrong with a language file, in words a translator can act on.
pub fn problems(file: &LanguageFile, english: &Catalogue) -> Vec<String> {
    let mut found = Vec::new();
    if !is_language_tag(&file.code) {
        found.push(format!(
            "\"{}\" is not a language code like ar, ps or fa-AF",
            file.code
        ));
    }
    if file.name.trim().is_empty() || file.english_name.trim().is_empty() {
        found.push("the language needs its own name and its English name".to_string());
    }
    match (file.status, &file.reviewed_by, file.reviewed_on) {
        (Status::Reviewed, Some(who), Some(_)) if !who.trim().is_empty() => {}
        (Status::Reviewed, _, _) => {
            found.push("a reviewed language says who reviewed it and on which date".to_string())
        }
        (Status::Draft, None, None) => {}
        (Status::Draft, _, _) => found
            .push("a draft has no reviewer: set status to reviewed, or remove them".to_string()),
    }
    let mut keys: Vec<_> = file.messages.iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    for (key, message) in keys {
        let Some(source) = english.get(key) else {
            found.push(format!("\"{key}\" is not in the English catalogue"));
            continue;
        };
        found.extend(message_problems(key, source, message));
    }
    found
}

fn message_problems(key: &str, english: &Message, translated: &Message) -> Vec<String> {
    let mut found = Vec::new();
    match (english, translated) {
        (Message::Text(_), Message::Plural(_)) => found.push(format!(
            "\"{key}\" is one text in English, not a set of plural forms"
        )),
        (Message::Plural(_), Message::Text(_)) => found.push(format!(
            "\"{key}\" needs plural forms (at least \"other\"), as in English"
        )),
        (Message::Plural(_), Message::Plural(forms)) => {
            if !forms.contains_key(&PluralCategory::Other) {
                found.push(format!("\"{key}\" needs an \"other\" form"));
            }
        }
        (Message::Text(_), Message::Text(_)) => {}
    }
    let wanted = english.placeholders();
    let mut have = translated.placeholders();
    // A plural form may leave the number out ("one message" in words); the others say it.
    if matches!(translated, Message::Plural(_)) && wanted.contains("count") {
        have.insert("count".to_string());
    }
    let missing: BTreeSet<_> = wanted.difference(&have).collect();
    let extra: BTreeSet<_> = have.difference(&wanted).collect();
    if !missing.is_empty() {
        found.push(format!("\"{key}\" is missing {}", braces(&missing)));
    }
    if !extra.is_empty() {
        found.push(format!(
            "\"{key}\" has {} which English does not",
            braces(&extra)
        ));
    }
    found
}

fn braces(names: &BTreeSet<&String>) -> String {
    names
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many of English's messages a language has its own words for.
pub fn coverage(file: &LanguageFile, english: &Catalogue) -> (usize, usize) {
    let done = english
        .keys()
        .filter(|k| file.messages.get(k).is_some())
        .count();
    (done, english.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Catalogue {
        Catalogue::from_json(
            r#"{"hi": "Hi {name}", "n": {"one": "{count} thing", "other": "{count} things"}}"#,
        )
        .unwrap()
    }

    fn file(messages: &str) -> LanguageFile {
        LanguageFile::from_json(&format!(
            r#"{{"code": "ar", "name": "العربية", "english_name": "Arabic", "dir": "rtl", "status": "draft", "messages": {messages}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_good_file_has_no_problems() {
        let f =
            file(r#"{"hi": "مرحبا {name}", "n": {"one": "شيء واحد", "other": "{count} أشياء"}}"#);
        assert_eq!(problems(&f, &english()), Vec::<String>::new());
        assert_eq!(coverage(&f, &english()), (2, 2));
    }

    #[test]
    fn unknown_keys_and_placeholders_are_found() {
        let f = file(r#"{"hello": "x", "hi": "مرحبا {who}", "n": {"one": "x"}}"#);
        let found = problems(&f, &english());
        assert!(
            found
                .iter()
                .any(|p| p.contains("\"hello\" is not in the English")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("\"hi\" is missing {name}")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("\"hi\" has {who}")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("\"n\" needs an \"other\"")),
            "{found:?}"
        );
    }

    #[test]
    fn a_plural_must_stay_a_plural() {
        let f = file(r#"{"n": "{count} أشياء"}"#);
        assert!(problems(&f, &english())[0].contains("needs plural forms"));
    }

    #[test]
    fn reviewed_says_who_and_when() {
        let mut f = file("{}");
        f.status = Status::Reviewed;
        assert!(problems(&f, &english())[0].contains("who reviewed"));
    }
}
