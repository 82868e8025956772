//! The one shared copy of the offer that every page reads.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Local};
use leptos::prelude::*;
use leptos::task::spawn_local;
use offer_core::Offer;

use crate::api;

/// Where the phone notes when it last got the offer (versioned, like every key we keep).
const REFRESHED_KEY: &str = "local-offer.v1.offer-refreshed";

/// Where the offer is up to.
#[derive(Debug, Clone, PartialEq)]
pub enum OfferLoad {
    /// Still asking the server.
    Loading,
    /// Here it is.
    Ready(Arc<Offer>),
    /// It could not be fetched; the text says why, kindly.
    Failed(String),
}

/// Context holding the offer; pages read it, only `load` writes it.
#[derive(Clone, Copy)]
pub struct OfferState {
    state: RwSignal<OfferLoad>,
    /// `state` with the items' words in the chosen language put in (see `with_translations`).
    shown: Memo<OfferLoad>,
    refreshed: RwSignal<Option<DateTime<Local>>>,
    updated_in_place: RwSignal<Option<DateTime<Local>>>,
}

impl OfferState {
    /// Creates the state and starts the first fetch.
    pub fn start() -> OfferState {
        let refreshed = crate::browser::storage::get::<String>(REFRESHED_KEY)
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|d| d.with_timezone(&Local));
        let state = RwSignal::new(OfferLoad::Loading);
        let this = OfferState {
            state,
            shown: shown(state),
            refreshed: RwSignal::new(refreshed),
            updated_in_place: RwSignal::new(None),
        };
        this.load();
        this
    }

    /// A state that already has `offer` and asks for nothing: for drawing a page where
    /// there is no network to ask (a test, and in time the server).
    pub fn ready(offer: impl Into<Arc<Offer>>) -> OfferState {
        let state = RwSignal::new(OfferLoad::Ready(offer.into()));
        OfferState {
            state,
            shown: shown(state),
            refreshed: RwSignal::new(None),
            updated_in_place: RwSignal::new(None),
        }
    }

    /// The state as a read-only signal.
    pub fn get(&self) -> Signal<OfferLoad> {
        self.shown.into()
    }

    /// The offer when it has arrived.
    pub fn offer(&self) -> Option<Arc<Offer>> {
        match self.shown.get() {
            OfferLoad::Ready(offer) => Some(offer),
            _ => None,
        }
    }

    /// When this phone last received the offer from the server (or its cache).
    pub fn refreshed(&self) -> Signal<Option<DateTime<Local>>> {
        self.refreshed.read_only().into()
    }

    /// Set when a newer offer replaced the one on screen, for "The offer was updated".
    pub fn updated_in_place(&self) -> Signal<Option<DateTime<Local>>> {
        self.updated_in_place.read_only().into()
    }

    /// Hides the "updated" notice.
    pub fn dismiss_update_notice(&self) {
        self.updated_in_place.set(None);
    }

    /// Fetches the offer again (after a failure, or when a newer one is known to exist).
    pub fn load(&self) {
        let this = *self;
        if !matches!(this.state.get_untracked(), OfferLoad::Ready(_)) {
            this.state.set(OfferLoad::Loading);
        }
        spawn_local(async move {
            match api::fetch_offer().await {
                Ok(offer) => {
                    // Reading the offer and drawing it are each heavy on a slow phone: in
                    // separate tasks, the browser can answer a tap between the two.
                    crate::browser::next_task().await;
                    this.accept(offer)
                }
                Err(error) => {
                    // Keep a copy we already have rather than replace it with an error.
                    if !matches!(this.state.get_untracked(), OfferLoad::Ready(_)) {
                        this.state.set(OfferLoad::Failed(error.to_string()));
                    }
                }
            }
        });
    }

    fn accept(&self, offer: Offer) {
        let now = Local::now();
        if let OfferLoad::Ready(current) = self.state.get_untracked() {
            // Compare it all, not just `version`: "You said, we did" entries come from the
            // service's database and change the offer without changing the content's version.
            if *current == offer {
                return;
            }
            self.updated_in_place.set(Some(now));
        }
        self.state.set(OfferLoad::Ready(Arc::new(offer)));
        self.refreshed.set(Some(now));
        // A preview of the staff's draft leaves nothing on the phone.
        if !crate::preview::is_preview() {
            // Not being able to note the time (private mode, full storage) changes nothing else.
            let _ = crate::browser::storage::set(REFRESHED_KEY, &now.to_rfc3339());
        }
    }
}

/// The offer as pages show it: `state` with the items' words in the chosen language put in.
fn shown(state: RwSignal<OfferLoad>) -> Memo<OfferLoad> {
    Memo::new(move |_| match state.get() {
        OfferLoad::Ready(offer) => {
            OfferLoad::Ready(with_translations(offer, crate::i18n::item_translations()))
        }
        other => other,
    })
}

/// The offer with its items' words in the chosen language put into their `translations`,
/// where the rest of the app (titles, search, "out of date") finds them; a server drawing a
/// page uses it too.
pub fn with_translations(offer: Arc<Offer>, items: Option<Arc<crate::i18n::Items>>) -> Arc<Offer> {
    let Some(items) = items.filter(|i| {
        !(i.entitlements.is_empty()
            && i.contacts.is_empty()
            && i.hubs.is_empty()
            && i.categories.is_empty())
    }) else {
        return offer;
    };
    let code = &items.code;
    let mut merged = (*offer).clone();
    for e in &mut merged.entitlements {
        put(&mut e.translations, code, items.entitlements.get(&e.id));
    }
    for c in &mut merged.contacts {
        put(&mut c.translations, code, items.contacts.get(&c.id));
    }
    for h in &mut merged.hubs {
        put(&mut h.translations, code, items.hubs.get(&h.id));
    }
    for c in &mut merged.categories {
        put(&mut c.translations, code, items.categories.get(&c.id));
    }
    Arc::new(merged)
}

/// Puts one item's words in `code` among its translations, when there are some.
fn put<T: Clone>(translations: &mut BTreeMap<String, T>, code: &str, words: Option<&T>) {
    if let Some(words) = words {
        translations.insert(code.to_string(), words.clone());
    }
}

/// The offer state provided by the app.
pub fn use_offer() -> OfferState {
    expect_context::<OfferState>()
}
