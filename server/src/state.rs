//! What every request handler can reach, and nothing else: a plain struct of the types
//! below it, so handlers on both sides import it and it imports no handler.

use offer_core::working_days::BankHolidays;

use crate::config::Config;
use crate::db::Database;
use crate::languages::Languages;
use crate::rate_limit::RateLimiter;
use crate::tenants::Councils;

/// What every request handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// The settings the server started with.
    pub config: Config,
    /// The councils served, each with its offer and its view of the database.
    pub councils: Councils,
    /// The whole database, for what is not one council's: its health and shutting it.
    /// Queries go through a council ([`crate::tenants::Tenant`]).
    pub db: Database,
    /// How fast each address may send messages.
    pub message_limiter: RateLimiter,
    /// How fast each address may ask for messages' status.
    pub status_limiter: RateLimiter,
    /// England's bank holidays, for the inbox's "two working days".
    pub holidays: BankHolidays,
    /// The translations of the app in this build.
    pub languages: Languages,
}
