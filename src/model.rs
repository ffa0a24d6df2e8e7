//! The typed programme: submissions and reviews as parsed from their files, and the repository
//! that holds them with the programme settings. Every value keeps its position in its file.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::parse::yaml::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::london;
pub use crate::parse::Parsed;
use crate::parse::recover::Fields;
use crate::parse::yaml::{OneOrMany, compact_list, items, one_or_list, one_or_list_schema};
use crate::programme::Programme;
use crate::source::{Source, SourceFile};

/// A submission's front matter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionMeta {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Category ids: one or a list.
    #[schemars(with = "OneOrMany")]
    pub categories: Spanned<OneOrMany>,
    /// London authorities: names, aliases or ONS codes.
    #[schemars(with = "OneOrMany")]
    pub local_authorities: Spanned<OneOrMany>,
    /// Anyone else involved, free text.
    #[serde(default)]
    #[schemars(with = "Option<OneOrMany>")]
    pub partners: Option<Spanned<OneOrMany>>,
    /// One paragraph for the hub card, at most 80 words.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    pub contact: Contact,
    /// People the letter recognises.
    #[serde(default, deserialize_with = "compact_list")]
    #[schemars(with = "Vec<Person>")]
    pub team: Vec<Person>,
    /// One director's sign-off, or a list of them, one per authority of a joint submission.
    #[serde(default, deserialize_with = "one_or_list")]
    #[schemars(schema_with = "one_or_list_schema::<Approval>")]
    pub approval: Vec<Approval>,
    /// A date or a date-time with offset.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub submitted: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<OneOrMany>")]
    pub themes: Option<Spanned<OneOrMany>>,
    #[schemars(with = "Status")]
    pub status: Spanned<Status>,
    /// `<edition>/<slug>` of an earlier submission this one updates.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub supersedes: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "compact_list")]
    #[schemars(with = "Vec<Link>")]
    pub links: Vec<Link>,
}

/// Where a submission is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Submitted,
    Withdrawn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// The person the recognition letter is addressed to.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub role: Option<Spanned<String>>,
    #[schemars(with = "String")]
    pub email: Spanned<String>,
}

/// A team member named in the letter and on the hub.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub role: Option<Spanned<String>>,
}

/// A director's sign-off.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub role: Spanned<String>,
    #[schemars(with = "String")]
    pub local_authority: Spanned<String>,
    #[schemars(with = "String")]
    pub date: Spanned<String>,
    /// The director's address, optional: `letters --format eml` copies them in (Cc) when given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// `sha256:` digest of the public text when the director signed it off (written by
    /// `spotlight approve`); `validate` warns when the text has changed since.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub digest: Option<Spanned<String>>,
}

/// A published link.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// A review's front matter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMeta {
    /// `<edition>/<slug>` of the submission reviewed.
    #[schemars(with = "String")]
    pub submission: Spanned<String>,
    #[schemars(with = "String")]
    pub reviewer: Spanned<String>,
    #[schemars(with = "String")]
    pub category: Spanned<String>,
    #[schemars(with = "ReviewStatus")]
    pub status: Spanned<ReviewStatus>,
    /// 1 to 5; required when complete.
    #[serde(default)]
    #[schemars(with = "Option<u8>", range(min = 1, max = 5))]
    pub rating: Option<Spanned<i64>>,
    /// The panel recommends the practice for events.
    #[serde(default)]
    pub showcase: Option<bool>,
}

impl Fields for SubmissionMeta {
    const FIELDS: &'static [&'static str] = &[
        "title",
        "categories",
        "local_authorities",
        "partners",
        "summary",
        "contact",
        "team",
        "approval",
        "submitted",
        "themes",
        "status",
        "supersedes",
        "links",
    ];
    const PLACEHOLDERS: &'static [(&'static str, &'static str)] = &[
        ("title", "\"\""),
        ("categories", "[]"),
        ("local_authorities", "[]"),
        ("contact", "{name: \"\", email: \"\"}"),
        ("status", "draft"),
    ];
}

impl Fields for ReviewMeta {
    const FIELDS: &'static [&'static str] = &[
        "submission",
        "reviewer",
        "category",
        "status",
        "rating",
        "showcase",
    ];
    const PLACEHOLDERS: &'static [(&'static str, &'static str)] = &[
        ("submission", "\"\""),
        ("reviewer", "\"\""),
        ("category", "\"\""),
        ("status", "assigned"),
    ];
}

/// Whether a review is waiting for its reviewer or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    Assigned,
    Complete,
}

/// The review section quoted in recognition letters.
pub const REFLECTIONS: &str = "Reflections";

/// One submission file: `submissions/<edition>/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Submission {
    /// `<edition>/<slug>`.
    pub id: String,
    pub edition: String,
    pub slug: String,
    pub parsed: Parsed<SubmissionMeta>,
}

/// One review file: `reviews/<edition>/<slug>/<reviewer>.md`.
#[derive(Debug, Clone)]
pub struct Review {
    /// `<edition>/<slug>` of the submission, from the path.
    pub submission: String,
    /// The reviewer id, from the file name.
    pub reviewer: String,
    pub parsed: Parsed<ReviewMeta>,
}

/// One loaded file, as the per-file rules are handed it.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Submission(&'a Submission),
    Review(&'a Review),
}

/// A programme repository, loaded. It holds what was parsed from each file, not the files'
/// texts: [`Repository::read_source`] reads a file again when its text is needed.
#[derive(Debug)]
pub struct Repository {
    pub root: PathBuf,
    pub programme: Programme,
    /// categories.yaml and every submission and review file, by index.
    pub sources: Vec<SourceFile>,
    pub submissions: Vec<Submission>,
    pub reviews: Vec<Review>,
    /// How many files were looked at, including those that could not be read.
    pub files: usize,
    /// Submission index by id, and review indices by submission id: lookups run once per
    /// review and per submission, so they must not scan.
    by_id: HashMap<String, usize>,
    reviews_by_submission: HashMap<String, Vec<usize>>,
}

impl Repository {
    /// A repository of loaded files, indexed for lookups by id.
    pub fn new(
        root: PathBuf,
        programme: Programme,
        sources: Vec<SourceFile>,
        submissions: Vec<Submission>,
        reviews: Vec<Review>,
        files: usize,
    ) -> Self {
        let by_id = submissions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut reviews_by_submission: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, review) in reviews.iter().enumerate() {
            reviews_by_submission
                .entry(review.submission.clone())
                .or_default()
                .push(i);
        }
        Repository {
            root,
            programme,
            sources,
            submissions,
            reviews,
            files,
            by_id,
            reviews_by_submission,
        }
    }

    pub fn source(&self, index: usize) -> &SourceFile {
        &self.sources[index]
    }

    /// The text of file `index`, read again from disk; an error if it changed since it was
    /// loaded.
    pub fn read_source(&self, index: usize) -> anyhow::Result<Source> {
        self.sources[index].read_again(&self.root)
    }

    pub fn submission(&self, id: &str) -> Option<&Submission> {
        self.by_id.get(id).map(|&i| &self.submissions[i])
    }

    /// The texts of the files `diagnostics` are about, read again to draw each finding's line.
    /// A file that cannot be read again, or has changed, is left out: its findings are then
    /// shown with their position but without the line.
    pub fn sources_of(&self, diagnostics: &[crate::diagnostic::Diagnostic]) -> Vec<Source> {
        let wanted: std::collections::BTreeSet<&str> =
            diagnostics.iter().map(|d| d.file.as_str()).collect();
        self.sources
            .iter()
            .filter(|s| wanted.contains(s.path.as_str()))
            .filter_map(|s| s.read_again(&self.root).ok())
            .collect()
    }

    /// Reviews of a submission (by the path they sit in), in file order.
    pub fn reviews_of(&self, id: &str) -> impl Iterator<Item = &Review> {
        self.reviews_by_submission
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.reviews[i])
    }
}

impl Review {
    /// Whether the reviewer has finished: `status: complete`, a rating, and a `## Reflections`
    /// section with words in it. Only complete reviews count towards a letter.
    pub fn is_complete(&self) -> bool {
        self.parsed.meta.as_deref().is_some_and(|meta| {
            meta.status.value == ReviewStatus::Complete && meta.rating.is_some()
        }) && self.reflections().is_some_and(|s| s.words > 0)
    }

    /// The `## Reflections` section (matched regardless of case): what the panel wants the team
    /// to hear.
    pub fn reflections(&self) -> Option<&crate::parse::markdown::Section> {
        self.parsed
            .body
            .sections
            .iter()
            .find(|s| s.title.eq_ignore_ascii_case(REFLECTIONS))
    }

    /// Whether the submission, reviewer and category the review names could all be read (rules
    /// that compare reviews with each other and the programme need all three).
    pub fn names_read(&self) -> bool {
        ["submission", "reviewer", "category"]
            .iter()
            .all(|field| self.parsed.read(field))
    }

    /// The edition of the submission reviewed, from the path.
    pub fn edition(&self) -> &str {
        self.submission
            .split_once('/')
            .map_or(self.submission.as_str(), |(edition, _)| edition)
    }
}

impl Submission {
    pub fn meta(&self) -> Option<&SubmissionMeta> {
        self.parsed.meta.as_deref()
    }

    /// The status, when it could be read.
    pub fn status(&self) -> Option<Status> {
        self.meta()
            .filter(|_| self.parsed.read("status"))
            .map(|m| m.status.value)
    }

    /// The category ids entered, with positions, repeats removed.
    pub fn categories(&self) -> Vec<Spanned<String>> {
        let mut list = self
            .meta()
            .map(|m| items(&m.categories))
            .unwrap_or_default();
        dedup_by_value(&mut list);
        list
    }

    /// The London authorities that resolve, as register indices, in the order written.
    pub fn authorities(&self) -> Vec<usize> {
        let mut found = Vec::new();
        for item in self
            .meta()
            .map(|m| items(&m.local_authorities))
            .unwrap_or_default()
        {
            if let Some(index) = london::register().find(&item.value)
                && !found.contains(&index)
            {
                found.push(index);
            }
        }
        found
    }

    /// Partner names as written.
    pub fn partners(&self) -> Vec<String> {
        self.meta()
            .and_then(|m| m.partners.as_ref())
            .map(|p| items(p).into_iter().map(|s| s.value).collect())
            .unwrap_or_default()
    }

    /// Everyone the submission names: contact, team and approver.
    pub fn people(&self) -> Vec<&str> {
        let Some(meta) = self.meta() else {
            return Vec::new();
        };
        let mut people = vec![meta.contact.name.value.as_str()];
        people.extend(meta.team.iter().map(|p| p.name.value.as_str()));
        people.extend(meta.approval.iter().map(|a| a.name.value.as_str()));
        people
    }
}

fn dedup_by_value(list: &mut Vec<Spanned<String>>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|item| seen.insert(item.value.clone()));
}

/// Whether `text` is a slug: lowercase a-z and 0-9 words joined by single hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The slug nearest to `text`: lowercase, with every run of other characters as one hyphen.
pub fn slugify(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("merton-family-hub-2"));
        for bad in ["", "Merton", "a--b", "-a", "a-", "a_b", "a.b", "..", "é"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
        assert_eq!(slugify("Merton Family_Hub!"), "merton-family-hub");
    }
}
