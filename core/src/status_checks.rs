//! Asking the service how sent messages are getting on: which to ask about now, what the
//! phone keeps of the answers, and how each message's progress reads on "Have your say".
//!
//! Pure state, like the outbox: the app keeps [`Answers`] in storage (it is all serde) and
//! drives it. When the app opens, comes back into view or gets signal it asks
//! `GET /api/messages/{id}` for each of [`Answers::to_ask`], reads the answer with
//! [`StatusAnswer::from_response`] and keeps it with [`Answers::record`]. A message is asked
//! about only once the service has it and only until it is done, at most every
//! [`ASK_EVERY`], and not at all while the service has said it is busy.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::answers::{MessageStatus, PhoneStatus};
use crate::i18n::Words;
use crate::message::is_uuid_v4;
use crate::outbox::{Delivery, Outbox, OutboxEntry};

/// The shortest time between two questions about one message.
pub const ASK_EVERY: Duration = Duration::from_secs(5 * 60);
/// How long to wait after a `429` that did not say how long.
pub const BUSY_WAIT: Duration = Duration::from_secs(5 * 60);
/// The longest the phone honours a `Retry-After`, in case one says "next week".
pub const LONGEST_BUSY_WAIT: Duration = Duration::from_secs(60 * 60);

/// What the phone last heard about one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The service's last answer, if it has given one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MessageStatus>,
    /// When the phone last asked and the service answered (even with an error).
    pub asked_at: DateTime<Utc>,
    /// True after a `404`: the team finished with it and deleted it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gone: bool,
}

impl Answer {
    /// True when there is nothing more to hear: done, or deleted after it was done.
    pub fn is_finished(&self) -> bool {
        self.gone
            || self
                .status
                .as_ref()
                .is_some_and(|s| s.status == PhoneStatus::Done)
    }
}

/// Everything the phone has heard back, by message id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// The last answer about each message.
    #[serde(default)]
    pub messages: BTreeMap<String, Answer>,
    /// Ask about nothing before this time: the service said this phone asks too often.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<DateTime<Utc>>,
}

/// What came of asking about one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusAnswer {
    /// `200` with the message's status and any reply.
    Found(MessageStatus),
    /// `404` from the service: unknown, or deleted after the team was done with it.
    Gone,
    /// `429`: asking too often; wait this long (if the service said).
    Busy {
        /// The service's `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// The service answered with a problem (`5xx`): ask again after [`ASK_EVERY`].
    ServiceProblem,
    /// No answer from the service (no signal, or a Wi-Fi sign-in page): ask at the next chance.
    NoAnswer,
}

impl StatusAnswer {
    /// Reads an answer to `GET /api/messages/{asked}`; a failed `fetch` is status 0.
    ///
    /// Only the service's own JSON counts: a Wi-Fi sign-in page answering `200` or `404`
    /// must neither show a made-up status nor stop the phone asking.
    pub fn from_response(
        asked: &str,
        status: u16,
        body: &str,
        retry_after: Option<&str>,
    ) -> StatusAnswer {
        match status {
            200 => match serde_json::from_str::<MessageStatus>(body) {
                Ok(found) if found.id == asked => StatusAnswer::Found(found),
                _ => StatusAnswer::NoAnswer,
            },
            404 => match serde_json::from_str::<serde_json::Value>(body) {
                Ok(serde_json::Value::Object(_)) => StatusAnswer::Gone,
                _ => StatusAnswer::NoAnswer,
            },
            429 => StatusAnswer::Busy {
                retry_after: retry_after
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs),
            },
            500..=599 => StatusAnswer::ServiceProblem,
            _ => StatusAnswer::NoAnswer,
        }
    }
}

impl Answers {
    /// The ids to ask about now, oldest message first: sent, not finished, and not asked
    /// about in the last [`ASK_EVERY`]; none while the service has asked us to wait.
    pub fn to_ask(&self, outbox: &Outbox, now: DateTime<Utc>) -> Vec<String> {
        if self.not_before.is_some_and(|t| t > now) {
            return Vec::new();
        }
        outbox
            .entries
            .iter()
            .filter(|e| matches!(e.state, Delivery::Sent { .. }))
            .map(|e| e.message.id.as_str())
            // The id goes into an address: only ever a UUID the phone made.
            .filter(|id| is_uuid_v4(id))
            .filter(|id| match self.messages.get(*id) {
                None => true,
                Some(a) => !a.is_finished() && a.asked_at + delta(ASK_EVERY) <= now,
            })
            .map(str::to_string)
            .collect()
    }

    /// Keeps what came of asking about `id` at `now`. A new status or reply replaces the
    /// old one (so a corrected reply shows corrected); a reply already shown stays after
    /// the message is deleted.
    pub fn record(&mut self, id: &str, answer: StatusAnswer, now: DateTime<Utc>) {
        match answer {
            StatusAnswer::Found(status) => {
                if status.id != id {
                    return;
                }
                self.messages.insert(
                    id.to_string(),
                    Answer {
                        status: Some(status),
                        asked_at: now,
                        gone: false,
                    },
                );
            }
            StatusAnswer::Gone => {
                let entry = self.entry(id, now);
                entry.gone = true;
                entry.asked_at = now;
            }
            StatusAnswer::ServiceProblem => {
                self.entry(id, now).asked_at = now;
            }
            StatusAnswer::Busy { retry_after } => {
                let wait = retry_after.unwrap_or(BUSY_WAIT).min(LONGEST_BUSY_WAIT);
                let until = now + delta(wait);
                // The limit is on this phone, not this message: wait before asking about any.
                self.not_before = Some(self.not_before.map_or(until, |t| t.max(until)));
            }
            StatusAnswer::NoAnswer => {}
        }
    }

    fn entry(&mut self, id: &str, now: DateTime<Utc>) -> &mut Answer {
        self.messages.entry(id.to_string()).or_insert(Answer {
            status: None,
            asked_at: now,
            gone: false,
        })
    }

    /// Forgets answers about messages no longer in the outbox (the young person deleted them).
    pub fn keep_only(&mut self, outbox: &Outbox) {
        self.messages.retain(|id, _| outbox.get(id).is_some());
    }

    /// Forgets what was heard about one message.
    pub fn forget(&mut self, id: &str) {
        self.messages.remove(id);
    }

    /// What changed between `before` and these answers, in a sentence for a screen reader
    /// to say politely; `None` when nothing the young person would notice changed.
    pub fn news_since(&self, before: &Answers) -> Option<String> {
        self.news_since_in(&Words::built_in(), before)
    }

    /// [`news_since`](Answers::news_since) in `words`' language.
    pub fn news_since_in(&self, words: &Words, before: &Answers) -> Option<String> {
        let mut replies = 0;
        let mut read = 0;
        let mut done = 0;
        for (id, now) in &self.messages {
            let was = before.messages.get(id);
            let reply_of = |a: Option<&Answer>| {
                a.and_then(|a| a.status.as_ref())
                    .and_then(|s| s.reply.clone())
            };
            if reply_of(Some(now)).is_some() && reply_of(Some(now)) != reply_of(was) {
                replies += 1;
            }
            let progress = |a: Option<&Answer>| match a {
                Some(a) if a.is_finished() => 2,
                Some(Answer {
                    status: Some(s), ..
                }) if s.status == PhoneStatus::Read => 1,
                _ => 0,
            };
            match (progress(was), progress(Some(now))) {
                (before, 2) if before < 2 => done += 1,
                (0, 1) => read += 1,
                _ => {}
            }
        }
        let news: Vec<String> = [
            ("status_checks.new_replies", replies),
            ("status_checks.read", read),
            ("status_checks.done", done),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, n)| words.count(key, n, &[]))
        .collect();
        (!news.is_empty()).then(|| news.join(" "))
    }
}

/// How a message is getting on, in words for "Have your say", with times in the phone's
/// time zone `tz`: the outbox's own words until the service has it, then "Sent on ...",
/// "Read by the team on ..." or "Done".
pub fn progress<Tz: TimeZone>(entry: &OutboxEntry, answer: Option<&Answer>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    progress_in(&Words::built_in(), entry, answer, tz)
}

/// [`progress`] in `words`' language.
pub fn progress_in<Tz: TimeZone>(
    words: &Words,
    entry: &OutboxEntry,
    answer: Option<&Answer>,
    tz: &Tz,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let sent = matches!(entry.state, Delivery::Sent { .. });
    let on = |key: &str, at: &DateTime<Utc>| {
        let date = crate::dates::weekday_and_date_in(words, at.with_timezone(tz).date_naive());
        words.text(key, &[("date", &date)])
    };
    match answer {
        Some(a) if sent && a.gone => words.text("status_checks.gone", &[]),
        Some(Answer {
            status: Some(s), ..
        }) if sent => match s.status {
            PhoneStatus::Received => entry.describe_in(words, tz),
            PhoneStatus::Read => on("status_checks.read_on", &s.status_at),
            PhoneStatus::Done => on("status_checks.done_on", &s.status_at),
        },
        _ => entry.describe_in(words, tz),
    }
}

/// The team's reply to a message and when it was written, if there is one.
pub fn reply(answer: Option<&Answer>) -> Option<(&str, Option<DateTime<Utc>>)> {
    let status = answer?.status.as_ref()?;
    let text = status.reply.as_deref()?.trim();
    (!text.is_empty()).then_some((text, status.reply_at))
}

fn delta(wait: Duration) -> TimeDelta {
    TimeDelta::from_std(wait).unwrap_or(TimeDelta::MAX)
}

#[cfg(test)]
mod tests;
