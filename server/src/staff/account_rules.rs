//! What an account needs, checked the same way by the manager's pages and the `staff`
//! command: a real email and a name, and the one-time link that sets a password.

/// Why an email cannot be an account's, or `None`.
pub fn email_problem(email: &str) -> Option<&'static str> {
    if offer_core::contact_details::is_valid_email(email.trim()) {
        None
    } else {
        Some("Enter an email address in the right format, like name@council.gov.uk")
    }
}

/// Why a name cannot be used, or `None`.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        Some("Enter the person's name")
    } else if name.chars().count() > 100 {
        Some("The name must be 100 characters or fewer")
    } else {
        None
    }
}

/// The link staff open to set a password.
pub fn link_url(base_url: &str, token: &str) -> String {
    // The token goes in the query, which the request log leaves out (it logs paths only).
    format!("{base_url}/staff/set-password?token={token}")
}
