//! A record written compactly for a link's fragment, and read back with plain-English errors.
//!
//! `1.20261122/ASETTING-UP-HOME-ALLOWANCE~PA+sends+the+form/TBANK-ACCOUNT/NID-DOCUMENTS`
//!
//! - `1` is the format's version, then `.` and the meeting's date as `YYYYMMDD`;
//! - each marked item follows a `/`: one letter for the mark (`A` wants to apply, `T` talked
//!   about, `N` not for me now), the item's id in capitals, and, when there is one, `~` and
//!   the next step: `+` for a space, letters, digits and `-._,'!()?:;@` as they are, and
//!   every other byte of its UTF-8 as `%XX`.
//!
//! Ids are written in capitals so that long runs of the link fit a QR code's denser
//! alphanumeric mode; they are read back in any case.

use chrono::NaiveDate;

use super::item::{tidy_next_step, Mark, NEXT_STEP_MAX};
use super::record::{LinkError, Record, RecordItem};

/// The format's version, the first thing in every fragment.
const VERSION: &str = "1";
/// More items than any offer has: a link with more was not made by this app.
const MAX_ITEMS: usize = 500;
/// Longer than any id the content uses.
const MAX_ID: usize = 80;
/// Longer than a link made from any offer could be; nothing longer is read at all.
const MAX_FRAGMENT: usize = 40_000;

// Reading and writing the link live here, next to the format, so this module imports the
// record and the record does not import it.
impl Record {
    /// The record as the text after `#` in a link.
    pub fn to_fragment(&self) -> String {
        encode(self)
    }

    /// Reads a link's fragment (with or without its `#`), or says plainly what is wrong.
    pub fn from_fragment(text: &str) -> Result<Record, LinkError> {
        decode(text)
    }
}

/// Characters of a next step written as they are; everything else is escaped.
fn is_plain(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._,'!()?:;@".contains(&byte)
}

/// Writes `record` as a fragment (without the `#`).
fn encode(record: &Record) -> String {
    let mut out = format!("{VERSION}.{}", crate::dates::compact_date(record.date));
    for item in &record.items {
        out.push('/');
        out.push(item.mark.code());
        out.push_str(&item.id.to_ascii_uppercase());
        if !item.next_step.is_empty() {
            out.push('~');
            for &byte in item.next_step.as_bytes() {
                match byte {
                    b' ' => out.push('+'),
                    b if is_plain(b) => out.push(char::from(b)),
                    b => out.push_str(&format!("%{b:02X}")),
                }
            }
        }
    }
    out
}

/// Reads a fragment written by [`encode`], with or without its leading `#`.
fn decode(text: &str) -> Result<Record, LinkError> {
    let text = text.strip_prefix('#').unwrap_or(text).trim();
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    if text.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLong);
    }
    let mut parts = text.split('/');
    let head = parts.next().unwrap_or_default();
    let (version, date) = head.split_once('.').ok_or(LinkError::UnknownVersion)?;
    if version != VERSION {
        return Err(LinkError::UnknownVersion);
    }
    let date = read_date(date)?;
    let mut items: Vec<RecordItem> = Vec::new();
    for (at, part) in parts.enumerate() {
        let n = at + 1;
        if n > MAX_ITEMS {
            return Err(LinkError::TooManyItems);
        }
        let item = read_item(part, n)?;
        if items.iter().any(|i| i.id == item.id) {
            return Err(LinkError::Repeated(item.id));
        }
        items.push(item);
    }
    Ok(Record { date, items })
}

fn read_date(text: &str) -> Result<NaiveDate, LinkError> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::BadDate);
    }
    crate::dates::parse_compact_date(text).ok_or(LinkError::BadDate)
}

fn read_item(part: &str, n: usize) -> Result<RecordItem, LinkError> {
    let (head, next_step) = match part.split_once('~') {
        Some((head, step)) => (head, Some(step)),
        None => (part, None),
    };
    let mut chars = head.chars();
    let mark = chars
        .next()
        .and_then(Mark::from_code)
        .ok_or(LinkError::BadItem(n))?;
    let id = chars.as_str().to_ascii_lowercase();
    let id_ok = !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(LinkError::BadItem(n));
    }
    let next_step = match next_step {
        Some(step) => read_next_step(step).ok_or(LinkError::BadNextStep(n))?,
        None => String::new(),
    };
    Ok(RecordItem {
        id,
        mark,
        next_step,
    })
}

fn read_next_step(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.bytes();
    while let Some(byte) = rest.next() {
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = [rest.next()?, rest.next()?];
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                let hex = std::str::from_utf8(&hex).ok()?;
                bytes.push(u8::from_str_radix(hex, 16).ok()?);
            }
            b => bytes.push(b),
        }
    }
    let step = String::from_utf8(bytes).ok()?;
    if step.chars().count() > NEXT_STEP_MAX || step.chars().any(char::is_control) {
        return None;
    }
    // The app writes tidy steps; anything else is tidied rather than refused.
    let step = tidy_next_step(&step);
    (!step.is_empty()).then_some(step)
}
