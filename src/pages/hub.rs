//! One hub: what is open now, where it is, its weekly sessions, services and how to get there.

use chrono::{Local, NaiveDateTime};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use offer_core::answers::ItemRef;
use offer_core::calendar::{session_file_name, session_ics_in};
use offer_core::decimal::trimmed;
use offer_core::message::About;
use offer_core::opening_hours::{describe_in, hub_now, weekday_name_in};
use offer_core::Hub;
use offer_core::Translated as _;

use crate::browser::download::save_file;
use crate::components::contact_links::{tel_href, with_ltr_value};
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::report_problem::ReportProblem;
use crate::components::sessions::{times, SessionTable};
use crate::i18n::{t, tf, tr, with_words};
use crate::messages::you_said_we_did::YouSaidWeDidSection;
use crate::pages::hubs::{minute_clock, status_key};
use crate::pages::not_found::NotFound;

/// A hub page, `/hubs/:id`.
#[component]
pub fn HubPage() -> impl IntoView {
    let params = use_params_map();
    let now = minute_clock();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default(); // not shown
            match offer.hub(&id).cloned() {
                Some(hub) => {
                    let said_did: Vec<_> = offer
                        .you_said_we_did_about(&ItemRef::Hub(hub.id.clone()))
                        .into_iter()
                        .cloned()
                        .collect();
                    view! {
                        <HubDetails
                            hub=crate::i18n::hub_shown(&hub)
                            note=crate::i18n::out_of_date_note(|code| hub.out_of_date_in(code)).or_else(|| crate::i18n::item_draft_note(|code| hub.draft_in(code)))
                            langs=HubLangs::of(&hub)
                            now=now
                        />
                        <YouSaidWeDidSection entries=said_did offer=offer.clone()/>
                    }
                    .into_any()
                }
                None => view! { <NotFound/> }.into_any(),
            }
        }/>
    }
}

/// The `lang` of a hub's services, its access words and what happens at its sessions:
/// English on a page in another language until translated (`crate::i18n::english_unless`).
#[derive(Clone, Copy)]
struct HubLangs {
    services: Option<&'static str>,
    access: Option<&'static str>,
    sessions: Option<&'static str>,
}

impl HubLangs {
    fn of(hub: &Hub) -> HubLangs {
        let lang = |part: fn(offer_core::HubParts) -> bool| {
            crate::i18n::english_unless(|code| part(hub.translated_parts_in(code)))
        };
        HubLangs {
            services: lang(|p| p.services),
            access: lang(|p| p.access),
            sessions: lang(|p| p.sessions),
        }
    }
}

/// One hub's details; `note` is about its words in the chosen language (out of date, or a
/// draft no speaker has checked).
#[component]
fn HubDetails(
    hub: Hub,
    note: Option<String>,
    langs: HubLangs,
    now: Signal<NaiveDateTime>,
) -> impl IntoView {
    let name = hub.name.clone();
    let status = t(status_key(hub.status));
    let now_hub = hub.clone();
    let now_line = move || with_words(|w| describe_in(w, &hub_now(&now_hub, now.get())));
    let services = (!hub.services.is_empty()).then(|| {
        let items = hub
            .services
            .iter()
            .map(|s| view! { <li>{s.clone()}</li> })
            .collect_view();
        view! {
            <h2>{t("hub.services")}</h2>
            <ul lang=langs.services>{items}</ul>
        }
    });
    let access = (!hub.access.trim().is_empty()).then(|| {
        view! {
            <h2>{t("hub.access")}</h2>
            <p lang=langs.access>{hub.access.clone()}</p>
        }
    });
    let call = match hub.phone.clone() {
        Some(phone) => view! {
            <p><a class="button" href=tel_href(&phone)>{with_ltr_value("hub.call", "number", phone.clone())}</a></p>
        }
        .into_any(),
        None => view! {
            <p>{t("hub.ask_before")}" "<A href="/contacts">{t("hub.ask_team")}</A>{t("hub.ask_after")}</p>
        }
        .into_any(),
    };
    let checked = crate::i18n::long_date(hub.last_checked);
    view! {
        <p class="breadcrumb"><A href="/hubs" exact=true>{t("hub.all_hubs")}</A></p>
        <PageTitle title=name lang=crate::i18n::english_here()/>
        <p class="tags"><span class="tag">{status}</span></p>
        {note.map(|note| view! { <p class="translation-note" role="note">{note}</p> })}
        <p class="hub-now lead"><strong>{now_line}</strong></p>
        <Whereabouts hub=hub.clone()/>
        <Sessions hub=hub.clone() what_lang=langs.sessions/>
        {services}
        {access}
        <h2>{t("hub.questions")}</h2>
        {call}
        <p class="source">
            {t("hub.source")}" "
            <a href=hub.source.url.clone() rel="noopener" lang=crate::i18n::english_here>{hub.source.title.clone()}</a>
            {hub.source.published.map(|p| {
                let date = crate::i18n::long_date(p);
                move || tf("hub.source_dated", &[("date", &date)])
            })}
            {move || tf("hub.checked", &[("date", &checked)])}
        </p>
        <ReportProblem about=About::Hub(hub.id.clone())/>
    }
}

/// The address, and links that open it in the phone's own maps app.
#[component]
fn Whereabouts(hub: Hub) -> impl IntoView {
    let one_line = format!("{}, {}, {}", hub.address, hub.town, hub.postcode);
    let query = offer_core::uri::component(&one_line);
    // Links the young person chooses to follow; the app itself asks no map server for anything.
    // Written by hand, not with `{}`: Rust's float printing would add about 9 KB to the WASM.
    let at = format!("{},{}", trimmed(hub.lat, 6), trimmed(hub.lon, 6));
    let android = format!("geo:{at}?q={query}");
    let apple = format!("https://maps.apple.com/?q={query}&ll={at}");
    view! {
        <h2>{t("hub.where")}</h2>
        <p class="hub-address" lang=crate::i18n::english_here>{hub.address.clone()}<br/>{hub.town.clone()}<br/><bdi dir="ltr">{hub.postcode.clone()}</bdi></p>
        <p class="actions">
            <a class="button" href=android>{t("hub.open_maps")}</a>
            <a class="button" href=apple rel="noopener">{t("hub.open_apple_maps")}</a>
        </p>
        <p class="hint">{t("hub.maps_hint")}</p>
    }
}

/// The weekly sessions as a table, with "Add to calendar" for each.
#[component]
fn Sessions(hub: Hub, what_lang: Option<&'static str>) -> impl IntoView {
    let mut sessions = hub.sessions.clone();
    sessions.sort_by_key(|s| (s.day.num_days_from_monday(), s.start));
    if sessions.is_empty() {
        return view! {
            <h2>{t("hub.when")}</h2>
            <p>{t("hub.no_sessions")}</p>
        }
        .into_any();
    }
    let hub_name = hub.name.clone();
    let caption = Signal::derive(move || tf("hub.every_week", &[("hub", &hub_name)]));
    let table_sessions = sessions.clone();
    let saved = RwSignal::new(String::new());
    let buttons = sessions
        .into_iter()
        .map(|s| {
            let when = {
                let s = s.clone();
                move || {
                    tf(
                        "hub.day_and_times",
                        &[
                            ("day", &with_words(|w| weekday_name_in(w, s.day))),
                            ("times", &times(&s)),
                        ],
                    )
                }
            };
            let hub = hub.clone();
            let button = {
                let when = when.clone();
                move || tf("hub.add_to_calendar", &[("when", &when())])
            };
            let add = move |_| {
                let today = Local::now().date_naive();
                let host = crate::browser::address::hostname();
                let ics = with_words(|w| session_ics_in(w, &hub, &s, today, &host));
                let made = save_file(
                    &session_file_name(&hub, &s),
                    "text/calendar;charset=utf-8",
                    &ics,
                );
                let message = if made {
                    tf("hub.calendar_made", &[("when", &when())])
                } else {
                    tr("hub.calendar_failed")
                };
                saved.set(message);
            };
            view! {
                <li>
                    <button type="button" class="button" on:click=add>
                        {button}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{t("hub.when")}</h2>
        // With very large text the table may need to scroll sideways: the region can take
        // focus so that works from a keyboard too.
        <div class="table-scroll" role="region" aria-labelledby="sessions-caption" tabindex="0">
            <SessionTable sessions=table_sessions caption=caption caption_id="sessions-caption" what_lang=what_lang/>
        </div>
        <h3>{t("hub.add_heading")}</h3>
        <ul class="calendar-list">{buttons}</ul>
        <p class="hint" role="status">{move || saved.get()}</p>
    }
    .into_any()
}
