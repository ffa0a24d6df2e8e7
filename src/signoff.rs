//! Sign-off bound to content: the digest of a submission's public text that `spotlight approve`
//! records with the director's approval, and the edit that writes that approval into the file's
//! front matter without touching anything else in it.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::model::Submission;
use crate::parse::front_matter;

/// `sha256:<hex>` of what will be reviewed and published: title, summary, team, links and the
/// body. Line endings and trailing spaces are normalised, so re-saving the file in another editor
/// does not count as a change; any change of wording does.
pub fn digest(submission: &Submission, source_text: &str) -> Option<String> {
    let meta = submission.meta()?;
    let mut text = String::new();
    let _ = writeln!(text, "title: {}", meta.title.value.trim());
    if let Some(summary) = &meta.summary {
        let _ = writeln!(text, "summary: {}", summary.value.trim());
    }
    for person in &meta.team {
        let role = person.role.as_ref().map_or("", |r| r.value.as_str());
        let _ = writeln!(text, "team: {} ({})", person.name.value.trim(), role.trim());
    }
    for link in &meta.links {
        let _ = writeln!(
            text,
            "link: {} {}",
            link.title.value.trim(),
            link.url.value.trim()
        );
    }
    let body = source_text
        .get(submission.parsed.body_offset..)
        .unwrap_or("");
    for line in body.lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    let hash = Sha256::digest(text.trim_end().as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("sha256:{hex}"))
}

/// An approval to write.
pub struct Approval<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub local_authority: &'a str,
    pub date: &'a str,
    /// The director's address, when known.
    pub email: Option<&'a str>,
    /// `None` for an approval recorded by hand, without one.
    pub digest: Option<&'a str>,
}

/// `text` with its front matter's `approval:` entry (flow or block style) replaced by
/// `approvals` (a mapping for one, a list for several), or the entry added before the closing
/// fence; every other line is kept as it was.
pub fn with_approvals(text: &str, approvals: &[Approval]) -> Option<String> {
    let split = front_matter::split(text).ok()?;
    let yaml_start = split.yaml_offset;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let block = approval_block(approvals, newline);
    let lines: Vec<&str> = split.yaml.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| l.starts_with("approval:"));
    let mut yaml = String::new();
    match start {
        Some(first) => {
            // The entry runs on while lines are indented (or blank inside it).
            let mut end = first + 1;
            while end < lines.len()
                && (lines[end].starts_with([' ', '\t']) || lines[end].trim().is_empty())
            {
                end += 1;
            }
            lines[..first].iter().for_each(|l| yaml.push_str(l));
            yaml.push_str(&block);
            lines[end..].iter().for_each(|l| yaml.push_str(l));
        }
        None => {
            yaml.push_str(split.yaml);
            if !yaml.is_empty() && !yaml.ends_with('\n') {
                yaml.push_str(newline);
            }
            yaml.push_str(&block);
        }
    }
    let yaml_end = yaml_start + split.yaml.len();
    Some(format!(
        "{}{yaml}{}",
        &text[..yaml_start],
        &text[yaml_end..]
    ))
}

/// The `approval:` entry, block style, ending in a newline.
fn approval_block(approvals: &[Approval], newline: &str) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("strings serialise");
    // Dates and digests stay plain, as people write them, when YAML reads them back unchanged.
    let plain = |s: &str| {
        let s = s.trim();
        if !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b":+-. ".contains(&b))
            && !s.contains(": ")
            && !s.ends_with(':')
        {
            s.to_string()
        } else {
            quoted(s)
        }
    };
    let mut lines = vec!["approval:".to_string()];
    let (first, rest) = if approvals.len() == 1 {
        ("  ", "  ")
    } else {
        ("  - ", "    ")
    };
    for approval in approvals {
        lines.push(format!("{first}name: {}", quoted(approval.name)));
        lines.push(format!("{rest}role: {}", quoted(approval.role)));
        lines.push(format!(
            "{rest}local_authority: {}",
            quoted(approval.local_authority)
        ));
        lines.push(format!("{rest}date: {}", plain(approval.date)));
        if let Some(email) = approval.email {
            lines.push(format!("{rest}email: {}", quoted(email)));
        }
        if let Some(digest) = approval.digest {
            lines.push(format!("{rest}digest: {}", plain(digest)));
        }
    }
    lines.join(newline) + newline
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPROVAL: Approval = Approval {
        name: "Jo Barnes",
        role: "Director of Children's Services",
        local_authority: "Merton",
        date: "2026-04-20",
        email: None,
        digest: Some("sha256:abc"),
    };

    #[test]
    fn a_block_approval_is_replaced_and_the_rest_kept() {
        let text = "---\ntitle: X\napproval:\n  name: Old\n  role: DCS\n  local_authority: Merton\n  date: 2026-01-01\nsubmitted: 2026-04-22\n---\n\n## How\n";
        let out = with_approvals(text, &[APPROVAL]).unwrap();
        assert_eq!(
            out,
            "---\ntitle: X\napproval:\n  name: \"Jo Barnes\"\n  role: \"Director of Children's Services\"\n  local_authority: \"Merton\"\n  date: 2026-04-20\n  digest: sha256:abc\nsubmitted: 2026-04-22\n---\n\n## How\n"
        );
    }

    #[test]
    fn a_flow_approval_is_replaced_and_a_missing_one_added() {
        let flow = "---\ntitle: X\napproval: {name: Old, role: DCS, local_authority: Merton, date: 2026-01-01}\nstatus: draft\n---\nbody\n";
        let out = with_approvals(flow, &[APPROVAL]).unwrap();
        assert!(out.contains("title: X\napproval:\n  name: \"Jo Barnes\""));
        assert!(out.contains("digest: sha256:abc\nstatus: draft\n---\nbody\n"));
        let none = "---\r\ntitle: X\r\n---\r\nbody\r\n";
        let out = with_approvals(none, &[APPROVAL]).unwrap();
        assert!(out.starts_with("---\r\ntitle: X\r\napproval:\r\n  name: \"Jo Barnes\"\r\n"));
        assert!(out.ends_with("digest: sha256:abc\r\n---\r\nbody\r\n"));
    }

    #[test]
    fn several_approvals_are_written_as_a_list_that_reads_back() {
        let text = "---\ntitle: X\napproval: {name: Old, role: DCS, local_authority: Merton, date: 2026-01-01}\nstatus: draft\n---\nbody\n";
        let sutton = Approval {
            name: "Sam Okafor",
            role: "DCS",
            local_authority: "Sutton",
            date: "2026-04-21 09:30:00 +01:00",
            email: Some("sam.okafor@example.org"),
            digest: None,
        };
        let out = with_approvals(text, &[APPROVAL, sutton]).unwrap();
        assert_eq!(
            out,
            "---\ntitle: X\napproval:\n  - name: \"Jo Barnes\"\n    role: \"Director of Children's Services\"\n    local_authority: \"Merton\"\n    date: 2026-04-20\n    digest: sha256:abc\n  - name: \"Sam Okafor\"\n    role: \"DCS\"\n    local_authority: \"Sutton\"\n    date: 2026-04-21 09:30:00 +01:00\n    email: \"sam.okafor@example.org\"\nstatus: draft\n---\nbody\n"
        );
        // A date that YAML would not read back as written is quoted.
        let odd = Approval {
            date: "20 April: approved",
            ..APPROVAL
        };
        let out = with_approvals(text, &[odd]).unwrap();
        assert!(out.contains("  date: \"20 April: approved\"\n"), "{out}");
    }
}
