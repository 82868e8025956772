//! How times and people are named on staff pages.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use offer_core::content::kinds::ItemKind;
use offer_core::working_days::uk_local;

/// A time in UK time as staff read it: "Tue 24 Nov 2026, 9:05am".
pub fn uk_time(time: DateTime<Utc>) -> String {
    uk_local(time).format("%a %-d %b %Y, %-I:%M%P").to_string()
}

/// The name of the account `id` (from `accounts::names`), or "Nobody yet".
pub fn name_of(names: &HashMap<i64, String>, id: Option<i64>) -> String {
    id.map_or("Nobody yet".to_string(), |id| {
        names.get(&id).cloned().unwrap_or_else(|| "Someone".into())
    })
}

/// Where an item of the offer shows in the app, for links from the offer's staff pages.
pub fn app_link(kind: ItemKind, id: &str) -> Option<String> {
    match kind {
        ItemKind::Entitlement => Some(format!("/offer/{id}")),
        ItemKind::Category => Some(format!("/offer/category/{id}")),
        ItemKind::Hub => Some(format!("/hubs/{id}")),
        ItemKind::Contact => Some("/contacts".into()),
        ItemKind::Council => Some("/offer".into()),
        ItemKind::Group => None,
    }
}
