//! Fuzzing on stable Rust: arbitrary bytes and arbitrary structured values thrown at the
//! message reader and its checks, the content loader and search. Nothing may panic, and
//! every rejection must say what is wrong.
//!
//! `PROPTEST_CASES` sets how many cases each property tries: the default (256) in the test
//! command, many more from `scripts/fuzz`. A failing case is saved in
//! `core/proptest-regressions/fuzz.txt` and tried first on every later run: commit it.

use std::sync::OnceLock;

use offer_core::content::{load_offer, ContentFile, CONTENT_FILES};
use offer_core::message::{Message, MessageKind};
use offer_core::search::search;
use offer_core::Offer;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Map, Value};

fn shipped_files() -> &'static Vec<ContentFile> {
    static FILES: OnceLock<Vec<ContentFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        CONTENT_FILES
            .iter()
            .map(|name| ContentFile {
                name: name.to_string(),
                text: std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
            })
            .collect()
    })
}

fn offer() -> &'static Offer {
    static OFFER: OnceLock<Offer> = OnceLock::new();
    OFFER.get_or_init(|| load_offer(shipped_files()).expect("the shipped content is valid"))
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        "[a-z0-9 @.+-]{0,30}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A message-shaped object: a real or made-up kind, and the fields forms send with any
/// values at all (ids from the offer mixed with nonsense).
fn message_like() -> impl Strategy<Value = Value> {
    let fields = [
        "about",
        "rating",
        "text",
        "name",
        "reply_to",
        "phone",
        "email",
        "best_time",
        "address",
        "group",
        "group_name",
        "participants",
        "ratings",
        "missing",
        "reason",
        "support_back",
    ];
    let kind = prop_oneof![
        prop::sample::select(MessageKind::ALL.to_vec()).prop_map(|k| k.slug().to_string()),
        any::<String>(),
    ];
    let id = prop_oneof![
        Just("0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11".to_string()),
        any::<String>(),
    ];
    let value = prop_oneof![
        any_json(),
        prop::sample::select(
            offer()
                .entitlements
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        )
        .prop_map(|id| json!({ "entitlement": id })),
        Just(json!("app")),
        Just(json!(4)),
    ];
    (
        kind,
        id,
        prop::collection::btree_map(prop::sample::select(fields.to_vec()), value, 0..10),
    )
        .prop_map(|(kind, id, fields)| {
            let mut object = Map::new();
            object.insert("id".into(), json!(id));
            object.insert("created_at".into(), json!("2026-11-23T10:00:00Z"));
            object.insert("kind".into(), json!(kind));
            for (k, v) in fields {
                object.insert(k.to_string(), v);
            }
            Value::Object(object)
        })
}

fn clear_errors(errors: &[offer_core::message::FieldError]) -> bool {
    !errors.is_empty() && errors.iter().all(|e| !e.message.trim().is_empty())
}

/// Proptest's default puts an integration test's failures beside its source
/// (`tests/fuzz.proptest-regressions`, with a warning) because `tests/` has no `lib.rs`;
/// name the file instead, next to the unit tests' `core/proptest-regressions/`. The case
/// count still comes from `PROPTEST_CASES`.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/fuzz.txt"
        )))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_are_read_as_a_message_or_refused_with_a_reason(bytes in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&bytes);
        match Message::from_json(&text) {
            Ok(message) => {
                if let Err(errors) = message.validate(offer()) {
                    prop_assert!(clear_errors(&errors));
                }
            }
            Err(errors) => prop_assert!(clear_errors(&errors)),
        }
    }

    #[test]
    fn message_shaped_values_are_checked_without_panicking(value in message_like()) {
        match Message::from_json(&value.to_string()) {
            Ok(message) => {
                // What was read writes back and reads again the same.
                let again = Message::from_json(&message.canonical_json());
                prop_assert_eq!(again.as_ref(), Ok(&message));
                match message.validate(offer()) {
                    Ok(()) => {}
                    Err(errors) => prop_assert!(clear_errors(&errors)),
                }
                let _ = message.size_problems();
            }
            Err(errors) => prop_assert!(clear_errors(&errors)),
        }
    }

    #[test]
    fn any_text_in_a_content_file_is_loaded_or_rejected_naming_the_file(
        which in 0..CONTENT_FILES.len(),
        text in any::<String>(),
    ) {
        let mut files = shipped_files().clone();
        files[which].text = text;
        if let Err(problems) = load_offer(&files) {
            prop_assert!(!problems.is_empty());
            for problem in problems {
                prop_assert!(!problem.file.is_empty() && !problem.message.trim().is_empty());
            }
        }
    }

    #[test]
    fn a_real_content_file_with_a_few_bytes_changed_never_panics(
        which in 0..CONTENT_FILES.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..6),
    ) {
        let mut files = shipped_files().clone();
        let mut chars: Vec<char> = files[which].text.chars().collect();
        for (at, c) in edits {
            if chars.is_empty() {
                chars.push(c);
            } else {
                let i = at.index(chars.len());
                chars[i] = c;
            }
        }
        files[which].text = chars.into_iter().collect();
        if let Err(problems) = load_offer(&files) {
            for problem in problems {
                prop_assert!(!problem.file.is_empty() && !problem.message.trim().is_empty());
            }
        }
    }

    #[test]
    fn any_search_query_gives_results_without_panicking(query in any::<String>()) {
        let hits = search(offer(), &query);
        prop_assert!(hits.len() <= offer().entitlements.len() + offer().hubs.len() + offer().contacts.len() + offer().groups.len());
    }
}
