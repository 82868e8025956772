//! Saving an entitlement's title and summary in another language, from the staff editor:
//! the translation records the English it was made from, and the whole offer is read back
//! through [`load_offer`](super::load_offer), so the editor and `check` cannot disagree.

use super::export::to_files;
use super::model::Problem;
use crate::offer::{english_fingerprint, Offer, Translation};

/// What an officer typed for one language: both empty removes the translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub title: String,
    pub summary: String,
}

/// Puts `typed` into the entitlement `id` as its `code` translation, made from its English
/// as it is now; or removes the translation when both fields are empty. Refused with every
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
    if title.is_empty() && summary.is_empty() {
        e.translations.remove(code);
    } else {
        e.translations.insert(
            code.to_string(),
            Translation {
                title: title.to_string(),
                summary: summary.to_string(),
                from: english_fingerprint(&e.title, &e.summary),
            },
        );
    }
    let mut read = super::load_offer(&to_files(&changed))?;
    read.you_said_we_did = offer.you_said_we_did.clone();
    Ok(read)
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
}
