//! The keys each content table may hold, read from the serde derives so they never drift.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use toml::{Table, Value};

use super::model::Report;
use crate::offer::{Amount, Eligibility, Link, Session};

/// The field names of the struct `T`, as content files write them; empty if `T` is no struct.
pub(super) fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = None;
    // The derive hands its field list to `deserialize_struct`; we keep it and stop there.
    let _ = T::deserialize(FieldNames(&mut fields));
    fields.unwrap_or(&[])
}

/// The fields of the table (or tables) under `key`, for keys that hold a nested struct.
pub(super) fn nested_fields(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "source" | "links" | "districts_source" => Some(field_names::<Link>()),
        // The council's districts are tables; an item's `districts` are ids, not looked in.
        "districts" => Some(field_names::<crate::offer::District>()),
        "amount" => Some(field_names::<Amount>()),
        "amounts" => Some(field_names::<crate::offer::LabelledAmount>()),
        "eligibility" => Some(field_names::<Eligibility>()),
        "sessions" => Some(field_names::<Session>()),
        _ => None,
    }
}

/// Reports every key of `table` (and of its nested tables) that `fields` does not have.
///
/// Serde ignores unknown keys, so without this a typo like `up-to` would silently vanish.
pub(super) fn unknown_fields(
    table: &Table,
    fields: &[&str],
    prefix: &str,
    noun: &str,
    report: &mut Report,
) {
    if fields.is_empty() {
        return;
    }
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if !fields.contains(&key.as_str()) {
            let hint = match closest(key, fields) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("it can have: {}", fields.join(", ")),
            };
            report.add(path, format!("{noun} has no field `{key}`; {hint}"));
            continue;
        }
        let Some(sub) = nested_fields(key) else {
            continue;
        };
        let sub_noun = nested_noun(key);
        match value {
            Value::Table(inner) => unknown_fields(inner, sub, &path, sub_noun, report),
            Value::Array(list) => {
                for (i, element) in list.iter().enumerate() {
                    if let Value::Table(inner) = element {
                        let path = format!("{path}[{}]", i + 1);
                        unknown_fields(inner, sub, &path, sub_noun, report);
                    }
                }
            }
            _ => {}
        }
    }
}

/// What a nested table is called in messages ("a session").
pub(super) fn nested_noun(key: &str) -> &'static str {
    match key {
        "source" => "a source",
        "links" => "a link",
        "amount" => "an amount",
        "eligibility" => "eligibility",
        "sessions" => "a session",
        "districts" => "a district",
        "districts_source" => "a source",
        _ => "this table",
    }
}

/// The known name `unknown` was most likely meant to be.
pub(super) fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let plain = |s: &str| s.to_ascii_lowercase().replace(['-', ' '], "_");
    let wanted = plain(unknown);
    known
        .iter()
        .map(|k| (edit_distance(&wanted, &plain(k)), *k))
        .filter(|(distance, k)| *distance <= 2.min(k.len() / 3 + 1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance, small and slow, for short keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A deserializer that only records the field list a struct asks for.
struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = Some(fields);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}
