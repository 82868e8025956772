//! A search box that opens the search page with what was typed.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::t;

/// "Search the offer" field and button.
#[component]
pub fn SearchBox() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = offer_core::uri::component(text.get().trim());
        navigate(&format!("/search?q={q}"), Default::default());
    };
    view! {
        // `action` and `name` are for a page the server drew, read before (or without) the app.
        <form role="search" class="search-box" action="/search" on:submit=on_submit>
            <label for="quick-search" class="field-label">{t("search_box.label")}</label>
            <div class="search-row">
                <input id="quick-search" type="search" name="q" autocomplete="off" bind:value=text/>
                <button type="submit" class="button">{t("search_box.button")}</button>
            </div>
        </form>
    }
}
