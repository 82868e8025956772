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
                    "The offer was updated on " {at.format("%-d %B %Y at %-I:%M%P").to_string()} ". "
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
                Some(at) => format!("Offer last refreshed on this phone: {}", at.format("%-d %B %Y, %-I:%M%P")),
                None => "The offer has not been saved on this phone yet.".to_string(),
            }}
        </p>
    }
}
