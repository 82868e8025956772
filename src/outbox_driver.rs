//! The outbox on the phone: keeps every message in local storage and delivers it.
//!
//! The rules (what is due, retries, "needs changing") live in `offer_core::outbox`; this
//! module only stores the outbox, talks to the server, and decides *when* to look again:
//! at start, when signal returns, when the app becomes visible, and at the next retry time.

use chrono::Utc;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use offer_core::message::{Message, MessageBody};
use offer_core::outbox::Outbox;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::shared_kept::SharedKept;

/// Where the outbox is kept (versioned, so a later app can migrate it).
pub const OUTBOX_KEY: &str = "local-offer.v1.outbox";
/// The name of the Web Lock that lets one tab at a time send.
const LOCK_NAME: &str = "local-offer-outbox";

/// The outbox as the app sees it, provided once through context.
#[derive(Clone, Copy)]
pub struct OutboxState {
    /// The messages and their states, as last read or written (`stored`'s, as shown).
    pub outbox: RwSignal<Outbox>,
    stored: SharedKept<Outbox>,
    tab: StoredValue<String>,
    timer: StoredValue<Option<i32>>,
    running: RwSignal<bool>,
}

/// A random UUID v4 from the browser (`crypto.randomUUID`), made on the phone.
pub fn new_id() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let made = crypto.and_then(|c| {
        let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
        f.dyn_ref::<js_sys::Function>()?.call0(&c).ok()?.as_string()
    });
    made.unwrap_or_else(|| {
        // Older browsers: build a v4 from Math.random (still unique enough for one phone).
        let hex: String = (0..32)
            .map(|i| {
                let n = (js_sys::Math::random() * 16.0) as u32;
                let n = match i {
                    12 => 4,
                    16 => (n & 0x3) | 0x8,
                    _ => n,
                };
                std::char::from_digit(n, 16).unwrap_or('0')
            })
            .collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    })
}

impl OutboxState {
    /// Loads the outbox, starts listening for the moments to deliver, and delivers now.
    pub fn start() -> OutboxState {
        let stored = SharedKept::load(OUTBOX_KEY);
        let state = OutboxState {
            outbox: stored.shown,
            stored,
            tab: StoredValue::new(new_id()),
            timer: StoredValue::new(None),
            running: RwSignal::new(false),
        };
        let online = window_event_listener(ev::online, move |_| {
            state.change(|o| o.online_again(Utc::now()));
            state.deliver();
        });
        let visible = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                state.deliver();
            }
        });
        // Another tab changed the outbox: show what it did.
        let storage = window_event_listener(ev::storage, move |e| {
            if e.key().as_deref() == Some(OUTBOX_KEY) {
                state.stored.reload();
            }
        });
        on_cleanup(move || {
            online.remove();
            visible.remove();
            storage.remove();
        });
        crate::browser::in_next_task(move || state.deliver());
        state
    }

    /// The outbox now: as stored (another tab may have changed it), or this tab's own copy
    /// while the phone will not keep it.
    pub fn latest(&self) -> Outbox {
        self.stored.latest()
    }

    /// Applies `f` to the latest outbox, keeps it, hands what is waiting to the service
    /// worker and updates the screen. Returns what `f` returned.
    fn change<R>(&self, f: impl FnOnce(&mut Outbox) -> R) -> R {
        self.stored.change(|outbox| {
            let result = f(outbox);
            hand_to_service_worker(outbox);
            result
        })
    }

    /// Puts a new message in the outbox (before any network call), then tries to send it.
    pub fn submit(&self, body: MessageBody) -> String {
        let mut message = Message::new(new_id(), Utc::now(), body);
        // Staff see "written in Pashto", and can answer in it or with an interpreter.
        message.language = crate::i18n::chosen_untracked_code();
        let id = message.id.clone();
        self.change(|o| o.push(message));
        self.deliver();
        id
    }

    /// Replaces a message that needs changing and queues it again.
    pub fn edit(&self, id: &str, body: MessageBody) -> bool {
        let done = self.change(|o| o.edit(id, body));
        self.deliver();
        done
    }

    /// Deletes a message: only ever because the young person asked.
    pub fn delete(&self, id: &str) {
        self.change(|o| o.delete(id));
    }

    /// Sends whatever is due, one tab at a time (Web Locks where the browser has them).
    pub fn deliver(&self) {
        let state = *self;
        if state.running.get_untracked() {
            return;
        }
        state.running.set(true);
        let pass = move || {
            wasm_bindgen_futures::future_to_promise(async move {
                state.send_due().await;
                Ok(JsValue::UNDEFINED)
            })
        };
        let locks = js_sys::Reflect::get(&window().navigator(), &"locks".into())
            .ok()
            .filter(|l| !l.is_undefined());
        // `navigator.locks.request(name, callback)`: the lock is held until the promise the
        // callback returns settles, so a second tab waits for this pass to finish.
        let request = locks.and_then(|locks| {
            let request = js_sys::Reflect::get(&locks, &"request".into()).ok()?;
            let request = request.dyn_into::<js_sys::Function>().ok()?;
            let callback = Closure::once_into_js(move |_lock: JsValue| pass());
            request
                .call2(&locks, &LOCK_NAME.into(), &callback)
                .ok()?
                .dyn_into::<js_sys::Promise>()
                .ok()
        });
        match request {
            Some(request) => {
                spawn_local(async move {
                    // A pass never fails, so a refusal is the lock's own: a browser that blocks
                    // the site's data refuses Web Locks too. Send anyway, under the lease.
                    if wasm_bindgen_futures::JsFuture::from(request).await.is_err() {
                        let _ = wasm_bindgen_futures::JsFuture::from(pass()).await;
                    }
                    state.finish_pass();
                });
            }
            // No Web Locks: the outbox's own lease keeps tabs from sending one message twice.
            None => spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(pass()).await;
                state.finish_pass();
            }),
        }
    }

    /// One pass over the outbox: claim, send and record each message that is due.
    async fn send_due(&self) {
        let tab = self.tab.get_value();
        // After a 409 the server holds a different message under an id: give ours a new one.
        self.change(|o| {
            let stale: Vec<String> = o.needing_new_id().into_iter().map(str::to_string).collect();
            for id in stale {
                o.reissue_id(&id, &new_id());
            }
        });
        loop {
            let now = Utc::now();
            let claimed = self.change(|o| {
                let due: Vec<String> = o.due(now).into_iter().map(str::to_string).collect();
                due.into_iter().find(|id| o.claim(id, &tab, now))
            });
            let Some(id) = claimed else { break };
            let Some(message) = self
                .outbox
                .get_untracked()
                .get(&id)
                .map(|e| e.message.clone())
            else {
                break;
            };
            let outcome = api::post_message(&message).await;
            let jitter = js_sys::Math::random();
            self.change(|o| o.record(&id, &tab, outcome, Utc::now(), jitter));
        }
    }

    /// After a pass: sleep until the next retry is due, if anything is still waiting.
    fn finish_pass(&self) {
        self.running.set(false);
        let state = *self;
        if let Some(old) = self.timer.get_value() {
            window().clear_timeout_with_handle(old);
        }
        let Some(wake) = self.outbox.get_untracked().next_wake(Utc::now()) else {
            self.timer.set_value(None);
            return;
        };
        let wait_ms = (wake - Utc::now())
            .num_milliseconds()
            .clamp(1_000, i64::from(i32::MAX)) as i32;
        let again = Closure::once_into_js(move || state.deliver());
        let handle = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), wait_ms)
            .ok();
        self.timer.set_value(handle);
    }
}

/// Gives the service worker the messages still waiting, so Background Sync can send them
/// when signal returns even if the app has been closed.
fn hand_to_service_worker(outbox: &Outbox) {
    use offer_core::outbox::Delivery;
    let Some(worker) = web_sys::window().and_then(|w| w.navigator().service_worker().controller())
    else {
        return;
    };
    let waiting: Vec<&Message> = outbox
        .entries
        .iter()
        .filter(|e| {
            matches!(e.state, Delivery::Queued | Delivery::Sending { .. }) && !e.needs_new_id
        })
        .map(|e| &e.message)
        .collect();
    let Ok(json) =
        serde_json::to_string(&serde_json::json!({ "type": "outbox", "messages": waiting }))
    else {
        return;
    };
    if let Ok(value) = js_sys::JSON::parse(&json) {
        let _ = worker.post_message(&value);
    }
}

/// The outbox provided by the app.
pub fn use_outbox() -> OutboxState {
    expect_context::<OutboxState>()
}
