//! Every request the app makes to its own server, and the types they return.

use offer_core::Offer;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Why a request did not give us what we wanted, in words a young person can read.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all: no signal, or the server is down.
    Network,
    /// The server answered with an error status.
    Status(u16),
    /// The answer was not what we expected.
    BadData(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network => write!(
                f,
                "We couldn't reach the service. Check your signal or Wi-Fi."
            ),
            ApiError::Status(code) => write!(f, "The service had a problem (error {code})."),
            ApiError::BadData(_) => write!(f, "The service sent something we couldn't read."),
        }
    }
}

/// GETs `url` from our own origin and returns the status and body text.
async fn get_text(url: &str) -> Result<(u16, String), ApiError> {
    let init = RequestInit::new();
    init.set_method("GET");
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ApiError::Network)?;
    let _ = request.headers().set("Accept", "application/json");
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Network)?
        .dyn_into()
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Network)?)
        .await
        .map_err(|_| ApiError::Network)?
        .as_string()
        .unwrap_or_default();
    Ok((status, text))
}

/// Fetches the whole offer.
pub async fn fetch_offer() -> Result<Offer, ApiError> {
    let (status, text) = get_text("/api/offer").await?;
    if !(200..300).contains(&status) {
        return Err(ApiError::Status(status));
    }
    serde_json::from_str(&text).map_err(|e| ApiError::BadData(e.to_string()))
}
