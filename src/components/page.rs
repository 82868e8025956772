//! The top of every page: its one `h1` and the browser tab's title.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use crate::browser::set_title;
use crate::i18n::tf;

/// False until the first page has been shown; later pages move focus to their heading.
static SHOWN_A_PAGE: AtomicBool = AtomicBool::new(false);

/// What a page drawn by the server tells it beside its HTML (`drawn`): the tab's title (in a
/// browser an effect names the tab, and a server runs no effects), and whether it is the page
/// for an address the app does not know. Absent in a browser.
#[derive(Clone, Default)]
pub struct ForServer {
    pub title: ArcRwSignal<Option<String>>,
    pub not_found: ArcRwSignal<bool>,
}

/// A page's heading; also names the browser tab after it.
#[component]
pub fn PageTitle(
    #[prop(into)] title: Signal<String>,
    /// The title's `lang` when it differs from the page's (`crate::i18n::english_unless`).
    #[prop(optional, into)]
    lang: Signal<Option<&'static str>>,
) -> impl IntoView {
    // Each page names the tab after itself ("Money | Local Offer").
    let tab_title = move || tf("browser.title", &[("page", &title.get())]);
    if let Some(for_server) = use_context::<ForServer>() {
        for_server.title.set(Some(untrack(tab_title)));
    }
    Effect::new(move |_| set_title(&tab_title()));
    let heading = NodeRef::<leptos::html::H1>::new();
    // A screen reader hears nothing when a single-page app changes page; moving focus to
    // the new heading announces it. The first page keeps the browser's normal start.
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            if SHOWN_A_PAGE.swap(true, Ordering::Relaxed) {
                let _ = h1.focus();
            }
        }
    });
    view! { <h1 id="page-title" tabindex="-1" node_ref=heading lang=move || lang.get()>{title}</h1> }
}
