//! `local-offer-server check`: warnings are listed but only fail the check with `--strict`.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use local_offer_server::content::run_check;

const SOURCE: &str =
    r#"source = { title = "Local offer", url = "https://www.cheshireeast.gov.uk/local-offer" }"#;

/// A small, valid content folder, every item checked on `checked`.
fn write_content(dir: &Path, checked: &str) {
    let files = [
        (
            "offer.toml",
            r#"[council]
name = "Cheshire East Council"
area = "Cheshire East"
last_reviewed = "2026-11-01"

[[categories]]
id = "money"
title = "Money"
summary = "Money you can get."
"#
            .to_string(),
        ),
        (
            "entitlements.toml",
            format!(
                r#"[[entitlements]]
id = "setting-up-home"
title = "Setting up home allowance"
summary = "Money for your first home."
details = "Ask your PA."
category = "money"
ask = ["pa"]
{SOURCE}
last_checked = "{checked}"
"#
            ),
        ),
        ("hubs.toml", "hubs = []\n".to_string()),
        (
            "contacts.toml",
            format!(
                r#"[[contacts]]
id = "leaving-care-team"
name = "Leaving care team"
kind = "team"
web = "https://www.cheshireeast.gov.uk/leaving-care"
hours = "Weekdays."
when = "For anything about your support."
{SOURCE}
last_checked = "2026-11-01"
"#
            ),
        ),
        ("groups.toml", "groups = []\n".to_string()),
        (
            "checks.toml",
            r#"[[trusted_sources]]
domain = "gov.uk"
why = "Public bodies."
"#
            .to_string(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn fresh_content_passes_even_a_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path(), "2026-11-01");
    let outcome = run_check(dir.path(), day("2026-12-01"), true);
    assert!(outcome.passed, "{}", outcome.report);
    assert!(!outcome.report.contains("warning"), "{}", outcome.report);
}

#[test]
fn an_item_not_checked_for_a_year_is_a_warning_that_fails_only_a_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path(), "2025-06-30");
    let today = day("2026-12-01");

    let relaxed = run_check(dir.path(), today, false);
    assert!(relaxed.passed, "{}", relaxed.report);
    assert!(
        relaxed.report.contains(
            r#"1 warning(s) (1 not checked for 12 months):
  - entitlements.toml: item "setting-up-home", field "last_checked": last checked on 30 June 2025"#
        ),
        "{}",
        relaxed.report
    );

    let strict = run_check(dir.path(), today, true);
    assert!(!strict.passed, "{}", strict.report);
    assert!(
        strict
            .report
            .ends_with("--strict: the warnings count as failures\n"),
        "{}",
        strict.report
    );
}

#[test]
fn broken_content_fails_with_or_without_strict() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path(), "2026-11-01");
    std::fs::remove_file(dir.path().join("hubs.toml")).unwrap();
    for strict in [false, true] {
        let outcome = run_check(dir.path(), day("2026-12-01"), strict);
        assert!(!outcome.passed);
        assert!(outcome.report.contains("hubs.toml"), "{}", outcome.report);
    }
}

#[test]
fn the_check_command_exits_non_zero_on_warnings_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    // Long before any day these tests run on, so stale whatever today is.
    write_content(dir.path(), "2020-01-01");
    let run = |strict: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_local-offer-server"));
        command.arg("check").arg(dir.path());
        if strict {
            command.arg("--strict");
        }
        command.output().unwrap()
    };
    let relaxed = run(false);
    assert!(relaxed.status.success(), "{relaxed:?}");
    assert!(String::from_utf8_lossy(&relaxed.stdout).contains("not checked for 12 months"));
    let strict = run(true);
    assert_eq!(strict.status.code(), Some(1), "{strict:?}");
    assert!(String::from_utf8_lossy(&strict.stderr).contains("setting-up-home"));
}

#[test]
fn check_says_what_phones_get_with_the_national_layer_and_what_to_look_at() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let national = root.join("content/national");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root.join("content/lancashire")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let summary = local_offer_server::content::national_summary(dir.path(), &national).unwrap();
    assert!(summary.contains("12 of them national"), "{summary}");
    assert!(!summary.contains("to look at"), "{summary}");
    let offer = dir.path().join("offer.toml");
    let text = std::fs::read_to_string(&offer)
        .unwrap()
        .replace("hide = []", "hide = [\"no-such-thing\"]");
    std::fs::write(&offer, text).unwrap();
    let summary = local_offer_server::content::national_summary(dir.path(), &national).unwrap();
    assert!(
        summary.contains("hides \"no-such-thing\", which is not a national entitlement"),
        "{summary}"
    );
    // The national folder itself has nothing to compare with.
    assert!(local_offer_server::content::national_summary(&national, &national).is_none());
}
