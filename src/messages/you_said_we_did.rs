//! "You said, we did": what young people told the service and what it did about it.
//!
//! The entries come down with the offer, so they show offline like the rest of it.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::answers::{ItemRef, YouSaidWeDid};
use offer_core::Offer;

/// Where the app shows an item an entry is about (groups have no page of their own).
fn item_href(item: &ItemRef) -> Option<String> {
    match item {
        ItemRef::Entitlement(id) => Some(format!("/offer/{id}")),
        ItemRef::Hub(id) => Some(format!("/hubs/{id}")),
        ItemRef::Group(_) => None,
    }
}

/// A section of entries under the heading "You said, we did"; nothing when there are none.
/// `show_about` names what each entry is about (on "Have your say", not on the item's page).
#[component]
pub fn YouSaidWeDidSection(
    entries: Vec<YouSaidWeDid>,
    offer: std::sync::Arc<Offer>,
    #[prop(optional)] show_about: bool,
) -> impl IntoView {
    if entries.is_empty() {
        return None;
    }
    let items = entries
        .into_iter()
        .map(|e| {
            let about = e.about.as_ref().filter(|_| show_about).and_then(|item| {
                let name = offer.item_name(item)?.to_string();
                Some(match item_href(item) {
                    Some(href) => view! { " About: " <A href=href>{name}</A> }.into_any(),
                    None => view! { " About: " {name} }.into_any(),
                })
            });
            let date = offer_core::dates::long_date(e.date);
            view! {
                <li class="card said-did">
                    <p><strong>"You said: "</strong>{e.said}</p>
                    <p><strong>"We did: "</strong>{e.did}</p>
                    <p class="hint">"Done on " {date} "." {about}</p>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="you-said-we-did">
            <h2 id="you-said-we-did">"You said, we did"</h2>
            <p>"What young people told us, and what we changed because of it."</p>
            <ul class="card-list">{items}</ul>
        </section>
    })
}
