//! What went wrong with a request, in words a young person can read, in the chosen language.
//!
//! Apart from `api` so that `api` (the network) needs no words, and `i18n` (which fetches
//! language files through `api`) and `api` never import each other.

use crate::api::ApiError;
use crate::i18n::{tf, tr};

impl ApiError {
    /// What went wrong, in the chosen language.
    pub fn words(&self) -> String {
        match self {
            ApiError::Network => tr("api.network"),
            ApiError::Status(code) => tf("api.status", &[("code", &code.to_string())]),
            ApiError::BadData(_) => tr("api.bad_data"),
            ApiError::PreviewNeedsSignIn => tr("api.preview_needs_sign_in"),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words())
    }
}
