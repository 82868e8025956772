//! Meeting mode's cards: what applies to the young person, one large card at a time, each
//! marked as they decide.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use offer_core::eligibility::age_label;
use offer_core::meeting::{Mark, Meeting, MeetingCard, NEXT_STEP_MAX};
use offer_core::money::describe_amount_and_when;
use offer_core::Offer;
use wasm_bindgen::JsCast;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::meeting_store::{change, use_meeting};

/// How far a finger must travel sideways, in CSS pixels, to count as a swipe.
const SWIPE: i32 = 60;

/// `/meeting/cards`.
#[component]
pub fn MeetingCards() -> impl IntoView {
    let meeting = use_meeting();
    // Only opening or ending the meeting redraws the page; marks and moves update in place.
    let open = Memo::new(move |_| meeting.with(Option::is_some));
    view! {
        <div class="meeting-screen">
            <PageTitle title="Meeting mode"/>
            {move || match open.get() {
                true => view! { <WithOffer children=move |offer| view! { <Cards offer=offer meeting=meeting/> }/> }.into_any(),
                false => view! { <NoMeeting/> }.into_any(),
            }}
        </div>
    }
}

/// Shown when there is no meeting open (it ended, or it was wiped after a few hours).
#[component]
pub fn NoMeeting() -> impl IntoView {
    view! {
        <p>"There is no meeting open on this device."</p>
        <p><A href="/meeting" attr:class="button button-primary">"Start a meeting"</A></p>
    }
}

/// What one card shows, worked out once when the page opens.
#[derive(Clone)]
struct Card {
    id: String,
    title: String,
    summary: String,
    category: String,
    amount: Option<String>,
    ages: String,
    needs: Vec<String>,
    from_age: Option<u8>,
    steps: Vec<String>,
}

impl Card {
    fn of(card: &MeetingCard, area: &str) -> Card {
        let e = card.entitlement;
        Card {
            id: e.id.clone(),
            title: e.title.clone(),
            summary: e.summary.clone(),
            category: card.category.map(|c| c.title.clone()).unwrap_or_default(),
            amount: e.amount.as_ref().map(describe_amount_and_when),
            ages: match age_label(&e.eligibility) {
                Some(a) => format!("Care leavers, age: {a}."),
                None => "Care leavers of any age.".to_string(),
            },
            needs: e
                .eligibility
                .circumstances
                .iter()
                .map(|c| c.label_in(area).into_owned())
                .collect(),
            from_age: card.from_age,
            steps: e.steps.clone(),
        }
    }
}

#[component]
fn Cards(offer: Arc<Offer>, meeting: RwSignal<Option<Meeting>>) -> impl IntoView {
    let today = chrono::Local::now().date_naive();
    let cards: Arc<Vec<Card>> = Arc::new(
        meeting
            .with_untracked(|m| m.as_ref().map(|m| m.cards(&offer, today)))
            .unwrap_or_default()
            .iter()
            .map(|card| Card::of(card, &offer.council.area))
            .collect(),
    );
    let total = cards.len();
    if total == 0 {
        return view! {
            <p>"Nothing in the offer matches these answers."</p>
            <p><A href="/meeting" attr:class="button">"Change their answers"</A></p>
        }
        .into_any();
    }
    let at = Memo::new(move |_| {
        meeting
            .with(|m| m.as_ref().map_or(0, |m| m.at))
            .min(total - 1)
    });
    let card = {
        let cards = cards.clone();
        Memo::new(move |_| cards[at.get()].id.clone())
    };
    let shown = {
        let cards = cards.clone();
        move || cards[at.get()].clone()
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    let navigate = use_navigate();
    // Arrow keys and swipes move focus to the new card's title, so a screen reader reads it;
    // the buttons keep focus where it is, so pressing Next again works.
    let go = move |to: usize, focus: bool| {
        if to >= total {
            navigate("/meeting/summary", Default::default());
            return;
        }
        change(meeting, |m| m.at = to);
        if focus {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        }
    };
    let go = StoredValue::new(go);
    let previous = move |focus: bool| {
        let now = at.get_untracked();
        if now > 0 {
            go.with_value(|go| go(now - 1, focus));
        }
    };
    let next = move |focus: bool| {
        let now = at.get_untracked();
        go.with_value(|go| go(now + 1, focus));
    };
    let keys = window_event_listener(ev::keydown, move |event| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key() {
            return;
        }
        // Arrow keys belong to whatever field is being typed in.
        let in_field = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        match event.key().as_str() {
            "ArrowRight" => {
                event.prevent_default();
                next(true);
            }
            "ArrowLeft" => {
                event.prevent_default();
                previous(true);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let swipe_from = StoredValue::new(None::<(i32, i32)>);
    let pointer_down =
        move |e: ev::PointerEvent| swipe_from.set_value(Some((e.client_x(), e.client_y())));
    let pointer_up = move |e: ev::PointerEvent| {
        let Some((x, y)) = swipe_from.get_value() else {
            return;
        };
        swipe_from.set_value(None);
        let (dx, dy) = (e.client_x() - x, e.client_y() - y);
        if dx.abs() >= SWIPE && dx.abs() > dy.abs() * 2 {
            if dx < 0 {
                next(true);
            } else {
                previous(true);
            }
        }
    };
    let progress_text = move || format!("{} of {total}", at.get() + 1);
    let is_last = move || at.get() + 1 == total;
    let note =
        move || meeting.with(|m| m.as_ref().map(|m| m.note(&card.get())).unwrap_or_default());
    let marks = Mark::ALL
        .into_iter()
        .map(|mark| {
            let pressed = move || note().mark == Some(mark);
            let toggle = move |_| {
                let id = card.get_untracked();
                let now = if pressed() { None } else { Some(mark) };
                change(meeting, |m| m.set_mark(&id, now));
            };
            view! {
                <button type="button" class=format!("button mark-button mark-{}", mark.code().to_ascii_lowercase())
                    aria-pressed=move || if pressed() { "true" } else { "false" } on:click=toggle>
                    // The tick is for the eye; aria-pressed tells a screen reader.
                    {move || pressed().then_some(view! { <span aria-hidden="true">"✓ "</span> })}
                    {mark.label()}
                </button>
            }
        })
        .collect_view();
    let set_next_step = move |ev: ev::Event| {
        let id = card.get_untracked();
        let text = event_target_value(&ev);
        change(meeting, |m| m.set_next_step(&id, &text));
    };
    let steps_of = shown.clone();
    view! {
        <div class="meeting-progress">
            <p class="meeting-count" role="status">{progress_text}</p>
            <progress max=total.to_string() value=move || (at.get() + 1).to_string()
                aria-label="Progress through the offer" aria-valuetext=progress_text></progress>
        </div>
        <article class="meeting-card" aria-labelledby="card-title" on:pointerdown=pointer_down
            on:pointerup=pointer_up on:pointercancel=move |_| swipe_from.set_value(None)>
            <p class="meeting-category">{let s = shown.clone(); move || s().category}</p>
            <h2 id="card-title" tabindex="-1" node_ref=heading>{let s = shown.clone(); move || s().title}</h2>
            {move || card_body(steps_of())}
        </article>
        <div class="meeting-decide">
            <fieldset>
                <legend>"What do they think?"</legend>
                <div class="mark-buttons">{marks}</div>
            </fieldset>
            <div class="field">
                <label for="next-step">"Next step (you can leave this empty)"</label>
                <p class="hint" id="next-step-hint">"For example: PA sends the form by Friday"</p>
                <input id="next-step" type="text" autocomplete="off" maxlength=NEXT_STEP_MAX.to_string()
                    aria-describedby="next-step-hint" prop:value=move || note().next_step on:change=set_next_step/>
            </div>
        </div>
        <div class="meeting-nav">
            <button type="button" class="button" aria-disabled=move || if at.get() == 0 { "true" } else { "false" }
                on:click=move |_| previous(false)>
                <span aria-hidden="true">"← "</span>"Previous"
            </button>
            <button type="button" class="button button-primary" on:click=move |_| next(false)>
                {move || if is_last() { "Finish" } else { "Next" }}
                <span aria-hidden="true">" →"</span>
            </button>
        </div>
        <p class="hint">"You can also swipe the card, or use the arrow keys."</p>
        <p class="actions">
            <A href="/meeting/summary" attr:class="button">"See what we talked about"</A>
            <A href="/meeting" attr:class="button">"Change their answers"</A>
        </p>
    }
    .into_any()
}

/// Everything on a card below its title; redrawn whole when the card changes.
fn card_body(card: Card) -> AnyView {
    let amount = card.amount.map(|a| view! { <p class="meeting-amount"><span class="visually-hidden">"How much: "</span>{a}</p> });
    let needs = (!card.needs.is_empty()).then(|| {
        let items = card
            .needs
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <p>"They need to be able to say one of these:"</p> <ul>{items}</ul> }
    });
    let later = card.from_age.map(|age| {
        view! {
            <p class="your-answer"><strong>{format!("They can get this from {age}.")}</strong></p>
        }
    });
    let steps = (!card.steps.is_empty()).then(|| {
        let items = card
            .steps
            .into_iter()
            .map(|s| view! { <li>{s}</li> })
            .collect_view();
        view! { <h3>"How to get it"</h3> <ol class="steps">{items}</ol> }
    });
    view! {
        {amount}
        <p class="meeting-lead">{card.summary}</p>
        <h3>"Who can get it"</h3>
        <p>{card.ages}</p>
        {needs}
        {later}
        {steps}
    }
    .into_any()
}
