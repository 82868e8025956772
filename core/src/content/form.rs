//! The staff's offer editor: every field of every kind of item as a form a person fills in,
//! and a filled-in form turned back into the offer.
//!
//! A form never validates anything itself beyond reading what was typed (is "57.5" money, is
//! "13:00" a time). The item it makes goes back into the whole offer, which is written out
//! as the content files and read back with [`load_offer`], the same code `check` runs on
//! `content/`. So the editor and the files can never disagree about what is valid.

use std::collections::BTreeMap;

use toml::{Table, Value};

use super::kinds::{find_item, items_of, ItemKind, COUNCIL_ID};
use super::model::{ContentFile, Problem, CONTENT_FILES};
use super::{load_offer, validate};
use crate::answers::ItemRef;
use crate::offer::{Circumstance, Offer};

/// How a field is typed in, and how it is written in the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text; left empty, the field is left out.
    Line,
    /// Paragraphs of text, separated by a blank line.
    Paragraphs,
    /// A list of short texts, one a line.
    Lines,
    /// A date, `YYYY-MM-DD` (the browser's date picker).
    Date,
    /// A time of day, `HH:MM` (the browser's time picker).
    Time,
    /// A whole number, such as an age.
    Whole,
    /// A number with decimals, such as a latitude.
    Decimal,
    /// Pounds and pence, kept as whole pence.
    Money,
    /// A yes or no, as a checkbox.
    Tick,
    /// One of a list, or none.
    Choice(Options),
    /// Any number of a list, as checkboxes.
    Several(Options),
}

/// Where a choice's options come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Options {
    /// A fixed list of (value, label).
    Fixed(&'static [(&'static str, &'static str)]),
    /// The categories of the offer being edited.
    Categories,
    /// "Your own PA" and the contacts of the offer being edited.
    Contacts,
    /// Every circumstance the app asks about.
    Circumstances,
    /// The districts of the offer being edited (none in a council that runs everything).
    Districts,
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Where it sits in the item, as problems name it: `title`, `amount.pence`; for a
    /// column of rows, its name within a row (`day`).
    pub path: &'static str,
    /// What the form calls it.
    pub label: &'static str,
    /// A line of help under the label; may be empty.
    pub hint: &'static str,
    /// How it is typed in.
    pub input: Input,
}

/// A list of small tables, such as a hub's weekly sessions, shown as rows of fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    /// The key of the list in the item (`sessions`).
    pub key: &'static str,
    /// What the form calls the list.
    pub label: &'static str,
    /// A line of help.
    pub hint: &'static str,
    /// The fields of each row.
    pub columns: &'static [Field],
}

/// A part of a form: a field or a list of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// One field.
    Field(Field),
    /// A list of rows.
    Rows(Rows),
}

/// How many empty rows a form offers for adding to a list, so adding works without scripts.
pub const SPARE_ROWS: usize = 2;

const fn field(path: &'static str, label: &'static str, hint: &'static str, input: Input) -> Part {
    Part::Field(Field {
        path,
        label,
        hint,
        input,
    })
}

const SOURCE_TITLE: Part = field(
    "source.title",
    "Source: title",
    "What the page that confirms these facts is called.",
    Input::Line,
);
const SOURCE_URL: Part = field(
    "source.url",
    "Source: web address",
    "Starts with https://",
    Input::Line,
);
const SOURCE_PUBLISHED: Part = field(
    "source.published",
    "Source: date on the page",
    "The day the page says it was published or updated, if it says. Leave empty if it does not.",
    Input::Date,
);
const LAST_CHECKED: Part = field(
    "last_checked",
    "Last checked",
    "Change this only when you have checked the item against its source.",
    Input::Date,
);

const FREQUENCIES: &[(&str, &str)] = &[
    ("once", "Once"),
    ("weekly", "Every week"),
    ("monthly", "Every month"),
    ("yearly", "Every year"),
    ("every-six-months", "Every six months"),
];
const HUB_STATUSES: &[(&str, &str)] = &[
    ("open", "Open"),
    ("interim", "Open for now in a temporary place"),
    ("opening-soon", "Opening soon"),
];
const CONTACT_KINDS: &[(&str, &str)] = &[
    ("team", "The council's care leavers team"),
    ("duty", "Duty worker"),
    ("out-of-hours", "Out-of-hours emergency team"),
    ("emergency", "Emergency services"),
    ("helpline", "Helpline"),
];
const DAYS: &[(&str, &str)] = &[
    ("monday", "Monday"),
    ("tuesday", "Tuesday"),
    ("wednesday", "Wednesday"),
    ("thursday", "Thursday"),
    ("friday", "Friday"),
    ("saturday", "Saturday"),
    ("sunday", "Sunday"),
];

const LINK_COLUMNS: &[Field] = &[
    Field {
        path: "title",
        label: "Title",
        hint: "",
        input: Input::Line,
    },
    Field {
        path: "url",
        label: "Web address",
        hint: "",
        input: Input::Line,
    },
];
const SESSION_COLUMNS: &[Field] = &[
    Field {
        path: "day",
        label: "Day",
        hint: "",
        input: Input::Choice(Options::Fixed(DAYS)),
    },
    Field {
        path: "start",
        label: "Starts",
        hint: "",
        input: Input::Time,
    },
    Field {
        path: "end",
        label: "Ends",
        hint: "",
        input: Input::Time,
    },
    Field {
        path: "overnight",
        label: "Ends after midnight",
        hint: "",
        input: Input::Tick,
    },
    Field {
        path: "what",
        label: "What happens",
        hint: "",
        input: Input::Line,
    },
];

const COUNCIL: &[Part] = &[
    field("name", "Council's name", "", Input::Line),
    field("area", "Area it covers", "", Input::Line),
    field(
        "last_reviewed",
        "Whole offer last reviewed",
        "",
        Input::Date,
    ),
    Part::Rows(Rows {
        key: "links",
        label: "Links to the council's own pages",
        hint: "To remove a link, empty both its boxes.",
        columns: LINK_COLUMNS,
    }),
    Part::Rows(Rows {
        key: "map_outline",
        label: "Outline of the area on the hub map",
        hint: "Points around the edge of the area, in order. A rough outline is enough. To remove a point, empty both its boxes.",
        columns: POINT_COLUMNS,
    }),
    Part::Rows(Rows {
        key: "map_towns",
        label: "Towns on the hub map",
        hint: "Towns young people find their way by. To remove a town, empty its boxes.",
        columns: TOWN_COLUMNS,
    }),
    Part::Rows(Rows {
        key: "districts",
        label: "Districts (only in a two-tier area)",
        hint: "The district councils that run council tax and housing in your area. The app asks young people which one they live in. Leave empty if your council runs these itself. Never change a district's id once items use it.",
        columns: DISTRICT_COLUMNS,
    }),
    field(
        "districts_source.title",
        "Districts: source title",
        "The page that lists the district councils.",
        Input::Line,
    ),
    field(
        "districts_source.url",
        "Districts: source web address",
        "Starts with https://",
        Input::Line,
    ),
];

const DISTRICT_COLUMNS: &[Field] = &[
    Field {
        path: "name",
        label: "Place",
        hint: "",
        input: Input::Line,
    },
    Field {
        path: "council",
        label: "District council",
        hint: "",
        input: Input::Line,
    },
    Field {
        path: "id",
        label: "Id",
        hint: "",
        input: Input::Line,
    },
];

const POINT_COLUMNS: &[Field] = &[
    Field {
        path: "lat",
        label: "Latitude",
        hint: "",
        input: Input::Decimal,
    },
    Field {
        path: "lon",
        label: "Longitude",
        hint: "",
        input: Input::Decimal,
    },
];
const TOWN_COLUMNS: &[Field] = &[
    Field {
        path: "name",
        label: "Town",
        hint: "",
        input: Input::Line,
    },
    Field {
        path: "lat",
        label: "Latitude",
        hint: "",
        input: Input::Decimal,
    },
    Field {
        path: "lon",
        label: "Longitude",
        hint: "",
        input: Input::Decimal,
    },
    Field {
        path: "label_left",
        label: "Name on the left of the dot",
        hint: "",
        input: Input::Tick,
    },
];

const CATEGORY: &[Part] = &[
    field("title", "Title", "A few words, like Money.", Input::Line),
    field(
        "summary",
        "Summary",
        "One plain sentence about what is in it.",
        Input::Line,
    ),
];

const ENTITLEMENT: &[Part] = &[
    field(
        "title",
        "Title",
        "A few words a young person would use.",
        Input::Line,
    ),
    field(
        "summary",
        "Summary",
        "One sentence: what you get.",
        Input::Line,
    ),
    field(
        "details",
        "Details",
        "Plain English. Leave a blank line between paragraphs.",
        Input::Paragraphs,
    ),
    field(
        "category",
        "Category",
        "",
        Input::Choice(Options::Categories),
    ),
    field(
        "amount.pence",
        "Amount in pounds",
        "Like 57.50 or 3,000. Leave empty when this is not money.",
        Input::Money,
    ),
    field(
        "amount.frequency",
        "How often it is paid",
        "",
        Input::Choice(Options::Fixed(FREQUENCIES)),
    ),
    field(
        "amount.for_weeks",
        "For how many weeks",
        "Only for a weekly amount paid for a limited time. Leave empty when there is no limit.",
        Input::Whole,
    ),
    field(
        "amount.up_to",
        "This is the most you can get (\"up to\")",
        "",
        Input::Tick,
    ),
    field(
        "amount.since",
        "Amount applies since",
        "The day this amount started. Give this or the year, not both.",
        Input::Date,
    ),
    field(
        "amount.year",
        "Amount is for the year",
        "Like 2025-26, for an amount set for one year.",
        Input::Line,
    ),
    field(
        "amount.year_not_stated",
        "The council's page gives no date or year for this amount",
        "Tick this rather than guess a date. The app then says the year is not stated.",
        Input::Tick,
    ),
    field(
        "eligibility.min_age",
        "Youngest age",
        "Leave empty for no lower limit.",
        Input::Whole,
    ),
    field(
        "eligibility.max_age",
        "Oldest age",
        "24 means until the 25th birthday. Leave empty for no upper limit.",
        Input::Whole,
    ),
    field(
        "eligibility.circumstances",
        "Only for young people who",
        "Tick none if it is for every care leaver.",
        Input::Several(Options::Circumstances),
    ),
    field(
        "eligibility.districts",
        "Only for young people who live in",
        "Only in a two-tier area. Tick none if it is for the whole area.",
        Input::Several(Options::Districts),
    ),
    field("steps", "Steps to get it", "One step a line.", Input::Lines),
    field("ask", "Who to ask", "", Input::Several(Options::Contacts)),
    field(
        "keywords",
        "Search words",
        "Words people might search with, one a line.",
        Input::Lines,
    ),
    SOURCE_TITLE,
    SOURCE_URL,
    SOURCE_PUBLISHED,
    LAST_CHECKED,
    field(
        "updated",
        "Changed for young people on",
        "Shows \"Updated\" on the home page. Leave empty if nothing changed for them.",
        Input::Date,
    ),
];

const HUB: &[Part] = &[
    field("name", "Name", "", Input::Line),
    field(
        "address",
        "Street address",
        "Without the town and postcode.",
        Input::Line,
    ),
    field("town", "Town", "", Input::Line),
    field("postcode", "Postcode", "", Input::Line),
    field("lat", "Latitude", "Like 53.0996.", Input::Decimal),
    field("lon", "Longitude", "Like -2.4427.", Input::Decimal),
    field(
        "status",
        "Status",
        "",
        Input::Choice(Options::Fixed(HUB_STATUSES)),
    ),
    field(
        "opens_on",
        "Opens on",
        "Only for a hub that is opening soon.",
        Input::Date,
    ),
    Part::Rows(Rows {
        key: "sessions",
        label: "Weekly sessions",
        hint: "To remove a session, empty its boxes and choose no day.",
        columns: SESSION_COLUMNS,
    }),
    field(
        "services",
        "What you can get help with there",
        "One a line.",
        Input::Lines,
    ),
    field(
        "access",
        "Getting there and getting in",
        "Buses, parking, step-free access.",
        Input::Paragraphs,
    ),
    field("phone", "Phone number", "", Input::Line),
    SOURCE_TITLE,
    SOURCE_URL,
    SOURCE_PUBLISHED,
    LAST_CHECKED,
];

const CONTACT: &[Part] = &[
    field("name", "Name", "", Input::Line),
    field(
        "kind",
        "Kind of contact",
        "",
        Input::Choice(Options::Fixed(CONTACT_KINDS)),
    ),
    field("phone", "Phone number", "", Input::Line),
    field("text", "Number to text", "", Input::Line),
    field("email", "Email address", "", Input::Line),
    field("web", "Web page", "Starts with https://", Input::Line),
    field(
        "hours",
        "When it answers",
        "Like Monday to Friday, 8:30am to 5pm.",
        Input::Paragraphs,
    ),
    field("when", "When to use it", "", Input::Paragraphs),
    field(
        "districts",
        "Only for young people who live in",
        "Only in a two-tier area, for a district council's own team. Tick none if it is for the whole area.",
        Input::Several(Options::Districts),
    ),
    SOURCE_TITLE,
    SOURCE_URL,
    SOURCE_PUBLISHED,
    LAST_CHECKED,
];

const GROUP: &[Part] = &[
    field("name", "Name", "", Input::Line),
    field(
        "summary",
        "Summary",
        "One sentence about what it does.",
        Input::Line,
    ),
    field("for_whom", "Who it is for", "", Input::Paragraphs),
    field("where", "Where it meets", "", Input::Paragraphs),
    field("when", "When it meets", "", Input::Paragraphs),
    field("how_to_join", "How to join", "", Input::Paragraphs),
    Part::Rows(Rows {
        key: "sessions",
        label: "Weekly meetings",
        hint: "Only when the times are published. To remove a meeting, empty its boxes and choose no day.",
        columns: SESSION_COLUMNS,
    }),
    field(
        "contact",
        "Who to ask about it",
        "",
        Input::Choice(Options::Contacts),
    ),
    SOURCE_TITLE,
    SOURCE_URL,
    SOURCE_PUBLISHED,
    LAST_CHECKED,
];

/// Every part of the form for `kind`, in the order the form shows them.
pub fn parts(kind: ItemKind) -> &'static [Part] {
    match kind {
        ItemKind::Council => COUNCIL,
        ItemKind::Category => CATEGORY,
        ItemKind::Entitlement => ENTITLEMENT,
        ItemKind::Hub => HUB,
        ItemKind::Contact => CONTACT,
        ItemKind::Group => GROUP,
    }
}

/// The field that titles an item of `kind`, from which a new item's id is made.
pub fn title_field(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Category | ItemKind::Entitlement => "title",
        _ => "name",
    }
}

/// The (value, label) pairs of a choice, for the offer being edited.
pub fn options(options: Options, offer: &Offer) -> Vec<(String, String)> {
    match options {
        Options::Fixed(list) => list
            .iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect(),
        Options::Categories => offer
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect(),
        Options::Contacts => std::iter::once(("pa".to_string(), "Your own PA".to_string()))
            .chain(
                offer
                    .contacts
                    .iter()
                    .map(|c| (c.id.clone(), c.name.clone())),
            )
            .collect(),
        Options::Circumstances => Circumstance::ALL
            .iter()
            .map(|c| (c.slug().to_string(), c.label().to_string()))
            .collect(),
        Options::Districts => offer
            .council
            .districts
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect(),
    }
}

/// What a form holds: each field's name (`title`, `sessions[2].end`) with what was typed.
/// A field can hold several values (ticked checkboxes).
pub type FormValues = BTreeMap<String, Vec<String>>;

/// Collects the pairs of a submitted form.
pub fn form_values(pairs: impl IntoIterator<Item = (String, String)>) -> FormValues {
    let mut values = FormValues::new();
    for (name, value) in pairs {
        values.entry(name).or_default().push(value);
    }
    values
}

/// The name of a row's field in a form: `sessions[2].end`.
pub fn row_field(key: &str, row: usize, column: &str) -> String {
    format!("{key}[{row}].{column}")
}

fn get<'a>(table: &'a Table, path: &str) -> Option<&'a Value> {
    let mut steps = path.split('.');
    let mut value = table.get(steps.next()?)?;
    for step in steps {
        value = value.as_table()?.get(step)?;
    }
    Some(value)
}

fn shown(value: &Value, input: Input) -> Vec<String> {
    match (value, input) {
        (Value::Integer(pence), Input::Money) => {
            vec![crate::money::pounds_for_typing((*pence).max(0) as u64)]
        }
        (Value::Array(list), Input::Lines | Input::Several(_)) => list
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect(),
        (Value::Boolean(true), Input::Tick) => vec!["yes".to_string()],
        (Value::Boolean(false), Input::Tick) => Vec::new(),
        (Value::String(text), _) => vec![text.clone()],
        (other, _) => vec![other.to_string()],
    }
}

/// The form for an item as it stands, from its table.
pub fn values_of(kind: ItemKind, table: &Table) -> FormValues {
    let mut values = FormValues::new();
    for part in parts(kind) {
        match part {
            Part::Field(f) => {
                if let Some(value) = get(table, f.path) {
                    values.insert(f.path.to_string(), shown(value, f.input));
                }
            }
            Part::Rows(rows) => {
                let list = table.get(rows.key).and_then(Value::as_array);
                for (i, row) in list.into_iter().flatten().enumerate() {
                    let Some(row) = row.as_table() else { continue };
                    for column in rows.columns {
                        if let Some(value) = row.get(column.path) {
                            values.insert(
                                row_field(rows.key, i + 1, column.path),
                                shown(value, column.input),
                            );
                        }
                    }
                }
            }
        }
    }
    values
}

/// How many rows of `key` the form holds (the highest row number typed in).
pub fn row_count(values: &FormValues, key: &str) -> usize {
    let prefix = format!("{key}[");
    values
        .keys()
        .filter_map(|name| name.strip_prefix(&prefix)?.split(']').next()?.parse().ok())
        .max()
        .unwrap_or(0)
}

fn first<'a>(values: &'a FormValues, name: &str) -> &'a str {
    values
        .get(name)
        .and_then(|v| v.first())
        .map(|s| s.trim())
        .unwrap_or("")
}

/// Reads one field of the form as a TOML value: `Ok(None)` when it was left empty, or why
/// what was typed cannot be read.
fn read(values: &FormValues, name: &str, input: Input) -> Result<Option<Value>, String> {
    let text = first(values, name);
    match input {
        Input::Lines | Input::Several(_) => {
            let list: Vec<Value> = values
                .get(name)
                .into_iter()
                .flatten()
                .flat_map(|v| v.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect();
            Ok((!list.is_empty()).then_some(Value::Array(list)))
        }
        Input::Tick => Ok((!text.is_empty()).then_some(Value::Boolean(true))),
        _ if text.is_empty() => Ok(None),
        Input::Line | Input::Choice(_) | Input::Date | Input::Time => {
            Ok(Some(Value::String(text.to_string())))
        }
        Input::Paragraphs => {
            // Browsers send CRLF from a textarea; the content keeps plain line ends.
            let text = values.get(name).and_then(|v| v.first()).map_or("", |v| v);
            // Kept as typed otherwise: a save with no change gives back the same text.
            Ok(Some(Value::String(text.replace("\r\n", "\n"))))
        }
        Input::Whole => text
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| Some(Value::Integer(n)))
            .ok_or_else(|| format!("\"{text}\" is not a whole number like 16")),
        Input::Decimal => text
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|n| Some(Value::Float(n)))
            .ok_or_else(|| format!("\"{text}\" is not a number like 53.0996")),
        Input::Money => crate::money::parse_pounds(text)
            .map(|pence| Some(Value::Integer(pence.min(i64::MAX as u64) as i64))),
    }
}

fn set(table: &mut Table, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            table.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = table
                .entry(head.to_string())
                .or_insert_with(|| Value::Table(Table::new()));
            if let Value::Table(inner) = inner {
                set(inner, rest, value);
            }
        }
    }
}

/// A field that could not be read, named as problems name fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The field, like `amount.pence` or `sessions[2].start`.
    pub field: String,
    /// Why, in plain words.
    pub message: String,
}

/// The item a form describes, and the fields that could not be read (left out of it).
pub fn table_from(kind: ItemKind, values: &FormValues) -> (Table, Vec<Unreadable>) {
    let mut table = Table::new();
    let mut unreadable = Vec::new();
    for part in parts(kind) {
        match part {
            Part::Field(f) => match read(values, f.path, f.input) {
                Ok(Some(value)) => set(&mut table, f.path, value),
                Ok(None) => {}
                Err(message) => unreadable.push(Unreadable {
                    field: f.path.to_string(),
                    message,
                }),
            },
            Part::Rows(rows) => {
                let mut list = Vec::new();
                for row in 1..=row_count(values, rows.key) {
                    let mut cells = Table::new();
                    for column in rows.columns {
                        let name = row_field(rows.key, row, column.path);
                        match read(values, &name, column.input) {
                            Ok(Some(value)) => {
                                cells.insert(column.path.to_string(), value);
                            }
                            Ok(None) => {}
                            Err(message) => unreadable.push(Unreadable {
                                field: row_field(rows.key, list.len() + 1, column.path),
                                message,
                            }),
                        }
                    }
                    // A row left empty is a spare row, or one the officer emptied to remove it.
                    if !cells.is_empty() {
                        list.push(Value::Table(cells));
                    }
                }
                if !list.is_empty() {
                    table.insert(rows.key.to_string(), Value::Array(list));
                }
            }
        }
    }
    (table, unreadable)
}

/// The offer's content files with each item of `kind` turned by `edit`; the files hold the
/// offer exactly, so [`load_offer`] reads them back to the same offer.
fn files_with(
    offer: &Offer,
    kind: ItemKind,
    edit: impl FnOnce(Vec<Value>) -> Vec<Value>,
) -> Vec<ContentFile> {
    let mut edit = Some(edit);
    let mut files: Vec<(String, Table)> = CONTENT_FILES
        .iter()
        .map(|name| (name.to_string(), Table::new()))
        .collect();
    for each in ItemKind::ALL {
        let mut items: Vec<Value> = items_of(offer, each)
            .into_iter()
            .map(|i| Value::Table(i.table))
            .collect();
        if each == kind {
            if let Some(edit) = edit.take() {
                items = edit(items);
            }
        }
        let file = &mut files
            .iter_mut()
            .find(|(name, _)| name == each.file())
            .expect("every kind has a file")
            .1;
        match each {
            ItemKind::Council => {
                if let Some(council) = items.into_iter().next() {
                    file.insert(each.key().to_string(), council);
                }
            }
            _ => {
                file.insert(each.key().to_string(), Value::Array(items));
            }
        }
    }
    // The council's choices about the national layer are no item of any kind, but they
    // live in offer.toml: an edit to anything else must keep them.
    if !offer.national.is_empty() {
        let national =
            Value::try_from(&offer.national).expect("national choices always write as TOML");
        files
            .iter_mut()
            .find(|(name, _)| name == super::model::OFFER)
            .expect("offer.toml is a content file")
            .1
            .insert("national".to_string(), national);
    }
    files
        .into_iter()
        .map(|(name, table)| {
            let text = toml::to_string(&table).expect("an offer's tables always write as TOML");
            ContentFile::new(name, text)
        })
        .collect()
}

/// Loads files made from an offer, keeping its "You said, we did" entries.
pub(super) fn reload(files: &[ContentFile], before: &Offer) -> Result<Offer, Vec<Problem>> {
    let mut offer = load_offer(files)?;
    offer.you_said_we_did = before.you_said_we_did.clone();
    Ok(offer)
}

/// The result of a good edit: the whole new offer and the id of the item edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The offer with the edit made.
    pub offer: Offer,
    /// The item's id (new items get theirs from their title).
    pub id: String,
}

/// Puts a filled-in form into `offer`: as the item of `kind` with `id`, or as a new item
/// when `id` is `None`. Refused with every problem, in the checker's words, when the form
/// cannot be read or the offer it makes is not valid.
pub fn apply(
    offer: &Offer,
    kind: ItemKind,
    id: Option<&str>,
    values: &FormValues,
) -> Result<Edited, Vec<Problem>> {
    let (mut table, unreadable) = table_from(kind, values);
    let id = match (kind, id) {
        (ItemKind::Council, _) => COUNCIL_ID.to_string(),
        (_, Some(id)) => id.to_string(),
        (_, None) => new_id(offer, kind, first(values, title_field(kind))),
    };
    if kind != ItemKind::Council {
        // An id never changes after the item is made: links and saved lists use it.
        let mut with_id = Table::new();
        with_id.insert("id".to_string(), Value::String(id.clone()));
        with_id.extend(table);
        table = with_id;
    }
    let label = if kind == ItemKind::Council {
        kind.key().to_string()
    } else {
        id.clone()
    };
    let existing = find_item(offer, kind, &id);
    let exists = existing.is_some();
    // Translations are edited on a page of their own: the form never holds them, so an
    // edit of the English keeps them (and `in_language` then sees whether they are current).
    if let Some(translations) = existing.as_ref().and_then(|i| i.table.get("translations")) {
        table.insert("translations".to_string(), translations.clone());
    }
    let files = files_with(offer, kind, |mut items| {
        let position = items
            .iter()
            .position(|i| i.get("id").and_then(Value::as_str) == Some(id.as_str()));
        match (kind, position) {
            (ItemKind::Council, _) => items = vec![Value::Table(table)],
            (_, Some(at)) if exists => items[at] = Value::Table(table),
            _ => items.push(Value::Table(table)),
        }
        items
    });
    let mut problems: Vec<Problem> = unreadable
        .iter()
        .map(|u| Problem::new(kind.file(), &label, &u.field, u.message.clone()))
        .collect();
    match reload(&files, offer) {
        Ok(offer) if problems.is_empty() => Ok(Edited { offer, id }),
        Ok(_) => Err(problems),
        Err(found) => {
            // A field that could not be read was left out, so the checker may also say it
            // is missing; the first reason is the one that helps.
            problems.extend(
                found
                    .into_iter()
                    .filter(|p| !unreadable.iter().any(|u| p.field.starts_with(&u.field))),
            );
            Err(problems)
        }
    }
}

/// An id for a new item, made from its title and kept from then on: `setting-up-home`,
/// or `setting-up-home-2` when another item of its kind has that id.
pub fn new_id(offer: &Offer, kind: ItemKind, title: &str) -> String {
    let base = validate::slugify(title);
    if base.is_empty() {
        // The checker then says the title is missing; the id is never seen.
        return "new".to_string();
    }
    let taken = |id: &str| find_item(offer, kind, id).is_some();
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

/// Sets an item's `last_checked` (the council's `last_reviewed`) to `today`: "checked,
/// nothing changed".
pub fn mark_checked(
    offer: &Offer,
    kind: ItemKind,
    id: &str,
    today: chrono::NaiveDate,
) -> Option<Offer> {
    let mut offer = offer.clone();
    match kind {
        ItemKind::Council => offer.council.last_reviewed = today,
        ItemKind::Category => return None,
        ItemKind::Entitlement => {
            offer
                .entitlements
                .iter_mut()
                .find(|i| i.id == id)?
                .last_checked = today
        }
        ItemKind::Hub => offer.hubs.iter_mut().find(|i| i.id == id)?.last_checked = today,
        ItemKind::Contact => offer.contacts.iter_mut().find(|i| i.id == id)?.last_checked = today,
        ItemKind::Group => offer.groups.iter_mut().find(|i| i.id == id)?.last_checked = today,
    }
    Some(offer)
}

/// True when items of `kind` carry a "last checked" date.
pub fn is_checked(kind: ItemKind) -> bool {
    kind != ItemKind::Category
}

/// Why an item cannot be removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The council's own fields are not an item that can go.
    Council,
    /// There is no such item.
    NotFound,
    /// Other things point at it: each named in words.
    PointedAt(Vec<String>),
    /// Without it the offer would not be valid (for example, the last category).
    Invalid(Vec<Problem>),
}

/// The offer without the item of `kind` with `id`, unless something points at it: an
/// entitlement's category or "who to ask", or a "You said, we did" entry in `about`.
pub fn remove(
    offer: &Offer,
    kind: ItemKind,
    id: &str,
    about: &[(ItemRef, String)],
) -> Result<Offer, Refusal> {
    if kind == ItemKind::Council {
        return Err(Refusal::Council);
    }
    if find_item(offer, kind, id).is_none() {
        return Err(Refusal::NotFound);
    }
    let mut pointers = Vec::new();
    for e in &offer.entitlements {
        if kind == ItemKind::Category && e.category == id {
            pointers.push(format!(
                "the entitlement \"{}\" is in this category",
                e.title
            ));
        }
        if kind == ItemKind::Contact && e.ask.iter().any(|a| a == id) {
            pointers.push(format!(
                "the entitlement \"{}\" tells young people to ask this contact",
                e.title
            ));
        }
    }
    for g in &offer.groups {
        if kind == ItemKind::Contact && g.contact.as_deref() == Some(id) {
            pointers.push(format!(
                "the group \"{}\" tells young people to ask this contact",
                g.name
            ));
        }
    }
    let mine = match kind {
        ItemKind::Entitlement => Some(ItemRef::Entitlement(id.to_string())),
        ItemKind::Hub => Some(ItemRef::Hub(id.to_string())),
        ItemKind::Group => Some(ItemRef::Group(id.to_string())),
        _ => None,
    };
    for (item, said) in about {
        if Some(item) == mine.as_ref() {
            pointers.push(format!(
                "the \"You said, we did\" entry \"{said}\" is about it"
            ));
        }
    }
    if !pointers.is_empty() {
        return Err(Refusal::PointedAt(pointers));
    }
    let files = files_with(offer, kind, |items| {
        items
            .into_iter()
            .filter(|i| i.get("id").and_then(Value::as_str) != Some(id))
            .collect()
    });
    reload(&files, offer).map_err(Refusal::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentFile;

    fn today_offer() -> Offer {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let files: Vec<ContentFile> = CONTENT_FILES
            .iter()
            .map(|name| {
                ContentFile::new(
                    *name,
                    std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
                )
            })
            .collect();
        load_offer(&files).unwrap()
    }

    fn form_of(offer: &Offer, kind: ItemKind, id: &str) -> FormValues {
        values_of(kind, &find_item(offer, kind, id).unwrap().table)
    }

    fn put(values: &mut FormValues, name: &str, value: &str) {
        values.insert(name.to_string(), vec![value.to_string()]);
    }

    #[test]
    fn every_item_saved_unchanged_from_its_form_is_the_same_item() {
        let offer = today_offer();
        for kind in ItemKind::ALL {
            for item in items_of(&offer, kind) {
                let values = values_of(kind, &item.table);
                let edited = apply(&offer, kind, Some(&item.id), &values)
                    .unwrap_or_else(|p| panic!("{kind:?} {}: {p:?}", item.id));
                let after = find_item(&edited.offer, kind, &item.id).unwrap();
                assert_eq!(after.table, item.table, "{kind:?} {}", item.id);
                assert!(edited.offer == offer, "{kind:?} {}", item.id);
            }
        }
    }

    #[test]
    fn an_amount_typed_in_pounds_is_kept_in_pence() {
        // Any item will do: the amount is typed in whole, with its frequency and start.
        let offer = today_offer();
        let with_amount = &offer.entitlements[0];
        let mut values = form_of(&offer, ItemKind::Entitlement, &with_amount.id);
        put(&mut values, "amount.pence", "£1,234.50");
        put(&mut values, "amount.frequency", "once");
        put(&mut values, "amount.since", "2026-04-01");
        let edited = apply(
            &offer,
            ItemKind::Entitlement,
            Some(&with_amount.id),
            &values,
        )
        .unwrap();
        let changed = edited.offer.entitlement(&with_amount.id).unwrap();
        assert_eq!(changed.amount.unwrap().pence, 123_450);
    }

    #[test]
    fn a_bad_edit_names_each_field_and_changes_nothing() {
        let offer = today_offer();
        let id = &offer.entitlements[0].id;
        let mut values = form_of(&offer, ItemKind::Entitlement, id);
        put(&mut values, "title", "");
        put(&mut values, "amount.pence", "ten pounds");
        put(&mut values, "amount.frequency", "monthly");
        put(&mut values, "amount.year", "2026-27");
        let problems = apply(&offer, ItemKind::Entitlement, Some(id), &values).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"title"), "{problems:?}");
        assert!(fields.contains(&"amount.pence"), "{problems:?}");
        assert!(
            problems.iter().all(|p| p.item == *id),
            "every problem is about this item: {problems:?}"
        );
    }

    #[test]
    fn a_session_ending_before_it_starts_is_refused_at_its_row() {
        let offer = today_offer();
        let hub = &offer.hubs[0].id;
        let mut values = form_of(&offer, ItemKind::Hub, hub);
        put(&mut values, "sessions[1].day", "monday");
        put(&mut values, "sessions[1].start", "13:00");
        put(&mut values, "sessions[1].end", "12:00");
        let problems = apply(&offer, ItemKind::Hub, Some(hub), &values).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "sessions[1].end");
        put(&mut values, "sessions[1].end", "16:30");
        // An empty spare row is no session.
        put(&mut values, "sessions[2].what", "");
        let edited = apply(&offer, ItemKind::Hub, Some(hub), &values).unwrap();
        let sessions = &edited.offer.hub(hub).unwrap().sessions;
        assert_eq!(sessions.len(), 1);
        assert_eq!(crate::dates::clock(sessions[0].end), "16:30");
    }

    #[test]
    fn a_new_item_gets_its_id_from_its_title_and_keeps_it() {
        let offer = today_offer();
        let mut values = form_of(&offer, ItemKind::Group, &offer.groups[0].id);
        put(&mut values, "name", "Young Parents' Group");
        let edited = apply(&offer, ItemKind::Group, None, &values).unwrap();
        assert_eq!(edited.id, "young-parents-group");
        assert_eq!(edited.offer.groups.len(), offer.groups.len() + 1);
        let again = apply(&edited.offer, ItemKind::Group, None, &values).unwrap();
        assert_eq!(again.id, "young-parents-group-2");
        put(&mut values, "name", "A new name");
        let renamed = apply(
            &again.offer,
            ItemKind::Group,
            Some("young-parents-group"),
            &values,
        )
        .unwrap();
        assert_eq!(
            renamed.offer.group("young-parents-group").unwrap().name,
            "A new name"
        );
    }

    #[test]
    fn removing_what_others_point_at_is_refused_and_names_them() {
        let offer = today_offer();
        let category = offer.entitlements[0].category.clone();
        let Err(Refusal::PointedAt(names)) = remove(&offer, ItemKind::Category, &category, &[])
        else {
            panic!("a category in use cannot go")
        };
        assert!(names[0].contains(&offer.entitlements[0].title));
        let hub = offer.hubs[0].id.clone();
        let about = [(ItemRef::Hub(hub.clone()), "More drop-ins".to_string())];
        assert!(matches!(
            remove(&offer, ItemKind::Hub, &hub, &about),
            Err(Refusal::PointedAt(_))
        ));
        let removed = remove(&offer, ItemKind::Hub, &hub, &[]).unwrap();
        assert!(removed.hub(&hub).is_none());
        assert_eq!(
            remove(&offer, ItemKind::Council, COUNCIL_ID, &[]),
            Err(Refusal::Council)
        );
    }

    #[test]
    fn checked_nothing_changed_moves_only_the_date() {
        let offer = today_offer();
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let id = &offer.contacts[0].id;
        let checked = mark_checked(&offer, ItemKind::Contact, id, day).unwrap();
        assert_eq!(checked.contact(id).unwrap().last_checked, day);
        let mut back = checked.clone();
        back.contacts[0].last_checked = offer.contacts[0].last_checked;
        assert_eq!(back, offer);
    }
}
