//! Staff sessions: kept server-side in the same database (tower-sessions with its sqlx
//! store), so several server copies share them. The cookie is `HttpOnly` and
//! `SameSite=Strict`, and `Secure` with the `__Host-` prefix over https. A session ends after
//! 30 minutes without a request, 12 hours after signing in, on signing out, and when its
//! account's epoch moves on (password reset, role change, removal).

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use offer_core::roles::Viewer;
use serde::{Deserialize, Serialize};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer, SessionStore};

use crate::config::Config;
use crate::db::accounts::{self, Account};
use crate::db::audit::Actor;
use crate::db::sql::{parse_time, time_text};
use crate::db::CouncilId;
use crate::hex::random_token;
use crate::state::AppState;
use crate::tenants::Tenant;

const SIGNED_IN: &str = "staff";
const CSRF: &str = "csrf";

/// What a signed-in session holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SignedIn {
    /// The council signed in to (sessions from before councils have none: council 1's).
    #[serde(default)]
    council: Option<i64>,
    account_id: i64,
    epoch: i64,
    signed_in_at: String,
    last_seen: String,
}

/// The session layer for the staff routes, on `store` (which `startup` has set up, and whose
/// expired sessions it deletes in a task that ends with the server).
pub fn manager<S: SessionStore + Clone>(store: S, config: &Config) -> SessionManagerLayer<S> {
    let idle = time::Duration::seconds(config.staff_idle.as_secs() as i64);
    let (name, secure) = if config.is_https() {
        ("__Host-local-offer-staff", true)
    } else {
        ("local-offer-staff", false)
    };
    SessionManagerLayer::new(store)
        .with_name(name)
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}

/// The session's CSRF token, made on first use.
pub async fn csrf_token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(CSRF).await {
        return token;
    }
    let token = random_token();
    if let Err(error) = session.insert(CSRF, &token).await {
        tracing::error!(%error, "could not keep a CSRF token in the session");
    }
    token
}

/// True when `token` is this session's CSRF token (compared in constant time).
pub async fn csrf_matches(session: &Session, token: &str) -> bool {
    match session.get::<String>(CSRF).await {
        Ok(Some(expected)) => {
            expected.len() == token.len()
                && expected
                    .bytes()
                    .zip(token.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
        }
        _ => false,
    }
}

/// Signs `account` in on this session: a new session id (so a session id seen before
/// sign-in is worth nothing after it) and a new CSRF token.
pub async fn sign_in(
    session: &Session,
    council: CouncilId,
    account: &Account,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    session.cycle_id().await?;
    session
        .insert(
            SIGNED_IN,
            SignedIn {
                council: Some(council.get()),
                account_id: account.id,
                epoch: account.session_epoch,
                signed_in_at: time_text(now),
                last_seen: time_text(now),
            },
        )
        .await?;
    session.insert(CSRF, random_token()).await?;
    Ok(())
}

/// Ends the session on the server and clears its cookie.
pub async fn sign_out(session: &Session) {
    if let Err(error) = session.flush().await {
        tracing::error!(%error, "could not end a staff session");
    }
}

/// The signed-in staff member making a request. As an extractor it refuses requests without
/// a live session: pages redirect to sign-in, CSV and JSON answer 401.
#[derive(Debug, Clone)]
pub struct StaffUser {
    /// Their account.
    pub account: Account,
    /// The session's CSRF token, for forms.
    pub csrf: String,
    /// The address the request came from, for the audit log.
    pub address: String,
}

impl StaffUser {
    /// Who they are, for permission checks.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            id: self.account.id,
            role: self.account.role,
        }
    }

    /// Who they are, for the audit log.
    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.account.id),
            email: self.account.email.clone(),
            address: self.address.clone(),
        }
    }
}

/// The client's address of a request (through a trusted proxy, the forwarded one).
pub fn address(parts: &Parts, state: &AppState) -> String {
    crate::client_address::of(parts, state).to_string()
}

fn refused(parts: &Parts, ended: bool) -> Response {
    let path = parts.uri.path();
    if path.ends_with(".csv") || path.ends_with(".json") {
        (
            StatusCode::UNAUTHORIZED,
            "Sign in to the staff pages first.\n",
        )
            .into_response()
    } else if ended {
        Redirect::to("/staff/sign-in?ended=1").into_response()
    } else {
        Redirect::to("/staff/sign-in").into_response()
    }
}

impl FromRequestParts<Arc<AppState>> for StaffUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        // Already checked for this request by `require_sign_in`.
        if let Some(user) = parts.extensions.get::<StaffUser>() {
            return Ok(user.clone());
        }
        let Ok(session) = Session::from_request_parts(parts, state).await else {
            return Err(refused(parts, false));
        };
        let signed_in = match session.get::<SignedIn>(SIGNED_IN).await {
            Ok(Some(signed_in)) => signed_in,
            Ok(None) => return Err(refused(parts, false)),
            Err(error) => {
                tracing::error!(%error, "could not read a staff session");
                return Err(refused(parts, false));
            }
        };
        // A session belongs to the council it was made on. One brought from another host
        // is no session here, and is left as it is there.
        let Some(Tenant(council)) = parts.extensions.get::<Tenant>().cloned() else {
            return Err(refused(parts, false));
        };
        if signed_in.council.unwrap_or(1) != council.id.get() {
            tracing::info!("refused a staff session made for another council");
            return Err(refused(parts, false));
        }
        let now = state.config.clock.now();
        let idle = chrono::Duration::from_std(state.config.staff_idle).unwrap_or_default();
        let max = chrono::Duration::from_std(state.config.staff_max).unwrap_or_default();
        let too_quiet = parse_time(&signed_in.last_seen).is_none_or(|t| now - t > idle);
        let too_long = parse_time(&signed_in.signed_in_at).is_none_or(|t| now - t > max);
        let account = match accounts::by_id(&council.db, signed_in.account_id).await {
            Ok(account) => account,
            Err(error) => {
                tracing::error!("could not read a staff account: {error:#}");
                return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
            }
        };
        let account = match account {
            Some(account)
                if !too_quiet && !too_long && account.session_epoch == signed_in.epoch =>
            {
                account
            }
            _ => {
                sign_out(&session).await;
                return Err(refused(parts, true));
            }
        };
        let seen = SignedIn {
            last_seen: time_text(now),
            ..signed_in
        };
        if let Err(error) = session.insert(SIGNED_IN, seen).await {
            tracing::error!(%error, "could not refresh a staff session");
        }
        let csrf = csrf_token(&session).await;
        Ok(StaffUser {
            account,
            csrf,
            address: address(parts, state),
        })
    }
}

/// Lets a request through only with a live session, and keeps who it is for the handler
/// and the permission check after it; without one, pages redirect to sign-in and CSV
/// answers 401.
pub async fn require_sign_in(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    match StaffUser::from_request_parts(&mut parts, &state).await {
        Ok(user) => {
            parts.extensions.insert(user);
            next.run(Request::from_parts(parts, body)).await
        }
        Err(refusal) => refusal,
    }
}
