//! One hub: address, sessions, services and how to get there.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::pages::not_found::NotFound;

/// A hub page, `/hubs/:id`.
#[component]
pub fn HubPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default();
            let Some(hub) = offer.hub(&id).cloned() else {
                return view! { <NotFound/> }.into_any();
            };
            view! {
                <PageTitle title=hub.name.clone()/>
                <p>{hub.address.clone()} ", " {hub.town.clone()} " " {hub.postcode.clone()}</p>
            }
            .into_any()
        }/>
    }
}
