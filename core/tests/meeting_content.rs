//! Meeting mode against the real offer in `content/`, whatever it holds today.

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use offer_core::content::{load_offer, ContentFile, CONTENT_FILES};
use offer_core::meeting::qr::QrImage;
use offer_core::meeting::{in_category_order, Mark, Meeting, Record};
use offer_core::Offer;

/// A long origin, longer than the council is likely to use, so the test errs on the safe side.
const ORIGIN: &str = "https://local-offer.cheshireeast.gov.uk";

/// The offer as the server loads it: each of the content files, by name.
fn real_offer() -> Offer {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let files: Vec<ContentFile> = CONTENT_FILES
        .iter()
        .map(|name| ContentFile::new(*name, std::fs::read_to_string(dir.join(name)).unwrap()))
        .collect();
    load_offer(&files).expect("the shipped content is valid")
}

/// A meeting in which every item of the offer was marked, a third of them as wanted with a
/// next step.
fn everything_marked(offer: &Offer) -> Record {
    let mut meeting = Meeting::new(Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap());
    for (n, e) in in_category_order(offer).into_iter().enumerate() {
        let mark = Mark::ALL[n % 3];
        meeting.set_mark(&e.id, Some(mark));
        if mark == Mark::WantsToApply {
            meeting.set_next_step(&e.id, "PA sends the form by Friday");
        }
    }
    meeting.record(offer, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

#[test]
fn a_summary_of_every_item_in_the_offer_fits_one_qr_code() {
    let offer = real_offer();
    let record = everything_marked(&offer);
    assert_eq!(record.items.len(), offer.entitlements.len());
    let link = record.link(ORIGIN);
    let qr = QrImage::for_text(&link).unwrap_or_else(|e| {
        panic!(
            "{} items make a {}-character link: {e}",
            offer.entitlements.len(),
            link.len()
        )
    });
    println!(
        "{} items: a {}-character link, QR version {}",
        record.items.len(),
        link.len(),
        qr.version
    );
    assert!(qr.version <= 40);
}

#[test]
fn every_item_comes_back_from_the_link_and_is_found_in_the_offer() {
    let offer = real_offer();
    let record = everything_marked(&offer);
    let link = record.link(ORIGIN);
    let fragment = link.split_once('#').unwrap().1;
    let back = Record::from_fragment(fragment).unwrap();
    assert_eq!(back, record);
    let summary = back.summary(&offer);
    let all: Vec<_> = summary
        .wants_to_apply
        .iter()
        .chain(&summary.talked_about)
        .chain(&summary.not_for_me_now)
        .collect();
    assert_eq!(all.len(), offer.entitlements.len());
    assert!(all.iter().all(|i| i.entitlement.is_some()));
    assert!(summary
        .wants_to_apply
        .iter()
        .all(|i| i.next_step == "PA sends the form by Friday"));
}

#[test]
fn every_id_in_the_offer_can_travel_in_a_link() {
    let offer = real_offer();
    for e in &offer.entitlements {
        let fragment = format!("1.20261122/T{}", e.id.to_ascii_uppercase());
        let record =
            Record::from_fragment(&fragment).unwrap_or_else(|error| panic!("{}: {error}", e.id));
        assert_eq!(record.items[0].id, e.id);
    }
}

#[test]
fn a_summary_too_long_for_a_qr_code_says_why() {
    let offer = real_offer();
    // Every item with the longest next step allowed, many times over, is more than any code holds.
    let mut record = everything_marked(&offer);
    let step = "Ring the leaving care team about the form and ask what else they need from you";
    for item in &mut record.items {
        item.next_step = offer_core::meeting::tidy_next_step(step);
    }
    let copies = record.items.clone();
    for n in 0..4 {
        record.items.extend(copies.iter().map(|i| {
            let mut i = i.clone();
            i.id = format!("{}-{n}", i.id);
            i
        }));
    }
    let error = QrImage::for_text(&record.link(ORIGIN)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "This summary is too long for one QR code. Share the link, copy it or print the summary instead."
    );
}

#[test]
fn a_typical_meeting_makes_a_code_a_phone_camera_reads_easily() {
    let offer = real_offer();
    let mut meeting = Meeting::new(Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap());
    // Ten items talked about, three of them wanted with a next step.
    for (n, e) in in_category_order(&offer).into_iter().take(10).enumerate() {
        if n < 3 {
            meeting.set_mark(&e.id, Some(Mark::WantsToApply));
            meeting.set_next_step(&e.id, "PA sends the form by Friday");
        } else {
            meeting.set_mark(&e.id, Some(Mark::TalkedAbout));
        }
    }
    let record = meeting.record(&offer, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let qr = QrImage::for_text(&record.link(ORIGIN)).unwrap();
    println!("10 items: QR version {}", qr.version);
    assert!(qr.version <= 15, "version {}", qr.version);
}
