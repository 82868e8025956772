//! Each kind of mistake an officer can make is caught, named by file, item and field.

mod content_fixtures;

use content_fixtures::{edited, message_at, problems_after, problems_of, valid_files};

const SOURCE: &str = r#"source = { title = "Cheshire East local offer", url = "https://www.cheshireeast.gov.uk/local-offer" }"#;
const HUB_SOURCE: &str =
    r#"source = { title = "Hubs", url = "https://www.cheshireeast.gov.uk/hubs" }"#;

#[test]
fn an_amount_without_a_frequency_is_rejected_naming_file_item_and_field() {
    let problems = problems_after(
        "entitlements.toml",
        r#", frequency = "once", up_to"#,
        ", up_to",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        r#"entitlements.toml: item "setting-up-home", field "amount.frequency": an amount needs a frequency (once, weekly, monthly or yearly)"#
    );
}

#[test]
fn an_amount_of_nothing_is_rejected() {
    let problems = problems_after("entitlements.toml", "pence = 300000", "pence = 0");
    message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.pence",
    );
}

#[test]
fn an_amount_written_as_text_is_rejected_naming_the_field() {
    let problems = problems_after("entitlements.toml", "pence = 300000", r#"pence = "£3,000""#);
    let message = message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.pence",
    );
    assert!(message.contains("whole number"), "{message}");
}

#[test]
fn an_entitlement_without_a_source_is_rejected() {
    let problems = problems_after("entitlements.toml", SOURCE, "");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = message_at(&problems, "entitlements.toml", "setting-up-home", "source");
    assert!(message.contains("where the facts come from"), "{message}");
}

#[test]
fn a_source_with_an_empty_title_or_no_url_is_rejected() {
    let empty_title =
        r#"source = { title = " ", url = "https://www.cheshireeast.gov.uk/local-offer" }"#;
    let problems = problems_after("entitlements.toml", SOURCE, empty_title);
    message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "source.title",
    );

    let problems = problems_after("hubs.toml", HUB_SOURCE, r#"source = { title = "Hubs" }"#);
    message_at(&problems, "hubs.toml", "crewe-hub", "source.url");

    let problems = problems_after(
        "hubs.toml",
        HUB_SOURCE,
        r#"source = { title = "Hubs", url = "" }"#,
    );
    message_at(&problems, "hubs.toml", "crewe-hub", "source.url");
}

#[test]
fn a_hub_contact_or_group_without_last_checked_is_rejected() {
    let checked = r#"last_checked = "2026-11-22""#;
    for (file, item) in [
        ("hubs.toml", "crewe-hub"),
        ("contacts.toml", "leaving-care-team"),
        ("groups.toml", "care-leavers-forum"),
    ] {
        let problems = problems_after(file, checked, "");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let message = message_at(&problems, file, item, "last_checked");
        assert!(message.contains("YYYY-MM-DD"), "{message}");
    }
}

#[test]
fn a_date_that_is_not_a_date_is_rejected() {
    let problems = problems_after(
        "contacts.toml",
        r#"last_checked = "2026-11-22""#,
        r#"last_checked = "22/11/2026""#,
    );
    let message = message_at(
        &problems,
        "contacts.toml",
        "leaving-care-team",
        "last_checked",
    );
    assert!(
        message.contains("\"22/11/2026\" is not a date"),
        "{message}"
    );
}

#[test]
fn an_entitlement_in_an_unknown_category_is_rejected_listing_the_categories() {
    let problems = problems_after(
        "entitlements.toml",
        r#"category = "housing""#,
        r#"category = "homes""#,
    );
    let message = message_at(
        &problems,
        "entitlements.toml",
        "council-tax-exemption",
        "category",
    );
    assert!(message.contains("money, housing"), "{message}");
}

#[test]
fn an_unknown_circumstance_is_rejected_kindly_naming_the_field() {
    let problems = problems_after("entitlements.toml", r#"["university"]"#, r#"["uni"]"#);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = message_at(
        &problems,
        "entitlements.toml",
        "higher-education-bursary",
        "eligibility.circumstances",
    );
    assert!(
        message
            .starts_with("\"uni\" is not a circumstance we know; use one of: college, university"),
        "{message}"
    );
}

#[test]
fn a_duplicate_id_is_rejected_on_its_second_use() {
    let problems = problems_after(
        "hubs.toml",
        r#"id = "macclesfield-hub""#,
        r#"id = "crewe-hub""#,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("item #1"), "{problems:?}");
    assert_eq!(
        (problems[0].item.as_str(), problems[0].field.as_str()),
        ("crewe-hub", "id")
    );
}

#[test]
fn the_same_id_in_two_kinds_is_fine() {
    let files = edited(
        valid_files(),
        "groups.toml",
        r#"id = "care-leavers-forum""#,
        r#"id = "leaving-care-team""#,
    );
    assert!(offer_core::content::load_offer(&files).is_ok());
}

#[test]
fn an_id_that_is_not_a_lowercase_slug_is_rejected_with_a_suggestion() {
    let problems = problems_after(
        "entitlements.toml",
        r#"id = "setting-up-home""#,
        r#"id = "Setting up home""#,
    );
    let message = message_at(&problems, "entitlements.toml", "Setting up home", "id");
    assert!(message.contains("like \"setting-up-home\""), "{message}");
}

#[test]
fn min_age_above_max_age_is_rejected() {
    let problems = problems_after("entitlements.toml", "min_age = 18", "min_age = 25");
    let message = message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "eligibility.min_age",
    );
    assert!(message.contains("above max_age 24"), "{message}");
}

#[test]
fn an_age_over_30_or_below_0_is_rejected() {
    let problems = problems_after("entitlements.toml", "max_age = 24", "max_age = 40");
    message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "eligibility.max_age",
    );

    let problems = problems_after("entitlements.toml", "min_age = 18", "min_age = -1");
    let message = message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "eligibility.min_age",
    );
    assert!(message.contains("not an age"), "{message}");
}

#[test]
fn a_session_that_ends_before_it_starts_is_rejected_unless_overnight() {
    let problems = problems_after("hubs.toml", r#"end = "16:00""#, r#"end = "12:00""#);
    let message = message_at(&problems, "hubs.toml", "crewe-hub", "sessions[1].end");
    assert!(message.contains("overnight = true"), "{message}");

    let problems = problems_after("hubs.toml", r#"end = "16:00""#, r#"end = "13:00""#);
    message_at(&problems, "hubs.toml", "crewe-hub", "sessions[1].end");
}

#[test]
fn an_overnight_session_that_ends_later_the_same_day_is_rejected() {
    let problems = problems_after("hubs.toml", r#"end = "02:00""#, r#"end = "23:30""#);
    message_at(&problems, "hubs.toml", "crewe-hub", "sessions[2].overnight");
}

#[test]
fn a_session_on_a_day_that_does_not_exist_is_rejected() {
    let problems = problems_after("hubs.toml", r#"day = "friday""#, r#"day = "funday""#);
    let message = message_at(&problems, "hubs.toml", "crewe-hub", "sessions[2].day");
    assert!(message.contains("not a day of the week"), "{message}");
}

#[test]
fn an_impossible_postcode_is_rejected() {
    let problems = problems_after(
        "hubs.toml",
        r#"postcode = "SK10 1EA""#,
        r#"postcode = "SK10 1E""#,
    );
    let message = message_at(&problems, "hubs.toml", "macclesfield-hub", "postcode");
    assert!(message.contains("CW1 2JZ"), "{message}");
}

#[test]
fn an_impossible_phone_number_is_rejected_on_a_contact_and_a_hub() {
    let problems = problems_after("contacts.toml", r#"phone = "999""#, r#"phone = "99""#);
    message_at(&problems, "contacts.toml", "emergency", "phone");

    let problems = problems_after(
        "contacts.toml",
        r#"text = "85258""#,
        r#"text = "text SHOUT""#,
    );
    message_at(&problems, "contacts.toml", "shout", "text");

    let problems = problems_after(
        "hubs.toml",
        r#"phone = "01270 371 006""#,
        r#"phone = "01270-371006""#,
    );
    message_at(&problems, "hubs.toml", "crewe-hub", "phone");
}

#[test]
fn an_impossible_email_address_is_rejected() {
    let problems = problems_after(
        "contacts.toml",
        "leaving.care@cheshireeast.gov.uk",
        "leaving care at cheshireeast",
    );
    message_at(&problems, "contacts.toml", "leaving-care-team", "email");
}

#[test]
fn a_contact_with_no_way_to_reach_it_is_rejected() {
    let problems = problems_after("contacts.toml", r#"phone = "999""#, "");
    message_at(&problems, "contacts.toml", "emergency", "");
}

#[test]
fn links_that_are_not_https_are_rejected() {
    let problems = problems_after(
        "entitlements.toml",
        "https://www.cheshireeast.gov.uk/council-tax",
        "http://www.cheshireeast.gov.uk/council-tax",
    );
    message_at(
        &problems,
        "entitlements.toml",
        "council-tax-exemption",
        "source.url",
    );

    let problems = problems_after(
        "offer.toml",
        "https://www.cheshireeast.gov.uk/local-offer",
        "www.cheshireeast.gov.uk/local-offer",
    );
    message_at(&problems, "offer.toml", "council", "links[1].url");

    let problems = problems_after(
        "contacts.toml",
        "https://www.cheshireeast.gov.uk/leaving-care",
        "http://www.cheshireeast.gov.uk/leaving-care",
    );
    message_at(&problems, "contacts.toml", "leaving-care-team", "web");
}

#[test]
fn asking_a_contact_that_does_not_exist_is_rejected_but_pa_is_fine() {
    let problems = problems_after(
        "entitlements.toml",
        r#"ask = ["pa", "leaving-care-team"]"#,
        r#"ask = ["pa", "leaving-team"]"#,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = message_at(&problems, "entitlements.toml", "setting-up-home", "ask");
    assert!(message.contains("\"leaving-team\""), "{message}");
}

#[test]
fn a_hub_opening_soon_without_a_date_is_rejected() {
    let problems = problems_after("hubs.toml", r#"opens_on = "2027-01-10""#, "");
    message_at(&problems, "hubs.toml", "macclesfield-hub", "opens_on");
}

#[test]
fn a_hub_outside_the_uk_or_off_the_globe_is_rejected() {
    let problems = problems_after(
        "hubs.toml",
        "lat = 53.0979\nlon = -2.4416",
        "lat = -2.4416\nlon = 53.0979",
    );
    assert!(message_at(&problems, "hubs.toml", "crewe-hub", "lat").contains("swapped"));
    message_at(&problems, "hubs.toml", "crewe-hub", "lon");

    let problems = problems_after("hubs.toml", "lon = -2.1270", "lon = -200.0");
    assert!(
        message_at(&problems, "hubs.toml", "macclesfield-hub", "lon").contains("not a longitude")
    );
}

#[test]
fn empty_required_text_is_rejected() {
    let cases = [
        (
            "offer.toml",
            r#"title = "Money""#,
            r#"title = """#,
            "money",
            "title",
        ),
        (
            "entitlements.toml",
            r#"details = "The council pays it for you.""#,
            r#"details = "  ""#,
            "council-tax-exemption",
            "details",
        ),
        (
            "hubs.toml",
            r#"town = "Crewe""#,
            r#"town = """#,
            "crewe-hub",
            "town",
        ),
        (
            "contacts.toml",
            r#"hours = "Monday to Friday, 8:30am to 5pm""#,
            r#"hours = """#,
            "leaving-care-team",
            "hours",
        ),
        (
            "groups.toml",
            r#"where = "The Crewe Hub""#,
            r#"where = """#,
            "care-leavers-forum",
            "where",
        ),
        (
            "entitlements.toml",
            r#""Make a list of what you need""#,
            r#""""#,
            "setting-up-home",
            "steps",
        ),
    ];
    for (file, from, to, item, field) in cases {
        let problems = problems_after(file, from, to);
        assert_eq!(problems.len(), 1, "{problems:?}");
        message_at(&problems, file, item, field);
    }
}

#[test]
fn a_missing_required_field_is_named() {
    let problems = problems_after(
        "groups.toml",
        r#"how_to_join = "Ask your PA or just turn up.""#,
        "",
    );
    assert!(message_at(
        &problems,
        "groups.toml",
        "care-leavers-forum",
        "how_to_join"
    )
    .contains("missing"));

    let problems = problems_after("hubs.toml", r#"end = "16:00""#, "");
    message_at(&problems, "hubs.toml", "crewe-hub", "sessions[1].end");
}

#[test]
fn a_misspelt_key_is_named_with_what_it_was_meant_to_be() {
    let problems = problems_after(
        "contacts.toml",
        r#"kind = "emergency""#,
        r#"kind = "emergency"
lastchecked = "2026-11-22""#,
    );
    let message = message_at(&problems, "contacts.toml", "emergency", "lastchecked");
    assert!(
        message.contains("did you mean `last_checked`?"),
        "{message}"
    );

    let problems = problems_after("entitlements.toml", "up_to = true", "up-to = true");
    let message = message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.up-to",
    );
    assert!(message.contains("`up_to`"), "{message}");
}

#[test]
fn a_misspelt_table_name_is_named() {
    let problems = problems_after("groups.toml", "[[groups]]", "[[group]]");
    message_at(&problems, "groups.toml", "", "group");
    message_at(&problems, "groups.toml", "", "groups");
}

#[test]
fn an_unknown_kind_or_status_is_rejected_listing_the_choices() {
    let problems = problems_after("contacts.toml", r#"kind = "team""#, r#"kind = "office""#);
    let message = message_at(&problems, "contacts.toml", "leaving-care-team", "kind");
    assert!(
        message.contains("team, duty, out-of-hours, emergency, helpline"),
        "{message}"
    );

    let problems = problems_after("hubs.toml", r#"status = "open""#, r#"status = "closed""#);
    message_at(&problems, "hubs.toml", "crewe-hub", "status");
}

#[test]
fn every_wrong_field_of_one_item_is_reported_together() {
    let files = edited(
        valid_files(),
        "entitlements.toml",
        r#"["university"]"#,
        r#"["uni"]"#,
    );
    let files = edited(
        files,
        "entitlements.toml",
        "pence = 200000",
        r#"pence = "two thousand""#,
    );
    let files = edited(
        files,
        "entitlements.toml",
        r#"last_checked = "2026-11-22"

[[entitlements]]
id = "council-tax-exemption""#,
        r#"
[[entitlements]]
id = "council-tax-exemption""#,
    );
    let problems = problems_of(files);
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["amount.pence", "eligibility.circumstances", "last_checked"],
        "{problems:?}"
    );
    assert!(problems
        .iter()
        .all(|p| p.item == "higher-education-bursary"));
}

#[test]
fn several_problems_are_reported_at_once_in_file_then_item_order() {
    let files = edited(
        valid_files(),
        "groups.toml",
        r#"where = "The Crewe Hub""#,
        r#"where = """#,
    );
    let files = edited(
        files,
        "hubs.toml",
        r#"postcode = "SK10 1EA""#,
        r#"postcode = "nowhere""#,
    );
    let files = edited(
        files,
        "hubs.toml",
        r#"postcode = "CW1 2JZ""#,
        r#"postcode = "CW1""#,
    );
    let files = edited(
        files,
        "entitlements.toml",
        r#"category = "housing""#,
        r#"category = "homes""#,
    );
    let files = edited(
        files,
        "entitlements.toml",
        r#", frequency = "once", up_to"#,
        ", up_to",
    );
    let files = edited(
        files,
        "offer.toml",
        r#"area = "Cheshire East""#,
        r#"area = """#,
    );
    let problems = problems_of(files);
    let places: Vec<(&str, &str, &str)> = problems
        .iter()
        .map(|p| (p.file.as_str(), p.item.as_str(), p.field.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("offer.toml", "council", "area"),
            ("entitlements.toml", "setting-up-home", "amount.frequency"),
            ("entitlements.toml", "council-tax-exemption", "category"),
            ("hubs.toml", "crewe-hub", "postcode"),
            ("hubs.toml", "macclesfield-hub", "postcode"),
            ("groups.toml", "care-leavers-forum", "where"),
        ]
    );
}

#[test]
fn an_item_without_an_id_is_named_by_its_position() {
    let problems = problems_after("groups.toml", r#"id = "care-leavers-forum""#, "");
    message_at(&problems, "groups.toml", "#1", "id");
}

#[test]
fn a_hub_map_outline_needs_three_points_inside_the_uk() {
    let problems = problems_after(
        "offer.toml",
        "last_reviewed = ",
        "map_outline = [{ lat = 53.3, lon = -2.4 }, { lat = -2.4, lon = 53.3 }]\nlast_reviewed = ",
    );
    assert!(
        message_at(&problems, "offer.toml", "council", "map_outline").contains("at least 3 points")
    );
    assert!(
        message_at(&problems, "offer.toml", "council", "map_outline[2].lat")
            .contains("outside the UK")
    );
    let problems = problems_after(
        "offer.toml",
        "last_reviewed = ",
        "map_towns = [{ name = \"\", lat = 53.1, lon = -2.4 }]\nlast_reviewed = ",
    );
    assert!(
        message_at(&problems, "offer.toml", "council", "map_towns[1].name")
            .contains("needs its name")
    );
}

#[test]
fn the_app_asks_about_living_outside_the_councils_own_area() {
    use offer_core::Circumstance;
    assert_eq!(
        Circumstance::OutsideArea.label_in("Lancashire"),
        "I live outside Lancashire"
    );
    assert_eq!(
        Circumstance::OutsideArea.label_in(""),
        "I live outside the council's area"
    );
    assert_eq!(
        Circumstance::College.label_in("Lancashire"),
        Circumstance::College.label()
    );
}

#[test]
fn an_amount_published_with_no_year_says_so_rather_than_guess_one() {
    use content_fixtures::valid_files;
    let files = content_fixtures::edited(
        valid_files(),
        "entitlements.toml",
        r#"since = "2023-04-01" }"#,
        "year_not_stated = true }",
    );
    let offer =
        offer_core::content::load_offer(&files).expect("a stated absence of a year is valid");
    let amount = offer.entitlements.iter().find_map(|e| e.amount).unwrap();
    assert!(amount.year_not_stated);
    assert!(offer_core::money::describe_amount_and_when(&amount)
        .contains("does not say for which year"));
    // Not both a date and "no date".
    let problems = problems_after(
        "entitlements.toml",
        r#"since = "2023-04-01" }"#,
        r#"since = "2023-04-01", year_not_stated = true }"#,
    );
    assert!(message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.year_not_stated"
    )
    .contains("take year_not_stated out"));
    // And still nothing at all is refused, naming the way out.
    let problems = problems_after("entitlements.toml", r#", since = "2023-04-01" }"#, " }");
    assert!(
        message_at(&problems, "entitlements.toml", "setting-up-home", "amount")
            .contains("year_not_stated = true")
    );
}

#[test]
fn a_time_limited_amount_is_weekly_and_lasts_at_least_a_week() {
    let problems = problems_after(
        "entitlements.toml",
        r#"up_to = true, since"#,
        r#"up_to = true, for_weeks = 5, since"#,
    );
    assert!(message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.for_weeks"
    )
    .contains("weekly"));
    let problems = problems_after(
        "entitlements.toml",
        r#"frequency = "once", up_to = true, since"#,
        r#"frequency = "weekly", for_weeks = 0, up_to = true, since"#,
    );
    assert!(message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.for_weeks"
    )
    .contains("never paid"));
}

#[test]
fn a_sources_own_date_is_kept_and_cannot_be_after_it_was_checked() {
    let files = content_fixtures::edited(
        content_fixtures::valid_files(),
        "entitlements.toml",
        r#"url = "https://www.cheshireeast.gov.uk/local-offer" }"#,
        r#"url = "https://www.cheshireeast.gov.uk/local-offer", published = "2024-03-31" }"#,
    );
    let offer = offer_core::content::load_offer(&files).expect("a dated source is valid");
    assert!(offer
        .entitlements
        .iter()
        .any(|e| e.source.published.is_some()));
    let problems = problems_after(
        "entitlements.toml",
        r#"url = "https://www.cheshireeast.gov.uk/local-offer" }"#,
        r#"url = "https://www.cheshireeast.gov.uk/local-offer", published = "2030-01-01" }"#,
    );
    let at = problems
        .iter()
        .find(|p| p.field == "source.published")
        .expect("refused");
    assert!(at.message.contains("after it was last checked"), "{at}");
}

#[test]
fn a_group_can_have_weekly_meetings_and_a_contact_that_exist() {
    let problems = problems_after(
        "groups.toml",
        "how_to_join = ",
        "sessions = [{ day = \"tuesday\", start = \"18:00\", end = \"17:00\" }]\ncontact = \"nobody\"\nhow_to_join = ",
    );
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"sessions[1].end"), "{problems:?}");
    assert!(fields.contains(&"contact"), "{problems:?}");
}

/// A two-tier council's districts, with their source, for the tests below.
const DISTRICTS: &str = r#"links = [{ title = "Our local offer for care leavers", url = "https://www.cheshireeast.gov.uk/local-offer" }]
districts = [
  { id = "preston", name = "Preston", council = "Preston City Council" },
  { id = "pendle", name = "Pendle", council = "Pendle Borough Council" },
]
districts_source = { title = "The district councils", url = "https://www.example.gov.uk/districts" }"#;
const LINKS: &str = r#"links = [{ title = "Our local offer for care leavers", url = "https://www.cheshireeast.gov.uk/local-offer" }]"#;

#[test]
fn items_can_name_the_districts_of_a_two_tier_council() {
    let files = edited(valid_files(), "offer.toml", LINKS, DISTRICTS);
    let files = edited(
        files,
        "entitlements.toml",
        r#"eligibility = { max_age = 24, circumstances = ["outside-area", "staying-put"] }"#,
        r#"eligibility = { max_age = 24, districts = ["pendle"] }"#,
    );
    let files = edited(
        files,
        "contacts.toml",
        r#"when = "For anything about your support.""#,
        "when = \"For anything about your support.\"\ndistricts = [\"preston\", \"pendle\"]",
    );
    let offer = offer_core::content::load_offer(&files).expect("districts load");
    assert_eq!(offer.council.districts.len(), 2);
    assert_eq!(
        offer.council.district("pendle").unwrap().council,
        "Pendle Borough Council"
    );
    let tax = offer.entitlement("council-tax-exemption").unwrap();
    assert_eq!(tax.eligibility.districts, ["pendle"]);
    assert_eq!(
        offer.contact("leaving-care-team").unwrap().districts,
        ["preston", "pendle"]
    );

    // Written back by export, and read back the same.
    let again = offer_core::content::load_offer(&offer_core::content::export::to_files(&offer))
        .expect("exported districts load");
    assert_eq!(again, offer);
}

#[test]
fn a_district_the_council_does_not_have_is_rejected_listing_its_districts() {
    let files = edited(valid_files(), "offer.toml", LINKS, DISTRICTS);
    let files = edited(
        files,
        "entitlements.toml",
        r#"eligibility = { max_age = 24, circumstances = ["outside-area", "staying-put"] }"#,
        r#"eligibility = { max_age = 24, districts = ["burnley"] }"#,
    );
    let problems = problems_of(files);
    let message = message_at(
        &problems,
        "entitlements.toml",
        "council-tax-exemption",
        "eligibility.districts",
    );
    assert!(
        message.contains("\"burnley\" is not a district") && message.contains("preston, pendle"),
        "{message}"
    );
}

#[test]
fn districts_in_a_council_without_districts_are_rejected() {
    let problems = problems_after(
        "contacts.toml",
        r#"when = "For anything about your support.""#,
        "when = \"For anything about your support.\"\ndistricts = [\"preston\"]",
    );
    let message = message_at(&problems, "contacts.toml", "leaving-care-team", "districts");
    assert!(
        message.contains("offer.toml lists no districts"),
        "{message}"
    );
}

#[test]
fn districts_need_a_source_names_and_distinct_ids() {
    let unsourced = DISTRICTS.split("\ndistricts_source").next().unwrap();
    let problems = problems_after("offer.toml", LINKS, unsourced);
    let message = message_at(&problems, "offer.toml", "council", "districts_source");
    assert!(message.contains("need a source"), "{message}");

    let twice = DISTRICTS.replace(
        r#"{ id = "pendle", name = "Pendle""#,
        r#"{ id = "preston", name = """#,
    );
    let problems = problems_after("offer.toml", LINKS, &twice);
    message_at(&problems, "offer.toml", "council", "districts[2].id");
    message_at(&problems, "offer.toml", "council", "districts[2].name");
}
