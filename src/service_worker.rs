//! Registers the service worker and tells the app when a new version or a new offer arrives.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// How often an open app asks whether a new version has been deployed.
const UPDATE_CHECK_MS: i32 = 60_000;

/// Signals the rest of the app reads.
#[derive(Clone, Copy)]
pub struct SwState {
    /// A new version is installed and waiting for the young person to say "Refresh".
    pub update_ready: RwSignal<bool>,
    /// The service worker fetched a newer offer than the one on screen.
    pub offer_changed: RwSignal<u32>,
    // Browser objects are not `Send`, so this lives in the thread-local arena.
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl SwState {
    /// Registers `/sw.js` (where the browser allows it) and starts listening.
    pub fn start() -> SwState {
        let state = SwState {
            update_ready: RwSignal::new(false),
            offer_changed: RwSignal::new(0),
            registration: StoredValue::new_local(None),
        };
        let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
            return state;
        };
        // `serviceWorker` is missing on insecure origins; check before using it.
        if JsValue::from(container.clone()).is_undefined() {
            return state;
        }
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let kind = js_sys::Reflect::get(&event.data(), &JsValue::from_str("type"))
                .ok()
                .and_then(|v| v.as_string());
            if kind.as_deref() == Some("offer-updated") {
                state.offer_changed.update(|n| *n += 1);
            }
        });
        container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();

        // Registering can wait for the first screen (the worker installs in the background).
        crate::browser::in_next_task(move || register(container, state));
        state
    }

    /// Asks the browser to check for a new version now (e.g. when the app comes back into view).
    pub fn check_for_update(&self) {
        self.registration.with_value(|r| {
            if let Some(r) = r {
                let _ = r.update();
            }
        });
    }

    /// Switches to the waiting version and reloads once it has taken over.
    pub fn apply_update(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let container = window.navigator().service_worker();
        let reload = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        self.registration.with_value(|r| {
            if let Some(waiting) = r.as_ref().and_then(|r| r.waiting()) {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
                let _ = waiting.post_message(&message);
            }
        });
    }
}

/// Registers `/sw.js` and checks for a new version of it every `UPDATE_CHECK_MS`.
fn register(container: web_sys::ServiceWorkerContainer, state: SwState) {
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch_for_updates(&registration, state.update_ready);
        state.registration.set_value(Some(registration.clone()));
        let check = Closure::<dyn FnMut()>::new(move || {
            let _ = registration.update();
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
                check.as_ref().unchecked_ref(),
                UPDATE_CHECK_MS,
            );
        }
        check.forget();
    });
}

/// Sets `ready` when a new worker finishes installing while an old one controls the page.
fn watch_for_updates(registration: &ServiceWorkerRegistration, ready: RwSignal<bool>) {
    let has_controller = || {
        web_sys::window()
            .and_then(|w| w.navigator().service_worker().controller())
            .is_some()
    };
    if registration.waiting().is_some() && has_controller() {
        ready.set(true);
    }
    let reg = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker: ServiceWorker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && has_controller() {
                ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}
