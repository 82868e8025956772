//! The page `index.html` paints before the WASM arrives: the header with the council's name,
//! the home page's heading and a calm "Loading" line, so a phone on weak signal shows
//! something at once. The app takes it down in the same task as it mounts, so no frame shows
//! both and nothing shifts (a replaced element is new, not moved, to the layout-shift score).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout, window};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The council's name as `index.html` showed it (the server writes it there from the offer).
static COUNCIL: OnceLock<String> = OnceLock::new();

/// Where the shell shows the council's name.
const COUNCIL_NAME: &str = "#shell .brand-council"; // not shown

/// The function `index.html` defines to report its first paint.
const AFTER_PAINT: &str = "localOfferAfterPaint";

/// Reads what the shell showed, then removes it. Call once, just before mounting the app.
pub fn take_down() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(council)) = document.query_selector(COUNCIL_NAME) {
        let name = council.text_content().unwrap_or_default();
        let _ = COUNCIL.set(name.trim().to_string());
    }
    if let Some(shell) = document.get_element_by_id("shell") {
        shell.remove();
    }
}

/// The language of the page the server drew into the shell (`en-GB` for English), when the
/// shell shows it (`index.html`'s first script says where it does not).
pub fn drawn_language() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let root = document.document_element()?;
    if root.class_list().contains("shell-undrawn") {
        return None;
    }
    let drawn = document
        .query_selector("meta[name=\"local-offer-drawn\"]")
        .ok()??;
    Some(
        drawn
            .get_attribute("data-lang")
            .unwrap_or_else(|| "en-GB".to_string()),
    )
}

/// The council's name the shell showed, until the offer arrives with its own.
pub fn council_name() -> String {
    COUNCIL.get().cloned().unwrap_or_default()
}

/// Runs `mount` once the browser has painted the shell. Fetching and compiling the WASM can
/// finish before the first frame on a fast connection; mounting then would replace the shell
/// unseen, and the page's first paint (and its largest) would wait for the app.
/// `index.html` reports the paint (`localOfferAfterPaint`, from paint timing); a browser
/// without paint timing waits a frame instead. A hidden tab paints nothing, so a timer
/// mounts the app there; whichever comes first mounts it, once.
pub fn after_first_paint(mount: impl FnOnce() + 'static) {
    let mount: Once = Rc::new(Cell::new(Some(Box::new(mount))));
    let run = {
        let mount = Rc::clone(&mount);
        move || {
            if let Some(mount) = mount.take() {
                mount();
            }
        }
    };
    let by_paint = run.clone();
    let after_paint = js_sys::Reflect::get(&window(), &JsValue::from_str(AFTER_PAINT))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match after_paint {
        Some(after_paint) => {
            let then = Closure::once_into_js(by_paint);
            let _ = after_paint.call1(&JsValue::NULL, &then);
        }
        None => request_animation_frame(move || set_timeout(by_paint, Duration::ZERO)),
    }
    set_timeout(run, Duration::from_millis(HIDDEN_TAB_WAIT_MS));
}

/// Something to run once, whichever way asks first.
type Once = Rc<Cell<Option<Box<dyn FnOnce()>>>>;

/// How long a tab that paints nothing (opened in the background) waits to mount the app.
const HIDDEN_TAB_WAIT_MS: u64 = 250;
