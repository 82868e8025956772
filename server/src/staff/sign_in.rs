//! Signing in and out, and choosing a password from a one-time link.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use offer_core::working_days::uk_local;
use serde::Deserialize;
use tower_sessions::Session;

use super::error::PageResult;
use super::layout::{message_page, render, Errors, Layout};
use super::passwords;
use super::session::{self, StaffUser};
use crate::client_address::ClientIp;
use crate::db::accounts;
use crate::db::audit::{self, Actor};
use crate::db::lockout;
use crate::state::AppState;
use crate::tenants::Tenant;

#[derive(Template)]
#[template(path = "staff/sign_in.html")]
struct SignInPage {
    layout: Layout,
    errors: Errors,
    csrf: String,
    email: String,
    notice: Option<String>,
    locked: Option<String>,
}

/// Why the sign-in page was opened.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInQuery {
    ended: Option<String>,
    out: Option<String>,
    set: Option<String>,
}

/// `GET /staff/sign-in`
pub async fn show(session: Session, Query(query): Query<SignInQuery>) -> Response {
    let notice = if query.ended.is_some() {
        Some("You were signed out, because the page was left for 30 minutes, 12 hours passed, or your account changed. Please sign in again.".to_string())
    } else if query.out.is_some() {
        Some("You have signed out.".to_string())
    } else if query.set.is_some() {
        Some("Your password is saved. You can sign in now.".to_string())
    } else {
        None
    };
    render(
        StatusCode::OK,
        &SignInPage {
            layout: Layout::public("Sign in"),
            errors: Errors::default(),
            csrf: session::csrf_token(&session).await,
            email: String::new(),
            notice,
            locked: None,
        },
    )
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn locked_text(until: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Too many wrong passwords. For your safety, signing in with this email is paused for {} minutes, until {}. Then try again, or ask a manager for a new password link.",
        lockout::LOCK_MINUTES,
        uk_local(until).format("%-I:%M%P")
    )
}

/// `POST /staff/sign-in`
pub async fn submit(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    session: Session,
    ClientIp(client): ClientIp,
    Form(form): Form<SignInForm>,
) -> PageResult {
    let email = accounts::normalise_email(&form.email);
    let page = |errors: Errors, locked: Option<String>, csrf: String| SignInPage {
        layout: Layout::public("Sign in"),
        errors,
        csrf,
        email: form.email.trim().to_string(),
        notice: None,
        locked,
    };
    let mut errors = Errors::default();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        let csrf = session::csrf_token(&session).await;
        return Ok(render(StatusCode::OK, &page(errors, None, csrf)));
    }
    let now = state.config.clock.now();
    let actor = Actor {
        id: None,
        email: email.clone(),
        address: client.to_string(),
    };
    let attempts = lockout::load(&council.db, &email).await?;
    if attempts.is_locked(now) {
        let mut tx = council.db.begin().await?;
        audit::write(
            &mut tx,
            now,
            &actor,
            "sign-in refused",
            &email,
            "locked after wrong passwords",
        )
        .await?;
        tx.commit().await?;
        let csrf = session::csrf_token(&session).await;
        let locked = attempts.locked_until.map(locked_text);
        return Ok(render(
            StatusCode::OK,
            &page(Errors::default(), locked, csrf),
        ));
    }
    let account = accounts::by_email(&council.db, &email).await?;
    let phc = account.as_ref().and_then(|a| a.password_hash.clone());
    let password = form.password.clone();
    let matches =
        tokio::task::spawn_blocking(move || passwords::verify(&password, phc.as_deref())).await?;
    match account {
        Some(account) if matches => {
            let actor = Actor {
                id: Some(account.id),
                ..actor
            };
            let mut tx = council.db.begin().await?;
            lockout::clear(&mut tx, &email).await?;
            audit::write(&mut tx, now, &actor, "sign-in", &email, "").await?;
            tx.commit().await?;
            session::sign_in(&session, council.id, &account, now).await?;
            Ok(Redirect::to(super::layout::home(account.role).0).into_response())
        }
        _ => {
            let mut tx = council.db.begin().await?;
            let attempts = lockout::record_failure(&mut tx, &email, attempts, now).await?;
            audit::write(
                &mut tx,
                now,
                &actor,
                "sign-in failed",
                &email,
                &format!("{} wrong in a row", attempts.failures),
            )
            .await?;
            tx.commit().await?;
            // Each wrong password in a row waits a little longer, up to ten steps.
            let steps = attempts.failures.clamp(1, lockout::LOCK_AFTER) as u32;
            tokio::time::sleep(state.config.sign_in_delay_step * steps).await;
            let csrf = session::csrf_token(&session).await;
            if attempts.is_locked(now) {
                let locked = attempts.locked_until.map(locked_text);
                return Ok(render(
                    StatusCode::OK,
                    &page(Errors::default(), locked, csrf),
                ));
            }
            let mut errors = Errors::default();
            errors.add(
                "email",
                "The email address or the password is not right. Check them and try again.",
            );
            Ok(render(StatusCode::OK, &page(errors, None, csrf)))
        }
    }
}

/// `POST /staff/sign-out`: ends the session on the server.
pub async fn sign_out(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: Result<StaffUser, Response>,
    session: Session,
) -> Response {
    if let Ok(user) = user {
        // Signing out must work even when the database does not answer: the session ends
        // either way, and a failure to write the audit line is logged.
        let written = async {
            let mut tx = council.db.begin().await?;
            audit::write(
                &mut tx,
                state.config.clock.now(),
                &user.actor(),
                "sign-out",
                &user.account.email,
                "",
            )
            .await?;
            tx.commit().await
        };
        if let Err(error) = written.await {
            tracing::error!("could not write a sign-out to the audit log: {error:#}");
        }
    }
    session::sign_out(&session).await;
    Redirect::to("/staff/sign-in?out=1").into_response()
}

#[derive(Template)]
#[template(path = "staff/set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    errors: Errors,
    csrf: String,
    token: String,
    email: String,
}

/// The one-time link's token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

fn link_gone() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "This link does not work any more",
        "A password link works once, for 24 hours. Ask a manager to send you a new one.",
    )
}

/// `GET /staff/set-password?token=...`
pub async fn show_set_password(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    session: Session,
    Query(query): Query<TokenQuery>,
) -> PageResult {
    let now = state.config.clock.now();
    let Some(account) = accounts::link_account(&council.db, &query.token, now).await? else {
        return Ok(link_gone());
    };
    Ok(render(
        StatusCode::OK,
        &SetPasswordPage {
            layout: Layout::public("Choose your password"),
            errors: Errors::default(),
            csrf: session::csrf_token(&session).await,
            token: query.token,
            email: account.email,
        },
    ))
}

/// The new password form.
#[derive(Debug, Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/set-password`
pub async fn set_password(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    session: Session,
    ClientIp(client): ClientIp,
    Form(form): Form<SetPasswordForm>,
) -> PageResult {
    let now = state.config.clock.now();
    let Some(account) = accounts::link_account(&council.db, &form.token, now).await? else {
        return Ok(link_gone());
    };
    let mut errors = Errors::default();
    if let Some(problem) = passwords::problem(&form.password, &council.guessable_words()) {
        errors.add("password", problem);
    } else if form.password != form.confirm {
        errors.add(
            "confirm",
            "The two passwords are not the same. Type them again.",
        );
    }
    if !errors.is_empty() {
        return Ok(render(
            StatusCode::OK,
            &SetPasswordPage {
                layout: Layout::public("Choose your password"),
                errors,
                csrf: session::csrf_token(&session).await,
                token: form.token.clone(),
                email: account.email,
            },
        ));
    }
    let password = form.password.clone();
    let phc = tokio::task::spawn_blocking(move || passwords::hash(&password)).await??;
    let mut tx = council.db.begin().await?;
    if !accounts::use_link(&mut tx, &form.token, now).await? {
        return Ok(link_gone());
    }
    accounts::set_password_hash(&mut tx, account.id, &phc).await?;
    lockout::clear(&mut tx, &account.email).await?;
    let actor = Actor {
        id: Some(account.id),
        email: account.email.clone(),
        address: client.to_string(),
    };
    audit::write(
        &mut tx,
        now,
        &actor,
        "password set",
        &account.email,
        "from a one-time link",
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/staff/sign-in?set=1").into_response())
}
