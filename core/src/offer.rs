//! The local offer as typed data: what the council publishes and the app shows.
//!
//! These types are the public JSON contract of `GET /api/offer` and the shape of the
//! TOML files in `content/`. They are defined once here and shared by app and server.

use chrono::{NaiveDate, NaiveTime, Weekday};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

// The offer holds "You said, we did" entries and answers questions about them; answers.rs
// defines them and does not look at the offer, so the two modules do not import each other.
use crate::answers::{ItemRef, YouSaidWeDid};

/// The whole offer of one council, as the app receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// A version that changes whenever any content changes (a hash of the JSON).
    #[serde(default)]
    pub version: String,
    /// Who publishes this offer.
    pub council: Council,
    /// The areas of life the offer covers, in the order to show them.
    pub categories: Vec<Category>,
    /// Everything a care leaver can get.
    pub entitlements: Vec<Entitlement>,
    /// Places to drop in.
    pub hubs: Vec<Hub>,
    /// Teams and helplines to call.
    pub contacts: Vec<Contact>,
    /// Peer support and participation groups.
    pub groups: Vec<Group>,
    /// "You said, we did" entries, published by staff (not from `content/`). Left out of
    /// the JSON when empty, and an offer saved by an older app without it still reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub you_said_we_did: Vec<YouSaidWeDid>,
    /// What this council does with the national entitlements every English council
    /// shares (`content/national/`): which it hides, and the local detail it adds to some.
    /// Left out of the JSON when it does nothing.
    #[serde(default, skip_serializing_if = "NationalChoices::is_empty")]
    pub national: NationalChoices,
}

/// A council's choices about the national layer, in its `offer.toml`'s `[national]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalChoices {
    /// National entitlements this council does not show (it offers something else).
    #[serde(default)]
    pub hide: Vec<String>,
    /// Local detail added to national entitlements, such as an extra local amount.
    #[serde(default)]
    pub add: Vec<LocalAddition>,
}

impl NationalChoices {
    /// True when the council takes the national layer as it is.
    pub fn is_empty(&self) -> bool {
        self.hide.is_empty() && self.add.is_empty()
    }
}

/// Local detail a council adds to one national entitlement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalAddition {
    /// The national entitlement's id.
    pub id: String,
    /// What the council adds.
    #[serde(flatten)]
    pub detail: LocalDetail,
}

/// A council's own words on a national entitlement, with their own source: shown under
/// the national text, never mixed into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDetail {
    /// Plain English, one or two short paragraphs.
    pub text: String,
    /// Where the local fact comes from.
    pub source: Link,
    /// When someone last checked it against its source.
    pub last_checked: NaiveDate,
}

/// The council that publishes the offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Council {
    /// The council's name, e.g. "Cheshire East Council".
    pub name: String,
    /// The area it covers, e.g. "Cheshire East".
    pub area: String,
    /// When officers last reviewed the whole offer.
    pub last_reviewed: NaiveDate,
    /// Links to the council's own published offer and related pages.
    #[serde(default)]
    pub links: Vec<Link>,
    /// A rough outline of the area, for the hub map drawn on the phone; none draws no outline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub map_outline: Vec<MapPoint>,
    /// Towns to find your way by on the hub map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub map_towns: Vec<MapTown>,
    /// In a two-tier area (a county), the district councils that run council tax and
    /// housing, so items can say which district they are for and the app can ask where a
    /// young person lives. Empty for a council that runs everything itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<District>,
    /// Where the list of districts comes from (needed when there are districts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub districts_source: Option<Link>,
}

impl Council {
    /// The district with this id, if the council has it.
    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.id == id)
    }

    /// The names of the districts with these ids, in the council's order, for "Only in
    /// Preston and South Ribble"; ids the council does not have are left out.
    pub fn district_names(&self, ids: &[String]) -> Vec<String> {
        self.districts
            .iter()
            .filter(|d| ids.contains(&d.id))
            .map(|d| d.name.clone())
            .collect()
    }
}

/// A district of a two-tier area, run by its own district council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    /// A stable slug, e.g. "south-ribble".
    pub id: String,
    /// The place as young people say it, e.g. "South Ribble".
    pub name: String,
    /// The district council's own name, e.g. "South Ribble Borough Council".
    pub council: String,
}

/// A point of the area's outline on the hub map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// A town shown on the hub map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapTown {
    /// Its name.
    pub name: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// True to put its name on the left of its dot (when a neighbour is to the right).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub label_left: bool,
}

/// A titled https link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// What the page is called.
    pub title: String,
    /// Where it is (always https).
    pub url: String,
    /// The day the page itself says it was published or last updated, when it says. Beside
    /// an item's `last_checked` (the day someone read it) it tells how old the fact may be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
}

/// Where a fact comes from: every entitlement, hub, contact and group carries one.
pub type Source = Link;

/// One area of life the offer covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// A stable slug, e.g. "money".
    pub id: String,
    /// A short title, e.g. "Money".
    pub title: String,
    /// One plain sentence about what is in it.
    pub summary: String,
    /// Its title and summary in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, CategoryTranslation>,
}

/// A category's title and summary in another language, with the English they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryTranslation {
    pub title: String,
    pub summary: String,
    /// [`english_fingerprint`] of the English title and summary when this was translated.
    pub from: String,
    /// True for a translation written by the development team that no speaker has checked
    /// yet (phones say so); saving it in the staff editor makes it the council's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Category {
    /// The fingerprint a translation made now records.
    pub fn english_now(&self) -> String {
        english_fingerprint(&self.title, &self.summary)
    }

    /// Its title in `code` when translated and up to date, else the English.
    pub fn title_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.title, |t| &t.title)
    }

    /// Its summary in `code` when translated and up to date, else the English.
    pub fn summary_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.summary, |t| &t.summary)
    }
}

/// Something a care leaver can get: money, help or a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entitlement {
    /// A stable slug used in URLs and saved lists.
    pub id: String,
    /// A short title.
    pub title: String,
    /// One sentence: what you get.
    pub summary: String,
    /// Plain-English details (paragraphs separated by blank lines).
    pub details: String,
    /// The id of its category.
    pub category: String,
    /// How much, when it is money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Several amounts, each with what it is for ("£25 on your 19th birthday"), for an
    /// item that pays different sums at different times; instead of `amount`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amounts: Vec<LabelledAmount>,
    /// Who can get it.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// How to get it, as numbered steps.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Contact ids to ask; "pa" means the young person's own personal adviser.
    #[serde(default)]
    pub ask: Vec<String>,
    /// Words people might search with ("rent", "uni").
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Where the fact comes from.
    pub source: Source,
    /// When someone last checked it against the source.
    pub last_checked: NaiveDate,
    /// When the entitlement itself last changed, for "Updated: ..." on the home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<NaiveDate>,
    /// Its title and summary in other languages, by language code (`ar`, `ps`, `fa-AF`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
    /// True for an entitlement from the national layer, the same in every council.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub national: bool,
    /// The council's own detail on a national entitlement (set when the layers are put
    /// together, never written in an entitlements file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalDetail>,
}

/// An item's title and summary in another language, with the English they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub title: String,
    pub summary: String,
    /// The steps to get it, one for each English step; empty when only the title and
    /// summary are translated (the English steps show).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// [`english_fingerprint`] of the English title and summary (and steps, when they are
    /// translated too) when this was translated: when that English changes, the translation
    /// is out of date until someone updates it.
    pub from: String,
    /// True for a translation written by the development team that no speaker has checked
    /// yet (phones say so); saving it in the staff editor makes it the council's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Translation {
    /// The fingerprint this translation should carry for `e`'s English as it is now: of the
    /// title and summary, and of the steps too when it translates them.
    pub fn english_now(&self, e: &Entitlement) -> String {
        english_source(e, !self.steps.is_empty())
    }
}

/// The fingerprint of `e`'s English that a translation made now records: its title and
/// summary, and its steps when `with_steps` (a translation of the steps goes out of date
/// when a step changes; one of the title and summary only does not).
pub fn english_source(e: &Entitlement, with_steps: bool) -> String {
    if with_steps {
        let steps = e.steps.join("\n");
        english_fingerprint(&e.title, &format!("{}\u{0}{steps}", e.summary))
    } else {
        english_fingerprint(&e.title, &e.summary)
    }
}

/// A short fingerprint of an item's English title and summary (FNV-1a, 64 bits, in hex):
/// enough to notice that the English changed, with no hashing crate in the app.
pub fn english_fingerprint(title: &str, summary: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in title.bytes().chain([0u8]).chain(summary.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// One item's words in another language: what every kind of translation records.
pub trait ItemTranslation {
    /// The [`english_fingerprint`] of the English it was translated from.
    fn made_from(&self) -> &str;
    /// True for a draft no speaker has checked (see each type's `draft`).
    fn is_draft(&self) -> bool;
}

/// The four kinds of translation record the same two things in the same two fields.
macro_rules! item_translation {
    ($($kind:ty),+) => {$(
        impl ItemTranslation for $kind {
            fn made_from(&self) -> &str {
                &self.from
            }

            fn is_draft(&self) -> bool {
                self.draft
            }
        }
    )+};
}

item_translation!(
    Translation,
    CategoryTranslation,
    HubTranslation,
    ContactTranslation
);

/// An item whose own words can be translated (a category, entitlement, hub or contact).
/// When its words in a language are shown, out of date or a draft is decided here, once
/// for every kind; each kind says only where its translations are and what its English is.
pub trait Translated {
    /// Its kind of translation.
    type Words: ItemTranslation;

    /// Its translations by language code, up to date or not.
    fn translations(&self) -> &BTreeMap<String, Self::Words>;

    /// The fingerprint `words` would record if they were translated from its English now.
    fn english_for(&self, words: &Self::Words) -> String;

    /// Its words in `code` when they were translated from its English as it is now.
    fn current_in(&self, code: &str) -> Option<&Self::Words> {
        self.translations()
            .get(code)
            .filter(|t| t.made_from() == self.english_for(t))
    }

    /// True when it was translated into `code` but its English has changed since: phones
    /// show the English, with a note.
    fn out_of_date_in(&self, code: &str) -> bool {
        self.translations().contains_key(code) && self.current_in(code).is_none()
    }

    /// True when its words in `code` are shown and are a draft no speaker has checked.
    fn draft_in(&self, code: &str) -> bool {
        self.current_in(code).is_some_and(ItemTranslation::is_draft)
    }
}

impl Translated for Entitlement {
    type Words = Translation;

    fn translations(&self) -> &BTreeMap<String, Translation> {
        &self.translations
    }

    fn english_for(&self, words: &Translation) -> String {
        words.english_now(self)
    }
}

/// A category, a hub and a contact each have one fingerprint of their English, whatever a
/// translation covers (an entitlement's depends on whether it translates the steps).
macro_rules! translated_as_a_whole {
    ($($item:ty => $words:ty),+) => {$(
        impl Translated for $item {
            type Words = $words;

            fn translations(&self) -> &BTreeMap<String, $words> {
                &self.translations
            }

            fn english_for(&self, _: &$words) -> String {
                self.english_now()
            }
        }
    )+};
}

translated_as_a_whole!(
    Category => CategoryTranslation,
    Hub => HubTranslation,
    Contact => ContactTranslation
);

impl Entitlement {
    /// Its title in `code` when translated and up to date, else the English.
    pub fn title_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.title, |t| &t.title)
    }

    /// Its steps in `code` when they are translated and up to date, else the English.
    pub fn steps_in(&self, code: &str) -> &[String] {
        self.translated_steps(code).unwrap_or(&self.steps)
    }

    /// True when [`Entitlement::steps_in`] gives the steps in `code`, not the English: a
    /// translation may leave the steps out, and then they show in English.
    pub fn steps_translated_in(&self, code: &str) -> bool {
        self.translated_steps(code).is_some()
    }

    fn translated_steps(&self, code: &str) -> Option<&[String]> {
        self.current_in(code)
            .map(|t| t.steps.as_slice())
            .filter(|steps| !steps.is_empty())
    }

    /// Its summary in `code` when translated and up to date, else the English.
    pub fn summary_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.summary, |t| &t.summary)
    }
}

/// One of several amounts in an item, with what it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledAmount {
    /// What it is for, to follow the amount: "on your 19th birthday".
    pub label: String,
    /// How much, how often and since when, as for a single amount.
    pub amount: Amount,
}

/// An amount of money in whole pence, with how often it is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// Whole pence, so £3,000 is 300000.
    pub pence: u64,
    /// How often it is paid. Required: validation rejects an amount without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// True when this is the most you can get ("up to £1,200 a year").
    #[serde(default)]
    pub up_to: bool,
    /// The day this amount has applied since ("since April 2023"); content gives this or `year`.
    ///
    /// Optional in the type so an offer saved before the field existed still loads;
    /// validation requires `since` or `year` on every amount in `content/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// The year this amount is for ("in 2025 to 2026"), written "2025-26".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<YearSpan>,
    /// How many weeks a weekly amount is paid for ("£57.90 a week for 5 weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_weeks: Option<u16>,
    /// True when the council's page gives the amount but no date or year for it: the app says
    /// so plainly rather than guess one. Takes the place of `since` or `year`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_not_stated: bool,
}

/// A year that runs across two calendar years, like the tax year or the school year 2025 to 2026.
///
/// Written "2025-26" in content and JSON; only a span of one year can be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearSpan {
    first: u16,
}

impl YearSpan {
    /// The span that starts in `first`, e.g. 2025 for 2025 to 2026.
    pub fn starting(first: u16) -> YearSpan {
        YearSpan { first }
    }

    /// The calendar year it starts in.
    pub fn first(self) -> u16 {
        self.first
    }

    /// The calendar year it ends in.
    pub fn last(self) -> u16 {
        self.first + 1
    }
}

impl std::fmt::Display for YearSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.first, self.last() % 100)
    }
}

impl std::str::FromStr for YearSpan {
    type Err = String;

    fn from_str(text: &str) -> Result<YearSpan, String> {
        let wrong = || {
            format!(
                "\"{text}\" is not a year like \"2025-26\" (the year that starts in 2025 and ends in 2026)"
            )
        };
        let (first, last) = text.trim().split_once('-').ok_or_else(wrong)?;
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if first.len() != 4 || last.len() != 2 || !all_digits(first) || !all_digits(last) {
            return Err(wrong());
        }
        let first: u16 = first.parse().map_err(|_| wrong())?;
        let last: u16 = last.parse().map_err(|_| wrong())?;
        if !(2000..=2098).contains(&first) || (first + 1) % 100 != last {
            return Err(wrong());
        }
        Ok(YearSpan { first })
    }
}

impl Serialize for YearSpan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearSpan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<YearSpan, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How often an amount is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// A single payment.
    Once,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every year.
    Yearly,
    /// Twice a year ("up to £300 every six months").
    EverySixMonths,
}

/// Who can get an entitlement. Empty means every care leaver.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Youngest age in whole years (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u8>,
    /// Oldest age in whole years (inclusive): 24 means "until your 25th birthday".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u8>,
    /// You need at least one of these; empty means no condition.
    #[serde(default)]
    pub circumstances: Vec<Circumstance>,
    /// In a two-tier area, the ids of the districts (`[[council.districts]]`) you must
    /// live in; empty means the whole area.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<String>,
}

/// Something about a young person's life that changes what they can get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Circumstance {
    /// At school, sixth form or college, or on a training course.
    College,
    /// At university or on a higher education course.
    University,
    /// Doing an apprenticeship.
    Apprenticeship,
    /// In paid work.
    Working,
    /// Looking for work or training.
    LookingForWork,
    /// A parent, or expecting a baby.
    Parent,
    /// Disabled or with a long-term health condition.
    Disabled,
    /// Came to the UK on your own (an unaccompanied asylum-seeking young person).
    Unaccompanied,
    /// Living outside the council's area.
    OutsideArea,
    /// Still living with your former foster carers (Staying Put).
    StayingPut,
}

impl Circumstance {
    /// Every circumstance, in the order the app asks about them.
    pub const ALL: [Circumstance; 10] = [
        Circumstance::College,
        Circumstance::University,
        Circumstance::Apprenticeship,
        Circumstance::Working,
        Circumstance::LookingForWork,
        Circumstance::Parent,
        Circumstance::Disabled,
        Circumstance::Unaccompanied,
        Circumstance::OutsideArea,
        Circumstance::StayingPut,
    ];

    /// The slug used in content files and storage.
    pub fn slug(self) -> &'static str {
        match self {
            Circumstance::College => "college",
            Circumstance::University => "university",
            Circumstance::Apprenticeship => "apprenticeship",
            Circumstance::Working => "working",
            Circumstance::LookingForWork => "looking-for-work",
            Circumstance::Parent => "parent",
            Circumstance::Disabled => "disabled",
            Circumstance::Unaccompanied => "unaccompanied",
            Circumstance::OutsideArea => "outside-area",
            Circumstance::StayingPut => "staying-put",
        }
    }

    /// The catalogue's key for how the app asks about it.
    fn label_key(self) -> &'static str {
        match self {
            Circumstance::College => "circumstance.college",
            Circumstance::University => "circumstance.university",
            Circumstance::Apprenticeship => "circumstance.apprenticeship",
            Circumstance::Working => "circumstance.working",
            Circumstance::LookingForWork => "circumstance.looking_for_work",
            Circumstance::Parent => "circumstance.parent",
            Circumstance::Disabled => "circumstance.disabled",
            Circumstance::Unaccompanied => "circumstance.unaccompanied",
            Circumstance::OutsideArea => "circumstance.outside_area",
            Circumstance::StayingPut => "circumstance.staying_put",
        }
    }

    /// How the app asks about it, in plain words.
    pub fn label(self) -> &'static str {
        crate::i18n::english::text(self.label_key())
    }

    /// How the app asks about it in the offer of the council covering `area`: "I live outside
    /// Lancashire" rather than the council's area in general.
    pub fn label_in(self, area: &str) -> std::borrow::Cow<'static, str> {
        self.label_in_words(&crate::i18n::Words::built_in(), area)
            .into()
    }

    /// [`label_in`](Circumstance::label_in) in `words`' language.
    pub fn label_in_words(self, words: &crate::i18n::Words, area: &str) -> String {
        match self {
            Circumstance::OutsideArea if !area.trim().is_empty() => {
                words.text("circumstance.outside_named_area", &[("area", area.trim())])
            }
            other => words.text(other.label_key(), &[]),
        }
    }

    /// The circumstance with this slug, if any.
    pub fn from_slug(slug: &str) -> Option<Circumstance> {
        Circumstance::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// A place care leavers can drop in to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hub {
    /// A stable slug.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Street address without the town and postcode.
    pub address: String,
    /// The town.
    pub town: String,
    /// The UK postcode.
    pub postcode: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Whether it is open.
    pub status: HubStatus,
    /// When it opens, for a hub that is opening soon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_on: Option<NaiveDate>,
    /// Its regular weekly sessions.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// What you can get help with there.
    #[serde(default)]
    pub services: Vec<String>,
    /// Getting there and getting in: buses, parking, step-free access.
    #[serde(default)]
    pub access: String,
    /// A phone number to call about the hub.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Where the facts come from.
    pub source: Source,
    /// When someone last checked them.
    pub last_checked: NaiveDate,
    /// What you can get there, how to get in, and what each session is, in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, HubTranslation>,
}

/// A hub's own words in another language, with the English they came from. Its name and
/// address stay as they are. Each list is empty (the English shows) or has one entry for
/// each English one, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubTranslation {
    /// One for each of the hub's `services`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Getting there and getting in; empty shows the English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub access: String,
    /// What happens at each session, one for each of the hub's sessions that says (see
    /// [`Hub::session_words`]), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<String>,
    /// [`english_fingerprint`] of all of the hub's English words above when this was
    /// translated.
    pub from: String,
    /// True for a translation written by the development team that no speaker has checked
    /// yet (phones say so); saving it in the staff editor makes it the council's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// Which of a hub's words show in a language rather than in English
/// ([`Hub::translated_parts_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HubParts {
    /// What you can get there.
    pub services: bool,
    /// Getting there and getting in.
    pub access: bool,
    /// What happens at its sessions.
    pub sessions: bool,
}

impl HubParts {
    const SERVICES: fn(&HubTranslation) -> bool = |t| !t.services.is_empty();
    const ACCESS: fn(&HubTranslation) -> bool = |t| !t.access.is_empty();
    const SESSIONS: fn(&HubTranslation) -> bool = |t| !t.sessions.is_empty();
}

impl Hub {
    /// The fingerprint a translation made now records: of its services, access and sessions.
    pub fn english_now(&self) -> String {
        let whats: Vec<&str> = self.sessions.iter().map(|s| s.what.as_str()).collect();
        let lists = format!("{}\u{0}{}", self.services.join("\n"), whats.join("\n"));
        english_fingerprint(&self.access, &lists)
    }

    /// What you can get there, in `code` where translated and up to date, else the English.
    pub fn services_in(&self, code: &str) -> &[String] {
        self.translated(code, HubParts::SERVICES)
            .map_or(&self.services, |t| &t.services)
    }

    /// Getting there and getting in, as [`Hub::services_in`] chooses.
    pub fn access_in(&self, code: &str) -> &str {
        self.translated(code, HubParts::ACCESS)
            .map_or(&self.access, |t| &t.access)
    }

    /// Which of its words [`Hub::services_in`], [`Hub::access_in`] and
    /// [`Hub::session_whats_in`] give in `code` rather than in English: a translation may
    /// cover some of them and leave the rest in English.
    pub fn translated_parts_in(&self, code: &str) -> HubParts {
        let has = |part| self.translated(code, part).is_some();
        HubParts {
            services: has(HubParts::SERVICES),
            access: has(HubParts::ACCESS),
            sessions: has(HubParts::SESSIONS),
        }
    }

    /// Its translation into `code` when it is up to date and has the part `has` looks for.
    fn translated(&self, code: &str, has: fn(&HubTranslation) -> bool) -> Option<&HubTranslation> {
        self.current_in(code).filter(|t| has(t))
    }

    /// What happens at each of its sessions that says, in order: the English a translation's
    /// `sessions` follows, one for one. (A session with no words has nothing to translate.)
    pub fn session_words(&self) -> Vec<&str> {
        self.sessions
            .iter()
            .map(|s| s.what.as_str())
            .filter(|what| !what.trim().is_empty())
            .collect()
    }

    /// What happens at each session (one for each session), as [`Hub::services_in`] chooses.
    pub fn session_whats_in(&self, code: &str) -> Vec<&str> {
        let translated = self
            .translated(code, HubParts::SESSIONS)
            .map_or(&[][..], |t| t.sessions.as_slice());
        let mut next = translated.iter();
        self.sessions
            .iter()
            .map(|s| match s.what.trim() {
                "" => s.what.as_str(),
                _ => next.next().map_or(s.what.as_str(), String::as_str),
            })
            .collect()
    }

    /// A copy to show in `code`: its services, access and sessions in that language where
    /// they are translated and up to date, the English where not.
    pub fn in_language(&self, code: &str) -> Hub {
        let mut shown = self.clone();
        shown.services = self.services_in(code).to_vec();
        shown.access = self.access_in(code).to_string();
        for (session, what) in shown.sessions.iter_mut().zip(self.session_whats_in(code)) {
            session.what = what.to_string();
        }
        shown
    }
}

/// Whether a hub is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HubStatus {
    /// Open as normal.
    Open,
    /// Open for now, in a temporary place.
    Interim,
    /// Not open yet (see `opens_on`).
    OpeningSoon,
}

/// A regular weekly session at a hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The day it starts.
    #[serde(with = "weekday_name")]
    pub day: Weekday,
    /// Start time, local ("13:00").
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// End time, local ("16:00").
    #[serde(with = "hh_mm")]
    pub end: NaiveTime,
    /// True when the session runs past midnight into the next day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overnight: bool,
    /// What happens ("Drop-in with PAs").
    #[serde(default)]
    pub what: String,
}

/// A team or helpline to contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// A stable slug.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// Phone number to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Number to text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A web page (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// When it answers, in words ("Monday to Friday, 8:30am to 5pm").
    pub hours: String,
    /// When to use it, in words.
    pub when: String,
    /// In a two-tier area, the ids of the districts it serves, such as one district
    /// council's housing office; empty means the whole area.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<String>,
    /// Where the facts come from.
    pub source: Source,
    /// When someone last checked them.
    pub last_checked: NaiveDate,
    /// When to use it and when it answers in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, ContactTranslation>,
}

/// A contact's "when to use it" and "when it answers" in another language, with the English
/// they came from. Its name, numbers and addresses stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactTranslation {
    pub when: String,
    pub hours: String,
    /// [`english_fingerprint`] of the English `when` and `hours` when this was translated.
    pub from: String,
    /// True for a translation written by the development team that no speaker has checked
    /// yet (phones say so); saving it in the staff editor makes it the council's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Contact {
    /// The fingerprint a translation made now records: of its `when` and `hours`.
    pub fn english_now(&self) -> String {
        english_fingerprint(&self.when, &self.hours)
    }

    /// When to use it, in `code` when translated and up to date, else the English.
    pub fn when_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.when, |t| &t.when)
    }

    /// When it answers, in `code` when translated and up to date, else the English.
    pub fn hours_in(&self, code: &str) -> &str {
        self.current_in(code).map_or(&self.hours, |t| &t.hours)
    }
}

/// The kinds of contact, which decide where the app shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactKind {
    /// The council's leaving care team.
    Team,
    /// The duty worker for when your PA is away.
    Duty,
    /// The council's out-of-hours emergency team.
    OutOfHours,
    /// 999 and other emergency services.
    Emergency,
    /// A national helpline.
    Helpline,
}

/// A peer support or participation group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// A stable slug.
    pub id: String,
    /// Its name.
    pub name: String,
    /// One sentence about what it does.
    pub summary: String,
    /// Who it is for, in words.
    pub for_whom: String,
    /// Where it meets.
    #[serde(rename = "where")]
    pub place: String,
    /// When it meets, in words.
    pub when: String,
    /// How to join, in words.
    pub how_to_join: String,
    /// Its regular weekly meetings, when they are published (like a hub's sessions).
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// The contact id to ask about it ("pa": the young person's own PA), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Where the facts come from.
    pub source: Source,
    /// When someone last checked them.
    pub last_checked: NaiveDate,
}

/// Serde for `Weekday` as its lowercase English name ("monday").
mod weekday_name {
    use chrono::Weekday;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::weekday_slug(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = String::deserialize(d)?;
        text.to_ascii_lowercase()
            .parse::<Weekday>()
            .map_err(|_| D::Error::custom(format!("\"{text}\" is not a day of the week")))
    }
}

/// Serde for `NaiveTime` as "HH:MM".
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::dates::clock(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        crate::dates::parse_clock(&text)
            .ok_or_else(|| D::Error::custom(format!("\"{text}\" is not a time like 13:30")))
    }
}

/// The lowercase English name of a weekday, as content files write it.
pub fn weekday_slug(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

impl Offer {
    /// The offer as every phone gets it: without its items' words in other languages, which
    /// a phone fetches for its own language alone, so a first visit in English carries none.
    pub fn without_translations(mut self) -> Offer {
        self.entitlements
            .iter_mut()
            .for_each(|e| e.translations.clear());
        self.contacts
            .iter_mut()
            .for_each(|c| c.translations.clear());
        self.hubs.iter_mut().for_each(|h| h.translations.clear());
        self.categories
            .iter_mut()
            .for_each(|c| c.translations.clear());
        self
    }

    /// The entitlement with this id.
    pub fn entitlement(&self, id: &str) -> Option<&Entitlement> {
        self.entitlements.iter().find(|e| e.id == id)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The hub with this id.
    pub fn hub(&self, id: &str) -> Option<&Hub> {
        self.hubs.iter().find(|h| h.id == id)
    }

    /// The contact with this id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The entitlements in one category, in content order.
    pub fn in_category<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Entitlement> {
        self.entitlements
            .iter()
            .filter(move |e| e.category == category)
    }

    /// The "You said, we did" entries about `item`, newest first.
    pub fn you_said_we_did_about(&self, item: &ItemRef) -> Vec<&YouSaidWeDid> {
        let mut entries: Vec<&YouSaidWeDid> = self
            .you_said_we_did
            .iter()
            .filter(|e| e.about.as_ref() == Some(item))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.date));
        entries
    }

    /// Every "You said, we did" entry, newest first.
    pub fn you_said_we_did_newest(&self) -> Vec<&YouSaidWeDid> {
        let mut entries: Vec<&YouSaidWeDid> = self.you_said_we_did.iter().collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.date));
        entries
    }

    /// The title or name of the item an entry is about, if it is still in the offer.
    pub fn item_name(&self, item: &ItemRef) -> Option<&str> {
        match item {
            ItemRef::Entitlement(id) => self.entitlement(id).map(|e| e.title.as_str()),
            ItemRef::Hub(id) => self.hub(id).map(|h| h.name.as_str()),
            ItemRef::Group(id) => self.group(id).map(|g| g.name.as_str()),
        }
    }
}

#[cfg(test)]
mod translation_tests {
    use super::*;

    #[test]
    fn a_translation_is_shown_until_the_english_changes() {
        let mut e: Entitlement = serde_json::from_value(serde_json::json!({
            "id": "x", "title": "Help with rent", "summary": "We pay some rent.",
            "details": "d", "category": "money",
            "source": {"title": "s", "url": "https://example.org"},
            "last_checked": "2026-11-01",
        }))
        .unwrap();
        let from = english_fingerprint(&e.title, &e.summary);
        e.translations.insert(
            "ar".into(),
            Translation {
                draft: Default::default(),
                steps: Vec::new(),
                title: "مساعدة في الإيجار".into(),
                summary: "ندفع بعض الإيجار.".into(),
                from,
            },
        );
        assert_eq!(e.title_in("ar"), "مساعدة في الإيجار");
        assert_eq!(e.summary_in("ar"), "ندفع بعض الإيجار.");
        assert_eq!(e.title_in("ps"), "Help with rent", "not translated");
        assert!(e.current_in("ps").is_none() && !e.out_of_date_in("ps"));
        assert!(!e.out_of_date_in("ar"));
        e.summary = "We pay some of your rent.".into();
        assert!(e.out_of_date_in("ar") && e.current_in("ar").is_none());
        assert_eq!(e.summary_in("ar"), "We pay some of your rent.");
        assert_eq!(e.title_in("ar"), "Help with rent", "the title with it");
        // The fingerprint tells title from summary.
        assert_ne!(
            english_fingerprint("ab", "c"),
            english_fingerprint("a", "bc")
        );
    }
}
