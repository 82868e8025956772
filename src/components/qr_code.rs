//! A QR code drawn as inline SVG, made on the device: no network, no images, no inline styles.

use leptos::prelude::*;
use offer_core::meeting::qr::QrImage;

use crate::i18n::t;

/// A QR code holding `text`, named by `label` for screen readers; if `text` is too long for
/// any QR code, says so instead.
#[component]
pub fn QrCode(
    /// What the code holds (a link).
    text: String,
    /// What it is, for people who cannot see it ("QR code: the summary of this meeting").
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    match QrImage::for_text(&text) {
        // Black on white whatever the colour scheme: cameras need the contrast.
        Ok(qr) => {
            let (view_box, version, size) =
                (qr.view_box(), qr.version.to_string(), qr.size.to_string());
            view! {
                <svg class="qr-code" viewBox=view_box role="img" aria-label=move || label.get()
                    data-qr-version=version shape-rendering="crispEdges">
                    <rect width=size.clone() height=size fill="#ffffff"/>
                    <path d=qr.path fill="#000000"/>
                </svg>
            }
            .into_any()
        }
        // Too long for any QR code (the words are `TooLongForQr`'s, in the catalogue).
        Err(_) => view! { <p class="problem qr-too-long">{t("qr_code.too_long")}</p> }.into_any(),
    }
}
