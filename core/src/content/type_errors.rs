//! Which field a serde error is about, said in plain words, and every such error in an item.
//!
//! Deserialising a `toml::Value` gives messages without a path ("missing field `url`").
//! We find the path by experiment: take one key out at a time and see whether the error
//! changes. Items are small, so the extra attempts cost nothing worth measuring.

use serde::de::DeserializeOwned;
use toml::{Table, Value};

use super::schema;

/// One step into a TOML value: a key of a table or a position in an array.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A field whose value does not have the type it should.
#[derive(Debug)]
pub(super) struct TypeError {
    /// Where it is, like `sessions[2].start` (positions count from 1).
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Enough rounds for every field of the largest item to be wrong once.
const MAX_ROUNDS: usize = 40;

/// Deserialises `item` as `T`, or names every field that stops it.
///
/// After each error the culprit is taken out (or, when required, replaced by a stand-in)
/// and we try again, so one bad field does not hide the next.
pub(super) fn deserialize<T: DeserializeOwned>(
    item: &Table,
    noun: &str,
) -> Result<T, Vec<TypeError>> {
    let fields = schema::field_names::<T>();
    let mut work = Value::Table(item.clone());
    let mut errors = Vec::new();
    let mut reported: Vec<Vec<Step>> = Vec::new();
    let mut stood_in: Vec<Vec<Step>> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let message = match attempt::<T>(&work) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(message) => message,
        };
        let missing = missing_field(&message);
        let path = match missing {
            Some(name) => {
                let mut path = find_missing(&work, fields, name).unwrap_or_default();
                path.push(Step::Key(name.to_string()));
                path
            }
            None => locate::<T>(&work, &message),
        };
        if reported.contains(&path) {
            // A wrong value we took out was required: stand something in to look further.
            if stood_in.contains(&path) || !stand_in(&mut work, &path) {
                break;
            }
            stood_in.push(path);
            continue;
        }
        errors.push(TypeError {
            field: render(&work, &path),
            message: explain(noun, &path, &message, get(&work, &path)),
        });
        reported.push(path.clone());
        let went_on = if missing.is_some() {
            stood_in.push(path.clone());
            stand_in(&mut work, &path)
        } else {
            !path.is_empty() && remove(&mut work, &path)
        };
        if !went_on {
            break;
        }
    }
    Err(errors)
}

fn attempt<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value.clone()).map_err(|e| e.message().to_string())
}

/// The path of the value whose removal changes the error, step by step down.
fn locate<T: DeserializeOwned>(root: &Value, message: &str) -> Vec<Step> {
    let mut path = Vec::new();
    while let Some(node) = get(root, &path) {
        let children: Vec<Step> = match node {
            Value::Table(table) => table.keys().cloned().map(Step::Key).collect(),
            Value::Array(list) => (0..list.len()).map(Step::Index).collect(),
            _ => break,
        };
        let culprit = children.into_iter().find(|step| {
            let mut trial = root.clone();
            let mut at = path.clone();
            at.push(step.clone());
            remove(&mut trial, &at);
            attempt::<T>(&trial).err().as_deref() != Some(message)
        });
        match culprit {
            Some(step) => path.push(step),
            None => break,
        }
    }
    path
}

/// The first table (in the order serde reads them) that should have `name` but lacks it.
fn find_missing(value: &Value, fields: &[&str], name: &str) -> Option<Vec<Step>> {
    let Value::Table(table) = value else {
        return None;
    };
    for (key, child) in table {
        let Some(sub) = schema::nested_fields(key) else {
            continue;
        };
        let found = match child {
            Value::Table(_) => {
                find_missing(child, sub, name).map(|p| prepend(vec![Step::Key(key.clone())], p))
            }
            Value::Array(list) => list.iter().enumerate().find_map(|(i, element)| {
                let at = vec![Step::Key(key.clone()), Step::Index(i)];
                find_missing(element, sub, name).map(|p| prepend(at, p))
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    (fields.contains(&name) && !table.contains_key(name)).then(Vec::new)
}

fn prepend(mut head: Vec<Step>, tail: Vec<Step>) -> Vec<Step> {
    head.extend(tail);
    head
}

fn get<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |node, step| match (node, step) {
            (Value::Table(table), Step::Key(key)) => table.get(key),
            (Value::Array(list), Step::Index(i)) => list.get(*i),
            _ => None,
        })
}

fn get_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(value, |node, step| match (node, step) {
            (Value::Table(table), Step::Key(key)) => table.get_mut(key),
            (Value::Array(list), Step::Index(i)) => list.get_mut(*i),
            _ => None,
        })
}

fn remove(value: &mut Value, path: &[Step]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match (get_mut(value, parent), last) {
        (Some(Value::Table(table)), Step::Key(key)) => table.remove(key).is_some(),
        (Some(Value::Array(list)), Step::Index(i)) if *i < list.len() => {
            list.remove(*i);
            true
        }
        _ => false,
    }
}

/// Puts a harmless value of the right type where a required field is missing or wrong.
fn stand_in(value: &mut Value, path: &[Step]) -> bool {
    let Some((Step::Key(name), parent)) = path.split_last() else {
        return false;
    };
    let Some(Value::Table(table)) = get_mut(value, parent) else {
        return false;
    };
    let text = |s: &str| Value::String(s.to_string());
    let stand_in = match name.as_str() {
        "last_checked" | "last_reviewed" | "updated" | "opens_on" => text("2000-01-01"),
        "start" | "end" => text("00:00"),
        "day" => text("monday"),
        "kind" => text("team"),
        "status" => text("open"),
        "frequency" => text("once"),
        "pence" | "min_age" | "max_age" => Value::Integer(0),
        "lat" | "lon" => Value::Float(0.0),
        "overnight" | "up_to" => Value::Boolean(false),
        "source" => Value::Table(Table::from_iter([
            ("title".into(), text("")),
            ("url".into(), text("")),
        ])),
        "links" | "sessions" | "steps" | "ask" | "keywords" | "services" | "circumstances" => {
            Value::Array(Vec::new())
        }
        _ => text(""),
    };
    table.insert(name.clone(), stand_in);
    true
}

/// The path as content writers see it: `sessions[2].start`, positions counting from 1.
fn render(root: &Value, path: &[Step]) -> String {
    let mut field = String::new();
    for (i, step) in path.iter().enumerate() {
        match step {
            Step::Key(key) => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
            }
            // A bad entry in a list of words is named by its value in the message instead.
            Step::Index(n) => match get(root, &path[..=i]) {
                Some(Value::Table(_)) => field.push_str(&format!("[{}]", n + 1)),
                _ => break,
            },
        }
    }
    field
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

const DATE_FIELDS: [&str; 5] = [
    "last_checked",
    "last_reviewed",
    "updated",
    "opens_on",
    "since",
];

/// Serde's message, rewritten for someone editing a content file.
fn explain(noun: &str, path: &[Step], message: &str, value: Option<&Value>) -> String {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    let field = keys.last().copied().unwrap_or("");
    let owner = match keys.len() {
        0 | 1 => noun,
        n => schema::nested_noun(keys[n - 2]),
    };
    if let Some(name) = missing_field(message) {
        return missing_words(owner, name);
    }
    if let Some((got, allowed)) = unknown_variant(message) {
        return format!(
            "\"{got}\" is not {}; use one of: {allowed}",
            choice_noun(field)
        );
    }
    if let Some(Value::String(text)) = value {
        if DATE_FIELDS.contains(&field) {
            return format!("\"{text}\" is not a date; write dates like \"2026-11-22\"");
        }
    }
    if field == "min_age" || field == "max_age" {
        if let Some(Value::Integer(n)) = value {
            return format!("{n} is not an age; ages are whole numbers of years from 0 to 30");
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return match plain_found(found) {
                Some(found) => {
                    format!("this should be {}, but it is {found}", plain_type(expected))
                }
                None => format!("this should be {}", plain_type(expected)),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = plain_found(found).unwrap_or_else(|| "this".to_string());
            return format!(
                "{found} is not allowed here; this should be {}",
                plain_type(expected)
            );
        }
    }
    message.to_string()
}

fn missing_words(owner: &str, name: &str) -> String {
    match name {
        "source" => format!(
            "every {owner} needs a source = {{ title = \"...\", url = \"https://...\" }} saying where the facts come from"
        ),
        "last_checked" => format!(
            "every {owner} needs last_checked = \"YYYY-MM-DD\": the day someone last checked it against its source"
        ),
        "pence" => "an amount needs pence: £3,000 is pence = 300000".to_string(),
        _ => format!("{} needs `{name}`, but it is missing", with_every(owner)),
    }
}

fn with_every(owner: &str) -> String {
    match owner.split_once(' ') {
        Some(("a" | "an", rest)) => format!("every {rest}"),
        _ if owner == "eligibility" || owner == "this table" => owner.to_string(),
        _ => format!("every {owner}"),
    }
}

/// Splits "unknown variant `uni`, expected one of `college`, `university`".
fn unknown_variant(message: &str) -> Option<(&str, String)> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (got, expected) = rest.split_once("`, expected ")?;
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    Some((got, expected.replace('`', "").replace(" or ", ", ")))
}

fn choice_noun(field: &str) -> &'static str {
    match field {
        "circumstances" => "a circumstance we know",
        "frequency" => "a frequency",
        "kind" => "a kind of contact",
        "status" => "a hub status",
        _ => "an allowed value",
    }
}

fn plain_type(expected: &str) -> String {
    let words = match expected {
        "a string" | "string only" => "text in quotes",
        "a boolean" => "true or false",
        "a sequence" => "a list in square brackets [ ]",
        "a formatted date string" => "a date in quotes like \"2026-11-22\"",
        "f32" | "f64" => "a number",
        e if e.starts_with('u') && e[1..].parse::<u32>().is_ok() => "a whole number of 0 or more",
        e if e.starts_with('i') && e[1..].parse::<u32>().is_ok() => "a whole number",
        e if e.starts_with("struct ") || e == "a map" => "a table in curly brackets { }",
        e => e,
    };
    words.to_string()
}

fn plain_found(found: &str) -> Option<String> {
    let words = match found {
        "map" => "a table".to_string(),
        "sequence" => "a list".to_string(),
        // What toml calls a number or a list given where a choice belongs: say nothing.
        "unit variant" => return None,
        f => {
            let f = f.replace('`', "");
            let f = f
                .strip_prefix("floating point ")
                .map(|n| format!("the number {n}"))
                .unwrap_or(f);
            let f = f
                .strip_prefix("integer ")
                .map(|n| format!("the number {n}"))
                .unwrap_or(f);
            let f = f
                .strip_prefix("string ")
                .map(|s| format!("the text {s}"))
                .unwrap_or(f);
            f.strip_prefix("boolean ").map(str::to_string).unwrap_or(f)
        }
    };
    Some(words)
}
