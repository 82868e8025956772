//! `/summary#…`: a meeting's summary opened from its QR code or link on the young person's
//! own phone. The summary is in the link's fragment, which browsers never send to a server.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::meeting::Record;

use crate::components::meeting_summary::MeetingSummary;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::kept::use_kept;

/// The summary a PA's QR code or link opens.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let kept = use_kept();
    let fragment = window().location().hash().unwrap_or_default();
    let record = Record::from_fragment(&fragment);
    let saved = RwSignal::new(None::<usize>);
    view! {
        <PageTitle title="What we talked about"/>
        {match record {
            Err(problem) => view! {
                <div class="problem" role="alert">
                    <h2>"We couldn't read this summary"</h2>
                    <p>{problem.to_string()}</p>
                    <p>"Ask your PA to show you the QR code again, or to send you the link."</p>
                </div>
            }
            .into_any(),
            Ok(record) => view! {
                <p class="lead">"What you and your PA talked about. It stays on this phone."</p>
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
                                    "Save these to My list"
                                </button>
                            </p>
                        })}
                        <p role="status">{move || saved.get().map(|n| {
                            let things = if n == 1 { "1 thing".to_string() } else { format!("{n} things") };
                            view! { "Saved " {things} " to " <A href="/my-list">"My list"</A> "." }
                        })}</p>
                    }
                }/>
            }
            .into_any(),
        }}
    }
}
