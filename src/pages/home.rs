//! The home page: a welcome, the first action, the categories and what changed lately.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::install_prompt::InstallPrompt;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::search_box::SearchBox;
use crate::i18n::{long_date, t, tc, tf};
use crate::messages::support_back::SupportBackLink;

/// How many recent changes the home page lists.
const RECENT_CHANGES: usize = 3;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageTitle title=t("home.title")/>
        <p class="lead">{t("home.lead")}</p>
        <WithOffer children=|offer| {
            let categories = offer
                .categories
                .iter()
                .map(|c| {
                    let count = offer.in_category(&c.id).count();
                    let href = format!("/offer/category/{}", c.id);
                    let title = crate::i18n::category_title(c);
                    let lang = crate::i18n::lang_of(c);
                    let things = move || tc("home.things", count as u64, &[]);
                    view! {
                        <li>
                            <A href=href attr:class="category-button">
                                <span class="category-title" lang=lang>{title}</span>
                                <span class="category-count">{things}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view();
            let mut recent: Vec<_> = offer.entitlements.iter().filter(|e| e.updated.is_some()).collect();
            recent.sort_by_key(|e| std::cmp::Reverse(e.updated));
            let recent = recent
                .into_iter()
                .take(RECENT_CHANGES)
                .map(|e| {
                    let (href, title, lang) = (format!("/offer/{}", e.id), crate::i18n::entitlement_title(e), crate::i18n::lang_of(e));
                    let updated = e.updated;
                    let when = move || {
                        updated
                            .map(|date| tf("home.updated", &[("date", &long_date(date))]))
                            .unwrap_or_default()
                    };
                    view! {
                        <li>
                            <A href=href attr:lang=lang>{title}</A>
                            <span class="updated">" " {when}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="actions">
                    <A href="/what-can-i-get" attr:class="button button-primary">{t("what_can_i_get.title")}</A>
                    <A href="/my-list" attr:class="button">{t("my_list.title")}</A>
                </p>
                <SearchBox/>
                <section aria-labelledby="categories-heading">
                    <h2 id="categories-heading">{t("home.browse")}</h2>
                    <ul class="category-grid">{categories}</ul>
                </section>
                <section aria-labelledby="recent-heading">
                    <h2 id="recent-heading">{t("home.whats_new")}</h2>
                    <ul class="recent-list">{recent}</ul>
                </section>
                // Below the offer, not above it: the browser offers to install at a moment of
                // its choosing, and a card appearing above the categories would push them
                // down under the young person's thumb (Lighthouse measured a 0.17 shift).
                <InstallPrompt/>
            }
        }/>
        <SupportBackLink/>
        <p class="meeting-entry">
            <A href="/meeting" attr:class="button">{t("home.meeting")}</A>
        </p>
    }
}
