//! Hubs: places care leavers can drop in to.

use leptos::prelude::*;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;

/// The list of hubs.
#[component]
pub fn Hubs() -> impl IntoView {
    view! {
        <PageTitle title="Hubs"/>
        <p class="lead">"Places you can drop in to for help and a chat."</p>
        <WithOffer children=|offer| {
            offer
                .hubs
                .iter()
                .map(|h| view! {
                    <section class="card">
                        <h2>{h.name.clone()}</h2>
                        <p>{h.address.clone()} ", " {h.town.clone()} " " {h.postcode.clone()}</p>
                    </section>
                })
                .collect_view()
        }/>
    }
}
