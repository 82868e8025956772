//! Form fields bound to a draft, with their error shown beside them.

use leptos::prelude::*;
use offer_core::message::FieldError;

use super::draft::Draft;
use crate::i18n::t;

/// The id of the input for a message field (`text` -> `field-text`).
pub fn input_id(field: &str) -> String {
    format!("field-{}", field.replace(['[', ']', '.'], "-"))
}

/// The error for `field`, if the last check found one.
fn error_of(errors: RwSignal<Vec<FieldError>>, field: &str) -> Option<String> {
    errors
        .get()
        .into_iter()
        .find(|e| e.field == field)
        .map(|e| e.message)
}

/// The input's kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// A phone number.
    Tel,
    /// An email address.
    Email,
    /// A whole number.
    Number,
    /// Several lines.
    Area,
}

/// A labelled input whose value lives in the draft under `field`.
#[component]
pub fn Field(
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    field: String,
    #[prop(into)] label: Signal<String>,
    #[prop(default = None)] hint: Option<Signal<String>>,
    #[prop(default = Kind::Text)] kind: Kind,
) -> impl IntoView {
    let id = input_id(&field);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let f = field.clone();
    let value = move || draft.with(|d| d.get(&f).cloned().unwrap_or_default());
    let f = field.clone();
    let set = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| {
            d.insert(f.clone(), v);
        });
    };
    let f = StoredValue::new(field.clone());
    let error = move || f.with_value(|f| error_of(errors, f));
    let f = field.clone();
    let described = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error_of(errors, &f).is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let input = match kind {
        Kind::Area => view! {
            <textarea id=id.clone() name=field.clone() rows="5" dir="auto" aria-describedby=described prop:value=value on:input=set></textarea>
        }
        .into_any(),
        _ => {
            let (kind_attr, mode) = match kind {
                Kind::Tel => ("tel", "tel"),
                Kind::Email => ("email", "email"),
                Kind::Number => ("text", "numeric"),
                _ => ("text", "text"),
            };
            view! {
                <input id=id.clone() name=field.clone() type=kind_attr inputmode=mode autocomplete="off"
                    aria-describedby=described prop:value=value on:input=set/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-has-error=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error().map(|m| view! { <p class="field-error" id=error_id.clone()><span class="visually-hidden">{t("fields.error")}</span>{m}</p> })}
            {input}
        </div>
    }
}

/// A choice from a list, stored in the draft under `field`.
#[component]
pub fn Choice(
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    field: String,
    #[prop(into)] label: Signal<String>,
    options: Vec<(String, Signal<String>)>,
) -> impl IntoView {
    let id = input_id(&field);
    let f = StoredValue::new(field.clone());
    let current = move || draft.with(|d| f.with_value(|f| d.get(f).cloned().unwrap_or_default()));
    let f = field.clone();
    let set = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| {
            d.insert(f.clone(), v);
        });
    };
    let f = field.clone();
    let error = move || error_of(errors, &f);
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let v = value.clone();
            let selected = move || current() == v;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {move || error().map(|m| view! { <p class="field-error">{m}</p> })}
            <select id=id name=field on:change=set>{options}</select>
        </div>
    }
}

/// One answer from a few, as radio buttons under a legend, stored in the draft under `field`;
/// the first option stands for no answer (value "").
#[component]
pub fn Radios(
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    field: String,
    #[prop(into)] legend: Signal<String>,
    options: Vec<(String, Signal<String>)>,
) -> impl IntoView {
    // The first radio carries the field's id, so the error summary can link to it.
    let id = input_id(&field);
    let f = StoredValue::new(field.clone());
    let current = move || draft.with(|d| f.with_value(|f| d.get(f).cloned().unwrap_or_default()));
    let error = move || f.with_value(|f| error_of(errors, f));
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, text))| {
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
            let v = value.clone();
            let checked = move || current() == v;
            let v = value.clone();
            let set = move |_| {
                let v = v.clone();
                draft.update(|d| {
                    f.with_value(|f| {
                        d.insert(f.clone(), v);
                    })
                });
            };
            view! {
                <div class="checkbox">
                    <input type="radio" id=radio_id.clone() name=field.clone() value=value prop:checked=checked on:change=set/>
                    <label for=radio_id>{text}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {move || error().map(|m| view! { <p class="field-error">{m}</p> })}
            {radios}
        </fieldset>
    }
}

/// "There is a problem": every error at the top of the form, each linking to its field.
#[component]
pub fn ErrorSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <Show when=move || !errors.get().is_empty()>
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                <h2>{t("fields.there_is_a_problem")}</h2>
                <ul>
                    {move || errors.get().into_iter().map(|e| {
                        let href = if e.field.is_empty() { "#error-summary".to_string() } else { format!("#{}", input_id(&e.field)) };
                        view! { <li><a href=href>{e.message}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
