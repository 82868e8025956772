//! Contacts: my PA, the leaving care team, out-of-hours help and national helplines.

use leptos::prelude::*;
use offer_core::message::About;
use offer_core::{Contact, ContactKind};

use crate::components::contact_links::ContactButtons;
use crate::components::my_pa::MyPaCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::report_problem::ReportProblem;
use crate::i18n::t;
use crate::messages::support_back::SupportBackLink;

/// The contacts page.
#[component]
pub fn Contacts() -> impl IntoView {
    view! {
        <PageTitle title=t("contacts.title")/>
        <p class="lead">{t("contacts.lead")}</p>
        <MyPaCard/>
        <SupportBackLink/>
        <WithOffer children=|offer| {
            let of = |kinds: &[ContactKind]| -> Vec<Contact> {
                offer.contacts.iter().filter(|c| kinds.contains(&c.kind)).cloned().collect()
            };
            view! {
                <ContactSection heading="contacts.team" contacts=of(&[ContactKind::Team, ContactKind::Duty])/>
                <ContactSection heading="contacts.out_of_hours" contacts=of(&[ContactKind::OutOfHours, ContactKind::Emergency])/>
                <ContactSection heading="contacts.helplines" contacts=of(&[ContactKind::Helpline])/>
            }
        }/>
    }
}

/// A heading (its catalogue key) and the contacts under it.
#[component]
fn ContactSection(heading: &'static str, contacts: Vec<Contact>) -> impl IntoView {
    let cards = contacts
        .into_iter()
        .map(|c| view! { <ContactCard contact=c/> })
        .collect_view();
    view! {
        <section>
            <h2>{t(heading)}</h2>
            {cards}
        </section>
    }
}

/// One contact: when to use it, when it answers, and how to reach it.
#[component]
pub fn ContactCard(contact: Contact) -> impl IntoView {
    let id = format!("contact-{}", contact.id);
    let about = About::Contact(contact.id.clone());
    let name = contact.name.clone();
    view! {
        <div class="card" id=id>
            <h3>{contact.name.clone()}</h3>
            <p>{contact.when.clone()}</p>
            <p class="hours"><strong>{t("contacts.when")}" "</strong>{contact.hours.clone()}</p>
            <ContactButtons contact=contact/>
            <ReportProblem about=about name=name/>
        </div>
    }
}
