//! The sign-off rule: an approval recorded with a digest must still match the public text.

use super::File;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Approval, Submission};
use crate::parse::yaml::Spanned;
use crate::signoff::digest;
use crate::source::Source;

/// One finding for each approval whose recorded digest no longer matches the text.
pub fn check(submission: &Submission, file: &File, source: &Source) -> Vec<Diagnostic> {
    let Some(meta) = submission.meta() else {
        return Vec::new();
    };
    let mut current = None;
    let mut out = Vec::new();
    for approval in &meta.approval {
        let Some(recorded) = &approval.digest else {
            continue;
        };
        let Some(current) = current.get_or_insert_with(|| digest(submission, &source.text)) else {
            return out;
        };
        if recorded.value.trim() != current.as_str() {
            let joint = meta.approval.len() > 1;
            out.push(changed(submission, file, approval, recorded, joint));
        }
    }
    out
}

fn changed(
    submission: &Submission,
    file: &File,
    approval: &Approval,
    recorded: &Spanned<String>,
    joint: bool,
) -> Diagnostic {
    // With several approvals, the command names whose to renew.
    let whose = if joint {
        format!(" --authority \"{}\"", approval.local_authority.value.trim())
    } else {
        String::new()
    };
    file.at(
        Code::ChangedSinceApproval,
        file.origin.at(recorded),
        format!(
            "the text has changed since {} approved it on {}",
            approval.name.value, approval.date.value
        ),
        format!(
            "ask {} to review the changes, then run `spotlight approve {}{whose}` (it keeps the recorded approver; add `--date YYYY-MM-DD` for the day they signed)",
            approval.name.value, submission.id
        ),
    )
}
