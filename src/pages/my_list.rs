//! "My list": the entitlements the young person starred, kept on the phone.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::entitlement_card::EntitlementCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::t;
use crate::kept::use_kept;

/// The saved list.
#[component]
pub fn MyList() -> impl IntoView {
    let kept = use_kept();
    view! {
        <PageTitle title=t("my_list.title")/>
        <p>{t("my_list.lead")}</p>
        <WithOffer children=move |offer| {
            move || {
                let items: Vec<_> = kept
                    .saved
                    .get()
                    .iter()
                    .filter_map(|id| offer.entitlement(id).cloned())
                    .collect();
                if items.is_empty() {
                    return view! {
                        <p>{t("my_list.empty_before")}<A href="/offer">{t("my_list.empty_link")}</A>{t("my_list.empty_after")}</p>
                    }
                    .into_any();
                }
                let cards = items.into_iter().map(|e| view! { <EntitlementCard entitlement=e/> }).collect_view();
                view! { <ul class="card-list" id="my-list">{cards}</ul> }.into_any()
            }
        }/>
    }
}
