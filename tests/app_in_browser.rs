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

/// The plural rules in Rust (`offer_core::i18n::plural`, which a page drawn without a
/// browser uses) give what the browser's `Intl.PluralRules` gives, for every language they
/// list and the counts a page shows.
#[wasm_bindgen_test]
fn plural_rules_in_rust_agree_with_the_browser() {
    use offer_core::i18n::plural::category;
    use offer_core::i18n::PluralCategory;
    let plural_category = |code: &str, n: u64| {
        let locales = js_sys::Array::of1(&code.into());
        let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        let name: String = rules.select(n as f64).into();
        PluralCategory::from_name(&name)
    };
    let codes = [
        "en", "ar", "ps", "fa-AF", "fa", "ti", "ckb", "vi", "sq", "am", "om", "ku",
    ];
    let mut differ = Vec::new();
    for code in codes {
        for n in (0..=250).chain([1000, 1001, 1002, 1003, 1011, 1_000_000]) {
            let ours = category(code, n).expect("a rule for every language listed");
            let browser = plural_category(code, n);
            if ours != browser {
                differ.push(format!(
                    "{code} {n}: ours {ours:?}, the browser's {browser:?}"
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
