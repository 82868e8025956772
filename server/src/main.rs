//! `local-offer-server`: serve the app, or check the content folder.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use local_offer_server::config::{Config, RateLimit, Secret};
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
        #[command(flatten)]
        staff: StaffSettings,
    },
    /// Write a consistent copy of the SQLite database to FILE, while the server runs.
    Backup {
        /// A new file to write the copy to.
        file: PathBuf,
        /// sqlite://path (for PostgreSQL, use pg_dump).
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "sqlite://data/local-offer.db"
        )]
        database_url: String,
    },
    /// Manage staff accounts: add, list, remove, or send a new password link.
    Staff {
        /// sqlite://path or postgres://user@host/db.
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "sqlite://data/local-offer.db"
        )]
        database_url: String,
        /// Where staff reach the server, for the links this prints.
        #[arg(long, env = "PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
        #[command(subcommand)]
        command: StaffCommand,
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

/// Settings for the staff side of `serve`.
#[derive(clap::Args)]
struct StaffSettings {
    /// Where staff reach the server, e.g. https://offer.example.gov.uk (links in emails, the
    /// Origin forms must come from, and Secure cookies when https).
    #[arg(long, env = "PUBLIC_URL")]
    public_url: Option<String>,
    /// Days after a message is marked done before it is deleted.
    #[arg(long, env = "RETENTION_DAYS", default_value_t = 365)]
    retention_days: u32,
    /// smtp://user:password@host:587?tls=required, or unset to send no email.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The team mailbox told about new contact requests.
    #[arg(long, env = "TEAM_EMAIL")]
    team_email: Option<String>,
    /// Who staff emails come from.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Local Offer <no-reply@localhost>"
    )]
    mail_from: String,
    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For or
    /// Forwarded header is believed, for rate limits and the audit log.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "")]
    trusted_proxies: String,
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add an account and print a one-time link to set its password (valid 24 hours).
    Add {
        /// Their work email address.
        email: String,
        /// Their name.
        #[arg(long)]
        name: String,
        /// manager, pa or participation.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of printing a link (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List every account.
    List,
    /// Remove an account: it cannot sign in again and its sessions end.
    Remove {
        /// The account's email.
        email: String,
    },
    /// End every session of an account and print a new one-time password link.
    Reset {
        /// The account's email.
        email: String,
    },
}

fn run_staff(database_url: &str, public_url: &str, command: StaffCommand) -> ExitCode {
    use local_offer_server::staff::cli;
    let runtime = tokio::runtime::Runtime::new().expect("starting the async runtime");
    let outcome = runtime.block_on(async {
        let db = cli::open(database_url).await?;
        let said = match command {
            StaffCommand::Add {
                email,
                name,
                role,
                password_stdin,
            } => {
                let password = if password_stdin {
                    Some(cli::password_from_stdin()?)
                } else {
                    None
                };
                cli::add(
                    &db,
                    &email,
                    &name,
                    &role,
                    password,
                    public_url,
                    chrono::Utc::now(),
                )
                .await
            }
            StaffCommand::List => cli::list(&db).await,
            StaffCommand::Remove { email } => cli::remove(&db, &email, chrono::Utc::now()).await,
            StaffCommand::Reset { email } => {
                cli::reset(&db, &email, public_url, chrono::Utc::now()).await
            }
        };
        db.close().await;
        said
    });
    match outcome {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("local-offer-server staff: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Backup { file, database_url } => {
            let runtime = tokio::runtime::Runtime::new().expect("starting the async runtime");
            let outcome = runtime.block_on(async {
                let db = local_offer_server::db::Database::connect(&database_url).await?;
                let bytes = local_offer_server::backup::backup(&db, &file).await;
                db.close().await;
                bytes
            });
            match outcome {
                Ok(bytes) => {
                    println!("Backed up to {} ({bytes} bytes).", file.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("local-offer-server backup: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Staff {
            database_url,
            public_url,
            command,
        } => run_staff(&database_url, &public_url, command),
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
            staff,
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
                public_url: staff.public_url,
                retention_days: staff.retention_days,
                smtp_url: staff.smtp_url.map(Secret),
                team_email: staff.team_email,
                mail_from: staff.mail_from,
                trusted_proxies: match local_offer_server::client_address::parse_trusted(
                    &staff.trusted_proxies,
                ) {
                    Ok(list) => list,
                    Err(problem) => {
                        eprintln!("local-offer-server: {problem}");
                        return ExitCode::FAILURE;
                    }
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
