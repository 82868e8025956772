//! `server/openapi.json` is a valid OpenAPI 3.1 document, and the real server answers as it
//! says: every documented operation is called, every answer's status is documented for
//! that operation, its body is valid against the documented schema (HSDS's own schemas for
//! the open data) and its documented headers are there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use reqwest::header::{HeaderMap, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{Backend, TestServer};
use local_offer_server::config::RateLimit;

const DOC_URI: &str = "https://local-offer.invalid/api/openapi.json";
const HSDS_URI: &str = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";
const OAS_URI: &str = "https://spec.openapis.org/oas/3.1/schema/WORK-IN-PROGRESS";

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn document() -> Value {
    serde_json::from_str(local_offer_server::api::OPENAPI).expect("openapi.json is JSON")
}

/// The document itself and the vendored HSDS schemas, each under the URI that `$ref`s use,
/// so nothing is ever fetched from the network.
fn registry() -> &'static jsonschema::Registry<'static> {
    static REGISTRY: std::sync::OnceLock<jsonschema::Registry<'static>> =
        std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut resources = vec![(
            DOC_URI.to_string(),
            jsonschema::Resource::from_contents(document()),
        )];
        for entry in std::fs::read_dir(tests_dir().join("hsds-3.0")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".json") && !name.starts_with("compiled-") {
                let contents: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                resources.push((
                    format!("{HSDS_URI}{name}"),
                    jsonschema::Resource::from_contents(contents),
                ));
            }
        }
        jsonschema::Registry::new()
            .extend(resources)
            .and_then(|builder| builder.prepare())
            .expect("the document and the HSDS schemas make a registry")
    })
}

/// A validator for the schema at `pointer` (a JSON pointer) in the document.
fn validator_at(pointer: &str) -> jsonschema::Validator {
    // A JSON pointer in a URI's fragment: braces (from path templates) are percent-encoded.
    let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
    let root = json!({ "$ref": format!("{DOC_URI}#{fragment}") });
    jsonschema::options()
        .with_registry(registry())
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("the schema at {pointer} builds: {e}"))
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The documented path template that `path` matches.
fn template_for<'a>(doc: &'a Value, path: &str) -> Option<&'a str> {
    let path = path.split('?').next().unwrap();
    let wanted: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            parts.len() == wanted.len()
                && parts
                    .iter()
                    .zip(&wanted)
                    .all(|(t, w)| match (t.find('{'), t.find('}')) {
                        (Some(open), Some(close)) => {
                            let (before, after) = (&t[..open], &t[close + 1..]);
                            w.len() > before.len() + after.len()
                                && w.starts_with(before)
                                && w.ends_with(after)
                        }
                        _ => t == w,
                    })
        })
}

/// Follows a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) if reference.starts_with("#/") => doc
            .pointer(&reference[1..])
            .unwrap_or_else(|| panic!("{reference} resolves")),
        _ => value,
    }
}

struct Checker {
    doc: Value,
    client: reqwest::Client,
    called: BTreeSet<String>,
}

impl Checker {
    /// Makes a request and checks the answer against the document; returns it.
    async fn call(
        &mut self,
        server: &TestServer,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, String)>,
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", server.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some((content_type, text)) = body {
            request = request.header(CONTENT_TYPE, content_type).body(text);
        }
        let res = request.send().await.unwrap();
        let status = res.status();
        let got = res.headers().clone();
        let bytes = res.bytes().await.unwrap().to_vec();
        let what = format!("{method} {path} answered {status}");

        let template = template_for(&self.doc, path)
            .unwrap_or_else(|| panic!("{what}: the path is not documented"))
            .to_string();
        let verb = method.as_str().to_lowercase();
        let operation = &self.doc["paths"][&template][&verb];
        assert!(
            operation.is_object(),
            "{what}: the operation is not documented"
        );
        self.called.insert(format!("{verb} {template}"));
        let documented = &operation["responses"][status.as_str()];
        assert!(
            documented.is_object(),
            "{what}: this status is not documented"
        );
        let response = resolve(&self.doc, documented);
        for (name, header) in response["headers"].as_object().into_iter().flatten() {
            let header = resolve(&self.doc, header);
            let value = got
                .get(name.as_str())
                .map(|v| v.to_str().unwrap().to_string());
            if header["required"] == true {
                assert!(value.is_some(), "{what}: the {name} header is missing");
            }
            if let (Some(value), Some(constant)) = (&value, header["schema"]["const"].as_str()) {
                assert_eq!(value, constant, "{what}: the {name} header");
            }
        }
        match response["content"].as_object() {
            None => assert!(bytes.is_empty(), "{what}: a body that is not documented"),
            Some(content) => {
                let media = got[CONTENT_TYPE].to_str().unwrap();
                let essence = media.split(';').next().unwrap().trim();
                assert!(
                    content.contains_key(essence),
                    "{what}: {essence} is not a documented content type"
                );
                if essence == "application/json" {
                    let json: Value = serde_json::from_slice(&bytes).unwrap();
                    let responses = format!(
                        "/paths/{}/{verb}/responses/{}",
                        escape(&template),
                        status.as_str()
                    );
                    // The response may itself be a $ref to components.
                    let base = match documented["$ref"].as_str() {
                        Some(r) => r[1..].to_string(),
                        None => responses,
                    };
                    let pointer = format!("{base}/content/application~1json/schema");
                    let errors: Vec<String> = validator_at(&pointer)
                        .iter_errors(&json)
                        .map(|e| format!("{e} at {}", e.instance_path()))
                        .collect();
                    assert!(errors.is_empty(), "{what}: {}", errors.join("\n"));
                }
            }
        }
        (status, got, bytes)
    }
}

#[test]
fn the_description_is_valid_openapi_3_1() {
    let text = std::fs::read_to_string(tests_dir().join("openapi-3.1/schema.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    schema["$id"] = json!(OAS_URI);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the OpenAPI 3.1 schema builds");
    let doc = document();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // And the check can fail: a document without its version is not OpenAPI.
    let mut broken = doc.clone();
    broken.as_object_mut().unwrap().remove("openapi");
    assert!(!validator.is_valid(&broken));
    // The response schemas check too: an offer without its parts is not an offer.
    assert!(!validator_at("/components/schemas/Offer").is_valid(&json!({})));
    // Every schema it names builds, its own and HSDS's.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (verb, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if resolve(&doc, response)["content"]["application/json"].is_object() {
                    let base = match response["$ref"].as_str() {
                        Some(r) => r[1..].to_string(),
                        None => format!("/paths/{}/{verb}/responses/{status}", escape(path)),
                    };
                    validator_at(&format!("{base}/content/application~1json/schema"));
                }
            }
        }
    }
}

const FEEDBACK: &str = r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"feedback","about":"app","rating":4,"text":"TEXT"}"#;

fn feedback(id: &str, text: &str) -> String {
    FEEDBACK.replace("ID", id).replace("TEXT", text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_real_server_answers_as_the_description_says() {
    // A hub with weekly sessions, so the calendar has events.
    let server = TestServer::start_with(Backend::Sqlite, |config| {
        let hubs = config.content_dir.join("hubs.toml");
        let mut text = std::fs::read_to_string(&hubs).unwrap();
        text.push_str(
            "\n[[hubs.sessions]]\nday = \"tuesday\"\nstart = \"13:00\"\nend = \"16:00\"\n",
        );
        std::fs::write(&hubs, text).unwrap();
    })
    .await;
    let mut check = Checker {
        doc: document(),
        client: reqwest::Client::new(),
        called: BTreeSet::new(),
    };
    let json = "application/json";

    check
        .call(&server, Method::GET, "/api/health", &[], None)
        .await;
    check
        .call(&server, Method::GET, "/api/languages", &[], None)
        .await;
    let (_, headers, _) = check
        .call(&server, Method::GET, "/api/offer", &[], None)
        .await;
    let etag = headers[ETAG].to_str().unwrap().to_string();
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            "/api/offer",
            &[(IF_NONE_MATCH.as_str(), &etag)],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    check
        .call(&server, Method::GET, "/api/openapi.json", &[], None)
        .await;
    // The shipped content has draft Arabic for some items.
    let (status, headers, body) = check
        .call(&server, Method::GET, "/api/translations/ar", &[], None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("\"from\""), "{body:.300}");
    let etag = headers[ETAG].to_str().unwrap().to_string();
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            "/api/translations/ar",
            &[(IF_NONE_MATCH.as_str(), &etag)],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            "/api/translations/not-a-code!",
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Messages: stored, repeated, conflicting, invalid, too large, not JSON.
    let id = uuid::Uuid::new_v4().to_string();
    for (body, expected) in [
        (feedback(&id, "The map helped"), StatusCode::CREATED),
        (feedback(&id, "The map helped"), StatusCode::OK),
        (feedback(&id, "Different words"), StatusCode::CONFLICT),
        (r#"{"id":"x"}"#.to_string(), StatusCode::BAD_REQUEST),
        ("not json".to_string(), StatusCode::BAD_REQUEST),
        (
            feedback(&uuid::Uuid::new_v4().to_string(), &"a".repeat(20_000)),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ] {
        let (status, _, _) = check
            .call(
                &server,
                Method::POST,
                "/api/messages",
                &[],
                Some((json, body)),
            )
            .await;
        assert_eq!(status, expected);
    }
    let (status, _, _) = check
        .call(
            &server,
            Method::POST,
            "/api/messages",
            &[],
            Some(("text/plain", feedback(&id, "x"))),
        )
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            &format!("/api/messages/{id}"),
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let unknown = uuid::Uuid::new_v4().to_string();
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            &format!("/api/messages/{unknown}"),
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The open data, every list and one record of each.
    let feed = "/open-data/hsds";
    let (_, headers, _) = check
        .call(&server, Method::GET, &format!("{feed}/"), &[], None)
        .await;
    let etag = headers[ETAG].to_str().unwrap().to_string();
    let (status, _, _) = check
        .call(
            &server,
            Method::GET,
            &format!("{feed}/"),
            &[(IF_NONE_MATCH.as_str(), &etag)],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    check
        .call(
            &server,
            Method::GET,
            &format!("{feed}/offer.json"),
            &[],
            None,
        )
        .await;
    for list in [
        "services",
        "organizations",
        "locations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ] {
        let (_, _, body) = check
            .call(
                &server,
                Method::GET,
                &format!("{feed}/{list}?per_page=3"),
                &[],
                None,
            )
            .await;
        let page: Value = serde_json::from_slice(&body).unwrap();
        let first = page["contents"][0]["id"].as_str().unwrap().to_string();
        let (status, _, _) = check
            .call(
                &server,
                Method::GET,
                &format!("{feed}/{list}/{first}"),
                &[],
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = check
            .call(
                &server,
                Method::GET,
                &format!("{feed}/{list}/nothing-here"),
                &[],
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = check
            .call(
                &server,
                Method::GET,
                &format!("{feed}/{list}?page=0"),
                &[],
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    check
        .call(&server, Method::GET, "/open-data/offer.csv", &[], None)
        .await;
    check
        .call(&server, Method::GET, "/hubs.ics", &[], None)
        .await;
    let hub = server.council().content.current().offer.hubs[0].id.clone();
    check
        .call(&server, Method::GET, &format!("/hubs/{hub}.ics"), &[], None)
        .await;
    let (status, _, _) = check
        .call(&server, Method::GET, "/hubs/nowhere.ics", &[], None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    server.stop().await;

    // Too fast: a server that allows one message and one status question at a time.
    let strict = TestServer::start_with(Backend::Sqlite, |config| {
        config.message_rate = RateLimit {
            per_minute: 1,
            burst: 1,
        };
        config.status_rate = RateLimit {
            per_minute: 1,
            burst: 1,
        };
    })
    .await;
    let mut answers = Vec::new();
    for _ in 0..2 {
        let body = feedback(&uuid::Uuid::new_v4().to_string(), "Quick");
        let (sent, _, _) = check
            .call(
                &strict,
                Method::POST,
                "/api/messages",
                &[],
                Some((json, body)),
            )
            .await;
        let (asked, _, _) = check
            .call(
                &strict,
                Method::GET,
                &format!("/api/messages/{unknown}"),
                &[],
                None,
            )
            .await;
        answers.push((sent, asked));
    }
    assert_eq!(
        answers[1],
        (StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS)
    );
    strict.stop().await;

    // Every documented operation was called.
    let mut documented = BTreeSet::new();
    for (path, item) in check.doc["paths"].as_object().unwrap() {
        for verb in item.as_object().unwrap().keys() {
            documented.insert(format!("{verb} {path}"));
        }
    }
    let missed: Vec<&String> = documented.difference(&check.called).collect();
    assert!(missed.is_empty(), "never called: {missed:?}");
}
