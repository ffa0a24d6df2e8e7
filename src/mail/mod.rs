//! E-mail messages as files: recognition letters and review reminders as RFC 5322 drafts
//! (`.eml`) that Outlook and Thunderbird open ready to send, built with lettre's message builder,
//! and their optional delivery over SMTP ([`smtp`]). Pure but for [`smtp`]: a [`Draft`] in,
//! the message's bytes out, the same bytes for the same draft (the date, the Message-ID and every
//! MIME boundary come from the draft, never from the clock or a random number).
//!
//! User text reaches headers only through lettre's encoders, and before that every control
//! character (CR and LF above all) becomes a space, so a name or title can never start a header
//! of its own.

pub mod smtp;
pub mod text;

use chrono::{DateTime, FixedOffset};
use lettre::Message;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use sha2::{Digest, Sha256};

/// A person a message is from or to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// A file attached to a message.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    /// A MIME type such as `application/pdf`.
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Everything a message says.
#[derive(Debug, Clone)]
pub struct Draft {
    pub from: Mailbox,
    pub to: Vec<Person>,
    pub cc: Vec<Person>,
    pub subject: String,
    pub date: DateTime<FixedOffset>,
    /// The Message-ID without its angle brackets: `letter.2026.merton-hub@example.org`.
    pub message_id: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body, sent as the alternative to the text.
    pub html: Option<String>,
    pub files: Vec<File>,
}

/// `--from`'s value, `Name <address>` or a bare address, as the sender of every message.
pub fn sender(text: &str) -> Result<Mailbox, String> {
    one_line(text).parse::<Mailbox>().map_err(|e| {
        format!("`{text}` is not a sender address ({e}): write it as \"Practice Spotlight <spotlight@example.org>\"")
    })
}

/// A person as a mailbox, or why their address cannot be used.
fn mailbox(person: &Person) -> Result<Mailbox, String> {
    let email = person.email.trim();
    let address = email
        .parse()
        .map_err(|e| format!("`{email}` cannot be written as an e-mail address ({e})"))?;
    let name = one_line(&person.name);
    Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
}

/// `text` on one line: every control character a space, runs of spaces one, trimmed.
pub fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `X-Unsent: 1`: Outlook opens the file as a draft to send, not as a received message.
#[derive(Debug, Clone)]
struct Unsent;

impl Header for Unsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Unsent)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".to_string())
    }
}

/// A MIME boundary that cannot occur in the parts it separates: `=_` never appears in
/// quoted-printable or base64 text, and the hash ties it to the content, so the same message
/// always gets the same boundary.
fn boundary(kind: &str, draft: &Draft) -> String {
    let mut hash = Sha256::new();
    hash.update(draft.message_id.as_bytes());
    hash.update(draft.text.as_bytes());
    if let Some(html) = &draft.html {
        hash.update(html.as_bytes());
    }
    for file in &draft.files {
        hash.update(&file.bytes);
    }
    let hex: String = hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("=_spotlight_{kind}_{hex}")
}

/// The message as the bytes of an `.eml` file, lines ending in CRLF.
pub fn eml(draft: &Draft) -> Result<Vec<u8>, String> {
    Ok(message(draft)?.formatted())
}

/// The message as lettre holds it, for writing or sending.
pub fn message(draft: &Draft) -> Result<Message, String> {
    let mut builder = Message::builder()
        .from(draft.from.clone())
        .subject(one_line(&draft.subject))
        .date(draft.date.into())
        .message_id(Some(format!("<{}>", draft.message_id)))
        .header(Unsent);
    if draft.to.is_empty() {
        return Err("the message has no recipient".to_string());
    }
    for person in &draft.to {
        builder = builder.to(mailbox(person)?);
    }
    for person in &draft.cc {
        builder = builder.cc(mailbox(person)?);
    }
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(draft.text.clone());
    // Text alone; text and HTML as alternatives; either of them followed by the attachments.
    let alternative = draft.html.as_ref().map(|html| {
        MultiPart::alternative()
            .boundary(boundary("alt", draft))
            .singlepart(text.clone())
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .body(html.clone()),
            )
    });
    let built = match (alternative, draft.files.is_empty()) {
        (None, true) => builder.singlepart(text),
        (Some(alternative), true) => builder.multipart(alternative),
        (alternative, false) => {
            let mixed = MultiPart::mixed().boundary(boundary("mixed", draft));
            let mut mixed = match alternative {
                Some(alternative) => mixed.multipart(alternative),
                None => mixed.singlepart(text),
            };
            for file in &draft.files {
                let content_type =
                    ContentType::parse(file.content_type).unwrap_or(ContentType::TEXT_PLAIN);
                mixed = mixed.singlepart(
                    Attachment::new(file.name.clone()).body(file.bytes.clone(), content_type),
                );
            }
            builder.multipart(mixed)
        }
    };
    built.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            from: sender("Practice Spotlight <spotlight@example.org>").unwrap(),
            to: vec![Person {
                name: "Priya Shah".into(),
                email: "priya.shah@example.org".into(),
            }],
            cc: vec![],
            subject: "Recognition".into(),
            date: DateTime::parse_from_rfc3339("2026-06-01T09:00:00+01:00").unwrap(),
            message_id: "letter.2026.x@example.org".into(),
            text: "Dear Priya,\n".into(),
            html: Some("<p>Dear Priya,</p>\n".into()),
            files: vec![],
        }
    }

    #[test]
    fn the_same_draft_gives_the_same_bytes() {
        let eml = String::from_utf8(eml(&draft()).unwrap()).unwrap();
        assert_eq!(
            eml,
            String::from_utf8(super::eml(&draft()).unwrap()).unwrap()
        );
        assert!(eml.contains("X-Unsent: 1\r\n"), "{eml}");
        assert!(
            eml.contains("Date: Mon, 01 Jun 2026 08:00:00 +0000\r\n"),
            "{eml}"
        );
        assert!(
            eml.contains("Message-ID: <letter.2026.x@example.org>\r\n"),
            "{eml}"
        );
        assert!(eml.contains("multipart/alternative"), "{eml}");
    }

    #[test]
    fn a_line_break_in_a_name_or_subject_cannot_start_a_header() {
        let mut evil = draft();
        evil.subject = "Hi\r\nBcc: thief@example.org".into();
        evil.to[0].name = "Priya\nBcc: thief@example.org".into();
        let eml = String::from_utf8(eml(&evil).unwrap()).unwrap();
        assert!(
            !eml.lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{eml}"
        );
    }

    #[test]
    fn a_sender_must_be_an_address() {
        assert!(sender("spotlight@example.org").is_ok());
        assert!(sender("Practice Spotlight <spotlight@example.org>").is_ok());
        assert!(sender("not an address").is_err());
    }
}
