//! The kinds of item an offer holds, as the editor and the change list name them, and each
//! item as a TOML table: the shape the content files, the editor's forms and the
//! field-by-field comparison all share.

use serde::Serialize;
use toml::Table;

use super::model::CONTENT_FILES;
use crate::offer::Offer;

/// A kind of item in the offer. The council's own fields count as one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// The council's name, area, links and `last_reviewed` (`[council]` in offer.toml).
    Council,
    /// An area of life (`[[categories]]` in offer.toml).
    Category,
    /// Something a care leaver can get.
    Entitlement,
    /// A place to drop in.
    Hub,
    /// A team or helpline.
    Contact,
    /// A peer support or participation group.
    Group,
}

impl ItemKind {
    /// Every kind, in the order the files hold them.
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Council,
        ItemKind::Category,
        ItemKind::Entitlement,
        ItemKind::Hub,
        ItemKind::Contact,
        ItemKind::Group,
    ];

    /// How URLs and the audit log name it.
    pub fn slug(self) -> &'static str {
        match self {
            ItemKind::Council => "council",
            ItemKind::Category => "category",
            ItemKind::Entitlement => "entitlement",
            ItemKind::Hub => "hub",
            ItemKind::Contact => "contact",
            ItemKind::Group => "group",
        }
    }

    /// The kind with this slug.
    pub fn from_slug(slug: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// A heading for the kind's list, e.g. "Entitlements".
    pub fn plural(self) -> &'static str {
        match self {
            ItemKind::Council => "The council",
            ItemKind::Category => "Categories",
            ItemKind::Entitlement => "Entitlements",
            ItemKind::Hub => "Hubs",
            ItemKind::Contact => "Contacts",
            ItemKind::Group => "Groups",
        }
    }

    /// The content file the kind lives in.
    pub fn file(self) -> &'static str {
        match self {
            ItemKind::Council | ItemKind::Category => CONTENT_FILES[0],
            ItemKind::Entitlement => CONTENT_FILES[1],
            ItemKind::Hub => CONTENT_FILES[2],
            ItemKind::Contact => CONTENT_FILES[3],
            ItemKind::Group => CONTENT_FILES[4],
        }
    }

    /// The key its items sit under in the file: `[[entitlements]]`, `[council]`.
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Council => "council",
            ItemKind::Category => "categories",
            ItemKind::Entitlement => "entitlements",
            ItemKind::Hub => "hubs",
            ItemKind::Contact => "contacts",
            ItemKind::Group => "groups",
        }
    }
}

/// The council's item has this id, so every item is named by kind and id alike.
pub const COUNCIL_ID: &str = "council";

/// One item of the offer as a TOML table, with what people call it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemTable {
    /// Its kind.
    pub kind: ItemKind,
    /// Its id ([`COUNCIL_ID`] for the council).
    pub id: String,
    /// Its title or name.
    pub name: String,
    /// Every field, as the content files write it.
    pub table: Table,
}

fn table_of(item: &impl Serialize) -> Table {
    Table::try_from(item).expect("every item of the offer is a TOML table")
}

/// Every item of `kind` in `offer`, in content order.
pub fn items_of(offer: &Offer, kind: ItemKind) -> Vec<ItemTable> {
    let item = |id: &str, name: &str, table: Table| ItemTable {
        kind,
        id: id.to_string(),
        name: name.to_string(),
        table,
    };
    match kind {
        ItemKind::Council => vec![item(
            COUNCIL_ID,
            &offer.council.name,
            table_of(&offer.council),
        )],
        ItemKind::Category => offer
            .categories
            .iter()
            .map(|c| item(&c.id, &c.title, table_of(c)))
            .collect(),
        ItemKind::Entitlement => offer
            .entitlements
            .iter()
            .map(|e| item(&e.id, &e.title, table_of(e)))
            .collect(),
        ItemKind::Hub => offer
            .hubs
            .iter()
            .map(|h| item(&h.id, &h.name, table_of(h)))
            .collect(),
        ItemKind::Contact => offer
            .contacts
            .iter()
            .map(|c| item(&c.id, &c.name, table_of(c)))
            .collect(),
        ItemKind::Group => offer
            .groups
            .iter()
            .map(|g| item(&g.id, &g.name, table_of(g)))
            .collect(),
    }
}

/// Every item of the offer, kind by kind, in content order.
pub fn all_items(offer: &Offer) -> Vec<ItemTable> {
    ItemKind::ALL
        .into_iter()
        .flat_map(|kind| items_of(offer, kind))
        .collect()
}

/// The item of `kind` with `id`, if the offer has it.
pub fn find_item(offer: &Offer, kind: ItemKind, id: &str) -> Option<ItemTable> {
    items_of(offer, kind).into_iter().find(|i| i.id == id)
}
