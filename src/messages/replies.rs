//! Hearing back: asks the service how each sent message is getting on and keeps the answers
//! on the phone, so "read by the team", "done" and the team's reply show offline too.
//!
//! Which messages to ask about, and how often, is decided by `offer_core::status_checks`;
//! this module only stores the answers, asks (through `api`), and picks the moments: when
//! the app opens, when it comes back into view and when signal returns.

use chrono::Utc;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use offer_core::outbox::Outbox;
use offer_core::status_checks::Answers;

use crate::api;
use crate::browser::storage;
use crate::outbox_driver::{OutboxState, OUTBOX_KEY};

/// Where the answers are kept (versioned, like everything the phone keeps).
pub const ANSWERS_KEY: &str = "local-offer.v1.message-answers";

/// The answers as the app sees them, provided once through context.
#[derive(Clone, Copy)]
pub struct RepliesState {
    /// The last answer about each message.
    pub answers: RwSignal<Answers>,
    /// What changed at the last check, for screen readers to hear politely.
    pub news: RwSignal<String>,
    outbox: OutboxState,
    running: StoredValue<bool>,
}

fn read_stored() -> Answers {
    storage::get::<Answers>(ANSWERS_KEY).unwrap_or_default()
}

impl RepliesState {
    /// Loads the kept answers, asks about sent messages now, and again whenever the app
    /// comes back into view or gets signal.
    pub fn start(outbox: OutboxState) -> RepliesState {
        let state = RepliesState {
            answers: RwSignal::new(read_stored()),
            news: RwSignal::new(String::new()),
            outbox,
            running: StoredValue::new(false),
        };
        let online = window_event_listener(ev::online, move |_| state.check());
        let visible = window_event_listener(ev::visibilitychange, move |_| {
            if crate::browser::is_visible() {
                state.check();
            }
        });
        // Another tab heard back: show it here too.
        let storage = window_event_listener(ev::storage, move |e| {
            if e.key().as_deref() == Some(ANSWERS_KEY) {
                state.answers.set(read_stored());
            }
        });
        on_cleanup(move || {
            online.remove();
            visible.remove();
            storage.remove();
        });
        crate::browser::in_next_task(move || state.check());
        state
    }

    /// Applies `f` to the stored answers (re-read first: another tab may have changed them),
    /// writes them back and updates the screen.
    fn change(&self, f: impl FnOnce(&mut Answers)) {
        let mut answers = read_stored();
        f(&mut answers);
        if !storage::set(ANSWERS_KEY, &answers) {
            if let Some(health) = use_context::<crate::kept::StorageHealth>() {
                health.ok.set(false);
            }
        }
        self.answers.set(answers);
    }

    /// Asks about every message that is due a question, one after another.
    pub fn check(&self) {
        let state = *self;
        if state.running.get_value() {
            return;
        }
        state.running.set_value(true);
        spawn_local(async move {
            let before = read_stored();
            // The outbox as stored, in case another tab has just sent something.
            let outbox = storage::get::<Outbox>(OUTBOX_KEY)
                .unwrap_or_else(|| state.outbox.outbox.get_untracked());
            state.change(|a| a.keep_only(&outbox));
            for id in read_stored().to_ask(&outbox, Utc::now()) {
                let answer = api::message_status(&id).await;
                state.change(|a| a.record(&id, answer, Utc::now()));
                // After a 429 the rest wait too.
                if read_stored().not_before.is_some_and(|t| t > Utc::now()) {
                    break;
                }
            }
            let after = read_stored();
            if let Some(news) = crate::i18n::with_words(|w| after.news_since_in(w, &before)) {
                state.news.set(news);
            }
            state.running.set_value(false);
        });
    }

    /// Forgets what was heard about a message the young person deleted.
    pub fn forget(&self, id: &str) {
        self.change(|a| a.forget(id));
    }
}

/// The answers provided by the app.
pub fn use_replies() -> RepliesState {
    expect_context::<RepliesState>()
}
