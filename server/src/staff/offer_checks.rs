//! `GET /staff/offer`: every item of the offer, kind by kind, with the day it was last
//! checked against its source, whether it is due for a check, and the content checker's
//! warnings about it: the list the officers who keep the offer true work from. "Due for a
//! check" is the checker's own rule (`offer_core::content::lint`, 12 months), not a copy.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use offer_core::content::lint::{Warning, WarningKind};
use offer_core::content::CONTENT_FILES;
use offer_core::dates::long_date;
use offer_core::working_days::uk_local;
use offer_core::Offer;
use serde::Deserialize;

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Opt, Section};
use super::session::StaffUser;
use crate::state::AppState;

/// One item's line.
struct ItemLine {
    title: String,
    id: String,
    checked: String,
    due: bool,
    warnings: Vec<String>,
    link: Option<String>,
}

/// One kind of item.
struct KindSection {
    heading: &'static str,
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
    total: usize,
    sections: Vec<KindSection>,
}

/// Which items to list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Show {
    show: String,
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
    file: &str,
    id: &str,
    title: &str,
    checked: Option<chrono::NaiveDate>,
    link: Option<String>,
) -> ItemLine {
    let mine = about(warnings, file, id);
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
        link,
    }
}

/// Every item of the offer as lines, kind by kind, in the files' order.
fn sections(offer: &Offer, warnings: &[Warning]) -> Vec<KindSection> {
    let [offer_file, entitlements, hubs, contacts, groups] = CONTENT_FILES;
    vec![
        KindSection {
            heading: "The offer as a whole",
            items: vec![line(
                warnings,
                offer_file,
                "council",
                &offer.council.name,
                Some(offer.council.last_reviewed),
                Some("/offer".into()),
            )],
        },
        KindSection {
            heading: "Entitlements",
            items: offer
                .entitlements
                .iter()
                .map(|e| {
                    line(
                        warnings,
                        entitlements,
                        &e.id,
                        &e.title,
                        Some(e.last_checked),
                        Some(format!("/offer/{}", e.id)),
                    )
                })
                .collect(),
        },
        KindSection {
            heading: "Hubs",
            items: offer
                .hubs
                .iter()
                .map(|h| {
                    line(
                        warnings,
                        hubs,
                        &h.id,
                        &h.name,
                        Some(h.last_checked),
                        Some(format!("/hubs/{}", h.id)),
                    )
                })
                .collect(),
        },
        KindSection {
            heading: "Contacts",
            items: offer
                .contacts
                .iter()
                .map(|c| {
                    line(
                        warnings,
                        contacts,
                        &c.id,
                        &c.name,
                        Some(c.last_checked),
                        Some("/contacts".into()),
                    )
                })
                .collect(),
        },
        KindSection {
            heading: "Groups",
            items: offer
                .groups
                .iter()
                .map(|g| line(warnings, groups, &g.id, &g.name, Some(g.last_checked), None))
                .collect(),
        },
    ]
}

/// `GET /staff/offer` (`?show=due` or `?show=warnings` to list only those).
pub async fn page(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(show): Query<Show>,
) -> PageResult {
    let content = state.content.current();
    let today = uk_local(state.config.clock.now()).date();
    let dir = state.config.content_dir.clone();
    let offer = content.offer.clone();
    // Reading checks.toml is file work: keep it off the request threads.
    let warnings =
        tokio::task::spawn_blocking(move || crate::content::warnings_in(&dir, &offer, today))
            .await?;
    let mut all = sections(&content.offer, &warnings);
    let total = all.iter().map(|s| s.items.len()).sum();
    let due = all.iter().flat_map(|s| &s.items).filter(|i| i.due).count();
    let warned = all
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| !i.warnings.is_empty())
        .count();
    for section in &mut all {
        section.items.retain(|i| match show.show.as_str() {
            "due" => i.due,
            "warnings" => !i.warnings.is_empty(),
            _ => true,
        });
    }
    Ok(render(
        StatusCode::OK,
        &OfferPage {
            layout: Layout::signed_in(&user, "The offer: what to check", Section::Offer),
            errors: Errors::default(),
            shows: vec![
                Opt::new("", "Every item", &show.show),
                Opt::new("due", "Due for a check", &show.show),
                Opt::new("warnings", "Has warnings", &show.show),
            ],
            due,
            warned,
            total,
            sections: all,
        },
    ))
}
