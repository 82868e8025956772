//! A small, valid set of content files, and ways to break it one edit at a time.

#![allow(dead_code)]

use offer_core::content::{load_offer, ContentFile, Problem};

pub const OFFER: &str = r#"
[council]
name = "Cheshire East Council"
area = "Cheshire East"
last_reviewed = "2026-10-01"
links = [{ title = "Our local offer for care leavers", url = "https://www.cheshireeast.gov.uk/local-offer" }]

[[categories]]
id = "money"
title = "Money"
summary = "Grants and allowances you can get."

[[categories]]
id = "housing"
title = "Housing"
summary = "Finding and keeping somewhere to live."
"#;

pub const ENTITLEMENTS: &str = r#"
[[entitlements]]
id = "setting-up-home"
title = "Setting up home allowance"
summary = "Up to £3,000 to furnish your first home."
details = "Your PA helps you plan what you need.\n\nYou can spend it on furniture and white goods."
category = "money"
amount = { pence = 300000, frequency = "once", up_to = true, since = "2023-04-01" }
steps = ["Talk to your PA", "Make a list of what you need"]
ask = ["pa", "leaving-care-team"]
keywords = ["furniture", "flat"]
source = { title = "Cheshire East local offer", url = "https://www.cheshireeast.gov.uk/local-offer" }
last_checked = "2026-11-22"
updated = "2026-11-01"

[entitlements.eligibility]
min_age = 18
max_age = 24

[[entitlements]]
id = "higher-education-bursary"
title = "Higher education bursary"
summary = "£2,000 when you go to university."
details = "Paid in three parts over your course."
category = "money"
amount = { pence = 200000, frequency = "once", year = "2026-27" }
eligibility = { circumstances = ["university"] }
source = { title = "Cheshire East local offer", url = "https://www.cheshireeast.gov.uk/local-offer" }
last_checked = "2026-11-22"

[[entitlements]]
id = "council-tax-exemption"
title = "No council tax"
summary = "You pay no council tax until you are 25."
details = "The council pays it for you."
category = "housing"
eligibility = { max_age = 24, circumstances = ["outside-area", "staying-put"] }
ask = ["leaving-care-team"]
source = { title = "Council tax support", url = "https://www.cheshireeast.gov.uk/council-tax" }
last_checked = "2026-11-20"
"#;

pub const HUBS: &str = r#"
[[hubs]]
id = "crewe-hub"
name = "The Crewe Hub"
address = "1 Market Street"
town = "Crewe"
postcode = "CW1 2JZ"
lat = 53.0979
lon = -2.4416
status = "open"
services = ["Drop-in", "Laundry"]
access = "Step-free entrance on Market Street."
phone = "01270 371 006"
source = { title = "Hubs", url = "https://www.cheshireeast.gov.uk/hubs" }
last_checked = "2026-11-22"

[[hubs.sessions]]
day = "tuesday"
start = "13:00"
end = "16:00"
what = "Drop-in with PAs"

[[hubs.sessions]]
day = "friday"
start = "22:00"
end = "02:00"
overnight = true
what = "Late night support"

[[hubs]]
id = "macclesfield-hub"
name = "The Macclesfield Hub"
address = "2 Park Lane"
town = "Macclesfield"
postcode = "SK10 1EA"
lat = 53.2587
lon = -2.1270
status = "opening-soon"
opens_on = "2027-01-10"
source = { title = "Hubs", url = "https://www.cheshireeast.gov.uk/hubs" }
last_checked = "2026-11-22"
"#;

pub const CONTACTS: &str = r#"
[[contacts]]
id = "leaving-care-team"
name = "Leaving Care Team"
kind = "team"
phone = "01270 371 006"
email = "leaving.care@cheshireeast.gov.uk"
web = "https://www.cheshireeast.gov.uk/leaving-care"
hours = "Monday to Friday, 8:30am to 5pm"
when = "For anything about your support."
source = { title = "Contact us", url = "https://www.cheshireeast.gov.uk/contact" }
last_checked = "2026-11-22"

[[contacts]]
id = "emergency"
name = "Emergency services"
kind = "emergency"
phone = "999"
hours = "Always"
when = "When someone is in danger now."
source = { title = "999", url = "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/" }
last_checked = "2026-11-22"

[[contacts]]
id = "shout"
name = "Shout"
kind = "helpline"
text = "85258"
phone = "+44 800 058 2020"
hours = "Always"
when = "When you need to talk to someone."
source = { title = "Shout", url = "https://giveusashout.org" }
last_checked = "2026-11-22"
"#;

pub const GROUPS: &str = r#"
[[groups]]
id = "care-leavers-forum"
name = "Care Leavers Forum"
summary = "Have your say on the local offer."
for_whom = "Care leavers aged 16 to 25"
where = "The Crewe Hub"
when = "First Monday of the month, 5pm"
how_to_join = "Ask your PA or just turn up."
source = { title = "Participation", url = "https://www.cheshireeast.gov.uk/participation" }
last_checked = "2026-11-22"
"#;

/// The five valid files, in the usual order.
pub fn valid_files() -> Vec<ContentFile> {
    [
        ("offer.toml", OFFER),
        ("entitlements.toml", ENTITLEMENTS),
        ("hubs.toml", HUBS),
        ("contacts.toml", CONTACTS),
        ("groups.toml", GROUPS),
    ]
    .into_iter()
    .map(|(name, text)| ContentFile::new(name, text))
    .collect()
}

/// The valid files with `from` replaced by `to` in the file called `file`.
pub fn edited(files: Vec<ContentFile>, file: &str, from: &str, to: &str) -> Vec<ContentFile> {
    files
        .into_iter()
        .map(|mut f| {
            if f.name == file {
                assert!(
                    f.text.contains(from),
                    "the fixture {file} has no {from:?} to edit"
                );
                f.text = f.text.replacen(from, to, 1);
            }
            f
        })
        .collect()
}

/// The problems after one edit to the valid files.
pub fn problems_after(file: &str, from: &str, to: &str) -> Vec<Problem> {
    problems_of(edited(valid_files(), file, from, to))
}

/// The problems of `files`, which must not load.
pub fn problems_of(files: Vec<ContentFile>) -> Vec<Problem> {
    match load_offer(&files) {
        Ok(_) => panic!("the content loaded, but it should have problems"),
        Err(problems) => problems,
    }
}

/// The message of the problem at `file`, `item`, `field`; fails listing all problems if none.
pub fn message_at<'p>(problems: &'p [Problem], file: &str, item: &str, field: &str) -> &'p str {
    problems
        .iter()
        .find(|p| p.file == file && p.item == item && p.field == field)
        .map(|p| p.message.as_str())
        .unwrap_or_else(|| {
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "no problem at {file} / {item} / {field}; the problems are:\n{}",
                all.join("\n")
            )
        })
}
