//! The offer's entitlements as CSV, one row each, for anyone who wants them in a
//! spreadsheet: every fact a phone shows, with its source and the day it was checked.

use offer_core::money::describe_amount_and_when;
use offer_core::offer::Frequency;
use offer_core::Offer;

use crate::spreadsheet::{neutralise, BOM};

const HEADER: [&str; 17] = [
    "Id",
    "Title",
    "Theme",
    "Summary",
    "Details",
    "Amount",
    "Amount in pence",
    "How often",
    "Up to",
    "Minimum age",
    "Maximum age",
    "Circumstances",
    "Steps",
    "Source",
    "Source address",
    "Last checked",
    "Council",
];

/// The CSV file's bytes: UTF-8 with a byte order mark, a header row, one row per
/// entitlement in the offer's order.
pub fn entitlements(offer: &Offer) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from(BOM.as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(HEADER)?;
        for e in &offer.entitlements {
            let theme = offer
                .category(&e.category)
                .map_or(e.category.as_str(), |c| c.title.as_str());
            let amount = e.amount.as_ref();
            let how_often = amount.and_then(|a| a.frequency).map(|f| match f {
                Frequency::Once => "once",
                Frequency::Weekly => "weekly",
                Frequency::Monthly => "monthly",
                Frequency::Yearly => "yearly",
                Frequency::EverySixMonths => "every-six-months",
            });
            let circumstances: Vec<&str> = e
                .eligibility
                .circumstances
                .iter()
                .map(|c| c.slug())
                .collect();
            let steps: Vec<String> = e
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {}", i + 1, s.trim()))
                .collect();
            let record = [
                e.id.clone(),
                e.title.clone(),
                theme.to_string(),
                e.summary.clone(),
                e.details.clone(),
                amount.map(describe_amount_and_when).unwrap_or_default(),
                amount.map(|a| a.pence.to_string()).unwrap_or_default(),
                how_often.unwrap_or_default().to_string(),
                amount
                    .map(|a| if a.up_to { "yes" } else { "no" })
                    .unwrap_or_default()
                    .to_string(),
                e.eligibility
                    .min_age
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                e.eligibility
                    .max_age
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                circumstances.join("; "),
                steps.join("\n"),
                e.source.title.clone(),
                e.source.url.clone(),
                e.last_checked.to_string(),
                offer.council.name.clone(),
            ];
            writer.write_record(record.iter().map(|cell| neutralise(cell)))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let files = offer_core::content::CONTENT_FILES
            .iter()
            .filter_map(|name| {
                std::fs::read_to_string(dir.join(name))
                    .ok()
                    .map(|text| offer_core::content::ContentFile::new(*name, text))
            })
            .collect::<Vec<_>>();
        offer_core::content::load_offer(&files).expect("the shipped content is valid")
    }

    #[test]
    fn one_row_per_entitlement_and_no_cell_starts_a_formula() {
        let mut offer = offer();
        offer.entitlements[0].summary = "=HYPERLINK(\"http://example.com\")".into();
        let bytes = entitlements(&offer).unwrap();
        assert!(bytes.starts_with(BOM.as_bytes()));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), offer.entitlements.len());
        assert_eq!(&rows[0][0], offer.entitlements[0].id);
        assert_eq!(&rows[0][3], "'=HYPERLINK(\"http://example.com\")");
        for row in &rows {
            for cell in row.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell}"
                );
            }
        }
    }
}
