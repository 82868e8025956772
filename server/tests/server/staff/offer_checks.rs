//! The list the officers who keep the offer true work from: every item with the day it was
//! last checked, the ones due for a check (more than 12 months), and their warnings.

use super::support::*;

on_both_databases!(a_manager_sees_what_in_the_offer_is_due_for_a_check);

async fn a_manager_sees_what_in_the_offer_is_due_for_a_check(backend: Backend) {
    let (server, _clock) = start(backend, "2026-12-06T10:00:00Z").await;
    add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;
    // The list is of the council's own items: the national ones are checked once, for all.
    let offer = server.council().content.own();
    let cutoff = chrono::NaiveDate::from_ymd_opt(2025, 12, 6).unwrap();
    let due: Vec<&str> = offer
        .entitlements
        .iter()
        .filter(|e| e.last_checked < cutoff)
        .map(|e| e.title.as_str())
        .chain(
            offer
                .hubs
                .iter()
                .filter(|h| h.last_checked < cutoff)
                .map(|h| h.name.as_str()),
        )
        .chain(
            offer
                .contacts
                .iter()
                .filter(|c| c.last_checked < cutoff)
                .map(|c| c.name.as_str()),
        )
        .chain(
            offer
                .groups
                .iter()
                .filter(|g| g.last_checked < cutoff)
                .map(|g| g.name.as_str()),
        )
        .collect();
    assert!(
        !due.is_empty(),
        "the shipped offer has items checked long ago"
    );
    let fresh = offer
        .entitlements
        .iter()
        .find(|e| e.last_checked >= cutoff)
        .expect("and items checked this year");

    let (status, all, _) = boss.get("/staff/offer").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all.contains(&html_escape(&fresh.title)));
    let (status, only_due, _) = boss.get("/staff/offer?show=due").await;
    assert_eq!(status, StatusCode::OK);
    for title in &due {
        assert!(only_due.contains(&html_escape(title)), "{title} is due");
    }
    assert!(
        !only_due.contains(&format!(">{}</a>", html_escape(&fresh.title))),
        "{} was checked this year",
        fresh.title
    );
    let total = 1
        + offer.categories.len()
        + offer.entitlements.len()
        + offer.hubs.len()
        + offer.contacts.len()
        + offer.groups.len();
    let council_due = usize::from(offer.council.last_reviewed < cutoff);
    assert!(
        all.contains(&format!(
            "{} of {total} items are due for a check",
            due.len() + council_due
        )),
        "the count"
    );
    server.stop().await;
}

/// Text as askama writes it into a page.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}
