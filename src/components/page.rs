//! The top of every page: its one `h1` and the browser tab's title.

use leptos::prelude::*;

use crate::browser::set_title;

/// A page's heading; also names the browser tab after it.
#[component]
pub fn PageTitle(#[prop(into)] title: Signal<String>) -> impl IntoView {
    Effect::new(move |_| set_title(&title.get()));
    view! { <h1 id="page-title" tabindex="-1">{title}</h1> }
}
