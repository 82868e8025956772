//! The server's tests, in one binary (one link step on a two-core machine): each starts the
//! real server on a free port with a new database, on SQLite and on PostgreSQL.

#[macro_use]
mod common;

mod content_check;
mod hardening;
mod inbox;
mod layers;
mod messages;
mod migrations;
mod offer;
mod open_data;
mod openapi;
mod precompressed;
mod serving;
mod staff;
