//! Editing the offer's draft: one page per item with every field the content model has, a
//! page for a new item, "checked, nothing changed", and removing an item.
//!
//! The forms and what makes an edit valid are `offer_core::content::form`, which reads the
//! edit back through the content checker itself; this module only turns requests into those
//! calls and their answers into pages. A save names the version of the item the form was
//! opened on (`base`); if someone else saved the item since, the save is refused and both
//! versions are shown.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::content::form::{
    self, apply, form_values, options, parts, row_count, row_field, FormValues, Input, Part,
    Refusal, SPARE_ROWS,
};
use offer_core::content::kinds::{find_item, ItemKind, ItemTable};
use offer_core::content::lint::{Warning, WarningKind};
use offer_core::content::Problem;
use offer_core::working_days::uk_local;
use offer_core::Offer;
use serde::Deserialize;

use super::display::app_link;
use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::db::you_said_we_did;
use crate::hex::sha256_hex;
use crate::offer_store::{change_draft, working_copy, Record};
use crate::state::AppState;
use crate::tenants::{Council, Tenant};

/// A choice in a select or a set of checkboxes.
pub struct OptView {
    value: String,
    label: String,
    selected: bool,
}

/// One field as the page shows it.
pub struct FieldView {
    name: String,
    id: String,
    label: String,
    hint: String,
    /// "line", "paragraphs", "lines", "date", "time", "whole", "decimal", "money", "tick",
    /// "choice" or "several".
    input: &'static str,
    value: String,
    options: Vec<OptView>,
    error: Option<String>,
    warnings: Vec<String>,
}

/// A list of rows, such as a hub's sessions.
pub struct RowsView {
    id: String,
    label: String,
    hint: String,
    rows: Vec<RowView>,
}

/// One row of a list.
pub struct RowView {
    number: usize,
    fields: Vec<FieldView>,
}

/// A part of the form: a field or a list of rows.
pub struct PartView {
    field: Option<FieldView>,
    rows: Option<RowsView>,
}

/// A field of someone else's version, for the conflict page.
pub struct Shown {
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "staff/offer_item.html")]
struct ItemPage {
    layout: Layout,
    errors: Errors,
    kind: &'static str,
    kind_name: &'static str,
    id: Option<String>,
    action: String,
    base: String,
    parts: Vec<PartView>,
    /// Warnings about the item as a whole.
    warnings: Vec<String>,
    /// Someone else's version, when the save was refused because they saved first.
    theirs: Option<Vec<Shown>>,
    checked: bool,
    app_link: Option<String>,
}

/// The HTML id of a field's input.
fn html_id(name: &str) -> String {
    let dashed: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", dashed.trim_end_matches('-'))
}

fn input_name(input: Input) -> &'static str {
    match input {
        Input::Line => "line",
        Input::Paragraphs => "paragraphs",
        Input::Lines => "lines",
        Input::Date => "date",
        Input::Time => "time",
        Input::Whole => "whole",
        Input::Decimal => "decimal",
        Input::Money => "money",
        Input::Tick => "tick",
        Input::Choice(_) => "choice",
        Input::Several(_) => "several",
    }
}

fn noun(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Council => "the council's details",
        ItemKind::Category => "category",
        ItemKind::Entitlement => "entitlement",
        ItemKind::Hub => "hub",
        ItemKind::Contact => "contact",
        ItemKind::Group => "group",
    }
}

/// The noun with its article: "an entitlement", "a hub".
fn a(kind: ItemKind) -> String {
    let noun = noun(kind);
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// What an item is called in URLs and the audit log.
fn target(kind: ItemKind, id: &str) -> String {
    format!("{} {id}", kind.slug())
}

/// Everything the form for `kind` shows, filled in from `values`, with each problem and
/// warning placed at its field. Problems that belong to no field go back to the caller.
fn build_parts(
    kind: ItemKind,
    offer: &Offer,
    values: &FormValues,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Warning>,
) -> Vec<PartView> {
    let mut take_problem = |name: &str, first_of_row: bool, row: &str| {
        let position = problems.iter().position(|p| {
            p.field == name
                || (!p.field.is_empty() && name.starts_with(&format!("{}.", p.field)))
                || (first_of_row && p.field == row)
        });
        position.map(|at| problems.remove(at).message)
    };
    let mut view = |name: String, f: &form::Field, first_of_row: bool, row: &str| {
        let typed = values.get(&name).cloned().unwrap_or_default();
        let options = match f.input {
            Input::Choice(o) | Input::Several(o) => options(o, offer)
                .into_iter()
                .map(|(value, label)| OptView {
                    selected: typed.contains(&value),
                    value,
                    label,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mine: Vec<String> = {
            let (here, rest): (Vec<Warning>, Vec<Warning>) = warnings
                .drain(..)
                .partition(|w| w.field == name || w.field.starts_with(&format!("{name}[")));
            *warnings = rest;
            here.into_iter().map(|w| w.message).collect()
        };
        FieldView {
            id: html_id(&name),
            error: take_problem(&name, first_of_row, row),
            label: f.label.to_string(),
            hint: f.hint.to_string(),
            input: input_name(f.input),
            value: typed.join("\n"),
            options,
            warnings: mine,
            name,
        }
    };
    let mut shown = Vec::new();
    for part in parts(kind) {
        match part {
            // Ticks with nothing to tick (districts, in a council that has none) say nothing.
            Part::Field(
                f @ form::Field {
                    input: Input::Several(o),
                    ..
                },
            ) if options(*o, offer).is_empty() && !values.contains_key(f.path) => {}
            Part::Field(f) => shown.push(PartView {
                field: Some(view(f.path.to_string(), f, false, "")),
                rows: None,
            }),
            Part::Rows(rows) => {
                let count = row_count(values, rows.key) + SPARE_ROWS;
                let list = (1..=count)
                    .map(|number| {
                        let row = format!("{}[{number}]", rows.key);
                        RowView {
                            number,
                            fields: rows
                                .columns
                                .iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    view(row_field(rows.key, number, c.path), c, i == 0, &row)
                                })
                                .collect(),
                        }
                    })
                    .collect();
                shown.push(PartView {
                    field: None,
                    rows: Some(RowsView {
                        id: html_id(rows.key),
                        label: rows.label.to_string(),
                        hint: rows.hint.to_string(),
                        rows: list,
                    }),
                })
            }
        }
    }
    shown
}

/// The error summary: each field's problem, linking to it, then the rest.
fn summary(parts: &[PartView], rest: &[Problem]) -> Errors {
    let mut errors = Errors::default();
    let fields = parts.iter().flat_map(|p| {
        p.field.iter().chain(
            p.rows
                .iter()
                .flat_map(|r| r.rows.iter().flat_map(|r| &r.fields)),
        )
    });
    for f in fields {
        if let Some(message) = &f.error {
            errors.add(&f.id, format!("{}: {message}", f.label));
        }
    }
    for p in rest {
        let at = if p.item.is_empty() || p.field.is_empty() {
            p.message.clone()
        } else {
            format!("{}: {}", p.field, p.message)
        };
        errors.add("item-form", at);
    }
    errors
}

/// The fingerprint of an item as it stands, which a form sends back to show what it edited.
fn fingerprint(item: &ItemTable) -> String {
    sha256_hex(&serde_json::to_vec(&item.table).expect("a table always serialises"))
}

fn kind_of(slug: &str, user: &StaffUser) -> Result<ItemKind, super::error::PageError> {
    ItemKind::from_slug(slug).ok_or_else(|| user.not_found())
}

/// The warnings about one item, from the content checker's lint.
async fn warnings_about(state: &AppState, offer: &Offer, kind: ItemKind, id: &str) -> Vec<Warning> {
    let today = uk_local(state.config.clock.now()).date();
    let all =
        crate::content::warnings_off_thread(state.config.content_dir.clone(), offer.clone(), today)
            .await;
    let item = if kind == ItemKind::Council {
        "council".to_string()
    } else {
        id.to_string()
    };
    all.into_iter()
        .filter(|w| w.file == kind.file() && w.item == item && w.kind != WarningKind::Checks)
        .collect()
}

struct Shape<'a> {
    kind: ItemKind,
    id: Option<&'a str>,
    base: String,
    status: StatusCode,
    banner: Option<String>,
    theirs: Option<Vec<Shown>>,
}

async fn item_page(
    state: &AppState,
    user: &StaffUser,
    offer: &Offer,
    values: &FormValues,
    mut problems: Vec<Problem>,
    shape: Shape<'_>,
) -> Response {
    let Shape {
        kind,
        id,
        base,
        status,
        banner,
        theirs,
    } = shape;
    let mut warnings = match id {
        Some(id) => warnings_about(state, offer, kind, id).await,
        None => Vec::new(),
    };
    let parts = build_parts(kind, offer, values, &mut problems, &mut warnings);
    let errors = summary(&parts, &problems);
    let title = match (kind, id) {
        (ItemKind::Council, _) => "Edit the council's details".to_string(),
        (_, Some(_)) => format!("Edit {}", a(kind)),
        (_, None) => format!("Add {}", a(kind)),
    };
    let action = match id {
        Some(id) => format!("/staff/offer/{}/{id}", kind.slug()),
        None => format!("/staff/offer/{}/new", kind.slug()),
    };
    render(
        status,
        &ItemPage {
            layout: Layout::signed_in(user, title, Section::Offer).with_banner(banner),
            errors,
            kind: kind.slug(),
            kind_name: noun(kind),
            id: id.map(str::to_string),
            action,
            base,
            parts,
            warnings: warnings.into_iter().map(|w| w.message).collect(),
            theirs,
            checked: form::is_checked(kind),
            app_link: id.and_then(|id| app_link(kind, id)),
        },
    )
}

/// `?saved=...` after a change.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

fn banner(saved: &str) -> Option<String> {
    match saved {
        "saved" => Some("Saved to the draft. Phones get it when the draft is published.".into()),
        "added" => Some("Added to the draft. Phones get it when the draft is published.".into()),
        "checked" => Some("Marked as checked today, in the draft.".into()),
        _ => None,
    }
}

/// `GET /staff/offer/{kind}/{id}`: the item's form, as it stands in the draft.
pub async fn show(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
    Query(saved): Query<Saved>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    let working = working_copy(&council.db).await?;
    let offer = working.offer();
    let item = find_item(offer, kind, &id).ok_or_else(|| user.not_found())?;
    let values = form::values_of(kind, &item.table);
    let shape = Shape {
        kind,
        id: Some(&id),
        base: fingerprint(&item),
        status: StatusCode::OK,
        banner: banner(&saved.saved),
        theirs: None,
    };
    Ok(item_page(&state, &user, offer, &values, Vec::new(), shape).await)
}

/// `GET /staff/offer/{kind}/new`: an empty form for a new item.
pub async fn new_form(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(kind): Path<String>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    if kind == ItemKind::Council {
        return Err(user.not_found());
    }
    let working = working_copy(&council.db).await?;
    let shape = Shape {
        kind,
        id: None,
        base: String::new(),
        status: StatusCode::OK,
        banner: None,
        theirs: None,
    };
    Ok(item_page(
        &state,
        &user,
        working.offer(),
        &FormValues::new(),
        Vec::new(),
        shape,
    )
    .await)
}

/// Why a save did not happen.
enum NotSaved {
    Invalid(Vec<Problem>),
    /// Someone else saved the item after this form was opened: their version.
    Conflict(Box<ItemTable>),
    Gone,
}

fn values_from(pairs: Vec<(String, String)>) -> (FormValues, String) {
    let mut base = String::new();
    let values = form_values(
        pairs
            .into_iter()
            .filter(|(name, value)| match name.as_str() {
                "csrf" => false,
                "base" => {
                    base = value.clone();
                    false
                }
                _ => true,
            }),
    );
    (values, base)
}

async fn save(
    state: &AppState,
    council: &Council,
    user: &StaffUser,
    kind: ItemKind,
    id: Option<&str>,
    pairs: Vec<(String, String)>,
) -> PageResult {
    let (values, base) = values_from(pairs);
    let now = state.config.clock.now();
    let actor = user.actor();
    // A new item's id comes from its title; the audit line names it once it is known.
    let made_id = std::sync::Mutex::new(String::new());
    let record = Record {
        actor: &actor,
        action: if id.is_some() {
            "offer item saved"
        } else {
            "offer item added"
        },
        target: match id {
            Some(id) => target(kind, id),
            None => format!("new {}", kind.slug()),
        },
    };
    let outcome = change_draft(&council.db, &record, now, |offer| {
        if let Some(id) = id {
            let Some(current) = find_item(offer, kind, id) else {
                return Err(NotSaved::Gone);
            };
            if fingerprint(&current) != base {
                return Err(NotSaved::Conflict(Box::new(current)));
            }
        }
        let edited = apply(offer, kind, id, &values).map_err(NotSaved::Invalid)?;
        *made_id.lock().expect("never poisoned") = edited.id;
        Ok(edited.offer)
    })
    .await?;
    let working = working_copy(&council.db).await?;
    match outcome {
        Ok(_) => {
            let id = made_id.into_inner().expect("never poisoned");
            let saved = if record.action == "offer item added" {
                "added"
            } else {
                "saved"
            };
            Ok(
                Redirect::to(&format!("/staff/offer/{}/{id}?saved={saved}", kind.slug()))
                    .into_response(),
            )
        }
        Err(NotSaved::Gone) => Err(user.not_found()),
        Err(NotSaved::Invalid(problems)) => {
            let shape = Shape {
                kind,
                id,
                base,
                status: StatusCode::BAD_REQUEST,
                banner: None,
                theirs: None,
            };
            Ok(item_page(state, user, working.offer(), &values, problems, shape).await)
        }
        Err(NotSaved::Conflict(theirs)) => {
            let their_values = form::values_of(kind, &theirs.table);
            let shown = parts(kind)
                .iter()
                .flat_map(|part| match part {
                    Part::Field(f) => vec![(f.path.to_string(), f.label.to_string())],
                    Part::Rows(rows) => (1..=row_count(&their_values, rows.key))
                        .flat_map(|n| {
                            rows.columns.iter().map(move |c| {
                                (
                                    row_field(rows.key, n, c.path),
                                    format!("{} {n}: {}", rows.label, c.label),
                                )
                            })
                        })
                        .collect(),
                })
                .filter_map(|(name, label)| {
                    let value = their_values.get(&name)?.join("\n");
                    Some(Shown { label, value })
                })
                .collect();
            let shape = Shape {
                kind,
                id,
                // Saving again keeps this form's words over theirs, knowingly.
                base: fingerprint(&theirs),
                status: StatusCode::CONFLICT,
                banner: None,
                theirs: Some(shown),
            };
            Ok(item_page(state, user, working.offer(), &values, Vec::new(), shape).await)
        }
    }
}

/// `POST /staff/offer/{kind}/{id}`: saves the form into the draft.
pub async fn update(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    save(&state, &council, &user, kind, Some(&id), pairs).await
}

/// `POST /staff/offer/{kind}/new`: adds the item to the draft.
pub async fn create(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(kind): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    if kind == ItemKind::Council {
        return Err(user.not_found());
    }
    save(&state, &council, &user, kind, None, pairs).await
}

/// `POST /staff/offer/{kind}/{id}/checked`: "checked, nothing changed" sets the item's last
/// checked date to today in the draft.
pub async fn checked(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    let now = state.config.clock.now();
    let today = uk_local(now).date();
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer item checked",
        target: target(kind, &id),
    };
    let outcome = change_draft(&council.db, &record, now, |offer| {
        form::mark_checked(offer, kind, &id, today).ok_or(())
    })
    .await?;
    match outcome {
        Ok(_) => Ok(
            Redirect::to(&format!("/staff/offer/{}/{id}?saved=checked", kind.slug()))
                .into_response(),
        ),
        Err(()) => Err(user.not_found()),
    }
}

#[derive(Template)]
#[template(path = "staff/offer_remove.html")]
struct RemovePage {
    layout: Layout,
    errors: Errors,
    name: String,
    kind_name: &'static str,
    action: String,
    back: String,
    pointers: Vec<String>,
}

/// `GET /staff/offer/{kind}/{id}/remove`: asks first, or says what points at the item.
pub async fn remove_form(
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    let working = working_copy(&council.db).await?;
    let item = find_item(working.offer(), kind, &id).ok_or_else(|| user.not_found())?;
    if kind == ItemKind::Council {
        return Err(user.not_found());
    }
    Ok(render(
        StatusCode::OK,
        &RemovePage {
            layout: Layout::signed_in(&user, format!("Remove {}", a(kind)), Section::Offer),
            errors: Errors::default(),
            name: item.name,
            kind_name: noun(kind),
            action: format!("/staff/offer/{}/{id}/remove", kind.slug()),
            back: format!("/staff/offer/{}/{id}", kind.slug()),
            pointers: Vec::new(),
        },
    ))
}

/// `POST /staff/offer/{kind}/{id}/remove`: removes the item from the draft, unless
/// something points at it.
pub async fn remove(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path((kind, id)): Path<(String, String)>,
) -> PageResult {
    let kind = kind_of(&kind, &user)?;
    let entries = you_said_we_did::list(&council.db, false).await?;
    let about: Vec<_> = entries
        .into_iter()
        .filter_map(|e| Some((e.entry.about?, e.entry.said)))
        .collect();
    let now = state.config.clock.now();
    let actor = user.actor();
    let record = Record {
        actor: &actor,
        action: "offer item removed",
        target: target(kind, &id),
    };
    let outcome = change_draft(&council.db, &record, now, |offer| {
        form::remove(offer, kind, &id, &about)
    })
    .await?;
    let refusal = match outcome {
        Ok(_) => return Ok(Redirect::to("/staff/offer?saved=removed").into_response()),
        Err(Refusal::Council | Refusal::NotFound) => return Err(user.not_found()),
        Err(Refusal::PointedAt(pointers)) => pointers,
        Err(Refusal::Invalid(problems)) => problems.into_iter().map(|p| p.message).collect(),
    };
    let working = working_copy(&council.db).await?;
    let name = find_item(working.offer(), kind, &id)
        .map(|i| i.name)
        .unwrap_or_default();
    let mut errors = Errors::default();
    errors.add(
        "pointers",
        format!(
            "This {} cannot be removed while other things point at it",
            noun(kind)
        ),
    );
    Ok(render(
        StatusCode::CONFLICT,
        &RemovePage {
            layout: Layout::signed_in(&user, format!("Remove {}", a(kind)), Section::Offer),
            errors,
            name,
            kind_name: noun(kind),
            action: format!("/staff/offer/{}/{id}/remove", kind.slug()),
            back: format!("/staff/offer/{}/{id}", kind.slug()),
            pointers: refusal,
        },
    ))
}
