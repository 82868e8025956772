//! "My PA": the young person keeps their own adviser's details on the phone.

use leptos::prelude::*;
use offer_core::contact_details::{is_valid_email, is_valid_phone};

use crate::browser::focus_id_soon;
use crate::components::contact_links::{sms_href, tel_href, with_ltr_value};
use crate::i18n::{t, tr};
use crate::kept::{use_kept, MyPa};

/// What is wrong with a PA's details, field by field: each field's id and the catalogue key of
/// what to say about it.
pub fn my_pa_problems(pa: &MyPa) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if pa.name.trim().is_empty() {
        problems.push(("pa-name", "my_pa.error_name"));
    }
    if pa.phone.trim().is_empty() && pa.email.trim().is_empty() {
        problems.push(("pa-phone", "my_pa.error_phone_or_email"));
    }
    if !pa.phone.trim().is_empty() && !is_valid_phone(pa.phone.trim()) {
        problems.push(("pa-phone", "my_pa.error_phone"));
    }
    if !pa.email.trim().is_empty() && !is_valid_email(pa.email.trim()) {
        problems.push(("pa-email", "my_pa.error_email"));
    }
    problems
}

/// Shows the saved PA with call, text and email buttons, or a form to add them.
#[component]
pub fn MyPaCard() -> impl IntoView {
    let kept = use_kept();
    let editing = RwSignal::new(false);
    view! {
        <section class="card my-pa" aria-labelledby="my-pa-heading">
            <h2 id="my-pa-heading">{t("my_pa.heading")}</h2>
            {move || {
                let pa = kept.my_pa.get();
                if editing.get() || pa.is_empty() {
                    view! { <MyPaForm editing=editing/> }.into_any()
                } else {
                    view! { <MyPaDetails pa=pa editing=editing/> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn MyPaDetails(pa: MyPa, editing: RwSignal<bool>) -> impl IntoView {
    let kept = use_kept();
    let phone = (!pa.phone.is_empty()).then(|| {
        let (call, text) = (tel_href(&pa.phone), sms_href(&pa.phone));
        view! {
            <a class="button" href=call>{with_ltr_value("my_pa.call", "number", pa.phone.clone())}</a>
            <a class="button" href=text>{t("my_pa.text")}</a>
        }
    });
    let email = (!pa.email.is_empty()).then(|| {
        let href = format!("mailto:{}", pa.email);
        view! { <a class="button" href=href>{with_ltr_value("my_pa.email", "address", pa.email.clone())}</a> }
    });
    view! {
        <p class="pa-name">{pa.name.clone()}</p>
        <p class="contact-buttons">{phone}{email}</p>
        <p class="contact-buttons">
            <button type="button" class="button button-small" on:click=move |_| editing.set(true)>{t("my_pa.change")}</button>
            <button type="button" class="button button-small" on:click=move |_| {
                kept.my_pa.set(MyPa::default());
                editing.set(false);
            }>{t("my_pa.delete")}</button>
        </p>
    }
}

#[component]
fn MyPaForm(editing: RwSignal<bool>) -> impl IntoView {
    let kept = use_kept();
    let current = kept.my_pa.get_untracked();
    let name = RwSignal::new(current.name.clone());
    let phone = RwSignal::new(current.phone.clone());
    let email = RwSignal::new(current.email.clone());
    let problems = RwSignal::new(Vec::<(&'static str, &'static str)>::new());
    let error_for = move |field: &'static str| {
        move || {
            problems.get().iter().find(|(f, _)| *f == field).map(
                |(_, m)| view! { <p class="field-error" id=format!("{field}-error")>{tr(m)}</p> },
            )
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pa = MyPa {
            name: name.get().trim().to_string(),
            phone: phone.get().trim().to_string(),
            email: email.get().trim().to_string(),
        };
        let found = my_pa_problems(&pa);
        if found.is_empty() {
            kept.my_pa.set(pa);
            problems.set(Vec::new());
            editing.set(false);
        } else {
            problems.set(found);
            focus_id_soon("error-summary");
        }
    };
    view! {
        <p>{t("my_pa.intro")}</p>
        <Show when=move || !problems.get().is_empty()>
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                <h3>{t("my_pa.problem")}</h3>
                <ul>
                    {move || problems.get().into_iter().map(|(f, m)| {
                        let href = format!("#{f}");
                        view! { <li><a href=href>{tr(m)}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
        <form on:submit=on_submit novalidate>
            <div class="field">
                <label for="pa-name">{t("my_pa.name")}</label>
                {error_for("pa-name")}
                <input id="pa-name" type="text" autocomplete="off" bind:value=name/>
            </div>
            <div class="field">
                <label for="pa-phone">{t("my_pa.phone")}</label>
                {error_for("pa-phone")}
                <input id="pa-phone" type="tel" inputmode="tel" autocomplete="off" bind:value=phone/>
            </div>
            <div class="field">
                <label for="pa-email">{t("my_pa.email_address")}</label>
                {error_for("pa-email")}
                <input id="pa-email" type="email" inputmode="email" autocomplete="off" spellcheck="false" bind:value=email/>
            </div>
            <button type="submit" class="button button-primary">{t("my_pa.save")}</button>
        </form>
    }
}
