//! What every staff page shares: the layout with its navigation, form errors, select and
//! radio options, and turning a template into a response.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use offer_core::roles::{Permission, Role};

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

/// Which part of the staff side a page belongs to, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// A page outside the navigation (sign-in, "not found").
    None,
    /// The inbox and each message.
    Inbox,
    /// The review of the offer.
    Review,
    /// "You said, we did".
    YouSaidWeDid,
    /// The support-back report.
    SupportBack,
    /// Staff accounts.
    Accounts,
    /// The audit log.
    Audit,
    /// The offer and what in it is due for a check.
    Offer,
    /// The translations of the app.
    Languages,
    /// Links that open the app in each language, to send to a young person.
    LanguageLinks,
}

impl Section {
    /// Each section in the navigation, with its address, its name and what a role needs to
    /// see its link (`None`: every signed-in role).
    const NAVIGATION: [(Section, &'static str, &'static str, Option<Permission>); 9] = [
        (
            Section::Inbox,
            "/staff",
            "Inbox",
            Some(Permission::ReadMessages),
        ),
        (
            Section::Offer,
            "/staff/offer",
            "The offer",
            Some(Permission::CheckOffer),
        ),
        (
            Section::Languages,
            "/staff/languages",
            "Languages",
            Some(Permission::ReviewTranslations),
        ),
        (
            Section::LanguageLinks,
            "/staff/language-links",
            "Links in other languages",
            Some(Permission::SendLanguageLinks),
        ),
        (
            Section::Review,
            "/staff/review",
            "Review of the offer",
            Some(Permission::ReadReview),
        ),
        (
            Section::YouSaidWeDid,
            "/staff/you-said-we-did",
            "You said, we did",
            Some(Permission::PublishYouSaidWeDid),
        ),
        (
            Section::SupportBack,
            "/staff/reports/support-back",
            "Support back",
            Some(Permission::ReadSupportBackReport),
        ),
        (
            Section::Accounts,
            "/staff/accounts",
            "Accounts",
            Some(Permission::ManageAccounts),
        ),
        (
            Section::Audit,
            "/staff/audit",
            "Audit log",
            Some(Permission::ReadAuditLog),
        ),
    ];
}

/// One link in the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// What it says.
    pub label: &'static str,
    /// True on the page's own section.
    pub current: bool,
}

/// The signed-in person, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavUser {
    /// Their name.
    pub name: String,
    /// Their role's name.
    pub role: String,
    /// The sections their role may open.
    pub links: Vec<NavLink>,
}

/// The links a role sees, with `current` marked.
fn links(role: Role, current: Section) -> Vec<NavLink> {
    Section::NAVIGATION
        .iter()
        .filter(|(_, _, _, need)| need.is_none_or(|p| role.may(p)))
        .map(|(section, href, label, _)| NavLink {
            href,
            label,
            current: *section == current,
        })
        .collect()
}

/// Where a role starts, and what to call it: the inbox for roles that read messages, the
/// offer's check list for editors.
pub fn home(role: Role) -> (&'static str, &'static str) {
    if role.may(Permission::ReadMessages) {
        ("/staff", "Go to the inbox")
    } else {
        ("/staff/offer", "Go to the offer")
    }
}

/// What the layout needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Where the header's name links to: the viewer's start page.
    pub home: &'static str,
    /// The page's title (also its `h1` on most pages).
    pub title: String,
    /// Who is signed in, if anyone.
    pub user: Option<NavUser>,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: String,
    /// A "saved" notice after a change.
    pub banner: Option<String>,
}

impl Layout {
    /// The layout for a signed-in page in `section`.
    pub fn signed_in(user: &StaffUser, title: impl Into<String>, section: Section) -> Layout {
        Layout {
            home: home(user.account.role).0,
            title: title.into(),
            user: Some(NavUser {
                name: user.account.name.clone(),
                role: user.account.role.label().to_string(),
                links: links(user.account.role, section),
            }),
            csrf: user.csrf.clone(),
            banner: None,
        }
    }

    /// The layout for a page anyone may see (sign-in, set a password).
    pub fn public(title: impl Into<String>) -> Layout {
        Layout {
            home: "/staff",
            title: title.into(),
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
            layout: Layout::signed_in(user, "Page not found", Section::None),
            errors: Errors::default(),
            text: "There is nothing here, or it is not something your role can see.".into(),
            link: Some({
                let (href, label) = home(user.account.role);
                (href.into(), label.into())
            }),
        },
    )
}
