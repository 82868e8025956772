//! "You said, we did": managers and the participation lead publish what young people said
//! and what the service did. Published entries travel down inside `GET /api/offer`, so the
//! app shows them offline; entries can be edited and withdrawn.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{DateTime, NaiveDate, Utc};
use offer_core::answers::{entry_problems, ItemRef, YouSaidWeDid};
use offer_core::Offer;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::audit;
use super::inbox::about_label;
use super::pages::{not_found, render, unavailable, Errors, Layout, Opt};
use super::session::StaffUser;
use crate::db::Database;
use crate::params;
use crate::startup::AppState;

/// An entry as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry as the app gets it.
    pub entry: YouSaidWeDid,
    /// True once withdrawn (no longer sent to phones).
    pub withdrawn: bool,
}

fn entry(row: &crate::sql::Row) -> Option<Entry> {
    Some(Entry {
        entry: YouSaidWeDid {
            id: row.text(0),
            said: row.text(1),
            did: row.text(2),
            date: NaiveDate::parse_from_str(&row.text(3), "%Y-%m-%d").ok()?,
            about: row.opt_text(4).and_then(|k| ItemRef::from_key(&k)),
        },
        withdrawn: row.opt_text(5).is_some(),
    })
}

const COLUMNS: &str = "id, said, did, done_on, about, withdrawn_at";

/// Every entry, newest first; withdrawn ones too when `all`.
pub async fn list(db: &Database, all: bool) -> anyhow::Result<Vec<Entry>> {
    let filter = if all {
        ""
    } else {
        "WHERE withdrawn_at IS NULL"
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM you_said_we_did {filter} ORDER BY done_on DESC, created_at DESC"
    );
    Ok(db
        .rows(&sql, vec![])
        .await?
        .iter()
        .filter_map(entry)
        .collect())
}

/// The published entries, as they go to phones.
pub async fn published(db: &Database) -> anyhow::Result<Vec<YouSaidWeDid>> {
    Ok(list(db, false)
        .await?
        .into_iter()
        .map(|e| e.entry)
        .collect())
}

async fn by_id(db: &Database, id: &str) -> anyhow::Result<Option<Entry>> {
    let sql = format!("SELECT {COLUMNS} FROM you_said_we_did WHERE id = ?");
    Ok(db.row(&sql, params![id]).await?.as_ref().and_then(entry))
}

/// The offer's JSON with the published entries added, and its ETag. With no entries it is
/// the content's own JSON and ETag, byte for byte.
pub fn offer_json(
    content_json: &[u8],
    content_etag: &str,
    entries: &[YouSaidWeDid],
) -> (Vec<u8>, String) {
    if entries.is_empty() {
        return (content_json.to_vec(), content_etag.to_string());
    }
    let list = serde_json::to_string(entries).expect("entries always serialise");
    // The content JSON is one object: add the field before its closing brace.
    let mut json = content_json.to_vec();
    if json.last() == Some(&b'}') {
        json.pop();
        json.extend_from_slice(b",\"you_said_we_did\":");
        json.extend_from_slice(list.as_bytes());
        json.push(b'}');
    }
    let hash: String = Sha256::digest(&json)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    (json, format!("\"{hash}\""))
}

/// Who may publish: managers and the participation lead.
fn may_publish(user: &StaffUser) -> bool {
    user.account.role.publishes_you_said_we_did()
}

struct Row {
    id: String,
    said: String,
    did: String,
    date: String,
    about: String,
    withdrawn: bool,
}

#[derive(Template)]
#[template(path = "staff/you_said_we_did.html")]
struct ListPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<Row>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
    about: String,
}

/// `GET /staff/you-said-we-did`
pub async fn index(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(saved): Query<Saved>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let content = state.content.current();
    match list(&state.db, true).await {
        Ok(entries) => render(
            StatusCode::OK,
            &ListPage {
                layout: Layout::signed_in(&user, "You said, we did", "yswd").with_banner(
                    match saved.saved.as_str() {
                        "published" => Some(
                            "Published. Phones get it the next time they check the offer.".into(),
                        ),
                        "edited" => Some(
                            "Saved. Phones get the change the next time they check the offer."
                                .into(),
                        ),
                        "withdrawn" => Some(
                            "Withdrawn. Phones stop showing it the next time they check the offer."
                                .into(),
                        ),
                        _ => None,
                    },
                ),
                errors: Errors::default(),
                rows: entries
                    .into_iter()
                    .map(|e| Row {
                        about: e
                            .entry
                            .about
                            .as_ref()
                            .map(|a| about_label(&a.key(), &content.offer).0)
                            .unwrap_or_default(),
                        id: e.entry.id,
                        said: e.entry.said,
                        did: e.entry.did,
                        date: e.entry.date.format("%-d %B %Y").to_string(),
                        withdrawn: e.withdrawn,
                    })
                    .collect(),
            },
        ),
        Err(error) => unavailable(error),
    }
}

#[derive(Template)]
#[template(path = "staff/you_said_we_did_form.html")]
struct FormPage {
    layout: Layout,
    errors: Errors,
    action: String,
    said: String,
    did: String,
    date: String,
    abouts: Vec<Opt>,
    button: String,
    withdraw: Option<String>,
}

/// Everything an entry can be about, as options.
pub fn about_options(offer: &Offer, current: &str) -> Vec<Opt> {
    let mut options = vec![Opt::new("", "Nothing in particular", current)];
    options.extend(
        offer
            .entitlements
            .iter()
            .map(|e| Opt::new(format!("entitlement:{}", e.id), e.title.clone(), current)),
    );
    options.extend(
        offer
            .hubs
            .iter()
            .map(|h| Opt::new(format!("hub:{}", h.id), format!("Hub: {}", h.name), current)),
    );
    options.extend(offer.groups.iter().map(|g| {
        Opt::new(
            format!("group:{}", g.id),
            format!("Group: {}", g.name),
            current,
        )
    }));
    options
}

/// `GET /staff/you-said-we-did/new` (`?about=entitlement:ID` fills in what it is about).
pub async fn new_form(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(query): Query<Saved>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let content = state.content.current();
    let today = offer_core::working_days::uk_local(state.config.clock.now()).date();
    render(
        StatusCode::OK,
        &FormPage {
            layout: Layout::signed_in(&user, "Publish a You said, we did", "yswd"),
            errors: Errors::default(),
            action: "/staff/you-said-we-did/new".into(),
            said: String::new(),
            did: String::new(),
            date: today.to_string(),
            abouts: about_options(&content.offer, &query.about),
            button: "Publish".into(),
            withdraw: None,
        },
    )
}

/// The entry form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    said: String,
    did: String,
    date: String,
    about: String,
}

fn check(form: &EntryForm, offer: &Offer) -> (Errors, Option<NaiveDate>, Option<ItemRef>) {
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    let mut errors = Errors::default();
    for (field, message) in entry_problems(&form.said, &form.did, date) {
        errors.add(field, message);
    }
    let about = ItemRef::from_key(&form.about);
    let known = match &about {
        None => form.about.is_empty(),
        Some(ItemRef::Entitlement(id)) => offer.entitlement(id).is_some(),
        Some(ItemRef::Hub(id)) => offer.hub(id).is_some(),
        Some(ItemRef::Group(id)) => offer.group(id).is_some(),
    };
    if !known {
        errors.add("about", "Choose something from the list");
    }
    (errors, date, about)
}

fn form_again(
    user: &StaffUser,
    offer: &Offer,
    errors: Errors,
    form: &EntryForm,
    action: String,
    button: &str,
    withdraw: Option<String>,
) -> Response {
    render(
        StatusCode::BAD_REQUEST,
        &FormPage {
            layout: Layout::signed_in(
                user,
                if withdraw.is_some() {
                    "Change a You said, we did"
                } else {
                    "Publish a You said, we did"
                },
                "yswd",
            ),
            errors,
            action,
            said: form.said.clone(),
            did: form.did.clone(),
            date: form.date.clone(),
            abouts: about_options(offer, &form.about),
            button: button.into(),
            withdraw,
        },
    )
}

fn new_id() -> String {
    let token = super::accounts::random_token();
    format!("ysd-{}", &token[..12])
}

/// `POST /staff/you-said-we-did/new`
pub async fn create(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Form(form): Form<EntryForm>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let content = state.content.current();
    let (errors, date, about) = check(&form, &content.offer);
    if !errors.is_empty() {
        return form_again(
            &user,
            &content.offer,
            errors,
            &form,
            "/staff/you-said-we-did/new".into(),
            "Publish",
            None,
        );
    }
    let now: DateTime<Utc> = state.config.clock.now();
    let id = new_id();
    let result: anyhow::Result<()> = async {
        state.db.execute(
            "INSERT INTO you_said_we_did (id, said, did, done_on, about, created_at, updated_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params![&id, form.said.trim(), form.did.trim(), date.map(|d| d.to_string()), about.map(|a| a.key()), now, now, user.account.id],
        ).await?;
        state.offer_cache.changed();
        audit::write(&state.db, now, &user.actor(), "you said we did published", &id, "").await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/staff/you-said-we-did?saved=published").into_response(),
        Err(error) => unavailable(error),
    }
}

/// `GET /staff/you-said-we-did/{id}`: change an entry.
pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let content = state.content.current();
    match by_id(&state.db, &id).await {
        Ok(Some(e)) => render(
            StatusCode::OK,
            &FormPage {
                layout: Layout::signed_in(&user, "Change a You said, we did", "yswd"),
                errors: Errors::default(),
                action: format!("/staff/you-said-we-did/{id}"),
                said: e.entry.said,
                did: e.entry.did,
                date: e.entry.date.to_string(),
                abouts: about_options(
                    &content.offer,
                    &e.entry.about.map(|a| a.key()).unwrap_or_default(),
                ),
                button: "Save changes".into(),
                withdraw: (!e.withdrawn).then(|| format!("/staff/you-said-we-did/{id}/withdraw")),
            },
        ),
        Ok(None) => not_found(&user),
        Err(error) => unavailable(error),
    }
}

/// `POST /staff/you-said-we-did/{id}`
pub async fn update(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<EntryForm>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let content = state.content.current();
    let result: anyhow::Result<Response> = async {
        let Some(existing) = by_id(&state.db, &id).await? else {
            return Ok(not_found(&user));
        };
        let (errors, date, about) = check(&form, &content.offer);
        if !errors.is_empty() {
            let withdraw = (!existing.withdrawn).then(|| format!("/staff/you-said-we-did/{id}/withdraw"));
            return Ok(form_again(&user, &content.offer, errors, &form, format!("/staff/you-said-we-did/{id}"), "Save changes", withdraw));
        }
        let now = state.config.clock.now();
        state.db.execute(
            "UPDATE you_said_we_did SET said = ?, did = ?, done_on = ?, about = ?, updated_at = ? WHERE id = ?",
            params![form.said.trim(), form.did.trim(), date.map(|d| d.to_string()), about.map(|a| a.key()), now, &id],
        ).await?;
        state.offer_cache.changed();
        audit::write(&state.db, now, &user.actor(), "you said we did changed", &id, "").await?;
        Ok(Redirect::to("/staff/you-said-we-did?saved=edited").into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

/// `POST /staff/you-said-we-did/{id}/withdraw`: phones stop showing it.
pub async fn withdraw(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
) -> Response {
    if !may_publish(&user) {
        return not_found(&user);
    }
    let now = state.config.clock.now();
    let result: anyhow::Result<Response> = async {
        let changed = state
            .db
            .execute(
                "UPDATE you_said_we_did SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
                params![now, &id],
            )
            .await?;
        if changed == 0 {
            return Ok(not_found(&user));
        }
        state.offer_cache.changed();
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "you said we did withdrawn",
            &id,
            "",
        )
        .await?;
        Ok(Redirect::to("/staff/you-said-we-did?saved=withdrawn").into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_entries_the_offer_is_served_byte_for_byte() {
        let (json, etag) = offer_json(b"{\"council\":1}", "\"abc\"", &[]);
        assert_eq!(json, b"{\"council\":1}");
        assert_eq!(etag, "\"abc\"");
    }

    #[test]
    fn entries_join_the_offer_and_change_its_etag() {
        let entry = YouSaidWeDid {
            id: "ysd-1".into(),
            said: "Bus fares are too dear".into(),
            did: "Bus passes for care leavers".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            about: Some(ItemRef::Entitlement("travel".into())),
        };
        let (json, etag) = offer_json(b"{\"council\":1}", "\"abc\"", std::slice::from_ref(&entry));
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["council"], 1);
        assert_eq!(
            value["you_said_we_did"][0]["about"]["entitlement"],
            "travel"
        );
        assert_ne!(etag, "\"abc\"");
        let mut changed = entry.clone();
        changed.did = "Bus passes for every care leaver".into();
        assert_ne!(
            offer_json(b"{\"council\":1}", "\"abc\"", &[changed]).1,
            etag
        );
    }
}
