//! `offer-core`: the domain of Local Offer in plain Rust.
//!
//! Everything here runs on the host (for tests and the server) and in the browser (the app).
//! No I/O: callers hand in text and the time, and get answers back.

pub mod answers;
pub mod calendar;
pub mod contact_details;
pub mod content;
pub mod dates;
pub mod decimal;
pub mod distance;
pub mod eligibility;
pub mod i18n;
pub mod meeting;
pub mod message;
pub mod money;
pub mod offer;
pub mod opening_hours;
pub mod outbox;
pub mod roles;
pub mod search;
pub mod status_checks;
pub mod uri;
pub mod working_days;

pub use offer::*;
