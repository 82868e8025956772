//! The staff side under `/staff`: server-rendered pages (askama templates in
//! `server/templates/staff`, no JavaScript), signed in, role-based.
//!
//! Routes are grouped by what they need: anyone (sign-in, choosing a password), and one
//! group per [`Permission`] (reading messages is one), each behind one layer. Which role holds which permission is one table,
//! `offer_core::roles::Role::may`. A role without the permission gets the same 404 as for
//! a page that does not exist, so a page never confirms what it hides.
//!
//! The page modules share [`layout`], [`session`], [`guard`], [`csv`], [`error`] and the
//! small helpers beside them; those never import a page module, and only this file names
//! the pages. Nothing here imports the phone's API (`crate::api`), nor it this.
//!
//! Every response carries `Cache-Control: no-store`; the service worker never touches
//! `/staff`.

mod about_options;
mod account_rules;
mod accounts;
mod audit_log;
pub mod cli;
mod csv;
mod display;
pub mod error;
pub mod guard;
mod inbox;
mod languages;
pub mod layout;
mod message;
mod offer_checks;
mod offer_edit;
mod offer_publish;
mod offer_translate;
pub mod passwords;
mod review;
pub mod session;
mod sign_in;
mod support_back;
mod you_said_we_did;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use offer_core::roles::Permission;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::{SessionManagerLayer, SessionStore};

use self::layout::not_found;
use self::session::StaffUser;
use crate::state::AppState;

const STYLESHEET: &str = include_str!("../../static/staff.css");

async fn stylesheet() -> Response {
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLESHEET,
    )
        .into_response()
}

async fn missing(user: StaffUser) -> Response {
    not_found(&user)
}

type Routes = Router<Arc<AppState>>;

/// Pages anyone may open: signing in and out, choosing a password from a one-time link.
fn public() -> Routes {
    Router::new()
        .route("/staff/staff.css", get(stylesheet))
        .route("/staff/sign-in", get(sign_in::show).post(sign_in::submit))
        .route("/staff/sign-out", post(sign_in::sign_out))
        .route(
            "/staff/set-password",
            get(sign_in::show_set_password).post(sign_in::set_password),
        )
}

/// The routes that need `permission`, each group behind its one check.
fn needing(permission: Permission) -> Routes {
    let routes = match permission {
        // What each shows is limited to the messages the role may see
        // (`offer_core::roles::Viewer::may_see`).
        Permission::ReadMessages => Router::new()
            .route("/staff", get(inbox::inbox))
            .route("/staff/", get(inbox::inbox))
            .route("/staff/export.csv", get(inbox::export))
            .route("/staff/messages/{reference}", get(message::show))
            .route(
                "/staff/messages/{reference}/status",
                post(message::set_status),
            )
            .route("/staff/messages/{reference}/assign", post(message::assign))
            .route("/staff/messages/{reference}/notes", post(message::add_note))
            .route("/staff/messages/{reference}/reply", post(message::reply)),
        Permission::ManageAccounts => Router::new()
            .route("/staff/accounts", get(accounts::list))
            .route(
                "/staff/accounts/new",
                get(accounts::new_form).post(accounts::create),
            )
            .route("/staff/accounts/{id}", get(accounts::show))
            .route("/staff/accounts/{id}/role", post(accounts::change_role))
            .route("/staff/accounts/{id}/reset", post(accounts::reset))
            .route("/staff/accounts/{id}/remove", post(accounts::remove)),
        Permission::ReadAuditLog => Router::new().route("/staff/audit", get(audit_log::page)),
        Permission::CheckOffer => Router::new()
            .route("/staff/offer", get(offer_checks::page))
            .route("/staff/offer/changes", get(offer_publish::changes))
            .route("/staff/offer/history", get(offer_publish::history))
            .route("/staff/offer/history/{number}", get(offer_publish::version)),
        Permission::EditOffer => Router::new()
            .route(
                "/staff/offer/{kind}/new",
                get(offer_edit::new_form).post(offer_edit::create),
            )
            .route(
                "/staff/offer/{kind}/{id}",
                get(offer_edit::show).post(offer_edit::update),
            )
            .route(
                "/staff/offer/{kind}/{id}/checked",
                post(offer_edit::checked),
            )
            .route(
                "/staff/offer/{kind}/{id}/remove",
                get(offer_edit::remove_form).post(offer_edit::remove),
            )
            .route(
                "/staff/offer/{kind}/{id}/translations",
                get(offer_translate::show),
            )
            .route(
                "/staff/offer/{kind}/{id}/translations/{code}",
                post(offer_translate::save),
            )
            .route(
                "/staff/offer/history/{number}/restore",
                post(offer_publish::restore),
            )
            .route("/staff/offer/preview", get(offer_publish::preview))
            .route(
                "/staff/offer/preview/offer.json",
                get(offer_publish::preview_offer),
            ),
        Permission::ReviewTranslations => Router::new()
            .route("/staff/languages", get(languages::page))
            .route("/staff/languages/{code}/checked", post(languages::checked)),
        Permission::SendLanguageLinks => {
            Router::new().route("/staff/language-links", get(languages::links))
        }
        Permission::PublishOffer => {
            Router::new().route("/staff/offer/publish", post(offer_publish::publish))
        }
        Permission::ReadSupportBackReport => {
            Router::new().route("/staff/reports/support-back", get(support_back::page))
        }
        Permission::ReadReview => Router::new()
            .route("/staff/review", get(review::page))
            .route("/staff/review.csv", get(review::export)),
        Permission::PublishYouSaidWeDid => Router::new()
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
            ),
    };
    routes.route_layer(from_fn(move |request: Request, next: Next| {
        require(permission, request, next)
    }))
}

/// Lets a signed-in request through when its role has `permission`; otherwise the 404 page
/// (plain text for a CSV, which a spreadsheet opens).
async fn require(permission: Permission, request: Request, next: Next) -> Response {
    let Some(user) = request.extensions().get::<StaffUser>().cloned() else {
        // `require_sign_in` runs first and always leaves the user; never let a request
        // through without one.
        return StatusCode::NOT_FOUND.into_response();
    };
    if user.account.role.may(permission) {
        return next.run(request).await;
    }
    if request.uri().path().ends_with(".csv") {
        (StatusCode::NOT_FOUND, "Not found\n").into_response()
    } else {
        not_found(&user)
    }
}

/// The staff routes, with sessions on `sessions`, the form guard and `no-store` around them.
pub fn router<S: SessionStore + Clone>(
    state: &Arc<AppState>,
    sessions: SessionManagerLayer<S>,
) -> Routes {
    let mut signed_in = Router::new();
    for permission in Permission::ALL {
        signed_in = signed_in.merge(needing(permission));
    }
    let signed_in = signed_in
        .route("/staff/{*rest}", get(missing).post(missing))
        .route_layer(from_fn_with_state(state.clone(), session::require_sign_in));
    public()
        .merge(signed_in)
        .layer(from_fn_with_state(state.clone(), guard::check_forms))
        .layer(DefaultBodyLimit::max(guard::MAX_FORM_BYTES))
        .layer(sessions)
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
