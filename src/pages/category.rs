//! One category of the offer and everything in it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use offer_core::Translated as _;

use crate::components::entitlement_card::EntitlementCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::pages::not_found::NotFound;

/// A category page, `/offer/category/:id`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default(); // not shown
            let Some(category) = offer.category(&id).cloned() else {
                return view! { <NotFound/> }.into_any();
            };
            let items = offer
                .in_category(&id)
                .cloned()
                .map(|e| view! { <EntitlementCard entitlement=e/> })
                .collect_view();
            let in_english = crate::i18n::lang_of(&category);
            view! {
                <PageTitle title=crate::i18n::category_title(&category) lang=in_english/>
                {crate::i18n::out_of_date_note(|code| category.out_of_date_in(code))
                    .or_else(|| crate::i18n::item_draft_note(|code| category.draft_in(code)))
                    .map(|note| view! { <p class="translation-note" role="note">{note}</p> })}
                <p class="lead" lang=in_english>{crate::i18n::category_summary(&category)}</p>
                <ul class="card-list">{items}</ul>
            }
            .into_any()
        }/>
    }
}
