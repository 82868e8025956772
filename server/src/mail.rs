//! Short emails to staff when something needs them: a new "please contact me" or "my details
//! have changed" goes to the team mailbox, a message assigned to someone goes to them, and
//! once a week the team mailbox hears how many items of the offer are due for a check.
//! An email holds a link and at most a count, nothing else: never a name, number, address
//! or a word of a message. Without `SMTP_URL` nothing is sent and the inbox still works.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message as Email, Tokio1Executor};

use crate::config::Config;

/// What to tell staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A young person asked to be contacted.
    ContactRequest,
    /// A young person's phone, email or address changed.
    DetailsChanged,
    /// A message was assigned to the reader.
    Assigned,
    /// This many items of the offer are due for a check (the weekly reminder).
    DueForCheck(usize),
}

impl Notice {
    /// The email's subject and first line.
    pub fn subject(self) -> String {
        match self {
            Notice::ContactRequest => "A young person asked to be contacted".into(),
            Notice::DetailsChanged => "A young person's contact details have changed".into(),
            Notice::Assigned => "A message has been assigned to you".into(),
            Notice::DueForCheck(1) => "1 item in the local offer is due for a check".into(),
            Notice::DueForCheck(n) => format!("{n} items in the local offer are due for a check"),
        }
    }
}

/// The email's text: the notice and a link, nothing about any young person.
pub fn body(notice: Notice, base_url: &str) -> String {
    // Short lines, so mail is sent as plain 7-bit text that any client shows as written.
    match notice {
        Notice::DueForCheck(_) => format!(
            "{}.\n\nOpen the list:\n{}/staff/offer?show=due\n\nCheck each one against its source, then\nset its last checked date.\n\nYou get this email each Monday because you\nwork with the care leavers team. If it\nreached you by mistake, tell your manager.\n",
            notice.subject(),
            base_url
        ),
        _ => format!(
            "{}.\n\nOpen the inbox:\n{}/staff\n\nPlease act within two working days.\n\nYou get this email because you work with\nthe care leavers team. If it reached you by\nmistake, please tell your manager.\n",
            notice.subject(),
            base_url
        ),
    }
}

/// Who an email from `council` comes from: `MAIL_FROM`'s address under the council's
/// name, so a team that works for two councils can tell whose it is.
pub fn sender(mail_from: &str, council: &str) -> String {
    match mail_from.parse::<Mailbox>() {
        Ok(mailbox) if !council.trim().is_empty() => Mailbox::new(
            Some(format!("{} Local Offer", council.trim())),
            mailbox.email,
        )
        .to_string(),
        _ => mail_from.to_string(),
    }
}

/// Where an email goes from and links to: one council's.
#[derive(Debug, Clone)]
pub struct From {
    /// Its name, for the sender.
    pub council: String,
    /// Its address, for the links.
    pub base_url: String,
}

/// Sends `notice` to `to` in the background, if email is set up. Failures are logged
/// without the address or anything else personal.
pub fn send(config: &Config, from: &From, notice: Notice, to: &str) {
    let Some(smtp_url) = config.smtp_url.clone() else {
        return;
    };
    let text = body(notice, &from.base_url);
    let from = sender(&config.mail_from, &from.council);
    let to = to.to_string();
    tokio::spawn(async move {
        match deliver(&smtp_url.0, &from, &to, &notice.subject(), text).await {
            Ok(()) => tracing::info!(?notice, "staff email sent"),
            Err(error) => tracing::error!(?notice, "could not send a staff email: {error:#}"),
        }
    });
}

async fn deliver(
    smtp_url: &str,
    from: &str,
    to: &str,
    subject: &str,
    text: String,
) -> anyhow::Result<()> {
    let email = Email::builder()
        .from(from.parse::<Mailbox>()?)
        .to(to.parse::<Mailbox>()?)
        .subject(subject)
        .body(text)?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?.build();
    transport.send(email).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weekly_reminder_holds_a_count_and_the_link() {
        let text = body(Notice::DueForCheck(7), "https://offer.example.gov.uk");
        assert!(text.starts_with("7 items in the local offer are due for a check."));
        assert!(text.contains("https://offer.example.gov.uk/staff/offer?show=due\n"));
        assert!(text.lines().all(|l| l.len() <= 76), "plain 7-bit lines");
        assert_eq!(
            Notice::DueForCheck(1).subject(),
            "1 item in the local offer is due for a check"
        );
    }

    #[test]
    fn the_email_holds_the_link_and_nothing_else() {
        let text = body(Notice::ContactRequest, "https://offer.example.gov.uk");
        assert!(text.contains("Open the inbox:\nhttps://offer.example.gov.uk/staff\n"));
        assert!(text.starts_with("A young person asked to be contacted."));
        assert!(text.lines().all(|l| l.len() <= 76), "plain 7-bit lines");
    }
}
