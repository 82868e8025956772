//! Small notices about the app itself: a new version, a newer offer, when it was refreshed.

use leptos::prelude::*;

use crate::offer_state::use_offer;
use crate::service_worker::SwState;

/// "A new version is ready: Refresh". Never reloads by itself, so nobody loses what they type.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let sw = expect_context::<SwState>();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            <Show when=move || sw.update_ready.get()>
                <p class="notice" id="update-prompt">
                    "A new version is ready. "
                    <button type="button" class="button button-small" on:click=move |_| sw.apply_update()>
                        "Refresh"
                    </button>
                </p>
            </Show>
        </div>
    }
}

/// "The offer was updated on ...", when a newer offer arrived while the app was open.
#[component]
pub fn OfferUpdatedNotice() -> impl IntoView {
    let offer = use_offer();
    let when = offer.updated_in_place();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            {move || when.get().map(|at| view! {
                <p class="notice" id="offer-updated">
                    "The offer was updated on " {format!("{} at {}", offer_core::dates::long_date(at.date_naive()), offer_core::dates::clock_12_hour(at.time()))} ". "
                    <button type="button" class="button button-small" on:click=move |_| offer.dismiss_update_notice()>
                        "OK"
                    </button>
                </p>
            })}
        </div>
    }
}

/// When this phone last got the offer, shown at the foot of every page.
#[component]
pub fn LastRefreshed() -> impl IntoView {
    let refreshed = use_offer().refreshed();
    view! {
        <p class="last-refreshed">
            {move || match refreshed.get() {
                Some(at) => format!("Offer last refreshed on this phone: {}, {}", offer_core::dates::long_date(at.date_naive()), offer_core::dates::clock_12_hour(at.time())),
                None => "The offer has not been saved on this phone yet.".to_string(),
            }}
        </p>
    }
}

/// Says plainly what will not be kept when the phone blocks storage or offline use.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let health = expect_context::<crate::kept::StorageHealth>();
    let no_offline = web_sys::window()
        .map(|w| {
            let navigator = wasm_bindgen::JsValue::from(w.navigator());
            !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false)
        })
        .unwrap_or(true);
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            <Show when=move || !health.ok.get()>
                <p class="notice" id="storage-notice">
                    "This phone is not letting the app keep things (this can happen in private browsing or when the phone is full). "
                    "The offer still works while you have signal, but your saved list, your answers and your PA's details will not be kept."
                </p>
            </Show>
            <Show when=move || no_offline>
                <p class="notice">"This browser can't keep the offer for when you have no signal. It still works while you are online."</p>
            </Show>
        </div>
    }
}

/// Asks the browser to keep our data even when the phone runs low on space.
pub fn ask_for_persistent_storage() {
    if let Some(window) = web_sys::window() {
        if let Ok(promise) = window.navigator().storage().persist() {
            // The answer changes nothing we do; the request alone protects the offline copy.
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}
