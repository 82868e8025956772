//! The address the app is open at: the link a PA texted, a summary's fragment, the origin
//! a QR code should point back to.

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The value of `name` in the address's query (`?lang=ar` gives `Some("ar")` for `lang`),
/// decoded as the browser decodes it.
pub fn query(name: &str) -> Option<String> {
    let search = location()?.search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The scheme, host and port (`https://offer.example.gov.uk`), or "" when unknown.
pub fn origin() -> String {
    location().and_then(|l| l.origin().ok()).unwrap_or_default()
}

/// The host's name without its port (`offer.example.gov.uk`), or "" when unknown.
pub fn hostname() -> String {
    location()
        .and_then(|l| l.hostname().ok())
        .unwrap_or_default()
}

/// The fragment with its `#` (`#1.20261122/A…`), or "" when there is none. No server ever
/// sees this part, which is why a meeting's summary travels in it.
pub fn fragment() -> String {
    location().and_then(|l| l.hash().ok()).unwrap_or_default()
}
