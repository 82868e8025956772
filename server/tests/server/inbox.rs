//! The inbox as the database lists it, on SQLite and on PostgreSQL: who sees what, each
//! filter, the counts per status, the order (support back, then overdue, then newest) and
//! the pages, checked against the inbox's rules written out in plain Rust below.
//!
//! The PostgreSQL runs need `TEST_POSTGRES_URL` (`export TEST_POSTGRES_URL=$(scripts/pg.sh start)`).

use crate::common::{Backend, TestServer};
use chrono::{DateTime, Duration, Utc};
use local_offer_server::db::accounts::{self, Added};
use local_offer_server::db::messages as store;
use local_offer_server::db::{CouncilDb, Database};
use local_offer_server::triage::facets::reason;
use local_offer_server::triage::labels::{about_key, about_label, fields};
use local_offer_server::triage::listing::{self as inbox, Listing};
use local_offer_server::triage::staff_message::is_overdue;
use local_offer_server::triage::{Filter, Selection};
use local_offer_server::triage::{StaffMessage, Status};
use offer_core::message::{FeedbackReason, Message, MessageBody, MessageKind};
use offer_core::roles::{Role, Viewer};
use offer_core::working_days::{uk_local, BankHolidays};
use offer_core::Offer;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

on_both_databases!(
    overdue_contact_requests_come_first_then_the_newest,
    the_participation_lead_gets_no_row_or_count_for_a_contact_request,
    filters_combine_and_counts_ignore_only_the_status_filter,
    pages_hold_twenty_five_and_a_page_past_the_end_shows_the_last,
    each_role_sees_exactly_what_offer_core_roles_allows,
    a_hundred_and_forty_messages_list_by_the_rules_for_every_filter_viewer_and_page,
    messages_stored_before_the_inbox_columns_get_them_when_the_server_starts,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_from_before_the_inbox_columns_lists_every_message_after_the_upgrade() {
    // A database as the server left it before migration 0004, on SQLite (the migrations
    // for PostgreSQL are the same statements, and the rest is the same code).
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let db = Database::connect(&url).await.unwrap();
    let Database::Sqlite(pool) = &db else {
        unreachable!()
    };
    let mut old = sqlx::migrate!("migrations/sqlite");
    old.migrations = old
        .migrations
        .iter()
        .filter(|m| m.version <= 3)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    old.run(pool).await.unwrap();
    let support_back = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Jay","phone":"07700 900999","about":"A deposit","support_back":true}"#;
    let hub = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":{"hub":"delamere-house"},"text":"Warm and friendly"}"#;
    let mut ids = Vec::new();
    for (json, received) in [
        (support_back, "2026-11-23T08:00:00.000000Z"),
        (hub, "2026-11-23T09:00:00.000000Z"),
        (FEEDBACK, "2026-11-23T09:30:00.000000Z"),
    ] {
        let id = uuid::Uuid::new_v4().to_string();
        let message = Message::from_json(&json.replace("ID", &id)).unwrap();
        db.execute(
            "INSERT INTO messages (id, kind, body, body_hash, created_at, received_at) VALUES (?, ?, ?, 'old', ?, ?)",
            vec![
                id.as_str().into(),
                message.body.kind().slug().into(),
                message.canonical_json().into(),
                received.into(),
                received.into(),
            ],
        )
        .await
        .unwrap();
        ids.push(id);
        if ids.len() == 2 {
            // The old inbox gave triage rows when it was viewed; the newest never was.
            db.execute(
                "INSERT INTO message_triage (message_id) SELECT id FROM messages ORDER BY received_at, id",
                vec![],
            )
            .await
            .unwrap();
        }
    }
    db.close().await;

    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.database.url = url.clone();
    })
    .await;
    let now = at("2026-11-23T10:00:00Z");
    let mut tx = server.council().db.begin().await.unwrap();
    accounts::add(&mut tx, "boss@example.gov.uk", "Boss", Role::Manager, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let manager = Viewer {
        id: 1,
        role: Role::Manager,
    };
    let listing = list(&server, manager, &Filter::default(), now, Some(1)).await;
    let listed: Vec<&str> = listing
        .items
        .iter()
        .map(|m| m.message.id.as_str())
        .collect();
    assert_eq!(
        listed,
        vec![ids[0].as_str(), ids[2].as_str(), ids[1].as_str()],
        "support back first, then the newest"
    );
    let found = list(
        &server,
        manager,
        &filter(|f| f.q = "delamere".into()),
        now,
        None,
    )
    .await;
    assert_eq!(found.items.len(), 1, "found by what it is about");
    assert_eq!(found.items[0].message.id, ids[1]);
    server.stop().await;
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

const CONTACT: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"My rent"}"#;
const FEEDBACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","rating":4,"text":"Really useful bus info"}"#;

/// A server with four accounts: 1 a manager, 2 and 3 PAs, 4 the participation lead.
async fn start(backend: Backend) -> TestServer {
    let server = TestServer::start_with(backend, |_| {}).await;
    let db = &server.council().db;
    let now = at("2026-10-01T09:00:00Z");
    for (n, role) in [
        (1, Role::Manager),
        (2, Role::Pa),
        (3, Role::Pa),
        (4, Role::Participation),
    ] {
        let mut tx = db.begin().await.unwrap();
        let added = accounts::add(
            &mut tx,
            &format!("staff{n}@example.gov.uk"),
            "Staff",
            role,
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(matches!(added, Added::Made(id) if id == n), "account {n}");
    }
    server
}

fn viewer(id: i64) -> Viewer {
    let role = match id {
        1 => Role::Manager,
        2 | 3 => Role::Pa,
        _ => Role::Participation,
    };
    Viewer { id, role }
}

/// Stores a message as the API does, then sets its status and assignment; its staff number.
async fn store(
    db: &CouncilDb,
    json: &str,
    received: DateTime<Utc>,
    status: Status,
    assigned_to: Option<i64>,
) -> i64 {
    let id = uuid::Uuid::new_v4().to_string();
    let message = Message::from_json(&json.replace("ID", &id)).unwrap();
    store::save(db, &message, received).await.unwrap();
    let reference = store::by_message_id(db, &id)
        .await
        .unwrap()
        .unwrap()
        .reference;
    let mut tx = db.begin().await.unwrap();
    if status != Status::New {
        store::set_status(
            &mut tx,
            reference,
            status,
            None,
            received + Duration::hours(1),
        )
        .await
        .unwrap();
    }
    if assigned_to.is_some() {
        store::assign(&mut tx, reference, assigned_to)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    reference
}

/// What `viewer` sees with `filter` at `now`, as the staff pages ask for it.
async fn list(
    server: &TestServer,
    viewer: Viewer,
    filter: &Filter,
    now: DateTime<Utc>,
    page: Option<usize>,
) -> Listing {
    let offer = &server.council().content.current().offer;
    let labels = store::about_labels(&server.council().db, offer)
        .await
        .unwrap();
    let selection = Selection::of_filter(viewer, filter, &labels);
    let cut_off = BankHolidays::england().overdue_before(now);
    store::listing(&server.council().db, &selection, cut_off, page)
        .await
        .unwrap()
}

fn references(listing: &Listing) -> Vec<i64> {
    listing.items.iter().map(|m| m.reference).collect()
}

async fn overdue_contact_requests_come_first_then_the_newest(backend: Backend) {
    let server = start(backend).await;
    let db = &server.council().db;
    let monday = store(db, CONTACT, at("2026-11-16T09:00:00Z"), Status::New, None).await; // overdue by Friday
    let feedback = store(db, FEEDBACK, at("2026-11-19T09:00:00Z"), Status::New, None).await;
    let thursday = store(db, CONTACT, at("2026-11-19T12:00:00Z"), Status::New, None).await; // due end of Monday 23rd
    let done = store(db, CONTACT, at("2026-11-12T09:00:00Z"), Status::Done, None).await; // never overdue
    let now = at("2026-11-20T12:00:00Z");
    let listing = list(&server, viewer(1), &Filter::default(), now, Some(1)).await;
    assert_eq!(references(&listing), vec![monday, thursday, feedback, done]);
    server.stop().await;
}

async fn the_participation_lead_gets_no_row_or_count_for_a_contact_request(backend: Backend) {
    let server = start(backend).await;
    let db = &server.council().db;
    store(db, CONTACT, at("2026-11-16T09:00:00Z"), Status::New, None).await;
    let feedback = store(db, FEEDBACK, at("2026-11-19T09:00:00Z"), Status::New, None).await;
    let now = at("2026-11-20T12:00:00Z");
    let listing = list(&server, viewer(4), &Filter::default(), now, None).await;
    assert_eq!(references(&listing), vec![feedback]);
    assert_eq!(listing.counts[0], (Status::New, 1));
    server.stop().await;
}

async fn filters_combine_and_counts_ignore_only_the_status_filter(backend: Backend) {
    let server = start(backend).await;
    let db = &server.council().db;
    store(
        db,
        CONTACT,
        at("2026-11-16T09:00:00Z"),
        Status::Done,
        Some(2),
    )
    .await;
    let second = store(
        db,
        CONTACT,
        at("2026-11-18T09:00:00Z"),
        Status::New,
        Some(2),
    )
    .await;
    store(db, CONTACT, at("2026-11-19T09:00:00Z"), Status::New, None).await;
    let feedback = store(db, FEEDBACK, at("2026-11-19T09:00:00Z"), Status::New, None).await;
    let now = at("2026-11-20T12:00:00Z");
    let filter = Filter {
        kind: "contact-me".into(),
        assigned: "2".into(),
        status: "new".into(),
        ..Filter::default()
    };
    let listing = list(&server, viewer(1), &filter, now, Some(1)).await;
    assert_eq!(references(&listing), vec![second]);
    assert_eq!(
        listing.counts,
        vec![(Status::New, 1), (Status::InProgress, 0), (Status::Done, 1)]
    );
    let words = Filter {
        q: "BUS useful".into(),
        ..Filter::default()
    };
    let found = list(&server, viewer(1), &words, now, None).await;
    assert_eq!(references(&found), vec![feedback]);
    let dates = Filter {
        from: "2026-11-18".into(),
        to: "2026-11-18".into(),
        ..Filter::default()
    };
    let found = list(&server, viewer(1), &dates, now, None).await;
    assert_eq!(references(&found), vec![second]);
    let about = Filter {
        about: "app".into(),
        ..Filter::default()
    };
    let found = list(&server, viewer(1), &about, now, None).await;
    assert_eq!(references(&found), vec![feedback]);
    server.stop().await;
}

async fn pages_hold_twenty_five_and_a_page_past_the_end_shows_the_last(backend: Backend) {
    let server = start(backend).await;
    let db = &server.council().db;
    let start_at = at("2026-11-01T09:00:00Z");
    let mut newest = 0;
    for n in 1..=30 {
        newest = store(
            db,
            FEEDBACK,
            start_at + Duration::minutes(n),
            Status::New,
            None,
        )
        .await;
    }
    let now = at("2026-11-20T12:00:00Z");
    let first = list(&server, viewer(1), &Filter::default(), now, Some(1)).await;
    assert_eq!((first.items.len(), first.pages, first.total), (25, 2, 30));
    assert_eq!(first.items[0].reference, newest, "newest first");
    let last = list(&server, viewer(1), &Filter::default(), now, Some(9)).await;
    assert_eq!((last.page, last.items.len()), (2, 5));
    let everything = list(&server, viewer(1), &Filter::default(), now, None).await;
    assert_eq!(everything.items.len(), 30, "the export has every match");
    server.stop().await;
}

async fn each_role_sees_exactly_what_offer_core_roles_allows(backend: Backend) {
    let server = start(backend).await;
    let db = &server.council().db;
    let mut stored = Vec::new();
    let mut received = at("2026-11-02T09:00:00Z");
    for json in every_kind() {
        for assigned_to in [None, Some(1), Some(2), Some(3), Some(4)] {
            let kind = Message::from_json(&json.replace("ID", &uuid::Uuid::new_v4().to_string()))
                .unwrap()
                .body
                .kind();
            let reference = store(db, &json, received, Status::New, assigned_to).await;
            stored.push((reference, kind, assigned_to));
            received += Duration::minutes(7);
        }
    }
    let now = at("2026-11-03T09:00:00Z");
    for id in 1..=4 {
        let viewer = viewer(id);
        let listing = list(&server, viewer, &Filter::default(), now, None).await;
        let mut seen = references(&listing);
        seen.sort();
        let allowed: Vec<i64> = stored
            .iter()
            .filter(|(_, kind, assigned_to)| viewer.may_see(*kind, *assigned_to))
            .map(|(reference, _, _)| *reference)
            .collect();
        assert_eq!(seen, allowed, "{viewer:?}");
        assert_eq!(listing.total, allowed.len());
    }
    server.stop().await;
}

/// One message of each kind.
fn every_kind() -> Vec<String> {
    vec![
        FEEDBACK.to_string(),
        CONTACT.to_string(),
        r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"details-changed","name":"Ash","phone":"07700 900456"}"#.to_string(),
        r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"join-group","group":"my-voice","name":"Kim","email":"kim@example.org"}"#.to_string(),
        r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"group-review","group_name":"Crewe group","participants":6,"ratings":[],"missing":"Driving lessons"}"#.to_string(),
        r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"start-group","about":"Young parents","name":"Kai","email":"kai@example.org"}"#.to_string(),
    ]
}

/// A message of some kind with some words, about something (some no longer in the offer).
fn random_message(rng: &mut StdRng, offer: &Offer) -> String {
    const WORDS: [&str; 10] = [
        "bus fares",
        "Rent arrears",
        "RENT and a deposit",
        "help with my Crewe flat",
        "ΟΔΥΣΣΕΥΣ travel",
        "my PA never rings",
        "house keys",
        "team was kind",
        "",
        "longer hours please",
    ];
    let words = WORDS[rng.gen_range(0..WORDS.len())];
    let entitlement = &offer.entitlements[rng.gen_range(0..offer.entitlements.len())].id;
    let category = &offer.categories[rng.gen_range(0..offer.categories.len())].id;
    let support_back = rng.gen_bool(0.3);
    match rng.gen_range(0..8) {
        0 | 1 => {
            let about = match rng.gen_range(0..6) {
                0 => r#""app""#.to_string(),
                1 => r#""offer""#.to_string(),
                2 => format!(r#"{{"entitlement":"{entitlement}"}}"#),
                3 => r#"{"hub":"delamere-house"}"#.to_string(),
                4 => r#"{"contact":"duty"}"#.to_string(),
                _ => r#"{"entitlement":"gone-away"}"#.to_string(),
            };
            let reason = if about.starts_with('{') && rng.gen_bool(0.4) {
                r#""reason":"wrong-or-out-of-date","#
            } else {
                ""
            };
            let rating = if rng.gen_bool(0.5) {
                format!(r#""rating":{},"#, rng.gen_range(1..=5))
            } else {
                String::new()
            };
            format!(
                r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":{about},{reason}{rating}"text":"{words} ok"}}"#
            )
        }
        2 | 3 => format!(
            r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam {words}","phone":"07700 900123","about":"{words}","support_back":{support_back}}}"#
        ),
        4 => format!(
            r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"details-changed","name":"Ash {words}","address":"1 Crewe Road"}}"#
        ),
        5 => format!(
            r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"join-group","group":"{}","name":"Kim {words}","email":"kim@example.org"}}"#,
            if rng.gen_bool(0.8) {
                "my-voice"
            } else {
                "a-group-that-ended"
            }
        ),
        6 => format!(
            r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"group-review","group_name":"Crewe group","participants":6,"ratings":[{{"category":"{category}","rating":3,"comments":"{words}"}}],"missing":"Driving lessons"}}"#
        ),
        _ => format!(
            r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"start-group","about":"{words} group","name":"Kai","email":"kai@example.org"}}"#
        ),
    }
}

async fn a_hundred_and_forty_messages_list_by_the_rules_for_every_filter_viewer_and_page(
    backend: Backend,
) {
    let server = start(backend).await;
    let db = &server.council().db;
    let offer = server.council().content.current().offer.clone();
    let mut rng = StdRng::seed_from_u64(14);
    // Around the clocks going back (25 October 2026) and Christmas (25 and 28 December are
    // bank holidays); every seventh arrives at the same moment as the one before.
    let mut received = at("2026-10-20T08:00:00Z");
    for n in 0..140 {
        if n == 60 {
            received = at("2026-12-18T08:00:00Z");
        }
        if n % 7 != 6 {
            received += Duration::minutes(rng.gen_range(20..600));
        }
        let json = random_message(&mut rng, &offer);
        let status = Status::ALL[rng.gen_range(0..3)];
        let assigned_to = [None, None, Some(1), Some(2), Some(3), Some(4)][rng.gen_range(0..6)];
        store(db, &json, received, status, assigned_to).await;
    }
    let all = store::selected(db, &Selection::visible_to(viewer(1)))
        .await
        .unwrap();
    assert_eq!(all.len(), 140);
    let holidays = BankHolidays::england();
    let entitlement = format!("entitlement:{}", offer.entitlements[0].id);
    let filters: Vec<Filter> = vec![
        Filter::default(),
        filter(|f| f.status = "new".into()),
        filter(|f| f.status = "done".into()),
        filter(|f| f.status = "in-progress".into()),
        filter(|f| f.status = "nonsense".into()),
        filter(|f| f.kind = "contact-me".into()),
        filter(|f| f.kind = "feedback".into()),
        filter(|f| f.assigned = "me".into()),
        filter(|f| f.assigned = "nobody".into()),
        filter(|f| f.assigned = "3".into()),
        filter(|f| f.assigned = "+3".into()),
        filter(|f| f.from = "2026-10-25".into()),
        filter(|f| f.to = "2026-10-25".into()),
        filter(|f| {
            f.from = "2026-12-24".into();
            f.to = "2026-12-28".into();
        }),
        filter(|f| f.about = "app".into()),
        filter(|f| f.about = "hub:delamere-house".into()),
        filter(|f| f.about = entitlement.clone()),
        filter(|f| f.reason = "wrong-or-out-of-date".into()),
        filter(|f| f.q = "rent".into()),
        filter(|f| f.q = "RENT deposit".into()),
        filter(|f| f.q = "delamere".into()),
        filter(|f| f.q = "longer".into()),
        filter(|f| f.q = "οδυσσευς".into()),
        filter(|f| f.q = "team kind".into()),
        filter(|f| f.q = "out of 5".into()),
        filter(|f| {
            f.kind = "contact-me".into();
            f.status = "new".into();
            f.q = "sam".into();
        }),
        filter(|f| {
            f.assigned = "nobody".into();
            f.from = "2026-12-20".into();
            f.status = "in-progress".into();
        }),
    ];
    let nows = [
        at("2026-10-28T00:30:00Z"),
        at("2026-12-24T16:00:00Z"),
        at("2026-12-31T10:00:00Z"),
        at("2027-01-11T12:00:00Z"),
    ];
    let mut non_empty = 0;
    for now in nows {
        for filter in &filters {
            for id in 1..=4 {
                for page in [Some(1), Some(2), Some(99), None] {
                    let expected =
                        by_the_rules(&all, viewer(id), filter, &offer, now, &holidays, page);
                    let listing = list(&server, viewer(id), filter, now, page).await;
                    let got = (
                        references(&listing),
                        listing.total,
                        listing.counts.clone(),
                        listing.page,
                        listing.pages,
                    );
                    assert_eq!(
                        got, expected,
                        "viewer {id}, {filter:?}, now {now}, page {page:?}"
                    );
                    if !listing.items.is_empty() {
                        non_empty += 1;
                    }
                }
            }
        }
    }
    assert!(non_empty > 500, "the filters find something: {non_empty}");
    // More than one page for the manager, and overdue requests at the top at Christmas.
    let listing = list(&server, viewer(1), &Filter::default(), nows[2], Some(1)).await;
    assert!(listing.pages >= 5);
    assert!(listing
        .items
        .iter()
        .any(|m| is_overdue(m, nows[2], &holidays)));
    server.stop().await;
}

fn filter(change: impl FnOnce(&mut Filter)) -> Filter {
    let mut filter = Filter::default();
    change(&mut filter);
    filter
}

type Expected = (Vec<i64>, usize, Vec<(Status, usize)>, usize, usize);

/// The inbox's rules in plain Rust, as the inbox did them before the database did: what the
/// viewer may see and the filter keeps, the counts per status, support back not done first,
/// then overdue (oldest first), then newest first, and 25 to a page.
fn by_the_rules(
    all: &[StaffMessage],
    viewer: Viewer,
    filter: &Filter,
    offer: &Offer,
    now: DateTime<Utc>,
    holidays: &BankHolidays,
    page: Option<usize>,
) -> Expected {
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    let (from, to) = (day(&filter.from), day(&filter.to));
    let wanted: Vec<String> = filter
        .q
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let keeps = |item: &StaffMessage| {
        let body = &item.message.body;
        let kind = body.kind();
        let assigned = match filter.assigned.as_str() {
            "" => true,
            "me" => item.assigned_to == Some(viewer.id),
            "nobody" => item.assigned_to.is_none(),
            id => item.assigned_to.map(|a| a.to_string()).as_deref() == Some(id),
        };
        let received = uk_local(item.received_at).date();
        let mut text: String = fields(body, offer)
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(key) = about_key(body) {
            text.push(' ');
            text.push_str(&about_label(&key, offer).0);
        }
        let text = text.to_lowercase();
        viewer.may_see(kind, item.assigned_to)
            && (filter.kind.is_empty() || filter.kind == kind.slug())
            && assigned
            && from.is_none_or(|from| received >= from)
            && to.is_none_or(|to| received <= to)
            && (filter.about.is_empty() || about_key(body).as_deref() == Some(&filter.about))
            && (filter.reason.is_empty()
                || reason(body).map(FeedbackReason::slug) == Some(filter.reason.as_str()))
            && wanted.iter().all(|w| text.contains(w.as_str()))
    };
    let mut candidates: Vec<&StaffMessage> = all.iter().filter(|m| keeps(m)).collect();
    // The old inbox read every message newest first, then sorted (stably).
    candidates.sort_by(|a, b| {
        b.received_at
            .cmp(&a.received_at)
            .then(b.reference.cmp(&a.reference))
    });
    let counts: Vec<(Status, usize)> = Status::ALL
        .into_iter()
        .map(|s| (s, candidates.iter().filter(|m| m.status == s).count()))
        .collect();
    let status = Status::from_slug(&filter.status);
    let mut items: Vec<&StaffMessage> = candidates
        .into_iter()
        .filter(|m| status.is_none_or(|s| m.status == s))
        .collect();
    let waiting_support_back = |m: &StaffMessage| {
        m.status != Status::Done
            && matches!(
                m.message.body,
                MessageBody::ContactMe {
                    support_back: true,
                    ..
                }
            )
    };
    items.sort_by(|a, b| {
        let (sa, sb) = (waiting_support_back(a), waiting_support_back(b));
        if sa != sb {
            return sb.cmp(&sa);
        }
        let (oa, ob) = (is_overdue(a, now, holidays), is_overdue(b, now, holidays));
        ob.cmp(&oa).then_with(|| {
            if oa && ob {
                a.received_at.cmp(&b.received_at)
            } else {
                b.received_at
                    .cmp(&a.received_at)
                    .then(b.reference.cmp(&a.reference))
            }
        })
    });
    let total = items.len();
    let (page, pages, skip, take) = match page {
        None => (1, 1, 0, total),
        Some(page) => {
            let pages = total.div_ceil(inbox::PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            (page, pages, (page - 1) * inbox::PER_PAGE, inbox::PER_PAGE)
        }
    };
    let shown = items
        .iter()
        .skip(skip)
        .take(take)
        .map(|m| m.reference)
        .collect();
    (shown, total, counts, page, pages)
}

async fn messages_stored_before_the_inbox_columns_get_them_when_the_server_starts(
    backend: Backend,
) {
    let server = start(backend).await;
    let db = &server.council().db;
    let support_back = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Jay","phone":"07700 900999","about":"A deposit","support_back":true}"#;
    let older = store(
        db,
        support_back,
        at("2026-11-23T08:00:00Z"),
        Status::New,
        None,
    )
    .await;
    let newer = store(db, FEEDBACK, at("2026-11-23T09:00:00Z"), Status::New, None).await;
    // As an older server left them: one with a bare triage row, one with none at all.
    db.execute(
        "UPDATE message_triage SET kind = NULL, received_at = NULL, about = NULL, reason = NULL, support_back = 0, search_text = NULL WHERE ref = ?",
        vec![older.into()],
    )
    .await
    .unwrap();
    db.execute(
        "DELETE FROM message_triage WHERE ref = ?",
        vec![newer.into()],
    )
    .await
    .unwrap();
    assert_eq!(store::fill_facets(db).await.unwrap(), 2);
    assert_eq!(store::fill_facets(db).await.unwrap(), 0, "only once");
    let now = at("2026-11-23T10:00:00Z");
    let listing = list(&server, viewer(1), &Filter::default(), now, Some(1)).await;
    assert_eq!(listing.items.len(), 2);
    assert_eq!(listing.items[0].reference, older, "support back first");
    let words = filter(|f| f.q = "bus".into());
    let found = list(&server, viewer(1), &words, now, None).await;
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].message.body.kind(), MessageKind::Feedback);
    server.stop().await;
}
