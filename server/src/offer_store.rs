//! The offer kept in the database: the first start imports `content/`, officers change a
//! draft, publishing makes a new version, and restore turns an old version into the draft.
//!
//! Every change here is one transaction that also writes its audit line. The draft carries
//! a revision: a save that read the draft before another save landed starts again on the new
//! draft, so two saves at the same moment never lose one. Whether the two changed the same
//! item is the editor's question, answered in the function each save passes in.

use std::path::Path;

use chrono::{DateTime, Utc};
use offer_core::content::changes::{item_changes, ItemChange};
use offer_core::Offer;

use crate::config::ContentApproval;
use crate::content::{check_dir, ContentError};
use crate::db::audit::{self, Actor};
use crate::db::offer::{self as stored, ChangedBy, Draft, Version};
use crate::db::CouncilDb;

/// Who the first version is from, when the server imported `content/` itself.
pub const FROM_FILES: &str = "content/ files";

/// How many times a save starts again when other saves keep landing first.
const ATTEMPTS: usize = 5;

/// The published offer, importing `dir` as version 1 when the database holds none yet.
pub async fn published_or_import(
    db: &CouncilDb,
    dir: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<Version> {
    if let Some(version) = stored::latest(db).await? {
        return Ok(version);
    }
    let folder = dir.to_path_buf();
    let offer = tokio::task::spawn_blocking(move || check_dir(&folder))
        .await?
        .map_err(|e: ContentError| anyhow::anyhow!("{e}"))?;
    let mut tx = db.begin().await?;
    let changes = Vec::new();
    let inserted = stored::insert_version(&mut tx, 1, &offer, FROM_FILES, &changes, now).await;
    let inserted = match inserted {
        Ok(()) => {
            let detail = format!("version 1, from {}", dir.display());
            audit::write(
                &mut tx,
                now,
                &Actor::system(),
                "offer imported",
                "offer",
                &detail,
            )
            .await?;
            tx.commit().await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = inserted {
        // Another server copy sharing the database imported at the same moment: use its.
        if let Some(version) = stored::latest(db).await? {
            return Ok(version);
        }
        return Err(error);
    }
    tracing::info!(dir = %dir.display(), "the offer was imported into the database as version 1");
    stored::latest(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the imported offer was not found"))
}

/// What officers are working on: the draft when there is one, else the published offer.
#[derive(Debug, Clone)]
pub struct WorkingCopy {
    /// The newest published version.
    pub published: Version,
    /// The draft, if anything waits to be published.
    pub draft: Option<Draft>,
}

impl WorkingCopy {
    /// The offer as officers are editing it.
    pub fn offer(&self) -> &Offer {
        self.draft
            .as_ref()
            .map_or(&self.published.offer, |d| &d.offer)
    }

    /// What the draft changes, item by item and field by field.
    pub fn changes(&self) -> Vec<ItemChange> {
        match &self.draft {
            Some(draft) => item_changes(&self.published.offer, &draft.offer),
            None => Vec::new(),
        }
    }
}

/// The working copy now.
pub async fn working_copy(db: &CouncilDb) -> anyhow::Result<WorkingCopy> {
    let published = stored::latest(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the database holds no offer"))?;
    Ok(WorkingCopy {
        published,
        draft: stored::draft_now(db).await?,
    })
}

/// What a change records in the audit log.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What happened, like "offer item saved".
    pub action: &'a str,
    /// What it was done to, like "entitlement setting-up-home".
    pub target: String,
}

/// Changes the draft with `change`, which sees the offer as officers are editing it and
/// either makes the new offer or refuses with its own reason. A draft that ends up the same
/// as the published offer is dropped, so "changed, not published" stays true.
pub async fn change_draft<R>(
    db: &CouncilDb,
    record: &Record<'_>,
    now: DateTime<Utc>,
    change: impl Fn(&Offer) -> Result<Offer, R>,
) -> anyhow::Result<Result<Offer, R>> {
    let by = ChangedBy {
        name: &record.actor.email,
        id: record.actor.id,
    };
    for _ in 0..ATTEMPTS {
        let mut tx = db.begin().await?;
        let published = stored::latest_in(&mut tx)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the database holds no offer"))?;
        let draft = stored::draft_in(&mut tx).await?;
        let current = draft.as_ref().map_or(&published.offer, |d| &d.offer);
        let changed = match change(current) {
            Ok(offer) => offer,
            Err(refused) => return Ok(Err(refused)),
        };
        let written = match (&draft, changed == published.offer) {
            (Some(draft), true) => stored::drop_draft(&mut tx, draft.revision).await?,
            (None, true) => true,
            (draft, false) => {
                let revision = draft.as_ref().map(|d| d.revision);
                stored::save_draft(&mut tx, revision, &changed, &by, now).await?
            }
        };
        if !written {
            // Another save landed between our read and our write: read again.
            continue;
        }
        audit::write(
            &mut tx,
            now,
            record.actor,
            record.action,
            &record.target,
            "",
        )
        .await?;
        tx.commit().await?;
        return Ok(Ok(changed));
    }
    anyhow::bail!("the draft kept changing while saving; nothing was saved")
}

/// Why a publish was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishRefused {
    /// There is no draft.
    NothingToPublish,
    /// Two-person approval is on and this person made the last change.
    SamePerson,
    /// The draft changed after the page was read: look at the changes again.
    ChangedMeanwhile,
}

/// Publishes the draft at `revision` as the next version. The refusal, if any, is in the
/// audit log too.
pub async fn publish(
    db: &CouncilDb,
    approval: ContentApproval,
    actor: &Actor,
    revision: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Version, PublishRefused>> {
    let mut tx = db.begin().await?;
    let published = stored::latest_in(&mut tx)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the database holds no offer"))?;
    let refused = match stored::draft_in(&mut tx).await? {
        None => Err(PublishRefused::NothingToPublish),
        Some(draft) if revision.is_some_and(|r| r != draft.revision) => {
            Err(PublishRefused::ChangedMeanwhile)
        }
        // The command line has no account: its own import cannot approve itself either.
        Some(draft)
            if approval == ContentApproval::TwoPerson && draft.changed_by_id == actor.id =>
        {
            Err(PublishRefused::SamePerson)
        }
        Some(draft) => Ok(draft),
    };
    let draft = match refused {
        Ok(draft) => draft,
        Err(reason) => {
            drop(tx);
            let mut tx = db.begin().await?;
            let detail = match reason {
                PublishRefused::NothingToPublish => "nothing to publish",
                PublishRefused::SamePerson => "two-person approval: made the last change",
                PublishRefused::ChangedMeanwhile => "the draft changed meanwhile",
            };
            audit::write(
                &mut tx,
                now,
                actor,
                "offer publish refused",
                "offer",
                detail,
            )
            .await?;
            tx.commit().await?;
            return Ok(Err(reason));
        }
    };
    let number = published.number + 1;
    let changes = item_changes(&published.offer, &draft.offer);
    stored::insert_version(&mut tx, number, &draft.offer, &actor.email, &changes, now).await?;
    if !stored::drop_draft(&mut tx, draft.revision).await? {
        return Ok(Err(PublishRefused::ChangedMeanwhile));
    }
    let detail = format!(
        "version {number}: {}",
        offer_core::content::changes::summary(&changes)
    );
    audit::write(&mut tx, now, actor, "offer published", "offer", &detail).await?;
    tx.commit().await?;
    Ok(Ok(Version {
        number,
        offer: draft.offer,
        published_at: now,
        published_by: actor.email.clone(),
        changes,
    }))
}

/// `content export DIR`: writes the published offer as the content files into `dir`
/// (made if missing), and says what it wrote.
pub async fn export(db: &CouncilDb, dir: &Path) -> anyhow::Result<String> {
    let version = stored::latest(db).await?.ok_or_else(|| {
        anyhow::anyhow!(
            "the database holds no offer yet: start the server once, or use `content import`"
        )
    })?;
    std::fs::create_dir_all(dir)?;
    let files = offer_core::content::export::to_files(&version.offer);
    for file in &files {
        std::fs::write(dir.join(&file.name), &file.text)?;
    }
    Ok(format!(
        "Wrote published version {} of the offer to {} ({}).",
        version.number,
        dir.display(),
        files
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// How `content import` treats a draft that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Publish the imported draft at once (refused under two-person approval).
    pub publish: bool,
    /// Replace a draft that holds officers' unpublished changes.
    pub replace_draft: bool,
}

/// `content import DIR`: checks the folder exactly as `check` does and makes it the draft
/// (or, with `publish`, the published offer). Says what it did, or why not.
pub async fn import(
    db: &CouncilDb,
    dir: &Path,
    options: ImportOptions,
    approval: ContentApproval,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let folder = dir.to_path_buf();
    let offer = tokio::task::spawn_blocking(move || check_dir(&folder))
        .await?
        .map_err(|e| anyhow::anyhow!("{e}nothing was imported"))?;
    if options.publish && approval == ContentApproval::TwoPerson {
        anyhow::bail!("CONTENT_APPROVAL is two-person, so an import cannot publish itself: import it as a draft and have an officer publish it in the staff side");
    }
    if stored::latest(db).await?.is_none() {
        // A new database: the folder becomes the first version, as at a first start.
        published_or_import(db, dir, now).await?;
        return Ok(format!(
            "Imported {} as published version 1.",
            dir.display()
        ));
    }
    let actor = Actor::command_line();
    let record = Record {
        actor: &actor,
        action: "offer imported",
        target: format!("offer from {}", dir.display()),
    };
    if !options.replace_draft && stored::draft_now(db).await?.is_some() {
        anyhow::bail!("there are unpublished changes made in the staff side; publish or look at them first, or give --replace-draft to replace them with the folder");
    }
    let made: Result<Offer, ()> = change_draft(db, &record, now, |_| Ok(offer.clone())).await?;
    made.map_err(|()| anyhow::anyhow!("the import was refused"))?;
    if !options.publish {
        return Ok(format!(
            "Imported {} as the draft. Look at What changed in the staff side, then publish it.",
            dir.display()
        ));
    }
    match publish(db, approval, &actor, None, now).await? {
        Ok(version) => Ok(format!(
            "Imported {} and published it as version {}.",
            dir.display(),
            version.number
        )),
        Err(PublishRefused::NothingToPublish) => Ok(format!(
            "{} is the same as the published offer: nothing to publish.",
            dir.display()
        )),
        Err(reason) => {
            anyhow::bail!("the import was saved as a draft but not published: {reason:?}")
        }
    }
}
