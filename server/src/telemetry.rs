//! Structured logs for the server.

use std::io::IsTerminal;

use tracing_subscriber::{fmt, EnvFilter};

/// Log to stderr as `key=value` lines; `RUST_LOG` overrides the default level.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    // Tests may call this more than once; only the first call installs the subscriber.
    let _ = fmt()
        .with_env_filter(filter)
        .with_target(false)
        // Colour codes only help a person at a terminal; log files and CI get plain text.
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}
