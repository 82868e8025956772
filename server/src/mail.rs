//! Short emails to staff when something needs them: a new "please contact me" or "my details
//! have changed" goes to the team mailbox, and a message assigned to someone goes to them.
//! An email holds a link to the inbox and nothing else: never a name, number, address or a
//! word of the message. Without `SMTP_URL` nothing is sent and the inbox still works.

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
}

impl Notice {
    /// The email's subject and first line.
    pub fn subject(self) -> &'static str {
        match self {
            Notice::ContactRequest => "A young person asked to be contacted",
            Notice::DetailsChanged => "A young person's contact details have changed",
            Notice::Assigned => "A message has been assigned to you",
        }
    }
}

/// The email's text: the notice and a link to the inbox, nothing about the young person.
pub fn body(notice: Notice, base_url: &str) -> String {
    // Short lines, so mail is sent as plain 7-bit text that any client shows as written.
    format!(
        "{}.\n\nOpen the inbox:\n{}/staff\n\nPlease act within two working days.\n\nYou get this email because you work with\nthe care leavers team. If it reached you by\nmistake, please tell your manager.\n",
        notice.subject(),
        base_url
    )
}

/// Sends `notice` to `to` in the background, if email is set up. Failures are logged
/// without the address or anything else personal.
pub fn send(config: &Config, notice: Notice, to: &str) {
    let Some(smtp_url) = config.smtp_url.clone() else {
        return;
    };
    let from = config.mail_from.clone();
    let text = body(notice, &config.base_url());
    let to = to.to_string();
    tokio::spawn(async move {
        match deliver(&smtp_url.0, &from, &to, notice.subject(), text).await {
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
    fn the_email_holds_the_link_and_nothing_else() {
        let text = body(Notice::ContactRequest, "https://offer.example.gov.uk");
        assert!(text.contains("Open the inbox:\nhttps://offer.example.gov.uk/staff\n"));
        assert!(text.starts_with("A young person asked to be contacted."));
        assert!(text.lines().all(|l| l.len() <= 76), "plain 7-bit lines");
    }
}
