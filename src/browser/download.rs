//! Files made on the phone and handed to it, like a hub session's calendar entry.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `text` as a file called `name`, made on the phone: nothing is fetched or sent.
/// False when the browser would not make it.
pub fn save_file(name: &str, mime: &str, text: &str) -> bool {
    save(name, mime, text).is_ok()
}

fn save(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?; // not shown
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?; // not shown
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?; // not shown
    body.append_child(&link)?;
    link.click();
    link.remove();
    // The browser reads the file after the click returns: let it go only once it has.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Ok(())
}
