//! The staff side through HTTP, on SQLite and on PostgreSQL: sign-in, sessions, roles,
//! CSRF and Origin, lockout, the inbox, export, retention and email.
//!
//! The PostgreSQL runs need `TEST_POSTGRES_URL` (`export TEST_POSTGRES_URL=$(scripts/pg.sh start)`).

#[macro_use]
mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{Backend, TestServer};
use local_offer_server::clock::Clock;
use local_offer_server::config::{RateLimit, Secret};
use local_offer_server::message_store;
use local_offer_server::staff::{accounts, cli, retention};
use offer_core::message::Message;
use reqwest::header::{HeaderMap, HeaderValue, CACHE_CONTROL, LOCATION};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

on_both_databases!(
    every_staff_page_without_a_session_sends_you_to_sign_in_and_csv_answers_401,
    a_participation_lead_gets_404_for_a_contact_request_its_row_its_export_and_its_count,
    a_form_without_its_token_or_from_another_site_is_refused_and_changes_nothing,
    ten_wrong_passwords_lock_the_email_with_the_same_answer_whether_or_not_it_exists,
    a_session_ends_after_30_quiet_minutes_12_hours_signing_out_or_a_reset,
    a_csv_cell_starting_with_equals_comes_out_neutralised,
    contact_requests_are_overdue_after_two_working_days_across_a_weekend_and_a_bank_holiday,
    retention_deletes_exactly_the_done_messages_past_their_time_once_a_day,
    a_pa_takes_a_contact_request_and_marks_it_done_with_how_contact_was_made,
    a_one_time_link_sets_a_password_once_and_stops_working_after_24_hours,
    a_manager_invites_changes_a_role_after_checking_and_removes_an_account,
    staff_pages_are_never_cached,
    the_phone_learns_status_and_reply_only,
    an_unknown_or_deleted_id_is_404_and_asking_too_often_is_429,
    a_corrected_reply_replaces_the_old_one,
    you_said_we_did_travels_with_the_offer_and_changes_its_etag,
    support_back_requests_come_first_and_count_in_the_report,
    a_start_group_message_reaches_the_participation_lead,
    the_review_shows_ratings_under_their_entitlement,
);

const PASSWORD: &str = "correct horse battery staple";
/// Monday 23 November 2026, 10am GMT.
const MONDAY: &str = "2026-11-23T10:00:00Z";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A server with a test clock, no message rate limit and no sign-in delays.
async fn start(backend: Backend, now: &str) -> (TestServer, Clock) {
    let clock = Clock::fixed(at(now));
    let server = TestServer::start_with(backend, |config| {
        config.clock = clock.clone();
        config.message_rate = RateLimit {
            per_minute: 0,
            burst: 0,
        };
        config.sign_in_delay_step = Duration::from_millis(1);
    })
    .await;
    (server, clock)
}

/// Adds an account with a password, as `staff add --password-stdin` does.
async fn add(server: &TestServer, email: &str, name: &str, role: &str) -> i64 {
    cli::add(
        &server.state.db,
        email,
        name,
        role,
        Some(PASSWORD.to_string()),
        &server.url,
        server.state.config.clock.now(),
    )
    .await
    .unwrap();
    accounts::by_email(&server.state.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A message as a phone sends it, stored as the API stores it, arriving at `received`.
async fn store(server: &TestServer, json: &str, received: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let message = Message::from_json(&json.replace("ID", &id)).unwrap();
    message_store::save(&server.state.db, &message, at(received))
        .await
        .unwrap();
    id
}

const CONTACT: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam Jones","phone":"07700 900123","about":"Help with rent"}"#;
const FEEDBACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","rating":4,"text":"The bus times helped"}"#;
const FORMULA: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","text":"=HYPERLINK(\"http://evil.example\",\"click\")"}"#;

/// A browser-like client: keeps cookies, does not follow redirects, sends `Origin`.
struct Staff {
    client: reqwest::Client,
    base: String,
}

impl Staff {
    fn new(server: &TestServer) -> Staff {
        Staff::with_origin(server, &server.url)
    }

    fn with_origin(server: &TestServer, origin: &str) -> Staff {
        let mut headers = HeaderMap::new();
        headers.insert("origin", HeaderValue::from_str(origin).unwrap());
        Staff {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .default_headers(headers)
                .build()
                .unwrap(),
            base: server.url.clone(),
        }
    }

    async fn get(&self, path: &str) -> (StatusCode, String, HeaderMap) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        (status, res.text().await.unwrap(), headers)
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String, HeaderMap) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        (status, res.text().await.unwrap(), headers)
    }

    /// The CSRF token on the page at `path`.
    async fn token(&self, path: &str) -> String {
        let (status, html, headers) = self.get(path).await;
        csrf_in(&html).unwrap_or_else(|| {
            panic!(
                "no CSRF token on {path} ({status}, {:?}): {html}",
                headers.get(LOCATION)
            )
        })
    }

    /// Posts a form with the token of the page at `page`.
    async fn submit(
        &self,
        page: &str,
        action: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, HeaderMap) {
        let token = self.token(page).await;
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend_from_slice(form);
        self.post(action, &fields).await
    }

    async fn sign_in(&self, email: &str, password: &str) -> (StatusCode, String, HeaderMap) {
        self.submit(
            "/staff/sign-in",
            "/staff/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    async fn signed_in(server: &TestServer, email: &str) -> Staff {
        let staff = Staff::new(server);
        let (status, body, headers) = staff.sign_in(email, PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(headers[LOCATION], "/staff");
        staff
    }
}

fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[start..].split('"').next()?.to_string())
}

fn location(headers: &HeaderMap) -> String {
    headers
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

async fn reference_of(server: &TestServer, message_id: &str) -> i64 {
    server
        .state
        .db
        .row(
            "SELECT ref FROM message_triage WHERE message_id = ?",
            vec![message_id.into()],
        )
        .await
        .unwrap()
        .unwrap()
        .int(0)
}

async fn every_staff_page_without_a_session_sends_you_to_sign_in_and_csv_answers_401(
    backend: Backend,
) {
    let (server, _) = start(backend, MONDAY).await;
    let id = store(&server, CONTACT, MONDAY).await;
    let reference = reference_of(&server, &id).await;
    let anyone = Staff::new(&server);
    for path in [
        "/staff".to_string(),
        "/staff/".to_string(),
        format!("/staff/messages/{reference}"),
        "/staff/accounts".to_string(),
        "/staff/accounts/new".to_string(),
        "/staff/accounts/1".to_string(),
        "/staff/audit".to_string(),
        "/staff/no-such-page".to_string(),
    ] {
        let (status, _, headers) = anyone.get(&path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&headers), "/staff/sign-in", "{path}");
    }
    let (status, body, _) = anyone.get("/staff/export.csv").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("Sam"));
    // A form posted with a valid token but no session changes nothing and asks to sign in.
    let (status, _, headers) = anyone
        .submit(
            "/staff/sign-in",
            &format!("/staff/messages/{reference}/status"),
            &[("status", "done")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/sign-in");
    let (status, html, _) = anyone.get("/staff/sign-in").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Sign in to the staff pages</h1>"));
    server.stop().await;
}

async fn a_participation_lead_gets_404_for_a_contact_request_its_row_its_export_and_its_count(
    backend: Backend,
) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "lead@example.gov.uk", "Lee Lead", "participation").await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let contact = store(&server, CONTACT, "2026-11-23T09:00:00Z").await;
    let feedback = store(&server, FEEDBACK, "2026-11-23T09:30:00Z").await;
    let contact_ref = reference_of(&server, &contact).await;
    let feedback_ref = reference_of(&server, &feedback).await;

    let lead = Staff::signed_in(&server, "lead@example.gov.uk").await;
    let (status, html, _) = lead.get(&format!("/staff/messages/{contact_ref}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Sam Jones") && !html.contains("07700"));
    let (status, html, _) = lead.get(&format!("/staff/messages/{feedback_ref}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("The bus times helped"));

    let (_, inbox, _) = lead.get("/staff").await;
    assert!(!inbox.contains("Sam Jones"), "no row");
    assert!(
        !inbox.contains("Please contact me"),
        "not even as a kind to filter on"
    );
    assert!(
        inbox.contains("New: <strong>1</strong>"),
        "the count leaves it out: {inbox}"
    );
    let (_, inbox, _) = lead.get("/staff?kind=contact-me").await;
    assert!(inbox.contains("New: <strong>0</strong>"));
    let (_, csv, _) = lead.get("/staff/export.csv").await;
    assert!(!csv.contains("Sam Jones") && !csv.contains("07700"));
    assert!(csv.contains("The bus times helped"));
    // Nor can it change one.
    let (status, _, _) = lead
        .submit(
            "/staff",
            &format!("/staff/messages/{contact_ref}/notes"),
            &[("note", "peek")],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (_, inbox, _) = boss.get("/staff").await;
    assert!(inbox.contains("Sam Jones") && inbox.contains("New: <strong>2</strong>"));
    // Accounts and the audit log are for managers only.
    assert_eq!(lead.get("/staff/accounts").await.0, StatusCode::NOT_FOUND);
    assert_eq!(lead.get("/staff/audit").await.0, StatusCode::NOT_FOUND);
    assert_eq!(boss.get("/staff/audit").await.0, StatusCode::OK);
    server.stop().await;
}

async fn a_form_without_its_token_or_from_another_site_is_refused_and_changes_nothing(
    backend: Backend,
) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let id = store(&server, FEEDBACK, MONDAY).await;
    let reference = reference_of(&server, &id).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let page = format!("/staff/messages/{reference}");
    let action = format!("/staff/messages/{reference}/status");

    let (status, html, _) = boss.post(&action, &[("status", "done")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no token");
    assert!(html.contains("did not do anything"));
    let (status, _, _) = boss
        .post(&action, &[("csrf", "not-the-token"), ("status", "done")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "wrong token");

    // The right token, from another site (a cross-site form carries the victim's cookies
    // only in old browsers, but Origin gives it away).
    let token = boss.token(&page).await;
    let res = boss
        .client
        .post(format!("{}{action}", server.url))
        .header("origin", "https://evil.example")
        .form(&[("csrf", token.as_str()), ("status", "done")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "another origin");

    let (_, html, _) = boss.get(&page).await;
    assert!(
        html.contains("<dt>Status</dt><dd>New</dd>"),
        "nothing changed: {html}"
    );
    // The same form, done properly, works.
    let (status, _, _) = boss.submit(&page, &action, &[("status", "done")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = boss.get(&page).await;
    assert!(html.contains("<dt>Status</dt><dd>Done</dd>"));
    server.stop().await;
}

async fn ten_wrong_passwords_lock_the_email_with_the_same_answer_whether_or_not_it_exists(
    backend: Backend,
) {
    let (server, clock) = start(backend, MONDAY).await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    let staff = Staff::new(&server);
    let mut answers = Vec::new();
    for email in ["pa@example.gov.uk", "nobody@example.gov.uk"] {
        for attempt in 1..=10 {
            let (status, html, _) = staff.sign_in(email, "wrong password here").await;
            assert_eq!(status, StatusCode::OK);
            if attempt < 10 {
                assert!(html.contains("The email address or the password is not right"));
            } else {
                assert!(html.contains("Too many wrong passwords"), "{html}");
            }
            answers.push(html.replace(email, "EMAIL"));
        }
    }
    let (known, unknown) = answers.split_at(10);
    let strip = |html: &str| {
        html.lines()
            .filter(|l| !l.contains("csrf"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (a, b) in known.iter().zip(unknown) {
        assert_eq!(strip(a), strip(b), "the same answer either way");
    }
    // Locked: even the right password is refused, and says so plainly.
    let (status, html, _) = staff.sign_in("pa@example.gov.uk", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("paused for 15 minutes"));
    clock.advance(chrono::Duration::minutes(14));
    let (status, _, _) = staff.sign_in("pa@example.gov.uk", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "still locked after 14 minutes");
    clock.advance(chrono::Duration::minutes(1));
    let (status, _, headers) = staff.sign_in("pa@example.gov.uk", PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "open again after 15 minutes");
    assert_eq!(location(&headers), "/staff");
    // Every attempt is in the audit log.
    let failures = server
        .state
        .db
        .row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in failed'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap()
        .int(0);
    assert_eq!(failures, 20);
    server.stop().await;
}

async fn a_session_ends_after_30_quiet_minutes_12_hours_signing_out_or_a_reset(backend: Backend) {
    let (server, clock) = start(backend, MONDAY).await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;

    // 29 quiet minutes are fine; 31 are not.
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    clock.advance(chrono::Duration::minutes(29));
    assert_eq!(pa.get("/staff").await.0, StatusCode::OK);
    clock.advance(chrono::Duration::minutes(31));
    let (status, _, headers) = pa.get("/staff").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/sign-in?ended=1");
    assert_eq!(
        pa.get("/staff").await.0,
        StatusCode::SEE_OTHER,
        "and stays ended"
    );

    // Busy for 12 hours, then out.
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    for _ in 0..24 {
        clock.advance(chrono::Duration::minutes(29));
        assert_eq!(pa.get("/staff").await.0, StatusCode::OK);
    }
    clock.advance(chrono::Duration::minutes(25));
    assert_eq!(pa.get("/staff").await.0, StatusCode::SEE_OTHER);

    // Signing out ends the session on the server: the old cookie is worth nothing.
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let cookie_jar_copy = pa.client.clone();
    let (status, _, headers) = pa.submit("/staff", "/staff/sign-out", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/sign-in?out=1");
    let res = cookie_jar_copy
        .get(format!("{}/staff", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // A reset from the command line ends every session of the account.
    let first = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let second = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let now = server.state.config.clock.now();
    let said = cli::reset(&server.state.db, "pa@example.gov.uk", &server.url, now)
        .await
        .unwrap();
    assert!(said.contains("/staff/set-password?token="));
    assert_eq!(first.get("/staff").await.0, StatusCode::SEE_OTHER);
    assert_eq!(second.get("/staff").await.0, StatusCode::SEE_OTHER);
    server.stop().await;
}

async fn a_csv_cell_starting_with_equals_comes_out_neutralised(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    store(&server, FORMULA, MONDAY).await;
    store(&server, CONTACT, MONDAY).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let res = boss
        .client
        .get(format!("{}/staff/export.csv?kind=feedback", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"local-offer-messages-"));
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark for Excel"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Number");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1, "only the filtered kind");
    let message = &rows[0][header.iter().position(|h| h == "Message").unwrap()];
    assert!(
        message.starts_with("'=") || message.starts_with("Feedback: ="),
        "{message}"
    );
    assert!(!message.starts_with('='));
    // Every cell that could start a formula is neutralised.
    for cell in rows[0].iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell}"
        );
    }
    // The export is in the audit log, with how many and which filter.
    let detail = server
        .state
        .db
        .row(
            "SELECT detail FROM audit_log WHERE action = 'export'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap()
        .text(0);
    assert_eq!(detail, "1 messages; filters: kind=feedback");
    server.stop().await;
}

async fn contact_requests_are_overdue_after_two_working_days_across_a_weekend_and_a_bank_holiday(
    backend: Backend,
) {
    // Thursday 24 December 2026, 4pm: Friday 25 and Monday 28 are bank holidays and the
    // weekend is between, so it is due by the end of Wednesday 30 December.
    let (server, clock) = start(backend, "2026-12-24T16:00:00Z").await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let id = store(&server, CONTACT, "2026-12-24T16:00:00Z").await;
    let reference = reference_of(&server, &id).await;
    let done = store(&server, CONTACT, "2026-12-24T15:00:00Z").await;
    let newer = store(&server, FEEDBACK, "2026-12-29T09:00:00Z").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let done_ref = reference_of(&server, &done).await;
    boss.submit(
        &format!("/staff/messages/{done_ref}"),
        &format!("/staff/messages/{done_ref}/status"),
        &[("status", "done"), ("contact_method", "phone")],
    )
    .await;
    let overdue_row =
        format!("<tr class=\"overdue\">\n      <td><a href=\"/staff/messages/{reference}\">");

    clock.set(at("2026-12-30T23:59:00Z"));
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (_, html, _) = boss.get("/staff").await;
    assert!(!html.contains("class=\"overdue\""), "not yet: {html}");
    let newer_ref = reference_of(&server, &newer).await;
    let first_row = html.find("/staff/messages/").unwrap();
    assert!(
        html[first_row..].starts_with(&format!("/staff/messages/{newer_ref}\"")),
        "newest first while nothing is overdue"
    );

    clock.set(at("2026-12-31T00:00:00Z"));
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (_, html, _) = boss.get("/staff").await;
    assert!(html.contains(&overdue_row), "overdue from Thursday: {html}");
    let first_row = html.find("/staff/messages/").unwrap();
    assert!(
        html[first_row..].starts_with(&format!("/staff/messages/{reference}\"")),
        "overdue is listed first"
    );
    assert_eq!(
        html.matches("class=\"overdue\"").count(),
        1,
        "a done request is never overdue"
    );
    let (_, page, _) = boss.get(&format!("/staff/messages/{reference}")).await;
    assert!(page.contains("Due by the end of Wednesday 30 December"));
    server.stop().await;
}

async fn retention_deletes_exactly_the_done_messages_past_their_time_once_a_day(backend: Backend) {
    let (server, clock) = start(backend, "2025-06-01T10:00:00Z").await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let old_done = store(&server, FEEDBACK, "2025-06-01T09:00:00Z").await;
    let recent_done = store(&server, FEEDBACK, "2025-06-01T09:00:00Z").await;
    let old_open = store(&server, CONTACT, "2025-06-01T09:00:00Z").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let mark_done = |id: String| {
        let boss = &boss;
        let server = &server;
        async move {
            let reference = reference_of(server, &id).await;
            boss.submit(
                &format!("/staff/messages/{reference}"),
                &format!("/staff/messages/{reference}/notes"),
                &[("note", "Rang back")],
            )
            .await;
            let (status, _, _) = boss
                .submit(
                    &format!("/staff/messages/{reference}"),
                    &format!("/staff/messages/{reference}/status"),
                    &[("status", "done")],
                )
                .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
    };
    mark_done(old_done.clone()).await; // done 1 June 2025
    clock.set(at("2025-08-01T10:00:00Z"));
    let boss_again = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let reference = reference_of(&server, &recent_done).await;
    boss_again
        .submit(
            &format!("/staff/messages/{reference}"),
            &format!("/staff/messages/{reference}/status"),
            &[("status", "done")],
        )
        .await; // done 1 August 2025

    // 366 days after the first was done: only that one is due.
    clock.set(at("2026-06-02T10:00:00Z"));
    let deleted = retention::run_once(&server.state).await.unwrap();
    assert_eq!(deleted, Some(1));
    let left: Vec<String> = server
        .state
        .db
        .rows("SELECT id FROM messages ORDER BY id", vec![])
        .await
        .unwrap()
        .iter()
        .map(|r| r.text(0))
        .collect();
    let mut expected = vec![recent_done.clone(), old_open.clone()];
    expected.sort();
    assert_eq!(left, expected);
    let history = server
        .state
        .db
        .row(
            "SELECT COUNT(*) FROM message_events WHERE message_id = ?",
            vec![old_done.as_str().into()],
        )
        .await
        .unwrap()
        .unwrap()
        .int(0);
    assert_eq!(history, 0, "its history goes too");
    // A second copy of the server on the same day does nothing.
    assert_eq!(retention::run_once(&server.state).await.unwrap(), None);
    // The audit log has the count and no content.
    let detail = server
        .state
        .db
        .row(
            "SELECT actor_email, detail FROM audit_log WHERE action = 'retention' ORDER BY id DESC",
            vec![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.text(0), "system");
    assert_eq!(
        detail.text(1),
        "deleted 1 messages done more than 365 days ago"
    );
    server.stop().await;
}

async fn a_pa_takes_a_contact_request_and_marks_it_done_with_how_contact_was_made(
    backend: Backend,
) {
    let (server, _) = start(backend, MONDAY).await;
    let pa_id = add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    add(&server, "other@example.gov.uk", "Oli Other", "pa").await;
    let id = store(&server, CONTACT, MONDAY).await;
    let feedback = store(&server, FEEDBACK, MONDAY).await;
    let reference = reference_of(&server, &id).await;
    let page = format!("/staff/messages/{reference}");

    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let (_, inbox, _) = pa.get("/staff").await;
    assert!(inbox.contains("Sam Jones"), "the unassigned queue");
    assert!(!inbox.contains("The bus times helped"), "not feedback");
    let feedback_ref = reference_of(&server, &feedback).await;
    assert_eq!(
        pa.get(&format!("/staff/messages/{feedback_ref}")).await.0,
        StatusCode::NOT_FOUND
    );
    // A PA may not hand it to someone else, only take it.
    let (status, html, _) = pa
        .submit(&page, &format!("{page}/assign"), &[("assignee", "9999")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("There is a problem"));
    let (status, _, _) = pa
        .submit(
            &page,
            &format!("{page}/assign"),
            &[("assignee", &pa_id.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Now it is theirs: another PA no longer sees it.
    let other = Staff::signed_in(&server, "other@example.gov.uk").await;
    assert_eq!(other.get(&page).await.0, StatusCode::NOT_FOUND);
    let (_, inbox, _) = other.get("/staff").await;
    assert!(!inbox.contains("Sam Jones"));

    // Done needs how contact was made.
    let (status, html, _) = pa
        .submit(&page, &format!("{page}/status"), &[("status", "done")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Choose how you got in touch"));
    let (status, _, _) = pa
        .submit(
            &page,
            &format!("{page}/status"),
            &[("status", "done"), ("contact_method", "phone")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = pa.get(&page).await;
    assert!(html.contains("<dt>How contact was made</dt><dd>Phoned</dd>"));
    assert!(html.contains("Assigned to Pat Adviser"));
    assert!(html.contains("Status: Done (Phoned)"));
    assert!(html.contains("Pat Adviser"), "history names who");
    server.stop().await;
}

async fn a_one_time_link_sets_a_password_once_and_stops_working_after_24_hours(backend: Backend) {
    let (server, clock) = start(backend, MONDAY).await;
    let said = cli::add(
        &server.state.db,
        "New.Person@Example.gov.uk",
        "Nia New",
        "pa",
        None,
        &server.url,
        clock.now(),
    )
    .await
    .unwrap();
    let link = said.lines().last().unwrap().to_string();
    let path = link.strip_prefix(&server.url).unwrap().to_string();
    assert!(path.starts_with("/staff/set-password?token="));
    let staff = Staff::new(&server);
    let (status, html, _) = staff.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("new.person@example.gov.uk"));
    let token = path.split("token=").nth(1).unwrap().to_string();

    let (status, html, _) = staff
        .submit(
            &path,
            "/staff/set-password",
            &[
                ("token", &token),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("at least 12 characters"));
    let (_, html, _) = staff
        .submit(
            &path,
            "/staff/set-password",
            &[
                ("token", &token),
                ("password", "Password1234"),
                ("confirm", "Password1234"),
            ],
        )
        .await;
    assert!(html.contains("too common"));
    let (status, _, headers) = staff
        .submit(
            &path,
            "/staff/set-password",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/sign-in?set=1");
    assert_eq!(staff.get(&path).await.0, StatusCode::NOT_FOUND, "used once");
    Staff::signed_in(&server, "new.person@example.gov.uk").await;

    // A fresh link is dead after 24 hours.
    let said = cli::reset(
        &server.state.db,
        "new.person@example.gov.uk",
        &server.url,
        clock.now(),
    )
    .await
    .unwrap();
    let path = said
        .lines()
        .last()
        .unwrap()
        .strip_prefix(&server.url)
        .unwrap()
        .to_string();
    clock.advance(chrono::Duration::hours(23));
    assert_eq!(staff.get(&path).await.0, StatusCode::OK);
    clock.advance(chrono::Duration::hours(1));
    assert_eq!(staff.get(&path).await.0, StatusCode::NOT_FOUND);
    server.stop().await;
}

async fn a_manager_invites_changes_a_role_after_checking_and_removes_an_account(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    let boss_id = add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;

    let (status, html, _) = boss
        .submit(
            "/staff/accounts/new",
            "/staff/accounts/new",
            &[("name", ""), ("email", "not an email"), ("role", "")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for problem in ["Enter the person", "right format", "Choose a role"] {
        assert!(html.contains(problem), "{problem}");
    }
    let (status, html, _) = boss
        .submit(
            "/staff/accounts/new",
            "/staff/accounts/new",
            &[
                ("name", "Pat Adviser"),
                ("email", "pa@example.gov.uk"),
                ("role", "pa"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/staff/set-password?token="));
    let pa = accounts::by_email(&server.state.db, "pa@example.gov.uk")
        .await
        .unwrap()
        .unwrap();

    // Changing a role asks first, and changes nothing until confirmed.
    let account_page = format!("/staff/accounts/{}", pa.id);
    let (status, html, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/role"),
            &[("role", "participation")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Check before you change the role"));
    assert_eq!(
        accounts::by_id(&server.state.db, pa.id)
            .await
            .unwrap()
            .unwrap()
            .role
            .slug(),
        "pa"
    );
    let (status, _, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/role"),
            &[("role", "participation"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        accounts::by_id(&server.state.db, pa.id)
            .await
            .unwrap()
            .unwrap()
            .role
            .slug(),
        "participation"
    );
    // A manager cannot remove themselves.
    let own = format!("/staff/accounts/{boss_id}");
    let (status, _, _) = boss
        .submit(&own, &format!("{own}/remove"), &[("confirm", "yes")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Removing asks first, then the account is gone.
    let (_, html, _) = boss
        .submit(&account_page, &format!("{account_page}/remove"), &[])
        .await;
    assert!(html.contains("Check before you remove this account"));
    let (status, _, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/remove"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(accounts::by_id(&server.state.db, pa.id)
        .await
        .unwrap()
        .is_none());
    let (_, audit, _) = boss.get("/staff/audit").await;
    for action in [
        "account added",
        "role changed",
        "account removed",
        "sign-in",
    ] {
        assert!(audit.contains(action), "{action}");
    }
    server.stop().await;
}

async fn staff_pages_are_never_cached(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    for path in [
        "/staff",
        "/staff/sign-in",
        "/staff/staff.css",
        "/staff/export.csv",
        "/staff/audit",
    ] {
        let (_, _, headers) = boss.get(path).await;
        assert_eq!(headers[CACHE_CONTROL], "no-store", "{path}");
    }
    let (_, _, headers) = Staff::new(&server).get("/staff").await;
    assert_eq!(headers[CACHE_CONTROL], "no-store", "the redirect too");
    // The young person's app is not touched: no staff cookie on the API.
    let res = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap();
    assert!(res.headers().get("set-cookie").is_none());
    server.stop().await;
}

/// A real SMTP sink from Debian's `python3-aiosmtpd`, writing each mail to a maildir.
struct SmtpSink {
    child: std::process::Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        // Debian's own Python, where python3-aiosmtpd is installed (not a pyenv one on PATH).
        let child = std::process::Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .spawn()
            .expect("python3 -m aiosmtpd (scripts/setup.sh installs python3-aiosmtpd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpSink {
            child,
            port,
            maildir,
        }
    }

    fn mails(&self) -> Vec<String> {
        let mut mails = Vec::new();
        for folder in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir.path().join("mail").join(folder)) {
                for entry in entries.flatten() {
                    mails.push(std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        mails
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_contact_request_emails_the_team_a_link_and_nothing_personal() {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.smtp_url = Some(Secret(format!("smtp://127.0.0.1:{}", sink.port)));
        config.team_email = Some("care.leavers@example.gov.uk".into());
        config.public_url = Some("https://offer.example.gov.uk".into());
    })
    .await;
    let id = uuid::Uuid::new_v4().to_string();
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(CONTACT.replace("ID", &id))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    // Feedback sends no email.
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(FEEDBACK.replace("ID", &uuid::Uuid::new_v4().to_string()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(
        server
            .eventually(|| async { !sink.mails().is_empty() })
            .await,
        "the mail arrived"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "one mail, for the contact request only");
    let mail = &mails[0];
    assert!(mail.contains("To: care.leavers@example.gov.uk"));
    assert!(mail.contains("A young person asked to be contacted"));
    assert!(mail.contains("https://offer.example.gov.uk/staff"));
    for personal in ["Sam", "Jones", "07700", "900123", "rent", &id] {
        assert!(!mail.contains(personal), "{personal} in {mail}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_smtp_nothing_is_sent_and_the_inbox_still_works() {
    let (server, _) = start(Backend::Sqlite, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    store(&server, CONTACT, MONDAY).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (status, html, _) = boss.get("/staff").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Sam Jones"));
    server.stop().await;
}

async fn status(server: &TestServer, id: &str) -> (StatusCode, serde_json::Value) {
    let res = reqwest::get(format!("{}/api/messages/{id}", server.url))
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

async fn reply(staff: &Staff, reference: i64, text: &str) -> (StatusCode, String) {
    let page = format!("/staff/messages/{reference}");
    let (status, html, _) = staff
        .submit(
            &page,
            &format!("{page}/reply"),
            &[("reply", text), ("action", "send")],
        )
        .await;
    (status, html)
}

async fn the_phone_learns_status_and_reply_only(backend: Backend) {
    let (server, clock) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let id = store(&server, FEEDBACK, MONDAY).await;
    let reference = reference_of(&server, &id).await;

    let (code, body) = status(&server, &id).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(body["status"], "received");
    assert_eq!(body["status_at"], "2026-11-23T10:00:00Z");
    assert!(body.get("reply").is_none());

    clock.advance(chrono::Duration::minutes(5));
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let page = format!("/staff/messages/{reference}");
    boss.submit(
        &page,
        &format!("{page}/notes"),
        &[("note", "INTERNAL NOTE: ring her mum first")],
    )
    .await;
    let (code, _) = reply(
        &boss,
        reference,
        "Thanks. Your PA will ring you on Thursday after 2pm.",
    )
    .await;
    assert_eq!(code, StatusCode::SEE_OTHER);
    let (code, body) = status(&server, &id).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(body["status"], "read");
    assert_eq!(body["status_at"], "2026-11-23T10:05:00Z");
    assert_eq!(
        body["reply"],
        "Thanks. Your PA will ring you on Thursday after 2pm."
    );
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "reply", "reply_at", "status", "status_at"]);
    let text = body.to_string();
    for secret in [
        "INTERNAL",
        "mum",
        "Mo Manager",
        "boss@example.gov.uk",
        "manager",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }

    clock.advance(chrono::Duration::minutes(20));
    boss.submit(&page, &format!("{page}/status"), &[("status", "done")])
        .await;
    let (_, body) = status(&server, &id).await;
    assert_eq!(body["status"], "done");
    assert_eq!(body["status_at"], "2026-11-23T10:25:00Z");
    // The reply is in the history and the audit log.
    let (_, html, _) = boss.get(&page).await;
    assert!(html.contains("Reply sent: Thanks. Your PA will ring you"));
    let (_, audit, _) = boss.get("/staff/audit").await;
    assert!(audit.contains("reply sent"));
    server.stop().await;
}

async fn an_unknown_or_deleted_id_is_404_and_asking_too_often_is_429(backend: Backend) {
    let clock = Clock::fixed(at("2025-01-06T10:00:00Z"));
    let server = TestServer::start_with(backend, |config| {
        config.clock = clock.clone();
        config.status_rate = RateLimit {
            per_minute: 1,
            burst: 5,
        };
        config.sign_in_delay_step = Duration::from_millis(1);
    })
    .await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let id = store(&server, FEEDBACK, "2025-01-06T09:00:00Z").await;
    let reference = reference_of(&server, &id).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let page = format!("/staff/messages/{reference}");
    boss.submit(&page, &format!("{page}/status"), &[("status", "done")])
        .await;
    clock.set(at("2026-01-08T10:00:00Z"));
    retention::run_once(&server.state).await.unwrap();

    let (deleted, body) = status(&server, &id).await;
    let (unknown, unknown_body) = status(&server, &uuid::Uuid::new_v4().to_string()).await;
    let (not_an_id, _) = status(&server, "not-a-uuid").await;
    assert_eq!(deleted, StatusCode::NOT_FOUND);
    assert_eq!(unknown, StatusCode::NOT_FOUND);
    assert_eq!(not_an_id, StatusCode::NOT_FOUND);
    assert_eq!(body, unknown_body, "deleted and unknown look the same");
    // Five at once are fine (the burst: three above and two more); the next must wait.
    for _ in 0..2 {
        assert_eq!(status(&server, &id).await.0, StatusCode::NOT_FOUND);
    }
    let (limited, body) = status(&server, &id).await;
    assert_eq!(limited, StatusCode::TOO_MANY_REQUESTS);
    assert!(body["retry_after"].as_u64().unwrap() >= 1);
    server.stop().await;
}

async fn a_corrected_reply_replaces_the_old_one(backend: Backend) {
    let (server, clock) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let id = store(&server, CONTACT, MONDAY).await;
    let reference = reference_of(&server, &id).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let page = format!("/staff/messages/{reference}");

    // A preview shows exactly what the phone will see, and sends nothing.
    let (code, html, _) = boss
        .submit(
            &page,
            &format!("{page}/reply"),
            &[("reply", "  See you on Tuesday.  "), ("action", "preview")],
        )
        .await;
    assert_eq!(code, StatusCode::OK);
    assert!(html.contains("What they will see"));
    assert!(html.contains("<p class=\"pre\">See you on Tuesday.</p>"));
    assert!(status(&server, &id).await.1.get("reply").is_none());
    // Too long is refused, kindly.
    let (code, html) = reply(&boss, reference, &"x".repeat(501)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(html.contains("500 characters or fewer"));

    reply(&boss, reference, "See you on Tuesday.").await;
    let first = status(&server, &id).await.1;
    clock.advance(chrono::Duration::minutes(10));
    reply(&boss, reference, "Sorry, see you on Wednesday.").await;
    let second = status(&server, &id).await.1;
    assert_eq!(second["reply"], "Sorry, see you on Wednesday.");
    assert_ne!(first["reply_at"], second["reply_at"]);
    let count = server
        .state
        .db
        .row(
            "SELECT COUNT(*) FROM message_replies WHERE message_id = ?",
            vec![id.as_str().into()],
        )
        .await
        .unwrap()
        .unwrap()
        .int(0);
    assert_eq!(count, 1, "one reply, corrected");
    let (_, html, _) = boss.get(&page).await;
    assert!(html.contains("Reply corrected: Sorry, see you on Wednesday."));
    server.stop().await;
}

async fn you_said_we_did_travels_with_the_offer_and_changes_its_etag(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "lead@example.gov.uk", "Lee Lead", "participation").await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    let before = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap();
    let old_etag = before.headers()["etag"].to_str().unwrap().to_string();
    let old: serde_json::Value = before.json().await.unwrap();
    assert!(old.get("you_said_we_did").is_none(), "left out when empty");
    let entitlement = old["entitlements"][0]["id"].as_str().unwrap().to_string();

    // A PA may not publish.
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    assert_eq!(
        pa.get("/staff/you-said-we-did/new").await.0,
        StatusCode::NOT_FOUND
    );

    let lead = Staff::signed_in(&server, "lead@example.gov.uk").await;
    let about = format!("entitlement:{entitlement}");
    let (code, html, _) = lead
        .submit(
            "/staff/you-said-we-did/new",
            "/staff/you-said-we-did/new",
            &[
                ("said", ""),
                ("did", "x"),
                ("date", "soon"),
                ("about", "entitlement:nope"),
            ],
        )
        .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("Write what young people said")
            && html.contains("Choose something from the list")
    );
    let (code, _, _) = lead
        .submit(
            "/staff/you-said-we-did/new",
            "/staff/you-said-we-did/new",
            &[
                ("said", "Bus fares to the hub cost too much"),
                ("did", "We now pay bus fares to the hub"),
                ("date", "2026-11-20"),
                ("about", &about),
            ],
        )
        .await;
    assert_eq!(code, StatusCode::SEE_OTHER);

    let res = reqwest::Client::new()
        .get(format!("{}/api/offer", server.url))
        .header("if-none-match", &old_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "an old ETag no longer matches"
    );
    let new_etag = res.headers()["etag"].to_str().unwrap().to_string();
    let offer: serde_json::Value = res.json().await.unwrap();
    let entry = &offer["you_said_we_did"][0];
    assert_eq!(entry["said"], "Bus fares to the hub cost too much");
    assert_eq!(entry["date"], "2026-11-20");
    assert_eq!(entry["about"]["entitlement"], entitlement.as_str());
    // The rest of the offer is as it was, and still reads as an Offer.
    assert_eq!(offer["entitlements"], old["entitlements"]);
    let typed: offer_core::Offer = serde_json::from_value(offer.clone()).unwrap();
    assert_eq!(typed.you_said_we_did.len(), 1);
    let res = reqwest::Client::new()
        .get(format!("{}/api/offer", server.url))
        .header("if-none-match", &new_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    // Edited, then withdrawn: phones follow.
    let id = entry["id"].as_str().unwrap().to_string();
    let edit = format!("/staff/you-said-we-did/{id}");
    lead.submit(
        &edit,
        &edit,
        &[
            ("said", "Bus fares to the hub cost too much"),
            ("did", "We pay bus fares to every hub"),
            ("date", "2026-11-21"),
            ("about", &about),
        ],
    )
    .await;
    let offer: serde_json::Value = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        offer["you_said_we_did"][0]["did"],
        "We pay bus fares to every hub"
    );
    lead.submit(&edit, &format!("{edit}/withdraw"), &[]).await;
    let res = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap();
    assert_eq!(
        res.headers()["etag"].to_str().unwrap(),
        old_etag,
        "back to the content's own"
    );
    let offer: serde_json::Value = res.json().await.unwrap();
    assert!(offer.get("you_said_we_did").is_none());
    server.stop().await;
}

const SUPPORT_BACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Jay Over","phone":"07700 900999","about":"Help with a deposit","support_back":true}"#;

async fn support_back_requests_come_first_and_count_in_the_report(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let older = store(&server, SUPPORT_BACK, "2026-11-23T08:00:00Z").await;
    let newer = store(&server, FEEDBACK, "2026-11-23T09:00:00Z").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (_, html, _) = boss.get("/staff").await;
    let first = html.find("/staff/messages/").unwrap();
    let older_ref = reference_of(&server, &older).await;
    let _ = newer;
    assert!(
        html[first..].starts_with(&format!("/staff/messages/{older_ref}\"")),
        "support back first"
    );
    assert!(html.contains("Support back</strong>"));
    let page = format!("/staff/messages/{older_ref}");
    boss.submit(
        &page,
        &format!("{page}/status"),
        &[("status", "done"), ("contact_method", "phone")],
    )
    .await;
    let (code, report, _) = boss.get("/staff/reports/support-back").await;
    assert_eq!(code, StatusCode::OK);
    assert!(
        report.contains("<td>November 2026</td><td>1</td><td>1</td><td>2 hours</td>"),
        "{report}"
    );
    server.stop().await;
}

const START_GROUP: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"start-group","about":"Young parents who are care leavers","name":"Kai","email":"kai@example.org"}"#;

async fn a_start_group_message_reaches_the_participation_lead(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "lead@example.gov.uk", "Lee Lead", "participation").await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    // Through the real API, as a phone sends it.
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(START_GROUP.replace("ID", &uuid::Uuid::new_v4().to_string()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let bad = START_GROUP
        .replace("ID", &uuid::Uuid::new_v4().to_string())
        .replace("\"email\":\"kai@example.org\"", "\"email\":\"\"");
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "needs a way to reply"
    );
    let lead = Staff::signed_in(&server, "lead@example.gov.uk").await;
    let (_, html, _) = lead.get("/staff").await;
    assert!(html.contains("Kai would like to start a group: Young parents who are care leavers"));
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let (_, html, _) = pa.get("/staff").await;
    assert!(!html.contains("Kai"));
    server.stop().await;
}

async fn the_review_shows_ratings_under_their_entitlement(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "lead@example.gov.uk", "Lee Lead", "participation").await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    let offer = server.state.content.current().offer.clone();
    let entitlement = &offer.entitlements[0];
    let json = format!(
        r#"{{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":{{"entitlement":"{}"}},"rating":5,"text":"This paid for my bed"}}"#,
        entitlement.id
    );
    store(&server, &json, MONDAY).await;
    let lead = Staff::signed_in(&server, "lead@example.gov.uk").await;
    let (code, html, _) = lead.get("/staff/review").await;
    assert_eq!(code, StatusCode::OK);
    let row = html.find(&format!(
        "<td>{}</td><td>1</td><td>5.0</td>",
        entitlement.title.replace('\'', "&#39;")
    ));
    assert!(row.is_some(), "{html}");
    assert!(html.contains("This paid for my bed"));
    assert!(html.contains(&format!(
        "/staff/you-said-we-did/new?about=entitlement:{}",
        entitlement.id
    )));
    let (code, csv, _) = lead.get("/staff/review.csv").await;
    assert_eq!(code, StatusCode::OK);
    assert!(csv.contains("This paid for my bed"));
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    assert_eq!(pa.get("/staff/review").await.0, StatusCode::NOT_FOUND);
    server.stop().await;
}
