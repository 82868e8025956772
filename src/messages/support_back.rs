//! "21 or over and want help again?": the way back to the leaving care team after 21.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

/// The "Ask for help again" form.
pub const SUPPORT_BACK_HREF: &str = "/have-your-say/support-back";

/// A link to ask for help again, for care leavers of 21 or over.
#[component]
pub fn SupportBackLink() -> impl IntoView {
    view! {
        <p class="support-back">
            <A href=SUPPORT_BACK_HREF>{t("support_back.link")}</A>
        </p>
    }
}
