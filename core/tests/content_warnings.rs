//! Content that loads but needs an officer's look is warned about, named by file, item and
//! field: items not checked for a year, sources on untrusted sites, long sentences, jargon.

mod content_fixtures;

use chrono::NaiveDate;
use content_fixtures::{edited, valid_files};
use offer_core::content::lint::{
    check_passes, contains_term, content_warnings, counts, describe_counts, host_of, sentences,
    words, Warning, WarningKind, CHECKS_FILE,
};
use offer_core::content::{load_offer, ContentFile};

/// A small checks.toml that trusts every site the valid fixture cites.
const CHECKS: &str = r#"
[[trusted_sources]]
domain = "cheshireeast.gov.uk"
why = "The council's own pages."

[[trusted_sources]]
domain = "nhs.uk"
why = "The NHS."

[[trusted_sources]]
domain = "giveusashout.org"
why = "Shout, a registered charity's text service."

[[jargon]]
words = ["looked after", "looked-after"]
instead = "Say 'cared for'."
why = "Young people asked us not to use it."

[[jargon]]
words = ["LAC", "LA"]
instead = "Write it out in everyday words."
why = "Initials nobody outside the office uses."

[[jargon]]
words = ["placement"]
instead = "Say 'where you lived'."
why = "A social work word."
explained_by = ["work placement", "where you lived"]
"#;

/// A date on which every date in the valid fixture is fresh.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn warnings_on(files: Vec<ContentFile>, checks: Option<&str>, today: NaiveDate) -> Vec<Warning> {
    let offer = load_offer(&files).expect("the edited fixture still loads");
    let checks = checks.map(|text| ContentFile::new(CHECKS_FILE, text));
    content_warnings(&offer, checks.as_ref(), today)
}

/// The warnings after one edit to the valid files, checked on `today()`.
fn warnings_after(file: &str, from: &str, to: &str) -> Vec<Warning> {
    warnings_on(edited(valid_files(), file, from, to), Some(CHECKS), today())
}

/// The one warning at `file`, `item`, `field`; fails listing them all if there is none.
fn warning_at<'w>(warnings: &'w [Warning], file: &str, item: &str, field: &str) -> &'w Warning {
    warnings
        .iter()
        .find(|w| w.file == file && w.item == item && w.field == field)
        .unwrap_or_else(|| {
            let all: Vec<String> = warnings.iter().map(ToString::to_string).collect();
            panic!(
                "no warning at {file} / {item} / {field}; the warnings are:\n{}",
                all.join("\n")
            )
        })
}

#[test]
fn fresh_plain_content_from_trusted_sites_has_no_warnings() {
    assert_eq!(
        warnings_on(valid_files(), Some(CHECKS), today()),
        Vec::<Warning>::new()
    );
}

#[test]
fn an_item_last_checked_more_than_12_months_ago_is_flagged_but_exactly_12_is_not() {
    let checked = r#"last_checked = "2026-11-22""#;
    let warnings = warnings_after("contacts.toml", checked, r#"last_checked = "2025-11-30""#);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warning_at(
        &warnings,
        "contacts.toml",
        "leaving-care-team",
        "last_checked",
    );
    assert_eq!(warning.kind, WarningKind::NotChecked);
    assert_eq!(
        warning.to_string(),
        r#"contacts.toml: item "leaving-care-team", field "last_checked": last checked on 30 November 2025, more than 12 months ago; check it against its source, then set last_checked to the day you did"#
    );

    let warnings = warnings_after("contacts.toml", checked, r#"last_checked = "2025-12-01""#);
    assert_eq!(warnings, Vec::<Warning>::new());
}

#[test]
fn a_whole_offer_not_reviewed_for_a_year_is_flagged() {
    let warnings = warnings_after(
        "offer.toml",
        r#"last_reviewed = "2026-10-01""#,
        r#"last_reviewed = "2024-06-01""#,
    );
    let warning = warning_at(&warnings, "offer.toml", "council", "last_reviewed");
    assert_eq!(warning.kind, WarningKind::NotChecked);
}

#[test]
fn a_source_on_a_news_site_is_flagged_naming_the_site() {
    let warnings = warnings_after(
        "hubs.toml",
        r#"url = "https://www.cheshireeast.gov.uk/hubs""#,
        r#"url = "https://www.silk1069.com/news/new-hub""#,
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warning_at(&warnings, "hubs.toml", "crewe-hub", "source.url");
    assert_eq!(warning.kind, WarningKind::UntrustedSource);
    assert!(
        warning
            .message
            .starts_with("\"www.silk1069.com\" is not a trusted source"),
        "{warning}"
    );
}

#[test]
fn a_subdomain_of_a_trusted_site_is_trusted_but_a_lookalike_is_not() {
    let hub_url = r#"url = "https://www.cheshireeast.gov.uk/hubs""#;
    let warnings = warnings_after(
        "hubs.toml",
        hub_url,
        r#"url = "https://moderngov.cheshireeast.gov.uk/ieDecisionDetails.aspx?ID=3403""#,
    );
    assert_eq!(warnings, Vec::<Warning>::new());

    let warnings = warnings_after(
        "hubs.toml",
        hub_url,
        r#"url = "https://fakecheshireeast.gov.uk/hubs""#,
    );
    warning_at(&warnings, "hubs.toml", "crewe-hub", "source.url");
}

#[test]
fn a_sentence_over_25_words_is_flagged_but_25_words_is_not() {
    let from = r#"details = "Paid in three parts over your course.""#;
    let long = "You can get this money if you are at university and your PA agrees that it is part of the plan you made together for your future studies.";
    assert_eq!(words(long), 28);
    let warnings = warnings_after("entitlements.toml", from, &format!(r#"details = "{long}""#));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warning_at(
        &warnings,
        "entitlements.toml",
        "higher-education-bursary",
        "details",
    );
    assert_eq!(warning.kind, WarningKind::LongSentence);
    assert!(warning.message.contains("has 28 words"), "{warning}");
    assert!(
        warning
            .message
            .contains("\"You can get this money if you are ...\""),
        "{warning}"
    );

    let just_enough = "You can get this money if you are at university and your PA agrees that it is part of the plan you made together today.";
    assert_eq!(words(just_enough), 25);
    let warnings = warnings_after(
        "entitlements.toml",
        from,
        &format!(r#"details = "{just_enough}""#),
    );
    assert_eq!(warnings, Vec::<Warning>::new());
}

#[test]
fn a_long_step_is_named_by_its_position() {
    let warnings = warnings_after(
        "entitlements.toml",
        r#""Make a list of what you need""#,
        r#""Make a list of what you need, like a bed, a fridge, a cooker, pans, plates, a kettle, towels, curtains, a table and chairs, and anything else""#,
    );
    let warning = warning_at(
        &warnings,
        "entitlements.toml",
        "setting-up-home",
        "steps[2]",
    );
    assert_eq!(warning.kind, WarningKind::LongSentence);
}

#[test]
fn jargon_young_people_dislike_is_flagged_with_what_to_say_instead() {
    let warnings = warnings_after(
        "entitlements.toml",
        r#"summary = "You pay no council tax until you are 25.""#,
        r#"summary = "Looked after young people pay no council tax until 25.""#,
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warning_at(
        &warnings,
        "entitlements.toml",
        "council-tax-exemption",
        "summary",
    );
    assert_eq!(warning.kind, WarningKind::Jargon);
    assert_eq!(
        warning.message,
        "\"looked after\" is on the jargon list in checks.toml. Say 'cared for'."
    );
}

#[test]
fn initials_count_only_in_capitals_and_as_whole_words() {
    let from = r#"when = "For anything about your support.""#;
    let warnings = warnings_after("contacts.toml", from, r#"when = "If you were LAC.""#);
    warning_at(&warnings, "contacts.toml", "leaving-care-team", "when");
    let warnings = warnings_after(
        "contacts.toml",
        from,
        r#"when = "When the LA has not replied.""#,
    );
    warning_at(&warnings, "contacts.toml", "leaving-care-team", "when");
    let warnings = warnings_after(
        "contacts.toml",
        from,
        r#"when = "For help with a black lace dress, or a lilac one, la la la.""#,
    );
    assert_eq!(warnings, Vec::<Warning>::new());
}

#[test]
fn placement_is_allowed_only_when_explained_in_the_same_paragraph() {
    let from = r#"details = "Your PA helps you plan what you need.\n\nYou can spend it on furniture and white goods.""#;
    let unexplained = r#"details = "Your PA helps you plan what you need.\n\nYou can use it when your placement ends.""#;
    let warnings = warnings_after("entitlements.toml", from, unexplained);
    let warning = warning_at(&warnings, "entitlements.toml", "setting-up-home", "details");
    assert!(
        warning
            .message
            .ends_with("Or explain it in the same paragraph."),
        "{warning}"
    );

    let explained_elsewhere =
        r#"details = "Your PA knows where you lived.\n\nYou can use it when your placement ends.""#;
    let warnings = warnings_after("entitlements.toml", from, explained_elsewhere);
    warning_at(&warnings, "entitlements.toml", "setting-up-home", "details");

    let explained = r#"details = "Your PA helps you plan what you need.\n\nYou can use it when your placement (where you lived) ends.""#;
    let warnings = warnings_after("entitlements.toml", from, explained);
    assert_eq!(warnings, Vec::<Warning>::new());

    let work = r#"details = "Your PA helps you plan what you need.\n\nYou can use it to get to your work placement.""#;
    assert_eq!(
        warnings_after("entitlements.toml", from, work),
        Vec::<Warning>::new()
    );
}

#[test]
fn without_checks_toml_the_other_checks_still_run_and_its_absence_is_a_warning() {
    let files = edited(
        valid_files(),
        "groups.toml",
        r#"last_checked = "2026-11-22""#,
        r#"last_checked = "2020-01-01""#,
    );
    let warnings = warnings_on(files, None, today());
    assert_eq!(
        counts(&warnings),
        vec![(WarningKind::NotChecked, 1), (WarningKind::Checks, 1)]
    );
    let missing = warning_at(&warnings, "checks.toml", "", "");
    assert!(
        missing.message.starts_with("this file is missing"),
        "{missing}"
    );
}

#[test]
fn a_trusted_site_without_a_reason_or_a_domain_written_as_a_link_is_a_warning() {
    let checks = r#"
[[trusted_sources]]
domain = "https://www.cheshireeast.gov.uk/"
why = "The council."

[[trusted_sources]]
domain = "nhs.uk"
why = ""
"#;
    let warnings = warnings_on(valid_files(), Some(checks), today());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let domain = warning_at(&warnings, "checks.toml", "trusted_sources[1]", "domain");
    assert_eq!(domain.kind, WarningKind::Checks);
    warning_at(&warnings, "checks.toml", "trusted_sources[2]", "why");

    let warnings = warnings_on(
        valid_files(),
        Some("[[trusted_sources]]\nsite = 1\n"),
        today(),
    );
    let unreadable = warning_at(&warnings, "checks.toml", "", "");
    assert!(
        unreadable
            .message
            .starts_with("this file could not be read"),
        "{unreadable}"
    );
}

#[test]
fn strict_checking_fails_on_any_warning_and_plain_checking_never_does() {
    let warnings = warnings_after(
        "groups.toml",
        r#"last_checked = "2026-11-22""#,
        r#"last_checked = "2020-01-01""#,
    );
    assert_eq!(warnings.len(), 1);
    assert!(check_passes(&warnings, false));
    assert!(!check_passes(&warnings, true));
    assert!(check_passes(&[], true));
    assert_eq!(describe_counts(&warnings), "1 not checked for 12 months");
    assert_eq!(describe_counts(&[]), "none");
}

#[test]
fn the_shipped_checks_file_is_itself_valid_and_trusts_the_council_and_legislation() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../content/checks.toml"
    ))
    .expect("content/checks.toml exists");
    let checks = offer_core::content::lint::Checks::parse(&text).expect("checks.toml is valid");
    for url in [
        "https://moderngov.cheshireeast.gov.uk/ecMinutes/ieDecisionDetails.aspx?ID=3403",
        "https://www.legislation.gov.uk/ukpga/2017/16/section/3",
        "https://111.nhs.uk/",
        "https://becomecharity.org.uk/",
    ] {
        assert!(
            checks.trusted_domain(url).is_some(),
            "{url} should be trusted"
        );
    }
    for url in [
        "https://www.silk1069.com/news",
        "https://www.lbc.co.uk/news",
        "https://insights.doughtystreet.co.uk/post",
    ] {
        assert!(
            checks.trusted_domain(url).is_none(),
            "{url} should not be trusted"
        );
    }
}

#[test]
fn sentences_end_at_full_stops_and_paragraphs_but_not_in_numbers_or_at_a_line_break() {
    assert_eq!(
        sentences("You get £57.50 a week. Ask your\nPA!\n\nA bed\n\nWhy? Because."),
        vec![
            "You get £57.50 a week.",
            "Ask your\nPA!",
            "A bed",
            "Why?",
            "Because."
        ]
    );
    assert_eq!(words("- £3,000 – once"), 2);
}

#[test]
fn hosts_are_read_from_links_in_lower_case() {
    assert_eq!(
        host_of("https://WWW.Gov.UK:443/x?y#z").as_deref(),
        Some("www.gov.uk")
    );
    assert_eq!(host_of("https://gov.uk.").as_deref(), Some("gov.uk"));
    assert_eq!(host_of("not a link"), None);
    assert!(contains_term("A looked-after child", "looked-after"));
    assert!(!contains_term("overlooked after all", "looked after"));
}

#[test]
fn an_amount_for_a_year_that_has_ended_is_flagged_from_the_september_after() {
    let files = edited(
        valid_files(),
        "entitlements.toml",
        r#"year = "2026-27""#,
        r#"year = "2025-26""#,
    );
    // Still the school year 2025 to 2026 on 31 August 2026.
    let august = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    let warnings = warnings_on(files.clone(), Some(CHECKS), august);
    assert!(
        warnings.iter().all(|w| w.kind != WarningKind::YearEnded),
        "{warnings:?}"
    );
    let warnings = warnings_on(files, Some(CHECKS), today());
    let warning = warning_at(
        &warnings,
        "entitlements.toml",
        "higher-education-bursary",
        "amount.year",
    );
    assert_eq!(warning.kind, WarningKind::YearEnded);
    assert!(
        warning.message.contains("2025-26, which has ended"),
        "{}",
        warning.message
    );
}
