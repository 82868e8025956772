//! The app's translations: which languages phones are offered, a speaker's check as one
//! staff action, and a message written in Pashto reaching staff marked so, its words kept
//! byte for byte through the inbox and the export.

use super::support::*;

on_both_databases!(
    drafts_are_offered_only_where_shown_and_a_check_makes_a_language_reviewed,
    a_message_written_in_pashto_reaches_staff_marked_so_with_its_words_exact,
    a_link_in_a_language_is_drawn_in_it_only_where_the_council_offers_it,
);

const PASHTO: &str = r#"{"code":"ps","name":"پښتو","english_name":"Pashto","dir":"rtl","status":"draft","messages":{"message.entitlement_not_found":"دا مرسته نوره په وړاندیز کې نشته."}}"#;
const ARABIC: &str = r#"{"code":"ar","name":"العربية","english_name":"Arabic","dir":"rtl","status":"draft","messages":{"app.nav_offer":"العرض"}}"#;
/// A file that does not match English (a key English lacks) is never offered.
const BROKEN: &str = r#"{"code":"ti","name":"ትግርኛ","english_name":"Tigrinya","dir":"ltr","status":"draft","messages":{"no.such.key":"x"}}"#;

async fn start_with_languages(
    backend: Backend,
    drafts: Option<local_offer_server::config::LanguageDrafts>,
) -> TestServer {
    TestServer::start_with(backend, |config| {
        config.clock = Clock::fixed(at(MONDAY));
        config.message_rate = RateLimit {
            per_minute: 0,
            burst: 0,
        };
        config.sign_in_delay_step = std::time::Duration::from_millis(1);
        config.languages_drafts = drafts;
        let lang = config.dist_dir.join("lang");
        std::fs::create_dir_all(&lang).unwrap();
        std::fs::write(lang.join("ps.json"), PASHTO).unwrap();
        std::fs::write(lang.join("ar.json"), ARABIC).unwrap();
        std::fs::write(lang.join("ti.json"), BROKEN).unwrap();
        // The app's own page, so the server draws pages into it.
        std::fs::write(
            config.dist_dir.join("index.html"),
            include_str!("../../../../index.html"),
        )
        .unwrap();
    })
    .await
}

async fn offered(server: &TestServer) -> Vec<serde_json::Value> {
    let res = reqwest::get(format!("{}/api/languages", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    res.json().await.unwrap()
}

fn codes(list: &[serde_json::Value]) -> Vec<&str> {
    list.iter().map(|l| l["code"].as_str().unwrap()).collect()
}

async fn drafts_are_offered_only_where_shown_and_a_check_makes_a_language_reviewed(
    backend: Backend,
) {
    use local_offer_server::config::LanguageDrafts;
    // A developer's machine (no PUBLIC_URL) shows drafts, each marked as a draft.
    let server = start_with_languages(backend.clone(), None).await;
    let list = offered(&server).await;
    assert_eq!(codes(&list), ["ar", "ps"], "the broken file is left out");
    assert_eq!(list[1]["name"], "پښتو");
    assert_eq!(list[1]["english_name"], "Pashto");
    assert_eq!(list[1]["dir"], "rtl");
    assert_eq!(list[1]["status"], "draft");
    server.stop().await;

    // A council that hides drafts offers none until a speaker has checked one.
    let server = start_with_languages(backend, Some(LanguageDrafts::Hide)).await;
    assert!(offered(&server).await.is_empty());
    add(&server, "ed@example.gov.uk", "Eddie Editor", "editor").await;
    add(&server, "pa@example.gov.uk", "Pat Adviser", "pa").await;

    // A PA may not record a check; an editor may, in one action.
    let pa = Staff::signed_in(&server, "pa@example.gov.uk").await;
    let (status, _, _) = pa.get("/staff/languages").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = pa
        .submit("/staff/sign-in", "/staff/languages/ps/checked", &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A PA may send the app in the languages phones are offered: none yet, drafts hidden.
    let (status, page, _) = pa.get("/staff/language-links").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("English only until someone who reads a language has checked"),
        "{page}"
    );
    let editor = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let (status, page, _) = editor.get("/staff/languages").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Pashto") && page.contains("پښتو"), "{page}");
    assert!(page.contains("Not checked yet"));
    assert!(page.contains("1 of "), "how much is translated: {page}");
    // And how much of the offer's own words, counted in the draft, with a way to the rest.
    let (done, all) =
        offer_core::content::translate::coverage(&server.council().content.own(), "ps");
    assert!(
        done > 0 && done < all,
        "the shipped drafts: {done} of {all}"
    );
    assert!(
        page.contains(&format!("{done} of {all} items up to date")),
        "{page}"
    );
    assert!(page.contains("href=\"/staff/offer?show=translating\""));
    let (status, _, headers) = editor
        .submit("/staff/languages", "/staff/languages/ps/checked", &[])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/languages?checked=ps");
    let (_, page, _) = editor.get("/staff/languages?checked=ps").await;
    assert!(
        page.contains("Checked by ed@example.gov.uk on 23 November 2026"),
        "{page}"
    );
    assert!(page.contains("Pashto is marked as checked"));

    let list = offered(&server).await;
    assert_eq!(codes(&list), ["ps"], "Arabic is still a draft");
    assert_eq!(list[0]["status"], "reviewed");
    assert_eq!(list[0]["reviewed_by"], "ed@example.gov.uk");
    assert_eq!(list[0]["reviewed_on"], "2026-11-23");

    // Now the PA has a link to text that opens the app in Pashto; Arabic, still a draft,
    // is not offered here. An editor keeps the offer and does not write to young people.
    let (_, page, _) = pa.get("/staff/language-links").await;
    assert!(
        page.contains(&format!(
            "<code>{}<wbr><span class=\"link-end\">/?lang=ps</span></code>",
            server.url
        )),
        "{page}"
    );
    assert!(page.contains("پښتو") && !page.contains("lang=ar"), "{page}");
    assert!(
        page.contains("<span class=\"link-end\">/contacts?lang=ps</span>"),
        "any page opens in a language: {page}"
    );
    let (status, _, _) = editor.get("/staff/language-links").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A language this build has no file for cannot be checked.
    let (status, _, _) = editor
        .submit("/staff/languages", "/staff/languages/xx/checked", &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The check is in the audit log.
    let rows = server
        .state
        .db
        .rows(
            "SELECT actor_email, target FROM audit_log WHERE action = 'translation checked'",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text("target").unwrap(), "language ps");
    server.stop().await;
}

async fn a_message_written_in_pashto_reaches_staff_marked_so_with_its_words_exact(
    backend: Backend,
) {
    let server = start_with_languages(backend, None).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let words = "مننه! د کور مرسته ډېره ښه وه، خو زه لا هم پوښتنې لرم.";
    let id = uuid::Uuid::new_v4().to_string();
    let body = serde_json::json!({
        "id": id, "created_at": "2026-11-23T09:00:00Z", "language": "ps",
        "kind": "feedback", "about": "app", "text": words,
    });
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);

    // A language code that is not one is refused kindly, naming the field.
    let mut odd = body.clone();
    odd["id"] = uuid::Uuid::new_v4().to_string().into();
    odd["language"] = "<b>".into();
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .json(&odd)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(answer["errors"][0]["field"], "language", "{answer}");

    // About an item the offer no longer has (it changed while the phone was offline): the
    // reason comes back in Pashto, and in English for a language the server has no file for.
    for (language, expected) in [("ps", "دا مرسته نوره په وړاندیز کې نشته."), ("ar", "")]
    {
        let gone = serde_json::json!({
            "id": uuid::Uuid::new_v4().to_string(), "created_at": "2026-11-23T09:00:00Z",
            "language": language, "kind": "feedback",
            "about": {"entitlement": "no-such-thing"}, "text": words,
        });
        let res = reqwest::Client::new()
            .post(format!("{}/api/messages", server.url))
            .json(&gone)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let answer: serde_json::Value = res.json().await.unwrap();
        let said = answer["errors"][0]["message"].as_str().unwrap().to_string();
        if expected.is_empty() {
            assert_eq!(
                said,
                offer_core::i18n::Words::built_in().text("message.entitlement_not_found", &[]),
                "English where the language has no words for it"
            );
        } else {
            assert_eq!(said, expected, "{answer}");
        }
    }

    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (_, inbox, _) = boss.get("/staff").await;
    assert!(inbox.contains("Written in Pashto"), "{inbox}");
    let reference = reference_of(&server, &id).await;
    let (_, page, _) = boss.get(&format!("/staff/messages/{reference}")).await;
    assert!(
        page.contains("<dt>Written in</dt><dd>Pashto</dd>"),
        "{page}"
    );
    assert!(page.contains(words), "the words exactly as written");
    assert!(page.contains("dir=\"auto\""), "shown in its own direction");

    let res = boss
        .client
        .get(format!("{}/staff/export.csv", server.url))
        .send()
        .await
        .unwrap();
    let bytes = res.bytes().await.unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let cell = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(cell("Written in"), "Pashto");
    assert!(
        cell("Message").contains(words),
        "byte for byte: {}",
        cell("Message")
    );
    assert!(
        bytes.windows(words.len()).any(|w| w == words.as_bytes()),
        "the file's bytes hold the words' UTF-8 exactly"
    );
    server.stop().await;
}

/// The page at `path` as a phone with no service worker gets it.
async fn page(server: &TestServer, path: &str) -> (StatusCode, String) {
    let res = reqwest::get(format!("{}{path}", server.url)).await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn a_link_in_a_language_is_drawn_in_it_only_where_the_council_offers_it(backend: Backend) {
    use local_offer_server::config::LanguageDrafts;
    const IN_ARABIC: &str = "<html lang=\"ar\" dir=\"rtl\">";
    const IN_ENGLISH: &str = "<html lang=\"en-GB\">";
    // The mark of a page drawn into the shell (its first script names it too).
    const DRAWN: &str = "<meta name=\"local-offer-drawn\"";
    // A developer's machine shows drafts: the link's page in Arabic, with the draft note.
    let server = start_with_languages(backend.clone(), None).await;
    let (status, home) = page(&server, "/?lang=ar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(IN_ARABIC), "{home}");
    assert!(home.contains("content=\"/?lang=ar\" data-lang=\"ar\""));
    assert!(home.contains("data-key=\"app.nav_offer\">العرض<"));
    assert!(home.contains("<p class=\"draft-note\" role=\"note\">"));
    // English for English; not drawn at all for a language not offered (the app decides).
    let (_, english) = page(&server, "/?lang=en").await;
    assert!(english.contains(IN_ENGLISH) && english.contains(DRAWN));
    assert!(!english.contains("data-lang="));
    for path in ["/?lang=ti", "/?lang=xx", "/?lang=%3Cb%3E"] {
        let (status, html) = page(&server, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(IN_ENGLISH), "{path}");
        assert!(!html.contains(DRAWN), "{path}");
    }
    // An item not in the offer is "Page not found" in any language, and says so as 404.
    let (status, missing) = page(&server, "/offer/no-such-item?lang=ar").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains(IN_ARABIC));
    server.stop().await;

    // A council that hides drafts leaves the link's page to the app (which shows English)
    // until a speaker has checked the language; then draws it in Arabic, with no draft note.
    let server = start_with_languages(backend, Some(LanguageDrafts::Hide)).await;
    let (_, home) = page(&server, "/?lang=ar").await;
    assert!(home.contains(IN_ENGLISH) && !home.contains(DRAWN), "{home}");
    add(&server, "ed@example.gov.uk", "Eddie Editor", "editor").await;
    let editor = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let (status, _, _) = editor
        .submit("/staff/languages", "/staff/languages/ar/checked", &[])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, home) = page(&server, "/?lang=ar").await;
    assert!(home.contains(IN_ARABIC), "{home}");
    assert!(!home.contains("draft-note"));
    server.stop().await;
}
