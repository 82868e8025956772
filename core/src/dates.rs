//! Dates and times in the words and shapes the app shows and sends: "3 March 2026",
//! "Tue 3 March", "2:05pm", "20260303T140500".
//!
//! Written out by hand rather than with chrono's `format("%-d %B %Y")`: a format string is
//! read at run time, so every call pulls chrono's whole strftime reader and writer into the
//! app's WASM. These few shapes cost a few hundred bytes instead. The tests check each one
//! against chrono's own formatting, so they cannot drift from it.
//!
//! The words (month and weekday names, "am" and "pm") come from the catalogue: each
//! function has an `_in` form that takes [`Words`] for the young person's language, and the
//! plain form is English, for the server.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::i18n::Words;

/// The catalogue's key for each month's name, January first.
const MONTHS: [&str; 12] = [
    "dates.january",
    "dates.february",
    "dates.march",
    "dates.april",
    "dates.may",
    "dates.june",
    "dates.july",
    "dates.august",
    "dates.september",
    "dates.october",
    "dates.november",
    "dates.december",
];

fn month_name(words: &Words, date: NaiveDate) -> String {
    words.text(MONTHS[date.month0() as usize], &[])
}

/// The catalogue's key for a weekday's full name ("Tuesday").
pub(crate) fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "dates.monday",
        Weekday::Tue => "dates.tuesday",
        Weekday::Wed => "dates.wednesday",
        Weekday::Thu => "dates.thursday",
        Weekday::Fri => "dates.friday",
        Weekday::Sat => "dates.saturday",
        Weekday::Sun => "dates.sunday",
    }
}

fn short_weekday(words: &Words, day: Weekday) -> String {
    let key = match day {
        Weekday::Mon => "dates.monday_short",
        Weekday::Tue => "dates.tuesday_short",
        Weekday::Wed => "dates.wednesday_short",
        Weekday::Thu => "dates.thursday_short",
        Weekday::Fri => "dates.friday_short",
        Weekday::Sat => "dates.saturday_short",
        Weekday::Sun => "dates.sunday_short",
    };
    words.text(key, &[])
}

/// "3 March 2026" (chrono's `%-d %B %Y`).
pub fn long_date(date: NaiveDate) -> String {
    long_date_in(&Words::built_in(), date)
}

/// [`long_date`] in `words`' language.
pub fn long_date_in(words: &Words, date: NaiveDate) -> String {
    words.text(
        "dates.long_date",
        &[
            ("day", &date.day().to_string()),
            ("month", &month_name(words, date)),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "March 2026" (`%B %Y`).
pub fn month_and_year(date: NaiveDate) -> String {
    month_and_year_in(&Words::built_in(), date)
}

/// [`month_and_year`] in `words`' language.
pub fn month_and_year_in(words: &Words, date: NaiveDate) -> String {
    words.text(
        "dates.month_and_year",
        &[
            ("month", &month_name(words, date)),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "Tue 3 March" (`%a %-d %B`).
pub fn weekday_and_date(date: NaiveDate) -> String {
    weekday_and_date_in(&Words::built_in(), date)
}

/// [`weekday_and_date`] in `words`' language.
pub fn weekday_and_date_in(words: &Words, date: NaiveDate) -> String {
    words.text(
        "dates.weekday_and_date",
        &[
            ("weekday", &short_weekday(words, date.weekday())),
            ("day", &date.day().to_string()),
            ("month", &month_name(words, date)),
        ],
    )
}

/// "Tue 3 March, 14:05" (`%a %-d %B, %H:%M`): when a message was written or sent.
pub fn weekday_date_and_clock(at: NaiveDateTime) -> String {
    weekday_date_and_clock_in(&Words::built_in(), at)
}

/// [`weekday_date_and_clock`] in `words`' language (the clock stays in digits).
pub fn weekday_date_and_clock_in(words: &Words, at: NaiveDateTime) -> String {
    words.text(
        "dates.weekday_date_and_clock",
        &[
            ("date", &weekday_and_date_in(words, at.date())),
            ("clock", &clock(at.time())),
        ],
    )
}

/// "2026-03-03" (`%Y-%m-%d`), for form fields and storage.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "20260303" (`%Y%m%d`), for links and calendar files.
pub fn compact_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// "14:05" (`%H:%M`).
pub fn clock(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "1405" (`%H%M`), for file names and calendar ids.
pub fn compact_clock(time: NaiveTime) -> String {
    format!("{:02}{:02}", time.hour(), time.minute())
}

/// "20260303T140500" (`%Y%m%dT%H%M%S`), a calendar file's local time.
pub fn compact_date_time(date: NaiveDate, time: NaiveTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}",
        compact_date(date),
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// "2:05pm" (`%-I:%M%P`).
pub fn clock_12_hour(time: NaiveTime) -> String {
    clock_12_hour_in(&Words::built_in(), time)
}

/// [`clock_12_hour`] in `words`' language: the digits stay, "am" and "pm" are its own.
pub fn clock_12_hour_in(words: &Words, time: NaiveTime) -> String {
    let (pm, hour) = time.hour12();
    am_or_pm(words, pm, &format!("{hour}:{:02}", time.minute()))
}

/// "2:05" as "2:05pm" (or "2:05am"), in `words`' language.
pub(crate) fn am_or_pm(words: &Words, pm: bool, time: &str) -> String {
    let key = if pm { "dates.pm" } else { "dates.am" };
    words.text(key, &[("time", time)])
}

/// "13:30" (or "9:30") back into a time: one or two digits, a colon, one or two digits,
/// making a real time, exactly as chrono's `%H:%M` reads them.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = text.split_once(':')?;
    let number = |part: &str| {
        ((1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hour)?, number(minute)?, 0)
}

/// "2026-03-03" back into a date; `None` unless it is a real date in that shape.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    parse_parts(year, month, day)
}

/// "20260303" back into a date; `None` unless it is a real date in that shape.
pub fn parse_compact_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.is_ascii() {
        return None;
    }
    parse_parts(&text[..4], &text[4..6], &text[6..])
}

fn parse_parts(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year) && digits(month) && digits(day)) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // Four-digit years: the only ones the offer, messages and meetings ever hold.
        (1000i32..=9999, 1u32..=366).prop_filter_map("a real day of the year", |(y, d)| {
            NaiveDate::from_yo_opt(y, d)
        })
    }

    fn any_time() -> impl Strategy<Value = NaiveTime> {
        (0u32..24, 0u32..60, 0u32..60)
            .prop_map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s).unwrap())
    }

    proptest! {
        #[test]
        fn dates_read_as_chrono_would_write_them(date in any_date()) {
            prop_assert_eq!(long_date(date), date.format("%-d %B %Y").to_string());
            prop_assert_eq!(month_and_year(date), date.format("%B %Y").to_string());
            prop_assert_eq!(weekday_and_date(date), date.format("%a %-d %B").to_string());
            prop_assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
            prop_assert_eq!(compact_date(date), date.format("%Y%m%d").to_string());
        }

        #[test]
        fn times_read_as_chrono_would_write_them(time in any_time(), date in any_date()) {
            prop_assert_eq!(clock(time), time.format("%H:%M").to_string());
            prop_assert_eq!(compact_clock(time), time.format("%H%M").to_string());
            prop_assert_eq!(clock_12_hour(time), time.format("%-I:%M%P").to_string());
            prop_assert_eq!(
                weekday_date_and_clock(date.and_time(time)),
                date.and_time(time).format("%a %-d %B, %H:%M").to_string()
            );
            prop_assert_eq!(
                compact_date_time(date, time),
                date.and_time(time).format("%Y%m%dT%H%M%S").to_string()
            );
        }

        #[test]
        fn written_dates_and_times_read_back(date in any_date(), time in any_time()) {
            prop_assert_eq!(parse_iso_date(&iso_date(date)), Some(date));
            prop_assert_eq!(parse_compact_date(&compact_date(date)), Some(date));
            let minute = time.with_second(0).unwrap();
            prop_assert_eq!(parse_clock(&clock(time)), Some(minute));
        }

        #[test]
        fn clock_times_read_exactly_as_chrono_reads_them(text in "[0-9]{0,3}:[0-9]{0,3}") {
            // Content files hold "9:30" as well as "09:30": both must keep working.
            prop_assert_eq!(parse_clock(&text), NaiveTime::parse_from_str(&text, "%H:%M").ok());
        }

        #[test]
        fn any_text_reads_as_chrono_reads_it_or_is_refused(text in "\\PC{0,12}") {
            // Never a panic, and never a date or time chrono would not also read.
            if let Some(time) = parse_clock(&text) {
                prop_assert_eq!(NaiveTime::parse_from_str(&text, "%H:%M").ok(), Some(time));
            }
            if let Some(date) = parse_iso_date(&text) {
                prop_assert_eq!(NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok(), Some(date));
            }
            if let Some(date) = parse_compact_date(&text) {
                prop_assert_eq!(NaiveDate::parse_from_str(&text, "%Y%m%d").ok(), Some(date));
            }
        }
    }

    #[test]
    fn examples() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let time = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        assert_eq!(long_date(date), "3 March 2026");
        assert_eq!(weekday_and_date(date), "Tue 3 March");
        assert_eq!(clock_12_hour(time), "2:05pm");
        assert_eq!(
            clock_12_hour(NaiveTime::from_hms_opt(0, 30, 0).unwrap()),
            "12:30am"
        );
        assert_eq!(parse_clock("9:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_clock("24:00"), None);
        assert_eq!(parse_clock("+1:30"), None);
        assert_eq!(parse_iso_date("2026-02-30"), None);
        assert_eq!(parse_compact_date("2026+303"), None);
    }
}
