//! Searches a young person might type, against a small offer.

use chrono::NaiveDate;

use super::english::{stem, within};
use super::*;
use crate::offer::{Category, Council, Link};

fn category(id: &str, title: &str) -> Category {
    Category {
        translations: Default::default(),
        id: id.into(),
        title: title.into(),
        summary: String::new(),
    }
}

fn item(
    id: &str,
    category: &str,
    title: &str,
    summary: &str,
    details: &str,
    keywords: &[&str],
) -> Entitlement {
    Entitlement {
        id: id.into(),
        title: title.into(),
        summary: summary.into(),
        details: details.into(),
        category: category.into(),
        amount: None,
        eligibility: Default::default(),
        steps: vec![],
        ask: vec![],
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        source: Link {
            title: "Local offer".into(),
            url: "https://example.org/offer".into(),
            published: None,
        },
        last_checked: NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
        updated: None,
        translations: Default::default(),
        national: false,
        local: None,
        amounts: Vec::new(),
    }
}

fn offer() -> Offer {
    Offer {
        version: String::new(),
        council: Council {
            districts: Vec::new(),
            districts_source: None,
            name: "Test Council".into(),
            area: "Testshire".into(),
            last_reviewed: NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
            links: vec![],
            map_outline: Vec::new(),
            map_towns: Vec::new(),
        },
        categories: vec![
            category("money", "Money"),
            category("home", "Somewhere to live"),
            category("learning", "Education and training"),
            category("health", "Health and wellbeing"),
        ],
        entitlements: vec![
            item(
                "leisure-pass",
                "health",
                "Free leisure pass",
                "Free swimming and gym at council leisure centres.",
                "Swimming and the gym are good for your wellbeing. Show your card at the desk.",
                &["gym", "swimming"],
            ),
            item(
                "setting-up-home",
                "home",
                "Setting up home allowance",
                "Money to buy furniture and things for your first place.",
                "Your PA helps you plan what to buy: a bed, a cooker, pots and pans.",
                &["furniture", "white goods"],
            ),
            item(
                "council-tax",
                "money",
                "Council tax exemption",
                "You pay no council tax until you are 25.",
                "The council writes to your council's billing team for you.",
                &["bills"],
            ),
            item(
                "university-bursary",
                "learning",
                "University bursary",
                "£2,000 a year while you study for a degree.",
                "Paid in three parts each year of higher education.",
                &["degree", "student"],
            ),
            item(
                "college-bursary",
                "learning",
                "College bursary",
                "Help with travel, books and kit at sixth form or college.",
                "The 16 to 19 bursary fund is paid by your college.",
                &["sixth form", "further education"],
            ),
            item(
                "driving",
                "money",
                "Getting on the road",
                "We pay for your provisional licence and some lessons.",
                "Ask your PA before you book.",
                &["driving", "learner"],
            ),
            item(
                "housing-support",
                "home",
                "Help with housing",
                "Your PA helps you find a place and keep your tenancy.",
                "We can pay rent in advance and a deposit for a private let.",
                &["tenancy", "landlord"],
            ),
            item(
                "wellbeing-support",
                "health",
                "Wellbeing support",
                "Talk to someone when things feel hard.",
                "A counsellor can see you within two weeks.",
                &["counselling", "talking"],
            ),
        ],
        hubs: vec![],
        contacts: vec![],
        groups: vec![],
        you_said_we_did: vec![],
        national: Default::default(),
    }
}

/// The ids found for `query`, best first.
fn found(query: &str) -> Vec<String> {
    let offer = offer();
    search(&offer, query)
        .into_iter()
        .map(|hit| hit.entitlement.id.clone())
        .collect()
}

fn first(query: &str) -> String {
    found(query)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"))
}

/// The first two ids found for `query`, sorted, for when either may rightly come first.
fn first_two(query: &str) -> Vec<String> {
    let mut ids = found(query);
    ids.truncate(2);
    ids.sort();
    ids
}

#[test]
fn someone_searching_rent_finds_housing_help_above_unrelated_items() {
    let ids = found("rent");
    assert_eq!(ids[0], "housing-support");
    assert!(ids.contains(&"setting-up-home".to_string()));
    for unrelated in ["leisure-pass", "university-bursary", "driving"] {
        assert!(
            !ids.contains(&unrelated.to_string()),
            "{unrelated} in {ids:?}"
        );
    }
}

#[test]
fn someone_searching_uni_finds_the_university_bursary() {
    assert_eq!(first("uni"), "university-bursary");
    assert_eq!(first("Uni "), "university-bursary");
}

#[test]
fn money_for_college_finds_the_college_bursary_first() {
    let ids = found("money for college");
    assert_eq!(ids[0], "college-bursary");
    assert_eq!(ids[1], "university-bursary");
}

#[test]
fn driving_lessons_finds_the_item_with_the_keyword_driving() {
    assert_eq!(first("driving lessons"), "driving");
    assert_eq!(first("How do I get driving lessons?"), "driving");
}

#[test]
fn a_typo_still_finds_the_bursary() {
    assert_eq!(
        first_two("bursray"),
        ["college-bursary", "university-bursary"]
    );
    assert_eq!(first("univeristy"), "university-bursary");
}

#[test]
fn a_half_typed_word_finds_what_it_begins() {
    assert_eq!(
        first_two("bursa"),
        ["college-bursary", "university-bursary"]
    );
    assert_eq!(first("college burs"), "college-bursary");
}

#[test]
fn a_finished_short_word_is_not_treated_as_half_typed() {
    // "gym " with a space is done; it must not pull in anything beginning "gym".
    assert_eq!(found("gym "), ["leisure-pass"]);
}

#[test]
fn a_match_in_the_title_ranks_above_one_in_the_details() {
    // The leisure pass comes first in the offer but only mentions wellbeing in passing.
    let ids = found("wellbeing");
    assert_eq!(ids[0], "wellbeing-support");
    assert!(ids.contains(&"leisure-pass".to_string()));
}

#[test]
fn the_category_title_is_searched_too() {
    assert!(found("education").contains(&"university-bursary".to_string()));
}

#[test]
fn nonsense_finds_nothing() {
    assert!(found("xyzzy plugh").is_empty());
    assert!(found("qqq").is_empty());
}

#[test]
fn an_empty_or_stop_word_only_query_finds_nothing() {
    assert!(found("").is_empty());
    assert!(found("   ").is_empty());
    assert!(found("how do I get").is_empty());
    assert!(found("what can I get?").is_empty());
}

#[test]
fn plurals_and_apostrophes_do_not_get_in_the_way() {
    assert_eq!(
        first_two("bursaries"),
        ["college-bursary", "university-bursary"]
    );
    assert_eq!(first("council's tax"), "council-tax");
    assert_eq!(first("I’m homeless"), "housing-support");
}

#[test]
fn everyday_words_find_the_offer_words() {
    assert_eq!(first("furniture"), "setting-up-home");
    assert_eq!(first("stressed"), "wellbeing-support");
    assert_eq!(first("deposit"), "housing-support");
    assert_eq!(first("council tax"), "council-tax");
}

#[test]
fn matching_every_word_beats_matching_one_word_well() {
    // Wellbeing support has "wellbeing" in its title, but only the leisure pass has both.
    assert_eq!(first("wellbeing desk"), "leisure-pass");
    // Both bursaries have "bursary" in the title; only one mentions travel.
    assert_eq!(first("bursary travel"), "college-bursary");
}

#[test]
fn ties_keep_the_order_of_the_offer() {
    let offer = offer();
    let hits = search(&offer, "your pa");
    let tied: Vec<&str> = hits
        .iter()
        .filter(|h| h.score == hits[0].score)
        .map(|h| h.entitlement.id.as_str())
        .collect();
    let mut in_offer_order = tied.clone();
    in_offer_order.sort_by_key(|id| offer.entitlements.iter().position(|e| e.id == *id));
    assert_eq!(tied, in_offer_order);
}

#[test]
fn an_index_built_once_gives_the_same_answers() {
    let offer = offer();
    let index = SearchIndex::new(&offer);
    for query in ["rent", "uni", "bursa", "money for college"] {
        assert_eq!(index.search(&offer, query), search(&offer, query));
    }
}

#[test]
fn stems_join_the_forms_of_a_word() {
    assert_eq!(stem("houses"), stem("housing"));
    assert_eq!(stem("house"), stem("housing"));
    assert_eq!(stem("bursaries"), stem("bursary"));
    assert_eq!(stem("driving"), stem("drive"));
    assert_eq!(stem("setting"), "set");
    assert_eq!(stem("stressed"), stem("stress"));
    assert_eq!(stem("classes"), "class");
    assert_eq!(stem("bus"), "bus");
}

#[test]
fn a_swap_of_two_letters_is_one_typo() {
    let word: Vec<char> = "bursray".chars().collect();
    assert!(within(&word, "bursary", 1));
    assert!(!within(&word, "burglary", 1));
}

#[test]
fn translated_titles_and_summaries_are_found_too() {
    let mut offer = offer();
    let housing = offer
        .entitlements
        .iter_mut()
        .find(|e| e.id == "housing-support")
        .unwrap();
    let from = crate::offer::english_fingerprint(&housing.title, &housing.summary);
    housing.translations.insert(
        "ar".into(),
        crate::offer::Translation {
            draft: Default::default(),
            steps: Vec::new(),
            title: "المساعدة في السكن".into(),
            summary: "يساعدك مستشارك الشخصي في العثور على مكان".into(),
            from,
        },
    );
    let ids = |query: &str| -> Vec<String> {
        search(&offer, query)
            .into_iter()
            .map(|h| h.entitlement.id.clone())
            .collect()
    };
    assert_eq!(ids("السكن"), ["housing-support"], "by its Arabic title");
    assert_eq!(ids("مكان"), ["housing-support"], "by its Arabic summary");
    assert_eq!(ids("housing")[0], "housing-support", "English still works");
}

#[test]
fn a_category_s_translated_title_finds_what_is_in_it() {
    let mut offer = offer();
    let money = offer
        .categories
        .iter_mut()
        .find(|c| c.id == "money")
        .unwrap();
    money.translations.insert(
        "ar".into(),
        crate::offer::CategoryTranslation {
            draft: Default::default(),
            title: "الأموال".into(),
            summary: "أموال يمكنك الحصول عليها".into(),
            from: money.english_now(),
        },
    );
    let found: Vec<String> = search(&offer, "الأموال")
        .into_iter()
        .map(|h| h.entitlement.category.clone())
        .collect();
    assert!(!found.is_empty(), "found by the category's Arabic title");
    assert!(found.iter().all(|c| c == "money"), "{found:?}");
}
