//! A write that touches several rows or tables is one transaction: when its last statement
//! fails (here the audit line, refused by a trigger), nothing of it is kept, on SQLite and
//! on PostgreSQL.

use super::support::*;
use local_offer_server::db::Database;

on_both_databases!(when_the_audit_line_fails_nothing_of_the_change_is_kept);

/// Makes every insert into the audit log fail, as a full disk or a broken constraint would.
async fn refuse_audit_lines(db: &Database) {
    let statements: &[&str] = match db {
        Database::Sqlite(_) => &["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'the audit log refused this line'); END"],
        Database::Postgres(_) => &[
            "CREATE FUNCTION refuse_audit() RETURNS trigger AS $body$ \
             BEGIN RAISE EXCEPTION 'the audit log refused this line'; END $body$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
        ],
    };
    for sql in statements {
        db.execute(sql, vec![]).await.unwrap();
    }
}

async fn allow_audit_lines(db: &Database) {
    let sql = match db {
        Database::Sqlite(_) => "DROP TRIGGER refuse_audit",
        Database::Postgres(_) => "DROP TRIGGER refuse_audit ON audit_log",
    };
    db.execute(sql, vec![]).await.unwrap();
}

async fn count(db: &Database, sql: &str) -> i64 {
    db.row(sql, vec![])
        .await
        .unwrap()
        .unwrap()
        .int("n")
        .unwrap()
}

async fn when_the_audit_line_fails_nothing_of_the_change_is_kept(backend: Backend) {
    let (server, clock) = start(backend, "2025-06-01T10:00:00Z").await;
    let db = &server.council().db;
    let whole = &server.state.db;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    add(&server, "pa@example.gov.uk", "Pat", "pa").await;
    let id = store(&server, CONTACT, "2025-06-01T09:00:00Z").await;
    let reference = reference_of(&server, &id).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let page = format!("/staff/messages/{reference}");
    let token = boss.token(&page).await;
    // Taken to "done" earlier, so the retention job has something to delete below.
    let (status, _, _) = boss
        .post(
            &format!("{page}/status"),
            &[
                ("csrf", &token),
                ("status", "done"),
                ("contact_method", "phone"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let audit_lines = "SELECT COUNT(*) AS n FROM audit_log";
    let events = "SELECT COUNT(*) AS n FROM message_events";
    let (lines_before, events_before) =
        (count(whole, audit_lines).await, count(whole, events).await);
    refuse_audit_lines(whole).await;

    // A status change: the status, its history line and its audit line.
    let (status, body, _) = boss
        .post(
            &format!("{page}/status"),
            &[("csrf", &token), ("status", "in-progress")],
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("Nothing was changed"));
    let item = message_store::by_reference(db, reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.status.slug(), "done", "the status is as it was");
    assert_eq!(count(whole, events).await, events_before, "no history line");

    // Removing an account: the account, its messages' assignment, its links, the audit line.
    let removed = cli::remove(db, "pa@example.gov.uk", at("2025-06-01T11:00:00Z")).await;
    assert!(removed.is_err());
    assert!(accounts::by_email(db, "pa@example.gov.uk")
        .await
        .unwrap()
        .is_some());

    // The retention job: claiming the day, the deletions and the audit line.
    clock.set(at("2026-06-02T10:00:00Z"));
    assert!(retention::run_once(&server.state, &server.council())
        .await
        .is_err());
    assert_eq!(count(whole, "SELECT COUNT(*) AS n FROM messages").await, 1);
    assert_eq!(count(whole, audit_lines).await, lines_before);

    // With the audit log working again, the day was never claimed: the job runs.
    allow_audit_lines(whole).await;
    assert_eq!(
        retention::run_once(&server.state, &server.council())
            .await
            .unwrap(),
        Some(1)
    );
    assert_eq!(count(whole, "SELECT COUNT(*) AS n FROM messages").await, 0);
    server.stop().await;
}
