//! Every staff route, walked signed out and signed in as every role, against the one table
//! of who may do what (`offer_core::roles::Role::may`): a role without the permission gets
//! the 404 page, a role with it never does, and signed out every page sends you to sign in.

use local_offer_server::db::you_said_we_did::{self, Words};
use offer_core::roles::{Permission, Role};

use super::support::*;

on_both_databases!(every_route_answers_each_role_as_the_table_says);

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Anyone, signed in or not.
    Nobody,
    /// A signed-in role with this permission.
    May(Permission),
    /// Nothing is there: 404 for every signed-in role.
    Nothing,
}

/// Every staff route, with a request that reaches its handler. `{message}` is a message the
/// viewer's role may see, `{account}` another account, `{entry}` a new "You said, we did".
/// Signing out comes last, as it ends the session.
const ROUTES: &[(&str, &str, Need)] = &[
    ("GET", "/staff/staff.css", Need::Nobody),
    ("GET", "/staff/sign-in", Need::Nobody),
    ("POST", "/staff/sign-in", Need::Nobody),
    ("GET", "/staff/set-password?token=nope", Need::Nobody),
    ("POST", "/staff/set-password", Need::Nobody),
    ("GET", "/staff", Need::May(Permission::ReadMessages)),
    ("GET", "/staff/", Need::May(Permission::ReadMessages)),
    (
        "GET",
        "/staff/export.csv",
        Need::May(Permission::ReadMessages),
    ),
    (
        "GET",
        "/staff/messages/{message}",
        Need::May(Permission::ReadMessages),
    ),
    (
        "POST",
        "/staff/messages/{message}/status",
        Need::May(Permission::ReadMessages),
    ),
    (
        "POST",
        "/staff/messages/{message}/assign",
        Need::May(Permission::ReadMessages),
    ),
    (
        "POST",
        "/staff/messages/{message}/notes",
        Need::May(Permission::ReadMessages),
    ),
    (
        "POST",
        "/staff/messages/{message}/reply",
        Need::May(Permission::ReadMessages),
    ),
    (
        "GET",
        "/staff/accounts",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "GET",
        "/staff/accounts/new",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "POST",
        "/staff/accounts/new",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "GET",
        "/staff/accounts/{account}",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "POST",
        "/staff/accounts/{account}/role",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "POST",
        "/staff/accounts/{account}/reset",
        Need::May(Permission::ManageAccounts),
    ),
    (
        "POST",
        "/staff/accounts/{account}/remove",
        Need::May(Permission::ManageAccounts),
    ),
    ("GET", "/staff/audit", Need::May(Permission::ReadAuditLog)),
    ("GET", "/staff/offer", Need::May(Permission::CheckOffer)),
    (
        "GET",
        "/staff/offer?show=due",
        Need::May(Permission::CheckOffer),
    ),
    (
        "GET",
        "/staff/offer/changes",
        Need::May(Permission::CheckOffer),
    ),
    (
        "GET",
        "/staff/offer/history",
        Need::May(Permission::CheckOffer),
    ),
    (
        "GET",
        "/staff/offer/history/1",
        Need::May(Permission::CheckOffer),
    ),
    (
        "GET",
        "/staff/offer/entitlement/personal-adviser",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/entitlement/personal-adviser",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/entitlement/personal-adviser/translations",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/contact/leaving-care-team/translations",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/hub/new",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/hub/new",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/entitlement/personal-adviser/checked",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/category/money/remove",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/category/money/remove",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/history/1/restore",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/preview",
        Need::May(Permission::EditOffer),
    ),
    (
        "GET",
        "/staff/offer/preview/offer.json",
        Need::May(Permission::EditOffer),
    ),
    (
        "POST",
        "/staff/offer/publish",
        Need::May(Permission::PublishOffer),
    ),
    // Recording a check needs a language file, which this server has not: the languages
    // tests walk `POST /staff/languages/{code}/checked` for each role.
    (
        "GET",
        "/staff/languages",
        Need::May(Permission::ReviewTranslations),
    ),
    (
        "GET",
        "/staff/language-links",
        Need::May(Permission::SendLanguageLinks),
    ),
    (
        "GET",
        "/staff/reports/support-back",
        Need::May(Permission::ReadSupportBackReport),
    ),
    ("GET", "/staff/review", Need::May(Permission::ReadReview)),
    (
        "GET",
        "/staff/review.csv",
        Need::May(Permission::ReadReview),
    ),
    (
        "GET",
        "/staff/you-said-we-did",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    (
        "GET",
        "/staff/you-said-we-did/new",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    (
        "POST",
        "/staff/you-said-we-did/new",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    (
        "GET",
        "/staff/you-said-we-did/{entry}",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    (
        "POST",
        "/staff/you-said-we-did/{entry}",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    (
        "POST",
        "/staff/you-said-we-did/{entry}/withdraw",
        Need::May(Permission::PublishYouSaidWeDid),
    ),
    ("GET", "/staff/no-such-page", Need::Nothing),
    ("POST", "/staff/no-such-page", Need::Nothing),
    ("POST", "/staff/sign-out", Need::Nobody),
];

/// A new "You said, we did" entry, so withdrawing one never finds it gone already.
async fn new_entry(server: &TestServer, author: i64, n: usize) -> String {
    let id = format!("ysd-route-{n}");
    let words = Words {
        said: "More help with bus fares",
        did: "Bus passes for care leavers",
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        about: None,
    };
    let mut tx = server.council().db.begin().await.unwrap();
    you_said_we_did::insert(&mut tx, &id, &words, author, at(MONDAY))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn every_route_answers_each_role_as_the_table_says(backend: Backend) {
    let (server, _clock) = start(backend, MONDAY).await;
    let manager = add(&server, "boss@example.gov.uk", "Boss", "manager").await;
    add(&server, "pa@example.gov.uk", "Pat", "pa").await;
    add(&server, "lead@example.gov.uk", "Lee", "participation").await;
    add(&server, "editor@example.gov.uk", "Eddie", "editor").await;
    let other = add(&server, "other@example.gov.uk", "Other", "pa").await;
    // A contact request (managers and PAs see it) and feedback (managers and the
    // participation lead see it): each role is walked with one it may see.
    let contact = reference_of(&server, &store(&server, CONTACT, MONDAY).await).await;
    let feedback = reference_of(&server, &store(&server, FEEDBACK, MONDAY).await).await;
    let viewers: [(Option<Role>, &str); 5] = [
        (None, ""),
        (Some(Role::Manager), "boss@example.gov.uk"),
        (Some(Role::Pa), "pa@example.gov.uk"),
        (Some(Role::Participation), "lead@example.gov.uk"),
        (Some(Role::Editor), "editor@example.gov.uk"),
    ];
    let mut entries = 0;
    let mut nobody_answers: Vec<Vec<StatusCode>> = Vec::new();
    for (role, email) in viewers {
        let staff = match role {
            Some(_) => Staff::signed_in(&server, email).await,
            None => Staff::new(&server),
        };
        let message = match role {
            Some(Role::Participation) => feedback,
            _ => contact,
        };
        let mut answers = Vec::new();
        for (method, path, need) in ROUTES {
            entries += 1;
            let entry = new_entry(&server, manager, entries).await;
            let path = path
                .replace("{message}", &message.to_string())
                .replace("{account}", &other.to_string())
                .replace("{entry}", &entry);
            let (status, body, headers) = if *method == "GET" {
                staff.get(&path).await
            } else {
                // The sign-in page's token is this session's, signed in or not.
                staff.submit("/staff/sign-in", &path, &[]).await
            };
            let to_sign_in =
                status == StatusCode::SEE_OTHER && location(&headers).starts_with("/staff/sign-in");
            let what = format!("{method} {path} as {role:?}: {status} {body:.200}");
            match (role, need) {
                (_, Need::Nobody) => {
                    assert!(
                        !to_sign_in || path == "/staff/sign-out",
                        "open to anyone: {what}"
                    );
                    answers.push(status);
                }
                // Files a program fetches (a spreadsheet, the app's preview) get 401.
                (None, _) if path.ends_with(".csv") || path.ends_with(".json") => {
                    assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}")
                }
                (None, _) => assert!(to_sign_in, "signed out goes to sign-in: {what}"),
                (Some(_), Need::Nothing) => assert_eq!(status, StatusCode::NOT_FOUND, "{what}"),
                (Some(role), Need::May(permission)) if role.may(*permission) => {
                    assert!(status != StatusCode::NOT_FOUND && !to_sign_in, "{what}")
                }
                (Some(_), Need::May(_)) => {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{what}");
                    if !path.ends_with(".csv") {
                        assert!(body.contains("Page not found"), "{what}");
                    }
                }
            }
        }
        nobody_answers.push(answers);
    }
    // Pages open to anyone answer everyone alike, signed in or not.
    for answers in &nobody_answers[1..] {
        assert_eq!(answers, &nobody_answers[0]);
    }
    server.stop().await;
}
