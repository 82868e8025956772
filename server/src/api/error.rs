//! Every way the phone's API says no, as one type turned into the documented JSON
//! (`{"error","message",...}`) in one place. Handlers return `Result<_, ApiError>` and use
//! `?`; a database error becomes a 503 whose cause goes to the log, never to the phone.

use std::time::Duration;

use axum::http::header::RETRY_AFTER;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use offer_core::message::{too_large, FieldError};
use serde_json::json;

/// Why the API refused a request.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the message cannot be read, or something in it needs changing.
    Invalid(Vec<FieldError>),
    /// 400: a query parameter is not what it must be.
    BadRequest(&'static str),
    /// 404, saying what is missing.
    NotFound(&'static str),
    /// 409: this id was already sent with different words.
    Conflict {
        /// The message's id.
        id: String,
    },
    /// 413: over the size limit.
    TooLarge,
    /// 415: not JSON.
    UnsupportedMediaType,
    /// 429: this address asks too often; try again after this long.
    RateLimited(Duration),
    /// 503: too many requests in flight just now.
    Busy,
    /// 503: the database did not answer.
    Unavailable(anyhow::Error),
    /// 500: a fault of ours, such as a page that could not be rendered.
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> ApiError {
        ApiError::Unavailable(error)
    }
}

fn body(error: &str, message: &str) -> Json<serde_json::Value> {
    Json(json!({ "error": error, "message": message }))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Invalid(errors) => (
                StatusCode::BAD_REQUEST,
                Json(json!({
                    "error": "invalid",
                    "message": "Some of this message needs changing.",
                    "errors": errors,
                })),
            )
                .into_response(),
            ApiError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, body("bad_request", message)).into_response()
            }
            ApiError::NotFound(message) => {
                (StatusCode::NOT_FOUND, body("not_found", message)).into_response()
            }
            ApiError::Conflict { id } => (
                StatusCode::CONFLICT,
                Json(json!({
                    "error": "conflict",
                    "message": "A different message was already sent with this id.",
                    "id": id,
                })),
            )
                .into_response(),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                body("too_large", &too_large().message),
            )
                .into_response(),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                body(
                    "unsupported_media_type",
                    "Send the message as JSON, with Content-Type: application/json.",
                ),
            )
                .into_response(),
            ApiError::RateLimited(wait) => {
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
            ApiError::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(RETRY_AFTER, "5")],
                body(
                    "busy",
                    "We are very busy just now. Please try again in a few seconds.",
                ),
            )
                .into_response(),
            ApiError::Internal(cause) => {
                tracing::error!("the API failed: {cause:#}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    body("internal", "Something went wrong on our side."),
                )
                    .into_response()
            }
            ApiError::Unavailable(cause) => {
                tracing::error!("the API could not reach the database: {cause:#}");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    body(
                        "unavailable",
                        "We could not save this message just now. Your phone will send it again soon.",
                    ),
                )
                    .into_response()
            }
        }
    }
}
