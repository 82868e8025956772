//! Whether a hub is open now, and when it next opens: "Open now until 4pm", "Next: Tuesday 1pm".

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::i18n::Words;
use crate::offer::{Hub, HubStatus, Session};

/// Where a hub stands at one moment, for the line under its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubNow {
    /// A session is running and ends at `end`.
    OpenUntil {
        /// When the doors close (local time).
        end: NaiveTime,
        /// What the running session is ("Drop-in with PAs").
        what: String,
    },
    /// Closed now; the next session starts on `day` at `start`, `days_away` days from today.
    Next {
        /// The day it starts.
        day: Weekday,
        /// When it starts (local time).
        start: NaiveTime,
        /// 0 for today, 1 for tomorrow, up to 7 for the same weekday next week.
        days_away: u8,
    },
    /// A hub that is opening soon and has not opened yet.
    OpeningOn(NaiveDate),
    /// No regular sessions to show.
    NoSessions,
}

/// Where `hub` stands at `now`, in the hub's local time.
///
/// A hub marked opening soon without a date says `NoSessions`: its sessions are plans, and
/// "Open now" for a building that is not open would send someone to a locked door.
pub fn hub_now(hub: &Hub, now: NaiveDateTime) -> HubNow {
    if hub.status == HubStatus::OpeningSoon {
        match hub.opens_on {
            Some(opens_on) if now.date() < opens_on => return HubNow::OpeningOn(opens_on),
            Some(_) => {}
            None => return HubNow::NoSessions,
        }
    }
    let sessions: Vec<&Session> = hub.sessions.iter().filter(|s| is_sensible(s)).collect();
    if sessions.is_empty() {
        return HubNow::NoSessions;
    }
    if let Some((end, what)) = open_until(&sessions, now) {
        return HubNow::OpenUntil { end, what };
    }
    match next_start(&sessions, now) {
        Some((start, days_away)) => HubNow::Next {
            day: start.weekday(),
            start: start.time(),
            days_away,
        },
        None => HubNow::NoSessions,
    }
}

/// False for a same-day session that ends before it starts: a content slip to skip, not show.
fn is_sensible(session: &Session) -> bool {
    session.overnight || session.end > session.start
}

/// The start and end of the run of `session` that begins on `date`, if it runs that weekday.
fn occurrence(session: &Session, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
    if date.weekday() != session.day {
        return None;
    }
    let end_date = if session.overnight {
        date.checked_add_days(Days::new(1))?
    } else {
        date
    };
    Some((date.and_time(session.start), end_date.and_time(session.end)))
}

/// When the doors close if a session is running at `now`, with what that session is.
fn open_until(sessions: &[&Session], now: NaiveDateTime) -> Option<(NaiveTime, String)> {
    let today = now.date();
    // An overnight session that began yesterday may still be running.
    let days = [today.pred_opt(), Some(today)];
    let running_at = |at: NaiveDateTime| {
        sessions
            .iter()
            .flat_map(|s| days.iter().flatten().map(move |d| (s, occurrence(s, *d))))
            .filter_map(|(s, run)| run.map(|run| (s, run)))
            .filter(|(_, (start, end))| *start <= at && at < *end)
            .max_by_key(|(_, (_, end))| *end)
    };
    let (session, (_, mut end)) = running_at(now)?;
    // Back-to-back sessions (10 to 12, then 12 to 2) keep the doors open until the last ends.
    while let Some((_, (_, later_end))) = running_at(end) {
        if later_end <= end {
            break;
        }
        end = later_end;
    }
    Some((end.time(), session.what.clone()))
}

/// When the next session starts after `now`, and how many days from today that is.
fn next_start(sessions: &[&Session], now: NaiveDateTime) -> Option<(NaiveDateTime, u8)> {
    let today = now.date();
    (0..=7u8).find_map(|days_away| {
        let date = today.checked_add_days(Days::new(u64::from(days_away)))?;
        sessions
            .iter()
            .filter_map(|s| occurrence(s, date))
            .map(|(start, _)| start)
            .filter(|start| *start > now)
            .min()
            .map(|start| (start, days_away))
    })
}

/// The line shown under a hub's name: "Open now until 4pm", "Next: tomorrow 1pm".
pub fn describe(h: &HubNow) -> String {
    describe_in(&Words::built_in(), h)
}

/// [`describe`] in `words`' language.
pub fn describe_in(words: &Words, h: &HubNow) -> String {
    match h {
        HubNow::OpenUntil { end, .. } => words.text(
            "opening_hours.open_until",
            &[("time", &time_label_in(words, *end))],
        ),
        HubNow::Next {
            day,
            start,
            days_away,
        } => {
            let time = time_label_in(words, *start);
            match days_away {
                0 => words.text("opening_hours.next_today", &[("time", &time)]),
                1 => words.text("opening_hours.next_tomorrow", &[("time", &time)]),
                _ => words.text(
                    "opening_hours.next_day",
                    &[("day", &weekday_name_in(words, *day)), ("time", &time)],
                ),
            }
        }
        HubNow::OpeningOn(date) => words.text(
            "opening_hours.opens_on",
            &[("date", &crate::dates::long_date_in(words, *date))],
        ),
        HubNow::NoSessions => words.text("opening_hours.no_sessions", &[]),
    }
}

/// A time as people say it: "4pm", "12:30pm", "12:30am"; "midnight" and "midday" on the hour.
///
/// "12am" and "12pm" are the two times people most often get the wrong way round, so
/// those two are said in words.
pub fn time_label(t: NaiveTime) -> String {
    time_label_in(&Words::built_in(), t)
}

/// [`time_label`] in `words`' language: the digits stay, the words are its own.
pub fn time_label_in(words: &Words, t: NaiveTime) -> String {
    match (t.hour(), t.minute()) {
        (0, 0) => words.text("dates.midnight", &[]),
        (12, 0) => words.text("dates.midday", &[]),
        (hour, minute) => {
            let pm = hour >= 12;
            let hour = match hour % 12 {
                0 => 12,
                h => h,
            };
            let time = if minute == 0 {
                hour.to_string()
            } else {
                format!("{hour}:{minute:02}")
            };
            crate::dates::am_or_pm(words, pm, &time)
        }
    }
}

/// The English name of a weekday with a capital: "Tuesday".
pub fn weekday_name(day: Weekday) -> &'static str {
    crate::i18n::english::text(crate::dates::weekday_key(day))
}

/// A weekday's name in `words`' language ("Tuesday" in English).
pub fn weekday_name_in(words: &Words, day: Weekday) -> String {
    words.text(crate::dates::weekday_key(day), &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::Link;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A moment in the week of Monday 5 January 2026: `day` 5 is Monday, 9 is Friday.
    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        date(2026, 1, day).and_time(time(h, m))
    }

    fn session(day: Weekday, start: (u32, u32), end: (u32, u32)) -> Session {
        Session {
            day,
            start: time(start.0, start.1),
            end: time(end.0, end.1),
            overnight: false,
            what: "Drop-in with PAs".into(),
        }
    }

    fn hub(sessions: Vec<Session>) -> Hub {
        Hub {
            translations: Default::default(),
            id: "crewe".into(),
            name: "Crewe hub".into(),
            address: "1 High Street".into(),
            town: "Crewe".into(),
            postcode: "CW1 2AA".into(),
            lat: 53.1,
            lon: -2.4,
            status: HubStatus::Open,
            opens_on: None,
            sessions,
            services: vec![],
            access: String::new(),
            phone: None,
            source: Link {
                title: "Hubs".into(),
                url: "https://example.org/hubs".into(),
                published: None,
            },
            last_checked: date(2025, 12, 1),
        }
    }

    /// Tuesday 1pm to 4pm and Thursday 10am to 12:30pm.
    fn weekday_hub() -> Hub {
        hub(vec![
            session(Weekday::Tue, (13, 0), (16, 0)),
            session(Weekday::Thu, (10, 0), (12, 30)),
        ])
    }

    fn says(hub: &Hub, now: NaiveDateTime) -> String {
        describe(&hub_now(hub, now))
    }

    #[test]
    fn during_a_session_the_hub_is_open_until_it_ends() {
        let hub = weekday_hub();
        assert_eq!(
            hub_now(&hub, at(6, 14, 30)),
            HubNow::OpenUntil {
                end: time(16, 0),
                what: "Drop-in with PAs".into()
            }
        );
        assert_eq!(says(&hub, at(6, 13, 0)), "Open now until 4pm");
    }

    #[test]
    fn at_the_exact_end_time_the_hub_is_closed() {
        let hub = weekday_hub();
        assert_eq!(says(&hub, at(6, 16, 0)), "Next: Thursday 10am");
    }

    #[test]
    fn before_a_session_today_it_says_next_today() {
        assert_eq!(says(&weekday_hub(), at(6, 9, 0)), "Next: today 1pm");
    }

    #[test]
    fn the_evening_before_a_session_it_says_next_tomorrow() {
        let hub = weekday_hub();
        assert_eq!(
            hub_now(&hub, at(5, 18, 0)),
            HubNow::Next {
                day: Weekday::Tue,
                start: time(13, 0),
                days_away: 1
            }
        );
        assert_eq!(says(&hub, at(5, 18, 0)), "Next: tomorrow 1pm");
    }

    #[test]
    fn later_in_the_week_it_names_the_day() {
        assert_eq!(says(&weekday_hub(), at(8, 13, 0)), "Next: Tuesday 1pm");
    }

    #[test]
    fn after_the_only_session_of_the_week_the_next_is_7_days_away() {
        let hub = hub(vec![session(Weekday::Tue, (13, 0), (16, 0))]);
        assert_eq!(
            hub_now(&hub, at(6, 17, 0)),
            HubNow::Next {
                day: Weekday::Tue,
                start: time(13, 0),
                days_away: 7
            }
        );
        assert_eq!(says(&hub, at(6, 17, 0)), "Next: Tuesday 1pm");
    }

    #[test]
    fn a_friday_night_session_runs_past_midnight_into_saturday() {
        let mut late = session(Weekday::Fri, (22, 0), (2, 0));
        late.overnight = true;
        let hub = hub(vec![late]);
        assert_eq!(says(&hub, at(9, 23, 0)), "Open now until 2am");
        assert_eq!(says(&hub, at(10, 1, 0)), "Open now until 2am");
        assert_eq!(says(&hub, at(10, 2, 0)), "Next: Friday 10pm");
        assert_eq!(says(&hub, at(9, 21, 59)), "Next: today 10pm");
    }

    #[test]
    fn back_to_back_sessions_keep_the_doors_open_until_the_last_ends() {
        let hub = hub(vec![
            session(Weekday::Mon, (10, 0), (12, 0)),
            session(Weekday::Mon, (12, 0), (14, 30)),
        ]);
        assert_eq!(says(&hub, at(5, 11, 0)), "Open now until 2:30pm");
    }

    #[test]
    fn a_hub_with_no_sessions_asks_you_to_check() {
        let hub = hub(vec![]);
        assert_eq!(hub_now(&hub, at(5, 12, 0)), HubNow::NoSessions);
        assert_eq!(says(&hub, at(5, 12, 0)), "Ask for session times");
    }

    #[test]
    fn a_hub_opening_soon_shows_its_opening_date_until_it_opens() {
        let mut hub = weekday_hub();
        hub.status = HubStatus::OpeningSoon;
        hub.opens_on = Some(date(2026, 1, 5));
        let before = date(2026, 1, 4).and_time(time(12, 0));
        assert_eq!(hub_now(&hub, before), HubNow::OpeningOn(date(2026, 1, 5)));
        assert_eq!(says(&hub, before), "Opens on 5 January 2026");
        // From the opening day its sessions count as normal.
        assert_eq!(says(&hub, at(5, 12, 0)), "Next: tomorrow 1pm");
        assert_eq!(says(&hub, at(6, 14, 0)), "Open now until 4pm");
    }

    #[test]
    fn a_hub_opening_soon_without_a_date_is_never_open_now() {
        let mut hub = weekday_hub();
        hub.status = HubStatus::OpeningSoon;
        assert_eq!(hub_now(&hub, at(6, 14, 0)), HubNow::NoSessions);
    }

    #[test]
    fn times_read_the_way_people_say_them() {
        assert_eq!(time_label(time(16, 0)), "4pm");
        assert_eq!(time_label(time(12, 30)), "12:30pm");
        assert_eq!(time_label(time(0, 30)), "12:30am");
        assert_eq!(time_label(time(9, 5)), "9:05am");
        assert_eq!(time_label(time(0, 0)), "midnight");
        assert_eq!(time_label(time(12, 0)), "midday");
    }

    #[test]
    fn a_session_until_half_past_midnight_says_so() {
        let mut late = session(Weekday::Sat, (20, 0), (0, 30));
        late.overnight = true;
        assert_eq!(
            says(&hub(vec![late]), at(10, 21, 0)),
            "Open now until 12:30am"
        );
    }
}
