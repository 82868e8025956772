//! Hub sessions as an iCalendar (RFC 5545) feed that a PA or a young person subscribes to:
//! one weekly event per session, in the council's time zone (Europe/London), so a calendar
//! shows 1pm as 1pm in winter and in summer. Built with the `icalendar` crate.
//!
//! The phone's own "Add to calendar" file (`offer_core::calendar`) writes floating local
//! time instead, for one session at a time; a feed that others subscribe to names its
//! time zone, as calendar servers expect.

use chrono::{Days, NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use offer_core::calendar::{next_on_or_after, session_uid};
use offer_core::offer::{Hub, HubStatus, Session};
use offer_core::Offer;

use crate::hsds::byday;

/// The council's time zone.
pub const TIME_ZONE: &str = "Europe/London";

/// The definition of Europe/London as RFC 5545 asks a calendar that names a `TZID` to carry:
/// GMT in winter, BST from the last Sunday in March at 1am GMT to the last Sunday in October
/// at 2am BST, the rule since 1996. The `icalendar` crate builds events but not time zone
/// definitions (a parsed one comes back with a random `UID` and today's `DTSTAMP`, which a
/// `VTIMEZONE` must not have), so this text goes into its output as it is.
const EUROPE_LONDON: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
TZNAME:BST\r
DTSTART:19700329T010000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
TZNAME:GMT\r
DTSTART:19701025T020000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// The first run of `session` on or after `from` (or the day the hub opens, if later), in
/// local time; an overnight session ends the next day.
fn first_run(hub: &Hub, session: &Session, from: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let from = match (hub.status, hub.opens_on) {
        (HubStatus::OpeningSoon, Some(opens)) if opens > from => opens,
        _ => from,
    };
    let day = next_on_or_after(session.day, from);
    let end_day = if session.overnight {
        day + Days::new(1)
    } else {
        day
    };
    (day.and_time(session.start), end_day.and_time(session.end))
}

fn local(date_time: NaiveDateTime) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time,
        tzid: TIME_ZONE.to_string(),
    }
}

/// The feed of one hub's sessions (`Some`) or every hub's, as of `today`. `base_url` is
/// where the app is, for each event's link and the host in its id.
pub fn feed(offer: &Offer, one: Option<&Hub>, base_url: &str, today: NaiveDate) -> String {
    let hubs: Vec<&Hub> = match one {
        Some(hub) => vec![hub],
        None => offer.hubs.iter().collect(),
    };
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("local-offer");
    let mut calendar = Calendar::new();
    let title = match one {
        Some(hub) => format!("{}: {}", offer.council.name, hub.name),
        None => format!("{}: care leavers' hubs", offer.council.name),
    };
    calendar.name(&title).timezone(TIME_ZONE);
    let stamp = today
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    for hub in &hubs {
        let place = format!("{}, {}, {}", hub.address, hub.town, hub.postcode);
        for session in &hub.sessions {
            let (start, end) = first_run(hub, session, today);
            let what = session.what.trim();
            let summary = if what.is_empty() {
                hub.name.clone()
            } else {
                format!("{}: {what}", hub.name)
            };
            let mut about = format!("{} drop-in for care leavers.", hub.name);
            if !hub.access.trim().is_empty() {
                about.push_str(&format!(" Getting in: {}", hub.access.trim()));
            }
            if let Some(phone) = &hub.phone {
                about.push_str(&format!(" Phone: {phone}."));
            }
            let event = Event::new()
                .uid(&session_uid(hub, session, host))
                .timestamp(stamp)
                .starts(local(start))
                .ends(local(end))
                .summary(&summary)
                .location(&place)
                .description(&about)
                .url(&format!("{base_url}/hubs/{}", hub.id))
                .add_property("RRULE", format!("FREQ=WEEKLY;BYDAY={}", byday(session.day)))
                .add_property(
                    "GEO",
                    format!(
                        "{};{}",
                        offer_core::decimal::fixed(hub.lat, 6),
                        offer_core::decimal::fixed(hub.lon, 6)
                    ),
                )
                .done();
            calendar.push(event);
        }
    }
    let text = calendar.done().to_string();
    // The zone's definition goes before the events that name it.
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{EUROPE_LONDON}{}", &text[..at], &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content::check_dir(&dir).expect("the shipped content is valid")
    }

    #[test]
    fn the_feed_defines_the_zone_its_times_name() {
        let mut offer = offer();
        // The shipped hub publishes no times yet: give it two, one in summer time's rules.
        offer.hubs[0].sessions = vec![
            Session {
                day: chrono::Weekday::Tue,
                start: chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
                end: chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                overnight: false,
                what: "Drop-in".into(),
            },
            Session {
                day: chrono::Weekday::Fri,
                start: chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
                end: chrono::NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
                overnight: true,
                what: String::new(),
            },
        ];
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let text = feed(&offer, None, "https://offer.example.gov.uk", day);
        assert!(
            text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"),
            "{text}"
        );
        assert!(text.contains("DTSTART;TZID=Europe/London:2026"), "{text}");
        assert_eq!(
            text,
            feed(&offer, None, "https://offer.example.gov.uk", day)
        );
        assert!(
            !text.contains("UID:")
                || text.matches("UID:").count() == text.matches("BEGIN:VEVENT").count()
        );
    }
}
