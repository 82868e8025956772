//! Amounts of money, written the way people say them: "£3,000", "up to £1,200 a year".

use crate::i18n::Words;
use crate::offer::{Amount, Frequency};

/// Whole pence as pounds: "£3,000", "£57.50", "£0.99" (whole pounds drop the ".00").
pub fn format_pence(pence: u64) -> String {
    let pounds = pence / 100;
    let rest = pence % 100;
    let pounds = with_thousands(pounds);
    if rest == 0 {
        format!("£{pounds}")
    } else {
        format!("£{pounds}.{rest:02}")
    }
}

/// An amount with how often it comes: "£3,000", "up to £1,200 a year", "£57.50 a week".
pub fn describe_amount(amount: &Amount) -> String {
    describe_amount_in(&Words::built_in(), amount)
}

/// [`describe_amount`] in `words`' language; the sum itself ("£57.50") stays as it is.
pub fn describe_amount_in(words: &Words, amount: &Amount) -> String {
    let mut text = format_pence(amount.pence);
    // A one-off payment reads best as the bare sum; "once" adds nothing people need.
    let how_often = match amount.frequency {
        None | Some(Frequency::Once) => None,
        Some(Frequency::Weekly) => Some("money.weekly"),
        Some(Frequency::Monthly) => Some("money.monthly"),
        Some(Frequency::Yearly) => Some("money.yearly"),
        Some(Frequency::EverySixMonths) => Some("money.every_six_months"),
    };
    if let Some(key) = how_often {
        text = words.text(key, &[("amount", &text)]);
    }
    if let Some(weeks) = amount.for_weeks {
        text = words.count("money.for_weeks", u64::from(weeks), &[("amount", &text)]);
    }
    if amount.up_to {
        text = words.text("money.up_to", &[("amount", &text)]);
    }
    text
}

/// When an amount applies, in words: "since April 2023" or "in 2025 to 2026".
///
/// `None` for an amount saved before amounts carried their year.
pub fn describe_when(amount: &Amount) -> Option<String> {
    describe_when_in(&Words::built_in(), amount)
}

/// [`describe_when`] in `words`' language.
pub fn describe_when_in(words: &Words, amount: &Amount) -> Option<String> {
    if amount.year_not_stated {
        return Some(words.text("money.year_not_stated", &[]));
    }
    if let Some(year) = amount.year {
        return Some(words.text(
            "money.in_year",
            &[
                ("first", &year.first().to_string()),
                ("last", &year.last().to_string()),
            ],
        ));
    }
    amount.since.map(|day| {
        words.text(
            "money.since",
            &[("month", &crate::dates::month_and_year_in(words, day))],
        )
    })
}

/// The amount with when it applies: "£3,000, since April 2023", "up to £180 a week in 2025 to 2026".
pub fn describe_amount_and_when(amount: &Amount) -> String {
    describe_amount_and_when_in(&Words::built_in(), amount)
}

/// [`describe_amount_and_when`] in `words`' language.
pub fn describe_amount_and_when_in(words: &Words, amount: &Amount) -> String {
    let how_much = describe_amount_in(words, amount);
    let key = if amount.year.is_some() {
        "money.amount_in_year"
    } else {
        "money.amount_and_when"
    };
    match describe_when_in(words, amount) {
        Some(when) => words.text(key, &[("amount", &how_much), ("when", &when)]),
        None => how_much,
    }
}

/// "1200" as "1,200": commas every three digits, as on every UK price.
pub(crate) fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Pounds and pence as people type them ("3000", "£3,000", "57.50", "57.5") in whole pence,
/// or why the text is not an amount of money. Used by the staff's offer editor, which shows
/// amounts in pounds while the content keeps whole pence.
pub fn parse_pounds(text: &str) -> Result<u64, String> {
    let wrong = || {
        format!(
            "\"{}\" is not an amount of money like 57.50 or 3,000",
            text.trim()
        )
    };
    let plain: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let (pounds, pence) = match plain.split_once('.') {
        Some((pounds, pence)) => (pounds, pence),
        None => (plain.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if pounds.is_empty() || !digits(pounds) || !digits(pence) || pence.len() > 2 {
        return Err(wrong());
    }
    let pounds: u64 = pounds.parse().map_err(|_| wrong())?;
    let pence: u64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<u64>().map_err(|_| wrong())? * 10,
        _ => pence.parse().map_err(|_| wrong())?,
    };
    pounds
        .checked_mul(100)
        .and_then(|p| p.checked_add(pence))
        .ok_or_else(wrong)
}

/// Whole pence as the editor shows them for typing: "3000", "57.50".
pub fn pounds_for_typing(pence: u64) -> String {
    match pence % 100 {
        0 => (pence / 100).to_string(),
        rest => format!("{}.{rest:02}", pence / 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(pence: u64, frequency: Option<Frequency>, up_to: bool) -> Amount {
        Amount {
            pence,
            frequency,
            up_to,
            since: None,
            year: None,
            for_weeks: None,
            year_not_stated: false,
        }
    }

    #[test]
    fn amounts_for_a_few_weeks_twice_a_year_or_with_no_year_say_so() {
        let mut weekly = amount(5_790, Some(Frequency::Weekly), false);
        weekly.for_weeks = Some(5);
        weekly.year_not_stated = true;
        assert_eq!(describe_amount(&weekly), "£57.90 a week for 5 weeks");
        assert_eq!(
            describe_amount_and_when(&weekly),
            "£57.90 a week for 5 weeks, as the council publishes it (it does not say for which year)"
        );
        weekly.for_weeks = Some(1);
        assert_eq!(describe_amount(&weekly), "£57.90 a week for 1 week");
        let twice = amount(30_000, Some(Frequency::EverySixMonths), true);
        assert_eq!(describe_amount(&twice), "up to £300 every six months");
    }

    #[test]
    fn whole_pounds_are_shown_without_pence() {
        assert_eq!(format_pence(300_000), "£3,000");
        assert_eq!(format_pence(120_000), "£1,200");
        assert_eq!(format_pence(10_000), "£100");
        assert_eq!(format_pence(0), "£0");
    }

    #[test]
    fn pounds_and_pence_keep_two_digits_of_pence() {
        assert_eq!(format_pence(5_750), "£57.50");
        assert_eq!(format_pence(99), "£0.99");
        assert_eq!(format_pence(105), "£1.05");
    }

    #[test]
    fn big_sums_get_a_comma_every_three_digits() {
        assert_eq!(format_pence(100_000_000), "£1,000,000");
        assert_eq!(format_pence(123_456_789), "£1,234,567.89");
    }

    #[test]
    fn a_one_off_grant_reads_as_the_bare_sum() {
        assert_eq!(
            describe_amount(&amount(300_000, Some(Frequency::Once), false)),
            "£3,000"
        );
    }

    #[test]
    fn a_yearly_limit_reads_up_to_so_much_a_year() {
        assert_eq!(
            describe_amount(&amount(120_000, Some(Frequency::Yearly), true)),
            "up to £1,200 a year"
        );
    }

    #[test]
    fn weekly_and_monthly_payments_say_how_often() {
        assert_eq!(
            describe_amount(&amount(5_750, Some(Frequency::Weekly), false)),
            "£57.50 a week"
        );
        assert_eq!(
            describe_amount(&amount(10_000, Some(Frequency::Monthly), false)),
            "£100 a month"
        );
    }

    #[test]
    fn an_amount_without_a_frequency_still_shows_the_sum() {
        assert_eq!(describe_amount(&amount(2_500, None, true)), "up to £25");
    }

    #[test]
    fn a_grant_that_started_on_a_day_says_since_the_month() {
        let grant = Amount {
            since: Some("2023-08-01".parse().unwrap()),
            ..amount(300_000, Some(Frequency::Once), false)
        };
        assert_eq!(describe_when(&grant).as_deref(), Some("since August 2023"));
        assert_eq!(
            describe_amount_and_when(&grant),
            "£3,000, since August 2023"
        );
    }

    #[test]
    fn a_weekly_limit_for_one_year_says_which_year() {
        let childcare = Amount {
            year: Some("2025-26".parse().unwrap()),
            ..amount(18_000, Some(Frequency::Weekly), true)
        };
        assert_eq!(
            describe_amount_and_when(&childcare),
            "up to £180 a week in 2025 to 2026"
        );
    }

    #[test]
    fn an_amount_saved_before_amounts_had_a_year_shows_just_the_sum() {
        let old = amount(120_000, Some(Frequency::Yearly), true);
        assert_eq!(describe_when(&old), None);
        assert_eq!(describe_amount_and_when(&old), "up to £1,200 a year");
    }
}

#[cfg(test)]
mod typing_tests {
    use super::*;

    #[test]
    fn amounts_typed_as_people_type_them_become_whole_pence() {
        assert_eq!(parse_pounds("3000"), Ok(300_000));
        assert_eq!(parse_pounds(" £3,000 "), Ok(300_000));
        assert_eq!(parse_pounds("57.50"), Ok(5_750));
        assert_eq!(parse_pounds("57.5"), Ok(5_750));
        assert_eq!(parse_pounds("0.99"), Ok(99));
        for bad in [
            "",
            "£",
            "ten pounds",
            "57.505",
            "-5",
            "1e3",
            ".50",
            "99999999999999999999",
        ] {
            assert!(parse_pounds(bad).is_err(), "{bad:?} is not money");
        }
    }

    #[test]
    fn pence_shown_for_typing_read_back_the_same() {
        for pence in [0, 1, 99, 100, 5_750, 300_000, 123_456_789] {
            assert_eq!(parse_pounds(&pounds_for_typing(pence)), Ok(pence));
        }
    }
}
