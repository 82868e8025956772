//! The translations of the app: which languages phones are offered, how much of each is
//! translated, and who has checked it. Recording a check is one action, by someone who
//! reads the language; until then a language is a draft, shown to phones only where the
//! council turns drafts on, and always with a note saying it has not been checked.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use offer_core::content::translate;
use offer_core::dates::long_date;
use offer_core::roles::Permission;
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::languages::{listed, mark_checked};
use crate::offer_store::working_copy;
use crate::state::AppState;
use crate::tenants::Tenant;

/// One language as the page lists it.
pub struct LanguageLine {
    code: String,
    name: String,
    english_name: String,
    dir: &'static str,
    draft: bool,
    checked: String,
    translated: String,
    /// "40 of 101 items up to date": the offer's own words in this language, in the draft.
    offer_words: String,
}

#[derive(Template)]
#[template(path = "staff/languages.html")]
struct LanguagesPage {
    layout: Layout,
    errors: Errors,
    languages: Vec<LanguageLine>,
    drafts_shown: bool,
    /// Whether to link to the offer's "Needs translating" list.
    may_see_offer: bool,
}

/// `?checked=CODE` after a check is recorded.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Checked {
    checked: String,
}

/// `GET /staff/languages`
pub async fn page(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(done): Query<Checked>,
) -> PageResult {
    let languages = listed(&state.languages, &council.db).await?;
    let working = working_copy(&council.db).await?;
    let banner = languages
        .iter()
        .find(|l| !done.checked.is_empty() && l.code == done.checked)
        .map(|l| {
            format!(
                "{} is marked as checked. Phones offer it without the \"not checked\" note from their next visit.",
                l.english_name
            )
        });
    let lines = languages
        .into_iter()
        .map(|l| LanguageLine {
            draft: l.is_draft(),
            checked: match (&l.reviewed_by, l.reviewed_on) {
                (Some(who), Some(on)) => format!("Checked by {who} on {}", long_date(on)),
                _ => "Not checked yet".to_string(),
            },
            translated: format!("{} of {} phrases", l.coverage.0, l.coverage.1),
            offer_words: {
                let (done, all) = translate::coverage(working.offer(), &l.code);
                format!("{done} of {all} items up to date")
            },
            code: l.code,
            name: l.name,
            english_name: l.english_name,
            dir: l.dir,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &LanguagesPage {
            layout: Layout::signed_in(&user, "Languages of the app", Section::Languages)
                .with_banner(banner),
            errors: Errors::default(),
            languages: lines,
            drafts_shown: state.config.shows_draft_languages(),
            may_see_offer: user.account.role.may(Permission::CheckOffer),
        },
    ))
}

/// `POST /staff/languages/{code}/checked`: records that the signed-in person has checked
/// this translation, as it is built now.
pub async fn checked(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(code): Path<String>,
) -> PageResult {
    let now = state.config.clock.now();
    if !mark_checked(&state.languages, &council.db, &code, &user.actor(), now).await? {
        return Err(user.not_found());
    }
    Ok(Redirect::to(&format!("/staff/languages?checked={code}")).into_response())
}
