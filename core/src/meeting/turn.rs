//! Turning meeting mode's cards with an arrow key or a swipe, the way the page reads.
//!
//! In English the next card is to the right: the right arrow brings it, and so does swiping
//! the card away to the left. A page in Arabic, Pashto, Dari, Farsi or Kurdish Sorani reads
//! from right to left, so both are mirrored: the left arrow, or a swipe to the right.

use crate::i18n::Direction;

/// How far a finger must travel sideways, in CSS pixels, to count as a swipe.
pub const SWIPE: u32 = 60;

/// Which way to go through the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Next,
    Back,
}

impl Turn {
    /// The turn an arrow key asks for (`KeyboardEvent.key`), on a page that reads `dir`;
    /// `None` for any other key.
    pub fn for_key(key: &str, dir: Direction) -> Option<Turn> {
        let forward = match key {
            "ArrowRight" => true,
            "ArrowLeft" => false,
            _ => return None,
        };
        Some(Turn::onward_if(forward == (dir == Direction::Ltr)))
    }

    /// The turn a finger that moved `dx`, `dy` CSS pixels asks for, on a page that reads
    /// `dir`: `None` unless it went at least [`SWIPE`] sideways, and mostly sideways (a
    /// scroll up or down the card is not a swipe).
    pub fn for_swipe(dx: i32, dy: i32, dir: Direction) -> Option<Turn> {
        let (across, upright) = (dx.unsigned_abs(), dy.unsigned_abs());
        if across < SWIPE || across <= upright.saturating_mul(2) {
            return None;
        }
        // Swiping the card away towards where the page starts brings the next one.
        let towards_start = match dir {
            Direction::Ltr => dx < 0,
            Direction::Rtl => dx > 0,
        };
        Some(Turn::onward_if(towards_start))
    }

    fn onward_if(onward: bool) -> Turn {
        if onward {
            Turn::Next
        } else {
            Turn::Back
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Turn, SWIPE};
    use crate::i18n::Direction::{Ltr, Rtl};

    #[test]
    fn arrow_keys_follow_the_way_the_page_reads() {
        assert_eq!(Turn::for_key("ArrowRight", Ltr), Some(Turn::Next));
        assert_eq!(Turn::for_key("ArrowLeft", Ltr), Some(Turn::Back));
        assert_eq!(Turn::for_key("ArrowLeft", Rtl), Some(Turn::Next));
        assert_eq!(Turn::for_key("ArrowRight", Rtl), Some(Turn::Back));
        assert_eq!(Turn::for_key("ArrowDown", Ltr), None);
        assert_eq!(Turn::for_key("Enter", Rtl), None);
    }

    #[test]
    fn a_swipe_towards_where_the_page_starts_brings_the_next_card() {
        let swipe = SWIPE as i32;
        assert_eq!(Turn::for_swipe(-swipe, 0, Ltr), Some(Turn::Next));
        assert_eq!(Turn::for_swipe(swipe, 0, Ltr), Some(Turn::Back));
        assert_eq!(Turn::for_swipe(swipe, 0, Rtl), Some(Turn::Next));
        assert_eq!(Turn::for_swipe(-200, 10, Rtl), Some(Turn::Back));
    }

    #[test]
    fn a_short_or_mostly_upright_move_is_not_a_swipe() {
        let swipe = SWIPE as i32;
        assert_eq!(Turn::for_swipe(swipe - 1, 0, Ltr), None);
        assert_eq!(Turn::for_swipe(-(swipe - 1), 0, Rtl), None);
        // Sideways must be more than twice as far as up or down.
        assert_eq!(Turn::for_swipe(100, 50, Ltr), None);
        assert_eq!(Turn::for_swipe(101, -50, Ltr), Some(Turn::Back));
        assert_eq!(Turn::for_swipe(0, 300, Rtl), None);
        assert_eq!(Turn::for_swipe(i32::MAX, i32::MIN, Ltr), None);
        assert_eq!(Turn::for_swipe(i32::MIN, 0, Ltr), Some(Turn::Next));
    }
}
