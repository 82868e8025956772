use chrono::{DateTime, Utc};
use offer_core::message::Message;
use offer_core::working_days::BankHolidays;
use offer_core::Offer;

use super::labels::fields;
use super::listing::paging;
use super::staff_message::is_overdue;
use super::*;

fn offer() -> Offer {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    crate::content::check_dir(&dir).expect("the shipped content is valid")
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
const WRONG: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":{"hub":"delamere-house"},"reason":"wrong-or-out-of-date","text":"The times are wrong"}"#;
const SUPPORT_BACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"My rent","support_back":true}"#;

// The order, filters, counts and paging run in the database: `server/tests/inbox.rs` checks
// them on SQLite and PostgreSQL against these rules written out in plain Rust.

#[test]
fn a_message_s_facets_hold_its_words_and_what_the_inbox_filters_by() {
    let offer = offer();
    let feedback = item(1, FEEDBACK, "2026-11-19T09:00:00Z", Status::New, None);
    let facets = Facets::of(&feedback.message.body);
    assert_eq!(facets.about.as_deref(), Some("app"));
    assert_eq!(facets.reason, None);
    assert!(!facets.support_back);
    assert_eq!(facets.search_text, "4 out of 5 really useful bus info");
    // The same words the message's page shows, in lower case.
    let shown: Vec<String> = fields(&feedback.message.body, &offer)
        .into_iter()
        .map(|(_, v)| v.to_lowercase())
        .collect();
    assert_eq!(facets.search_text, shown.join(" "));

    let wrong = item(2, WRONG, "2026-11-19T09:00:00Z", Status::New, None);
    let facets = Facets::of(&wrong.message.body);
    assert_eq!(facets.reason, Some("wrong-or-out-of-date"));
    assert_eq!(facets.about.as_deref(), Some("hub:delamere-house"));
    assert!(facets
        .search_text
        .starts_with("this information is wrong or out of date"));

    let support_back = item(3, SUPPORT_BACK, "2026-11-19T09:00:00Z", Status::New, None);
    let facets = Facets::of(&support_back.message.body);
    assert!(facets.support_back);
    assert_eq!(facets.about, None, "a contact request is about a person");
    assert!(facets.search_text.contains("sam") && facets.search_text.contains("my rent"));
}

#[test]
fn a_group_review_s_words_do_not_depend_on_the_offer_s_category_names() {
    let offer = offer();
    let category = &offer.categories[0];
    let json = format!(
        r#"{{"id":"ID","created_at":"2026-11-01T10:00:00Z","kind":"group-review","group_name":"Crewe Group","participants":6,"ratings":[{{"category":"{}","rating":3,"comments":"Needs MORE"}}],"missing":"Driving lessons"}}"#,
        category.id
    );
    let review = item(4, &json, "2026-11-19T09:00:00Z", Status::New, None);
    let facets = Facets::of(&review.message.body);
    assert_eq!(
        facets.search_text,
        "crewe group 6 3 out of 5. needs more driving lessons"
    );
    assert!(!facets.search_text.contains(&category.title.to_lowercase()));
}

#[test]
fn paging_clamps_to_the_pages_there_are() {
    assert_eq!(paging(30, Some(1)), (1, 2, 0, Some(25)));
    assert_eq!(paging(30, Some(9)), (2, 2, 25, Some(25)));
    assert_eq!(paging(0, Some(3)), (1, 1, 0, Some(25)));
    assert_eq!(paging(30, None), (1, 1, 0, None));
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

#[test]
fn only_a_contact_request_not_done_can_be_overdue() {
    let holidays = BankHolidays::england();
    // Friday 20 November 2026: Monday 16's requests were due by the end of Wednesday 18.
    let now = at("2026-11-20T12:00:00Z");
    let contact = item(1, CONTACT, "2026-11-16T09:00:00Z", Status::New, None);
    let done = item(2, CONTACT, "2026-11-16T09:00:00Z", Status::Done, None);
    let feedback = item(3, FEEDBACK, "2026-11-16T09:00:00Z", Status::New, None);
    let recent = item(4, CONTACT, "2026-11-19T12:00:00Z", Status::New, None);
    assert!(is_overdue(&contact, now, &holidays));
    assert!(!is_overdue(&done, now, &holidays));
    assert!(!is_overdue(&feedback, now, &holidays));
    assert!(!is_overdue(&recent, now, &holidays), "due end of Monday 23");
}
