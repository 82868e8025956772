//! Contacts: who to call, and when.

use leptos::prelude::*;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;

/// The list of contacts.
#[component]
pub fn Contacts() -> impl IntoView {
    view! {
        <PageTitle title="Contacts"/>
        <WithOffer children=|offer| {
            offer
                .contacts
                .iter()
                .map(|c| {
                    let phone = c.phone.clone().map(|p| {
                        let tel = format!("tel:{}", p.replace(' ', ""));
                        view! { <p><a href=tel class="button">"Call " {p}</a></p> }
                    });
                    view! {
                        <section class="card">
                            <h2>{c.name.clone()}</h2>
                            <p>{c.when.clone()}</p>
                            <p>{c.hours.clone()}</p>
                            {phone}
                        </section>
                    }
                })
                .collect_view()
        }/>
    }
}
