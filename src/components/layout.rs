//! The frame around every page: header, offline banner and bottom navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::online_signal;
use crate::i18n::t;
use crate::offer_state::use_offer;

/// The app's name and the council's name.
#[component]
pub fn Header() -> impl IntoView {
    let offer = use_offer();
    let council = move || {
        offer
            .offer()
            .map(|o| o.council.name.clone())
            .unwrap_or_else(crate::shell::council_name)
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-name">{t("app.name")}</span>
                <span class="brand-council">{council}</span>
            </A>
            // Language and Help now stay together: on a narrow screen they move below the
            // name as a pair, never leaving Help now alone on a line.
            <div class="header-actions">
                <A href="/language" attr:class="language-link">
                    <NavIcon path="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9M12 3c-2.5 2.5-3.8 5.5-3.8 9s1.3 6.5 3.8 9"/>
                    <span class="visually-hidden">{t("app.language")}": "</span>
                    <span class="language-name">{crate::i18n::name_on_screen}</span>
                </A>
                <A href="/help-now" attr:class="help-now-link">{t("app.help_now")}</A>
            </div>
        </header>
    }
}

/// "You're offline", shown while the phone has no connection.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = online_signal();
    view! {
        <div class="offline-banner" role="status" aria-live="polite">
            <Show when=move || !online.get()>
                <p>
                    <strong>{t("app.offline")}</strong>" "
                    {t("app.offline_detail")}
                </p>
            </Show>
        </div>
    }
}

/// Says plainly that this tab shows the staff's unpublished draft, not the offer.
#[component]
pub fn PreviewBanner() -> impl IntoView {
    crate::preview::is_preview().then(|| {
        view! {
            <div class="preview-banner" role="status">
                <p>
                    <strong>{t("app.preview")}</strong>" "
                    {t("app.preview_detail")}
                </p>
            </div>
        }
    })
}

/// The most of the screen the fixed bottom bar may cover; with larger text it scrolls with
/// the page instead (at 200% text on a small phone it would hide a third of every page).
const MOST_COVERED: f64 = 0.2;

/// Fixes the bar to the bottom of the screen, unless it would cover more than
/// [`MOST_COVERED`] of it: then `data-nav="static"` on `<html>` lets it scroll with the page.
fn place_bottom_nav(bar_height: impl Fn() -> i32) {
    // Measured as a fixed bar, which is how it would cover the page.
    crate::browser::set_root_attribute("data-nav", None);
    let height = crate::browser::window_height();
    if height > 0.0 && f64::from(bar_height()) > height * MOST_COVERED {
        crate::browser::set_root_attribute("data-nav", Some("static"));
    }
}

/// The four places of the app, at the bottom of the screen.
#[component]
pub fn BottomNav() -> impl IntoView {
    let nav = NodeRef::<leptos::html::Nav>::new();
    Effect::new(move |_| {
        if let Some(el) = nav.get() {
            place_bottom_nav(|| el.offset_height());
        }
    });
    // Turning the phone or changing the text size changes how much the bar covers.
    let resized = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = nav.get_untracked() {
            place_bottom_nav(|| el.offset_height());
        }
    });
    on_cleanup(move || resized.remove());
    view! {
        <nav class="bottom-nav" aria-label=t("app.nav_label") node_ref=nav>
            <ul>
                <li><A href="/offer"><NavIcon path="M4 6h16M4 12h16M4 18h10"/>{t("app.nav_offer")}</A></li>
                <li><A href="/hubs"><NavIcon path="M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z"/>{t("app.nav_hubs")}</A></li>
                <li><A href="/contacts"><NavIcon path="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>{t("app.nav_contacts")}</A></li>
                <li><A href="/have-your-say"><NavIcon path="M4 5h16v11H8l-4 4z"/>{t("app.nav_have_your_say")}</A></li>
            </ul>
        </nav>
    }
}

/// A small line icon; decorative, so hidden from screen readers.
#[component]
fn NavIcon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}
