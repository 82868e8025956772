//! What the staff tests share: a server with a test clock, accounts with a password,
//! messages stored as the API stores them, and a browser-like client.

pub use std::time::Duration;

pub use crate::common::{Backend, TestServer};
pub use chrono::{DateTime, Utc};
pub use local_offer_server::clock::Clock;
pub use local_offer_server::config::{RateLimit, Secret};
pub use local_offer_server::db::{accounts, messages as message_store};
pub use local_offer_server::retention;
pub use local_offer_server::staff::cli;
pub use offer_core::message::Message;
pub use reqwest::header::{HeaderMap, HeaderValue, CACHE_CONTROL, LOCATION};
pub use reqwest::redirect::Policy;
pub use reqwest::StatusCode;

pub const PASSWORD: &str = "correct horse battery staple";
/// Monday 23 November 2026, 10am GMT.
pub const MONDAY: &str = "2026-11-23T10:00:00Z";

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A server with a test clock, no message rate limit and no sign-in delays.
pub async fn start(backend: Backend, now: &str) -> (TestServer, Clock) {
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
pub async fn add(server: &TestServer, email: &str, name: &str, role: &str) -> i64 {
    add_in(server, &server.council().db, email, name, role).await
}

/// Adds an account with a password to the council `db` sees; its id.
pub async fn add_in(
    server: &TestServer,
    db: &local_offer_server::db::CouncilDb,
    email: &str,
    name: &str,
    role: &str,
) -> i64 {
    cli::add(
        db,
        email,
        name,
        role,
        Some(PASSWORD.to_string()),
        &server.url,
        server.state.config.clock.now(),
    )
    .await
    .unwrap();
    accounts::by_email(db, email).await.unwrap().unwrap().id
}

/// A message as a phone sends it, stored as the API stores it, arriving at `received`.
pub async fn store(server: &TestServer, json: &str, received: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let message = Message::from_json(&json.replace("ID", &id)).unwrap();
    message_store::save(&server.council().db, &message, at(received))
        .await
        .unwrap();
    id
}

pub const CONTACT: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam Jones","phone":"07700 900123","about":"Help with rent"}"#;
pub const FEEDBACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","rating":4,"text":"The bus times helped"}"#;
pub const FORMULA: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","text":"=HYPERLINK(\"http://evil.example\",\"click\")"}"#;

/// A browser-like client: keeps cookies, does not follow redirects, sends `Origin`.
pub struct Staff {
    pub client: reqwest::Client,
    pub base: String,
}

impl Staff {
    pub fn new(server: &TestServer) -> Staff {
        Staff::with_origin(server, &server.url)
    }

    pub fn with_origin(server: &TestServer, origin: &str) -> Staff {
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

    pub async fn get(&self, path: &str) -> (StatusCode, String, HeaderMap) {
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

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String, HeaderMap) {
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
    pub async fn token(&self, path: &str) -> String {
        let (status, html, headers) = self.get(path).await;
        csrf_in(&html).unwrap_or_else(|| {
            panic!(
                "no CSRF token on {path} ({status}, {:?}): {html}",
                headers.get(LOCATION)
            )
        })
    }

    /// Posts a form with the token of the page at `page`.
    pub async fn submit(
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

    pub async fn sign_in(&self, email: &str, password: &str) -> (StatusCode, String, HeaderMap) {
        self.submit(
            "/staff/sign-in",
            "/staff/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn signed_in(server: &TestServer, email: &str) -> Staff {
        let staff = Staff::new(server);
        let (status, body, headers) = staff.sign_in(email, PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        // The inbox for roles that read messages, the offer's check list for editors.
        let home = headers[LOCATION].to_str().unwrap();
        assert!(home == "/staff" || home == "/staff/offer", "{home}");
        staff
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(html[start..].split('"').next()?.to_string())
}

pub fn location(headers: &HeaderMap) -> String {
    headers
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

pub async fn reference_of(server: &TestServer, message_id: &str) -> i64 {
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
        .int("ref")
        .unwrap()
}
