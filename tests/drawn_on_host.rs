//! The app's pages drawn with no browser: the same components, rendered to HTML on the host.
//!
//! The server draws the offer's pages this way (`local_offer::drawn`); this draws every page
//! of the app, those the server does not serve yet too, so none of them comes to depend on a
//! browser while it draws (anything that only a browser can do belongs in an effect or an
//! event handler, which a server never runs).
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use local_offer::app::AppRoutes;
use offer_core::content::national::merge;
use offer_core::content::{load_offer, ContentFile, CONTENT_FILES};
use offer_core::{Offer, Translated};

fn load(dir: &str) -> Offer {
    let files: Vec<ContentFile> = CONTENT_FILES
        .iter()
        .map(|name| ContentFile {
            name: name.to_string(),
            text: std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
        })
        .collect();
    load_offer(&files).unwrap_or_else(|_| panic!("{dir} does not load"))
}

/// Cheshire East's offer with the national layer, as phones get it.
fn published() -> Offer {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    merge(&load(&format!("{dir}/national")), &load(dir))
}

/// Draws `view` as the server does (`local_offer::drawn`), with Cheshire East's offer.
fn draw_as_server<V: IntoView + 'static>(address: &str, view: impl FnOnce() -> V) -> String {
    local_offer::drawn::draw(Arc::new(published()), address, view)
}

/// The page at `address`, drawn by the app's own routes.
fn draw(address: &str) -> String {
    draw_as_server(address, || view! { <Router><AppRoutes/></Router> })
}

/// `text` as it appears in HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page's one heading.
fn heading(html: &str) -> &str {
    let start = html.find("<h1").expect("a heading");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</h1>").unwrap();
    &html[open_end..close]
}

#[test]
fn the_pages_that_hold_the_offer_draw_with_their_words() {
    let offer = published();
    let home = draw("/");
    assert_eq!(heading(&home), "Your local offer");
    for category in &offer.categories {
        assert!(home.contains(&escaped(&category.title)), "{}", category.id);
    }
    assert_eq!(heading(&draw("/offer")), "The offer");
    let hubs = draw("/hubs");
    assert_eq!(heading(&hubs), "Hubs");
    for hub in &offer.hubs {
        assert!(hubs.contains(&escaped(&hub.name)), "{}", hub.id);
    }
    let contacts = draw("/contacts");
    assert_eq!(heading(&contacts), "Contacts");
    for contact in offer.contacts.iter().filter(|c| c.districts.is_empty()) {
        assert!(contacts.contains(&escaped(&contact.name)), "{}", contact.id);
    }
    let groups = draw("/groups");
    for group in &offer.groups {
        assert!(groups.contains(&escaped(&group.name)), "{}", group.id);
    }
    assert_eq!(heading(&draw("/help-now")), "I need help now");
    assert_eq!(heading(&draw("/what-can-i-get")), "What can I get?");
    assert_eq!(heading(&draw("/language")), "Language");
    assert_eq!(heading(&draw("/my-list")), "My list");
    assert_eq!(heading(&draw("/nowhere")), "Page not found");
}

#[test]
fn every_category_entitlement_and_hub_draws_under_its_own_title() {
    let offer = published();
    for category in &offer.categories {
        let html = draw(&format!("/offer/category/{}", category.id));
        assert_eq!(heading(&html), escaped(&category.title), "{}", category.id);
        assert!(
            html.contains(&escaped(&category.summary)),
            "{}",
            category.id
        );
    }
    for item in &offer.entitlements {
        let html = draw(&format!("/offer/{}", item.id));
        assert_eq!(heading(&html), escaped(&item.title), "{}", item.id);
        assert!(html.contains(&escaped(&item.summary)), "{}", item.id);
        // Where the facts come from is on the page from the start.
        assert!(html.contains("Where this comes from"), "{}", item.id);
    }
    for hub in &offer.hubs {
        let html = draw(&format!("/hubs/{}", hub.id));
        assert_eq!(heading(&html), escaped(&hub.name), "{}", hub.id);
        assert!(html.contains(&escaped(&hub.postcode)), "{}", hub.id);
    }
}

#[test]
fn a_search_address_draws_its_results() {
    let html = draw("/search?q=rent");
    assert_eq!(heading(&html), "Search the offer");
    // The search box holds what was asked, and results follow from the offer.
    assert!(html.contains("value=\"rent\""), "{html}");
    assert!(html.contains("<a href=\"/offer/"), "{html}");
}

/// `public/lang/CODE.json`, read as the phone reads it.
fn language(code: &str) -> offer_core::i18n::LanguageFile {
    let path = format!("{}/public/lang/{code}.json", env!("CARGO_MANIFEST_DIR"));
    offer_core::i18n::LanguageFile::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn pages_draw_in_the_young_persons_language() {
    // Each test runs on a thread of its own, and the language is the thread's.
    let arabic = language("ar");
    let words = |key: &str| match arabic.messages.get(key) {
        Some(offer_core::i18n::Message::Text(text)) => escaped(text),
        other => panic!("{key}: {other:?}"),
    };
    let (offer_title, search_title) = (words("the_offer.title"), words("search.title"));
    local_offer::i18n::set_chosen(Some(local_offer::i18n::Chosen {
        file: arabic,
        draft: true,
    }));
    assert_eq!(heading(&draw("/offer")), offer_title);
    // A count in Arabic takes one of six forms: the rule is Rust's here, with no `Intl`.
    let search = draw("/search?q=rent");
    assert_eq!(heading(&search), search_title);
    let count = search.split("<h2 role=\"status\">").nth(1).unwrap();
    let count = &count[..count.find("</h2>").unwrap()];
    assert!(count.ends_with(" نتيجة"), "{count}");
    local_offer::i18n::set_chosen(None);
    assert_eq!(heading(&draw("/offer")), "The offer");
}

#[test]
fn a_page_the_server_draws_for_a_link_in_arabic_is_arabic_to_its_dates() {
    let offer = published();
    let item = offer
        .entitlements
        .iter()
        .find(|e| e.current_in("ar").is_some())
        .expect("an item translated into Arabic");
    let items = serde_json::json!({ "entitlements": { &item.id: &item.translations["ar"] } });
    let arabic = local_offer::drawn::Language::new(
        language("ar"),
        true,
        &serde_json::to_vec(&items).unwrap(),
    );
    let address = format!("/offer/{}?lang=ar", item.id);
    let page = local_offer::drawn::page(
        Arc::new(offer.clone().without_translations()),
        &address,
        Some(&arabic),
    )
    .unwrap();
    // The item's own words in Arabic, from the translations sent beside the offer.
    let title = offer_core::i18n::bidi::isolate_numbers(item.title_in("ar"));
    assert_eq!(heading(&page.main), escaped(&title));
    assert!(page.title.starts_with(&title), "{}", page.title);
    assert_eq!(
        page.description,
        offer_core::i18n::bidi::isolate_numbers(item.summary_in("ar"))
    );
    // Its "last checked" date from the catalogue's month names, with the digits used for
    // amounts and phone numbers: the same as the app writes it on the phone.
    let words = offer_core::i18n::Words {
        chosen: Some(&arabic.file.messages),
        english: offer_core::i18n::english::catalogue(),
        plural: &offer_core::i18n::PluralCategory::english,
    };
    let date = offer_core::dates::long_date_in(&words, item.last_checked);
    assert!(!date.contains(&offer_core::dates::long_date(item.last_checked)));
    assert!(page.main.contains(&escaped(&date)), "{date}");
    // English again on this thread once the page is drawn.
    let again = local_offer::drawn::page(
        Arc::new(offer.clone().without_translations()),
        &format!("/offer/{}", item.id),
        None,
    )
    .unwrap();
    assert_eq!(heading(&again.main), escaped(&item.title));
}

#[test]
fn drawing_here_fails_on_a_call_to_the_browser() {
    // The check above means something only if there is no browser here to answer.
    let drawn = std::panic::catch_unwind(|| {
        draw_as_server("/", || {
            let origin = local_offer::browser::address::origin();
            view! { <p>{origin}</p> }
        })
    });
    assert!(drawn.is_err());
}

#[test]
fn the_header_and_bottom_bar_draw_around_a_page() {
    use local_offer::components::language::{DraftNote, LanguageSuggestion};
    use local_offer::components::layout::{BottomNav, Header, OfflineBanner};
    let html = draw_as_server("/hubs", || {
        view! {
            <Router>
                <Header/><DraftNote/><LanguageSuggestion/><OfflineBanner/>
                <AppRoutes/>
                <BottomNav/>
            </Router>
        }
    });
    // The council's name, the way to every language and to help now, then the page.
    assert!(html.contains("<span class=\"brand-council\">Cheshire East Council</span>"));
    assert!(html.contains("<a href=\"/language\" class=\"language-link\">"));
    assert!(html.contains(">Help now</a>"));
    assert_eq!(heading(&html), "Hubs");
    // The four places, the open one marked as the page a screen reader is on.
    let bar = &html[html
        .find("<nav aria-label=\"Main\"")
        .expect("the bottom bar")..];
    for place in ["/offer", "/hubs", "/contacts", "/have-your-say"] {
        assert!(bar.contains(&format!("<a href=\"{place}\"")), "{place}");
    }
    assert!(
        bar.contains("<a href=\"/hubs\" aria-current=\"page\""),
        "{bar}"
    );
    // Drawn as online (it was just fetched), with no "you are offline" line.
    let offline = offer_core::i18n::english::text("app.offline");
    assert!(
        !offline.is_empty() && !html.contains(&escaped(offline)),
        "{html}"
    );
}

#[test]
fn what_a_search_asked_is_written_as_text_never_as_markup() {
    // The server draws a search from its address, which anyone can write.
    let html = draw("/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cb%20x%3D%22");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b x"), "{html}");
    assert!(
        html.contains("value=\"&quot;&gt;&lt;script&gt;")
            || html.contains("value=\"&quot;>&lt;script>"),
        "{html}"
    );
}

#[test]
fn a_page_the_server_draws_names_the_tab_as_the_app_does() {
    let offer = Arc::new(published());
    let item = &offer.entitlements[0];
    let page =
        local_offer::drawn::page(offer.clone(), &format!("/offer/{}", item.id), None).unwrap();
    // What a messaging app shows for a link a PA texts, before any WASM.
    assert_eq!(page.title, format!("{} | Local Offer", item.title));
    assert_eq!(heading(&page.main), escaped(&item.title));
    // Under the title, the item's summary; the page is found.
    assert_eq!(page.description, item.summary);
    assert!(page.found);
    let category = &offer.categories[0];
    let page = local_offer::drawn::page(
        offer.clone(),
        &format!("/offer/category/{}", category.id),
        None,
    )
    .unwrap();
    assert_eq!(page.description, category.summary);
    let home = local_offer::drawn::page(offer.clone(), "/", None).unwrap();
    assert_eq!(
        home.description,
        offer_core::i18n::english::text("home.lead")
    );
    assert!(local_offer::drawn::page(offer, "/my-list", None).is_none());
}

#[test]
fn an_address_the_app_does_not_know_is_drawn_as_not_found() {
    let offer = Arc::new(published());
    for address in ["/offer/no-such-item", "/offer/category/no-such-category"] {
        let page = local_offer::drawn::page(offer.clone(), address, None).unwrap();
        assert!(!page.found, "{address}");
        assert_eq!(heading(&page.main), "Page not found", "{address}");
    }
}
