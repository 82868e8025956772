//! A simple map of the hubs that works without signal: an inline SVG drawn on the phone.
//!
//! No map tiles and no requests to anyone: the area is a rough outline, the towns are dots,
//! and each hub is a link placed by its latitude and longitude. The outline and the towns
//! are the council's, from its offer (`map_outline` and `map_towns` in `content/offer.toml`):
//! nothing here knows which council it is drawing.

use leptos::prelude::*;
// Coordinates as text by hand: f64 attributes would pull Rust's float printing into the WASM.
use leptos_router::hooks::use_navigate;
use offer_core::decimal::{fixed, whole};
use offer_core::offer::Council;
use offer_core::Hub;

use crate::i18n::{t, tc, tf};

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
    /// A projection that fits the outline, the towns and every hub; `None` with nothing to
    /// draw.
    fn fitting(council: &Council, hubs: &[Hub]) -> Option<Projection> {
        let points: Vec<(f64, f64)> = council
            .map_outline
            .iter()
            .map(|p| (p.lat, p.lon))
            .chain(council.map_towns.iter().map(|t| (t.lat, t.lon)))
            .chain(hubs.iter().map(|h| (h.lat, h.lon)))
            .collect();
        if points.is_empty() {
            return None;
        }
        let (mut south, mut north, mut west, mut east) =
            (90.0_f64, -90.0_f64, 180.0_f64, -180.0_f64);
        for (lat, lon) in points {
            south = south.min(lat);
            north = north.max(lat);
            west = west.min(lon);
            east = east.max(lon);
        }
        let (south, north, west, east) = (south - PAD, north + PAD, west - PAD, east + PAD);
        let x_per_degree = SCALE * offer_core::distance::cos_of_latitude((south + north) / 2.0);
        Some(Projection {
            north,
            west,
            x_per_degree,
            width: (east - west) * x_per_degree,
            height: (north - south) * SCALE,
        })
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
pub fn HubMap(hubs: Vec<Hub>, council: Council) -> impl IntoView {
    let map = Projection::fitting(&council, &hubs)?;
    let view_box = format!("0 0 {} {}", whole(map.width), whole(map.height));
    let rough = !council.map_outline.is_empty();
    let outline = council
        .map_outline
        .iter()
        .map(|p| {
            let (x, y) = map.point(p.lat, p.lon);
            format!("{},{}", fixed(x, 1), fixed(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let towns = council
        .map_towns
        .into_iter()
        .map(|town| {
            let (x, y) = map.point(town.lat, town.lon);
            let name = town.name;
            let (label_x, anchor) = if town.label_left { (x - LABEL_GAP, "end") } else { (x + LABEL_GAP, "start") };
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
            let (name, town) = (hub.name.clone(), hub.town.clone());
            let label = move || tf("hub_map.hub", &[("hub", &name), ("town", &town)]);
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
    let area = council.area;
    let caption = move || match count {
        0 => tf("hub_map.caption_empty", &[("area", &area)]),
        n => tc("hub_map.caption", n as u64, &[("area", &area)]),
    };
    let rough = rough.then(|| view! { " " {t("hub_map.rough")} });
    Some(view! {
        <figure class="hub-map">
            <svg viewBox=view_box>
                <g aria-hidden="true">
                    {(!outline.is_empty()).then(|| view! { <polygon class="hub-map-area" points=outline/> })}
                    {towns}
                </g>
                {markers}
            </svg>
            <figcaption>
                {caption}
                {rough}
                " " {t("hub_map.offline")}
            </figcaption>
        </figure>
    })
}
