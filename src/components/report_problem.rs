//! "Something wrong on this page?": feedback about one item, with its reason already chosen.

use leptos::prelude::*;
use leptos_router::components::A;
use offer_core::message::{About, FeedbackReason};

use crate::i18n::{tf, tr};

/// The feedback form about `about`, with "This information is wrong or out of date" chosen.
pub fn report_href(about: &About) -> String {
    format!(
        "/have-your-say/feedback?about={}&reason={}",
        about.to_slug(),
        FeedbackReason::WrongOrOutOfDate.slug()
    )
}

/// A link to report that an item is wrong or out of date: one tap here, one on Send.
///
/// On a page about one item the link says "on this page"; among several items (`name`
/// given) it says "here", and screen readers also hear the item's name.
#[component]
pub fn ReportProblem(about: About, #[prop(optional)] name: Option<String>) -> impl IntoView {
    let key = if name.is_some() {
        "report_problem.here"
    } else {
        "report_problem.on_this_page"
    };
    let words = move || tr(key);
    let named = name.map(|n| {
        view! {
            <span class="visually-hidden">" " {move || tf("report_problem.named", &[("name", &n)])}</span>
        }
    });
    view! {
        <p class="report-problem">
            <A href=report_href(&about)>{words}{named}</A>
        </p>
    }
}
