//! Who on the staff side may see and do what. Every staff page asks this one module.
//!
//! - A **manager** sees every message, manages accounts and reads the audit log.
//! - A **PA** sees the messages assigned to them, and the unassigned "please contact me" and
//!   "my details have changed" queue, so someone always picks those up.
//! - The **participation** lead sees feedback, group reviews, "I'd like to join a group"
//!   and "I'd like to start a group",
//!   and never "please contact me" or "my details have changed", which hold a young
//!   person's phone number or address.

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Runs the team: sees everything, manages accounts, reads the audit log.
    Manager,
    /// A personal adviser: their own messages and the contact queue.
    Pa,
    /// The participation lead: feedback and groups.
    Participation,
}

/// Kinds that carry contact details and ask for someone to get in touch.
pub const CONTACT_KINDS: [&str; 2] = ["contact-me", "details-changed"];
/// Kinds the participation lead reads.
pub const PARTICIPATION_KINDS: [&str; 4] =
    ["feedback", "join-group", "group-review", "start-group"];

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 3] = [Role::Manager, Role::Pa, Role::Participation];

    /// How the role is written in the database and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Pa => "pa",
            Role::Participation => "participation",
        }
    }

    /// The role's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Manager => "Manager",
            Role::Pa => "Personal adviser",
            Role::Participation => "Participation lead",
        }
    }

    /// The role a slug names.
    pub fn from_slug(slug: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// True when this role may manage staff accounts.
    pub fn manages_accounts(self) -> bool {
        self == Role::Manager
    }

    /// True when this role may publish "You said, we did" and read the review of the offer.
    pub fn publishes_you_said_we_did(self) -> bool {
        matches!(self, Role::Manager | Role::Participation)
    }

    /// True when this role may read the support-back report.
    pub fn reads_support_back_report(self) -> bool {
        matches!(self, Role::Manager | Role::Pa)
    }

    /// True when this role may read the audit log.
    pub fn reads_audit_log(self) -> bool {
        self == Role::Manager
    }

    /// True when this role may see some messages of `kind` (used to offer filters).
    pub fn sees_kind(self, kind: &str) -> bool {
        match self {
            Role::Manager => true,
            Role::Pa => true,
            Role::Participation => PARTICIPATION_KINDS.contains(&kind),
        }
    }
}

/// Who is looking: a staff account's id and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The staff account's id.
    pub id: i64,
    /// Its role.
    pub role: Role,
}

impl Viewer {
    /// True when this viewer may see a message of `kind` assigned to `assigned_to`.
    pub fn may_see(&self, kind: &str, assigned_to: Option<i64>) -> bool {
        match self.role {
            Role::Manager => true,
            Role::Pa => match assigned_to {
                Some(owner) => owner == self.id,
                None => CONTACT_KINDS.contains(&kind),
            },
            Role::Participation => PARTICIPATION_KINDS.contains(&kind),
        }
    }

    /// True when this viewer may assign a message of `kind` to `target` (who has
    /// `target_role`). Managers assign to anyone whose role can see that kind; everyone
    /// else may only take a message they can see for themselves.
    pub fn may_assign(&self, kind: &str, target: i64, target_role: Role) -> bool {
        let target_can_see = Viewer {
            id: target,
            role: target_role,
        }
        .may_see(kind, Some(target));
        match self.role {
            Role::Manager => target_can_see,
            Role::Pa | Role::Participation => target == self.id && target_can_see,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [&str; 6] = [
        "feedback",
        "contact-me",
        "details-changed",
        "join-group",
        "group-review",
        "start-group",
    ];

    fn manager() -> Viewer {
        Viewer {
            id: 1,
            role: Role::Manager,
        }
    }
    fn pa() -> Viewer {
        Viewer {
            id: 2,
            role: Role::Pa,
        }
    }
    fn participation() -> Viewer {
        Viewer {
            id: 3,
            role: Role::Participation,
        }
    }

    #[test]
    fn a_manager_sees_every_message() {
        for kind in KINDS {
            assert!(manager().may_see(kind, None));
            assert!(manager().may_see(kind, Some(2)));
        }
    }

    #[test]
    fn a_pa_sees_their_own_and_the_unassigned_contact_queue() {
        assert!(pa().may_see("contact-me", None));
        assert!(pa().may_see("details-changed", None));
        assert!(pa().may_see("contact-me", Some(2)));
        assert!(pa().may_see("feedback", Some(2)), "assigned to them");
        assert!(!pa().may_see("contact-me", Some(9)), "another PA's");
        assert!(!pa().may_see("feedback", None));
        assert!(!pa().may_see("group-review", None));
    }

    #[test]
    fn the_participation_lead_never_sees_contact_details() {
        for kind in CONTACT_KINDS {
            assert!(!participation().may_see(kind, None));
            assert!(
                !participation().may_see(kind, Some(3)),
                "not even if assigned"
            );
        }
        for kind in PARTICIPATION_KINDS {
            assert!(participation().may_see(kind, None));
            assert!(participation().may_see(kind, Some(2)));
        }
    }

    #[test]
    fn only_managers_manage_accounts_and_read_the_audit_log() {
        assert!(Role::Manager.manages_accounts() && Role::Manager.reads_audit_log());
        for role in [Role::Pa, Role::Participation] {
            assert!(!role.manages_accounts() && !role.reads_audit_log());
        }
    }

    #[test]
    fn a_manager_assigns_only_to_someone_who_may_see_it() {
        assert!(manager().may_assign("contact-me", 2, Role::Pa));
        assert!(!manager().may_assign("contact-me", 3, Role::Participation));
        assert!(manager().may_assign("feedback", 3, Role::Participation));
        assert!(manager().may_assign("feedback", 1, Role::Manager));
    }

    #[test]
    fn others_may_only_take_a_message_for_themselves() {
        assert!(pa().may_assign("contact-me", 2, Role::Pa));
        assert!(!pa().may_assign("contact-me", 7, Role::Pa));
        assert!(participation().may_assign("feedback", 3, Role::Participation));
        assert!(!participation().may_assign("contact-me", 3, Role::Participation));
    }

    #[test]
    fn slugs_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_slug(role.slug()), Some(role));
        }
        assert_eq!(Role::from_slug("admin"), None);
    }
}
