//! Weekly sessions as a table, sorted by day and time: a hub's opening times and a group's
//! meetings are the same kind of thing and are shown the same way.

use leptos::prelude::*;
use offer_core::opening_hours::{time_label_in, weekday_name_in};
use offer_core::Session;

use crate::i18n::{t, tf, with_words};

/// `sessions` in a table with `caption`; `caption_id` names the caption for a region that
/// refers to it; `what_lang` is the `lang` of what happens at each (English until translated,
/// `crate::i18n::english_unless`).
#[component]
pub fn SessionTable(
    sessions: Vec<Session>,
    #[prop(into)] caption: Signal<String>,
    #[prop(optional)] caption_id: Option<&'static str>,
    what_lang: Option<&'static str>,
) -> impl IntoView {
    let mut sessions = sessions;
    sessions.sort_by_key(|s| (s.day.num_days_from_monday(), s.start));
    let rows = sessions
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{let day = s.day; move || with_words(|w| weekday_name_in(w, day))}</th>
                    <td>{let s = s.clone(); move || times(&s)}</td>
                    <td lang=what_lang>{s.what.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="hub-sessions">
            <caption id=caption_id>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("hub.day")}</th>
                    <th scope="col">{t("hub.time")}</th>
                    <th scope="col">{t("hub.what")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// "1pm to 4pm", or "10pm to 2am the next day" for a session past midnight.
pub fn times(s: &Session) -> String {
    let key = if s.overnight {
        "hub.times_overnight"
    } else {
        "hub.times"
    };
    tf(
        key,
        &[
            ("start", &with_words(|w| time_label_in(w, s.start))),
            ("end", &with_words(|w| time_label_in(w, s.end))),
        ],
    )
}
