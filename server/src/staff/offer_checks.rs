//! `GET /staff/offer`: every item of the offer, kind by kind, with the day it was last
//! checked against its source, whether it is due for a check, and the content checker's
//! warnings about it: the list the officers who keep the offer true work from. "Due for a
//! check" is the checker's own rule (`offer_core::content::lint`, 12 months), not a copy.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use offer_core::content::kinds::{items_of, ItemKind, ItemTable, COUNCIL_ID};
use offer_core::content::lint::{Warning, WarningKind};
use offer_core::dates::long_date;
use offer_core::roles::Permission;
use offer_core::working_days::uk_local;
use offer_core::Offer;
use serde::Deserialize;
use std::collections::HashSet;

use super::display::app_link;
use super::error::PageResult;
use super::layout::{render, Errors, Layout, Opt, Section};
use super::offer_translate::needs_translating;
use super::session::StaffUser;
use crate::offer_store::working_copy;
use crate::state::AppState;
use crate::tenants::Tenant;

/// One item's line.
struct ItemLine {
    title: String,
    id: String,
    checked: String,
    due: bool,
    warnings: Vec<String>,
    link: Option<String>,
    edit: String,
    changed: bool,
    /// The app's languages this entitlement has no up-to-date translation in.
    translate: Vec<String>,
}

/// One kind of item.
struct KindSection {
    heading: String,
    /// The kind's slug, for "Add" links; empty for the council.
    kind: &'static str,
    noun: &'static str,
    items: Vec<ItemLine>,
}

#[derive(Template)]
#[template(path = "staff/offer.html")]
struct OfferPage {
    layout: Layout,
    errors: Errors,
    shows: Vec<Opt>,
    due: usize,
    warned: usize,
    changed: usize,
    total: usize,
    sections: Vec<KindSection>,
    may_edit: bool,
}

/// Which items to list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Show {
    show: String,
    saved: String,
}

/// The warnings about `item` in `file` (an empty item: the file or the offer as a whole).
fn about<'a>(warnings: &'a [Warning], file: &str, item: &str) -> Vec<&'a Warning> {
    warnings
        .iter()
        .filter(|w| w.file == file && w.item == item)
        .collect()
}

fn line(
    warnings: &[Warning],
    changed: &HashSet<(String, String)>,
    kind: ItemKind,
    id: &str,
    title: &str,
    checked: Option<chrono::NaiveDate>,
) -> ItemLine {
    let file = kind.file();
    let mine = about(warnings, file, id);
    let edit_id = if kind == ItemKind::Council {
        COUNCIL_ID
    } else {
        id
    };
    ItemLine {
        title: title.to_string(),
        id: id.to_string(),
        checked: checked.map(long_date).unwrap_or_default(),
        due: mine.iter().any(|w| w.kind == WarningKind::NotChecked),
        warnings: mine
            .iter()
            .filter(|w| w.kind != WarningKind::NotChecked)
            .map(|w| {
                if w.field.is_empty() {
                    w.message.clone()
                } else {
                    format!("{}: {}", w.field, w.message)
                }
            })
            .collect(),
        link: app_link(kind, id),
        edit: format!("/staff/offer/{}/{edit_id}", kind.slug()),
        changed: changed.contains(&(kind.slug().to_string(), edit_id.to_string())),
        translate: Vec::new(),
    }
}

/// Every item of the offer as lines, kind by kind, in the files' order.
fn sections(
    offer: &Offer,
    warnings: &[Warning],
    changed: &HashSet<(String, String)>,
    state: &AppState,
) -> Vec<KindSection> {
    let line_of = |kind: ItemKind, item: &ItemTable| {
        let checked = match kind {
            ItemKind::Council => Some(offer.council.last_reviewed),
            ItemKind::Category => None,
            _ => item
                .table
                .get("last_checked")
                .and_then(|v| v.as_str())
                .and_then(offer_core::dates::parse_iso_date),
        };
        let mut line = line(warnings, changed, kind, &item.id, &item.name, checked);
        line.translate = needs_translating(offer, kind, &item.id, state);
        line
    };
    let mut all = Vec::new();
    for kind in ItemKind::ALL {
        let items = items_of(offer, kind);
        let noun = match kind {
            ItemKind::Entitlement => "an entitlement",
            ItemKind::Hub => "a hub",
            ItemKind::Contact => "a contact",
            ItemKind::Group => "a group",
            ItemKind::Category | ItemKind::Council => "a category",
        };
        let slug = if kind == ItemKind::Council {
            ""
        } else {
            kind.slug()
        };
        if kind == ItemKind::Entitlement {
            // Officers think of entitlements by area of life: one list per category, in the
            // app's order.
            for category in &offer.categories {
                all.push(KindSection {
                    heading: format!("Entitlements: {}", category.title),
                    kind: slug,
                    noun,
                    items: items
                        .iter()
                        .filter(|i| {
                            i.table.get("category").and_then(|v| v.as_str())
                                == Some(category.id.as_str())
                        })
                        .map(|i| line_of(kind, i))
                        .collect(),
                });
            }
            continue;
        }
        all.push(KindSection {
            heading: match kind {
                ItemKind::Council => "The offer as a whole".to_string(),
                other => other.plural().to_string(),
            },
            kind: slug,
            noun,
            items: items.iter().map(|i| line_of(kind, i)).collect(),
        });
    }
    all
}

/// `GET /staff/offer` (`?show=due` or `?show=warnings` to list only those).
pub async fn page(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(show): Query<Show>,
) -> PageResult {
    let working = working_copy(&council.db).await?;
    let changed: HashSet<(String, String)> = working
        .changes()
        .into_iter()
        .map(|c| (c.kind, c.id))
        .collect();
    let today = uk_local(state.config.clock.now()).date();
    let warnings = crate::content::warnings_off_thread(
        state.config.content_dir.clone(),
        working.offer().clone(),
        today,
    )
    .await;
    let mut all = sections(working.offer(), &warnings, &changed, &state);
    let total = all.iter().map(|s| s.items.len()).sum();
    let due = all.iter().flat_map(|s| &s.items).filter(|i| i.due).count();
    let warned = all
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| !i.warnings.is_empty())
        .count();
    let changed_count = all
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.changed)
        .count();
    for section in &mut all {
        section.items.retain(|i| match show.show.as_str() {
            "due" => i.due,
            "warnings" => !i.warnings.is_empty(),
            "changed" => i.changed,
            "translating" => !i.translate.is_empty(),
            _ => true,
        });
    }
    Ok(render(
        StatusCode::OK,
        &OfferPage {
            layout: Layout::signed_in(&user, "The offer", Section::Offer)
                .with_banner((show.saved == "removed").then(|| {
                "Removed from the draft. Phones stop showing it when the draft is published.".into()
            })),
            errors: Errors::default(),
            shows: vec![
                Opt::new("", "Every item", &show.show),
                Opt::new("due", "Due for a check", &show.show),
                Opt::new("warnings", "Has warnings", &show.show),
                Opt::new("changed", "Changed, not published", &show.show),
                Opt::new("translating", "Needs translating", &show.show),
            ],
            due,
            warned,
            changed: changed_count,
            may_edit: user.account.role.may(Permission::EditOffer),
            total,
            sections: all,
        },
    ))
}
