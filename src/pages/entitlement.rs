//! One entitlement: what it is, who can get it, how, and where the facts come from.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::pages::not_found::NotFound;

/// An entitlement page, `/offer/:id`.
#[component]
pub fn EntitlementPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default();
            let Some(e) = offer.entitlement(&id).cloned() else {
                return view! { <NotFound/> }.into_any();
            };
            let category = offer.category(&e.category).map(|c| (c.id.clone(), c.title.clone()));
            let paragraphs = e
                .details
                .split("\n\n")
                .map(|p| view! { <p>{p.trim().to_string()}</p> })
                .collect_view();
            let steps = e.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view();
            let checked = e.last_checked.format("%-d %B %Y").to_string();
            view! {
                {category.map(|(cid, title)| view! {
                    <p class="breadcrumb"><A href=format!("/offer/category/{cid}")>{title}</A></p>
                })}
                <PageTitle title=e.title.clone()/>
                <p class="lead">{e.summary.clone()}</p>
                {paragraphs}
                <Show when={let has = !e.steps.is_empty(); move || has}>
                    <h2>"How to get it"</h2>
                </Show>
                <ol class="steps">{steps}</ol>
                <p class="source">
                    "Where this comes from: "
                    <a href=e.source.url.clone() rel="noopener">{e.source.title.clone()}</a>
                    ". Checked on " {checked} "."
                </p>
            }
            .into_any()
        }/>
    }
}
