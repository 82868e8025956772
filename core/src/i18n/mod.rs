//! The app's own words in every language: catalogues, placeholders and plurals.
//!
//! English is the source and is built in ([`english`]); every other language is a file the
//! phone fetches when the young person chooses it (`public/lang/CODE.json`), checked against
//! English by [`check`]. Plural rules are the caller's: the browser's `Intl.PluralRules`
//! knows every language's, so the app hands in the category and this crate stays small.

pub mod bidi;
pub mod catalogue;
pub mod check;
pub mod english;
pub mod language;
pub mod link;
pub mod plural;

pub use catalogue::{Catalogue, Message, PluralCategory, Words};
pub use language::{Direction, LanguageFile, Status};
