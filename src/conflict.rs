//! Conflicts of interest between a reviewer and a submission, shared by `validate` (which checks
//! review files) and assignment (which never makes a conflicted choice).

use crate::london::{self, normalise};
use crate::model::Submission;
use crate::programme::Reviewer;

/// Why a reviewer may not review a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The reviewer works for a submitting authority.
    OwnAuthority(String),
    /// The reviewer declared a conflict with a submitting authority or partner.
    Declared(String),
    /// The submission names the reviewer (contact, team or approver).
    Named,
}

impl Conflict {
    /// The conflict in people's terms.
    pub fn describe(&self, reviewer: &Reviewer) -> String {
        match self {
            Conflict::OwnAuthority(name) => {
                format!("{} works for {name}, a submitting authority", reviewer.name)
            }
            Conflict::Declared(name) => {
                format!("{} declared a conflict with {name}", reviewer.name)
            }
            Conflict::Named => format!("{} is named in the submission", reviewer.name),
        }
    }
}

/// The London authority a reviewer works for, when their `local_authority` resolves.
pub fn reviewer_authority(reviewer: &Reviewer) -> Option<usize> {
    london::register().find(&reviewer.local_authority.value)
}

/// A key that says whether two reviewers work for the same authority: the register index when
/// it resolves, otherwise the normalised text.
pub fn employer_key(reviewer: &Reviewer) -> String {
    match reviewer_authority(reviewer) {
        Some(index) => london::register().get(index).code.clone(),
        None => normalise(&reviewer.local_authority.value),
    }
}

/// The first conflict between `reviewer` and `submission`, if any.
pub fn find(reviewer: &Reviewer, submission: &Submission) -> Option<Conflict> {
    let register = london::register();
    let authorities = submission.authorities();
    if let Some(index) = reviewer_authority(reviewer)
        && authorities.contains(&index)
    {
        return Some(Conflict::OwnAuthority(
            register.get(index).short_name.clone(),
        ));
    }
    let partners: Vec<String> = submission.partners().iter().map(|p| normalise(p)).collect();
    for declared in &reviewer.conflicts {
        let by_authority = register
            .find(&declared.value)
            .is_some_and(|index| authorities.contains(&index));
        if by_authority || partners.contains(&normalise(&declared.value)) {
            return Some(Conflict::Declared(declared.value.clone()));
        }
    }
    let name = normalise(&reviewer.name);
    if submission
        .people()
        .iter()
        .any(|person| normalise(person) == name)
    {
        return Some(Conflict::Named);
    }
    None
}
