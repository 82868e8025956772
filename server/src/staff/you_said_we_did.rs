//! "You said, we did" pages: managers and the participation lead publish what young people
//! said and what the service did, edit and withdraw it. Published entries travel down inside
//! `GET /api/offer` (see `offer_cache`), so the app shows them offline. Only roles that
//! publish reach these routes.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::NaiveDate;
use offer_core::answers::{entry_problems, ItemRef};
use offer_core::Offer;
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Opt, Section};
use super::session::StaffUser;
use crate::db::audit;
use crate::db::you_said_we_did::{self, Words};
use crate::hex::random_token;
use crate::state::AppState;
use crate::tenants::Tenant;
use crate::triage::labels::about_label;

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

/// After a change, which notice to show; on the new-entry form, what it is about
/// (`?about=entitlement:ID`, from the review).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    saved: String,
    about: String,
}

/// `GET /staff/you-said-we-did`
pub async fn index(council: Tenant, user: StaffUser, Query(saved): Query<ListQuery>) -> PageResult {
    let content = council.content.current();
    let entries = you_said_we_did::list(&council.db, true).await?;
    Ok(render(
        StatusCode::OK,
        &ListPage {
            layout: Layout::signed_in(&user, "You said, we did", Section::YouSaidWeDid)
                .with_banner(match saved.saved.as_str() {
                    "published" => {
                        Some("Published. Phones get it the next time they check the offer.".into())
                    }
                    "edited" => Some(
                        "Saved. Phones get the change the next time they check the offer.".into(),
                    ),
                    "withdrawn" => Some(
                        "Withdrawn. Phones stop showing it the next time they check the offer."
                            .into(),
                    ),
                    _ => None,
                }),
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
    ))
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
fn about_options(offer: &Offer, current: &str) -> Vec<Opt> {
    let mut options = vec![Opt::new("", "Nothing in particular", current)];
    options.extend(super::about_options::items(offer, current));
    options
}

/// `GET /staff/you-said-we-did/new` (`?about=entitlement:ID` fills in what it is about).
pub async fn new_form(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(query): Query<ListQuery>,
) -> Response {
    let content = council.content.current();
    let today = offer_core::working_days::uk_local(state.config.clock.now()).date();
    render(
        StatusCode::OK,
        &FormPage {
            layout: Layout::signed_in(&user, "Publish a You said, we did", Section::YouSaidWeDid),
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

/// What is wrong with the form, and what it says when nothing is.
fn check<'a>(form: &'a EntryForm, offer: &Offer) -> Result<Words<'a>, Errors> {
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
    match date {
        Some(date) if errors.is_empty() => Ok(Words {
            said: form.said.trim(),
            did: form.did.trim(),
            date,
            about,
        }),
        _ => Err(errors),
    }
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
                Section::YouSaidWeDid,
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
    format!("ysd-{}", &random_token()[..12])
}

/// `POST /staff/you-said-we-did/new`
pub async fn create(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Form(form): Form<EntryForm>,
) -> PageResult {
    let content = council.content.current();
    let words = match check(&form, &content.offer) {
        Ok(words) => words,
        Err(errors) => {
            return Ok(form_again(
                &user,
                &content.offer,
                errors,
                &form,
                "/staff/you-said-we-did/new".into(),
                "Publish",
                None,
            ))
        }
    };
    let now = state.config.clock.now();
    let id = new_id();
    let mut tx = council.db.begin().await?;
    you_said_we_did::insert(&mut tx, &id, &words, user.account.id, now).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "you said we did published",
        &id,
        "",
    )
    .await?;
    tx.commit().await?;
    council.offer_cache.changed();
    Ok(Redirect::to("/staff/you-said-we-did?saved=published").into_response())
}

/// `GET /staff/you-said-we-did/{id}`: change an entry.
pub async fn edit_form(council: Tenant, user: StaffUser, Path(id): Path<String>) -> PageResult {
    let content = council.content.current();
    let e = you_said_we_did::by_id(&council.db, &id)
        .await?
        .ok_or_else(|| user.not_found())?;
    Ok(render(
        StatusCode::OK,
        &FormPage {
            layout: Layout::signed_in(&user, "Change a You said, we did", Section::YouSaidWeDid),
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
    ))
}

/// `POST /staff/you-said-we-did/{id}`
pub async fn update(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<EntryForm>,
) -> PageResult {
    let content = council.content.current();
    let existing = you_said_we_did::by_id(&council.db, &id)
        .await?
        .ok_or_else(|| user.not_found())?;
    let words = match check(&form, &content.offer) {
        Ok(words) => words,
        Err(errors) => {
            let withdraw =
                (!existing.withdrawn).then(|| format!("/staff/you-said-we-did/{id}/withdraw"));
            return Ok(form_again(
                &user,
                &content.offer,
                errors,
                &form,
                format!("/staff/you-said-we-did/{id}"),
                "Save changes",
                withdraw,
            ));
        }
    };
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    if !you_said_we_did::update(&mut tx, &id, &words, now).await? {
        return Err(user.not_found());
    }
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "you said we did changed",
        &id,
        "",
    )
    .await?;
    tx.commit().await?;
    council.offer_cache.changed();
    Ok(Redirect::to("/staff/you-said-we-did?saved=edited").into_response())
}

/// `POST /staff/you-said-we-did/{id}/withdraw`: phones stop showing it.
pub async fn withdraw(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
) -> PageResult {
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    if !you_said_we_did::withdraw(&mut tx, &id, now).await? {
        return Err(user.not_found());
    }
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "you said we did withdrawn",
        &id,
        "",
    )
    .await?;
    tx.commit().await?;
    council.offer_cache.changed();
    Ok(Redirect::to("/staff/you-said-we-did?saved=withdrawn").into_response())
}
