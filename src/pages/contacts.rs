//! Contacts: my PA, the leaving care team, out-of-hours help and national helplines.

use leptos::prelude::*;
use offer_core::eligibility::{contacts_by_district, districts_label_in};
use offer_core::message::About;
use offer_core::Translated as _;
use offer_core::{Contact, ContactKind};

use crate::components::contact_links::ContactButtons;
use crate::components::district_choice::DistrictChoice;
use crate::components::my_pa::MyPaCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::report_problem::ReportProblem;
use crate::i18n::{t, tf, with_words};
use crate::kept::use_kept;
use crate::messages::support_back::SupportBackLink;
use crate::offer_state::use_offer;

/// The contacts page.
#[component]
pub fn Contacts() -> impl IntoView {
    let profile = use_kept().profile;
    view! {
        <PageTitle title=t("contacts.title")/>
        <p class="lead">{t("contacts.lead")}</p>
        <MyPaCard/>
        <SupportBackLink/>
        <WithOffer children=move |offer| {
            let choice = view! { <DistrictChoice offer=offer.clone() profile=profile/> };
            let sections = move || {
                // Where they live decides which district teams come first; others wait below.
                let p = profile.get();
                let (here, elsewhere) = contacts_by_district(&offer.contacts, &p);
                let of = |kinds: &[ContactKind]| -> Vec<Contact> {
                    here.iter().filter(|c| kinds.contains(&c.kind)).map(|c| (*c).clone()).collect()
                };
                let other_districts = (!elsewhere.is_empty()).then(|| {
                    let cards = elsewhere
                        .into_iter()
                        .map(|c| view! { <ContactCard contact=c.clone()/> })
                        .collect_view();
                    view! {
                        <details class="other-districts">
                            <summary>{tf("districts.other_contacts", &[("area", &offer.council.area)])}</summary>
                            {cards}
                        </details>
                    }
                });
                view! {
                    <ContactSection heading="contacts.team" contacts=of(&[ContactKind::Team, ContactKind::Duty])/>
                    <ContactSection heading="contacts.out_of_hours" contacts=of(&[ContactKind::OutOfHours, ContactKind::Emergency])/>
                    <ContactSection heading="contacts.helplines" contacts=of(&[ContactKind::Helpline])/>
                    {other_districts}
                }
            };
            view! { {choice} {sections} }
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
    // "Only for young people who live in Pendle.": a district council's own team.
    let only_in = use_offer().offer().and_then(|offer| {
        with_words(|w| districts_label_in(w, &offer.council, &contact.districts))
    });
    // Its name is English; when to use it and its hours are until they are translated.
    let lang = crate::i18n::lang_of(&contact);
    view! {
        <div class="card" id=id>
            <h3 lang=crate::i18n::english_here>{contact.name.clone()}</h3>
            {only_in.map(|text| view! { <p class="only-in"><strong>{text}</strong></p> })}
            {crate::i18n::out_of_date_note(|code| contact.out_of_date_in(code))
                .or_else(|| crate::i18n::item_draft_note(|code| contact.draft_in(code)))
                .map(|note| view! { <p class="translation-note" role="note">{note}</p> })}
            <p lang=lang>{crate::i18n::contact_when(&contact)}</p>
            <p class="hours"><strong>{t("contacts.when")}" "</strong><span lang=lang>{crate::i18n::contact_hours(&contact)}</span></p>
            <ContactButtons contact=contact/>
            <ReportProblem about=about name=name/>
        </div>
    }
}
