//! One entitlement: what it is, who can get it, how, who to ask, and where the facts come from.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use offer_core::answers::ItemRef;
use offer_core::eligibility::{age_label, availability, Availability};
use offer_core::message::About;
use offer_core::money::{describe_amount, describe_when};
use offer_core::{Entitlement, Offer};

use crate::components::contact_links::{tel_href, ContactButtons};
use crate::components::entitlement_card::{EntitlementCard, SaveButton};
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::components::report_problem::ReportProblem;
use crate::kept::use_kept;
use crate::messages::support_back::SupportBackLink;
use crate::messages::you_said_we_did::YouSaidWeDidSection;
use crate::offer_state::use_offer;
use crate::pages::not_found::NotFound;

/// How many related items to suggest.
const RELATED: usize = 3;

/// An entitlement page, `/offer/:id`.
#[component]
pub fn EntitlementPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithOffer children=move |offer| {
            let id = params.read().get("id").unwrap_or_default();
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
    let category = offer
        .category(&e.category)
        .map(|c| (format!("/offer/category/{}", c.id), c.title.clone()));
    let paragraphs = e
        .details
        .split("\n\n")
        .map(|p| view! { <p>{p.trim().to_string()}</p> })
        .collect_view();
    let steps = e
        .steps
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    let has_steps = !e.steps.is_empty();
    let checked = offer_core::dates::long_date(e.last_checked);
    let amount = e
        .amount
        .as_ref()
        .map(|a| (describe_amount(a), describe_when(a)));
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
                <h2 id="related-heading">"Related"</h2>
                <ul class="card-list">{cards}</ul>
            </section>
        }
    });
    view! {
        {category.map(|(href, title)| view! { <p class="breadcrumb"><A href=href>{title}</A></p> })}
        <PageTitle title=e.title.clone()/>
        <p class="lead">{e.summary.clone()}</p>
        {amount.map(|(a, when)| view! {
            <p class="amount"><span class="visually-hidden">"How much: "</span>{a}</p>
            {when.map(|w| view! { <p class="amount-when">{w}</p> })}
        })}
        <SaveButton id=e.id.clone() title=e.title.clone()/>
        <WhoCanGetIt entitlement=e.clone()/>
        <h2>"What it is"</h2>
        {paragraphs}
        <Show when=move || has_steps>
            <h2>"How to get it"</h2>
        </Show>
        <ol class="steps">{steps}</ol>
        <WhoToAsk ask=e.ask.clone() offer=offer.clone()/>
        {support_back}
        <p class="source">
            "Where this comes from: "
            <a href=e.source.url.clone() rel="noopener">{e.source.title.clone()}</a>
            {e.source.published.map(|p| format!(", dated {}", offer_core::dates::long_date(p)))}
            ". Checked on " {checked} "."
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
    let ages = age_label(&e);
    let area = use_offer()
        .offer()
        .map(|o| o.council.area.clone())
        .unwrap_or_default();
    let needs: Vec<String> = e
        .circumstances
        .iter()
        .map(|c| c.label_in(&area).into_owned())
        .collect();
    let needs_view = (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <p>"You need to be able to say one of these:"</p> <ul>{items}</ul> }
    });
    let yours = move || {
        let profile = kept.profile.get();
        if profile.age.is_none() && profile.birth_date.is_none() && profile.circumstances.is_empty()
        {
            return None;
        }
        let today = chrono::Local::now().date_naive();
        let text = match availability(&e, &profile, today) {
            Availability::Now => "From your answers, you can get this now.".to_string(),
            Availability::Later { from_age } => {
                format!("From your answers, you can get this from {from_age}.")
            }
            Availability::NotNow => {
                "From your answers, this may not be for you. Ask your PA.".to_string()
            }
            Availability::AgedOut { until_age } => {
                format!("This is for people under {until_age}. Ask your PA what else can help.")
            }
        };
        Some(view! { <p class="your-answer"><strong>{text}</strong></p> })
    };
    view! {
        <h2>"Who can get it"</h2>
        <p>{match ages {
            Some(a) => format!("Care leavers, age: {a}."),
            None => "Care leavers of any age.".to_string(),
        }}</p>
        {needs_view}
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
                view! { <li class="card"><h3>"Your personal adviser (PA)"</h3>{move || {
                    let pa = kept.my_pa.get();
                    if pa.phone.is_empty() {
                        view! { <p>"Save your PA's number on the "<A href="/contacts">"Contacts"</A>" page to call them from here."</p> }.into_any()
                    } else {
                        let label = format!("Call {} on {}", if pa.name.is_empty() { "your PA" } else { &pa.name }, pa.phone);
                        view! { <p><a class="button" href=tel_href(&pa.phone)>{label}</a></p> }.into_any()
                    }
                }}</li> }
                .into_any()
            } else if let Some(contact) = offer.contact(&id).cloned() {
                view! {
                    <li class="card">
                        <h3>{contact.name.clone()}</h3>
                        <p>{contact.hours.clone()}</p>
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
        <h2>"Who to ask"</h2>
        <ul class="card-list">{people}</ul>
    })
}
