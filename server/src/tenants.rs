//! The councils this server serves, each with what is its own while the server runs: its
//! offer, its offer cache, its page, and its view of the database. A request finds its
//! council by its host name ([`Councils::for_host`]); handlers take the council as a
//! [`Tenant`] and reach the database only through it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;

use crate::config::Config;
use crate::content::{ContentStore, NationalLayer};
use crate::db::councils::{self, normalise_host, Settings};
use crate::db::{CouncilDb, CouncilId, Database};
use crate::encoded_bodies::EncodedBodies;
use crate::offer_cache::OfferCache;
use crate::offer_store;

/// One council as the running server holds it.
#[derive(Debug)]
pub struct Council {
    /// Its number.
    pub id: CouncilId,
    /// Its settings; no hosts: every host (no council added), slug `default`.
    pub settings: Settings,
    /// Its team's mailbox (its own, or the server's `TEAM_EMAIL` for the first council).
    pub team_email: Option<String>,
    /// The folder its offer was first imported from.
    pub content_dir: PathBuf,
    /// The database as this council sees it.
    pub db: CouncilDb,
    /// The offer being served.
    pub content: ContentStore,
    /// The offer with its "You said, we did" entries, as phones get it.
    pub offer_cache: OfferCache,
    /// Its `index.html`, compressed once per version.
    pub index_bodies: EncodedBodies,
    /// Its offer's pages, drawn by the server.
    pub drawn: crate::drawn_pages::DrawnPages,
}

impl Council {
    /// The name to show: the one set with `council add`, or the one in its offer.
    pub fn display_name(&self) -> String {
        if self.settings.name.is_empty() {
            self.content.current().offer.council.name.clone()
        } else {
            self.settings.name.clone()
        }
    }

    /// Words anyone could guess for this council (its names, area and slug), which a staff
    /// password must be more than.
    pub fn guessable_words(&self) -> Vec<String> {
        let offer = self.content.current();
        let mut words = vec![
            self.settings.slug.clone(),
            self.settings.name.clone(),
            offer.offer.council.name.clone(),
            offer.offer.council.area.clone(),
        ];
        words.extend(self.settings.short_name.clone());
        words
    }

    /// The address young people and staff use to reach this council, without a trailing
    /// slash: its own `PUBLIC_URL`; else, with no council added, the server's; else its
    /// main host (https on a real site, `http://HOST:PORT` on a developer's machine).
    pub fn base_url(&self, config: &Config) -> String {
        base_url_for(
            self.settings.public_url.as_deref(),
            &self.settings.hosts,
            config,
        )
    }

    /// Where this council's emails come from and link to.
    pub fn mail_from(&self, config: &Config) -> crate::mail::From {
        crate::mail::From {
            council: self.display_name(),
            base_url: self.base_url(config),
        }
    }
}

/// A council's address from its own `PUBLIC_URL` and hosts (see [`Council::base_url`]).
pub fn base_url_for(public_url: Option<&str>, hosts: &[String], config: &Config) -> String {
    if let Some(url) = public_url {
        return url.trim_end_matches('/').to_string();
    }
    match (hosts.first(), config.site.url.as_deref()) {
        (None, _) => config.base_url(),
        // Behind the same proxy as the deployment: its scheme, and its port if it has one.
        (Some(host), Some(deployment)) => {
            let (scheme, rest) = deployment
                .split_once("://")
                .unwrap_or(("https", deployment));
            let authority = rest.split('/').next().unwrap_or_default();
            let port = authority
                .rsplit_once(':')
                .filter(|(_, p)| p.chars().all(|c| c.is_ascii_digit()))
                .map(|(_, p)| format!(":{p}"))
                .unwrap_or_default();
            format!("{scheme}://{host}{port}")
        }
        (Some(host), None) => format!("http://{host}:{}", config.port),
    }
}

/// Every council served, and which host reaches which.
#[derive(Debug)]
pub struct Councils {
    all: Vec<Arc<Council>>,
    by_host: HashMap<String, Arc<Council>>,
    /// With no council added: the one council, on every host.
    any_host: Option<Arc<Council>>,
    /// The national layer, kept in the database under its own row.
    national: Option<(CouncilDb, Arc<NationalLayer>)>,
}

/// The national layer: published in the database, or imported from `NATIONAL_DIR` at the
/// first start; none when neither exists.
async fn national_layer(
    db: &Database,
    config: &Config,
) -> anyhow::Result<Option<(CouncilDb, Arc<NationalLayer>)>> {
    let national_db = db.council(councils::national(db).await?);
    let published = crate::db::offer::latest_number(&national_db).await?;
    if published.is_none() && !config.national_dir.join("offer.toml").is_file() {
        return Ok(None);
    }
    let published =
        offer_store::published_or_import(&national_db, &config.national_dir, config.clock.now())
            .await
            .with_context(|| {
                format!(
                    "loading the national layer (from {} at the first start)",
                    config.national_dir.display()
                )
            })?;
    let layer = Arc::new(NationalLayer::new(published.offer, published.number));
    Ok(Some((national_db, layer)))
}

impl Councils {
    /// Reads the councils from the database and loads each one's offer (importing it from
    /// its folder at its first start).
    pub async fn load(db: &Database, config: &Config) -> anyhow::Result<Councils> {
        let rows = councils::all(db).await?;
        anyhow::ensure!(
            !rows.is_empty(),
            "the database has no council: add one with `local-offer-server council add`"
        );
        let hosted = rows.iter().any(|c| !c.settings.hosts.is_empty());
        let national = national_layer(db, config).await?;
        let mut all = Vec::new();
        for row in rows {
            let (id, settings) = (row.id, row.settings);
            if hosted && settings.hosts.is_empty() {
                // Council 1 before it was taken over, once others exist: nobody reaches it.
                continue;
            }
            let content_dir = settings
                .content_dir
                .as_deref()
                .map_or_else(|| config.content_dir.clone(), PathBuf::from);
            let council_db = db.council(id);
            let published =
                offer_store::published_or_import(&council_db, &content_dir, config.clock.now())
                    .await
                    .with_context(|| {
                        format!(
                            "loading the offer of {} (from {} at the first start)",
                            settings.slug,
                            content_dir.display()
                        )
                    })?;
            let content = ContentStore::new(
                &content_dir,
                published.offer,
                published.number,
                config.clock.clone(),
                national.as_ref().map(|(_, layer)| layer.clone()),
            );
            crate::db::messages::fill_facets(&council_db).await?;
            let team_email = settings
                .team_email
                .clone()
                .or_else(|| (id.get() == 1).then(|| config.team_email.clone()).flatten());
            all.push(Arc::new(Council {
                id,
                settings,
                team_email,
                content_dir,
                db: council_db,
                content,
                offer_cache: OfferCache::default(),
                index_bodies: EncodedBodies::default(),
                drawn: Default::default(),
            }));
        }
        Ok(Councils::new(all, national))
    }

    fn new(all: Vec<Arc<Council>>, national: Option<(CouncilDb, Arc<NationalLayer>)>) -> Councils {
        let mut by_host = HashMap::new();
        for council in &all {
            for host in &council.settings.hosts {
                by_host.insert(host.clone(), council.clone());
            }
        }
        let any_host = match all.as_slice() {
            [only] if only.settings.hosts.is_empty() => Some(only.clone()),
            _ => None,
        };
        Councils {
            all,
            by_host,
            any_host,
            national,
        }
    }

    /// The national layer's view of the database and the layer served, if there is one.
    pub fn national(&self) -> Option<&(CouncilDb, Arc<NationalLayer>)> {
        self.national.as_ref()
    }

    /// The council a request for `host` (its `Host` header) is for, if any.
    pub fn for_host(&self, host: Option<&str>) -> Option<Arc<Council>> {
        if let Some(only) = &self.any_host {
            return Some(only.clone());
        }
        self.by_host.get(&normalise_host(host?)).cloned()
    }

    /// Every council served, in the order they were added.
    pub fn all(&self) -> &[Arc<Council>] {
        &self.all
    }

    /// The council with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<Arc<Council>> {
        self.all.iter().find(|c| c.settings.slug == slug).cloned()
    }

    /// True when councils are told apart by host (at least one council was added).
    pub fn by_host_name(&self) -> bool {
        self.any_host.is_none()
    }
}

/// The council a request is for, put there by the host routing in front of every route.
#[derive(Debug, Clone)]
pub struct Tenant(pub Arc<Council>);

impl<S: Send + Sync> FromRequestParts<S> for Tenant {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Tenant, StatusCode> {
        parts
            .extensions
            .get::<Tenant>()
            .cloned()
            .ok_or(StatusCode::NOT_FOUND)
    }
}

impl std::ops::Deref for Tenant {
    type Target = Council;

    fn deref(&self) -> &Council {
        &self.0
    }
}
