//! What the server needs to know to start.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

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
        }
    }
}
