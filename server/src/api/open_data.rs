//! The offer as open data, for anyone: the Open Referral HSDS 3.0 API under
//! `/open-data/hsds/` (the records come from `crate::hsds`), the whole offer as one HSDS
//! document, and the entitlements as CSV. Open, no key, `Access-Control-Allow-Origin: *`,
//! published under the Open Government Licence; every document has a strong `ETag` (so
//! `If-None-Match` gets 304) and a `Last-Modified`.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG,
    LAST_MODIFIED, LINK,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use offer_core::Offer;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiError;
use crate::hsds::{list_form, Feed, LICENCE, PROFILE, VERSION};
use crate::state::AppState;
use crate::static_files::if_none_match_matches;
use crate::tenants::Tenant;

/// Records on a page when the caller does not say.
pub const PER_PAGE: usize = 50;
/// The most records on one page.
pub const MAX_PER_PAGE: usize = 500;

/// The open-data routes, to nest under `/open-data`.
pub fn router() -> Router<Arc<AppState>> {
    let mut router = Router::new();
    for (path, records) in [
        ("services", Records::Services),
        ("organizations", Records::Organizations),
        ("locations", Records::Locations),
        ("service_at_locations", Records::ServiceAtLocations),
        ("taxonomies", Records::Taxonomies),
        ("taxonomy_terms", Records::TaxonomyTerms),
    ] {
        router = router
            .route(
                &format!("/hsds/{path}"),
                get(
                    move |council: Tenant, headers: HeaderMap, Query(query): Query<ListQuery>| {
                        list(records, council, headers, query)
                    },
                ),
            )
            .route(
                &format!("/hsds/{path}/{{id}}"),
                get(
                    move |council: Tenant, headers: HeaderMap, Path(id): Path<String>| {
                        one(records, council, headers, id)
                    },
                ),
            );
    }
    router
        .route("/hsds", get(root))
        .route("/hsds/", get(root))
        .route("/hsds/offer.json", get(whole))
        .route("/offer.csv", get(csv))
}

/// The hub sessions' calendar feeds, `/hubs.ics` and `/hubs/{id}.ics`, beside the app's own
/// hub pages (any other `/hubs/...` address is the app's).
pub fn calendar_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/hubs.ics", get(every_hub_calendar))
        .route("/hubs/{file}", get(one_hub_calendar))
}

/// `GET /hubs.ics`: every hub's weekly sessions.
async fn every_hub_calendar(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    headers: HeaderMap,
) -> Response {
    let offer = &council.content.current().offer;
    calendar(&state, &headers, offer, None)
}

/// `GET /hubs/{id}.ics`: one hub's weekly sessions; any other address under `/hubs/` is a
/// page of the app.
async fn one_hub_calendar(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    Path(file): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let Some(id) = file.strip_suffix(".ics") else {
        return Ok(crate::static_files::serve_app(State(state), council, request).await);
    };
    let content = council.content.current();
    let hub = content.offer.hub(id).ok_or(ApiError::NotFound(
        "There is no hub with this id in the offer.",
    ))?;
    Ok(calendar(
        &state,
        request.headers(),
        &content.offer,
        Some(hub),
    ))
}

fn calendar(
    state: &AppState,
    headers: &HeaderMap,
    offer: &Offer,
    one: Option<&offer_core::offer::Hub>,
) -> Response {
    let today = offer_core::working_days::uk_local(state.config.clock.now()).date();
    let text = crate::hub_calendar::feed(offer, one, &state.config.base_url(), today);
    document(
        headers,
        offer,
        "text/calendar; charset=utf-8",
        text.into_bytes(),
    )
}

/// The day the offer last changed as far as its own dates say: the newest "last checked",
/// "updated" or "last reviewed" date. The same on every server copy, unlike a load time.
pub fn last_changed(offer: &Offer) -> NaiveDate {
    let mut newest = offer.council.last_reviewed;
    for e in &offer.entitlements {
        newest = newest
            .max(e.last_checked)
            .max(e.updated.unwrap_or(e.last_checked));
    }
    for day in offer
        .hubs
        .iter()
        .map(|h| h.last_checked)
        .chain(offer.contacts.iter().map(|c| c.last_checked))
        .chain(offer.groups.iter().map(|g| g.last_checked))
    {
        newest = newest.max(day);
    }
    newest
}

/// A document with the feed's headers, or 304 when the caller has this version.
fn document(
    request: &HeaderMap,
    offer: &Offer,
    content_type: &'static str,
    body: Vec<u8>,
) -> Response {
    let etag = format!("\"{}\"", &crate::hex::sha256_hex(&body)[..32]);
    let modified: DateTime<Utc> = last_changed(offer)
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    let mut headers = HeaderMap::new();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        ETAG,
        HeaderValue::from_str(&etag).expect("a hex ETag is a valid header"),
    );
    headers.insert(
        LAST_MODIFIED,
        HeaderValue::from_str(&modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
            .expect("an HTTP date is a valid header"),
    );
    headers.insert(
        LINK,
        HeaderValue::from_str(&format!("<{LICENCE}>; rel=\"license\""))
            .expect("the licence's address is a valid header"),
    );
    if if_none_match_matches(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    (StatusCode::OK, headers, body).into_response()
}

fn json_document(request: &HeaderMap, offer: &Offer, value: &Value) -> Response {
    let body = serde_json::to_vec(value).expect("JSON values always serialise");
    document(request, offer, "application/json", body)
}

/// `GET /open-data/hsds/`: what this API is, as HSDS asks, and who publishes it under
/// which licence.
async fn root(State(state): State<Arc<AppState>>, council: Tenant, headers: HeaderMap) -> Response {
    let offer = &council.content.current().offer;
    let base = state.config.base_url();
    json_document(
        &headers,
        offer,
        &json!({
            "version": VERSION,
            "profile": PROFILE,
            "openapi_url": format!("{base}/api/openapi.json"),
            "publisher": offer.council.name,
            "licence": LICENCE,
            "licence_name": "Open Government Licence v3.0",
            "whole_offer": format!("{base}/open-data/hsds/offer.json"),
        }),
    )
}

/// `GET /open-data/hsds/offer.json`: every service, fully nested: the whole offer as one
/// HSDS document (a list of services, as HSDS's `service_package` has it).
async fn whole(_: State<Arc<AppState>>, council: Tenant, headers: HeaderMap) -> Response {
    let offer = &council.content.current().offer;
    let feed = Feed::of(offer);
    json_document(&headers, offer, &Value::Array(feed.services))
}

/// The query every list takes. HSDS's filters combine: a record must match them all.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    page: Option<String>,
    per_page: Option<String>,
    search: Option<String>,
    taxonomy_term_id: Option<String>,
    taxonomy_id: Option<String>,
    organization_id: Option<String>,
    modified_after: Option<String>,
}

impl ListQuery {
    fn number(text: &Option<String>, what: &'static str) -> Result<Option<usize>, ApiError> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => t
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(Some)
                .ok_or(ApiError::BadRequest(what)),
        }
    }

    /// The page (from 1) and its size.
    fn paging(&self) -> Result<(usize, usize), ApiError> {
        let page = Self::number(&self.page, "page must be a whole number from 1")?.unwrap_or(1);
        let per_page = Self::number(
            &self.per_page,
            "per_page must be a whole number from 1 to 500",
        )?
        .unwrap_or(PER_PAGE);
        if per_page > MAX_PER_PAGE {
            return Err(ApiError::BadRequest(
                "per_page must be a whole number from 1 to 500",
            ));
        }
        Ok((page, per_page))
    }

    /// The time `modified_after` names (a date or a date and time).
    fn modified_after(&self) -> Result<Option<DateTime<Utc>>, ApiError> {
        let Some(text) = self.modified_after.as_deref().map(str::trim) else {
            return Ok(None);
        };
        if text.is_empty() {
            return Ok(None);
        }
        if let Ok(time) = DateTime::parse_from_rfc3339(text) {
            return Ok(Some(time.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|d| Some(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()))
            .map_err(|_| {
                ApiError::BadRequest(
                    "modified_after must be a date like 2026-11-01, or a date and time",
                )
            })
    }

    /// True when `record` (a full service) matches every filter given.
    fn keeps(&self, record: &Value, feed: &Feed, after: Option<DateTime<Utc>>) -> bool {
        let text = |v: &Value| v.as_str().unwrap_or("").to_lowercase();
        let search = self
            .search
            .as_deref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let terms: Vec<&Value> = record["attributes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|attribute| &attribute["taxonomy_term_id"])
                    .collect()
            })
            .unwrap_or_default();
        let in_taxonomy = |taxonomy: &str| {
            terms.iter().any(|term| {
                feed.taxonomy_terms
                    .iter()
                    .any(|t| &&t["id"] == term && t["taxonomy_id"] == taxonomy)
            })
        };
        search.is_none_or(|s| {
            text(&record["name"]).contains(&s) || text(&record["description"]).contains(&s)
        }) && self
            .taxonomy_term_id
            .as_deref()
            .is_none_or(|id| id.is_empty() || terms.iter().any(|t| *t == id))
            && self
                .taxonomy_id
                .as_deref()
                .is_none_or(|id| id.is_empty() || in_taxonomy(id))
            && self
                .organization_id
                .as_deref()
                .is_none_or(|id| id.is_empty() || record["organization_id"] == id)
            && after.is_none_or(|after| {
                record["last_modified"]
                    .as_str()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .is_some_and(|t| t >= after)
            })
    }
}

/// One page of `records` as HSDS's `Page`.
fn page_of(records: Vec<Value>, page: usize, per_page: usize) -> Value {
    let total_items = records.len();
    let total_pages = total_items.div_ceil(per_page).max(1);
    let contents: Vec<Value> = records
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    json!({
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page,
        "size": contents.len(),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// A list endpoint: `records` filtered by the query where `filtered`, paged, in list form.
/// The HSDS collections the feed publishes, each a list and a record by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Records {
    Services,
    Organizations,
    Locations,
    ServiceAtLocations,
    Taxonomies,
    TaxonomyTerms,
}

impl Records {
    /// The collection's records that match `query`, in their list form.
    fn listed(self, feed: &Feed, query: &ListQuery) -> Result<Vec<Value>, ApiError> {
        let records: Vec<Value> = match self {
            Records::Services => {
                let after = query.modified_after()?;
                feed.services
                    .iter()
                    .filter(|s| query.keeps(s, feed, after))
                    .map(list_form)
                    .collect()
            }
            Records::Organizations => vec![list_form(&feed.organization)],
            Records::Locations => feed.locations.iter().map(list_form).collect(),
            // A service at a location lists with its place, and only where its service
            // matches the filters.
            Records::ServiceAtLocations => {
                let after = query.modified_after()?;
                feed.service_at_locations
                    .iter()
                    .filter(|at| {
                        feed.services
                            .iter()
                            .find(|s| s["id"] == at["service_id"])
                            .is_some_and(|s| query.keeps(s, feed, after))
                    })
                    .map(|at| {
                        let mut item = list_form(at);
                        item["location"] = list_form(&at["location"]);
                        item
                    })
                    .collect()
            }
            Records::Taxonomies => feed.taxonomies.iter().map(list_form).collect(),
            Records::TaxonomyTerms => feed
                .taxonomy_terms
                .iter()
                .filter(|t| {
                    query
                        .taxonomy_id
                        .as_deref()
                        .is_none_or(|id| id.is_empty() || t["taxonomy_id"] == id)
                })
                .map(list_form)
                .collect(),
        };
        Ok(records)
    }

    /// The record with this id, fully nested.
    fn by_id(self, feed: &Feed, id: &str) -> Option<Value> {
        let find = |records: &[Value]| records.iter().find(|r| r["id"] == id).cloned();
        match self {
            Records::Services => find(&feed.services),
            Records::Organizations => find(std::slice::from_ref(&feed.organization)),
            Records::Locations => find(&feed.locations),
            Records::ServiceAtLocations => {
                find(&feed.service_at_locations).map(|at| feed.full_service_at_location(&at))
            }
            Records::Taxonomies => find(&feed.taxonomies),
            Records::TaxonomyTerms => find(&feed.taxonomy_terms),
        }
    }
}

/// `GET /open-data/hsds/{collection}`: one page of it.
async fn list(
    records: Records,
    council: Tenant,
    headers: HeaderMap,
    query: ListQuery,
) -> Result<Response, ApiError> {
    let offer = &council.content.current().offer;
    let listed = records.listed(&Feed::of(offer), &query)?;
    let (page, per_page) = query.paging()?;
    Ok(json_document(
        &headers,
        offer,
        &page_of(listed, page, per_page),
    ))
}

/// `GET /open-data/hsds/{collection}/{id}`: one record, or 404.
async fn one(
    records: Records,
    council: Tenant,
    headers: HeaderMap,
    id: String,
) -> Result<Response, ApiError> {
    let offer = &council.content.current().offer;
    let record = records
        .by_id(&Feed::of(offer), &id)
        .ok_or(ApiError::NotFound(
            "There is no record with this id in the offer.",
        ))?;
    Ok(json_document(&headers, offer, &record))
}

/// `GET /open-data/offer.csv`: one row per entitlement, UTF-8 with a byte order mark for
/// Excel, every cell that a spreadsheet would read as a formula made harmless.
async fn csv(
    _: State<Arc<AppState>>,
    council: Tenant,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let offer = &council.content.current().offer;
    let bytes = crate::offer_csv::entitlements(offer)?;
    let mut response = document(&headers, offer, "text/csv; charset=utf-8", bytes);
    if response.status() == StatusCode::OK {
        response.headers_mut().insert(
            CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"local-offer.csv\""),
        );
    }
    Ok(response)
}
