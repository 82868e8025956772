//! Shows a page's content once the offer has arrived, and a kind message if it can't.

use std::sync::Arc;

use leptos::prelude::*;
use offer_core::Offer;

use crate::i18n::t;
use crate::offer_state::{use_offer, OfferLoad};

/// Renders `children` with the offer, or "Loading" / a retry while it is not here.
#[component]
pub fn WithOffer<F, V>(children: F) -> impl IntoView
where
    F: Fn(Arc<Offer>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = use_offer();
    let load = state.get();
    move || {
        match load.get() {
        OfferLoad::Ready(offer) => children(offer).into_any(),
        OfferLoad::Loading => view! { <p class="loading" role="status">{t("offer_gate.loading")}</p> }.into_any(),
        OfferLoad::Failed(reason) => view! {
            <div class="problem" role="alert">
                <h2>{t("offer_gate.failed")}</h2>
                <p>{reason}</p>
                <p>{t("offer_gate.not_your_fault")}</p>
                <button type="button" class="button" on:click=move |_| state.load()>{t("offer_gate.try_again")}</button>
            </div>
        }
        .into_any(),
    }
    }
}
