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
use offer_core::i18n::LanguageFile;
use offer_core::Offer;

use crate::app::AppRoutes;
use crate::components::page::ForServer;
use crate::i18n::{self, Chosen, Items};
use crate::kept::Kept;
use crate::offer_state::OfferState;

/// Whether the server draws the page at `address` (a path with its query, as requested).
///
/// Only pages that show everyone the same: the home page, the offer, its categories and
/// items, search, contacts, groups and "I need help now". Not those that show what a phone
/// keeps (My list, What can I get?, Have your say, meeting mode, the language page), nor the
/// hubs, whose "open now" is the phone's own clock and time zone, not the server's. Not an
/// address asking for staff's draft (`?preview=`): that is the app's to draw. An address
/// asking for a language (`?lang=`, the link a PA texts) is drawn in it where the server
/// offers it ([`linked_language`]).
pub fn draws(address: &str) -> bool {
    let (path, _) = address.split_once('?').unwrap_or((address, ""));
    if query_value(address, "preview").is_some() {
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

/// The language `?lang=CODE` in `address` asks for, as written (`None` without one). The
/// app reads the same from its address and switches to it (`i18n::start`).
pub fn linked_language(address: &str) -> Option<&str> {
    query_value(address, "lang")
}

/// The value of `name` in `address`'s query, as written; the first where there are several.
fn query_value<'a>(address: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = address.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

/// A language other than English to draw a page in, as a phone that chose it shows it.
#[derive(Debug, Clone)]
pub struct Language {
    /// The app's words (`lang/CODE.json`).
    pub file: LanguageFile,
    /// Whether it is a draft no speaker has checked (the app says so on every page).
    pub draft: bool,
    /// The offer's items in it, as `/api/translations/CODE` gives them.
    pub items: Items,
}

impl Language {
    /// `file` with the offer's items in its language from `items_json` (the JSON of
    /// `/api/translations/CODE`); with none if that does not read.
    pub fn new(file: LanguageFile, draft: bool, items_json: &[u8]) -> Language {
        let items = Items {
            code: file.code.clone(),
            ..serde_json::from_slice(items_json).unwrap_or_default()
        };
        Language { file, draft, items }
    }
}

/// A page as the server draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The tab's title, as the app names it ("Money | Local Offer"), which is also what a
    /// messaging app shows for a link a PA texts.
    pub title: String,
    /// For `<meta name="description">`.
    pub description: String,
    /// False for the page for an address the app does not know, sent as 404.
    pub found: bool,
    /// What goes in `<main>`.
    pub main: String,
}

/// The page at `address` in `language` (`None`: English), or `None` where [`draws`] says
/// no.
pub fn page(offer: Arc<Offer>, address: &str, language: Option<&Language>) -> Option<Page> {
    if !draws(address) {
        return None;
    }
    let told = ForServer::default();
    let for_page = told.clone();
    let _language = InLanguage::on_this_thread(language);
    let description = untrack(|| description(&offer, address));
    let main = draw(offer, address, move || {
        provide_context(for_page);
        view! { <Router><AppRoutes/></Router> }
    });
    Some(Page {
        title: told.title.get_untracked()?,
        description,
        found: !told.not_found.get_untracked(),
        main,
    })
}

/// What a messaging app shows under the title of a link a PA texts: an item's or a
/// category's summary, in the page's language where it is translated; the offer's own
/// description elsewhere. Read from the offer rather than the page, so the app carries
/// nothing for it.
fn description(offer: &Arc<Offer>, address: &str) -> String {
    let path = address.split_once('?').map_or(address, |(path, _)| path);
    let offer = crate::offer_state::with_translations(offer.clone(), i18n::item_translations());
    let summary = match path.strip_prefix("/offer/") {
        Some(rest) => match rest.strip_prefix("category/") {
            Some(id) => offer.category(id).map(i18n::category_summary),
            None => offer.entitlement(rest).map(i18n::entitlement_summary),
        },
        None => None,
    };
    summary.unwrap_or_else(|| i18n::tr("home.lead"))
}

/// The language chosen on this thread while a page is drawn, English again afterwards (a
/// server's threads draw for every phone in turn), even if drawing panics.
struct InLanguage;

impl InLanguage {
    fn on_this_thread(language: Option<&Language>) -> InLanguage {
        if let Some(language) = language {
            i18n::set_chosen(Some(Chosen {
                file: language.file.clone(),
                draft: language.draft,
            }));
            i18n::set_items(Some(language.items.clone()));
        }
        InLanguage
    }
}

impl Drop for InLanguage {
    fn drop(&mut self) {
        i18n::set_chosen(None);
        i18n::set_items(None);
    }
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
/// nothing kept. The chosen language is the thread's (`i18n::set_chosen`, as [`page`] sets
/// it): English unless a caller on this thread chose another.
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
    use super::{draws, linked_language};

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
            "/?lang=ar",
            "/offer?x=1&lang=ps",
        ] {
            assert!(draws(address), "{address}");
        }
    }

    #[test]
    fn pages_of_the_phone_its_clock_or_staffs_draft_are_not() {
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
            "/?preview=draft",
            "/offer?lang=ar&preview=x",
            "/nowhere",
        ] {
            assert!(!draws(address), "{address}");
        }
    }

    #[test]
    fn the_language_a_link_asks_for_is_read_from_its_query() {
        assert_eq!(linked_language("/?lang=ar"), Some("ar"));
        assert_eq!(
            linked_language("/offer/x?a=1&lang=fa-AF&lang=ps"),
            Some("fa-AF")
        );
        assert_eq!(linked_language("/?language=ar&slang=ps"), None);
        assert_eq!(linked_language("/lang=ar"), None);
    }
}
