//! Hard to break: security headers everywhere, slow and greedy clients, proxies, backups.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::{Backend, TestServer};
use local_offer_server::config::RateLimit;
use reqwest::StatusCode;

const INDEX: &str = "<!doctype html><html lang=\"en-GB\"><head><title>app</title>\
<script type=\"module\">import init from '/app.js'; await init();</script></head><body></body></html>";

fn feedback() -> String {
    serde_json::json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "created_at": "2026-06-03T13:05:00.123Z",
        "kind": "feedback",
        "about": "app",
        "text": "Fine",
    })
    .to_string()
}

fn host_port(server: &TestServer) -> String {
    server.url.trim_start_matches("http://").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_response_carries_the_security_headers() {
    let server = TestServer::start().await;
    std::fs::write(server.dir.path().join("dist/index.html"), INDEX).unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for path in [
        "/",
        "/offer/some-page",
        "/api/offer",
        "/api/health",
        "/staff/sign-in",
        "/staff",
        "/api/nothing",
    ] {
        let res = client
            .get(format!("{}{path}", server.url))
            .send()
            .await
            .unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        for part in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self';",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(part), "{path}: {part} missing from {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        let expected = if path.starts_with("/staff") {
            "same-origin"
        } else {
            "no-referrer"
        };
        assert_eq!(h["referrer-policy"], expected, "{path}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
        let permissions = h["permissions-policy"].to_str().unwrap();
        assert!(permissions.contains("geolocation=(self)") && permissions.contains("camera=()"));
        assert!(
            h.get("strict-transport-security").is_none(),
            "not over http"
        );
    }
    // The app's page allows exactly its own inline loader, by hash.
    let res = client.get(format!("{}/", server.url)).send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(
        b"import init from '/app.js'; await init();",
    ));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn over_https_browsers_are_told_to_stay_on_https() {
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.site.url = Some("https://offer.example.gov.uk".into());
    })
    .await;
    let res = reqwest::get(format!("{}/api/health", server.url))
        .await
        .unwrap();
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn slow_clients_are_dropped_and_never_hold_up_a_normal_request() {
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.header_timeout = Duration::from_secs(2);
    })
    .await;
    let address = host_port(&server);
    // 400 clients that send a request line and then trickle headers.
    let mut slow: Vec<TcpStream> = (0..400)
        .map(|_| {
            let mut s = TcpStream::connect(&address).unwrap();
            s.write_all(b"GET /api/offer HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            s
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    for s in slow.iter_mut() {
        let _ = s.write_all(b"X-Slow: 1\r\n");
    }
    let started = Instant::now();
    let res = reqwest::get(format!("{}/api/health", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "a normal request is answered at once, took {:?}",
        started.elapsed()
    );
    // After the header time limit every slow client has been dropped.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut dropped = 0;
    for s in slow.iter_mut() {
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut buf = [0u8; 512];
        match s.read(&mut buf) {
            Ok(0) => dropped += 1,
            Ok(_) => dropped += 1, // an error answer, then closed
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => dropped += 1,
            Err(_) => {}
        }
    }
    assert_eq!(dropped, 400, "every slow client was dropped");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_idle_keep_alive_connection_is_closed() {
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.header_timeout = Duration::from_secs(1);
    })
    .await;
    let mut s = TcpStream::connect(host_port(&server)).unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut buf = vec![0u8; 4096];
    let n = s.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let started = Instant::now();
    let n = s.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "closed, not answered");
    assert!(started.elapsed() < Duration::from_millis(2500));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_70_kb_header_gets_431() {
    let server = TestServer::start().await;
    let mut s = TcpStream::connect(host_port(&server)).unwrap();
    let big = "a".repeat(70 * 1024);
    let request = format!("GET /api/offer HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\n\r\n");
    let _ = s.write_all(request.as_bytes());
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = vec![0u8; 1024];
    let n = s.read(&mut buf).unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_body_over_the_limit_on_any_route_is_refused() {
    let server = TestServer::start().await;
    let big = "x".repeat(70 * 1024);
    let res = reqwest::Client::new()
        .post(format!("{}/staff/sign-in", server.url))
        .header("origin", &server.url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={big}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    server.stop().await;
}

async fn post_from(server: &TestServer, forwarded_for: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .header("x-forwarded-for", forwarded_for)
        .body(feedback())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn behind_a_trusted_proxy_the_forwarded_address_is_rate_limited() {
    let one_at_a_time = RateLimit {
        per_minute: 1,
        burst: 1,
    };
    let behind = TestServer::start_with(Backend::Sqlite, |config| {
        config.message_rate = one_at_a_time;
        config.trusted_proxies = local_offer_server::config::parse_trusted("127.0.0.1").unwrap();
    })
    .await;
    assert_eq!(post_from(&behind, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(
        post_from(&behind, "203.0.113.2").await,
        StatusCode::CREATED,
        "another phone"
    );
    assert_eq!(
        post_from(&behind, "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the same phone again"
    );
    behind.stop().await;

    // From a peer we do not trust, the header is ignored: it cannot dodge the limit.
    let direct = TestServer::start_with(Backend::Sqlite, |config| {
        config.message_rate = one_at_a_time;
    })
    .await;
    assert_eq!(post_from(&direct, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(
        post_from(&direct, "203.0.113.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    direct.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn too_many_requests_in_flight_get_503_with_retry_after() {
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.max_in_flight = 1;
    })
    .await;
    // One request is in flight while its body trickles in.
    let mut held = TcpStream::connect(host_port(&server)).unwrap();
    held.write_all(
        b"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let res = reqwest::get(format!("{}/api/health", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "5");
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let res = reqwest::get(format!("{}/api/health", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "free again");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_serving_restores_every_message() {
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.message_rate = RateLimit {
            per_minute: 0,
            burst: 0,
        };
    })
    .await;
    let mut ids = Vec::new();
    for _ in 0..25 {
        let body = feedback();
        ids.push(
            serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
        let res = reqwest::Client::new()
            .post(format!("{}/api/messages", server.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let file = server.dir.path().join("backup.db");
    let bytes = local_offer_server::db::backup::backup(&server.state.db, &file)
        .await
        .unwrap();
    assert!(bytes > 0);
    // Never over an older backup.
    assert!(
        local_offer_server::db::backup::backup(&server.state.db, &file)
            .await
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    // Restore: open the copy as the database of a new server.
    let restored = TestServer::start_with(Backend::Sqlite, |config| {
        config.database.url = format!("sqlite://{}", file.display());
    })
    .await;
    let mut found: Vec<String> = restored
        .state
        .db
        .rows("SELECT id FROM messages", vec![])
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("id").unwrap())
        .collect();
    found.sort();
    ids.sort();
    assert_eq!(found, ids);
    restored.stop().await;
    server.stop().await;
}
