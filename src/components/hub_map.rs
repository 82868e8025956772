//! A simple map of the hubs that works without signal: an inline SVG drawn on the phone.
//!
//! No map tiles and no requests to anyone: the area is a rough outline, the towns are dots,
//! and each hub is a link placed by its latitude and longitude.

use leptos::prelude::*;
// Coordinates as text by hand: f64 attributes would pull Rust's float printing into the WASM.
use leptos_router::hooks::use_navigate;
use offer_core::decimal::{fixed, whole};
use offer_core::Hub;

/// A rough outline of Cheshire East, clockwise from High Legh in the north-west, as
/// (latitude, longitude). It is drawn through places on or near the border (Handforth,
/// Poynton, Disley, the Cat and Fiddle, Wincle, Mow Cop, south of Alsager, Audlem, Marbury,
/// Bunbury, west of Middlewich, Plumley), not from the official boundary, so the caption
/// says it is rough.
const OUTLINE: [(f64, f64); 17] = [
    (53.370, -2.460),
    (53.355, -2.300),
    (53.350, -2.210),
    (53.360, -2.120),
    (53.370, -2.040),
    (53.330, -1.990),
    (53.240, -1.980),
    (53.190, -2.040),
    (53.150, -2.140),
    (53.110, -2.210),
    (53.080, -2.270),
    (53.030, -2.380),
    (52.950, -2.480),
    (52.970, -2.660),
    (53.120, -2.660),
    (53.190, -2.480),
    (53.260, -2.430),
];

/// Towns to find your way by: (name, latitude, longitude, label on the left).
const TOWNS: [(&str, f64, f64, bool); 10] = [
    ("Crewe", 53.099, -2.441, false),
    ("Macclesfield", 53.259, -2.125, true),
    ("Congleton", 53.163, -2.213, false),
    ("Nantwich", 53.067, -2.522, false),
    ("Wilmslow", 53.326, -2.232, false),
    ("Sandbach", 53.145, -2.363, false),
    ("Knutsford", 53.303, -2.373, false),
    ("Alsager", 53.096, -2.305, false),
    ("Poynton", 53.350, -2.122, false),
    ("Middlewich", 53.192, -2.443, false),
];

/// SVG units in one degree of latitude.
const SCALE: f64 = 1000.0;
/// From a town's dot to its name, in SVG units: clear of a hub marker on the same spot.
const LABEL_GAP: f64 = 15.0;
/// Room around everything, in degrees, so labels and markers at the edge are not cut off.
const PAD: f64 = 0.03;

/// Turns latitude and longitude into SVG x and y (equirectangular, with longitude scaled by
/// the cosine of the middle latitude so the area keeps its shape at this size).
#[derive(Debug, Clone, Copy)]
struct Projection {
    north: f64,
    west: f64,
    x_per_degree: f64,
    width: f64,
    height: f64,
}

impl Projection {
    /// A projection that fits the outline, the towns and every hub.
    fn fitting(hubs: &[Hub]) -> Projection {
        let points = OUTLINE
            .iter()
            .copied()
            .chain(TOWNS.iter().map(|t| (t.1, t.2)))
            .chain(hubs.iter().map(|h| (h.lat, h.lon)));
        let (mut south, mut north, mut west, mut east) =
            (90.0_f64, -90.0_f64, 180.0_f64, -180.0_f64);
        for (lat, lon) in points {
            south = south.min(lat);
            north = north.max(lat);
            west = west.min(lon);
            east = east.max(lon);
        }
        let (south, north, west, east) = (south - PAD, north + PAD, west - PAD, east + PAD);
        let x_per_degree = SCALE * ((south + north) / 2.0).to_radians().cos();
        Projection {
            north,
            west,
            x_per_degree,
            width: (east - west) * x_per_degree,
            height: (north - south) * SCALE,
        }
    }

    fn point(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            (lon - self.west) * self.x_per_degree,
            (self.north - lat) * SCALE,
        )
    }
}

/// The map: a figure with the SVG and a caption; each hub on it links to its page.
#[component]
pub fn HubMap(hubs: Vec<Hub>) -> impl IntoView {
    let map = Projection::fitting(&hubs);
    let view_box = format!("0 0 {} {}", whole(map.width), whole(map.height));
    let outline = OUTLINE
        .iter()
        .map(|&(lat, lon)| {
            let (x, y) = map.point(lat, lon);
            format!("{},{}", fixed(x, 1), fixed(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let towns = TOWNS
        .iter()
        .map(|&(name, lat, lon, left)| {
            let (x, y) = map.point(lat, lon);
            let (label_x, anchor) = if left { (x - LABEL_GAP, "end") } else { (x + LABEL_GAP, "start") };
            view! {
                <g>
                    <circle class="hub-map-town" cx=fixed(x, 1) cy=fixed(y, 1) r="4"/>
                    <text class="hub-map-label" x=fixed(label_x, 1) y=fixed(y + 6.0, 1) text-anchor=anchor>{name}</text>
                </g>
            }
        })
        .collect_view();
    let count = hubs.len();
    let navigate = use_navigate();
    let markers = hubs
        .into_iter()
        .map(|hub| {
            let (x, y) = map.point(hub.lat, hub.lon);
            let href = format!("/hubs/{}", hub.id);
            let label = format!("{}, {}", hub.name, hub.town);
            let navigate = navigate.clone();
            let to = href.clone();
            // The router only follows HTML links itself; an SVG link would reload the whole app.
            let follow = move |ev: leptos::ev::MouseEvent| {
                let plain = ev.button() == 0
                    && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                if plain {
                    ev.prevent_default();
                    navigate(&to, Default::default());
                }
            };
            view! {
                <g class="hub-map-hub">
                    <a href=href aria-label=label on:click=follow>
                        <circle class="hub-map-hit" cx=fixed(x, 1) cy=fixed(y, 1) r="22"/>
                        <circle class="hub-map-marker" cx=fixed(x, 1) cy=fixed(y, 1) r="11"/>
                    </a>
                </g>
            }
        })
        .collect_view();
    let caption = match count {
        0 => "Map of Cheshire East. There are no hubs to show yet.".to_string(),
        1 => "Map of Cheshire East with 1 hub. Tap it to see its details.".to_string(),
        n => format!("Map of Cheshire East with {n} hubs. Tap a hub to see its details."),
    };
    view! {
        <figure class="hub-map">
            <svg viewBox=view_box>
                <g aria-hidden="true">
                    <polygon class="hub-map-area" points=outline/>
                    {towns}
                </g>
                {markers}
            </svg>
            <figcaption>
                {caption}
                " The outline of the area is rough, not exact. The map is part of the app, so it works without signal."
            </figcaption>
        </figure>
    }
}
