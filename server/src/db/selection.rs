//! A [`Selection`] as SQL that runs unchanged on SQLite and PostgreSQL: who may see what,
//! the inbox's filters, and the inbox's order.
//!
//! Every condition here reads only `message_triage t`: the intake writes each message's
//! kind, arrival time and facets there when it arrives, so counting and ordering never
//! touch the messages themselves.

use chrono::{DateTime, Utc};
use offer_core::roles::{Role, Viewer, CONTACT_KINDS, PARTICIPATION_KINDS};

use super::sql::{marks, Dialect, Param};
use super::CouncilId;
use crate::triage::selection::{Assigned, Selection};

/// The condition for a `WHERE` that picks `selection` among `council`'s messages, and its
/// parameters in order.
pub fn condition(
    selection: &Selection,
    council: CouncilId,
    dialect: Dialect,
) -> (String, Vec<Param>) {
    let mut parts = vec!["t.council_id = ?".to_string()];
    let mut params = vec![Param::from(council)];
    let (visible, visible_params) = visible_to(selection.viewer);
    parts.push(visible);
    params.extend(visible_params);
    match &selection.kinds {
        None => {}
        Some(kinds) if kinds.is_empty() => parts.push("1 = 0".to_string()),
        Some(kinds) => {
            parts.push(format!("t.kind IN ({})", marks(kinds.len())));
            params.extend(kinds.iter().map(|k| Param::from(k.slug())));
        }
    }
    if let Some(status) = selection.status {
        parts.push("t.status = ?".to_string());
        params.push(status.slug().into());
    }
    match selection.assigned {
        Assigned::Any => {}
        Assigned::To(account) => {
            parts.push("t.assigned_to = ?".to_string());
            params.push(account.into());
        }
        Assigned::Nobody => parts.push("t.assigned_to IS NULL".to_string()),
        Assigned::NoAccount => parts.push("1 = 0".to_string()),
    }
    if let Some(from) = selection.received_from {
        parts.push("t.received_at >= ?".to_string());
        params.push(from.into());
    }
    if let Some(before) = selection.received_before {
        parts.push("t.received_at < ?".to_string());
        params.push(before.into());
    }
    if let Some(about) = &selection.about {
        parts.push("t.about = ?".to_string());
        params.push(about.into());
    }
    if let Some(reason) = &selection.reason {
        parts.push("t.reason = ?".to_string());
        params.push(reason.into());
    }
    for word in &selection.words {
        let mut either = dialect.contains("t.search_text");
        params.push(word.text.as_str().into());
        if !word.about_keys.is_empty() {
            either = format!("{either} OR t.about IN ({})", marks(word.about_keys.len()));
            params.extend(word.about_keys.iter().map(Param::from));
        }
        parts.push(format!("({either})"));
    }
    (parts.join(" AND "), params)
}

/// Who may see what (`offer_core::roles`, [`Viewer::may_see`]) as a condition.
pub fn visible_to(viewer: Viewer) -> (String, Vec<Param>) {
    match viewer.role {
        Role::Manager => ("1 = 1".to_string(), Vec::new()),
        Role::Pa => {
            let mut params = vec![Param::from(viewer.id)];
            params.extend(CONTACT_KINDS.iter().map(|k| Param::from(k.slug())));
            (
                format!(
                    "(t.assigned_to = ? OR (t.assigned_to IS NULL AND t.kind IN ({})))",
                    marks(CONTACT_KINDS.len())
                ),
                params,
            )
        }
        // An editor sees no message: the condition is never true.
        Role::Editor => ("1 = 0".to_string(), Vec::new()),
        Role::Participation => (
            format!("t.kind IN ({})", marks(PARTICIPATION_KINDS.len())),
            PARTICIPATION_KINDS
                .iter()
                .map(|k| Param::from(k.slug()))
                .collect(),
        ),
    }
}

/// The inbox's order, for an `ORDER BY`, and its parameters: "21 or over and want help
/// again?" requests not done first, then overdue contact requests (the oldest first), then
/// the newest first. `overdue_before` is `BankHolidays::overdue_before(now)`.
pub fn inbox_order(overdue_before: DateTime<Utc>) -> (String, Vec<Param>) {
    let overdue = format!(
        "t.kind IN ({}) AND t.status <> 'done' AND t.received_at < ?",
        marks(CONTACT_KINDS.len()),
    );
    let mut params = Vec::new();
    for _ in 0..2 {
        params.extend(CONTACT_KINDS.iter().map(|k| Param::from(k.slug())));
        params.push(overdue_before.into());
    }
    (
        format!(
            "CASE WHEN t.status <> 'done' AND t.support_back = 1 THEN 0 ELSE 1 END, \
             CASE WHEN {overdue} THEN 0 ELSE 1 END, \
             CASE WHEN {overdue} THEN t.received_at END, \
             t.received_at DESC, t.ref DESC"
        ),
        params,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Filter;

    fn viewer(role: Role) -> Viewer {
        Viewer { id: 7, role }
    }

    fn placeholders(sql: &str) -> usize {
        sql.matches('?').count()
    }

    #[test]
    fn every_placeholder_has_its_parameter() {
        let filter = Filter {
            kind: "feedback".into(),
            status: "new".into(),
            assigned: "me".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            about: "app".into(),
            reason: "wrong-or-out-of-date".into(),
            q: "Bus  HUB".into(),
            page: "2".into(),
        };
        let labels = vec![("hub:crewe".to_string(), "hub: crewe hub".to_string())];
        for role in Role::ALL {
            for dialect in [Dialect::Sqlite, Dialect::Postgres] {
                let selection = Selection::of_filter(viewer(role), &filter, &labels);
                let (sql, params) = condition(&selection, super::CouncilId(1), dialect);
                assert_eq!(placeholders(&sql), params.len(), "{sql}");
                let (sql, params) = inbox_order(Utc::now());
                assert_eq!(placeholders(&sql), params.len(), "{sql}");
            }
        }
    }

    #[test]
    fn times_compare_as_sortable_text_on_both_databases() {
        let mut selection = Selection::visible_to(viewer(Role::Manager));
        let from = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        selection.received_from = Some(from);
        for dialect in [Dialect::Sqlite, Dialect::Postgres] {
            let (sql, params) = condition(&selection, super::CouncilId(1), dialect);
            assert!(sql.ends_with("t.received_at >= ?"), "{sql}");
            assert_eq!(
                params.last(),
                Some(&Param::Text("2026-11-23T00:00:00.000000Z".into()))
            );
        }
    }
}
