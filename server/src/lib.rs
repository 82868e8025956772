//! The Local Offer server: serves the app, the offer as JSON, stores messages, and runs the
//! staff side.
//!
//! Layers, each importing only from those before it (and never the other way):
//!
//! 1. pure rules and tools: `clock`, `hex`, `telemetry`, `encoded_bodies`, `content`,
//!    `spreadsheet`, `triage`, and the offer as open data (`hsds`, `offer_csv`);
//! 2. settings and what they drive: `config`, `rate_limit`, `mail`;
//! 3. `db`: every SQL string in the server;
//! 4. `offer_cache`, `offer_store`, `languages` (the app's translations and who checked
//!    them) and `state` (`AppState`, a plain struct of the types above);
//! 5. what both sides share: `client_address`, `security`, `static_files`, and the daily
//!    and weekly jobs `retention` and `reminders`;
//! 6. `api` (what phones and open-data users call) and `staff` (the staff pages), side by side, never
//!    importing each other;
//! 7. `startup`, which wires it all together and which nothing imports.
//!
//! `startup::Server::build` builds everything from a [`config::Config`], so tests start the
//! real server on a free port with a fresh database, exactly as production does.

pub mod api;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod content;
pub mod council_cli;
pub mod db;
pub mod drawn_pages;
pub mod encoded_bodies;
pub mod hex;
pub mod host_routing;
pub mod hsds;
pub mod hub_calendar;
pub mod languages;
pub mod mail;
pub mod offer_cache;
pub mod offer_csv;
pub mod offer_store;
pub mod rate_limit;
pub mod reminders;
pub mod retention;
pub mod security;
pub mod spreadsheet;
pub mod staff;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod telemetry;
pub mod tenants;
pub mod triage;
