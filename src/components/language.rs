//! The language pieces every page shows: the draft note and, on a first visit, an offer of
//! the phone's own language.

use leptos::prelude::*;

use crate::i18n::{self, t};

/// "This translation has not yet been checked", in the language itself, on every page while
/// the chosen language is a draft: a young person should know the words may be wrong.
#[component]
pub fn DraftNote() -> impl IntoView {
    move || {
        i18n::chosen().filter(|c| c.draft).map(|_| {
            view! {
                <p class="draft-note" role="note">{t("app.draft_note")}</p>
            }
        })
    }
}

/// On a first visit from a phone set to a language the council offers, asks (in that
/// language) whether to use it. Nothing changes until the young person says yes.
#[component]
pub fn LanguageSuggestion() -> impl IntoView {
    let answered = RwSignal::new(false);
    let problem = RwSignal::new(false);
    // What the phone is set to, and what it has kept, are the browser's: asked in an effect
    // (again whenever the offered languages or the chosen one change).
    let suggestion = RwSignal::new(None);
    Effect::new(move |_| suggestion.set(i18n::suggestion()));
    move || {
        if answered.get() {
            return None;
        }
        let suggested: i18n::Offered = suggestion.get()?;
        let code = suggested.code.clone();
        let use_it = move |_| {
            let code = code.clone();
            leptos::task::spawn_local(async move {
                match i18n::choose(&code).await {
                    Ok(()) => answered.set(true),
                    Err(_) => problem.set(true),
                }
            });
        };
        let no_thanks = move |_| {
            i18n::decline_suggestion();
            answered.set(true);
        };
        Some(view! {
            <section class="language-suggestion" aria-label=t("app.language")
                lang=suggested.code.clone() dir=suggested.dir.clone()>
                <button type="button" class="button button-primary" on:click=use_it>
                    {suggested.name.clone()}
                </button>
                <button type="button" class="button" on:click=no_thanks lang="en-GB" dir="ltr">
                    {t("app.keep_english")}
                </button>
                <Show when=move || problem.get()>
                    <p role="alert">{t("language.needs_signal")}</p>
                </Show>
            </section>
        })
    }
}
