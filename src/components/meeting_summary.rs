//! "What we talked about": a meeting's record, grouped, the same on the PA's device, the young
//! person's phone and paper.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::meeting::{who_to_ask, Asker, Record, SummaryItem};
use offer_core::money::describe_amount_and_when;
use offer_core::Offer;

use crate::components::contact_links::tel_href;

/// The record grouped into "Wants to apply" (with next steps and who to ask) and the rest.
#[component]
pub fn MeetingSummary(record: Record, offer: Arc<Offer>) -> impl IntoView {
    let summary = record.summary(&offer);
    let date = offer_core::dates::long_date(summary.date);
    if summary.is_empty() {
        return view! {
            <section class="meeting-summary" id="meeting-summary" aria-label="What we talked about">
                <p class="meeting-date">"Meeting on " {date}</p>
                <p>"Nothing was marked in this meeting."</p>
            </section>
        }
        .into_any();
    }
    let rows = |items: &[SummaryItem]| {
        items
            .iter()
            .map(|item| Row::of(item, &offer))
            .collect::<Vec<_>>()
    };
    let wants = rows(&summary.wants_to_apply);
    let wants_count = wants.len();
    let wants = wants.into_iter().map(wanted_item).collect_view();
    let group = |heading: &'static str, id: &'static str, items: Vec<Row>| {
        (!items.is_empty()).then(|| {
            let count = items.len();
            let rows = items
                .into_iter()
                .map(|row| view! { <li>{item_title(&row)}</li> })
                .collect_view();
            let heading_id = format!("{id}-heading");
            view! {
                <section aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{format!("{heading} ({count})")}</h2>
                    <ul class="summary-list" id=id>{rows}</ul>
                </section>
            }
        })
    };
    let talked = group(
        "Talked about",
        "summary-talked-about",
        rows(&summary.talked_about),
    );
    let not_now = group(
        "Not for me now",
        "summary-not-for-me-now",
        rows(&summary.not_for_me_now),
    );
    view! {
        <section class="meeting-summary" id="meeting-summary" aria-label="What we talked about">
            <p class="meeting-date">"Meeting on " {date}</p>
            {(wants_count > 0).then(|| view! {
                <section aria-labelledby="summary-wants-to-apply-heading">
                    <h2 id="summary-wants-to-apply-heading">{format!("Wants to apply ({wants_count})")}</h2>
                    <ul class="summary-list summary-wanted" id="summary-wants-to-apply">{wants}</ul>
                </section>
            })}
            {talked}
            {not_now}
        </section>
    }
    .into_any()
}

/// One item of the summary, owned, ready to show.
struct Row {
    /// The entitlement's page, while the offer still has it.
    href: Option<String>,
    title: String,
    amount: Option<String>,
    next_step: String,
    askers: Vec<Asker>,
}

impl Row {
    fn of(item: &SummaryItem, offer: &Offer) -> Row {
        Row {
            href: item.entitlement.map(|e| format!("/offer/{}", e.id)),
            title: item.title(),
            amount: item
                .entitlement
                .and_then(|e| e.amount.as_ref())
                .map(describe_amount_and_when),
            next_step: item.next_step.to_string(),
            askers: item
                .entitlement
                .map(|e| who_to_ask(offer, e))
                .unwrap_or_default(),
        }
    }
}

/// The item's title, linking to its page while the offer still has it.
fn item_title(row: &Row) -> AnyView {
    let title = row.title.clone();
    match row.href.clone() {
        Some(href) => view! { <A href=href>{title}</A> }.into_any(),
        None => view! {
            <span>{title}</span>
            <span class="gone">" (no longer in the offer: ask your PA what can help instead)"</span>
        }
        .into_any(),
    }
}

/// An item they want to apply for: how much, the next step and who to ask.
fn wanted_item(row: Row) -> impl IntoView {
    let title = item_title(&row);
    let next_step = (!row.next_step.is_empty()).then(|| {
        view! { <p class="summary-next-step"><strong>"Next step: "</strong>{row.next_step}</p> }
    });
    let askers = (!row.askers.is_empty()).then(|| {
        let people = row
            .askers
            .into_iter()
            .map(|a| {
                let phone = a.phone.map(|p| view! { ", " <a href=tel_href(&p)>{p.clone()}</a> });
                view! { <li>{a.name} {phone}</li> }
            })
            .collect_view();
        view! { <p class="summary-label">"Who to ask:"</p> <ul class="summary-askers">{people}</ul> }
    });
    view! {
        <li class="summary-item">
            <h3>{title}</h3>
            {row.amount.map(|a| view! { <p class="summary-amount">{a}</p> })}
            {next_step}
            {askers}
        </li>
    }
}
