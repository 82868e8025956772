//! The offer as Open Referral HSDS 3.0 records, in plain Rust: no HTTP, no database.
//!
//! - The council is an `organization`; its contacts (the team, the duty line, out of
//!   hours...) are its `contact`s with their `phone`s.
//! - Each entitlement is a `service`: ages as `minimum_age`/`maximum_age`, the
//!   circumstances in `eligibility_description` and as `attribute`s, the steps as
//!   `application_process`, "who to ask" as the service's `contact`s, the theme and the
//!   amount as `attribute`s (HSDS has no field for money paid *to* someone: `cost_option` is
//!   what a service costs its user), the source as `url` and a `metadata` line, and the day
//!   it was last checked as `assured_date`.
//! - Each hub is a `location` with its `address`, `phone`, access notes and weekly sessions
//!   (`schedule`s), and a drop-in `service` there (`service_at_location`).
//! - Each participation group is a `service` with its meeting times as a `schedule`.
//!
//! Every id is a UUID derived from the council and the item's own id, so it stays the same
//! from one publication to the next and differs between councils.

use chrono::{NaiveDate, Weekday};
use offer_core::money::describe_amount_and_when;
use offer_core::offer::{
    Circumstance, Contact, ContactKind, Entitlement, Group, Hub, HubStatus, Session,
};
use offer_core::Offer;
use serde_json::{json, Map, Value};
use uuid::Uuid;

/// The HSDS version published.
pub const VERSION: &str = "3.0";

/// The Open Referral UK profile of HSDS 3.0, which this feed follows where it can.
pub const PROFILE: &str = "https://github.com/OpenReferralUK/uk-profile";

/// The licence the offer is published under.
pub const LICENCE: &str =
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

/// The namespace of every id in the feed: a UUID of our own, fixed forever, so ids derived
/// from it never change.
const NAMESPACE: Uuid = Uuid::from_u128(0x6c0c_a1f0_5e2b_4d41_9b6e_1c0a_4e1f_7d22);

/// The offer's records, with the ids that tie them together.
#[derive(Debug, Clone)]
pub struct Feed {
    council: String,
    /// The council, fully nested with its contacts.
    pub organization: Value,
    /// Every service, fully nested (organization, contacts, schedules, places, attributes).
    pub services: Vec<Value>,
    /// Every place: the hubs.
    pub locations: Vec<Value>,
    /// Each service at each place, fully nested.
    pub service_at_locations: Vec<Value>,
    /// The feed's own taxonomies.
    pub taxonomies: Vec<Value>,
    /// Their terms.
    pub taxonomy_terms: Vec<Value>,
}

/// A stable id for `kind`'s item `id` in `council`'s feed.
pub fn id_for(council: &str, kind: &str, id: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{council}/{kind}/{id}").as_bytes()).to_string()
}

/// The key a council's ids are made from: its name in lower case with dashes.
pub fn council_key(offer: &Offer) -> String {
    let mut key = String::new();
    for c in offer.council.name.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    key.trim_end_matches('-').to_string()
}

/// A date as the start of that day in UTC, the `date-time` form HSDS asks for.
fn date_time(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

/// The two letters iCalendar (and so HSDS's `byday`) uses for a day.
pub fn byday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// "Tuesday 1pm to 4pm".
fn session_words(session: &Session) -> String {
    use offer_core::opening_hours::{time_label, weekday_name};
    format!(
        "{} {} to {}",
        weekday_name(session.day),
        time_label(session.start),
        time_label(session.end)
    )
}

/// Circumstances in words for a reader outside the app ("at university").
/// "Only for young people who live in Preston.", for something limited to some districts.
fn districts_words(council: &offer_core::Council, ids: &[String]) -> Option<String> {
    offer_core::eligibility::districts_label_in(&offer_core::i18n::Words::built_in(), council, ids)
}

fn circumstance_words(c: Circumstance) -> &'static str {
    match c {
        Circumstance::College => "at school, college or on a course",
        Circumstance::University => "at university",
        Circumstance::Apprenticeship => "doing an apprenticeship",
        Circumstance::Working => "working",
        Circumstance::LookingForWork => "looking for work or training",
        Circumstance::Parent => "a parent or expecting a baby",
        Circumstance::Disabled => "disabled or with a long-term health condition",
        Circumstance::Unaccompanied => "came to the UK as a child on their own",
        Circumstance::OutsideArea => "living outside the council's area",
        Circumstance::StayingPut => "still living with their foster carers (Staying Put)",
    }
}

struct Builder<'a> {
    offer: &'a Offer,
    council: String,
    organization_id: String,
    theme_taxonomy: String,
    circumstance_taxonomy: String,
    amount_taxonomy: String,
}

impl Builder<'_> {
    fn id(&self, kind: &str, id: &str) -> String {
        id_for(&self.council, kind, id)
    }

    fn term_id(&self, taxonomy: &str, code: &str) -> String {
        self.id("taxonomy-term", &format!("{taxonomy}/{code}"))
    }

    fn taxonomies(&self) -> (Vec<Value>, Vec<Value>) {
        let taxonomies = vec![
            json!({
                "id": self.theme_taxonomy,
                "name": "Local offer themes",
                "description": "The parts of a council's local offer for care leavers, such as money, a home, health, education and work.",
                "version": "1",
            }),
            json!({
                "id": self.circumstance_taxonomy,
                "name": "Care leaver circumstances",
                "description": "Circumstances that change what a care leaver can get, such as being at university or being a parent.",
                "version": "1",
            }),
            json!({
                "id": self.amount_taxonomy,
                "name": "Money paid to the young person",
                "description": "An amount of money the council pays or gives to the care leaver. Not a cost: the service is free.",
                "version": "1",
            }),
        ];
        let mut terms = Vec::new();
        for category in &self.offer.categories {
            terms.push(self.term(
                &self.theme_taxonomy,
                "Local offer themes",
                &category.id,
                &category.title,
                &category.summary,
            ));
        }
        terms.push(self.term(
            &self.theme_taxonomy,
            "Local offer themes",
            "participation-group",
            "Participation groups",
            "Groups where care leavers meet, support each other and have a say.",
        ));
        terms.push(self.term(
            &self.theme_taxonomy,
            "Local offer themes",
            "hub",
            "Hubs and drop-ins",
            "Places where care leavers can drop in to see the team.",
        ));
        for c in Circumstance::ALL {
            terms.push(self.term(
                &self.circumstance_taxonomy,
                "Care leaver circumstances",
                c.slug(),
                circumstance_words(c),
                &format!("A care leaver who is {}.", circumstance_words(c)),
            ));
        }
        terms.push(self.term(
            &self.amount_taxonomy,
            "Money paid to the young person",
            "amount",
            "Amount",
            "How much the care leaver is paid or given, and how often.",
        ));
        (taxonomies, terms)
    }

    fn term(
        &self,
        taxonomy_id: &str,
        taxonomy: &str,
        code: &str,
        name: &str,
        about: &str,
    ) -> Value {
        json!({
            "id": self.term_id(taxonomy_id, code),
            "code": code,
            "name": name,
            "description": about,
            "taxonomy": taxonomy,
            "taxonomy_id": taxonomy_id,
        })
    }

    /// An attribute linking `link_id` (a `link_entity`) to a term, with a value.
    fn attribute(
        &self,
        link_entity: &str,
        link_id: &str,
        taxonomy_id: &str,
        code: &str,
        value: Option<String>,
    ) -> Value {
        let term_id = self.term_id(taxonomy_id, code);
        let mut attribute = json!({
            "id": self.id("attribute", &format!("{link_id}/{term_id}")),
            "link_id": link_id,
            "link_type": link_entity,
            "link_entity": link_entity,
            "taxonomy_term_id": term_id,
        });
        if let Some(value) = value {
            attribute["value"] = Value::String(value);
        }
        attribute
    }

    /// Where a fact came from and when someone last checked it, as HSDS provenance.
    fn provenance(
        &self,
        resource_type: &str,
        resource_id: &str,
        source_title: &str,
        source_url: &str,
        checked: NaiveDate,
    ) -> Value {
        json!({
            "id": self.id("metadata", resource_id),
            "resource_id": resource_id,
            "resource_type": resource_type,
            "last_action_date": checked.to_string(),
            "last_action_type": "checked against its source",
            "field_name": "source",
            "previous_value": "",
            "replacement_value": format!("{source_title} <{source_url}>"),
            "updated_by": self.offer.council.name,
        })
    }

    fn phone(&self, owner: &str, owner_id: &str, number: &str, kind: &str, about: &str) -> Value {
        json!({
            "id": self.id("phone", &format!("{owner_id}/{kind}")),
            owner: owner_id,
            "number": number,
            "type": kind,
            "description": about,
        })
    }

    /// A contact of the council, or (with `service_id`) the same person or team as a
    /// service's "who to ask".
    fn contact(&self, contact: &Contact, service_id: Option<&str>) -> Value {
        let key = match service_id {
            Some(service) => format!("{service}/{}", contact.id),
            None => contact.id.clone(),
        };
        let id = self.id("contact", &key);
        let only_in = districts_words(&self.offer.council, &contact.districts);
        let about = format!(
            "{} {} {}",
            contact.when.trim(),
            contact.hours.trim(),
            only_in.unwrap_or_default()
        )
        .trim()
        .to_string();
        let mut phones = Vec::new();
        if let Some(number) = &contact.phone {
            phones.push(self.phone("contact_id", &id, number, "voice", &about));
        }
        if let Some(number) = &contact.text {
            phones.push(self.phone("contact_id", &id, number, "sms", &about));
        }
        let mut value = json!({
            "id": id,
            "name": contact.name,
            "department": match contact.kind {
                ContactKind::Team => "Care leavers team",
                ContactKind::Duty => "Duty line",
                ContactKind::OutOfHours => "Out of hours",
                ContactKind::Emergency => "Emergency",
                ContactKind::Helpline => "Helpline",
            },
            "phones": phones,
        });
        match service_id {
            Some(service) => value["service_id"] = json!(service),
            None => value["organization_id"] = json!(self.organization_id),
        }
        if let Some(email) = &contact.email {
            value["email"] = json!(email);
        }
        value
    }

    fn organization(&self) -> Value {
        let council = &self.offer.council;
        let mut organization = json!({
            "id": self.organization_id,
            "name": council.name,
            "description": format!(
                "{} publishes its local offer for care leavers: the money, help and support a young person leaving its care can get, up to the age of 25.",
                council.name
            ),
            "contacts": self.offer.contacts.iter().map(|c| self.contact(c, None)).collect::<Vec<_>>(),
        });
        if let Some(link) = council.links.first() {
            organization["website"] = json!(link.url);
        }
        organization
    }

    /// The service's own fields, shared by its list and full forms.
    fn service_head(&self, organization: &Value) -> Map<String, Value> {
        let mut head = Map::new();
        head.insert("organization_id".into(), json!(self.organization_id));
        head.insert("organization".into(), list_form(organization));
        head.insert("status".into(), json!("active"));
        head
    }

    fn entitlement(&self, e: &Entitlement, organization: &Value) -> Value {
        let id = self.id("entitlement", &e.id);
        let mut s = self.service_head(organization);
        s.insert("id".into(), json!(id));
        s.insert("name".into(), json!(e.title));
        s.insert(
            "description".into(),
            json!(format!("{}\n\n{}", e.summary.trim(), e.details.trim())
                .trim()
                .to_string()),
        );
        s.insert("url".into(), json!(e.source.url));
        s.insert("assured_date".into(), json!(e.last_checked.to_string()));
        s.insert(
            "last_modified".into(),
            json!(date_time(e.updated.unwrap_or(e.last_checked))),
        );
        let ages = match (e.eligibility.min_age, e.eligibility.max_age) {
            (Some(min), Some(max)) => format!("Care leavers aged {min} to {max}."),
            (Some(min), None) => format!("Care leavers aged {min} or over."),
            (None, Some(max)) => format!("Care leavers up to the age of {max}."),
            (None, None) => "Care leavers.".to_string(),
        };
        let circumstances: Vec<&str> = e
            .eligibility
            .circumstances
            .iter()
            .map(|c| circumstance_words(*c))
            .collect();
        let eligibility = if circumstances.is_empty() {
            ages
        } else {
            format!("{ages} For someone who is {}.", circumstances.join(", or "))
        };
        let eligibility = match districts_words(&self.offer.council, &e.eligibility.districts) {
            Some(only_in) => format!("{eligibility} {only_in}"),
            None => eligibility,
        };
        s.insert("eligibility_description".into(), json!(eligibility));
        // A district council's area, in a two-tier county: HSDS's service areas, by name.
        let areas: Vec<Value> = self
            .offer
            .council
            .districts
            .iter()
            .filter(|d| e.eligibility.districts.contains(&d.id))
            .map(|d| {
                json!({
                    "id": self.id("service_area", &format!("{}/{}", e.id, d.id)),
                    "service_id": id,
                    "name": d.name,
                    "description": format!("The area of {}.", d.council),
                })
            })
            .collect();
        if !areas.is_empty() {
            s.insert("service_areas".into(), json!(areas));
        }
        if let Some(min) = e.eligibility.min_age {
            s.insert("minimum_age".into(), json!(min));
        }
        if let Some(max) = e.eligibility.max_age {
            s.insert("maximum_age".into(), json!(max));
        }
        if !e.steps.is_empty() {
            let steps: Vec<String> = e
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| format!("{}. {}", i + 1, step.trim()))
                .collect();
            s.insert("application_process".into(), json!(steps.join("\n")));
        }
        let mut attributes =
            vec![self.attribute("service", &id, &self.theme_taxonomy, &e.category, None)];
        for c in &e.eligibility.circumstances {
            attributes.push(self.attribute(
                "service",
                &id,
                &self.circumstance_taxonomy,
                c.slug(),
                None,
            ));
        }
        if let Some(amount) = &e.amount {
            attributes.push(self.attribute(
                "service",
                &id,
                &self.amount_taxonomy,
                "amount",
                Some(describe_amount_and_when(amount)),
            ));
        }
        s.insert("attributes".into(), json!(attributes));
        let contacts: Vec<Value> = e
            .ask
            .iter()
            .filter_map(|c| self.offer.contact(c))
            .map(|c| self.contact(c, Some(&id)))
            .collect();
        s.insert("contacts".into(), json!(contacts));
        s.insert(
            "metadata".into(),
            json!([self.provenance(
                "service",
                &id,
                &e.source.title,
                &e.source.url,
                e.last_checked
            )]),
        );
        Value::Object(s)
    }

    fn group(&self, g: &Group, organization: &Value) -> Value {
        let id = self.id("group", &g.id);
        let mut s = self.service_head(organization);
        s.insert("id".into(), json!(id));
        s.insert("name".into(), json!(g.name));
        s.insert(
            "description".into(),
            json!(format!(
                "{}\n\nWho it is for: {}",
                g.summary.trim(),
                g.for_whom.trim()
            )),
        );
        s.insert("url".into(), json!(g.source.url));
        s.insert("assured_date".into(), json!(g.last_checked.to_string()));
        s.insert("last_modified".into(), json!(date_time(g.last_checked)));
        s.insert("application_process".into(), json!(g.how_to_join));
        s.insert(
            "schedules".into(),
            json!([{
                "id": self.id("schedule", &id),
                "service_id": id,
                "description": g.when,
                "notes": format!("Where: {}", g.place.trim()),
            }]),
        );
        s.insert(
            "attributes".into(),
            json!([self.attribute(
                "service",
                &id,
                &self.theme_taxonomy,
                "participation-group",
                None
            )]),
        );
        s.insert(
            "metadata".into(),
            json!([self.provenance(
                "service",
                &id,
                &g.source.title,
                &g.source.url,
                g.last_checked
            )]),
        );
        Value::Object(s)
    }

    /// A weekly session as an HSDS schedule (times are UK local time: HSDS's `timezone` is a
    /// fixed offset, which cannot follow British Summer Time, so it is left out).
    fn schedule(&self, owner: &str, owner_id: &str, session: &Session) -> Value {
        let key = format!(
            "{owner_id}/{}/{}",
            byday(session.day),
            offer_core::dates::compact_clock(session.start)
        );
        let what = session.what.trim();
        let mut schedule = json!({
            "id": self.id("schedule", &key),
            owner: owner_id,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": byday(session.day),
            "opens_at": offer_core::dates::clock(session.start),
            "closes_at": offer_core::dates::clock(session.end),
            "description": session_words(session),
            "notes": "Times are UK local time (Europe/London).",
        });
        if !what.is_empty() {
            schedule["description"] = json!(format!("{}: {what}", session_words(session)));
        }
        schedule
    }

    fn location(&self, hub: &Hub) -> Value {
        let id = self.id("hub", &hub.id);
        let mut location = json!({
            "id": id,
            "location_type": "physical",
            "organization_id": self.organization_id,
            "name": hub.name,
            "latitude": hub.lat,
            "longitude": hub.lon,
            "addresses": [{
                "id": self.id("address", &id),
                "location_id": id,
                "address_1": hub.address,
                "city": hub.town,
                "state_province": self.offer.council.area,
                "postal_code": hub.postcode,
                "country": "GB",
                "address_type": "physical",
            }],
            "schedules": hub.sessions.iter().map(|s| self.schedule("location_id", &id, s)).collect::<Vec<_>>(),
            "metadata": [self.provenance("location", &id, &hub.source.title, &hub.source.url, hub.last_checked)],
        });
        if !hub.access.trim().is_empty() {
            location["accessibility"] = json!([{
                "id": self.id("accessibility", &id),
                "location_id": id,
                "description": hub.access,
            }]);
        }
        if let Some(number) = &hub.phone {
            location["phones"] = json!([self.phone("location_id", &id, number, "voice", "")]);
        }
        if !hub.services.is_empty() {
            location["description"] = json!(format!("At this hub: {}.", hub.services.join("; ")));
        }
        location
    }

    fn hub_service(&self, hub: &Hub, organization: &Value) -> Value {
        let id = self.id("hub-service", &hub.id);
        let mut s = self.service_head(organization);
        let (status, alert) = match hub.status {
            HubStatus::Open => ("active", None),
            HubStatus::Interim => (
                "active",
                Some("The hub is open at a temporary place for now.".to_string()),
            ),
            HubStatus::OpeningSoon => (
                "inactive",
                Some(match hub.opens_on {
                    Some(day) => format!("Opens on {}.", offer_core::dates::long_date(day)),
                    None => "Opening soon.".to_string(),
                }),
            ),
        };
        s.insert("id".into(), json!(id));
        s.insert("name".into(), json!(format!("{}: drop-in", hub.name)));
        s.insert(
            "description".into(),
            json!(if hub.services.is_empty() {
                format!("Care leavers can drop in to {}.", hub.name)
            } else {
                format!("At {}: {}.", hub.name, hub.services.join("; "))
            }),
        );
        s.insert("status".into(), json!(status));
        if let Some(alert) = alert {
            s.insert("alert".into(), json!(alert));
        }
        s.insert("url".into(), json!(hub.source.url));
        s.insert("assured_date".into(), json!(hub.last_checked.to_string()));
        s.insert("last_modified".into(), json!(date_time(hub.last_checked)));
        s.insert(
            "attributes".into(),
            json!([self.attribute("service", &id, &self.theme_taxonomy, "hub", None)]),
        );
        Value::Object(s)
    }

    fn service_at_location(&self, hub: &Hub, service: &Value, location: &Value) -> Value {
        let id = self.id("service-at-location", &hub.id);
        json!({
            "id": id,
            "service_id": service["id"],
            "location_id": location["id"],
            "description": format!("The drop-in at {}.", hub.name),
            "schedules": hub.sessions.iter().map(|s| self.schedule("service_at_location_id", &id, s)).collect::<Vec<_>>(),
            "location": location,
        })
    }
}

/// A record's list form: its own fields, without the arrays of records that belong to it
/// (HSDS lists "do not need to contain arrays of child entities").
pub fn list_form(record: &Value) -> Value {
    match record {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, v)| !v.is_array())
                .map(|(k, v)| {
                    let v = if v.is_object() {
                        list_form(v)
                    } else {
                        v.clone()
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

impl Feed {
    /// The offer's records.
    pub fn of(offer: &Offer) -> Feed {
        let council = council_key(offer);
        let b = Builder {
            offer,
            organization_id: id_for(&council, "organization", "council"),
            theme_taxonomy: id_for(&council, "taxonomy", "themes"),
            circumstance_taxonomy: id_for(&council, "taxonomy", "circumstances"),
            amount_taxonomy: id_for(&council, "taxonomy", "amount"),
            council: council.clone(),
        };
        let organization = b.organization();
        let (taxonomies, taxonomy_terms) = b.taxonomies();
        let mut services: Vec<Value> = offer
            .entitlements
            .iter()
            .map(|e| b.entitlement(e, &organization))
            .collect();
        services.extend(offer.groups.iter().map(|g| b.group(g, &organization)));
        let mut locations = Vec::new();
        let mut service_at_locations = Vec::new();
        for hub in &offer.hubs {
            let location = b.location(hub);
            let mut service = b.hub_service(hub, &organization);
            let at = b.service_at_location(hub, &service, &location);
            // The full service carries where it is; the place's own record does not repeat it.
            let mut at_in_service = at.clone();
            at_in_service["location"] = location.clone();
            service["service_at_locations"] = json!([at_in_service]);
            services.push(service);
            locations.push(location);
            service_at_locations.push(at);
        }
        Feed {
            council,
            organization,
            services,
            locations,
            service_at_locations,
            taxonomies,
            taxonomy_terms,
        }
    }

    /// The key the ids are made from.
    pub fn council(&self) -> &str {
        &self.council
    }

    /// The service-at-location records with their service nested, as `/service_at_locations/{id}` gives them.
    pub fn full_service_at_location(&self, at: &Value) -> Value {
        let mut full = at.clone();
        if let Some(service) = self.services.iter().find(|s| s["id"] == at["service_id"]) {
            full["service"] = list_form(service);
        }
        full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids_that_depend_on_the_council_and_the_item_only() {
        let a = id_for("cheshire-east-council", "entitlement", "setting-up-home");
        assert_eq!(
            a,
            id_for("cheshire-east-council", "entitlement", "setting-up-home")
        );
        assert_ne!(
            a,
            id_for(
                "lancashire-county-council",
                "entitlement",
                "setting-up-home"
            )
        );
        assert_ne!(a, id_for("cheshire-east-council", "hub", "setting-up-home"));
        assert_eq!(Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }

    #[test]
    fn a_list_form_keeps_one_to_one_fields_only() {
        let full = json!({"id": "1", "name": "A", "phones": [{"id": "2"}], "organization": {"id": "3", "contacts": []}});
        assert_eq!(
            list_form(&full),
            json!({"id": "1", "name": "A", "organization": {"id": "3"}})
        );
    }
}
