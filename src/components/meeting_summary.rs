//! "What we talked about": a meeting's record, grouped, the same on the PA's device, the young
//! person's phone and paper.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::meeting::{Record, SummaryItem};
use offer_core::money::describe_amount_and_when_in;
use offer_core::{Entitlement, Offer};

use crate::components::contact_links::{split_at_placeholder, tel_href};
use crate::i18n::{t, tc, tf, tr};

/// The record grouped into "Wants to apply" (with next steps and who to ask) and the rest.
#[component]
pub fn MeetingSummary(record: Record, offer: Arc<Offer>) -> impl IntoView {
    let summary = record.summary(&offer);
    let date = crate::i18n::long_date(summary.date);
    if summary.is_empty() {
        return view! {
            <section class="meeting-summary" id="meeting-summary" aria-label=t("meeting_summary.label")>
                <p class="meeting-date">{move || tf("meeting_summary.meeting_on", &[("date", &date)])}</p>
                <p>{t("meeting_summary.nothing_marked")}</p>
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
    // `heading` is the catalogue key of the group's heading, with its `{count}`.
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
                    <h2 id=heading_id.clone()>{move || tc(heading, count as u64, &[])}</h2>
                    <ul class="summary-list" id=id>{rows}</ul>
                </section>
            }
        })
    };
    let talked = group(
        "meeting_summary.talked_about",
        "summary-talked-about",
        rows(&summary.talked_about),
    );
    let not_now = group(
        "meeting_summary.not_for_me_now",
        "summary-not-for-me-now",
        rows(&summary.not_for_me_now),
    );
    view! {
        <section class="meeting-summary" id="meeting-summary" aria-label=t("meeting_summary.label")>
            <p class="meeting-date">{move || tf("meeting_summary.meeting_on", &[("date", &date)])}</p>
            {(wants_count > 0).then(|| view! {
                <section aria-labelledby="summary-wants-to-apply-heading">
                    <h2 id="summary-wants-to-apply-heading">{move || tc("meeting_summary.wants_to_apply", wants_count as u64, &[])}</h2>
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
    /// The title's `lang`: English until translated (or once the offer no longer has it).
    lang: Option<&'static str>,
    amount: Option<String>,
    next_step: String,
    askers: Vec<Asker>,
}

/// Someone to ask about an item.
struct Asker {
    /// A team's name; `None` is the young person's own PA.
    name: Option<String>,
    /// Their phone number, when the offer has one.
    phone: Option<String>,
}

/// Who to ask about `e`, from its `ask` list (as `offer_core::meeting::who_to_ask`, with the
/// PA's words left to the catalogue); contacts the offer no longer has are left out.
fn who_to_ask(offer: &Offer, e: &Entitlement) -> Vec<Asker> {
    e.ask
        .iter()
        .filter_map(|id| {
            if id == "pa" {
                return Some(Asker {
                    name: None,
                    phone: None,
                });
            }
            offer.contact(id).map(|c| Asker {
                name: Some(c.name.clone()),
                phone: c.phone.clone(),
            })
        })
        .collect()
}

impl Row {
    fn of(item: &SummaryItem, offer: &Offer) -> Row {
        Row {
            href: item.entitlement.map(|e| format!("/offer/{}", e.id)),
            // In the young person's language where the item is translated.
            title: item
                .entitlement
                .map(crate::i18n::entitlement_title)
                .unwrap_or_else(|| item.title()),
            lang: match item.entitlement {
                Some(e) => crate::i18n::lang_of(e),
                None => crate::i18n::english_here(),
            },
            amount: item
                .entitlement
                .and_then(|e| e.amount.as_ref())
                .map(|a| crate::i18n::with_words(|w| describe_amount_and_when_in(w, a))),
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
    let (title, lang) = (row.title.clone(), row.lang);
    match row.href.clone() {
        Some(href) => view! { <A href=href attr:lang=lang>{title}</A> }.into_any(),
        None => view! {
            <span lang=lang>{title}</span>
            <span class="gone">" "{t("meeting_summary.gone")}</span>
        }
        .into_any(),
    }
}

/// An item they want to apply for: how much, the next step and who to ask.
fn wanted_item(row: Row) -> impl IntoView {
    let title = item_title(&row);
    let next_step = (!row.next_step.is_empty()).then(|| {
        view! { <p class="summary-next-step"><strong>{t("meeting_summary.next_step")}" "</strong>{row.next_step}</p> }
    });
    let askers = (!row.askers.is_empty()).then(|| {
        let people = row
            .askers
            .into_iter()
            .map(|a| {
                let name = move || match &a.name {
                    Some(name) => name.clone(),
                    None => tr("meeting_summary.your_pa"),
                };
                match a.phone {
                    // The number is a link of its own, where the language puts it.
                    Some(p) => {
                        let words = move || tf("meeting_summary.asker_phone", &[("name", &name())]);
                        let before = {
                            let words = words.clone();
                            move || split_at_placeholder(&words(), "phone").0
                        };
                        let after = move || split_at_placeholder(&words(), "phone").1;
                        view! { <li>{before}<a href=tel_href(&p)><bdi dir="ltr">{p.clone()}</bdi></a>{after}</li> }
                            .into_any()
                    }
                    None => view! { <li>{name}</li> }.into_any(),
                }
            })
            .collect_view();
        view! { <p class="summary-label">{t("meeting_summary.who_to_ask")}</p> <ul class="summary-askers">{people}</ul> }
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
