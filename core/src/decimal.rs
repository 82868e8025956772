//! Numbers with a fixed count of decimal places, for map coordinates and calendar files.
//!
//! `format!("{x:.1}")` would do, but it brings Rust's exact float printing (about 20 KB) into
//! the app's WASM for a handful of coordinates; whole-number arithmetic gives the same text
//! for every value we print (the tests compare the two).

/// `value` with `places` digits after the point ("53.097000"), rounded to nearest.
/// Meant for map and calendar sizes (below 10^12 after scaling) and `places` up to 9.
pub fn fixed(value: f64, places: u32) -> String {
    let unit = 10u64.pow(places);
    let scaled = (value * unit as f64).round();
    let digits = scaled.abs() as u64;
    let sign = if scaled < 0.0 { "-" } else { "" };
    let (whole, fraction) = (digits / unit, digits % unit);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
    }
}

/// `value` to at most `places` digits after the point, with no trailing zeros ("53.0679",
/// "-2.5"), as a map link writes a coordinate.
pub fn trimmed(value: f64, places: u32) -> String {
    let text = fixed(value, places);
    if places == 0 {
        return text;
    }
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// `value` rounded to a whole number, as text.
pub fn whole(value: f64) -> String {
    fixed(value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_drops_only_trailing_zeros() {
        assert_eq!(trimmed(53.0679, 6), "53.0679");
        assert_eq!(trimmed(-2.5218, 6), "-2.5218");
        assert_eq!(trimmed(-2.5, 6), "-2.5");
        assert_eq!(trimmed(53.0, 6), "53");
        assert_eq!(trimmed(100.0, 6), "100");
        assert_eq!(trimmed(-0.0000001, 6), "0");
        assert_eq!(trimmed(0.1234567, 6), "0.123457");
    }
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_rusts_own_printing_away_from_ties(value in -1.0e6f64..1.0e6, places in 0u32..=6) {
            let scaled = value * 10f64.powi(places as i32);
            // Exactly half-way cases may round either way (Rust rounds the exact binary value
            // to even); no map point or coordinate depends on which.
            prop_assume!((scaled.fract().abs() - 0.5).abs() > 1e-6);
            let ours = fixed(value, places);
            let rusts = format!("{value:.prec$}", prec = places as usize);
            // Rust keeps the sign of a negative value that rounds to zero ("-0.0").
            prop_assert_eq!(ours.trim_start_matches('-'), rusts.trim_start_matches('-'));
            if scaled.round() != 0.0 {
                prop_assert_eq!(ours, rusts);
            }
        }
    }

    #[test]
    fn examples() {
        assert_eq!(fixed(53.0971, 6), "53.097100");
        assert_eq!(fixed(-2.44, 6), "-2.440000");
        assert_eq!(fixed(12.25, 1), "12.3");
        assert_eq!(fixed(0.04, 1), "0.0");
        assert_eq!(whole(1499.6), "1500");
    }
}
