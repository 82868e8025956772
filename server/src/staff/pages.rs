//! What every staff page shares: the layout, form errors, select and radio options, and
//! turning a template into a response.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::session::StaffUser;

/// One problem with a form, for the error summary and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field's id, which the summary links to.
    pub field: String,
    /// What to change.
    pub message: String,
}

/// Every problem with a form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    /// In the order the fields come on the page.
    pub list: Vec<FormError>,
}

impl Errors {
    /// Adds a problem with `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.list.push(FormError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// True when `field` has a problem.
    pub fn has(&self, field: &str) -> bool {
        self.list.iter().any(|e| e.field == field)
    }

    /// The first problem with `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// One choice in a select or a set of radios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    /// What the form sends.
    pub value: String,
    /// What people read.
    pub label: String,
    /// True when chosen.
    pub selected: bool,
}

impl Opt {
    /// A choice, selected when `value == current`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Opt {
        let value = value.into();
        Opt {
            selected: value == current,
            value,
            label: label.into(),
        }
    }
}

/// The signed-in person, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavUser {
    /// Their name.
    pub name: String,
    /// Their role's name.
    pub role: String,
    /// True for managers, who see the accounts and audit links.
    pub manager: bool,
    /// True for roles that publish "You said, we did" and read the review.
    pub publishes: bool,
    /// True for roles that read the support-back report.
    pub reports: bool,
}

/// What the layout needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The page's title (also its `h1` on most pages).
    pub title: String,
    /// Which navigation link is current: "inbox", "accounts", "audit" or "".
    pub section: &'static str,
    /// Who is signed in, if anyone.
    pub user: Option<NavUser>,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: String,
    /// A "saved" notice after a change.
    pub banner: Option<String>,
}

impl Layout {
    /// The layout for a signed-in page.
    pub fn signed_in(user: &StaffUser, title: impl Into<String>, section: &'static str) -> Layout {
        Layout {
            title: title.into(),
            section,
            user: Some(NavUser {
                name: user.account.name.clone(),
                role: user.account.role.label().to_string(),
                manager: user.account.role.manages_accounts(),
                publishes: user.account.role.publishes_you_said_we_did(),
                reports: user.account.role.reads_support_back_report(),
            }),
            csrf: user.csrf.clone(),
            banner: None,
        }
    }

    /// The layout for a page anyone may see (sign-in, set a password).
    pub fn public(title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            section: "",
            user: None,
            csrf: String::new(),
            banner: None,
        }
    }

    /// The same layout with a notice at the top.
    pub fn with_banner(mut self, banner: Option<String>) -> Layout {
        self.banner = banner;
        self
    }
}

/// Renders a template with `status`. Staff responses are never cached (a layer adds
/// `Cache-Control: no-store`).
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "a staff page could not be rendered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side.",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "staff/message.html")]
struct MessagePage {
    layout: Layout,
    errors: Errors,
    text: String,
    link: Option<(String, String)>,
}

/// A page that only says something, with a link onwards.
pub fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    render(
        status,
        &MessagePage {
            layout: Layout::public(title),
            errors: Errors::default(),
            text: text.to_string(),
            link: Some(("/staff".into(), "Go to the staff pages".into())),
        },
    )
}

/// 404 for anything missing or that the viewer may not see (the same answer for both, so a
/// page never confirms that something exists).
pub fn not_found(user: &StaffUser) -> Response {
    render(
        StatusCode::NOT_FOUND,
        &MessagePage {
            layout: Layout::signed_in(user, "Page not found", ""),
            errors: Errors::default(),
            text: "There is nothing here, or it is not something your role can see.".into(),
            link: Some(("/staff".into(), "Go to the inbox".into())),
        },
    )
}

/// 503 when the database does not answer; the cause goes to the log, not the page.
pub fn unavailable(error: anyhow::Error) -> Response {
    tracing::error!("a staff page failed: {error:#}");
    message_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Sorry, there is a problem",
        "We could not reach the database. Nothing was changed. Try again in a few minutes.",
    )
}
