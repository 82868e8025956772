//! `POST /api/messages`: a message from a phone's outbox, stored once, committed before the
//! answer, and answered as delivered however many times it is sent. `GET
//! /api/messages/{id}`: where it is and the team's reply.
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
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use offer_core::i18n::{english, PluralCategory, Words};
use offer_core::message::{is_uuid_v4, FieldError, Message, MessageKind};
use serde_json::json;

use super::error::ApiError;
use crate::client_address::ClientIp;
use crate::db::messages::{self, Saved};
use crate::db::replies;
use crate::mail::{self, Notice};
use crate::state::AppState;
use crate::tenants::{Council, Tenant};

/// Takes one message: see the module's table for every answer.
pub async fn post_message(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    ClientIp(client): ClientIp,
    request: Request,
) -> Result<Response, ApiError> {
    // Cheap refusals first, before reading a body or touching the database.
    state
        .message_limiter
        .check(client, Instant::now())
        .map_err(ApiError::RateLimited)?;
    if !is_json(request.headers()) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = match Bytes::from_request(request, &()).await {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(ApiError::TooLarge);
        }
        Err(rejection) => {
            tracing::info!(%rejection, "could not read a message body");
            return Err(ApiError::Invalid(vec![FieldError::new(
                "",
                "We could not read this message. Please send it again.",
            )]));
        }
    };
    let message = std::str::from_utf8(&body)
        .map_err(|_| {
            vec![FieldError::new(
                "",
                "We could not read this message. Please check it and send it again.",
            )]
        })
        .and_then(Message::from_json)
        .map_err(ApiError::Invalid)?;

    if let Some(saved) = messages::find(&council.db, &message).await? {
        return answer(&message, saved);
    }
    // The phone checks with the same rules in its own language first, so these are rare (the
    // offer changed under a message written offline): say why in that language too, with
    // English for any words its file lacks.
    let checked = {
        let chosen = message
            .language
            .as_deref()
            .and_then(|code| state.languages.get(code))
            .map(|served| &served.file.messages);
        // Dropped before the next await: `Words` is not `Send`.
        let words = Words {
            chosen,
            english: english::catalogue(),
            plural: &PluralCategory::english,
        };
        message.validate_in(&words, &council.content.current().offer)
    };
    if let Err(errors) = checked {
        tracing::info!(id = %message.id, kind = %message.body.kind(), problems = errors.len(), "message needs changing");
        return Err(ApiError::Invalid(errors));
    }
    let saved = messages::save(&council.db, &message, state.config.clock.now()).await?;
    if saved == Saved::Stored {
        tell_the_team(&state, &council, &message);
    }
    answer(&message, saved)
}

/// `GET /api/messages/{id}`: where a message is and the team's reply, for the phone that
/// made the id. 404 for an id that is unknown or deleted (the same answer for both, and for
/// anything that is not a UUID v4), 429 when one address asks too often.
pub async fn get_status(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    ClientIp(client): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    state
        .status_limiter
        .check(client, Instant::now())
        .map_err(ApiError::RateLimited)?;
    let not_found = ApiError::NotFound(
        "We have no message with this id. It may have been dealt with and deleted.",
    );
    if !is_uuid_v4(&id) {
        return Err(not_found);
    }
    let status = replies::status_of(&council.db, &id)
        .await?
        .ok_or(not_found)?;
    Ok((StatusCode::OK, [(CACHE_CONTROL, "no-store")], Json(status)).into_response())
}

/// Emails the team mailbox about a new contact request (only a link: see `mail`).
fn tell_the_team(state: &AppState, council: &Council, message: &Message) {
    let notice = match message.body.kind() {
        MessageKind::ContactMe => Notice::ContactRequest,
        MessageKind::DetailsChanged => Notice::DetailsChanged,
        _ => return,
    };
    if let Some(team) = council.team_email.as_deref() {
        mail::send(
            &state.config,
            &council.mail_from(&state.config),
            notice,
            team,
        );
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

fn answer(message: &Message, saved: Saved) -> Result<Response, ApiError> {
    // Ids are random and say nothing about anyone; what a message says is never logged.
    tracing::info!(id = %message.id, kind = %message.body.kind(), ?saved, "message received");
    match saved {
        Saved::Stored => Ok((
            StatusCode::CREATED,
            Json(json!({ "id": message.id, "status": "stored" })),
        )
            .into_response()),
        Saved::Repeat => Ok((
            StatusCode::OK,
            Json(json!({ "id": message.id, "status": "repeat" })),
        )
            .into_response()),
        Saved::Conflict => Err(ApiError::Conflict {
            id: message.id.clone(),
        }),
    }
}
