//! The inbox and a message's page: who sees what, overdue, export, support back.

use super::support::*;

on_both_databases!(
    a_participation_lead_gets_404_for_a_contact_request_its_row_its_export_and_its_count,
    a_csv_cell_starting_with_equals_comes_out_neutralised,
    contact_requests_are_overdue_after_two_working_days_across_a_weekend_and_a_bank_holiday,
    a_pa_takes_a_contact_request_and_marks_it_done_with_how_contact_was_made,
    support_back_requests_come_first_and_count_in_the_report,
    a_start_group_message_reaches_the_participation_lead,
);

const SUPPORT_BACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Jay Over","phone":"07700 900999","about":"Help with a deposit","support_back":true}"#;

const START_GROUP: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"start-group","about":"Young parents who are care leavers","name":"Kai","email":"kai@example.org"}"#;

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
        .text("detail")
        .unwrap();
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
