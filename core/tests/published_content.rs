//! The offer in `content/` as young people get it (with the national layer): valid, complete,
//! and sourced from primary pages.

use offer_core::content::national::merge;
use offer_core::content::{load_offer, ContentFile, CONTENT_FILES};
use offer_core::Offer;

fn load(dir: &str) -> Offer {
    let files: Vec<ContentFile> = CONTENT_FILES
        .iter()
        .map(|name| ContentFile {
            name: name.to_string(),
            text: std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
        })
        .collect();
    match load_offer(&files) {
        Ok(offer) => offer,
        Err(problems) => {
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("{dir} has problems:\n{}", all.join("\n"))
        }
    }
}

/// Cheshire East's offer in `content/` with the national layer in `content/national`, as
/// phones get it.
fn published() -> Offer {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
    let national = load(&format!("{dir}/national"));
    merge(&national, &load(dir))
}

/// The sources the content audit of 22 November 2026 (section 1.3) found weak and replaced.
const WEAK_SOURCES: [&str; 9] = [
    "https://insights.doughtystreet.co.uk/",
    "https://families.leicester.gov.uk/",
    "https://www.gravesham.gov.uk/",
    "https://www.plymouth.gov.uk/",
    "https://england.shelter.org.uk/professional_resources/legal/housing_options/young_people_and_care_leavers_housing_rights/social_services_duties_to_children_leaving_care",
    "https://parallelparliament.co.uk/",
    "https://www.gov.uk/government/publications/government-response-ssac-report-on-young-people-living-independently",
    "https://readingwalkinhealthcentre.nhs.uk/",
    "https://neas.nhs.uk/",
];

#[test]
fn the_published_offer_is_valid_and_covers_at_least_55_entitlements() {
    let offer = published();
    assert!(
        offer.entitlements.len() >= 55,
        "only {} entitlements",
        offer.entitlements.len()
    );
}

#[test]
fn no_item_cites_a_source_the_audit_found_weak() {
    let offer = published();
    let sources = offer
        .entitlements
        .iter()
        .map(|e| (&e.id, &e.source.url))
        .chain(offer.contacts.iter().map(|c| (&c.id, &c.source.url)))
        .chain(offer.hubs.iter().map(|h| (&h.id, &h.source.url)))
        .chain(offer.groups.iter().map(|g| (&g.id, &g.source.url)));
    for (id, url) in sources {
        assert!(
            !WEAK_SOURCES.iter().any(|weak| url.starts_with(weak)),
            "{id} cites {url}, which the content audit found weak"
        );
    }
}

#[test]
fn every_published_amount_says_when_it_applies() {
    let offer = published();
    for e in &offer.entitlements {
        if let Some(amount) = e.amount {
            assert!(
                amount.since.is_some() || amount.year.is_some(),
                "{} has an amount without since or year",
                e.id
            );
        }
    }
}
