//! Have your say: what you can send, and how each message you sent is getting on.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use offer_core::outbox::Delivery;
use offer_core::status_checks::{progress_in, reply};

use crate::components::page::PageTitle;
use crate::i18n::{t, tf, tr, with_words};
use crate::messages::draft::{form, from_body, FORMS};
use crate::messages::replies::use_replies;
use crate::messages::you_said_we_did::YouSaidWeDidSection;
use crate::offer_state::use_offer;
use crate::outbox_driver::use_outbox;

/// The "Have your say" page.
#[component]
pub fn HaveYourSay() -> impl IntoView {
    let query = use_query_map();
    let just_sent = move || query.read().get("sent").is_some(); // not shown: a URL's part
                                                                // "Saved on this phone" would not be true where the phone keeps nothing.
    let kept = use_context::<crate::kept::StorageHealth>();
    let saved = move || kept.is_none_or(|h| h.ok.get());
    let forms = FORMS
        .iter()
        .map(|&(kind, title, intro)| {
            view! {
                <li class="card">
                    <h3><A href=format!("/have-your-say/{kind}")>{t(title)}</A></h3>
                    <p>{t(intro)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle title=t("have_your_say.title")/>
        <Show when=just_sent>
            <p class="notice-success" role="status">
                {move || if saved() { tr("have_your_say.sent") } else { tr("have_your_say.sent_not_kept") }}
            </p>
        </Show>
        <p class="lead">{t("have_your_say.lead")}</p>
        <p><A href="/groups">{t("have_your_say.groups_link")}</A>{t("have_your_say.groups_after")}</p>
        <ul class="card-list">{forms}</ul>
        <YourMessages/>
        <AllYouSaidWeDid/>
    }
}

/// Every "You said, we did" entry, newest first, each with what it is about.
#[component]
fn AllYouSaidWeDid() -> impl IntoView {
    let offer = use_offer();
    move || {
        offer.offer().map(|offer| {
            let entries = offer
                .you_said_we_did_newest()
                .into_iter()
                .cloned()
                .collect();
            view! { <YouSaidWeDidSection entries=entries offer=offer show_about=true/> }
        })
    }
}

/// Every message on this phone, with its state in words.
#[component]
fn YourMessages() -> impl IntoView {
    let outbox = use_outbox();
    let replies = use_replies();
    let offer = use_offer();
    view! {
        <section aria-labelledby="your-messages">
            <h2 id="your-messages">{t("have_your_say.your_messages")}</h2>
            <p class="hint">{t("have_your_say.your_messages_hint")}</p>
            // Read by the team, done, a new reply: said politely, once, when it arrives.
            <p class="visually-hidden" role="status">{move || replies.news.get()}</p>
            {move || {
                let entries = outbox.outbox.get().entries;
                let answers = replies.answers.get();
                if entries.is_empty() {
                    return view! { <p>{t("have_your_say.nothing_sent")}</p> }.into_any();
                }
                let categories: Vec<String> = offer
                    .offer()
                    .map(|o| o.categories.iter().map(|c| c.id.clone()).collect())
                    .unwrap_or_default();
                entries
                    .into_iter()
                    .rev()
                    .map(|entry| {
                        let id = entry.message.id.clone();
                        let (kind, _) = from_body(&entry.message.body, &categories);
                        let title = tr(form(kind).map(|f| f.1).unwrap_or("have_your_say.message"));
                        let answer = answers.messages.get(&id);
                        let state = with_words(|w| progress_in(w, &entry, answer, &chrono::Local));
                        let reply = reply(answer).map(|(text, at)| {
                            let when = at.map(|at| {
                                let date = with_words(|w| offer_core::dates::weekday_and_date_in(w, at.with_timezone(&chrono::Local).date_naive()));
                                tf("have_your_say.reply_on", &[("date", &date)])
                            }).unwrap_or_default();
                            let text = text.to_string();
                            view! {
                                <div class="reply">
                                    <p class="reply-from"><strong>{t("have_your_say.reply_from_team")}</strong>{when}</p>
                                    // Written by someone at the council, in whatever language they chose.
                                    <p class="reply-text" dir="auto">{text}</p>
                                </div>
                            }
                        });
                        let written = with_words(|w| offer_core::dates::weekday_date_and_clock_in(w, entry.message.created_at.with_timezone(&chrono::Local).naive_local()));
                        let needs_change = matches!(entry.state, Delivery::NeedsChanging { .. });
                        let sent = matches!(entry.state, Delivery::Sent { .. });
                        let edit_href = format!("/have-your-say/{kind}?edit={id}");
                        let delete_label = tf("have_your_say.delete_label", &[("title", &title), ("written", &written)]);
                        let delete_id = id.clone();
                        view! {
                            <article class="card message" data-id=id.clone()>
                                <h3>{title}</h3>
                                <p class="hint">{tf("have_your_say.written", &[("date", &written)])}</p>
                                <p class="message-state" class:state-sent=sent class:state-problem=needs_change>{state}</p>
                                {reply}
                                <p class="contact-buttons">
                                    {needs_change.then(|| view! { <A href=edit_href attr:class="button">{t("have_your_say.change_and_send")}</A> })}
                                    <button type="button" class="button button-small" aria-label=delete_label
                                        on:click=move |_| {
                                            outbox.delete(&delete_id);
                                            replies.forget(&delete_id);
                                        }>{t("have_your_say.delete")}</button>
                                </p>
                            </article>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}
