//! Tap-to-call, text and email links, written the same way everywhere.

use leptos::prelude::*;
use offer_core::Contact;

use crate::i18n::{t, tf, tr};

/// A phone number as a link needs it: digits and `+` only ("0300 123 5012" -> "03001235012").
fn dialable(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

/// `tel:` form of a UK phone number as people write it ("0300 123 5012" -> "tel:03001235012").
pub fn tel_href(number: &str) -> String {
    format!("tel:{}", dialable(number))
}

/// `sms:` form of a number.
pub fn sms_href(number: &str) -> String {
    format!("sms:{}", dialable(number))
}

/// `text` cut at its `{name}` placeholder: what comes before the value and what comes after,
/// so the value can be an element of its own wherever the language puts it.
pub fn split_at_placeholder(text: &str, name: &str) -> (String, String) {
    let placeholder = format!("{{{name}}}");
    match text.split_once(&placeholder) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text.to_string(), String::new()),
    }
}

/// The message `key` with `value` in place of its `{name}`, the value in its own
/// `<bdi dir="ltr">` so a phone number or an email address keeps its order in right-to-left
/// text: "Call 0300 123 5012".
pub fn with_ltr_value(key: &'static str, name: &'static str, value: String) -> impl IntoView {
    let before = move || split_at_placeholder(&tr(key), name).0;
    let after = move || split_at_placeholder(&tr(key), name).1;
    view! { {before}<bdi dir="ltr">{value}</bdi>{after} }
}

/// The message `key` with the offer's `value` in place of its `{name}`, the value marked with
/// its own language (`lang`, as `crate::i18n::lang_of` gives it): an English title inside
/// Arabic words is read by a screen reader with an English voice.
pub fn with_value_in(
    key: &'static str,
    name: &'static str,
    value: String,
    lang: Option<&'static str>,
) -> impl IntoView {
    let before = move || split_at_placeholder(&tr(key), name).0;
    let after = move || split_at_placeholder(&tr(key), name).1;
    view! { {before}<span lang=lang>{value}</span>{after} }
}

/// The ways to reach a contact from the offer, as large buttons.
#[component]
pub fn ContactButtons(contact: Contact) -> impl IntoView {
    let name = contact.name.clone();
    let call = contact.phone.clone().map(|p| {
        // The visible words come first in the name, so voice control ("tap Call 0300...") works.
        let (number, name) = (p.clone(), name.clone());
        let label = move || tf("contact_links.call_label", &[("number", &number), ("name", &name)]);
        view! { <a class="button" href=tel_href(&p) aria-label=label>{with_ltr_value("contact_links.call", "number", p.clone())}</a> }
    });
    let text = contact.text.clone().map(|n| {
        let (number, name) = (n.clone(), name.clone());
        let label = move || tf("contact_links.text_label", &[("number", &number), ("name", &name)]);
        view! { <a class="button" href=sms_href(&n) aria-label=label>{with_ltr_value("contact_links.text", "number", n.clone())}</a> }
    });
    let email = contact.email.clone().map(|e| {
        let href = format!("mailto:{e}");
        view! { <a class="button" href=href>{with_ltr_value("contact_links.email", "address", e.clone())}</a> }
    });
    let web = contact.web.clone().map(|w| {
        let label = move || tf("contact_links.website_label", &[("name", &name)]);
        view! { <a class="button" href=w rel="noopener" aria-label=label>{t("contact_links.website")}</a> }
    });
    view! { <p class="contact-buttons">{call}{text}{email}{web}</p> }
}
