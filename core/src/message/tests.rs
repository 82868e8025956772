//! Messages young people and groups send, and what they are told when one needs changing.

use chrono::TimeZone;
use serde_json::json;

use super::*;
use crate::offer::Offer;

/// A small offer: two categories, one entitlement, one hub, one contact, one group.
pub(crate) fn small_offer() -> Offer {
    let source = json!({ "title": "Local offer", "url": "https://example.org/offer" });
    serde_json::from_value(json!({
        "council": { "name": "Test Council", "area": "Testshire", "last_reviewed": "2026-01-01" },
        "categories": [
            { "id": "money", "title": "Money", "summary": "Grants and allowances." },
            { "id": "home", "title": "Somewhere to live", "summary": "Housing." }
        ],
        "entitlements": [{
            "id": "setting-up-home", "title": "Setting up home allowance", "summary": "Money for a first home.",
            "details": "", "category": "money", "source": source, "last_checked": "2026-01-01"
        }],
        "hubs": [{
            "id": "crewe-hub", "name": "Crewe hub", "address": "1 High Street", "town": "Crewe",
            "postcode": "CW1 2JZ", "lat": 53.1, "lon": -2.4, "status": "open",
            "source": source, "last_checked": "2026-01-01"
        }],
        "contacts": [{
            "id": "leaving-care-team", "name": "Leaving care team", "kind": "team",
            "phone": "01270 371006", "hours": "Weekdays.", "when": "Any time.",
            "source": source, "last_checked": "2026-01-01"
        }],
        "groups": [{
            "id": "my-voice", "name": "My Voice", "summary": "Have your say.", "for_whom": "Care leavers.",
            "where": "Online.", "when": "Monthly.", "how_to_join": "Ask your PA.",
            "source": source, "last_checked": "2026-01-01"
        }]
    }))
    .expect("the small offer is valid")
}

pub(crate) const ID: &str = "0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11";

pub(crate) fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 3, hour, minute, 0).unwrap()
}

/// Feedback about the app saying `text`.
pub(crate) fn feedback(id: &str, text: &str) -> Message {
    Message::new(
        id,
        at(13, 5),
        MessageBody::Feedback {
            about: About::App,
            reason: None,
            rating: None,
            text: text.into(),
            name: None,
            reply_to: None,
        },
    )
}

fn problems(message: &Message) -> Vec<FieldError> {
    message
        .validate(&small_offer())
        .expect_err("the message has problems")
}

fn fields(message: &Message) -> Vec<String> {
    problems(message).into_iter().map(|e| e.field).collect()
}

fn with_body(body: MessageBody) -> Message {
    Message::new(ID, at(13, 5), body)
}

fn contact_me(phone: Option<&str>, email: Option<&str>) -> MessageBody {
    MessageBody::ContactMe {
        name: "Sam".into(),
        phone: phone.map(Into::into),
        email: email.map(Into::into),
        best_time: "Weekday mornings".into(),
        about: "My rent has gone up".into(),
        support_back: false,
    }
}

fn review(ratings: Vec<CategoryReview>, missing: &str) -> MessageBody {
    MessageBody::GroupReview {
        group_name: "Crewe participation group".into(),
        participants: 8,
        ratings,
        missing: missing.into(),
    }
}

fn rated(category: &str, rating: Option<u8>, comments: &str) -> CategoryReview {
    CategoryReview {
        category: category.into(),
        rating,
        comments: comments.into(),
    }
}

#[test]
fn anonymous_feedback_about_the_app_can_be_sent() {
    assert_eq!(
        feedback(ID, "The map is great").validate(&small_offer()),
        Ok(())
    );
}

#[test]
fn a_star_rating_on_its_own_is_enough_feedback() {
    let message = with_body(MessageBody::Feedback {
        about: About::Offer,
        reason: None,
        rating: Some(5),
        text: String::new(),
        name: None,
        reply_to: None,
    });
    assert_eq!(message.validate(&small_offer()), Ok(()));
}

#[test]
fn empty_feedback_asks_for_words_or_a_rating() {
    let errors = problems(&feedback(ID, "   "));
    assert_eq!(
        errors,
        vec![FieldError::new(
            "text",
            "Please write your feedback, or choose a rating."
        )]
    );
}

#[test]
fn a_20000_character_message_is_too_long_and_says_how_long_it_is() {
    let errors = problems(&feedback(ID, &"a".repeat(20_000)));
    assert_eq!(
        errors,
        vec![FieldError::new(
            "text",
            "Your message is too long. Please keep it under 4,000 characters (it has 20,000)."
        )]
    );
}

#[test]
fn length_is_counted_in_letters_not_bytes() {
    let welsh = "ŵ".repeat(MAX_TEXT);
    assert_eq!(feedback(ID, &welsh).validate(&small_offer()), Ok(()));
}

#[test]
fn feedback_can_name_an_entitlement_or_a_hub_from_the_offer() {
    for about in [
        About::Entitlement("setting-up-home".into()),
        About::Hub("crewe-hub".into()),
    ] {
        let message = with_body(MessageBody::Feedback {
            about,
            reason: None,
            rating: Some(2),
            text: "Took ages to arrive".into(),
            name: Some("Jo".into()),
            reply_to: Some("jo@example.com".into()),
        });
        assert_eq!(message.validate(&small_offer()), Ok(()));
    }
}

#[test]
fn feedback_about_something_no_longer_in_the_offer_asks_to_choose_again() {
    for about in [
        About::Entitlement("gone".into()),
        About::Hub("closed-hub".into()),
    ] {
        let message = with_body(MessageBody::Feedback {
            about,
            reason: None,
            rating: Some(3),
            text: String::new(),
            name: None,
            reply_to: None,
        });
        let errors = problems(&message);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "about");
        assert!(errors[0].message.contains("Please choose again"));
    }
}

#[test]
fn six_stars_is_not_a_rating() {
    let message = with_body(MessageBody::Feedback {
        about: About::App,
        reason: None,
        rating: Some(6),
        text: "Brilliant".into(),
        name: None,
        reply_to: None,
    });
    assert_eq!(
        problems(&message),
        vec![FieldError::new(
            "rating",
            "Please choose a rating from 1 to 5."
        )]
    );
}

#[test]
fn a_reply_address_can_be_a_phone_or_an_email_but_must_look_real() {
    let with_reply = |reply: &str| {
        with_body(MessageBody::Feedback {
            about: About::App,
            reason: None,
            rating: None,
            text: "Please call me back".into(),
            name: Some("Jo".into()),
            reply_to: Some(reply.into()),
        })
    };
    for good in ["07700 900123", "jo@example.com", ""] {
        assert_eq!(with_reply(good).validate(&small_offer()), Ok(()), "{good}");
    }
    for bad in ["jo@example", "0770090", "call me"] {
        assert_eq!(fields(&with_reply(bad)), vec!["reply_to"], "{bad}");
    }
}

#[test]
fn asking_to_be_contacted_needs_a_phone_or_an_email() {
    assert_eq!(
        with_body(contact_me(Some("07700 900123"), None)).validate(&small_offer()),
        Ok(())
    );
    assert_eq!(
        with_body(contact_me(None, Some("sam@example.com"))).validate(&small_offer()),
        Ok(())
    );
    let errors = problems(&with_body(contact_me(Some(" "), None)));
    assert_eq!(
        errors,
        vec![FieldError::new(
            "phone",
            "Please give us a phone number or an email address so we can get in touch."
        )]
    );
}

#[test]
fn every_problem_on_a_form_is_listed_at_once() {
    let message = with_body(MessageBody::ContactMe {
        name: " ".into(),
        phone: Some("12".into()),
        email: Some("sam@".into()),
        best_time: "x".repeat(MAX_BEST_TIME + 1),
        about: String::new(),
        support_back: false,
    });
    assert_eq!(
        fields(&message),
        vec!["name", "phone", "email", "best_time", "about"]
    );
    let errors = problems(&message);
    assert_eq!(
        errors[2].message,
        "Please check your email address. It should look like name@example.com."
    );
}

#[test]
fn someone_who_has_moved_can_send_just_their_new_address() {
    let moved = with_body(MessageBody::DetailsChanged {
        name: "Alex".into(),
        phone: None,
        email: None,
        address: Some("Flat 2, 10 Market Street, Crewe CW1 2JZ".into()),
    });
    assert_eq!(moved.validate(&small_offer()), Ok(()));
}

#[test]
fn a_change_of_details_with_nothing_new_asks_for_something() {
    let nothing = with_body(MessageBody::DetailsChanged {
        name: "Alex".into(),
        phone: Some(String::new()),
        email: None,
        address: Some("  ".into()),
    });
    assert_eq!(fields(&nothing), vec!["phone"]);
}

#[test]
fn joining_a_group_that_is_not_in_the_offer_asks_for_another() {
    let join = |group: &str| {
        with_body(MessageBody::JoinGroup {
            group: group.into(),
            name: "Kai".into(),
            phone: None,
            email: Some("kai@example.com".into()),
        })
    };
    assert_eq!(join("my-voice").validate(&small_offer()), Ok(()));
    assert_eq!(fields(&join("chess-club")), vec!["group"]);
}

#[test]
fn a_group_review_can_rate_some_categories_and_say_what_is_missing() {
    let message = with_body(review(
        vec![
            rated("money", Some(4), "Clear"),
            rated("home", None, "Hard to find"),
        ],
        "Nothing about driving lessons",
    ));
    assert_eq!(message.validate(&small_offer()), Ok(()));
}

#[test]
fn a_group_review_names_the_rating_that_needs_changing_counting_from_one() {
    let message = with_body(review(
        vec![rated("money", Some(4), ""), rated("home", Some(0), "")],
        "",
    ));
    assert_eq!(fields(&message), vec!["ratings[2].rating"]);
}

#[test]
fn a_group_review_cannot_rate_a_category_twice_or_one_not_in_the_offer() {
    let message = with_body(review(
        vec![
            rated("money", Some(4), ""),
            rated("money", Some(2), ""),
            rated("travel", Some(3), ""),
        ],
        "",
    ));
    let errors = problems(&message);
    assert_eq!(errors[0].field, "ratings[2].category");
    assert!(errors[0].message.contains("\"Money\" more than once"));
    assert_eq!(errors[1].field, "ratings[3].category");
}

#[test]
fn a_group_review_says_how_many_took_part_and_something_about_the_offer() {
    let mut message = with_body(review(vec![rated("money", None, " ")], ""));
    if let MessageBody::GroupReview { participants, .. } = &mut message.body {
        *participants = 0;
    }
    assert_eq!(fields(&message), vec!["participants", "ratings"]);
    if let MessageBody::GroupReview { participants, .. } = &mut message.body {
        *participants = MAX_PARTICIPANTS + 1;
    }
    assert!(problems(&message)[0].message.contains("from 1 to 200"));
}

#[test]
fn a_long_review_of_every_category_still_fits_in_one_message() {
    let ratings = vec![
        rated("money", Some(3), &"m".repeat(MAX_COMMENTS)),
        rated("home", Some(3), &"h".repeat(MAX_COMMENTS)),
    ];
    let message = with_body(review(ratings, &"w".repeat(MAX_TEXT)));
    assert_eq!(message.validate(&small_offer()), Ok(()));
}

#[test]
fn a_message_too_big_to_send_says_so_even_when_every_field_fits() {
    // Each emoji is four bytes, so fields within their limits can add up to too many bytes.
    let message = with_body(review(
        vec![rated("money", Some(3), &"😀".repeat(MAX_COMMENTS))],
        &"😀".repeat(MAX_TEXT),
    ));
    assert_eq!(problems(&message), vec![too_large()]);
}

#[test]
fn a_message_refused_unread_for_its_size_can_still_say_which_part_is_too_long() {
    let message = with_body(MessageBody::ContactMe {
        name: "Sam".into(),
        phone: Some("not a number".into()),
        email: None,
        best_time: String::new(),
        about: "a".repeat(20_000),
        support_back: false,
    });
    assert_eq!(
        message.size_problems(),
        vec![FieldError::new(
            "about",
            "Your message is too long. Please keep it under 4,000 characters (it has 20,000)."
        )],
        "only lengths: the rest is checked once it fits"
    );
    assert_eq!(feedback(ID, "short").size_problems(), vec![too_large()]);
}

#[test]
fn a_message_with_a_made_up_id_is_refused() {
    for id in [
        "",
        "42",
        "0B5F0C4E-6A1D-4C3E-9F7A-2D1E8B9C0A11",
        "0b5f0c4e-6a1d-1c3e-9f7a-2d1e8b9c0a11",
        "0b5f0c4e-6a1d-4c3e-cf7a-2d1e8b9c0a11",
        "0b5f0c4e6a1d4c3e9f7a2d1e8b9c0a11",
    ] {
        assert_eq!(fields(&feedback(id, "Hello")), vec!["id"], "{id:?}");
    }
    assert!(is_uuid_v4(ID));
}

#[test]
fn each_kind_has_a_flat_wire_format_with_its_kind() {
    let cases = [
        (
            feedback(ID, "Hi"),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "feedback", "about": "app", "text": "Hi"}),
        ),
        (
            with_body(MessageBody::Feedback {
                about: About::Entitlement("setting-up-home".into()),
                reason: None,
                rating: Some(4),
                text: String::new(),
                name: Some("Jo".into()),
                reply_to: Some("07700 900123".into()),
            }),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "feedback",
                   "about": {"entitlement": "setting-up-home"}, "rating": 4, "text": "",
                   "name": "Jo", "reply_to": "07700 900123"}),
        ),
        (
            with_body(contact_me(Some("07700 900123"), None)),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "contact-me", "name": "Sam",
                   "phone": "07700 900123", "best_time": "Weekday mornings", "about": "My rent has gone up"}),
        ),
        (
            with_body(MessageBody::DetailsChanged {
                name: "Alex".into(),
                phone: None,
                email: Some("alex@example.com".into()),
                address: None,
            }),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "details-changed",
                   "name": "Alex", "email": "alex@example.com"}),
        ),
        (
            with_body(MessageBody::JoinGroup {
                group: "my-voice".into(),
                name: "Kai".into(),
                phone: Some("01270 371006".into()),
                email: None,
            }),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "join-group",
                   "group": "my-voice", "name": "Kai", "phone": "01270 371006"}),
        ),
        (
            with_body(review(vec![rated("money", Some(4), "Clear")], "Driving")),
            json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "group-review",
                   "group_name": "Crewe participation group", "participants": 8,
                   "ratings": [{"category": "money", "rating": 4, "comments": "Clear"}], "missing": "Driving"}),
        ),
    ];
    for (message, wire) in cases {
        assert_eq!(serde_json::to_value(&message).unwrap(), wire);
        assert_eq!(Message::from_json(&wire.to_string()), Ok(message));
    }
}

#[test]
fn the_same_message_gives_the_same_canonical_json_however_it_was_written() {
    let tidy = format!(
        r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00Z","kind":"feedback","about":"app","text":"Hi"}}"#
    );
    let messy = format!(
        r#"{{ "text" : "Hi", "kind": "feedback", "about": "app", "rating": null, "name": null,
             "created_at": "2026-06-03T14:05:00+01:00", "draft": true, "id": "{ID}" }}"#
    );
    let tidy = Message::from_json(&tidy).unwrap();
    let messy = Message::from_json(&messy).unwrap();
    assert_eq!(tidy.canonical_json(), messy.canonical_json());
    assert_ne!(
        tidy.canonical_json(),
        feedback(ID, "Hi!").canonical_json(),
        "a changed word changes the canonical JSON"
    );
}

#[test]
fn milliseconds_from_the_phone_survive_the_round_trip() {
    let text = format!(
        r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00.123Z","kind":"feedback","about":"offer","text":"x"}}"#
    );
    let message = Message::from_json(&text).unwrap();
    assert!(message
        .canonical_json()
        .contains("\"created_at\":\"2026-06-03T13:05:00.123Z\""));
}

#[test]
fn a_message_that_cannot_be_read_says_what_is_wrong_kindly() {
    let kind = Message::from_json(r#"{"kind":"love-letter","id":"x"}"#).unwrap_err();
    assert_eq!(kind[0].field, "kind");
    assert!(kind[0].message.contains("love-letter"));
    let missing = Message::from_json(&format!(
        r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00Z","kind":"contact-me","about":"rent"}}"#
    ))
    .unwrap_err();
    assert_eq!(missing[0].field, "name");
    for garbage in ["", "[]", "{\"kind\":", "not json"] {
        let errors = Message::from_json(garbage).unwrap_err();
        assert!(errors[0]
            .message
            .starts_with("We could not read this message"));
    }
    let no_kind = Message::from_json("{}").unwrap_err();
    assert_eq!(no_kind[0].field, "kind");
}

fn report_wrong(about: About) -> Message {
    with_body(MessageBody::Feedback {
        about,
        reason: Some(FeedbackReason::WrongOrOutOfDate),
        rating: None,
        text: String::new(),
        name: None,
        reply_to: None,
    })
}

#[test]
fn saying_an_entitlement_is_wrong_or_out_of_date_needs_no_words() {
    let message = report_wrong(About::Entitlement("setting-up-home".into()));
    assert_eq!(message.validate(&small_offer()), Ok(()));
    assert_eq!(
        message.canonical_json(),
        format!(
            r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00Z","kind":"feedback","about":{{"entitlement":"setting-up-home"}},"reason":"wrong-or-out-of-date","text":""}}"#
        )
    );
    assert_eq!(Message::from_json(&message.canonical_json()), Ok(message));
}

#[test]
fn feedback_can_be_about_a_contact_in_the_offer_and_not_one_that_has_gone() {
    let message = report_wrong(About::Contact("leaving-care-team".into()));
    assert_eq!(message.validate(&small_offer()), Ok(()));
    assert_eq!(
        serde_json::to_value(&message).unwrap()["about"],
        json!({"contact": "leaving-care-team"})
    );
    let errors = problems(&report_wrong(About::Contact("old-helpline".into())));
    assert_eq!(
        errors,
        vec![FieldError::new(
            "about",
            "We couldn't find that contact. It may have changed. Please choose again."
        )]
    );
}

#[test]
fn messages_without_a_reason_keep_the_exact_json_and_hash_they_always_had() {
    // Written before feedback had a reason: the stored bytes, and so their SHA-256, must not
    // change, or a phone resending an old message would be told its id was reused.
    let stored = format!(
        r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00Z","kind":"feedback","about":{{"hub":"crewe-hub"}},"rating":2,"text":"Cold","name":"Jo"}}"#
    );
    let message = Message::from_json(&stored).unwrap();
    assert_eq!(message.canonical_json(), stored);
    let with_null = stored.replace(r#""rating":2"#, r#""reason":null,"rating":2"#);
    assert_eq!(
        Message::from_json(&with_null).unwrap().canonical_json(),
        stored
    );
    assert_eq!(
        feedback(ID, "Hi").canonical_json(),
        format!(
            r#"{{"id":"{ID}","created_at":"2026-06-03T13:05:00Z","kind":"feedback","about":"app","text":"Hi"}}"#
        )
    );
}

#[test]
fn a_reason_the_service_does_not_know_is_refused_not_stored_without_it() {
    let wire = json!({"id": ID, "created_at": "2026-06-03T13:05:00Z", "kind": "feedback",
                      "about": "app", "reason": "too-boring", "text": "Hi"});
    assert!(Message::from_json(&wire.to_string()).is_err());
}

#[test]
fn what_feedback_is_about_and_why_read_back_from_links_and_drafts() {
    for about in [
        About::App,
        About::Offer,
        About::Entitlement("setting-up-home".into()),
        About::Hub("crewe-hub".into()),
        About::Contact("leaving-care-team".into()),
    ] {
        assert_eq!(About::from_slug(&about.to_slug()), Some(about));
    }
    assert_eq!(About::Contact("duty".into()).to_slug(), "contact:duty");
    for nonsense in ["", "entitlement:", "group:my-voice", "everything"] {
        assert_eq!(About::from_slug(nonsense), None, "{nonsense:?}");
    }
    assert_eq!(
        FeedbackReason::from_slug("wrong-or-out-of-date"),
        Some(FeedbackReason::WrongOrOutOfDate)
    );
    assert_eq!(
        serde_json::to_value(FeedbackReason::WrongOrOutOfDate).unwrap(),
        json!("wrong-or-out-of-date")
    );
    assert_eq!(FeedbackReason::from_slug("wrong"), None);
}

#[test]
fn each_kind_is_written_on_the_wire_as_its_slug() {
    let bodies = [
        feedback(ID, "Hi").body,
        contact_me(Some("07700 900123"), None),
        MessageBody::DetailsChanged {
            name: "Alex".into(),
            phone: None,
            email: Some("alex@example.com".into()),
            address: None,
        },
        MessageBody::JoinGroup {
            group: "my-voice".into(),
            name: "Kai".into(),
            phone: None,
            email: Some("kai@example.com".into()),
        },
        review(vec![], "Driving"),
        MessageBody::StartGroup {
            about: "Cooking".into(),
            name: "Kit".into(),
            phone: None,
            email: Some("kit@example.com".into()),
        },
    ];
    // One body of each kind, in the order of `MessageKind::ALL`.
    let kinds: Vec<MessageKind> = bodies.iter().map(MessageBody::kind).collect();
    assert_eq!(kinds, MessageKind::ALL);
    for body in bodies {
        let wire = serde_json::to_value(with_body(body.clone())).unwrap();
        assert_eq!(wire["kind"], body.kind().slug());
        assert_eq!(body.kind().to_string(), body.kind().slug());
    }
}

#[test]
fn kinds_round_trip_through_their_slugs() {
    for kind in MessageKind::ALL {
        assert_eq!(MessageKind::from_slug(kind.slug()), Some(kind));
        assert!(!kind.staff_label().is_empty());
    }
    assert_eq!(MessageKind::from_slug("support-back"), None);
    assert_eq!(MessageKind::from_slug("Feedback"), None);
}

#[test]
fn the_language_it_was_written_in_travels_with_it_and_english_adds_nothing() {
    let plain = feedback(ID, "شكرا");
    let before = plain.canonical_json();
    assert!(!before.contains("language"), "{before}");
    let mut pashto = feedback(ID, "مننه، دا مرسته ښه وه");
    pashto.language = Some("ps".to_string());
    let json = pashto.canonical_json();
    assert!(json.contains(r#""language":"ps""#), "{json}");
    let back = Message::from_json(&json).unwrap();
    assert_eq!(back.language.as_deref(), Some("ps"));
    assert_eq!(back.body, pashto.body);
    assert!(back.validate(&small_offer()).is_ok());
}

#[test]
fn a_language_that_is_not_a_language_code_is_refused_kindly() {
    let mut odd = feedback(ID, "hello");
    odd.language = Some("<script>".to_string());
    assert_eq!(fields(&odd), ["language"]);
}
