//! In-browser tests: the app's components mounted in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run timers, fetches and effects for a while.
async fn pause(time: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                time.as_millis() as i32,
            )
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn text_of(selector: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let el = doc.query_selector(selector).ok()??;
    el.dyn_into::<web_sys::HtmlElement>().ok()?.text_content()
}

/// Waits up to five seconds for `selector` to appear.
async fn wait_for(selector: &str) -> String {
    for _ in 0..50 {
        if let Some(text) = text_of(selector) {
            return text;
        }
        pause(Duration::from_millis(100)).await;
    }
    panic!("{selector} never appeared");
}

#[wasm_bindgen_test]
async fn without_a_server_the_app_still_shows_its_frame_and_a_kind_retry() {
    leptos::mount::mount_to_body(local_offer::app::App);
    assert_eq!(wait_for("h1").await, "Your local offer");
    // The test runner serves no /api/offer, so the offer cannot load: the young person
    // must get a kind message and a way to try again, never a blank page.
    let alert = wait_for("[role=alert]").await;
    assert!(alert.contains("We couldn't load the offer"), "got: {alert}");
    assert_eq!(wait_for("[role=alert] button").await, "Try again");
    let nav = wait_for("nav[aria-label=Main]").await;
    for place in ["The offer", "Hubs", "Contacts", "Have your say"] {
        assert!(nav.contains(place), "the bottom navigation lists {place}");
    }
    assert!(text_of(".skip-link").is_some(), "there is a skip link");
}
