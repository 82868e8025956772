//! Handing a link to the phone's share sheet, its clipboard or its printer.
//!
//! `navigator.share` and `navigator.clipboard` are looked up at run time: many browsers lack
//! the first, and pages without a secure context lack the second.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| w.navigator().into())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// True when the browser has a share sheet (most phones; few desktops).
pub fn can_share() -> bool {
    navigator().and_then(|n| method(&n, "share")).is_some()
}

/// Opens the share sheet with a title, a line of text and a link. `Err` when there is no
/// share sheet or the person closed it.
pub async fn share_link(title: &str, text: &str, url: &str) -> Result<(), JsValue> {
    let navigator = navigator().ok_or(JsValue::NULL)?;
    let share = method(&navigator, "share").ok_or(JsValue::NULL)?;
    let data = Object::new();
    Reflect::set(&data, &"title".into(), &title.into())?;
    Reflect::set(&data, &"text".into(), &text.into())?;
    Reflect::set(&data, &"url".into(), &url.into())?;
    let promise: Promise = share.call1(&navigator, &data)?.dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}

/// Copies `text` to the clipboard. `Err` when the browser will not allow it.
pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    let navigator = navigator().ok_or(JsValue::NULL)?;
    let clipboard = Reflect::get(&navigator, &"clipboard".into())?;
    let write = method(&clipboard, "writeText").ok_or(JsValue::NULL)?;
    let promise: Promise = write.call1(&clipboard, &text.into())?.dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}

/// Opens the browser's print dialogue (the print layout lives in the style sheet).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
