//! Every amount says when it applies, so a young person can tell if it might be old.

mod content_fixtures;

use content_fixtures::{message_at, problems_after, valid_files};
use offer_core::content::load_offer;
use offer_core::money::describe_amount_and_when;
use offer_core::{Amount, Entitlement, Offer, YearSpan};

fn loaded() -> Offer {
    load_offer(&valid_files()).expect("the fixtures are valid")
}

fn amount_of(offer: &Offer, id: &str) -> Amount {
    offer.entitlement(id).unwrap().amount.unwrap()
}

#[test]
fn an_amount_since_a_day_and_an_amount_for_one_year_load_from_content() {
    let offer = loaded();
    let home = amount_of(&offer, "setting-up-home");
    assert_eq!(home.since, Some("2023-04-01".parse().unwrap()));
    assert_eq!(home.year, None);
    assert_eq!(
        describe_amount_and_when(&home),
        "up to £3,000, since April 2023"
    );
    let bursary = amount_of(&offer, "higher-education-bursary");
    assert_eq!(bursary.year, Some(YearSpan::starting(2026)));
    assert_eq!(describe_amount_and_when(&bursary), "£2,000 in 2026 to 2027");
}

#[test]
fn the_year_of_an_amount_goes_through_the_api_json_and_back() {
    let offer = loaded();
    let json = serde_json::to_value(&offer).unwrap();
    let amounts: Vec<&serde_json::Value> = json["entitlements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.get("amount"))
        .collect();
    assert_eq!(amounts[0]["since"], "2023-04-01");
    assert!(amounts[0].get("year").is_none(), "{}", amounts[0]);
    assert_eq!(amounts[1]["year"], "2026-27");
    assert!(amounts[1].get("since").is_none(), "{}", amounts[1]);
    let back: Offer = serde_json::from_value(json).unwrap();
    assert_eq!(back, offer);
}

#[test]
fn an_offer_saved_on_a_phone_before_amounts_had_a_year_still_loads() {
    let offer = loaded();
    let mut json = serde_json::to_value(&offer).unwrap();
    for e in json["entitlements"].as_array_mut().unwrap() {
        if let Some(amount) = e.get_mut("amount").and_then(|a| a.as_object_mut()) {
            amount.remove("since");
            amount.remove("year");
        }
    }
    let old: Offer = serde_json::from_value(json).expect("an old saved offer loads");
    let home: &Entitlement = old.entitlement("setting-up-home").unwrap();
    let amount = home.amount.unwrap();
    assert_eq!(
        (amount.pence, amount.since, amount.year),
        (300000, None, None)
    );
    assert_eq!(describe_amount_and_when(&amount), "up to £3,000");
}

#[test]
fn an_amount_that_does_not_say_when_it_applies_is_rejected_naming_file_item_and_field() {
    let problems = problems_after("entitlements.toml", r#", since = "2023-04-01""#, "");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = message_at(&problems, "entitlements.toml", "setting-up-home", "amount");
    assert!(message.contains("since = "), "{message}");
    assert!(message.contains("year = "), "{message}");
}

#[test]
fn an_amount_with_both_since_and_year_is_rejected() {
    let problems = problems_after(
        "entitlements.toml",
        r#"since = "2023-04-01""#,
        r#"since = "2023-04-01", year = "2025-26""#,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.year",
    );
}

#[test]
fn a_year_written_wrongly_is_rejected_with_how_to_write_it() {
    for wrong in ["2025", "2025-2026", "2025-27", "25-26", "last year"] {
        let problems = problems_after(
            "entitlements.toml",
            r#"year = "2026-27""#,
            &format!(r#"year = "{wrong}""#),
        );
        let message = message_at(
            &problems,
            "entitlements.toml",
            "higher-education-bursary",
            "amount.year",
        );
        assert!(message.contains(r#""2025-26""#), "{wrong}: {message}");
    }
}

#[test]
fn a_since_date_that_is_not_a_date_is_rejected() {
    let problems = problems_after(
        "entitlements.toml",
        r#"since = "2023-04-01""#,
        r#"since = "April 2023""#,
    );
    let message = message_at(
        &problems,
        "entitlements.toml",
        "setting-up-home",
        "amount.since",
    );
    assert!(message.contains("is not a date"), "{message}");
}

#[test]
fn a_year_span_reads_and_writes_as_2025_26() {
    let year: YearSpan = "2025-26".parse().unwrap();
    assert_eq!((year.first(), year.last()), (2025, 2026));
    assert_eq!(year.to_string(), "2025-26");
    assert_eq!("2099-00".parse::<YearSpan>().ok(), None);
    assert_eq!(YearSpan::starting(2029).to_string(), "2029-30");
}
