//! The sign-off rule: an approval recorded with a digest must still match the public text.

use super::File;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::signoff::digest;
use crate::source::Source;

pub fn check(submission: &Submission, file: &File, source: &Source) -> Option<Diagnostic> {
    let approval = submission.meta()?.approval.as_ref()?;
    let recorded = approval.digest.as_ref()?;
    let current = digest(submission, &source.text)?;
    if recorded.value.trim() == current {
        return None;
    }
    Some(file.at(
        Code::ChangedSinceApproval,
        file.origin.at(recorded),
        format!(
            "the text has changed since {} approved it on {}",
            approval.name.value, approval.date.value
        ),
        format!(
            "ask {} to review the changes, then run `spotlight approve {}` (it keeps the recorded approver; add `--date YYYY-MM-DD` for the day they signed)",
            approval.name.value, submission.id
        ),
    ))
}
