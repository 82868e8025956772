//! Who on the staff side may see and do what. Every staff page asks this one module.
//!
//! - A **manager** sees every message, manages accounts and reads the audit log.
//! - A **PA** sees the messages assigned to them, and the unassigned "please contact me" and
//!   "my details have changed" queue, so someone always picks those up.
//! - The **participation** lead sees feedback, group reviews, "I'd like to join a group"
//!   and "I'd like to start a group",
//!   and never "please contact me" or "my details have changed", which hold a young
//!   person's phone number or address.
//! - An **editor** keeps the offer true: sees what in it is due for a check, and never any
//!   message (a council officer who edits web content need not read young people's words).

use crate::message::MessageKind;

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Runs the team: sees everything, manages accounts, reads the audit log.
    Manager,
    /// A personal adviser: their own messages and the contact queue.
    Pa,
    /// The participation lead: feedback and groups.
    Participation,
    /// Keeps the offer up to date: no messages.
    Editor,
}

/// Kinds that carry contact details and ask for someone to get in touch.
pub const CONTACT_KINDS: [MessageKind; 2] = [MessageKind::ContactMe, MessageKind::DetailsChanged];
/// Kinds the participation lead reads.
pub const PARTICIPATION_KINDS: [MessageKind; 4] = [
    MessageKind::Feedback,
    MessageKind::JoinGroup,
    MessageKind::GroupReview,
    MessageKind::StartGroup,
];

/// What a staff role may do beyond seeing messages. [`Role::may`] is the one table of who
/// may do what; every staff page asks it rather than naming roles itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the inbox and the messages the role may see (`Viewer::may_see`).
    ReadMessages,
    /// Add, change and remove staff accounts.
    ManageAccounts,
    /// Read the audit log of who did what.
    ReadAuditLog,
    /// Write and publish "You said, we did" entries.
    PublishYouSaidWeDid,
    /// Read the review of the offer: the feedback and the groups' reviews, summed up.
    ReadReview,
    /// Read the support-back report.
    ///
    /// PAs read it as well as managers: the report shows only counts per month and the
    /// median wait, never a name or a word of a message, and PAs as a team answer for
    /// contacting those young people within two working days, so they see the whole
    /// team's figures.
    ReadSupportBackReport,
    /// See every item of the offer with the day it was last checked against its source,
    /// whether it is due for a check, and the content checker's warnings: the list the
    /// officers who keep the offer true work from.
    CheckOffer,
    /// Change the draft of the offer: edit, add and remove items, mark them checked, import
    /// and restore; and preview the draft on a phone.
    EditOffer,
    /// Make the draft the offer phones get. Separate from editing, so a council can let
    /// someone edit who does not publish (and `CONTENT_APPROVAL=two-person` adds that the
    /// person who made the last change never publishes it).
    PublishOffer,
    /// Record that a translation of the app has been checked by someone who reads the
    /// language, so phones offer it without the "not checked yet" note.
    ReviewTranslations,
    /// See the links that open the app in each language phones are offered, to text to a
    /// young person: everyone who talks with young people (an editor does not).
    SendLanguageLinks,
}

impl Permission {
    /// Every permission, in the order staff pages list them.
    pub const ALL: [Permission; 11] = [
        Permission::ReadMessages,
        Permission::ManageAccounts,
        Permission::ReadAuditLog,
        Permission::PublishYouSaidWeDid,
        Permission::ReadReview,
        Permission::ReadSupportBackReport,
        Permission::CheckOffer,
        Permission::EditOffer,
        Permission::PublishOffer,
        Permission::ReviewTranslations,
        Permission::SendLanguageLinks,
    ];

    /// What it lets someone do, in short plain English.
    pub fn label(self) -> &'static str {
        match self {
            Permission::ReadMessages => "read messages",
            Permission::ManageAccounts => "manage staff accounts",
            Permission::ReadAuditLog => "read the audit log",
            Permission::PublishYouSaidWeDid => "publish \"You said, we did\"",
            Permission::ReadReview => "read the review of the offer",
            Permission::ReadSupportBackReport => "read the support-back report",
            Permission::CheckOffer => "see what in the offer is due for a check",
            Permission::EditOffer => "change the draft of the offer",
            Permission::PublishOffer => "publish the offer",
            Permission::ReviewTranslations => "mark a translation of the app as checked",
            Permission::SendLanguageLinks => "send the app in a young person's language",
        }
    }
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 4] = [Role::Manager, Role::Pa, Role::Participation, Role::Editor];

    /// How the role is written in the database and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Pa => "pa",
            Role::Participation => "participation",
            Role::Editor => "editor",
        }
    }

    /// The role's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Manager => "Manager",
            Role::Pa => "Personal adviser",
            Role::Participation => "Participation lead",
            Role::Editor => "Offer editor",
        }
    }

    /// The role a slug names.
    pub fn from_slug(slug: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// True when this role may do `permission`: the one table of who may do what.
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        // No wildcards: a new role or permission does not compile until this says who may.
        match (self, permission) {
            (
                Role::Manager,
                ReadMessages
                | ManageAccounts
                | ReadAuditLog
                | PublishYouSaidWeDid
                | ReadReview
                | ReadSupportBackReport
                | CheckOffer
                | EditOffer
                | PublishOffer
                | ReviewTranslations
                | SendLanguageLinks,
            ) => true,
            (Role::Pa, ReadMessages | ReadSupportBackReport | SendLanguageLinks) => true,
            (
                Role::Pa,
                ManageAccounts | ReadAuditLog | PublishYouSaidWeDid | ReadReview | CheckOffer
                | EditOffer | PublishOffer | ReviewTranslations,
            ) => false,
            (
                Role::Participation,
                ReadMessages | PublishYouSaidWeDid | ReadReview | SendLanguageLinks,
            ) => true,
            (
                Role::Participation,
                ManageAccounts
                | ReadAuditLog
                | ReadSupportBackReport
                | CheckOffer
                | EditOffer
                | PublishOffer
                | ReviewTranslations,
            ) => false,
            (Role::Editor, CheckOffer | EditOffer | PublishOffer | ReviewTranslations) => true,
            (
                Role::Editor,
                ReadMessages
                | ManageAccounts
                | ReadAuditLog
                | PublishYouSaidWeDid
                | ReadReview
                | ReadSupportBackReport
                | SendLanguageLinks,
            ) => false,
        }
    }

    /// True when this role may see some messages of `kind` (used to offer filters).
    pub fn sees_kind(self, kind: MessageKind) -> bool {
        match self {
            Role::Manager => true,
            Role::Pa => true,
            Role::Participation => PARTICIPATION_KINDS.contains(&kind),
            Role::Editor => false,
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
    pub fn may_see(&self, kind: MessageKind, assigned_to: Option<i64>) -> bool {
        match self.role {
            Role::Manager => true,
            Role::Pa => match assigned_to {
                Some(owner) => owner == self.id,
                None => CONTACT_KINDS.contains(&kind),
            },
            Role::Participation => PARTICIPATION_KINDS.contains(&kind),
            Role::Editor => false,
        }
    }

    /// True when this viewer may assign a message of `kind` to `target` (who has
    /// `target_role`). Managers assign to anyone whose role can see that kind; everyone
    /// else may only take a message they can see for themselves.
    pub fn may_assign(&self, kind: MessageKind, target: i64, target_role: Role) -> bool {
        let target_can_see = Viewer {
            id: target,
            role: target_role,
        }
        .may_see(kind, Some(target));
        match self.role {
            Role::Manager => target_can_see,
            Role::Pa | Role::Participation | Role::Editor => target == self.id && target_can_see,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    use MessageKind::*;

    #[test]
    fn an_editor_sees_no_message_at_all() {
        let editor = Viewer {
            id: 4,
            role: Role::Editor,
        };
        for kind in MessageKind::ALL {
            assert!(!editor.may_see(kind, None));
            assert!(!editor.may_see(kind, Some(4)), "not even if assigned");
            assert!(!Role::Editor.sees_kind(kind));
            assert!(!editor.may_assign(kind, 4, Role::Editor));
            assert!(
                !manager().may_assign(kind, 4, Role::Editor),
                "nobody assigns to an editor"
            );
        }
    }

    #[test]
    fn a_manager_sees_every_message() {
        for kind in MessageKind::ALL {
            assert!(manager().may_see(kind, None));
            assert!(manager().may_see(kind, Some(2)));
            assert!(Role::Manager.sees_kind(kind));
        }
    }

    #[test]
    fn a_pa_sees_their_own_and_the_unassigned_contact_queue() {
        assert!(pa().may_see(ContactMe, None));
        assert!(pa().may_see(DetailsChanged, None));
        assert!(pa().may_see(ContactMe, Some(2)));
        assert!(pa().may_see(Feedback, Some(2)), "assigned to them");
        assert!(!pa().may_see(ContactMe, Some(9)), "another PA's");
        assert!(!pa().may_see(Feedback, None));
        assert!(!pa().may_see(GroupReview, None));
    }

    #[test]
    fn the_participation_lead_never_sees_contact_details() {
        for kind in CONTACT_KINDS {
            assert!(!participation().may_see(kind, None));
            assert!(
                !participation().may_see(kind, Some(3)),
                "not even if assigned"
            );
            assert!(!Role::Participation.sees_kind(kind));
        }
        for kind in PARTICIPATION_KINDS {
            assert!(participation().may_see(kind, None));
            assert!(participation().may_see(kind, Some(2)));
            assert!(Role::Participation.sees_kind(kind));
        }
    }

    #[test]
    fn every_kind_is_a_contact_kind_or_a_participation_kind_not_both() {
        for kind in MessageKind::ALL {
            assert!(
                CONTACT_KINDS.contains(&kind) != PARTICIPATION_KINDS.contains(&kind),
                "{kind}"
            );
        }
    }

    #[test]
    fn who_may_do_what_is_this_table() {
        use Permission::*;
        // (permission, manager, PA, participation lead, editor)
        let table = [
            (ReadMessages, true, true, true, false),
            (ManageAccounts, true, false, false, false),
            (ReadAuditLog, true, false, false, false),
            (PublishYouSaidWeDid, true, false, true, false),
            (ReadReview, true, false, true, false),
            (ReadSupportBackReport, true, true, false, false),
            (CheckOffer, true, false, false, true),
            (EditOffer, true, false, false, true),
            (PublishOffer, true, false, false, true),
            (ReviewTranslations, true, false, false, true),
            (SendLanguageLinks, true, true, true, false),
        ];
        assert_eq!(table.map(|row| row.0), Permission::ALL, "one row each");
        for (permission, manager, pa, participation, editor) in table {
            for (role, expected) in [
                (Role::Manager, manager),
                (Role::Pa, pa),
                (Role::Participation, participation),
                (Role::Editor, editor),
            ] {
                assert_eq!(
                    role.may(permission),
                    expected,
                    "{} may {}",
                    role.label(),
                    permission.label()
                );
            }
        }
    }

    #[test]
    fn a_manager_assigns_only_to_someone_who_may_see_it() {
        assert!(manager().may_assign(ContactMe, 2, Role::Pa));
        assert!(!manager().may_assign(ContactMe, 3, Role::Participation));
        assert!(manager().may_assign(Feedback, 3, Role::Participation));
        assert!(manager().may_assign(Feedback, 1, Role::Manager));
    }

    #[test]
    fn others_may_only_take_a_message_for_themselves() {
        assert!(pa().may_assign(ContactMe, 2, Role::Pa));
        assert!(!pa().may_assign(ContactMe, 7, Role::Pa));
        assert!(participation().may_assign(Feedback, 3, Role::Participation));
        assert!(!participation().may_assign(ContactMe, 3, Role::Participation));
    }

    #[test]
    fn slugs_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_slug(role.slug()), Some(role));
        }
        assert_eq!(Role::from_slug("admin"), None);
    }
}
