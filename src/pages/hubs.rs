//! Hubs: places care leavers can drop in to, what is open now, and which is nearest.

use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, NaiveDateTime};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::distance::{distance_label, hubs_by_distance, hubs_by_town};
use offer_core::opening_hours::{describe, hub_now};
use offer_core::{Hub, HubStatus, Offer};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Position, PositionError, PositionOptions};

use crate::components::hub_map::HubMap;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;

/// How long to wait for the phone to find where it is before giving up kindly.
const LOCATION_TIMEOUT_MS: u32 = 20_000;
/// A position the phone found in the last few minutes is good enough to sort by.
const LOCATION_MAX_AGE_MS: u32 = 5 * 60 * 1000;
/// The entitlement that says what is known about hubs that are planned but have no address yet.
const PLANNED_HUBS: &str = "care-leavers-hubs";

/// The list of hubs, `/hubs`.
#[component]
pub fn Hubs() -> impl IntoView {
    let now = minute_clock();
    let place = RwSignal::new(Place::NotAsked);
    view! {
        <PageTitle title="Hubs"/>
        <p class="lead">"Places you can drop in to for help and a chat."</p>
        <WithOffer children=move |offer| view! { <HubList offer=offer now=now place=place/> }/>
    }
}

/// The phone's local time, read again every minute (and when the app comes back into view)
/// so "Open now" turns into "Next: ..." without a reload. The timer stops with the page.
pub fn minute_clock() -> Signal<NaiveDateTime> {
    let now = RwSignal::new(Local::now().naive_local());
    let tick = move || {
        now.try_set(Local::now().naive_local());
    };
    let timer = set_interval_with_handle(tick, Duration::from_secs(60)).ok();
    // A phone that slept keeps its timers asleep too: catch up as soon as the page is seen.
    let shown = window_event_listener(ev::visibilitychange, move |_| tick());
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
        shown.remove();
    });
    now.into()
}

/// Where the young person is, as far as the hubs list knows. Kept only in this page's memory.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// We have not asked: list by town.
    NotAsked,
    /// Waiting for the phone to answer.
    Finding,
    /// The phone said where it is.
    Here { lat: f64, lon: f64 },
    /// The young person (or their settings) said no.
    Refused,
    /// The phone could not work it out in time.
    NotFound,
    /// This browser cannot share a location at all.
    CannotShare,
}

impl Place {
    /// What to say about the order of the list, in plain words.
    fn message(self) -> &'static str {
        match self {
            Place::NotAsked => "",
            Place::Finding => "Finding where you are…",
            Place::Here { .. } => "Showing the nearest hub first.",
            Place::Refused => {
                "That's fine: you chose not to share where you are. The hubs are in order of town. You can change this in your browser's settings at any time."
            }
            Place::NotFound => {
                "We couldn't find where you are just now. The hubs are in order of town. You can try again in a moment."
            }
            Place::CannotShare => {
                "This phone or browser can't share where you are, so the hubs are in order of town."
            }
        }
    }
}

#[component]
fn HubList(offer: Arc<Offer>, now: Signal<NaiveDateTime>, place: RwSignal<Place>) -> impl IntoView {
    let map_hubs = offer.hubs.clone();
    let council = offer.council.clone();
    // A hub without a published address cannot be a card; say what is known and link to it.
    let planned = offer.entitlement(PLANNED_HUBS).map(|e| {
        let link = format!("More about {}", e.title.to_lowercase());
        (format!("/offer/{}", e.id), e.summary.clone(), link)
    });
    let sorted_by_distance = move || matches!(place.get(), Place::Here { .. });
    let toggle = move |_| match place.get_untracked() {
        Place::Here { .. } => place.set(Place::NotAsked),
        // Already asking: a second tap would only ask the phone twice.
        Place::Finding => {}
        _ => ask_where_i_am(place),
    };
    let cards = move || {
        let rows: Vec<(Hub, Option<f64>)> = match place.get() {
            Place::Here { lat, lon } => hubs_by_distance(&offer.hubs, lat, lon)
                .into_iter()
                .map(|(hub, km)| (hub.clone(), Some(km)))
                .collect(),
            _ => hubs_by_town(&offer.hubs)
                .into_iter()
                .map(|hub| (hub.clone(), None))
                .collect(),
        };
        if rows.is_empty() {
            return view! { <p>"There are no hubs listed yet. Ask your PA where you can go."</p> }
                .into_any();
        }
        let items = rows
            .into_iter()
            .map(|(hub, km)| view! { <HubCard hub=hub km=km now=now/> })
            .collect_view();
        view! { <ul class="card-list hub-list">{items}</ul> }.into_any()
    };
    view! {
        <div class="hub-sort">
            // One button whose words change, so focus stays on it after sorting.
            <button type="button" class="button" on:click=toggle>
                {move || if sorted_by_distance() { "Sort by town" } else { "Sort by nearest to me" }}
            </button>
            <p class="privacy-note">"Your location stays on your phone. We only use it to put the nearest hub first."</p>
            <p class="hub-sort-status" role="status">{move || place.get().message()}</p>
        </div>
        {cards}
        {planned.map(|(href, summary, link)| view! {
            <p class="hubs-planned">{summary} " " <A href=href>{link}</A></p>
        })}
        <h2>"Map of the hubs"</h2>
        <HubMap hubs=map_hubs council=council/>
    }
}

/// One hub in the list: its name, what is happening now, its town and how far away it is.
#[component]
fn HubCard(hub: Hub, km: Option<f64>, now: Signal<NaiveDateTime>) -> impl IntoView {
    let href = format!("/hubs/{}", hub.id);
    let name = hub.name.clone();
    let town = match km {
        Some(km) => format!("{}, {}", hub.town, distance_label(km)),
        None => hub.town.clone(),
    };
    let status = status_words(hub.status);
    let next = move || describe(&hub_now(&hub, now.get()));
    view! {
        <li class="card hub-card">
            <h2><A href=href>{name}</A></h2>
            <p class="hub-now"><strong>{next}</strong></p>
            <p class="hub-town">{town}</p>
            <p class="tags"><span class="tag">{status}</span></p>
        </li>
    }
}

/// A hub's status in words.
pub fn status_words(status: HubStatus) -> &'static str {
    match status {
        HubStatus::Open => "Open",
        HubStatus::Interim => "Open for now in a temporary place",
        HubStatus::OpeningSoon => "Opening soon",
    }
}

/// Asks the phone where it is; the answer (or a kind "no") lands in `place`.
///
/// The position goes nowhere but this page's memory: it is not stored or sent.
fn ask_where_i_am(place: RwSignal<Place>) {
    let Some(geolocation) = window().navigator().geolocation().ok() else {
        place.set(Place::CannotShare);
        return;
    };
    place.set(Place::Finding);
    // `try_set`: the young person may have left the page before the phone answers.
    let found = Closure::once_into_js(move |position: Position| {
        let coords = position.coords();
        place.try_set(Place::Here {
            lat: coords.latitude(),
            lon: coords.longitude(),
        });
    });
    let failed = Closure::once_into_js(move |error: PositionError| {
        let why = if error.code() == PositionError::PERMISSION_DENIED {
            Place::Refused
        } else {
            Place::NotFound
        };
        place.try_set(why);
    });
    let options = PositionOptions::new();
    // A rough position is enough to find the nearest hub, and quicker and kinder to the battery.
    options.set_enable_high_accuracy(false);
    options.set_timeout(LOCATION_TIMEOUT_MS);
    options.set_maximum_age(LOCATION_MAX_AGE_MS);
    let asked = geolocation.get_current_position_with_error_callback_and_options(
        found.unchecked_ref(),
        Some(failed.unchecked_ref()),
        &options,
    );
    if asked.is_err() {
        place.set(Place::CannotShare);
    }
}
