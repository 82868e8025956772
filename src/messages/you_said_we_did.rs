//! "You said, we did": what young people told the service and what it did about it.
//!
//! The entries come down with the offer, so they show offline like the rest of it.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::answers::{ItemRef, YouSaidWeDid};
use offer_core::Offer;

use crate::i18n::{english_here, t, tf};

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
                    Some(href) => {
                        view! { {t("you_said_we_did.about")} <A href=href>{name}</A> }.into_any()
                    }
                    None => view! { {t("you_said_we_did.about")} {name} }.into_any(),
                })
            });
            let date = e.date;
            let done_on = move || {
                tf(
                    "you_said_we_did.done_on",
                    &[("date", &crate::i18n::long_date(date))],
                )
            };
            view! {
                <li class="card said-did">
                    <p><strong>{t("you_said_we_did.you_said")}</strong><span lang=english_here>{e.said}</span></p>
                    <p><strong>{t("you_said_we_did.we_did")}</strong><span lang=english_here>{e.did}</span></p>
                    <p class="hint">{done_on} {about}</p>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="you-said-we-did">
            <h2 id="you-said-we-did">{t("you_said_we_did.title")}</h2>
            <p>{t("you_said_we_did.lead")}</p>
            <ul class="card-list">{items}</ul>
        </section>
    })
}
