//! The checks serde cannot make: what a well-typed item must also be to be published.

use std::collections::HashMap;

use toml::Table;

use super::model::Report;
use crate::contact_details::{is_valid_email, is_valid_phone, is_valid_postcode};
use crate::offer::{
    Category, Contact, Council, Entitlement, Group, Hub, HubStatus, Link, NationalChoices,
};

/// Ages the offer can sensibly mention: care leavers' support runs to 25, some to 30.
const MAX_AGE: u8 = 30;

/// The ids other files may point to; `None` when that file could not be read.
pub(super) struct References {
    /// Category ids from offer.toml, in order.
    pub categories: Option<Vec<String>>,
    /// Contact ids from contacts.toml.
    pub contacts: Option<Vec<String>>,
    /// District ids from offer.toml's `[[council.districts]]`.
    pub districts: Option<Vec<String>>,
}

/// Checks an item's id is a slug and not used before; `seen` maps ids to their item number.
pub(super) fn id(
    table: &Table,
    number: usize,
    noun: &str,
    seen: &mut HashMap<String, usize>,
    report: &mut Report,
) {
    let Some(id) = table.get("id").and_then(toml::Value::as_str) else {
        return;
    };
    if !is_slug(id) {
        let mut message =
            format!("\"{id}\" is not a usable id: use lowercase letters, digits and hyphens");
        let suggestion = slugify(id);
        if !suggestion.is_empty() {
            message.push_str(&format!(", like \"{suggestion}\""));
        }
        report.add("id", message);
    }
    if let Some(first) = seen.get(id) {
        report.add(
            "id",
            format!("another {noun} (item #{first}) already has the id \"{id}\"; ids must differ"),
        );
    } else {
        seen.insert(id.to_string(), number);
    }
}

/// True for ids like "setting-up-home".
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

pub(super) fn slugify(text: &str) -> String {
    let dashed: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    dashed
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Checks the `[council]` table of offer.toml.
pub(super) fn council(council: &Council, report: &mut Report) {
    text(report, "name", &council.name, "the council needs its name");
    text(
        report,
        "area",
        &council.area,
        "the council needs the area it covers",
    );
    for (i, link) in council.links.iter().enumerate() {
        let field = format!("links[{}]", i + 1);
        link_fields(report, &field, link, "a link");
    }
    if !council.map_outline.is_empty() && council.map_outline.len() < 3 {
        report.add(
            "map_outline",
            "an outline needs at least 3 points to draw an area; leave map_outline out to draw none",
        );
    }
    for (i, point) in council.map_outline.iter().enumerate() {
        let at = format!("map_outline[{}]", i + 1);
        place_in_the_uk(report, &format!("{at}."), point.lat, point.lon);
    }
    districts(council, report);
    for (i, town) in council.map_towns.iter().enumerate() {
        let at = format!("map_towns[{}]", i + 1);
        text(
            report,
            &format!("{at}.name"),
            &town.name,
            "every town on the map needs its name",
        );
        place_in_the_uk(report, &format!("{at}."), town.lat, town.lon);
    }
}

/// Checks a two-tier council's districts: each named, with a usable id used once, and
/// the list sourced.
fn districts(council: &Council, report: &mut Report) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, district) in council.districts.iter().enumerate() {
        let at = format!("districts[{}]", i + 1);
        if !is_slug(&district.id) {
            let mut message = format!(
                "\"{}\" is not a usable id: use lowercase letters, digits and hyphens",
                district.id
            );
            let suggestion = slugify(if district.id.trim().is_empty() {
                &district.name
            } else {
                &district.id
            });
            if !suggestion.is_empty() {
                message.push_str(&format!(", like \"{suggestion}\""));
            }
            report.add(format!("{at}.id"), message);
        } else if seen.contains(&district.id.as_str()) {
            report.add(
                format!("{at}.id"),
                format!(
                    "another district already has the id \"{}\"; ids must differ",
                    district.id
                ),
            );
        }
        seen.push(&district.id);
        text(
            report,
            &format!("{at}.name"),
            &district.name,
            "every district needs the name of its place",
        );
        text(
            report,
            &format!("{at}.council"),
            &district.council,
            "every district needs its district council's name",
        );
    }
    match &council.districts_source {
        Some(_) if council.districts.is_empty() => report.add(
            "districts_source",
            "there is a source for districts but no [[council.districts]]; remove it, or add the districts",
        ),
        Some(source) => link_fields(report, "districts_source", source, "the source"),
        None if !council.districts.is_empty() => report.add(
            "districts_source",
            "the districts need a source: the page that lists the district councils, as districts_source = { title = \"...\", url = \"https://...\" }",
        ),
        None => {}
    }
}

/// Checks that each of `ids` names one of the council's districts.
fn district_refs(report: &mut Report, field: &str, ids: &[String], refs: &References) {
    let Some(known) = &refs.districts else {
        return;
    };
    for id in ids {
        if known.is_empty() {
            report.add(
                field,
                format!("\"{id}\" is a district, but offer.toml lists no districts: add [[council.districts]] for a two-tier area, or leave {field} out"),
            );
        } else if !known.contains(id) {
            report.add(
                field,
                format!(
                    "\"{id}\" is not a district in offer.toml; the districts are {}",
                    known.join(", ")
                ),
            );
        }
    }
}

/// Checks one `[[categories]]` item.
pub(super) fn category(category: &Category, report: &mut Report) {
    text(
        report,
        "title",
        &category.title,
        "every category needs a short title",
    );
    text(
        report,
        "summary",
        &category.summary,
        "every category needs a one-sentence summary",
    );
    for (code, t) in &category.translations {
        title_and_summary(report, code, &t.title, &t.summary, &t.from);
    }
}

/// Checks one `[[entitlements]]` item, and what it points to in other files.
pub(super) fn entitlement(e: &Entitlement, refs: &References, report: &mut Report) {
    text(
        report,
        "title",
        &e.title,
        "every entitlement needs a short title",
    );
    text(
        report,
        "summary",
        &e.summary,
        "every entitlement needs a one-sentence summary",
    );
    text(
        report,
        "details",
        &e.details,
        "every entitlement needs details in plain English",
    );
    translations(e, report);
    if e.category.trim().is_empty() {
        report.add(
            "category",
            "every entitlement needs a category from offer.toml",
        );
    } else if let Some(known) = &refs.categories {
        if !known.contains(&e.category) {
            let message = format!(
                "\"{}\" is not a category in offer.toml; use one of: {}",
                e.category,
                known.join(", ")
            );
            report.add("category", message);
        }
    }
    if let Some(amount) = &e.amount {
        check_amount(report, "amount", amount);
    }
    if e.amount.is_some() && !e.amounts.is_empty() {
        report.add(
            "amounts",
            "give one amount or a list of amounts, not both: put the main one in the list too",
        );
    }
    for (i, labelled) in e.amounts.iter().enumerate() {
        let field = format!("amounts[{}]", i + 1);
        if labelled.label.trim().is_empty() {
            report.add(
                format!("{field}.label"),
                "each amount in a list needs a label saying what it is for, like \"on your 19th birthday\"",
            );
        }
        check_amount(report, &format!("{field}.amount"), &labelled.amount);
    }
    let ages = [
        ("eligibility.min_age", e.eligibility.min_age),
        ("eligibility.max_age", e.eligibility.max_age),
    ];
    for (field, age) in ages {
        if let Some(age) = age.filter(|a| *a > MAX_AGE) {
            report.add(
                field,
                format!("an age of {age} looks wrong: ages here run from 0 to {MAX_AGE}"),
            );
        }
    }
    if let (Some(min), Some(max)) = (e.eligibility.min_age, e.eligibility.max_age) {
        if min > max {
            let message = format!("min_age {min} is above max_age {max}, so nobody could get this");
            report.add("eligibility.min_age", message);
        }
    }
    district_refs(
        report,
        "eligibility.districts",
        &e.eligibility.districts,
        refs,
    );
    words(report, "steps", &e.steps, "step");
    words(report, "keywords", &e.keywords, "keyword");
    for ask in &e.ask {
        contact_ref(report, "ask", ask, refs);
    }
    source(report, &e.source, e.last_checked);
    if e.local.is_some() {
        report.add(
            "local",
            "a council's own detail on a national entitlement goes in offer.toml, under [[national.add]]",
        );
    }
}

/// Checks one `[[hubs]]` item and its sessions.
pub(super) fn hub(hub: &Hub, report: &mut Report) {
    text(report, "name", &hub.name, "every hub needs a name");
    text(
        report,
        "address",
        &hub.address,
        "every hub needs its street address",
    );
    text(report, "town", &hub.town, "every hub needs its town");
    if hub.postcode.trim().is_empty() {
        report.add("postcode", "every hub needs a postcode");
    } else if !is_valid_postcode(&hub.postcode) {
        let message = format!(
            "\"{}\" is not a UK postcode; write it like \"CW1 2JZ\"",
            hub.postcode
        );
        report.add("postcode", message);
    }
    place_in_the_uk(report, "", hub.lat, hub.lon);
    if hub.status == HubStatus::OpeningSoon && hub.opens_on.is_none() {
        report.add(
            "opens_on",
            "a hub that is opening soon needs opens_on = \"YYYY-MM-DD\"",
        );
    }
    sessions(report, &hub.sessions);
    words(report, "services", &hub.services, "service");
    for (code, t) in &hub.translations {
        let field = |name: &str| format!("translations.{code}.{name}");
        language_code(report, code);
        if t.services.is_empty() && t.access.trim().is_empty() && t.sessions.is_empty() {
            report.add(
                format!("translations.{code}"),
                "a translation needs at least one of services, access or sessions",
            );
        }
        one_for_each(
            report,
            &field("services"),
            &t.services,
            hub.services.len(),
            "service",
        );
        one_for_each(
            report,
            &field("sessions"),
            &t.sessions,
            hub.session_words().len(),
            "session",
        );
        fingerprint(report, &field("from"), &t.from);
    }
    if let Some(phone) = &hub.phone {
        phone_number(report, "phone", phone);
    }
    source(report, &hub.source, hub.last_checked);
}

/// Checks one `[[contacts]]` item.
pub(super) fn contact(contact: &Contact, refs: &References, report: &mut Report) {
    district_refs(report, "districts", &contact.districts, refs);
    for (code, t) in &contact.translations {
        let field = |name: &str| format!("translations.{code}.{name}");
        language_code(report, code);
        text(
            report,
            &field("when"),
            &t.when,
            "a translation needs when to use it",
        );
        text(
            report,
            &field("hours"),
            &t.hours,
            "a translation needs when it answers",
        );
        fingerprint(report, &field("from"), &t.from);
    }
    text(report, "name", &contact.name, "every contact needs a name");
    text(
        report,
        "hours",
        &contact.hours,
        "every contact needs the hours it answers, in words",
    );
    text(
        report,
        "when",
        &contact.when,
        "every contact needs when to use it, in words",
    );
    if let Some(phone) = &contact.phone {
        phone_number(report, "phone", phone);
    }
    if let Some(text) = &contact.text {
        phone_number(report, "text", text);
    }
    if let Some(email) = &contact.email {
        if !is_valid_email(email) {
            report.add("email", format!("\"{email}\" is not an email address"));
        }
    }
    if let Some(web) = &contact.web {
        https(report, "web", web);
    }
    if [&contact.phone, &contact.text, &contact.email, &contact.web]
        .iter()
        .all(|way| way.is_none())
    {
        report.add(
            "",
            "a contact needs at least one way to reach it: phone, text, email or web",
        );
    }
    source(report, &contact.source, contact.last_checked);
}

/// Checks one `[[groups]]` item.
pub(super) fn group(group: &Group, refs: &References, report: &mut Report) {
    sessions(report, &group.sessions);
    if let Some(contact) = &group.contact {
        contact_ref(report, "contact", contact, refs);
    }
    text(report, "name", &group.name, "every group needs a name");
    text(
        report,
        "summary",
        &group.summary,
        "every group needs a one-sentence summary",
    );
    text(
        report,
        "for_whom",
        &group.for_whom,
        "every group needs who it is for",
    );
    text(
        report,
        "where",
        &group.place,
        "every group needs where it meets",
    );
    text(
        report,
        "when",
        &group.when,
        "every group needs when it meets",
    );
    text(
        report,
        "how_to_join",
        &group.how_to_join,
        "every group needs how to join",
    );
    source(report, &group.source, group.last_checked);
}

/// Each translation: a language code, a title and summary, and the English it came from.
fn translations(e: &Entitlement, report: &mut Report) {
    for (code, t) in &e.translations {
        title_and_summary(report, code, &t.title, &t.summary, &t.from);
        let field = format!("translations.{code}.steps");
        one_for_each(report, &field, &t.steps, e.steps.len(), "step");
    }
}

/// A translation of a title and summary (an entitlement's, a category's): a language code,
/// both words, and the English it came from.
fn title_and_summary(report: &mut Report, code: &str, title: &str, summary: &str, from: &str) {
    let field = |name: &str| format!("translations.{code}.{name}");
    language_code(report, code);
    text(
        report,
        &field("title"),
        title,
        "a translation needs a title",
    );
    text(
        report,
        &field("summary"),
        summary,
        "a translation needs a summary",
    );
    fingerprint(report, &field("from"), from);
}

/// A translated list (steps, a hub's services): empty, so the English shows, or one entry
/// for each English one, none of them empty.
fn one_for_each(report: &mut Report, field: &str, list: &[String], english: usize, noun: &str) {
    if !list.is_empty() && list.len() != english {
        report.add(
            field,
            format!(
                "translate every {noun}, one a line: the English has {english} and this has {}",
                list.len()
            ),
        );
    }
    words(report, field, list, noun);
}

fn language_code(report: &mut Report, code: &str) {
    if !crate::i18n::language::is_language_tag(code) {
        report.add(
            format!("translations.{code}"),
            format!("\"{code}\" is not a language code like ar, ps or fa-AF"),
        );
    }
}

fn fingerprint(report: &mut Report, field: &str, from: &str) {
    if from.len() != 16 || !from.chars().all(|c| c.is_ascii_hexdigit()) {
        report.add(
            field,
            "say which English this was translated from: the fingerprint the staff editor writes",
        );
    }
}

fn text(report: &mut Report, field: &str, value: &str, need: &str) {
    if value.trim().is_empty() {
        report.add(field, format!("this is empty; {need}"));
    }
}

fn words(report: &mut Report, field: &str, list: &[String], noun: &str) {
    for (i, word) in list.iter().enumerate() {
        if word.trim().is_empty() {
            report.add(field, format!("{noun} {} is empty", i + 1));
        }
    }
}

/// Checks that `id` names a contact in contacts.toml ("pa" is the young person's own PA).
fn contact_ref(report: &mut Report, field: &str, id: &str, refs: &References) {
    if id == "pa" {
        return;
    }
    match &refs.contacts {
        _ if id.trim().is_empty() => report.add(field, format!("an entry in {field} is empty")),
        Some(contacts) if !contacts.iter().any(|c| c == id) => report.add(
            field,
            format!("\"{id}\" is not a contact id in contacts.toml (\"pa\" means the young person's own PA)"),
        ),
        _ => {}
    }
}

/// Checks weekly sessions (a hub's or a group's): each ends after it starts, or is overnight.
fn sessions(report: &mut Report, sessions: &[crate::offer::Session]) {
    for (i, session) in sessions.iter().enumerate() {
        let (start, end) = (
            crate::dates::clock(session.start),
            crate::dates::clock(session.end),
        );
        let at = format!("sessions[{}]", i + 1);
        if !session.overnight && session.end <= session.start {
            let message = format!(
                "the session ends at {end}, which is not after it starts at {start}; if it runs past midnight, add overnight = true"
            );
            report.add(format!("{at}.end"), message);
        } else if session.overnight && session.end > session.start {
            let message =
                format!("overnight = true, but the session ends at {end}, after it starts at {start}, on the same day");
            report.add(format!("{at}.overnight"), message);
        }
    }
}

/// The rules every amount keeps, one on its own (`amount`) or one of a list (`amounts`).
fn check_amount(report: &mut Report, field: &str, amount: &crate::offer::Amount) {
    if amount.frequency.is_none() {
        report.add(
            format!("{field}.frequency"),
            "an amount needs a frequency (once, weekly, monthly or yearly)",
        );
    }
    match amount.for_weeks {
        Some(0) => report.add(
            format!("{field}.for_weeks"),
            "for_weeks = 0 means it is never paid; leave for_weeks out when there is no limit",
        ),
        Some(_) if amount.frequency != Some(crate::offer::Frequency::Weekly) => report.add(
            format!("{field}.for_weeks"),
            "for_weeks goes with an amount paid weekly (frequency = \"weekly\")",
        ),
        _ => {}
    }
    if amount.pence == 0 {
        report.add(
            format!("{field}.pence"),
            "an amount of 0 pence is not money; leave amount out when there is none",
        );
    }
    match (amount.since, amount.year) {
        _ if amount.year_not_stated && (amount.since.is_some() || amount.year.is_some()) => report.add(
            format!("{field}.year_not_stated"),
            "year_not_stated is for an amount published with no date or year; this amount has one, so take year_not_stated out",
        ),
        (None, None) if amount.year_not_stated => {}
        (None, None) => report.add(
            field,
            "an amount needs to say when it applies: since = \"2023-04-01\" (the day it started) or year = \"2025-26\" (the one year it is for), or year_not_stated = true when the council's page gives no date or year (never guess one)",
        ),
        (Some(_), Some(_)) => report.add(
            format!("{field}.year"),
            "an amount has since or year, not both: since for an amount that started on a day, year for an amount set for one year",
        ),
        _ => {}
    }
}

/// A council's `[national]` choices: ids that could be national entitlements, and local
/// detail that is plain text with a source (whether the ids are in the national layer is
/// checked when the layers are put together, `content::national::problems`).
pub(super) fn national(choices: &NationalChoices, report: &mut Report) {
    for id in &choices.hide {
        if !is_slug(id) {
            report.add("hide", format!("\"{id}\" is not an entitlement id"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for addition in &choices.add {
        if !is_slug(&addition.id) {
            report.add(
                "add.id",
                format!("\"{}\" is not an entitlement id", addition.id),
            );
        }
        if !seen.insert(addition.id.as_str()) {
            report.add(
                "add.id",
                format!(
                    "\"{}\" has local detail twice; put it in one [[national.add]]",
                    addition.id
                ),
            );
        }
        if choices.hide.contains(&addition.id) {
            report.add(
                "add.id",
                format!(
                    "\"{}\" is hidden, so its local detail would never show",
                    addition.id
                ),
            );
        }
        text(
            report,
            "add.text",
            &addition.detail.text,
            "local detail needs words in plain English",
        );
        source(
            report,
            &addition.detail.source,
            addition.detail.last_checked,
        );
    }
}

fn source(report: &mut Report, source: &Link, last_checked: chrono::NaiveDate) {
    link_fields(report, "source", source, "the source");
    if let Some(published) = source.published.filter(|p| *p > last_checked) {
        report.add(
            "source.published",
            format!(
                "the page is dated {published}, after it was last checked on {last_checked}; a page is checked after it is published"
            ),
        );
    }
}

fn link_fields(report: &mut Report, field: &str, link: &Link, noun: &str) {
    if link.title.trim().is_empty() {
        report.add(
            format!("{field}.title"),
            format!("{noun} needs a title: what the page is called"),
        );
    }
    if link.url.trim().is_empty() {
        report.add(
            format!("{field}.url"),
            format!("{noun} needs a url (https://...)"),
        );
    } else {
        https(report, &format!("{field}.url"), &link.url);
    }
}

fn https(report: &mut Report, field: &str, url: &str) {
    let host = url
        .strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', '#']).next());
    let fine = host.is_some_and(|h| h.contains('.') && !h.starts_with('.'))
        && !url.contains(char::is_whitespace);
    if !fine {
        report.add(
            field,
            format!("\"{url}\" is not an https:// link to a web page"),
        );
    }
}

fn phone_number(report: &mut Report, field: &str, number: &str) {
    if !is_valid_phone(number) {
        let message = format!(
            "\"{number}\" is not a phone number we can call; use digits and spaces, like \"01270 371 006\", \"+44 1270 371006\" or \"999\""
        );
        report.add(field, message);
    }
}

/// A latitude and longitude (fields `{prefix}lat` and `{prefix}lon`) on Earth and in the UK.
fn place_in_the_uk(report: &mut Report, prefix: &str, lat: f64, lon: f64) {
    let (lat_field, lon_field) = (format!("{prefix}lat"), format!("{prefix}lon"));
    coordinate(
        report,
        &lat_field,
        lat,
        (-90.0, 90.0),
        (49.0, 61.0),
        "latitude",
    );
    coordinate(
        report,
        &lon_field,
        lon,
        (-180.0, 180.0),
        (-9.0, 2.0),
        "longitude",
    );
}

fn coordinate(
    report: &mut Report,
    field: &str,
    value: f64,
    world: (f64, f64),
    uk: (f64, f64),
    what: &str,
) {
    if !(world.0..=world.1).contains(&value) {
        report.add(
            field,
            format!(
                "{value} is not a {what}; it must be from {} to {}",
                world.0, world.1
            ),
        );
    } else if !(uk.0..=uk.1).contains(&value) {
        let message = format!(
            "{value} is outside the UK (a {what} from {} to {}); check lat and lon are not swapped",
            uk.0, uk.1
        );
        report.add(field, message);
    }
}
