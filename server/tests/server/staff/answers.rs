//! What flows back to young people: status, replies, "You said, we did", the review.

use super::support::*;

on_both_databases!(
    the_phone_learns_status_and_reply_only,
    an_unknown_or_deleted_id_is_404_and_asking_too_often_is_429,
    a_corrected_reply_replaces_the_old_one,
    you_said_we_did_travels_with_the_offer_and_changes_its_etag,
    the_review_shows_ratings_under_their_entitlement,
);

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
    retention::run_once(&server.state, &server.council())
        .await
        .unwrap();

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
    // In the direction of its own words: a reply may be in the young person's language.
    assert!(html.contains("<p class=\"pre\" dir=\"auto\">See you on Tuesday.</p>"));
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
            "SELECT COUNT(*) AS n FROM message_replies WHERE message_id = ?",
            vec![id.as_str().into()],
        )
        .await
        .unwrap()
        .unwrap()
        .int("n")
        .unwrap();
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

async fn the_review_shows_ratings_under_their_entitlement(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    add(&server, "lead@example.gov.uk", "Lee Lead", "participation").await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;
    let offer = server.council().content.current().offer.clone();
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
