//! Deleting done messages after the retention period.

use super::support::*;

on_both_databases!(retention_deletes_exactly_the_done_messages_past_their_time_once_a_day,);

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
    let deleted = retention::run_once(&server.state, &server.council())
        .await
        .unwrap();
    assert_eq!(deleted, Some(1));
    let left: Vec<String> = server
        .state
        .db
        .rows("SELECT id FROM messages ORDER BY id", vec![])
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("id").unwrap())
        .collect();
    let mut expected = vec![recent_done.clone(), old_open.clone()];
    expected.sort();
    assert_eq!(left, expected);
    let history = server
        .state
        .db
        .row(
            "SELECT COUNT(*) AS n FROM message_events WHERE message_id = ?",
            vec![old_done.as_str().into()],
        )
        .await
        .unwrap()
        .unwrap()
        .int("n")
        .unwrap();
    assert_eq!(history, 0, "its history goes too");
    // A second copy of the server on the same day does nothing.
    assert_eq!(
        retention::run_once(&server.state, &server.council())
            .await
            .unwrap(),
        None
    );
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
    assert_eq!(detail.text("actor_email").unwrap(), "system");
    assert_eq!(
        detail.text("detail").unwrap(),
        "deleted 1 messages done more than 365 days ago"
    );
    server.stop().await;
}
