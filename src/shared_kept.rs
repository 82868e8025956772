//! A value every open tab shares through the phone's storage: the outbox, and what the
//! service said about each message.
//!
//! Each change starts from what is stored (another tab may have just changed it) and is
//! written back. When the phone will not keep it (private mode, a full phone, a browser set to
//! block every site's data), this tab's own copy is the value from then on: a message written
//! in that tab is still shown and sent while the tab stays open, not dropped by reading back
//! an empty store.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::browser::storage;
use crate::kept::StorageHealth;

pub struct SharedKept<T: Send + Sync + 'static> {
    key: &'static str,
    /// The value as this tab last read or wrote it; what the pages show.
    pub shown: RwSignal<T>,
    /// False while the phone refuses to keep the value, so that `shown` is the only copy.
    kept: StoredValue<bool>,
    /// Told when a write fails, so the app can say what it will not keep. Looked up once,
    /// here, because changes also come from callbacks with no reactive owner.
    health: Option<StorageHealth>,
}

impl<T: Send + Sync + 'static> Clone for SharedKept<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for SharedKept<T> {}

impl<T> SharedKept<T>
where
    T: Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static,
{
    /// Reads the value kept under `key` (the default when there is none).
    pub fn load(key: &'static str) -> SharedKept<T> {
        SharedKept {
            key,
            shown: RwSignal::new(storage::get(key).unwrap_or_default()),
            kept: StoredValue::new(true),
            health: use_context::<StorageHealth>(),
        }
    }

    /// The value now: as stored, or this tab's copy while the phone is not keeping it.
    pub fn latest(&self) -> T {
        if self.kept.get_value() {
            storage::get(self.key).unwrap_or_default()
        } else {
            self.shown.get_untracked()
        }
    }

    /// Applies `f` to the latest value, keeps the result and shows it. Returns what `f` did.
    pub fn change<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut value = self.latest();
        let result = f(&mut value);
        let written = storage::set(self.key, &value);
        self.kept.set_value(written);
        if !written {
            if let Some(health) = self.health {
                health.ok.set(false);
            }
        }
        self.shown.set(value);
        result
    }

    /// Another tab wrote the value: show what it wrote. A tab whose own changes were not
    /// kept holds the only copy of them, and keeps it.
    pub fn reload(&self) {
        if self.kept.get_value() {
            self.shown.set(self.latest());
        }
    }
}
