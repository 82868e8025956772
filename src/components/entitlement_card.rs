//! An entitlement as a card in a list, and the star that saves it to "My list".

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::eligibility::age_label;
use offer_core::money::describe_amount_and_when;
use offer_core::Entitlement;

use crate::kept::use_kept;

/// A card linking to an entitlement, with its amount (and when it applies) and age label.
#[component]
pub fn EntitlementCard(
    entitlement: Entitlement,
    /// An extra label such as "From 18".
    #[prop(optional, into)]
    badge: Option<String>,
) -> impl IntoView {
    let href = format!("/offer/{}", entitlement.id);
    let title = entitlement.title.clone();
    let amount = entitlement.amount.as_ref().map(describe_amount_and_when);
    let badge = badge.or_else(|| age_label(&entitlement.eligibility));
    view! {
        <li class="card entitlement-card">
            <h3><A href=href>{title}</A></h3>
            <p>{entitlement.summary.clone()}</p>
            <p class="tags">
                {amount.map(|a| view! { <span class="tag tag-money">{a}</span> })}
                {badge.map(|b| view! { <span class="tag">{b}</span> })}
            </p>
        </li>
    }
}

/// A star button that keeps an entitlement in "My list" on the phone.
#[component]
pub fn SaveButton(id: String, title: String) -> impl IntoView {
    let kept = use_kept();
    let id_for_check = id.clone();
    let saved = Memo::new(move |_| kept.saved.get().contains(&id_for_check));
    let label = move || {
        if saved.get() {
            format!("Saved to My list: {title}")
        } else {
            format!("Save to My list: {title}")
        }
    };
    view! {
        <button
            type="button"
            class="button save-button"
            aria-pressed=move || if saved.get() { "true" } else { "false" }
            aria-label=label
            on:click=move |_| kept.toggle_saved(&id)
        >
            <span aria-hidden="true">{move || if saved.get() { "★ " } else { "☆ " }}</span>
            {move || if saved.get() { "Saved" } else { "Save" }}
        </button>
    }
}
