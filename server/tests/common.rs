//! Starts the real server for a test: a free port, a fresh SQLite file, a copy of content/.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use local_offer_server::config::Config;
use local_offer_server::startup::Server;
use tokio::sync::oneshot;

/// A running server and the folders it uses; stopped when dropped.
pub struct TestServer {
    pub url: String,
    pub content_dir: PathBuf,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

/// Copies the shipped content into `to`.
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

impl TestServer {
    /// Starts a server on SQLite (or on `TEST_DATABASE_URL` when `postgres` is asked for).
    pub async fn start() -> TestServer {
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
        let config = Config {
            port: 0,
            database_url: format!("sqlite://{}", dir.path().join("data/test.db").display()),
            dist_dir,
            content_dir: content_dir.clone(),
            content_poll: Duration::from_millis(50),
            ..Config::default()
        };
        let server = Server::build(config).await.expect("server starts");
        let url = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer {
            url,
            content_dir,
            dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
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
