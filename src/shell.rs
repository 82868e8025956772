//! The page `index.html` paints before the WASM arrives: the header with the council's name,
//! the home page's heading and a calm "Loading" line, so a phone on weak signal shows
//! something at once. The app takes it down in the same task as it mounts, so no frame shows
//! both and nothing shifts (a replaced element is new, not moved, to the layout-shift score).

use std::sync::OnceLock;

/// The council's name as `index.html` showed it (the server writes it there from the offer).
static COUNCIL: OnceLock<String> = OnceLock::new();

/// Reads what the shell showed, then removes it. Call once, just before mounting the app.
pub fn take_down() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(council)) = document.query_selector("#shell .brand-council") {
        let name = council.text_content().unwrap_or_default();
        let _ = COUNCIL.set(name.trim().to_string());
    }
    if let Some(shell) = document.get_element_by_id("shell") {
        shell.remove();
    }
}

/// The council's name the shell showed, until the offer arrives with its own.
pub fn council_name() -> String {
    COUNCIL.get().cloned().unwrap_or_default()
}
