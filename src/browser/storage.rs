//! What the phone keeps in its browser's storage, as text or as JSON.
//!
//! A phone in private mode, or one that is full, refuses to keep anything, and a browser set
//! to block every site's data gives no storage at all (reading `localStorage` throws): every
//! call here says so (`false`, `None`) rather than failing, and the app carries on with what
//! it has in memory.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's own storage, gone when the tab closes.
fn tab() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The text kept under `key`, if any.
pub fn get_text(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`; false when the phone would not keep it.
pub fn set_text(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Forgets what is kept under `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// The value kept as JSON under `key`; `None` when there is none or it no longer reads.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&get_text(key)?).ok()
}

/// Keeps `value` as JSON under `key`; false when the phone would not keep it.
pub fn set<T: Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|text| set_text(key, &text))
}

/// The value kept as JSON under `key` for this tab only (session storage).
pub fn tab_get<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&tab()?.get_item(key).ok().flatten()?).ok()
}

/// Keeps `value` as JSON under `key` for this tab only; false when the browser would not.
pub fn tab_set<T: Serialize>(key: &str, value: &T) -> bool {
    let Some(storage) = tab() else { return false };
    serde_json::to_string(value).is_ok_and(|text| storage.set_item(key, &text).is_ok())
}

/// Asks the browser to keep our data even when the phone runs low on space.
pub fn ask_to_keep() {
    if let Some(window) = web_sys::window() {
        if let Ok(promise) = window.navigator().storage().persist() {
            // The answer changes nothing we do; the request alone protects the offline copy.
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}
