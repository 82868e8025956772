//! A young person's messages on their way, one story at a time.

use chrono::FixedOffset;

use super::*;
use crate::message::tests::{at, feedback, ID};
use crate::message::too_large;

const TAB: &str = "tab-a";
const OTHER_TAB: &str = "tab-b";
const SECOND_ID: &str = "7d444840-9dc0-41af-9a5e-1c4b7bb2d2e1";
const NEW_ID: &str = "c3a1f2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b";

fn outbox_with(ids: &[&str]) -> Outbox {
    let mut outbox = Outbox::new();
    for id in ids {
        assert!(outbox.push(feedback(id, "The bus pass form is confusing")));
    }
    outbox
}

fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

fn state(outbox: &Outbox, id: &str) -> Delivery {
    outbox.get(id).unwrap().state.clone()
}

fn uk_summer() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

#[test]
fn a_message_written_with_no_signal_waits_then_goes_once_signal_is_back() {
    let mut outbox = outbox_with(&[ID]);
    let now = at(13, 5);
    assert_eq!(
        outbox.get(ID).unwrap().describe(&uk_summer()),
        "Waiting for signal"
    );
    assert_eq!(outbox.due(now), vec![ID]);
    assert!(outbox.claim(ID, TAB, now));
    assert_eq!(outbox.get(ID).unwrap().describe(&uk_summer()), "Sending");
    outbox.record(ID, TAB, Outcome::Network, now, 0.5);
    assert_eq!(
        outbox.get(ID).unwrap().describe(&uk_summer()),
        "Waiting for signal"
    );
    assert!(outbox.due(now).is_empty(), "it waits before trying again");
    assert_eq!(outbox.next_wake(now), Some(now + secs(5)));

    // The `online` event comes before the timer: try at once.
    outbox.online_again(now + secs(2));
    assert_eq!(outbox.due(now + secs(2)), vec![ID]);
    assert!(outbox.claim(ID, TAB, now + secs(2)));
    outbox.record(ID, TAB, Outcome::Stored, now + secs(3), 0.5);
    assert_eq!(
        outbox.get(ID).unwrap().describe(&uk_summer()),
        "Sent on Wed 3 June, 14:05"
    );
    assert_eq!(outbox.next_wake(now), None, "nothing left to wake for");
    assert_eq!(outbox.waiting(), 0);
}

#[test]
fn a_lost_answer_is_retried_and_the_repeat_counts_as_sent() {
    let mut outbox = outbox_with(&[ID]);
    let now = at(9, 0);
    assert!(outbox.claim(ID, TAB, now));
    // The server stored it, but the answer never came back.
    outbox.record(ID, TAB, Outcome::Network, now, 0.0);
    let later = outbox.next_wake(now).unwrap();
    assert!(outbox.claim(ID, TAB, later));
    outbox.record(ID, TAB, Outcome::Repeat, later, 0.0);
    assert_eq!(state(&outbox, ID), Delivery::Sent { at: later });
    assert_eq!(outbox.get(ID).unwrap().attempts, 2);
}

#[test]
fn retries_back_off_from_5_seconds_to_15_minutes_with_jitter() {
    assert_eq!(backoff(1, 0.5), Duration::from_secs(5));
    assert_eq!(backoff(2, 0.5), Duration::from_secs(10));
    assert_eq!(backoff(3, 0.5), Duration::from_secs(20));
    assert_eq!(backoff(9, 0.5), Duration::from_secs(15 * 60));
    assert_eq!(backoff(u32::MAX, 0.5), Duration::from_secs(15 * 60));
    assert_eq!(backoff(1, 0.0), Duration::from_millis(3750));
    assert_eq!(backoff(1, 1.0), Duration::from_millis(6250));
    assert_eq!(backoff(1, f64::NAN), Duration::from_secs(5));
    assert_eq!(backoff(1, 7.0), Duration::from_millis(6250));
}

#[test]
fn a_server_error_waits_longer_each_time() {
    let mut outbox = outbox_with(&[ID]);
    let mut now = at(10, 0);
    let mut waits = Vec::new();
    for _ in 0..4 {
        assert!(outbox.claim(ID, TAB, now));
        outbox.record(ID, TAB, Outcome::ServerError(503), now, 0.5);
        let next = outbox.next_wake(now).unwrap();
        waits.push((next - now).num_seconds());
        now = next;
    }
    assert_eq!(waits, vec![5, 10, 20, 40]);
    let entry = outbox.get(ID).unwrap();
    assert_eq!(entry.describe(&uk_summer()), "Waiting to send");
    assert_eq!(
        entry.last_error.as_deref(),
        Some("The service had a problem (503).")
    );
}

#[test]
fn too_many_messages_at_once_waits_as_long_as_the_server_asks_for_all_of_them() {
    let mut outbox = outbox_with(&[ID, SECOND_ID]);
    let now = at(11, 0);
    assert!(outbox.claim(ID, TAB, now));
    let rate_limited = Outcome::from_status(429, "{}", Some("30"));
    assert_eq!(
        rate_limited,
        Outcome::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    outbox.record(ID, TAB, rate_limited, now, 0.0);
    assert!(
        outbox.due(now + secs(29)).is_empty(),
        "the second waits too"
    );
    assert_eq!(outbox.due(now + secs(30)), vec![ID, SECOND_ID]);
}

#[test]
fn a_second_tab_does_not_send_a_message_the_first_is_sending() {
    let mut outbox = outbox_with(&[ID, SECOND_ID]);
    let now = at(12, 0);
    assert!(outbox.claim(ID, TAB, now));
    assert!(!outbox.claim(ID, OTHER_TAB, now + secs(1)));
    assert_eq!(outbox.due(now + secs(1)), vec![SECOND_ID]);
    assert!(outbox.claim(SECOND_ID, OTHER_TAB, now + secs(1)));
}

#[test]
fn a_message_held_by_a_tab_that_closed_is_sent_by_another_after_the_lease() {
    let mut outbox = outbox_with(&[ID]);
    let now = at(12, 0);
    assert!(outbox.claim(ID, TAB, now));
    assert_eq!(outbox.next_wake(now), Some(now + secs(30)));
    assert!(!outbox.claim(ID, OTHER_TAB, now + secs(29)));
    assert!(outbox.claim(ID, OTHER_TAB, now + secs(30)));
    // A late failure from the first tab does not undo the second tab's claim.
    outbox.record(ID, TAB, Outcome::Network, now + secs(31), 0.5);
    assert!(matches!(state(&outbox, ID), Delivery::Sending { by, .. } if by == OTHER_TAB));
    outbox.record(ID, OTHER_TAB, Outcome::Stored, now + secs(32), 0.5);
    assert_eq!(state(&outbox, ID), Delivery::Sent { at: now + secs(32) });
}

#[test]
fn a_message_that_needs_changing_says_why_and_goes_again_after_an_edit() {
    let mut outbox = outbox_with(&[ID]);
    let now = at(15, 0);
    assert!(outbox.claim(ID, TAB, now));
    let answer = r#"{"error":"invalid","errors":[{"field":"text","message":"Your message is too long. Please keep it under 4,000 characters (it has 20,000)."}]}"#;
    outbox.record(ID, TAB, Outcome::from_status(400, answer, None), now, 0.5);
    let entry = outbox.get(ID).unwrap();
    assert_eq!(
        entry.describe(&uk_summer()),
        "Needs changing: Your message is too long. Please keep it under 4,000 characters (it has 20,000)."
    );
    assert!(
        outbox.due(now + secs(3600)).is_empty(),
        "never resent as it is"
    );
    assert_eq!(outbox.next_wake(now), None);

    let shorter = feedback(ID, "Shorter now").body;
    assert!(outbox.edit(ID, shorter.clone()));
    assert_eq!(outbox.get(ID).unwrap().message.body, shorter);
    assert_eq!(outbox.due(now), vec![ID], "same id, queued at once");
    assert!(
        !outbox.edit(ID, shorter),
        "only what needs changing is edited"
    );
}

#[test]
fn a_message_too_big_to_send_needs_changing_and_says_which_part_is_too_long() {
    let mut outbox = Outbox::new();
    outbox.push(feedback(ID, &"a".repeat(20_000)));
    assert!(outbox.claim(ID, TAB, at(8, 0)));
    let answer = Outcome::from_status(413, "<html>", None);
    outbox.record(ID, TAB, answer, at(8, 0), 0.5);
    assert_eq!(
        outbox.get(ID).unwrap().describe(&uk_summer()),
        "Needs changing: Your message is too long. Please keep it under 4,000 characters (it has 20,000)."
    );
}

#[test]
fn a_message_too_big_for_no_one_reason_says_so_kindly() {
    let mut outbox = Outbox::new();
    let mut message = feedback(ID, &"😀".repeat(4_000));
    if let MessageBody::Feedback { name, .. } = &mut message.body {
        *name = Some("😀".repeat(100));
    }
    outbox.push(message);
    assert!(outbox.claim(ID, TAB, at(8, 0)));
    outbox.record(ID, TAB, Outcome::TooLarge, at(8, 0), 0.5);
    assert_eq!(
        state(&outbox, ID),
        Delivery::NeedsChanging {
            reasons: vec![too_large()]
        }
    );
}

#[test]
fn a_reused_id_gets_a_new_one_and_is_sent_again() {
    let mut outbox = outbox_with(&[ID]);
    let now = at(16, 0);
    assert!(outbox.claim(ID, TAB, now));
    outbox.record(ID, TAB, Outcome::from_status(409, "", None), now, 0.5);
    assert_eq!(outbox.needing_new_id(), vec![ID]);
    assert!(
        outbox.due(now).is_empty(),
        "never resent under the reused id"
    );
    assert!(!outbox.reissue_id(ID, "not-a-uuid"));
    assert!(outbox.reissue_id(ID, NEW_ID));
    assert_eq!(outbox.due(now), vec![NEW_ID]);
    assert!(outbox.needing_new_id().is_empty());
}

#[test]
fn a_wifi_sign_in_page_is_not_mistaken_for_delivery() {
    assert_eq!(
        Outcome::from_status(200, "<html>Sign in to Free WiFi</html>", None),
        Outcome::Network
    );
    assert_eq!(
        Outcome::from_status(201, r#"{"id":"x","status":"stored"}"#, None),
        Outcome::Stored
    );
    assert_eq!(
        Outcome::from_status(200, r#"{"id":"x","status":"repeat"}"#, None),
        Outcome::Repeat
    );
    assert_eq!(Outcome::from_status(0, "", None), Outcome::Network);
    assert_eq!(
        Outcome::from_status(400, "<html>Bad request</html>", None),
        Outcome::ServerError(400),
        "a proxy's 400 is nothing the young person can fix"
    );
    assert_eq!(
        Outcome::from_status(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        Outcome::RateLimited { retry_after: None }
    );
    assert_eq!(
        Outcome::from_status(502, "", None),
        Outcome::ServerError(502)
    );
}

#[test]
fn only_the_young_person_deletes_a_message() {
    let mut outbox = outbox_with(&[ID, SECOND_ID]);
    assert!(outbox.delete(ID));
    assert!(!outbox.delete(ID));
    assert_eq!(outbox.due(at(9, 0)), vec![SECOND_ID]);
    assert!(!outbox.push(feedback(SECOND_ID, "again")), "ids are unique");
}

#[test]
fn the_outbox_survives_a_reload_in_every_state() {
    let mut outbox = outbox_with(&[ID, SECOND_ID, NEW_ID]);
    let now = at(9, 0);
    assert!(outbox.claim(ID, TAB, now));
    assert!(outbox.claim(SECOND_ID, TAB, now));
    outbox.record(SECOND_ID, TAB, Outcome::Invalid(vec![]), now, 0.5);
    assert!(outbox.claim(NEW_ID, TAB, now));
    outbox.record(NEW_ID, TAB, Outcome::Network, now, 0.5);
    let saved = serde_json::to_string(&outbox).unwrap();
    let loaded: Outbox = serde_json::from_str(&saved).unwrap();
    assert_eq!(loaded, outbox);
    assert!(
        saved.contains(r#""state":{"kind":"sending","since":"2026-06-03T09:00:00Z","by":"tab-a"}"#)
    );
}
