//! The offer as open data, read from the real server: every HSDS document it serves is
//! valid against the official HSDS 3.0 schemas (vendored in `server/tests/hsds-3.0/`), every
//! reference between records resolves, ids stay the same from one start to the next, and
//! the feed is open (CORS), revalidates (ETag, 304) and follows an edit at once. The CSV has
//! one row per entitlement.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, ETAG, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::TestServer;

const FEED: &str = "/open-data/hsds";
/// Where the vendored schemas pretend to live, so their relative `$ref`s resolve.
const SCHEMA_BASE: &str = "https://hsds-3.0.schemas.local-offer.invalid/";

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hsds-3.0")
}

/// Loads the vendored schema a `$ref` names, never the network.
struct Vendored;

impl jsonschema::Retrieve for Vendored {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .as_str()
            .strip_prefix(SCHEMA_BASE)
            .ok_or_else(|| format!("{uri} is not one of the vendored HSDS schemas"))?;
        let text = std::fs::read_to_string(schema_dir().join(name))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema_dir().join(name)).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    schema["$id"] = Value::String(format!("{SCHEMA_BASE}{name}"));
    jsonschema::options()
        .with_retriever(Vendored)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the vendored schema {name} builds: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, record: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid HSDS 3.0:\n{}",
        errors.join("\n")
    );
}

async fn get(server: &TestServer, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let res = reqwest::get(format!("{}{path}", server.url)).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, json)
}

/// Every record of a list endpoint, walking its pages `per_page` at a time, each page
/// checked as HSDS's `Page` and each item against `item_schema`.
async fn walk(
    server: &TestServer,
    endpoint: &str,
    per_page: usize,
    item_schema: &jsonschema::Validator,
) -> Vec<Value> {
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let (status, headers, body) = get(
            server,
            &format!("{FEED}/{endpoint}?page={page}&per_page={per_page}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{endpoint} page {page}");
        assert_eq!(headers[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let contents = body["contents"].as_array().unwrap().clone();
        assert_eq!(body["page_number"], page);
        assert_eq!(body["size"], contents.len());
        assert_eq!(body["first_page"], page == 1);
        assert!(contents.len() <= per_page);
        for item in &contents {
            assert_valid(item_schema, item, &format!("an item of {endpoint}"));
        }
        all.extend(contents);
        if body["last_page"] == true {
            assert_eq!(
                body["total_items"],
                all.len(),
                "{endpoint}: every item once"
            );
            return all;
        }
        page += 1;
    }
}

/// Every id of every record in `value`, nested ones too.
fn ids_in(value: &Value, ids: &mut HashSet<String>) {
    match value {
        Value::Object(fields) => {
            if let Some(Value::String(id)) = fields.get("id") {
                ids.insert(id.clone());
            }
            fields.values().for_each(|v| ids_in(v, ids));
        }
        Value::Array(items) => items.iter().for_each(|v| ids_in(v, ids)),
        _ => {}
    }
}

/// Every reference (`*_id`, and an attribute's `link_id`) in `value`, with its field name.
fn references_in(value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                if key.ends_with("_id") {
                    if let Value::String(id) = v {
                        out.push((key.clone(), id.clone()));
                    }
                }
                references_in(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references_in(v, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_hsds_document_is_valid_and_every_reference_resolves() {
    let server = TestServer::start().await;
    let service = validator("service.json");
    let organization = validator("organization.json");
    let location = validator("location.json");
    let service_at_location = validator("service_at_location.json");
    let taxonomy = validator("taxonomy.json");
    let taxonomy_term = validator("taxonomy_term.json");

    // The schemas really check: a record without a status, or with an id that is not a
    // UUID, is refused.
    let mut broken = serde_json::json!({"id": "9a3a3d3e-8f0b-5b1e-9c2d-1f2e3d4c5b6a", "name": "A", "status": "active"});
    assert_valid(&service, &broken, "a minimal service");
    broken["id"] = "not-a-uuid".into();
    assert!(!service.is_valid(&broken), "an id that is not a UUID");
    broken["id"] = "9a3a3d3e-8f0b-5b1e-9c2d-1f2e3d4c5b6a".into();
    broken.as_object_mut().unwrap().remove("status");
    assert!(!service.is_valid(&broken), "a service without a status");

    // What the API is, who publishes it and under which licence.
    let (status, headers, root) = get(&server, &format!("{FEED}/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(root["version"], "3.0");
    assert!(root["openapi_url"]
        .as_str()
        .unwrap()
        .ends_with("/api/openapi.json"));
    assert_eq!(root["licence_name"], "Open Government Licence v3.0");
    assert_eq!(root["publisher"], "Cheshire East Council");

    // The whole offer as one document: every service, fully nested.
    let (status, _, whole) = get(&server, &format!("{FEED}/offer.json")).await;
    assert_eq!(status, StatusCode::OK);
    let services = whole.as_array().unwrap();
    let offer = server.council().content.current().offer.clone();
    assert_eq!(
        services.len(),
        offer.entitlements.len() + offer.groups.len() + offer.hubs.len(),
        "every entitlement, group and hub"
    );
    for s in services {
        assert_valid(&service, s, &format!("service {}", s["name"]));
    }

    // The lists, page by page, and each record by its id.
    let listed = walk(
        &server,
        "services",
        7,
        &validator("compiled-service_list.json"),
    )
    .await;
    assert_eq!(listed.len(), services.len());
    for s in &listed {
        let (status, _, full) = get(
            &server,
            &format!("{FEED}/services/{}", s["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_valid(&service, &full, "a service by its id");
        assert_eq!(full["name"], s["name"]);
    }
    let organizations = walk(
        &server,
        "organizations",
        50,
        &validator("compiled-organization_list.json"),
    )
    .await;
    assert_eq!(organizations.len(), 1, "the council");
    let (_, _, council) = get(
        &server,
        &format!(
            "{FEED}/organizations/{}",
            organizations[0]["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_valid(&organization, &council, "the council");
    assert_eq!(
        council["contacts"].as_array().unwrap().len(),
        offer.contacts.len(),
        "every contact"
    );
    let places = walk(&server, "locations", 2, &location).await;
    assert_eq!(places.len(), offer.hubs.len());
    for place in &places {
        let (_, _, full) = get(
            &server,
            &format!("{FEED}/locations/{}", place["id"].as_str().unwrap()),
        )
        .await;
        assert_valid(&location, &full, "a hub");
        assert_eq!(
            full["schedules"].as_array().unwrap().len(),
            offer
                .hubs
                .iter()
                .find(|h| h.name == full["name"])
                .unwrap()
                .sessions
                .len(),
            "each weekly session"
        );
    }
    let at = walk(
        &server,
        "service_at_locations",
        3,
        &validator("compiled-service_at_location_list.json"),
    )
    .await;
    for link in &at {
        let (_, _, full) = get(
            &server,
            &format!(
                "{FEED}/service_at_locations/{}",
                link["id"].as_str().unwrap()
            ),
        )
        .await;
        assert_valid(&service_at_location, &full, "a service at a hub");
    }
    let taxonomies = walk(&server, "taxonomies", 50, &taxonomy).await;
    let terms = walk(&server, "taxonomy_terms", 10, &taxonomy_term).await;

    // Every reference resolves to a record the feed publishes.
    let mut ids = HashSet::new();
    for document in [
        &whole,
        &council,
        &Value::Array(places.clone()),
        &Value::Array(taxonomies),
        &Value::Array(terms),
    ] {
        ids_in(document, &mut ids);
    }
    let mut references = Vec::new();
    references_in(&whole, &mut references);
    references_in(&council, &mut references);
    assert!(references.len() > 100, "the records point at each other");
    for (field, id) in &references {
        assert!(ids.contains(id), "{field} {id} points at nothing");
    }

    // An id the feed does not have, and a page that is not a number.
    let (status, _, body) = get(&server, &format!("{FEED}/services/not-an-id")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");
    let (status, _, body) = get(&server, &format!("{FEED}/services?page=first")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "bad_request");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ids_are_the_same_from_one_start_to_the_next_and_filters_combine() {
    let first = TestServer::start().await;
    let second = TestServer::start().await;
    let (_, _, a) = get(&first, &format!("{FEED}/offer.json")).await;
    let (_, _, b) = get(&second, &format!("{FEED}/offer.json")).await;
    let mut ids_a = HashSet::new();
    let mut ids_b = HashSet::new();
    ids_in(&a, &mut ids_a);
    ids_in(&b, &mut ids_b);
    assert_eq!(ids_a, ids_b, "the same content gives the same ids");
    assert_eq!(a, b, "and the same document");

    // The education theme's term: only services in that theme, and a search within them.
    let (_, _, terms) = get(&first, &format!("{FEED}/taxonomy_terms?per_page=500")).await;
    let money = terms["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "education")
        .expect("an education theme")
        .clone();
    let term = money["id"].as_str().unwrap();
    let (_, _, in_theme) = get(
        &first,
        &format!("{FEED}/services?per_page=500&taxonomy_term_id={term}"),
    )
    .await;
    let offer = first.council().content.current().offer.clone();
    assert_eq!(
        in_theme["total_items"],
        offer.in_category("education").count()
    );
    let (_, _, both) = get(
        &first,
        &format!("{FEED}/services?per_page=500&taxonomy_term_id={term}&search=university"),
    )
    .await;
    let names: Vec<&str> = both["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty());
    for name in &names {
        let e = offer
            .entitlements
            .iter()
            .find(|e| e.title == *name)
            .unwrap();
        assert_eq!(e.category, "education");
        assert!(format!("{} {} {}", e.title, e.summary, e.details)
            .to_lowercase()
            .contains("university"));
    }
    first.stop().await;
    second.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_feed_revalidates_and_follows_an_edit_at_once() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let url = format!("{}{FEED}/offer.json", server.url);
    let res = client.get(&url).send().await.unwrap();
    let etag = res.headers()[ETAG].to_str().unwrap().to_string();
    assert!(res.headers().contains_key(LAST_MODIFIED));
    let res = client
        .get(&url)
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    // An officer edits a title: the feed has it, with a new ETag, as soon as it is read.
    let file = server.content_dir.join("entitlements.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let first_title = server.council().content.current().offer.entitlements[0]
        .title
        .clone();
    std::fs::write(
        &file,
        text.replacen(&first_title, "Money to set up your first home", 1),
    )
    .unwrap();
    server.publish_content().await.unwrap();
    let changed = server
        .eventually(|| async {
            let res = client
                .get(&url)
                .header(IF_NONE_MATCH, &etag)
                .send()
                .await
                .unwrap();
            res.status() == StatusCode::OK
                && res
                    .text()
                    .await
                    .unwrap()
                    .contains("Money to set up your first home")
        })
        .await;
    assert!(changed, "the edit reached the feed");
    tokio::time::sleep(Duration::from_millis(10)).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_csv_has_one_row_per_entitlement() {
    let server = TestServer::start().await;
    let res = reqwest::get(format!("{}/open-data/offer.csv", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = res.bytes().await.unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let offer = server.council().content.current().offer.clone();
    assert_eq!(rows.len(), offer.entitlements.len());
    for (row, e) in rows.iter().zip(&offer.entitlements) {
        assert_eq!(&row[0], e.id);
        assert_eq!(&row[15], e.last_checked.to_string());
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hub_calendar_parses_and_matches_the_hub_pages() {
    use icalendar::{Component, EventLike};
    // The shipped hub publishes no times yet: this copy of the content gives it two.
    let server = TestServer::start_with(crate::common::Backend::Sqlite, |config| {
        let hubs = config.content_dir.join("hubs.toml");
        let mut text = std::fs::read_to_string(&hubs).unwrap();
        text.push_str(
            "\n[[hubs.sessions]]\nday = \"tuesday\"\nstart = \"13:00\"\nend = \"16:00\"\nwhat = \"Drop-in\"\n\n[[hubs.sessions]]\nday = \"thursday\"\nstart = \"10:00\"\nend = \"12:30\"\n",
        );
        std::fs::write(&hubs, text).unwrap();
    })
    .await;
    let offer = server.council().content.current().offer.clone();
    let res = reqwest::get(format!("{}/hubs.ics", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let text = res.text().await.unwrap();
    let calendar: icalendar::Calendar = text.parse().expect("a real iCalendar library reads it");
    assert_eq!(calendar.get_timezone(), Some("Europe/London"));
    assert!(
        text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"),
        "the zone is defined"
    );
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let sessions: usize = offer.hubs.iter().map(|h| h.sessions.len()).sum();
    assert_eq!(sessions, 2);
    assert_eq!(events.len(), sessions, "one weekly event per session");
    for hub in &offer.hubs {
        for session in &hub.sessions {
            let uid_start = format!(
                "{}-{}-",
                hub.id,
                offer_core::offer::weekday_slug(session.day)
            );
            let event = events
                .iter()
                .find(|e| {
                    e.get_uid().is_some_and(|u| {
                        u.starts_with(&uid_start)
                            && u.contains(&offer_core::dates::compact_clock(session.start))
                    })
                })
                .unwrap_or_else(|| panic!("an event for {} on {:?}", hub.id, session.day));
            let rule = event.property_value("RRULE").unwrap();
            assert_eq!(
                rule,
                format!(
                    "FREQ=WEEKLY;BYDAY={}",
                    local_offer_server::hsds::byday(session.day)
                )
            );
            match event.get_start() {
                Some(icalendar::DatePerhapsTime::DateTime(
                    icalendar::CalendarDateTime::WithTimezone { date_time, tzid },
                )) => {
                    assert_eq!(tzid, "Europe/London");
                    assert_eq!(date_time.time(), session.start, "the hub page's start time");
                    assert_eq!(chrono::Datelike::weekday(&date_time.date()), session.day);
                }
                other => panic!("a start in Europe/London time, not {other:?}"),
            }
            assert!(event.get_location().unwrap().contains(&hub.postcode));
        }
    }
    // One hub alone, and the app's own hub page still served beside it.
    let hub = &offer.hubs[0];
    let res = reqwest::get(format!("{}/hubs/{}.ics", server.url, hub.id))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let one: icalendar::Calendar = res.text().await.unwrap().parse().unwrap();
    assert_eq!(one.events().count(), hub.sessions.len());
    let page = reqwest::get(format!("{}/hubs/{}", server.url, hub.id))
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text().await.unwrap().contains("<title>app</title>"),
        "the app's page"
    );
    let missing = reqwest::get(format!("{}/hubs/no-such-hub.ics", server.url))
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_plain_page_explains_the_api_with_no_script() {
    let server = TestServer::start().await;
    for path in ["/api/"] {
        let res = reqwest::get(format!("{}{path}", server.url)).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("Open Government Licence v3.0"));
        assert!(html.contains("href=\"/api/openapi.json\""));
        assert!(html.contains("Cheshire East Council"));
        assert!(!html.contains("<script"), "no script at all");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_district_s_own_items_name_their_district_in_the_feed() {
    let server = TestServer::start().await;
    // A two-tier council's offer: two districts, one item and one team for one of them.
    let mut offer = crate::common::two_tier(server.council().content.own());
    offer.entitlements[0].eligibility.districts = vec!["pendle".into()];
    // A team with a phone: the phone's description says where the team is for.
    let at = offer
        .contacts
        .iter()
        .position(|c| c.phone.is_some())
        .unwrap();
    let team = offer.contacts[at].id.clone();
    offer.contacts[at].districts = vec!["preston".into()];
    server.publish_offer(&offer).await.unwrap();
    let served = server
        .eventually(|| async {
            !server
                .council()
                .content
                .current()
                .offer
                .council
                .districts
                .is_empty()
        })
        .await;
    assert!(served, "the districts were published");

    let (_, _, whole) = get(&server, &format!("{FEED}/offer.json")).await;
    let service = validator("service.json");
    let services = whole.as_array().unwrap();
    for s in services {
        assert_valid(&service, s, &format!("service {}", s["name"]));
    }
    let title = &offer.entitlements[0].title;
    let limited = services.iter().find(|s| &s["name"] == title).unwrap();
    assert!(limited["eligibility_description"]
        .as_str()
        .unwrap()
        .ends_with("Only for young people who live in Pendle."));
    assert_eq!(limited["service_areas"][0]["name"], "Pendle");
    assert_eq!(
        limited["service_areas"][0]["description"],
        "The area of Pendle Council."
    );
    let others: Vec<&Value> = services.iter().filter(|s| &s["name"] != title).collect();
    assert!(
        others.iter().all(|s| s.get("service_areas").is_none()),
        "the rest are for the whole area"
    );
    // The team's phone says where it is for, wherever it is listed.
    let text = serde_json::to_string(&whole).unwrap();
    let team_name = &offer.contact(&team).unwrap().name;
    assert!(text.contains(team_name), "{team} is in the feed");
    assert!(text.contains("Only for young people who live in Preston."));
    server.stop().await;
}
