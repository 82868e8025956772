//! The browser itself: every call the app's views need from the Web's own interfaces.
//!
//! Pages, components and the words (`i18n`) ask this module, never `web_sys` or `js_sys`
//! directly (`tests/browser_apart.rs` checks), so what a page draws stays plain Rust that a
//! server could draw too, and what only a browser can do is here to be left out of it.
//! The services that are the browser's by nature (fetching, the service worker, the outbox,
//! what the phone keeps in `kept`) keep their own calls.

pub mod address;
pub mod download;
pub mod install;
pub mod location;
pub mod share;
pub mod storage;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// True while the phone says it has a connection; follows the `online`/`offline` events.
/// It starts true, as a page drawn anywhere but a browser must (it was just fetched), and
/// takes the phone's own answer in an effect, before the browser paints.
pub fn online_signal() -> ReadSignal<bool> {
    let (online, set_online) = signal(true);
    Effect::new(move |_| {
        let now = web_sys::window().is_none_or(|w| w.navigator().on_line());
        set_online.set(now);
    });
    let on = window_event_listener(ev::online, move |_| set_online.set(true));
    let off = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}

/// Sets the browser tab's title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
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

/// True while the page is on screen (not in a background tab or a locked phone).
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Moves keyboard and screen reader focus to the element with `id`, if the page has it.
pub fn focus_id(id: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}

/// [`focus_id`] once the current task is done, so an element just drawn is there to take it.
pub fn focus_id_soon(id: &'static str) {
    leptos::task::spawn_local(async move { focus_id(id) });
}

/// True when this browser can keep the app for use with no signal (it has service workers).
pub fn can_work_offline() -> bool {
    web_sys::window().is_some_and(|w| {
        let navigator = wasm_bindgen::JsValue::from(w.navigator());
        js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false)
    })
}

/// The languages the phone is set to, most wanted first (`navigator.languages`).
pub fn languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// True when `target`, where an event happened, is a field being typed in.
pub fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Sets an attribute on `<html>` (`lang`, `dir`, `data-nav`), or removes it for `None`.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}

/// The height of the browser's window in CSS pixels (0 when it cannot say).
pub fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
}
