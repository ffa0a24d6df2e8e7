//! What `letters --format eml` and `remind` share: the sender, the date and Message-ID every
//! message gets, and delivery with `--send` (server from flags or the environment, the password
//! from the environment only), reported message by message.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone as _};
use clap::ValueEnum;
use lettre::Message;
use lettre::message::Mailbox;

use spotlight::mail::smtp;
use spotlight::mail::{self};

use super::Outcome;

/// The environment variable the SMTP password is read from; it is never a flag, so it stays out
/// of shell history and process lists.
pub const PASSWORD: &str = "SPOTLIGHT_SMTP_PASSWORD";

#[derive(Debug, Clone, clap::Args)]
pub struct MailArgs {
    /// The sender of e-mailed messages, "Name <address>"
    #[arg(long, env = "SPOTLIGHT_FROM", value_name = "ADDRESS")]
    from: Option<String>,

    /// Send the messages over SMTP as well as writing them; a sent log in the output folder
    /// keeps a second run from sending any twice
    #[arg(long)]
    send: bool,

    /// The SMTP server to send through
    #[arg(long, env = "SPOTLIGHT_SMTP_HOST", value_name = "HOST")]
    smtp_host: Option<String>,

    /// Its port [default: 587 with starttls, 465 with tls, 25 with none]
    #[arg(long, env = "SPOTLIGHT_SMTP_PORT", value_name = "PORT")]
    smtp_port: Option<u16>,

    /// How the connection is secured
    #[arg(long, env = "SPOTLIGHT_SMTP_SECURITY", value_enum, default_value_t = Security::Starttls)]
    smtp_security: Security,

    /// The user to log in as (the password comes from SPOTLIGHT_SMTP_PASSWORD)
    #[arg(long, env = "SPOTLIGHT_SMTP_USER", value_name = "USER")]
    smtp_user: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Security {
    /// STARTTLS after connecting; refused when the server does not offer it
    Starttls,
    /// TLS from the start
    Tls,
    /// No encryption: only for a relay on this machine
    None,
}

impl MailArgs {
    pub fn sending(&self) -> bool {
        self.send
    }

    /// The sender, required once a message is written.
    pub fn sender(&self) -> Result<Mailbox> {
        let Some(from) = &self.from else {
            bail!(
                "e-mailed messages need a sender: pass --from \"Practice Spotlight <spotlight@example.org>\" \
                 (or set SPOTLIGHT_FROM)"
            );
        };
        mail::sender(from).map_err(anyhow::Error::msg)
    }

    /// The server `--send` delivers to, checked before anything is written or sent.
    pub fn server(&self) -> Result<Option<smtp::Server>> {
        if !self.send {
            return Ok(None);
        }
        let Some(host) = &self.smtp_host else {
            bail!("--send needs a server: pass --smtp-host HOST (or set SPOTLIGHT_SMTP_HOST)");
        };
        let (security, port) = match self.smtp_security {
            Security::Starttls => (smtp::Security::StartTls, 587),
            Security::Tls => (smtp::Security::Tls, 465),
            Security::None => (smtp::Security::None, 25),
        };
        let login = match &self.smtp_user {
            None => None,
            Some(user) => match std::env::var(PASSWORD) {
                Ok(password) if !password.is_empty() => Some((user.clone(), password)),
                _ => bail!(
                    "--smtp-user {user} needs a password: set {PASSWORD} in the environment \
                     (it is never taken from a flag)"
                ),
            },
        };
        Ok(Some(smtp::Server {
            host: host.clone(),
            port: self.smtp_port.unwrap_or(port),
            security,
            login,
        }))
    }
}

/// The Date of a message written for `day`: 09:00 that day in the programme's time zone, so the
/// same run on another day, or machine, writes the same bytes.
pub fn date(day: NaiveDate, tz: chrono_tz::Tz) -> DateTime<FixedOffset> {
    let nine = day.and_hms_opt(9, 0, 0).expect("09:00 is a time");
    match tz.from_local_datetime(&nine).earliest() {
        Some(local) => local.fixed_offset(),
        None => nine.and_utc().fixed_offset(),
    }
}

/// A Message-ID for `kind` and `id` (`letter`, `2026/merton-hub`) at the sender's domain,
/// without angle brackets: the same for the same message, and the sent log's key.
pub fn message_id(kind: &str, id: &str, from: &Mailbox) -> String {
    let domain = from.email.domain();
    let local: String = format!("{kind}.{id}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '.'
            }
        })
        .collect();
    format!("{local}@{domain}")
}

/// A message written and ready to send.
pub struct Written {
    pub message_id: String,
    /// The file it was written to, relative to the output folder.
    pub file: String,
    pub message: Message,
}

/// Sends `written` through `server`, skipping what the sent log in `out` lists, and says what
/// happened: each message sent, each sent before, and on a failure what was not sent.
pub fn deliver(
    server: &smtp::Server,
    out: &Path,
    written: &[Written],
    quiet: bool,
) -> Result<Outcome> {
    let log = out.join("sent.log");
    let outgoing: Vec<smtp::Outgoing> = written
        .iter()
        .map(|w| smtp::Outgoing {
            message_id: &w.message_id,
            file: &w.file,
            message: &w.message,
        })
        .collect();
    let delivery = smtp::send(server, &outgoing, &log).map_err(anyhow::Error::msg)?;
    let failed = !delivery.failed.is_empty();
    let mut stdout = anstream::stdout();
    if !quiet || failed {
        writeln!(
            stdout,
            "sent {} message(s) through {}:{}{}",
            delivery.sent.len(),
            server.host,
            server.port,
            if delivery.already.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} sent before, by the log {}, not sent again",
                    delivery.already.len(),
                    log.display()
                )
            }
        )
        .context("cannot write to stdout")?;
        for file in &delivery.sent {
            writeln!(stdout, "  sent {file}")?;
        }
    }
    if !failed {
        return Ok(Outcome::Clean);
    }
    let mut stderr = anstream::stderr();
    for (file, error) in &delivery.failed {
        writeln!(stderr, "error: {file} was not sent: {error}")?;
    }
    if !delivery.not_tried.is_empty() {
        writeln!(
            stderr,
            "not sent either, as the run stopped there ({}):",
            delivery.not_tried.len()
        )?;
        for file in &delivery.not_tried {
            writeln!(stderr, "  {file}")?;
        }
    }
    writeln!(
        stderr,
        "the {} sent are in {}; fix the cause and run the same command again to send the rest",
        delivery.sent.len() + delivery.already.len(),
        log.display()
    )?;
    Ok(Outcome::Failed)
}
