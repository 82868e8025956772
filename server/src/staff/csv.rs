//! The inbox as CSV for Excel: UTF-8 with a byte order mark, a header row, one row per
//! message, and every cell that a spreadsheet would read as a formula made harmless.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use offer_core::working_days::{uk_local, BankHolidays};
use offer_core::Offer;

use crate::languages::Languages;
use crate::spreadsheet::neutralise;
use crate::triage::labels::{about_key, about_label, fields};
use crate::triage::staff_message::{contact_made, is_overdue};
use crate::triage::StaffMessage;

const HEADER: [&str; 12] = [
    "Number",
    "Received",
    "Written",
    "Kind",
    "Status",
    "Overdue",
    "Assigned to",
    "About",
    "Contact made",
    "Details",
    "Message",
    "Written in",
];

fn uk_time(time: DateTime<Utc>) -> String {
    uk_local(time).format("%Y-%m-%d %H:%M").to_string()
}

/// The CSV file's bytes for these messages.
pub fn csv(
    items: &[StaffMessage],
    offer: &Offer,
    names: &HashMap<i64, String>,
    now: DateTime<Utc>,
    holidays: &BankHolidays,
    languages: &Languages,
) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from(crate::spreadsheet::BOM.as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(HEADER)?;
        for item in items {
            let body = &item.message.body;
            let (details, message): (Vec<_>, Vec<_>) = fields(body, offer)
                .into_iter()
                .partition(|(label, _)| is_contact_detail(label));
            let join = |pairs: Vec<(String, String)>| {
                pairs
                    .into_iter()
                    .map(|(l, v)| format!("{l}: {v}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let record = [
                item.reference.to_string(),
                uk_time(item.received_at),
                uk_time(item.message.created_at),
                body.kind().staff_label().to_string(),
                item.status.label().to_string(),
                if is_overdue(item, now, holidays) {
                    "Yes"
                } else {
                    ""
                }
                .to_string(),
                item.assigned_to
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                about_key(body)
                    .map(|k| about_label(&k, offer).0)
                    .unwrap_or_default(),
                contact_made(item).to_string(),
                join(details),
                join(message),
                body_language(item, languages),
            ];
            writer.write_record(record.iter().map(|c| neutralise(c)))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// The language the young person wrote in, by its English name.
fn body_language(item: &StaffMessage, languages: &Languages) -> String {
    item.message
        .language
        .as_deref()
        .map(|code| languages.english_name(code))
        .unwrap_or_else(|| "English".to_string())
}

fn is_contact_detail(label: &str) -> bool {
    matches!(
        label,
        "Name"
            | "Phone"
            | "Email"
            | "Reply to"
            | "Best time"
            | "New phone"
            | "New email"
            | "New address"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use offer_core::message::Message;
    use proptest::prelude::*;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content::check_dir(&dir).expect("the shipped content is valid")
    }

    proptest! {
        #[test]
        fn no_cell_can_start_a_formula(cell in any::<String>()) {
            let safe = neutralise(&cell);
            prop_assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']));
            let quoted = format!("'{}", cell);
            prop_assert!(safe == cell || safe == quoted);
        }

        #[test]
        fn any_words_a_young_person_sends_come_out_as_one_safe_row(
            text in any::<String>(),
            name in any::<String>(),
        ) {
            let body = serde_json::json!({
                "id": "0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11",
                "created_at": "2026-11-23T10:00:00Z",
                "kind": "feedback",
                "about": "app",
                "text": text,
                "name": name,
            });
            let message = Message::from_json(&body.to_string()).unwrap();
            let item = StaffMessage {
                reference: 7,
                message,
                received_at: "2026-11-23T10:00:00Z".parse().unwrap(),
                status: crate::triage::Status::New,
                assigned_to: None,
                first_read_at: None,
                done_at: None,
                contact_method: None,
            };
            let bytes = csv(std::slice::from_ref(&item), &offer(), &HashMap::new(), item.received_at, &BankHolidays::default(), &Languages::default()).unwrap();
            let text = std::str::from_utf8(&bytes[3..]).unwrap();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
            prop_assert_eq!(rows.len(), 1);
            for cell in rows[0].iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            }
        }
    }

    #[test]
    fn formula_starts_are_neutralised_and_the_rest_left_alone() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralise("+44 7700 900123"), "'+44 7700 900123");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tcmd"), "'\tcmd");
        assert_eq!(neutralise("\rcmd"), "'\rcmd");
        assert_eq!(neutralise("Hello = world"), "Hello = world");
        assert_eq!(neutralise(""), "");
    }
}
