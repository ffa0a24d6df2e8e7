//! Eligibility of a current-edition submitted entry: a London authority, an approval by a
//! director of a submitting authority dated in time, and arrival by the deadline, judged as
//! instants in the programme's time zone.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::File;
use crate::codes::Code;
use crate::dates::When;
use crate::diagnostic::Diagnostic;
use crate::london::{self, normalise};
use crate::model::{Approval, Submission, SubmissionMeta};
use crate::parse::yaml::items;
use crate::programme::{ApprovalFrom, Programme};

pub fn check(
    programme: &Programme,
    submission: &Submission,
    file: &File,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let Some(meta) = submission.meta() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let authorities = submission.authorities();
    // A blank `local_authorities:` is already reported as empty (SP0105), and one that could
    // not be read has its own finding.
    let read = |field: &str| submission.parsed.read(field);
    if authorities.is_empty() && !meta.local_authorities.value.blank && read("local_authorities") {
        out.push(file.at(
            Code::NoLondonAuthority,
            file.origin.position(&meta.local_authorities.at, 1),
            "the submission names no London local authority",
            "add the London borough (or the City of London) the practice belongs to; every entry is made with at least one",
        ));
    }
    if meta.approval.is_empty() {
        if read("approval") {
            out.push(file.at(
                Code::NoApproval,
                file.origin.position(&meta.status.at, 9),
                "the submission is submitted without a director's approval",
                "add `approval: {name, role, local_authority, date}` for the DCS, Practice Leader or Assistant Director who signed it off",
            ));
        }
    } else {
        for approval in &meta.approval {
            out.extend(approval_rules(
                programme,
                approval,
                &authorities,
                file,
                today,
            ));
        }
        out.extend(joint_rules(programme, submission, &authorities, file));
    }
    if read("submitted") {
        out.extend(deadline_rule(programme, meta, file));
    }
    out
}

fn approval_rules(
    programme: &Programme,
    approval: &Approval,
    authorities: &[usize],
    file: &File,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let roles = programme.approver_roles();
    if approver_role(&approval.role.value, &roles).is_none() {
        out.push(file.at(
            Code::ApproverRole,
            file.origin.at(&approval.role),
            format!("`{}` cannot approve a submission", approval.role.value),
            format!("the approver must be one of: {}", roles.join(", ")),
        ));
    }
    let register = london::register();
    let approver_authority = register.find(&approval.local_authority.value);
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
    out.extend(approval_date(programme, approval, file, today));
    out
}

/// A joint submission's approvals: one per authority, and (with `approval_from:
/// every-authority`) one from each London authority it names.
fn joint_rules(
    programme: &Programme,
    submission: &Submission,
    authorities: &[usize],
    file: &File,
) -> Vec<Diagnostic> {
    let Some(meta) = submission.meta() else {
        return Vec::new();
    };
    let register = london::register();
    let mut out = Vec::new();
    let mut signed: Vec<usize> = Vec::new();
    for approval in &meta.approval {
        let Some(index) = register.find(&approval.local_authority.value) else {
            continue;
        };
        if signed.contains(&index) {
            let name = &register.get(index).short_name;
            out.push(file.at(
                Code::DuplicateApproval,
                file.origin.at(&approval.local_authority),
                format!("{name} has approved this submission twice"),
                format!(
                    "keep one approval for {name}; `spotlight approve {} --authority \"{name}\" --replace` records a new one in its place",
                    submission.id
                ),
            ));
        } else {
            signed.push(index);
        }
    }
    if programme.settings().approval_from() == ApprovalFrom::EveryAuthority {
        let listed = items(&meta.local_authorities);
        for &index in authorities.iter().filter(|i| !signed.contains(i)) {
            let name = &register.get(index).short_name;
            // The caret goes under the authority as the submission lists it.
            let written = listed
                .iter()
                .find(|item| register.find(&item.value) == Some(index))
                .map_or_else(
                    || file.origin.position(&meta.local_authorities.at, 1),
                    |item| file.origin.at(item),
                );
            out.push(file.at(
                Code::MissingJointApproval,
                written,
                format!("{name} has not approved this joint submission"),
                format!(
                    "the programme asks a director of every submitting authority to sign (`approval_from: every-authority`): add {name}'s, e.g. `spotlight approve {} --name NAME --role ROLE --authority \"{name}\"`",
                    submission.id
                ),
            ));
        }
    }
    out
}

/// The approval is dated by the deadline and not after today.
fn approval_date(
    programme: &Programme,
    approval: &Approval,
    file: &File,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // An unreadable date is SP0009's finding, made by the form rules.
    let Ok(when) = When::parse(&approval.date.value) else {
        return out;
    };
    let date = when.date_in(programme.tz);
    if let Some(deadline) = programme.deadline
        && deadline.admits(&when) == Ok(false)
    {
        out.push(file.at(
            Code::ApprovalAfterDeadline,
            file.origin.at(&approval.date),
            format!(
                "approved {}, after the deadline of {}",
                approved_at(&when, programme.tz),
                deadline.describe()
            ),
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
    out
}

fn deadline_rule(programme: &Programme, meta: &SubmissionMeta, file: &File) -> Option<Diagnostic> {
    let Some(submitted) = &meta.submitted else {
        return Some(file.at(
            Code::NotSubmitted,
            file.origin.position(&meta.status.at, 9),
            "`status: submitted` but there is no `submitted` date",
            "add `submitted:` with the date and time the entry was sent, e.g. 2026-04-22T16:05:00+01:00",
        ));
    };
    let deadline = programme.deadline?;
    let instant = When::parse(&submitted.value)
        .ok()?
        .start(programme.tz)
        .ok()?;
    if deadline.is_met_by(instant) {
        return None;
    }
    Some(file.at(
        Code::Late,
        file.origin.at(submitted),
        format!(
            "submitted {}, after the deadline of {}",
            local_time(instant, programme.tz),
            deadline.describe()
        ),
        "if the time is wrong, correct it with its offset; otherwise the entry is late for this edition",
    ))
}

/// When an approval was given, as people read it: its day, or its local time when it has one.
fn approved_at(when: &When, tz: Tz) -> String {
    match (when, when.start(tz)) {
        (When::Date(date), _) => format!("on {date}"),
        (_, Ok(instant)) => local_time(instant, tz),
        (_, Err(_)) => format!("on {}", when.date_in(tz)),
    }
}

fn local_time(instant: chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
    instant
        .with_timezone(&tz)
        .format("%A %-d %B %Y %H:%M %Z")
        .to_string()
}

/// The programme role `written` counts as, if any. Exact names match regardless of case and
/// punctuation; common spellings of the three standard roles are recognised too ("DCS",
/// "Director of Children's Social Care", "AD Children's Social Care"), but never a role that
/// acts for one of them or sits below it ("PA to the DCS", "Deputy Director").
pub fn approver_role<'a>(written: &str, roles: &[&'a str]) -> Option<&'a str> {
    // Most entries copy the role exactly; only the others need normalising.
    if let Some(role) = roles.iter().find(|r| **r == written.trim()) {
        return Some(role);
    }
    let text = normalise(written);
    if let Some(role) = roles.iter().find(|r| normalise(r) == text) {
        return Some(role);
    }
    let standard = standard_role(&text)?;
    roles.iter().find(|r| normalise(r) == standard).copied()
}

/// Phrases that make a role someone's deputy, assistant or stand-in rather than the role.
const REFUSED: [&str; 6] = [
    "deputy",
    "pa",
    "to the",
    "on behalf",
    "head of",
    "assistant to",
];

/// Words that may come before a role without changing who holds it.
const PREFIXES: [&str; 5] = ["interim", "acting", "corporate", "executive", "strategic"];

/// What an "AD" is assistant director of, when the role is written that way.
const AD_AREAS: [&str; 9] = [
    "children",
    "childrens",
    "social",
    "care",
    "early",
    "help",
    "education",
    "family",
    "families",
];

/// The standard role a normalised `text` names, in normalised form.
fn standard_role(text: &str) -> Option<&'static str> {
    let has = |phrase: &str| format!(" {text} ").contains(&format!(" {phrase} "));
    if REFUSED.iter().any(|phrase| has(phrase)) {
        return None;
    }
    let words: Vec<&str> = text
        .split(' ')
        .skip_while(|w| PREFIXES.contains(w))
        .collect();
    if has("assistant director") || is_ad(&words) {
        Some("assistant director")
    } else if has("practice leader") {
        Some("practice leader")
    } else if has("dcs")
        || (has("director") && (text.contains("children") || text.contains("young people")))
    {
        Some("director of children s services")
    } else {
        None
    }
}

/// "AD Children's Social Care", "AD for Early Help": `ad` first, then the area it directs.
fn is_ad(words: &[&str]) -> bool {
    let mut rest = words
        .iter()
        .skip(1)
        .filter(|w| !matches!(**w, "of" | "for"));
    words.first() == Some(&"ad") && rest.next().is_some_and(|area| AD_AREAS.contains(area))
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
        assert_eq!(role("Interim AD, Early Help"), Some(ROLES[2]));
        assert_eq!(role("AD for Education"), Some(ROLES[2]));
        assert_eq!(
            role("Acting Director of Children's Services"),
            Some(ROLES[0])
        );
        assert_eq!(
            role("Executive Director, Children's Services"),
            Some(ROLES[0])
        );
        assert_eq!(role("Head of Service"), None);
        assert_eq!(role("Deputy Director of Children's Services"), None);
        assert_eq!(role("Director of Finance"), None);
        assert_eq!(role("Team Manager"), None);
    }

    #[test]
    fn roles_that_act_for_or_sit_below_an_approver_are_refused() {
        for refused in [
            "PA to the DCS",
            "Head of Service (on behalf of DCS)",
            "Assistant to the Director of Children's Services",
            "Deputy Assistant Director",
            "Ad-hoc Panel Chair",
            "AD",
            "Head of Children's Services",
        ] {
            assert_eq!(approver_role(refused, &ROLES), None, "{refused}");
        }
    }

    #[test]
    fn a_recognised_role_must_still_be_one_the_programme_allows() {
        assert_eq!(approver_role("DCS", &["Practice Leader"]), None);
    }
}
