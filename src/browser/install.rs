//! Installing the app on the home screen: the browser's own offer where it makes one, and
//! whether the phone is an iPhone (where Safari has none and the app shows steps instead).

use leptos::prelude::{window, window_event_listener_untyped, WindowListenerHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The media query that matches when the app runs from the home screen.
const STANDALONE: &str = "(display-mode: standalone)"; // not shown

/// Where index.html's inline script keeps a `beforeinstallprompt` that came before the app.
const EARLY_PROMPT: &str = "localOfferInstallPrompt";

/// The method of the browser's event that shows its install prompt.
const PROMPT: &str = "prompt";

/// The browser's offer to install the app, kept until the young person takes it up.
#[derive(Clone)]
pub struct InstallOffer(web_sys::Event);

impl InstallOffer {
    /// Shows the browser's own "Install app?" prompt.
    pub fn show(&self) {
        if let Ok(prompt) = js_sys::Reflect::get(&self.0, &JsValue::from_str(PROMPT)) {
            if let Some(prompt) = prompt.dyn_ref::<js_sys::Function>() {
                let _ = prompt.call0(&self.0);
            }
        }
    }
}

/// An offer the browser made before the app had started: on weak signal it often comes
/// before the WASM has arrived, and index.html keeps it.
pub fn early_offer() -> Option<InstallOffer> {
    js_sys::Reflect::get(&window(), &JsValue::from_str(EARLY_PROMPT))
        .ok()
        .and_then(|value| value.dyn_into::<web_sys::Event>().ok())
        .map(InstallOffer)
}

/// Calls `take` with each offer the browser makes from now on (keeping it from showing its
/// own banner at a moment the young person did not choose).
pub fn on_offer(take: impl Fn(InstallOffer) + 'static) -> WindowListenerHandle {
    window_event_listener_untyped("beforeinstallprompt", move |event| {
        event.prevent_default();
        take(InstallOffer(event));
    })
}

/// True when the app is already running from the home screen.
pub fn installed() -> bool {
    window()
        .match_media(STANDALONE)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// True on an iPhone or iPad, where Safari has no install prompt to show.
pub fn on_ios() -> bool {
    let agent = window().navigator().user_agent().unwrap_or_default();
    agent.contains("iPhone") || agent.contains("iPad")
}
