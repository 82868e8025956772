//! "Add to home screen": the browser's own prompt where it offers one, steps for iPhone.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::t;

/// The media query that matches when the app runs from the home screen.
const STANDALONE: &str = "(display-mode: standalone)"; // not shown

/// True when the app is already running from the home screen.
fn installed() -> bool {
    window()
        .match_media(STANDALONE)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// True on an iPhone or iPad, where Safari has no install prompt to show.
fn on_ios() -> bool {
    let agent = window().navigator().user_agent().unwrap_or_default();
    agent.contains("iPhone") || agent.contains("iPad")
}

/// Where index.html's inline script keeps a `beforeinstallprompt` that came before the app.
const EARLY_PROMPT: &str = "localOfferInstallPrompt";

/// The method of the browser's event that shows its install prompt.
const PROMPT: &str = "prompt";

/// An invitation to keep the app on the home screen, shown only where it makes sense.
#[component]
pub fn InstallPrompt() -> impl IntoView {
    // The browser hands us its prompt once; keep it until the young person asks for it.
    let deferred = StoredValue::new_local(None::<web_sys::Event>);
    let can_prompt = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    // On weak signal the browser often offers before the WASM has arrived; index.html keeps
    // that early offer for us (as `localOfferInstallPrompt`), so take it if it is there.
    let early = js_sys::Reflect::get(&window(), &JsValue::from_str(EARLY_PROMPT))
        .ok()
        .and_then(|value| value.dyn_into::<web_sys::Event>().ok());
    if let Some(event) = early {
        deferred.set_value(Some(event));
        can_prompt.set(true);
    }
    let listener = window_event_listener_untyped("beforeinstallprompt", move |event| {
        event.prevent_default();
        deferred.set_value(Some(event));
        can_prompt.set(true);
    });
    on_cleanup(move || listener.remove());
    let install = move |_| {
        deferred.with_value(|event| {
            if let Some(event) = event {
                if let Ok(prompt) = js_sys::Reflect::get(event, &JsValue::from_str(PROMPT)) {
                    if let Some(prompt) = prompt.dyn_ref::<js_sys::Function>() {
                        let _ = prompt.call0(event);
                    }
                }
            }
        });
        can_prompt.set(false);
    };
    let ios = on_ios() && !installed();
    view! {
        <Show when=move || can_prompt.get() && !dismissed.get()>
            <section class="card install" aria-labelledby="install-heading">
                <h2 id="install-heading">{t("install_prompt.heading")}</h2>
                <p>{t("install_prompt.lead")}</p>
                <p class="actions">
                    <button type="button" class="button button-primary" on:click=install>{t("install_prompt.add")}</button>
                    <button type="button" class="button" on:click=move |_| dismissed.set(true)>{t("install_prompt.not_now")}</button>
                </p>
            </section>
        </Show>
        <Show when=move || ios && !dismissed.get()>
            <section class="card install" aria-labelledby="install-ios-heading">
                <h2 id="install-ios-heading">{t("install_prompt.ios_heading")}</h2>
                <ol>
                    <li>{t("install_prompt.ios_share")}</li>
                    <li>{t("install_prompt.ios_add_to_home_screen")}</li>
                    <li>{t("install_prompt.ios_add")}</li>
                </ol>
                <button type="button" class="button" on:click=move |_| dismissed.set(true)>{t("install_prompt.got_it")}</button>
            </section>
        </Show>
    }
}
