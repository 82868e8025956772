//! The app's words in the young person's language.
//!
//! English is built in (`offer_core::i18n::english`). Another language is a file,
//! `/lang/CODE.json`, fetched when it is chosen; the service worker keeps every file it has
//! fetched, and the phone keeps the chosen one so the app opens in it with no signal and no
//! flash of English. Which languages the council offers, and whether each has been checked
//! by a speaker, comes from `/api/languages`.
//!
//! Pages call [`t`] (for a view), [`tr`] (text now), [`tf`] (with placeholders) and [`tc`]
//! (a count). Each reads the chosen language, so every page redraws when it changes.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use offer_core::i18n::bidi::isolate_numbers;
use offer_core::i18n::{english, Direction, LanguageFile, PluralCategory, Words};
use serde::{Deserialize, Serialize};

use crate::browser::storage;

/// Where the phone keeps the chosen language file (its text, so it opens with no signal).
const CHOSEN_KEY: &str = "local-offer-language";
/// Where it keeps the list of languages the council offers.
const OFFERED_KEY: &str = "local-offer-languages";
/// Where it keeps the offer's own words in the chosen language (`/api/translations/CODE`).
const ITEMS_KEY: &str = "local-offer-item-translations";
/// Set once the young person has answered the "also in your language" question.
const ASKED_KEY: &str = "local-offer-language-asked";
/// English's language tag, on `<html>` and on English words shown in another language.
const ENGLISH: &str = "en-GB";
/// English's name for itself, as the language control lists it (a name, not a message).
pub const ENGLISH_NAME: &str = "English"; // not shown: a language's own name
/// The pseudo-language that makes every string longer, for checking layouts; never offered.
pub const PSEUDO: &str = "en-XA";

/// A language the council offers, as `/api/languages` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    pub code: String,
    /// In its own script: "العربية", "پښتو".
    pub name: String,
    pub english_name: String,
    pub dir: String,
    /// `draft` until a speaker has checked it.
    pub status: String,
}

impl Offered {
    pub fn is_draft(&self) -> bool {
        self.status != "reviewed"
    }
}

/// The chosen language: its file and whether the council says it is still a draft.
#[derive(Debug)]
pub struct Chosen {
    pub file: LanguageFile,
    pub draft: bool,
}

/// What the phone keeps for the chosen language.
#[derive(Serialize, Deserialize)]
struct Kept {
    text: String,
    draft: bool,
}

/// The offer's items in one language, as `/api/translations/CODE` gives them: each kind's
/// words by its own ids.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Items {
    /// The language (kept beside the server's JSON, which does not say it).
    #[serde(skip)]
    pub code: String,
    #[serde(default)]
    pub entitlements: BTreeMap<String, offer_core::Translation>,
    #[serde(default)]
    pub contacts: BTreeMap<String, offer_core::ContactTranslation>,
    #[serde(default)]
    pub hubs: BTreeMap<String, offer_core::HubTranslation>,
    #[serde(default)]
    pub categories: BTreeMap<String, offer_core::CategoryTranslation>,
}

/// What the phone keeps of them: the server's own JSON, read again at start.
#[derive(Serialize, Deserialize)]
struct KeptItems {
    code: String,
    text: String,
}

impl KeptItems {
    fn read(self) -> Option<Items> {
        let items: Items = serde_json::from_str(&self.text).ok()?;
        Some(Items {
            code: self.code,
            ..items
        })
    }
}

/// What waits for [`start`] to have followed the link's language (or the kept one): `None`
/// once it has.
type Waiting = std::cell::RefCell<Option<Vec<Box<dyn FnOnce()>>>>;

thread_local! {
    static SETTLING: Waiting = const { std::cell::RefCell::new(Some(Vec::new())) };
    static CHOSEN: ArcRwSignal<Option<Arc<Chosen>>> = ArcRwSignal::new(None);
    static OFFERED: ArcRwSignal<Vec<Offered>> = ArcRwSignal::new(Vec::new());
    static ITEMS: ArcRwSignal<Option<Arc<Items>>> = ArcRwSignal::new(None);
}

/// The offer's items in the chosen language, tracked (`None` for English, or before they
/// have ever arrived).
pub fn item_translations() -> Option<Arc<Items>> {
    let code = chosen().map(|c| c.file.code.clone())?;
    ITEMS.with(|i| i.get()).filter(|items| items.code == code)
}

/// Asks for the offer's items in `code` and keeps them, for days with no signal; with no
/// answer the kept copy stays. The offer every phone gets carries no translations, so an
/// English first visit pays nothing for them.
pub async fn refresh_items(code: String) {
    let Ok((200, text)) = crate::api::get_text(&format!("/api/translations/{code}")).await else {
        return;
    };
    let kept = KeptItems { code, text };
    let stored = serde_json::to_string(&kept).unwrap_or_default();
    let Some(items) = kept.read() else {
        return;
    };
    if ITEMS.with(|i| i.with_untracked(|now| now.as_deref() == Some(&items))) {
        return;
    }
    storage::set_text(ITEMS_KEY, &stored);
    ITEMS.with(|i| i.set(Some(Arc::new(items))));
}

/// The chosen language (`None` is English), tracked.
pub fn chosen() -> Option<Arc<Chosen>> {
    CHOSEN.with(|c| c.get())
}

/// Which way the chosen language reads, tracked: the one answer for `<html dir>` and for
/// anything drawn or turned by direction (meeting cards' arrows and swipes).
pub fn direction() -> Direction {
    chosen().map_or(Direction::Ltr, |c| c.file.dir)
}

/// The languages the council offers, tracked.
pub fn offered() -> Vec<Offered> {
    OFFERED.with(|o| o.get())
}

/// The text for `key` now, in the chosen language (English where it has none).
pub fn tr(key: &str) -> String {
    tf(key, &[])
}

/// The text for `key` with its `{placeholders}` filled.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    with_words(|w| w.text(key, args))
}

/// A count in words: `tc("home.things", 3, &[])` is "3 things", by the language's own
/// plural rules (`offer_core::i18n::plural`).
pub fn tc(key: &str, count: u64, args: &[(&str, &str)]) -> String {
    with_words(|w| w.count(key, count, args))
}

/// Runs `f` with the words of the chosen language (tracked), for `offer-core`'s functions
/// that take [`Words`] ("Open now until 4pm", "£57.90 a week").
pub fn with_words<T>(f: impl FnOnce(&Words) -> T) -> T {
    CHOSEN.with(|c| {
        c.with(|chosen| {
            let code = chosen.as_ref().map(|c| c.file.code.clone());
            // CLDR's rule in Rust, the same with or without a browser. Every language the
            // app ships has one (a host test fails for a file without); English's otherwise.
            let rule = move |n: u64| {
                code.as_deref()
                    .and_then(|code| offer_core::i18n::plural::category(code, n))
                    .unwrap_or_else(|| PluralCategory::english(n))
            };
            f(&Words {
                chosen: chosen.as_ref().map(|c| &c.file.messages),
                english: english::catalogue(),
                plural: &rule,
            })
        })
    })
}

/// The text for `key` as something a view redraws when the language changes.
///
/// A `Signal` rather than a closure, so every call has the same type. (Measured: the WASM
/// came out the same size as with a closure per message.)
pub fn t(key: &'static str) -> Signal<String> {
    Signal::derive(move || tr(key))
}

/// A date as the chosen language writes it ("6 December 2026" in English), from the
/// catalogue's month names and with the digits used for amounts, phone numbers and times
/// beside it: one answer on the phone and on a server drawing the page, where the browser's
/// `Intl` would write Arabic's and Persian's own digits and a server has no `Intl`.
pub fn long_date(date: chrono::NaiveDate) -> String {
    with_words(|w| offer_core::dates::long_date_in(w, date))
}

/// Sets `<html lang dir>` from the chosen language, now and whenever it changes.
fn mirror_on_html() {
    Effect::new(move |_| {
        let lang = chosen().map_or_else(|| ENGLISH.to_string(), |c| c.file.code.clone());
        crate::browser::set_root_attribute("lang", Some(&lang));
        crate::browser::set_root_attribute("dir", Some(direction().attribute()));
    });
}

/// Reads the kept language and list, then follows `?lang=` and asks the server what it offers.
/// Called once, before the first page is drawn.
pub fn start() {
    if let Some(kept) =
        storage::get_text(CHOSEN_KEY).and_then(|t| serde_json::from_str::<Kept>(&t).ok())
    {
        if let Ok(file) = LanguageFile::from_json(&kept.text) {
            set_chosen(Some(Chosen {
                file,
                draft: kept.draft,
            }));
        }
    }
    if let Some(list) = storage::get_text(OFFERED_KEY).and_then(|t| serde_json::from_str(&t).ok()) {
        OFFERED.with(|o| o.set(list));
    }
    if let Some(items) = storage::get_text(ITEMS_KEY)
        .and_then(|t| serde_json::from_str::<KeptItems>(&t).ok())
        .and_then(KeptItems::read)
    {
        ITEMS.with(|i| i.set(Some(Arc::new(items))));
    }
    // Once settled: `index.html` has set `<html lang dir>` for the page it shows (the kept
    // language's, or that of a page the server drew for a link), and the app's first view
    // of a drawn page waits until then too.
    let owner = Owner::current();
    once_settled(move || match owner {
        Some(owner) => owner.with(mirror_on_html),
        None => mirror_on_html(),
    });
    let linked = link_language();
    // On a signal too weak to fetch a language's file, what waits goes ahead in English
    // (the page the server drew stays readable meanwhile).
    set_timeout(settled, SETTLING_WAIT);
    leptos::task::spawn_local(async move {
        refresh_offered().await;
        let kept = CHOSEN
            .with(|c| c.get_untracked())
            .map(|c| c.file.code.clone());
        match (linked, kept) {
            // `?lang=en` too: a PA can text a link back to English.
            (Some(code), _)
                if is_english(&code) || code == PSEUDO || offered_code(&code).is_some() =>
            {
                // With the offer's items in it too, before the app takes over a page the
                // server drew in it (`once_settled`).
                let chosen = match choose(&code).await {
                    Ok(()) => chosen_untracked_code(),
                    Err(_) => None,
                };
                if let Some(code) = chosen {
                    refresh_items(code).await;
                }
            }
            // Fetched again (through the service worker once it runs the page), so a
            // corrected translation arrives and the worker keeps a copy for days offline.
            (_, Some(code)) if offered_code(&code).is_some() => {
                let _ = choose(&code).await;
            }
            _ => {}
        }
        settled();
    });
}

/// How long what waits for the language to settle waits at most.
const SETTLING_WAIT: std::time::Duration = std::time::Duration::from_secs(6);

/// Runs `then` once [`start`] has asked the server what it offers and switched to the
/// language a link asks for (or, with none, fetched the kept one again), or after
/// [`SETTLING_WAIT`], whichever comes first: at once if that has happened. The app waits
/// for this before taking over a page the server drew in the link's language, so a phone
/// never shows that page in another language in between.
pub fn once_settled(then: impl FnOnce() + 'static) {
    let mut then = Some(Box::new(then) as Box<dyn FnOnce()>);
    SETTLING.with(|w| {
        if let Some(waiting) = w.borrow_mut().as_mut() {
            waiting.extend(then.take());
        }
    });
    if let Some(then) = then {
        then();
    }
}

fn settled() {
    for then in SETTLING
        .with(|w| w.borrow_mut().take())
        .into_iter()
        .flatten()
    {
        then();
    }
}

/// Whether the app shows language `code` now (`en` and `en-GB` are English), untracked.
pub fn shows(code: &str) -> bool {
    match untrack(chosen) {
        Some(chosen) => chosen.file.code.eq_ignore_ascii_case(code),
        None => is_english(code),
    }
}

/// `?lang=CODE` in the address the app was opened with (the link a PA texts).
fn link_language() -> Option<String> {
    let code = crate::browser::address::query("lang")?;
    offer_core::i18n::language::is_language_tag(&code).then_some(code)
}

/// True for English's codes, `en` and `en-GB`, in any case.
pub fn is_english(code: &str) -> bool {
    code.eq_ignore_ascii_case("en") || code.eq_ignore_ascii_case(ENGLISH)
}

/// The offered language with this code, if the council offers it (`fa-af` finds `fa-AF`).
fn offered_code(code: &str) -> Option<Offered> {
    OFFERED.with(|o| {
        o.get_untracked()
            .into_iter()
            .find(|l| l.code.eq_ignore_ascii_case(code))
    })
}

/// Asks the server which languages it offers; keeps the answer for days with no signal.
pub async fn refresh_offered() {
    let Ok((200, text)) = crate::api::get_text("/api/languages").await else {
        return;
    };
    let Ok(list) = serde_json::from_str::<Vec<Offered>>(&text) else {
        return;
    };
    storage::set_text(OFFERED_KEY, &text);
    // A language the council no longer offers (or no longer offers as a draft) goes back
    // to English; one that has been checked since loses its draft note.
    if let Some(current) = CHOSEN.with(|c| c.get_untracked()) {
        let code = current.file.code.clone();
        match list.iter().find(|l| l.code == code) {
            None if code != PSEUDO => forget_choice(),
            Some(l) if l.is_draft() != current.draft => {
                let _ = choose(&code).await;
            }
            _ => {}
        }
    }
    OFFERED.with(|o| o.set(list));
}

/// Why a language could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOpened {
    /// Never fetched, and no signal now.
    NeedsSignal,
    /// The file came back broken or the council does not offer it.
    NotAvailable,
}

/// Switches to `code` ("en" for English), fetching its file (or the service worker's copy).
pub async fn choose(code: &str) -> Result<(), NotOpened> {
    if is_english(code) {
        forget_choice();
        return Ok(());
    }
    let offered = offered_code(code);
    let code = offered
        .as_ref()
        .map(|o| o.code.clone())
        .unwrap_or_else(|| code.to_string());
    let (status, text) = crate::api::get_text(&format!("/lang/{code}.json"))
        .await
        .map_err(|_| NotOpened::NeedsSignal)?;
    if status != 200 {
        // The service worker answers 504 for a file it has never seen while offline.
        return Err(if status == 504 {
            NotOpened::NeedsSignal
        } else {
            NotOpened::NotAvailable
        });
    }
    let file = LanguageFile::from_json(&text).map_err(|_| NotOpened::NotAvailable)?;
    let draft = offered.map(|o| o.is_draft()).unwrap_or(true);
    let unchanged = storage::get_text(CHOSEN_KEY)
        .and_then(|t| serde_json::from_str::<Kept>(&t).ok())
        .is_some_and(|k| k.text == text && k.draft == draft);
    if unchanged && CHOSEN.with(|c| c.with_untracked(|c| c.is_some())) {
        // The same words: redrawing every page for nothing could move a young person's
        // place in a form they have started.
        return Ok(());
    }
    storage::set_text(
        CHOSEN_KEY,
        &serde_json::to_string(&Kept { text, draft }).unwrap_or_default(),
    );
    storage::set_text(ASKED_KEY, "yes");
    set_chosen(Some(Chosen { file, draft }));
    Ok(())
}

fn forget_choice() {
    storage::remove(CHOSEN_KEY);
    storage::set_text(ASKED_KEY, "yes");
    set_chosen(None);
}

/// Shows the app in `chosen`'s language (`None`: English) without fetching or keeping
/// anything: `choose` and the kept choice end here, and so does drawing a page where
/// nothing is fetched (`tests/drawn_on_host.rs`, and in time the server). On this thread
/// only: the language is a thread's, as in the browser.
pub fn set_chosen(chosen: Option<Chosen>) {
    CHOSEN.with(|c| c.set(chosen.map(Arc::new)));
}

/// Shows the offer's items in `items`' language (with [`set_chosen`] in the same language)
/// without fetching or keeping anything: for drawing a page on a server. On this thread only.
pub fn set_items(items: Option<Items>) {
    ITEMS.with(|i| i.set(items.map(Arc::new)));
}

/// On a first visit, the offered language that best matches the browser's own languages,
/// to suggest (never to switch to without asking).
pub fn suggestion() -> Option<Offered> {
    if storage::get_text(ASKED_KEY).is_some() || chosen().is_some() {
        return None;
    }
    let wanted = crate::browser::languages();
    let list = offered();
    let codes: Vec<String> = list.iter().map(|l| l.code.clone()).collect();
    let best = offer_core::i18n::language::best_match(&wanted, &codes)?.to_string();
    list.into_iter().find(|l| l.code == best)
}

/// Remembers that the young person said no to the suggestion.
pub fn decline_suggestion() {
    storage::set_text(ASKED_KEY, "yes");
}

/// The name of the language on screen, in its own script ("English", "العربية"), tracked.
pub fn name_on_screen() -> String {
    chosen()
        .map(|c| c.file.name.clone())
        .unwrap_or_else(|| ENGLISH_NAME.to_string())
}

/// The chosen language's code, tracked, for a link to carry; `None` for English and for the
/// pseudo-language (a test aid, not a language anyone writes in).
pub fn chosen_code() -> Option<String> {
    chosen()
        .map(|c| c.file.code.clone())
        .filter(|code| code != PSEUDO)
}

/// [`chosen_code`], untracked, for a message to carry.
pub fn chosen_untracked_code() -> Option<String> {
    untrack(chosen_code)
}

/// `translated(code)` in the chosen language, `english()` in English. Tracked.
fn in_chosen<T>(english: impl FnOnce() -> T, translated: impl FnOnce(&str) -> T) -> T {
    match chosen() {
        Some(c) => translated(&c.file.code),
        None => english(),
    }
}

/// `lang` for the offer's words shown in English on a page in another language: an item's
/// words not translated into it (or out of date there), and words that never are (its
/// details, names, sources). A screen reader then reads them as English, not with the
/// page's language's voice (WCAG 3.1.2), and a right-to-left page sets them left to right,
/// with their full stops and brackets where English puts them (`style/main.css`). `None` on
/// an English page. Tracked.
pub fn english_unless(translated_in: impl FnOnce(&str) -> bool) -> Option<&'static str> {
    in_chosen(|| None, |code| (!translated_in(code)).then_some(ENGLISH))
}

/// `lang` for an item's translatable words (its title and summary, a contact's when and
/// hours), as [`english_unless`] says: English unless translated into the page's language
/// from its English as it is now.
pub fn lang_of(item: &impl offer_core::Translated) -> Option<&'static str> {
    english_unless(|code| item.current_in(code).is_some())
}

/// `lang` for an entitlement's steps, which a translation may leave in English.
pub fn steps_lang_of(e: &offer_core::Entitlement) -> Option<&'static str> {
    english_unless(|code| e.steps_translated_in(code))
}

/// `lang` for the offer's words that are only ever in English, as [`english_unless`] says.
pub fn english_here() -> Option<&'static str> {
    english_unless(|_| false)
}

/// An entitlement's title in the chosen language where it is translated from the English
/// as it is now; otherwise the English. Tracked. (In another language, a number of several
/// parts keeps its order inside right-to-left words: `offer_core::i18n::bidi`; so in the
/// functions below.)
pub fn entitlement_title(e: &offer_core::Entitlement) -> String {
    in_chosen(|| e.title.clone(), |code| isolate_numbers(e.title_in(code)))
}

/// An entitlement's summary, as [`entitlement_title`] chooses.
pub fn entitlement_summary(e: &offer_core::Entitlement) -> String {
    in_chosen(
        || e.summary.clone(),
        |code| isolate_numbers(e.summary_in(code)),
    )
}

/// An entitlement's steps in the chosen language when translated and up to date, else the
/// English. Tracked.
pub fn entitlement_steps(e: &offer_core::Entitlement) -> Vec<String> {
    in_chosen(
        || e.steps.clone(),
        |code| {
            e.steps_in(code)
                .iter()
                .map(|s| isolate_numbers(s))
                .collect()
        },
    )
}

/// When to use a contact, in the chosen language when translated and up to date. Tracked.
pub fn contact_when(c: &offer_core::Contact) -> String {
    in_chosen(|| c.when.clone(), |code| isolate_numbers(c.when_in(code)))
}

/// When a contact answers, as [`contact_when`] chooses.
pub fn contact_hours(c: &offer_core::Contact) -> String {
    in_chosen(|| c.hours.clone(), |code| isolate_numbers(c.hours_in(code)))
}

/// A category's title, as [`entitlement_title`] chooses.
pub fn category_title(c: &offer_core::Category) -> String {
    in_chosen(|| c.title.clone(), |code| isolate_numbers(c.title_in(code)))
}

/// A category's summary, as [`entitlement_title`] chooses.
pub fn category_summary(c: &offer_core::Category) -> String {
    in_chosen(
        || c.summary.clone(),
        |code| isolate_numbers(c.summary_in(code)),
    )
}

/// A hub with its own words (services, access, sessions) in the chosen language where
/// translated and up to date. Tracked.
pub fn hub_shown(h: &offer_core::Hub) -> offer_core::Hub {
    in_chosen(
        || h.clone(),
        |code| {
            let mut shown = h.in_language(code);
            shown.services = shown.services.iter().map(|s| isolate_numbers(s)).collect();
            shown.access = isolate_numbers(&shown.access);
            for session in &mut shown.sessions {
                session.what = isolate_numbers(&session.what);
            }
            shown
        },
    )
}

/// "The English has changed since this was translated", in the chosen language, when an
/// item's translation is out of date there (so its English shows). Tracked.
pub fn out_of_date_note(out_of_date_in: impl FnOnce(&str) -> bool) -> Option<String> {
    in_chosen(|| false, out_of_date_in).then(|| tr("app.translation_out_of_date"))
}

/// "This translation has not been checked yet", on an item whose words in the chosen
/// language are a draft no speaker has checked, when the language itself has been checked (a
/// draft language already says so on every page). Tracked.
pub fn item_draft_note(draft_in: impl FnOnce(&str) -> bool) -> Option<String> {
    let chosen = chosen()?;
    (!chosen.draft && draft_in(&chosen.file.code)).then(|| tr("app.draft_note"))
}
