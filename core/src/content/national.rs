//! The national layer: entitlements that are the same in every English council (the
//! 16 to 19 bursary, Universal Credit, Access to Work...) kept once, in
//! `content/national/`, and put together with each council's own offer when it is served.
//!
//! A council hides a national entitlement it does not offer, and adds its own detail to
//! one (an extra local amount, with its own source) without copying the national words. Its
//! own entitlement with a national one's id wins, so a council is never left without an
//! item it wrote; [`problems`] names that, so the checker can ask for a `hide` instead.

use std::collections::HashSet;

use crate::offer::Offer;

/// `own` with the national entitlements (and the contacts they ask) it does not hide,
/// each marked `national`, with the council's local detail where it added some. National
/// entitlements come after the council's own in each category.
pub fn merge(national: &Offer, own: &Offer) -> Offer {
    let mut offer = own.clone();
    let hidden: HashSet<&str> = own.national.hide.iter().map(String::as_str).collect();
    let own_ids: HashSet<&str> = own.entitlements.iter().map(|e| e.id.as_str()).collect();
    let categories: HashSet<&str> = own.categories.iter().map(|c| c.id.as_str()).collect();
    let mut asked = HashSet::new();
    for item in &national.entitlements {
        let id = item.id.as_str();
        if hidden.contains(id)
            || own_ids.contains(id)
            || !categories.contains(item.category.as_str())
        {
            continue;
        }
        let mut item = item.clone();
        item.national = true;
        item.local = own
            .national
            .add
            .iter()
            .find(|a| a.id == item.id)
            .map(|a| a.detail.clone());
        asked.extend(item.ask.iter().cloned());
        offer.entitlements.push(item);
    }
    let own_contacts: HashSet<String> = offer.contacts.iter().map(|c| c.id.clone()).collect();
    for contact in &national.contacts {
        if asked.contains(&contact.id) && !own_contacts.contains(&contact.id) {
            offer.contacts.push(contact.clone());
        }
    }
    offer
}

/// What is wrong between a council's offer and the national layer, in words for the
/// checker: hidden or extended ids that are not national, the council's own items that
/// take a national one's place, and national items in a category the council lacks.
pub fn problems(national: &Offer, own: &Offer) -> Vec<String> {
    let national_ids: HashSet<&str> = national
        .entitlements
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    let mut out = Vec::new();
    for id in &own.national.hide {
        if !national_ids.contains(id.as_str()) {
            out.push(format!(
                "[national] hides \"{id}\", which is not a national entitlement"
            ));
        }
    }
    for addition in &own.national.add {
        if !national_ids.contains(addition.id.as_str()) {
            out.push(format!(
                "[[national.add]] adds to \"{}\", which is not a national entitlement",
                addition.id
            ));
        }
    }
    let hidden: HashSet<&str> = own.national.hide.iter().map(String::as_str).collect();
    for item in &own.entitlements {
        if national_ids.contains(item.id.as_str()) && !hidden.contains(item.id.as_str()) {
            out.push(format!(
                "\"{}\" is also a national entitlement: the council's own is shown; hide the national one in [national] to say so, or remove this copy",
                item.id
            ));
        }
    }
    let categories: HashSet<&str> = own.categories.iter().map(|c| c.id.as_str()).collect();
    for item in &national.entitlements {
        if !hidden.contains(item.id.as_str()) && !categories.contains(item.category.as_str()) {
            out.push(format!(
                "the national entitlement \"{}\" is in the category \"{}\", which this offer lacks",
                item.id, item.category
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::export::tests::sample_offer;
    use crate::offer::{LocalAddition, LocalDetail};

    fn layers() -> (Offer, Offer) {
        let national = sample_offer();
        let mut own = sample_offer();
        own.entitlements.clear();
        own.contacts.clear();
        (national, own)
    }

    #[test]
    fn a_council_gets_every_national_item_it_does_not_hide_marked_national() {
        let (national, mut own) = layers();
        let first = national.entitlements[0].id.clone();
        own.national.hide.push(first.clone());
        let merged = merge(&national, &own);
        assert_eq!(merged.entitlements.len(), national.entitlements.len() - 1);
        assert!(merged
            .entitlements
            .iter()
            .all(|e| e.national && e.id != first));
        assert!(problems(&national, &own).is_empty());
    }

    #[test]
    fn local_detail_shows_on_its_item_and_the_council_s_own_item_wins() {
        let (national, mut own) = layers();
        let id = national.entitlements[0].id.clone();
        let detail = LocalDetail {
            text: "We add £500 when you start.".into(),
            source: national.entitlements[0].source.clone(),
            last_checked: national.entitlements[0].last_checked,
        };
        own.national.add.push(LocalAddition {
            id: id.clone(),
            detail: detail.clone(),
        });
        let merged = merge(&national, &own);
        let item = merged.entitlements.iter().find(|e| e.id == id).unwrap();
        assert_eq!(item.local.as_ref(), Some(&detail));
        assert_eq!(
            item.details, national.entitlements[0].details,
            "national words unchanged"
        );

        let mut copy = national.entitlements[0].clone();
        copy.title = "Our own".into();
        own.entitlements.push(copy);
        let merged = merge(&national, &own);
        let shown: Vec<_> = merged.entitlements.iter().filter(|e| e.id == id).collect();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].title, "Our own");
        assert!(!shown[0].national);
        assert!(problems(&national, &own)
            .iter()
            .any(|p| p.contains("also a national entitlement")));
    }

    #[test]
    fn hiding_or_adding_to_an_id_that_is_not_national_is_named() {
        let (national, mut own) = layers();
        own.national.hide.push("no-such-thing".into());
        let found = problems(&national, &own);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no-such-thing"));
    }
}
