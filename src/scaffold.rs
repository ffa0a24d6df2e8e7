//! Text spotlight writes for people to fill in or subscribe to: a new submission with the SHINE
//! headings and a line of guidance under each, the programme's milestones as iCalendar, and the
//! CI workflow of a new programme.
//! Pure: values in, text out; the commands write it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::check::shine::{GUIDANCE, SECTIONS};
use crate::dates::When;
use crate::programme::Programme;

/// What a new submission starts with: the values of `spotlight new`'s flags, or of an issue
/// form read by `spotlight intake`. Only the first six are required; the rest are written when
/// given.
#[derive(Debug, Clone, Default)]
pub struct NewSubmission {
    pub title: String,
    pub categories: Vec<String>,
    pub authorities: Vec<String>,
    pub contact_name: String,
    pub contact_role: Option<String>,
    pub contact_email: String,
    /// Other bodies involved (free text).
    pub partners: Vec<String>,
    pub summary: Option<String>,
    /// Themes from the programme's `themes`.
    pub themes: Vec<String>,
    pub approval: Option<Approval>,
    /// When it was submitted (ISO date or date-time); with an approval the file is
    /// `status: submitted`, otherwise a draft.
    pub submitted: Option<String>,
    /// The five SHINE sections' text; `None` writes each heading with its guidance instead.
    pub sections: Option<[String; 5]>,
}

/// A director's approval as a new submission records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub name: String,
    pub role: String,
    pub local_authority: String,
    /// ISO date.
    pub date: String,
    /// The director's address, when given: e-mailed letters copy them in.
    pub email: Option<String>,
}

impl Approval {
    /// The `approval:` entry, on one line, every value quoted.
    pub fn entry(&self) -> String {
        let email = self
            .email
            .as_ref()
            .map(|e| format!(", email: {}", quoted(e)))
            .unwrap_or_default();
        format!(
            "approval: {{name: {}, role: {}, local_authority: {}, date: {}{email}}}",
            quoted(&self.name),
            quoted(&self.role),
            quoted(&self.local_authority),
            quoted(&self.date)
        )
    }
}

/// Which value of a [`NewSubmission`] a [`Problem`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Authorities,
    Categories,
    ContactName,
    ContactEmail,
}

/// A value `validate` would refuse, found before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The value is required and empty.
    Missing(Field),
    /// The value is wrong; the message says how, with a suggestion when there is one.
    Invalid(Field, String),
}

/// Checks the required values of a new submission as `validate` would: a title, London
/// authorities the register knows, categories of the programme, a contact's name and email.
/// `spotlight new` and `spotlight intake` both refuse on what this finds, each naming its own
/// flag or form field.
pub fn check(new: &NewSubmission, programme: &Programme) -> Vec<Problem> {
    use crate::london::{self, Resolution};
    let mut problems = Vec::new();
    if new.title.trim().is_empty() {
        problems.push(Problem::Missing(Field::Title));
    }
    if new.authorities.is_empty() {
        problems.push(Problem::Missing(Field::Authorities));
    }
    for name in &new.authorities {
        let message = match london::register().resolve(name) {
            Resolution::Found(_) => continue,
            Resolution::Ambiguous(names) => {
                format!("`{name}` could mean any of {}", names.join(", "))
            }
            Resolution::Unknown { suggestion } => match suggestion {
                Some(best) => format!("`{name}` is not a London authority; did you mean `{best}`?"),
                None => {
                    format!("`{name}` is not a London authority; other bodies go in `partners`")
                }
            },
        };
        problems.push(Problem::Invalid(Field::Authorities, message));
    }
    let ids = programme.category_ids();
    if new.categories.is_empty() {
        problems.push(Problem::Missing(Field::Categories));
    }
    for id in &new.categories {
        if !ids.contains(&id.as_str()) {
            let message = match crate::parse::yaml::suggest(id, &ids) {
                Some(best) => format!("`{id}` is not a category; did you mean `{best}`?"),
                None => format!("`{id}` is not a category: use one of {}", ids.join(", ")),
            };
            problems.push(Problem::Invalid(Field::Categories, message));
        }
    }
    if new.contact_name.trim().is_empty() {
        problems.push(Problem::Missing(Field::ContactName));
    }
    if new.contact_email.trim().is_empty() {
        problems.push(Problem::Missing(Field::ContactEmail));
    } else if !crate::check::is_email(&new.contact_email) {
        problems.push(Problem::Invalid(
            Field::ContactEmail,
            format!("`{}` is not an email address", new.contact_email),
        ));
    }
    problems
}

/// A YAML scalar that reads back as exactly `text`: a JSON string is valid YAML.
pub(crate) fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// A flow list of quoted scalars: `["a", "b"]`.
pub(crate) fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A new submission's file: front matter from `new` with every value quoted (so no text can
/// break or inject front matter), then the five SHINE headings, each with its text or, when
/// there is none yet, its guidance (as an HTML comment, which is not counted as words) and the
/// word limit.
pub fn submission(new: &NewSubmission, programme: &Programme) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(&new.title));
    let _ = writeln!(out, "categories: {}", list(&new.categories));
    let _ = writeln!(out, "local_authorities: {}", list(&new.authorities));
    if !new.partners.is_empty() {
        let _ = writeln!(out, "partners: {}", list(&new.partners));
    }
    if let Some(summary) = new.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        let _ = writeln!(out, "summary: {}", quoted(summary));
    }
    let role = new
        .contact_role
        .as_deref()
        .map(|r| format!(", role: {}", quoted(r)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "contact: {{name: {}{role}, email: {}}}",
        quoted(&new.contact_name),
        quoted(&new.contact_email)
    );
    out.push_str("team: []            # people the recognition letter should name: {name, role}\n");
    if new.themes.is_empty() {
        out.push_str("themes: []          # any of the programme's common themes\n");
    } else {
        let _ = writeln!(out, "themes: {}", list(&new.themes));
    }
    if let Some(approval) = &new.approval {
        let _ = writeln!(out, "{}", approval.entry());
    }
    if let Some(submitted) = &new.submitted {
        let _ = writeln!(out, "submitted: {}", quoted(submitted));
    }
    if new.approval.is_some() && new.submitted.is_some() {
        out.push_str("status: submitted\n");
    } else {
        out.push_str(
            "status: draft       # set to submitted, with `submitted:` and `approval:`, when sent\n",
        );
    }
    out.push_str("---\n");
    let limits = programme.settings().word_limits.in_order();
    for (i, ((heading, guidance), limit)) in SECTIONS.iter().zip(GUIDANCE).zip(limits).enumerate() {
        match &new.sections {
            Some(sections) => {
                let _ = write!(out, "\n## {heading}\n\n");
                out.push_str(&section_text(&sections[i]));
            }
            None => {
                let mut first = guidance.chars();
                let guidance: String = first
                    .next()
                    .map(|c| c.to_uppercase().chain(first).collect())
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "\n## {heading}\n\n<!-- {guidance}; up to {limit} words. -->\n"
                );
            }
        }
    }
    out
}

/// A section's text as written under its heading: LF line endings, no trailing spaces, and a
/// line that could make a heading kept as text (escaped), so it cannot end the section or start
/// another: one starting `#`, or a line of `-` or `=` alone (which underlines the line above
/// into a heading).
pub fn section_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::new();
    for line in text.trim_matches('\n').lines() {
        let line = line.trim_end();
        let rest = line.trim_start();
        let underline = !rest.is_empty()
            && (rest.bytes().all(|b| b == b'-' || b == b' ')
                || rest.bytes().all(|b| b == b'=' || b == b' '));
        if rest.starts_with('#') || underline {
            out.push_str(&line[..line.len() - rest.len()]);
            out.push('\\');
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The programme's milestones as an iCalendar file: the submission deadline and the review
/// deadline, as all-day events (or timed, for an exact deadline). `stamp` is the DTSTAMP, from
/// `--today`, so the same programme gives the same bytes.
pub fn calendar(programme: &Programme, stamp: NaiveDate) -> String {
    let settings = programme.settings();
    let edition = programme.edition();
    let name = &settings.name;
    let mut events = Vec::new();
    if let Some(deadline) = programme.deadline {
        events.push((
            "deadline",
            deadline.when,
            format!("{name} {edition}: submission deadline"),
            format!(
                "Submissions must be approved and submitted by {}.",
                deadline.describe()
            ),
        ));
    }
    if let Some(review) = settings
        .review_deadline
        .as_ref()
        .and_then(|r| When::parse(&r.value).ok())
    {
        events.push((
            "review-deadline",
            review,
            format!("{name} {edition}: reviews due"),
            "Panel reviews and reflections are due.".to_string(),
        ));
    }
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//spotlight//Practice Spotlight//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("{name} {edition}"))),
    ];
    for (id, when, summary, description) in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{edition}-{id}@spotlight"));
        lines.push(format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")));
        match when {
            When::Date(date) => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
                let next = date.succ_opt().unwrap_or(date);
                lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
            _ => {
                if let Ok(instant) = when.start(programme.tz) {
                    lines.push(format!("DTSTART:{}", instant.format("%Y%m%dT%H%M%SZ")));
                    lines.push(format!("DTEND:{}", instant.format("%Y%m%dT%H%M%SZ")));
                }
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&summary)));
        lines.push(format!("DESCRIPTION:{}", escape(&description)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines
        .iter()
        .map(|l| fold(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// iCalendar text escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

/// The CI workflow a new programme gets: `docs/github-workflow.yml`, downloading spotlight's
/// pinned release from `repository` (`owner/name` on GitHub) when it is known.
pub const WORKFLOW: &str = include_str!("../docs/github-workflow.yml");

/// What the workflow says where the repository of spotlight's releases goes.
pub const WORKFLOW_PLACEHOLDER: &str = "OWNER/spotlight";

pub fn workflow(repository: Option<&str>) -> String {
    match repository {
        Some(repository) => WORKFLOW.replacen(WORKFLOW_PLACEHOLDER, repository, 1),
        None => WORKFLOW.to_string(),
    }
}

/// `owner/name` of a GitHub repository from a git remote's URL (`https://github.com/o/n.git`,
/// `git@github.com:o/n.git`, `ssh://git@github.com/o/n`), or `None` for any other host.
pub fn github_repository(url: &str) -> Option<String> {
    let url = url.trim();
    let path = [
        "https://github.com/",
        "http://github.com/",
        "ssh://git@github.com/",
        "git@github.com:",
    ]
    .iter()
    .find_map(|prefix| url.strip_prefix(prefix))?;
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    is_repository(path).then(|| path.to_string())
}

/// Whether `text` is a GitHub `owner/name`.
pub fn is_repository(text: &str) -> bool {
    let Some((owner, name)) = text.split_once('/') else {
        return false;
    };
    let owner_ok = !owner.is_empty()
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !owner.starts_with('-');
    let name_ok = !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    owner_ok && name_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn section_text_cannot_make_a_heading() {
        let text = "Intro\r\n## Not a heading\n  # nor this  \nA line\n---\nAnother\n= =\n";
        let written = section_text(text);
        assert_eq!(
            written,
            "Intro\n\\## Not a heading\n  \\# nor this\nA line\n\\---\nAnother\n\\= =\n"
        );
        let body = crate::parse::markdown::parse(&written);
        assert!(body.sections.is_empty(), "{body:?}");
    }

    #[test]
    fn quoted_values_read_back_exactly() {
        for text in [
            "Hope: a \"new\" start",
            "#1 # not a comment",
            "- dash",
            "{{ x }}",
        ] {
            let yaml = format!("v: {}\n", quoted(text));
            let value: std::collections::BTreeMap<String, String> =
                crate::parse::yaml::from_str(&yaml).unwrap();
            assert_eq!(value["v"], text);
        }
    }

    #[test]
    fn github_repositories_from_remote_urls() {
        for url in [
            "https://github.com/example-org/spotlight.git",
            "https://github.com/example-org/spotlight",
            "git@github.com:example-org/spotlight.git",
            "ssh://git@github.com/example-org/spotlight/",
        ] {
            assert_eq!(
                github_repository(url).as_deref(),
                Some("example-org/spotlight"),
                "{url}"
            );
        }
        for url in [
            "",
            "/work/main",
            "https://gitlab.com/example-org/spotlight.git",
            "https://github.com/example-org",
            "https://github.com/example-org/spot light",
            "https://github.com/a/b/c",
        ] {
            assert_eq!(github_repository(url), None, "{url}");
        }
    }

    #[test]
    fn the_workflow_downloads_a_pinned_release_from_the_repository_given() {
        let written = workflow(Some("example-org/spotlight"));
        assert!(written.contains("SPOTLIGHT_REPOSITORY: example-org/spotlight "));
        assert!(!written.contains(WORKFLOW_PLACEHOLDER));
        assert!(!written.contains("cargo install"), "nothing is compiled");
        assert!(
            written.contains(&format!(
                "SPOTLIGHT_VERSION: v{}",
                env!("CARGO_PKG_VERSION")
            )),
            "the workflow pins the release of the spotlight that wrote it"
        );
        assert_eq!(workflow(None), WORKFLOW);
    }
}
