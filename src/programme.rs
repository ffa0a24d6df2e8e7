//! `categories.yaml`: the programme's settings, its categories with their review panels, and the
//! reviewers. `from_source` is pure; the checks on its contents live in `check::programme`.

use crate::parse::yaml::Spanned;
use chrono::NaiveDate;
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::codes::Code;
use crate::dates::{Deadline, When};
use crate::diagnostic::{Diagnostic, Position};
use crate::parse::yaml::{self, Origin};
use crate::source::Source;

/// The file name that marks a programme repository's root.
pub const FILE_NAME: &str = "categories.yaml";

/// categories.yaml as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFile {
    pub programme: Settings,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
}

/// The `programme:` block.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub name: String,
    /// The current edition, a year such as "2026".
    #[schemars(with = "String")]
    pub edition: Spanned<String>,
    #[serde(default)]
    pub theme: Option<String>,
    /// An IANA time zone; deadlines are judged in it.
    #[schemars(with = "String")]
    pub timezone: Spanned<String>,
    /// A date (the end of that day) or an exact date-time.
    #[schemars(with = "String")]
    pub deadline: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub review_deadline: Option<Spanned<String>>,
    /// Reviewers needed for each category a submission enters.
    #[schemars(with = "u32")]
    pub reviewers_per_submission: Spanned<u32>,
    /// The default cap on reviews per reviewer.
    #[schemars(with = "u32")]
    pub max_reviews_per_reviewer: Spanned<u32>,
    pub word_limits: WordLimits,
    #[schemars(with = "Vec<String>")]
    pub approver_roles: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub themes: Vec<Spanned<String>>,
    /// Whose approval a joint submission needs: `any-authority` (the default: a director of
    /// one submitting authority) or `every-authority` (one of each London authority named).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub approval_from: Option<Spanned<String>>,
}

/// Whose approval a joint submission needs (`approval_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalFrom {
    AnyAuthority,
    EveryAuthority,
}

impl ApprovalFrom {
    /// The setting as written; `None` for a value that is neither.
    pub fn parse(text: &str) -> Option<ApprovalFrom> {
        match text.trim() {
            "any-authority" => Some(ApprovalFrom::AnyAuthority),
            "every-authority" => Some(ApprovalFrom::EveryAuthority),
            _ => None,
        }
    }
}

impl Settings {
    /// `approval_from`, the default when it is not set (or not readable: SP0704 says so).
    pub fn approval_from(&self) -> ApprovalFrom {
        self.approval_from
            .as_ref()
            .and_then(|s| ApprovalFrom::parse(&s.value))
            .unwrap_or(ApprovalFrom::AnyAuthority)
    }
}

/// Word limits for the five SHINE sections.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordLimits {
    pub setting_the_scene: u32,
    pub how: u32,
    pub impact: u32,
    pub next_steps: u32,
    pub evolve: u32,
}

impl WordLimits {
    /// The limits in SHINE order.
    pub fn in_order(&self) -> [u32; 5] {
        [
            self.setting_the_scene,
            self.how,
            self.impact,
            self.next_steps,
            self.evolve,
        ]
    }
}

/// One of the programme's categories.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Kebab-case and stable: submissions name categories by it.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "u32")]
    pub number: Spanned<u32>,
    pub title: String,
    /// The regional network that sponsors the category and supplies its panel.
    pub sponsor: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Reviewer ids.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub panel: Vec<Spanned<String>>,
}

/// A peer reviewer.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    #[schemars(with = "String")]
    pub email: Spanned<String>,
    /// Their employer; reviewing its submissions is a conflict.
    #[schemars(with = "String")]
    pub local_authority: Spanned<String>,
    #[serde(default)]
    pub github: Option<String>,
    /// Their own cap, instead of the programme's default.
    #[serde(default)]
    pub max_reviews: Option<u32>,
    /// Authorities or partners they declared a conflict with.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub conflicts: Vec<Spanned<String>>,
}

/// A programme ready to judge submissions against: the file plus the settings it implies.
#[derive(Debug, Clone)]
pub struct Programme {
    pub file: ProgrammeFile,
    pub tz: Tz,
    /// `None` when the deadline or the time zone in the file is invalid (reported by the
    /// programme checks): then no entry can be judged in time.
    pub deadline: Option<Deadline>,
    pub review_deadline: Option<NaiveDate>,
}

impl Programme {
    /// Parses categories.yaml. A file that is not valid YAML or lacks required settings is an
    /// error: nothing else can be checked without it.
    pub fn from_source(source: &Source) -> Result<Programme, Diagnostic> {
        let origin = Origin {
            file: &source.path,
            first_line: 1,
        };
        if is_blank(&source.text) {
            return Err(empty(source));
        }
        let file: ProgrammeFile =
            yaml::from_str(&source.text).map_err(|e| origin.diagnostic(&source.text, &e))?;
        let zone: Option<Tz> = file.programme.timezone.value.parse().ok();
        let tz = zone.unwrap_or(Tz::Europe__London);
        // In an unknown zone no moment can be judged against the deadline, so there is none.
        let deadline = zone.and_then(|tz| {
            let when = When::parse(&file.programme.deadline.value).ok()?;
            Deadline::new(when, tz).ok()
        });
        let review_deadline = file
            .programme
            .review_deadline
            .as_ref()
            .and_then(|d| When::parse(&d.value).ok())
            .map(|when| when.date_in(tz));
        Ok(Programme {
            file,
            tz,
            deadline,
            review_deadline,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.file.programme
    }

    /// The current edition, e.g. "2026".
    pub fn edition(&self) -> &str {
        &self.file.programme.edition.value
    }

    pub fn categories(&self) -> &[Category] {
        &self.file.categories
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.file.categories.iter().find(|c| c.id.value == id)
    }

    /// The roles that may approve a submission, as categories.yaml writes them.
    pub fn approver_roles(&self) -> Vec<&str> {
        self.file
            .programme
            .approver_roles
            .iter()
            .map(|r| r.value.as_str())
            .collect()
    }

    pub fn reviewers(&self) -> &[Reviewer] {
        &self.file.reviewers
    }

    pub fn reviewer(&self, id: &str) -> Option<&Reviewer> {
        self.file.reviewers.iter().find(|r| r.id.value == id)
    }

    /// The most reviews `reviewer` may be given.
    pub fn cap(&self, reviewer: &Reviewer) -> u32 {
        reviewer
            .max_reviews
            .unwrap_or(self.file.programme.max_reviews_per_reviewer.value)
    }

    pub fn reviewers_per_submission(&self) -> u32 {
        self.file.programme.reviewers_per_submission.value
    }

    pub fn category_ids(&self) -> Vec<&str> {
        self.file
            .categories
            .iter()
            .map(|c| c.id.value.as_str())
            .collect()
    }

    pub fn themes(&self) -> Vec<&str> {
        self.file
            .programme
            .themes
            .iter()
            .map(|t| t.value.as_str())
            .collect()
    }
}

/// Whether a YAML text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#'))
}

fn empty(source: &Source) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        &source.path,
        Position::START,
        format!("{FILE_NAME} is empty"),
        "add the `programme:` settings, the `categories:` list and the `reviewers:` list; docs/guide/files.md shows a complete example",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "programme:
  name: Practice Spotlight
  edition: 2026
  timezone: Europe/London
  deadline: 2026-04-24
  reviewers_per_submission: 2
  max_reviews_per_reviewer: 6
  word_limits: {setting_the_scene: 400, how: 600, impact: 600, next_steps: 300, evolve: 300}
  approver_roles: [Director of Children's Services]
categories:
  - {id: health, number: 7, title: Delivering together with health services, sponsor: Practice Leaders, panel: [ada-mensah]}
reviewers:
  - {id: ada-mensah, name: Ada Mensah, email: ada.mensah@example.org, local_authority: Lambeth, max_reviews: 4}
";

    #[test]
    fn a_minimal_programme_parses_with_an_unquoted_edition() {
        let programme = Programme::from_source(&Source::new("categories.yaml", MINIMAL)).unwrap();
        assert_eq!(programme.edition(), "2026");
        assert!(programme.deadline.is_some());
        let reviewer = programme.reviewer("ada-mensah").unwrap();
        assert_eq!(programme.cap(reviewer), 4);
        assert_eq!(programme.category_ids(), ["health"]);
    }

    #[test]
    fn an_empty_programme_file_says_it_is_empty_and_what_it_needs() {
        for text in ["", "\n  \n", "# nothing yet\n"] {
            let error = Programme::from_source(&Source::new(FILE_NAME, text)).unwrap_err();
            assert_eq!(error.code, Code::MissingField);
            assert_eq!(error.message, "categories.yaml is empty");
            assert!(error.help.contains("`programme:`"), "{}", error.help);
        }
    }

    #[test]
    fn an_unknown_time_zone_leaves_no_deadline_to_judge_by() {
        let text = MINIMAL.replace("Europe/London", "Europe/Londres");
        let programme = Programme::from_source(&Source::new(FILE_NAME, text)).unwrap();
        assert!(programme.deadline.is_none());
        let text = MINIMAL.replace("2026-04-24", "2026-04-31");
        let programme = Programme::from_source(&Source::new(FILE_NAME, text)).unwrap();
        assert!(programme.deadline.is_none());
    }

    #[test]
    fn an_unknown_setting_is_an_error_at_its_line() {
        let text = MINIMAL.replace("  timezone:", "  timezon: x\n  timezone:");
        let error = Programme::from_source(&Source::new("categories.yaml", text)).unwrap_err();
        assert_eq!(error.code, crate::codes::Code::UnknownField);
        assert_eq!(error.line, 4);
        assert_eq!(error.help, "did you mean `timezone`?");
    }
}
