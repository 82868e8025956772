//! Managers' pages: the accounts (invite, change role, new password link, remove, each
//! change checked before it is made) and the audit log.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::roles::Role;
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::accounts::{self, Account, Added};
use super::audit;
use super::pages::{not_found, render, unavailable, Errors, Layout, Opt};
use super::session::StaffUser;
use crate::startup::AppState;

/// Audit lines per page.
const AUDIT_PER_PAGE: i64 = 50;

struct AccountRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    has_password: bool,
}

#[derive(Template)]
#[template(path = "staff/accounts.html")]
struct AccountsPage {
    layout: Layout,
    errors: Errors,
    accounts: Vec<AccountRow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    removed: Option<String>,
    saved: Option<String>,
}

fn role_options(current: &str) -> Vec<Opt> {
    Role::ALL
        .iter()
        .map(|r| Opt::new(r.slug(), r.label(), current))
        .collect()
}

/// `GET /staff/accounts`
pub async fn list(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(notice): Query<Notice>,
) -> Response {
    if !user.account.role.manages_accounts() {
        return not_found(&user);
    }
    match accounts::list(&state.db).await {
        Ok(list) => render(
            StatusCode::OK,
            &AccountsPage {
                layout: Layout::signed_in(&user, "Accounts", "accounts").with_banner(
                    notice
                        .removed
                        .map(|_| "The account is removed.".to_string()),
                ),
                errors: Errors::default(),
                accounts: list
                    .into_iter()
                    .map(|a| AccountRow {
                        id: a.id,
                        name: a.name,
                        email: a.email,
                        role: a.role.label().to_string(),
                        has_password: a.password_hash.is_some(),
                    })
                    .collect(),
            },
        ),
        Err(error) => unavailable(error),
    }
}

#[derive(Template)]
#[template(path = "staff/account_new.html")]
struct NewAccountPage {
    layout: Layout,
    errors: Errors,
    name: String,
    email: String,
    roles: Vec<Opt>,
}

/// `GET /staff/accounts/new`
pub async fn new_form(user: StaffUser) -> Response {
    if !user.account.role.manages_accounts() {
        return not_found(&user);
    }
    render(
        StatusCode::OK,
        &NewAccountPage {
            layout: Layout::signed_in(&user, "Invite someone", "accounts"),
            errors: Errors::default(),
            name: String::new(),
            email: String::new(),
            roles: role_options(""),
        },
    )
}

/// The invitation form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewAccountForm {
    name: String,
    email: String,
    role: String,
}

#[derive(Template)]
#[template(path = "staff/account_link.html")]
struct LinkPage {
    layout: Layout,
    errors: Errors,
    id: i64,
    name: String,
    email: String,
    link: String,
    expires: String,
}

fn link_page(
    state: &AppState,
    user: &StaffUser,
    title: &str,
    account: &Account,
    token: &str,
) -> Response {
    let expires = state.config.clock.now() + chrono::Duration::hours(accounts::LINK_VALID_HOURS);
    render(
        StatusCode::OK,
        &LinkPage {
            layout: Layout::signed_in(user, title, "accounts"),
            errors: Errors::default(),
            id: account.id,
            name: account.name.clone(),
            email: account.email.clone(),
            link: accounts::link_url(&state.config.public_url(), token),
            expires: uk_local(expires)
                .format("%-I:%M%P on %A %-d %B")
                .to_string(),
        },
    )
}

/// `POST /staff/accounts/new`
pub async fn create(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Form(form): Form<NewAccountForm>,
) -> Response {
    if !user.account.role.manages_accounts() {
        return not_found(&user);
    }
    let result: anyhow::Result<Response> = async {
        let mut errors = Errors::default();
        if let Some(problem) = accounts::name_problem(&form.name) {
            errors.add("name", problem);
        }
        if let Some(problem) = accounts::email_problem(&form.email) {
            errors.add("email", problem);
        }
        let role = Role::from_slug(&form.role);
        if role.is_none() {
            errors.add("role", "Choose a role");
        }
        let now = state.config.clock.now();
        if errors.is_empty() {
            let role = role.expect("checked above");
            match accounts::add(&state.db, &form.email, &form.name, role, now).await? {
                Added::EmailTaken => errors.add(
                    "email",
                    "There is already an account with this email address",
                ),
                Added::Made(id) => {
                    let account = accounts::by_id(&state.db, id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("new account missing"))?;
                    let token = accounts::new_link(&state.db, id, now).await?;
                    audit::write(
                        &state.db,
                        now,
                        &user.actor(),
                        "account added",
                        &account.email,
                        role.slug(),
                    )
                    .await?;
                    return Ok(link_page(
                        &state,
                        &user,
                        "Account created",
                        &account,
                        &token,
                    ));
                }
            }
        }
        Ok(render(
            StatusCode::BAD_REQUEST,
            &NewAccountPage {
                layout: Layout::signed_in(&user, "Invite someone", "accounts"),
                errors,
                name: form.name.clone(),
                email: form.email.clone(),
                roles: role_options(&form.role),
            },
        ))
    }
    .await;
    result.unwrap_or_else(unavailable)
}

#[derive(Template)]
#[template(path = "staff/account.html")]
struct AccountPage {
    layout: Layout,
    errors: Errors,
    id: i64,
    account_name: String,
    email: String,
    role: String,
    has_password: bool,
    is_self: bool,
    roles: Vec<Opt>,
}

async fn managed(state: &AppState, user: &StaffUser, id: &str) -> anyhow::Result<Option<Account>> {
    if !user.account.role.manages_accounts() {
        return Ok(None);
    }
    match id.parse::<i64>() {
        Ok(id) => accounts::by_id(&state.db, id).await,
        Err(_) => Ok(None),
    }
}

fn account_page(
    user: &StaffUser,
    account: &Account,
    errors: Errors,
    banner: Option<String>,
) -> Response {
    render(
        if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        },
        &AccountPage {
            layout: Layout::signed_in(user, account.name.clone(), "accounts").with_banner(banner),
            errors,
            id: account.id,
            account_name: account.name.clone(),
            email: account.email.clone(),
            role: account.role.label().to_string(),
            has_password: account.password_hash.is_some(),
            is_self: account.id == user.account.id,
            roles: role_options(account.role.slug()),
        },
    )
}

/// `GET /staff/accounts/{id}`
pub async fn show(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> Response {
    match managed(&state, &user, &id).await {
        Ok(Some(account)) => account_page(
            &user,
            &account,
            Errors::default(),
            notice.saved.map(|_| "The role is changed.".to_string()),
        ),
        Ok(None) => not_found(&user),
        Err(error) => unavailable(error),
    }
}

#[derive(Template)]
#[template(path = "staff/confirm.html")]
struct ConfirmPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<(String, String)>,
    warning: String,
    action: String,
    hidden: Vec<(String, String)>,
    button: String,
    cancel: String,
    danger: bool,
}

/// A form that is checked before the change is made.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    role: String,
    confirm: String,
}

/// `POST /staff/accounts/{id}/role`: check, then change.
pub async fn change_role(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(account) = managed(&state, &user, &id).await? else {
            return Ok(not_found(&user));
        };
        let mut errors = Errors::default();
        let role = Role::from_slug(&form.role);
        if account.id == user.account.id {
            errors.add("role", "You cannot change your own role. Ask another manager.");
        } else if role.is_none() {
            errors.add("role", "Choose a role");
        } else if role == Some(account.role) {
            errors.add("role", "Choose a different role from the one they have now");
        }
        if !errors.is_empty() {
            return Ok(account_page(&user, &account, errors, None));
        }
        let role = role.expect("checked above");
        if form.confirm != "yes" {
            return Ok(render(
                StatusCode::OK,
                &ConfirmPage {
                    layout: Layout::signed_in(&user, "Check before you change the role", "accounts"),
                    errors: Errors::default(),
                    rows: vec![
                        ("Name".into(), account.name.clone()),
                        ("Email".into(), account.email.clone()),
                        ("Role now".into(), account.role.label().into()),
                        ("New role".into(), role.label().into()),
                    ],
                    warning: "They will be signed out, and see what the new role allows when they sign in again.".into(),
                    action: format!("/staff/accounts/{}/role", account.id),
                    hidden: vec![("role".into(), role.slug().into())],
                    button: "Change the role".into(),
                    cancel: format!("/staff/accounts/{}", account.id),
                    danger: false,
                },
            ));
        }
        let now = state.config.clock.now();
        accounts::set_role(&state.db, account.id, role).await?;
        audit::write(&state.db, now, &user.actor(), "role changed", &account.email, &format!("{} to {}", account.role.slug(), role.slug())).await?;
        Ok(Redirect::to(&format!("/staff/accounts/{}?saved=role", account.id)).into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

/// `POST /staff/accounts/{id}/reset`: a new one-time link; the old password and every
/// session of the account stop working.
pub async fn reset(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(account) = managed(&state, &user, &id).await? else {
            return Ok(not_found(&user));
        };
        let now = state.config.clock.now();
        let token = accounts::new_link(&state.db, account.id, now).await?;
        audit::write(
            &state.db,
            now,
            &user.actor(),
            "password link made",
            &account.email,
            "sessions ended",
        )
        .await?;
        Ok(link_page(
            &state,
            &user,
            &format!("New password link for {}", account.name),
            &account,
            &token,
        ))
    }
    .await;
    result.unwrap_or_else(unavailable)
}

/// `POST /staff/accounts/{id}/remove`: check, then remove.
pub async fn remove(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Response {
    let result: anyhow::Result<Response> = async {
        let Some(account) = managed(&state, &user, &id).await? else {
            return Ok(not_found(&user));
        };
        if account.id == user.account.id {
            let mut errors = Errors::default();
            errors.add("role", "You cannot remove your own account. Ask another manager.");
            return Ok(account_page(&user, &account, errors, None));
        }
        if form.confirm != "yes" {
            return Ok(render(
                StatusCode::OK,
                &ConfirmPage {
                    layout: Layout::signed_in(&user, "Check before you remove this account", "accounts"),
                    errors: Errors::default(),
                    rows: vec![
                        ("Name".into(), account.name.clone()),
                        ("Email".into(), account.email.clone()),
                        ("Role".into(), account.role.label().into()),
                    ],
                    warning: "They will be signed out and cannot sign in again. Messages assigned to them and not done go back to the unassigned queue. Their name stays in the history.".into(),
                    action: format!("/staff/accounts/{}/remove", account.id),
                    hidden: vec![],
                    button: "Remove the account".into(),
                    cancel: format!("/staff/accounts/{}", account.id),
                    danger: true,
                },
            ));
        }
        let now = state.config.clock.now();
        accounts::remove(&state.db, account.id, now).await?;
        audit::write(&state.db, now, &user.actor(), "account removed", &account.email, account.role.slug()).await?;
        Ok(Redirect::to("/staff/accounts?removed=1").into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

struct AuditRow {
    at: String,
    actor: String,
    action: String,
    target: String,
    detail: String,
    address: String,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
struct AuditPage {
    layout: Layout,
    errors: Errors,
    entries: Vec<AuditRow>,
    page: i64,
    pages: i64,
}

/// Which page of the audit log.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

/// `GET /staff/audit`
pub async fn audit_log(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(query): Query<PageQuery>,
) -> Response {
    if !user.account.role.reads_audit_log() {
        return not_found(&user);
    }
    let page = query.page.parse::<i64>().unwrap_or(1).max(1);
    match audit::page(&state.db, page, AUDIT_PER_PAGE).await {
        Ok((entries, total)) => {
            let pages = ((total + AUDIT_PER_PAGE - 1) / AUDIT_PER_PAGE).max(1);
            render(
                StatusCode::OK,
                &AuditPage {
                    layout: Layout::signed_in(&user, "Audit log", "audit"),
                    errors: Errors::default(),
                    entries: entries
                        .into_iter()
                        .map(|e| AuditRow {
                            at: uk_local(e.at).format("%Y-%m-%d %H:%M:%S").to_string(),
                            actor: e.actor,
                            action: e.action,
                            target: e.target,
                            detail: e.detail,
                            address: e.address,
                        })
                        .collect(),
                    page: page.min(pages),
                    pages,
                },
            )
        }
        Err(error) => unavailable(error),
    }
}
