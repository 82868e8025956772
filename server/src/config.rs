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
        }
    }
}
