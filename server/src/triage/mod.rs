//! The staff's rules about messages, in plain Rust: no database, no HTTP. Where a message
//! is in the team's work ([`status`]), a message as staff see it ([`staff_message`]), what
//! it says as labelled fields ([`labels`]), what the inbox filters it by, worked out once
//! when it arrives ([`facets`]), the inbox's filter as typed ([`filter`]) and what it asks
//! for ([`selection`], which `db::messages` turns into SQL), and paging ([`listing`]).
//!
//! This file only names its modules: each child imports its siblings, never this file, so
//! no module here depends on one that depends on it.

pub mod facets;
pub mod filter;
pub mod labels;
pub mod listing;
pub mod selection;
pub mod staff_message;
pub mod status;

pub use facets::Facets;
pub use filter::Filter;
pub use listing::Listing;
pub use selection::Selection;
pub use staff_message::StaffMessage;
pub use status::{ContactMethod, Status};

#[cfg(test)]
mod tests;
