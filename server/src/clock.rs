//! The time, from the system or set by a test, so rules about days and hours are tested
//! without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A time a test sets and moves on.
    Fixed(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A clock stopped at `time` until a test moves it.
    pub fn fixed(time: DateTime<Utc>) -> Clock {
        Clock::Fixed(Arc::new(Mutex::new(time)))
    }

    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(time) => *time.lock().expect("clock lock"),
        }
    }

    /// Sets a fixed clock to `time` (a system clock cannot be set).
    pub fn set(&self, time: DateTime<Utc>) {
        if let Clock::Fixed(current) = self {
            *current.lock().expect("clock lock") = time;
        }
    }

    /// Moves a fixed clock on by `by`.
    pub fn advance(&self, by: Duration) {
        if let Clock::Fixed(current) = self {
            let mut time = current.lock().expect("clock lock");
            *time += by;
        }
    }
}
