//! Warnings about content that loads but may mislead: items nobody has checked for a year,
//! sources on sites nobody vouches for, sentences too long to follow, and words young people
//! told us they dislike.
//!
//! A warning never stops the offer being served: a stale date is better than no offer. A
//! council that wants warnings to fail its own pipeline runs `check --strict`. The rules that
//! are the council's to choose (trusted domains, jargon) live in `content/checks.toml`, so an
//! officer can change them without a programmer; "today" is handed in, so tests fix the date.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::{ContentFile, Problem, CONTACTS, ENTITLEMENTS, GROUPS, HUBS, OFFER};
use crate::offer::{Link, Offer};

/// The file in `content/` holding the trusted domains and the jargon list.
pub const CHECKS_FILE: &str = "checks.toml";
/// The longest sentence, in words, before it is worth splitting.
pub const MAX_SENTENCE_WORDS: usize = 25;
/// How long a `last_checked` (or `last_reviewed`) date stays fresh.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// What a warning is about, so `check` can count them by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// Not checked against its source for more than 12 months.
    NotChecked,
    /// A source on a domain that is not in the trusted list.
    UntrustedSource,
    /// A sentence of more than 25 words.
    LongSentence,
    /// A word from the jargon list, not explained nearby.
    Jargon,
    /// `checks.toml` itself is missing or wrong, so some checks could not run.
    Checks,
    /// A translation made from English that has changed since: phones show the English.
    TranslationOutOfDate,
    /// An amount for a year (`year = "2025-26"`) that has ended: this year's may differ.
    YearEnded,
}

impl WarningKind {
    /// Every kind, in the order `check` reports their counts.
    pub const ALL: [WarningKind; 7] = [
        WarningKind::NotChecked,
        WarningKind::UntrustedSource,
        WarningKind::LongSentence,
        WarningKind::Jargon,
        WarningKind::Checks,
        WarningKind::TranslationOutOfDate,
        WarningKind::YearEnded,
    ];

    /// A few words for counts: "3 not checked for 12 months".
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::NotChecked => "not checked for 12 months",
            WarningKind::UntrustedSource => "source not on a trusted site",
            WarningKind::LongSentence => "sentence over 25 words",
            WarningKind::Jargon => "jargon",
            WarningKind::Checks => "problem with checks.toml",
            WarningKind::TranslationOutOfDate => "translation out of date",
            WarningKind::YearEnded => "amount for a year that has ended",
        }
    }
}

/// Something worth an officer's look, named by file, item and field like a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of warning it is.
    pub kind: WarningKind,
    /// The file, e.g. "entitlements.toml".
    pub file: String,
    /// The item's id; empty for the whole file.
    pub item: String,
    /// The field, like `details` or `steps[2]`; empty for the whole item.
    pub field: String,
    /// What to look at and how to put it right, in plain words.
    pub message: String,
}

impl Warning {
    fn new(kind: WarningKind, file: &str, item: &str, field: &str, message: String) -> Warning {
        Warning {
            kind,
            file: file.to_string(),
            item: item.to_string(),
            field: field.to_string(),
            message,
        }
    }

    /// The same warning as a problem, for `check --strict`.
    pub fn to_problem(&self) -> Problem {
        Problem::new(&self.file, &self.item, &self.field, self.message.clone())
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_problem().fmt(f)
    }
}

/// Whether `check` passes: warnings only fail it when `strict`.
pub fn check_passes(warnings: &[Warning], strict: bool) -> bool {
    !strict || warnings.is_empty()
}

/// How many warnings of each kind there are, leaving out kinds with none.
pub fn counts(warnings: &[Warning]) -> Vec<(WarningKind, usize)> {
    WarningKind::ALL
        .into_iter()
        .map(|kind| (kind, warnings.iter().filter(|w| w.kind == kind).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// "2 not checked for 12 months, 1 jargon", or "none".
pub fn describe_counts(warnings: &[Warning]) -> String {
    let parts: Vec<String> = counts(warnings)
        .into_iter()
        .map(|(kind, n)| format!("{n} {}", kind.label()))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// A domain whose pages may be cited as a source, and why it can be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedDomain {
    /// Like "gov.uk": the domain and every subdomain of it.
    pub domain: String,
    /// Why pages there can be trusted.
    pub why: String,
}

/// A word or phrase young people dislike, with what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jargon {
    /// The word and its other spellings; words in capitals ("LAC") match only in capitals.
    pub words: Vec<String>,
    /// What to write instead.
    pub instead: String,
    /// Why it is on the list.
    pub why: String,
    /// Phrases that, in the same paragraph, show the word is explained; empty: never allowed.
    #[serde(default)]
    pub explained_by: Vec<String>,
}

/// The council's own rules, read from `checks.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// Domains whose pages may be sources.
    #[serde(default)]
    pub trusted_sources: Vec<TrustedDomain>,
    /// Words to avoid.
    #[serde(default)]
    pub jargon: Vec<Jargon>,
}

impl Checks {
    /// Reads `checks.toml`, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Checks, Vec<Warning>> {
        let problem = |item: &str, field: &str, message: String| {
            Warning::new(WarningKind::Checks, CHECKS_FILE, item, field, message)
        };
        let checks: Checks = toml::from_str(text).map_err(|error| {
            vec![problem(
                "",
                "",
                format!(
                    "this file could not be read, so sources and jargon were not checked: {}",
                    error.message()
                ),
            )]
        })?;
        let mut wrong = Vec::new();
        for (i, trusted) in checks.trusted_sources.iter().enumerate() {
            let item = format!("trusted_sources[{}]", i + 1);
            let domain = trusted.domain.as_str();
            let well_formed = !domain.is_empty()
                && domain.split('.').count() >= 2
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                });
            if !well_formed {
                wrong.push(problem(
                    &item,
                    "domain",
                    format!("\"{domain}\" is not a domain; write it in lower case without https:// or a slash, like \"cheshireeast.gov.uk\""),
                ));
            }
            if trusted.why.trim().is_empty() {
                wrong.push(problem(
                    &item,
                    "why",
                    "say why pages on this site can be trusted".to_string(),
                ));
            }
        }
        for (i, jargon) in checks.jargon.iter().enumerate() {
            let item = format!("jargon[{}]", i + 1);
            if jargon.words.is_empty() || jargon.words.iter().any(|w| w.trim().is_empty()) {
                wrong.push(problem(
                    &item,
                    "words",
                    "list the word, and any other spellings of it".to_string(),
                ));
            }
            if jargon.instead.trim().is_empty() {
                wrong.push(problem(
                    &item,
                    "instead",
                    "say what to write instead".to_string(),
                ));
            }
            if jargon.why.trim().is_empty() {
                wrong.push(problem(
                    &item,
                    "why",
                    "say why this word is on the list".to_string(),
                ));
            }
        }
        if wrong.is_empty() {
            Ok(checks)
        } else {
            Err(wrong)
        }
    }

    /// The trusted domain `url` is on, if any; subdomains count.
    pub fn trusted_domain(&self, url: &str) -> Option<&TrustedDomain> {
        let host = host_of(url)?;
        self.trusted_sources.iter().find(|t| {
            host == t.domain
                || host
                    .strip_suffix(t.domain.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

/// Every warning about `offer` on `today`, given the text of `checks.toml` (`None` if the file
/// is missing), in file order.
pub fn content_warnings(
    offer: &Offer,
    checks: Option<&ContentFile>,
    today: NaiveDate,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    not_checked(offer, today, &mut warnings);
    years_ended(offer, today, &mut warnings);
    out_of_date_translations(offer, &mut warnings);
    let checks = match checks {
        Some(file) => Checks::parse(&file.text),
        None => Err(vec![Warning::new(
            WarningKind::Checks,
            CHECKS_FILE,
            "",
            "",
            "this file is missing, so sources and jargon were not checked; it lists the trusted sites and the jargon to avoid".to_string(),
        )]),
    };
    let checks = match checks {
        Ok(checks) => Some(checks),
        Err(wrong) => {
            warnings.extend(wrong);
            None
        }
    };
    if let Some(checks) = &checks {
        for (file, item, source) in sources(offer) {
            if checks.trusted_domain(&source.url).is_none() {
                let host = host_of(&source.url).unwrap_or_default();
                warnings.push(Warning::new(
                    WarningKind::UntrustedSource,
                    file,
                    item,
                    "source.url",
                    format!("\"{host}\" is not a trusted source in {CHECKS_FILE}; cite the official page (GOV.UK, legislation.gov.uk, the NHS, the council) or a registered charity's, or add the site to {CHECKS_FILE} saying why it can be trusted"),
                ));
            }
        }
    }
    for text in texts(offer) {
        long_sentences(&text, &mut warnings);
        if let Some(checks) = &checks {
            jargon(&text, &checks.jargon, &mut warnings);
        }
    }
    let rank = |w: &Warning| {
        [OFFER, ENTITLEMENTS, HUBS, CONTACTS, GROUPS, CHECKS_FILE]
            .iter()
            .position(|name| *name == w.file)
            .unwrap_or(usize::MAX)
    };
    warnings.sort_by_key(rank);
    warnings
}

/// Amounts set for a year that is over: the school year and the tax year "2025-26" have both
/// ended by 1 September 2026, so from then the figure may be last year's.
fn years_ended(offer: &Offer, today: NaiveDate, warnings: &mut Vec<Warning>) {
    for e in &offer.entitlements {
        let amounts = e
            .amount
            .iter()
            .map(|a| ("amount.year".to_string(), a))
            .chain(
                e.amounts
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (format!("amounts[{}].amount.year", i + 1), &l.amount)),
            );
        for (field, amount) in amounts {
            let Some(year) = amount.year else { continue };
            let over = NaiveDate::from_ymd_opt(i32::from(year.last()), 9, 1)
                .is_some_and(|first_day_after| today >= first_day_after);
            if over {
                warnings.push(Warning::new(
                    WarningKind::YearEnded,
                    ENTITLEMENTS,
                    &e.id,
                    &field,
                    format!("this amount is for {year}, which has ended; check the figure for this year in the source and change year, source and last_checked together"),
                ));
            }
        }
    }
}

/// Translations made before the English last changed: phones show the English with a note
/// until someone translates the new English.
fn out_of_date_translations(offer: &Offer, warnings: &mut Vec<Warning>) {
    for (kind, id, code) in super::translate::out_of_date(offer) {
        warnings.push(Warning::new(
            WarningKind::TranslationOutOfDate,
            kind.kind().file(),
            id,
            &format!("translations.{code}"),
            format!("the English {} changed after this was translated into {code}; phones show the English until the translation is updated", kind.words()),
        ));
    }
}

fn not_checked(offer: &Offer, today: NaiveDate, warnings: &mut Vec<Warning>) {
    let cutoff = today
        .checked_sub_months(Months::new(STALE_AFTER_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    let long_ago =
        |date: NaiveDate| format!("{}, more than 12 months ago", crate::dates::long_date(date));
    if offer.council.last_reviewed < cutoff {
        warnings.push(Warning::new(
            WarningKind::NotChecked,
            OFFER,
            "council",
            "last_reviewed",
            format!(
                "the whole offer was last reviewed on {}; review it and then set last_reviewed",
                long_ago(offer.council.last_reviewed)
            ),
        ));
    }
    for (file, item, checked) in dated(offer) {
        if checked < cutoff {
            warnings.push(Warning::new(
                WarningKind::NotChecked,
                file,
                item,
                "last_checked",
                format!("last checked on {}; check it against its source, then set last_checked to the day you did", long_ago(checked)),
            ));
        }
    }
}

fn dated(offer: &Offer) -> Vec<(&'static str, &str, NaiveDate)> {
    let mut all = Vec::new();
    all.extend(
        offer
            .entitlements
            .iter()
            .map(|e| (ENTITLEMENTS, e.id.as_str(), e.last_checked)),
    );
    all.extend(
        offer
            .hubs
            .iter()
            .map(|h| (HUBS, h.id.as_str(), h.last_checked)),
    );
    all.extend(
        offer
            .contacts
            .iter()
            .map(|c| (CONTACTS, c.id.as_str(), c.last_checked)),
    );
    all.extend(
        offer
            .groups
            .iter()
            .map(|g| (GROUPS, g.id.as_str(), g.last_checked)),
    );
    all
}

fn sources(offer: &Offer) -> Vec<(&'static str, &str, &Link)> {
    let mut all = Vec::new();
    all.extend(
        offer
            .entitlements
            .iter()
            .map(|e| (ENTITLEMENTS, e.id.as_str(), &e.source)),
    );
    all.extend(offer.hubs.iter().map(|h| (HUBS, h.id.as_str(), &h.source)));
    all.extend(
        offer
            .contacts
            .iter()
            .map(|c| (CONTACTS, c.id.as_str(), &c.source)),
    );
    all.extend(
        offer
            .groups
            .iter()
            .map(|g| (GROUPS, g.id.as_str(), &g.source)),
    );
    all
}

/// The host of an `https://` link, in lower case, without a port or a final dot.
pub fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// One piece of text a young person reads, and where it lives.
struct Text<'a> {
    file: &'static str,
    item: &'a str,
    field: String,
    text: &'a str,
}

/// Every piece of text the app shows young people, as written by officers.
fn texts(offer: &Offer) -> Vec<Text<'_>> {
    let mut all = Vec::new();
    collect_texts(offer, &mut all);
    all
}

fn collect_texts<'a>(offer: &'a Offer, all: &mut Vec<Text<'a>>) {
    let mut push = |file: &'static str, item: &'a str, field: String, text: &'a str| {
        all.push(Text {
            file,
            item,
            field,
            text,
        })
    };
    for c in &offer.categories {
        push(OFFER, &c.id, "title".into(), &c.title);
        push(OFFER, &c.id, "summary".into(), &c.summary);
    }
    for e in &offer.entitlements {
        push(ENTITLEMENTS, &e.id, "title".into(), &e.title);
        push(ENTITLEMENTS, &e.id, "summary".into(), &e.summary);
        push(ENTITLEMENTS, &e.id, "details".into(), &e.details);
        for (i, step) in e.steps.iter().enumerate() {
            push(ENTITLEMENTS, &e.id, format!("steps[{}]", i + 1), step);
        }
    }
    for h in &offer.hubs {
        push(HUBS, &h.id, "name".into(), &h.name);
        for (i, service) in h.services.iter().enumerate() {
            push(HUBS, &h.id, format!("services[{}]", i + 1), service);
        }
        push(HUBS, &h.id, "access".into(), &h.access);
        for (i, session) in h.sessions.iter().enumerate() {
            push(
                HUBS,
                &h.id,
                format!("sessions[{}].what", i + 1),
                &session.what,
            );
        }
    }
    for c in &offer.contacts {
        push(CONTACTS, &c.id, "name".into(), &c.name);
        push(CONTACTS, &c.id, "hours".into(), &c.hours);
        push(CONTACTS, &c.id, "when".into(), &c.when);
    }
    for g in &offer.groups {
        push(GROUPS, &g.id, "name".into(), &g.name);
        push(GROUPS, &g.id, "summary".into(), &g.summary);
        push(GROUPS, &g.id, "for_whom".into(), &g.for_whom);
        push(GROUPS, &g.id, "where".into(), &g.place);
        push(GROUPS, &g.id, "when".into(), &g.when);
        push(GROUPS, &g.id, "how_to_join".into(), &g.how_to_join);
    }
}

/// The sentences of a text. Paragraphs (split by a blank line) end one too; a single line
/// break does not, because the app shows it as a space.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut all = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut start = 0;
        let mut chars = paragraph.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let ends = matches!(c, '.' | '!' | '?')
                && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
            if ends {
                all.push(&paragraph[start..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        all.push(&paragraph[start..]);
    }
    all.into_iter()
        .map(str::trim)
        .filter(|s| words(s) > 0)
        .collect()
}

/// How many words a sentence has: "£3,000" is a word, a lone dash is not.
pub fn words(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn long_sentences(text: &Text, warnings: &mut Vec<Warning>) {
    for sentence in sentences(text.text) {
        let count = words(sentence);
        if count > MAX_SENTENCE_WORDS {
            let opening: Vec<&str> = sentence.split_whitespace().take(8).collect();
            warnings.push(Warning::new(
                WarningKind::LongSentence,
                text.file,
                text.item,
                &text.field,
                format!(
                    "the sentence starting \"{} ...\" has {count} words; split it so no sentence has more than {MAX_SENTENCE_WORDS}",
                    opening.join(" ")
                ),
            ));
        }
    }
}

fn jargon(text: &Text, list: &[Jargon], warnings: &mut Vec<Warning>) {
    let paragraphs: Vec<String> = text
        .text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for entry in list {
        let used = paragraphs.iter().find_map(|paragraph| {
            let explained = entry
                .explained_by
                .iter()
                .any(|phrase| contains_term(paragraph, phrase));
            entry
                .words
                .iter()
                .find(|word| contains_term(paragraph, word))
                .filter(|_| !explained)
        });
        if let Some(word) = used {
            let or_explain = if entry.explained_by.is_empty() {
                ""
            } else {
                " Or explain it in the same paragraph."
            };
            warnings.push(Warning::new(
                WarningKind::Jargon,
                text.file,
                text.item,
                &text.field,
                format!(
                    "\"{word}\" is on the jargon list in {CHECKS_FILE}. {}{or_explain}",
                    entry.instead.trim()
                ),
            ));
        }
    }
}

/// Whether `text` uses `term` as whole words. A term in capitals ("LAC", "LA") is initials and
/// matches only in capitals, so "la" or "lac" in other words never count; any other term
/// matches in any case.
pub fn contains_term(text: &str, term: &str) -> bool {
    let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
    if term.is_empty() {
        return false;
    }
    let initials = term.chars().any(char::is_uppercase) && !term.chars().any(char::is_lowercase);
    let (text, term) = if initials {
        (text.to_string(), term)
    } else {
        (text.to_lowercase(), term.to_lowercase())
    };
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(&term).any(|(at, found)| {
        boundary(text[..at].chars().next_back())
            && boundary(text[at + found.len()..].chars().next())
    })
}
