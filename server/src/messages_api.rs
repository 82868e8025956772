//! `POST /api/messages`: a message from a phone's outbox, stored once, committed before the
//! answer, and answered as delivered however many times it is sent.
//!
//! | answer | when | body |
//! | --- | --- | --- |
//! | 201 | first time this id arrives | `{"id","status":"stored"}` |
//! | 200 | this id again, same words (an earlier answer was lost) | `{"id","status":"repeat"}` |
//! | 400 | unreadable, or something needs changing | `{"error":"invalid","message","errors":[{field,message}]}` |
//! | 409 | this id again, different words | `{"error":"conflict","message","id"}` |
//! | 413 | over 16 KiB | `{"error":"too_large","message"}` |
//! | 415 | not `Content-Type: application/json` | `{"error":"unsupported_media_type","message"}` |
//! | 429 | this address sends too fast (`Retry-After` in seconds) | `{"error":"rate_limited","message","retry_after"}` |
//! | 503 | the database did not answer | `{"error":"unavailable","message"}` |
//!
//! A repeat is `200` rather than a second `201` so logs and tests can tell them apart; the
//! outbox treats both as delivered. A repeat is answered before the message is checked
//! against today's offer, so a message stored before an edit to the content is still a
//! repeat, never "needs changing".

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::{FromRequest, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use offer_core::message::{is_uuid_v4, too_large, FieldError, Message};
use serde_json::json;

use crate::client_address::ClientIp;
use crate::message_store::{self, Saved};
use crate::staff::notify::{self, Notice};
use crate::startup::AppState;

/// Takes one message: see the module's table for every answer.
pub async fn post_message(
    State(state): State<Arc<AppState>>,
    ClientIp(client): ClientIp,
    request: Request,
) -> Response {
    // Cheap refusals first, before reading a body or touching the database.
    if let Err(wait) = state.message_limiter.check(client, Instant::now()) {
        return rate_limited(wait);
    }
    if !is_json(request.headers()) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the message as JSON, with Content-Type: application/json.",
        );
    }
    let body = match Bytes::from_request(request, &()).await {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                &too_large().message,
            );
        }
        Err(rejection) => {
            tracing::info!(%rejection, "could not read a message body");
            return invalid(vec![FieldError::new(
                "",
                "We could not read this message. Please send it again.",
            )]);
        }
    };
    let message = match std::str::from_utf8(&body)
        .map_err(|_| {
            vec![FieldError::new(
                "",
                "We could not read this message. Please check it and send it again.",
            )]
        })
        .and_then(Message::from_json)
    {
        Ok(message) => message,
        Err(errors) => return invalid(errors),
    };

    match message_store::find(&state.db, &message).await {
        Ok(Some(saved)) => return answer(&message, saved),
        Ok(None) => {}
        Err(error) => return unavailable(&error),
    }
    if let Err(errors) = message.validate(&state.content.current().offer) {
        tracing::info!(id = %message.id, kind = message.body.kind(), problems = errors.len(), "message needs changing");
        return invalid(errors);
    }
    match message_store::save(&state.db, &message, Utc::now()).await {
        Ok(saved) => {
            if saved == Saved::Stored {
                tell_the_team(&state, &message);
            }
            answer(&message, saved)
        }
        Err(error) => unavailable(&error),
    }
}

/// `GET /api/messages/{id}`: where a message is and the team's reply, for the phone that
/// made the id. 404 for an id that is unknown or deleted (the same answer for both, and for
/// anything that is not a UUID v4), 429 when one address asks too often.
pub async fn get_status(
    State(state): State<Arc<AppState>>,
    ClientIp(client): ClientIp,
    Path(id): Path<String>,
) -> Response {
    if let Err(wait) = state.status_limiter.check(client, Instant::now()) {
        return rate_limited(wait);
    }
    let not_found = || {
        refuse(
            StatusCode::NOT_FOUND,
            "not_found",
            "We have no message with this id. It may have been dealt with and deleted.",
        )
    };
    if !is_uuid_v4(&id) {
        return not_found();
    }
    match crate::staff::replies::status_of(&state.db, &id).await {
        Ok(Some(status)) => {
            (StatusCode::OK, [(CACHE_CONTROL, "no-store")], Json(status)).into_response()
        }
        Ok(None) => not_found(),
        Err(error) => unavailable(&error),
    }
}

/// Emails the team mailbox about a new contact request (only a link: see `staff::notify`).
fn tell_the_team(state: &AppState, message: &Message) {
    if let (Some(notice), Some(team)) = (
        Notice::for_new(message.body.kind()),
        state.config.team_email.as_deref(),
    ) {
        notify::send(&state.config, notice, team);
    }
}

/// True for `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

fn answer(message: &Message, saved: Saved) -> Response {
    // Ids are random and say nothing about anyone; what a message says is never logged.
    tracing::info!(id = %message.id, kind = message.body.kind(), ?saved, "message received");
    match saved {
        Saved::Stored => (
            StatusCode::CREATED,
            Json(json!({ "id": message.id, "status": "stored" })),
        )
            .into_response(),
        Saved::Repeat => (
            StatusCode::OK,
            Json(json!({ "id": message.id, "status": "repeat" })),
        )
            .into_response(),
        Saved::Conflict => (
            StatusCode::CONFLICT,
            Json(json!({
                "error": "conflict",
                "message": "A different message was already sent with this id.",
                "id": message.id,
            })),
        )
            .into_response(),
    }
}

fn invalid(errors: Vec<FieldError>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({
            "error": "invalid",
            "message": "Some of this message needs changing.",
            "errors": errors,
        })),
    )
        .into_response()
}

fn rate_limited(wait: Duration) -> Response {
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(RETRY_AFTER, seconds.to_string())],
        Json(json!({
            "error": "rate_limited",
            "message": "Too many messages at once. Your phone will send it again soon.",
            "retry_after": seconds,
        })),
    )
        .into_response()
}

fn unavailable(error: &anyhow::Error) -> Response {
    tracing::error!("could not store a message: {error:#}");
    refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "We could not save this message just now. Your phone will send it again soon.",
    )
}

fn refuse(status: StatusCode, error: &str, message: &str) -> Response {
    (status, Json(json!({ "error": error, "message": message }))).into_response()
}
