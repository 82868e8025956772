//! `local-offer-server council ...`: the councils one deployment serves, and which council
//! a `staff` or `content` command is for (`--council SLUG`, needed once councils exist).

use std::path::PathBuf;

use crate::config::Config;
use crate::content::check_dir;
use crate::db::councils::{self, Added, Settings};
use crate::db::{CouncilDb, Database};
use crate::tenants::base_url_for;

/// What `council` can do.
#[derive(Debug, clap::Subcommand)]
pub enum CouncilCommand {
    /// Serve a council on its own host names, with its offer from a content folder. The
    /// first council added takes over everything the server held before.
    Add {
        /// Its short name in commands: lower-case letters, digits and dashes.
        slug: String,
        /// Its name as it writes it, e.g. "Lancashire County Council".
        #[arg(long)]
        name: String,
        /// A host name it answers on (repeat for more; the first is the main one).
        #[arg(long = "host", required = true)]
        hosts: Vec<String>,
        /// The folder of its offer, imported at its first start.
        #[arg(long)]
        content: PathBuf,
        /// A shorter name for the phone's home screen.
        #[arg(long)]
        short_name: Option<String>,
        /// Its colour for the header and the installed app, #rrggbb.
        #[arg(long)]
        accent: Option<String>,
        /// Its team mailbox, told about new contact requests.
        #[arg(long)]
        team_email: Option<String>,
        /// Its address, when not https:// and its first host.
        #[arg(long)]
        public_url: Option<String>,
    },
    /// List the councils and their host names.
    List,
    /// Stop serving a council. Refused while it holds messages, unless --delete-data.
    Remove {
        /// The council's slug.
        slug: String,
        /// Delete its messages, accounts, history and offer too.
        #[arg(long)]
        delete_data: bool,
    },
}

/// Runs one `council` command and returns what to print. A running server reads the
/// councils when it starts: restart it to serve the change.
pub async fn run(db: &Database, command: CouncilCommand) -> anyhow::Result<String> {
    match command {
        CouncilCommand::Add {
            slug,
            name,
            hosts,
            content,
            short_name,
            accent,
            team_email,
            public_url,
        } => {
            // A folder that would not load is refused now, not at the next start.
            check_dir(&content).map_err(|e| {
                anyhow::anyhow!(
                    "the content folder {} does not load: {e}",
                    content.display()
                )
            })?;
            let new = Settings {
                slug,
                name,
                short_name,
                accent,
                content_dir: Some(content.display().to_string()),
                team_email,
                public_url,
                hosts,
            };
            match councils::add(db, &new).await? {
                Err(refused) => anyhow::bail!("{refused}"),
                Ok(Added::New(_)) => Ok(format!(
                    "Added {} on {}. Restart the server to serve it, then add its first manager with: \
                     local-offer-server staff --council {} add EMAIL --name NAME --role manager",
                    new.slug,
                    new.hosts.join(", "),
                    new.slug
                )),
                Ok(Added::TookOver(_)) => Ok(format!(
                    "Added {} on {}. It is the first council, so the messages, staff accounts and offer \
                     this server already held are now its own. Restart the server to serve it.",
                    new.slug,
                    new.hosts.join(", ")
                )),
            }
        }
        CouncilCommand::List => {
            let all = councils::all(db).await?;
            if all.iter().all(|c| c.settings.hosts.is_empty()) {
                return Ok("No council has been added: the server serves its one offer on any host. \
                           Add a council with: local-offer-server council add SLUG --name NAME --host HOST --content DIR"
                    .into());
            }
            let mut lines = Vec::new();
            for council in all.iter().filter(|c| !c.settings.hosts.is_empty()) {
                let messages = councils::message_count(db, council.id).await?;
                lines.push(format!(
                    "{}\t{}\t{}\t{} messages",
                    council.settings.slug,
                    council.settings.name,
                    council.settings.hosts.join(" "),
                    messages
                ));
            }
            Ok(lines.join("\n"))
        }
        CouncilCommand::Remove { slug, delete_data } => {
            let Some(council) = councils::by_slug(db, &slug).await? else {
                anyhow::bail!("there is no council {slug}");
            };
            let messages = councils::message_count(db, council.id).await?;
            if messages > 0 && !delete_data {
                anyhow::bail!(
                    "{slug} holds {messages} messages: nothing was removed. To delete them with the council, add --delete-data"
                );
            }
            let deleted = councils::remove(db, council.id).await?;
            Ok(format!(
                "Removed {slug} and deleted its {deleted} messages, accounts, history and offer. Restart the server."
            ))
        }
    }
}

/// The council a `staff` or `content` command is for: the one named, or, before any
/// council was added, the only one.
pub async fn chosen(db: &Database, slug: Option<&str>) -> anyhow::Result<CouncilDb> {
    let all = councils::all(db).await?;
    let hosted = all.iter().any(|c| !c.settings.hosts.is_empty());
    let council = match slug {
        Some(slug) => all.iter().find(|c| c.settings.slug == slug && (!hosted || !c.settings.hosts.is_empty())),
        None if !hosted => all.first(),
        None => anyhow::bail!(
            "this server serves several councils: say which with --council SLUG (see `local-offer-server council list`)"
        ),
    };
    match council {
        Some(council) => Ok(db.council(council.id)),
        None => anyhow::bail!("there is no council {}", slug.unwrap_or_default()),
    }
}

/// The offer a `content` command is for: a council's (as [`chosen`]), or with
/// `--council national` the national layer every council shares.
pub async fn chosen_offer(db: &Database, slug: Option<&str>) -> anyhow::Result<CouncilDb> {
    if slug == Some(councils::NATIONAL_SLUG) {
        return Ok(db.council(councils::national(db).await?));
    }
    chosen(db, slug).await
}

/// Where links printed for a council's staff point.
pub async fn base_url(
    db: &Database,
    council: &CouncilDb,
    config: &Config,
) -> anyhow::Result<String> {
    let all = councils::all(db).await?;
    let row = all.iter().find(|c| c.id == council.id());
    Ok(match row {
        Some(row) => base_url_for(
            row.settings.public_url.as_deref(),
            &row.settings.hosts,
            config,
        ),
        None => config.base_url(),
    })
}
