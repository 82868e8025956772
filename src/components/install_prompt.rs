//! "Add to home screen": the browser's own prompt where it offers one, steps for iPhone.

use leptos::prelude::*;

use crate::browser::install::{self, InstallOffer};
use crate::i18n::t;

/// An invitation to keep the app on the home screen, shown only where it makes sense.
#[component]
pub fn InstallPrompt() -> impl IntoView {
    // The browser hands us its offer once; keep it until the young person asks for it.
    let deferred = StoredValue::new_local(None::<InstallOffer>);
    let can_prompt = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    let ios = RwSignal::new(false);
    // Asked once the card is on the page (an effect: only a browser runs it, so the page
    // draws the same anywhere). On weak signal the browser often offers before the WASM
    // has arrived; index.html keeps that early offer for us, so take it if it is there.
    Effect::new(move |_| {
        if let Some(offer) = install::early_offer() {
            deferred.set_value(Some(offer));
            can_prompt.set(true);
        }
        ios.set(install::on_ios() && !install::installed());
    });
    let listener = install::on_offer(move |offer| {
        deferred.set_value(Some(offer));
        can_prompt.set(true);
    });
    on_cleanup(move || listener.remove());
    let take_offer = move |_| {
        deferred.with_value(|offer| {
            if let Some(offer) = offer {
                offer.show();
            }
        });
        can_prompt.set(false);
    };
    view! {
        <Show when=move || can_prompt.get() && !dismissed.get()>
            <section class="card install" aria-labelledby="install-heading">
                <h2 id="install-heading">{t("install_prompt.heading")}</h2>
                <p>{t("install_prompt.lead")}</p>
                <p class="actions">
                    <button type="button" class="button button-primary" on:click=take_offer>{t("install_prompt.add")}</button>
                    <button type="button" class="button" on:click=move |_| dismissed.set(true)>{t("install_prompt.not_now")}</button>
                </p>
            </section>
        </Show>
        <Show when=move || ios.get() && !dismissed.get()>
            <section class="card install" aria-labelledby="install-ios-heading">
                <h2 id="install-ios-heading">{t("install_prompt.ios_heading")}</h2>
                <ol>
                    <li>{t("install_prompt.ios_share")}</li>
                    <li>{t("install_prompt.ios_add_to_home_screen")}</li>
                    <li>{t("install_prompt.ios_add")}</li>
                </ol>
                <button type="button" class="button" on:click=move |_| dismissed.set(true)>{t("install_prompt.got_it")}</button>
            </section>
        </Show>
    }
}
