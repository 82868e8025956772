//! A catalogue: message keys to text, with `{name}` placeholders and plural forms.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

/// A CLDR plural category, as `Intl.PluralRules.select` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The category for a name `Intl.PluralRules` gives; anything else is `Other`.
    pub fn from_name(name: &str) -> PluralCategory {
        match name {
            "zero" => PluralCategory::Zero,
            "one" => PluralCategory::One,
            "two" => PluralCategory::Two,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }

    /// English's rule, for the server and for tests: 1 is "one", everything else "other".
    pub fn english(count: u64) -> PluralCategory {
        if count == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }
}

/// One message: plain text, or one text per plural category (`other` always present).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<PluralCategory, String>),
}

/// Read by hand rather than with `#[serde(untagged)]`, which buffers every value to try each
/// variant in turn: a string is a text, a map is plural forms. Every phone runs this.
impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Message, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Message;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or plural forms like {\"one\": …, \"other\": …}")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Message, E> {
                Ok(Message::Text(text.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Message, E> {
                Ok(Message::Text(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Message, A::Error> {
                let mut forms = BTreeMap::new();
                while let Some((category, text)) = map.next_entry::<PluralCategory, String>()? {
                    forms.insert(category, text);
                }
                Ok(Message::Plural(forms))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

impl Message {
    /// The text for a plural category, falling back to `other`.
    fn form(&self, category: PluralCategory) -> Option<&str> {
        match self {
            Message::Text(text) => Some(text),
            Message::Plural(forms) => forms
                .get(&category)
                .or_else(|| forms.get(&PluralCategory::Other))
                .map(String::as_str),
        }
    }

    /// Every placeholder named in any form, e.g. `{"count", "name"}`.
    pub fn placeholders(&self) -> BTreeSet<String> {
        match self {
            Message::Text(text) => placeholders_in(text),
            Message::Plural(forms) => forms.values().flat_map(|t| placeholders_in(t)).collect(),
        }
    }
}

/// Placeholders in one text: the names between `{` and `}`.
pub fn placeholders_in(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            found.insert(name.to_string());
        }
        rest = &after[close + 1..];
    }
    found
}

/// Keys to messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Catalogue {
    messages: HashMap<String, Message>,
}

impl Catalogue {
    /// Reads a JSON object of keys to messages.
    pub fn from_json(text: &str) -> Result<Catalogue, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Adds another file's messages (English is kept in several files by part of the app).
    /// A key in both is an error, so two parts cannot quietly share one.
    pub fn merge(&mut self, other: Catalogue) -> Result<(), String> {
        for (key, message) in other.messages {
            if self.messages.contains_key(&key) {
                return Err(format!("the key \"{key}\" is in two English files"));
            }
            self.messages.insert(key, message);
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.messages.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Message)> {
        self.messages.iter()
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// The words to show: the chosen language where it has a message, English where it does not.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub chosen: Option<&'a Catalogue>,
    pub english: &'a Catalogue,
    /// The chosen language's plural rule (CLDR's, `plural::category`).
    pub plural: &'a dyn Fn(u64) -> PluralCategory,
}

impl<'a> Words<'a> {
    /// English only.
    pub fn english(english: &'a Catalogue) -> Words<'a> {
        Words {
            chosen: None,
            english,
            plural: &PluralCategory::english,
        }
    }

    /// The message for `key` with its placeholders filled from `args`.
    ///
    /// A key neither catalogue has gives an empty string, never the key: the catalogue
    /// tests make sure every key the app uses is in English.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.form(key, PluralCategory::Other)
            .map(|t| self.filled(t, args))
            .unwrap_or_default()
    }

    /// The plural message for `key`, in the form `category` picks, with `{count}` and `args`.
    pub fn count(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let category = (self.plural)(count);
        let count_text = count.to_string();
        let mut all = vec![("count", count_text.as_str())];
        all.extend_from_slice(args);
        // English's own rule when falling back to English: the chosen language's category
        // ("few", say) means nothing to an English message.
        let text = match self.chosen.and_then(|c| c.get(key)) {
            Some(message) => message.form(category),
            None => self
                .english
                .get(key)
                .and_then(|m| m.form(PluralCategory::english(count))),
        };
        text.map(|t| self.filled(t, &all)).unwrap_or_default()
    }

    /// `text` filled from `args`; in another language than English, with every number of
    /// several parts kept in order inside right-to-left words (`super::bidi`). English
    /// stays as it is.
    fn filled(&self, text: &str, args: &[(&str, &str)]) -> String {
        let filled = fill(text, args);
        match self.chosen {
            Some(_) => super::bidi::isolate_numbers(&filled),
            None => filled,
        }
    }

    /// True when the chosen language has its own message for `key`.
    pub fn is_translated(&self, key: &str) -> bool {
        self.chosen.is_some_and(|c| c.get(key).is_some())
    }

    fn form(&self, key: &str, category: PluralCategory) -> Option<&'a str> {
        self.chosen
            .and_then(|c| c.get(key))
            .or_else(|| self.english.get(key))
            .and_then(|m| m.form(category))
    }
}

/// Puts each `{name}` from `args` into `text`; a placeholder with no value stays as written.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if args.is_empty() || !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Catalogue {
        Catalogue::from_json(
            r#"{"hello": "Hello {name}", "messages": {"one": "{count} message", "other": "{count} messages"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("Hello {name}!", &[("name", "Sam")]), "Hello Sam!");
        assert_eq!(fill("Hello {who}", &[("name", "Sam")]), "Hello {who}");
        assert_eq!(fill("a { b", &[("b", "x")]), "a { b");
    }

    #[test]
    fn a_missing_translation_shows_english_never_the_key() {
        let en = english();
        let ar = Catalogue::from_json(r#"{"hello": "مرحبا {name}"}"#).unwrap();
        let few = |_| PluralCategory::Few;
        let words = Words {
            chosen: Some(&ar),
            english: &en,
            plural: &few,
        };
        assert_eq!(words.text("hello", &[("name", "Sam")]), "مرحبا Sam");
        assert_eq!(words.count("messages", 3, &[]), "3 messages");
        assert_eq!(words.text("nowhere", &[]), "");
        assert!(words.is_translated("hello"));
        assert!(!words.is_translated("messages"));
    }

    #[test]
    fn plurals_pick_the_form_and_fall_back_to_other() {
        let en = english();
        let words = Words::english(&en);
        assert_eq!(words.count("messages", 1, &[]), "1 message");
        assert_eq!(words.count("messages", 0, &[]), "0 messages");
        let ar = Catalogue::from_json(r#"{"messages": {"one": "رسالة واحدة", "few": "{count} رسائل", "other": "{count} رسالة"}}"#).unwrap();
        // Arabic's rule, in part: enough to pick each form once.
        let arabic = |n: u64| match n {
            1 => PluralCategory::One,
            3..=10 => PluralCategory::Few,
            _ => PluralCategory::Many,
        };
        let words = Words {
            chosen: Some(&ar),
            english: &en,
            plural: &arabic,
        };
        assert_eq!(words.count("messages", 3, &[]), "3 رسائل");
        assert_eq!(words.count("messages", 1, &[]), "رسالة واحدة");
        assert_eq!(words.count("messages", 11, &[]), "11 رسالة");
    }

    #[test]
    fn merging_refuses_a_key_twice() {
        let mut en = english();
        let again = Catalogue::from_json(r#"{"hello": "Hi"}"#).unwrap();
        assert!(en.merge(again).unwrap_err().contains("hello"));
    }

    #[test]
    fn placeholders_are_found_in_every_form() {
        let en = english();
        let names: Vec<_> = en
            .get("messages")
            .unwrap()
            .placeholders()
            .into_iter()
            .collect();
        assert_eq!(names, ["count"]);
        assert!(placeholders_in("{} and { x }").is_empty());
    }
}
