//! A manager's account pages.

use super::support::*;

on_both_databases!(a_manager_invites_changes_a_role_after_checking_and_removes_an_account,);

async fn a_manager_invites_changes_a_role_after_checking_and_removes_an_account(backend: Backend) {
    let (server, _) = start(backend, MONDAY).await;
    let boss_id = add(&server, "boss@example.gov.uk", "Mo Manager", "manager").await;
    let boss = Staff::signed_in(&server, "boss@example.gov.uk").await;

    let (status, html, _) = boss
        .submit(
            "/staff/accounts/new",
            "/staff/accounts/new",
            &[("name", ""), ("email", "not an email"), ("role", "")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for problem in ["Enter the person", "right format", "Choose a role"] {
        assert!(html.contains(problem), "{problem}");
    }
    let (status, html, _) = boss
        .submit(
            "/staff/accounts/new",
            "/staff/accounts/new",
            &[
                ("name", "Pat Adviser"),
                ("email", "pa@example.gov.uk"),
                ("role", "pa"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/staff/set-password?token="));
    let pa = accounts::by_email(&server.council().db, "pa@example.gov.uk")
        .await
        .unwrap()
        .unwrap();

    // Changing a role asks first, and changes nothing until confirmed.
    let account_page = format!("/staff/accounts/{}", pa.id);
    let (status, html, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/role"),
            &[("role", "participation")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Check before you change the role"));
    assert_eq!(
        accounts::by_id(&server.council().db, pa.id)
            .await
            .unwrap()
            .unwrap()
            .role
            .slug(),
        "pa"
    );
    let (status, _, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/role"),
            &[("role", "participation"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        accounts::by_id(&server.council().db, pa.id)
            .await
            .unwrap()
            .unwrap()
            .role
            .slug(),
        "participation"
    );
    // A manager cannot remove themselves.
    let own = format!("/staff/accounts/{boss_id}");
    let (status, _, _) = boss
        .submit(&own, &format!("{own}/remove"), &[("confirm", "yes")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Removing asks first, then the account is gone.
    let (_, html, _) = boss
        .submit(&account_page, &format!("{account_page}/remove"), &[])
        .await;
    assert!(html.contains("Check before you remove this account"));
    let (status, _, _) = boss
        .submit(
            &account_page,
            &format!("{account_page}/remove"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(accounts::by_id(&server.council().db, pa.id)
        .await
        .unwrap()
        .is_none());
    let (_, audit, _) = boss.get("/staff/audit").await;
    for action in [
        "account added",
        "role changed",
        "account removed",
        "sign-in",
    ] {
        assert!(audit.contains(action), "{action}");
    }
    server.stop().await;
}
