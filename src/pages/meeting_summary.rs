//! Meeting mode's summary: what was talked about, and ways for the young person to take it
//! away with no account and no server (QR code, share or copy, print), then "End meeting".

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use offer_core::meeting::Meeting;
use offer_core::Offer;

use crate::components::meeting_summary::MeetingSummary;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::qr_code::QrCode;
use crate::meeting_store::{use_meeting, wipe};
use crate::pages::meeting_cards::NoMeeting;
use crate::share;

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
        <PageTitle title="What we talked about"/>
        {move || {
            if ended.get() {
                return view! {
                    <div class="notice-success" role="status">
                        <p>"Meeting ended. Nothing about it is left on this device."</p>
                    </div>
                    <p class="actions"><A href="/" attr:class="button">"Go to the home page"</A></p>
                }
                .into_any();
            }
            match meeting.get() {
                Some(m) => view! {
                    <WithOffer children=move |offer| view! { <TakeAway meeting=m.clone() offer=offer/> }/>
                    <section class="end-meeting no-print" aria-labelledby="end-heading">
                        <h2 id="end-heading">"End the meeting"</h2>
                        <p>"This wipes the meeting from this device. Make sure they have scanned the code, or have it another way, first."</p>
                        <button type="button" class="button button-danger" on:click=end>"End meeting"</button>
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
    let origin = window().location().origin().unwrap_or_default();
    let link = record.link(&origin);
    let app_link = format!("{origin}/");
    let shared = RwSignal::new(None::<String>);
    let can_share = share::can_share();
    let share_link = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                if can_share {
                    // Closing the share sheet without sharing is not a problem to report.
                    let _ = share::share_link(
                        "What we talked about",
                        "What we talked about in our meeting",
                        &link,
                    )
                    .await;
                    return;
                }
                let said = match share::copy_text(&link).await {
                    Ok(()) => "Link copied. Paste it into a message to the young person.",
                    Err(_) => "Copying did not work on this device. Use the QR code or print the summary instead.",
                };
                shared.set(Some(said.to_string()));
            });
        }
    };
    view! {
        <p class="no-print">
            <A href="/meeting/cards" attr:class="button">"Back to the cards"</A>
        </p>
        <MeetingSummary record=record offer=offer/>
        <section class="take-away" aria-labelledby="take-away-heading">
            <h2 id="take-away-heading">"Keep this summary"</h2>
            <figure class="qr-figure">
                <QrCode text=link.clone() label="QR code: this summary, to open in Local Offer"/>
                <figcaption>
                    "Scan this with your phone's camera. It opens Local Offer with this summary, and you can save it to My list. Nothing is sent to anyone."
                </figcaption>
            </figure>
            <p class="actions no-print">
                <button type="button" class="button" on:click=share_link>
                    {if can_share { "Share the summary" } else { "Copy the link" }}
                </button>
                <button type="button" class="button" on:click=|_| share::print()>"Print"</button>
            </p>
            <p class="no-print" role="status">{move || shared.get()}</p>
        </section>
        <section class="get-the-app" aria-labelledby="get-app-heading">
            <h2 id="get-app-heading">"Get the app"</h2>
            <figure class="qr-figure">
                <QrCode text=app_link label="QR code: get the Local Offer app"/>
                <figcaption>"First time? Scan this to open Local Offer, then add it to your home screen. It works with no signal."</figcaption>
            </figure>
        </section>
    }
}
