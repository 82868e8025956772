//! Officers' content files become the offer the app shows.

mod content_fixtures;

use chrono::{NaiveDate, NaiveTime, Weekday};
use content_fixtures::{edited, message_at, problems_of, valid_files};
use offer_core::content::{load_offer, ContentFile, Problem, CONTENT_FILES};
use offer_core::{Circumstance, ContactKind, Frequency, HubStatus, Offer};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn a_small_valid_offer_loads_with_everything_in_content_order() {
    let offer = load_offer(&valid_files()).expect("the fixtures are valid");

    assert_eq!(offer.version, "");
    assert_eq!(offer.council.name, "Cheshire East Council");
    assert_eq!(offer.council.last_reviewed, date("2026-10-01"));
    assert_eq!(offer.council.links.len(), 1);
    let category_ids: Vec<&str> = offer.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(category_ids, ["money", "housing"]);
    let entitlement_ids: Vec<&str> = offer.entitlements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        entitlement_ids,
        [
            "setting-up-home",
            "higher-education-bursary",
            "council-tax-exemption"
        ]
    );

    let home = offer.entitlement("setting-up-home").unwrap();
    let amount = home.amount.unwrap();
    assert_eq!(
        (amount.pence, amount.frequency, amount.up_to),
        (300000, Some(Frequency::Once), true)
    );
    assert_eq!(
        (home.eligibility.min_age, home.eligibility.max_age),
        (Some(18), Some(24))
    );
    assert_eq!(home.ask, ["pa", "leaving-care-team"]);
    assert_eq!(home.updated, Some(date("2026-11-01")));
    let tax = offer.entitlement("council-tax-exemption").unwrap();
    assert_eq!(
        tax.eligibility.circumstances,
        [Circumstance::OutsideArea, Circumstance::StayingPut]
    );

    let crewe = offer.hub("crewe-hub").unwrap();
    assert_eq!(crewe.sessions.len(), 2);
    assert_eq!(crewe.sessions[0].day, Weekday::Tue);
    assert_eq!(
        crewe.sessions[0].start,
        NaiveTime::from_hms_opt(13, 0, 0).unwrap()
    );
    assert!(crewe.sessions[1].overnight);
    let macclesfield = offer.hub("macclesfield-hub").unwrap();
    assert_eq!(macclesfield.status, HubStatus::OpeningSoon);
    assert_eq!(macclesfield.opens_on, Some(date("2027-01-10")));

    assert_eq!(offer.contact("shout").unwrap().kind, ContactKind::Helpline);
    assert_eq!(
        offer.group("care-leavers-forum").unwrap().place,
        "The Crewe Hub"
    );
}

#[test]
fn the_loaded_offer_survives_a_json_round_trip() {
    let offer = load_offer(&valid_files()).unwrap();
    let json = serde_json::to_string(&offer).unwrap();
    let back: Offer = serde_json::from_str(&json).unwrap();
    assert_eq!(back, offer);
}

#[test]
fn the_files_may_be_handed_in_any_order() {
    let mut files = valid_files();
    files.reverse();
    assert_eq!(
        load_offer(&files).unwrap(),
        load_offer(&valid_files()).unwrap()
    );
}

#[test]
fn dates_and_times_typed_without_quotes_are_accepted() {
    let files = edited(
        valid_files(),
        "offer.toml",
        r#"last_reviewed = "2026-10-01""#,
        "last_reviewed = 2026-10-01",
    );
    let files = edited(
        files,
        "entitlements.toml",
        r#"last_checked = "2026-11-20""#,
        "last_checked = 2026-11-20",
    );
    let files = edited(
        files,
        "entitlements.toml",
        r#"updated = "2026-11-01""#,
        "updated = 2026-11-01",
    );
    let files = edited(
        files,
        "hubs.toml",
        r#"opens_on = "2027-01-10""#,
        "opens_on = 2027-01-10",
    );
    let files = edited(files, "hubs.toml", r#"start = "13:00""#, "start = 13:00:00");
    let files = edited(
        files,
        "groups.toml",
        r#"last_checked = "2026-11-22""#,
        "last_checked = 2026-11-22",
    );

    let offer = load_offer(&files).expect("bare dates are fine");
    assert_eq!(offer, load_offer(&valid_files()).unwrap());
}

#[test]
fn a_date_with_a_time_on_it_is_explained_as_not_a_date() {
    let files = edited(
        valid_files(),
        "groups.toml",
        r#"last_checked = "2026-11-22""#,
        "last_checked = 2026-11-22T10:00:00",
    );
    let problems = problems_of(files);
    let message = message_at(
        &problems,
        "groups.toml",
        "care-leavers-forum",
        "last_checked",
    );
    assert!(message.contains("is not a date"), "{message}");
}

#[test]
fn a_missing_file_is_a_problem_naming_the_file() {
    let files: Vec<ContentFile> = valid_files()
        .into_iter()
        .filter(|f| f.name != "hubs.toml")
        .collect();
    let problems = problems_of(files);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_str(), problems[0].item.as_str()),
        ("hubs.toml", "")
    );
    assert!(problems[0].message.contains("missing"));
}

#[test]
fn no_files_at_all_gives_one_problem_per_file_in_file_order() {
    let problems = problems_of(Vec::new());
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, CONTENT_FILES);
}

#[test]
fn a_stray_or_doubled_file_is_a_problem() {
    let mut files = valid_files();
    files.push(ContentFile::new("notes.toml", ""));
    files.push(ContentFile::new("groups.toml", content_fixtures::GROUPS));
    let problems = problems_of(files);
    message_at(&problems, "notes.toml", "", "");
    assert!(message_at(&problems, "groups.toml", "", "").contains("twice"));
}

#[test]
fn a_toml_syntax_error_names_the_file_line_item_and_field() {
    let files = edited(
        valid_files(),
        "hubs.toml",
        r#"what = "Drop-in with PAs""#,
        "what = Drop-in with PAs",
    );
    let problems = problems_of(files);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = message_at(&problems, "hubs.toml", "crewe-hub", "sessions.what");
    assert!(message.starts_with("line 21, column"), "{message}");
    assert!(message.contains("text goes in quotes"), "{message}");
}

#[test]
fn a_time_without_quotes_or_seconds_gets_a_hint() {
    let files = edited(
        valid_files(),
        "hubs.toml",
        r#"end = "16:00""#,
        "end = 16:00",
    );
    let problems = problems_of(files);
    let message = message_at(&problems, "hubs.toml", "crewe-hub", "sessions.end");
    assert!(message.contains("times go in quotes"), "{message}");
}

#[test]
fn a_syntax_error_in_one_file_does_not_hide_problems_in_another() {
    let files = edited(valid_files(), "groups.toml", "[[groups]]", "[[groups]");
    let files = edited(
        files,
        "offer.toml",
        r#"name = "Cheshire East Council""#,
        r#"name = """#,
    );
    let problems = problems_of(files);
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["offer.toml", "groups.toml"]);
    message_at(&problems, "offer.toml", "council", "name");
}

#[test]
fn a_problem_reads_as_one_line_naming_file_item_and_field() {
    let problem = Problem {
        file: "entitlements.toml".into(),
        item: "setting-up-home".into(),
        field: "amount.frequency".into(),
        message: "an amount needs a frequency (once, weekly, monthly or yearly)".into(),
    };
    assert_eq!(
        problem.to_string(),
        r#"entitlements.toml: item "setting-up-home", field "amount.frequency": an amount needs a frequency (once, weekly, monthly or yearly)"#
    );
    let whole_file = Problem {
        item: String::new(),
        field: String::new(),
        ..problem
    };
    assert_eq!(
        whole_file.to_string(),
        "entitlements.toml: an amount needs a frequency (once, weekly, monthly or yearly)"
    );
}

#[test]
fn problems_serialise_to_json_for_the_admin_page() {
    let problem = Problem {
        file: "hubs.toml".into(),
        item: "crewe-hub".into(),
        field: "postcode".into(),
        message: "no".into(),
    };
    let json = serde_json::to_value(&problem).unwrap();
    assert_eq!(json["item"], "crewe-hub");
    assert_eq!(json["field"], "postcode");
}
