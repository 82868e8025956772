//! Tap-to-call, text and email links, written the same way everywhere.

use leptos::prelude::*;
use offer_core::Contact;

/// `tel:` form of a UK phone number as people write it ("0300 123 5012" -> "tel:03001235012").
pub fn tel_href(number: &str) -> String {
    format!(
        "tel:{}",
        number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    )
}

/// `sms:` form of a number.
pub fn sms_href(number: &str) -> String {
    format!(
        "sms:{}",
        number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    )
}

/// The ways to reach a contact from the offer, as large buttons.
#[component]
pub fn ContactButtons(contact: Contact) -> impl IntoView {
    let name = contact.name.clone();
    let call = contact.phone.clone().map(|p| {
        // The visible words come first in the name, so voice control ("tap Call 0300...") works.
        let label = format!("Call {p}, {name}");
        view! { <a class="button" href=tel_href(&p) aria-label=label>"Call " {p.clone()}</a> }
    });
    let text = contact.text.clone().map(|t| {
        let label = format!("Text {t}, {name}");
        view! { <a class="button" href=sms_href(&t) aria-label=label>"Text " {t.clone()}</a> }
    });
    let email = contact.email.clone().map(|e| {
        let href = format!("mailto:{e}");
        view! { <a class="button" href=href>"Email " {e.clone()}</a> }
    });
    let web = contact.web.clone().map(|w| {
        let label = format!("Website, {name} (opens outside the app)");
        view! { <a class="button" href=w rel="noopener" aria-label=label>"Website"</a> }
    });
    view! { <p class="contact-buttons">{call}{text}{email}{web}</p> }
}
