//! The staff side under `/staff`: server-rendered pages (askama templates in
//! `server/templates/staff`, no JavaScript), signed in, role-based.
//!
//! - who may see and do what: `offer_core::roles`, asked by every handler;
//! - sign-in and sessions: [`session`], [`passwords`], [`lockout`], [`guard`] (CSRF, Origin);
//! - the inbox's rules: [`inbox`] (pure), [`store`] (the database), [`export`] (CSV);
//! - [`audit`], [`retention`] and [`notify`] (email).
//!
//! Every response carries `Cache-Control: no-store`; the service worker never touches
//! `/staff`.

mod account_pages;
pub mod accounts;
pub mod audit;
pub mod cli;
pub mod export;
pub mod guard;
pub mod inbox;
pub mod lockout;
mod message_pages;
pub mod notify;
pub mod pages;
pub mod passwords;
pub mod replies;
pub mod reports;
pub mod retention;
pub mod review;
pub mod session;
mod sign_in_pages;
pub mod store;
pub mod you_said_we_did;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::startup::AppState;

const STYLESHEET: &str = include_str!("../../static/staff.css");

async fn stylesheet() -> Response {
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLESHEET,
    )
        .into_response()
}

async fn missing(user: session::StaffUser) -> Response {
    pages::not_found(&user)
}

/// The staff routes, with sessions, the form guard and `no-store` around them.
pub async fn router(state: &Arc<AppState>) -> anyhow::Result<Router<Arc<AppState>>> {
    let routes = Router::new()
        .route("/staff", get(message_pages::inbox))
        .route("/staff/", get(message_pages::inbox))
        .route("/staff/staff.css", get(stylesheet))
        .route("/staff/export.csv", get(message_pages::export))
        .route(
            "/staff/sign-in",
            get(sign_in_pages::show).post(sign_in_pages::submit),
        )
        .route("/staff/sign-out", post(sign_in_pages::sign_out))
        .route(
            "/staff/set-password",
            get(sign_in_pages::show_set_password).post(sign_in_pages::set_password),
        )
        .route("/staff/messages/{reference}", get(message_pages::show))
        .route(
            "/staff/messages/{reference}/status",
            post(message_pages::set_status),
        )
        .route(
            "/staff/messages/{reference}/assign",
            post(message_pages::assign),
        )
        .route(
            "/staff/messages/{reference}/notes",
            post(message_pages::add_note),
        )
        .route(
            "/staff/messages/{reference}/reply",
            post(message_pages::reply),
        )
        .route("/staff/accounts", get(account_pages::list))
        .route(
            "/staff/accounts/new",
            get(account_pages::new_form).post(account_pages::create),
        )
        .route("/staff/accounts/{id}", get(account_pages::show))
        .route(
            "/staff/accounts/{id}/role",
            post(account_pages::change_role),
        )
        .route("/staff/accounts/{id}/reset", post(account_pages::reset))
        .route("/staff/accounts/{id}/remove", post(account_pages::remove))
        .route("/staff/audit", get(account_pages::audit_log))
        .route("/staff/reports/support-back", get(reports::support_back))
        .route("/staff/review", get(review::page))
        .route("/staff/review.csv", get(review::export))
        .route("/staff/you-said-we-did", get(you_said_we_did::index))
        .route(
            "/staff/you-said-we-did/new",
            get(you_said_we_did::new_form).post(you_said_we_did::create),
        )
        .route(
            "/staff/you-said-we-did/{id}",
            get(you_said_we_did::edit_form).post(you_said_we_did::update),
        )
        .route(
            "/staff/you-said-we-did/{id}/withdraw",
            post(you_said_we_did::withdraw),
        )
        .route("/staff/{*rest}", get(missing).post(missing))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::check_forms,
        ))
        .layer(DefaultBodyLimit::max(guard::MAX_FORM_BYTES));
    let routes = session::layer(routes, &state.db, &state.config).await?;
    Ok(routes.layer(SetResponseHeaderLayer::overriding(
        CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    )))
}
