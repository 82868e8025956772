//! Signing in and out: sessions, lockout, one-time links, CSRF and Origin, no caching.

use super::support::*;

on_both_databases!(
    every_staff_page_without_a_session_sends_you_to_sign_in_and_csv_answers_401,
    a_form_without_its_token_or_from_another_site_is_refused_and_changes_nothing,
    ten_wrong_passwords_lock_the_email_with_the_same_answer_whether_or_not_it_exists,
    a_session_ends_after_30_quiet_minutes_12_hours_signing_out_or_a_reset,
    a_one_time_link_sets_a_password_once_and_stops_working_after_24_hours,
    staff_pages_are_never_cached,
);

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
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sign-in failed'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap()
        .int("n")
        .unwrap();
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
    let said = cli::reset(&server.council().db, "pa@example.gov.uk", &server.url, now)
        .await
        .unwrap();
    assert!(said.contains("/staff/set-password?token="));
    assert_eq!(first.get("/staff").await.0, StatusCode::SEE_OTHER);
    assert_eq!(second.get("/staff").await.0, StatusCode::SEE_OTHER);
    server.stop().await;
}

async fn a_one_time_link_sets_a_password_once_and_stops_working_after_24_hours(backend: Backend) {
    let (server, clock) = start(backend, MONDAY).await;
    let said = cli::add(
        &server.council().db,
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
    // The council's own area with numbers added, from its offer: easy to guess.
    let (_, html, _) = staff
        .submit(
            &path,
            "/staff/set-password",
            &[
                ("token", &token),
                ("password", "Cheshire-East-2026!"),
                ("confirm", "Cheshire-East-2026!"),
            ],
        )
        .await;
    assert!(html.contains("the council&#39;s name"), "{html:.3000}");
    let refused = cli::add(
        &server.council().db,
        "other.person@example.gov.uk",
        "Oli Other",
        "pa",
        Some("cheshireeast123456".to_string()),
        &server.url,
        clock.now(),
    )
    .await
    .unwrap_err();
    assert!(
        refused.to_string().contains("the council's name"),
        "{refused}"
    );
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
        &server.council().db,
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
