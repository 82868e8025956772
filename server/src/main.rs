//! `local-offer-server`: serve the app, or check the content folder.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use local_offer_server::config::{Config, RateLimit};
use local_offer_server::content_store::run_check;
use local_offer_server::startup::{shutdown_signal, Server};
use local_offer_server::telemetry;

#[derive(Parser)]
#[command(
    name = "local-offer-server",
    version,
    about = "Serves the Local Offer app, its content and its messages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app, the offer and the API.
    Serve {
        /// Port to listen on.
        #[arg(long, env = "PORT", default_value_t = 8080)]
        port: u16,
        /// Address to listen on.
        #[arg(long, env = "HOST", default_value = "127.0.0.1")]
        host: IpAddr,
        /// sqlite://path or postgres://user@host/db.
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "sqlite://data/local-offer.db"
        )]
        database_url: String,
        /// The folder Trunk built the app into.
        #[arg(long, env = "DIST_DIR", default_value = "dist")]
        dist: PathBuf,
        /// The folder holding the offer's TOML files.
        #[arg(long, env = "CONTENT_DIR", default_value = "content")]
        content: PathBuf,
        /// Messages one address may send each minute, on average (0: no limit).
        #[arg(long, env = "MESSAGES_PER_MINUTE", default_value_t = RateLimit::default().per_minute)]
        messages_per_minute: u32,
        /// Messages one address may send back to back (0: no limit).
        #[arg(long, env = "MESSAGES_BURST", default_value_t = RateLimit::default().burst)]
        messages_burst: u32,
    },
    /// Check a content folder and list every problem and warning, without serving.
    Check {
        /// The folder to check.
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// Fail on warnings too (stale dates, untrusted sources, long sentences, jargon).
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { dir, strict } => {
            let outcome = run_check(&dir, chrono::Local::now().date_naive(), strict);
            if outcome.passed {
                print!("{}", outcome.report);
                ExitCode::SUCCESS
            } else {
                eprint!("{}", outcome.report);
                ExitCode::FAILURE
            }
        }
        Command::Serve {
            port,
            host,
            database_url,
            dist,
            content,
            messages_per_minute,
            messages_burst,
        } => {
            telemetry::init();
            let config = Config {
                host,
                port,
                database_url,
                dist_dir: dist,
                content_dir: content,
                message_rate: RateLimit {
                    per_minute: messages_per_minute,
                    burst: messages_burst,
                },
                ..Config::default()
            };
            let runtime = tokio::runtime::Runtime::new().expect("starting the async runtime");
            match runtime.block_on(async {
                let server = Server::build(config).await?;
                server.run(shutdown_signal()).await
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    tracing::error!("{error:#}");
                    eprintln!("local-offer-server: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
