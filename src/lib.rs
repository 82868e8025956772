//! Local Offer: a council's care leaver local offer, on any phone, with or without signal.
//!
//! Pages live in `pages/` (one file each), shared pieces in `components/`, all network
//! access in `api`, and everything pages ask of the browser itself (focus, the address,
//! storage, location, sharing) in `browser`. Questions about the offer (who can get
//! what, what is open) are answered by `offer-core`.

pub mod api;
pub mod api_words;
pub mod app;
pub mod browser;
pub mod components;
#[cfg(not(target_arch = "wasm32"))]
pub mod drawn;
pub mod i18n;
pub mod kept;
pub mod meeting_store;
pub mod messages;
pub mod offer_state;
pub mod outbox_driver;
pub mod pages;
pub mod preview;
pub mod service_worker;
pub mod shared_kept;
pub mod shell;

/// Mounts the app on the page.
pub fn start() {
    use leptos::prelude::*;
    console_error_panic_hook::set_once();
    // Three tasks, each short enough that a slow phone can answer a tap between them: this
    // one (the WASM starting), the services, then the first render once the shell is seen.
    // The services spawn tasks before anything is mounted, and mounting is what would
    // otherwise start Leptos's executor: without it, those tasks would be dropped.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    browser::in_next_task(|| {
        let services = app::Services::start();
        shell::after_first_paint(move || {
            let mount = move || {
                shell::take_down();
                leptos::mount::mount_to_body(move || view! { <app::AppWith services/> });
            };
            match shell::drawn_language() {
                // A page drawn in the language a link asks for, on a phone not showing it
                // yet: taken over once the app has switched, not redrawn in another first.
                Some(code) if !i18n::shows(&code) => i18n::once_settled(mount),
                _ => mount(),
            }
        });
    });
}
