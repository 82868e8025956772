//! How far away a hub is, and the orders the hubs list can show: nearest first or by town.
//!
//! The young person's position is handed in by the app and never leaves the phone.

use std::cmp::Ordering;

use crate::offer::Hub;

/// The Earth's mean radius in kilometres (IUGG), the usual choice for the haversine formula.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Miles in a kilometre: road signs in England are in miles, so the label gives both.
const MILES_PER_KM: f64 = 0.621_371;

/// The great-circle distance in kilometres between two points given in degrees (haversine).
pub fn km_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    // Rounding can push `a` a hair past 1 for points on opposite sides of the Earth.
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Every hub with its distance in km from (`lat`, `lon`), nearest first.
pub fn hubs_by_distance(hubs: &[Hub], lat: f64, lon: f64) -> Vec<(&Hub, f64)> {
    let mut near: Vec<(&Hub, f64)> = hubs
        .iter()
        .map(|h| (h, km_between(lat, lon, h.lat, h.lon)))
        .collect();
    near.sort_by(|(a, da), (b, db)| da.total_cmp(db).then_with(|| by_town(a, b)));
    near
}

/// Every hub in order of town, then name, ignoring capitals.
pub fn hubs_by_town(hubs: &[Hub]) -> Vec<&Hub> {
    let mut sorted: Vec<&Hub> = hubs.iter().collect();
    sorted.sort_by(|a, b| by_town(a, b));
    sorted
}

/// A distance as people say it: "less than 1 km away", "about 3 km (2 miles) away".
pub fn distance_label(km: f64) -> String {
    distance_label_in(&crate::i18n::Words::built_in(), km)
}

/// [`distance_label`] in `words`' language.
pub fn distance_label_in(words: &crate::i18n::Words, km: f64) -> String {
    if km < 1.0 {
        return words.text("distance.under_1_km", &[]);
    }
    // Whole miles, at least 1: the count that picks "mile" or "miles".
    let miles = (km * MILES_PER_KM).round().max(1.0) as u64;
    words.count(
        "distance.about",
        miles,
        &[("km", &crate::decimal::whole(km))],
    )
}

fn by_town(a: &Hub, b: &Hub) -> Ordering {
    let key = |h: &Hub| (h.town.to_lowercase(), h.name.to_lowercase());
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::{HubStatus, Link};
    use chrono::NaiveDate;

    const CREWE: (f64, f64) = (53.099, -2.441);
    const MACCLESFIELD: (f64, f64) = (53.259, -2.125);
    const CONGLETON: (f64, f64) = (53.163, -2.213);
    const NANTWICH: (f64, f64) = (53.067, -2.522);

    fn hub(id: &str, name: &str, town: &str, at: (f64, f64)) -> Hub {
        Hub {
            translations: Default::default(),
            id: id.into(),
            name: name.into(),
            address: "1 High Street".into(),
            town: town.into(),
            postcode: "CW1 2AA".into(),
            lat: at.0,
            lon: at.1,
            status: HubStatus::Open,
            opens_on: None,
            sessions: vec![],
            services: vec![],
            access: String::new(),
            phone: None,
            source: Link {
                title: "Hubs".into(),
                url: "https://example.org/hubs".into(),
                published: None,
            },
            last_checked: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        }
    }

    fn three_hubs() -> Vec<Hub> {
        vec![
            hub("macc", "Macclesfield hub", "Macclesfield", MACCLESFIELD),
            hub("crewe", "Crewe hub", "Crewe", CREWE),
            hub("cong", "Congleton hub", "Congleton", CONGLETON),
        ]
    }

    fn ids<'a>(hubs: impl IntoIterator<Item = &'a Hub>) -> Vec<&'a str> {
        hubs.into_iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn crewe_to_macclesfield_is_about_25_to_30_km() {
        let km = km_between(CREWE.0, CREWE.1, MACCLESFIELD.0, MACCLESFIELD.1);
        assert!((25.0..30.0).contains(&km), "{km}");
    }

    #[test]
    fn crewe_to_nantwich_is_about_6_km() {
        let km = km_between(CREWE.0, CREWE.1, NANTWICH.0, NANTWICH.1);
        assert!((5.5..7.0).contains(&km), "{km}");
    }

    #[test]
    fn a_place_is_no_distance_from_itself_and_distance_is_the_same_both_ways() {
        assert_eq!(km_between(CREWE.0, CREWE.1, CREWE.0, CREWE.1), 0.0);
        let there = km_between(CREWE.0, CREWE.1, CONGLETON.0, CONGLETON.1);
        let back = km_between(CONGLETON.0, CONGLETON.1, CREWE.0, CREWE.1);
        assert!((there - back).abs() < 1e-9);
    }

    #[test]
    fn opposite_sides_of_the_earth_are_half_its_circumference_apart() {
        let km = km_between(0.0, 0.0, 0.0, 180.0);
        assert!((km - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
    }

    #[test]
    fn someone_in_macclesfield_sees_the_macclesfield_hub_first() {
        let hubs = three_hubs();
        let near = hubs_by_distance(&hubs, 53.26, -2.13);
        assert_eq!(ids(near.iter().map(|(h, _)| *h)), ["macc", "cong", "crewe"]);
        assert!(near[0].1 < 1.0);
        assert!(near.windows(2).all(|w| w[0].1 <= w[1].1));
    }

    #[test]
    fn someone_in_nantwich_sees_the_crewe_hub_first() {
        let hubs = three_hubs();
        let near = hubs_by_distance(&hubs, NANTWICH.0, NANTWICH.1);
        assert_eq!(near[0].0.id, "crewe");
    }

    #[test]
    fn two_hubs_at_the_same_place_are_ordered_by_town_then_name() {
        let hubs = vec![
            hub("b", "Youth Zone", "Crewe", CREWE),
            hub("a", "Delamere House", "Crewe", CREWE),
        ];
        assert_eq!(
            ids(hubs_by_distance(&hubs, 53.0, -2.0).iter().map(|(h, _)| *h)),
            ["a", "b"]
        );
    }

    #[test]
    fn without_a_location_hubs_are_listed_by_town_then_name() {
        let mut hubs = three_hubs();
        hubs.push(hub("crewe-2", "a hub in lower case", "crewe", CREWE));
        assert_eq!(
            ids(hubs_by_town(&hubs)),
            ["cong", "crewe-2", "crewe", "macc"]
        );
    }

    #[test]
    fn no_hubs_give_an_empty_list() {
        assert!(hubs_by_distance(&[], 53.0, -2.0).is_empty());
        assert!(hubs_by_town(&[]).is_empty());
    }

    #[test]
    fn distances_read_the_way_people_say_them() {
        assert_eq!(distance_label(0.4), "less than 1 km away");
        assert_eq!(distance_label(1.2), "about 1 km (1 mile) away");
        assert_eq!(distance_label(3.4), "about 3 km (2 miles) away");
        assert_eq!(distance_label(27.6), "about 28 km (17 miles) away");
    }
}
