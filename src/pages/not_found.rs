//! The page for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page::PageTitle;
use crate::i18n::t;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle title=t("not_found.title")/>
        <p>{t("not_found.lead")}</p>
        <p><A href="/">{t("not_found.home")}</A></p>
    }
}
