//! The inbox (filters, counts per status, pages of 25) and its CSV export.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use offer_core::message::{FeedbackReason, MessageKind};
use offer_core::roles::Viewer;
use offer_core::working_days::uk_local;
use offer_core::Offer;

use super::display::{name_of, uk_time};
use super::error::{PageError, PageResult};
use super::layout::{render, Errors, Layout, Opt, Section};
use super::session::StaffUser;
use crate::db::audit;
use crate::db::{accounts, messages};
use crate::state::AppState;
use crate::tenants::{Council, Tenant};
use crate::triage::labels::summary;
use crate::triage::listing::{Listing, PER_PAGE};
use crate::triage::staff_message::{is_overdue, is_support_back};
use crate::triage::{Filter, Selection, Status};

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
    /// "Pashto" for a message written in the app in Pashto; empty for English.
    language: String,
}

struct CountLink {
    href: String,
    label: String,
    count: usize,
    current: bool,
}

/// The choices in the filter form.
struct FilterOptions {
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    staff: Vec<Opt>,
    abouts: Vec<Opt>,
    reasons: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "staff/inbox.html")]
struct InboxPage {
    layout: Layout,
    errors: Errors,
    filter: Filter,
    filter_empty: bool,
    options: FilterOptions,
    counts: Vec<CountLink>,
    rows: Vec<Row>,
    total: usize,
    first: usize,
    last: usize,
    page: usize,
    pages: usize,
    query: String,
}

/// What `viewer` sees with `filter`: one page, or every match for `page: None`.
async fn list(
    state: &AppState,
    council: &Council,
    viewer: Viewer,
    filter: &Filter,
    page: Option<usize>,
) -> anyhow::Result<Listing> {
    // Labels come from today's offer, and are only needed to look for words.
    let about_labels = if filter.q.trim().is_empty() {
        Vec::new()
    } else {
        messages::about_labels(&council.db, &council.content.current().offer).await?
    };
    let selection = Selection::of_filter(viewer, filter, &about_labels);
    let overdue_before = state.holidays.overdue_before(state.config.clock.now());
    messages::listing(&council.db, &selection, overdue_before, page).await
}

/// The filter form's choices: the kinds the viewer's role sees, every status, everyone who
/// can be assigned, everything in the offer a message can be about, and the reasons.
fn filter_options(
    viewer: Viewer,
    filter: &Filter,
    offer: &Offer,
    staff: &[accounts::Account],
) -> FilterOptions {
    let mut kinds = vec![Opt::new("", "Any kind", &filter.kind)];
    kinds.extend(
        MessageKind::ALL
            .into_iter()
            .filter(|k| viewer.role.sees_kind(*k))
            .map(|k| Opt::new(k.slug(), k.staff_label(), &filter.kind)),
    );
    let mut statuses = vec![Opt::new("", "Any status", &filter.status)];
    statuses.extend(
        Status::ALL
            .iter()
            .map(|s| Opt::new(s.slug(), s.label(), &filter.status)),
    );
    let mut assigned = vec![
        Opt::new("", "Anyone or nobody", &filter.assigned),
        Opt::new("me", "Me", &filter.assigned),
        Opt::new("nobody", "Nobody yet", &filter.assigned),
    ];
    assigned.extend(
        staff
            .iter()
            .map(|a| Opt::new(a.id.to_string(), a.name.clone(), &filter.assigned)),
    );
    let mut abouts = vec![
        Opt::new("", "Anything", &filter.about),
        Opt::new("app", "The app", &filter.about),
        Opt::new("offer", "The local offer as a whole", &filter.about),
    ];
    abouts.extend(super::about_options::items(offer, &filter.about));
    let mut reasons = vec![Opt::new("", "Any reason", &filter.reason)];
    reasons.extend(
        FeedbackReason::ALL
            .iter()
            .map(|r| Opt::new(r.slug(), r.label(), &filter.reason)),
    );
    FilterOptions {
        kinds,
        statuses,
        staff: assigned,
        abouts,
        reasons,
    }
}

/// `GET /staff`: the inbox.
pub async fn inbox(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(filter): Query<Filter>,
) -> PageResult {
    let names = accounts::names(&council.db).await?;
    let staff = accounts::list(&council.db).await?;
    let content = council.content.current();
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
    let listing = list(&state, &council, viewer, &usable, Some(usable.page())).await?;
    let rows = listing
        .items
        .iter()
        .map(|m| Row {
            reference: m.reference,
            received: uk_time(m.received_at),
            kind: m.message.body.kind().staff_label().to_string(),
            summary: summary(&m.message.body, offer),
            status: m.status.label().to_string(),
            status_slug: m.status.slug().to_string(),
            assigned: name_of(&names, m.assigned_to),
            overdue: is_overdue(m, now, &state.holidays),
            support_back: is_support_back(m),
            language: m
                .message
                .language
                .as_deref()
                .map(|code| state.languages.english_name(code))
                .unwrap_or_default(),
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
    let first = if listing.total == 0 {
        0
    } else {
        (listing.page - 1) * PER_PAGE + 1
    };
    Ok(render(
        StatusCode::OK,
        &InboxPage {
            layout: Layout::signed_in(&user, "Inbox", Section::Inbox),
            errors,
            filter_empty: filter.is_empty(),
            query: filter.query_string(),
            options: filter_options(viewer, &filter, offer, &staff),
            filter,
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

/// `GET /staff/export.csv`: the filtered inbox as a spreadsheet.
pub async fn export(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(filter): Query<Filter>,
) -> PageResult {
    if !filter.problems().is_empty() {
        return Err(PageError::BadDownload(
            "One of the dates in the filter is not a real date. Go back to the inbox and check the filters.",
        ));
    }
    let names = accounts::names(&council.db).await?;
    let content = council.content.current();
    let now = state.config.clock.now();
    let listing = list(&state, &council, user.viewer(), &filter, None).await?;
    let bytes = super::csv::csv(
        &listing.items,
        &content.offer,
        &names,
        now,
        &state.holidays,
        &state.languages,
    )?;
    let query = filter.query_string();
    let mut tx = council.db.begin().await?;
    audit::write(
        &mut tx,
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
    tx.commit().await?;
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
