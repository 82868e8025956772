//! `/summary#…`: a meeting's summary opened from its QR code or link on the young person's
//! own phone. The summary is in the link's fragment, which browsers never send to a server.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::meeting::record::LinkError;
use offer_core::meeting::Record;

use crate::components::meeting_summary::MeetingSummary;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::{t, tc, tf, tr};
use crate::kept::use_kept;

/// The summary a PA's QR code or link opens.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let kept = use_kept();
    let fragment = crate::browser::address::fragment();
    let record = Record::from_fragment(&fragment);
    let saved = RwSignal::new(None::<usize>);
    view! {
        <PageTitle title=t("summary.title")/>
        {match record {
            Err(problem) => view! {
                <div class="problem" role="alert">
                    <h2>{t("summary.unreadable")}</h2>
                    <p>{move || link_problem(&problem)}</p>
                    <p>{t("summary.ask_again")}</p>
                </div>
            }
            .into_any(),
            Ok(record) => view! {
                <p class="lead">{t("summary.lead")}</p>
                <WithOffer children=move |offer| {
                    let ids = record.ids_for_my_list(&offer);
                    let count = ids.len();
                    let save = move |_| {
                        kept.saved.update(|saved| {
                            for id in &ids {
                                if !saved.contains(id) {
                                    saved.push(id.clone());
                                }
                            }
                        });
                        saved.set(Some(count));
                    };
                    view! {
                        <MeetingSummary record=record.clone() offer=offer/>
                        {(count > 0).then(|| view! {
                            <p class="actions no-print">
                                <button type="button" class="button button-primary" on:click=save.clone()>
                                    {t("summary.save")}
                                </button>
                            </p>
                        })}
                        <p role="status">{move || saved.get().map(|n| {
                            view! {
                                {tc("summary.saved", n as u64, &[])}" "
                                <A href="/my-list">{t("summary.my_list")}</A>
                                {t("summary.saved_after")}
                            }
                        })}</p>
                    }
                }/>
            }
            .into_any(),
        }}
    }
}

/// Why a summary's link could not be read, in words (the catalogue's, for `LinkError`).
fn link_problem(problem: &LinkError) -> String {
    match problem {
        LinkError::Empty => tr("summary.link_empty"),
        LinkError::TooLong => tr("summary.link_too_long"),
        LinkError::UnknownVersion => tr("summary.link_unknown_version"),
        LinkError::BadDate => tr("summary.link_bad_date"),
        LinkError::BadItem(n) => tf("summary.link_bad_item", &[("item", &n.to_string())]),
        LinkError::BadNextStep(n) => tf("summary.link_bad_next_step", &[("item", &n.to_string())]),
        LinkError::Repeated(id) => tf("summary.link_repeated", &[("id", id)]),
        LinkError::TooManyItems => tr("summary.link_too_many_items"),
    }
}
