//! Meeting mode's cards: what applies to the young person, one large card at a time, each
//! marked as they decide.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use offer_core::eligibility::age_label_in;
use offer_core::i18n::Direction;
use offer_core::meeting::turn::Turn;
use offer_core::meeting::{Mark, Meeting, MeetingCard, NEXT_STEP_MAX};
use offer_core::money::describe_amount_and_when_in;
use offer_core::Offer;

use crate::components::offer_gate::WithOffer;
use crate::components::page::PageTitle;
use crate::i18n::{direction, t, tf, tr, with_words};
use crate::meeting_store::{change, use_meeting};

/// `/meeting/cards`.
#[component]
pub fn MeetingCards() -> impl IntoView {
    let meeting = use_meeting();
    // Only opening or ending the meeting redraws the page; marks and moves update in place.
    let open = Memo::new(move |_| meeting.with(Option::is_some));
    view! {
        <div class="meeting-screen">
            <PageTitle title=t("meeting_cards.title")/>
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
        <p>{t("meeting_cards.no_meeting")}</p>
        <p><A href="/meeting" attr:class="button button-primary">{t("meeting_cards.start")}</A></p>
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
    /// The ages it is for, in words; `None` for any age.
    ages: Option<String>,
    needs: Vec<String>,
    from_age: Option<u8>,
    steps: Vec<String>,
    /// The `lang` of its title and summary, and of its steps: English until translated.
    lang: Option<&'static str>,
    steps_lang: Option<&'static str>,
}

impl Card {
    fn of(card: &MeetingCard, area: &str) -> Card {
        let e = card.entitlement;
        Card {
            id: e.id.clone(),
            title: crate::i18n::entitlement_title(e),
            summary: crate::i18n::entitlement_summary(e),
            category: card
                .category
                .map(crate::i18n::category_title)
                .unwrap_or_default(),
            amount: e
                .amount
                .as_ref()
                .map(|a| with_words(|w| describe_amount_and_when_in(w, a))),
            ages: with_words(|w| age_label_in(w, &e.eligibility)),
            needs: e
                .eligibility
                .circumstances
                .iter()
                .map(|c| with_words(|w| c.label_in_words(w, area)))
                .collect(),
            from_age: card.from_age,
            steps: crate::i18n::entitlement_steps(e),
            lang: crate::i18n::lang_of(e),
            steps_lang: crate::i18n::steps_lang_of(e),
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
            <p>{t("meeting_cards.no_match")}</p>
            <p><A href="/meeting" attr:class="button">{t("meeting_cards.change_answers")}</A></p>
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
    // Arrow keys and swipes follow the way the page reads (`offer_core::meeting::turn`).
    let turn_to = move |turn: Turn| match turn {
        Turn::Next => next(true),
        Turn::Back => previous(true),
    };
    let keys = window_event_listener(ev::keydown, move |event| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key() {
            return;
        }
        // Arrow keys belong to whatever field is being typed in.
        if crate::browser::is_text_field(event.target()) {
            return;
        }
        if let Some(turn) = Turn::for_key(&event.key(), untrack(direction)) {
            event.prevent_default();
            turn_to(turn);
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
        if let Some(turn) = Turn::for_swipe(dx, dy, untrack(direction)) {
            turn_to(turn);
        }
    };
    let progress_text = move || {
        let (at, total) = ((at.get() + 1).to_string(), total.to_string());
        tf("meeting_cards.progress", &[("at", &at), ("total", &total)])
    };
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
                <button type="button" class=format!("button mark-button mark-{}", mark.code().to_ascii_lowercase()) // not shown
                    aria-pressed=move || if pressed() { "true" } else { "false" } on:click=toggle>
                    // The tick is for the eye; aria-pressed tells a screen reader.
                    {move || pressed().then_some(view! { <span aria-hidden="true">"✓ "</span> })}
                    {t(mark_key(mark))}
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
                aria-label=t("meeting_cards.progress_label") aria-valuetext=progress_text></progress>
        </div>
        <article class="meeting-card" aria-labelledby="card-title" on:pointerdown=pointer_down
            on:pointerup=pointer_up on:pointercancel=move |_| swipe_from.set_value(None)>
            <p class="meeting-category">{let s = shown.clone(); move || s().category}</p>
            <h2 id="card-title" tabindex="-1" node_ref=heading lang={let s = shown.clone(); move || s().lang}>{let s = shown.clone(); move || s().title}</h2>
            {move || card_body(steps_of())}
        </article>
        <div class="meeting-decide">
            <fieldset>
                <legend>{t("meeting_cards.what_they_think")}</legend>
                <div class="mark-buttons">{marks}</div>
            </fieldset>
            <div class="field">
                <label for="next-step">{t("meeting_cards.next_step")}</label>
                <p class="hint" id="next-step-hint">{t("meeting_cards.next_step_hint")}</p>
                <input id="next-step" type="text" autocomplete="off" maxlength=NEXT_STEP_MAX.to_string()
                    aria-describedby="next-step-hint" prop:value=move || note().next_step on:change=set_next_step/>
            </div>
        </div>
        <div class="meeting-nav">
            <button type="button" class="button" aria-disabled=move || if at.get() == 0 { "true" } else { "false" }
                on:click=move |_| previous(false)>
                // The arrows point the way the cards go, which a right-to-left page mirrors.
                <span aria-hidden="true">{move || if direction() == Direction::Rtl { "→ " } else { "← " }}</span>
                {t("meeting_cards.previous")}
            </button>
            <button type="button" class="button button-primary" on:click=move |_| next(false)>
                {move || if is_last() { tr("meeting_cards.finish") } else { tr("meeting_cards.next") }}
                <span aria-hidden="true">{move || if direction() == Direction::Rtl { " ←" } else { " →" }}</span>
            </button>
        </div>
        <p class="hint">{t("meeting_cards.swipe_hint")}</p>
        <p class="actions">
            <A href="/meeting/summary" attr:class="button">{t("meeting_cards.see_summary")}</A>
            <A href="/meeting" attr:class="button">{t("meeting_cards.change_answers")}</A>
        </p>
    }
    .into_any()
}

/// The catalogue key of a mark's words, on its button.
fn mark_key(mark: Mark) -> &'static str {
    match mark {
        Mark::WantsToApply => "meeting_cards.mark_wants_to_apply",
        Mark::TalkedAbout => "meeting_cards.mark_talked_about",
        Mark::NotForMeNow => "meeting_cards.mark_not_for_me_now",
    }
}

/// Everything on a card below its title; redrawn whole when the card changes (and when the
/// language does).
fn card_body(card: Card) -> AnyView {
    let amount = card.amount.map(|a| view! { <p class="meeting-amount"><span class="visually-hidden">{tr("meeting_cards.how_much")}" "</span>{a}</p> });
    let needs = (!card.needs.is_empty()).then(|| {
        let items = card
            .needs
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <p>{tr("meeting_cards.needs")}</p> <ul>{items}</ul> }
    });
    let later = card.from_age.map(|age| {
        view! {
            <p class="your-answer"><strong>{tf("meeting_cards.from_age", &[("age", &age.to_string())])}</strong></p>
        }
    });
    let steps = (!card.steps.is_empty()).then(|| {
        let items = card
            .steps
            .into_iter()
            .map(|s| view! { <li>{s}</li> })
            .collect_view();
        view! { <h3>{tr("meeting_cards.how_to_get_it")}</h3> <ol class="steps" lang=card.steps_lang>{items}</ol> }
    });
    let ages = match card.ages {
        Some(ages) => tf("meeting_cards.ages", &[("ages", &ages)]),
        None => tr("meeting_cards.any_age"),
    };
    view! {
        {amount}
        <p class="meeting-lead" lang=card.lang>{card.summary}</p>
        <h3>{tr("meeting_cards.who_can_get_it")}</h3>
        <p>{ages}</p>
        {needs}
        {later}
        {steps}
    }
    .into_any()
}
