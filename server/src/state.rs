//! What every request handler can reach, and nothing else: a plain struct of the types
//! below it, so handlers on both sides import it and it imports no handler.

use offer_core::working_days::BankHolidays;

use crate::config::Config;
use crate::content::ContentStore;
use crate::db::Database;
use crate::encoded_bodies::EncodedBodies;
use crate::languages::Languages;
use crate::offer_cache::OfferCache;
use crate::rate_limit::RateLimiter;

/// What every request handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// The settings the server started with.
    pub config: Config,
    /// The offer being served.
    pub content: ContentStore,
    /// Where messages, accounts and everything staff do are kept.
    pub db: Database,
    /// How fast each address may send messages.
    pub message_limiter: RateLimiter,
    /// How fast each address may ask for messages' status.
    pub status_limiter: RateLimiter,
    /// England's bank holidays, for the inbox's "two working days".
    pub holidays: BankHolidays,
    /// The offer with its "You said, we did" entries, as phones get it.
    pub offer_cache: OfferCache,
    /// `index.html` at brotli 11 and gzip 9, made once per version (its ETag).
    pub index_bodies: EncodedBodies,
    /// The translations of the app in this build.
    pub languages: Languages,
}
