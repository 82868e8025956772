//! One file per page of the app.

pub mod category;
pub mod contacts;
pub mod entitlement;
pub mod groups;
pub mod have_your_say;
pub mod help_now;
pub mod home;
pub mod hub;
pub mod hubs;
pub mod language;
pub mod meeting_cards;
pub mod meeting_start;
pub mod meeting_summary;
pub mod my_list;
pub mod not_found;
pub mod search;
pub mod summary;
pub mod the_offer;
pub mod what_can_i_get;
