//! The `_in` forms of core's text functions ("£57.90 a week", "Open now until 4pm", a form's
//! problems) take their words from the catalogue they are given, and only from it: a made-up
//! language proves both, while the plain forms stay English for the server.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use offer_core::answers::{MessageStatus, PhoneStatus};
use offer_core::i18n::{english, Catalogue, PluralCategory, Words};
use offer_core::message::{About, FeedbackReason, Message, MessageBody};
use offer_core::offer::{Amount, Circumstance, Eligibility, Frequency};
use offer_core::opening_hours::HubNow;
use offer_core::outbox::{Delivery, OutboxEntry};
use offer_core::status_checks::{Answer, Answers};
use offer_core::{calendar, dates, distance, eligibility, money, opening_hours, status_checks};

const ID: &str = "0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn weekly(pence: u64, weeks: Option<u16>) -> Amount {
    Amount {
        pence,
        frequency: Some(Frequency::Weekly),
        up_to: false,
        since: Some(date(2023, 4, 1)),
        year: None,
        for_weeks: weeks,
        year_not_stated: false,
    }
}

/// A few words of a made-up language, with a rule that has a "few" form, as Arabic does.
fn made_up() -> Catalogue {
    Catalogue::from_json(
        r#"{
            "money.weekly": "{amount} la semaine",
            "money.for_weeks": {"one": "{amount} pendant {count} semaine", "few": "{amount} pendant quelques ({count}) semaines", "other": "{amount} pendant {count} semaines"},
            "money.since": "depuis {month}",
            "dates.april": "avril",
            "dates.month_and_year": "{month} de {year}",
            "dates.tuesday": "mardi",
            "opening_hours.next_tomorrow": "Prochain : demain {time}",
            "opening_hours.next_day": "Prochain : {day} à {time}",
            "dates.pm": "{time} PM",
            "circumstance.outside_named_area": "J'habite hors de {area}",
            "eligibility.ages_to": "de {min} à {max} ans",
            "distance.about": {"one": "à {count} mille ({km} km)", "other": "à {count} milles ({km} km)"},
            "status_checks.read": {"one": "L'équipe a lu un message.", "few": "L'équipe a lu quelques ({count}) messages.", "other": "L'équipe a lu {count} messages."},
            "message.name_required": "Dites-nous votre nom.",
            "message.name_too_long": "Votre nom est trop long ({count} sur {max}).",
            "message.reason_wrong_or_out_of_date": "L'information est fausse"
        }"#,
    )
    .unwrap()
}

fn few_from_3_to_10(n: u64) -> PluralCategory {
    match n {
        1 => PluralCategory::One,
        3..=10 => PluralCategory::Few,
        _ => PluralCategory::Other,
    }
}

#[test]
fn the_in_forms_use_the_chosen_words_and_english_where_it_has_none() {
    let chosen = made_up();
    let words = Words {
        chosen: Some(&chosen),
        english: english::catalogue(),
        plural: &few_from_3_to_10,
    };
    // "{amount}, {when}" is not translated, so English's shape joins the two.
    assert_eq!(
        money::describe_amount_and_when_in(&words, &weekly(5_790, None)),
        "£57.90 la semaine, depuis avril de 2023"
    );
    assert_eq!(
        money::describe_amount_in(&words, &weekly(5_790, Some(5))),
        "£57.90 la semaine pendant quelques (5) semaines"
    );
    assert_eq!(
        money::describe_amount_in(&words, &weekly(5_790, Some(1))),
        "£57.90 la semaine pendant 1 semaine"
    );
    let next = HubNow::Next {
        day: Weekday::Tue,
        start: time(13, 0),
        days_away: 1,
    };
    assert_eq!(
        opening_hours::describe_in(&words, &next),
        "Prochain : demain 1 PM"
    );
    let later = HubNow::Next {
        day: Weekday::Tue,
        start: time(13, 0),
        days_away: 4,
    };
    assert_eq!(
        opening_hours::describe_in(&words, &later),
        "Prochain : mardi à 1 PM"
    );
    assert_eq!(
        opening_hours::describe_in(&words, &HubNow::NoSessions),
        "Ask for session times"
    );
    assert_eq!(
        Circumstance::OutsideArea.label_in_words(&words, " Lancashire "),
        "J'habite hors de Lancashire"
    );
    assert_eq!(
        Circumstance::Parent.label_in_words(&words, "Lancashire"),
        "I'm a parent or expecting a baby"
    );
    let ages = Eligibility {
        districts: Vec::new(),
        min_age: Some(18),
        max_age: Some(24),
        circumstances: vec![],
    };
    assert_eq!(
        eligibility::age_label_in(&words, &ages).as_deref(),
        Some("de 18 à 25 ans")
    );
    assert_eq!(
        distance::distance_label_in(&words, 3.4),
        "à 2 milles (3 km)"
    );
    assert_eq!(
        FeedbackReason::WrongOrOutOfDate.label_in(&words),
        "L'information est fausse"
    );
    let problems = Message::new(
        ID,
        Utc.with_ymd_and_hms(2026, 6, 3, 13, 5, 0).unwrap(),
        MessageBody::ContactMe {
            name: String::new(),
            phone: Some("07700 900123".into()),
            email: None,
            best_time: String::new(),
            about: "Money".into(),
            support_back: false,
        },
    )
    .size_problems_in(&words);
    assert_eq!(problems.len(), 1, "only the whole message is too long");
    let long_name = Message::new(
        ID,
        Utc.with_ymd_and_hms(2026, 6, 3, 13, 5, 0).unwrap(),
        MessageBody::StartGroup {
            about: "Football".into(),
            name: "x".repeat(1500),
            phone: Some("07700 900123".into()),
            email: None,
        },
    );
    assert_eq!(
        long_name.size_problems_in(&words)[0].message,
        "Votre nom est trop long (1,500 sur 100)."
    );
    // The English forms are untouched by any of it.
    assert_eq!(
        money::describe_amount(&weekly(5_790, Some(5))),
        "£57.90 a week for 5 weeks"
    );
    assert_eq!(opening_hours::describe(&next), "Next: tomorrow 1pm");
}

/// A language whose every word is English in capitals: whatever a function writes in lower
/// case did not come from the catalogue.
fn shouting() -> Catalogue {
    let english: serde_json::Value =
        serde_json::from_str(include_str!("../i18n/en/words.json")).unwrap();
    fn loud(text: &str) -> String {
        // Placeholders keep their names: only the words around them change.
        let mut out = String::new();
        let mut in_placeholder = false;
        for c in text.chars() {
            match c {
                '{' => in_placeholder = true,
                '}' => in_placeholder = false,
                _ => {}
            }
            out.extend(if in_placeholder {
                vec![c]
            } else {
                c.to_uppercase().collect()
            });
        }
        out
    }
    fn loud_value(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::String(text) => serde_json::Value::String(loud(text)),
            serde_json::Value::Object(forms) => forms
                .iter()
                .map(|(form, text)| (form.clone(), loud_value(text)))
                .collect(),
            other => other.clone(),
        }
    }
    Catalogue::from_json(&loud_value(&english).to_string()).unwrap()
}

fn offer() -> offer_core::Offer {
    let source = serde_json::json!({ "title": "LOCAL OFFER", "url": "HTTPS://EXAMPLE.ORG" });
    serde_json::from_value(serde_json::json!({
        "council": { "name": "TEST COUNCIL", "area": "TESTSHIRE", "last_reviewed": "2026-01-01" },
        "categories": [{ "id": "money", "title": "MONEY", "summary": "GRANTS." }],
        "entitlements": [{
            "id": "setting-up-home", "title": "SETTING UP HOME", "summary": "MONEY.",
            "details": "", "category": "money", "source": source, "last_checked": "2026-01-01",
            "ask": ["pa"]
        }],
        "hubs": [{
            "id": "crewe-hub", "name": "CREWE HUB", "address": "1 HIGH STREET", "town": "CREWE",
            "postcode": "CW1 2JZ", "lat": 53.1, "lon": -2.4, "status": "open",
            "source": source, "last_checked": "2026-01-01", "phone": "01270 000000",
            "sessions": [{"day": "friday", "start": "22:00", "end": "02:30", "overnight": true, "what": "LATE"}]
        }],
        "contacts": [],
        "groups": []
    }))
    .unwrap()
}

fn assert_no_english(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_ascii_lowercase()),
        "English left in {text:?}"
    );
}

#[test]
fn every_word_of_the_in_forms_comes_from_the_catalogue() {
    let chosen = shouting();
    let words = Words {
        chosen: Some(&chosen),
        english: english::catalogue(),
        plural: &PluralCategory::english,
    };
    let mut said = Vec::new();
    let frequencies = [
        None,
        Some(Frequency::Once),
        Some(Frequency::Weekly),
        Some(Frequency::Monthly),
        Some(Frequency::Yearly),
        Some(Frequency::EverySixMonths),
    ];
    for frequency in frequencies {
        for (up_to, for_weeks) in [(false, None), (true, Some(1)), (true, Some(5))] {
            for when in 0..3 {
                let amount = Amount {
                    pence: 5_790,
                    frequency,
                    up_to,
                    for_weeks,
                    since: (when == 0).then(|| date(2023, 4, 1)),
                    year: (when == 1).then(|| "2025-26".parse().unwrap()),
                    year_not_stated: when == 2,
                };
                said.push(money::describe_amount_and_when_in(&words, &amount));
            }
        }
    }
    for month in 1..=12 {
        let day = date(2026, month, month);
        said.push(dates::long_date_in(&words, day));
        said.push(dates::weekday_date_and_clock_in(
            &words,
            day.and_time(time(9, 5)),
        ));
        said.push(dates::clock_12_hour_in(&words, time(month * 2 - 1, 5)));
    }
    for (h, m) in [(0, 0), (12, 0), (9, 0), (16, 30)] {
        said.push(opening_hours::time_label_in(&words, time(h, m)));
    }
    for days_away in 0..3 {
        said.push(opening_hours::describe_in(
            &words,
            &HubNow::Next {
                day: Weekday::Sun,
                start: time(13, 0),
                days_away,
            },
        ));
    }
    for h in [
        HubNow::OpenUntil {
            end: time(16, 0),
            what: String::new(),
        },
        HubNow::OpeningOn(date(2026, 1, 5)),
        HubNow::NoSessions,
    ] {
        said.push(opening_hours::describe_in(&words, &h));
    }
    for c in Circumstance::ALL {
        said.push(c.label_in_words(&words, ""));
        said.push(c.label_in_words(&words, "LANCASHIRE"));
    }
    for (min, max) in [
        (Some(18), None),
        (None, Some(24)),
        (Some(18), Some(18)),
        (Some(16), Some(17)),
        (Some(18), Some(24)),
    ] {
        let e = Eligibility {
            districts: Vec::new(),
            min_age: min,
            max_age: max,
            circumstances: vec![],
        };
        said.extend(eligibility::age_label_in(&words, &e));
    }
    for km in [0.4, 1.2, 3.4] {
        said.push(distance::distance_label_in(&words, km));
    }
    said.push(FeedbackReason::WrongOrOutOfDate.label_in(&words));
    let offer = offer();
    // Problems with a message, and its progress.
    let at = Utc.with_ymd_and_hms(2026, 6, 3, 13, 5, 0).unwrap();
    let empty = Message::new(
        "NOT-AN-ID",
        at,
        MessageBody::Feedback {
            about: About::Hub("GONE".into()),
            reason: None,
            rating: Some(9),
            text: String::new(),
            name: Some("X".repeat(200)),
            reply_to: Some("NOPE".into()),
        },
    );
    let problems = empty.validate_in(&words, &offer).unwrap_err();
    assert!(problems.len() >= 5, "{problems:?}");
    said.extend(problems.into_iter().map(|p| p.message));
    let mut entry = OutboxEntry {
        message: empty,
        state: Delivery::Queued,
        attempts: 0,
        next_try: None,
        last_error: None,
        offline: false,
        needs_new_id: false,
    };
    said.push(entry.describe_in(&words, &Utc));
    entry.attempts = 1;
    said.push(entry.describe_in(&words, &Utc));
    entry.state = Delivery::NeedsChanging {
        reasons: vec![offer_core::message::FieldError::new(
            "",
            "AS THE SERVICE SAID.",
        )],
    };
    said.push(entry.describe_in(&words, &Utc));
    entry.state = Delivery::Sent { at };
    for status in [PhoneStatus::Read, PhoneStatus::Done] {
        let answer = Answer {
            status: Some(MessageStatus {
                id: ID.into(),
                status,
                status_at: at,
                reply: Some("HI".into()),
                reply_at: None,
            }),
            asked_at: at,
            gone: false,
        };
        said.push(status_checks::progress_in(
            &words,
            &entry,
            Some(&answer),
            &Utc,
        ));
        let mut now = Answers::default();
        now.messages.insert("A".into(), answer.clone());
        now.messages.insert("B".into(), answer);
        said.extend(now.news_since_in(&words, &Answers::default()));
    }
    said.push(status_checks::progress_in(&words, &entry, None, &Utc));
    for text in &said {
        assert!(!text.is_empty());
        assert_no_english(text);
    }
    // The calendar file's own lines are code; its description is words.
    let hub = &offer.hubs[0];
    let ics = calendar::session_ics_in(&words, hub, &hub.sessions[0], date(2026, 1, 8), "x");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("DESCRIPTION:LATE AT CREWE HUB.\\nEVERY FRIDAY\\, 10PM TO 2:30AM THE NEXT DAY.\\nPHONE: 01270 000000\\nTIMES CAN CHANGE."),
        "{unfolded}"
    );
}
