//! An entitlement as a card in a list, and the star that saves it to "My list".

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::eligibility::age_label_in;
use offer_core::money::describe_amount_and_when_in;
use offer_core::Entitlement;

use crate::i18n::{tf, tr};
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
    let (title, summary) = {
        let e = entitlement.clone();
        let f = entitlement.clone();
        (
            move || crate::i18n::entitlement_title(&e),
            move || crate::i18n::entitlement_summary(&f),
        )
    };
    // Both show in English on a page in another language until they are translated.
    let in_english = {
        let e = entitlement.clone();
        move || crate::i18n::lang_of(&e)
    };
    let amount = entitlement
        .amount
        .as_ref()
        .map(|a| crate::i18n::with_words(|w| describe_amount_and_when_in(w, a)));
    let badge =
        badge.or_else(|| crate::i18n::with_words(|w| age_label_in(w, &entitlement.eligibility)));
    view! {
        <li class="card entitlement-card">
            <h3 lang=in_english.clone()><A href=href>{title}</A></h3>
            <p lang=in_english>{summary}</p>
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
        let key = if saved.get() {
            "entitlement_card.saved_label"
        } else {
            "entitlement_card.save_label"
        };
        tf(key, &[("title", &title)])
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
            {move || tr(if saved.get() { "entitlement_card.saved" } else { "entitlement_card.save" })}
        </button>
    }
}
