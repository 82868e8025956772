//! Short emails to staff, through a real SMTP sink.

use super::support::*;

/// A real SMTP sink from Debian's `python3-aiosmtpd`, writing each mail to a maildir.
struct SmtpSink {
    child: std::process::Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        // Debian's own Python, where python3-aiosmtpd is installed (not a pyenv one on PATH).
        let child = std::process::Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .spawn()
            .expect("python3 -m aiosmtpd (scripts/setup.sh installs python3-aiosmtpd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpSink {
            child,
            port,
            maildir,
        }
    }

    fn mails(&self) -> Vec<String> {
        let mut mails = Vec::new();
        for folder in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir.path().join("mail").join(folder)) {
                for entry in entries.flatten() {
                    mails.push(std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        mails
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_contact_request_emails_the_team_a_link_and_nothing_personal() {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        // A Wednesday: on a Monday the weekly reminder about the offer would be a second
        // mail (it has a test of its own).
        config.clock = Clock::fixed(at("2026-11-25T10:00:00Z"));
        config.smtp_url = Some(Secret(format!("smtp://127.0.0.1:{}", sink.port)));
        config.team_email = Some("care.leavers@example.gov.uk".into());
        config.site.url = Some("https://offer.example.gov.uk".into());
    })
    .await;
    let id = uuid::Uuid::new_v4().to_string();
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(CONTACT.replace("ID", &id))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    // Feedback sends no email.
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", "application/json")
        .body(FEEDBACK.replace("ID", &uuid::Uuid::new_v4().to_string()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(
        server
            .eventually(|| async { !sink.mails().is_empty() })
            .await,
        "the mail arrived"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "one mail, for the contact request only");
    let mail = &mails[0];
    assert!(mail.contains("To: care.leavers@example.gov.uk"));
    assert!(mail.contains("A young person asked to be contacted"));
    assert!(mail.contains("https://offer.example.gov.uk/staff"));
    for personal in ["Sam", "Jones", "07700", "900123", "rent", &id] {
        assert!(!mail.contains(personal), "{personal} in {mail}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_smtp_nothing_is_sent_and_the_inbox_still_works() {
    let (server, _) = start(Backend::Sqlite, MONDAY).await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    store(&server, CONTACT, MONDAY).await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    let (status, html, _) = boss.get("/staff").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Sam Jones"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_monday_the_team_hears_how_many_items_are_due_and_nothing_else() {
    let sink = SmtpSink::start();
    // Monday 7 December 2026, 9am in the UK.
    let clock = Clock::fixed(at("2026-12-07T09:00:00Z"));
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        config.clock = clock.clone();
        config.smtp_url = Some(Secret(format!("smtp://127.0.0.1:{}", sink.port)));
        config.team_email = Some("care.leavers@example.gov.uk".into());
        config.site.url = Some("https://offer.example.gov.uk".into());
    })
    .await;
    // The server's own weekly job runs as it starts, on a Monday morning.
    assert!(
        server
            .eventually(|| async { !sink.mails().is_empty() })
            .await,
        "the mail arrived"
    );
    let offer = server.council().content.current().offer.clone();
    let cutoff = chrono::NaiveDate::from_ymd_opt(2025, 12, 7).unwrap();
    let due = offer
        .entitlements
        .iter()
        .filter(|e| e.last_checked < cutoff)
        .count()
        + offer
            .hubs
            .iter()
            .filter(|h| h.last_checked < cutoff)
            .count()
        + offer
            .contacts
            .iter()
            .filter(|c| c.last_checked < cutoff)
            .count()
        + offer
            .groups
            .iter()
            .filter(|g| g.last_checked < cutoff)
            .count()
        + usize::from(offer.council.last_reviewed < cutoff);
    assert!(due > 0, "the shipped offer has items checked long ago");
    let mail = sink.mails().remove(0);
    assert!(mail.contains(&format!(
        "{due} items in the local offer are due for a check"
    )));
    assert!(mail.contains("https://offer.example.gov.uk/staff/offer?show=due"));
    let offer = server.council().content.current().offer.clone();
    for name in offer
        .hubs
        .iter()
        .map(|h| &h.name)
        .chain(offer.entitlements.iter().map(|e| &e.title))
    {
        assert!(!mail.contains(name.as_str()), "a count, never what: {name}");
    }
    // Once a week: not again that Monday, not on Tuesday, and not before 8am.
    assert_eq!(
        local_offer_server::reminders::run_once(&server.state, &server.council())
            .await
            .unwrap(),
        None
    );
    clock.set(at("2026-12-08T09:00:00Z"));
    assert_eq!(
        local_offer_server::reminders::run_once(&server.state, &server.council())
            .await
            .unwrap(),
        None
    );
    clock.set(at("2026-12-14T07:30:00Z"));
    assert_eq!(
        local_offer_server::reminders::run_once(&server.state, &server.council())
            .await
            .unwrap(),
        None
    );
    clock.set(at("2026-12-14T08:30:00Z"));
    assert!(
        local_offer_server::reminders::run_once(&server.state, &server.council())
            .await
            .unwrap()
            .is_some()
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.mails().len(), 2, "one mail each Monday");
    server.stop().await;
}
