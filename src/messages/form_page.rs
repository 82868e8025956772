//! One "Have your say" form: fill it in, check it on the phone, put it in the outbox.

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use offer_core::message::{FeedbackReason, FieldError, Message, MessageKind};
use offer_core::Offer;

use super::draft::{form, from_body, kind_of, prefilled, review_key, to_body, Draft, SUPPORT_BACK};
use super::fields::{Choice, ErrorSummary, Field, Kind, Radios};
use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::kept::kept;
use crate::outbox_driver::{new_id, use_outbox};
use crate::pages::not_found::NotFound;

/// Where each form's draft is kept on the phone. Written out in full, not made from the slug,
/// so these keys (and the drafts people have kept under them) stay put whatever else changes.
fn draft_key(kind: &str) -> Option<&'static str> {
    if kind == SUPPORT_BACK.0 {
        // "Ask for help again" sends a "please contact me" but keeps a draft of its own.
        return Some("local-offer.v1.draft.support-back");
    }
    Some(match MessageKind::from_slug(kind)? {
        MessageKind::Feedback => "local-offer.v1.draft.feedback",
        MessageKind::ContactMe => "local-offer.v1.draft.contact-me",
        MessageKind::DetailsChanged => "local-offer.v1.draft.details-changed",
        MessageKind::JoinGroup => "local-offer.v1.draft.join-group",
        MessageKind::GroupReview => "local-offer.v1.draft.group-review",
        MessageKind::StartGroup => "local-offer.v1.draft.start-group",
    })
}

/// The form page, `/have-your-say/:kind`; `?edit=<id>` changes a message and resends it, and
/// feedback takes `?about=entitlement:<id>&reason=wrong-or-out-of-date` to start chosen, and
/// joining a group takes `?group=<id>` (from the Groups page).
#[component]
pub fn MessageFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    view! {
        <WithOffer children=move |offer| {
            let kind = params.read().get("kind").unwrap_or_default();
            let editing = query.read().get("edit");
            let chosen = (query.read().get("about"), query.read().get("reason"));
            let group = query.read().get("group");
            match (form(&kind), draft_key(&kind)) {
                (Some((kind, title, intro)), Some(key)) => {
                    view! { <MessageForm kind=kind title=title intro=intro key=key editing=editing chosen=chosen group=group offer=offer/> }.into_any()
                }
                _ => view! { <NotFound/> }.into_any(),
            }
        }/>
    }
}

#[component]
fn MessageForm(
    kind: &'static str,
    title: &'static str,
    intro: &'static str,
    key: &'static str,
    editing: Option<String>,
    chosen: (Option<String>, Option<String>),
    group: Option<String>,
    offer: Arc<Offer>,
) -> impl IntoView {
    let outbox = use_outbox();
    let categories: Vec<String> = offer.categories.iter().map(|c| c.id.clone()).collect();
    // Changing a message that needs changing starts from what it said, not from the draft.
    let draft = match editing
        .as_ref()
        .and_then(|id| outbox.outbox.get_untracked().get(id).cloned())
    {
        Some(entry) => RwSignal::new(from_body(&entry.message.body, &categories).1),
        None => {
            let draft = kept::<Draft>(key);
            if kind_of(kind) == Some(MessageKind::Feedback) {
                let (about, reason) = chosen;
                draft.update(|d| {
                    *d = prefilled(std::mem::take(d), about.as_deref(), reason.as_deref())
                });
            }
            // Only a group the offer has: a made-up id in a link chooses nothing.
            if let Some(group) = group.filter(|g| offer.group(g).is_some()) {
                if kind_of(kind) == Some(MessageKind::JoinGroup) {
                    draft.update(|d| {
                        d.insert("group".to_string(), group);
                    });
                }
            }
            draft
        }
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let navigate = use_navigate();
    let check_offer = offer.clone();
    let cats = categories.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(body) = to_body(kind, &draft.get_untracked(), &cats) else {
            return;
        };
        // Check on the phone first, so most mistakes are fixed before anything is sent.
        let problems = Message::new(new_id(), Utc::now(), body.clone())
            .validate(&check_offer)
            .err()
            .unwrap_or_default();
        if !problems.is_empty() {
            errors.set(problems);
            focus_summary();
            return;
        }
        match &editing {
            Some(id) => {
                outbox.edit(id, body);
            }
            None => {
                outbox.submit(body);
                draft.set(Draft::new());
            }
        }
        navigate("/have-your-say?sent=1", Default::default());
    };
    let fields = form_fields(kind, draft, errors, &offer);
    view! {
        <p class="breadcrumb"><A href="/have-your-say">"Have your say"</A></p>
        <PageTitle title=title/>
        <p class="lead">{intro}</p>
        {(kind_of(kind) == Some(MessageKind::ContactMe)).then(|| view! {
            <div class="danger-box">
                <p><strong>"This is not for emergencies."</strong>" It may take a few days for someone to reply. "
                "If you are in danger call 999, or see "<A href="/help-now">"help now"</A>"."</p>
            </div>
        })}
        <p class="privacy-note">"What you type stays on this phone until you press send. It is saved as you type, so you can finish it later."</p>
        <ErrorSummary errors=errors/>
        <form on:submit=on_submit novalidate>
            {fields}
            <button type="submit" class="button button-primary">"Send"</button>
        </form>
    }
}

/// The fields of each kind of form.
fn form_fields(
    kind: &str,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    offer: &Offer,
) -> AnyView {
    let f = |field: &str, label: &str, hint: Option<&str>, kind: Kind| {
        view! { <Field draft=draft errors=errors field=field.to_string() label=label.to_string() hint=hint.map(str::to_string) kind=kind/> }
    };
    let stars = |field: String, label: &str| {
        let options = std::iter::once((String::new(), "No rating".to_string()))
            .chain(
                (1..=5)
                    .rev()
                    .map(|n| (n.to_string(), format!("{n} out of 5"))),
            )
            .collect();
        view! { <Choice draft=draft errors=errors field=field label=label.to_string() options=options/> }
    };
    if kind == SUPPORT_BACK.0 {
        // "Ask for help again" sends a "please contact me", asked for in its own words.
        return view! {
            {f("name", "Your name", None, Kind::Text)}
            {f("phone", "Phone number", Some("Give a phone number, an email address, or both."), Kind::Tel)}
            {f("email", "Email address", None, Kind::Email)}
            {f("best_time", "When is best to contact you?", Some("For example: weekday afternoons"), Kind::Text)}
            {f("about", "What would you like help with?", Some("For example: money, housing, work, your health, or just someone to talk to."), Kind::Area)}
        }
        .into_any();
    }
    let Some(kind) = kind_of(kind) else {
        return ().into_any(); // never: MessageFormPage shows "not found" first
    };
    match kind {
        MessageKind::Feedback => {
            let mut about = vec![("offer".to_string(), "The local offer as a whole".to_string()), ("app".to_string(), "This app".to_string())];
            about.extend(offer.entitlements.iter().map(|e| (format!("entitlement:{}", e.id), e.title.clone())));
            about.extend(offer.hubs.iter().map(|h| (format!("hub:{}", h.id), h.name.clone())));
            about.extend(offer.contacts.iter().map(|c| (format!("contact:{}", c.id), c.name.clone())));
            let mut reasons: Vec<(String, String)> = FeedbackReason::ALL
                .iter()
                .map(|r| (r.slug().to_string(), r.label().to_string()))
                .collect();
            reasons.insert(0, (String::new(), "Something else: an idea, praise or a question".to_string()));
            let wrong = move || draft.with(|d| d.get("reason").is_some_and(|r| !r.is_empty()));
            view! {
                <Choice draft=draft errors=errors field="about".to_string() label="What is it about?".to_string() options=about/>
                <Radios draft=draft errors=errors field="reason".to_string() legend="Why are you writing?".to_string() options=reasons/>
                <Show when=wrong>
                    <p class="your-answer">"Thank you. We will check it. If you know what is right, tell us below. Or just press Send."</p>
                </Show>
                {stars("rating".to_string(), "How good is it? (you can leave this out)")}
                {f("text", "Your feedback", Some("What works, what doesn't, and what would make it better."), Kind::Area)}
                <h2>"If you want a reply"</h2>
                <p>"Leave these empty to stay anonymous."</p>
                {f("name", "Your name", None, Kind::Text)}
                {f("reply_to", "Phone number or email address", None, Kind::Text)}
            }
            .into_any()
        }
        MessageKind::ContactMe => view! {
            {f("name", "Your name", None, Kind::Text)}
            {f("phone", "Phone number", Some("Give a phone number, an email address, or both."), Kind::Tel)}
            {f("email", "Email address", None, Kind::Email)}
            {f("best_time", "When is best to contact you?", Some("For example: weekday afternoons"), Kind::Text)}
            {f("about", "What is it about?", None, Kind::Area)}
        }
        .into_any(),
        MessageKind::StartGroup => view! {
            {f("about", "What would the group be about?", Some("For example: cooking on a budget, football, or care leavers who are parents."), Kind::Area)}
            {f("name", "Your name", None, Kind::Text)}
            {f("phone", "Phone number", Some("Give a phone number, an email address, or both."), Kind::Tel)}
            {f("email", "Email address", None, Kind::Email)}
        }
        .into_any(),
        MessageKind::DetailsChanged => view! {
            {f("name", "Your name", None, Kind::Text)}
            {f("phone", "New phone number", Some("Fill in only what has changed."), Kind::Tel)}
            {f("email", "New email address", None, Kind::Email)}
            {f("address", "New address, with postcode", None, Kind::Area)}
        }
        .into_any(),
        MessageKind::JoinGroup => {
            let mut groups = vec![(String::new(), "Choose a group".to_string())];
            groups.extend(offer.groups.iter().map(|g| (g.id.clone(), g.name.clone())));
            view! {
                <Choice draft=draft errors=errors field="group".to_string() label="Which group?".to_string() options=groups/>
                {f("name", "Your name", None, Kind::Text)}
                {f("phone", "Phone number", Some("Give a phone number, an email address, or both."), Kind::Tel)}
                {f("email", "Email address", None, Kind::Email)}
            }
            .into_any()
        }
        MessageKind::GroupReview => {
            let per_category = offer
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    view! {
                        <fieldset class="card">
                            <legend>{c.title.clone()}</legend>
                            {stars(review_key(i, "rating"), "Your group's rating")}
                            {f(&review_key(i, "comments"), "What your group said", None, Kind::Area)}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                {f("group_name", "Your group's name", None, Kind::Text)}
                {f("participants", "How many young people took part?", None, Kind::Number)}
                <p>"Rate the parts of the offer you talked about. You can leave any out."</p>
                {per_category}
                {f("missing", "What's missing from the offer?", None, Kind::Area)}
            }
            .into_any()
        }
    }
}

fn focus_summary() {
    leptos::task::spawn_local(async {
        if let Some(el) = document().get_element_by_id("error-summary") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}
