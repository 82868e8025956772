//! The browser's `Intl`: dates in every language, without carrying CLDR's tables in the
//! WASM. (Plural rules are few and small, and in Rust: `offer_core::i18n::plural`.)

use chrono::Datelike;
use wasm_bindgen::JsValue;

/// `date` as language `code` writes a day, month and year; `None` if the browser cannot.
pub fn long_date(code: &str, date: chrono::NaiveDate) -> Option<String> {
    let options = js_sys::Object::new();
    for (name, value) in [
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
        ("timeZone", "UTC"),
    ] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&code.into()), &options);
    let at = js_sys::Date::new(&JsValue::from_f64(
        js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0()))
            + f64::from(date.day0()) * 86_400_000.0,
    ));
    format
        .format()
        .call1(&JsValue::NULL, &at)
        .ok()
        .and_then(|v| v.as_string())
}
