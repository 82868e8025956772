//! Managers' pages for staff accounts: invite, change role, new password link, remove,
//! each change checked with the manager before it is made, and kept in one transaction with
//! its audit line. Only managers reach these routes (`staff::router`).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::roles::Role;
use offer_core::working_days::uk_local;
use serde::Deserialize;

use super::account_rules::{email_problem, link_url, name_problem};
use super::error::PageResult;
use super::layout::{render, Errors, Layout, Opt, Section};
use super::session::StaffUser;
use crate::db::accounts::{self, Account, Added};
use crate::db::audit;
use crate::state::AppState;
use crate::tenants::{Council, Tenant};

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
pub async fn list(council: Tenant, user: StaffUser, Query(notice): Query<Notice>) -> PageResult {
    let list = accounts::list(&council.db).await?;
    Ok(render(
        StatusCode::OK,
        &AccountsPage {
            layout: Layout::signed_in(&user, "Accounts", Section::Accounts).with_banner(
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
    ))
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
    render(
        StatusCode::OK,
        &NewAccountPage {
            layout: Layout::signed_in(&user, "Invite someone", Section::Accounts),
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
            layout: Layout::signed_in(user, title, Section::Accounts),
            errors: Errors::default(),
            id: account.id,
            name: account.name.clone(),
            email: account.email.clone(),
            link: link_url(&state.config.base_url(), token),
            expires: uk_local(expires)
                .format("%-I:%M%P on %A %-d %B")
                .to_string(),
        },
    )
}

/// `POST /staff/accounts/new`
pub async fn create(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Form(form): Form<NewAccountForm>,
) -> PageResult {
    let mut errors = Errors::default();
    if let Some(problem) = name_problem(&form.name) {
        errors.add("name", problem);
    }
    if let Some(problem) = email_problem(&form.email) {
        errors.add("email", problem);
    }
    let role = Role::from_slug(&form.role);
    if role.is_none() {
        errors.add("role", "Choose a role");
    }
    let now = state.config.clock.now();
    if errors.is_empty() {
        let role = role.expect("checked above");
        let mut tx = council.db.begin().await?;
        match accounts::add(&mut tx, &form.email, &form.name, role, now).await? {
            Added::EmailTaken => errors.add(
                "email",
                "There is already an account with this email address",
            ),
            Added::Made(id) => {
                let token = accounts::new_link(&mut tx, id, now).await?;
                let email = accounts::normalise_email(&form.email);
                audit::write(
                    &mut tx,
                    now,
                    &user.actor(),
                    "account added",
                    &email,
                    role.slug(),
                )
                .await?;
                tx.commit().await?;
                let account = accounts::by_id(&council.db, id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("new account missing"))?;
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
            layout: Layout::signed_in(&user, "Invite someone", Section::Accounts),
            errors,
            name: form.name.clone(),
            email: form.email.clone(),
            roles: role_options(&form.role),
        },
    ))
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

/// The account a staff URL names; 404 for one that is missing or removed, or an id that is
/// not a number.
async fn managed(
    council: &Council,
    user: &StaffUser,
    id: &str,
) -> Result<Account, super::error::PageError> {
    let found = match id.parse::<i64>() {
        Ok(id) => accounts::by_id(&council.db, id).await?,
        Err(_) => None,
    };
    found.ok_or_else(|| user.not_found())
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
            layout: Layout::signed_in(user, account.name.clone(), Section::Accounts)
                .with_banner(banner),
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
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let account = managed(&council, &user, &id).await?;
    Ok(account_page(
        &user,
        &account,
        Errors::default(),
        notice.saved.map(|_| "The role is changed.".to_string()),
    ))
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
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> PageResult {
    let account = managed(&council, &user, &id).await?;
    let mut errors = Errors::default();
    let role = Role::from_slug(&form.role);
    if account.id == user.account.id {
        errors.add(
            "role",
            "You cannot change your own role. Ask another manager.",
        );
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
                    layout: Layout::signed_in(&user, "Check before you change the role", Section::Accounts),
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
    let mut tx = council.db.begin().await?;
    accounts::set_role(&mut tx, account.id, role).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "role changed",
        &account.email,
        &format!("{} to {}", account.role.slug(), role.slug()),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/staff/accounts/{}?saved=role", account.id)).into_response())
}

/// `POST /staff/accounts/{id}/reset`: a new one-time link; the old password and every
/// session of the account stop working.
pub async fn reset(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
) -> PageResult {
    let account = managed(&council, &user, &id).await?;
    let now = state.config.clock.now();
    let mut tx = council.db.begin().await?;
    let token = accounts::new_link(&mut tx, account.id, now).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "password link made",
        &account.email,
        "sessions ended",
    )
    .await?;
    tx.commit().await?;
    Ok(link_page(
        &state,
        &user,
        &format!("New password link for {}", account.name),
        &account,
        &token,
    ))
}

/// `POST /staff/accounts/{id}/remove`: check, then remove.
pub async fn remove(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> PageResult {
    let account = managed(&council, &user, &id).await?;
    if account.id == user.account.id {
        let mut errors = Errors::default();
        errors.add(
            "role",
            "You cannot remove your own account. Ask another manager.",
        );
        return Ok(account_page(&user, &account, errors, None));
    }
    if form.confirm != "yes" {
        return Ok(render(
                StatusCode::OK,
                &ConfirmPage {
                    layout: Layout::signed_in(&user, "Check before you remove this account", Section::Accounts),
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
    let mut tx = council.db.begin().await?;
    accounts::remove(&mut tx, account.id, now).await?;
    audit::write(
        &mut tx,
        now,
        &user.actor(),
        "account removed",
        &account.email,
        account.role.slug(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/staff/accounts?removed=1").into_response())
}
