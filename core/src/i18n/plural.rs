//! Plural rules for whole numbers, from CLDR, for the languages the app is written in and
//! those next in line (issue 22's list): which form of "{count} messages" a count takes.
//!
//! The app asked the browser's `Intl.PluralRules` for these; a page drawn by a server has
//! no browser, so the rules are here in plain Rust, one answer for both, and an in-browser
//! test checks that they give what `Intl` gives for every language listed. A language not
//! listed gets `None`; a host test fails for a language file the app ships without one.

use super::catalogue::PluralCategory;

/// The rule for language `code` (a BCP 47 tag; only its first part counts: `fa-AF` is
/// Persian's), or `None` for a language not listed.
pub fn rule(code: &str) -> Option<fn(u64) -> PluralCategory> {
    let language = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let rule: fn(u64) -> PluralCategory = match language.as_str() {
        "ar" | "ars" => arabic,
        // "one: i = 0 or n = 1" (Persian and Dari, Amharic).
        "fa" | "am" => zero_or_one,
        // "one: n = 0..1" (Tigrinya).
        "ti" => zero_or_one,
        // "one: n = 1" (English, Pashto, Sorani, Kurmanji as CLDR's `ku`, Albanian, Oromo).
        "en" | "ps" | "ckb" | "ku" | "sq" | "om" => one_only,
        // No plural forms (Vietnamese).
        "vi" => |_| PluralCategory::Other,
        _ => return None,
    };
    Some(rule)
}

/// The category of `count` in language `code`, where [`rule`] knows the language.
pub fn category(code: &str, count: u64) -> Option<PluralCategory> {
    rule(code).map(|rule| rule(count))
}

fn one_only(n: u64) -> PluralCategory {
    if n == 1 {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

fn zero_or_one(n: u64) -> PluralCategory {
    if n <= 1 {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

/// Arabic: 0 zero, 1 one, 2 two, 3–10 few, 11–99 many (by the last two digits), else other.
fn arabic(n: u64) -> PluralCategory {
    match (n, n % 100) {
        (0, _) => PluralCategory::Zero,
        (1, _) => PluralCategory::One,
        (2, _) => PluralCategory::Two,
        (_, 3..=10) => PluralCategory::Few,
        (_, 11..=99) => PluralCategory::Many,
        _ => PluralCategory::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PluralCategory::*;

    #[test]
    fn arabic_has_six_forms_by_the_last_two_digits() {
        let forms: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000]
            .into_iter()
            .map(|n| category("ar", n).unwrap())
            .collect();
        assert_eq!(
            forms,
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few, Many, Other]
        );
    }

    #[test]
    fn dari_and_persian_count_nought_as_one_pashto_and_sorani_do_not() {
        assert_eq!(category("fa-AF", 0), Some(One));
        assert_eq!(category("fa", 1), Some(One));
        assert_eq!(category("fa", 2), Some(Other));
        assert_eq!(category("ti", 0), Some(One));
        assert_eq!(category("ps", 0), Some(Other));
        assert_eq!(category("ckb", 1), Some(One));
        assert_eq!(category("en-GB", 1), Some(One));
        assert_eq!(category("vi", 1), Some(Other));
    }

    #[test]
    fn a_language_not_listed_is_left_to_the_browser() {
        assert_eq!(category("uk", 3), None);
        assert_eq!(category("", 1), None);
    }
}
