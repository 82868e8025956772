//! Where the phone is, when the young person asks for the nearest hub.
//!
//! The answer goes only to the callback: nothing here stores or sends it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Position, PositionError, PositionOptions};

/// The phone's answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Located {
    /// Where it is, in degrees.
    Here { lat: f64, lon: f64 },
    /// The young person (or their settings) said no.
    Refused,
    /// It could not work it out in time.
    NotFound,
    /// This browser cannot share a location at all.
    CannotShare,
}

/// Asks once for a rough position, no older than `max_age_ms`, waiting at most
/// `timeout_ms`; `answer` is called once, now (`CannotShare`) or when the phone answers.
pub fn ask(timeout_ms: u32, max_age_ms: u32, answer: impl Fn(Located) + Clone + 'static) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        answer(Located::CannotShare);
        return;
    };
    let on_found = answer.clone();
    let found = Closure::once_into_js(move |position: Position| {
        let coords = position.coords();
        on_found(Located::Here {
            lat: coords.latitude(),
            lon: coords.longitude(),
        });
    });
    let on_failed = answer.clone();
    let failed = Closure::once_into_js(move |error: PositionError| {
        on_failed(if error.code() == PositionError::PERMISSION_DENIED {
            Located::Refused
        } else {
            Located::NotFound
        });
    });
    let options = PositionOptions::new();
    // A rough position is enough to find the nearest hub, and quicker and kinder to the battery.
    options.set_enable_high_accuracy(false);
    options.set_timeout(timeout_ms);
    options.set_maximum_age(max_age_ms);
    let asked = geolocation.get_current_position_with_error_callback_and_options(
        found.unchecked_ref(),
        Some(failed.unchecked_ref()),
        &options,
    );
    if asked.is_err() {
        answer(Located::CannotShare);
    }
}
