//! Councils, the tenants of one deployment: who they are, the host names each is reached
//! on, and everything kept for one (removed in one transaction when a council goes).
//!
//! Until the first `council add`, the database holds one council (number 1, slug
//! `default`) that owns every row and is served on any host; the first council added takes
//! it over, rows and all.

use super::sql::{CouncilDb, Row};
use super::Database;
use crate::params;

pub use super::sql::CouncilId;

/// The slug of the council a new database starts with.
pub const FIRST_SLUG: &str = "default";

/// The slug under which the national layer's offer is kept, with its versions and draft
/// like a council's; never served on a host of its own.
pub const NATIONAL_SLUG: &str = "national";

/// A council as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    /// Its number.
    pub id: CouncilId,
    /// Everything `council add` was told.
    pub settings: Settings,
}

/// A council's settings, as `council add` is told them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Its short name in commands and folders: `cheshire-east`.
    pub slug: String,
    /// Its name as it writes it ("Cheshire East Council"); empty for the name its offer
    /// gives.
    pub name: String,
    /// A shorter name for the home screen ("Cheshire East").
    pub short_name: Option<String>,
    /// Its colour, `#rrggbb`.
    pub accent: Option<String>,
    /// The folder of its offer, when not the server's `CONTENT_DIR`.
    pub content_dir: Option<String>,
    /// Its team's mailbox, when not the server's `TEAM_EMAIL`.
    pub team_email: Option<String>,
    /// Where its staff and young people reach it, when not `https://` and its first host.
    pub public_url: Option<String>,
    /// The host names it answers on, lower case, the main one first; at least one.
    pub hosts: Vec<String>,
}

/// A host name as the deployment keys it: lower case, without a port or a final dot.
pub fn normalise_host(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    let host = match host.rsplit_once(':') {
        // Only a port after the last colon (an IPv6 address has colons of its own, and is
        // written in brackets when it has a port).
        Some((name, port))
            if !port.is_empty()
                && port.chars().all(|c| c.is_ascii_digit())
                && (!name.contains(':') || name.ends_with(']')) =>
        {
            name.to_string()
        }
        _ => host,
    };
    host.trim_end_matches('.').to_string()
}

/// Why a slug or host cannot be used, in words for the command line.
pub fn check_new(new: &Settings) -> Result<(), String> {
    let slug_ok = !new.slug.is_empty()
        && new.slug.len() <= 60
        && new
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !new.slug.starts_with('-')
        && new.slug != FIRST_SLUG
        && new.slug != NATIONAL_SLUG;
    if !slug_ok {
        return Err(format!(
            "the slug {:?} must be lower-case letters, digits and dashes, like cheshire-east",
            new.slug
        ));
    }
    if new.name.trim().is_empty() {
        return Err("give the council's name with --name".into());
    }
    if new.hosts.is_empty() {
        return Err("give at least one host name with --host".into());
    }
    for host in &new.hosts {
        let host = normalise_host(host);
        let ok = !host.is_empty()
            && host.len() <= 253
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !ok {
            return Err(format!(
                "{host:?} is not a host name like offer.cheshireeast.gov.uk"
            ));
        }
    }
    if let Some(accent) = &new.accent {
        let ok = accent.len() == 7
            && accent.starts_with('#')
            && accent[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            return Err(format!("the colour {accent:?} must be written #rrggbb"));
        }
        // White words on it in the header, and it as words on white: WCAG AA asks 4.5:1.
        let contrast = contrast_with_white(accent);
        if contrast < 4.5 {
            return Err(format!(
                "the colour {accent} is too light for white words on it ({contrast:.1}:1; at least 4.5:1 is needed)"
            ));
        }
    }
    Ok(())
}

/// The contrast ratio of `#rrggbb` with white, as WCAG 2 measures it.
fn contrast_with_white(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    1.05 / (luminance + 0.05)
}

const COLUMNS: &str = "id, slug, name, short_name, accent, content_dir, team_email, public_url";

fn council(row: &Row, hosts: Vec<String>) -> anyhow::Result<Council> {
    Ok(Council {
        id: CouncilId(row.int("id")?),
        settings: Settings {
            slug: row.text("slug")?,
            name: row.text("name")?,
            short_name: row.opt_text("short_name")?,
            accent: row.opt_text("accent")?,
            content_dir: row.opt_text("content_dir")?,
            team_email: row.opt_text("team_email")?,
            public_url: row.opt_text("public_url")?,
            hosts,
        },
    })
}

/// Every council, in the order they were added, with their hosts.
pub async fn all(db: &Database) -> anyhow::Result<Vec<Council>> {
    let host_rows = db
        .rows(
            "SELECT host, council_id, main FROM council_hosts ORDER BY council_id, main DESC, host",
            vec![],
        )
        .await?;
    let rows = db
        .rows(
            &format!("SELECT {COLUMNS} FROM councils WHERE slug <> ? ORDER BY id"),
            params![NATIONAL_SLUG],
        )
        .await?;
    rows.iter()
        .map(|row| {
            let id = row.int("id")?;
            let hosts = host_rows
                .iter()
                .filter(|h| h.int("council_id").ok() == Some(id))
                .map(|h| h.text("host"))
                .collect::<anyhow::Result<Vec<_>>>()?;
            council(row, hosts)
        })
        .collect()
}

/// The council `db` is for, if `council add` made it (not for the national layer).
pub async fn this_one(db: &CouncilDb) -> anyhow::Result<Option<Council>> {
    Ok(all(db.database())
        .await?
        .into_iter()
        .find(|c| c.id == db.id()))
}

/// The row the national layer is kept under, made the first time it is asked for.
pub async fn national(db: &Database) -> anyhow::Result<CouncilId> {
    db.execute(
        "INSERT INTO councils (slug, name) VALUES (?, 'National entitlements') ON CONFLICT (slug) DO NOTHING",
        params![NATIONAL_SLUG],
    )
    .await?;
    let row = db
        .row(
            "SELECT id FROM councils WHERE slug = ?",
            params![NATIONAL_SLUG],
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("the national layer's row was not made"))?;
    Ok(CouncilId(row.int("id")?))
}

/// The council with this slug.
pub async fn by_slug(db: &Database, slug: &str) -> anyhow::Result<Option<Council>> {
    Ok(all(db).await?.into_iter().find(|c| c.settings.slug == slug))
}

/// What `add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new council, with nothing yet.
    New(CouncilId),
    /// The first council, which took over the one the database started with and
    /// everything it held.
    TookOver(CouncilId),
}

/// Adds a council, refusing a slug or host already taken. The first council added takes
/// over council 1 while that still has its starting slug.
pub async fn add(db: &Database, new: &Settings) -> anyhow::Result<Result<Added, String>> {
    check_new(new).map_err(anyhow::Error::msg)?;
    let hosts: Vec<String> = new.hosts.iter().map(|h| normalise_host(h)).collect();
    let mut tx = db.begin_for(CouncilId(1)).await?;
    if tx
        .row("SELECT id FROM councils WHERE slug = ?", params![&new.slug])
        .await?
        .is_some()
    {
        return Ok(Err(format!("there is already a council {}", new.slug)));
    }
    for host in &hosts {
        if tx
            .row(
                "SELECT council_id FROM council_hosts WHERE host = ?",
                params![host],
            )
            .await?
            .is_some()
        {
            return Ok(Err(format!("another council already answers on {host}")));
        }
    }
    let first = tx
        .row(
            "SELECT id FROM councils WHERE id = 1 AND slug = ?",
            params![FIRST_SLUG],
        )
        .await?
        .is_some();
    let values = params![
        &new.slug,
        new.name.trim(),
        new.short_name.as_deref(),
        new.accent.as_deref(),
        new.content_dir.as_deref(),
        new.team_email.as_deref(),
        new.public_url.as_deref()
    ];
    let added = if first {
        let mut values = values;
        values.push(1_i64.into());
        tx.execute(
            "UPDATE councils SET slug = ?, name = ?, short_name = ?, accent = ?, content_dir = ?, \
             team_email = ?, public_url = ? WHERE id = ?",
            values,
        )
        .await?;
        Added::TookOver(CouncilId(1))
    } else {
        let row = tx
            .row(
                "INSERT INTO councils (slug, name, short_name, accent, content_dir, team_email, public_url) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                values,
            )
            .await?
            .ok_or_else(|| anyhow::anyhow!("adding a council returned no id"))?;
        Added::New(CouncilId(row.int("id")?))
    };
    let id = match added {
        Added::New(id) | Added::TookOver(id) => id,
    };
    for (i, host) in hosts.iter().enumerate() {
        tx.execute(
            "INSERT INTO council_hosts (host, council_id, main) VALUES (?, ?, ?)",
            params![host, id, i64::from(i == 0)],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(added))
}

/// How many messages a council holds.
pub async fn message_count(db: &Database, id: CouncilId) -> anyhow::Result<i64> {
    db.row(
        "SELECT COUNT(*) AS n FROM messages WHERE council_id = ?",
        params![id],
    )
    .await?
    .map(|r| r.int("n"))
    .transpose()
    .map(|n| n.unwrap_or(0))
}

/// The tables holding a council's rows, children before the rows they point at.
const TABLES: &[&str] = &[
    "message_events",
    "message_replies",
    "message_triage",
    "messages",
    "you_said_we_did",
    "audit_log",
    "staff_password_links",
    "staff_sign_in_failures",
    "job_runs",
    "offer_versions",
    "offer_draft",
    "language_reviews",
    "staff_accounts",
    "council_hosts",
];

/// Deletes a council and every row it holds, in one transaction; says how many messages
/// went. Staff sessions of its accounts end with the accounts (a session names an account
/// that no longer exists).
pub async fn remove(db: &Database, id: CouncilId) -> anyhow::Result<i64> {
    let messages = message_count(db, id).await?;
    let mut tx = db.begin_for(id).await?;
    for table in TABLES {
        tx.execute(
            &format!("DELETE FROM {table} WHERE council_id = ?"),
            params![id],
        )
        .await?;
    }
    tx.execute("DELETE FROM councils WHERE id = ?", params![id])
        .await?;
    tx.commit().await?;
    Ok(messages)
}

/// The next message reference number of the transaction's council: its own sequence, so
/// one council's numbers say nothing about another's volume. The row lock this update
/// takes makes two messages at once get two numbers on PostgreSQL too.
pub async fn next_reference(tx: &mut super::sql::Tx) -> anyhow::Result<i64> {
    let council = tx.council();
    tx.row(
        "UPDATE councils SET last_ref = last_ref + 1 WHERE id = ? RETURNING last_ref",
        params![council],
    )
    .await?
    .ok_or_else(|| anyhow::anyhow!("council {} is not in the database", council.get()))?
    .int("last_ref")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_keyed_without_their_port_case_or_final_dot() {
        assert_eq!(
            normalise_host("Cheshire-East.localhost:8080"),
            "cheshire-east.localhost"
        );
        assert_eq!(
            normalise_host("offer.example.gov.uk."),
            "offer.example.gov.uk"
        );
        assert_eq!(normalise_host("[::1]:8080"), "[::1]");
        assert_eq!(normalise_host("::1"), "::1");
    }

    fn new(slug: &str, host: &str) -> Settings {
        Settings {
            slug: slug.into(),
            name: "Lancashire County Council".into(),
            hosts: vec![host.into()],
            ..Settings::default()
        }
    }

    #[test]
    fn a_new_council_needs_a_plain_slug_a_name_and_a_host() {
        assert!(check_new(&new("lancashire", "lancashire.localhost")).is_ok());
        assert!(check_new(&new("Lancashire", "lancashire.localhost")).is_err());
        assert!(check_new(&new("default", "lancashire.localhost")).is_err());
        assert!(check_new(&new("lancs", "lanc ashire")).is_err());
        let mut no_host = new("lancs", "x");
        no_host.hosts.clear();
        assert!(check_new(&no_host).is_err());
        let mut bad_colour = new("lancs", "x.localhost");
        bad_colour.accent = Some("red".into());
        assert!(check_new(&bad_colour).is_err());
        bad_colour.accent = Some("#ffdd00".into());
        assert!(check_new(&bad_colour).is_err(), "yellow under white words");
        bad_colour.accent = Some("#14466e".into());
        assert!(check_new(&bad_colour).is_ok());
    }
}
