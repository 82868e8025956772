//! Pieces shared by several pages.

pub mod contact_links;
pub mod district_choice;
pub mod entitlement_card;
pub mod hub_map;
pub mod install_prompt;
pub mod language;
pub mod layout;
pub mod meeting_summary;
pub mod my_pa;
pub mod notices;
pub mod offer_gate;
pub mod page;
pub mod qr_code;
pub mod report_problem;
pub mod search_box;
pub mod sessions;
