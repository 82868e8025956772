//! One message: every field, what it is about, its history, and the four forms (status,
//! assignment, note, reply). Each change is one transaction with its history line and its
//! audit line.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use chrono::{DateTime, Utc};
use offer_core::message::MessageKind;
use offer_core::roles::{Role, CONTACT_KINDS};
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::display::{name_of, uk_time};
use super::error::PageResult;
use super::layout::{render, Errors, Layout, Opt, Section};
use super::session::StaffUser;
use crate::db::accounts::{self, Account};
use crate::db::sql::Tx;
use crate::db::{audit, messages, replies};
use crate::mail::{self, Notice};
use crate::state::AppState;
use crate::tenants::{Council, Tenant};
use crate::triage::labels::{about_key, about_label, fields};
use crate::triage::staff_message::{contact_made, is_overdue, Event};
use crate::triage::{ContactMethod, StaffMessage, Status};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;

struct HistoryLine {
    at: String,
    who: String,
    what: String,
}

#[derive(Template)]
#[template(path = "staff/message_detail.html")]
struct MessageDetailPage {
    layout: Layout,
    errors: Errors,
    reference: i64,
    overdue: bool,
    due: String,
    facts: Vec<(String, String)>,
    about: Option<(String, Option<String>)>,
    sent: Vec<(String, String)>,
    statuses: Vec<Opt>,
    asks_contact: bool,
    methods: Vec<Opt>,
    assigned: String,
    assignees: Vec<Opt>,
    note: String,
    reply_text: String,
    current_reply: Option<(String, String)>,
    preview: Option<String>,
    history: Vec<HistoryLine>,
}

/// Loads the message a staff URL names, if the viewer may see it; `None` for one that is
/// missing or hidden, or for a number that is not a number (all answered 404).
async fn find(
    council: &Council,
    user: &StaffUser,
    reference: &str,
) -> anyhow::Result<Option<StaffMessage>> {
    let Ok(reference) = reference.parse::<i64>() else {
        return Ok(None);
    };
    Ok(messages::by_reference(&council.db, reference)
        .await?
        .filter(|m| user.viewer().may_see(m.message.body.kind(), m.assigned_to)))
}

/// Who `user` may assign this message to, as options ("" for nobody).
fn assignee_options(user: &StaffUser, item: &StaffMessage, staff: &[Account]) -> Vec<Opt> {
    let current = item
        .assigned_to
        .map(|id| id.to_string())
        .unwrap_or_default();
    let viewer = user.viewer();
    let kind = item.message.body.kind();
    let mut options = Vec::new();
    if viewer.role == Role::Manager || item.assigned_to == Some(viewer.id) {
        options.push(Opt::new("", "Nobody", &current));
    }
    options.extend(
        staff
            .iter()
            .filter(|a| viewer.may_assign(kind, a.id, a.role))
            .map(|a| {
                let label = if a.id == viewer.id {
                    format!("Me ({})", a.name)
                } else {
                    format!("{} ({})", a.name, a.role.label())
                };
                Opt::new(a.id.to_string(), label, &current)
            }),
    );
    if options.len() == 1 && options[0].selected {
        // Only the current choice: nothing to change, so no form.
        options.clear();
    }
    options
}

/// What a form on the message page sent, to show again when something needs changing.
#[derive(Debug, Default)]
struct Typed<'a> {
    status: &'a str,
    method: &'a str,
    note: &'a str,
    reply: Option<&'a str>,
    preview: Option<String>,
}

/// Builds the message page; `errors` and `typed` carry a form that needs changing.
async fn detail_page(
    state: &AppState,
    council: &Council,
    user: &StaffUser,
    item: &StaffMessage,
    errors: Errors,
    typed: Typed<'_>,
    banner: Option<String>,
) -> PageResult {
    let names = accounts::names(&council.db).await?;
    let staff = accounts::list(&council.db).await?;
    let content = council.content.current();
    let offer = &content.offer;
    let now = state.config.clock.now();
    let body = &item.message.body;
    let kind = body.kind();
    let asks = CONTACT_KINDS.contains(&kind);
    let mut facts = vec![
        ("Kind".to_string(), kind.staff_label().to_string()),
        ("Status".to_string(), item.status.label().to_string()),
        ("Written".to_string(), uk_time(item.message.created_at)),
        (
            "Written in".to_string(),
            // Messages from before phones said their language were written in English.
            item.message
                .language
                .as_deref()
                .map(|code| state.languages.english_name(code))
                .unwrap_or_else(|| "English".to_string()),
        ),
        ("Arrived".to_string(), uk_time(item.received_at)),
        ("Assigned to".to_string(), name_of(&names, item.assigned_to)),
    ];
    if let Some(read) = item.first_read_at {
        facts.push(("First opened by staff".into(), uk_time(read)));
    }
    if let Some(done) = item.done_at {
        facts.push(("Done".into(), uk_time(done)));
    }
    let made = contact_made(item);
    if !made.is_empty() {
        facts.push(("How contact was made".into(), made.to_string()));
    }
    let about = about_key(body).map(|key| about_label(&key, offer));
    let due = if asks && item.status != Status::Done {
        let due = state.holidays.contact_due(item.received_at);
        // The last working day, named as people say it: "Tuesday 24 November".
        uk_local(due - chrono::Duration::seconds(1))
            .format("%A %-d %B")
            .to_string()
    } else {
        String::new()
    };
    let history = messages::events(&council.db, &item.message.id)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            at: uk_time(e.at),
            who: name_of(&names, e.actor_id),
            what: e.detail,
        })
        .collect();
    let (status_choice, method_choice) = (typed.status, typed.method);
    let reply = replies::get(&council.db, &item.message.id).await?;
    let status_choice = if status_choice.is_empty() {
        item.status.slug()
    } else {
        status_choice
    };
    let method_choice = if method_choice.is_empty() {
        item.contact_method.map_or("", ContactMethod::slug)
    } else {
        method_choice
    };
    Ok(render(
        if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        },
        &MessageDetailPage {
            layout: Layout::signed_in(
                user,
                format!("Message {}: {}", item.reference, kind.staff_label()),
                Section::Inbox,
            )
            .with_banner(banner),
            errors,
            reference: item.reference,
            overdue: is_overdue(item, now, &state.holidays),
            due,
            facts,
            about,
            sent: fields(body, offer),
            statuses: Status::ALL
                .iter()
                .map(|s| Opt::new(s.slug(), s.label(), status_choice))
                .collect(),
            asks_contact: kind == MessageKind::ContactMe,
            methods: ContactMethod::ALL
                .iter()
                .map(|m| Opt::new(m.slug(), m.label(), method_choice))
                .collect(),
            assigned: name_of(&names, item.assigned_to),
            assignees: assignee_options(user, item, &staff),
            note: typed.note.to_string(),
            reply_text: typed
                .reply
                .map(str::to_string)
                .or_else(|| reply.as_ref().map(|r| r.text.clone()))
                .unwrap_or_default(),
            current_reply: reply.map(|r| (r.text, uk_time(r.written_at))),
            preview: typed.preview,
            history,
        },
    ))
}

/// After a change, which notice to show.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedNotice {
    saved: String,
}

/// `GET /staff/messages/{reference}`
pub async fn show(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(reference): Path<String>,
    Query(notice): Query<SavedNotice>,
) -> PageResult {
    let item = find(&council, &user, &reference)
        .await?
        .ok_or_else(|| user.not_found())?;
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    messages::mark_read(&mut tx, item.reference, now).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "message opened",
        &format!("message {}", item.reference),
        item.message.body.kind().staff_label(),
    )
    .await?;
    tx.commit().await?;
    let banner = match notice.saved.as_str() {
        "status" => Some("The status is saved.".to_string()),
        "assign" => Some("Saved who is dealing with it.".to_string()),
        "note" => Some("Your note is added.".to_string()),
        "reply" => {
            Some("Your reply is saved. The phone shows it the next time it checks.".to_string())
        }
        _ => None,
    };
    detail_page(
        &state,
        &council,
        &user,
        &item,
        Errors::default(),
        Typed::default(),
        banner,
    )
    .await
}

/// What a change to a message adds to its history and to the audit log.
struct Record<'a> {
    /// The history line's action ("status", "assigned", "note", "reply").
    action: &'a str,
    /// What the history line says.
    detail: String,
    /// The audit line's action.
    audit_action: &'a str,
    /// What the audit line says: never a young person's words, nor a note's.
    audit_detail: String,
    /// Which notice the message's page shows next.
    saved: &'a str,
}

/// Finishes a change made in `tx`: adds its history line and audit line in the same
/// transaction, commits, and goes back to the message's page with a notice.
async fn finish(
    mut tx: Tx,
    user: &StaffUser,
    item: &StaffMessage,
    now: DateTime<Utc>,
    record: Record<'_>,
) -> PageResult {
    let event = Event {
        at: now,
        actor_id: Some(user.account.id),
        action: record.action.to_string(),
        detail: record.detail,
    };
    messages::add_event(&mut tx, &item.message.id, &event).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        record.audit_action,
        &format!("message {}", item.reference),
        &record.audit_detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/staff/messages/{}?saved={}",
        item.reference, record.saved
    ))
    .into_response())
}

/// The status form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    status: String,
    contact_method: String,
}

/// `POST /staff/messages/{reference}/status`
pub async fn set_status(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<StatusForm>,
) -> PageResult {
    let item = find(&council, &user, &reference)
        .await?
        .ok_or_else(|| user.not_found())?;
    let mut errors = Errors::default();
    let status = Status::from_slug(&form.status);
    if status.is_none() {
        errors.add("status", "Choose a status");
    }
    let is_contact = item.message.body.kind() == MessageKind::ContactMe;
    let method = ContactMethod::from_slug(&form.contact_method);
    if status == Some(Status::Done) && is_contact && method.is_none() {
        errors.add(
            "contact_method",
            "Choose how you got in touch, or 'Could not reach them'",
        );
    }
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        let typed = Typed {
            status: &form.status,
            method: &form.contact_method,
            ..Typed::default()
        };
        return detail_page(&state, &council, &user, &item, errors, typed, None).await;
    };
    let method = method.filter(|_| status == Status::Done && is_contact);
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    messages::set_status(&mut tx, item.reference, status, method, now).await?;
    let mut detail = format!("Status: {}", status.label());
    if let Some(method) = method {
        detail.push_str(&format!(" ({})", method.label()));
    }
    let record = Record {
        action: "status",
        detail: detail.clone(),
        audit_action: "status changed",
        audit_detail: detail,
        saved: "status",
    };
    finish(tx, &user, &item, now, record).await
}

/// The assignment form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    assignee: String,
}

/// `POST /staff/messages/{reference}/assign`
pub async fn assign(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<AssignForm>,
) -> PageResult {
    let item = find(&council, &user, &reference)
        .await?
        .ok_or_else(|| user.not_found())?;
    let viewer = user.viewer();
    let kind = item.message.body.kind();
    let target = match form.assignee.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) => accounts::by_id(&council.db, id).await?,
            Err(_) => None,
        },
    };
    let allowed = match &target {
        None => {
            form.assignee.trim().is_empty()
                && (viewer.role == Role::Manager || item.assigned_to == Some(viewer.id))
        }
        Some(account) => viewer.may_assign(kind, account.id, account.role),
    };
    if !allowed {
        let mut errors = Errors::default();
        errors.add(
            "assignee",
            "Choose someone from the list who can see this kind of message",
        );
        return detail_page(
            &state,
            &council,
            &user,
            &item,
            errors,
            Typed::default(),
            None,
        )
        .await;
    }
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    messages::assign(&mut tx, item.reference, target.as_ref().map(|a| a.id)).await?;
    let detail = match &target {
        Some(account) => format!("Assigned to {}", account.name),
        None => "Unassigned".to_string(),
    };
    let record = Record {
        action: "assigned",
        detail: detail.clone(),
        audit_action: "assigned",
        audit_detail: detail,
        saved: "assign",
    };
    let answer = finish(tx, &user, &item, now, record).await?;
    // Only once the change is kept: the email says there is something to look at.
    if let Some(account) = target.filter(|a| a.id != viewer.id) {
        mail::send(
            &state.config,
            &council.mail_from(&state.config),
            Notice::Assigned,
            &account.email,
        );
    }
    Ok(answer)
}

/// The note form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    note: String,
}

/// `POST /staff/messages/{reference}/notes`
pub async fn add_note(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<NoteForm>,
) -> PageResult {
    let item = find(&council, &user, &reference)
        .await?
        .ok_or_else(|| user.not_found())?;
    let note = form.note.trim();
    let mut errors = Errors::default();
    if note.is_empty() {
        errors.add("note", "Write the note before adding it");
    } else if note.chars().count() > MAX_NOTE {
        errors.add("note", "The note must be 2,000 characters or fewer");
    }
    if !errors.is_empty() {
        let typed = Typed {
            note: &form.note,
            ..Typed::default()
        };
        return detail_page(&state, &council, &user, &item, errors, typed, None).await;
    }
    let now = state.config.clock.now();
    let tx = council.db.begin().await?;
    let record = Record {
        action: "note",
        detail: note.to_string(),
        // The audit log says a note was added, never its words.
        audit_action: "note added",
        audit_detail: String::new(),
        saved: "note",
    };
    finish(tx, &user, &item, now, record).await
}

/// The reply form: `action` is "preview" or "send".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    reply: String,
    action: String,
}

/// `POST /staff/messages/{reference}/reply`: preview, then send or correct the reply the
/// phone that sent the message will see.
pub async fn reply(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<ReplyForm>,
) -> PageResult {
    let item = find(&council, &user, &reference)
        .await?
        .ok_or_else(|| user.not_found())?;
    let text = form.reply.trim();
    let mut errors = Errors::default();
    if let Some(problem) = offer_core::answers::reply_problem(text) {
        errors.add("reply", problem);
    }
    if !errors.is_empty() || form.action == "preview" {
        let preview = errors.is_empty().then(|| text.to_string());
        let typed = Typed {
            reply: Some(&form.reply),
            preview,
            ..Typed::default()
        };
        return detail_page(&state, &council, &user, &item, errors, typed, None).await;
    }
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    let corrected = replies::set(&mut tx, &item.message.id, text, user.account.id, now).await?;
    let (audit_action, label) = if corrected {
        ("reply corrected", "Reply corrected")
    } else {
        ("reply sent", "Reply sent")
    };
    let record = Record {
        action: "reply",
        detail: format!("{label}: {text}"),
        audit_action,
        audit_detail: format!("{} characters", text.chars().count()),
        saved: "reply",
    };
    finish(tx, &user, &item, now, record).await
}
