//! Officers edit the offer in the staff side: a draft, its checks (the content checker's
//! own), what changed, publishing (with two-person approval), history and restore, two
//! editors at once, removal refused, and the folder round trip of `content export/import`.

use local_offer_server::config::ContentApproval;
use local_offer_server::offer_store::{self, ImportOptions};
use offer_core::content::form::{values_of, FormValues};
use offer_core::content::kinds::{find_item, ItemKind};
use offer_core::Offer;
use serde_json::Value;

use super::support::*;

on_both_databases!(
    an_editor_changes_an_amount_and_a_session_and_publishes_them,
    an_invalid_edit_names_its_fields_and_changes_nothing,
    two_person_approval_history_and_restore,
    the_second_of_two_editors_saving_the_same_item_is_refused_with_both_versions,
    removing_what_others_point_at_is_refused_and_names_them,
    export_then_import_gives_back_the_same_offer,
    saves_at_the_same_moment_all_land,
    a_translation_goes_out_of_date_when_the_english_summary_changes,
);

async fn start_with(backend: Backend, approval: ContentApproval) -> TestServer {
    let clock = local_offer_server::clock::Clock::fixed(at("2026-12-06T10:00:00Z"));
    TestServer::start_with(backend, |config| {
        config.clock = clock;
        config.content_approval = approval;
        config.sign_in_delay_step = std::time::Duration::from_millis(1);
    })
    .await
}

/// The hidden `name="NAME" value="..."` of a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html:.300}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// What the edit page's form holds for an item of the draft, as the browser would send it.
async fn draft_form(server: &TestServer, kind: ItemKind, id: &str) -> FormValues {
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    values_of(kind, &find_item(working.offer(), kind, id).unwrap().table)
}

/// Opens the edit page, changes `changes` and sends the form.
async fn save(
    staff: &Staff,
    server: &TestServer,
    kind: ItemKind,
    id: &str,
    changes: &[(&str, &str)],
) -> (StatusCode, String, HeaderMap) {
    let page = format!("/staff/offer/{}/{id}", kind.slug());
    let (status, html, _) = staff.get(&page).await;
    assert_eq!(status, StatusCode::OK, "{html:.300}");
    send(
        staff,
        &page,
        &html,
        draft_form(server, kind, id).await,
        changes,
    )
    .await
}

async fn send(
    staff: &Staff,
    page: &str,
    html: &str,
    mut values: FormValues,
    changes: &[(&str, &str)],
) -> (StatusCode, String, HeaderMap) {
    for (name, value) in changes {
        values.insert(name.to_string(), vec![value.to_string()]);
    }
    let csrf = csrf_in(html).unwrap();
    let base = hidden(html, "base");
    let mut pairs: Vec<(String, String)> = vec![("csrf".into(), csrf), ("base".into(), base)];
    for (name, list) in values {
        for value in list {
            pairs.push((name.clone(), value));
        }
    }
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    staff.post(page, &borrowed).await
}

async fn publish(staff: &Staff) -> (StatusCode, String) {
    let (_, html, _) = staff.get("/staff/offer/changes").await;
    let revision = hidden(&html, "revision");
    let (status, _, headers) = staff
        .submit(
            "/staff/offer/changes",
            "/staff/offer/publish",
            &[("revision", &revision)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    (status, location(&headers))
}

async fn phone_offer(server: &TestServer) -> (String, Offer) {
    let res = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    (etag, res.json().await.unwrap())
}

async fn audit_actions(server: &TestServer) -> Vec<String> {
    let (entries, _) = local_offer_server::db::audit::page(&server.council().db, 1, 500)
        .await
        .unwrap();
    entries
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.target))
        .collect()
}

async fn an_editor_changes_an_amount_and_a_session_and_publishes_them(backend: Backend) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let (old_etag, before) = phone_offer(&server).await;
    // Cheshire East's own money items have no amount (the bursaries with one are national),
    // so the editor gives the first one a whole amount: the sum, how often and since when.
    let money = before
        .entitlements
        .iter()
        .find(|e| e.category == "money" && !e.national)
        .unwrap()
        .clone();
    let hub = before.hubs[0].id.clone();

    let (status, _, headers) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        &money.id,
        &[
            ("amount.pence", "4,321.50"),
            ("amount.frequency", "once"),
            ("amount.since", "2023-04-01"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).ends_with("?saved=saved"));
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Hub,
        &hub,
        &[
            ("sessions[1].day", "wednesday"),
            ("sessions[1].start", "13:00"),
            ("sessions[1].end", "16:30"),
            ("sessions[1].what", "Drop-in"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Phones still get the published offer; staff see both changes in What changed.
    assert_eq!(phone_offer(&server).await.0, old_etag);
    let (_, list, _) = ed.get("/staff/offer?show=changed").await;
    assert!(
        list.contains("2 changed and not published yet"),
        "{list:.2000}"
    );
    let (_, changes, _) = ed.get("/staff/offer/changes").await;
    assert!(changes.contains("amount.pence"), "{changes:.3000}");
    assert!(changes.contains("£4,321.50"), "{changes:.3000}");
    assert!(changes.contains("sessions[1].end"), "{changes:.3000}");
    assert!(changes.contains("16:30"));
    // The preview reads the draft; the phones' offer is untouched.
    let (status, preview, _) = ed.get("/staff/offer/preview/offer.json").await;
    assert_eq!(status, StatusCode::OK);
    let preview: Value = serde_json::from_str(&preview).unwrap();
    let previewed = preview["entitlements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == money.id.as_str())
        .unwrap();
    assert_eq!(previewed["amount"]["pence"], 432_150);
    // Phones get the national items as well, so the preview shows them, with the council's
    // own words on them.
    let national = preview["entitlements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "priority-need-housing")
        .expect("the preview has the national items");
    assert_eq!(national["national"], true);
    assert!(national["local"]["text"]
        .as_str()
        .unwrap()
        .contains("Housing Options"));

    let (_, to) = publish(&ed).await;
    assert_eq!(to, "/staff/offer/history?published=2");
    let (new_etag, after) = phone_offer(&server).await;
    assert_ne!(new_etag, old_etag);
    assert_eq!(
        after.entitlement(&money.id).unwrap().amount.unwrap().pence,
        432_150
    );
    let session = &after.hub(&hub).unwrap().sessions[0];
    assert_eq!(offer_core::dates::clock(session.end), "16:30");
    let (_, history, _) = ed.get("/staff/offer/history").await;
    assert!(history.contains("Version 2") && history.contains("Version 1"));
    assert!(history.contains("ed@example.gov.uk"));
    let actions = audit_actions(&server).await;
    for expected in [
        format!("offer item saved entitlement {}", money.id),
        format!("offer item saved hub {hub}"),
        "offer published offer".to_string(),
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
    server.stop().await;
}

async fn an_invalid_edit_names_its_fields_and_changes_nothing(backend: Backend) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let offer = server.council().content.current().offer.clone();
    let id = offer
        .entitlements
        .iter()
        .find(|e| e.category == "money" && !e.national)
        .unwrap()
        .id
        .clone();
    let (status, html, _) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        &id,
        &[
            ("title", ""),
            ("amount.pence", "lots"),
            ("amount.frequency", "once"),
            ("amount.since", "2023-04-01"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("There is a problem"));
    assert!(html.contains("href=\"#f-title\""), "{html:.3000}");
    assert!(html.contains("href=\"#f-amount-pence\""), "{html:.3000}");
    assert!(html.contains("is not an amount of money"));
    let hub = offer.hubs[0].id.clone();
    let (status, html, _) = save(
        &ed,
        &server,
        ItemKind::Hub,
        &hub,
        &[
            ("sessions[1].day", "monday"),
            ("sessions[1].start", "15:00"),
            ("sessions[1].end", "14:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("href=\"#f-sessions-1--end\""), "{html:.3000}");
    assert!(offer_store::working_copy(&server.council().db)
        .await
        .unwrap()
        .draft
        .is_none());

    // A warning (a very long sentence) is shown but does not stop the save.
    let long = "This sentence goes on and on with many words that a young person would find far too long to read in one go on a small phone screen at the end of a hard day.";
    let (status, _, headers) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        &id,
        &[("summary", long)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page, _) = ed.get(&location(&headers)).await;
    assert!(page.contains("Warning:"), "{page:.3000}");
    server.stop().await;
}

async fn two_person_approval_history_and_restore(backend: Backend) {
    let server = start_with(backend, ContentApproval::TwoPerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    add(&server, "jo@example.gov.uk", "Jo", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let jo = Staff::signed_in(&server, "jo@example.gov.uk").await;
    let original = server.council().content.current().offer.groups[0].clone();
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Group,
        &original.id,
        &[("summary", "A group that meets to change things.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, to) = publish(&ed).await;
    assert_eq!(to, "/staff/offer/changes?refused=same-person");
    let (status, page, _) = ed.get(&to).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("someone else must publish it"));
    assert_eq!(server.council().content.number(), 1);
    let (_, to) = publish(&jo).await;
    assert_eq!(to, "/staff/offer/history?published=2");
    let (_, phone) = phone_offer(&server).await;
    assert_eq!(
        phone.groups[0].summary,
        "A group that meets to change things."
    );

    let (_, history, _) = jo.get("/staff/offer/history").await;
    assert!(history.contains("Version 2") && history.contains("Version 1"));
    let (status, _, headers) = jo
        .submit(
            "/staff/offer/history/1",
            "/staff/offer/history/1/restore",
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/staff/offer/changes?saved=restored");
    // Jo restored it, so Ed may publish it.
    let (_, to) = publish(&ed).await;
    assert_eq!(to, "/staff/offer/history?published=3");
    let (_, phone) = phone_offer(&server).await;
    assert_eq!(phone.groups[0].summary, original.summary);
    let actions = audit_actions(&server).await;
    assert!(
        actions.iter().any(|a| a == "offer publish refused offer"),
        "{actions:?}"
    );
    assert!(actions
        .iter()
        .any(|a| a == "offer version restored offer version 1"));
    server.stop().await;
}

async fn the_second_of_two_editors_saving_the_same_item_is_refused_with_both_versions(
    backend: Backend,
) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    add(&server, "jo@example.gov.uk", "Jo", "manager").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let jo = Staff::signed_in(&server, "jo@example.gov.uk").await;
    let id = server.council().content.current().offer.contacts[0]
        .id
        .clone();
    let page = format!("/staff/offer/contact/{id}");
    // Both open the page before either saves.
    let (_, ed_html, _) = ed.get(&page).await;
    let (_, jo_html, _) = jo.get(&page).await;
    let form = draft_form(&server, ItemKind::Contact, &id).await;
    let (status, _, _) = send(
        &ed,
        &page,
        &ed_html,
        form.clone(),
        &[("when", "Ed's words.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, html, _) = send(&jo, &page, &jo_html, form, &[("when", "Jo's words.")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Someone else saved this contact"));
    assert!(
        html.contains("Ed&#39;s words.") || html.contains("Ed&#x27;s words."),
        "{html:.4000}"
    );
    assert!(html.contains("Jo&#39;s words.") || html.contains("Jo&#x27;s words."));
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    assert_eq!(working.offer().contact(&id).unwrap().when, "Ed's words.");
    // Saving again from the conflict page is a deliberate choice, and is kept.
    let form = draft_form(&server, ItemKind::Contact, &id).await;
    let (status, _, _) = send(&jo, &page, &html, form, &[("when", "Jo's words.")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    assert_eq!(working.offer().contact(&id).unwrap().when, "Jo's words.");
    server.stop().await;
}

async fn removing_what_others_point_at_is_refused_and_names_them(backend: Backend) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let offer = server.council().content.current().offer.clone();
    let category = offer.entitlements[0].category.clone();
    let page = format!("/staff/offer/category/{category}/remove");
    let (status, html, _) = ed.submit(&page, &page, &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        html.contains(&offer.entitlements[0].title.replace('\'', "&#39;"))
            || html.contains(&offer.entitlements[0].title.replace('\'', "&#x27;")),
        "{html:.3000}"
    );
    assert!(offer_store::working_copy(&server.council().db)
        .await
        .unwrap()
        .draft
        .is_none());
    // A hub nothing points at can go.
    let hub = offer.hubs[0].id.clone();
    let page = format!("/staff/offer/hub/{hub}/remove");
    let (status, _, headers) = ed.submit(&page, &page, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{headers:?}");
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    assert!(working.offer().hub(&hub).is_none());
    server.stop().await;
}

async fn export_then_import_gives_back_the_same_offer(backend: Backend) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    let out = server.dir.path().join("exported");
    let said = offer_store::export(&server.council().db, &out)
        .await
        .unwrap();
    assert!(said.contains("version 1"), "{said}");
    let original = local_offer_server::content::check_dir(&server.content_dir).unwrap();
    let exported = local_offer_server::content::check_dir(&out).unwrap();
    assert_eq!(exported, original, "the same offer when both are read back");
    for name in offer_core::content::CONTENT_FILES {
        assert!(out.join(name).is_file(), "{name} is written");
    }
    for kind in ItemKind::ALL {
        let ids = |offer: &Offer| -> Vec<String> {
            offer_core::content::kinds::items_of(offer, kind)
                .into_iter()
                .map(|i| i.id)
                .collect()
        };
        assert_eq!(ids(&exported), ids(&original), "{kind:?} in the same order");
    }
    // An edited folder imported becomes the draft, and What changed shows the edit.
    let path = out.join("groups.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(&original.groups[0].name, "Renamed in the folder", 1),
    )
    .unwrap();
    let options = ImportOptions {
        publish: false,
        replace_draft: false,
    };
    let now = chrono::Utc::now();
    offer_store::import(
        &server.council().db,
        &out,
        options,
        ContentApproval::OnePerson,
        now,
    )
    .await
    .unwrap();
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    let changes = working.changes();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].id, original.groups[0].id);
    // A second import would replace that draft: refused unless asked for.
    let again = offer_store::import(
        &server.council().db,
        &out,
        options,
        ContentApproval::OnePerson,
        now,
    )
    .await
    .unwrap_err();
    assert!(again.to_string().contains("--replace-draft"), "{again}");
    server.stop().await;
}

async fn saves_at_the_same_moment_all_land(backend: Backend) {
    let server = start_with(backend, ContentApproval::OnePerson).await;
    let offer = server.council().content.current().offer.clone();
    let actor = local_offer_server::db::audit::Actor::command_line();
    let saves = offer.groups.iter().map(|group| {
        let db = server.council().db.clone();
        let actor = actor.clone();
        let id = group.id.clone();
        tokio::spawn(async move {
            let record = offer_store::Record {
                actor: &actor,
                action: "offer item saved",
                target: format!("group {id}"),
            };
            let saved: Result<Offer, ()> =
                offer_store::change_draft(&db, &record, chrono::Utc::now(), |current| {
                    let mut changed = current.clone();
                    let group = changed.groups.iter_mut().find(|g| g.id == id).unwrap();
                    group.when = format!("Saved at once ({id}).");
                    Ok(changed)
                })
                .await
                .unwrap();
            saved.unwrap();
        })
    });
    for save in saves.collect::<Vec<_>>() {
        save.await.unwrap();
    }
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    for group in &working.offer().groups {
        assert_eq!(
            group.when,
            format!("Saved at once ({}).", group.id),
            "no save was lost"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn districts_are_asked_only_in_a_council_that_has_them_and_are_saved_as_ticked() {
    let server = start_with(Backend::Sqlite, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    let own = server.council().content.own();
    let item = own.entitlements[0].id.clone();
    let page = format!("/staff/offer/entitlement/{item}");
    // A council that runs everything itself is not asked about districts.
    let (_, html, _) = ed.get(&page).await;
    assert!(
        !html.contains("Only for young people who live in"),
        "{html:.300}"
    );

    // The same council as a two-tier county: its districts are published...
    server
        .publish_offer(&crate::common::two_tier(own.clone()))
        .await
        .unwrap();
    // ...so the form offers them, and a tick is saved into the draft.
    let (_, html, _) = ed.get(&page).await;
    assert!(
        html.contains("Only for young people who live in"),
        "{html:.300}"
    );
    assert!(html.contains(">Pendle</label>"), "{html:.3000}");
    let (status, body, headers) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        &item,
        &[("eligibility.districts", "pendle")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body:.2000}");
    assert!(location(&headers).ends_with("?saved=saved"));
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    let saved = working.offer().entitlement(&item).unwrap();
    assert_eq!(saved.eligibility.districts, ["pendle"]);
    // A district the council does not have is refused at its field, in the checker's words.
    let (status, body, _) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        &item,
        &[("eligibility.districts", "burnley")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body:.2000}");
    assert!(
        body.contains("is not a district in offer.toml"),
        "{body:.3000}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_contact_s_words_are_translated_and_go_out_of_date_with_its_english() {
    let (server, ed) = with_arabic_and_an_editor(Backend::Sqlite).await;
    let contact = server.council().content.own().contacts[0].clone();
    let id = contact.id.as_str();
    let (_, edit, _) = ed.get(&format!("/staff/offer/contact/{id}")).await;
    let page = format!("/staff/offer/contact/{id}/translations");
    assert!(
        edit.contains(&format!("href=\"{page}\"")),
        "linked from the contact"
    );
    let (status, html, _) = ed.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    // The shipped words are the development team's draft, and the page says so.
    let unchecked = "not yet checked by someone who reads Arabic";
    assert!(html.contains(unchecked) && html.contains("When it answers in Arabic"));

    // Half a translation is refused at the empty box.
    let when = "اتصل بنا إذا كان لديك أي سؤال.";
    let (status, html, _) = in_arabic(&ed, &page, &[("when", when), ("hours", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#hours-ar\""), "{html:.3000}");
    assert!(html.contains(when), "what they typed is kept");
    let hours = "من الاثنين إلى الجمعة.";
    let (status, _, headers) = in_arabic(&ed, &page, &[("when", when), ("hours", hours)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{page}?saved=ar"));
    let (_, html, _) = ed.get(&page).await;
    assert!(
        !html.contains(unchecked),
        "saved at the council: {html:.3000}"
    );
    publish(&ed).await;

    // Phones get it with their language's words, never in the offer itself.
    let words = phones_words(&server, "ar").await;
    assert_eq!(words["contacts"][id]["when"], when);
    assert_eq!(words["contacts"][id]["hours"], hours);

    // New English hours put it out of date, on its page and in the list's warnings.
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Contact,
        id,
        &[(
            "hours",
            &format!("{} Closed on bank holidays.", contact.hours),
        )],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = ed.get(&page).await;
    assert!(html.contains("Out of date"), "{html:.3000}");
    let (_, list, _) = ed.get("/staff/offer").await;
    assert!(
        list.contains("changed after this was translated into ar"),
        "{list:.3000}"
    );
    assert!(audit_actions(&server)
        .await
        .contains(&format!("offer translation saved contact {id} in ar")));
    server.stop().await;
}

#[tokio::test]
async fn a_hub_s_and_a_category_s_words_are_translated_and_listed_until_they_are() {
    let (server, ed) = with_arabic_and_an_editor(Backend::Sqlite).await;
    let own = server.council().content.own();
    let hub = own
        .hubs
        .iter()
        .find(|h| h.services.len() >= 2)
        .unwrap()
        .clone();
    let category = own.categories[0].clone();
    let (hub_id, category_id) = (hub.id.as_str(), category.id.as_str());

    // Both wait in the list's "Needs translating", with a link to their page.
    let needing = |list: &str, kind: &str, id: &str| {
        list.contains(&format!("/staff/offer/{kind}/{id}/translations"))
    };
    // The shipped hub and categories carry draft translations: new English words put them
    // out of date, which lists them.
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(!needing(&list, "hub", hub_id), "{list:.3000}");
    assert!(!needing(&list, "category", category_id), "{list:.3000}");
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Category,
        category_id,
        &[("summary", &format!("{} And more.", category.summary))],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let hub_access = format!("{} Come in through the side door.", hub.access);
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Hub,
        hub_id,
        &[("access", &hub_access)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(needing(&list, "category", category_id), "{list:.3000}");
    assert!(needing(&list, "hub", hub_id), "{list:.3000}");

    let page = format!("/staff/offer/hub/{hub_id}/translations");
    let (_, edit, _) = ed.get(&format!("/staff/offer/hub/{hub_id}")).await;
    assert!(
        edit.contains(&format!("href=\"{page}\"")),
        "linked from the hub"
    );
    let (status, html, _) = ed.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&hub.services[0]), "the English services show");
    assert!(html.contains("What you can get help with there in Arabic"));

    // One service short is refused at its box, and what was typed stays.
    let services: Vec<String> = (1..=hub.services.len())
        .map(|n| format!("خدمة رقم {n}"))
        .collect();
    let short = services[1..].join("\n");
    let (status, html, _) = in_arabic(&ed, &page, &[("services", &short)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#services-ar\""), "{html:.3000}");
    assert!(html.contains(&services[1]));
    let access = "اسأل مستشارك الشخصي قبل أن تأتي.";
    let all = services.join("\n");
    let (status, _, headers) =
        in_arabic(&ed, &page, &[("services", &all), ("access", access)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{page}?saved=ar"));

    let page = format!("/staff/offer/category/{category_id}/translations");
    // The shipped words are the development team's draft, and the page says so until
    // someone at the council saves them.
    let unchecked = "not yet checked by someone who reads Arabic";
    let (_, html, _) = ed.get(&page).await;
    assert!(html.contains(unchecked), "{html:.3000}");
    let (title, summary) = ("المال", "المال الذي يمكنك الحصول عليه.");
    let (status, _, _) = in_arabic(&ed, &page, &[("title", title), ("summary", summary)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = ed.get(&page).await;
    assert!(
        !html.contains(unchecked),
        "saved at the council: {html:.3000}"
    );
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(!needing(&list, "hub", hub_id), "translated: {list:.3000}");
    assert!(!needing(&list, "category", category_id), "{list:.3000}");
    publish(&ed).await;

    // Phones get them with their language's words, never in the offer itself.
    let words = phones_words(&server, "ar").await;
    assert_eq!(words["hubs"][hub_id]["services"][0], services[0].as_str());
    assert_eq!(words["hubs"][hub_id]["access"], access);
    assert_eq!(words["categories"][category_id]["title"], title);
    assert!(words["categories"][category_id].get("draft").is_none());
    let other = own.categories.iter().find(|c| c.id != category_id).unwrap();
    assert_eq!(words["categories"][other.id.as_str()]["draft"], true);

    // New English access puts the hub out of date: on its page, in the warnings and back
    // in "Needs translating".
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Hub,
        hub_id,
        &[("access", &format!("{hub_access} Ring the bell."))],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = ed
        .get(&format!("/staff/offer/hub/{hub_id}/translations"))
        .await;
    assert!(html.contains("Out of date"), "{html:.3000}");
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(needing(&list, "hub", hub_id), "{list:.3000}");
    assert!(list.contains("services, access or sessions changed after this was translated into ar"));
    assert!(audit_actions(&server)
        .await
        .contains(&format!("offer translation saved hub {hub_id} in ar")));
    server.stop().await;
}

#[tokio::test]
async fn the_preview_link_opens_only_a_page_of_the_app() {
    let server = start_with(Backend::Sqlite, ContentApproval::OnePerson).await;
    add(&server, "ed@example.gov.uk", "Eddie", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    for (to, expected) in [
        (
            "/offer/setting-up-home",
            "/offer/setting-up-home?preview=draft",
        ),
        ("/hubs?sort=town", "/hubs?sort=town&preview=draft"),
        ("//evil.example/", "/?preview=draft"),
        ("/%5Cevil.example", "/%5Cevil.example?preview=draft"),
        ("/\\evil.example", "/?preview=draft"),
        ("https://evil.example/", "/?preview=draft"),
        ("/staff/accounts", "/?preview=draft"),
    ] {
        let query = serde_urlencoded::to_string([("to", to)]).unwrap();
        let (status, _, headers) = ed.get(&format!("/staff/offer/preview?{query}")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
        assert_eq!(location(&headers), expected, "{to}");
    }
    server.stop().await;
}

async fn a_translation_goes_out_of_date_when_the_english_summary_changes(backend: Backend) {
    let (server, ed) = with_arabic_and_an_editor(backend).await;
    // An entitlement the shipped content has not translated.
    let working = offer_store::working_copy(&server.council().db)
        .await
        .unwrap();
    let english = working
        .offer()
        .entitlements
        .iter()
        .find(|e| e.translations.is_empty())
        .unwrap()
        .clone();
    let id = english.id.as_str();
    let page = format!("/staff/offer/entitlement/{id}/translations");

    // Every entitlement needs translating at first, and the filter lists it.
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(list.contains("Needs translating: Arabic"), "{list:.2000}");
    let (status, html, _) = ed.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Not translated"));

    // A title with no summary is refused in the checker's words, naming the field.
    let (status, html, _) =
        in_arabic(&ed, &page, &[("title", "مستشار شخصي"), ("summary", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#summary-ar\""), "{html:.3000}");
    assert!(html.contains("مستشار شخصي"), "what they typed is kept");

    let summary = "يمكنك الحصول على هذه المساعدة.";
    let (status, _, headers) = in_arabic(
        &ed,
        &page,
        &[("title", "مستشار شخصي"), ("summary", summary)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{page}?saved=ar"));
    let (_, html, _) = ed.get(&page).await;
    assert!(html.contains("Up to date"), "{html:.3000}");
    publish(&ed).await;
    let e = on_a_phone_in(&server, id, "ar").await;
    assert_eq!(e.summary_in("ar"), summary, "phones get the Arabic");
    assert_eq!(
        e.steps_in("ar"),
        e.steps.as_slice(),
        "the English steps, not translated"
    );

    // The steps too, one a line: a line short is refused at its field, then all are kept.
    assert!(!english.steps.is_empty(), "an item with steps to translate");
    {
        let arabic: Vec<String> = (1..=english.steps.len())
            .map(|n| format!("الخطوة {n}"))
            .collect();
        let short = arabic[1..].join("\n");
        let (status, html, _) = in_arabic(
            &ed,
            &page,
            &[
                ("title", "مستشار شخصي"),
                ("summary", summary),
                ("steps", &short),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("href=\"#steps-ar\""), "{html:.3000}");
        let (status, _, _) = in_arabic(
            &ed,
            &page,
            &[
                ("title", "مستشار شخصي"),
                ("summary", summary),
                ("steps", &arabic.join("\r\n")),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        publish(&ed).await;
        let e = on_a_phone_in(&server, id, "ar").await;
        assert_eq!(
            e.steps_in("ar"),
            arabic.as_slice(),
            "phones get the Arabic steps"
        );
    }

    // Changing the English summary in the offer editor puts the Arabic out of date.
    let changed = format!("{} Ask your PA.", english.summary);
    let (status, _, _) = save(
        &ed,
        &server,
        ItemKind::Entitlement,
        id,
        &[("summary", &changed)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = ed.get(&page).await;
    assert!(html.contains("Out of date"), "{html:.3000}");
    let (_, list, _) = ed.get("/staff/offer?show=translating").await;
    assert!(
        list.contains("changed after this was translated into ar"),
        "a warning too: {list:.3000}"
    );
    publish(&ed).await;
    let e = on_a_phone_in(&server, id, "ar").await;
    assert_eq!(
        e.summary_in("ar"),
        changed,
        "phones show the English until the Arabic is updated"
    );
    assert!(audit_actions(&server)
        .await
        .contains(&format!("offer translation saved entitlement {id} in ar")));
    server.stop().await;
}

/// A server whose app is in Arabic too (a draft with no words of its own, so the app's
/// text is English), and an editor signed in to it.
async fn with_arabic_and_an_editor(backend: Backend) -> (TestServer, Staff) {
    let clock = local_offer_server::clock::Clock::fixed(at("2026-12-06T10:00:00Z"));
    let server = TestServer::start_with(backend, |config| {
        config.clock = clock;
        config.sign_in_delay_step = std::time::Duration::from_millis(1);
        let lang = config.dist_dir.join("lang");
        std::fs::create_dir_all(&lang).unwrap();
        std::fs::write(
            lang.join("ar.json"),
            r#"{"code":"ar","name":"العربية","english_name":"Arabic","dir":"rtl","status":"draft","messages":{}}"#,
        )
        .unwrap();
    })
    .await;
    add(&server, "ed@example.gov.uk", "Eddie Editor", "editor").await;
    let ed = Staff::signed_in(&server, "ed@example.gov.uk").await;
    (server, ed)
}

/// Entitlement `id` as a phone reading `code` puts it together: the offer (which leaves every
/// translation out) and its language's words from `/api/translations/{code}`.
async fn on_a_phone_in(server: &TestServer, id: &str, code: &str) -> offer_core::Entitlement {
    let mut items: std::collections::BTreeMap<String, offer_core::Translation> =
        serde_json::from_value(phones_words(server, code).await["entitlements"].clone()).unwrap();
    let (_, offer) = phone_offer(server).await;
    let mut e = offer.entitlements.into_iter().find(|e| e.id == id).unwrap();
    if let Some(t) = items.remove(id) {
        e.translations.insert(code.to_string(), t);
    }
    e
}

/// What a phone reading `code` fetches of the offer's own words, after checking that the
/// offer every phone gets carries no translation of any item, and that the words are cached
/// by their version (the same again is "not modified").
async fn phones_words(server: &TestServer, code: &str) -> Value {
    let (_, offer) = phone_offer(server).await;
    assert!(
        offer.entitlements.iter().all(|e| e.translations.is_empty())
            && offer.categories.iter().all(|c| c.translations.is_empty())
            && offer.hubs.iter().all(|h| h.translations.is_empty())
            && offer.contacts.iter().all(|c| c.translations.is_empty()),
        "the offer every phone gets carries no translations"
    );
    let res = reqwest::get(format!("{}/api/translations/{code}", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let words = res.json().await.unwrap();
    let again = reqwest::Client::new()
        .get(format!("{}/api/translations/{code}", server.url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    words
}

/// Submits `fields` as an item's Arabic words on its translations page `page`.
async fn in_arabic(
    ed: &Staff,
    page: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, reqwest::header::HeaderMap) {
    ed.submit(page, &format!("{page}/ar"), fields).await
}
