use chrono::Duration;
use offer_core::message::Message;
use offer_core::roles::Role;

use super::*;

fn offer() -> Offer {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    crate::content_store::check_dir(&dir).expect("the shipped content is valid")
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn item(
    reference: i64,
    json: &str,
    received: &str,
    status: Status,
    assigned_to: Option<i64>,
) -> StaffMessage {
    let id = format!("00000000-0000-4000-8000-{reference:012}");
    let text = json.replace("ID", &id);
    StaffMessage {
        reference,
        message: Message::from_json(&text).unwrap(),
        received_at: at(received),
        status,
        assigned_to,
        first_read_at: None,
        done_at: None,
        contact_method: None,
    }
}

const CONTACT: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"My rent"}"#;
const FEEDBACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","rating":4,"text":"Really useful bus info"}"#;

fn manager() -> Viewer {
    Viewer {
        id: 1,
        role: Role::Manager,
    }
}

#[test]
fn overdue_contact_requests_come_first_then_the_newest() {
    let offer = offer();
    let holidays = BankHolidays::england();
    let all = vec![
        item(1, CONTACT, "2026-11-16T09:00:00Z", Status::New, None), // Monday: overdue by Friday
        item(2, FEEDBACK, "2026-11-19T09:00:00Z", Status::New, None),
        item(3, CONTACT, "2026-11-19T12:00:00Z", Status::New, None), // due end of Monday 23rd
        item(4, CONTACT, "2026-11-12T09:00:00Z", Status::Done, None), // done: never overdue
    ];
    let now = at("2026-11-20T12:00:00Z");
    let listing = listing(
        &all,
        manager(),
        &Filter::default(),
        &offer,
        now,
        &holidays,
        Some(1),
    );
    let order: Vec<i64> = listing.items.iter().map(|m| m.reference).collect();
    assert_eq!(order, vec![1, 3, 2, 4]);
    assert!(is_overdue(&all[0], now, &holidays));
    assert!(!is_overdue(&all[2], now, &holidays));
    assert!(!is_overdue(&all[3], now, &holidays));
}

#[test]
fn the_participation_lead_gets_no_row_or_count_for_a_contact_request() {
    let offer = offer();
    let holidays = BankHolidays::england();
    let all = vec![
        item(1, CONTACT, "2026-11-16T09:00:00Z", Status::New, None),
        item(2, FEEDBACK, "2026-11-19T09:00:00Z", Status::New, None),
    ];
    let viewer = Viewer {
        id: 3,
        role: Role::Participation,
    };
    let listing = listing(
        &all,
        viewer,
        &Filter::default(),
        &offer,
        at("2026-11-20T12:00:00Z"),
        &holidays,
        None,
    );
    assert_eq!(listing.items.len(), 1);
    assert_eq!(listing.items[0].reference, 2);
    assert_eq!(listing.counts[0], (Status::New, 1));
}

#[test]
fn filters_combine_and_counts_ignore_only_the_status_filter() {
    let offer = offer();
    let holidays = BankHolidays::england();
    let all = vec![
        item(1, CONTACT, "2026-11-16T09:00:00Z", Status::Done, Some(2)),
        item(2, CONTACT, "2026-11-18T09:00:00Z", Status::New, Some(2)),
        item(3, CONTACT, "2026-11-19T09:00:00Z", Status::New, None),
        item(4, FEEDBACK, "2026-11-19T09:00:00Z", Status::New, None),
    ];
    let now = at("2026-11-20T12:00:00Z");
    let filter = Filter {
        kind: "contact-me".into(),
        assigned: "2".into(),
        status: "new".into(),
        ..Filter::default()
    };
    let listing = listing(&all, manager(), &filter, &offer, now, &holidays, Some(1));
    assert_eq!(
        listing
            .items
            .iter()
            .map(|m| m.reference)
            .collect::<Vec<_>>(),
        vec![2]
    );
    assert_eq!(
        listing.counts,
        vec![(Status::New, 1), (Status::InProgress, 0), (Status::Done, 1)]
    );

    let words = Filter {
        q: "BUS useful".into(),
        ..Filter::default()
    };
    let found = super::listing(&all, manager(), &words, &offer, now, &holidays, None);
    assert_eq!(
        found.items.iter().map(|m| m.reference).collect::<Vec<_>>(),
        vec![4]
    );

    let dates = Filter {
        from: "2026-11-18".into(),
        to: "2026-11-18".into(),
        ..Filter::default()
    };
    let found = super::listing(&all, manager(), &dates, &offer, now, &holidays, None);
    assert_eq!(
        found.items.iter().map(|m| m.reference).collect::<Vec<_>>(),
        vec![2]
    );

    let about = Filter {
        about: "app".into(),
        ..Filter::default()
    };
    let found = super::listing(&all, manager(), &about, &offer, now, &holidays, None);
    assert_eq!(
        found.items.iter().map(|m| m.reference).collect::<Vec<_>>(),
        vec![4]
    );
}

#[test]
fn pages_hold_twenty_five_and_a_page_past_the_end_shows_the_last() {
    let offer = offer();
    let holidays = BankHolidays::england();
    let start = at("2026-11-01T09:00:00Z");
    let all: Vec<StaffMessage> = (1..=30)
        .map(|n| {
            let mut m = item(n, FEEDBACK, "2026-11-01T09:00:00Z", Status::New, None);
            m.received_at = start + Duration::minutes(n);
            m
        })
        .collect();
    let now = at("2026-11-20T12:00:00Z");
    let first = listing(
        &all,
        manager(),
        &Filter::default(),
        &offer,
        now,
        &holidays,
        Some(1),
    );
    assert_eq!((first.items.len(), first.pages, first.total), (25, 2, 30));
    assert_eq!(first.items[0].reference, 30, "newest first");
    let last = listing(
        &all,
        manager(),
        &Filter::default(),
        &offer,
        now,
        &holidays,
        Some(9),
    );
    assert_eq!((last.page, last.items.len()), (2, 5));
}

#[test]
fn a_bad_date_in_the_filter_is_named() {
    let filter = Filter {
        from: "23/11/2026".into(),
        ..Filter::default()
    };
    assert_eq!(filter.problems()[0].field, "from");
    let backwards = Filter {
        from: "2026-11-23".into(),
        to: "2026-11-01".into(),
        ..Filter::default()
    };
    assert_eq!(backwards.problems()[0].field, "to");
}

#[test]
fn the_query_string_keeps_the_filters_for_links_and_export() {
    let filter = Filter {
        kind: "contact-me".into(),
        q: "rent & bills".into(),
        page: "3".into(),
        ..Filter::default()
    };
    assert_eq!(filter.query_string(), "kind=contact-me&q=rent+%26+bills");
}
