//! Groups: peer support and participation groups a care leaver can join, with when and
//! where they meet, who to ask, and a button that starts the "join a group" message with
//! the group already chosen.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::{Group, Offer};

use crate::components::contact_links::ContactButtons;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::sessions::SessionTable;
use crate::i18n::{t, tf};

/// The groups page.
#[component]
pub fn Groups() -> impl IntoView {
    view! {
        <PageTitle title=t("groups.title")/>
        <p class="lead">{t("groups.lead")}</p>
        <WithOffer children=|offer| {
            if offer.groups.is_empty() {
                return view! { <p>{t("groups.none")}</p> }.into_any();
            }
            let groups = offer
                .groups
                .iter()
                .cloned()
                .map(|g| view! { <GroupCard group=g offer=offer.clone()/> })
                .collect_view();
            view! {
                <ul class="card-list group-list">{groups}</ul>
                <p>{t("groups.start_own")}" "<A href="/have-your-say/start-group">{t("groups.tell_us")}</A></p>
            }
            .into_any()
        }/>
    }
}

/// One group: what it is, who it is for, when and where, and how to join.
#[component]
fn GroupCard(group: Group, offer: std::sync::Arc<Offer>) -> impl IntoView {
    let meetings = (!group.sessions.is_empty()).then(|| {
        let name = group.name.clone();
        let caption = Signal::derive(move || tf("groups.every_week", &[("group", &name)]));
        view! { <SessionTable sessions=group.sessions.clone() caption=caption what_lang=crate::i18n::english_here()/> }
    });
    let ask = match group.contact.as_deref() {
        Some("pa") => Some(view! { <p>{t("groups.ask_pa")}</p> }.into_any()),
        Some(id) => offer.contact(id).cloned().map(|c| {
            let name = c.name.clone();
            view! {
                <p>{move || tf("groups.ask", &[("name", &name)])}</p>
                <ContactButtons contact=c/>
            }
            .into_any()
        }),
        None => None,
    };
    // A group's own words are only ever in English.
    let english = crate::i18n::english_here();
    let join = format!("/have-your-say/join-group?group={}", group.id);
    let group_name = group.name.clone();
    let join_label = move || tf("groups.ask_to_join", &[("group", &group_name)]);
    view! {
        <li class="card group-card">
            <h2 lang=english>{group.name.clone()}</h2>
            <p lang=english>{group.summary.clone()}</p>
            <h3>{t("groups.who_for")}</h3>
            <p lang=english>{group.for_whom.clone()}</p>
            <h3>{t("groups.where_when")}</h3>
            <p lang=english>{group.place.clone()}</p>
            <p lang=english>{group.when.clone()}</p>
            {meetings}
            <h3>{t("groups.how_to_join")}</h3>
            <p lang=english>{group.how_to_join.clone()}</p>
            {ask}
            <p><A href=join attr:class="button button-primary">{join_label}</A></p>
        </li>
    }
}
