//! The GitHub issue form (`.github/ISSUE_TEMPLATE/submission.yml`) written from [`FIELDS`], the
//! programme and the London register, and the intake workflow that reads its issues. Pure and
//! deterministic: the same programme gives the same bytes.

use std::fmt::Write as _;

use super::{FIELDS, FormField, Kind, LABEL, TITLE_PREFIX, authority_options, category_options};
use crate::check::shine::{GUIDANCE, SECTIONS};
use crate::programme::Programme;

/// Where a programme keeps the form.
pub const FORM_PATH: &str = ".github/ISSUE_TEMPLATE/submission.yml";

/// Where a programme keeps the workflow recipe.
pub const WORKFLOW_PATH: &str = "docs/intake-workflow.yml";

/// The workflow recipe: `docs/intake-workflow.yml` of this repository.
pub const WORKFLOW: &str = include_str!("../../docs/intake-workflow.yml");

/// The intake workflow, downloading spotlight's releases from `repository` when it is known.
pub fn workflow(repository: Option<&str>) -> String {
    match repository {
        Some(repository) => WORKFLOW.replacen(crate::scaffold::WORKFLOW_PLACEHOLDER, repository, 1),
        None => WORKFLOW.to_string(),
    }
}

/// A YAML scalar that reads back as exactly `text`: a JSON string is valid YAML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// What the form says under each question.
fn description(field: &FormField, programme: &Programme) -> String {
    if let Some(i) = SECTIONS.iter().position(|s| *s == field.label) {
        let limit = programme.settings().word_limits.in_order()[i];
        let mut guidance = GUIDANCE[i].chars();
        let guidance: String = guidance
            .next()
            .map(|c| c.to_uppercase().chain(guidance).collect())
            .unwrap_or_default();
        return format!("{guidance}. Up to {limit} words.");
    }
    match field.id {
        "title" => "A short name for the practice, as the hub and the letters will show it.".into(),
        "categories" => "The categories the practice is entered in (one or more).".into(),
        "local_authorities" => "The London authorities whose practice this is (one or more). Other organisations go in Partners.".into(),
        "partners" => "Other organisations involved (NHS trusts, charities, authorities outside London), one per line. Optional.".into(),
        "summary" => "One paragraph for the hub's card, at most 80 words. Optional.".into(),
        "themes" => "The programme's themes the practice speaks to. Optional.".into(),
        "contact_name" => "The person the recognition letter is addressed to.".into(),
        "contact_role" => "Their role. Optional.".into(),
        "contact_email" => "Their work email address.".into(),
        "approver_name" => "The director who approved the entry. Leave the four approval questions empty to send a draft, to be approved later.".into(),
        "approver_role" => "Their role: only these can approve an entry.".into(),
        "approver_authority" => "Their authority: one of the London local authorities above.".into(),
        "approval_date" => "The day they approved the entry, as YYYY-MM-DD.".into(),
        "approver_email" => "Their work email address, to copy them in on the recognition letter. Optional.".into(),
        _ => String::new(),
    }
}

/// The choices of a dropdown or checkboxes field.
fn options(field: &FormField, programme: &Programme) -> Vec<String> {
    match field.id {
        "categories" => category_options(programme),
        "local_authorities" | "approver_authority" => authority_options(),
        "themes" => programme.themes().iter().map(|t| t.to_string()).collect(),
        "approver_role" => programme
            .settings()
            .approver_roles
            .iter()
            .map(|r| r.value.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// The issue form, or why the programme cannot have one (GitHub refuses a form whose choices
/// repeat or are empty).
pub fn form(programme: &Programme) -> Result<String, String> {
    let settings = programme.settings();
    let edition = programme.edition();
    let mut out = String::new();
    out.push_str(
        "# The submission form of this programme's GitHub repository, written by `spotlight forms`\n\
         # from categories.yaml and the London register. Write it again after changing the\n\
         # categories, themes, approver roles or word limits: `spotlight forms --force`.\n\
         # Its labels are what `spotlight intake` reads: do not rename them here.\n",
    );
    let _ = writeln!(
        out,
        "name: {}",
        quoted(&format!("{} {edition} submission", settings.name))
    );
    let _ = writeln!(
        out,
        "description: {}",
        quoted(&format!(
            "Enter an example of practice in {} {edition}",
            settings.name
        ))
    );
    let _ = writeln!(out, "title: {}", quoted(TITLE_PREFIX));
    let _ = writeln!(out, "labels: [{}]", quoted(LABEL));
    out.push_str("body:\n");
    let deadline = programme
        .deadline
        .map(|d| format!(" The deadline is {}.", d.describe()))
        .unwrap_or_default();
    let intro = format!(
        "Thank you for entering {} {edition}.{deadline} Answer each question; the five S.H.I.N.E sections have word limits. Opening the issue makes a pull request with your submission, which the programme team reviews. Do not include children's or families' personal details.",
        settings.name
    );
    out.push_str("  - type: markdown\n    attributes:\n");
    let _ = writeln!(out, "      value: {}", quoted(&intro));
    for field in FIELDS {
        let choices = options(field, programme);
        let kind = match field.kind {
            Kind::Dropdown { .. } | Kind::Checkboxes if choices.is_empty() => {
                if field.kind == Kind::Checkboxes {
                    // No themes: nothing to tick, so no question.
                    continue;
                }
                Kind::Input
            }
            kind => kind,
        };
        let mut seen = std::collections::BTreeSet::new();
        for choice in &choices {
            if choice.trim().is_empty() {
                return Err(format!("`{}` has an empty choice", field.label));
            }
            if !seen.insert(choice.as_str()) {
                return Err(format!(
                    "`{}` would offer `{choice}` twice, which GitHub refuses: make it unique in categories.yaml",
                    field.label
                ));
            }
        }
        let type_name = match kind {
            Kind::Input => "input",
            Kind::Textarea => "textarea",
            Kind::Dropdown { .. } => "dropdown",
            Kind::Checkboxes => "checkboxes",
        };
        let _ = writeln!(out, "  - type: {type_name}");
        let _ = writeln!(out, "    id: {}", field.id);
        out.push_str("    attributes:\n");
        let _ = writeln!(out, "      label: {}", quoted(field.label));
        let _ = writeln!(
            out,
            "      description: {}",
            quoted(&description(field, programme))
        );
        match kind {
            Kind::Dropdown { multiple } => {
                if multiple {
                    out.push_str("      multiple: true\n");
                }
                out.push_str("      options:\n");
                for choice in &choices {
                    let _ = writeln!(out, "        - {}", quoted(choice));
                }
            }
            Kind::Checkboxes => {
                out.push_str("      options:\n");
                for choice in &choices {
                    let _ = writeln!(out, "        - label: {}", quoted(choice));
                }
            }
            Kind::Input if field.id == "approval_date" => {
                out.push_str("      placeholder: \"YYYY-MM-DD\"\n");
            }
            Kind::Input if field.id == "contact_email" => {
                out.push_str("      placeholder: \"name@example.org\"\n");
            }
            _ => {}
        }
        if field.required && kind != Kind::Checkboxes {
            out.push_str("    validations:\n      required: true\n");
        }
    }
    Ok(out)
}
