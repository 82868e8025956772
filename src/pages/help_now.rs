//! "I need help now": 999, the out-of-hours team and a listening line, from every page.

use leptos::prelude::*;
use offer_core::eligibility::contacts_by_district;
use offer_core::ContactKind;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::t;
use crate::pages::contacts::ContactCard;

/// The help now page.
#[component]
pub fn HelpNow() -> impl IntoView {
    let profile = crate::kept::use_kept().profile;
    view! {
        <PageTitle title=t("help_now.title")/>
        <div class="danger-box">
            <p><strong>{t("help_now.danger")}</strong></p>
            <p><a class="button button-danger" href="tel:999">{t("help_now.call_999")}</a></p>
        </div>
        <WithOffer children=move |offer| {
            // Out-of-hours first, then the listening lines: the order people need them at night.
            // A district's own line shows unless they said they live in another district.
            let (here, _) = contacts_by_district(&offer.contacts, &profile.get_untracked());
            let mut contacts: Vec<_> = here
                .into_iter()
                .filter(|c| matches!(c.kind, ContactKind::OutOfHours | ContactKind::Duty | ContactKind::Helpline))
                .cloned()
                .collect();
            contacts.sort_by_key(|c| match c.kind {
                ContactKind::OutOfHours => 0,
                ContactKind::Duty => 1,
                _ => 2,
            });
            contacts.into_iter().map(|c| view! { <ContactCard contact=c/> }).collect_view()
        }/>
    }
}
