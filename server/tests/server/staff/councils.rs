//! Two councils on one server, each on its own host name: each host serves its own offer,
//! page and install manifest, an unknown host gets a page that names no council, and
//! nothing of one council reaches the other, for phones and for staff, on SQLite and on
//! PostgreSQL.

use std::net::SocketAddr;

use local_offer_server::db::councils::Settings;
use serde_json::Value;

use super::support::*;

on_both_databases!(
    each_host_serves_its_own_council_and_an_unknown_host_none,
    staff_and_phones_of_one_council_reach_nothing_of_the_other,
    the_national_layer_is_kept_once_hidden_per_council_and_edited_for_all,
    the_deployment_s_own_host_lists_its_councils_searchable_without_javascript,
    no_role_of_one_council_reaches_the_other_s_rows_on_any_page,
);

const CHESHIRE: &str = "cheshire-east.localhost";
const LANCASHIRE: &str = "lancashire.localhost";

fn councils() -> Vec<Settings> {
    let lancashire = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/lancashire");
    vec![
        Settings {
            slug: "cheshire-east".into(),
            name: "Cheshire East Council".into(),
            hosts: vec![CHESHIRE.into()],
            content_dir: Some("TEST".into()),
            ..Settings::default()
        },
        Settings {
            slug: "lancashire".into(),
            name: "Lancashire County Council".into(),
            short_name: Some("Lancashire".into()),
            accent: Some("#6a1b4d".into()),
            hosts: vec![LANCASHIRE.into()],
            content_dir: Some(lancashire.display().to_string()),
            ..Settings::default()
        },
    ]
}

async fn start_two(backend: Backend) -> TestServer {
    let server = TestServer::start_councils(backend, councils(), |config| {
        config.message_rate = RateLimit {
            per_minute: 0,
            burst: 0,
        };
        config.sign_in_delay_step = Duration::from_millis(1);
    })
    .await;
    // The built page and manifest, as the build makes them.
    let dist = &server.state.config.dist_dir;
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html><head><meta name=\"theme-color\" content=\"#14466e\">\
         <style>:root{--brand:#14466e}</style></head><body><span class=\"brand-council\"><!--council-name--></span></body></html>",
    )
    .unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/manifest.webmanifest"),
        dist.join("manifest.webmanifest"),
    )
    .unwrap();
    server
}

fn addr(server: &TestServer) -> SocketAddr {
    server.url.trim_start_matches("http://").parse().unwrap()
}

/// A browser on `host`: its own cookies, its own origin.
fn browser(server: &TestServer, host: &str) -> Staff {
    let addr = addr(server);
    let origin = format!("http://{host}:{}", addr.port());
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_str(&origin).unwrap());
    Staff {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .resolve(host, addr)
            .build()
            .unwrap(),
        base: origin,
    }
}

async fn offer_on(server: &TestServer, host: &str) -> Value {
    let (status, body, _) = browser(server, host).get("/api/offer").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn ids(offer: &Value) -> Vec<String> {
    offer["entitlements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

async fn each_host_serves_its_own_council_and_an_unknown_host_none(backend: Backend) {
    let server = start_two(backend).await;
    let cheshire = offer_on(&server, CHESHIRE).await;
    let lancashire = offer_on(&server, LANCASHIRE).await;
    assert_eq!(cheshire["council"]["name"], "Cheshire East Council");
    assert_eq!(lancashire["council"]["name"], "Lancashire County Council");
    assert!(ids(&lancashire).contains(&"birthday-payments".to_string()));
    assert!(!ids(&cheshire).contains(&"birthday-payments".to_string()));
    assert_ne!(cheshire["version"], lancashire["version"]);

    for (host, name, colour) in [
        (CHESHIRE, "Cheshire East Council", "#14466e"),
        (LANCASHIRE, "Lancashire County Council", "#6a1b4d"),
    ] {
        let page = browser(&server, host);
        let (status, html, headers) = page.get("/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(&format!("<span class=\"brand-council\">{name}</span>")),
            "{html}"
        );
        assert!(html.contains(&format!("content=\"{colour}\"")), "{html}");
        // The council's colour is the last word on --brand, after the app's stylesheet.
        if colour != "#14466e" {
            let ours = html
                .rfind(&format!("--brand:{colour}"))
                .expect("the colour rule");
            assert!(ours > html.find("--brand:#14466e").unwrap(), "{html}");
        }
        // The page's own style (the council's colour) is allowed by its policy.
        let policy = headers["content-security-policy"].to_str().unwrap();
        let styles = local_offer_server::security::inline_style_hashes(&html);
        assert!(
            styles.iter().all(|h| policy.contains(h.as_str())),
            "{policy}"
        );
        let (status, manifest, _) = page.get("/manifest.webmanifest").await;
        assert_eq!(status, StatusCode::OK);
        let manifest: Value = serde_json::from_str(&manifest).unwrap();
        assert_eq!(manifest["name"], format!("{name} Local Offer"));
        assert_eq!(manifest["theme_color"], colour);
    }

    // The deployment's health answers on any host, naming no council.
    let (status, body, _) = browser(&server, "elsewhere.localhost")
        .get("/api/health")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for path in ["/", "/api/offer", "/staff/sign-in", "/manifest.webmanifest"] {
        let (status, body, _) = browser(&server, "elsewhere.localhost").get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("There is no local offer at this address"));
        for name in ["Cheshire", "Lancashire", "Council"] {
            assert!(!body.contains(name), "{path} names {name}");
        }
    }
    server.stop().await;
}

async fn send(server: &TestServer, host: &str, text: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let body = format!(
        r#"{{"id":"{id}","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"{text}"}}"#
    );
    let res = browser(server, host)
        .client
        .post(format!(
            "http://{host}:{}/api/messages",
            addr(server).port()
        ))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    id
}

async fn manager(server: &TestServer, slug: &str, email: &str) -> i64 {
    let council = server.state.councils.by_slug(slug).unwrap();
    add_in(server, &council.db, email, "Mo Manager", "manager").await
}

async fn staff_and_phones_of_one_council_reach_nothing_of_the_other(backend: Backend) {
    let server = start_two(backend).await;
    let in_cheshire = send(&server, CHESHIRE, "Rent in Crewe").await;
    let in_lancashire = send(&server, LANCASHIRE, "Rent in Preston").await;

    // A phone asks about its message on its own council's host only.
    let phone = browser(&server, LANCASHIRE);
    let (status, _, _) = phone.get(&format!("/api/messages/{in_lancashire}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = phone.get(&format!("/api/messages/{in_cheshire}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The same id sent again to the other council is not taken as its own.
    let res = phone
        .client
        .post(format!("{}/api/messages", phone.base))
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"id":"{in_cheshire}","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"Rent in Crewe"}}"#
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // The same email may be a manager at both councils: two accounts.
    manager(&server, "cheshire-east", "mo@example.gov.uk").await;
    manager(&server, "lancashire", "mo@example.gov.uk").await;
    manager(&server, "cheshire-east", "only-cheshire@example.gov.uk").await;
    let lancashire = browser(&server, LANCASHIRE);
    let (status, body, _) = lancashire.sign_in("mo@example.gov.uk", PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");

    let (_, inbox, _) = lancashire.get("/staff").await;
    assert!(inbox.contains("Rent in Preston"), "{inbox}");
    assert!(!inbox.contains("Rent in Crewe"));
    let (_, csv, _) = lancashire.get("/staff/export.csv").await;
    assert!(csv.contains("Rent in Preston"));
    assert!(!csv.contains("Rent in Crewe"));
    // Each council numbers its own messages from 1: Lancashire's 1 is its own, and there
    // is no 2 (Cheshire East's message is not Lancashire's to open).
    let (status, page, _) = lancashire.get("/staff/messages/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Rent in Preston"));
    let (status, _, _) = lancashire.get("/staff/messages/2").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, accounts, _) = lancashire.get("/staff/accounts").await;
    assert!(
        !accounts.contains("only-cheshire@example.gov.uk"),
        "{accounts}"
    );
    let (_, audit, _) = lancashire.get("/staff/audit").await;
    assert!(!audit.contains("only-cheshire@example.gov.uk"), "{audit}");
    // Cheshire East's other manager is no account on Lancashire's host (the attempt is
    // Lancashire's to see in its own audit log, as any failed sign-in on its host is).
    let stranger = browser(&server, LANCASHIRE);
    let (status, _, _) = stranger
        .sign_in("only-cheshire@example.gov.uk", PASSWORD)
        .await;
    assert_ne!(status, StatusCode::SEE_OTHER);

    // Lancashire's session cookie is no session on Cheshire East's host.
    let session = lancashire_cookie(&lancashire).await;
    let res = reqwest::Client::builder()
        .redirect(Policy::none())
        .resolve(CHESHIRE, addr(&server))
        .build()
        .unwrap()
        .get(format!("http://{CHESHIRE}:{}/staff", addr(&server).port()))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert!(res.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/staff/sign-in"));
    // And it still works where it was made.
    let (status, _, _) = lancashire.get("/staff").await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

/// The `cookie` header Lancashire's browser sends to its host.
async fn lancashire_cookie(browser: &Staff) -> String {
    // The client's cookie store is private; the session cookie is the one set at sign-in,
    // which a fresh sign-in on a client without a store shows.
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .resolve(LANCASHIRE, browser_addr(browser))
        .build()
        .unwrap();
    let page = client
        .get(format!("{}/staff/sign-in", browser.base))
        .send()
        .await
        .unwrap();
    let mut cookie = cookie_of(page.headers());
    let html = page.text().await.unwrap();
    let token = csrf_in(&html).unwrap();
    let res = client
        .post(format!("{}/staff/sign-in", browser.base))
        .header("origin", &browser.base)
        .header("cookie", &cookie)
        .form(&[
            ("csrf", token.as_str()),
            ("email", "mo@example.gov.uk"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let renewed = cookie_of(res.headers());
    if !renewed.is_empty() {
        cookie = renewed;
    }
    cookie
}

fn cookie_of(headers: &HeaderMap) -> String {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

fn browser_addr(browser: &Staff) -> SocketAddr {
    let port: u16 = browser.base.rsplit(':').next().unwrap().parse().unwrap();
    SocketAddr::from(([127, 0, 0, 1], port))
}

/// A copy of the national layer the test may change.
fn national_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/national");
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn entitlement<'a>(offer: &'a Value, id: &str) -> Option<&'a Value> {
    offer["entitlements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
}

async fn the_national_layer_is_kept_once_hidden_per_council_and_edited_for_all(backend: Backend) {
    let national = national_copy();
    let national_dir = national.path().to_path_buf();
    let server = TestServer::start_councils(backend, councils(), |config| {
        config.national_dir = national_dir.clone();
        // Cheshire East does not offer Care to Learn in this test.
        let offer = config.content_dir.join("offer.toml");
        let text = std::fs::read_to_string(&offer).unwrap();
        std::fs::write(
            &offer,
            format!("{text}\n[national]\nhide = [\"care-to-learn\"]\n"),
        )
        .unwrap();
    })
    .await;
    let cheshire = offer_on(&server, CHESHIRE).await;
    let lancashire = offer_on(&server, LANCASHIRE).await;
    // Kept once, shown in both, marked national.
    for offer in [&cheshire, &lancashire] {
        let item = entitlement(offer, "universal-credit").expect("a national item in each offer");
        assert_eq!(item["national"], true);
    }
    // Hidden in Cheshire East only.
    assert!(entitlement(&cheshire, "care-to-learn").is_none());
    assert!(entitlement(&lancashire, "care-to-learn").is_some());
    // Lancashire's own words on the national bursary, with their own source.
    let bursary = entitlement(&lancashire, "bursary-16-19").unwrap();
    assert!(bursary["local"]["text"]
        .as_str()
        .unwrap()
        .contains("Lancashire"));
    assert!(bursary["local"]["source"]["url"]
        .as_str()
        .unwrap()
        .contains("lancashire.gov.uk"));
    assert!(entitlement(&cheshire, "bursary-16-19").unwrap()["local"].is_null());

    // A change to a national item, published once, reaches both councils' phones.
    let before = [cheshire["version"].clone(), lancashire["version"].clone()];
    let file = national.path().join("entitlements.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "title = \"Help to claim Universal Credit\"",
            "title = \"Help to claim Universal Credit (changed)\"",
            1,
        ),
    )
    .unwrap();
    let (national_db, _) = server.state.councils.national().unwrap();
    crate::common::publish_folder(national_db, national.path())
        .await
        .unwrap();
    let mut after = (cheshire.clone(), lancashire.clone());
    for _ in 0..100 {
        after = (
            offer_on(&server, CHESHIRE).await,
            offer_on(&server, LANCASHIRE).await,
        );
        if after.0["version"] != before[0] && after.1["version"] != before[1] {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for offer in [&after.0, &after.1] {
        let title = entitlement(offer, "universal-credit").unwrap()["title"]
            .as_str()
            .unwrap();
        assert!(title.contains("(changed)"), "{title}");
    }
    assert_ne!(after.0["version"], before[0]);
    assert_ne!(after.1["version"], before[1]);
    // Still hidden where it was hidden.
    assert!(entitlement(&after.0, "care-to-learn").is_none());
    server.stop().await;
}

async fn the_deployment_s_own_host_lists_its_councils_searchable_without_javascript(
    backend: Backend,
) {
    let server = TestServer::start_councils(backend, councils(), |config| {
        config.site.url = Some("http://offer.localhost".into());
    })
    .await;
    let door = browser(&server, "offer.localhost");
    let (status, page, _) = door.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Find your council's local offer</h1>"));
    assert!(page.contains("<label for=\"q\">Council name</label>"));
    assert!(!page.contains("<script"), "works without JavaScript");
    // Links are the councils' own hosts behind the deployment's proxy: its scheme and port.
    for (name, host) in [
        ("Cheshire East Council", CHESHIRE),
        ("Lancashire County Council", LANCASHIRE),
    ] {
        assert!(
            page.contains(&format!("<a href=\"http://{host}/\">{name}</a>")),
            "{page}"
        );
    }
    let (_, found, _) = door.get("/?q=lanc").await;
    assert!(found.contains("Lancashire County Council"));
    assert!(!found.contains("Cheshire East Council"));
    assert!(found.contains("value=\"lanc\""));
    let (_, none, _) = door.get("/?q=%3Cb%3Ezzz").await;
    assert!(none.contains("No council matches that name"));
    assert!(none.contains("value=\"&lt;b&gt;zzz\""), "{none}");
    // Nothing else of a council is served on the front door's host.
    let (status, _, _) = door.get("/api/offer").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = door.get("/api/health").await;
    assert_eq!(status, StatusCode::OK);
    server.stop().await;
}

/// Every page a signed-in member of staff can open (each role sees those its permissions
/// allow, and is refused the rest).
const PAGES: &[&str] = &[
    "/staff",
    "/staff/export.csv",
    "/staff/messages/1",
    "/staff/messages/2",
    "/staff/accounts",
    "/staff/audit",
    "/staff/languages",
    "/staff/offer",
    "/staff/offer/changes",
    "/staff/offer/history",
    "/staff/offer/history/1",
    "/staff/offer/preview",
    "/staff/reports/support-back",
    "/staff/review",
    "/staff/review.csv",
    "/staff/you-said-we-did",
];

async fn no_role_of_one_council_reaches_the_other_s_rows_on_any_page(backend: Backend) {
    let server = start_two(backend).await;
    send(&server, CHESHIRE, "Rent in Crewe").await;
    // A "21 or over and want help again?" request, for the support-back report.
    let res = browser(&server, CHESHIRE)
        .client
        .post(format!("http://{CHESHIRE}:{}/api/messages", addr(&server).port()))
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"id":"{}","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Jay","phone":"07700 900999","about":"Help again in Nantwich","support_back":true}}"#,
            uuid::Uuid::new_v4()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    send(&server, LANCASHIRE, "Rent in Preston").await;
    let cheshire_account = manager(&server, "cheshire-east", "only-cheshire@example.gov.uk").await;
    let lancashire = server.state.councils.by_slug("lancashire").unwrap();
    for role in ["manager", "pa", "participation", "editor"] {
        let email = format!("{role}@lancashire.example.gov.uk");
        add_in(&server, &lancashire.db, &email, "Lancashire staff", role).await;
        let staff = browser(&server, LANCASHIRE);
        let (status, body, _) = staff.sign_in(&email, PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{role}: {body}");
        let account_page = format!("/staff/accounts/{cheshire_account}");
        for page in PAGES.iter().copied().chain([account_page.as_str()]) {
            let (status, body, _) = staff.get(page).await;
            for other in [
                "Rent in Crewe",
                "Help again in Nantwich",
                "only-cheshire@example.gov.uk",
            ] {
                assert!(
                    !body.contains(other),
                    "{role} on {page} ({status}) sees Cheshire East's {other:?}"
                );
            }
        }
        // Cheshire East's account is not Lancashire's to open, even for its manager.
        let (status, _, _) = staff.get(&account_page).await;
        assert_ne!(
            status,
            StatusCode::OK,
            "{role} opened another council's account"
        );
    }
    server.stop().await;
}
