//! Stories of a phone asking how its messages are getting on, at fixed times.

use chrono::{DateTime, FixedOffset, Utc};

use super::*;
use crate::message::{About, Message, MessageBody};
use crate::outbox::Outcome;

const SENT: &str = "0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11";
const WAITING: &str = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

fn at(time: &str) -> DateTime<Utc> {
    time.parse().unwrap()
}

fn feedback(id: &str) -> Message {
    Message::new(
        id,
        at("2026-11-20T09:00:00Z"),
        MessageBody::Feedback {
            about: About::Entitlement("setting-up-home".into()),
            reason: None,
            rating: Some(4),
            text: "The list of what I can buy helped.".into(),
            name: None,
            reply_to: None,
        },
    )
}

/// One message the service has (sent at 09:01) and one still waiting for signal.
fn outbox() -> Outbox {
    let mut outbox = Outbox::new();
    outbox.push(feedback(SENT));
    outbox.push(feedback(WAITING));
    assert!(outbox.claim(SENT, "tab", at("2026-11-20T09:01:00Z")));
    outbox.record(
        SENT,
        "tab",
        Outcome::Stored,
        at("2026-11-20T09:01:00Z"),
        0.5,
    );
    outbox
}

fn status(status: &str, reply: Option<&str>) -> MessageStatus {
    serde_json::from_value(serde_json::json!({
        "id": SENT,
        "status": status,
        "status_at": "2026-11-23T10:00:00Z",
        "reply": reply,
        "reply_at": reply.map(|_| "2026-11-23T10:05:00Z"),
    }))
    .unwrap()
}

fn found(status_word: &str, reply: Option<&str>) -> String {
    serde_json::to_string(&status(status_word, reply)).unwrap()
}

#[test]
fn only_a_sent_message_is_asked_about_and_only_every_few_minutes() {
    let outbox = outbox();
    let mut answers = Answers::default();
    let now = at("2026-11-23T09:00:00Z");
    assert_eq!(answers.to_ask(&outbox, now), vec![SENT.to_string()]);
    answers.record(SENT, StatusAnswer::Found(status("received", None)), now);
    assert!(answers
        .to_ask(&outbox, at("2026-11-23T09:04:59Z"))
        .is_empty());
    assert_eq!(
        answers.to_ask(&outbox, at("2026-11-23T09:05:00Z")),
        vec![SENT.to_string()]
    );
}

#[test]
fn a_done_message_is_never_asked_about_again() {
    let outbox = outbox();
    let mut answers = Answers::default();
    answers.record(
        SENT,
        StatusAnswer::Found(status("done", Some("We rang you."))),
        at("2026-11-23T09:00:00Z"),
    );
    assert!(answers
        .to_ask(&outbox, at("2026-12-23T09:00:00Z"))
        .is_empty());
}

#[test]
fn a_message_the_team_deleted_shows_done_keeps_its_reply_and_is_not_asked_about() {
    let outbox = outbox();
    let mut answers = Answers::default();
    answers.record(
        SENT,
        StatusAnswer::Found(status("read", Some("Your PA will ring you on Thursday."))),
        at("2026-11-23T09:00:00Z"),
    );
    let gone = StatusAnswer::from_response(SENT, 404, r#"{"error":"not_found"}"#, None);
    assert_eq!(gone, StatusAnswer::Gone);
    answers.record(SENT, gone, at("2026-11-23T09:10:00Z"));
    assert!(answers
        .to_ask(&outbox, at("2026-12-23T09:00:00Z"))
        .is_empty());
    let answer = answers.messages.get(SENT);
    assert_eq!(progress(outbox.get(SENT).unwrap(), answer, &Utc), "Done");
    assert_eq!(
        reply(answer).map(|r| r.0),
        Some("Your PA will ring you on Thursday.")
    );
}

#[test]
fn a_corrected_reply_replaces_the_old_one() {
    let mut answers = Answers::default();
    answers.record(
        SENT,
        StatusAnswer::Found(status("read", Some("Your PA will ring on Tuesday."))),
        at("2026-11-23T09:00:00Z"),
    );
    answers.record(
        SENT,
        StatusAnswer::Found(status("read", Some("Sorry: Thursday, after 2pm."))),
        at("2026-11-23T09:10:00Z"),
    );
    assert_eq!(
        reply(answers.messages.get(SENT)).map(|r| r.0),
        Some("Sorry: Thursday, after 2pm.")
    );
}

#[test]
fn asking_too_often_holds_back_every_message_until_the_service_says() {
    let outbox = outbox();
    let mut answers = Answers::default();
    let now = at("2026-11-23T09:00:00Z");
    let busy = StatusAnswer::from_response(SENT, 429, "", Some("120"));
    assert_eq!(
        busy,
        StatusAnswer::Busy {
            retry_after: Some(Duration::from_secs(120))
        }
    );
    answers.record(SENT, busy, now);
    assert!(answers
        .to_ask(&outbox, at("2026-11-23T09:01:59Z"))
        .is_empty());
    assert_eq!(
        answers.to_ask(&outbox, at("2026-11-23T09:02:00Z")),
        vec![SENT.to_string()]
    );
    // "Come back next week" is honoured for an hour at most.
    answers.record(
        SENT,
        StatusAnswer::Busy {
            retry_after: Some(Duration::from_secs(7 * 24 * 3600)),
        },
        now,
    );
    assert_eq!(answers.not_before, Some(at("2026-11-23T10:00:00Z")));
}

#[test]
fn no_signal_does_not_count_as_asking_but_a_service_problem_does() {
    let outbox = outbox();
    let mut answers = Answers::default();
    answers.record(SENT, StatusAnswer::NoAnswer, at("2026-11-23T09:00:00Z"));
    assert_eq!(
        answers.to_ask(&outbox, at("2026-11-23T09:00:30Z")),
        vec![SENT.to_string()]
    );
    answers.record(
        SENT,
        StatusAnswer::ServiceProblem,
        at("2026-11-23T09:01:00Z"),
    );
    assert!(answers
        .to_ask(&outbox, at("2026-11-23T09:02:00Z"))
        .is_empty());
}

#[test]
fn a_wifi_sign_in_page_is_not_an_answer() {
    let page = "<html><body>Sign in to the cafe Wi-Fi</body></html>";
    assert_eq!(
        StatusAnswer::from_response(SENT, 200, page, None),
        StatusAnswer::NoAnswer
    );
    assert_eq!(
        StatusAnswer::from_response(SENT, 404, page, None),
        StatusAnswer::NoAnswer
    );
    assert_eq!(
        StatusAnswer::from_response(SENT, 0, "", None),
        StatusAnswer::NoAnswer
    );
    assert_eq!(
        StatusAnswer::from_response(SENT, 503, "", None),
        StatusAnswer::ServiceProblem
    );
    // An answer about another message is not about this one.
    assert_eq!(
        StatusAnswer::from_response(WAITING, 200, &found("read", None), None),
        StatusAnswer::NoAnswer
    );
    assert_eq!(
        StatusAnswer::from_response(SENT, 200, &found("read", Some("Thanks")), None),
        StatusAnswer::Found(status("read", Some("Thanks")))
    );
}

#[test]
fn each_message_reads_as_sent_read_by_the_team_or_done_with_the_date() {
    let outbox = outbox();
    let uk = FixedOffset::east_opt(0).unwrap();
    let sent = outbox.get(SENT).unwrap();
    assert_eq!(progress(sent, None, &uk), "Sent on Fri 20 November, 09:01");
    assert_eq!(
        progress(outbox.get(WAITING).unwrap(), None, &uk),
        "Waiting for signal"
    );
    let mut answers = Answers::default();
    let now = at("2026-11-23T10:00:00Z");
    answers.record(SENT, StatusAnswer::Found(status("received", None)), now);
    assert_eq!(
        progress(sent, answers.messages.get(SENT), &uk),
        "Sent on Fri 20 November, 09:01"
    );
    answers.record(SENT, StatusAnswer::Found(status("read", None)), now);
    assert_eq!(
        progress(sent, answers.messages.get(SENT), &uk),
        "Read by the team on Mon 23 November"
    );
    answers.record(SENT, StatusAnswer::Found(status("done", None)), now);
    assert_eq!(
        progress(sent, answers.messages.get(SENT), &uk),
        "Done on Mon 23 November"
    );
    assert_eq!(reply(answers.messages.get(SENT)), None);
}

#[test]
fn news_of_a_reply_or_a_read_message_is_said_once() {
    let mut before = Answers::default();
    let now = at("2026-11-23T10:00:00Z");
    before.record(SENT, StatusAnswer::Found(status("received", None)), now);
    let mut after = before.clone();
    after.record(SENT, StatusAnswer::Found(status("read", None)), now);
    assert_eq!(
        after.news_since(&before).as_deref(),
        Some("The team has read one of your messages.")
    );
    let mut replied = after.clone();
    replied.record(
        SENT,
        StatusAnswer::Found(status("done", Some("We have booked it."))),
        now,
    );
    assert_eq!(
        replied.news_since(&after).as_deref(),
        Some(
            "You have a new reply from the team. The team has finished with one of your messages."
        )
    );
    assert_eq!(replied.news_since(&replied), None);
}

#[test]
fn answers_about_deleted_messages_are_forgotten_and_old_phones_start_empty() {
    let mut outbox = outbox();
    let mut answers = Answers::default();
    answers.record(
        SENT,
        StatusAnswer::Found(status("read", Some("Thanks"))),
        at("2026-11-23T10:00:00Z"),
    );
    outbox.delete(SENT);
    answers.keep_only(&outbox);
    assert!(answers.messages.is_empty());
    // What the phone keeps reads back exactly, and an empty object is a fresh start.
    let mut kept = Answers::default();
    kept.record(
        SENT,
        StatusAnswer::Found(status("done", Some("Done"))),
        at("2026-11-23T10:00:00Z"),
    );
    let json = serde_json::to_string(&kept).unwrap();
    assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), kept);
    assert_eq!(
        serde_json::from_str::<Answers>("{}").unwrap(),
        Answers::default()
    );
}
