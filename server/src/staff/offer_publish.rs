//! What changed in the draft, publishing it, the history of published versions, restoring
//! an old one as the draft, and previewing the draft in the real app.
//!
//! Publishing makes the draft a new version in the database; this server copy serves it at
//! once and every other copy sharing the database within `content_poll`. Phones see a new
//! ETag on their next visit and update in place, as for any change to the offer.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_TYPE, ETAG};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::content::changes::{summary, Change, ItemChange};
use offer_core::content::kinds::ItemKind;
use offer_core::dates::long_date;
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::config::ContentApproval;
use crate::db::offer as stored;
use crate::db::you_said_we_did;
use crate::offer_cache::offer_json;
use crate::offer_store::{
    change_draft, publish as publish_draft, working_copy, PublishRefused, Record,
};
use crate::state::AppState;
use crate::tenants::Tenant;

/// One changed field, as the page shows it.
pub struct FieldLine {
    field: String,
    before: String,
    after: String,
}

/// One changed item.
pub struct ChangeLine {
    kind: String,
    name: String,
    what: &'static str,
    link: Option<String>,
    fields: Vec<FieldLine>,
}

/// Money is kept in pence; people read pounds.
fn readable(field: &str, value: Option<String>) -> String {
    match value {
        None => "(none)".into(),
        Some(v) if field.ends_with("amount.pence") => v
            .parse::<u64>()
            .map(offer_core::money::format_pence)
            .unwrap_or(v),
        Some(v) => v,
    }
}

fn lines(changes: Vec<ItemChange>) -> Vec<ChangeLine> {
    changes
        .into_iter()
        .map(|c| {
            let kind = ItemKind::from_slug(&c.kind);
            let (what, fields) = match c.change {
                Change::Added => ("Added", Vec::new()),
                Change::Removed => ("Removed", Vec::new()),
                Change::Changed(fields) => (
                    "Changed",
                    fields
                        .into_iter()
                        .map(|f| FieldLine {
                            before: readable(&f.field, f.before),
                            after: readable(&f.field, f.after),
                            field: f.field,
                        })
                        .collect(),
                ),
            };
            ChangeLine {
                link: (what != "Removed")
                    .then(|| kind.map(|k| format!("/staff/offer/{}/{}", k.slug(), c.id)))
                    .flatten(),
                kind: kind.map(|k| k.plural().to_string()).unwrap_or(c.kind),
                name: c.name,
                what,
                fields,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "staff/offer_changes.html")]
struct ChangesPage {
    layout: Layout,
    errors: Errors,
    changes: Vec<ChangeLine>,
    revision: i64,
    changed_by: String,
    changed_at: String,
    may_publish: bool,
    two_person: bool,
    published_number: i64,
}

/// `?saved=...` or `?refused=...` after a publish.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Outcome {
    saved: String,
    refused: String,
}

/// `GET /staff/offer/changes`: the draft against the published offer, item by item and
/// field by field, with the publish button.
pub async fn changes(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(outcome): Query<Outcome>,
) -> PageResult {
    let working = working_copy(&council.db).await?;
    let changes = working.changes();
    let mut errors = Errors::default();
    match outcome.refused.as_str() {
        "same-person" => errors.add(
            "publish",
            "You made the last change, so someone else must publish it: this council asks for two people to publish the offer",
        ),
        "changed" => errors.add(
            "publish",
            "The draft changed while you were looking at it. Look at what changed again, then publish",
        ),
        "nothing" => errors.add("publish", "There is nothing to publish"),
        _ => {}
    }
    let draft = working.draft.as_ref();
    Ok(render(
        if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::CONFLICT
        },
        &ChangesPage {
            layout: Layout::signed_in(&user, "What changed", Section::Offer).with_banner(
                (outcome.saved == "restored").then(|| {
                    "The old version is now the draft. Publish it to send it to phones.".into()
                }),
            ),
            errors,
            changes: lines(changes),
            revision: draft.map_or(0, |d| d.revision),
            changed_by: draft.map(|d| d.changed_by.clone()).unwrap_or_default(),
            changed_at: draft
                .map(|d| {
                    uk_local(d.changed_at)
                        .format("%-d %B %Y at %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            may_publish: user
                .account
                .role
                .may(offer_core::roles::Permission::PublishOffer),
            two_person: state.config.content_approval == ContentApproval::TwoPerson,
            published_number: working.published.number,
        },
    ))
}

/// The publish form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    revision: i64,
}

/// `POST /staff/offer/publish`: makes the draft the offer phones get.
pub async fn publish(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Form(form): Form<PublishForm>,
) -> PageResult {
    let now = state.config.clock.now();
    let outcome = publish_draft(
        &council.db,
        state.config.content_approval,
        &user.actor(),
        Some(form.revision),
        now,
    )
    .await?;
    match outcome {
        Ok(version) => {
            council.content.serve(version.offer, version.number);
            Ok(Redirect::to(&format!(
                "/staff/offer/history?published={}",
                version.number
            ))
            .into_response())
        }
        Err(reason) => {
            let refused = match reason {
                PublishRefused::SamePerson => "same-person",
                PublishRefused::ChangedMeanwhile => "changed",
                PublishRefused::NothingToPublish => "nothing",
            };
            Ok(Redirect::to(&format!("/staff/offer/changes?refused={refused}")).into_response())
        }
    }
}

/// One version in the history.
pub struct VersionView {
    number: i64,
    published_at: String,
    published_by: String,
    summary: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "staff/offer_history.html")]
struct HistoryPage {
    layout: Layout,
    errors: Errors,
    versions: Vec<VersionView>,
}

/// `?published=N` after publishing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Published {
    published: Option<i64>,
}

/// `GET /staff/offer/history`: every published version, newest first.
pub async fn history(
    council: Tenant,
    user: StaffUser,
    Query(published): Query<Published>,
) -> PageResult {
    let versions = stored::history(&council.db).await?;
    let newest = versions.first().map(|v| v.number);
    Ok(render(
        StatusCode::OK,
        &HistoryPage {
            layout: Layout::signed_in(&user, "History of the offer", Section::Offer).with_banner(
                published.published.map(|n| {
                    format!("Published as version {n}. Phones get it the next time they open the app with signal.")
                }),
            ),
            errors: Errors::default(),
            versions: versions
                .into_iter()
                .map(|v| VersionView {
                    current: Some(v.number) == newest,
                    number: v.number,
                    published_at: uk_local(v.published_at)
                        .format("%-d %B %Y at %H:%M")
                        .to_string(),
                    published_by: v.published_by,
                    summary: if v.number == 1 {
                        "The first version".into()
                    } else {
                        summary(&v.changes)
                    },
                })
                .collect(),
        },
    ))
}

#[derive(Template)]
#[template(path = "staff/offer_version.html")]
struct VersionPage {
    layout: Layout,
    errors: Errors,
    number: i64,
    published_at: String,
    published_by: String,
    changes: Vec<ChangeLine>,
    current: bool,
}

/// `GET /staff/offer/history/{number}`: what one version changed, and restoring it.
pub async fn version(council: Tenant, user: StaffUser, Path(number): Path<i64>) -> PageResult {
    let version = stored::version_numbered(&council.db, number)
        .await?
        .ok_or_else(|| user.not_found())?;
    let newest = stored::latest_number(&council.db).await?;
    Ok(render(
        StatusCode::OK,
        &VersionPage {
            layout: Layout::signed_in(
                &user,
                format!("Version {number} of the offer"),
                Section::Offer,
            ),
            errors: Errors::default(),
            number,
            published_at: long_date(uk_local(version.published_at).date()),
            published_by: version.published_by,
            changes: lines(version.changes),
            current: newest == Some(number),
        },
    ))
}

/// `POST /staff/offer/history/{number}/restore`: makes an old version the draft.
pub async fn restore(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(number): Path<i64>,
) -> PageResult {
    let version = stored::version_numbered(&council.db, number)
        .await?
        .ok_or_else(|| user.not_found())?;
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer version restored",
        target: format!("offer version {number}"),
    };
    let now = state.config.clock.now();
    let restored: Result<_, ()> =
        change_draft(&council.db, &record, now, |_| Ok(version.offer.clone())).await?;
    restored.map_err(|()| anyhow::anyhow!("restoring never refuses"))?;
    Ok(Redirect::to("/staff/offer/changes?saved=restored").into_response())
}

/// Where the preview opens.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreviewTo {
    to: String,
}

/// `GET /staff/offer/preview`: opens the real app on the draft. The app, seeing
/// `preview=draft`, reads the offer from `/staff/offer/preview/offer.json` (signed-in staff
/// only, never cached) and keeps nothing of it.
pub async fn preview(Query(to): Query<PreviewTo>) -> Response {
    // Only a path of the app, never another site ("//host" and "/\host" are other sites to
    // a browser) and never the staff side.
    let inside = to.to.starts_with('/')
        && !to.to.starts_with("//")
        && !to.to.starts_with("/\\")
        && !to.to.starts_with("/staff")
        && to.to.chars().all(|c| c.is_ascii_graphic());
    let path = if inside { to.to.as_str() } else { "/" };
    let join = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{join}preview=draft")).into_response()
}

/// `GET /staff/offer/preview/offer.json`: the draft as the app reads an offer.
pub async fn preview_offer(council: Tenant) -> PageResult {
    let working = working_copy(&council.db).await?;
    let served = crate::content::ServedOffer::new(council.content.as_phones_get(working.offer()));
    let entries = you_said_we_did::published(&council.db).await?;
    let (json, etag) = offer_json(&served.json, &served.etag, &entries);
    Ok((
        StatusCode::OK,
        [(CONTENT_TYPE, "application/json".to_string()), (ETAG, etag)],
        json,
    )
        .into_response())
}
