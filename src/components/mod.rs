//! Pieces shared by several pages.

pub mod layout;
pub mod notices;
pub mod offer_gate;
pub mod page;
