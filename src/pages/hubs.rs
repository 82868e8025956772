//! Hubs: places care leavers can drop in to, what is open now, and which is nearest.

use std::sync::Arc;
use std::time::Duration;

use chrono::{Local, NaiveDateTime};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::distance::{hubs_by_distance, hubs_by_town};
use offer_core::opening_hours::{describe_in, hub_now};
use offer_core::{Hub, HubStatus, Offer};

use crate::browser::location::{self, Located};
use crate::components::contact_links::with_value_in;
use crate::components::hub_map::HubMap;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::{t, tf, tr, with_words};

/// How long to wait for the phone to find where it is before giving up kindly.
const LOCATION_TIMEOUT_MS: u32 = 20_000;
/// A position the phone found in the last few minutes is good enough to sort by.
const LOCATION_MAX_AGE_MS: u32 = 5 * 60 * 1000;
/// The entitlement that says what is known about hubs that are planned but have no address yet.
const PLANNED_HUBS: &str = "care-leavers-hubs";
/// Miles in a kilometre, for saying how far away a hub is.
/// The list of hubs, `/hubs`.
#[component]
pub fn Hubs() -> impl IntoView {
    let now = minute_clock();
    let place = RwSignal::new(Place::NotAsked);
    view! {
        <PageTitle title=t("hubs.title")/>
        <p class="lead">{t("hubs.lead")}</p>
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
    // Started by an effect, which only a browser runs: a page drawn anywhere else shows the
    // time it was drawn.
    Effect::new(move |_| {
        let timer = set_interval_with_handle(tick, Duration::from_secs(60)).ok();
        on_cleanup(move || {
            if let Some(timer) = timer {
                timer.clear();
            }
        });
    });
    // A phone that slept keeps its timers asleep too: catch up as soon as the page is seen.
    let shown = window_event_listener(ev::visibilitychange, move |_| tick());
    on_cleanup(move || shown.remove());
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
    /// The catalogue key of what to say about the order of the list, if anything.
    fn message(self) -> Option<&'static str> {
        match self {
            Place::NotAsked => None,
            Place::Finding => Some("hubs.finding"),
            Place::Here { .. } => Some("hubs.nearest_first"),
            Place::Refused => Some("hubs.refused"),
            Place::NotFound => Some("hubs.not_found"),
            Place::CannotShare => Some("hubs.cannot_share"),
        }
    }
}

#[component]
fn HubList(offer: Arc<Offer>, now: Signal<NaiveDateTime>, place: RwSignal<Place>) -> impl IntoView {
    let map_hubs = offer.hubs.clone();
    let council = offer.council.clone();
    // A hub without a published address cannot be a card; say what is known and link to it.
    let planned = offer.entitlement(PLANNED_HUBS).map(|e| {
        let title = crate::i18n::entitlement_title(e).to_lowercase();
        let lang = crate::i18n::lang_of(e);
        (
            format!("/offer/{}", e.id),
            crate::i18n::entitlement_summary(e),
            lang,
            with_value_in("hubs.more_about", "title", title, lang),
        )
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
            return view! { <p>{t("hubs.none")}</p> }.into_any();
        }
        let items = rows
            .into_iter()
            // What the hub's sessions are called, in the chosen language where translated.
            .map(|(hub, km)| view! { <HubCard hub=crate::i18n::hub_shown(&hub) km=km now=now/> })
            .collect_view();
        view! { <ul class="card-list hub-list">{items}</ul> }.into_any()
    };
    view! {
        <div class="hub-sort">
            // One button whose words change, so focus stays on it after sorting.
            <button type="button" class="button" on:click=toggle>
                {move || if sorted_by_distance() { tr("hubs.sort_by_town") } else { tr("hubs.sort_by_nearest") }}
            </button>
            <p class="privacy-note">{t("hubs.privacy")}</p>
            <p class="hub-sort-status" role="status">{move || place.get().message().map(tr)}</p>
        </div>
        {cards}
        {planned.map(|(href, summary, lang, link)| view! {
            <p class="hubs-planned"><span lang=lang>{summary}</span> " " <A href=href>{link}</A></p>
        })}
        <h2>{t("hubs.map")}</h2>
        <HubMap hubs=map_hubs council=council/>
    }
}

/// One hub in the list: its name, what is happening now, its town and how far away it is.
#[component]
fn HubCard(hub: Hub, km: Option<f64>, now: Signal<NaiveDateTime>) -> impl IntoView {
    let href = format!("/hubs/{}", hub.id);
    let name = hub.name.clone();
    let place = hub.town.clone();
    let town = move || match km {
        Some(km) => tf(
            "hubs.town_and_distance",
            &[("town", &place), ("distance", &distance(km))],
        ),
        None => place.clone(),
    };
    let status = t(status_key(hub.status));
    let next = move || with_words(|w| describe_in(w, &hub_now(&hub, now.get())));
    view! {
        <li class="card hub-card">
            <h2 lang=crate::i18n::english_here><A href=href>{name}</A></h2>
            <p class="hub-now"><strong>{next}</strong></p>
            <p class="hub-town">{town}</p>
            <p class="tags"><span class="tag">{status}</span></p>
        </li>
    }
}

/// The catalogue key of a hub's status in words.
pub fn status_key(status: HubStatus) -> &'static str {
    match status {
        HubStatus::Open => "hubs.status_open",
        HubStatus::Interim => "hubs.status_interim",
        HubStatus::OpeningSoon => "hubs.status_opening_soon",
    }
}

/// How far away a hub is, in words: "less than 1 km away", "about 5 km (3 miles) away".
fn distance(km: f64) -> String {
    with_words(|w| offer_core::distance::distance_label_in(w, km))
}

/// Asks the phone where it is; the answer (or a kind "no") lands in `place`.
///
/// The position goes nowhere but this page's memory: it is not stored or sent.
fn ask_where_i_am(place: RwSignal<Place>) {
    place.set(Place::Finding);
    location::ask(LOCATION_TIMEOUT_MS, LOCATION_MAX_AGE_MS, move |answer| {
        // `try_set`: the young person may have left the page before the phone answers.
        place.try_set(match answer {
            Located::Here { lat, lon } => Place::Here { lat, lon },
            Located::Refused => Place::Refused,
            Located::NotFound => Place::NotFound,
            Located::CannotShare => Place::CannotShare,
        });
    });
}
