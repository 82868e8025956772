//! The Local Offer server: serves the app, the offer as JSON, and stores messages.
//!
//! `startup::serve` builds everything from a [`config::Config`], so tests start the real
//! server on a free port with a fresh database, exactly as production does.

pub mod backup;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod content_store;
pub mod db;
pub mod encoded_bodies;
pub mod message_store;
pub mod messages_api;
pub mod offer_api;
pub mod rate_limit;
pub mod security;
pub mod sql;
pub mod staff;
pub mod startup;
pub mod static_files;
pub mod telemetry;
