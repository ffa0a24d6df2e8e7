//! Submissions taken through a GitHub issue form. [`FIELDS`] is the one table of the form's
//! fields: [`form`] writes the issue form from it (with the programme's categories, themes and
//! approver roles and the London register as the choices), and [`read`] matches the headings of
//! an issue's body to it, so the two cannot drift. Pure: text and the programme in; a
//! [`NewSubmission`] (rendered and checked by `scaffold`, as `spotlight new` does) or an error
//! for each field that cannot be read.

use chrono::NaiveDate;

use crate::check::shine::SECTIONS;
use crate::check::{SUMMARY_WORDS, approver_role};
use crate::dates::{DateError, DateOrder, FormDateError, When, parse_form_date};
use crate::import::category_id;
use crate::london::{self, Resolution};
use crate::model::{is_slug, slugify};
use crate::parse::markdown::{parse as parse_body, word_count};
use crate::programme::Programme;
use crate::scaffold::{self, Approval, Field, NewSubmission, Problem};

pub mod form;

pub use form::form;

/// What kind of form element a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Input,
    /// Several lines of text.
    Textarea,
    /// A choice from a list; `multiple` allows several, which GitHub writes as `A, B`.
    Dropdown { multiple: bool },
    /// Ticks, written `- [X] option` or `- [ ] option`.
    Checkboxes,
}

/// One field of the submission form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    /// The form element's `id`, spotlight's name for the value (as `import`'s columns).
    pub id: &'static str,
    /// The question as the form shows it; the body has it as a `### ` heading.
    pub label: &'static str,
    pub kind: Kind,
    /// Whether GitHub requires an answer (the SHINE sections, title, authorities, categories
    /// and contact).
    pub required: bool,
}

const fn field(id: &'static str, label: &'static str, kind: Kind, required: bool) -> FormField {
    FormField {
        id,
        label,
        kind,
        required,
    }
}

/// The fields of the submission form, in the order it shows them. The SHINE sections' labels
/// are their headings.
pub const FIELDS: &[FormField] = &[
    field("title", "Title of the practice", Kind::Input, true),
    field(
        "categories",
        "Categories",
        Kind::Dropdown { multiple: true },
        true,
    ),
    field(
        "local_authorities",
        "London local authorities",
        Kind::Dropdown { multiple: true },
        true,
    ),
    field("partners", "Partners", Kind::Textarea, false),
    field("summary", "Summary", Kind::Textarea, false),
    field("themes", "Themes", Kind::Checkboxes, false),
    field("contact_name", "Contact's name", Kind::Input, true),
    field("contact_role", "Contact's role", Kind::Input, false),
    field("contact_email", "Contact's email", Kind::Input, true),
    field("approver_name", "Approver's name", Kind::Input, false),
    field(
        "approver_role",
        "Approver's role",
        Kind::Dropdown { multiple: false },
        false,
    ),
    field(
        "approver_authority",
        "Approver's authority",
        Kind::Dropdown { multiple: false },
        false,
    ),
    field("approval_date", "Approval date", Kind::Input, false),
    field("approver_email", "Approver's email", Kind::Input, false),
    field("setting_the_scene", SECTIONS[0], Kind::Textarea, true),
    field("how", SECTIONS[1], Kind::Textarea, true),
    field("impact", SECTIONS[2], Kind::Textarea, true),
    field("next_steps", SECTIONS[3], Kind::Textarea, true),
    field("evolve", SECTIONS[4], Kind::Textarea, true),
];

/// The field with `id`. Every id used in this module is in [`FIELDS`] (a unit test holds it).
pub fn by_id(id: &str) -> &'static FormField {
    FIELDS
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form field `{id}`"))
}

/// What GitHub writes for a question left empty.
pub const NO_RESPONSE: &str = "_No response_";

/// The label prefixing the title of every submission issue.
pub const TITLE_PREFIX: &str = "[Submission]: ";

/// The label the form puts on its issues, which the workflow looks for.
pub const LABEL: &str = "submission";

/// The choices of the categories dropdown: `number. title`, in the programme's order.
pub fn category_options(programme: &Programme) -> Vec<String> {
    programme
        .categories()
        .iter()
        .map(|c| format!("{}. {}", c.number.value, c.title))
        .collect()
}

/// The choices of the authority dropdowns: the 33 authorities by the name people use, in
/// alphabetical order.
pub fn authority_options() -> Vec<String> {
    let mut names: Vec<String> = london::register()
        .authorities()
        .iter()
        .map(|a| a.short_name.clone())
        .collect();
    names.sort();
    names
}

/// A field of the body that cannot be read: which, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's label as the form shows it, or `None` for the body as a whole.
    pub label: Option<&'static str>,
    pub message: String,
    pub help: String,
}

impl FieldError {
    fn at(field: &FormField, message: impl Into<String>, help: impl Into<String>) -> FieldError {
        FieldError {
            label: Some(field.label),
            message: message.into(),
            help: help.into(),
        }
    }
}

/// An issue's body read: the submission to write and its file name.
#[derive(Debug, Clone)]
pub struct Intake {
    pub new: NewSubmission,
    pub slug: String,
}

/// The answers of a body, by field, as GitHub renders an issue form: each label a `### `
/// heading, its answer below. A heading that is no field's label is part of the answer above.
fn answers(body: &str) -> Result<Vec<Option<String>>, Vec<FieldError>> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut answers: Vec<Option<Vec<&str>>> = vec![None; FIELDS.len()];
    let mut current: Option<usize> = None;
    let mut errors = Vec::new();
    for line in body.lines() {
        let heading = line
            .strip_prefix("### ")
            .map(str::trim)
            .and_then(|label| FIELDS.iter().position(|f| f.label == label));
        match heading {
            Some(index) => {
                if answers[index].is_some() {
                    errors.push(FieldError::at(
                        &FIELDS[index],
                        "the body has this heading twice",
                        format!(
                            "keep one `### {}` heading with its answer",
                            FIELDS[index].label
                        ),
                    ));
                }
                answers[index] = Some(Vec::new());
                current = Some(index);
            }
            None => {
                if let Some(index) = current
                    && let Some(lines) = answers[index].as_mut()
                {
                    lines.push(line.trim_end());
                }
            }
        }
    }
    if answers.iter().all(Option::is_none) {
        return Err(vec![FieldError {
            label: None,
            message: "the body has none of the submission form's headings".into(),
            help: format!(
                "submit the practice with the repository's submission form, whose answers start with headings such as `### {}`",
                FIELDS[0].label
            ),
        }]);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(answers
        .into_iter()
        .map(|lines| {
            lines.map(|lines| {
                let text = lines.join("\n");
                let text = text.trim_matches(|c: char| c == '\n' || c.is_whitespace());
                if text == NO_RESPONSE {
                    String::new()
                } else {
                    text.to_string()
                }
            })
        })
        .collect())
}

/// Splits a multi-select dropdown's answer (`A, B`) into its items, taking the longest known
/// option at each place first, so an option that holds `, ` stays whole.
fn split_choices(text: &str, options: &[String]) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let known = options
            .iter()
            .filter(|o| {
                rest.starts_with(o.as_str()) && {
                    let after = rest[o.len()..].trim_start();
                    after.is_empty() || after.starts_with(',')
                }
            })
            .max_by_key(|o| o.len());
        let (item, after) = match known {
            Some(option) => (option.as_str(), &rest[option.len()..]),
            None => match rest.find(',') {
                Some(comma) => (&rest[..comma], &rest[comma..]),
                None => (rest, ""),
            },
        };
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_string());
        }
        rest = after.trim_start().trim_start_matches(',').trim_start();
    }
    items
}

/// A free-text list: one item a line (a leading `- ` or `* ` bullet dropped), or separated by
/// `;`.
fn split_lines(text: &str) -> Vec<String> {
    text.split(['\n', ';'])
        .map(|item| {
            let item = item.trim();
            item.strip_prefix("- ")
                .or_else(|| item.strip_prefix("* "))
                .unwrap_or(item)
                .trim()
                .to_string()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

/// The ticked options of a checkboxes answer; a line that is no checkbox is taken as an
/// option typed by name.
fn ticked(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let unbulleted = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .map(str::trim_start);
        match unbulleted {
            Some(rest) if rest.starts_with("[ ]") => {}
            Some(rest) if rest.starts_with("[x]") || rest.starts_with("[X]") => {
                items.push(rest[3..].trim().to_string())
            }
            Some(rest) => items.push(rest.trim().to_string()),
            None => items.push(line.to_string()),
        }
    }
    items.retain(|i| !i.is_empty());
    items
}

/// Reads an issue's body into a submission. `submitted` is when the issue was opened (ISO
/// date or date-time) and `today` the date an approval may not be after. Every field that
/// cannot be read is reported, each once; nothing is returned unless the whole body reads and
/// the submission would pass `spotlight new`'s checks.
pub fn read(
    body: &str,
    programme: &Programme,
    today: NaiveDate,
    submitted: Option<&str>,
) -> Result<Intake, Vec<FieldError>> {
    let answers = answers(body)?;
    let mut errors = Vec::new();
    for (field, answer) in FIELDS.iter().zip(&answers) {
        let empty = answer.as_deref().is_none_or(str::is_empty);
        if field.required && empty {
            let message = if answer.is_none() {
                "the body has no answer to this question (its heading is missing)"
            } else {
                "this question is required and has no answer"
            };
            errors.push(FieldError::at(
                field,
                message,
                format!(
                    "edit the issue and answer `{}`{}",
                    field.label,
                    limit_hint(field, programme)
                ),
            ));
        }
    }
    let answer = |id: &str| -> &str {
        let index = FIELDS
            .iter()
            .position(|f| f.id == id)
            .unwrap_or_else(|| panic!("no form field `{id}`"));
        answers[index].as_deref().unwrap_or("")
    };
    let optional = |id: &str| Some(answer(id).to_string()).filter(|s| !s.is_empty());

    let title = answer("title").lines().collect::<Vec<_>>().join(" ");
    let category_options = category_options(programme);
    let mut categories = Vec::new();
    for item in split_choices(answer("categories"), &category_options) {
        match category_id(&item, programme) {
            Some(id) if !categories.contains(&id) => categories.push(id),
            Some(_) => {}
            None => errors.push(FieldError::at(
                by_id("categories"),
                format!("`{item}` is not one of this programme's categories"),
                format!("choose from: {}", category_options.join("; ")),
            )),
        }
    }
    let mut authorities = Vec::new();
    for item in split_choices(answer("local_authorities"), &authority_options()) {
        match authority(&item) {
            Ok(name) if !authorities.contains(&name) => authorities.push(name),
            Ok(_) => {}
            Err((message, help)) => {
                errors.push(FieldError::at(by_id("local_authorities"), message, help))
            }
        }
    }
    let themes_known = programme.themes();
    let mut themes = Vec::new();
    for item in ticked(answer("themes")) {
        match themes_known
            .iter()
            .find(|t| t.eq_ignore_ascii_case(item.trim()))
        {
            Some(theme) => themes.push(theme.to_string()),
            None => errors.push(FieldError::at(
                by_id("themes"),
                format!("`{item}` is not one of this programme's themes"),
                format!("tick any of: {}", themes_known.join(", ")),
            )),
        }
    }
    let mut approval = approval(
        [
            answer("approver_name"),
            answer("approver_role"),
            answer("approver_authority"),
            answer("approval_date"),
        ],
        &authorities,
        programme,
        today,
        &mut errors,
    );
    // The director's address is optional; e-mailed letters copy them in when it is given.
    let email = answer("approver_email").trim();
    if !email.is_empty() {
        let field = by_id("approver_email");
        if !crate::check::is_email(email) {
            errors.push(FieldError::at(
                field,
                format!("`{email}` is not an email address"),
                "give an address such as name@example.org, or leave it empty",
            ));
        } else if answer("approver_name").is_empty() {
            errors.push(FieldError::at(
                field,
                "an approver's email is given without the approval",
                "answer the approval questions too, or leave the email empty to send a draft",
            ));
        } else if let Some(approval) = &mut approval {
            approval.email = Some(email.to_string());
        }
    }
    let sections = ["setting_the_scene", "how", "impact", "next_steps", "evolve"]
        .map(|id| answer(id).to_string());
    // GitHub cannot hold a textarea to a word limit: say here what `validate` would.
    let limits = programme.settings().word_limits.in_order();
    for (i, text) in sections.iter().enumerate() {
        // Counted as `validate` counts the section once written: markup is not words.
        let words = parse_body(&scaffold::section_text(text)).preamble_words;
        if words > limits[i] as usize {
            errors.push(FieldError::at(
                &FIELDS[FIELDS.len() - 5 + i],
                format!("{words} words, over the limit of {}", limits[i]),
                format!(
                    "edit the issue and shorten `{}` by {} words",
                    SECTIONS[i],
                    words - limits[i] as usize
                ),
            ));
        }
    }
    let summary_words = word_count(answer("summary"));
    if summary_words > SUMMARY_WORDS {
        errors.push(FieldError::at(
            by_id("summary"),
            format!("{summary_words} words, over the limit of {SUMMARY_WORDS}"),
            "shorten it to one paragraph for the hub's card",
        ));
    }
    let new = NewSubmission {
        title,
        categories,
        authorities,
        contact_name: answer("contact_name").to_string(),
        contact_role: optional("contact_role"),
        contact_email: answer("contact_email").to_string(),
        partners: split_lines(answer("partners")),
        summary: optional("summary").map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        themes,
        approval,
        submitted: submitted.map(str::to_string),
        sections: Some(sections),
    };
    // What `spotlight new` refuses, by the same check; a value already reported (such as an
    // empty required answer, or an authority that did not resolve) is not reported twice.
    for problem in scaffold::check(&new, programme) {
        let (field, message) = match problem {
            Problem::Missing(_) => continue,
            Problem::Invalid(field, message) => (field, message),
        };
        let id = match field {
            Field::Title => "title",
            Field::Authorities => "local_authorities",
            Field::Categories => "categories",
            Field::ContactName => "contact_name",
            Field::ContactEmail => "contact_email",
        };
        let help = match field {
            Field::ContactEmail => "give an address such as name@example.org",
            _ => "correct the answer",
        };
        errors.push(FieldError::at(by_id(id), message, help));
    }
    let slug = slug(&new);
    if !new.title.trim().is_empty() && !new.authorities.is_empty() && !is_slug(&slug) {
        errors.push(FieldError::at(
            by_id("title"),
            format!("no file name can be made from the title (`{slug}`)"),
            "use letters or digits in the title",
        ));
    }
    if errors.is_empty() {
        Ok(Intake { new, slug })
    } else {
        // In the form's order, so a submitter reads them top to bottom.
        errors.sort_by_key(|e| {
            e.label
                .and_then(|l| FIELDS.iter().position(|f| f.label == l))
        });
        Err(errors)
    }
}

/// ` (up to N words)` for a SHINE section.
fn limit_hint(field: &FormField, programme: &Programme) -> String {
    SECTIONS
        .iter()
        .position(|s| *s == field.label)
        .map(|i| {
            let limit = programme.settings().word_limits.in_order()[i];
            format!(" (up to {limit} words)")
        })
        .unwrap_or_default()
}

/// The file name of a submission taken from a form: its first authority and its title, as
/// `spotlight new` makes a slug (the authority left out when the title starts with it).
pub fn slug(new: &NewSubmission) -> String {
    let title = slugify(&new.title);
    match new.authorities.first().map(|a| slugify(a)) {
        Some(authority) if !authority.is_empty() && !title.starts_with(&authority) => {
            if title.is_empty() {
                authority
            } else {
                format!("{authority}-{title}")
            }
        }
        _ => title,
    }
}

/// The name the register reports `item` by, or what is wrong and how to fix it.
fn authority(item: &str) -> Result<String, (String, String)> {
    match london::register().resolve(item) {
        Resolution::Found(i) => Ok(london::register().get(i).short_name.clone()),
        Resolution::Ambiguous(names) => Err((
            format!("`{item}` could mean any of {}", names.join(", ")),
            "choose the authority by its name from the list".into(),
        )),
        Resolution::Unknown { suggestion } => Err((
            match suggestion {
                Some(best) => format!("`{item}` is not a London authority; did you mean `{best}`?"),
                None => format!("`{item}` is not a London authority"),
            },
            format!(
                "choose London authorities from the list; a body outside London goes in `{}`",
                by_id("partners").label
            ),
        )),
    }
}

/// The approval, when any of its four answers is given; all four are then needed.
fn approval(
    [name, role, authority_answer, date]: [&str; 4],
    authorities: &[String],
    programme: &Programme,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<Approval> {
    let given = [name, role, authority_answer, date];
    if given.iter().all(|a| a.is_empty()) {
        return None;
    }
    let ids = [
        "approver_name",
        "approver_role",
        "approver_authority",
        "approval_date",
    ];
    let before = errors.len();
    for (answer, id) in given.iter().zip(ids) {
        if answer.is_empty() {
            errors.push(FieldError::at(
                by_id(id),
                "the approval is incomplete: this answer is missing",
                "give the director's name, role, authority and the date they approved the entry, or leave all four empty to send a draft",
            ));
        }
    }
    let roles = programme.approver_roles();
    // Read as validate reads it: `DCS` is the Director of Children's Services.
    let role = match approver_role(role, &roles) {
        Some(known) => known.to_string(),
        None => {
            if !role.is_empty() {
                errors.push(FieldError::at(
                    by_id("approver_role"),
                    format!("`{role}` cannot approve an entry"),
                    format!("choose one of: {}", roles.join(", ")),
                ));
            }
            String::new()
        }
    };
    let mut local_authority = String::new();
    if !authority_answer.is_empty() {
        match authority(authority_answer) {
            Ok(found) if authorities.contains(&found) => local_authority = found,
            Ok(found) => errors.push(FieldError::at(
                by_id("approver_authority"),
                format!("{found} is not one of the submission's London local authorities"),
                format!(
                    "the director must be from an authority named in `{}`: add it there, or correct the approver's authority",
                    by_id("local_authorities").label
                ),
            )),
            Err((message, help)) => {
                errors.push(FieldError::at(by_id("approver_authority"), message, help))
            }
        }
    }
    let mut iso = String::new();
    if !date.is_empty() {
        match approval_date(date, programme, today) {
            Ok(read) => iso = read,
            Err((message, help)) => {
                errors.push(FieldError::at(by_id("approval_date"), message, help))
            }
        }
    }
    (errors.len() == before).then(|| Approval {
        name: name.to_string(),
        role,
        local_authority,
        date: iso,
        email: None,
    })
}

/// The approval date as ISO, read as `spotlight import` reads form dates (day first), or why
/// it cannot be used: unreadable, after today or after the deadline.
fn approval_date(
    text: &str,
    programme: &Programme,
    today: NaiveDate,
) -> Result<String, (String, String)> {
    let help = "write the day the director approved the entry as YYYY-MM-DD, e.g. 2026-04-20";
    let when = match parse_form_date(text, DateOrder::DayMonthYear) {
        Ok(read) => read.when,
        Err(FormDateError::Unreadable) | Err(FormDateError::OtherOrder(_)) => {
            return Err((format!("`{text}` is not a date"), help.into()));
        }
        Err(FormDateError::NoSuchDay) => {
            return Err((
                format!("`{text}` is not a day in the calendar"),
                help.into(),
            ));
        }
    };
    let date = when.date_in(programme.tz);
    if date > today {
        return Err((
            format!("{date} is after today ({today})"),
            "give the day the director actually approved the entry".into(),
        ));
    }
    if let Some(deadline) = programme.deadline
        && deadline.admits(&when) == Ok(false)
    {
        return Err((
            format!("{date} is after the deadline of {}", deadline.describe()),
            "the director must approve the entry by the deadline; correct the date if it is wrong"
                .into(),
        ));
    }
    Ok(When::Date(date).to_iso())
}

/// Checks `--submitted` (when the issue was opened): a date or date-time spotlight reads, by
/// the deadline. The error says what is wrong.
pub fn check_submitted(text: &str, programme: &Programme) -> Result<String, String> {
    let when = When::parse(text)
        .map_err(|_| format!("`{text}` is not a date or date-time such as 2026-04-22T15:05:00Z"))?;
    if let Some(deadline) = programme.deadline {
        match deadline.admits(&when) {
            Ok(true) => {}
            Ok(false) => {
                return Err(format!(
                    "it was submitted {text}, after the deadline of {}",
                    deadline.describe()
                ));
            }
            Err(DateError::Nonexistent | DateError::Ambiguous(..) | DateError::Unreadable) => {
                return Err(format!(
                    "`{text}` is not one moment in the programme's time zone: give its offset"
                ));
            }
        }
    }
    Ok(when.to_iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_and_labels_are_unique_and_non_empty() {
        for (i, field) in FIELDS.iter().enumerate() {
            assert!(!field.label.trim().is_empty() && !field.id.is_empty());
            assert!(
                field
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            );
            for other in &FIELDS[i + 1..] {
                assert_ne!(field.id, other.id);
                assert_ne!(field.label, other.label);
            }
        }
        for id in [
            "title",
            "categories",
            "local_authorities",
            "partners",
            "summary",
            "themes",
            "contact_name",
            "contact_role",
            "contact_email",
            "approver_name",
            "approver_role",
            "approver_authority",
            "approval_date",
        ] {
            assert_eq!(by_id(id).id, id);
        }
    }

    #[test]
    fn choices_split_at_commas_but_keep_a_known_option_whole() {
        let options = vec!["1. Health, and care".to_string(), "2. Data".to_string()];
        assert_eq!(
            split_choices("1. Health, and care, 2. Data", &options),
            ["1. Health, and care", "2. Data"]
        );
        assert_eq!(
            split_choices(" Merton ,Sutton,, ", &[]),
            ["Merton", "Sutton"]
        );
        assert!(split_choices("", &options).is_empty());
    }

    #[test]
    fn ticked_boxes_are_read_and_unticked_ones_left() {
        assert_eq!(
            ticked("- [X] participation\n- [ ] racial equity\n- [x] value for money\n"),
            ["participation", "value for money"]
        );
    }

    fn programme() -> Programme {
        let text = include_str!("../tests/fixtures/base/categories.yaml");
        Programme::from_source(&crate::source::Source::new("categories.yaml", text)).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
    }

    proptest::proptest! {
        /// Whatever an issue's body holds, reading it returns; it never panics.
        #[test]
        fn any_body_is_read_or_refused_without_panicking(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(FIELDS.iter().map(|f| format!("### {}", f.label)).collect::<Vec<_>>()),
                    "[ -~\t\r\u{e9}\u{2014}]{0,40}",
                    proptest::sample::select(vec![
                        "- [X] participation".to_string(),
                        "- [x]".into(),
                        "- [ ] ".into(),
                        "_No response_".into(),
                        "1. Delivering together with health services, ,".into(),
                        "Merton, LBB, Sutton".into(),
                        "2026-02-30".into(),
                    ]),
                ],
                0..40,
            )
        ) {
            let body = lines.join("\n");
            let _ = read(&body, &programme(), today(), Some("2026-04-22"));
        }
    }

    #[test]
    fn errors_come_in_the_forms_order_and_nothing_is_made() {
        let body = "### Evolve\n\nx\n\n### Title of the practice\n\n_No response_\n";
        let errors = read(body, &programme(), today(), None).unwrap_err();
        let labels: Vec<_> = errors.iter().map(|e| e.label.unwrap()).collect();
        assert_eq!(
            labels,
            [
                "Title of the practice",
                "Categories",
                "London local authorities",
                "Contact's name",
                "Contact's email",
                "Setting the Scene",
                "How",
                "Impact",
                "Next Steps"
            ]
        );
    }

    #[test]
    fn slugs_start_with_the_first_authority_once() {
        let new = |title: &str, authority: &str| NewSubmission {
            title: title.into(),
            authorities: vec![authority.into()],
            ..NewSubmission::default()
        };
        assert_eq!(
            slug(&new("A single front door", "Merton")),
            "merton-a-single-front-door"
        );
        assert_eq!(
            slug(&new("Merton's front door", "Merton")),
            "merton-s-front-door"
        );
        assert_eq!(
            slug(&new("Hub", "Kensington and Chelsea")),
            "kensington-and-chelsea-hub"
        );
    }
}
