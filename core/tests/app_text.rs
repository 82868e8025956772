//! Every word the app shows comes from the catalogue: these tests read the app's source and
//! every language file, and fail on text written straight into a page, on a key English
//! lacks, and on a language file whose keys or placeholders differ from English's.

use std::path::{Path, PathBuf};

use offer_core::i18n::{check, english, LanguageFile};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A string literal in the source: its text, its line and what came just before it.
struct Literal {
    text: String,
    line: usize,
    before: String,
    line_text: String,
}

/// The string literals of a Rust file, outside comments, `#[cfg(test)]` modules excepted
/// by the caller. A small lexer: enough for our own code (raw strings, chars, lifetimes).
fn literals(source: &str) -> Vec<Literal> {
    let chars: Vec<char> = source.chars().collect();
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('a', '\n', '"') or a lifetime ('a): skip a char literal whole.
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == '"' || (c == 'r' && (next == Some('"') || next == Some('#'))) {
            let start_line = line;
            let before: String = chars[i.saturating_sub(24)..i].iter().collect();
            let mut text = String::new();
            if c == 'r' {
                let mut hashes = 0;
                i += 1;
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if chars.get(i) != Some(&'"') {
                    continue; // an identifier starting with r
                }
                i += 1;
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                        i += 1 + hashes;
                        break;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
            } else {
                // Skip `br"` / `b"` prefixes' letters are already behind us; read to the quote.
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        text.push(chars[i]);
                        i += 1;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            found.push(Literal {
                text,
                line: start_line,
                before,
                line_text: lines.get(start_line - 1).unwrap_or(&"").to_string(),
            });
        } else if c.is_alphanumeric() || c == '_' {
            // Skip a whole identifier, so the `r` inside `for"` or `attr"` is not a raw string.
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    found
}

/// Attributes whose values are code, not words people read.
const CODE_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "d",
    "viewBox",
    "type",
    "role",
    "name",
    "for",
    "autocomplete",
    "inputmode",
    "rel",
    "target",
    "method",
    "path",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "focusable",
    "aria-hidden",
    "aria-live",
    "src",
    "accept",
    "pattern",
    "enterkeyhint",
    "lang",
    "dir",
    "xmlns",
    "width",
    "height",
    "tabindex",
    "action",
    "data-nav",
    "aria-controls",
    "aria-describedby",
    "aria-labelledby",
    "aria-current",
    "min",
    "max",
    "step",
    "value",
    "transform",
    "points",
    "cx",
    "cy",
    "r",
    "x",
    "y",
    "text-anchor",
    "preserveAspectRatio",
    "spellcheck",
    "autocapitalize",
    "download",
];

/// True for text a person would read: a capitalised word, or two or more words.
fn looks_like_words(text: &str) -> bool {
    let has_capitalised_word = text.as_bytes().windows(2).enumerate().any(|(i, w)| {
        w[0].is_ascii_uppercase()
            && w[1].is_ascii_lowercase()
            && (i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric())
    });
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .count();
    let spaced = text.contains(' ') && words >= 2;
    has_capitalised_word || spaced
}

/// The attribute a literal is the value of (`class="..."` gives `class`), if any.
fn attribute_before(before: &str) -> Option<String> {
    let trimmed = before.trim_end();
    let rest = trimmed.strip_suffix('=')?;
    let name: String = rest
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == ':' || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(name.rsplit(':').next().unwrap_or_default().to_string())
}

/// Calls whose first argument is a catalogue key.
const KEY_CALLS: &[&str] = &["t(", "tr(", "tf(", "tc(", ".text(", ".count("];

/// True when the literal is the first argument of one of [`KEY_CALLS`] (`t("…")`, not
/// `get("…")`, whose name only ends the same way).
fn is_key_argument(before: &str) -> bool {
    let before = before.trim_end();
    KEY_CALLS.iter().any(|call| {
        before.strip_suffix(call).is_some_and(|rest| {
            call.starts_with('.')
                || !rest
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
    })
}

fn is_key_shape(text: &str) -> bool {
    text.contains('.')
        && text.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The part of a file before its `#[cfg(test)]` module: tests may say what they like.
fn without_tests(source: &str) -> &str {
    source
        .find("#[cfg(test)]")
        .map_or(source, |at| &source[..at])
}

/// Lines that say, with a comment, that their text is never shown (log lines, storage keys).
const NOT_SHOWN: &str = "// not shown";

#[test]
fn every_word_the_app_shows_is_in_the_catalogue() {
    let english = english::catalogue();
    let mut files = Vec::new();
    rust_files(&repo().join("src"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(repo()).unwrap().display().to_string();
        for lit in literals(without_tests(&source)) {
            if lit.line_text.contains(NOT_SHOWN) {
                continue;
            }
            let is_key_arg = is_key_argument(&lit.before);
            if is_key_arg || (is_key_shape(&lit.text) && english.get(&lit.text).is_some()) {
                if english.get(&lit.text).is_none() {
                    problems.push(format!(
                        "{shown}:{}: \"{}\" is not in the English catalogue (core/i18n/en/)",
                        lit.line, lit.text
                    ));
                }
                continue;
            }
            if let Some(attribute) = attribute_before(&lit.before) {
                if CODE_ATTRIBUTES.contains(&attribute.as_str()) {
                    continue;
                }
            }
            if looks_like_words(&lit.text) {
                problems.push(format!(
                    "{shown}:{}: \"{}\" is written into the app; put it in the catalogue",
                    lit.line, lit.text
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} pieces of text are not from the catalogue:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn language_files() -> Vec<(String, LanguageFile)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(repo().join("public/lang")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let file = LanguageFile::from_json(&text)
                .unwrap_or_else(|e| panic!("public/lang/{name} cannot be read: {e}"));
            found.push((name, file));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[test]
fn every_language_file_matches_english() {
    let english = english::catalogue();
    let mut problems = Vec::new();
    for (name, file) in language_files() {
        if name != format!("{}.json", file.code) {
            problems.push(format!("public/lang/{name}: its code is {}", file.code));
        }
        for p in check::problems(&file, english) {
            problems.push(format!("public/lang/{name}: {p}"));
        }
        // A page drawn without a browser counts in Rust: every language shipped needs its rule.
        if offer_core::i18n::plural::rule(&file.code).is_none() {
            problems.push(format!(
                "public/lang/{name}: no plural rule for {} in offer_core::i18n::plural (add CLDR's)",
                file.code
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_text_finder_finds_text_and_leaves_code_alone() {
    let source = r##"
        view! { <p class="lead big">"Hello there"</p> <A href="/offer">{t("nav.offer")}</A> }
        let id = params.get("id"); let hi = map.get("Hello Sam");
        let x = format!("{count} things"); // counted
        let y = "local-offer-key"; let z = 'a'; let w = r#"Raw Words"#;
        let q = "Quiet"; // not shown
    "##;
    let found: Vec<_> = literals(source)
        .into_iter()
        .filter(|l| !l.line_text.contains(NOT_SHOWN))
        .filter(|l| {
            attribute_before(&l.before).is_none_or(|a| !CODE_ATTRIBUTES.contains(&a.as_str()))
        })
        .filter(|l| !is_key_argument(&l.before))
        .filter(|l| looks_like_words(&l.text))
        .map(|l| l.text)
        .collect();
    assert_eq!(
        found,
        ["Hello there", "Hello Sam", "{count} things", "Raw Words"]
    );
    assert!(is_key_argument("{crate::i18n::t(") && is_key_argument("words.text("));
    assert!(!is_key_argument("params.get(") && !is_key_argument("offset("));
}
