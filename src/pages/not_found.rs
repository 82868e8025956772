//! The page for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page::{ForServer, PageTitle};
use crate::i18n::t;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    // A server sends it as "404 Not Found", so a link checker or a search engine knows too.
    if let Some(for_server) = use_context::<ForServer>() {
        for_server.not_found.set(true);
    }
    view! {
        <PageTitle title=t("not_found.title")/>
        <p>{t("not_found.lead")}</p>
        <p><A href="/">{t("not_found.home")}</A></p>
    }
}
