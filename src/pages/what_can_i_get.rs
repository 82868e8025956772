//! "What can I get?": the young person says their age and what applies, and the offer narrows.

use leptos::prelude::*;
use offer_core::eligibility::{sort_for, Profile};
use offer_core::Circumstance;

use crate::components::district_choice::DistrictChoice;
use crate::components::entitlement_card::EntitlementCard;
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::{t, tf, with_words};
use crate::kept::use_kept;

/// The "What can I get?" page.
#[component]
pub fn WhatCanIGet() -> impl IntoView {
    let kept = use_kept();
    let profile = kept.profile;
    view! {
        <PageTitle title=t("what_can_i_get.title")/>
        <p class="lead">{t("what_can_i_get.lead")}</p>
        <p class="privacy-note">{t("what_can_i_get.privacy")}</p>
        <AnswersForm profile=profile/>
        <WithOffer children=move |offer| {
            move || {
                let p = profile.get();
                let today = chrono::Local::now().date_naive();
                let sorted = sort_for(&offer, &p, today);
                let answered =
                    p.age_on(today).is_some() || !p.circumstances.is_empty() || p.district.is_some();
                let now_count = sorted.now.len();
                let now = sorted.now.into_iter().cloned().map(|e| view! { <EntitlementCard entitlement=e/> }).collect_view();
                let later_count = sorted.later.len();
                let later = sorted
                    .later
                    .into_iter()
                    .map(|(e, from)| {
                        let e = e.clone();
                        view! { <EntitlementCard entitlement=e badge=tf("what_can_i_get.from_age", &[("age", &from.to_string())])/> }
                    })
                    .collect_view();
                let other_count = sorted.other.len();
                let other = sorted.other.into_iter().cloned().map(|e| view! { <EntitlementCard entitlement=e/> }).collect_view();
                view! {
                    <section aria-labelledby="now-heading" class="results">
                        <h2 id="now-heading">
                            {tf(
                                if answered { "what_can_i_get.now" } else { "what_can_i_get.everything" },
                                &[("count", &now_count.to_string())],
                            )}
                        </h2>
                        <ul class="card-list" id="results-now">{now}</ul>
                    </section>
                    <Show when=move || { later_count > 0 }>
                        <section aria-labelledby="later-heading">
                            <h2 id="later-heading">{tf("what_can_i_get.later", &[("count", &later_count.to_string())])}</h2>
                        </section>
                    </Show>
                    <ul class="card-list" id="results-later">{later}</ul>
                    <Show when=move || { other_count > 0 }>
                        <h2 id="other-heading">{tf("what_can_i_get.other", &[("count", &other_count.to_string())])}</h2>
                        <p>{t("what_can_i_get.other_hint")}</p>
                    </Show>
                    <details class="other-results">
                        <summary>{t("what_can_i_get.show_these")}</summary>
                        <ul class="card-list" id="results-other">{other}</ul>
                    </details>
                }
            }
        }/>
    }
}

/// Age (or date of birth) and the circumstances that apply, saved as they change.
#[component]
pub fn AnswersForm(profile: RwSignal<Profile>) -> impl IntoView {
    // "I live outside Cheshire East": the area is the council's, once the offer is here.
    let offer = crate::offer_state::use_offer();
    let area = move || {
        offer
            .offer()
            .map(|o| o.council.area.clone())
            .unwrap_or_default()
    };
    let age_text = move || profile.get().age.map(|a| a.to_string()).unwrap_or_default();
    let birth_text = move || {
        profile
            .get()
            .birth_date
            .map(offer_core::dates::iso_date)
            .unwrap_or_default()
    };
    let set_age = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        // Out-of-range ages are left unset rather than guessed: the list then shows everything.
        let age = value
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|a| (10..=30).contains(a));
        profile.update(|p| p.age = age);
    };
    let set_birth = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let date = offer_core::dates::parse_iso_date(value.trim());
        profile.update(|p| p.birth_date = date);
    };
    let boxes = Circumstance::ALL
        .into_iter()
        .map(|c| {
            let id = format!("circ-{}", c.slug());
            let checked = move || profile.get().circumstances.contains(&c);
            let toggle = move |_| {
                profile.update(|p| {
                    if !p.circumstances.remove(&c) {
                        p.circumstances.insert(c);
                    }
                })
            };
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                    <label for=id>{move || with_words(|w| c.label_in_words(w, &area()))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="answers" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="age">{t("what_can_i_get.age")}</label>
                <input id="age" type="number" inputmode="numeric" min="15" max="30" autocomplete="off"
                    prop:value=age_text on:input=set_age class="input-short"/>
            </div>
            <div class="field">
                <label for="birth-date">{t("what_can_i_get.birth_date")}</label>
                <input id="birth-date" type="date" autocomplete="off" prop:value=birth_text on:change=set_birth/>
            </div>
            <fieldset>
                <legend>{t("what_can_i_get.tick")}</legend>
                {boxes}
            </fieldset>
            {move || offer.offer().map(|o| view! { <DistrictChoice offer=o profile=profile/> })}
            <p>
                <button type="button" class="button" on:click=move |_| profile.set(Profile::default())>
                    {t("what_can_i_get.clear")}
                </button>
            </p>
        </form>
    }
}
