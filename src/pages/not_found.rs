//! The page for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page::PageTitle;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle title="Page not found"/>
        <p>"We couldn't find that page. It may have moved."</p>
        <p><A href="/">"Go to the home page"</A></p>
    }
}
