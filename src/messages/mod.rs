//! The six kinds of message a young person can send, as forms over one draft each, and
//! what comes back: each message's progress and reply, and "You said, we did".
//!
//! A form's fields live in a draft kept on the phone (so a half-typed form survives a
//! reload); on send the draft becomes a `MessageBody`, checked by `offer-core` first,
//! then goes into the outbox.

pub mod draft;
pub mod fields;
pub mod form_page;
pub mod replies;
pub mod support_back;
pub mod you_said_we_did;
