//! What a page draws never calls the browser directly: pages, components, messages and the
//! words ask `src/browser/` (or a service that is the browser's by nature), so the views
//! stay plain Rust that a server could draw too (the project's next step) and everything
//! only a browser can do is in a few named places, easy to leave out of a server's build.
//! Checked on the source on every host test run, like the server's layers.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// The modules that are the browser's by nature: they fetch, keep things on the phone,
/// run the service worker or start the app. Every other module, present or future, is held
/// to the rule.
const BROWSER_SIDE: &[&str] = &[
    "browser",
    "api",
    "kept",
    "meeting_store",
    "offer_state",
    "outbox_driver",
    "preview",
    "service_worker",
    "shell",
    "lib.rs",
    "main.rs",
];

/// Names that reach the browser: its bindings, its storage crate and Leptos's handles on
/// the window and the document.
const BROWSER_NAMES: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo_storage",
    "window()",
    "document()",
];

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

/// The source without comments, so a comment that names the browser is no call.
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

/// Each browser name `code` uses, as a whole word (`my_window()` is not `window()`).
fn browser_names_in(code: &str) -> Vec<&'static str> {
    BROWSER_NAMES
        .iter()
        .copied()
        .filter(|name| {
            code.match_indices(name).any(|(at, _)| {
                !code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .collect()
}

#[test]
fn views_ask_the_browser_module_and_never_the_browser() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        if BROWSER_SIDE.contains(&top.trim_end_matches(".rs")) || BROWSER_SIDE.contains(&&*top) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for name in browser_names_in(&code) {
            found.push(format!("{} uses {name}", relative.display()));
        }
    }
    assert!(
        found.is_empty(),
        "views calling the browser directly (ask crate::browser instead):\n{}",
        found.join("\n")
    );
    // The rule holds only if the views are where it looks.
    assert!(files.iter().any(|f| f.ends_with("pages/hubs.rs")));
}

#[test]
fn the_rule_sees_a_call_it_must_refuse() {
    assert_eq!(
        browser_names_in("let w = web_sys::window();\nlet d = document().body();"),
        ["web_sys", "window()", "document()"]
    );
    // A name inside a longer one, or in a comment, is not a call.
    assert!(browser_names_in("let x = my_window();").is_empty());
    assert!(browser_names_in(&code_of("let x = 1; // web_sys::window()")).is_empty());
}
