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
use offer_core::status_checks::Answers;

use crate::api;
use crate::outbox_driver::OutboxState;
use crate::shared_kept::SharedKept;

/// Where the answers are kept (versioned, like everything the phone keeps).
pub const ANSWERS_KEY: &str = "local-offer.v1.message-answers";

/// The answers as the app sees them, provided once through context.
#[derive(Clone, Copy)]
pub struct RepliesState {
    /// The last answer about each message (`stored`'s, as shown).
    pub answers: RwSignal<Answers>,
    stored: SharedKept<Answers>,
    /// What changed at the last check, for screen readers to hear politely.
    pub news: RwSignal<String>,
    outbox: OutboxState,
    running: StoredValue<bool>,
}

impl RepliesState {
    /// Loads the kept answers, asks about sent messages now, and again whenever the app
    /// comes back into view or gets signal.
    pub fn start(outbox: OutboxState) -> RepliesState {
        let stored = SharedKept::load(ANSWERS_KEY);
        let state = RepliesState {
            answers: stored.shown,
            stored,
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
                state.stored.reload();
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

    /// Applies `f` to the latest answers (another tab may have changed them), keeps them and
    /// updates the screen.
    fn change(&self, f: impl FnOnce(&mut Answers)) {
        self.stored.change(f);
    }

    /// Asks about every message that is due a question, one after another.
    pub fn check(&self) {
        let state = *self;
        if state.running.get_value() {
            return;
        }
        state.running.set_value(true);
        spawn_local(async move {
            let before = state.stored.latest();
            // The latest outbox, in case another tab has just sent something.
            let outbox = state.outbox.latest();
            state.change(|a| a.keep_only(&outbox));
            for id in state.stored.latest().to_ask(&outbox, Utc::now()) {
                let answer = api::message_status(&id).await;
                state.change(|a| a.record(&id, answer, Utc::now()));
                // After a 429 the rest wait too.
                if state
                    .stored
                    .latest()
                    .not_before
                    .is_some_and(|t| t > Utc::now())
                {
                    break;
                }
            }
            let after = state.stored.latest();
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
