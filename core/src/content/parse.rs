//! From file text to the raw tables of each item, with syntax and shape problems named.

use toml::{Table, Value};

use super::model::{ContentFile, Problem, CONTENT_FILES};

/// One `[[...]]` item (or the `[council]` table) before it is typed.
#[derive(Debug)]
pub(super) struct RawItem {
    /// How problems name it: its id, or `#3` for the third item when it has none.
    pub label: String,
    /// Its keys and values, with bare TOML dates already turned into text.
    pub table: Table,
}

impl RawItem {
    /// Its id, when it has one written as text.
    pub fn id(&self) -> Option<&str> {
        self.table.get("id").and_then(Value::as_str)
    }
}

/// The table of the file called `name`, or `None` after reporting why there is none.
pub(super) fn read_file(
    name: &str,
    files: &[ContentFile],
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let Some(file) = files.iter().find(|f| f.name == name) else {
        problems.push(Problem::new(
            name,
            "",
            "",
            "this file is missing; the offer needs every one of offer.toml, entitlements.toml, hubs.toml, contacts.toml and groups.toml",
        ));
        return None;
    };
    match toml::from_str::<Table>(&file.text) {
        Ok(mut table) => {
            table.iter_mut().for_each(|(_, v)| dates_to_text(v));
            Some(table)
        }
        Err(error) => {
            problems.push(syntax_problem(name, &file.text, &error));
            None
        }
    }
}

/// Reports files handed in that are not content files, or handed in twice.
pub(super) fn unexpected_files(files: &[ContentFile], problems: &mut Vec<Problem>) {
    for (i, file) in files.iter().enumerate() {
        if !CONTENT_FILES.contains(&file.name.as_str()) {
            let message = format!(
                "this is not a content file; the files are {}",
                CONTENT_FILES.join(", ")
            );
            problems.push(Problem::new(&file.name, "", "", message));
        } else if files[..i].iter().any(|f| f.name == file.name) {
            problems.push(Problem::new(
                &file.name,
                "",
                "",
                "this file was given twice",
            ));
        }
    }
}

/// Officers type dates with or without quotes; both become the text serde expects.
fn dates_to_text(value: &mut Value) {
    match value {
        Value::Datetime(when) => {
            let text = match (when.date, when.time, when.offset) {
                (Some(date), None, None) => date.to_string(),
                (None, Some(time), None) if time.second == 0 && time.nanosecond == 0 => {
                    format!("{:02}:{:02}", time.hour, time.minute)
                }
                _ => when.to_string(),
            };
            *value = Value::String(text);
        }
        Value::Array(list) => list.iter_mut().for_each(dates_to_text),
        Value::Table(table) => table.iter_mut().for_each(|(_, v)| dates_to_text(v)),
        _ => {}
    }
}

/// Reports keys at the top of a file other than `allowed`.
pub(super) fn only_keys(file: &str, table: &Table, allowed: &[&str], problems: &mut Vec<Problem>) {
    for key in table.keys().filter(|k| !allowed.contains(&k.as_str())) {
        let hint = match super::schema::closest(key, allowed) {
            Some(known) => format!("did you mean `{known}`?"),
            None => format!("this file holds only {}", allowed.join(" and ")),
        };
        problems.push(Problem::new(
            file,
            "",
            key,
            format!("`{key}` does not belong here; {hint}"),
        ));
    }
}

/// The items of the `[[key]]` array of a file.
pub(super) fn items(
    file: &str,
    table: &Table,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<RawItem> {
    let list = match table.get(key) {
        Some(Value::Array(list)) => list,
        Some(_) => {
            let message = format!("`{key}` should be a list of [[{key}]] tables");
            problems.push(Problem::new(file, "", key, message));
            return Vec::new();
        }
        None => {
            let message =
                format!("there are no [[{key}]] items; write {key} = [] if there really are none");
            problems.push(Problem::new(file, "", key, message));
            return Vec::new();
        }
    };
    let mut items = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let number = format!("#{}", i + 1);
        match value {
            Value::Table(table) => {
                let label = match table.get("id").and_then(Value::as_str) {
                    Some(id) if !id.trim().is_empty() => id.to_string(),
                    _ => number,
                };
                items.push(RawItem {
                    label,
                    table: table.clone(),
                });
            }
            _ => {
                let message = format!("each of {key} should be a [[{key}]] table");
                problems.push(Problem::new(file, &number, "", message));
            }
        }
    }
    items
}

/// The single `[key]` table of a file, like `[council]`.
pub(super) fn single(
    file: &str,
    table: &Table,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<RawItem> {
    match table.get(key) {
        Some(Value::Table(inner)) => Some(RawItem {
            label: key.to_string(),
            table: inner.clone(),
        }),
        Some(_) => {
            problems.push(Problem::new(
                file,
                key,
                "",
                format!("`{key}` should be a [{key}] table"),
            ));
            None
        }
        None => {
            problems.push(Problem::new(
                file,
                key,
                "",
                format!("this file needs a [{key}] table"),
            ));
            None
        }
    }
}

/// A TOML syntax error, placed by line and column, and by item and field when we can tell.
fn syntax_problem(file: &str, text: &str, error: &toml::de::Error) -> Problem {
    let offset = error.span().map(|s| s.start).unwrap_or(0).min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let lines: Vec<&str> = text.lines().collect();
    let (item, field) = whereabouts(&lines, line);
    let said: Vec<&str> = error
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut message = format!(
        "line {}, column {column}: this is not valid TOML: {}",
        line + 1,
        said.join("; ")
    );
    if let Some(hint) = lines.get(line).and_then(|l| quoting_hint(l)) {
        message.push_str(hint);
    }
    Problem::new(file, &item, &field, message)
}

/// The item and field a line of a file belongs to, read from the headers above it.
fn whereabouts(lines: &[&str], line: usize) -> (String, String) {
    let header = |l: &str| -> Option<(bool, String)> {
        let l = l.trim();
        let array = l.starts_with("[[");
        let name = l.trim_start_matches('[').split(']').next()?.trim();
        (l.starts_with('[') && !name.is_empty()).then(|| (array, name.to_string()))
    };
    let Some(start) = (0..=line.min(lines.len().saturating_sub(1)))
        .rev()
        .find(|&i| header(lines[i]).is_some_and(|(_, name)| !name.contains('.')))
    else {
        return (
            String::new(),
            key_of(lines.get(line).copied()).unwrap_or_default(),
        );
    };
    let Some((array, name)) = header(lines[start]) else {
        return Default::default();
    };
    // A sub-table like [entitlements.eligibility] puts its keys under "eligibility.".
    let prefix = (start + 1..=line.min(lines.len().saturating_sub(1)))
        .rev()
        .find_map(|i| header(lines[i]))
        .and_then(|(_, sub)| {
            sub.strip_prefix(&format!("{name}."))
                .map(|s| format!("{s}."))
        })
        .unwrap_or_default();
    let field = key_of(lines.get(line).copied())
        .map(|k| format!("{prefix}{k}"))
        .unwrap_or_default();
    if !array {
        return (name, field);
    }
    let number = lines[..=start]
        .iter()
        .filter(|l| header(l) == Some((true, name.clone())))
        .count();
    let id = lines[start + 1..]
        .iter()
        .take_while(|l| header(l).is_none_or(|(_, sub)| sub.contains('.')))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            let id = value.trim().strip_prefix('"')?.strip_suffix('"')?;
            (key.trim() == "id" && !id.is_empty()).then(|| id.to_string())
        });
    (id.unwrap_or_else(|| format!("#{number}")), field)
}

/// The bare key a `key = value` line sets.
fn key_of(line: Option<&str>) -> Option<String> {
    let (key, _) = line?.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    bare.then(|| key.to_string())
}

/// The usual reason a value does not parse: it needed quotes.
fn quoting_hint(line: &str) -> Option<&'static str> {
    let (_, value) = line.split_once('=')?;
    let value = value.trim();
    let first = value.chars().next()?;
    if value.contains(':')
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    {
        Some(" (times go in quotes, like \"13:00\")")
    } else if first.is_alphabetic() && !["true", "false", "inf", "nan"].contains(&value) {
        Some(" (text goes in quotes, like \"Drop-in\")")
    } else {
        None
    }
}
