//! An entitlement's title, summary and steps in each language the app is in, beside the
//! English.
//!
//! A translation remembers the English it was made from: when the English changes, phones
//! show the English (with a note) until someone saves the translation again here. Each
//! language has its own form, so saving one never marks another as up to date.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::content::translate::{translate, Typed};
use offer_core::{Entitlement, InLanguage};
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::offer_store::{change_draft, working_copy, Record};
use crate::state::AppState;
use crate::tenants::Tenant;

/// One language's form.
pub struct LanguageForm {
    code: String,
    name: String,
    english_name: String,
    dir: &'static str,
    /// "Up to date", "Out of date: the English changed since" or "Not translated".
    state: &'static str,
    title: String,
    summary: String,
    /// The translated steps, one a line.
    steps: String,
    title_error: Option<String>,
    summary_error: Option<String>,
    steps_error: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/offer_translations.html")]
struct TranslationsPage {
    layout: Layout,
    errors: Errors,
    id: String,
    english_title: String,
    english_summary: String,
    english_steps: Vec<String>,
    languages: Vec<LanguageForm>,
}

/// `?saved=CODE` after a save.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

/// What one language's form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslationForm {
    title: String,
    summary: String,
    steps: String,
}

/// Which languages need translating for `e`, in the app's languages: missing or out of date.
pub fn needs_translating(e: &Entitlement, state: &AppState) -> Vec<String> {
    state
        .languages
        .codes()
        .filter(|code| !matches!(e.in_language(code), InLanguage::Current(_)))
        .map(|code| state.languages.english_name(code))
        .collect()
}

fn forms(e: &Entitlement, state: &AppState) -> Vec<LanguageForm> {
    state
        .languages
        .served()
        .map(|s| {
            let code = s.file.code.clone();
            let existing = e.translations.get(&code);
            LanguageForm {
                state: match e.in_language(&code) {
                    InLanguage::Current(_) => "Up to date",
                    InLanguage::OutOfDate => "Out of date: the English changed after this was translated. Phones show the English until you save this again.",
                    InLanguage::Missing => "Not translated",
                },
                title: existing.map(|t| t.title.clone()).unwrap_or_default(),
                summary: existing.map(|t| t.summary.clone()).unwrap_or_default(),
                steps: existing.map(|t| t.steps.join("\n")).unwrap_or_default(),
                name: s.file.name.clone(),
                english_name: s.file.english_name.clone(),
                dir: s.file.dir.attribute(),
                code,
                title_error: None,
                summary_error: None,
                steps_error: None,
            }
        })
        .collect()
}

fn page(
    user: &StaffUser,
    e: &Entitlement,
    languages: Vec<LanguageForm>,
    errors: Errors,
    banner: Option<String>,
    status: StatusCode,
) -> Response {
    render(
        status,
        &TranslationsPage {
            layout: Layout::signed_in(user, format!("Translations: {}", e.title), Section::Offer)
                .with_banner(banner),
            errors,
            id: e.id.clone(),
            english_title: e.title.clone(),
            english_summary: e.summary.clone(),
            english_steps: e.steps.clone(),
            languages,
        },
    )
}

/// The draft's entitlement `id`, or the "not found" page.
fn entitlement<'a>(
    offer: &'a offer_core::Offer,
    id: &str,
    user: &StaffUser,
) -> Result<&'a Entitlement, super::error::PageError> {
    offer
        .entitlements
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| user.not_found())
}

/// `GET /staff/offer/entitlement/{id}/translations`
pub async fn show(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
) -> PageResult {
    let working = working_copy(&council.db).await?;
    let e = entitlement(working.offer(), &id, &user)?;
    let banner = state.languages.get(&saved.saved).map(|s| {
        format!(
            "The {} is saved in the draft. Phones show it when the draft is published.",
            s.file.english_name
        )
    });
    Ok(page(
        &user,
        e,
        forms(e, &state),
        Errors::default(),
        banner,
        StatusCode::OK,
    ))
}

/// `POST /staff/offer/entitlement/{id}/translations/{code}`: saves one language's title,
/// summary and steps as translated from the English as it is now (all empty removes it).
pub async fn save(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((id, code)): Path<(String, String)>,
    Form(form): Form<TranslationForm>,
) -> PageResult {
    if state.languages.get(&code).is_none() {
        return Err(user.not_found());
    }
    let typed = Typed {
        title: form.title,
        summary: form.summary,
        steps: form.steps.lines().map(str::to_string).collect(),
    };
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer translation saved",
        target: format!("entitlement {id} in {code}"),
    };
    let now = state.config.clock.now();
    let saved = change_draft(&council.db, &record, now, |offer| {
        translate(offer, &id, &code, &typed)
    })
    .await?;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/staff/offer/entitlement/{id}/translations?saved={code}"
        ))
        .into_response()),
        Err(problems) => {
            let working = working_copy(&council.db).await?;
            let e = entitlement(working.offer(), &id, &user)?;
            let mut languages = forms(e, &state);
            let mut errors = Errors::default();
            if let Some(form) = languages.iter_mut().find(|l| l.code == code) {
                form.title = typed.title.clone();
                form.summary = typed.summary.clone();
                form.steps = typed.steps.join("\n");
                for p in &problems {
                    let field = p.field.rsplit('.').next().unwrap_or_default();
                    let (anchor, slot) = match field {
                        "summary" => (format!("summary-{code}"), &mut form.summary_error),
                        "steps" => (format!("steps-{code}"), &mut form.steps_error),
                        _ => (format!("title-{code}"), &mut form.title_error),
                    };
                    errors.add(&anchor, p.message.clone());
                    slot.get_or_insert_with(|| p.message.clone());
                }
            }
            Ok(page(
                &user,
                e,
                languages,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}
