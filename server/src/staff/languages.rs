//! The translations of the app: which languages phones are offered, how much of each is
//! translated, and who has checked it. Recording a check is one action, by someone who
//! reads the language; until then a language is a draft, shown to phones only where the
//! council turns drafts on, and always with a note saying it has not been checked.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use offer_core::content::translate;
use offer_core::dates::long_date;
use offer_core::i18n::link::link_in;
use offer_core::roles::Permission;
use serde::Deserialize;

use super::error::PageResult;
use super::guard::council_origin;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::languages::{listed, mark_checked, offered, Listed};
use crate::offer_store::working_copy;
use crate::state::AppState;
use crate::tenants::Tenant;

/// How a staff page names a language: "Pashto (پښتو)", the name in its own script marked
/// with its code and direction.
pub struct Named {
    code: String,
    name: String,
    english_name: String,
    dir: &'static str,
}

impl Named {
    fn of(l: &Listed) -> Named {
        Named {
            code: l.code.clone(),
            name: l.name.clone(),
            english_name: l.english_name.clone(),
            dir: l.dir,
        }
    }
}

/// One language as the page lists it.
pub struct LanguageLine {
    language: Named,
    draft: bool,
    checked: String,
    translated: String,
    /// "40 of 101 items up to date": the offer's own words in this language, in the draft.
    offer_words: String,
}

#[derive(Template)]
#[template(path = "staff/languages.html")]
struct LanguagesPage {
    layout: Layout,
    errors: Errors,
    languages: Vec<LanguageLine>,
    drafts_shown: bool,
    /// Whether to link to the offer's "Needs translating" list.
    may_see_offer: bool,
}

/// `?checked=CODE` after a check is recorded.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Checked {
    checked: String,
}

/// `GET /staff/languages`
pub async fn page(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(done): Query<Checked>,
) -> PageResult {
    let languages = listed(&state.languages, &council.db).await?;
    let working = working_copy(&council.db).await?;
    let banner = languages
        .iter()
        .find(|l| !done.checked.is_empty() && l.code == done.checked)
        .map(|l| {
            format!(
                "{} is marked as checked. Phones offer it without the \"not checked\" note from their next visit.",
                l.english_name
            )
        });
    let lines = languages
        .iter()
        .map(|l| LanguageLine {
            draft: l.is_draft(),
            checked: match (&l.reviewed_by, l.reviewed_on) {
                (Some(who), Some(on)) => format!("Checked by {who} on {}", long_date(on)),
                _ => "Not checked yet".to_string(),
            },
            translated: format!("{} of {} phrases", l.coverage.0, l.coverage.1),
            offer_words: {
                let (done, all) = translate::coverage(working.offer(), &l.code);
                format!("{done} of {all} items up to date")
            },
            language: Named::of(l),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &LanguagesPage {
            layout: Layout::signed_in(&user, "Languages of the app", Section::Languages)
                .with_banner(banner),
            errors: Errors::default(),
            languages: lines,
            drafts_shown: state.config.shows_draft_languages(),
            may_see_offer: user.account.role.may(Permission::CheckOffer),
        },
    ))
}

/// `POST /staff/languages/{code}/checked`: records that the signed-in person has checked
/// this translation, as it is built now.
pub async fn checked(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Path(code): Path<String>,
) -> PageResult {
    let now = state.config.clock.now();
    if !mark_checked(&state.languages, &council.db, &code, &user.actor(), now).await? {
        return Err(user.not_found());
    }
    Ok(Redirect::to(&format!("/staff/languages?checked={code}")).into_response())
}

/// One language's link, as the page of links shows it.
pub struct LinkLine {
    language: Named,
    draft: bool,
    /// The link after the site's address: a narrow screen starts a line there.
    rest: String,
}

#[derive(Template)]
#[template(path = "staff/language_links.html")]
struct LanguageLinksPage {
    layout: Layout,
    errors: Errors,
    lines: Vec<LinkLine>,
    drafts_shown: bool,
    /// The address this council's app is served at; each link starts with it.
    site: String,
    /// The rest of a page's link in the first language, to show that any page can be.
    example: String,
}

/// `GET /staff/language-links`: for each language phones are offered, the link that opens
/// the app in it (and keeps it on the phone), to text to a young person.
pub async fn links(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    headers: HeaderMap,
) -> PageResult {
    let drafts_shown = state.config.shows_draft_languages();
    let languages = offered(&state.languages, &council.db, drafts_shown).await?;
    // The address this council's app is served at: where this page was asked for.
    let site = council_origin(&state, &council, &headers).unwrap_or_default();
    let example = languages
        .first()
        .map(|l| link_in("/contacts", Some(&l.code)))
        .unwrap_or_default();
    let lines = languages
        .iter()
        .map(|l| LinkLine {
            draft: l.is_draft(),
            rest: link_in("/", Some(&l.code)),
            language: Named::of(l),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &LanguageLinksPage {
            layout: Layout::signed_in(&user, "Links in other languages", Section::LanguageLinks),
            errors: Errors::default(),
            lines,
            drafts_shown,
            site,
            example,
        },
    ))
}
