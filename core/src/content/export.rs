//! The offer written back out as the five content files, in the format officers already edit.
//!
//! The editor publishes changes made in a browser; this turns the published offer back into
//! `content/*.toml`, so the files in the repository stay the one place the offer lives and a
//! council can still review, diff and hand-edit them. [`load_offer`](super::load_offer) of
//! the output gives back the same offer, and exporting that offer again gives the same bytes,
//! so an export with no edits in between changes nothing in git.
//!
//! The `toml` crate writes tables with keys in alphabetical order and every list as
//! `[[array]]` tables, which reads badly: "url" before "title", amounts split into sub-tables.
//! So the items are written line by line here, keys in the order the types declare them
//! (see [`Shape`]), with `toml::Value`'s own `Display` for each value so quoting and escaping
//! are the crate's, not ours. Comments in hand-written files cannot survive: they are not
//! part of the offer.

use toml::{Table, Value};

use super::kinds::{items_of, ItemKind};
use super::model::{ContentFile, CONTENT_FILES};
use crate::offer::Offer;

/// The comment each exported file starts with, so nobody mistakes it for a hand-written file
/// and everyone knows where the rules are.
const HEADER: &str = "\
# Written by `local-offer-server content export` from the published offer.
# See content/README.md for every field and rule, and for how to check the files.
";

/// How one kind of table is written: which keys come first, and which may be left out.
///
/// Keys not in `order` are still written, after the others in alphabetical order, so a
/// field added to a type later is never silently dropped from the files.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    /// Keys in the order the type declares its fields.
    pub(super) order: &'static [&'static str],
    /// Keys with a serde default that are left out when empty, `false` or `""`, as officers
    /// leave them out by hand: `load_offer` puts the same default back.
    defaulted: &'static [&'static str],
}

impl Shape {
    /// A table we know nothing about: keys alphabetical, nothing left out.
    const ANY: Shape = Shape {
        order: &[],
        defaulted: &[],
    };
}

const COUNCIL: Shape = Shape {
    order: &[
        "name",
        "area",
        "last_reviewed",
        "links",
        "map_outline",
        "map_towns",
        "districts",
        "districts_source",
    ],
    defaulted: &["links", "map_outline", "map_towns", "districts"],
};
const DISTRICT: Shape = Shape {
    order: &["id", "name", "council"],
    defaulted: &[],
};
const MAP_TOWN: Shape = Shape {
    order: &["name", "lat", "lon", "label_left"],
    defaulted: &["label_left"],
};
const MAP_POINT: Shape = Shape {
    order: &["lat", "lon"],
    defaulted: &[],
};
const CATEGORY: Shape = Shape {
    order: &["id", "title", "summary"],
    defaulted: &[],
};
const ENTITLEMENT: Shape = Shape {
    order: &[
        "id",
        "title",
        "summary",
        "details",
        "category",
        "amount",
        "amounts",
        "eligibility",
        "steps",
        "ask",
        "keywords",
        "source",
        "last_checked",
        "updated",
    ],
    defaulted: &["eligibility", "steps", "ask", "keywords"],
};
const HUB: Shape = Shape {
    order: &[
        "id",
        "name",
        "address",
        "town",
        "postcode",
        "lat",
        "lon",
        "status",
        "opens_on",
        "sessions",
        "services",
        "access",
        "phone",
        "source",
        "last_checked",
    ],
    defaulted: &["sessions", "services", "access"],
};
const CONTACT: Shape = Shape {
    order: &[
        "id",
        "name",
        "kind",
        "phone",
        "text",
        "email",
        "web",
        "hours",
        "when",
        "districts",
        "source",
        "last_checked",
    ],
    defaulted: &["districts"],
};
const GROUP: Shape = Shape {
    order: &[
        "id",
        "name",
        "summary",
        "for_whom",
        "where",
        "when",
        "how_to_join",
        "sessions",
        "contact",
        "source",
        "last_checked",
    ],
    defaulted: &["sessions"],
};
const AMOUNT: Shape = Shape {
    order: &[
        "pence",
        "frequency",
        "for_weeks",
        "up_to",
        "since",
        "year",
        "year_not_stated",
    ],
    defaulted: &["up_to", "year_not_stated"],
};
const ELIGIBILITY: Shape = Shape {
    order: &["min_age", "max_age", "circumstances", "districts"],
    defaulted: &["circumstances", "districts"],
};
const LINK: Shape = Shape {
    order: &["title", "url", "published"],
    defaulted: &[],
};
const SESSION: Shape = Shape {
    order: &["day", "start", "end", "overnight", "what"],
    defaulted: &["overnight", "what"],
};

/// Lists written one entry per line, as today's files write them; other lists of plain
/// values (`ask`, `keywords`) stay on one line. Lists of tables always get a line each.
const LIST_PER_LINE: &[&str] = &[
    "links",
    "steps",
    "services",
    "sessions",
    "map_outline",
    "map_towns",
];

/// The shape of an item of `kind`.
pub(super) fn shape_of(kind: ItemKind) -> Shape {
    match kind {
        ItemKind::Council => COUNCIL,
        ItemKind::Category => CATEGORY,
        ItemKind::Entitlement => ENTITLEMENT,
        ItemKind::Hub => HUB,
        ItemKind::Contact => CONTACT,
        ItemKind::Group => GROUP,
    }
}

/// The shape of the table under `key`, or of each table in the list under `key`.
///
/// Looked up by key alone because no key names two different kinds of table.
pub(super) fn nested_shape(key: &str) -> Shape {
    match key {
        "amount" => AMOUNT,
        "eligibility" => ELIGIBILITY,
        "source" | "links" | "districts_source" => LINK,
        "districts" => DISTRICT,
        "sessions" => SESSION,
        "map_towns" => MAP_TOWN,
        "map_outline" => MAP_POINT,
        _ => Shape::ANY,
    }
}

/// Sorts keys as `order` lists them, any others after in alphabetical order.
///
/// Sorting even when the table keeps insertion order makes the output the same whichever
/// `toml` features another crate turns on.
pub(super) fn sort_keys<'k>(keys: &mut Vec<&'k str>, order: &[&str]) {
    let rank = |key: &&'k str| {
        (
            order.iter().position(|k| k == key).unwrap_or(order.len()),
            *key,
        )
    };
    keys.sort_by_key(rank);
    keys.dedup();
}

/// The five content files holding `offer`, named and ordered as [`CONTENT_FILES`].
///
/// `version` and `you_said_we_did` are not written: they never come from the files.
pub fn to_files(offer: &Offer) -> Vec<ContentFile> {
    CONTENT_FILES
        .iter()
        .map(|name| ContentFile::new(*name, file_text(offer, name)))
        .collect()
}

/// The text of the content file `name`.
fn file_text(offer: &Offer, name: &str) -> String {
    let kinds: Vec<(ItemKind, Vec<Table>)> = ItemKind::ALL
        .into_iter()
        .filter(|kind| kind.file() == name)
        .map(|kind| {
            let tables = items_of(offer, kind).into_iter().map(|i| i.table);
            (kind, tables.collect())
        })
        .collect();
    let mut out = String::from(HEADER);
    // `load_offer` needs the key even with no items. Written first: after a `[council]`
    // header, `categories = []` would be read as part of the council.
    for (kind, tables) in &kinds {
        if tables.is_empty() && *kind != ItemKind::Council {
            out.push_str(&format!("\n{} = []\n", key(kind.key())));
        }
    }
    for (kind, tables) in &kinds {
        let header = match kind {
            ItemKind::Council => format!("[{}]", key(kind.key())),
            _ => format!("[[{}]]", key(kind.key())),
        };
        for table in tables {
            out.push('\n');
            out.push_str(&header);
            out.push('\n');
            write_table(&mut out, table, shape_of(*kind));
        }
    }
    if name == super::model::OFFER && !offer.national.is_empty() {
        // Last: `[national]` and its `[[national.add]]` tables end the file.
        #[derive(serde::Serialize)]
        struct NationalTable<'a> {
            national: &'a crate::offer::NationalChoices,
        }
        let table = NationalTable {
            national: &offer.national,
        };
        out.push('\n');
        out.push_str(&toml::to_string(&table).expect("national choices always write as TOML"));
    }
    out
}

/// Writes each field of an item as a `key = value` line.
fn write_table(out: &mut String, table: &Table, shape: Shape) {
    for (name, value) in fields(table, shape) {
        out.push_str(&key(name));
        out.push_str(" = ");
        match value.as_array() {
            Some(list) if !list.is_empty() && per_line(name, list) => {
                let inner = nested_shape(name);
                out.push_str("[\n");
                for entry in list {
                    out.push_str("  ");
                    out.push_str(&inline(entry, inner));
                    out.push_str(",\n");
                }
                out.push(']');
            }
            _ => out.push_str(&inline(value, nested_shape(name))),
        }
        out.push('\n');
    }
}

/// True when a list reads better one entry per line.
fn per_line(name: &str, list: &[Value]) -> bool {
    LIST_PER_LINE.contains(&name) || list.iter().any(Value::is_table)
}

/// A value on one line: tables as inline tables in `shape`'s key order. Strings with line
/// breaks become multi-line strings (`"""`, or `'''` when that needs no escapes), which TOML
/// allows even inside an inline table.
fn inline(value: &Value, shape: Shape) -> String {
    match value {
        Value::Table(table) => {
            let fields: Vec<String> = fields(table, shape)
                .map(|(name, value)| {
                    format!("{} = {}", key(name), inline(value, nested_shape(name)))
                })
                .collect();
            if fields.is_empty() {
                "{}".to_string()
            } else {
                format!("{{ {} }}", fields.join(", "))
            }
        }
        Value::Array(list) => {
            let entries: Vec<String> = list.iter().map(|v| inline(v, shape)).collect();
            format!("[{}]", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// The fields of `table` to write, in `shape`'s order, leaving out defaults.
fn fields(table: &Table, shape: Shape) -> impl Iterator<Item = (&str, &Value)> {
    let mut keys: Vec<&str> = table.keys().map(String::as_str).collect();
    sort_keys(&mut keys, shape.order);
    keys.into_iter()
        .map(move |name| (name, &table[name]))
        .filter(move |(name, value)| !left_out(shape, name, value))
}

/// True for a field `shape` lets us leave out that holds its default.
fn left_out(shape: Shape, name: &str, value: &Value) -> bool {
    shape.defaulted.contains(&name) && is_default(value, name)
}

/// True for the values serde's `default` gives: nothing is lost by leaving them out.
fn is_default(value: &Value, name: &str) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Boolean(b) => !b,
        Value::Array(list) => list.is_empty(),
        Value::Table(table) => fields(table, nested_shape(name)).next().is_none(),
        _ => false,
    }
}

/// A key as TOML needs it: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_string()
    } else {
        Value::String(name.to_string()).to_string()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use chrono::{NaiveDate, NaiveTime, Weekday};

    use super::*;
    use crate::content::load_offer;
    use crate::offer::{
        Amount, Category, Circumstance, Contact, ContactKind, Council, Eligibility, Entitlement,
        Frequency, Group, Hub, HubStatus, Link, Session, YearSpan,
    };

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn link(title: &str, url: &str) -> Link {
        Link {
            title: title.to_string(),
            url: url.to_string(),
            published: None,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// A small valid offer with the awkward cases: a hub with no sessions and one with an
    /// overnight session, a contact with every optional field, amounts with `up_to` and
    /// `since` or `year` (validation allows one of the two, not both), and details holding
    /// `"""`, a backslash and a quote at the very end.
    pub(in crate::content) fn sample_offer() -> Offer {
        let source = link(
            "Local offer (Example Council)",
            "https://example.gov.uk/offer",
        );
        Offer {
            version: String::new(),
            council: Council {
                districts: Vec::new(),
                districts_source: None,
                name: "Example Council".to_string(),
                area: "Example".to_string(),
                last_reviewed: date(2026, 1, 5),
                links: vec![link("Local offer", "https://example.gov.uk/offer")],
                map_outline: Vec::new(),
                map_towns: Vec::new(),
            },
            categories: vec![Category {
                translations: Default::default(),
                id: "money".to_string(),
                title: "Money".to_string(),
                summary: "Money you can get.".to_string(),
            }],
            entitlements: vec![
                Entitlement {
                    id: "bursary".to_string(),
                    title: "A \"bursary\" for university".to_string(),
                    summary: "Money for university.".to_string(),
                    details: "First line with a backslash \\ and a path C:\\temp.\n\n\
                              Then \"\"\" three quotes, and it's 'quoted' too.\n\
                              It ends with a quote: \"done\""
                        .to_string(),
                    category: "money".to_string(),
                    amount: Some(Amount {
                        pence: 200000,
                        frequency: Some(Frequency::Once),
                        up_to: true,
                        since: Some(date(2008, 9, 1)),
                        year: None,
                        for_weeks: None,
                        year_not_stated: false,
                    }),
                    eligibility: Eligibility {
                        districts: Vec::new(),
                        min_age: Some(18),
                        max_age: Some(24),
                        circumstances: vec![Circumstance::University],
                    },
                    steps: strings(&["Ask your PA.", "Fill in the form."]),
                    ask: strings(&["pa", "team"]),
                    keywords: strings(&["uni", "money"]),
                    source: source.clone(),
                    last_checked: date(2026, 1, 5),
                    updated: Some(date(2025, 12, 1)),
                    translations: Default::default(),
                    national: false,
                    local: None,
                    amounts: Vec::new(),
                },
                Entitlement {
                    id: "leisure".to_string(),
                    title: "Leisure pass".to_string(),
                    summary: "Money for leisure.".to_string(),
                    details: "One line only.".to_string(),
                    category: "money".to_string(),
                    amount: Some(Amount {
                        pence: 120000,
                        frequency: Some(Frequency::Yearly),
                        up_to: true,
                        since: None,
                        year: Some(YearSpan::starting(2025)),
                        for_weeks: None,
                        year_not_stated: false,
                    }),
                    eligibility: Eligibility::default(),
                    steps: Vec::new(),
                    ask: Vec::new(),
                    keywords: Vec::new(),
                    source: source.clone(),
                    last_checked: date(2026, 1, 5),
                    updated: None,
                    translations: Default::default(),
                    national: false,
                    local: None,
                    amounts: Vec::new(),
                },
            ],
            hubs: vec![
                Hub {
                    translations: Default::default(),
                    id: "town-hall".to_string(),
                    name: "Town Hall".to_string(),
                    address: "1 High Street".to_string(),
                    town: "Crewe".to_string(),
                    postcode: "CW1 2JZ".to_string(),
                    lat: 53.0996,
                    lon: -2.4427,
                    status: HubStatus::Open,
                    opens_on: None,
                    sessions: Vec::new(),
                    services: Vec::new(),
                    access: String::new(),
                    phone: None,
                    source: source.clone(),
                    last_checked: date(2026, 1, 5),
                },
                Hub {
                    translations: Default::default(),
                    id: "youth-zone".to_string(),
                    name: "Youth Zone".to_string(),
                    address: "2 Low Street".to_string(),
                    town: "Macclesfield".to_string(),
                    postcode: "SK10 1EA".to_string(),
                    lat: 53.26,
                    lon: -2.13,
                    status: HubStatus::OpeningSoon,
                    opens_on: Some(date(2026, 9, 1)),
                    sessions: vec![
                        Session {
                            day: Weekday::Tue,
                            start: time(13, 0),
                            end: time(16, 0),
                            overnight: false,
                            what: "Drop-in with PAs".to_string(),
                        },
                        Session {
                            day: Weekday::Fri,
                            start: time(22, 0),
                            end: time(2, 0),
                            overnight: true,
                            what: String::new(),
                        },
                    ],
                    services: strings(&["Advice on money"]),
                    access: "Step-free.".to_string(),
                    phone: Some("01270 371 006".to_string()),
                    source: source.clone(),
                    last_checked: date(2026, 1, 5),
                },
            ],
            contacts: vec![Contact {
                translations: Default::default(),
                districts: Vec::new(),
                id: "team".to_string(),
                name: "Care leavers team".to_string(),
                kind: ContactKind::Team,
                phone: Some("01270 371 006".to_string()),
                text: Some("07700 900 123".to_string()),
                email: Some("team@example.gov.uk".to_string()),
                web: Some("https://example.gov.uk/team".to_string()),
                hours: "Monday to Friday, 9am to 5pm".to_string(),
                when: "For anything about your offer.".to_string(),
                source: source.clone(),
                last_checked: date(2026, 1, 5),
            }],
            groups: vec![Group {
                id: "voice".to_string(),
                name: "Voice".to_string(),
                summary: "Have your say.".to_string(),
                for_whom: "Care leavers.".to_string(),
                place: "Online.".to_string(),
                when: "Ask your PA.".to_string(),
                how_to_join: "Ask your PA.".to_string(),
                sessions: Vec::new(),
                contact: Some("team".to_string()),
                source,
                last_checked: date(2026, 1, 5),
            }],
            you_said_we_did: Vec::new(),
            national: Default::default(),
        }
    }

    fn load(files: &[ContentFile]) -> Offer {
        load_offer(files).unwrap_or_else(|problems| {
            let text: Vec<String> = files.iter().map(|f| f.text.clone()).collect();
            panic!("{problems:#?}\n{}", text.join("\n----\n"))
        })
    }

    fn ids(offer: &Offer) -> Vec<Vec<String>> {
        ItemKind::ALL
            .into_iter()
            .map(|kind| items_of(offer, kind).into_iter().map(|i| i.id).collect())
            .collect()
    }

    fn names(files: &[ContentFile]) -> Vec<&str> {
        files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn todays_content_round_trips_and_exports_stably() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let files: Vec<ContentFile> = CONTENT_FILES
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
                ContentFile::new(*name, text)
            })
            .collect();
        let offer = load(&files);
        let exported = to_files(&offer);
        assert_eq!(names(&exported), names(&files));
        let reloaded = load(&exported);
        assert_eq!(reloaded, offer);
        assert_eq!(ids(&reloaded), ids(&offer));
        assert_eq!(to_files(&reloaded), exported);
    }

    #[test]
    fn awkward_items_round_trip() {
        let offer = sample_offer();
        let exported = to_files(&offer);
        let reloaded = load(&exported);
        assert_eq!(reloaded, offer);
        assert_eq!(to_files(&reloaded), exported);
    }

    #[test]
    fn empty_lists_are_written_and_round_trip() {
        let mut offer = sample_offer();
        offer.hubs.clear();
        offer.categories.clear();
        offer.entitlements.clear();
        let exported = to_files(&offer);
        assert!(
            exported[2].text.contains("\nhubs = []\n"),
            "{}",
            exported[2].text
        );
        assert!(exported[0].text.contains("\ncategories = []\n"));
        assert_eq!(load(&exported), offer);
    }

    #[test]
    fn several_amounts_in_one_item_are_written_read_back_and_checked() {
        let mut offer = sample_offer();
        let mut amount = offer
            .entitlements
            .iter()
            .find_map(|e| e.amount)
            .expect("the sample has an amount");
        amount.since = None;
        amount.year = None;
        amount.year_not_stated = true;
        let item = &mut offer.entitlements[0];
        item.amount = None;
        item.amounts = ["on your 19th birthday", "on your 21st birthday"]
            .into_iter()
            .map(|label| crate::offer::LabelledAmount {
                label: label.into(),
                amount,
            })
            .collect();
        let exported = to_files(&offer);
        assert_eq!(load(&exported), offer);

        // An item with both, or a list amount without a label, is refused.
        offer.entitlements[0].amount = Some(amount);
        offer.entitlements[0].amounts[1].label = " ".into();
        let problems = crate::content::load_offer(&to_files(&offer)).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"amounts"), "{fields:?}");
        assert!(fields.contains(&"amounts[2].label"), "{fields:?}");
    }

    #[test]
    fn a_council_s_national_choices_are_written_and_read_back() {
        let mut offer = sample_offer();
        let source = offer.entitlements[0].source.clone();
        offer.national.hide.push("care-to-learn".into());
        offer.national.add.push(crate::offer::LocalAddition {
            id: "bursary-16-19".into(),
            detail: crate::offer::LocalDetail {
                text: "We add £100 for books.".into(),
                source,
                last_checked: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            },
        });
        let exported = to_files(&offer);
        assert!(
            exported[0].text.contains("[national]"),
            "{}",
            exported[0].text
        );
        assert_eq!(load(&exported), offer);
    }

    #[test]
    fn files_read_like_hand_written_ones() {
        let files = to_files(&sample_offer());
        assert!(files.iter().all(|f| f.text.starts_with(HEADER)));
        // The first entitlement, up to the blank line in its details.
        let bursary = files[1].text.split("\n\n").nth(1).unwrap();
        let expected = r#"[[entitlements]]
id = "bursary"
title = 'A "bursary" for university'
summary = "Money for university."
details = '''
First line with a backslash \ and a path C:\temp."#;
        assert_eq!(bursary, expected);
        let rest = files[1].text.split("It ends with a quote").nth(1).unwrap();
        let expected = r#": "done"'''
category = "money"
amount = { pence = 200000, frequency = "once", up_to = true, since = "2008-09-01" }
eligibility = { min_age = 18, max_age = 24, circumstances = ["university"] }
steps = [
  "Ask your PA.",
  "Fill in the form.",
]
ask = ["pa", "team"]
keywords = ["uni", "money"]
source = { title = "Local offer (Example Council)", url = "https://example.gov.uk/offer" }
last_checked = "2026-01-05"
updated = "2025-12-01"

[[entitlements]]
id = "leisure"
"#;
        assert!(rest.starts_with(expected), "{rest}");
        // Defaults are left out, as officers leave them out.
        let leisure = rest.split("id = \"leisure\"").nth(1).unwrap();
        assert!(!leisure.contains("eligibility") && !leisure.contains("steps"));
        let expected = r#"
sessions = [
  { day = "tuesday", start = "13:00", end = "16:00", what = "Drop-in with PAs" },
  { day = "friday", start = "22:00", end = "02:00", overnight = true },
]
services = [
  "Advice on money",
]
"#;
        assert!(files[2].text.contains(expected), "{}", files[2].text);
        assert!(files[0]
            .text
            .contains("\n[council]\nname = \"Example Council\"\n"));
    }
}
