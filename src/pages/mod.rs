//! One file per page of the app.

pub mod category;
pub mod contacts;
pub mod entitlement;
pub mod have_your_say;
pub mod help_now;
pub mod home;
pub mod hubs;
pub mod not_found;
pub mod the_offer;
