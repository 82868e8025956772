//! The five kinds of message a young person can send, as forms over one draft each.
//!
//! A form's fields live in a draft kept on the phone (so a half-typed form survives a
//! reload); on send the draft becomes a `MessageBody`, checked by `offer-core` first,
//! then goes into the outbox.

pub mod draft;
pub mod fields;
pub mod form_page;
