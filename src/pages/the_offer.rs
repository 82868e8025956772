//! "The offer": every category with what is in it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::entitlement_card::EntitlementCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::search_box::SearchBox;
use crate::i18n::t;

/// The whole offer, by category.
#[component]
pub fn TheOffer() -> impl IntoView {
    view! {
        <PageTitle title=t("the_offer.title")/>
        <p class="actions">
            <A href="/what-can-i-get" attr:class="button button-primary">{t("what_can_i_get.title")}</A>
            <A href="/my-list" attr:class="button">{t("my_list.title")}</A>
        </p>
        <SearchBox/>
        <WithOffer children=|offer| {
            let contents = offer
                .categories
                .iter()
                .map(|c| {
                    let (href, title) = (format!("#{}", c.id), crate::i18n::category_title(c));
                    view! { <li><a href=href lang=crate::i18n::lang_of(c)>{title}</a></li> }
                })
                .collect_view();
            let sections = offer
                .categories
                .iter()
                .map(|c| {
                    let items = offer
                        .in_category(&c.id)
                        .cloned()
                        .map(|e| view! { <EntitlementCard entitlement=e/> })
                        .collect_view();
                    let (href, title, id) = (format!("/offer/category/{}", c.id), crate::i18n::category_title(c), c.id.clone());
                    view! {
                        <section class="category-section" id=id>
                            <h2 lang=crate::i18n::lang_of(c)><A href=href>{title}</A></h2>
                            <p lang=crate::i18n::lang_of(c)>{crate::i18n::category_summary(c)}</p>
                            <ul class="card-list">{items}</ul>
                        </section>
                    }
                })
                .collect_view();
            view! {
                <nav aria-label=t("the_offer.categories")><ul class="contents-list">{contents}</ul></nav>
                {sections}
            }
        }/>
    }
}
