//! Meeting mode's first page: the PA answers "What can I get?" for the young person.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use offer_core::eligibility::Profile;

use crate::components::page::PageTitle;
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
        <PageTitle title="Meeting mode"/>
        <p class="lead">"Go through the offer together, one card at a time. At the end, the young person takes away what you talked about."</p>
        <p class="privacy-note">
            "Nothing is sent anywhere. The meeting stays on this device until you end it, and is wiped 4 hours after it starts anyway."
        </p>
        <Show when=ongoing>
            <div class="notice-success" role="status">
                <p>"A meeting is still open on this device."</p>
                <p class="actions">
                    <A href="/meeting/cards" attr:class="button">"Carry on with it"</A>
                    <button type="button" class="button button-danger" on:click=end>"End it and start again"</button>
                </p>
            </div>
        </Show>
        <h2>"About the young person"</h2>
        <p>"Ask them these questions. Their answers are only used for this meeting."</p>
        <AnswersForm profile=profile/>
        <p class="actions">
            <button type="button" class="button button-primary" on:click=start>"Go through the offer"</button>
        </p>
    }
}
