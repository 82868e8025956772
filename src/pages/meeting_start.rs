//! Meeting mode's first page: the PA answers "What can I get?" for the young person.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use offer_core::eligibility::Profile;

use crate::components::page::PageTitle;
use crate::i18n::t;
use crate::meeting_store::{change, use_meeting, wipe};
use crate::pages::what_can_i_get::AnswersForm;

/// `/meeting`: the young person's answers, then the cards.
#[component]
pub fn MeetingStart() -> impl IntoView {
    let meeting = use_meeting();
    // The form edits its own copy; the meeting takes each change. The PA's own answers on
    // this device (in `kept`) are never read or written here.
    let profile = RwSignal::new(
        meeting
            .get_untracked()
            .map(|m| m.profile)
            .unwrap_or_default(),
    );
    // Set while a meeting ends, so clearing the form does not start a new one.
    let ending = StoredValue::new(false);
    Effect::new(move |previous: Option<Profile>| {
        let answers = profile.get();
        if previous.is_some_and(|p| p != answers) && !ending.get_value() {
            change(meeting, |m| m.profile = answers.clone());
        }
        ending.set_value(false);
        answers
    });
    let ongoing = move || meeting.with(|m| m.as_ref().is_some_and(|m| !m.notes.is_empty()));
    let navigate = use_navigate();
    let start = move |_| {
        change(meeting, |_| {});
        navigate("/meeting/cards", Default::default());
    };
    let end = move |_| {
        ending.set_value(true);
        wipe();
        meeting.set(None);
        profile.set(Profile::default());
    };
    view! {
        <PageTitle title=t("meeting_start.title")/>
        <p class="lead">{t("meeting_start.lead")}</p>
        <p class="privacy-note">{t("meeting_start.privacy")}</p>
        <Show when=ongoing>
            <div class="notice-success" role="status">
                <p>{t("meeting_start.still_open")}</p>
                <p class="actions">
                    <A href="/meeting/cards" attr:class="button">{t("meeting_start.carry_on")}</A>
                    <button type="button" class="button button-danger" on:click=end>{t("meeting_start.end_and_restart")}</button>
                </p>
            </div>
        </Show>
        <h2>{t("meeting_start.about")}</h2>
        <p>{t("meeting_start.ask_them")}</p>
        <AnswersForm profile=profile/>
        <p class="actions">
            <button type="button" class="button button-primary" on:click=start>{t("meeting_start.go")}</button>
        </p>
    }
}
