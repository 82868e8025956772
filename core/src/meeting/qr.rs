//! QR codes made on the device, drawn as one SVG path: no network, no images, no styles.

use std::fmt;
use std::fmt::Write as _;

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// Blank modules around the code, as the QR standard asks, so cameras find its edge.
pub const QUIET_ZONE: i32 = 4;

/// An alphanumeric run shorter than this costs more in segment headers than it saves.
const MIN_ALPHANUMERIC_RUN: usize = 16;

/// A QR code ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrImage {
    /// Width and height in modules, quiet zone included: the SVG's `viewBox` is this square.
    pub size: i32,
    /// The QR version (1 to 40): bigger versions hold more and need a steadier camera.
    pub version: u8,
    /// An SVG path's `d` drawing every dark module as a 1 by 1 square.
    pub path: String,
}

/// The text is too long for any QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLongForQr;

impl fmt::Display for TooLongForQr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "This summary is too long for one QR code. Share the link, copy it or print the summary instead.",
        )
    }
}

impl std::error::Error for TooLongForQr {}

impl QrImage {
    /// A QR code holding `text` in the smallest version that fits, with as much error
    /// correction as that version has room for.
    ///
    /// Fewer, bigger modules matter more than error correction for a code read off a clean
    /// screen or a fresh print, so the version is kept down first.
    pub fn for_text(text: &str) -> Result<QrImage, TooLongForQr> {
        let code = QrCode::encode_segments_advanced(
            &segments(text),
            QrCodeEcc::Low,
            Version::MIN,
            Version::MAX,
            None,
            true,
        )
        .map_err(|_| TooLongForQr)?;
        Ok(QrImage {
            size: code.size() + 2 * QUIET_ZONE,
            version: code.version().value(),
            path: path(&code),
        })
    }

    /// The SVG `viewBox` that fits the code and its quiet zone.
    pub fn view_box(&self) -> String {
        format!("0 0 {0} {0}", self.size)
    }
}

/// Each row's runs of dark modules as rectangles: far shorter than a square per module.
fn path(code: &QrCode) -> String {
    let size = code.size();
    let mut d = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let _ = write!(
                d,
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    d
}

/// Splits `text` into byte and alphanumeric segments: long runs of capitals, digits and
/// `-./:+` (a record's ids) take 5.5 bits a character instead of 8.
fn segments(text: &str) -> Vec<QrSegment> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let alnum = QrSegment::is_alphanumeric(c.encode_utf8(&mut [0; 4]));
        match runs.last_mut() {
            Some((mode, run)) if *mode == alnum => run.push(c),
            _ => runs.push((alnum, c.to_string())),
        }
    }
    // Short alphanumeric runs go back into the bytes around them.
    let mut merged: Vec<(bool, String)> = Vec::new();
    for (alnum, run) in runs {
        let alnum = alnum && run.len() >= MIN_ALPHANUMERIC_RUN;
        match merged.last_mut() {
            Some((mode, last)) if *mode == alnum => last.push_str(&run),
            _ => merged.push((alnum, run)),
        }
    }
    merged
        .into_iter()
        .map(|(alnum, run)| {
            if alnum {
                QrSegment::make_alphanumeric(&run)
            } else {
                QrSegment::make_bytes(run.as_bytes())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_makes_a_small_code_with_a_quiet_zone() {
        let qr = QrImage::for_text("https://example.org/").unwrap();
        assert!(qr.version <= 2, "version {}", qr.version);
        assert_eq!(qr.size, 17 + 4 * i32::from(qr.version) + 2 * QUIET_ZONE);
        assert_eq!(qr.view_box(), format!("0 0 {0} {0}", qr.size));
        // The top-left finder pattern starts just inside the quiet zone, 7 modules wide.
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", &qr.path[..40]);
    }

    #[test]
    fn long_runs_of_capitals_use_alphanumeric_mode_and_short_ones_stay_bytes() {
        let text = "https://example.org/summary#1.20261122/ASETTING-UP-HOME-ALLOWANCE~PA+sends/TX";
        let kinds: Vec<bool> = segments(text)
            .iter()
            .map(|s| matches!(s.mode(), qrcodegen::QrSegmentMode::Alphanumeric))
            .collect();
        assert_eq!(kinds, [false, true, false]);
        let total: usize = segments(text).iter().map(QrSegment::num_chars).sum();
        assert_eq!(total, text.len());
    }

    #[test]
    fn text_too_long_for_any_qr_code_says_so() {
        let text = "é".repeat(3000);
        let error = QrImage::for_text(&text).unwrap_err();
        assert!(error.to_string().contains("too long for one QR code"));
    }
}
