//! Everything in the offer a message or a "You said, we did" can be about, as choices for a
//! select, keyed as the inbox and the database key them ("entitlement:ID", "hub:ID",
//! "group:ID"). One list for the inbox's filter and the "You said, we did" form.

use offer_core::Offer;

use super::layout::Opt;

/// Each entitlement, hub and group as a choice, `current` selected.
pub fn items(offer: &Offer, current: &str) -> Vec<Opt> {
    let mut options: Vec<Opt> = offer
        .entitlements
        .iter()
        .map(|e| Opt::new(format!("entitlement:{}", e.id), e.title.clone(), current))
        .collect();
    options.extend(
        offer
            .hubs
            .iter()
            .map(|h| Opt::new(format!("hub:{}", h.id), format!("Hub: {}", h.name), current)),
    );
    options.extend(offer.groups.iter().map(|g| {
        Opt::new(
            format!("group:{}", g.id),
            format!("Group: {}", g.name),
            current,
        )
    }));
    options
}
