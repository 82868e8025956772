//! Small notices about the app itself: a new version, a newer offer, when it was refreshed.

use leptos::prelude::*;

use crate::i18n::{long_date, t, tf, tr, with_words};
use crate::offer_state::use_offer;
use crate::service_worker::SwState;

/// "A new version is ready: Refresh". Never reloads by itself, so nobody loses what they type.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let sw = expect_context::<SwState>();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            <Show when=move || sw.update_ready.get()>
                <p class="notice" id="update-prompt">
                    {t("notices.update_ready")}" "
                    <button type="button" class="button button-small" on:click=move |_| sw.apply_update()>
                        {t("notices.refresh")}
                    </button>
                </p>
            </Show>
        </div>
    }
}

/// "The offer was updated on ...", when a newer offer arrived while the app was open.
#[component]
pub fn OfferUpdatedNotice() -> impl IntoView {
    let offer = use_offer();
    let when = offer.updated_in_place();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            {move || when.get().map(|at| view! {
                <p class="notice" id="offer-updated">
                    {move || tf("notices.offer_updated", &[
                        ("date", &long_date(at.date_naive())),
                        ("time", &with_words(|w| offer_core::dates::clock_12_hour_in(w, at.time()))),
                    ])}" "
                    <button type="button" class="button button-small" on:click=move |_| offer.dismiss_update_notice()>
                        {t("notices.ok")}
                    </button>
                </p>
            })}
        </div>
    }
}

/// When this phone last got the offer, shown at the foot of every page.
#[component]
pub fn LastRefreshed() -> impl IntoView {
    let refreshed = use_offer().refreshed();
    view! {
        <p class="last-refreshed">
            {move || match refreshed.get() {
                Some(at) => tf("notices.last_refreshed", &[
                    ("date", &long_date(at.date_naive())),
                    ("time", &with_words(|w| offer_core::dates::clock_12_hour_in(w, at.time()))),
                ]),
                None => tr("notices.never_refreshed"),
            }}
        </p>
    }
}

/// Says plainly what will not be kept when the phone blocks storage or offline use.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let health = expect_context::<crate::kept::StorageHealth>();
    let no_offline = !crate::browser::can_work_offline();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            <Show when=move || !health.ok.get()>
                <p class="notice" id="storage-notice">
                    {t("notices.storage_blocked")}" "
                    {t("notices.storage_blocked_detail")}" "
                    // Sent while the app stays open (see `shared_kept`), but lost if it closes
                    // first: the one thing a young person can do about it is wait for "Sent".
                    {t("notices.storage_blocked_messages")}
                </p>
            </Show>
            <Show when=move || no_offline>
                <p class="notice">{t("notices.no_offline")}</p>
            </Show>
        </div>
    }
}
