//! Facts about the browser the app runs in, as signals.

use leptos::ev;
use leptos::prelude::*;

/// True while the phone says it has a connection; follows the `online`/`offline` events.
pub fn online_signal() -> ReadSignal<bool> {
    let initial = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    let (online, set_online) = signal(initial);
    let on = window_event_listener(ev::online, move |_| set_online.set(true));
    let off = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}

/// Sets the browser tab's title, so each page has its own.
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&crate::i18n::tf("browser.title", &[("page", page)]));
    }
}

/// Runs `f` in a task of its own once the current one is done, under the same reactive
/// owner (so its contexts still answer). Start-up work the first screen does not need
/// (sending the outbox, asking for replies, registering the service worker) goes here, so
/// a slow phone draws the page first instead of in one long task that blocks a tap.
pub fn in_next_task(f: impl FnOnce() + 'static) {
    let owner = Owner::current();
    set_timeout(
        move || match owner {
            Some(owner) => owner.with(f),
            None => f(),
        },
        std::time::Duration::ZERO,
    );
}

/// Resolves in a later task: awaiting it between two pieces of heavy work lets the browser
/// paint and answer a tap in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
