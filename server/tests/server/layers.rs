//! The server's import rule, checked on its source on every test run: each top-level module
//! imports only from the rows below its own (and the few same-row imports listed here),
//! so `api` and `staff` never import each other, nothing imports `startup`, and no module
//! can depend on one that depends on it. And no SQL is written outside `db/`.

use std::path::{Path, PathBuf};

/// The layers, lowest first (the README's "Inside the server" shows the same rows).
const ROWS: &[&[&str]] = &[
    &[
        "clock",
        "hex",
        "telemetry",
        "encoded_bodies",
        "content",
        "spreadsheet",
        "triage",
        "hsds",
        "hub_calendar",
        "offer_csv",
    ],
    &["config", "rate_limit", "mail"],
    &["db", "params"],
    &[
        "offer_cache",
        "drawn_pages",
        "offer_store",
        "languages",
        "tenants",
        "state",
    ],
    &[
        "client_address",
        "host_routing",
        "council_cli",
        "security",
        "static_files",
        "retention",
        "reminders",
    ],
    &["api", "staff"],
    &["startup"],
];

/// Imports within one row, each for a reason: the content store dates its warnings with
/// the clock and hashes with hex; settings and email read the configuration; the state
/// holds the offer cache and the councils, and each council its offer cache, the pages drawn
/// from its offer and the offer it loads from the store; the app's page and the front door carry the security headers' hashes; the triage
/// rules' and the calendar's tests read the shipped offer; the offer's CSV writes safe
/// cells; the calendar names days as HSDS does.
const SAME_ROW: &[(&str, &str)] = &[
    ("triage", "content"),
    ("hub_calendar", "content"),
    ("offer_csv", "spreadsheet"),
    ("hub_calendar", "hsds"),
    ("content", "clock"),
    ("content", "hex"),
    ("rate_limit", "config"),
    ("mail", "config"),
    ("db", "params"),
    ("state", "offer_cache"),
    ("state", "languages"),
    ("state", "tenants"),
    ("tenants", "offer_cache"),
    ("tenants", "drawn_pages"),
    ("tenants", "offer_store"),
    ("static_files", "security"),
    ("host_routing", "security"),
];

fn row_of(module: &str) -> Option<usize> {
    ROWS.iter().position(|row| row.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments, so a comment that names a module is no import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is kept: only lines whose comment starts
            // outside quotes lose it.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_imports_only_from_the_rows_below_its_own() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(src()).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let own = row_of(&top).unwrap_or_else(|| panic!("{top} is in no row of ROWS"));
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name == top || name.is_empty() {
                continue;
            }
            let theirs = row_of(&name).unwrap_or_else(|| panic!("{name} is in no row of ROWS"));
            let allowed = theirs < own || SAME_ROW.contains(&(top.as_str(), name.as_str()));
            if !allowed {
                broken.push(format!("{} imports crate::{name}", relative.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the rule:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_sql_is_written_outside_db() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let starts = [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "PRAGMA ", "WITH ",
        "VACUUM ",
    ];
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(src()).unwrap();
        if relative.starts_with("db") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for (at, _) in code.match_indices('"') {
            let rest = code[at + 1..].trim_start();
            if starts.iter().any(|s| rest.starts_with(s)) {
                found.push(format!(
                    "{}: {}",
                    relative.display(),
                    &rest[..rest.len().min(40)]
                ));
            }
        }
    }
    assert!(found.is_empty(), "SQL outside db/:\n{}", found.join("\n"));
}

#[test]
fn the_rule_would_catch_a_staff_page_reaching_into_the_api() {
    // The check above is only worth having if it sees an import it must refuse.
    let own = row_of("staff").unwrap();
    let api = row_of("api").unwrap();
    assert!(!(api < own || SAME_ROW.contains(&("staff", "api"))));
    assert!(row_of("startup").unwrap() == ROWS.len() - 1);
}
