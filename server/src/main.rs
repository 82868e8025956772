//! `local-offer-server`: serve the app, manage staff accounts, back up the database, or
//! check the content folder. Every flag is declared once, on `Config` and its parts.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use local_offer_server::config::{Config, ContentApproval, DatabaseUrl, PublicUrl};
use local_offer_server::content::run_check;
use local_offer_server::council_cli::{self, CouncilCommand};
use local_offer_server::db::{backup, Database};
use local_offer_server::offer_store;
use local_offer_server::staff::cli::{self, StaffCommand};
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
        #[command(flatten)]
        config: Box<Config>,
    },
    /// Write a consistent copy of the SQLite database to FILE, while the server runs.
    Backup {
        /// A new file to write the copy to.
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseUrl,
    },
    /// Manage the councils this server serves, each on its own host names.
    Council {
        #[command(flatten)]
        database: DatabaseUrl,
        #[command(subcommand)]
        command: CouncilCommand,
    },
    /// Manage staff accounts: add, list, remove, or send a new password link.
    Staff {
        #[command(flatten)]
        database: DatabaseUrl,
        #[command(flatten)]
        site: PublicUrl,
        /// The council (its slug): needed once councils have been added.
        #[arg(long, global = true)]
        council: Option<String>,
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Write the published offer to a folder, or make a folder the draft (or publish it).
    Content {
        #[command(flatten)]
        database: DatabaseUrl,
        /// The council (its slug): needed once councils have been added; `national` for
        /// the national entitlements every council shares.
        #[arg(long, global = true)]
        council: Option<String>,
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// Check a content folder and list every problem and warning, without serving.
    Check {
        /// The folder to check.
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// Fail on warnings too (stale dates, untrusted sources, long sentences, jargon).
        #[arg(long)]
        strict: bool,
        /// The national layer's folder, to say what phones get with it.
        #[arg(long = "national", default_value = "content/national")]
        national: PathBuf,
    },
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Write the published offer into DIR as the content files, in the format of content/.
    Export {
        /// The folder to write (made if missing; its content files are replaced).
        dir: PathBuf,
    },
    /// Check DIR as `check` does and make it the draft officers see in the staff side.
    Import {
        /// The folder to read.
        dir: PathBuf,
        /// Publish it at once (refused when CONTENT_APPROVAL is two-person).
        #[arg(long)]
        publish: bool,
        /// Replace unpublished changes made in the staff side.
        #[arg(long)]
        replace_draft: bool,
        /// Who may publish (see `serve --help`).
        #[arg(long, env = "CONTENT_APPROVAL", value_enum, default_value_t = ContentApproval::OnePerson)]
        content_approval: ContentApproval,
    },
}

/// Runs `work` on a new runtime and prints what it says, or its error after `what`.
fn run(what: &str, work: impl std::future::Future<Output = anyhow::Result<String>>) -> ExitCode {
    let runtime = tokio::runtime::Runtime::new().expect("starting the async runtime");
    match runtime.block_on(work) {
        Ok(text) => {
            if !text.is_empty() {
                println!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("local-offer-server{what}: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Backup { file, database } => run(" backup", async move {
            let db = Database::connect(&database.url).await?;
            let bytes = backup::backup(&db, &file).await;
            db.close().await;
            Ok(format!(
                "Backed up to {} ({} bytes).",
                file.display(),
                bytes?
            ))
        }),
        Command::Council { database, command } => run(" council", async move {
            let db = cli::open(&database.url).await?;
            let said = council_cli::run(&db, command).await;
            db.close().await;
            said
        }),
        Command::Staff {
            database,
            site,
            council,
            command,
        } => {
            // Links printed for staff use the council's address: its PUBLIC_URL or host, or
            // before any council was added the server's PUBLIC_URL or the address `serve`
            // listens on.
            let config = Config {
                site,
                ..Config::default()
            };
            run(" staff", async move {
                let db = cli::open(&database.url).await?;
                let said = async {
                    let council = council_cli::chosen(&db, council.as_deref()).await?;
                    let base_url = council_cli::base_url(&db, &council, &config).await?;
                    let now = local_offer_server::clock::Clock::System.now();
                    cli::run(&council, command, &base_url, now).await
                }
                .await;
                db.close().await;
                said
            })
        }
        Command::Content {
            database,
            council,
            command,
        } => run(" content", async move {
            let whole = cli::open(&database.url).await?;
            let db = match council_cli::chosen_offer(&whole, council.as_deref()).await {
                Ok(db) => db,
                Err(error) => {
                    whole.close().await;
                    return Err(error);
                }
            };
            let now = local_offer_server::clock::Clock::System.now();
            let said = match command {
                ContentCommand::Export { dir } => offer_store::export(&db, &dir).await,
                ContentCommand::Import {
                    dir,
                    publish,
                    replace_draft,
                    content_approval,
                } => {
                    let options = offer_store::ImportOptions {
                        publish,
                        replace_draft,
                    };
                    offer_store::import(&db, &dir, options, content_approval, now).await
                }
            };
            whole.close().await;
            said
        }),
        Command::Check {
            dir,
            strict,
            national,
        } => {
            let outcome = run_check(&dir, chrono::Local::now().date_naive(), strict);
            if outcome.passed {
                print!("{}", outcome.report);
                if let Some(summary) =
                    local_offer_server::content::national_summary(&dir, &national)
                {
                    print!("{summary}");
                }
                ExitCode::SUCCESS
            } else {
                eprint!("{}", outcome.report);
                ExitCode::FAILURE
            }
        }
        Command::Serve { config } => {
            telemetry::init();
            run("", async move {
                let server = Server::build(*config).await.inspect_err(|error| {
                    tracing::error!("{error:#}");
                })?;
                server.run(shutdown_signal()).await?;
                Ok(String::new())
            })
        }
    }
}
