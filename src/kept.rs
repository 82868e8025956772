//! Things the phone keeps for the young person (saved items, their PA, their answers).
//!
//! Every key carries a version (`local-offer.v1.*`), so a later app can migrate old data
//! instead of throwing it away. Nothing here is ever sent anywhere.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::browser::storage;

/// Written once at start to learn whether the phone lets us keep anything.
const PROBE_KEY: &str = "local-offer.v1.probe";
/// The young person's saved entitlements ("My list").
pub const SAVED_KEY: &str = "local-offer.v1.saved";
/// Their own personal adviser's details.
pub const MY_PA_KEY: &str = "local-offer.v1.my-pa";
/// Their answers to "What can I get?".
pub const PROFILE_KEY: &str = "local-offer.v1.profile";

/// Whether the phone is letting us keep things; false in some private modes or when full.
#[derive(Clone, Copy)]
pub struct StorageHealth {
    /// False once a write has failed.
    pub ok: RwSignal<bool>,
}

impl StorageHealth {
    /// Checks that local storage can be written at all.
    pub fn probe() -> StorageHealth {
        let ok = storage::set(PROBE_KEY, &true);
        StorageHealth {
            ok: RwSignal::new(ok),
        }
    }
}

/// A signal loaded from local storage under `key` and written back whenever it changes.
pub fn kept<T>(key: &'static str) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Clone + Default + PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(storage::get::<T>(key).unwrap_or_default());
    let health = use_context::<StorageHealth>();
    Effect::new(move |previous: Option<T>| {
        let value = signal.get();
        if previous.as_ref() != Some(&value) && previous.is_some() {
            let written = storage::set(key, &value);
            if let Some(h) = health {
                if !written {
                    h.ok.set(false);
                }
            }
        }
        value
    });
    signal
}

/// The young person's own PA, saved on the phone only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPa {
    /// Their PA's name.
    pub name: String,
    /// Their PA's phone number.
    pub phone: String,
    /// Their PA's email address.
    pub email: String,
}

impl MyPa {
    /// True when nothing has been saved.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.phone.is_empty() && self.email.is_empty()
    }
}

/// Everything kept on the phone, provided once by the app.
#[derive(Clone, Copy)]
pub struct Kept {
    /// Saved entitlement ids, in the order they were saved.
    pub saved: RwSignal<Vec<String>>,
    /// The young person's PA.
    pub my_pa: RwSignal<MyPa>,
    /// Answers to "What can I get?".
    pub profile: RwSignal<offer_core::eligibility::Profile>,
}

impl Kept {
    /// Loads everything the phone has kept.
    pub fn load() -> Kept {
        Kept {
            saved: kept(SAVED_KEY),
            my_pa: kept(MY_PA_KEY),
            profile: kept(PROFILE_KEY),
        }
    }

    /// Nothing kept, and nothing written anywhere: for drawing a page as someone who has
    /// never used the app would see it.
    pub fn nothing() -> Kept {
        Kept {
            saved: RwSignal::new(Vec::new()),
            my_pa: RwSignal::new(MyPa::default()),
            profile: RwSignal::new(Default::default()),
        }
    }

    /// Stars or unstars an entitlement.
    pub fn toggle_saved(&self, id: &str) {
        self.saved.update(|saved| {
            if let Some(at) = saved.iter().position(|s| s == id) {
                saved.remove(at);
            } else {
                saved.push(id.to_string());
            }
        });
    }
}

/// What the phone keeps, provided by the app.
pub fn use_kept() -> Kept {
    expect_context::<Kept>()
}
