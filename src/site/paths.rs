//! Where each page of the hub goes, relative to the site root.

use super::PublicSubmission;
use crate::london;
use crate::model::slugify;

/// The address of a submission's page, relative to the site root.
pub(super) fn submission_path(s: &PublicSubmission) -> String {
    format!("practice/{}/{}.html", slugify(s.edition), s.slug)
}

pub(super) fn moved_path(id: &str) -> String {
    let (edition, slug) = id.split_once('/').unwrap_or(("", id));
    format!("practice/{}/{}.html", slugify(edition), slugify(slug))
}

pub(super) fn authority_path(index: usize) -> String {
    let authority = london::register().get(index);
    format!("authorities/{}.html", slugify(&authority.short_name))
}

pub(super) fn category_path(id: &str) -> String {
    format!("categories/{}.html", slugify(id))
}

pub(super) fn theme_path(slug: &str) -> String {
    format!("themes/{slug}.html")
}

pub(super) fn edition_path(edition: &str) -> String {
    format!("editions/{}.html", slugify(edition))
}

/// Where a file beside a submission goes: beside its page, at the same relative place, so the
/// address written in the Markdown works on the hub unchanged.
pub(super) fn attachment_path(edition: &str, relative: &str) -> String {
    format!("practice/{}/{relative}", slugify(edition))
}
