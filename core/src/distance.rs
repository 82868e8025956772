//! How far away a hub is, and the orders the hubs list can show: nearest first or by town.
//!
//! The young person's position is handed in by the app and never leaves the phone.

use std::cmp::Ordering;

use crate::offer::Hub;

/// The Earth's mean radius in kilometres (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Miles in a kilometre: road signs in England are in miles, so the label gives both.
const MILES_PER_KM: f64 = 0.621_371;

/// The distance in kilometres between two points given in degrees, as the crow flies.
///
/// The equirectangular approximation rather than the haversine formula: at the distances a
/// young person travels to a hub it is within a fraction of a percent of the great-circle
/// distance (about 0.1% at 100 km in England), enough for "about 5 km away", and it needs
/// a single cosine, which [`cos_of_latitude`] works out without the maths library's
/// trigonometry (3.2 KiB less, brotli, for every phone to download).
pub fn km_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    // The short way round, across the 180th meridian if that is shorter.
    let mut d_lon = lon2 - lon1;
    if d_lon > 180.0 {
        d_lon -= 360.0;
    } else if d_lon < -180.0 {
        d_lon += 360.0;
    }
    let x = d_lon.to_radians() * cos_of_latitude((lat1 + lat2) / 2.0);
    let y = (lat2 - lat1).to_radians();
    EARTH_RADIUS_KM * (x * x + y * y).sqrt()
}

/// The cosine of a latitude in degrees (from -90 to 90), by its Taylor series to the 18th
/// power: within 1e-12 of the true value over that range. (The hub map uses it too.)
pub fn cos_of_latitude(degrees: f64) -> f64 {
    let x = degrees.clamp(-90.0, 90.0).to_radians();
    let x2 = x * x;
    let (mut term, mut sum) = (1.0, 1.0);
    for n in 1..=9u32 {
        term *= -x2 / f64::from((2 * n - 1) * (2 * n));
        sum += term;
    }
    sum.max(0.0)
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
    fn the_cosine_of_any_latitude_is_the_maths_library_s() {
        for tenth in -900..=900 {
            let degrees = f64::from(tenth) / 10.0;
            let error = (cos_of_latitude(degrees) - degrees.to_radians().cos()).abs();
            assert!(error < 1e-12, "{degrees}: {error}");
        }
    }

    #[test]
    fn near_enough_to_the_great_circle_for_a_hub() {
        // The haversine formula, with the maths library: what the approximation replaces.
        let haversine = |(lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)| {
            let (p1, p2) = (f64::to_radians(lat1), f64::to_radians(lat2));
            let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
            let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
            2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
        };
        const LONDON: (f64, f64) = (51.507, -0.128);
        const CARLISLE: (f64, f64) = (54.892, -2.932);
        for (a, b, within) in [
            (CREWE, MACCLESFIELD, 0.001),
            (CREWE, NANTWICH, 0.001),
            (CREWE, LONDON, 0.005),
            (LONDON, CARLISLE, 0.005),
        ] {
            let (ours, great_circle) = (km_between(a.0, a.1, b.0, b.1), haversine(a, b));
            assert!(
                ((ours - great_circle) / great_circle).abs() < within,
                "{ours} {great_circle}"
            );
        }
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
        // The short way round the 180th meridian.
        let across = km_between(0.0, 179.5, 0.0, -179.5);
        assert!(
            (across - km_between(0.0, 0.0, 0.0, 1.0)).abs() < 1e-9,
            "{across}"
        );
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
