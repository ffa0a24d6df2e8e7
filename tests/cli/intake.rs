//! `spotlight forms` and `spotlight intake`: the GitHub issue form, valid against GitHub's
//! issue-form schema and offering the programme's own choices; and issue bodies, as GitHub
//! renders that form, turned into submission files that validate clean, or refused with an
//! error for each field.

use std::path::Path;

use serde_json::Value;

use crate::harness::Programme;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/intake")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The issue form `forms --print` writes for a programme, as JSON.
fn form_of(programme: &Programme) -> (String, Value) {
    let run = programme.run(&["forms", "--print"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let value: Value = serde_saphyr::from_str(&run.stdout).expect("the form is YAML");
    (run.stdout, value)
}

/// GitHub's issue-form schema, as SchemaStore publishes it (see tests/data/README.md).
fn issue_form_schema() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/github-issue-forms.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn body_items(form: &Value) -> &Vec<Value> {
    form["body"].as_array().expect("the form has a body")
}

fn item<'a>(form: &'a Value, id: &str) -> &'a Value {
    body_items(form)
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no form item `{id}`"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other["label"].as_str().unwrap().to_string(),
        })
        .collect()
}

#[test]
fn forms_writes_an_issue_form_valid_against_githubs_schema() {
    for programme in [Programme::new("validate/clean"), Programme::bundled()] {
        let (_, form) = form_of(&programme);
        let schema = issue_form_schema();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&form)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The schema is not vacuous: a form without a label on an item is refused.
        let mut broken = form.clone();
        broken["body"][1]["attributes"]
            .as_object_mut()
            .unwrap()
            .remove("label");
        assert!(!validator.is_valid(&broken));
        // What GitHub checks beyond the schema: unique ids, unique options, labels not empty.
        let ids: Vec<&str> = body_items(&form)
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        for item in body_items(&form) {
            if let Some(label) = item["attributes"]["label"].as_str() {
                assert!(!label.trim().is_empty());
            }
            if let Some(options) = item["attributes"].get("options") {
                let options = strings(options);
                let mut unique = options.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), options.len(), "{options:?}");
            }
        }
        assert_eq!(form["labels"], serde_json::json!(["submission"]));
        assert_eq!(form["title"], "[Submission]: ");
    }
}

#[test]
fn the_form_offers_every_category_authority_theme_and_approver_role() {
    let programme = Programme::bundled();
    let (_, form) = form_of(&programme);
    let yaml = std::fs::read_to_string(programme.path().join("categories.yaml")).unwrap();
    let categories: Value = serde_saphyr::from_str(&yaml).unwrap();
    let expected: Vec<String> = categories["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}. {}", c["number"], c["title"].as_str().unwrap()))
        .collect();
    assert_eq!(expected.len(), 9);
    let offered = item(&form, "categories");
    assert_eq!(offered["type"], "dropdown");
    assert_eq!(offered["attributes"]["multiple"], true);
    assert_eq!(strings(&offered["attributes"]["options"]), expected);

    let london: Vec<String> = {
        let mut names: Vec<String> = spotlight::london::register()
            .authorities()
            .iter()
            .map(|a| a.short_name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(london.len(), 33);
    for id in ["local_authorities", "approver_authority"] {
        assert_eq!(
            strings(&item(&form, id)["attributes"]["options"]),
            london,
            "{id}"
        );
    }
    assert_eq!(
        item(&form, "local_authorities")["attributes"]["multiple"],
        true
    );
    assert_eq!(
        item(&form, "approver_authority")["attributes"].get("multiple"),
        None
    );

    let themes = item(&form, "themes");
    assert_eq!(themes["type"], "checkboxes");
    assert_eq!(
        strings(&themes["attributes"]["options"]),
        strings(&categories["programme"]["themes"])
    );
    assert_eq!(
        strings(&item(&form, "approver_role")["attributes"]["options"]),
        strings(&categories["programme"]["approver_roles"])
    );
    for id in [
        "partners",
        "contact_name",
        "contact_role",
        "contact_email",
        "approver_name",
        "approval_date",
    ] {
        item(&form, id);
    }
}

#[test]
fn the_shine_sections_are_required_and_state_their_word_limits() {
    let programme = Programme::new("validate/clean");
    let (_, form) = form_of(&programme);
    // tests/fixtures/base/categories.yaml
    let limits = [
        ("setting_the_scene", "Setting the Scene", 60),
        ("how", "How", 60),
        ("impact", "Impact", 60),
        ("next_steps", "Next Steps", 40),
        ("evolve", "Evolve", 40),
    ];
    for (id, label, limit) in limits {
        let section = item(&form, id);
        assert_eq!(section["type"], "textarea");
        assert_eq!(section["attributes"]["label"], label);
        assert_eq!(section["validations"]["required"], true, "{id}");
        let description = section["attributes"]["description"].as_str().unwrap();
        assert!(
            description.ends_with(&format!("Up to {limit} words.")),
            "{id}: {description}"
        );
    }
    // The SHINE sections come last, in order.
    let ids: Vec<&str> = body_items(&form)
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(
        &ids[ids.len() - 5..],
        ["setting_the_scene", "how", "impact", "next_steps", "evolve"]
    );
}

#[test]
fn forms_writes_the_form_and_workflow_and_never_overwrites_without_force() {
    let programme = Programme::new("validate/clean");
    let run = programme.run(&["forms", "--release-from", "example-org/spotlight"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stdout,
        "wrote .github/ISSUE_TEMPLATE/submission.yml\nwrote docs/intake-workflow.yml\n\
         copy docs/intake-workflow.yml to .github/workflows/intake.yml to turn submission issues into pull requests\n"
    );
    let form_path = programme
        .path()
        .join(".github/ISSUE_TEMPLATE/submission.yml");
    let written = std::fs::read_to_string(&form_path).unwrap();
    let (printed, _) = form_of(&programme);
    assert_eq!(
        written, printed,
        "--print and the file agree, byte for byte"
    );

    std::fs::write(&form_path, "edited by hand\n").unwrap();
    let again = programme.run(&["forms"]);
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(
        again.stderr.contains(
            ".github/ISSUE_TEMPLATE/submission.yml and docs/intake-workflow.yml already exist(s)"
        ) && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&form_path).unwrap(),
        "edited by hand\n"
    );
    let forced = programme.run(&[
        "forms",
        "--force",
        "--release-from",
        "example-org/spotlight",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.transcript());
    assert_eq!(std::fs::read_to_string(&form_path).unwrap(), written);

    let out = tempfile::TempDir::new().unwrap();
    let elsewhere = programme.run(&["forms", "--out", out.path().to_str().unwrap()]);
    assert_eq!(elsewhere.code, 0, "{}", elsewhere.transcript());
    assert!(
        out.path()
            .join(".github/ISSUE_TEMPLATE/submission.yml")
            .is_file()
    );
}

#[test]
fn the_intake_workflow_never_puts_the_issue_body_into_a_script() {
    let programme = Programme::new("validate/clean");
    programme.run(&["forms", "--release-from", "example-org/spotlight"]);
    let text = std::fs::read_to_string(programme.path().join("docs/intake-workflow.yml")).unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    assert_eq!(
        workflow["on"]["issues"]["types"],
        serde_json::json!(["opened", "edited"])
    );
    assert_eq!(
        workflow["env"]["SPOTLIGHT_REPOSITORY"],
        "example-org/spotlight"
    );
    let job = &workflow["jobs"]["intake"];
    assert!(job["if"].as_str().unwrap().contains("'submission'"));
    let steps = job["steps"].as_array().unwrap();
    for step in steps {
        if let Some(script) = step["run"].as_str() {
            // Expressions in a script are pasted in before the shell runs: none may carry what
            // a submitter typed.
            assert!(
                !script.contains("${{"),
                "an expression in a script: {script}"
            );
        }
    }
    let intake = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("spotlight intake"))
        })
        .expect("a step runs intake");
    assert_eq!(intake["env"]["BODY"], "${{ github.event.issue.body }}");
    assert!(intake["run"].as_str().unwrap().contains("--print-path"));
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("peter-evans/create-pull-request@"))
    }));
    let comment = steps.last().unwrap();
    assert!(comment["if"].as_str().unwrap().contains("failure()"));
    assert!(
        comment["run"]
            .as_str()
            .unwrap()
            .contains("gh issue comment")
    );
}

#[test]
fn the_workflows_a_programme_gets_are_valid_against_the_workflow_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/github-workflow.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = tempfile::TempDir::new().unwrap();
    let target = dir.path().join("programme");
    let run = crate::harness::run_in(
        dir.path(),
        &[
            "init",
            target.to_str().unwrap(),
            "--release-from",
            "example-org/spotlight",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    for file in [
        "docs/intake-workflow.yml",
        ".github/workflows/spotlight.yml",
    ] {
        let text = std::fs::read_to_string(target.join(file)).unwrap();
        let workflow: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
        let errors: Vec<String> = validator
            .iter_errors(&workflow)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        let mut broken = workflow.clone();
        broken["jobs"]
            .as_object_mut()
            .unwrap()
            .values_mut()
            .for_each(|job| {
                job.as_object_mut().unwrap().remove("runs-on");
            });
        assert!(
            !validator.is_valid(&broken),
            "{file}: a job without runs-on is refused"
        );
    }
}

#[test]
fn a_complete_body_becomes_a_submission_that_validates_clean() {
    let programme = Programme::new("intake");
    let run = programme.run(&[
        "intake",
        "--submitted",
        "2026-04-22T16:05:00+01:00",
        &fixture("complete.md"),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stdout,
        "wrote submissions/2026/merton-a-single-front-door-for-family-help.md: submitted\n"
    );
    let path = programme
        .path()
        .join("submissions/2026/merton-a-single-front-door-for-family-help.md");
    let text = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("intake_complete", text);
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate
            .stdout
            .contains("1 of 1 submitted 2026 entries eligible"),
        "{}",
        validate.stdout
    );

    // A second intake of the same body never overwrites, and names the file.
    std::fs::write(&path, "edited by hand\n").unwrap();
    let again = programme.run(&["intake", &fixture("complete.md")]);
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(
        again.stderr.contains(
            "submissions/2026/merton-a-single-front-door-for-family-help.md already exists and is never overwritten"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand\n");
}

#[test]
fn crlf_and_extra_spaces_read_as_the_plain_body_does() {
    for (body, slug) in [
        ("crlf.md", "bexley-a-family-hub-network"),
        ("extra-spaces.md", "merton-dads-matter-a-fathers-group"),
    ] {
        let programme = Programme::new("intake");
        let run = programme.run(&[
            "intake",
            "--print-path",
            "--submitted",
            "2026-04-22",
            &fixture(body),
        ]);
        assert_eq!(run.code, 0, "{body}: {}", run.transcript());
        let relative = format!("submissions/2026/{slug}.md");
        assert_eq!(run.stdout, format!("{relative}\n"), "{body}");
        let text = std::fs::read_to_string(programme.path().join(&relative)).unwrap();
        assert!(!text.contains('\r'), "{body}: line endings are LF");
        assert!(
            !text.lines().any(|l| l.ends_with(' ')),
            "{body}: no trailing spaces"
        );
        assert!(text.contains("status: submitted\n"), "{body}");
        let validate = programme.run(&["validate"]);
        assert_eq!(validate.code, 0, "{body}: {}", validate.transcript());
    }
    let programme = Programme::new("intake");
    programme.run(&["intake", &fixture("extra-spaces.md")]);
    let text = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2026/merton-dads-matter-a-fathers-group.md"),
    )
    .unwrap();
    assert!(
        text.contains("title: \"Dads matter: a fathers' group\"\n"),
        "{text}"
    );
    assert!(
        text.contains("local_authorities: [\"Merton\", \"Sutton\"]\n"),
        "{text}"
    );
    assert!(
        text.contains("themes: [\"participation\", \"partnership working\"]\n"),
        "{text}"
    );
}

#[test]
fn a_body_outside_london_in_partners_stays_a_partner_and_aliases_resolve() {
    let programme = Programme::new("intake");
    let run = programme.run(&[
        "intake",
        "--submitted",
        "2026-04-22",
        &fixture("partner-outside-london.md"),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2026/hackney-kinship-carers-together.md"),
    )
    .unwrap();
    // `LB Hackney` is written by the register's name; Essex stays among the partners.
    assert!(
        text.contains("local_authorities: [\"Hackney\"]\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "partners: [\"Essex County Council\", \"Homerton Healthcare NHS Foundation Trust\"]\n"
        ),
        "{text}"
    );
    assert_eq!(programme.run(&["validate"]).code, 0);
}

#[test]
fn a_body_with_unreadable_answers_names_each_field_and_writes_nothing() {
    let programme = Programme::new("intake");
    let run = programme.run(&["intake", &fixture("missing-section.md")]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: `Contact's email`: `kemi.adebayo@example` is not an email address\n  \
         help: give an address such as name@example.org\n\
         error: `How`: this question is required and has no answer\n  \
         help: edit the issue and answer `How` (up to 60 words)\n\
         error: `Next Steps`: the body has no answer to this question (its heading is missing)\n  \
         help: edit the issue and answer `Next Steps` (up to 40 words)\n\
         cannot make the submission: 3 answer(s) to fix; nothing was written\n"
    );
    assert!(!programme.path().join("submissions/2026").exists());
}

#[test]
fn wrong_choices_and_an_incomplete_approval_are_refused_by_field() {
    let programme = Programme::new("intake");
    let body = std::fs::read_to_string(fixture("complete.md"))
        .unwrap()
        .replace("Merton, Sutton", "Mertn, Surrey")
        .replace("\nMerton\n", "\n_No response_\n")
        .replace("- [X] participation", "- [X] gardening")
        .replace("2026-04-20", "2026-04-30");
    programme.write("body.md", &body);
    let run = programme.run(&["intake", "body.md"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!("intake_refused", run.transcript());
    assert!(!programme.path().join("submissions/2026").exists());

    let long = std::fs::read_to_string(fixture("complete.md"))
        .unwrap()
        .replace(
            "Open the front door to schools' own requests.",
            &"word ".repeat(41),
        );
    programme.write("long.md", &long);
    let run = programme.run(&["intake", "long.md"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("error: `Next Steps`: 41 words, over the limit of 40\n"),
        "{}",
        run.stderr
    );

    let run = programme.run(&["intake", &fixture("../base/categories.yaml")]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("the body has none of the submission form's headings"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_late_or_unreadable_submitted_date_is_refused() {
    let programme = Programme::new("intake");
    let late = programme.run(&[
        "intake",
        "--submitted",
        "2026-04-25T09:00:00Z",
        &fixture("complete.md"),
    ]);
    assert_eq!(late.code, 2, "{}", late.transcript());
    assert!(
        late.stderr.contains("after the deadline"),
        "{}",
        late.stderr
    );
    let bad = programme.run(&[
        "intake",
        "--submitted",
        "yesterday",
        &fixture("complete.md"),
    ]);
    assert_eq!(bad.code, 2, "{}", bad.transcript());
    assert!(
        bad.stderr.contains("`yesterday` is not a date"),
        "{}",
        bad.stderr
    );
    assert!(!programme.path().join("submissions/2026").exists());
}

#[test]
fn without_a_submitted_date_or_approval_the_file_is_a_draft() {
    let programme = Programme::new("intake");
    let run = programme.run(&["intake", &fixture("complete.md")]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .ends_with(": a draft (no approval or no --submitted date yet)\n")
    );
    let text = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2026/merton-a-single-front-door-for-family-help.md"),
    )
    .unwrap();
    assert!(text.contains("status: draft"), "{text}");
    assert_eq!(programme.run(&["validate"]).code, 0);
}

/// A body as GitHub renders the issue form, from the form itself: each item's label as a
/// `### ` heading, then the answer (multi-select dropdowns joined with `, `, checkboxes as
/// `- [X]`/`- [ ]`, unanswered questions as `_No response_`).
fn render_body(form: &Value, answers: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for item in body_items(form) {
        let Some(id) = item["id"].as_str() else {
            continue; // markdown
        };
        let label = item["attributes"]["label"].as_str().unwrap();
        let answer = answers.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
        let text = match item["type"].as_str().unwrap() {
            "checkboxes" => {
                let ticked: Vec<&str> = answer.map(|a| a.split('|').collect()).unwrap_or_default();
                strings(&item["attributes"]["options"])
                    .iter()
                    .map(|o| {
                        let mark = if ticked.contains(&o.as_str()) {
                            "X"
                        } else {
                            " "
                        };
                        format!("- [{mark}] {o}")
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            "dropdown" => {
                let options = strings(&item["attributes"]["options"]);
                match answer {
                    Some(picked) => picked
                        .split('|')
                        .map(|p| {
                            options
                                .iter()
                                .find(|o| o.as_str() == p)
                                .unwrap_or_else(|| panic!("`{p}` is not an option of {id}"))
                                .clone()
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => "_No response_".into(),
                }
            }
            _ => answer.unwrap_or("_No response_").to_string(),
        };
        body.push_str(&format!("### {label}\n\n{text}\n\n"));
    }
    body
}

#[test]
fn round_trip_forms_then_a_rendered_body_then_intake_then_validate_clean() {
    let programme = Programme::bundled();
    let (_, form) = form_of(&programme);
    let body = render_body(
        &form,
        &[
            ("title", "Stronger together: a health and care front door"),
            (
                "categories",
                "7. Delivering together with health services|9. Delivering positive impact through early intervention",
            ),
            (
                "local_authorities",
                "Kingston upon Thames|Richmond upon Thames",
            ),
            ("partners", "Surrey Heartlands ICB\nYoung Carers Trust"),
            ("themes", "participation|voice of the child"),
            ("contact_name", "Tomasz Nowak"),
            ("contact_role", "Service Manager"),
            ("contact_email", "tomasz.nowak@example.org"),
            ("approver_name", "Amelia Grant"),
            ("approver_role", "Assistant Director"),
            ("approver_authority", "Richmond upon Thames"),
            ("approval_date", "2026-04-21"),
            (
                "setting_the_scene",
                "Families waited weeks to be seen by anyone.",
            ),
            (
                "how",
                "A joint front door with health visitors.\n\n### Not a field\n\nA second paragraph.\nUnderlined, as a heading would be\n---",
            ),
            ("impact", "Families are seen within a week."),
            ("next_steps", "Add school nurses."),
            ("evolve", "Start with one shared form."),
        ],
    );
    programme.write("issue.md", &body);
    let run = programme.run(&[
        "intake",
        "--print-path",
        "--submitted",
        "2026-04-23T10:00:00Z",
        "issue.md",
    ]);
    assert_eq!(run.code, 0, "{}\n{body}", run.transcript());
    let relative =
        "submissions/2026/kingston-upon-thames-stronger-together-a-health-and-care-front-door.md";
    assert_eq!(run.stdout, format!("{relative}\n"));
    let text = std::fs::read_to_string(programme.path().join(relative)).unwrap();
    assert!(
        text.contains("categories: [\"health\", \"early-intervention\"]\n"),
        "{text}"
    );
    assert!(
        text.contains("local_authorities: [\"Kingston upon Thames\", \"Richmond upon Thames\"]\n"),
        "{text}"
    );
    assert!(
        text.contains("\\### Not a field\n"),
        "a heading typed in an answer stays text: {text}"
    );
    assert!(
        text.contains("Underlined, as a heading would be\n\\---\n"),
        "an underline typed in an answer stays text: {text}"
    );
    let validate = programme.run(&["validate", relative]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        validate.stdout
    );

    // The same body from stdin gives the same bytes (under another title, so a new file).
    let again = body.replace("Stronger together", "Stronger still");
    let dir = programme.path().to_str().unwrap().to_string();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"))
        .args([
            "--root",
            &dir,
            "--today",
            crate::harness::TODAY,
            "intake",
            "--submitted",
            "2026-04-23T10:00:00Z",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(again.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let second = std::fs::read_to_string(programme.path().join(
        "submissions/2026/kingston-upon-thames-stronger-still-a-health-and-care-front-door.md",
    ))
    .unwrap();
    assert_eq!(second, text.replace("Stronger together", "Stronger still"));
}

#[test]
fn forms_refuses_a_programme_whose_choices_github_would_refuse() {
    let programme = Programme::new("validate/clean");
    let yaml = std::fs::read_to_string(programme.path().join("categories.yaml"))
        .unwrap()
        .replace(
            "number: 2\n    title: Making data speak for London's children",
            "number: 1\n    title: Delivering together with health services",
        );
    programme.write("categories.yaml", &yaml);
    let run = programme.run(&["forms"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "`Categories` would offer `1. Delivering together with health services` twice"
        ),
        "{}",
        run.stderr
    );
    assert!(!programme.path().join(".github").exists());
}

#[test]
fn an_unreadable_body_is_an_io_error_and_writes_nothing() {
    let programme = Programme::new("intake");
    let missing = programme.run(&["intake", "no-such-issue.md"]);
    assert_eq!(missing.code, 2, "{}", missing.transcript());
    assert!(
        missing.stderr.contains("cannot read no-such-issue.md"),
        "{}",
        missing.stderr
    );
    std::fs::write(
        programme.path().join("latin1.md"),
        b"### Title of the practice\n\n\xe9t\xe9\n",
    )
    .unwrap();
    let latin1 = programme.run(&["intake", "latin1.md"]);
    assert_eq!(latin1.code, 2, "{}", latin1.transcript());
    assert!(latin1.stderr.contains("not UTF-8"), "{}", latin1.stderr);
    assert!(!programme.path().join("submissions").exists());
}

#[test]
fn an_approver_role_edited_by_hand_is_read_as_validate_reads_it() {
    let programme = Programme::new("intake");
    let body = std::fs::read_to_string(fixture("complete.md")).unwrap();
    let written = "### Approver's role\n\nDirector of Children's Services\n";
    assert!(body.contains(written));
    programme.write(
        "dcs.md",
        &body.replace(written, "### Approver's role\n\nDCS\n"),
    );
    let run = programme.run(&["intake", "--print-path", "dcs.md"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(programme.path().join(run.stdout.trim())).unwrap();
    assert!(
        text.contains("role: \"Director of Children's Services\""),
        "the role as categories.yaml writes it: {text}"
    );
    programme.write(
        "deputy.md",
        &body.replace(written, "### Approver's role\n\nDeputy Director\n"),
    );
    let refused = programme.run(&["intake", "deputy.md"]);
    assert_eq!(refused.code, 1, "{}", refused.transcript());
    assert!(
        refused
            .stderr
            .contains("`Deputy Director` cannot approve an entry"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_approvers_email_is_kept_for_the_letter_and_checked() {
    let programme = Programme::new("intake");
    let body = std::fs::read_to_string(fixture("complete.md")).unwrap();
    let with_email = format!("{body}\n### Approver's email\n\njo.barnes@example.org\n");
    programme.write("email.md", &with_email);
    let run = programme.run(&["intake", "--print-path", "email.md"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let relative = run.stdout.trim().to_string();
    let text = std::fs::read_to_string(programme.path().join(&relative)).unwrap();
    assert!(
        text.contains(", email: \"jo.barnes@example.org\"}\n"),
        "{text}"
    );
    assert_eq!(programme.run(&["validate", &relative]).code, 0);

    let bad = format!("{body}\n### Approver's email\n\njo.barnes at example.org\n");
    programme.write("bad.md", &bad);
    std::fs::remove_file(programme.path().join(&relative)).unwrap();
    let refused = programme.run(&["intake", "bad.md"]);
    assert_eq!(refused.code, 1, "{}", refused.transcript());
    assert!(
        refused.stderr.contains(
            "error: `Approver's email`: `jo.barnes at example.org` is not an email address"
        ),
        "{}",
        refused.stderr
    );
}
