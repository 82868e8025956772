//! Meeting mode's summary: what was talked about, and ways for the young person to take it
//! away with no account and no server (QR code, share or copy, print), then "End meeting".

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use offer_core::i18n::link::link_in;
use offer_core::meeting::Meeting;
use offer_core::Offer;

use crate::browser::share;
use crate::components::meeting_summary::MeetingSummary;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::qr_code::QrCode;
use crate::i18n::{chosen_code, t, tr};
use crate::meeting_store::{use_meeting, wipe};
use crate::pages::meeting_cards::NoMeeting;

/// `/meeting/summary`.
#[component]
pub fn MeetingSummaryPage() -> impl IntoView {
    let meeting = use_meeting();
    let ended = RwSignal::new(false);
    let end = move |_| {
        // Wipe now, not when the signal's effect runs: nothing may be left if the tab closes.
        wipe();
        meeting.set(None);
        ended.set(true);
    };
    view! {
        <PageTitle title=t("meeting_summary.title")/>
        {move || {
            if ended.get() {
                return view! {
                    <div class="notice-success" role="status">
                        <p>{t("meeting_summary.ended")}</p>
                    </div>
                    <p class="actions"><A href="/" attr:class="button">{t("meeting_summary.home")}</A></p>
                }
                .into_any();
            }
            match meeting.get() {
                Some(m) => view! {
                    <WithOffer children=move |offer| view! { <TakeAway meeting=m.clone() offer=offer/> }/>
                    <section class="end-meeting no-print" aria-labelledby="end-heading">
                        <h2 id="end-heading">{t("meeting_summary.end_heading")}</h2>
                        <p>{t("meeting_summary.end_warning")}</p>
                        <button type="button" class="button button-danger" on:click=end>{t("meeting_summary.end")}</button>
                    </section>
                }
                .into_any(),
                None => view! { <NoMeeting/> }.into_any(),
            }
        }}
    }
}

/// The summary and the ways to take it away.
#[component]
fn TakeAway(meeting: Meeting, offer: Arc<Offer>) -> impl IntoView {
    let today = chrono::Local::now().date_naive();
    let record = meeting.record(&offer, today);
    let origin = crate::browser::address::origin();
    // Both codes open the young person's phone in the language the meeting was held in.
    let link = {
        let link = record.link(&origin);
        move || link_in(&link, chosen_code().as_deref())
    };
    let app_link = move || link_in(&format!("{origin}/"), chosen_code().as_deref());
    // The catalogue key of what happened when the link was copied.
    let shared = RwSignal::new(None::<&'static str>);
    let can_share = share::can_share();
    let share_link = {
        let link = link.clone();
        move |_| {
            let link = untrack(&link);
            spawn_local(async move {
                if can_share {
                    // Closing the share sheet without sharing is not a problem to report.
                    let _ = share::share_link(
                        &tr("meeting_summary.share_title"),
                        &tr("meeting_summary.share_text"),
                        &link,
                    )
                    .await;
                    return;
                }
                let said = match share::copy_text(&link).await {
                    Ok(()) => "meeting_summary.copied",
                    Err(_) => "meeting_summary.copy_failed",
                };
                shared.set(Some(said));
            });
        }
    };
    view! {
        <p class="no-print">
            <A href="/meeting/cards" attr:class="button">{t("meeting_summary.back")}</A>
        </p>
        <MeetingSummary record=record offer=offer/>
        <section class="take-away" aria-labelledby="take-away-heading">
            <h2 id="take-away-heading">{t("meeting_summary.keep")}</h2>
            <figure class="qr-figure">
                {move || view! { <QrCode text=link() label=t("meeting_summary.qr_label")/> }}
                <figcaption>{t("meeting_summary.qr_caption")}</figcaption>
            </figure>
            <p class="actions no-print">
                <button type="button" class="button" on:click=share_link>
                    {t(if can_share { "meeting_summary.share" } else { "meeting_summary.copy" })}
                </button>
                <button type="button" class="button" on:click=|_| share::print()>{t("meeting_summary.print")}</button>
            </p>
            <p class="no-print" role="status">{move || shared.get().map(tr)}</p>
        </section>
        <section class="get-the-app" aria-labelledby="get-app-heading">
            <h2 id="get-app-heading">{t("meeting_summary.get_app")}</h2>
            <figure class="qr-figure">
                {move || view! { <QrCode text=app_link() label=t("meeting_summary.app_qr_label")/> }}
                <figcaption>{t("meeting_summary.app_qr_caption")}</figcaption>
            </figure>
        </section>
    }
}
