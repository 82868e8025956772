//! One page of the inbox, and which page to show.

use super::staff_message::StaffMessage;
use super::status::Status;

/// Messages on one page of the inbox.
pub const PER_PAGE: usize = 25;

/// One page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The messages on this page, in the inbox's order.
    pub items: Vec<StaffMessage>,
    /// How many messages match, over all pages.
    pub total: usize,
    /// How many the viewer may see and match every filter but status, per status.
    pub counts: Vec<(Status, usize)>,
    /// This page, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
}

/// Which page to show of `total` messages when `asked` is asked for (`None`: all of them on
/// one page, for the export): a page past the end shows the last. Gives the page, the
/// number of pages, and the rows to skip and take (`None`: all).
pub fn paging(total: usize, asked: Option<usize>) -> (usize, usize, usize, Option<usize>) {
    match asked {
        None => (1, 1, 0, None),
        Some(asked) => {
            let pages = total.div_ceil(PER_PAGE).max(1);
            let page = asked.clamp(1, pages);
            (page, pages, (page - 1) * PER_PAGE, Some(PER_PAGE))
        }
    }
}
