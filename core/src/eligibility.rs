//! "What can I get?": who can get each entitlement, given what a young person tells us.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::Words;
use crate::offer::{Circumstance, Contact, Council, Eligibility, Entitlement, Offer};

/// What a young person has told the app about themselves; stored only on their phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Their age in whole years, when they gave an age rather than a birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u8>,
    /// Their date of birth, when they gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// The circumstances they ticked.
    #[serde(default)]
    pub circumstances: BTreeSet<Circumstance>,
    /// In a two-tier area, the id of the district they live in, when they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
}

impl Profile {
    /// Their age in whole years on `today`, from the birth date if known, else the age given.
    pub fn age_on(&self, today: NaiveDate) -> Option<u8> {
        // A birth date keeps counting birthdays; an age typed in goes stale, so the date wins.
        match self.birth_date {
            Some(born) => whole_years_between(born, today),
            None => self.age,
        }
    }
}

/// Whole years from `born` to `today`, or `None` when `today` is before `born`.
///
/// Comparing (month, day) pairs means someone born on 29 February turns a year older on
/// 1 March in a year without one, which is when UK law says they reach that age.
fn whole_years_between(born: NaiveDate, today: NaiveDate) -> Option<u8> {
    if today < born {
        return None;
    }
    let mut years = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    Some(u8::try_from(years).unwrap_or(u8::MAX))
}

/// Whether a young person can get an entitlement today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// They can get it now.
    Now,
    /// They will be able to when they turn `from_age` ("From 18").
    Later {
        /// The birthday from which they can get it.
        from_age: u8,
    },
    /// It needs a circumstance they have not ticked.
    NotNow,
    /// They were able to until their `until_age` birthday ("Until 25"), which has passed.
    AgedOut {
        /// The birthday on which it stopped.
        until_age: u8,
    },
}

/// Whether someone with `profile` can get an entitlement with eligibility `e` on `today`.
///
/// With no age known, only circumstances decide: better to show something they may not
/// get than to hide something they can.
pub fn availability(e: &Eligibility, profile: &Profile, today: NaiveDate) -> Availability {
    let age = profile.age_on(today);
    // Being too old outranks a missing circumstance: no ticking a box will change it.
    if let (Some(age), Some(max)) = (age, e.max_age) {
        if age > max {
            return Availability::AgedOut {
                until_age: max.saturating_add(1),
            };
        }
    }
    if !circumstances_fit(e, profile) || !in_their_district(&e.districts, profile) {
        return Availability::NotNow;
    }
    if let (Some(age), Some(min)) = (age, e.min_age) {
        if age < min {
            return Availability::Later { from_age: min };
        }
    }
    Availability::Now
}

/// True when `e` asks for no circumstance or the profile has at least one it asks for.
fn circumstances_fit(e: &Eligibility, profile: &Profile) -> bool {
    e.circumstances.is_empty()
        || e.circumstances
            .iter()
            .any(|c| profile.circumstances.contains(c))
}

/// Whether something for `districts` (empty: the whole area) is for where they live.
///
/// With no district chosen we cannot tell, so it counts, as an unknown age does: better to
/// show something they may not get than to hide something they can. Someone who lives
/// outside the council's area lives in none of its districts.
pub fn in_their_district(districts: &[String], profile: &Profile) -> bool {
    if districts.is_empty() {
        return true;
    }
    if profile.circumstances.contains(&Circumstance::OutsideArea) {
        return false;
    }
    match &profile.district {
        Some(home) => districts.contains(home),
        None => true,
    }
}

/// "Only for young people who live in Preston or South Ribble.", in `words`' language, for
/// something limited to the districts `ids`; `None` for something for the whole area.
pub fn districts_label_in(words: &Words, council: &Council, ids: &[String]) -> Option<String> {
    let names = council.district_names(ids);
    let places = match names.split_last()? {
        (last, []) => last.clone(),
        (last, rest) => words.text(
            "list.or",
            &[
                ("rest", &rest.join(&words.text("list.comma", &[]))),
                ("last", last),
            ],
        ),
    };
    Some(words.text("districts.only_in", &[("places", &places)]))
}

/// The contacts for where a young person lives (the whole area's and their district's, or
/// all of them when they have not said), then those for other districts, each in order.
pub fn contacts_by_district<'a>(
    contacts: &'a [Contact],
    profile: &Profile,
) -> (Vec<&'a Contact>, Vec<&'a Contact>) {
    contacts
        .iter()
        .partition(|c| in_their_district(&c.districts, profile))
}

/// The offer split for one young person, each list in content order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sorted<'a> {
    /// What they can get now.
    pub now: Vec<&'a Entitlement>,
    /// What they can get when they reach the given age.
    pub later: Vec<(&'a Entitlement, u8)>,
    /// Everything else: needs another circumstance, or they have aged out.
    pub other: Vec<&'a Entitlement>,
}

/// Sorts every entitlement in `offer` into now, later and other for `profile` on `today`.
pub fn sort_for<'a>(offer: &'a Offer, profile: &Profile, today: NaiveDate) -> Sorted<'a> {
    let mut sorted = Sorted::default();
    for entitlement in &offer.entitlements {
        match availability(&entitlement.eligibility, profile, today) {
            Availability::Now => sorted.now.push(entitlement),
            Availability::Later { from_age } => sorted.later.push((entitlement, from_age)),
            Availability::NotNow | Availability::AgedOut { .. } => sorted.other.push(entitlement),
        }
    }
    sorted
}

/// A short age label for a card, or `None` when any age can get it.
///
/// Upper limits name the birthday on which help stops, as councils say "until 25" for
/// `max_age = 24`: "From 18", "Until 25", "18 to 25" (from the 18th birthday until the
/// 25th). A two-year span lists both ages, "16 and 17", because "16 to 18" would read as
/// taking in 18-year-olds; a single year is "Aged 18".
pub fn age_label(e: &Eligibility) -> Option<String> {
    age_label_in(&Words::built_in(), e)
}

/// [`age_label`] in `words`' language.
pub fn age_label_in(words: &Words, e: &Eligibility) -> Option<String> {
    // A minimum of 0 is no minimum; "From 0" would only puzzle people.
    let min = e.min_age.filter(|&min| min > 0);
    let age = |key: &str, age: u16| words.text(key, &[("age", &age.to_string())]);
    let ages = |key: &str, min: u16, max: u16| {
        words.text(key, &[("min", &min.to_string()), ("max", &max.to_string())])
    };
    match (min, e.max_age) {
        (None, None) => None,
        (Some(min), None) => Some(age("eligibility.from_age", min.into())),
        (None, Some(max)) => Some(age("eligibility.until_age", u16::from(max) + 1)),
        (Some(min), Some(max)) if min == max => Some(age("eligibility.aged", min.into())),
        (Some(min), Some(max)) if max == min.saturating_add(1) => {
            Some(ages("eligibility.ages_and", min.into(), max.into()))
        }
        (Some(min), Some(max)) => Some(ages("eligibility.ages_to", min.into(), u16::from(max) + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::{Council, Link};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn born(y: i32, m: u32, d: u32) -> Profile {
        Profile {
            birth_date: Some(date(y, m, d)),
            ..Profile::default()
        }
    }

    fn aged(age: u8) -> Profile {
        Profile {
            age: Some(age),
            ..Profile::default()
        }
    }

    fn with(mut profile: Profile, circumstance: Circumstance) -> Profile {
        profile.circumstances.insert(circumstance);
        profile
    }

    fn ages(min_age: Option<u8>, max_age: Option<u8>) -> Eligibility {
        Eligibility {
            min_age,
            max_age,
            circumstances: vec![],
            districts: vec![],
        }
    }

    fn needs(circumstances: &[Circumstance]) -> Eligibility {
        Eligibility {
            circumstances: circumstances.to_vec(),
            ..Eligibility::default()
        }
    }

    fn entitlement(id: &str, eligibility: Eligibility) -> Entitlement {
        Entitlement {
            id: id.into(),
            title: id.into(),
            summary: String::new(),
            details: String::new(),
            category: "money".into(),
            amount: None,
            eligibility,
            steps: vec![],
            ask: vec![],
            keywords: vec![],
            source: Link {
                title: "Offer".into(),
                url: "https://example.org".into(),
                published: None,
            },
            last_checked: date(2025, 1, 1),
            updated: None,
            translations: Default::default(),
            national: false,
            local: None,
            amounts: Vec::new(),
        }
    }

    fn offer(entitlements: Vec<Entitlement>) -> Offer {
        Offer {
            version: String::new(),
            council: Council {
                districts: Vec::new(),
                districts_source: None,
                name: "Test Council".into(),
                area: "Test".into(),
                last_reviewed: date(2025, 1, 1),
                links: vec![],
                map_outline: Vec::new(),
                map_towns: Vec::new(),
            },
            categories: vec![],
            entitlements,
            hubs: vec![],
            contacts: vec![],
            groups: vec![],
            you_said_we_did: vec![],
            national: Default::default(),
        }
    }

    #[test]
    fn a_17_year_old_364_days_from_18_sees_an_18_plus_item_later() {
        let from_18 = ages(Some(18), None);
        // 364 days to go until their 18th birthday...
        let profile = born(2009, 6, 1);
        let today = date(2026, 6, 2);
        assert_eq!((date(2027, 6, 1) - today).num_days(), 364);
        assert_eq!(
            availability(&from_18, &profile, today),
            Availability::Later { from_age: 18 }
        );
        // ...and 17 years and 364 days old, the day before.
        let today = date(2027, 5, 31);
        assert_eq!(profile.age_on(today), Some(17));
        assert_eq!(
            availability(&from_18, &profile, today),
            Availability::Later { from_age: 18 }
        );
        assert_eq!(
            availability(&from_18, &profile, date(2027, 6, 1)),
            Availability::Now
        );
    }

    #[test]
    fn on_their_21st_birthday_they_get_a_21_plus_item() {
        let profile = born(2005, 3, 14);
        assert_eq!(
            availability(&ages(Some(21), None), &profile, date(2026, 3, 13)),
            Availability::Later { from_age: 21 }
        );
        assert_eq!(
            availability(&ages(Some(21), None), &profile, date(2026, 3, 14)),
            Availability::Now
        );
    }

    #[test]
    fn a_25_year_old_has_aged_out_of_help_until_25() {
        let until_25 = ages(None, Some(24));
        assert_eq!(
            availability(&until_25, &aged(25), date(2026, 1, 1)),
            Availability::AgedOut { until_age: 25 }
        );
        // The day before their 25th birthday they still get it.
        let profile = born(2001, 1, 2);
        assert_eq!(profile.age_on(date(2026, 1, 1)), Some(24));
        assert_eq!(
            availability(&until_25, &profile, date(2026, 1, 1)),
            Availability::Now
        );
        assert_eq!(
            availability(&until_25, &profile, date(2026, 1, 2)),
            Availability::AgedOut { until_age: 25 }
        );
    }

    #[test]
    fn a_22_year_old_at_university_gets_the_university_bursary() {
        let bursary = Eligibility {
            districts: Vec::new(),
            min_age: Some(18),
            max_age: Some(24),
            circumstances: vec![Circumstance::University],
        };
        let student = with(aged(22), Circumstance::University);
        assert_eq!(
            availability(&bursary, &student, date(2026, 1, 1)),
            Availability::Now
        );
    }

    #[test]
    fn a_profile_with_no_circumstances_does_not_get_an_item_that_needs_one() {
        let for_parents = needs(&[Circumstance::Parent]);
        assert_eq!(
            availability(&for_parents, &aged(20), date(2026, 1, 1)),
            Availability::NotNow
        );
    }

    #[test]
    fn any_one_of_the_listed_circumstances_is_enough() {
        let for_learners = needs(&[Circumstance::College, Circumstance::University]);
        let learner = with(aged(19), Circumstance::College);
        assert_eq!(
            availability(&for_learners, &learner, date(2026, 1, 1)),
            Availability::Now
        );
    }

    #[test]
    fn with_no_age_given_only_circumstances_decide() {
        let nobody = Profile::default();
        let today = date(2026, 1, 1);
        assert_eq!(
            availability(&ages(Some(18), Some(24)), &nobody, today),
            Availability::Now
        );
        assert_eq!(
            availability(&needs(&[Circumstance::Working]), &nobody, today),
            Availability::NotNow
        );
    }

    #[test]
    fn a_16_year_old_parent_sees_an_18_plus_parent_grant_later() {
        let grant = Eligibility {
            districts: Vec::new(),
            min_age: Some(18),
            max_age: None,
            circumstances: vec![Circumstance::Parent],
        };
        let parent = with(aged(16), Circumstance::Parent);
        assert_eq!(
            availability(&grant, &parent, date(2026, 1, 1)),
            Availability::Later { from_age: 18 }
        );
        // Without the circumstance, growing older will not help, so it is not "later".
        assert_eq!(
            availability(&grant, &aged(16), date(2026, 1, 1)),
            Availability::NotNow
        );
    }

    #[test]
    fn a_leap_day_baby_turns_18_on_1_march_in_an_ordinary_year() {
        let profile = born(2008, 2, 29);
        assert_eq!(profile.age_on(date(2026, 2, 28)), Some(17));
        assert_eq!(profile.age_on(date(2026, 3, 1)), Some(18));
    }

    #[test]
    fn a_leap_day_baby_has_their_birthday_on_the_day_in_a_leap_year() {
        let profile = born(2004, 2, 29);
        assert_eq!(profile.age_on(date(2028, 2, 28)), Some(23));
        assert_eq!(profile.age_on(date(2028, 2, 29)), Some(24));
    }

    #[test]
    fn a_birth_date_wins_over_an_age_typed_in_long_ago() {
        let profile = Profile {
            age: Some(17),
            birth_date: Some(date(2004, 5, 1)),
            ..Profile::default()
        };
        assert_eq!(profile.age_on(date(2026, 5, 1)), Some(22));
    }

    #[test]
    fn a_birth_date_in_the_future_gives_no_age() {
        assert_eq!(born(2030, 1, 1).age_on(date(2026, 1, 1)), None);
    }

    #[test]
    fn a_profile_survives_being_saved_and_loaded() {
        let profile = with(born(2006, 7, 9), Circumstance::StayingPut);
        let json = serde_json::to_string(&profile).unwrap();
        assert_eq!(
            json,
            r#"{"birth_date":"2006-07-09","circumstances":["staying-put"]}"#
        );
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        assert_eq!(
            serde_json::from_str::<Profile>("{}").unwrap(),
            Profile::default()
        );
    }

    #[test]
    fn the_offer_is_sorted_into_now_later_and_other_in_content_order() {
        let offer = offer(vec![
            entitlement("pa", Eligibility::default()),
            entitlement("council-tax", ages(Some(18), Some(24))),
            entitlement("bursary", needs(&[Circumstance::University])),
            entitlement("leisure-pass", ages(None, Some(17))),
            entitlement("driving", ages(Some(17), None)),
            entitlement("rent", ages(Some(18), None)),
        ]);
        let sorted = sort_for(&offer, &aged(16), date(2026, 1, 1));
        let ids = |list: &[&Entitlement]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&sorted.now), ["pa", "leisure-pass"]);
        let later: Vec<_> = sorted
            .later
            .iter()
            .map(|(e, age)| (e.id.as_str(), *age))
            .collect();
        assert_eq!(later, [("council-tax", 18), ("driving", 17), ("rent", 18)]);
        assert_eq!(ids(&sorted.other), ["bursary"]);
    }

    #[test]
    fn age_labels_name_the_birthday_help_starts_and_stops() {
        assert_eq!(age_label(&ages(None, None)), None);
        assert_eq!(age_label(&ages(Some(18), None)).as_deref(), Some("From 18"));
        assert_eq!(
            age_label(&ages(None, Some(24))).as_deref(),
            Some("Until 25")
        );
        assert_eq!(
            age_label(&ages(Some(18), Some(24))).as_deref(),
            Some("18 to 25")
        );
        assert_eq!(
            age_label(&ages(Some(16), Some(17))).as_deref(),
            Some("16 and 17")
        );
        assert_eq!(
            age_label(&ages(Some(18), Some(18))).as_deref(),
            Some("Aged 18")
        );
        assert_eq!(
            age_label(&ages(Some(0), Some(20))).as_deref(),
            Some("Until 21")
        );
    }

    #[test]
    fn an_item_for_some_districts_is_for_those_who_live_there_or_have_not_said() {
        let house_project = Eligibility {
            districts: vec!["preston".into(), "south-ribble".into()],
            ..ages(Some(16), Some(24))
        };
        let today = date(2026, 12, 6);
        let in_district = |d: &str| Profile {
            district: Some(d.into()),
            ..aged(19)
        };
        assert_eq!(
            availability(&house_project, &in_district("preston"), today),
            Availability::Now
        );
        assert_eq!(
            availability(&house_project, &in_district("pendle"), today),
            Availability::NotNow
        );
        // Not said where they live: shown, as an unknown age is.
        assert_eq!(
            availability(&house_project, &aged(19), today),
            Availability::Now
        );
        // Outside the council's area is in none of its districts.
        assert_eq!(
            availability(
                &house_project,
                &with(aged(19), Circumstance::OutsideArea),
                today
            ),
            Availability::NotNow
        );
        // Too old outranks the wrong district.
        assert_eq!(
            availability(
                &house_project,
                &Profile {
                    district: Some("pendle".into()),
                    ..aged(25)
                },
                today
            ),
            Availability::AgedOut { until_age: 25 }
        );
        // An item for the whole area is for every district.
        assert!(in_their_district(&[], &in_district("pendle")));
    }

    #[test]
    fn district_labels_and_contacts_follow_where_they_live() {
        let mut council = offer(vec![]).council;
        for (id, name) in [
            ("preston", "Preston"),
            ("pendle", "Pendle"),
            ("south-ribble", "South Ribble"),
        ] {
            council.districts.push(crate::offer::District {
                id: id.into(),
                name: name.into(),
                council: format!("{name} Council"),
            });
        }
        let words = Words::built_in();
        let label = |ids: &[&str]| {
            let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            districts_label_in(&words, &council, &ids)
        };
        assert_eq!(label(&[]), None);
        assert_eq!(
            label(&["pendle"]).as_deref(),
            Some("Only for young people who live in Pendle.")
        );
        // In the council's order, whatever the item's.
        assert_eq!(
            label(&["south-ribble", "preston", "pendle"]).as_deref(),
            Some("Only for young people who live in Preston, Pendle or South Ribble.")
        );

        let contact = |id: &str, districts: &[&str]| Contact {
            translations: Default::default(),
            id: id.into(),
            name: id.into(),
            kind: crate::offer::ContactKind::Team,
            phone: Some("0300 123 6720".into()),
            text: None,
            email: None,
            web: None,
            hours: "Any time".into(),
            when: "Always".into(),
            districts: districts.iter().map(|s| s.to_string()).collect(),
            source: Link {
                title: "Offer".into(),
                url: "https://example.org".into(),
                published: None,
            },
            last_checked: date(2026, 12, 2),
        };
        let contacts = [
            contact("county", &[]),
            contact("preston-housing", &["preston"]),
            contact("pendle-housing", &["pendle"]),
        ];
        let ids = |list: Vec<&Contact>| list.into_iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        let (here, elsewhere) = contacts_by_district(&contacts, &aged(19));
        assert_eq!(
            (ids(here), ids(elsewhere).len()),
            (
                vec![
                    "county".to_string(),
                    "preston-housing".into(),
                    "pendle-housing".into()
                ],
                0
            )
        );
        let in_pendle = Profile {
            district: Some("pendle".into()),
            ..aged(19)
        };
        let (here, elsewhere) = contacts_by_district(&contacts, &in_pendle);
        assert_eq!(ids(here), ["county", "pendle-housing"]);
        assert_eq!(ids(elsewhere), ["preston-housing"]);
    }
}
