//! Saving an item's words in another language from the staff editor (an entitlement's title,
//! summary and steps; a contact's "when to use it" and hours): the translation records the
//! English it was made from, and the whole offer is read back through the checker as every
//! editor change is, so the editor and `check` cannot disagree.

use super::export::to_files;
use super::form::reload;
use super::model::Problem;
use crate::offer::{english_fingerprint, english_source, ContactTranslation, Offer, Translation};

/// What an officer typed for one language: both empty removes the translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub title: String,
    pub summary: String,
    /// The steps, one a line; none to leave the English steps showing.
    pub steps: Vec<String>,
}

/// Puts `typed` into the entitlement `id` as its `code` translation, made from its English
/// as it is now; or removes the translation when every field is empty. Refused with every
/// problem, in the checker's words.
pub fn translate(
    offer: &Offer,
    id: &str,
    code: &str,
    typed: &Typed,
) -> Result<Offer, Vec<Problem>> {
    let mut changed = offer.clone();
    let Some(e) = changed.entitlements.iter_mut().find(|e| e.id == id) else {
        return Err(vec![Problem::new(
            super::model::ENTITLEMENTS,
            id,
            "",
            "this entitlement is not in the draft any more; it may have been removed",
        )]);
    };
    let (title, summary) = (typed.title.trim(), typed.summary.trim());
    let steps: Vec<String> = typed
        .steps
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if title.is_empty() && summary.is_empty() && steps.is_empty() {
        e.translations.remove(code);
    } else {
        let from = english_source(e, !steps.is_empty());
        e.translations.insert(
            code.to_string(),
            Translation {
                title: title.to_string(),
                summary: summary.to_string(),
                steps,
                from,
            },
        );
    }
    reload(&to_files(&changed), offer)
}

/// What an officer typed for a contact in one language: both empty removes the translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedContact {
    pub when: String,
    pub hours: String,
}

/// Puts `typed` into the contact `id` as its `code` translation, made from its English as it
/// is now; or removes it when both fields are empty. Refused with every problem.
pub fn translate_contact(
    offer: &Offer,
    id: &str,
    code: &str,
    typed: &TypedContact,
) -> Result<Offer, Vec<Problem>> {
    let mut changed = offer.clone();
    let Some(c) = changed.contacts.iter_mut().find(|c| c.id == id) else {
        return Err(vec![Problem::new(
            super::model::CONTACTS,
            id,
            "",
            "this contact is not in the draft any more; it may have been removed",
        )]);
    };
    let (when, hours) = (typed.when.trim(), typed.hours.trim());
    if when.is_empty() && hours.is_empty() {
        c.translations.remove(code);
    } else {
        let from = english_fingerprint(&c.when, &c.hours);
        c.translations.insert(
            code.to_string(),
            ContactTranslation {
                when: when.to_string(),
                hours: hours.to_string(),
                from,
            },
        );
    }
    reload(&to_files(&changed), offer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::InLanguage;

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

    #[test]
    fn a_saved_translation_is_current_until_the_english_changes_and_goes_when_emptied() {
        let offer = offer();
        let id = offer.entitlements[0].id.clone();
        let typed = Typed {
            title: " مستشار شخصي ".into(),
            summary: "يمكنك الحصول على مستشار شخصي.".into(),
            steps: Vec::new(),
        };
        let saved = translate(&offer, &id, "ar", &typed).unwrap();
        let e = saved.entitlements.iter().find(|e| e.id == id).unwrap();
        assert!(matches!(e.in_language("ar"), InLanguage::Current(t) if t.title == "مستشار شخصي"));
        // The export and reading back keep it exactly.
        let again = super::super::load_offer(&to_files(&saved)).unwrap();
        assert_eq!(again.entitlements, saved.entitlements);

        let mut english_changed = saved.clone();
        english_changed.entitlements[0]
            .summary
            .push_str(" Ask the team.");
        assert_eq!(
            english_changed.entitlements[0].in_language("ar"),
            InLanguage::OutOfDate
        );

        let removed = translate(&saved, &id, "ar", &Typed::default()).unwrap();
        assert!(!removed.entitlements[0].translations.contains_key("ar"));
    }

    #[test]
    fn a_translation_needs_both_fields_and_a_real_language_code() {
        let offer = offer();
        let id = offer.entitlements[0].id.clone();
        let only_title = Typed {
            title: "عنوان".into(),
            summary: String::new(),
            steps: Vec::new(),
        };
        let problems = translate(&offer, &id, "ar", &only_title).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "translations.ar.summary"),
            "{problems:?}"
        );
        let problems = translate(
            &offer,
            &id,
            "Arabic",
            &Typed {
                summary: "x".into(),
                ..only_title
            },
        )
        .unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("not a language code")),
            "{problems:?}"
        );
        assert!(translate(&offer, "no-such-thing", "ar", &Typed::default()).is_err());
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
        let typed = Typed {
            title: "عنوان".into(),
            summary: "ملخص.".into(),
            steps: arabic_steps.clone(),
        };
        let saved = translate(&offer, &id, "ar", &typed).unwrap();
        let after = saved.entitlements.iter().find(|e| e.id == id).unwrap();
        assert_eq!(after.steps_in("ar"), arabic_steps.as_slice());
        assert_eq!(
            after.steps_in("ps"),
            after.steps.as_slice(),
            "English where not translated"
        );
        let again = super::super::load_offer(&to_files(&saved)).unwrap();
        assert_eq!(again.entitlements, saved.entitlements);

        // A changed English step puts the translated steps (and title) out of date.
        let mut step_changed = after.clone();
        step_changed.steps[0].push_str(" Bring your ID.");
        assert_eq!(step_changed.in_language("ar"), InLanguage::OutOfDate);
        assert_eq!(step_changed.steps_in("ar"), step_changed.steps.as_slice());
        // A translation of the title and summary alone does not mind the steps.
        let plain = translate(
            &offer,
            &id,
            "ar",
            &Typed {
                steps: Vec::new(),
                ..typed.clone()
            },
        )
        .unwrap();
        let mut plain_changed = plain
            .entitlements
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .clone();
        plain_changed.steps[0].push_str(" Bring your ID.");
        assert!(matches!(
            plain_changed.in_language("ar"),
            InLanguage::Current(_)
        ));

        let one_short = Typed {
            steps: arabic_steps[1..].to_vec(),
            ..typed
        };
        let problems = translate(&offer, &id, "ar", &one_short).unwrap_err();
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
        let typed = TypedContact {
            when: "عندما تحتاج إلى مساعدة.".into(),
            hours: "من الاثنين إلى الجمعة.".into(),
        };
        let saved = translate_contact(&offer, &id, "ar", &typed).unwrap();
        let c = saved.contact(&id).unwrap();
        assert_eq!(c.when_in("ar"), typed.when);
        assert_eq!(c.hours_in("ar"), typed.hours);
        assert_eq!(c.when_in("ps"), c.when, "English where not translated");
        let again = super::super::load_offer(&to_files(&saved)).unwrap();
        assert_eq!(
            again.contacts, saved.contacts,
            "exported and read back the same"
        );

        let mut changed = c.clone();
        changed.hours.push_str(" Not on bank holidays.");
        assert!(changed.out_of_date_in("ar"));
        assert_eq!(changed.hours_in("ar"), changed.hours);

        let problems = translate_contact(
            &offer,
            &id,
            "ar",
            &TypedContact {
                when: "عندما".into(),
                hours: String::new(),
            },
        )
        .unwrap_err();
        assert!(
            problems.iter().any(|p| p.field == "translations.ar.hours"),
            "{problems:?}"
        );
        let removed = translate_contact(&saved, &id, "ar", &TypedContact::default()).unwrap();
        assert!(removed.contact(&id).unwrap().translations.is_empty());
    }
}
