//! Delivery over SMTP, asked for with `--send`: each message sent once. A sent log (one line per
//! message delivered: its Message-ID, a tab, the file it was written to) is appended to and
//! flushed after every message the server accepts, so a run stopped part-way can be run again
//! and sends only what is left. A message the server refuses for good (a 5xx reply, such as an
//! unknown mailbox) is skipped and the rest still go; anything else (a lost connection, a 4xx
//! "try later") stops the run, since the messages after it would fail the same way.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP, then STARTTLS before anything is sent (port 587); refused when the server
    /// does not offer it.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: for a relay on this machine or a test server only.
    None,
}

/// The server to hand the messages to.
#[derive(Debug, Clone)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The user and password to log in with, when the server asks for one.
    pub login: Option<(String, String)>,
}

/// A message to send, with what names it to people: the file it was written to.
pub struct Outgoing<'a> {
    pub message_id: &'a str,
    pub file: &'a str,
    pub message: &'a Message,
}

/// What a run delivered, and what it did not.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    /// The files of the messages sent now.
    pub sent: Vec<String>,
    /// The files of the messages the sent log says went on an earlier run.
    pub already: Vec<String>,
    /// The files of the messages that failed, each with the server's or the network's words.
    pub failed: Vec<(String, String)>,
    /// The files not tried, after a failure that stopped the run.
    pub not_tried: Vec<String>,
}

/// The Message-IDs the sent log at `path` records (none when it does not exist yet).
pub fn already_sent(path: &Path) -> std::io::Result<BTreeSet<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text
            .lines()
            .filter_map(|line| line.split('\t').next())
            .filter(|id| !id.is_empty())
            .map(String::from)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(e),
    }
}

fn transport(server: &Server) -> Result<SmtpTransport, String> {
    let builder = match server.security {
        Security::None => SmtpTransport::builder_dangerous(server.host.as_str()),
        Security::StartTls => SmtpTransport::starttls_relay(&server.host)
            .map_err(|e| format!("cannot use {} with STARTTLS: {e}", server.host))?,
        Security::Tls => SmtpTransport::relay(&server.host)
            .map_err(|e| format!("cannot use {} with TLS: {e}", server.host))?,
    };
    let builder = builder.port(server.port);
    let builder = match &server.login {
        Some((user, password)) => {
            builder.credentials(Credentials::new(user.clone(), password.clone()))
        }
        None => builder,
    };
    Ok(builder.build())
}

/// Sends every message of `outgoing` the log at `log` does not list, in order, recording each
/// as it goes; stops at the first failure.
pub fn send(server: &Server, outgoing: &[Outgoing], log: &Path) -> Result<Delivery, String> {
    let before = already_sent(log)
        .map_err(|e| format!("cannot read the sent log {}: {e}", log.display()))?;
    let mut delivery = Delivery::default();
    let (done, to_send): (Vec<&Outgoing>, Vec<&Outgoing>) =
        outgoing.iter().partition(|o| before.contains(o.message_id));
    delivery.already = done.iter().map(|o| o.file.to_string()).collect();
    if to_send.is_empty() {
        return Ok(delivery);
    }
    // The log is appended to, so a link there would write wherever it points.
    if std::fs::symlink_metadata(log).is_ok_and(|m| !m.is_file()) {
        return Err(format!(
            "{} is not a plain file (a link?): the sent log is never written through one; remove it",
            log.display()
        ));
    }
    let transport = transport(server)?;
    if let Some(parent) = log.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(|e| format!("cannot open the sent log {}: {e}", log.display()))?;
    for (i, each) in to_send.iter().enumerate() {
        if let Err(e) = transport.send(each.message) {
            delivery.failed.push((each.file.to_string(), e.to_string()));
            if e.is_permanent() {
                continue;
            }
            delivery.not_tried = to_send[i + 1..]
                .iter()
                .map(|o| o.file.to_string())
                .collect();
            break;
        }
        writeln!(file, "{}\t{}", each.message_id, each.file)
            .and_then(|()| file.sync_data())
            .map_err(|e| {
                format!(
                    "{} was sent but cannot be recorded in {}: {e}; add the line \"{}\t{}\" \
                     by hand before running again, or it is sent twice",
                    each.file,
                    log.display(),
                    each.message_id,
                    each.file
                )
            })?;
        delivery.sent.push(each.file.to_string());
    }
    Ok(delivery)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_lists_message_ids() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("sent.log");
        assert!(already_sent(&log).unwrap().is_empty());
        std::fs::write(
            &log,
            "<a@example.org>\t2026/a.eml\n\n<b@example.org>\t2026/b.eml\n",
        )
        .unwrap();
        let ids: Vec<String> = already_sent(&log).unwrap().into_iter().collect();
        assert_eq!(ids, ["<a@example.org>", "<b@example.org>"]);
    }
}
