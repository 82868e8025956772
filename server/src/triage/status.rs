//! Where a message is in the team's work, and how contact was made.

/// Where a message is in the team's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Nobody has acted on it yet.
    New,
    /// Someone is dealing with it.
    InProgress,
    /// Dealt with.
    Done,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 3] = [Status::New, Status::InProgress, Status::Done];

    /// As stored and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in-progress",
            Status::Done => "done",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::InProgress => "In progress",
            Status::Done => "Done",
        }
    }

    /// The status a slug names.
    pub fn from_slug(slug: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How a PA got in touch when marking "please contact me" done. The form offers these,
/// the message's history names them, and the support-back report counts the ones that are
/// contact: the one list for all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactMethod {
    /// Phoned them.
    Phone,
    /// Sent a text.
    Text,
    /// Emailed them.
    Email,
    /// Met them.
    InPerson,
    /// Tried, and could not reach them.
    NotReached,
}

impl ContactMethod {
    /// Every method, in the order the form lists them.
    pub const ALL: [ContactMethod; 5] = [
        ContactMethod::Phone,
        ContactMethod::Text,
        ContactMethod::Email,
        ContactMethod::InPerson,
        ContactMethod::NotReached,
    ];

    /// As stored and sent by the form.
    pub fn slug(self) -> &'static str {
        match self {
            ContactMethod::Phone => "phone",
            ContactMethod::Text => "text",
            ContactMethod::Email => "email",
            ContactMethod::InPerson => "in-person",
            ContactMethod::NotReached => "not-reached",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            ContactMethod::Phone => "Phoned",
            ContactMethod::Text => "Sent a text",
            ContactMethod::Email => "Emailed",
            ContactMethod::InPerson => "Met in person",
            ContactMethod::NotReached => "Could not reach them",
        }
    }

    /// The method a slug names.
    pub fn from_slug(slug: &str) -> Option<ContactMethod> {
        ContactMethod::ALL.into_iter().find(|m| m.slug() == slug)
    }

    /// True when the young person was reached: "could not reach them" is not contact.
    pub fn is_contact(self) -> bool {
        self != ContactMethod::NotReached
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_back() {
        for status in Status::ALL {
            assert_eq!(Status::from_slug(status.slug()), Some(status));
        }
        for method in ContactMethod::ALL {
            assert_eq!(ContactMethod::from_slug(method.slug()), Some(method));
        }
        assert_eq!(ContactMethod::from_slug("carrier pigeon"), None);
    }
}
