//! "Which part of Lancashire do you live in?": asked only in a two-tier area, whose district
//! councils run council tax and housing. The answer stays on the phone, in the profile.

use leptos::prelude::*;
use offer_core::eligibility::Profile;
use offer_core::Offer;

use crate::i18n::{t, tf};

/// A choice of the council's districts, saved in `profile`; nothing in a council without any.
#[component]
pub fn DistrictChoice(offer: std::sync::Arc<Offer>, profile: RwSignal<Profile>) -> impl IntoView {
    let districts = offer.council.districts.clone();
    if districts.is_empty() {
        return None;
    }
    let area = offer.council.area.clone();
    // An id the offer no longer has shows as "not said", and counts as not said.
    let known: Vec<String> = districts.iter().map(|d| d.id.clone()).collect();
    let chosen = move || {
        profile
            .get()
            .district
            .filter(|d| known.contains(d))
            .unwrap_or_default()
    };
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        profile.update(|p| p.district = Some(value).filter(|v| !v.is_empty()));
    };
    let options = districts
        .into_iter()
        .map(|d| view! { <option value=d.id.clone()>{d.name.clone()}</option> })
        .collect_view();
    Some(view! {
        <div class="field">
            <label for="district">{tf("what_can_i_get.district", &[("area", &area)])}</label>
            <p class="hint" id="district-hint">{t("what_can_i_get.district_hint")}</p>
            <select id="district" aria-describedby="district-hint" prop:value=chosen on:change=choose>
                <option value="">{t("what_can_i_get.district_not_said")}</option>
                {options}
            </select>
        </div>
    })
}
