//! An item's words in each language the app is in, beside the English: an entitlement's
//! title, summary and steps, and a contact's "when to use it" and hours.
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
use offer_core::content::kinds::ItemKind;
use offer_core::content::translate::{translate, translate_contact, Typed, TypedContact};
use offer_core::content::Problem;
use offer_core::{Entitlement, InLanguage, Offer};
use serde::Deserialize;

use super::error::{PageError, PageResult};
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::offer_store::{change_draft, working_copy, Record};
use crate::state::AppState;
use crate::tenants::Tenant;

/// One box of one language's form.
pub struct FieldForm {
    /// The form field's name, and the end of its problems' field path (`summary`).
    name: &'static str,
    /// "Summary", shown as "Summary in Arabic".
    label: &'static str,
    hint: String,
    /// More than one line.
    rows: usize,
    value: String,
    error: Option<String>,
}

/// One language's form.
pub struct LanguageForm {
    code: String,
    name: String,
    english_name: String,
    dir: &'static str,
    /// "Up to date", "Out of date: the English changed since" or "Not translated".
    state: &'static str,
    fields: Vec<FieldForm>,
}

/// One English field, shown above the forms.
pub struct EnglishField {
    label: &'static str,
    /// One entry, or a numbered list (steps).
    lines: Vec<String>,
    numbered: bool,
}

#[derive(Template)]
#[template(path = "staff/offer_translations.html")]
struct TranslationsPage {
    layout: Layout,
    errors: Errors,
    kind: &'static str,
    id: String,
    /// "entitlement" or "contact", for the back link.
    noun: &'static str,
    english: Vec<EnglishField>,
    languages: Vec<LanguageForm>,
}

/// `?saved=CODE` after a save.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

/// What one language's form sends (the fields of either kind; the others stay empty).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslationForm {
    title: String,
    summary: String,
    steps: String,
    when: String,
    hours: String,
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

/// The kinds of item that can be translated, from the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Translatable {
    Entitlement,
    Contact,
}

impl Translatable {
    fn from_slug(slug: &str) -> Option<Translatable> {
        match ItemKind::from_slug(slug)? {
            ItemKind::Entitlement => Some(Translatable::Entitlement),
            ItemKind::Contact => Some(Translatable::Contact),
            _ => None,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Translatable::Entitlement => "entitlement",
            Translatable::Contact => "contact",
        }
    }
}

/// Words by box name (`summary`), as saved or as typed.
type Words = Vec<(&'static str, String)>;

/// One language's state for an item, and the words saved for it.
struct SavedIn {
    code: String,
    state: &'static str,
    words: Words,
}

/// What the page shows of one item of the draft: its English and each language's state and
/// words.
struct Item {
    kind: Translatable,
    id: String,
    title: String,
    english: Vec<EnglishField>,
    saved: Vec<SavedIn>,
    steps: usize,
}

fn item(offer: &Offer, kind: Translatable, id: &str, state: &AppState) -> Option<Item> {
    let codes: Vec<String> = state.languages.codes().map(str::to_string).collect();
    match kind {
        Translatable::Entitlement => {
            let e = offer.entitlements.iter().find(|e| e.id == id)?;
            let saved = codes
                .into_iter()
                .map(|code| {
                    let t = e.translations.get(&code);
                    let state = match e.in_language(&code) {
                        InLanguage::Current(_) => UP_TO_DATE,
                        InLanguage::OutOfDate => OUT_OF_DATE,
                        InLanguage::Missing => MISSING,
                    };
                    let words = vec![
                        ("title", t.map(|t| t.title.clone()).unwrap_or_default()),
                        ("summary", t.map(|t| t.summary.clone()).unwrap_or_default()),
                        ("steps", t.map(|t| t.steps.join("\n")).unwrap_or_default()),
                    ];
                    SavedIn { code, state, words }
                })
                .collect();
            Some(Item {
                kind,
                id: id.to_string(),
                title: e.title.clone(),
                english: vec![
                    english("Title", vec![e.title.clone()]),
                    english("Summary", vec![e.summary.clone()]),
                    EnglishField {
                        label: "Steps",
                        lines: e.steps.clone(),
                        numbered: true,
                    },
                ],
                saved,
                steps: e.steps.len(),
            })
        }
        Translatable::Contact => {
            let c = offer.contacts.iter().find(|c| c.id == id)?;
            let saved = codes
                .into_iter()
                .map(|code| {
                    let t = c.translations.get(&code);
                    let state = match t {
                        None => MISSING,
                        Some(_) if c.out_of_date_in(&code) => OUT_OF_DATE,
                        Some(_) => UP_TO_DATE,
                    };
                    let words = vec![
                        ("when", t.map(|t| t.when.clone()).unwrap_or_default()),
                        ("hours", t.map(|t| t.hours.clone()).unwrap_or_default()),
                    ];
                    SavedIn { code, state, words }
                })
                .collect();
            Some(Item {
                kind,
                id: id.to_string(),
                title: c.name.clone(),
                english: vec![
                    english("When to use it", vec![c.when.clone()]),
                    english("When it answers", vec![c.hours.clone()]),
                ],
                saved,
                steps: 0,
            })
        }
    }
}

const UP_TO_DATE: &str = "Up to date";
const OUT_OF_DATE: &str = "Out of date: the English changed after this was translated. Phones show the English until you save this again.";
const MISSING: &str = "Not translated";

fn english(label: &'static str, lines: Vec<String>) -> EnglishField {
    EnglishField {
        label,
        lines,
        numbered: false,
    }
}

/// The boxes of one language's form for `kind`, filled with `words`.
fn fields(kind: Translatable, steps: usize, words: &[(&'static str, String)]) -> Vec<FieldForm> {
    let value = |name: &str| {
        words
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let field = |name, label, hint: String, rows| FieldForm {
        name,
        label,
        hint,
        rows,
        value: value(name),
        error: None,
    };
    match kind {
        Translatable::Entitlement => {
            let mut boxes = vec![
                field("title", "Title", String::new(), 1),
                field("summary", "Summary", String::new(), 3),
            ];
            if steps > 0 {
                boxes.push(field(
                    "steps",
                    "Steps",
                    format!("One step a line, in the same order as the English ({steps} steps). Leave empty to show the English steps."),
                    steps + 1,
                ));
            }
            boxes
        }
        Translatable::Contact => vec![
            field("when", "When to use it", String::new(), 3),
            field("hours", "When it answers", String::new(), 2),
        ],
    }
}

fn forms(item: &Item, state: &AppState) -> Vec<LanguageForm> {
    item.saved
        .iter()
        .filter_map(|saved| {
            let served = state.languages.get(&saved.code)?;
            Some(LanguageForm {
                code: saved.code.clone(),
                name: served.file.name.clone(),
                english_name: served.file.english_name.clone(),
                dir: served.file.dir.attribute(),
                state: saved.state,
                fields: fields(item.kind, item.steps, &saved.words),
            })
        })
        .collect()
}

fn page(
    user: &StaffUser,
    item: &Item,
    languages: Vec<LanguageForm>,
    errors: Errors,
    banner: Option<String>,
    status: StatusCode,
) -> Response {
    render(
        status,
        &TranslationsPage {
            layout: Layout::signed_in(
                user,
                format!("Translations: {}", item.title),
                Section::Offer,
            )
            .with_banner(banner),
            errors,
            kind: item.kind.slug(),
            noun: item.kind.slug(),
            id: item.id.clone(),
            english: item.english.iter().map(copy_english).collect(),
            languages,
        },
    )
}

fn copy_english(e: &EnglishField) -> EnglishField {
    EnglishField {
        label: e.label,
        lines: e.lines.clone(),
        numbered: e.numbered,
    }
}

fn translatable(slug: &str, user: &StaffUser) -> Result<Translatable, PageError> {
    Translatable::from_slug(slug).ok_or_else(|| user.not_found())
}

/// `GET /staff/offer/{kind}/{id}/translations` for an entitlement or a contact.
pub async fn show(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
    Query(saved): Query<Saved>,
) -> PageResult {
    let kind = translatable(&kind, &user)?;
    let working = working_copy(&council.db).await?;
    let item = item(working.offer(), kind, &id, &state).ok_or_else(|| user.not_found())?;
    let banner = state.languages.get(&saved.saved).map(|s| {
        format!(
            "The {} is saved in the draft. Phones show it when the draft is published.",
            s.file.english_name
        )
    });
    let languages = forms(&item, &state);
    Ok(page(
        &user,
        &item,
        languages,
        Errors::default(),
        banner,
        StatusCode::OK,
    ))
}

/// `POST /staff/offer/{kind}/{id}/translations/{code}`: saves one language's words as
/// translated from the English as it is now (every box empty removes them).
pub async fn save(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id, code)): Path<(String, String, String)>,
    Form(form): Form<TranslationForm>,
) -> PageResult {
    let kind = translatable(&kind, &user)?;
    if state.languages.get(&code).is_none() {
        return Err(user.not_found());
    }
    let typed: Words = match kind {
        Translatable::Entitlement => vec![
            ("title", form.title),
            ("summary", form.summary),
            ("steps", form.steps),
        ],
        Translatable::Contact => vec![("when", form.when), ("hours", form.hours)],
    };
    let word = |name: &str| {
        typed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer translation saved",
        target: format!("{} {id} in {code}", kind.slug()),
    };
    let now = state.config.clock.now();
    let saved = change_draft(&council.db, &record, now, |offer| match kind {
        Translatable::Entitlement => translate(
            offer,
            &id,
            &code,
            &Typed {
                title: word("title"),
                summary: word("summary"),
                steps: word("steps").lines().map(str::to_string).collect(),
            },
        ),
        Translatable::Contact => translate_contact(
            offer,
            &id,
            &code,
            &TypedContact {
                when: word("when"),
                hours: word("hours"),
            },
        ),
    })
    .await?;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/staff/offer/{}/{id}/translations?saved={code}",
            kind.slug()
        ))
        .into_response()),
        Err(problems) => {
            let working = working_copy(&council.db).await?;
            let item = item(working.offer(), kind, &id, &state).ok_or_else(|| user.not_found())?;
            let mut languages = forms(&item, &state);
            let mut errors = Errors::default();
            if let Some(form) = languages.iter_mut().find(|l| l.code == code) {
                form.fields = fields(kind, item.steps, &typed);
                place(&problems, &code, form, &mut errors);
            }
            Ok(page(
                &user,
                &item,
                languages,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    }
}

/// Puts each problem at its box (the first box for one that names none), and in the summary.
fn place(problems: &[Problem], code: &str, form: &mut LanguageForm, errors: &mut Errors) {
    for p in problems {
        let name = p.field.rsplit('.').next().unwrap_or_default();
        let at = form.fields.iter().position(|f| f.name == name).unwrap_or(0);
        if let Some(field) = form.fields.get_mut(at) {
            errors.add(&format!("{}-{code}", field.name), p.message.clone());
            field.error.get_or_insert_with(|| p.message.clone());
        }
    }
}
