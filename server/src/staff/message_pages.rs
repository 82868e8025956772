//! The inbox, its CSV export, and one message with its status, assignment, notes and history.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::roles::{Role, Viewer};
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::accounts::{self, Account};
use super::audit;
use super::inbox::{
    self, about_key, about_label, contact_made, fields, kind_label, Filter, Selection, KIND_LABELS,
};
use super::notify::{self, Notice};
use super::pages::{not_found, render, unavailable, Errors, Layout, Opt};
use super::session::StaffUser;
use super::store::{self, StaffMessage, Status, CONTACT_METHODS};
use crate::startup::AppState;

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;

fn uk_time(time: chrono::DateTime<chrono::Utc>) -> String {
    uk_local(time).format("%a %-d %b %Y, %-I:%M%P").to_string()
}

struct Row {
    reference: i64,
    received: String,
    kind: String,
    summary: String,
    status: String,
    status_slug: String,
    assigned: String,
    overdue: bool,
    support_back: bool,
}

struct CountLink {
    href: String,
    label: String,
    count: usize,
    current: bool,
}

#[derive(Template)]
#[template(path = "staff/inbox.html")]
struct InboxPage {
    layout: Layout,
    errors: Errors,
    filter: Filter,
    filter_empty: bool,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    staff: Vec<Opt>,
    abouts: Vec<Opt>,
    reasons: Vec<Opt>,
    counts: Vec<CountLink>,
    rows: Vec<Row>,
    total: usize,
    first: usize,
    last: usize,
    page: usize,
    pages: usize,
    query: String,
}

fn name_of(names: &HashMap<i64, String>, id: Option<i64>) -> String {
    id.map_or("Nobody yet".to_string(), |id| {
        names.get(&id).cloned().unwrap_or_else(|| "Someone".into())
    })
}

/// What `viewer` sees with `filter`: one page, or every match for `page: None`.
async fn list(
    state: &AppState,
    viewer: Viewer,
    filter: &Filter,
    page: Option<usize>,
) -> anyhow::Result<inbox::Listing> {
    // Labels come from today's offer, and are only needed to look for words.
    let about_labels = if filter.q.trim().is_empty() {
        Vec::new()
    } else {
        store::about_labels(&state.db, &state.content.current().offer).await?
    };
    let selection = Selection::of_filter(viewer, filter, &about_labels);
    let overdue_before = state.holidays.overdue_before(state.config.clock.now());
    store::listing(&state.db, &selection, overdue_before, page).await
}

/// `GET /staff`: the inbox.
pub async fn inbox(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(filter): Query<Filter>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let names = accounts::names(&state.db).await?;
        let staff = accounts::list(&state.db).await?;
        let content = state.content.current();
        let offer = &content.offer;
        let now = state.config.clock.now();
        let viewer = user.viewer();
        let mut errors = Errors::default();
        for problem in filter.problems() {
            errors.add(problem.field, problem.message);
        }
        // A date that is not a date is ignored, and said so, rather than showing nothing.
        let mut usable = filter.clone();
        if errors.has("from") {
            usable.from.clear();
        }
        if errors.has("to") {
            usable.to.clear();
        }
        let listing = list(&state, viewer, &usable, Some(usable.page())).await?;
        let rows = listing
            .items
            .iter()
            .map(|m| Row {
                reference: m.reference,
                received: uk_time(m.received_at),
                kind: kind_label(m.message.body.kind()).to_string(),
                summary: inbox::summary(&m.message.body, offer),
                status: m.status.label().to_string(),
                status_slug: m.status.slug().to_string(),
                assigned: name_of(&names, m.assigned_to),
                overdue: inbox::is_overdue(m, now, &state.holidays),
                support_back: inbox::is_support_back(m),
            })
            .collect::<Vec<_>>();
        let mut without_status = filter.clone();
        without_status.status.clear();
        let status_query = without_status.query_string();
        let counts = listing
            .counts
            .iter()
            .map(|(status, count)| CountLink {
                href: format!(
                    "/staff?{status_query}{}status={}",
                    if status_query.is_empty() { "" } else { "&" },
                    status.slug()
                ),
                label: status.label().to_string(),
                count: *count,
                current: filter.status == status.slug(),
            })
            .collect();
        let mut kinds = vec![Opt::new("", "Any kind", &filter.kind)];
        kinds.extend(
            KIND_LABELS
                .iter()
                .filter(|(k, _)| viewer.role.sees_kind(k))
                .map(|(k, l)| Opt::new(*k, *l, &filter.kind)),
        );
        let mut statuses = vec![Opt::new("", "Any status", &filter.status)];
        statuses.extend(
            Status::ALL
                .iter()
                .map(|s| Opt::new(s.slug(), s.label(), &filter.status)),
        );
        let mut staff_options = vec![
            Opt::new("", "Anyone or nobody", &filter.assigned),
            Opt::new("me", "Me", &filter.assigned),
            Opt::new("nobody", "Nobody yet", &filter.assigned),
        ];
        staff_options.extend(
            staff
                .iter()
                .map(|a| Opt::new(a.id.to_string(), a.name.clone(), &filter.assigned)),
        );
        let mut abouts = vec![
            Opt::new("", "Anything", &filter.about),
            Opt::new("app", "The app", &filter.about),
            Opt::new("offer", "The local offer as a whole", &filter.about),
        ];
        abouts.extend(offer.entitlements.iter().map(|e| {
            Opt::new(
                format!("entitlement:{}", e.id),
                e.title.clone(),
                &filter.about,
            )
        }));
        abouts.extend(offer.hubs.iter().map(|h| {
            Opt::new(
                format!("hub:{}", h.id),
                format!("Hub: {}", h.name),
                &filter.about,
            )
        }));
        abouts.extend(offer.groups.iter().map(|g| {
            Opt::new(
                format!("group:{}", g.id),
                format!("Group: {}", g.name),
                &filter.about,
            )
        }));
        let mut reasons = vec![Opt::new("", "Any reason", &filter.reason)];
        reasons.extend(
            offer_core::message::FeedbackReason::ALL
                .iter()
                .map(|r| Opt::new(r.slug(), r.label(), &filter.reason)),
        );
        let first = if listing.total == 0 {
            0
        } else {
            (listing.page - 1) * inbox::PER_PAGE + 1
        };
        Ok(render(
            StatusCode::OK,
            &InboxPage {
                layout: Layout::signed_in(&user, "Inbox", "inbox"),
                errors,
                filter_empty: filter.is_empty(),
                query: filter.query_string(),
                filter,
                kinds,
                statuses,
                staff: staff_options,
                abouts,
                reasons,
                counts,
                first,
                last: first + rows.len().saturating_sub(1),
                rows,
                total: listing.total,
                page: listing.page,
                pages: listing.pages,
            },
        ))
    }
    .await;
    result.unwrap_or_else(unavailable)
}

/// `GET /staff/export.csv`: the filtered inbox as a spreadsheet.
pub async fn export(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(filter): Query<Filter>,
) -> Response {
    if !filter.problems().is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            "One of the dates in the filter is not a real date. Go back to the inbox and check the filters.\n",
        )
            .into_response();
    }
    let result: anyhow::Result<Response> = async {
        let names = accounts::names(&state.db).await?;
        let content = state.content.current();
        let now = state.config.clock.now();
        let listing = list(&state, user.viewer(), &filter, None).await?;
        let bytes =
            super::export::csv(&listing.items, &content.offer, &names, now, &state.holidays)?;
        let query = filter.query_string();
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "export",
            "messages",
            &format!(
                "{} messages; filters: {}",
                listing.total,
                if query.is_empty() { "none" } else { &query }
            ),
        )
        .await?;
        let file = format!(
            "attachment; filename=\"local-offer-messages-{}.csv\"",
            uk_local(now).format("%Y-%m-%d")
        );
        Ok((
            StatusCode::OK,
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (CONTENT_DISPOSITION, file),
            ],
            bytes,
        )
            .into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

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

/// Loads the message a staff URL names, if the viewer may see it; `None` (a 404) for one
/// that is missing or hidden, or for a number that is not a number.
async fn visible(
    state: &AppState,
    user: &StaffUser,
    reference: &str,
) -> anyhow::Result<Option<StaffMessage>> {
    let Ok(reference) = reference.parse::<i64>() else {
        return Ok(None);
    };
    Ok(store::by_reference(&state.db, reference)
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
    user: &StaffUser,
    item: &StaffMessage,
    errors: Errors,
    typed: Typed<'_>,
    banner: Option<String>,
) -> anyhow::Result<Response> {
    let names = accounts::names(&state.db).await?;
    let staff = accounts::list(&state.db).await?;
    let content = state.content.current();
    let offer = &content.offer;
    let now = state.config.clock.now();
    let body = &item.message.body;
    let kind = body.kind();
    let asks = offer_core::roles::CONTACT_KINDS.contains(&kind);
    let mut facts = vec![
        ("Kind".to_string(), kind_label(kind).to_string()),
        ("Status".to_string(), item.status.label().to_string()),
        ("Written".to_string(), uk_time(item.message.created_at)),
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
        facts.push(("How contact was made".into(), made));
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
    let history = store::events(&state.db, &item.message.id)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            at: uk_time(e.at),
            who: name_of(&names, e.actor_id),
            what: e.detail,
        })
        .collect();
    let (status_choice, method_choice) = (typed.status, typed.method);
    let reply = super::replies::get(&state.db, &item.message.id).await?;
    let status_choice = if status_choice.is_empty() {
        item.status.slug()
    } else {
        status_choice
    };
    let method_choice = if method_choice.is_empty() {
        item.contact_method.as_deref().unwrap_or("")
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
                format!("Message {}: {}", item.reference, kind_label(kind)),
                "inbox",
            )
            .with_banner(banner),
            errors,
            reference: item.reference,
            overdue: inbox::is_overdue(item, now, &state.holidays),
            due,
            facts,
            about,
            sent: fields(body, offer),
            statuses: Status::ALL
                .iter()
                .map(|s| Opt::new(s.slug(), s.label(), status_choice))
                .collect(),
            asks_contact: kind == "contact-me",
            methods: CONTACT_METHODS
                .iter()
                .map(|(v, l)| Opt::new(*v, *l, method_choice))
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
pub struct Saved {
    saved: String,
}

/// `GET /staff/messages/{reference}`
pub async fn show(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(reference): Path<String>,
    Query(saved): Query<Saved>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(item) = visible(&state, &user, &reference).await? else {
            return Ok(not_found(&user));
        };
        let reference = item.reference;
        let now = state.config.clock.now();
        store::mark_read(&state.db, reference, now).await?;
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "message opened",
            &format!("message {reference}"),
            kind_label(item.message.body.kind()),
        )
        .await?;
        let banner = match saved.saved.as_str() {
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
            &user,
            &item,
            Errors::default(),
            Typed::default(),
            banner,
        )
        .await
    }
    .await;
    result.unwrap_or_else(unavailable)
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
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<StatusForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(item) = visible(&state, &user, &reference).await? else {
            return Ok(not_found(&user));
        };
        let reference = item.reference;
        let mut errors = Errors::default();
        let status = Status::from_slug(&form.status);
        if status.is_none() {
            errors.add("status", "Choose a status");
        }
        let is_contact = item.message.body.kind() == "contact-me";
        let method =
            store::contact_method_label(&form.contact_method).map(|_| form.contact_method.as_str());
        if status == Some(Status::Done) && is_contact && method.is_none() {
            errors.add(
                "contact_method",
                "Choose how you got in touch, or 'Could not reach them'",
            );
        }
        if !errors.is_empty() {
            return detail_page(
                &state,
                &user,
                &item,
                errors,
                Typed {
                    status: &form.status,
                    method: &form.contact_method,
                    ..Typed::default()
                },
                None,
            )
            .await;
        }
        let status = status.expect("checked above");
        let method = if status == Status::Done && is_contact {
            method
        } else {
            None
        };
        let now = state.config.clock.now();
        store::set_status(&state.db, reference, status, method, now).await?;
        let mut detail = format!("Status: {}", status.label());
        if let Some(label) = method.and_then(store::contact_method_label) {
            detail.push_str(&format!(" ({label})"));
        }
        store::add_event(
            &state.db,
            &item.message.id,
            now,
            user.account.id,
            "status",
            &detail,
        )
        .await?;
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "status changed",
            &format!("message {reference}"),
            &detail,
        )
        .await?;
        Ok(Redirect::to(&format!("/staff/messages/{reference}?saved=status")).into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
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
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<AssignForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(item) = visible(&state, &user, &reference).await? else {
            return Ok(not_found(&user));
        };
        let reference = item.reference;
        let viewer = user.viewer();
        let kind = item.message.body.kind();
        let target = match form.assignee.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => accounts::by_id(&state.db, id).await?,
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
            return detail_page(&state, &user, &item, errors, Typed::default(), None).await;
        }
        let now = state.config.clock.now();
        store::assign(&state.db, reference, target.as_ref().map(|a| a.id)).await?;
        let detail = match &target {
            Some(account) => format!("Assigned to {}", account.name),
            None => "Unassigned".to_string(),
        };
        store::add_event(
            &state.db,
            &item.message.id,
            now,
            user.account.id,
            "assigned",
            &detail,
        )
        .await?;
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "assigned",
            &format!("message {reference}"),
            &detail,
        )
        .await?;
        if let Some(account) = target.filter(|a| a.id != viewer.id) {
            notify::send(&state.config, Notice::Assigned, &account.email);
        }
        Ok(Redirect::to(&format!("/staff/messages/{reference}?saved=assign")).into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
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
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(item) = visible(&state, &user, &reference).await? else {
            return Ok(not_found(&user));
        };
        let reference = item.reference;
        let note = form.note.trim();
        let mut errors = Errors::default();
        if note.is_empty() {
            errors.add("note", "Write the note before adding it");
        } else if note.chars().count() > MAX_NOTE {
            errors.add("note", "The note must be 2,000 characters or fewer");
        }
        if !errors.is_empty() {
            return detail_page(
                &state,
                &user,
                &item,
                errors,
                Typed {
                    note: &form.note,
                    ..Typed::default()
                },
                None,
            )
            .await;
        }
        let now = state.config.clock.now();
        store::add_event(
            &state.db,
            &item.message.id,
            now,
            user.account.id,
            "note",
            note,
        )
        .await?;
        // The audit log says a note was added, never its words.
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "note added",
            &format!("message {reference}"),
            "",
        )
        .await?;
        Ok(Redirect::to(&format!("/staff/messages/{reference}?saved=note")).into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
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
    user: StaffUser,
    Path(reference): Path<String>,
    Form(form): Form<ReplyForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(item) = visible(&state, &user, &reference).await? else {
            return Ok(not_found(&user));
        };
        let reference = item.reference;
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
            return detail_page(&state, &user, &item, errors, typed, None).await;
        }
        let now = state.config.clock.now();
        let corrected =
            super::replies::set(&state.db, &item.message.id, text, user.account.id, now).await?;
        let (action, label) = if corrected {
            ("reply corrected", "Reply corrected")
        } else {
            ("reply sent", "Reply sent")
        };
        store::add_event(
            &state.db,
            &item.message.id,
            now,
            user.account.id,
            "reply",
            &format!("{label}: {text}"),
        )
        .await?;
        audit::write(
            &state.db,
            now,
            &user.actor(),
            action,
            &format!("message {reference}"),
            &format!("{} characters", text.chars().count()),
        )
        .await?;
        Ok(Redirect::to(&format!("/staff/messages/{reference}?saved=reply")).into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}
