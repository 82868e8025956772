//! Choosing the app's language: each language named in its own script, English first.

use leptos::prelude::*;

use crate::components::page::PageTitle;
use crate::i18n::{self, t, NotOpened};

/// The language page (`/language`), reachable from the header of every page.
#[component]
pub fn LanguagePage() -> impl IntoView {
    let problem = RwSignal::new(None::<NotOpened>);
    let busy = RwSignal::new(false);
    // Asked again here, so a phone that was offline at start sees the council's list now.
    leptos::task::spawn_local(i18n::refresh_offered());
    let pick = move |code: String| {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let result = i18n::choose(&code).await;
            busy.set(false);
            problem.set(result.err());
        });
    };
    let current = move || i18n::chosen().map(|c| c.file.code.clone());
    let choices = move || {
        let mut all = vec![(
            "en".to_string(),
            i18n::ENGLISH_NAME.to_string(),
            "ltr".to_string(),
            None,
        )]; // not shown: a name
        all.extend(i18n::offered().into_iter().map(|l| {
            let english = l.english_name.clone();
            (l.code, l.name, l.dir, Some(english))
        }));
        all.into_iter()
            .map(|(code, name, dir, english)| {
                let selected = {
                    let code = code.clone();
                    move || current().unwrap_or_else(|| "en".to_string()) == code // not shown
                };
                let on_pick = {
                    let code = code.clone();
                    move |_| pick(code.clone())
                };
                view! {
                    <li>
                        <button type="button" class="button language-choice"
                            aria-pressed=move || selected().to_string()
                            disabled=move || busy.get()
                            on:click=on_pick>
                            <span lang=code.clone() dir=dir>{name}</span>
                            {english.map(|e| view! { <span class="language-english" lang="en-GB" dir="ltr">{e}</span> })}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <PageTitle title=t("language.title")/>
        <p>{t("language.intro")}</p>
        <ul class="language-list">{choices}</ul>
        <div role="status" aria-live="polite">
            {move || problem.get().map(|p| {
                let key = match p {
                    NotOpened::NeedsSignal => "language.needs_signal",
                    NotOpened::NotAvailable => "language.not_available",
                };
                view! { <p class="problem">{i18n::tr(key)}</p> }
            })}
        </div>
    }
}
