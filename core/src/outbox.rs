//! The outbox: messages waiting on the phone until the service has them, exactly once.
//!
//! Pure state: the app keeps an [`Outbox`] in storage (it is all serde), and drives it:
//!
//! 1. on submit, [`Outbox::push`] the message and save, before any network call;
//! 2. on start, on `online` ([`Outbox::online_again`] first), when the page becomes visible
//!    and when the [`Outbox::next_wake`] timer fires: for each id in [`Outbox::due`],
//!    [`Outbox::claim`] it and save, `POST` it (aborting after [`SEND_TIMEOUT`]), then
//!    [`Outbox::record`] the [`Outcome`] and save;
//! 3. after recording, give each of [`Outbox::needing_new_id`] a fresh UUID with
//!    [`Outbox::reissue_id`].
//!
//! Each load-change-save must hold one lock shared by every tab (the Web Locks API), so a
//! claim made by one tab is seen by the others. A claim is a lease: another tab may take
//! the message over only once the lease is [`LEASE`] old, which is longer than
//! [`SEND_TIMEOUT`], so two live tabs never send one message at the same time; a tab that
//! died mid-send only delays its message by the lease. The server accepts each id once and
//! answers a repeat as delivered, so a lost answer costs one extra request, never a copy.
//! Nothing leaves the outbox unless the young person deletes it.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Words;
use crate::message::{is_uuid_v4, FieldError, Message, MessageBody};

/// How long a tab's claim on a message holds before another tab may send it instead.
pub const LEASE: Duration = Duration::from_secs(30);
/// How long the app waits for an answer before it gives up on a send (shorter than [`LEASE`]).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(20);
/// The wait after the first failure; it doubles with each failure after that.
pub const FIRST_RETRY: Duration = Duration::from_secs(5);
/// The longest wait between tries (before jitter of up to a quarter either way).
pub const LONGEST_RETRY: Duration = Duration::from_secs(15 * 60);
/// The longest the outbox honours a server's `Retry-After`, in case one says "next week".
pub const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// One message and how its delivery is going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The message, exactly as it will be sent.
    pub message: Message,
    /// Where it is on its way.
    pub state: Delivery,
    /// How many times a tab has started sending it.
    #[serde(default)]
    pub attempts: u32,
    /// Not to be tried before this time (none: as soon as possible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_try: Option<DateTime<Utc>>,
    /// Why the last try failed, in words (for "Have your say" and for support).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// True when the last try found no signal, so coming back online may retry at once.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offline: bool,
    /// True after a `409`: the server holds a different message under this id, so it must be
    /// given a new one ([`Outbox::reissue_id`]) before it is sent again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_new_id: bool,
}

/// Where a message is on its way to the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Delivery {
    /// Waiting to be sent (for signal, or for its next try).
    Queued,
    /// A tab is sending it now.
    Sending {
        /// When the tab claimed it.
        since: DateTime<Utc>,
        /// The tab's own random id.
        by: String,
    },
    /// The service has it.
    Sent {
        /// When the phone heard so.
        at: DateTime<Utc>,
    },
    /// The service turned it down; the young person can change it and send it again.
    NeedsChanging {
        /// What to change, as the service said.
        reasons: Vec<FieldError>,
    },
}

/// What came of one try at sending, read from the server's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// `201`: stored now.
    Stored,
    /// `200`: the service already had it (an earlier answer was lost).
    Repeat,
    /// `409`: the service has a different message under this id.
    Conflict,
    /// `400`: something in it needs changing.
    Invalid(Vec<FieldError>),
    /// `413`: too big to send.
    TooLarge,
    /// `429`: sending too fast; try again after this long (if the server said).
    RateLimited {
        /// The server's `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// Any other answer, usually `5xx`: try again later.
    ServerError(u16),
    /// No answer, or an answer that did not come from the service (a Wi-Fi sign-in page).
    Network,
}

impl Outcome {
    /// Reads an answer to `POST /api/messages`; a failed `fetch` is status 0.
    ///
    /// A success counts only when the body is the service's own `{"status":"stored"}` or
    /// `{"status":"repeat"}`: a Wi-Fi sign-in page also answers `200`, and believing it
    /// would lose the message.
    pub fn from_status(status: u16, body: &str, retry_after: Option<&str>) -> Outcome {
        let json = serde_json::from_str::<serde_json::Value>(body).ok();
        match status {
            0 => Outcome::Network,
            200..=299 => match json.as_ref().and_then(|j| j["status"].as_str()) {
                Some("stored") => Outcome::Stored,
                Some("repeat") => Outcome::Repeat,
                _ => Outcome::Network,
            },
            400 => match json.and_then(|mut j| {
                serde_json::from_value::<Vec<FieldError>>(j["errors"].take()).ok()
            }) {
                Some(errors) if !errors.is_empty() => Outcome::Invalid(errors),
                // Not the service's answer (a proxy's page): nothing the young person can fix.
                _ => Outcome::ServerError(status),
            },
            409 => Outcome::Conflict,
            413 => Outcome::TooLarge,
            429 => Outcome::RateLimited {
                retry_after: retry_after
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs),
            },
            _ => Outcome::ServerError(status),
        }
    }
}

/// Every message the young person has written, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    /// The messages and how each is getting on.
    pub entries: Vec<OutboxEntry>,
}

impl Outbox {
    /// An empty outbox.
    pub fn new() -> Outbox {
        Outbox::default()
    }

    /// Adds a message to be sent as soon as possible; false if its id is already here.
    pub fn push(&mut self, message: Message) -> bool {
        if self.get(&message.id).is_some() {
            return false;
        }
        self.entries.push(OutboxEntry {
            message,
            state: Delivery::Queued,
            attempts: 0,
            next_try: None,
            last_error: None,
            offline: false,
            needs_new_id: false,
        });
        true
    }

    /// The entry for the message with this id.
    pub fn get(&self, id: &str) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.message.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut OutboxEntry> {
        self.entries.iter_mut().find(|e| e.message.id == id)
    }

    /// The ids to send now, oldest first: queued and due, or held by a tab that went quiet.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.is_due(now))
            .map(|e| e.message.id.as_str())
            .collect()
    }

    /// Lets tab `tab` send the message; false when it is not due (another tab holds it, it
    /// is waiting for its next try, or it is sent).
    pub fn claim(&mut self, id: &str, tab: &str, now: DateTime<Utc>) -> bool {
        match self.get_mut(id) {
            Some(entry) if entry.is_due(now) => {
                entry.state = Delivery::Sending {
                    since: now,
                    by: tab.to_string(),
                };
                entry.attempts = entry.attempts.saturating_add(1);
                true
            }
            _ => false,
        }
    }

    /// Records what came of tab `tab` sending the message; `jitter` is a random number from
    /// 0 to 1 that spreads retries out so phones do not all come back at once.
    ///
    /// Delivery counts whoever heard of it. Any other outcome counts only from the tab that
    /// holds the message: a tab whose lease was taken over no longer speaks for it.
    pub fn record(
        &mut self,
        id: &str,
        tab: &str,
        outcome: Outcome,
        now: DateTime<Utc>,
        jitter: f64,
    ) {
        let Some(entry) = self.get_mut(id) else {
            return;
        };
        if matches!(outcome, Outcome::Stored | Outcome::Repeat) {
            if !matches!(entry.state, Delivery::Sent { .. }) {
                entry.state = Delivery::Sent { at: now };
                entry.settle();
            }
            return;
        }
        if !matches!(&entry.state, Delivery::Sending { by, .. } if by == tab) {
            return;
        }
        entry.state = Delivery::Queued;
        match outcome {
            Outcome::Stored | Outcome::Repeat => unreachable!("handled above"),
            Outcome::Conflict => {
                // The server never stores two bodies under one id, and this body is not the
                // one it has. Sending it under a new id keeps both: nothing is lost.
                entry.settle();
                entry.needs_new_id = true;
                entry.last_error = Some("This message needs a new id.".to_string());
            }
            Outcome::Invalid(reasons) => {
                let reasons = if reasons.is_empty() {
                    vec![FieldError::new(
                        "",
                        "The service could not accept this message. Please check it and send it again.",
                    )]
                } else {
                    reasons
                };
                entry.state = Delivery::NeedsChanging { reasons };
                entry.settle();
            }
            Outcome::TooLarge => {
                // The server refused it unread; the phone can still say which part is long.
                entry.state = Delivery::NeedsChanging {
                    reasons: entry.message.size_problems(),
                };
                entry.settle();
            }
            Outcome::RateLimited { retry_after } => {
                let wait = match retry_after {
                    // Never sooner than the server asked: spread only later.
                    Some(wait) => wait
                        .min(LONGEST_RETRY_AFTER)
                        .mul_f64(1.0 + unit(jitter) / 4.0),
                    None => backoff(entry.attempts, jitter),
                };
                let until = now + delta(wait);
                entry.next_try = Some(until);
                entry.offline = false;
                entry.last_error = Some("The service is busy. We will try again soon.".to_string());
                // The limit is on this phone, not this message: hold the others back too.
                for other in &mut self.entries {
                    if other.state == Delivery::Queued {
                        other.next_try = Some(other.next_try.map_or(until, |t| t.max(until)));
                        other.offline = false;
                    }
                }
            }
            Outcome::ServerError(status) => {
                entry.next_try = Some(now + delta(backoff(entry.attempts, jitter)));
                entry.offline = false;
                entry.last_error = Some(format!("The service had a problem ({status})."));
            }
            Outcome::Network => {
                entry.next_try = Some(now + delta(backoff(entry.attempts, jitter)));
                entry.offline = true;
                entry.last_error = Some("No signal.".to_string());
            }
        }
    }

    /// The ids that must be given a new id before they can be sent (after a `409`).
    pub fn needing_new_id(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.needs_new_id)
            .map(|e| e.message.id.as_str())
            .collect()
    }

    /// Gives a message that needs one a fresh UUID v4 and queues it to send at once; false
    /// when it does not need one, or `new_id` is not a UUID v4 or is already in use.
    pub fn reissue_id(&mut self, id: &str, new_id: &str) -> bool {
        if !is_uuid_v4(new_id) || self.get(new_id).is_some() {
            return false;
        }
        match self.get_mut(id) {
            Some(entry) if entry.needs_new_id => {
                entry.message.id = new_id.to_string();
                entry.settle();
                entry.attempts = 0;
                true
            }
            _ => false,
        }
    }

    /// Replaces what a message that needs changing says, and queues it to send again.
    ///
    /// It keeps its id: the service checks a message before it stores it, so it never
    /// stored this one and the id is still unused there. False unless it needs changing.
    pub fn edit(&mut self, id: &str, body: MessageBody) -> bool {
        match self.get_mut(id) {
            Some(entry) if matches!(entry.state, Delivery::NeedsChanging { .. }) => {
                entry.message.body = body;
                entry.state = Delivery::Queued;
                entry.settle();
                entry.attempts = 0;
                true
            }
            _ => false,
        }
    }

    /// Removes a message, whatever its state: only ever because the young person asked.
    pub fn delete(&mut self, id: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.message.id != id);
        self.entries.len() < before
    }

    /// Signal is back (the `online` event): what was waiting only for signal is due now.
    pub fn online_again(&mut self, now: DateTime<Utc>) {
        for entry in &mut self.entries {
            if entry.state == Delivery::Queued && entry.offline {
                entry.next_try = Some(now);
            }
        }
    }

    /// When the app should next look at the outbox, if anything is waiting (never before
    /// `now`).
    pub fn next_wake(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.entries
            .iter()
            .filter_map(|e| match &e.state {
                Delivery::Queued if !e.needs_new_id => Some(e.next_try.unwrap_or(now)),
                Delivery::Sending { since, .. } => Some(*since + delta(LEASE)),
                _ => None,
            })
            .min()
            .map(|t| t.max(now))
    }

    /// How many messages the service does not have yet.
    pub fn waiting(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| !matches!(e.state, Delivery::Sent { .. }))
            .count()
    }
}

impl OutboxEntry {
    fn is_due(&self, now: DateTime<Utc>) -> bool {
        match &self.state {
            Delivery::Queued => !self.needs_new_id && self.next_try.is_none_or(|t| t <= now),
            Delivery::Sending { since, .. } => now >= *since + delta(LEASE),
            Delivery::Sent { .. } | Delivery::NeedsChanging { .. } => false,
        }
    }

    /// Clears the retry bookkeeping once a try has settled the message one way or another.
    fn settle(&mut self) {
        self.next_try = None;
        self.last_error = None;
        self.offline = false;
        self.needs_new_id = false;
    }

    /// Its state in words for "Have your say", with times in the phone's time zone `tz`:
    /// "Waiting for signal", "Sending", "Sent on Tue 3 June, 14:05", "Needs changing: ...".
    pub fn describe<Tz: TimeZone>(&self, tz: &Tz) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.describe_in(&Words::built_in(), tz)
    }

    /// [`describe`](OutboxEntry::describe) in `words`' language. The reasons a message needs
    /// changing are kept as they were given (the service writes them in English).
    pub fn describe_in<Tz: TimeZone>(&self, words: &Words, tz: &Tz) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        match &self.state {
            Delivery::Queued if self.attempts == 0 || self.offline => {
                words.text("outbox.waiting_for_signal", &[])
            }
            Delivery::Queued => words.text("outbox.waiting_to_send", &[]),
            Delivery::Sending { .. } => words.text("outbox.sending", &[]),
            Delivery::Sent { at } => {
                let at = at.with_timezone(tz).naive_local();
                let date = crate::dates::weekday_date_and_clock_in(words, at);
                words.text("outbox.sent_on", &[("date", &date)])
            }
            Delivery::NeedsChanging { reasons } => {
                let reasons: Vec<&str> = reasons.iter().map(|r| r.message.as_str()).collect();
                words.text("outbox.needs_changing", &[("reasons", &reasons.join(" "))])
            }
        }
    }
}

/// The wait after `attempts` tries: 5 s, 10 s, 20 s ... up to 15 minutes, then spread by up
/// to a quarter either way.
pub fn backoff(attempts: u32, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let wait = FIRST_RETRY
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY);
    wait.mul_f64(1.0 + (unit(jitter) * 2.0 - 1.0) / 4.0)
}

/// A caller's random number, kept from 0 to 1 (a half if it is not a number at all).
fn unit(random: f64) -> f64 {
    if random.is_nan() {
        0.5
    } else {
        random.clamp(0.0, 1.0)
    }
}

fn delta(wait: Duration) -> TimeDelta {
    TimeDelta::from_std(wait).unwrap_or(TimeDelta::MAX)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
