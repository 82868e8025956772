//! One entitlement: what it is, who can get it, how, who to ask, and where the facts come from.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use offer_core::answers::ItemRef;
use offer_core::eligibility::{
    age_label_in, availability, districts_label_in, in_their_district, Availability,
};
use offer_core::message::About;
use offer_core::money::{describe_amount_in, describe_when_in};
use offer_core::Translated as _;
use offer_core::{Entitlement, Offer};

use crate::components::contact_links::{tel_href, ContactButtons};
use crate::components::entitlement_card::{EntitlementCard, SaveButton};
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::report_problem::ReportProblem;
use crate::i18n::{english_here, lang_of, long_date, t, tf, tr, with_words};
use crate::kept::use_kept;
use crate::messages::support_back::SupportBackLink;
use crate::messages::you_said_we_did::YouSaidWeDidSection;
use crate::offer_state::use_offer;
use crate::pages::not_found::NotFound;

/// How many related items to suggest.
const RELATED: usize = 3;

/// What separates the paragraphs of an entitlement's details.
const PARAGRAPH_BREAK: &str = "\n\n";

/// An entitlement page, `/offer/:id`.
#[component]
pub fn EntitlementPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default(); // not shown
            match offer.entitlement(&id).cloned() {
                Some(e) => view! { <EntitlementDetails entitlement=e offer=offer.clone()/> }.into_any(),
                None => view! { <NotFound/> }.into_any(),
            }
        }/>
    }
}

#[component]
fn EntitlementDetails(entitlement: Entitlement, offer: std::sync::Arc<Offer>) -> impl IntoView {
    let e = entitlement;
    let category = offer.category(&e.category).map(|c| {
        (
            format!("/offer/category/{}", c.id),
            crate::i18n::category_title(c),
            lang_of(c),
        )
    });
    let paragraphs = e
        .details
        .split(PARAGRAPH_BREAK)
        .map(|p| view! { <p lang=english_here>{p.trim().to_string()}</p> })
        .collect_view();
    // In the chosen language when its translation has the steps and is up to date.
    let steps = {
        let e = e.clone();
        move || {
            crate::i18n::entitlement_steps(&e)
                .into_iter()
                .map(|s| view! { <li>{s}</li> })
                .collect_view()
        }
    };
    let steps_lang = {
        let e = e.clone();
        move || crate::i18n::steps_lang_of(&e)
    };
    let has_steps = !e.steps.is_empty();
    let national_note = e
        .national
        .then(|| view! { <p class="national-note">{t("entitlement.national_note")}</p> });
    let area = offer.council.area.clone();
    // A council's own words on a national entitlement, apart from the national ones and
    // with their own source.
    let local = e.local.clone().map(|local| {
        let checked = local.last_checked;
        view! {
            <section class="local-detail" aria-labelledby="local-heading">
                <h2 id="local-heading">{move || tf("entitlement.local_heading", &[("area", &area)])}</h2>
                <p lang=english_here>{local.text.clone()}</p>
                <p class="source">
                    {t("entitlement.source")}" "
                    <a href=local.source.url.clone() rel="noopener" lang=english_here>{local.source.title.clone()}</a>
                    {move || tf("entitlement.checked", &[("date", &long_date(checked))])}
                </p>
            </section>
        }
    });
    let last_checked = e.last_checked;
    // Its title and summary, when they show in English on a page in another language.
    let in_english = {
        let e = e.clone();
        move || lang_of(&e)
    };
    let amount = e
        .amount
        .as_ref()
        .map(|a| with_words(|w| (describe_amount_in(w, a), describe_when_in(w, a))));
    // Several amounts, each with what it is for: "£25 once, on your 19th birthday".
    let amounts = (!e.amounts.is_empty()).then(|| {
        let rows = e
            .amounts
            .iter()
            .map(|labelled| {
                let (how_much, when) = with_words(|w| {
                    (
                        describe_amount_in(w, &labelled.amount),
                        describe_when_in(w, &labelled.amount),
                    )
                });
                view! {
                    <li>
                        <strong class="amount-figure">{how_much}</strong>" "<span lang=english_here>{labelled.label.clone()}</span>
                        {when.map(|w| view! { <span class="amount-list-when">" ("{w}")"</span> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2>{t("entitlement.amounts_heading")}</h2>
            <ul class="amounts">{rows}</ul>
        }
    });
    let related: Vec<Entitlement> = offer
        .in_category(&e.category)
        .filter(|r| r.id != e.id)
        .take(RELATED)
        .cloned()
        .collect();
    let said_did: Vec<_> = offer
        .you_said_we_did_about(&ItemRef::Entitlement(e.id.clone()))
        .into_iter()
        .cloned()
        .collect();
    // The way back to the team after 21 belongs with the offer after 21.
    let support_back = (e.id == "offer-21-plus").then(|| view! { <SupportBackLink/> });
    let related_view = (!related.is_empty()).then(|| {
        let cards = related
            .into_iter()
            .map(|r| view! { <EntitlementCard entitlement=r/> })
            .collect_view();
        view! {
            <section aria-labelledby="related-heading">
                <h2 id="related-heading">{t("entitlement.related")}</h2>
                <ul class="card-list">{cards}</ul>
            </section>
        }
    });
    view! {
        {category.map(|(href, title, lang)| view! { <p class="breadcrumb" lang=lang><A href=href>{title}</A></p> })}
        <PageTitle title=Signal::derive({
            let e = e.clone();
            move || crate::i18n::entitlement_title(&e)
        }) lang=Signal::derive(in_english.clone())/>
        <p class="lead" lang=in_english.clone()>{
            let e = e.clone();
            move || crate::i18n::entitlement_summary(&e)
        }</p>
        {
            let e = e.clone();
            move || crate::i18n::out_of_date_note(|code| e.out_of_date_in(code))
                .or_else(|| crate::i18n::item_draft_note(|code| e.draft_in(code)))
                .map(|note| view! { <p class="translation-note" role="note">{note}</p> })
        }
        {amount.map(|(a, when)| view! {
            <p class="amount"><span class="visually-hidden">{t("entitlement.how_much")}" "</span>{a}</p>
            {when.map(|w| view! { <p class="amount-when">{w}</p> })}
        })}
        {amounts}
        <SaveButton id=e.id.clone() title=crate::i18n::entitlement_title(&e)/>
        <WhoCanGetIt entitlement=e.clone()/>
        <h2>{t("entitlement.what_it_is")}</h2>
        {paragraphs}
        {national_note}
        {local}
        <Show when=move || has_steps>
            <h2>{t("entitlement.how_to_get_it")}</h2>
        </Show>
        <ol class="steps" lang=steps_lang>{steps}</ol>
        <WhoToAsk ask=e.ask.clone() offer=offer.clone()/>
        {support_back}
        <p class="source">
            {t("entitlement.source")}" "
            <a href=e.source.url.clone() rel="noopener" lang=english_here>{e.source.title.clone()}</a>
            {e.source.published.map(|p| move || tf("entitlement.source_dated", &[("date", &long_date(p))]))}
            {move || tf("entitlement.checked", &[("date", &long_date(last_checked))])}
        </p>
        <ReportProblem about=About::Entitlement(e.id.clone())/>
        <YouSaidWeDidSection entries=said_did offer=offer.clone()/>
        {related_view}
    }
}

/// Who can get it, and whether the young person can, from their saved answers.
#[component]
fn WhoCanGetIt(entitlement: Entitlement) -> impl IntoView {
    let kept = use_kept();
    let e = entitlement.eligibility.clone();
    let ages = with_words(|w| age_label_in(w, &e));
    let area = use_offer()
        .offer()
        .map(|o| o.council.area.clone())
        .unwrap_or_default();
    let needs: Vec<String> = e
        .circumstances
        .iter()
        .map(|c| with_words(|w| c.label_in_words(w, &area)))
        .collect();
    let needs_view = (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <p>{t("entitlement.needs")}</p> <ul>{items}</ul> }
    });
    let only_in = use_offer()
        .offer()
        .and_then(|offer| with_words(|w| districts_label_in(w, &offer.council, &e.districts)));
    let yours = move || {
        let profile = kept.profile.get();
        if profile.age.is_none()
            && profile.birth_date.is_none()
            && profile.circumstances.is_empty()
            && profile.district.is_none()
        {
            return None;
        }
        let today = chrono::Local::now().date_naive();
        let text = match availability(&e, &profile, today) {
            Availability::Now => tr("entitlement.yours_now"),
            Availability::Later { from_age } => tf(
                "entitlement.yours_later",
                &[("from_age", &from_age.to_string())],
            ),
            Availability::NotNow => tr("entitlement.yours_not_now"),
            Availability::AgedOut { until_age } => tf(
                "entitlement.yours_aged_out",
                &[("until_age", &until_age.to_string())],
            ),
        };
        Some(view! { <p class="your-answer"><strong>{text}</strong></p> })
    };
    view! {
        <h2>{t("entitlement.who_can_get_it")}</h2>
        <p>{move || match &ages {
            Some(a) => tf("entitlement.ages", &[("ages", a)]),
            None => tr("entitlement.any_age"),
        }}</p>
        {needs_view}
        {only_in.map(|text| view! { <p class="only-in">{text}</p> })}
        {yours}
    }
}

/// The people to ask, with tap-to-call where the offer has a number.
#[component]
fn WhoToAsk(ask: Vec<String>, offer: std::sync::Arc<Offer>) -> impl IntoView {
    if ask.is_empty() {
        return None;
    }
    let kept = use_kept();
    let people = ask
        .into_iter()
        .map(|id| {
            if id == "pa" {
                view! { <li class="card"><h3>{t("entitlement.your_pa_heading")}</h3>{move || {
                    let pa = kept.my_pa.get();
                    if pa.phone.is_empty() {
                        view! { <p>{t("entitlement.save_pa_before")}<A href="/contacts">{t("entitlement.save_pa_link")}</A>{t("entitlement.save_pa_after")}</p> }.into_any()
                    } else {
                        let name = if pa.name.is_empty() { tr("entitlement.your_pa") } else { pa.name.clone() };
                        // The number is its own element, so it reads left to right in any language.
                        let label = tf("entitlement.call_pa", &[("name", &name)]);
                        let (before, after) = match label.split_once("{phone}") {
                            Some((before, after)) => (before.to_string(), after.to_string()),
                            None => (format!("{label} "), String::new()),
                        };
                        view! {
                            <p><a class="button" href=tel_href(&pa.phone)>
                                {before}<bdi dir="ltr">{pa.phone.clone()}</bdi>{after}
                            </a></p>
                        }.into_any()
                    }
                }}</li> }
                .into_any()
            } else if let Some(contact) = offer
                .contact(&id)
                .filter(|c| in_their_district(&c.districts, &kept.profile.get_untracked()))
                .cloned()
            {
                let only_in =
                    with_words(|w| districts_label_in(w, &offer.council, &contact.districts));
                view! {
                    <li class="card">
                        <h3 lang=english_here>{contact.name.clone()}</h3>
                        {only_in.map(|text| view! { <p class="only-in"><strong>{text}</strong></p> })}
                        <p lang={
                            let c = contact.clone();
                            move || lang_of(&c)
                        }>{crate::i18n::contact_hours(&contact)}</p>
                        <ContactButtons contact=contact/>
                    </li>
                }
                .into_any()
            } else {
                ().into_any()
            }
        })
        .collect_view();
    Some(view! {
        <h2>{t("entitlement.who_to_ask")}</h2>
        <ul class="card-list">{people}</ul>
    })
}
