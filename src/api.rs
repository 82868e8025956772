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
    /// A preview of the staff's draft, opened by someone not signed in to the staff pages.
    PreviewNeedsSignIn,
}

/// GETs `url` from our own origin and returns the status and body text.
pub(crate) async fn get_text(url: &str) -> Result<(u16, String), ApiError> {
    let (status, text, _) = get(url, None).await?;
    Ok((status, text))
}

/// GETs `url` and returns the status, body text and `Retry-After`; gives up after `timeout`.
async fn get(
    url: &str,
    timeout: Option<std::time::Duration>,
) -> Result<(u16, String, Option<String>), ApiError> {
    let init = RequestInit::new();
    init.set_method("GET");
    let abort = timeout.and_then(|_| web_sys::AbortController::new().ok());
    if let Some(abort) = &abort {
        init.set_signal(Some(&abort.signal()));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ApiError::Network)?;
    // No extra headers: the server always answers JSON, and a plain GET is what lets the
    // offer's fetch reuse index.html's `<link rel="preload">` instead of asking twice.
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let timer = abort.as_ref().zip(timeout).and_then(|(abort, timeout)| {
        let abort = abort.clone();
        let cancel = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cancel.unchecked_ref(),
                timeout.as_millis() as i32,
            )
            .ok()
    });
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Network)?
        .dyn_into()
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten(); // not shown
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Network)?)
        .await
        .map_err(|_| ApiError::Network)?
        .as_string()
        .unwrap_or_default();
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    Ok((status, text, retry_after))
}

/// Asks how a sent message is getting on (`GET /api/messages/{id}`); the id is one the phone
/// made, and it is the only thing sent.
pub async fn message_status(id: &str) -> offer_core::status_checks::StatusAnswer {
    use offer_core::status_checks::StatusAnswer;
    if !offer_core::message::is_uuid_v4(id) {
        return StatusAnswer::NoAnswer;
    }
    // A hung request would hold up the next check; no answer in time is no answer.
    match get(
        &format!("/api/messages/{id}"),
        Some(offer_core::outbox::SEND_TIMEOUT),
    )
    .await
    {
        Ok((status, body, retry_after)) => {
            StatusAnswer::from_response(id, status, &body, retry_after.as_deref())
        }
        Err(_) => StatusAnswer::NoAnswer,
    }
}

/// Fetches the whole offer.
pub async fn fetch_offer() -> Result<Offer, ApiError> {
    let preview = crate::preview::is_preview();
    let url = if preview {
        crate::preview::DRAFT_URL
    } else {
        "/api/offer"
    };
    let (status, text) = get_text(url).await?;
    if preview && matches!(status, 401 | 403 | 404) {
        return Err(ApiError::PreviewNeedsSignIn);
    }
    if !(200..300).contains(&status) {
        return Err(ApiError::Status(status));
    }
    serde_json::from_str(&text).map_err(|e| ApiError::BadData(e.to_string()))
}

/// Where messages are sent.
const MESSAGES_URL: &str = "/api/messages";

/// POSTs a message and reads the answer into an outbox outcome (a failed fetch is status 0).
pub async fn post_message(message: &offer_core::message::Message) -> offer_core::outbox::Outcome {
    use offer_core::outbox::Outcome;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&message.canonical_json()));
    let Some(window) = web_sys::window() else {
        return Outcome::Network;
    };
    // A send that hangs (a dying connection) is given up after SEND_TIMEOUT, well inside the
    // outbox's lease, so another tab never starts the same message while this one waits.
    let abort = web_sys::AbortController::new().ok();
    if let Some(abort) = &abort {
        init.set_signal(Some(&abort.signal()));
    }
    let Ok(request) = Request::new_with_str_and_init(MESSAGES_URL, &init) else {
        return Outcome::Network;
    };
    let _ = request.headers().set("Content-Type", "application/json"); // not shown
    let timer = abort.as_ref().and_then(|abort| {
        let abort = abort.clone();
        let cancel = wasm_bindgen::closure::Closure::once_into_js(move || abort.abort());
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cancel.unchecked_ref(),
                offer_core::outbox::SEND_TIMEOUT.as_millis() as i32,
            )
            .ok()
    });
    let response: Response = match JsFuture::from(window.fetch_with_request(&request)).await {
        Ok(r) => match r.dyn_into() {
            Ok(r) => r,
            Err(_) => return Outcome::Network,
        },
        Err(_) => return Outcome::Network,
    };
    let retry_after = response.headers().get("Retry-After").ok().flatten(); // not shown
    let body = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    Outcome::from_status(response.status(), &body, retry_after.as_deref())
}
