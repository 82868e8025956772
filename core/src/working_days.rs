//! Working days in England: Monday to Friday, not English bank holidays.
//!
//! "Please contact me" and "my details have changed" should be acted on within two working
//! days. A message is due by the end of the second working day after the day it arrived,
//! counted in UK time: one that arrives on Friday at 3pm is due by the end of Tuesday, and
//! one that arrives on a Saturday by the end of Tuesday too.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};

/// The bank holidays in England that ship with the server (from GOV.UK).
pub const ENGLAND: &str = include_str!("../data/bank-holidays-england.txt");

/// How many working days staff have to act on a message that asks for contact.
pub const CONTACT_WORKING_DAYS: u32 = 2;

/// A set of bank holidays, read from a data file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankHolidays {
    dates: BTreeSet<NaiveDate>,
}

impl BankHolidays {
    /// Reads lines of `YYYY-MM-DD name`; blank lines and `#` notes are skipped.
    pub fn parse(text: &str) -> Result<BankHolidays, String> {
        let mut dates = BTreeSet::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let date = line.split_whitespace().next().unwrap_or("");
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
                format!(
                    "line {}: \"{date}\" is not a date written as YYYY-MM-DD",
                    number + 1
                )
            })?;
            dates.insert(date);
        }
        Ok(BankHolidays { dates })
    }

    /// England's bank holidays as shipped in `core/data/bank-holidays-england.txt`.
    pub fn england() -> BankHolidays {
        BankHolidays::parse(ENGLAND).expect("the shipped bank holiday file is valid")
    }

    /// The last year the file lists holidays for, if any.
    pub fn last_year(&self) -> Option<i32> {
        self.dates.iter().next_back().map(|d| d.year())
    }

    /// True on a weekday that is not a bank holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.dates.contains(&day)
    }

    /// The `n`th working day after `day` (`day` itself never counts).
    pub fn working_days_after(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut current = day;
        let mut counted = 0;
        while counted < n {
            current += Duration::days(1);
            if self.is_working_day(current) {
                counted += 1;
            }
        }
        current
    }

    /// When a contact request that arrived at `received` is due: the end of the second
    /// working day after the UK day it arrived on.
    pub fn contact_due(&self, received: DateTime<Utc>) -> DateTime<Utc> {
        self.due_for_day(uk_local(received).date())
    }

    fn due_for_day(&self, arrived: NaiveDate) -> DateTime<Utc> {
        let last_day = self.working_days_after(arrived, CONTACT_WORKING_DAYS);
        uk_day_start(last_day + Duration::days(1))
    }

    /// True when a contact request that arrived at `received` is still not done at `now`.
    pub fn is_overdue(&self, received: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= self.contact_due(received)
    }

    /// The instant before which a contact request is overdue at `now`: `is_overdue(received,
    /// now)` is exactly `received < overdue_before(now)`, so a database can find overdue
    /// requests with one comparison.
    pub fn overdue_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        // A request's due time depends only on its UK day and never goes back as the day
        // moves on, so the days not yet due at `now` run from some day to today (today's are
        // never due yet). Walk back to the first of them.
        let mut first_not_due = uk_local(now).date();
        while now < self.due_for_day(first_not_due - Duration::days(1)) {
            first_not_due -= Duration::days(1);
        }
        uk_day_start(first_not_due)
    }
}

/// The instant a UK day starts (midnight UK time, which the clocks never skip or repeat).
pub fn uk_day_start(day: NaiveDate) -> DateTime<Utc> {
    from_uk_local(day.and_time(NaiveTime::MIN))
}

/// The UK's clock time at `time`: GMT in winter, BST (GMT+1) from 1am GMT on the last Sunday
/// of March to 1am GMT on the last Sunday of October.
pub fn uk_local(time: DateTime<Utc>) -> NaiveDateTime {
    let naive = time.naive_utc();
    if is_summer_time(time) {
        naive + Duration::hours(1)
    } else {
        naive
    }
}

/// The instant a UK clock time names. In the hour the clocks go back, the first (BST) one;
/// in the hour they go forward (which never happens on a UK clock), as if GMT.
pub fn from_uk_local(local: NaiveDateTime) -> DateTime<Utc> {
    let as_bst = Utc.from_utc_datetime(&(local - Duration::hours(1)));
    if is_summer_time(as_bst) {
        as_bst
    } else {
        Utc.from_utc_datetime(&local)
    }
}

fn is_summer_time(time: DateTime<Utc>) -> bool {
    let year = time.year();
    let starts = last_sunday(year, 3)
        .and_hms_opt(1, 0, 0)
        .expect("1am exists");
    let ends = last_sunday(year, 10)
        .and_hms_opt(1, 0, 0)
        .expect("1am exists");
    let naive = time.naive_utc();
    naive >= starts && naive < ends
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_shipped_file_reads_and_covers_this_year_and_next() {
        let holidays = BankHolidays::england();
        assert!(holidays.last_year().unwrap() >= 2027);
        assert!(
            !holidays.is_working_day(date("2026-12-28")),
            "Boxing Day substitute"
        );
        assert!(holidays.is_working_day(date("2026-12-29")));
    }

    #[test]
    fn a_message_on_friday_afternoon_is_due_by_the_end_of_tuesday() {
        let holidays = BankHolidays::england();
        // Friday 20 November 2026, 3pm GMT.
        let received = utc("2026-11-20T15:00:00Z");
        assert_eq!(holidays.contact_due(received), utc("2026-11-25T00:00:00Z"));
        assert!(!holidays.is_overdue(received, utc("2026-11-24T23:59:59Z")));
        assert!(holidays.is_overdue(received, utc("2026-11-25T00:00:00Z")));
    }

    #[test]
    fn a_message_at_the_weekend_counts_from_monday() {
        let holidays = BankHolidays::england();
        let saturday = utc("2026-11-21T10:00:00Z");
        let sunday = utc("2026-11-22T23:30:00Z");
        assert_eq!(holidays.contact_due(saturday), utc("2026-11-25T00:00:00Z"));
        assert_eq!(holidays.contact_due(sunday), utc("2026-11-25T00:00:00Z"));
    }

    #[test]
    fn bank_holidays_do_not_count_across_easter() {
        let holidays = BankHolidays::england();
        // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays,
        // so the two working days are Tuesday 7 and Wednesday 8. BST: midnight is 23:00 GMT.
        let received = utc("2026-04-02T09:00:00Z");
        assert_eq!(holidays.contact_due(received), utc("2026-04-08T23:00:00Z"));
        assert!(!holidays.is_overdue(received, utc("2026-04-07T12:00:00Z")));
        assert!(holidays.is_overdue(received, utc("2026-04-09T08:00:00Z")));
    }

    #[test]
    fn christmas_and_a_substitute_day_are_skipped() {
        let holidays = BankHolidays::england();
        // Thursday 24 December 2026: Friday 25 and Monday 28 are holidays.
        let received = utc("2026-12-24T16:00:00Z");
        assert_eq!(holidays.contact_due(received), utc("2026-12-31T00:00:00Z"));
    }

    #[test]
    fn uk_time_follows_the_clocks_changing() {
        // Clocks go forward at 1am GMT on 29 March 2026 and back at 1am GMT on 25 October.
        assert_eq!(
            uk_local(utc("2026-03-29T00:59:00Z")).to_string(),
            "2026-03-29 00:59:00"
        );
        assert_eq!(
            uk_local(utc("2026-03-29T01:00:00Z")).to_string(),
            "2026-03-29 02:00:00"
        );
        assert_eq!(
            uk_local(utc("2026-10-25T00:30:00Z")).to_string(),
            "2026-10-25 01:30:00"
        );
        assert_eq!(
            uk_local(utc("2026-10-25T01:30:00Z")).to_string(),
            "2026-10-25 01:30:00"
        );
        // A message just before midnight BST belongs to that UK day.
        assert_eq!(
            uk_local(utc("2026-06-30T23:30:00Z")).date(),
            date("2026-07-01")
        );
    }

    #[test]
    fn the_overdue_cut_off_is_the_start_of_the_first_day_not_yet_due() {
        let holidays = BankHolidays::england();
        // Wednesday 25 November 2026 at midnight: Friday's, Saturday's and Sunday's requests
        // were due by the end of Tuesday; Monday's are due by the end of Wednesday.
        assert_eq!(
            holidays.overdue_before(utc("2026-11-25T00:00:00Z")),
            utc("2026-11-23T00:00:00Z")
        );
        // A second earlier, Thursday's (due by the end of Monday) are the newest overdue.
        assert_eq!(
            holidays.overdue_before(utc("2026-11-24T23:59:59Z")),
            utc("2026-11-20T00:00:00Z")
        );
    }

    #[test]
    fn the_cut_off_skips_easter_and_christmas() {
        let holidays = BankHolidays::england();
        // Thursday 9 April 2026, BST: everything from Thursday 2 April to Easter Monday was
        // due by the end of Wednesday 8; Tuesday 7's are not due yet. Midnight BST is 23:00.
        assert_eq!(
            holidays.overdue_before(utc("2026-04-09T08:00:00Z")),
            utc("2026-04-06T23:00:00Z")
        );
        // Thursday 31 December 2026: 24 to 28 December (Christmas, Boxing Day's substitute)
        // were due by the end of Wednesday 30.
        assert_eq!(
            holidays.overdue_before(utc("2026-12-31T00:00:00Z")),
            utc("2026-12-29T00:00:00Z")
        );
    }

    #[test]
    fn the_cut_off_follows_the_clocks_changing() {
        let holidays = BankHolidays::england();
        // Tuesday 31 March 2026, 01:30 BST: Thursday 26's were due at midnight BST (23:00
        // GMT on Monday); Friday 27 (GMT) is the first day not due.
        assert_eq!(
            holidays.overdue_before(utc("2026-03-31T00:30:00Z")),
            utc("2026-03-27T00:00:00Z")
        );
        assert_eq!(
            holidays.overdue_before(utc("2026-03-30T22:59:59Z")),
            utc("2026-03-26T00:00:00Z")
        );
        // Wednesday 28 October 2026, 00:30 GMT: Friday 23 to Sunday 25 (across the clocks
        // going back) were due at midnight; Monday 26 starts at midnight GMT.
        assert_eq!(
            holidays.overdue_before(utc("2026-10-28T00:30:00Z")),
            utc("2026-10-26T00:00:00Z")
        );
    }

    #[test]
    fn the_cut_off_agrees_with_is_overdue_every_37_minutes_for_five_years() {
        let holidays = BankHolidays::england();
        let tick = Duration::microseconds(1);
        let mut now = utc("2024-01-02T00:00:00Z");
        while now < utc("2028-12-24T00:00:00Z") {
            let cut_off = holidays.overdue_before(now);
            assert!(holidays.is_overdue(cut_off - tick, now), "{now}");
            assert!(!holidays.is_overdue(cut_off, now), "{now}");
            assert!(cut_off <= now, "{now}");
            now += Duration::minutes(37);
        }
    }

    #[test]
    fn uk_days_start_at_uk_midnight_in_winter_and_summer() {
        assert_eq!(
            uk_day_start(date("2026-01-15")),
            utc("2026-01-15T00:00:00Z")
        );
        assert_eq!(
            uk_day_start(date("2026-07-01")),
            utc("2026-06-30T23:00:00Z")
        );
        // The days the clocks change start at midnight of the time in force then.
        assert_eq!(
            uk_day_start(date("2026-03-29")),
            utc("2026-03-29T00:00:00Z")
        );
        assert_eq!(
            uk_day_start(date("2026-10-25")),
            utc("2026-10-24T23:00:00Z")
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        // 2024-01-01 to 2028-12-01 (the shipped file covers 2024 to 2028), in seconds.
        const FIRST: i64 = 1_704_067_200;
        const LAST: i64 = 1_859_587_200;

        fn time(seconds: i64, micros: u32) -> DateTime<Utc> {
            DateTime::from_timestamp(seconds, micros * 1000).unwrap()
        }

        proptest! {
            #[test]
            fn a_request_is_overdue_exactly_when_it_arrived_before_the_cut_off(
                received in FIRST..LAST,
                wait in -86_400i64..(21 * 86_400),
                micros in 0u32..1_000_000,
            ) {
                let holidays = BankHolidays::england();
                let received = time(received, micros);
                let now = received + Duration::seconds(wait);
                prop_assert_eq!(
                    holidays.is_overdue(received, now),
                    received < holidays.overdue_before(now)
                );
            }

            #[test]
            fn a_day_is_at_or_after_its_start_and_before_the_next(seconds in FIRST..LAST) {
                let time = time(seconds, 0);
                let day = uk_local(time).date();
                prop_assert!(uk_day_start(day) <= time);
                prop_assert!(time < uk_day_start(day + Duration::days(1)));
            }
        }
    }

    #[test]
    fn a_broken_line_is_named() {
        let error =
            BankHolidays::parse("# notes\n2026-01-01 New Year\n2026-13-01 oops\n").unwrap_err();
        assert!(error.starts_with("line 3:"), "{error}");
    }
}
