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
use crate::i18n::{t, tf, with_words};
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
            let kind = params.read().get("kind").unwrap_or_default(); // not shown: a URL's part
            let editing = query.read().get("edit"); // not shown: a URL's part
            let chosen = (query.read().get("about"), query.read().get("reason")); // not shown: URL parts
            let group = query.read().get("group"); // not shown: a URL's part
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
                        d.insert(String::from("group"), group);
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
        let message = Message::new(new_id(), Utc::now(), body.clone());
        let problems = with_words(|w| message.validate_in(w, &check_offer))
            .err()
            .unwrap_or_default();
        if !problems.is_empty() {
            errors.set(problems);
            crate::browser::focus_id_soon("error-summary");
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
        <p class="breadcrumb"><A href="/have-your-say" exact=true>{t("form_page.breadcrumb")}</A></p>
        <PageTitle title=t(title)/>
        <p class="lead">{t(intro)}</p>
        {(kind_of(kind) == Some(MessageKind::ContactMe)).then(|| view! {
            <div class="danger-box">
                <p><strong>{t("form_page.not_for_emergencies")}</strong>{t("form_page.danger_before_link")}
                <A href="/help-now">{t("form_page.danger_link")}</A>"."</p>
            </div>
        })}
        <p class="privacy-note">{t("form_page.privacy")}</p>
        <ErrorSummary errors=errors/>
        <form on:submit=on_submit novalidate>
            {fields}
            <button type="submit" class="button button-primary">{t("form_page.send")}</button>
        </form>
    }
}

/// The fields of each kind of form; labels and hints are catalogue keys.
fn form_fields(
    kind: &str,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    offer: &Offer,
) -> AnyView {
    let f = |field: &str, label: &'static str, hint: Option<&'static str>, kind: Kind| {
        let hint = hint.map(t);
        view! { <Field draft=draft errors=errors field=field.to_string() label=t(label) hint=hint kind=kind/> }
    };
    let stars = |field: String, label: &'static str| {
        let options = std::iter::once((String::new(), t("form_page.no_rating")))
            .chain((1..=5).rev().map(|n: u8| {
                let text = move || tf("form_page.stars", &[("n", &n.to_string())]);
                (n.to_string(), Signal::derive(text))
            }))
            .collect();
        view! { <Choice draft=draft errors=errors field=field label=t(label) options=options/> }
    };
    // Names from the offer: an entitlement's title in the chosen language where translated;
    // hubs' and contacts' names as the council writes them.
    let named = |value: String, name: &str| (value, Signal::stored(name.to_string()));
    if kind == SUPPORT_BACK.0 {
        // "Ask for help again" sends a "please contact me", asked for in its own words.
        return view! {
            {f("name", "form_page.your_name", None, Kind::Text)}
            {f("phone", "form_page.phone", Some("form_page.phone_hint"), Kind::Tel)}
            {f("email", "form_page.email", None, Kind::Email)}
            {f("best_time", "form_page.best_time", Some("form_page.best_time_hint"), Kind::Text)}
            {f("about", "form_page.help_with", Some("form_page.help_with_hint"), Kind::Area)}
        }
        .into_any();
    }
    let Some(kind) = kind_of(kind) else {
        return ().into_any(); // never: MessageFormPage shows "not found" first
    };
    match kind {
        MessageKind::Feedback => {
            let mut about = vec![
                ("offer".to_string(), t("form_page.about_offer")),
                ("app".to_string(), t("form_page.about_app")),
            ];
            about.extend(offer.entitlements.iter().map(|e| {
                named(
                    format!("entitlement:{}", e.id),
                    &crate::i18n::entitlement_title(e),
                )
            }));
            about.extend(
                offer
                    .hubs
                    .iter()
                    .map(|h| named(format!("hub:{}", h.id), &h.name)),
            );
            about.extend(
                offer
                    .contacts
                    .iter()
                    .map(|c| named(format!("contact:{}", c.id), &c.name)),
            );
            let mut reasons: Vec<(String, Signal<String>)> = FeedbackReason::ALL
                .iter()
                .map(|&r| {
                    (
                        r.slug().to_string(),
                        Signal::derive(move || with_words(|w| r.label_in(w))),
                    )
                })
                .collect();
            reasons.insert(0, (String::new(), t("form_page.reason_other")));
            let wrong = move || draft.with(|d| d.get("reason").is_some_and(|r| !r.is_empty())); // not shown: a field's name
            view! {
                <Choice draft=draft errors=errors field="about".to_string() label=t("form_page.what_about") options=about/>
                <Radios draft=draft errors=errors field="reason".to_string() legend=t("form_page.why") options=reasons/>
                <Show when=wrong>
                    <p class="your-answer">{t("form_page.wrong_thanks")}</p>
                </Show>
                {stars("rating".to_string(), "form_page.rating")}
                {f("text", "form_page.feedback", Some("form_page.feedback_hint"), Kind::Area)}
                <h2>{t("form_page.reply_heading")}</h2>
                <p>{t("form_page.anonymous")}</p>
                {f("name", "form_page.your_name", None, Kind::Text)}
                {f("reply_to", "form_page.reply_to", None, Kind::Text)}
            }
            .into_any()
        }
        MessageKind::ContactMe => view! {
            {f("name", "form_page.your_name", None, Kind::Text)}
            {f("phone", "form_page.phone", Some("form_page.phone_hint"), Kind::Tel)}
            {f("email", "form_page.email", None, Kind::Email)}
            {f("best_time", "form_page.best_time", Some("form_page.best_time_hint"), Kind::Text)}
            {f("about", "form_page.what_about", None, Kind::Area)}
        }
        .into_any(),
        MessageKind::StartGroup => view! {
            {f("about", "form_page.group_about", Some("form_page.group_about_hint"), Kind::Area)}
            {f("name", "form_page.your_name", None, Kind::Text)}
            {f("phone", "form_page.phone", Some("form_page.phone_hint"), Kind::Tel)}
            {f("email", "form_page.email", None, Kind::Email)}
        }
        .into_any(),
        MessageKind::DetailsChanged => view! {
            {f("name", "form_page.your_name", None, Kind::Text)}
            {f("phone", "form_page.new_phone", Some("form_page.new_details_hint"), Kind::Tel)}
            {f("email", "form_page.new_email", None, Kind::Email)}
            {f("address", "form_page.new_address", None, Kind::Area)}
        }
        .into_any(),
        MessageKind::JoinGroup => {
            let mut groups = vec![(String::new(), t("form_page.choose_group"))];
            groups.extend(offer.groups.iter().map(|g| named(g.id.clone(), &g.name)));
            view! {
                <Choice draft=draft errors=errors field="group".to_string() label=t("form_page.which_group") options=groups/>
                {f("name", "form_page.your_name", None, Kind::Text)}
                {f("phone", "form_page.phone", Some("form_page.phone_hint"), Kind::Tel)}
                {f("email", "form_page.email", None, Kind::Email)}
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
                            <legend>{crate::i18n::category_title(c)}</legend>
                            {stars(review_key(i, "rating"), "form_page.group_rating")}
                            {f(&review_key(i, "comments"), "form_page.group_said", None, Kind::Area)}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                {f("group_name", "form_page.group_name", None, Kind::Text)}
                {f("participants", "form_page.participants", None, Kind::Number)}
                <p>{t("form_page.rate_parts")}</p>
                {per_category}
                {f("missing", "form_page.missing", None, Kind::Area)}
            }
            .into_any()
        }
    }
}
