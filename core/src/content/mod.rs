//! The TOML files of `content/`, turned into a validated [`Offer`] or every problem at once.
//!
//! No file I/O: the server reads the files and hands in their text. Field paths in problems
//! count positions in lists from 1, as officers do: `sessions[2].end` is the second session.

pub mod changes;
pub mod export;
pub mod form;
pub mod kinds;
pub mod lint;
mod model;
pub mod national;
mod parse;
mod schema;
pub mod translate;
mod type_errors;
mod validate;

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::offer::{Category, Contact, Council, Entitlement, Group, Hub, NationalChoices, Offer};
// The shared types are defined in `model`, which the steps import instead of this module;
// re-exported here, their paths stay `content::ContentFile` and so on.
pub use model::{ContentFile, Problem, CONTENT_FILES};
use model::{Report, CONTACTS, ENTITLEMENTS, GROUPS, HUBS, OFFER};
use parse::RawItem;
use validate::References;

/// Builds the offer from its content files, or returns every problem in file and item order.
///
/// The offer's `version` is left empty: the server sets it from the JSON.
pub fn load_offer(files: &[ContentFile]) -> Result<Offer, Vec<Problem>> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let [offer_toml, entitlements_toml, hubs_toml, contacts_toml, groups_toml] =
        CONTENT_FILES.map(|name| parse::read_file(name, files, p));
    parse::unexpected_files(files, p);

    let (council, categories, national) = match &offer_toml {
        Some(table) => {
            parse::only_keys(OFFER, table, &["council", "categories", "national"], p);
            (
                parse::single(OFFER, table, "council", p),
                Some(parse::items(OFFER, table, "categories", p)),
                // Optional: a council that takes the national layer as it is says nothing.
                table
                    .contains_key("national")
                    .then(|| parse::single(OFFER, table, "national", p))
                    .flatten(),
            )
        }
        None => (None, None, None),
    };
    let mut items_of = |file: &str, table: &Option<toml::Table>, key: &str| {
        table.as_ref().map(|table| {
            parse::only_keys(file, table, &[key], p);
            parse::items(file, table, key, p)
        })
    };
    let entitlements = items_of(ENTITLEMENTS, &entitlements_toml, "entitlements");
    let hubs = items_of(HUBS, &hubs_toml, "hubs");
    let contacts = items_of(CONTACTS, &contacts_toml, "contacts");
    let groups = items_of(GROUPS, &groups_toml, "groups");

    let ids = |items: &Option<Vec<RawItem>>| {
        items.as_ref().map(|items| {
            items
                .iter()
                .filter_map(|i| i.id().map(str::to_string))
                .collect()
        })
    };
    let council =
        council.and_then(|raw| load_item::<Council>(OFFER, "council", &raw, p, validate::council));
    let refs = References {
        categories: ids(&categories),
        contacts: ids(&contacts),
        districts: council
            .as_ref()
            .map(|c| c.districts.iter().map(|d| d.id.clone()).collect()),
    };
    let offer = Offer {
        version: String::new(),
        council: council.unwrap_or_else(placeholder_council),
        categories: load_items::<Category>(OFFER, "category", categories, p, validate::category),
        entitlements: load_items::<Entitlement>(
            ENTITLEMENTS,
            "entitlement",
            entitlements,
            p,
            |e, r| validate::entitlement(e, &refs, r),
        ),
        hubs: load_items::<Hub>(HUBS, "hub", hubs, p, validate::hub),
        contacts: load_items::<Contact>(CONTACTS, "contact", contacts, p, |c, r| {
            validate::contact(c, &refs, r)
        }),
        groups: load_items::<Group>(GROUPS, "group", groups, p, |g, r| {
            validate::group(g, &refs, r)
        }),
        // Published by staff and added by the server, never read from content/.
        you_said_we_did: Vec::new(),
        national: national
            .and_then(|raw| {
                load_item::<NationalChoices>(OFFER, "national", &raw, p, validate::national)
            })
            .unwrap_or_default(),
    };

    if problems.is_empty() {
        return Ok(offer);
    }
    let rank = |problem: &Problem| {
        CONTENT_FILES
            .iter()
            .position(|name| *name == problem.file)
            .unwrap_or(CONTENT_FILES.len())
    };
    problems.sort_by_key(rank);
    Err(problems)
}

/// Only ever seen alongside the problem that explains why the real council is missing.
fn placeholder_council() -> Council {
    Council {
        districts: Vec::new(),
        districts_source: None,
        name: String::new(),
        area: String::new(),
        last_reviewed: chrono::NaiveDate::MIN,
        links: Vec::new(),
        map_outline: Vec::new(),
        map_towns: Vec::new(),
    }
}

/// Types and checks each item of a list, also checking ids are slugs and distinct.
fn load_items<T: DeserializeOwned>(
    file: &str,
    noun: &str,
    items: Option<Vec<RawItem>>,
    problems: &mut Vec<Problem>,
    mut check: impl FnMut(&T, &mut Report),
) -> Vec<T> {
    let mut seen = HashMap::new();
    let mut loaded = Vec::new();
    for (i, raw) in items.unwrap_or_default().iter().enumerate() {
        let mut report = Report {
            file,
            item: &raw.label,
            problems,
        };
        validate::id(&raw.table, i + 1, noun, &mut seen, &mut report);
        if let Some(item) = load_item(file, noun, raw, problems, &mut check) {
            loaded.push(item);
        }
    }
    loaded
}

/// Types one item, naming unknown keys and wrong types, then runs `check` on it.
fn load_item<T: DeserializeOwned>(
    file: &str,
    noun: &str,
    raw: &RawItem,
    problems: &mut Vec<Problem>,
    mut check: impl FnMut(&T, &mut Report),
) -> Option<T> {
    let mut report = Report {
        file,
        item: &raw.label,
        problems,
    };
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let named = format!("{article} {noun}");
    schema::unknown_fields(
        &raw.table,
        schema::field_names::<T>(),
        "",
        &named,
        &mut report,
    );
    match type_errors::deserialize::<T>(&raw.table, noun) {
        Ok(item) => {
            check(&item, &mut report);
            Some(item)
        }
        Err(errors) => {
            for error in errors {
                report.add(error.field, error.message);
            }
            None
        }
    }
}
