//! The app: routes and the layout around every page.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::language::{DraftNote, LanguageSuggestion};
use crate::components::layout::{BottomNav, Header, OfflineBanner, PreviewBanner};
use crate::components::notices::{LastRefreshed, OfferUpdatedNotice, StorageNotice, UpdatePrompt};
use crate::kept::{Kept, StorageHealth};
use crate::offer_state::OfferState;
use crate::outbox_driver::OutboxState;
use crate::pages;
use crate::service_worker::SwState;

/// Moves focus to the page's content; the router would only scroll to it.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    crate::browser::focus_id("main");
}

/// What runs whatever page is open: the offer, the service worker, what the phone keeps,
/// the outbox and the replies.
#[derive(Clone, Copy)]
pub struct Services {
    offer: OfferState,
    sw: SwState,
    health: StorageHealth,
    kept: Kept,
    outbox: OutboxState,
    replies: crate::messages::replies::RepliesState,
}

impl Services {
    /// Starts them under an owner of their own that lasts as long as the page. `start` calls
    /// this a task before it draws the app: on a slow phone, reading storage and setting up
    /// listeners in the same task as the first render made one long task that blocked taps.
    pub fn start() -> Services {
        let owner = Owner::new();
        let services = owner.with(Services::start_here);
        // The services live until the page closes; nothing ever disposes of them.
        std::mem::forget(owner);
        services
    }

    /// Starts them under the current owner and provides them as context there too (the
    /// outbox and replies look up storage health from their own callbacks).
    fn start_here() -> Services {
        // First, so the first page is drawn in the young person's language.
        crate::i18n::start();
        let offer = OfferState::start();
        let sw = SwState::start();
        let health = StorageHealth::probe();
        provide_context(health);
        crate::browser::in_next_task(crate::browser::storage::ask_to_keep);
        let kept = Kept::load();
        // A meeting left open on a PA's device is wiped a few hours after it started.
        crate::meeting_store::wipe_if_stale();
        let outbox = OutboxState::start();
        provide_context(outbox);
        // Replies and "read by the team": asked now, on coming back into view and on signal.
        let replies = crate::messages::replies::RepliesState::start(outbox);
        // The offer's items in the chosen language: asked for when the language or the
        // offer's version changes (a changed translation changes the version).
        // A memo of the version alone: the items arriving change the offer on screen but not
        // its version, and must not ask for them again.
        let version = Memo::new(move |_| offer.offer().map(|o| o.version.clone()));
        Effect::new(move |_| {
            let version = version.get();
            let code = crate::i18n::chosen().map(|c| c.file.code.clone());
            if let (Some(_), Some(code)) = (version, code) {
                leptos::task::spawn_local(crate::i18n::refresh_items(code));
            }
        });
        // The service worker found a newer offer: fetch it (from its cache) and show it.
        Effect::new(move |previous: Option<u32>| {
            let changed = sw.offer_changed.get();
            if previous.is_some_and(|p| p != changed) {
                offer.load();
            }
            changed
        });
        // Coming back to the app (or back online) is when a phone has been away for weeks:
        // look for a newer offer and a newer app then.
        let refresh = move || {
            offer.load();
            sw.check_for_update();
        };
        let visible = window_event_listener(ev::visibilitychange, move |_| {
            if crate::browser::is_visible() {
                refresh();
            }
        });
        let online = window_event_listener(ev::online, move |_| refresh());
        on_cleanup(move || {
            visible.remove();
            online.remove();
        });
        Services {
            offer,
            sw,
            health,
            kept,
            outbox,
            replies,
        }
    }

    /// Makes them available to every page below the current owner.
    fn provide(self) {
        provide_context(self.offer);
        provide_context(self.sw);
        provide_context(self.health);
        provide_context(self.kept);
        provide_context(self.outbox);
        provide_context(self.replies);
    }
}

/// The whole app, with services of its own (the in-browser tests mount it like this).
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith services=Services::start()/> }
}

/// The whole app, around services already started.
#[component]
pub fn AppWith(services: Services) -> impl IntoView {
    services.provide();
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{crate::i18n::t("app.skip_link")}</a>
            <Header/>
            <PreviewBanner/>
            <DraftNote/>
            <LanguageSuggestion/>
            <OfflineBanner/>
            <UpdatePrompt/>
            <OfferUpdatedNotice/>
            <StorageNotice/>
            <main id="main" tabindex="-1">
                <AppRoutes/>
                <LastRefreshed/>
            </main>
            <BottomNav/>
        </Router>
    }
}

/// Every page's address. Drawn inside `AppWith`'s router in the browser, and on its own
/// where a page is drawn without one (`tests/drawn_on_host.rs`).
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
            <Route path=path!("/") view=pages::home::Home/>
            <Route path=path!("/offer") view=pages::the_offer::TheOffer/>
            <Route path=path!("/what-can-i-get") view=pages::what_can_i_get::WhatCanIGet/>
            <Route path=path!("/search") view=pages::search::SearchPage/>
            <Route path=path!("/my-list") view=pages::my_list::MyList/>
            <Route path=path!("/offer/category/:id") view=pages::category::CategoryPage/>
            <Route path=path!("/offer/:id") view=pages::entitlement::EntitlementPage/>
            <Route path=path!("/hubs") view=pages::hubs::Hubs/>
            <Route path=path!("/hubs/:id") view=pages::hub::HubPage/>
            <Route path=path!("/contacts") view=pages::contacts::Contacts/>
            <Route path=path!("/groups") view=pages::groups::Groups/>
            <Route path=path!("/have-your-say") view=pages::have_your_say::HaveYourSay/>
            <Route path=path!("/have-your-say/:kind") view=crate::messages::form_page::MessageFormPage/>
            <Route path=path!("/help-now") view=pages::help_now::HelpNow/>
            <Route path=path!("/language") view=pages::language::LanguagePage/>
            <Route path=path!("/meeting") view=pages::meeting_start::MeetingStart/>
            <Route path=path!("/meeting/cards") view=pages::meeting_cards::MeetingCards/>
            <Route path=path!("/meeting/summary") view=pages::meeting_summary::MeetingSummaryPage/>
            <Route path=path!("/summary") view=pages::summary::SummaryPage/>
        </Routes>
    }
}
