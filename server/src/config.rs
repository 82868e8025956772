//! What the server needs to know to start. [`Config`] is also the `serve` command's flags:
//! each setting's flag, environment variable and default are written once, here, and
//! settings without a flag (times that tests shorten, the clock) are fixed in the same place.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use ipnet::IpNet;

use crate::clock::Clock;

/// Where the database is when `DATABASE_URL` is not set: an SQLite file, nothing to set up.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/local-offer.db";

/// Who staff emails come from when `MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Local Offer <no-reply@localhost>";

/// Reverse proxies believed for `X-Forwarded-For`. An alias rather than `Vec<IpNet>`, so
/// clap reads the whole comma-separated setting with [`parse_trusted`] instead of treating
/// the flag as one that repeats.
pub type ProxyList = Vec<IpNet>;

/// Settings for one running server.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (tests).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
    /// Where everything is kept.
    #[command(flatten)]
    pub database: DatabaseUrl,
    /// The folder Trunk built the app into.
    #[arg(long = "dist", env = "DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// The folder holding the offer's TOML files.
    #[arg(long = "content", env = "CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,
    /// The folder of the national entitlements every council's offer shares, imported at
    /// the first start when it exists (then kept in the database like a council's offer).
    #[arg(
        long = "national",
        env = "NATIONAL_DIR",
        default_value = "content/national"
    )]
    pub national_dir: PathBuf,
    /// How often to look for a newly published version of the offer (published on another
    /// server copy sharing the database, or with `content import --publish`).
    #[arg(skip = Duration::from_secs(2))]
    pub content_poll: Duration,
    /// Who may publish a change to the offer: `one-person` (anyone who may publish, their own
    /// changes included) or `two-person` (never the person who made the last change).
    #[arg(long, env = "CONTENT_APPROVAL", value_enum, default_value_t = ContentApproval::OnePerson)]
    pub content_approval: ContentApproval,
    /// Whether phones are offered translations no speaker has checked yet (with a note
    /// saying so): `show` or `hide`. Unset, drafts show while `PUBLIC_URL` is unset (a
    /// developer's machine) and are hidden on a real site.
    #[arg(long, env = "LANGUAGES_DRAFTS", value_enum)]
    pub languages_drafts: Option<LanguageDrafts>,
    /// How fast one address may send messages.
    #[command(flatten)]
    pub message_rate: RateLimit,
    /// How fast one address may ask for messages' status and replies. A phone asks about
    /// each message that is not done when the app opens: a burst covers a few weeks of
    /// messages, and it asks again only every few minutes.
    #[arg(skip = RateLimit { per_minute: 60, burst: 30 })]
    pub status_rate: RateLimit,
    /// Where staff reach the server.
    #[command(flatten)]
    pub site: PublicUrl,
    /// Days after a message is marked done before it is deleted.
    #[arg(long, env = "RETENTION_DAYS", default_value_t = 365)]
    pub retention_days: u32,
    /// smtp://user:password@host:587?tls=required, or unset to send no email.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,
    /// The team mailbox told about new contact requests.
    #[arg(long, env = "TEAM_EMAIL")]
    pub team_email: Option<String>,
    /// Who staff emails come from.
    #[arg(long, env = "MAIL_FROM", default_value = DEFAULT_MAIL_FROM)]
    pub mail_from: String,
    /// A staff session ends after this long without a request.
    #[arg(skip = Duration::from_secs(30 * 60))]
    pub staff_idle: Duration,
    /// A staff session ends this long after signing in, however busy.
    #[arg(skip = Duration::from_secs(12 * 60 * 60))]
    pub staff_max: Duration,
    /// Extra wait after each wrong password in a row (times the number of failures).
    #[arg(skip = Duration::from_millis(250))]
    pub sign_in_delay_step: Duration,
    /// Where the time comes from (tests fix it).
    #[arg(skip)]
    pub clock: Clock,
    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For
    /// or Forwarded header is believed, for rate limits and the audit log.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", value_parser = parse_trusted)]
    pub trusted_proxies: ProxyList,
    /// How long a client may take to send a request's headers (also how long an idle
    /// keep-alive connection stays open).
    #[arg(skip = Duration::from_secs(10))]
    pub header_timeout: Duration,
    /// How long a whole request may take, body and answer included.
    #[arg(skip = Duration::from_secs(30))]
    pub request_timeout: Duration,
    /// The largest request head (line and headers), in bytes; more is answered 431.
    #[arg(skip = 16 * 1024_usize)]
    pub max_header_bytes: usize,
    /// Requests handled at once; more are answered 503 with `Retry-After`.
    #[arg(skip = 512_usize)]
    pub max_in_flight: usize,
}

/// Whether publishing the offer needs a second person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ContentApproval {
    /// Whoever may publish may publish their own changes.
    OnePerson,
    /// The person who made the last change cannot publish it.
    TwoPerson,
}

/// Whether draft translations are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LanguageDrafts {
    Show,
    Hide,
}

/// The database setting, shared by `serve`, `staff` and `backup`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct DatabaseUrl {
    /// sqlite://path or postgres://user@host/db.
    #[arg(
        id = "database_url",
        long = "database-url",
        env = "DATABASE_URL",
        default_value = DEFAULT_DATABASE_URL
    )]
    pub url: String,
}

/// Where staff reach the server, shared by `serve` and `staff` (which prints links).
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct PublicUrl {
    /// Where staff reach the server, e.g. https://offer.example.gov.uk: links in emails and
    /// printed links, the Origin forms must come from, and Secure `__Host-` cookies when
    /// https. Unset: http://HOST:PORT.
    #[arg(id = "public_url", long = "public-url", env = "PUBLIC_URL")]
    pub url: Option<String>,
}

/// A setting that may hold a password, kept out of logs and debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Secret, Self::Err> {
        Ok(Secret(text.to_string()))
    }
}

impl Config {
    /// The address staff use to reach this server, without a trailing slash: `PUBLIC_URL`,
    /// or `http://HOST:PORT`.
    pub fn base_url(&self) -> String {
        match &self.site.url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}:{}", self.host, self.port),
        }
    }

    /// True when phones are offered draft translations (see `languages_drafts`).
    pub fn shows_draft_languages(&self) -> bool {
        match self.languages_drafts {
            Some(choice) => choice == LanguageDrafts::Show,
            None => self.site.url.is_none(),
        }
    }

    /// True when staff reach the server over https (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.site
            .url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
    }
}

/// A token bucket: `burst` requests at once, then `per_minute` spread over each minute. As
/// flags, the message limit's (`serve --messages-per-minute --messages-burst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct RateLimit {
    /// Messages one address may send each minute, on average (0: no limit).
    #[arg(
        long = "messages-per-minute",
        env = "MESSAGES_PER_MINUTE",
        default_value_t = 30
    )]
    pub per_minute: u32,
    /// Messages one address may send back to back (0: no limit).
    #[arg(long = "messages-burst", env = "MESSAGES_BURST", default_value_t = 10)]
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        // A phone coming back online with a week of messages sends them in a burst; a
        // participation group on one Wi-Fi sends several reviews and messages in a session.
        defaults().message_rate
    }
}

/// Every setting at its default, read from the flags' own defaults (never from the
/// environment), so a default is written once.
fn defaults() -> Config {
    #[derive(clap::Parser)]
    struct Defaults {
        #[command(flatten)]
        config: Config,
    }
    // clap reads the environment for settings that name a variable; a default must not
    // depend on the environment the tests or a command happen to run in.
    let command = <Defaults as clap::CommandFactory>::command().mut_args(|a| a.env(None::<&str>));
    let matches = command.get_matches_from(["local-offer-server"]);
    <Defaults as clap::FromArgMatches>::from_arg_matches(&matches)
        .expect("the defaults always parse")
        .config
}

impl Default for Config {
    fn default() -> Self {
        defaults()
    }
}

/// Reads `TRUSTED_PROXIES`: addresses or CIDR ranges, separated by commas or spaces.
pub fn parse_trusted(text: &str) -> Result<ProxyList, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| {
            IpNet::from_str(p)
                .or_else(|_| IpAddr::from_str(p).map(IpNet::from))
                .map_err(|_| {
                    format!(
                        "\"{p}\" in TRUSTED_PROXIES is not an address or a range like 10.0.0.0/8"
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_flags_defaults_whatever_the_environment() {
        let config = Config::default();
        assert_eq!(config.port, 8080);
        assert_eq!(config.database.url, DEFAULT_DATABASE_URL);
        assert_eq!(config.mail_from, DEFAULT_MAIL_FROM);
        assert_eq!(
            config.message_rate,
            RateLimit {
                per_minute: 30,
                burst: 10
            }
        );
        assert_eq!(
            config.status_rate,
            RateLimit {
                per_minute: 60,
                burst: 30
            }
        );
        assert_eq!(config.staff_idle, Duration::from_secs(1800));
        assert!(config.trusted_proxies.is_empty() && config.site.url.is_none());
        assert_eq!(config.base_url(), "http://127.0.0.1:8080");
    }
}
