//! What the server needs to know to start.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

use crate::clock::Clock;

/// Settings for one running server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (tests).
    pub port: u16,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// The folder Trunk built the app into.
    pub dist_dir: PathBuf,
    /// The folder holding the offer's TOML files.
    pub content_dir: PathBuf,
    /// How often to look for edited content files.
    pub content_poll: Duration,
    /// How fast one address may send messages.
    pub message_rate: RateLimit,
    /// How fast one address may ask for messages' status and replies.
    pub status_rate: RateLimit,
    /// Where staff reach this server, e.g. `https://offer.example.gov.uk`: used for links in
    /// emails and on the command line, the `Origin` forms must come from, and, when https,
    /// `Secure` `__Host-` session cookies. `None`: `http://HOST:PORT` as asked for.
    pub public_url: Option<String>,
    /// Days after a message is marked done before it is deleted.
    pub retention_days: u32,
    /// `smtp://` or `smtps://` server for staff emails; `None` sends none.
    pub smtp_url: Option<Secret>,
    /// The team mailbox told about new contact requests.
    pub team_email: Option<String>,
    /// Who staff emails come from.
    pub mail_from: String,
    /// A staff session ends after this long without a request.
    pub staff_idle: Duration,
    /// A staff session ends this long after signing in, however busy.
    pub staff_max: Duration,
    /// Extra wait after each wrong password in a row (times the number of failures).
    pub sign_in_delay_step: Duration,
    /// Where the time comes from (tests fix it).
    pub clock: Clock,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How long a client may take to send a request's headers (also how long an idle
    /// keep-alive connection stays open).
    pub header_timeout: Duration,
    /// How long a whole request may take, body and answer included.
    pub request_timeout: Duration,
    /// The largest request head (line and headers), in bytes; more is answered 431.
    pub max_header_bytes: usize,
    /// Requests handled at once; more are answered 503 with `Retry-After`.
    pub max_in_flight: usize,
}

/// A setting that may hold a password, kept out of logs and debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Config {
    /// The address staff use to reach this server, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}:{}", self.host, self.port),
        }
    }

    /// True when staff reach the server over https (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
    }
}

/// A token bucket: `burst` requests at once, then `per_minute` spread over each minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed each minute, on average.
    pub per_minute: u32,
    /// Requests allowed back to back before the average applies.
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        // A phone coming back online with a week of messages sends them in a burst; a
        // participation group on one Wi-Fi sends several reviews and messages in a session.
        RateLimit {
            per_minute: 30,
            burst: 10,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            database_url: "sqlite://data/local-offer.db".to_string(),
            dist_dir: PathBuf::from("dist"),
            content_dir: PathBuf::from("content"),
            content_poll: Duration::from_secs(2),
            message_rate: RateLimit::default(),
            // A phone asks about each message that is not done when the app opens: a burst
            // covers a few weeks of messages, and it asks again only every few minutes.
            status_rate: RateLimit {
                per_minute: 60,
                burst: 30,
            },
            public_url: None,
            retention_days: 365,
            smtp_url: None,
            team_email: None,
            mail_from: "Local Offer <no-reply@localhost>".to_string(),
            staff_idle: Duration::from_secs(30 * 60),
            staff_max: Duration::from_secs(12 * 60 * 60),
            sign_in_delay_step: Duration::from_millis(250),
            clock: Clock::System,
            trusted_proxies: Vec::new(),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_header_bytes: 16 * 1024,
            max_in_flight: 512,
        }
    }
}
