//! How a staff page fails, as one type turned into a page in one place. Handlers return
//! `Result<Response, PageError>` and use `?`: "not found" (also for what the viewer's role
//! may not see, so a page never confirms that something exists) is the 404 page, and any
//! other error is logged with its cause and shown as the "sorry, there is a problem" page,
//! which names no cause.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::layout::{message_page, not_found};
use super::session::StaffUser;

/// Why a staff page could not be shown.
#[derive(Debug)]
pub enum PageError {
    /// Nothing here for this viewer: the 404 page, with their navigation.
    NotFound(Box<StaffUser>),
    /// A download (CSV) asked for in a way it cannot be made: 400, in plain words, since a
    /// spreadsheet program and not a page shows it.
    BadDownload(&'static str),
    /// Something failed, most likely the database.
    Failed(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(error: E) -> PageError {
        PageError::Failed(error.into())
    }
}

impl StaffUser {
    /// The 404 answer for this viewer.
    pub fn not_found(&self) -> PageError {
        PageError::NotFound(Box::new(self.clone()))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound(user) => not_found(&user),
            PageError::BadDownload(why) => {
                (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response()
            }
            PageError::Failed(error) => {
                tracing::error!("a staff page failed: {error:#}");
                message_page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Sorry, there is a problem",
                    "We could not reach the database. Nothing was changed. Try again in a few minutes.",
                )
            }
        }
    }
}

/// What a staff handler returns.
pub type PageResult = Result<Response, PageError>;
