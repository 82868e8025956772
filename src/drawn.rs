//! The offer's pages drawn as HTML on the server, from the same components the phone draws,
//! so a first visit reads at once, and a phone with no JavaScript (or one that cannot run the
//! app) can still read the offer. Host only: the WASM never draws to a string.
//!
//! A page is drawn as it is for someone who has never opened the app: the offer as phones
//! get it, nothing kept on the phone, in English. The app then takes the page over as it
//! does the shell (`shell`). Anything only a browser can do (naming the tab, moving focus,
//! reading storage, timers) is in effects, which are dropped here.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use offer_core::Offer;

use crate::app::AppRoutes;
use crate::components::page::TitleForServer;
use crate::kept::Kept;
use crate::offer_state::OfferState;

/// Whether the server draws the page at `address` (a path with its query, as requested).
///
/// Only pages that show everyone the same: the home page, the offer, its categories and
/// items, search, contacts, groups and "I need help now". Not those that show what a phone
/// keeps (My list, What can I get?, Have your say, meeting mode, the language page), nor the
/// hubs, whose "open now" is the phone's own clock and time zone, not the server's. Not an
/// address asking for another language (`?lang=`) or for staff's draft (`?preview=`): those
/// are the app's to draw.
pub fn draws(address: &str) -> bool {
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let asks_for_app = query.split('&').any(|pair| {
        let name = pair.split('=').next().unwrap_or("");
        name == "lang" || name == "preview"
    });
    if asks_for_app {
        return false;
    }
    let one_segment = |rest: &str| !rest.is_empty() && !rest.contains('/');
    match path {
        "/" | "/offer" | "/search" | "/contacts" | "/groups" | "/help-now" => true,
        _ => match path.strip_prefix("/offer/") {
            Some(rest) => match rest.strip_prefix("category/") {
                Some(id) => one_segment(id),
                None => one_segment(rest) && rest != "category",
            },
            None => false,
        },
    }
}

/// A page as the server draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The tab's title, as the app names it ("Money | Local Offer"), which is also what a
    /// messaging app shows for a link a PA texts.
    pub title: String,
    /// What goes in `<main>`.
    pub main: String,
}

/// The page at `address`, or `None` where [`draws`] says no.
pub fn page(offer: Arc<Offer>, address: &str) -> Option<Page> {
    if !draws(address) {
        return None;
    }
    let title = TitleForServer::default();
    let for_page = title.clone();
    let main = draw(offer, address, move || {
        provide_context(for_page);
        view! { <Router><AppRoutes/></Router> }
    });
    let title = title.0.get_untracked()?;
    Some(Page { title, main })
}

/// What a server does with an effect: nothing. Those are the browser's work once the page
/// is there.
struct NoEffects;

impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// Draws `view` at `address` as a server does: under a root that tells Leptos it is not in a
/// browser (so it adds no listeners to a window there is not), with `offer` already here and
/// nothing kept. The chosen language is the thread's (`i18n::set_chosen`): English unless a
/// caller on this thread chose another.
pub fn draw<V: IntoView + 'static>(
    offer: Arc<Offer>,
    address: &str,
    view: impl FnOnce() -> V,
) -> String {
    // Fails only when an executor is already set, which is then this one.
    let _ = any_spawner::Executor::init_custom_executor(NoEffects);
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let html = owner.with(|| {
        provide_context(RequestUrl::new(address));
        provide_context(OfferState::ready(offer));
        provide_context(Kept::nothing());
        // Drawn once and sent: nothing follows a signal afterwards.
        untrack(|| view().into_view().to_html())
    });
    owner.unset();
    html
}

#[cfg(test)]
mod tests {
    use super::draws;

    #[test]
    fn the_pages_everyone_sees_alike_are_drawn() {
        for address in [
            "/",
            "/offer",
            "/offer/setting-up-home-grant",
            "/offer/category/money",
            "/search?q=rent",
            "/contacts",
            "/groups",
            "/help-now",
            "/?utm=x",
        ] {
            assert!(draws(address), "{address}");
        }
    }

    #[test]
    fn pages_of_the_phone_its_clock_or_another_language_are_not() {
        for address in [
            "/my-list",
            "/what-can-i-get",
            "/have-your-say",
            "/have-your-say/feedback",
            "/meeting",
            "/meeting/cards",
            "/summary",
            "/language",
            "/hubs",
            "/hubs/crewe",
            "/offer/category",
            "/offer/category/",
            "/offer/a/b",
            "/offer/",
            "/?lang=ar",
            "/offer?x=1&lang=ps",
            "/?preview=draft",
            "/nowhere",
        ] {
            assert!(!draws(address), "{address}");
        }
    }
}
