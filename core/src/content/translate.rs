//! Saving an item's words in another language from the staff editor, for every kind of item
//! that has words of its own to translate: a category's title and summary; an entitlement's
//! title, summary and steps; a hub's services, access and sessions; a contact's "when to use
//! it" and hours. Names, numbers and addresses stay as they are.
//!
//! Each translation records the English it was made from, and the whole offer is read back
//! through the checker as every editor change is, so the editor and `check` cannot disagree.
//! What differs between kinds is said once, in each kind's [`HasWords`]; the staff pages and
//! the "needs translating" list use only the functions here.

use super::export::to_files;
use super::form::reload;
use super::kinds::ItemKind;
use super::model::Problem;
use crate::offer::{
    english_source, Category, CategoryTranslation, Contact, ContactTranslation, Entitlement, Hub,
    HubTranslation, ItemTranslation, Offer, Translated, Translation,
};

/// The kinds of item with words to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Translatable {
    Category,
    Entitlement,
    Hub,
    Contact,
}

impl Translatable {
    /// The kind of item, for a kind that can be translated.
    pub fn of(kind: ItemKind) -> Option<Translatable> {
        match kind {
            ItemKind::Category => Some(Translatable::Category),
            ItemKind::Entitlement => Some(Translatable::Entitlement),
            ItemKind::Hub => Some(Translatable::Hub),
            ItemKind::Contact => Some(Translatable::Contact),
            ItemKind::Council | ItemKind::Group => None,
        }
    }

    /// The English words its translations follow, as "the English ... changed" says them.
    pub fn words(self) -> &'static str {
        match self {
            Translatable::Category => "title or summary",
            Translatable::Entitlement => "title, summary or steps",
            Translatable::Hub => "services, access or sessions",
            Translatable::Contact => "\"when to use it\" or hours",
        }
    }

    pub fn kind(self) -> ItemKind {
        match self {
            Translatable::Category => ItemKind::Category,
            Translatable::Entitlement => ItemKind::Entitlement,
            Translatable::Hub => ItemKind::Hub,
            Translatable::Contact => ItemKind::Contact,
        }
    }
}

/// One English field an officer translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnglishField {
    /// The field's name in a translation (`summary`), and its form box's.
    pub name: &'static str,
    /// "Summary", for the staff page.
    pub label: &'static str,
    /// Its English: one entry, or one a line for a list (steps, services).
    pub lines: Vec<String>,
    /// A list, translated one a line in the same order (or left empty for the English).
    pub one_a_line: bool,
}

impl EnglishField {
    fn one(name: &'static str, label: &'static str, text: &str) -> EnglishField {
        EnglishField {
            name,
            label,
            lines: vec![text.to_string()],
            one_a_line: false,
        }
    }

    fn list(name: &'static str, label: &'static str, lines: Vec<String>) -> EnglishField {
        EnglishField {
            name,
            label,
            lines,
            one_a_line: true,
        }
    }
}

/// Whether an item's words in one language can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageState {
    /// Translated from the English as it is now.
    UpToDate,
    /// Translated, but the English has changed since: phones show the English.
    OutOfDate,
    /// Not translated.
    Missing,
}

/// Words by field name, as saved or typed; a list is one entry a line.
pub type Words = Vec<(&'static str, String)>;

/// What each kind of item says about its words, beyond when they are shown ([`Shown`]).
trait HasWords: Shown {
    fn id(&self) -> &str;
    /// Its name in English, for the staff page's heading.
    fn name(&self) -> &str;
    /// Its English fields that have words (a hub with no access text has none to translate).
    fn english(&self) -> Vec<EnglishField>;
    /// The words saved for `code`, every field (empty where there are none).
    fn saved_in(&self, code: &str) -> Words;
    /// Makes `typed` its `code` translation, recording the English as it is now, or removes
    /// that translation when every field is empty.
    fn put(&mut self, code: &str, typed: &Typed);
}

/// What an officer typed, trimmed: a field by name, or a list field's non-empty lines.
pub struct Typed<'a>(&'a [(&'static str, String)]);

impl Typed<'_> {
    fn text(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn lines(&self, name: &str) -> Vec<String> {
        self.text(name)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, v)| v.trim().is_empty())
    }
}

/// Where an item's translations stand, language by language: [`Translated`] for every
/// kind, in a form the staff pages can ask of any item (`dyn HasWords`).
trait Shown {
    /// The languages it has a translation into, up to date or not.
    fn codes(&self) -> Vec<&str>;
    /// True when its `code` translation, up to date or not, is a draft no speaker checked.
    fn is_draft_in(&self, code: &str) -> bool;
    fn state_in(&self, code: &str) -> LanguageState;
}

impl<T: Translated> Shown for T {
    fn codes(&self) -> Vec<&str> {
        self.translations().keys().map(String::as_str).collect()
    }

    fn is_draft_in(&self, code: &str) -> bool {
        self.translations()
            .get(code)
            .is_some_and(ItemTranslation::is_draft)
    }

    fn state_in(&self, code: &str) -> LanguageState {
        if self.current_in(code).is_some() {
            LanguageState::UpToDate
        } else if self.out_of_date_in(code) {
            LanguageState::OutOfDate
        } else {
            LanguageState::Missing
        }
    }
}

impl HasWords for Entitlement {
    fn name(&self) -> &str {
        &self.title
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn english(&self) -> Vec<EnglishField> {
        let mut fields = vec![
            EnglishField::one("title", "Title", &self.title),
            EnglishField::one("summary", "Summary", &self.summary),
        ];
        if !self.steps.is_empty() {
            fields.push(EnglishField::list("steps", "Steps", self.steps.clone()));
        }
        fields
    }

    fn saved_in(&self, code: &str) -> Words {
        let t = self.translations.get(code);
        vec![
            ("title", t.map(|t| t.title.clone()).unwrap_or_default()),
            ("summary", t.map(|t| t.summary.clone()).unwrap_or_default()),
            ("steps", t.map(|t| t.steps.join("\n")).unwrap_or_default()),
        ]
    }

    fn put(&mut self, code: &str, typed: &Typed) {
        let steps = typed.lines("steps");
        let translation = Translation {
            title: typed.text("title"),
            summary: typed.text("summary"),
            from: english_source(self, !steps.is_empty()),
            steps,
            // Saved by someone at the council: no longer the development team's draft.
            draft: false,
        };
        self.translations.insert(code.to_string(), translation);
    }
}

impl HasWords for Contact {
    fn name(&self) -> &str {
        &self.name
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn english(&self) -> Vec<EnglishField> {
        vec![
            EnglishField::one("when", "When to use it", &self.when),
            EnglishField::one("hours", "When it answers", &self.hours),
        ]
    }

    fn saved_in(&self, code: &str) -> Words {
        let t = self.translations.get(code);
        vec![
            ("when", t.map(|t| t.when.clone()).unwrap_or_default()),
            ("hours", t.map(|t| t.hours.clone()).unwrap_or_default()),
        ]
    }

    fn put(&mut self, code: &str, typed: &Typed) {
        let translation = ContactTranslation {
            when: typed.text("when"),
            hours: typed.text("hours"),
            from: self.english_now(),
            // Saved by someone at the council: no longer the development team's draft.
            draft: false,
        };
        self.translations.insert(code.to_string(), translation);
    }
}

impl HasWords for Hub {
    fn name(&self) -> &str {
        &self.name
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn english(&self) -> Vec<EnglishField> {
        let mut fields = Vec::new();
        if !self.services.is_empty() {
            fields.push(EnglishField::list(
                "services",
                "What you can get help with there",
                self.services.clone(),
            ));
        }
        if !self.access.trim().is_empty() {
            fields.push(EnglishField::one(
                "access",
                "Getting there and getting in",
                &self.access,
            ));
        }
        let whats: Vec<String> = self
            .session_words()
            .into_iter()
            .map(str::to_string)
            .collect();
        if !whats.is_empty() {
            fields.push(EnglishField::list(
                "sessions",
                "What happens at each session",
                whats,
            ));
        }
        fields
    }

    fn saved_in(&self, code: &str) -> Words {
        let t = self.translations.get(code);
        vec![
            (
                "services",
                t.map(|t| t.services.join("\n")).unwrap_or_default(),
            ),
            ("access", t.map(|t| t.access.clone()).unwrap_or_default()),
            (
                "sessions",
                t.map(|t| t.sessions.join("\n")).unwrap_or_default(),
            ),
        ]
    }

    fn put(&mut self, code: &str, typed: &Typed) {
        let translation = HubTranslation {
            services: typed.lines("services"),
            access: typed.text("access"),
            sessions: typed.lines("sessions"),
            from: self.english_now(),
            // Saved by someone at the council: no longer the development team's draft.
            draft: false,
        };
        self.translations.insert(code.to_string(), translation);
    }
}

impl HasWords for Category {
    fn name(&self) -> &str {
        &self.title
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn english(&self) -> Vec<EnglishField> {
        vec![
            EnglishField::one("title", "Title", &self.title),
            EnglishField::one("summary", "Summary", &self.summary),
        ]
    }

    fn saved_in(&self, code: &str) -> Words {
        let t = self.translations.get(code);
        vec![
            ("title", t.map(|t| t.title.clone()).unwrap_or_default()),
            ("summary", t.map(|t| t.summary.clone()).unwrap_or_default()),
        ]
    }

    fn put(&mut self, code: &str, typed: &Typed) {
        let translation = CategoryTranslation {
            title: typed.text("title"),
            summary: typed.text("summary"),
            from: self.english_now(),
            // Saved by someone at the council: no longer the development team's draft.
            draft: false,
        };
        self.translations.insert(code.to_string(), translation);
    }
}

/// Removes `code`'s translation from an item of any kind.
fn remove(offer: &mut Offer, kind: Translatable, id: &str, code: &str) {
    match kind {
        Translatable::Category => {
            offer
                .categories
                .iter_mut()
                .filter(|c| c.id == id)
                .for_each(|c| {
                    c.translations.remove(code);
                })
        }
        Translatable::Entitlement => offer
            .entitlements
            .iter_mut()
            .filter(|e| e.id == id)
            .for_each(|e| {
                e.translations.remove(code);
            }),
        Translatable::Hub => offer.hubs.iter_mut().filter(|h| h.id == id).for_each(|h| {
            h.translations.remove(code);
        }),
        Translatable::Contact => offer
            .contacts
            .iter_mut()
            .filter(|c| c.id == id)
            .for_each(|c| {
                c.translations.remove(code);
            }),
    }
}

fn find<'a>(offer: &'a Offer, kind: Translatable, id: &str) -> Option<&'a dyn HasWords> {
    match kind {
        Translatable::Category => offer.categories.iter().find(|c| c.id == id).map(|c| c as _),
        Translatable::Entitlement => offer
            .entitlements
            .iter()
            .find(|e| e.id == id)
            .map(|e| e as _),
        Translatable::Hub => offer.hubs.iter().find(|h| h.id == id).map(|h| h as _),
        Translatable::Contact => offer.contacts.iter().find(|c| c.id == id).map(|c| c as _),
    }
}

fn find_mut<'a>(
    offer: &'a mut Offer,
    kind: Translatable,
    id: &str,
) -> Option<&'a mut dyn HasWords> {
    match kind {
        Translatable::Category => offer
            .categories
            .iter_mut()
            .find(|c| c.id == id)
            .map(|c| c as _),
        Translatable::Entitlement => offer
            .entitlements
            .iter_mut()
            .find(|e| e.id == id)
            .map(|e| e as _),
        Translatable::Hub => offer.hubs.iter_mut().find(|h| h.id == id).map(|h| h as _),
        Translatable::Contact => offer
            .contacts
            .iter_mut()
            .find(|c| c.id == id)
            .map(|c| c as _),
    }
}

/// One item's words, as the translations page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemWords {
    /// Its English name, for the page's heading.
    pub name: String,
    /// The English fields there are words in.
    pub english: Vec<EnglishField>,
    /// Each language asked for: its code, its state, its saved words, and whether they are
    /// a draft no speaker has checked.
    pub languages: Vec<(String, LanguageState, Words, bool)>,
}

/// Item `id`'s English words and its words in each of `codes`; `None` when it is not there.
pub fn words_of<'a>(
    offer: &Offer,
    kind: Translatable,
    id: &str,
    codes: impl IntoIterator<Item = &'a str>,
) -> Option<ItemWords> {
    let item = find(offer, kind, id)?;
    Some(ItemWords {
        name: item.name().to_string(),
        english: item.english(),
        languages: codes
            .into_iter()
            .map(|code| {
                let words = item.saved_in(code);
                (
                    code.to_string(),
                    item.state_in(code),
                    words,
                    item.is_draft_in(code),
                )
            })
            .collect(),
    })
}

/// Which of `codes` item `id` needs translating into: not translated, or out of date. None
/// for an item with no English words to translate.
pub fn needs_translating<'a>(
    offer: &Offer,
    kind: Translatable,
    id: &str,
    codes: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let Some(item) = find(offer, kind, id).filter(|i| !i.english().is_empty()) else {
        return Vec::new();
    };
    codes
        .into_iter()
        .filter(|code| item.state_in(code) != LanguageState::UpToDate)
        .collect()
}

/// Every item with words of its own, kind by kind.
fn all(offer: &Offer) -> impl Iterator<Item = (Translatable, &dyn HasWords)> {
    (offer.categories.iter())
        .map(|c| (Translatable::Category, c as &dyn HasWords))
        .chain(
            offer
                .entitlements
                .iter()
                .map(|e| (Translatable::Entitlement, e as _)),
        )
        .chain(offer.hubs.iter().map(|h| (Translatable::Hub, h as _)))
        .chain(
            offer
                .contacts
                .iter()
                .map(|c| (Translatable::Contact, c as _)),
        )
}

/// Every translation made before its item's English last changed, as `(kind, item id,
/// language code)`: phones show those items' English until someone translates it again.
pub fn out_of_date(offer: &Offer) -> Vec<(Translatable, &str, &str)> {
    all(offer)
        .flat_map(|(kind, item)| {
            item.codes()
                .into_iter()
                .filter(|code| item.state_in(code) == LanguageState::OutOfDate)
                .map(move |code| (kind, item.id(), code))
        })
        .collect()
}

/// How many of the offer's items with words to translate are translated into `code` from
/// their English as it is now, and how many such items there are: `(up to date, all)`.
pub fn coverage(offer: &Offer, code: &str) -> (usize, usize) {
    let items = all(offer).filter(|(_, item)| !item.english().is_empty());
    items.fold((0, 0), |(done, all), (_, item)| {
        let current = item.state_in(code) == LanguageState::UpToDate;
        (done + usize::from(current), all + 1)
    })
}

/// Puts `typed` into item `id` as its `code` translation, made from its English as it is now;
/// or removes the translation when every field is empty. Refused with every problem, in the
/// checker's words, each at its field (`translations.ar.summary`).
pub fn save(
    offer: &Offer,
    kind: Translatable,
    id: &str,
    code: &str,
    typed: &[(&'static str, String)],
) -> Result<Offer, Vec<Problem>> {
    let mut changed = offer.clone();
    let typed = Typed(typed);
    if typed.is_empty() {
        remove(&mut changed, kind, id, code);
    }
    match find_mut(&mut changed, kind, id) {
        None => {
            return Err(vec![Problem::new(
                kind.kind().file(),
                id,
                "",
                format!(
                    "this {} is not in the draft any more; it may have been removed",
                    kind.kind().slug()
                ),
            )])
        }
        Some(item) if !typed.is_empty() => item.put(code, &typed),
        Some(_) => {}
    }
    reload(&to_files(&changed), offer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let files: Vec<_> = super::super::CONTENT_FILES
            .iter()
            .filter_map(|name| {
                std::fs::read_to_string(dir.join(name))
                    .ok()
                    .map(|text| super::super::ContentFile::new(*name, text))
            })
            .collect();
        super::super::load_offer(&files).expect("the shipped content loads")
    }

    /// An entitlement's words as the form sends them.
    fn typed(title: &str, summary: &str, steps: &[String]) -> Words {
        vec![
            ("title", title.to_string()),
            ("summary", summary.to_string()),
            ("steps", steps.join("\n")),
        ]
    }

    fn read_back(offer: &Offer) -> Offer {
        super::super::load_offer(&to_files(offer)).expect("an exported offer reads back")
    }

    const E: Translatable = Translatable::Entitlement;

    #[test]
    fn a_saved_translation_is_current_until_the_english_changes_and_goes_when_emptied() {
        let offer = offer();
        let id = offer.entitlements[0].id.clone();
        let words = typed(" مستشار شخصي ", "يمكنك الحصول على مستشار شخصي.", &[]);
        let saved = save(&offer, E, &id, "ar", &words).unwrap();
        let e = saved.entitlements.iter().find(|e| e.id == id).unwrap();
        assert!(e.current_in("ar").is_some_and(|t| t.title == "مستشار شخصي"));
        assert!(
            !e.draft_in("ar"),
            "saved by someone at the council: not our draft any more"
        );
        assert_eq!(read_back(&saved).entitlements, saved.entitlements);
        assert!(needs_translating(&saved, E, &id, ["ar", "vi"]) == ["vi"]);

        let mut english_changed = saved.clone();
        english_changed.entitlements[0]
            .summary
            .push_str(" Ask the team.");
        assert!(english_changed.entitlements[0].out_of_date_in("ar"));
        assert_eq!(needs_translating(&english_changed, E, &id, ["ar"]), ["ar"]);

        let removed = save(&saved, E, &id, "ar", &typed("", " ", &[])).unwrap();
        assert!(!removed.entitlements[0].translations.contains_key("ar"));
    }

    #[test]
    fn every_shipped_translation_is_a_draft_until_someone_at_the_council_saves_it() {
        let offer = offer();
        let drafts: Vec<bool> = (offer.entitlements.iter())
            .flat_map(|e| e.translations.values().map(|t| t.draft))
            .chain(
                offer
                    .categories
                    .iter()
                    .flat_map(|c| c.translations.values().map(|t| t.draft)),
            )
            .collect();
        assert!(drafts.len() >= 100, "{} shipped translations", drafts.len());
        assert!(
            drafts.iter().all(|d| *d),
            "written by us, so every one is a draft"
        );
        let e = offer
            .entitlements
            .iter()
            .find(|e| e.draft_in("ar"))
            .unwrap();
        let words = typed(
            &e.translations["ar"].title,
            &e.translations["ar"].summary,
            &[],
        );
        let saved = save(&offer, E, &e.id, "ar", &words).unwrap();
        let after = saved.entitlement(&e.id).unwrap();
        assert!(!after.draft_in("ar") && after.title_in("ar") == e.title_in("ar"));
        assert!(after.draft_in("ps"), "other languages stay drafts");
        let shown = words_of(&saved, E, &e.id, ["ar", "ps"]).unwrap();
        assert_eq!(
            shown.languages.iter().map(|l| l.3).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn a_translation_needs_both_fields_and_a_real_language_code() {
        let offer = offer();
        let id = offer.entitlements[0].id.clone();
        let problems = save(&offer, E, &id, "ar", &typed("عنوان", "", &[])).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "translations.ar.summary"),
            "{problems:?}"
        );
        let problems = save(&offer, E, &id, "Arabic", &typed("عنوان", "x", &[])).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("not a language code")),
            "{problems:?}"
        );
        let gone = save(&offer, E, "no-such-thing", "ar", &typed("", "", &[])).unwrap_err();
        assert!(gone[0].message.contains("not in the draft"), "{gone:?}");
    }

    #[test]
    fn translated_steps_show_until_a_step_changes_and_must_match_the_english_count() {
        let offer = offer();
        let e = offer
            .entitlements
            .iter()
            .find(|e| e.steps.len() >= 2)
            .unwrap();
        let id = e.id.clone();
        let arabic_steps: Vec<String> =
            (1..=e.steps.len()).map(|n| format!("الخطوة {n}")).collect();
        let saved = save(
            &offer,
            E,
            &id,
            "ar",
            &typed("عنوان", "ملخص.", &arabic_steps),
        )
        .unwrap();
        let after = saved.entitlements.iter().find(|e| e.id == id).unwrap();
        assert_eq!(after.steps_in("ar"), arabic_steps.as_slice());
        assert!(after.steps_translated_in("ar") && !after.steps_translated_in("ps"));
        assert_eq!(
            after.steps_in("ps"),
            after.steps.as_slice(),
            "English where not translated"
        );
        assert_eq!(read_back(&saved).entitlements, saved.entitlements);

        // A changed English step puts the translated steps (and title) out of date.
        let mut step_changed = after.clone();
        step_changed.steps[0].push_str(" Bring your ID.");
        assert!(step_changed.out_of_date_in("ar"));
        assert_eq!(step_changed.steps_in("ar"), step_changed.steps.as_slice());
        assert!(!step_changed.steps_translated_in("ar"));
        // A translation of the title and summary alone does not mind the steps.
        let plain = save(&offer, E, &id, "ar", &typed("عنوان", "ملخص.", &[])).unwrap();
        let mut plain_changed = plain
            .entitlements
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .clone();
        plain_changed.steps[0].push_str(" Bring your ID.");
        assert!(plain_changed.current_in("ar").is_some());

        let one_short = typed("عنوان", "ملخص.", &arabic_steps[1..]);
        let problems = save(&offer, E, &id, "ar", &one_short).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "translations.ar.steps" && p.message.contains("one a line")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_contact_s_words_are_translated_until_its_english_changes() {
        let offer = offer();
        let id = offer.contacts[0].id.clone();
        let (when, hours) = ("عندما تحتاج إلى مساعدة.", "من الاثنين إلى الجمعة.");
        let words = vec![("when", when.to_string()), ("hours", hours.to_string())];
        let saved = save(&offer, Translatable::Contact, &id, "ar", &words).unwrap();
        let c = saved.contact(&id).unwrap();
        assert_eq!(c.when_in("ar"), when);
        assert_eq!(c.hours_in("ar"), hours);
        assert_eq!(c.when_in("vi"), c.when, "English where not translated");
        assert_eq!(read_back(&saved).contacts, saved.contacts);

        let mut changed = c.clone();
        changed.hours.push_str(" Not on bank holidays.");
        assert!(changed.out_of_date_in("ar"));
        assert_eq!(changed.hours_in("ar"), changed.hours);

        let half = vec![("when", "عندما".to_string()), ("hours", String::new())];
        let problems = save(&offer, Translatable::Contact, &id, "ar", &half).unwrap_err();
        assert!(
            problems.iter().any(|p| p.field == "translations.ar.hours"),
            "{problems:?}"
        );
        let none = vec![("when", String::new()), ("hours", String::new())];
        let removed = save(&saved, Translatable::Contact, &id, "ar", &none).unwrap();
        let left = &removed.contact(&id).unwrap().translations;
        assert!(!left.contains_key("ar"), "removed");
        assert!(left.contains_key("ps"), "the other languages' words stay");
    }

    #[test]
    fn a_hub_s_services_and_access_are_translated_one_for_each_english_service() {
        let mut offer = offer();
        let hub = offer
            .hubs
            .iter_mut()
            .find(|h| h.services.len() >= 2)
            .unwrap();
        // Sessions too: one that says nothing (nothing to translate) and one whose "what" is
        // translated and read back with the rest.
        hub.sessions.push(crate::offer::Session {
            day: chrono::Weekday::Mon,
            start: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            overnight: false,
            what: String::new(),
        });
        hub.sessions.push(crate::offer::Session {
            day: chrono::Weekday::Tue,
            start: chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
            end: chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            overnight: false,
            what: "Drop-in with PAs".to_string(),
        });
        let hub = hub.clone();
        let id = hub.id.clone();
        const H: Translatable = Translatable::Hub;
        // Our Arabic draft was made before these sessions: out of date; Vietnamese has none.
        let english = words_of(&offer, H, &id, ["ar", "vi"]).unwrap();
        assert!(english
            .english
            .iter()
            .any(|f| f.name == "services" && f.one_a_line));
        assert_eq!(english.languages[0].1, LanguageState::OutOfDate);
        assert_eq!(english.languages[1].1, LanguageState::Missing);

        let services: Vec<String> = (1..=hub.services.len())
            .map(|n| format!("خدمة {n}"))
            .collect();
        let words = vec![
            ("services", services.join("\n")),
            ("access", "اسأل مستشارك قبل أن تأتي.".to_string()),
            ("sessions", "جلسة مفتوحة مع المستشارين".to_string()),
        ];
        let saved = save(&offer, H, &id, "ar", &words).unwrap();
        assert_eq!(
            saved.hub(&id).unwrap().session_whats_in("ar"),
            ["", "جلسة مفتوحة مع المستشارين"]
        );
        assert_eq!(
            saved.hub(&id).unwrap().in_language("ar").sessions[1].what,
            "جلسة مفتوحة مع المستشارين"
        );
        let after = saved.hub(&id).unwrap();
        assert_eq!(after.services_in("ar"), services.as_slice());
        assert_eq!(after.access_in("ar"), "اسأل مستشارك قبل أن تأتي.");
        assert_eq!(after.services_in("ps"), after.services.as_slice());
        let all = crate::offer::HubParts {
            services: true,
            access: true,
            sessions: true,
        };
        assert_eq!(after.translated_parts_in("ar"), all);
        assert_eq!(after.translated_parts_in("ps"), Default::default());
        // A translation of the services alone leaves the way in and the sessions in English.
        let services_only = vec![("services", services.join("\n"))];
        let partial = save(&offer, H, &id, "ar", &services_only).unwrap();
        let partial = partial.hub(&id).unwrap();
        assert_eq!(
            partial.translated_parts_in("ar"),
            crate::offer::HubParts {
                services: true,
                ..Default::default()
            }
        );
        assert_eq!(partial.access_in("ar"), partial.access);
        assert_eq!(read_back(&saved).hubs, saved.hubs);
        assert!(needs_translating(&saved, H, &id, ["ar"]).is_empty());

        // Any change to its English words puts it out of date.
        let mut changed = after.clone();
        changed.access.push_str(" Ring the bell.");
        assert!(changed.out_of_date_in("ar"));
        assert_eq!(changed.access_in("ar"), changed.access);

        let one_short = vec![
            ("services", services[1..].join("\n")),
            ("access", String::new()),
        ];
        let problems = save(&offer, H, &id, "ar", &one_short).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "translations.ar.services" && p.message.contains("one a line")),
            "{problems:?}"
        );
    }

    #[test]
    fn coverage_counts_every_kind_with_words_and_only_translations_up_to_date() {
        let offer = offer();
        let all = offer.categories.len()
            + offer.entitlements.len()
            + offer.contacts.len()
            + offer
                .hubs
                .iter()
                .filter(|h| !h.english().is_empty())
                .count();
        assert_eq!(coverage(&offer, "vi"), (0, all));
        let (before, _) = coverage(&offer, "ar");
        assert!(before > 0, "the shipped drafts count");
        let id = offer.contacts[0].id.clone();
        let words = vec![
            ("when", "Khi bạn cần giúp đỡ.".to_string()),
            ("hours", "Từ thứ Hai đến thứ Sáu.".to_string()),
        ];
        let saved = save(&offer, Translatable::Contact, &id, "vi", &words).unwrap();
        assert_eq!(coverage(&saved, "vi"), (1, all));
        let mut changed = saved.clone();
        changed.contacts[0].hours.push_str(" Closed on Sundays.");
        assert_eq!(
            coverage(&changed, "vi"),
            (0, all),
            "out of date is not counted"
        );
        assert_eq!(coverage(&changed, "ar"), (before - 1, all), "nor our draft");
        assert!(out_of_date(&saved).is_empty());
        let warned = out_of_date(&changed);
        assert!(
            warned.contains(&(Translatable::Contact, id.as_str(), "vi")),
            "the checker warns about it: {warned:?}"
        );
        assert!(warned
            .iter()
            .all(|(kind, item, _)| *kind == Translatable::Contact && *item == id));
    }

    #[test]
    fn a_category_s_title_is_translated_and_a_hub_with_no_words_needs_none() {
        let offer = offer();
        let id = offer.categories[0].id.clone();
        const C: Translatable = Translatable::Category;
        let words = vec![
            ("title", "المال".to_string()),
            ("summary", "المال الذي يمكنك الحصول عليه.".to_string()),
        ];
        let saved = save(&offer, C, &id, "ar", &words).unwrap();
        let category = saved.category(&id).unwrap();
        assert_eq!(category.title_in("ar"), "المال");
        assert_eq!(category.title_in("vi"), category.title);
        assert_eq!(read_back(&saved).categories, saved.categories);
        let mut changed = category.clone();
        changed.summary.push_str(" And more.");
        assert!(changed.out_of_date_in("ar"));
        assert_eq!(changed.title_in("ar"), changed.title);

        let mut bare = offer.clone();
        let hub = &mut bare.hubs[0];
        hub.services.clear();
        hub.access.clear();
        hub.sessions.clear();
        let id = hub.id.clone();
        assert!(needs_translating(&bare, Translatable::Hub, &id, ["ar"]).is_empty());
        assert!(
            needs_translating(
                &bare,
                Translatable::Category,
                &offer.categories[0].id,
                ["vi"]
            ) == ["vi"]
        );
    }
}
