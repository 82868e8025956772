//! Search the offer, offline, as the young person types.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use offer_core::search::SearchIndex;
use offer_core::ContactKind;

use crate::components::entitlement_card::EntitlementCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::{t, tc, tf};
use crate::pages::contacts::ContactCard;

/// The search page, `/search?q=...` (the address can be shared).
#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let asked = query_map.get_untracked().get("q").unwrap_or_default(); // not shown
    let query = RwSignal::new(asked.clone());
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        query.set(text.clone());
        let encoded = offer_core::uri::component(&text);
        navigate(
            &format!("/search?q={encoded}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    // `value` as well as the property: a page drawn as HTML (by a server, in time) shows what
    // was asked before any WASM runs; the property follows typing.
    view! {
        <PageTitle title=t("search.title")/>
        <form role="search" action="/search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input" class="field-label">{t("search.label")}</label>
            <p class="hint" id="search-hint">{t("search.hint")}</p>
            <input id="search-input" type="search" name="q" autocomplete="off" aria-describedby="search-hint"
                value=asked prop:value=move || query.get() on:input=on_input/>
        </form>
        <WithOffer children=move |offer| {
            // Index once per offer, so every keystroke only scores words.
            let index = SearchIndex::new(&offer);
            move || {
                let q = query.get();
                if q.trim().is_empty() {
                    return ().into_any();
                }
                let hits = index.search(&offer, &q);
                if hits.is_empty() {
                    let helpers = offer
                        .contacts
                        .iter()
                        .filter(|c| matches!(c.kind, ContactKind::Team | ContactKind::Duty))
                        .cloned()
                        .map(|c| view! { <ContactCard contact=c/> })
                        .collect_view();
                    return view! {
                        <div role="status">
                            <h2>{tf("search.nothing_found", &[("query", &q)])}</h2>
                        </div>
                        <p>{t("search.try_other_words")}</p>
                        {helpers}
                    }
                    .into_any();
                }
                let count = hits.len();
                let cards = hits
                    .into_iter()
                    .map(|h| view! { <EntitlementCard entitlement=h.entitlement.clone()/> })
                    .collect_view();
                view! {
                    <h2 role="status">{tc("search.results", count as u64, &[])}</h2>
                    <ul class="card-list" id="search-results">{cards}</ul>
                }
                .into_any()
            }
        }/>
    }
}
