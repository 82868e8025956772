use chrono::TimeZone;
use proptest::prelude::*;

use super::record::LinkError;
use super::*;
use crate::offer::{Circumstance, Contact, ContactKind, Council, Eligibility, Link};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, h, min, 0).unwrap()
}

fn category(id: &str) -> Category {
    Category {
        translations: Default::default(),
        id: id.into(),
        title: format!("{id} title"),
        summary: String::new(),
    }
}

fn entitlement(id: &str, category: &str, eligibility: Eligibility) -> Entitlement {
    Entitlement {
        id: id.into(),
        title: format!("{id} title"),
        summary: String::new(),
        details: String::new(),
        category: category.into(),
        amount: None,
        eligibility,
        steps: vec![],
        ask: vec!["pa".into(), "leaving-care-team".into(), "gone-team".into()],
        keywords: vec![],
        source: Link {
            title: "Offer".into(),
            url: "https://example.org".into(),
            published: None,
        },
        last_checked: date(2026, 1, 1),
        updated: None,
        translations: Default::default(),
        national: false,
        local: None,
        amounts: Vec::new(),
    }
}

fn ages(min_age: Option<u8>, max_age: Option<u8>) -> Eligibility {
    Eligibility {
        districts: Vec::new(),
        min_age,
        max_age,
        circumstances: vec![],
    }
}

fn offer() -> Offer {
    Offer {
        version: String::new(),
        council: Council {
            districts: Vec::new(),
            districts_source: None,
            name: "Test Council".into(),
            area: "Test".into(),
            last_reviewed: date(2026, 1, 1),
            links: vec![],
            map_outline: Vec::new(),
            map_towns: Vec::new(),
        },
        categories: vec![category("money"), category("work")],
        entitlements: vec![
            entitlement(
                "apprenticeship-bursary",
                "work",
                Eligibility {
                    circumstances: vec![Circumstance::Apprenticeship],
                    ..ages(Some(16), Some(24))
                },
            ),
            entitlement("bank-account", "money", ages(None, None)),
            entitlement("offer-21-plus", "money", ages(Some(21), None)),
            entitlement("university-bursary", "money", {
                Eligibility {
                    circumstances: vec![Circumstance::University],
                    ..ages(None, None)
                }
            }),
            entitlement("leisure-pass", "work", ages(None, Some(17))),
        ],
        hubs: vec![],
        contacts: vec![Contact {
            translations: Default::default(),
            districts: Vec::new(),
            id: "leaving-care-team".into(),
            name: "Leaving care team".into(),
            kind: ContactKind::Team,
            phone: Some("0300 123 5012".into()),
            text: None,
            email: None,
            web: None,
            hours: String::new(),
            when: String::new(),
            source: Link {
                title: "Offer".into(),
                url: "https://example.org".into(),
                published: None,
            },
            last_checked: date(2026, 1, 1),
        }],
        groups: vec![],
        you_said_we_did: vec![],
        national: Default::default(),
    }
}

fn apprentice_aged_19() -> Meeting {
    let mut meeting = Meeting::new(at(10, 0));
    meeting.profile.age = Some(19);
    meeting
        .profile
        .circumstances
        .insert(Circumstance::Apprenticeship);
    meeting
}

fn record(items: &[(&str, Mark, &str)]) -> Record {
    Record {
        date: date(2026, 11, 22),
        items: items
            .iter()
            .map(|(id, mark, step)| RecordItem {
                id: id.to_string(),
                mark: *mark,
                next_step: step.to_string(),
            })
            .collect(),
    }
}

#[test]
fn a_19_year_old_apprentice_sees_what_applies_category_by_category() {
    let offer = offer();
    let meeting = apprentice_aged_19();
    let cards = meeting.cards(&offer, date(2026, 11, 22));
    let shown: Vec<(&str, Option<&str>, Option<u8>)> = cards
        .iter()
        .map(|c| {
            (
                c.entitlement.id.as_str(),
                c.category.map(|c| c.id.as_str()),
                c.from_age,
            )
        })
        .collect();
    // Money first, as the offer orders its categories; the 21+ item is there for later;
    // the university bursary and the under-18s pass are not.
    assert_eq!(
        shown,
        [
            ("bank-account", Some("money"), None),
            ("offer-21-plus", Some("money"), Some(21)),
            ("apprenticeship-bursary", Some("work"), None),
        ]
    );
}

#[test]
fn a_meeting_is_wiped_four_hours_after_it_starts() {
    let meeting = Meeting::new(at(10, 0));
    assert!(!meeting.is_stale(at(10, 0)));
    assert!(!meeting.is_stale(at(13, 59)));
    assert!(!meeting.is_stale(at(14, 0)));
    assert!(meeting.is_stale(at(14, 1)));
    // A clock that has gone backwards a long way cannot vouch for the meeting either.
    assert!(meeting.is_stale(at(8, 0)));
}

#[test]
fn a_meeting_survives_being_saved_and_loaded() {
    let mut meeting = apprentice_aged_19();
    meeting.set_mark("bank-account", Some(Mark::WantsToApply));
    meeting.set_next_step("bank-account", "PA sends the form by Friday");
    meeting.at = 2;
    let json = serde_json::to_string(&meeting).unwrap();
    assert_eq!(serde_json::from_str::<Meeting>(&json).unwrap(), meeting);
}

#[test]
fn marks_and_next_steps_are_kept_and_an_empty_note_is_forgotten() {
    let mut meeting = apprentice_aged_19();
    meeting.set_mark("bank-account", Some(Mark::TalkedAbout));
    meeting.set_next_step("bank-account", "  Take   ID\tto the bank  ");
    assert_eq!(
        meeting.note("bank-account"),
        Note {
            mark: Some(Mark::TalkedAbout),
            next_step: "Take ID to the bank".into()
        }
    );
    meeting.set_mark("bank-account", None);
    meeting.set_next_step("bank-account", "   ");
    assert!(meeting.notes.is_empty());
}

#[test]
fn a_next_step_is_cut_to_80_characters() {
    let long = "a".repeat(200);
    assert_eq!(tidy_next_step(&long).chars().count(), NEXT_STEP_MAX);
    assert_eq!(tidy_next_step("Ring £ café ☎"), "Ring £ café ☎");
}

#[test]
fn the_record_holds_marked_items_in_the_order_of_the_cards() {
    let offer = offer();
    let mut meeting = apprentice_aged_19();
    meeting.set_mark("apprenticeship-bursary", Some(Mark::WantsToApply));
    meeting.set_next_step("apprenticeship-bursary", "PA sends the form by Friday");
    meeting.set_mark("bank-account", Some(Mark::NotForMeNow));
    meeting.set_next_step(
        "offer-21-plus",
        "A next step with no mark is not a decision",
    );
    meeting.set_mark("removed-last-week", Some(Mark::TalkedAbout));
    let record = meeting.record(&offer, date(2026, 11, 22));
    assert_eq!(
        record,
        self::record(&[
            ("bank-account", Mark::NotForMeNow, ""),
            (
                "apprenticeship-bursary",
                Mark::WantsToApply,
                "PA sends the form by Friday"
            ),
            ("removed-last-week", Mark::TalkedAbout, ""),
        ])
    );
}

#[test]
fn a_record_is_written_compactly_and_read_back() {
    let record = record(&[
        (
            "apprenticeship-bursary",
            Mark::WantsToApply,
            "PA sends the form by Friday",
        ),
        ("bank-account", Mark::TalkedAbout, ""),
        ("offer-21-plus", Mark::NotForMeNow, ""),
    ]);
    let fragment = record.to_fragment();
    assert_eq!(
        fragment,
        "1.20261122/AAPPRENTICESHIP-BURSARY~PA+sends+the+form+by+Friday/TBANK-ACCOUNT/NOFFER-21-PLUS"
    );
    assert_eq!(Record::from_fragment(&fragment), Ok(record.clone()));
    assert_eq!(Record::from_fragment(&format!("#{fragment}")), Ok(record));
}

#[test]
fn next_steps_with_any_characters_survive_the_link() {
    let record = record(&[(
        "bank-account",
        Mark::WantsToApply,
        "Call 0300 123/456 ~ 50% off + café £20 & \"ID\" 😀",
    )]);
    let fragment = record.to_fragment();
    assert!(!fragment.contains(' ') && !fragment.contains('"'));
    assert_eq!(fragment.matches('/').count(), 1, "{fragment}");
    assert_eq!(fragment.matches('~').count(), 1, "{fragment}");
    assert_eq!(Record::from_fragment(&fragment), Ok(record));
}

#[test]
fn the_link_opens_the_summary_page_with_the_record_after_the_hash() {
    let record = record(&[("bank-account", Mark::TalkedAbout, "")]);
    assert_eq!(
        record.link("https://offer.example.org/"),
        "https://offer.example.org/summary#1.20261122/TBANK-ACCOUNT"
    );
}

#[test]
fn an_empty_meeting_still_makes_a_link() {
    let record = record(&[]);
    assert_eq!(record.to_fragment(), "1.20261122");
    assert_eq!(Record::from_fragment("1.20261122"), Ok(record));
}

#[test]
fn the_summary_groups_items_and_names_who_to_ask() {
    let offer = offer();
    let record = record(&[
        ("bank-account", Mark::TalkedAbout, ""),
        (
            "apprenticeship-bursary",
            Mark::WantsToApply,
            "PA sends the form",
        ),
        ("offer-21-plus", Mark::NotForMeNow, ""),
    ]);
    let summary = record.summary(&offer);
    let ids = |items: &[SummaryItem]| items.iter().map(|i| i.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&summary.wants_to_apply), ["apprenticeship-bursary"]);
    assert_eq!(ids(&summary.talked_about), ["bank-account"]);
    assert_eq!(ids(&summary.not_for_me_now), ["offer-21-plus"]);
    assert_eq!(summary.wants_to_apply[0].next_step, "PA sends the form");
    let bursary = summary.wants_to_apply[0].entitlement.unwrap();
    assert_eq!(
        who_to_ask(&offer, bursary),
        [
            Asker {
                name: "Your personal adviser (PA)".into(),
                phone: None
            },
            Asker {
                name: "Leaving care team".into(),
                phone: Some("0300 123 5012".into())
            },
        ]
    );
    assert_eq!(
        record.ids_for_my_list(&offer),
        ["bank-account", "apprenticeship-bursary"]
    );
}

#[test]
fn an_old_link_with_an_item_no_longer_in_the_offer_shows_it_as_gone() {
    let offer = offer();
    let record =
        Record::from_fragment("1.20250301/ABANK-ACCOUNT/AHOUSE-PROJECT~Ask+about+the+waiting+list")
            .unwrap();
    let summary = record.summary(&offer);
    assert_eq!(summary.wants_to_apply.len(), 2);
    let gone = summary.wants_to_apply[1];
    assert_eq!(gone.entitlement, None);
    assert_eq!(gone.title(), "House project");
    assert_eq!(gone.next_step, "Ask about the waiting list");
    assert_eq!(summary.wants_to_apply[0].title(), "bank-account title");
    assert_eq!(record.ids_for_my_list(&offer), ["bank-account"]);
}

#[test]
fn damaged_links_say_what_is_wrong() {
    let cases: &[(&str, LinkError)] = &[
        ("", LinkError::Empty),
        ("#", LinkError::Empty),
        ("2.20261122/TBANK-ACCOUNT", LinkError::UnknownVersion),
        ("hello", LinkError::UnknownVersion),
        ("1.20261322", LinkError::BadDate),
        ("1.2026112", LinkError::BadDate),
        ("1.+2026112", LinkError::BadDate),
        ("1.20261122/XBANK-ACCOUNT", LinkError::BadItem(1)),
        ("1.20261122/TBANK-ACCOUNT/T", LinkError::BadItem(2)),
        ("1.20261122/TBANK_ACCOUNT", LinkError::BadItem(1)),
        ("1.20261122/TBANK-ACCOUNT/", LinkError::BadItem(2)),
        ("1.20261122/TBANK-ACCOUNT~50%2", LinkError::BadNextStep(1)),
        ("1.20261122/TBANK-ACCOUNT~%+1", LinkError::BadNextStep(1)),
        ("1.20261122/TBANK-ACCOUNT~%FF", LinkError::BadNextStep(1)),
        ("1.20261122/TBANK-ACCOUNT~%0A", LinkError::BadNextStep(1)),
        ("1.20261122/TBANK-ACCOUNT~", LinkError::BadNextStep(1)),
        (
            "1.20261122/TBANK-ACCOUNT/NBANK-ACCOUNT",
            LinkError::Repeated("bank-account".into()),
        ),
    ];
    for (fragment, error) in cases {
        assert_eq!(
            Record::from_fragment(fragment).as_ref(),
            Err(error),
            "{fragment:?}"
        );
    }
    let too_long = format!("1.20261122/TBANK-ACCOUNT~{}", "a".repeat(81));
    assert_eq!(
        Record::from_fragment(&too_long),
        Err(LinkError::BadNextStep(1))
    );
    assert_eq!(
        LinkError::BadItem(2).to_string(),
        "Item 2 in this link is damaged."
    );
}

#[test]
fn ids_are_read_back_in_any_case() {
    assert_eq!(
        Record::from_fragment("1.20261122/Tbank-account"),
        Ok(record(&[("bank-account", Mark::TalkedAbout, "")]))
    );
}

#[test]
fn an_item_that_left_the_offer_gets_a_readable_name() {
    assert_eq!(title_from_id("house-project"), "House project");
    assert_eq!(title_from_id("offer-21-plus"), "Offer 21 plus");
    assert_eq!(title_from_id(""), "");
}

fn any_record() -> impl Strategy<Value = Record> {
    let item = (
        "[a-z0-9][a-z0-9-]{0,30}",
        prop::sample::select(Mark::ALL.to_vec()),
        any::<String>(),
    );
    ((0i32..3000, 1u32..366), prop::collection::vec(item, 0..20)).prop_map(
        |((year_offset, day), items)| {
            let mut seen = std::collections::BTreeSet::new();
            Record {
                date: NaiveDate::from_yo_opt(1900 + year_offset, day).unwrap_or(date(2026, 1, 1)),
                items: items
                    .into_iter()
                    .filter(|(id, _, _)| seen.insert(id.clone()))
                    .map(|(id, mark, step)| RecordItem {
                        id,
                        mark,
                        next_step: tidy_next_step(&step),
                    })
                    .collect(),
            }
        },
    )
}

proptest! {
    #[test]
    fn every_record_comes_back_from_its_link_unchanged(record in any_record()) {
        prop_assert_eq!(Record::from_fragment(&record.to_fragment()), Ok(record));
    }

    #[test]
    fn any_text_after_the_hash_gives_a_record_or_an_error_never_a_panic(text in any::<String>()) {
        let _ = Record::from_fragment(&text);
    }

    #[test]
    fn garbled_links_give_a_record_or_an_error_never_a_panic(
        text in "1\\.2026112[0-9](/[ATNX][A-Za-z0-9_-]{0,12}(~[A-Za-z0-9%+~/ -]{0,12})?){0,6}"
    ) {
        let _ = Record::from_fragment(&text);
    }
}
