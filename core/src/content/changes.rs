//! What changed between two offers, item by item and field by field.
//!
//! The "What changed" page and the history show officers exactly what a publish did, in the
//! words the content checker uses: the item's kind and id, and field paths like
//! `amount.pence` or `sessions[2].end`, so a change reads the same as a problem about it.
//! Items are compared as the TOML tables the files hold ([`items_of`]), so every field the
//! files can hold is compared, including fields added later.

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use super::export::{nested_shape, shape_of, sort_keys};
use super::kinds::{items_of, ItemKind};
use crate::offer::Offer;

/// What happened to one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Only the newer offer has it.
    Added,
    /// Only the older offer has it.
    Removed,
    /// Both have it, and these fields differ (never empty).
    Changed(Vec<FieldChange>),
}

/// One field that differs, with its value before and after as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field, like `title`, `amount.pence` or `sessions[2].end` (lists count from 1).
    pub field: String,
    /// Its value before; `None` when the field was not there (or was an empty list).
    pub before: Option<String>,
    /// Its value after; `None` when the field is no longer there (or is an empty list).
    pub after: Option<String>,
}

/// One item that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    /// Its kind, as [`ItemKind::slug`] names it ("entitlement").
    pub kind: String,
    /// Its id ([`COUNCIL_ID`](super::kinds::COUNCIL_ID) for the council).
    pub id: String,
    /// Its title or name: the newer one, or the older one for a removed item.
    pub name: String,
    /// What happened to it.
    pub change: Change,
}

/// Every item that differs between `before` and `after`.
///
/// Kinds come in [`ItemKind::ALL`] order; within a kind, items in `after`'s order, then the
/// removed ones in `before`'s order, so the list follows the files an officer would open.
/// Items matched by id; an item equal on both sides is left out.
pub fn item_changes(before: &Offer, after: &Offer) -> Vec<ItemChange> {
    let mut changes = Vec::new();
    for kind in ItemKind::ALL {
        let old = items_of(before, kind);
        let new = items_of(after, kind);
        let entry = |id: &str, name: &str, change| ItemChange {
            kind: kind.slug().to_string(),
            id: id.to_string(),
            name: name.to_string(),
            change,
        };
        for item in &new {
            match old.iter().find(|o| o.id == item.id) {
                None => changes.push(entry(&item.id, &item.name, Change::Added)),
                Some(o) if o.table != item.table => {
                    let fields = field_changes(kind, &o.table, &item.table);
                    // Tables can differ while every field reads the same (a NaN
                    // coordinate is unequal to itself); nothing to show then.
                    if !fields.is_empty() {
                        changes.push(entry(&item.id, &item.name, Change::Changed(fields)));
                    }
                }
                Some(_) => {}
            }
        }
        for item in &old {
            if !new.iter().any(|n| n.id == item.id) {
                changes.push(entry(&item.id, &item.name, Change::Removed));
            }
        }
    }
    changes
}

/// A few plain words for a list of changes: "2 changed, 1 added" or "no changes".
pub fn summary(changes: &[ItemChange]) -> String {
    let count = |wanted: fn(&Change) -> bool| changes.iter().filter(|c| wanted(&c.change)).count();
    let parts: Vec<String> = [
        (count(|c| matches!(c, Change::Changed(_))), "changed"),
        (count(|c| matches!(c, Change::Added)), "added"),
        (count(|c| matches!(c, Change::Removed)), "removed"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    if parts.is_empty() {
        "no changes".to_string()
    } else {
        parts.join(", ")
    }
}

/// The leaf fields that differ between two tables of one kind, in the order the type
/// declares its fields (the order the exported files write them).
fn field_changes(kind: ItemKind, before: &Table, after: &Table) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_tables(
        "",
        Some(before),
        Some(after),
        shape_of(kind).order,
        &mut out,
    );
    out
}

/// Compares two tables (either may be missing) key by key under `prefix`.
fn diff_tables(
    prefix: &str,
    before: Option<&Table>,
    after: Option<&Table>,
    order: &[&str],
    out: &mut Vec<FieldChange>,
) {
    let mut keys: Vec<&str> = before
        .into_iter()
        .chain(after)
        .flat_map(|t| t.keys().map(String::as_str))
        .collect();
    sort_keys(&mut keys, order);
    for key in keys {
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        let b = before.and_then(|t| t.get(key));
        let a = after.and_then(|t| t.get(key));
        diff_values(&path, key, b, a, out);
    }
}

/// Compares one field: tables field by field, lists of tables entry by entry, anything else
/// (a list of plain values included) as one value.
fn diff_values(
    path: &str,
    key: &str,
    before: Option<&Value>,
    after: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    let order = nested_shape(key).order;
    if tables_or_missing(before, after) {
        diff_tables(path, as_table(before), as_table(after), order, out);
    } else if lists_of_tables(before, after) {
        let (b, a) = (as_list(before), as_list(after));
        for i in 0..b.len().max(a.len()) {
            let at = format!("{path}[{}]", i + 1);
            diff_tables(&at, as_table(b.get(i)), as_table(a.get(i)), order, out);
        }
    } else {
        let (before, after) = (before.and_then(shown), after.and_then(shown));
        if before != after {
            out.push(FieldChange {
                field: path.to_string(),
                before,
                after,
            });
        }
    }
}

fn as_table(value: Option<&Value>) -> Option<&Table> {
    value.and_then(Value::as_table)
}

/// The entries of a list; none for anything else.
fn as_list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// True when at least one side is a table and the other a table or missing.
fn tables_or_missing(before: Option<&Value>, after: Option<&Value>) -> bool {
    let fits = |v: Option<&Value>| v.is_none_or(Value::is_table);
    fits(before) && fits(after) && (before.is_some() || after.is_some())
}

/// True when at least one side is a non-empty list of tables and the other one too, or an
/// empty list, or missing: the first session added shows as `sessions[1].day` and so on.
fn lists_of_tables(before: Option<&Value>, after: Option<&Value>) -> bool {
    let of_tables = |v: &Value| {
        v.as_array()
            .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_table))
    };
    let fits = |v: Option<&Value>| {
        v.is_none_or(|v| of_tables(v) || v.as_array().is_some_and(Vec::is_empty))
    };
    fits(before) && fits(after) && (before.is_some_and(of_tables) || after.is_some_and(of_tables))
}

/// A value as people read it: text as it is, a list as its entries joined with "; ", an
/// empty list as nothing at all.
fn shown(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Array(list) if list.is_empty() => None,
        Value::Array(list) => {
            let entries: Vec<String> = list.iter().filter_map(shown).collect();
            Some(entries.join("; "))
        }
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::content::export::tests::sample_offer;
    use crate::offer::Entitlement;

    fn field(name: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            field: name.to_string(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
        }
    }

    #[test]
    fn identical_offers_have_no_changes() {
        let offer = sample_offer();
        let changes = item_changes(&offer, &offer.clone());
        assert_eq!(changes, Vec::new());
        assert_eq!(summary(&changes), "no changes");
    }

    #[test]
    fn changed_amount_and_session_end_are_the_only_field_changes() {
        let before = sample_offer();
        let mut after = before.clone();
        after.entitlements[0].amount.as_mut().unwrap().pence = 250000;
        after.hubs[1].sessions[1].end = NaiveTime::from_hms_opt(3, 30, 0).unwrap();
        let changes = item_changes(&before, &after);
        assert_eq!(
            changes,
            vec![
                ItemChange {
                    kind: "entitlement".to_string(),
                    id: "bursary".to_string(),
                    name: "A \"bursary\" for university".to_string(),
                    change: Change::Changed(vec![field(
                        "amount.pence",
                        Some("200000"),
                        Some("250000")
                    )]),
                },
                ItemChange {
                    kind: "hub".to_string(),
                    id: "youth-zone".to_string(),
                    name: "Youth Zone".to_string(),
                    change: Change::Changed(vec![field(
                        "sessions[2].end",
                        Some("02:00"),
                        Some("03:30")
                    )]),
                },
            ]
        );
        assert_eq!(summary(&changes), "2 changed");
    }

    #[test]
    fn fields_come_in_declared_order_with_lists_joined() {
        let before = sample_offer();
        let mut after = before.clone();
        let e = &mut after.entitlements[0];
        e.title = "University bursary".to_string();
        e.amount.as_mut().unwrap().since = None;
        e.keywords.push("student".to_string());
        e.eligibility.circumstances.clear();
        after.hubs[0].sessions = after.hubs[1].sessions[..1].to_vec();
        let changes = item_changes(&before, &after);
        assert_eq!(
            changes[0].change,
            Change::Changed(vec![
                field(
                    "title",
                    Some("A \"bursary\" for university"),
                    Some("University bursary")
                ),
                field("amount.since", Some("2008-09-01"), None),
                field("eligibility.circumstances", Some("university"), None),
                field("keywords", Some("uni; money"), Some("uni; money; student")),
            ])
        );
        assert_eq!(
            changes[1].change,
            Change::Changed(vec![
                field("sessions[1].day", None, Some("tuesday")),
                field("sessions[1].start", None, Some("13:00")),
                field("sessions[1].end", None, Some("16:00")),
                field("sessions[1].what", None, Some("Drop-in with PAs")),
            ])
        );
    }

    #[test]
    fn added_and_removed_entitlements() {
        let before = sample_offer();
        let mut after = before.clone();
        let removed = after.entitlements.remove(1);
        after.entitlements.insert(
            0,
            Entitlement {
                id: "new-one".to_string(),
                title: "Something new".to_string(),
                ..removed.clone()
            },
        );
        let changes = item_changes(&before, &after);
        let brief: Vec<(&str, &str, &str, &Change)> = changes
            .iter()
            .map(|c| (c.kind.as_str(), c.id.as_str(), c.name.as_str(), &c.change))
            .collect();
        assert_eq!(
            brief,
            vec![
                ("entitlement", "new-one", "Something new", &Change::Added),
                ("entitlement", "leisure", "Leisure pass", &Change::Removed),
            ]
        );
        assert_eq!(summary(&changes), "1 added, 1 removed");
    }

    #[test]
    fn changed_council_name() {
        let before = sample_offer();
        let mut after = before.clone();
        after.council.name = "New Example Council".to_string();
        assert_eq!(
            item_changes(&before, &after),
            vec![ItemChange {
                kind: "council".to_string(),
                id: "council".to_string(),
                name: "New Example Council".to_string(),
                change: Change::Changed(vec![field(
                    "name",
                    Some("Example Council"),
                    Some("New Example Council")
                )]),
            }]
        );
    }

    #[test]
    fn summary_wording() {
        let item = |change| ItemChange {
            kind: "hub".to_string(),
            id: "x".to_string(),
            name: "X".to_string(),
            change,
        };
        let changed = || item(Change::Changed(vec![field("name", Some("a"), Some("b"))]));
        assert_eq!(summary(&[]), "no changes");
        assert_eq!(summary(&[item(Change::Removed)]), "1 removed");
        assert_eq!(
            summary(&[item(Change::Added), changed(), changed()]),
            "2 changed, 1 added"
        );
        assert_eq!(
            summary(&[item(Change::Removed), item(Change::Added), changed()]),
            "1 changed, 1 added, 1 removed"
        );
    }
}
