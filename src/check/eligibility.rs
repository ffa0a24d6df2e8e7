//! Eligibility of a current-edition submitted entry: a London authority, an approval by a
//! director of a submitting authority dated in time, and arrival by the deadline, judged as
//! instants in the programme's time zone.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::File;
use crate::codes::Code;
use crate::dates::When;
use crate::diagnostic::Diagnostic;
use crate::london::{self, Resolution, normalise};
use crate::model::{Approval, Repository, Submission, SubmissionMeta};

pub fn check(
    repo: &Repository,
    submission: &Submission,
    file: &File,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let Some(meta) = submission.meta() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let authorities = submission.authorities();
    if authorities.is_empty() {
        out.push(file.at(
            Code::NoLondonAuthority,
            file.origin.position(&meta.local_authorities.referenced, 1),
            "the submission names no London local authority",
            "add the London borough (or the City of London) the practice belongs to; every entry is made with at least one",
        ));
    }
    match &meta.approval {
        Some(approval) => out.extend(approval_rules(repo, approval, &authorities, file, today)),
        None => out.push(file.at(
            Code::NoApproval,
            file.origin.position(&meta.status.referenced, 9),
            "the submission is submitted without a director's approval",
            "add `approval: {name, role, local_authority, date}` for the DCS, Practice Leader or Assistant Director who signed it off",
        )),
    }
    out.extend(deadline_rule(repo, meta, file));
    out
}

fn approval_rules(
    repo: &Repository,
    approval: &Approval,
    authorities: &[usize],
    file: &File,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let programme = &repo.programme;
    let mut out = Vec::new();
    let roles: Vec<&str> = programme
        .settings()
        .approver_roles
        .iter()
        .map(|r| r.value.as_str())
        .collect();
    if approver_role(&approval.role.value, &roles).is_none() {
        out.push(file.at(
            Code::ApproverRole,
            file.origin.at(&approval.role),
            format!("`{}` cannot approve a submission", approval.role.value),
            format!("the approver must be one of: {}", roles.join(", ")),
        ));
    }
    let register = london::register();
    let approver_authority = match register.resolve(&approval.local_authority.value) {
        Resolution::Found(index) => Some(index),
        _ => None,
    };
    if approver_authority.is_none_or(|index| !authorities.contains(&index)) {
        let listed: Vec<&str> = authorities
            .iter()
            .map(|&i| register.get(i).short_name.as_str())
            .collect();
        let help = if listed.is_empty() {
            "the approver must be a director of one of the submission's London authorities"
                .to_string()
        } else {
            format!(
                "the approver must be from one of the submitting authorities: {}",
                listed.join(", ")
            )
        };
        out.push(file.at(
            Code::ApproverAuthority,
            file.origin.at(&approval.local_authority),
            format!(
                "`{}` is not one of the submission's authorities",
                approval.local_authority.value
            ),
            help,
        ));
    }
    if let Ok(when) = When::parse(&approval.date.value) {
        let date = when.date_in(programme.tz);
        if let Some(deadline) = programme.deadline
            && date > deadline.last_day()
        {
            out.push(file.at(
                Code::ApprovalAfterDeadline,
                file.origin.at(&approval.date),
                format!("approved on {date}, after the deadline of {}", deadline.describe()),
                "the director must approve the entry by the deadline; correct the date if it is wrong",
            ));
        }
        if date > today {
            out.push(file.at(
                Code::ApprovalInFuture,
                file.origin.at(&approval.date),
                format!("the approval is dated {date}, which is after today ({today})"),
                "record the day the director actually signed the entry off",
            ));
        }
    }
    out
}

fn deadline_rule(repo: &Repository, meta: &SubmissionMeta, file: &File) -> Option<Diagnostic> {
    let Some(submitted) = &meta.submitted else {
        return Some(file.at(
            Code::NotSubmitted,
            file.origin.position(&meta.status.referenced, 9),
            "`status: submitted` but there is no `submitted` date",
            "add `submitted:` with the date and time the entry was sent, e.g. 2026-04-22T16:05:00+01:00",
        ));
    };
    let deadline = repo.programme.deadline?;
    let instant = When::parse(&submitted.value)
        .ok()?
        .start(repo.programme.tz)
        .ok()?;
    if deadline.is_met_by(instant) {
        return None;
    }
    Some(file.at(
        Code::Late,
        file.origin.at(submitted),
        format!(
            "submitted {}, after the deadline of {}",
            local_time(instant, repo.programme.tz),
            deadline.describe()
        ),
        "if the time is wrong, correct it with its offset; otherwise the entry is late for this edition",
    ))
}

fn local_time(instant: chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
    instant
        .with_timezone(&tz)
        .format("%A %-d %B %Y %H:%M %Z")
        .to_string()
}

/// The programme role `written` counts as, if any. Exact names match regardless of case and
/// punctuation; common spellings of the three standard roles are recognised too ("DCS",
/// "Director of Children's Social Care", "AD Children's Social Care").
pub fn approver_role<'a>(written: &str, roles: &[&'a str]) -> Option<&'a str> {
    let text = normalise(written);
    if let Some(role) = roles.iter().find(|r| normalise(r) == text) {
        return Some(role);
    }
    let words: Vec<&str> = text.split(' ').collect();
    let has = |phrase: &str| format!(" {text} ").contains(&format!(" {phrase} "));
    let standard = if has("assistant director") || words.first() == Some(&"ad") {
        "assistant director"
    } else if has("practice leader") {
        "practice leader"
    } else if has("dcs")
        || (has("director")
            && !has("deputy")
            && (text.contains("children") || text.contains("young people")))
    {
        "director of children s services"
    } else {
        return None;
    };
    roles.iter().find(|r| normalise(r) == standard).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [&str; 3] = [
        "Director of Children's Services",
        "Practice Leader",
        "Assistant Director",
    ];

    #[test]
    fn common_spellings_of_approver_roles() {
        let role = |text| approver_role(text, &ROLES);
        assert_eq!(role("Director of Children's Services"), Some(ROLES[0]));
        assert_eq!(role("director of childrens services"), Some(ROLES[0]));
        assert_eq!(role("DCS"), Some(ROLES[0]));
        assert_eq!(role("Interim DCS"), Some(ROLES[0]));
        assert_eq!(role("Director of Children's Social Care"), Some(ROLES[0]));
        assert_eq!(
            role("Corporate Director, Children and Young People"),
            Some(ROLES[0])
        );
        assert_eq!(role("AD Children's Social Care"), Some(ROLES[2]));
        assert_eq!(role("Assistant Director, Early Help"), Some(ROLES[2]));
        assert_eq!(role("Principal Practice Leader"), Some(ROLES[1]));
        assert_eq!(role("Head of Service"), None);
        assert_eq!(role("Deputy Director of Children's Services"), None);
        assert_eq!(role("Director of Finance"), None);
        assert_eq!(role("Team Manager"), None);
    }

    #[test]
    fn a_recognised_role_must_still_be_one_the_programme_allows() {
        assert_eq!(approver_role("DCS", &["Practice Leader"]), None);
    }
}
