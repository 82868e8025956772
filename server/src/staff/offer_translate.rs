//! An item's words in each language the app is in, beside the English: a category's title
//! and summary, an entitlement's title, summary and steps, a hub's services, access and
//! sessions, and a contact's "when to use it" and hours. What each kind has to translate is
//! said once, in `offer_core::content::translate`; this page only shows and saves it.
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
use offer_core::content::translate::{
    self, EnglishField, ItemWords, LanguageState, Translatable, Words,
};
use offer_core::content::Problem;
use offer_core::Offer;
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
    /// Written by the development team and not yet checked by a speaker.
    draft: bool,
    fields: Vec<FieldForm>,
}

#[derive(Template)]
#[template(path = "staff/offer_translations.html")]
struct TranslationsPage {
    layout: Layout,
    errors: Errors,
    kind: &'static str,
    id: String,
    /// "entitlement", "hub", for the back link.
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

/// What one language's form sends (the boxes of any kind; a kind's others stay empty).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslationForm {
    title: String,
    summary: String,
    steps: String,
    when: String,
    hours: String,
    services: String,
    access: String,
    sessions: String,
}

impl TranslationForm {
    /// The boxes `english` asks for, by name, as typed.
    fn words(self, english: &[EnglishField]) -> Words {
        let mut all = [
            ("title", self.title),
            ("summary", self.summary),
            ("steps", self.steps),
            ("when", self.when),
            ("hours", self.hours),
            ("services", self.services),
            ("access", self.access),
            ("sessions", self.sessions),
        ];
        english
            .iter()
            .filter_map(|f| {
                let (name, typed) = all.iter_mut().find(|(n, _)| *n == f.name)?;
                Some((*name, std::mem::take(typed)))
            })
            .collect()
    }
}

/// Which of the app's languages an item needs translating into (not translated, or out of
/// date), by their English names; none for an item with no words to translate.
pub fn needs_translating(offer: &Offer, kind: ItemKind, id: &str, state: &AppState) -> Vec<String> {
    let Some(kind) = Translatable::of(kind) else {
        return Vec::new();
    };
    translate::needs_translating(offer, kind, id, state.languages.codes())
        .into_iter()
        .map(|code| state.languages.english_name(code))
        .collect()
}

/// What the page shows of one item of the draft.
struct Item {
    kind: Translatable,
    id: String,
    words: ItemWords,
}

fn item(offer: &Offer, kind: Translatable, id: &str, state: &AppState) -> Option<Item> {
    let words = translate::words_of(offer, kind, id, state.languages.codes())?;
    Some(Item {
        kind,
        id: id.to_string(),
        words,
    })
}

fn state_words(state: LanguageState) -> &'static str {
    match state {
        LanguageState::UpToDate => "Up to date",
        LanguageState::OutOfDate => "Out of date: the English changed after this was translated. Phones show the English until you save this again.",
        LanguageState::Missing => "Not translated",
    }
}

/// The boxes of one language's form, one for each English field, filled with `words`.
fn fields(english: &[EnglishField], words: &[(&'static str, String)]) -> Vec<FieldForm> {
    english
        .iter()
        .map(|f| {
            let n = f.lines.len();
            let (hint, rows) = match (f.one_a_line, f.name) {
                (true, _) => (
                    format!("One a line, in the same order as the English ({n} in all). Leave empty to show the English."),
                    n + 1,
                ),
                (false, "title") => (String::new(), 1),
                (false, _) => (String::new(), 3),
            };
            FieldForm {
                name: f.name,
                label: f.label,
                hint,
                rows,
                value: words
                    .iter()
                    .find(|(name, _)| *name == f.name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                error: None,
            }
        })
        .collect()
}

fn forms(item: &Item, state: &AppState) -> Vec<LanguageForm> {
    item.words
        .languages
        .iter()
        .filter_map(|(code, language_state, words, draft)| {
            let served = state.languages.get(code)?;
            Some(LanguageForm {
                code: code.clone(),
                name: served.file.name.clone(),
                english_name: served.file.english_name.clone(),
                dir: served.file.dir.attribute(),
                state: state_words(*language_state),
                draft: *draft,
                fields: fields(&item.words.english, words),
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
    let kind = item.kind.kind();
    render(
        status,
        &TranslationsPage {
            layout: Layout::signed_in(
                user,
                format!("Translations: {}", item.words.name),
                Section::Offer,
            )
            .with_banner(banner),
            errors,
            kind: kind.slug(),
            noun: kind.slug(),
            id: item.id.clone(),
            english: item.words.english.clone(),
            languages,
        },
    )
}

fn translatable(slug: &str, user: &StaffUser) -> Result<Translatable, PageError> {
    ItemKind::from_slug(slug)
        .and_then(Translatable::of)
        .ok_or_else(|| user.not_found())
}

/// `GET /staff/offer/{kind}/{id}/translations` for a category, an entitlement, a hub or a
/// contact.
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
    let working = working_copy(&council.db).await?;
    let english = item(working.offer(), kind, &id, &state)
        .ok_or_else(|| user.not_found())?
        .words
        .english;
    let typed = form.words(&english);
    let slug = kind.kind().slug();
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer translation saved",
        target: format!("{slug} {id} in {code}"),
    };
    let now = state.config.clock.now();
    let saved = change_draft(&council.db, &record, now, |offer| {
        translate::save(offer, kind, &id, &code, &typed)
    })
    .await?;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/staff/offer/{slug}/{id}/translations?saved={code}"
        ))
        .into_response()),
        Err(problems) => {
            let working = working_copy(&council.db).await?;
            let item = item(working.offer(), kind, &id, &state).ok_or_else(|| user.not_found())?;
            let mut languages = forms(&item, &state);
            let mut errors = Errors::default();
            if let Some(form) = languages.iter_mut().find(|l| l.code == code) {
                form.fields = fields(&item.words.english, &typed);
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
