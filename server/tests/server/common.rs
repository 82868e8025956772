//! Starts the real server for a test: a free port, a fresh database, a copy of content/.
//!
//! The database is a new SQLite file, or a new PostgreSQL database made for the test on the
//! server at `TEST_POSTGRES_URL` (see `scripts/pg.sh`) and dropped when the test stops it.

/// Runs each story (an `async fn(Backend)` in the calling file) on SQLite and on PostgreSQL;
/// the PostgreSQL run needs `TEST_POSTGRES_URL` (see `Backend::postgres`).
macro_rules! on_both_databases {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    super::$story(super::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    if let Some(backend) = super::Backend::postgres() {
                        super::$story(backend).await;
                    }
                }
            )*
        }
    };
}

use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};
use std::time::Duration;

use local_offer_server::config::{Config, DatabaseUrl};
use local_offer_server::startup::Server;
use local_offer_server::state::AppState;
use sqlx::Connection;
use tokio::sync::oneshot;

/// A running server and the folders it uses; stopped when dropped.
pub struct TestServer {
    pub url: String,
    pub content_dir: PathBuf,
    pub dir: tempfile::TempDir,
    /// The server's own state, to read its database directly.
    pub state: Arc<AppState>,
    /// The PostgreSQL server and the database made for this test, to drop at the end.
    postgres: Option<(String, String)>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

/// Which database a test server keeps its messages in.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A new SQLite file in the test's folder.
    Sqlite,
    /// A new database on the PostgreSQL server at `admin_url`.
    Postgres { admin_url: String },
}

impl Backend {
    /// PostgreSQL at `TEST_POSTGRES_URL`; without it, `None` after saying the tests are
    /// skipped, or a failure when `REQUIRE_POSTGRES=1` (as `scripts/test.sh` sets).
    pub fn postgres() -> Option<Backend> {
        match std::env::var("TEST_POSTGRES_URL") {
            Ok(url) if !url.trim().is_empty() => Some(Backend::Postgres {
                admin_url: url.trim().to_string(),
            }),
            _ if std::env::var("REQUIRE_POSTGRES").as_deref() == Ok("1") => {
                panic!("REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set (try: export TEST_POSTGRES_URL=$(scripts/pg.sh start))")
            }
            _ => {
                static SAID: Once = Once::new();
                // Straight to stderr: the test harness hides `eprintln!` from passing tests.
                SAID.call_once(|| {
                    use std::io::Write;
                    let _ = writeln!(
                        std::io::stderr(),
                        "PostgreSQL tests skipped: TEST_POSTGRES_URL not set"
                    );
                });
                None
            }
        }
    }
}

/// `url` with its database name replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let host = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{host}/{database}{query}")
}

/// Makes a new, empty database for one test and returns its URL.
async fn create_postgres_database(admin_url: &str, name: &str) -> String {
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("connecting to TEST_POSTGRES_URL={admin_url}: {e}"));
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .await
        .expect("creating the test's database");
    admin.close().await.ok();
    with_database(admin_url, name)
}

async fn drop_postgres_database(admin_url: &str, name: &str) {
    if let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&mut admin)
            .await;
        admin.close().await.ok();
    }
}

/// A new, empty database of `backend` that no server has touched (an SQLite file in `dir`),
/// for tests that build an older schema first: its URL, and what [`drop_database`] drops.
pub async fn empty_database(backend: &Backend, dir: &Path) -> (String, Option<(String, String)>) {
    match backend {
        Backend::Sqlite => (
            format!("sqlite://{}", dir.join("data/empty.db").display()),
            None,
        ),
        Backend::Postgres { admin_url } => {
            let name = format!("local_offer_test_{}", uuid::Uuid::new_v4().simple());
            let url = create_postgres_database(admin_url, &name).await;
            (url, Some((admin_url.clone(), name)))
        }
    }
}

/// Drops a database made by [`empty_database`] (nothing to do for SQLite).
pub async fn drop_database(made: Option<(String, String)>) {
    if let Some((admin_url, name)) = made {
        drop_postgres_database(&admin_url, &name).await;
    }
}

/// Copies the shipped content into `to`.
/// Publishes `dir` as the offer `db` sees, as `content import --publish` does.
pub async fn publish_folder(
    db: &local_offer_server::db::CouncilDb,
    dir: &Path,
) -> anyhow::Result<String> {
    local_offer_server::offer_store::import(
        db,
        dir,
        local_offer_server::offer_store::ImportOptions {
            publish: true,
            replace_draft: true,
        },
        local_offer_server::config::ContentApproval::OnePerson,
        chrono::Utc::now(),
    )
    .await
}

pub fn copy_content(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// The council's own offer as a two-tier county's: the districts Preston and Pendle, with
/// their source, and nothing yet limited to either.
pub fn two_tier(mut offer: offer_core::Offer) -> offer_core::Offer {
    offer.council.districts = ["Preston", "Pendle"]
        .iter()
        .map(|name| offer_core::District {
            id: name.to_lowercase(),
            name: name.to_string(),
            council: format!("{name} Council"),
        })
        .collect();
    offer.council.districts_source = Some(offer_core::Link {
        title: "The district councils".into(),
        url: "https://www.example.gov.uk/districts".into(),
        published: None,
    });
    offer
}

impl TestServer {
    /// The council a server with no council added serves on every host.
    pub fn council(&self) -> Arc<local_offer_server::tenants::Council> {
        self.state.councils.all()[0].clone()
    }

    /// Starts a server on a new SQLite file, with the default settings.
    pub async fn start() -> TestServer {
        TestServer::start_with(Backend::Sqlite, |_| {}).await
    }

    /// Starts a server on a new database of `backend`, with settings changed by `configure`.
    pub async fn start_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestServer {
        TestServer::start_councils(backend, Vec::new(), configure).await
    }

    /// Starts a server serving `councils`, added as `council add` does before it starts.
    /// A council's content folder given as "TEST" is a copy of the shipped offer.
    pub async fn start_councils(
        backend: Backend,
        councils: Vec<local_offer_server::db::councils::Settings>,
        configure: impl FnOnce(&mut Config),
    ) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let content_dir = dir.path().join("content");
        copy_content(&content_dir);
        let dist_dir = dir.path().join("dist");
        std::fs::create_dir_all(&dist_dir).unwrap();
        std::fs::write(
            dist_dir.join("index.html"),
            "<!doctype html><title>app</title>",
        )
        .unwrap();
        std::fs::write(dist_dir.join("app-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
        let (database_url, postgres) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}", dir.path().join("data/test.db").display()),
                None,
            ),
            Backend::Postgres { admin_url } => {
                let name = format!("local_offer_test_{}", uuid::Uuid::new_v4().simple());
                let url = create_postgres_database(&admin_url, &name).await;
                (url, Some((admin_url, name)))
            }
        };
        if !councils.is_empty() {
            let db = local_offer_server::db::Database::connect(&database_url)
                .await
                .unwrap();
            db.migrate().await.unwrap();
            for mut council in councils {
                if council.content_dir.as_deref() == Some("TEST") {
                    council.content_dir = Some(content_dir.display().to_string());
                }
                local_offer_server::db::councils::add(&db, &council)
                    .await
                    .unwrap()
                    .unwrap();
            }
            db.close().await;
        }
        let mut config = Config {
            port: 0,
            database: DatabaseUrl { url: database_url },
            dist_dir,
            content_dir: content_dir.clone(),
            // The shipped national layer, as a deployment has it: the default path is
            // relative to where the server runs, which for tests is server/.
            national_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/national"),
            content_poll: Duration::from_millis(50),
            content_approval: local_offer_server::config::ContentApproval::OnePerson,
            ..Config::default()
        };
        configure(&mut config);
        let server = Server::build(config).await.expect("server starts");
        let url = format!("http://{}", server.local_addr());
        let state = server.state();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer {
            url,
            content_dir,
            dir,
            state,
            postgres,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Publishes the test's content folder as `content import --publish` does, on the server's
    /// database: the server then serves it within `content_poll`.
    pub async fn publish_content(&self) -> anyhow::Result<String> {
        publish_folder(&self.council().db, &self.content_dir).await
    }

    /// Writes `offer` into the test's content folder as its files and publishes it.
    pub async fn publish_offer(&self, offer: &offer_core::Offer) -> anyhow::Result<String> {
        for file in offer_core::content::export::to_files(offer) {
            std::fs::write(self.content_dir.join(&file.name), &file.text)?;
        }
        self.publish_content().await
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
        if let Some((admin_url, name)) = self.postgres.take() {
            drop_postgres_database(&admin_url, &name).await;
        }
    }

    /// Polls `check` every 50 ms for up to five seconds.
    pub async fn eventually<F, Fut>(&self, mut check: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..100 {
            if check().await {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }
}
