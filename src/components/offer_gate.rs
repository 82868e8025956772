//! Shows a page's content once the offer has arrived, and a kind message if it can't.

use std::sync::Arc;

use leptos::prelude::*;
use offer_core::Offer;

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
        OfferLoad::Loading => view! { <p class="loading" role="status">"Loading the offer…"</p> }.into_any(),
        OfferLoad::Failed(reason) => view! {
            <div class="problem" role="alert">
                <h2>"We couldn't load the offer"</h2>
                <p>{reason}</p>
                <p>"This is not your fault. Please try again in a moment."</p>
                <button type="button" class="button" on:click=move |_| state.load()>"Try again"</button>
            </div>
        }
        .into_any(),
    }
    }
}
