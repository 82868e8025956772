//! The meeting in progress, kept on the PA's device only until it ends.
//!
//! One versioned key in local storage, like everything in `kept`, so a reload or a lost
//! signal loses nothing; "End meeting" removes it, and a meeting older than
//! [`MEETING_LIFETIME_HOURS`](offer_core::meeting::MEETING_LIFETIME_HOURS) is removed the
//! next time the app starts or a meeting page opens.

use chrono::Utc;
use leptos::prelude::*;
use offer_core::meeting::Meeting;

use crate::browser::storage;
use crate::kept::StorageHealth;

/// Where the meeting in progress is kept.
pub const MEETING_KEY: &str = "local-offer.v1.meeting";

/// The meeting kept on this device, unless it is too old (then it is wiped).
fn load() -> Option<Meeting> {
    let meeting = storage::get::<Meeting>(MEETING_KEY);
    match meeting {
        Some(m) if !m.is_stale(Utc::now()) => Some(m),
        _ => {
            // Stale, unreadable or absent: nothing of it may stay behind.
            wipe();
            None
        }
    }
}

/// Removes the meeting from this device.
pub fn wipe() {
    storage::remove(MEETING_KEY);
}

/// Wipes a meeting left open too long; the app calls this as it starts.
pub fn wipe_if_stale() {
    let _ = load();
}

/// The meeting as a signal: `None` when there is none. Every change is written back, and
/// setting `None` wipes it.
pub fn use_meeting() -> RwSignal<Option<Meeting>> {
    let meeting = RwSignal::new(load());
    let health = use_context::<StorageHealth>();
    Effect::new(move |previous: Option<Option<Meeting>>| {
        let value = meeting.get();
        if previous.is_some_and(|p| p != value) {
            match &value {
                Some(m) => {
                    if !storage::set(MEETING_KEY, m) {
                        if let Some(h) = health {
                            h.ok.set(false);
                        }
                    }
                }
                None => wipe(),
            }
        }
        value
    });
    meeting
}

/// Changes the meeting in progress, starting one now if there is none.
pub fn change(meeting: RwSignal<Option<Meeting>>, f: impl FnOnce(&mut Meeting)) {
    meeting.update(|m| f(m.get_or_insert_with(|| Meeting::new(Utc::now()))));
}
