//! Previewing the staff's draft of the offer in the real app.
//!
//! The staff side's "See the draft on a phone" opens the app with `?preview=draft`. From then
//! on this tab (and only this tab: the flag is in session storage) reads the offer from
//! `/staff/offer/preview/offer.json`, which answers only signed-in staff and which the service
//! worker never caches, and notes nothing on the phone: the published offer, its cache and
//! the time it was last refreshed are left exactly as they were.

use crate::browser::storage;

/// Where the tab remembers it is a preview.
const KEY: &str = "local-offer.v1.preview";

/// Where the draft is read from.
pub const DRAFT_URL: &str = "/staff/offer/preview/offer.json";

/// True when this tab shows the draft.
pub fn is_preview() -> bool {
    let asked = crate::browser::address::query("preview").is_some_and(|v| v == "draft");
    if asked {
        // Not being able to note it (private mode) only means the next page asks again.
        let _ = storage::tab_set(KEY, &"draft");
        return true;
    }
    storage::tab_get::<String>(KEY).is_some_and(|v| v == "draft")
}
