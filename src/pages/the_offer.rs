//! "The offer": every category with what is in it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;

/// The whole offer, by category.
#[component]
pub fn TheOffer() -> impl IntoView {
    view! {
        <PageTitle title="The offer"/>
        <WithOffer children=|offer| {
            offer
                .categories
                .iter()
                .map(|c| {
                    let items = offer
                        .in_category(&c.id)
                        .map(|e| {
                            let (href, title) = (format!("/offer/{}", e.id), e.title.clone());
                            view! { <li><A href=href>{title}</A></li> }
                        })
                        .collect_view();
                    let (href, title) = (format!("/offer/category/{}", c.id), c.title.clone());
                    view! {
                        <section class="category-section">
                            <h2><A href=href>{title}</A></h2>
                            <p>{c.summary.clone()}</p>
                            <ul>{items}</ul>
                        </section>
                    }
                })
                .collect_view()
        }/>
    }
}
