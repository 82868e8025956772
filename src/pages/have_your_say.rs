//! Have your say: feedback and keeping in touch.

use leptos::prelude::*;

use crate::components::page::PageTitle;

/// The "Have your say" page.
#[component]
pub fn HaveYourSay() -> impl IntoView {
    view! {
        <PageTitle title="Have your say"/>
        <p class="lead">"Tell us what you think of the offer, or ask us to get in touch."</p>
    }
}
