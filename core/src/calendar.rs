//! "Add to calendar": one weekly hub session as an iCalendar (RFC 5545) file made on the phone.
//!
//! Times are written as floating local time (`DTSTART:20260113T130000`, no `Z`, no `TZID`):
//! "1pm wherever your calendar is". Every hub is in England and so is everyone who goes, so
//! the clock on the wall is the time that matters, and a floating weekly event stays at 1pm
//! across the spring and autumn clock changes without the file carrying a `VTIMEZONE` with
//! daylight-saving rules (which some phone calendars ignore or misread anyway).

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};

use crate::i18n::Words;
use crate::offer::{weekday_slug, Hub, Session};
use crate::opening_hours::{time_label_in, weekday_name_in};

/// The longest a line may be, in octets, before it is folded (RFC 5545, 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// An iCalendar file with one weekly event: the next `session` at `hub` on or after `from`.
///
/// `DTSTAMP` is midnight UTC on `from`, the day the file is made, so the same day always
/// gives the same file. The `UID` names the hub and the session, not the day, so adding the
/// same session again updates the event in the calendar instead of making a copy.
pub fn session_ics(hub: &Hub, session: &Session, from: NaiveDate, uid_host: &str) -> String {
    session_ics_in(&Words::built_in(), hub, session, from, uid_host)
}

/// [`session_ics`] with the event's description in `words`' language.
pub fn session_ics_in(
    words: &Words,
    hub: &Hub,
    session: &Session,
    from: NaiveDate,
    uid_host: &str,
) -> String {
    let (start, end) = first_run(session, from);
    let host = if uid_host.trim().is_empty() {
        "local-offer"
    } else {
        uid_host.trim()
    };
    let uid = session_uid(hub, session, host);
    let summary = if session.what.trim().is_empty() {
        hub.name.clone()
    } else {
        format!("{}: {}", hub.name, session.what.trim())
    };
    let location = format!("{}, {}, {}", hub.address, hub.town, hub.postcode);
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Local Offer//Hub sessions//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}T000000Z", crate::dates::compact_date(from)),
        format!("DTSTART:{}", ics_time(start)),
        format!("DTEND:{}", ics_time(end)),
        "RRULE:FREQ=WEEKLY".to_string(),
        format!("SUMMARY:{}", escape_text(&summary)),
        format!("LOCATION:{}", escape_text(&location)),
        format!(
            "GEO:{};{}",
            crate::decimal::fixed(hub.lat, 6),
            crate::decimal::fixed(hub.lon, 6)
        ),
        format!(
            "DESCRIPTION:{}",
            escape_text(&description(words, hub, session))
        ),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut ics = String::new();
    for line in &lines {
        push_folded(&mut ics, line);
    }
    ics
}

/// A session's stable event id: the hub, the day and the start time at `host`, so adding or
/// subscribing to the same session again updates its event instead of making a copy.
pub fn session_uid(hub: &Hub, session: &Session, host: &str) -> String {
    format!(
        "{}-{}-{}@{host}",
        hub.id,
        weekday_slug(session.day),
        crate::dates::compact_clock(session.start)
    )
}

/// A file name for the session's calendar file: "delamere-house-tuesday-1300.ics".
pub fn session_file_name(hub: &Hub, session: &Session) -> String {
    let safe_id: String = hub
        .id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "{safe_id}-{}-{}.ics",
        weekday_slug(session.day),
        crate::dates::compact_clock(session.start)
    )
}

/// The first date on or after `from` that falls on `day`.
pub fn next_on_or_after(day: Weekday, from: NaiveDate) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// Start and end of the first run of `session` on or after `from`; overnight ones end the next day.
fn first_run(session: &Session, from: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let date = next_on_or_after(session.day, from);
    let end_date = if session.overnight {
        date + Days::new(1)
    } else {
        date
    };
    (date.and_time(session.start), end_date.and_time(session.end))
}

fn ics_time(at: NaiveDateTime) -> String {
    crate::dates::compact_date_time(at.date(), at.time())
}

/// What the event says inside: what it is, when, how to get in, and where the facts come from.
fn description(words: &Words, hub: &Hub, session: &Session) -> String {
    let mut parts = Vec::new();
    if !session.what.trim().is_empty() {
        parts.push(words.text(
            "calendar.what_at",
            &[("what", session.what.trim()), ("place", &hub.name)],
        ));
    }
    let key = if session.overnight {
        "calendar.every_overnight"
    } else {
        "calendar.every"
    };
    parts.push(words.text(
        key,
        &[
            ("day", &weekday_name_in(words, session.day)),
            ("start", &time_label_in(words, session.start)),
            ("end", &time_label_in(words, session.end)),
        ],
    ));
    if !hub.access.trim().is_empty() {
        parts.push(hub.access.trim().to_string());
    }
    if let Some(phone) = &hub.phone {
        parts.push(words.text("calendar.phone", &[("phone", phone)]));
    }
    parts.push(words.text("calendar.check_times", &[("url", &hub.source.url)]));
    parts.join("\n")
}

/// A TEXT value with its backslashes, semicolons, commas and line breaks escaped (RFC 5545, 3.3.11).
fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends `line` and a CRLF, folded so no physical line is longer than 75 octets.
///
/// Folds fall between characters, never inside one: a "£" is two octets and stays whole.
fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            // The space that starts a continuation line counts towards its 75.
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::{HubStatus, Link};
    use chrono::NaiveTime;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn tuesday_afternoon() -> Session {
        Session {
            day: Weekday::Tue,
            start: time(13, 0),
            end: time(16, 0),
            overnight: false,
            what: "Drop-in with PAs".into(),
        }
    }

    fn hub() -> Hub {
        Hub {
            translations: Default::default(),
            id: "delamere-house".into(),
            name: "Delamere House".into(),
            address: "Delamere Street".into(),
            town: "Crewe".into(),
            postcode: "CW1 2JZ".into(),
            lat: 53.0996,
            lon: -2.4427,
            status: HubStatus::Open,
            opens_on: None,
            sessions: vec![tuesday_afternoon()],
            services: vec![],
            access: "Ring the bell at the front door.".into(),
            phone: Some("0300 123 5012".into()),
            source: Link {
                title: "Local offer".into(),
                url: "https://www.cheshireeast.gov.uk/local-offer".into(),
                published: None,
            },
            last_checked: date(2026, 1, 2),
        }
    }

    /// The logical lines of a file: folds undone, split at CRLF.
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_string)
            .collect()
    }

    fn value<'a>(lines: &'a [String], name: &str) -> &'a str {
        let prefix = format!("{name}:");
        lines
            .iter()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
    }

    /// Wednesday 7 January 2026.
    const WEDNESDAY: (i32, u32, u32) = (2026, 1, 7);

    fn wednesday() -> NaiveDate {
        date(WEDNESDAY.0, WEDNESDAY.1, WEDNESDAY.2)
    }

    #[test]
    fn a_tuesday_session_added_on_a_wednesday_starts_next_tuesday_and_repeats_weekly() {
        let ics = session_ics(
            &hub(),
            &tuesday_afternoon(),
            wednesday(),
            "local-offer.example",
        );
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "DTSTART"), "20260113T130000");
        assert_eq!(value(&lines, "DTEND"), "20260113T160000");
        assert_eq!(value(&lines, "RRULE"), "FREQ=WEEKLY");
    }

    #[test]
    fn a_session_added_on_its_own_day_starts_that_day() {
        let tuesday = date(2026, 1, 13);
        let ics = session_ics(&hub(), &tuesday_afternoon(), tuesday, "x");
        assert_eq!(value(&unfolded(&ics), "DTSTART"), "20260113T130000");
        assert_eq!(
            next_on_or_after(Weekday::Mon, date(2026, 1, 11)),
            date(2026, 1, 12)
        );
        assert_eq!(
            next_on_or_after(Weekday::Sun, date(2026, 1, 12)),
            date(2026, 1, 18)
        );
    }

    #[test]
    fn the_file_is_one_calendar_with_one_event_and_everything_a_phone_needs() {
        let ics = session_ics(
            &hub(),
            &tuesday_afternoon(),
            wednesday(),
            "local-offer.example",
        );
        let lines = unfolded(&ics);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines[lines.len() - 2], "END:VCALENDAR");
        assert_eq!(lines.last().map(String::as_str), Some(""), "ends with CRLF");
        assert_eq!(value(&lines, "VERSION"), "2.0");
        assert!(value(&lines, "PRODID").contains("Local Offer"));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 1);
        assert_eq!(value(&lines, "DTSTAMP"), "20260107T000000Z");
        assert_eq!(value(&lines, "SUMMARY"), "Delamere House: Drop-in with PAs");
        assert_eq!(
            value(&lines, "LOCATION"),
            "Delamere Street\\, Crewe\\, CW1 2JZ"
        );
        assert_eq!(value(&lines, "GEO"), "53.099600;-2.442700");
        let description = value(&lines, "DESCRIPTION");
        assert!(
            description.contains("Every Tuesday\\, 1pm to 4pm."),
            "{description}"
        );
        assert!(
            description.contains("Phone: 0300 123 5012"),
            "{description}"
        );
    }

    #[test]
    fn every_line_ends_with_crlf() {
        let ics = session_ics(&hub(), &tuesday_afternoon(), wednesday(), "x");
        assert!(ics.ends_with("\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn the_same_session_keeps_the_same_uid_whenever_it_is_added() {
        let a = session_ics(
            &hub(),
            &tuesday_afternoon(),
            wednesday(),
            "local-offer.example",
        );
        let b = session_ics(
            &hub(),
            &tuesday_afternoon(),
            date(2026, 3, 1),
            "local-offer.example",
        );
        let uid = value(&unfolded(&a), "UID").to_string();
        assert_eq!(uid, "delamere-house-tuesday-1300@local-offer.example");
        assert_eq!(value(&unfolded(&b), "UID"), uid);
        let mut thursday = tuesday_afternoon();
        thursday.day = Weekday::Thu;
        let c = session_ics(&hub(), &thursday, wednesday(), "local-offer.example");
        assert_ne!(value(&unfolded(&c), "UID"), uid);
    }

    #[test]
    fn a_friday_night_session_ends_on_saturday() {
        let late = Session {
            day: Weekday::Fri,
            start: time(22, 0),
            end: time(2, 0),
            overnight: true,
            what: "Late night drop-in".into(),
        };
        let ics = session_ics(&hub(), &late, wednesday(), "x");
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "DTSTART"), "20260109T220000");
        assert_eq!(value(&lines, "DTEND"), "20260110T020000");
        assert!(value(&lines, "DESCRIPTION").contains("10pm to 2am the next day"));
    }

    #[test]
    fn commas_semicolons_backslashes_and_line_breaks_are_escaped() {
        let mut h = hub();
        h.name = "The Dome; Youth Zone".into();
        h.address = "Unit 3, Oak Street \\ back door".into();
        h.access = "Bus 12, 13.\nStep-free.\r\nRing; wait.".into();
        let ics = session_ics(&h, &tuesday_afternoon(), wednesday(), "x");
        let lines = unfolded(&ics);
        assert_eq!(
            value(&lines, "SUMMARY"),
            "The Dome\\; Youth Zone: Drop-in with PAs"
        );
        assert_eq!(
            value(&lines, "LOCATION"),
            "Unit 3\\, Oak Street \\\\ back door\\, Crewe\\, CW1 2JZ"
        );
        assert!(value(&lines, "DESCRIPTION").contains("Bus 12\\, 13.\\nStep-free.\\nRing\\; wait."));
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "no raw line breaks inside a value"
        );
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_without_splitting_a_character() {
        let mut h = hub();
        h.access = "Café entrance, £2 bus fare from Crewe station. ".repeat(8);
        let ics = session_ics(&h, &tuesday_afternoon(), wednesday(), "x");
        let physical: Vec<&str> = ics.split("\r\n").collect();
        assert!(
            physical.iter().all(|l| l.len() <= MAX_LINE_OCTETS),
            "{physical:?}"
        );
        assert!(physical.iter().filter(|l| l.starts_with(' ')).count() > 3);
        // Some lines are full to the last octet that fits.
        assert!(physical.iter().any(|l| l.len() >= MAX_LINE_OCTETS - 1));
        let description = value(&unfolded(&ics), "DESCRIPTION").to_string();
        assert!(description.contains(&escape_text(h.access.trim())));
    }

    #[test]
    fn a_session_without_a_description_is_called_after_the_hub() {
        let mut quiet = tuesday_afternoon();
        quiet.what = String::new();
        let ics = session_ics(&hub(), &quiet, wednesday(), "");
        let lines = unfolded(&ics);
        assert_eq!(value(&lines, "SUMMARY"), "Delamere House");
        assert!(value(&lines, "UID").ends_with("@local-offer"));
    }

    #[test]
    fn the_file_name_says_which_hub_and_session() {
        assert_eq!(
            session_file_name(&hub(), &tuesday_afternoon()),
            "delamere-house-tuesday-1300.ics"
        );
    }
}
