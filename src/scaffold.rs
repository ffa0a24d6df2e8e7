//! Text spotlight writes for people to fill in or subscribe to: a new submission with the SHINE
//! headings and a line of guidance under each, the programme's milestones as iCalendar, and the
//! CI workflow of a new programme.
//! Pure: values in, text out; the commands write it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::check::shine::{GUIDANCE, SECTIONS};
use crate::dates::When;
use crate::programme::Programme;

/// What a new submission starts with.
#[derive(Debug, Clone, Default)]
pub struct NewSubmission {
    pub title: String,
    pub categories: Vec<String>,
    pub authorities: Vec<String>,
    pub contact_name: String,
    pub contact_role: Option<String>,
    pub contact_email: String,
}

/// A YAML scalar that reads back as exactly `text`: a JSON string is valid YAML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A draft submission: front matter from `new`, the five SHINE headings each with its guidance
/// (as an HTML comment, which is not counted as words) and the word limit.
pub fn submission(new: &NewSubmission, programme: &Programme) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(&new.title));
    let _ = writeln!(out, "categories: {}", list(&new.categories));
    let _ = writeln!(out, "local_authorities: {}", list(&new.authorities));
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
    out.push_str("themes: []          # any of the programme's common themes\n");
    out.push_str(
        "status: draft       # set to submitted, with `submitted:` and `approval:`, when sent\n",
    );
    out.push_str("---\n");
    let limits = programme.settings().word_limits.in_order();
    for ((heading, guidance), limit) in SECTIONS.iter().zip(GUIDANCE).zip(limits) {
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
