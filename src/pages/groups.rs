//! Groups: peer support and participation groups a care leaver can join, with when and
//! where they meet, who to ask, and a button that starts the "join a group" message with
//! the group already chosen.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::opening_hours::weekday_name as day_name;
use offer_core::{Group, Offer};

use crate::components::contact_links::ContactButtons;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::pages::hub::times;

/// The groups page.
#[component]
pub fn Groups() -> impl IntoView {
    view! {
        <PageTitle title="Groups you can join"/>
        <p class="lead">"Meet other young people, share what you know and help change things."</p>
        <WithOffer children=|offer| {
            if offer.groups.is_empty() {
                return view! { <p>"There are no groups listed yet. Ask your PA about groups near you."</p> }.into_any();
            }
            let groups = offer
                .groups
                .iter()
                .cloned()
                .map(|g| view! { <GroupCard group=g offer=offer.clone()/> })
                .collect_view();
            view! {
                <ul class="card-list group-list">{groups}</ul>
                <p>"Want to start a group of your own? " <A href="/have-your-say/start-group">"Tell us about it"</A></p>
            }
            .into_any()
        }/>
    }
}

/// One group: what it is, who it is for, when and where, and how to join.
#[component]
fn GroupCard(group: Group, offer: std::sync::Arc<Offer>) -> impl IntoView {
    let mut sessions = group.sessions.clone();
    sessions.sort_by_key(|s| (s.day.num_days_from_monday(), s.start));
    let meetings = (!sessions.is_empty()).then(|| {
        let rows = sessions
            .iter()
            .map(|s| {
                view! {
                    <tr>
                        <th scope="row">{day_name(s.day)}</th>
                        <td>{times(s)}</td>
                        <td>{s.what.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let caption = format!("Every week: {}", group.name);
        view! {
            <table class="hub-sessions">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Time"</th><th scope="col">"What happens"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let ask = match group.contact.as_deref() {
        Some("pa") => Some(view! { <p>"Ask your PA about it."</p> }.into_any()),
        Some(id) => offer.contact(id).cloned().map(|c| {
            view! {
                <p>"Ask " {c.name.clone()} ":"</p>
                <ContactButtons contact=c/>
            }
            .into_any()
        }),
        None => None,
    };
    let join = format!("/have-your-say/join-group?group={}", group.id);
    view! {
        <li class="card group-card">
            <h2>{group.name.clone()}</h2>
            <p>{group.summary.clone()}</p>
            <h3>"Who it is for"</h3>
            <p>{group.for_whom.clone()}</p>
            <h3>"Where and when"</h3>
            <p>{group.place.clone()}</p>
            <p>{group.when.clone()}</p>
            {meetings}
            <h3>"How to join"</h3>
            <p>{group.how_to_join.clone()}</p>
            {ask}
            <p><A href=join attr:class="button button-primary">"Ask to join " {group.name.clone()}</A></p>
        </li>
    }
}
