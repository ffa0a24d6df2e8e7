//! The commands that fit spotlight into editors, shells, CI and people's habits: schema,
//! completions, man, SARIF, new, init and calendar.

use crate::harness::{Programme, run_in};

#[test]
fn schema_lists_the_programmes_own_categories_and_themes() {
    let programme = Programme::new("validate/clean");
    let run = programme.run(&["schema", "submission"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let schema = run.json();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    let categories = &schema["properties"]["categories"]["anyOf"][0]["enum"];
    assert_eq!(
        categories,
        &serde_json::json!(["health", "data", "early-intervention"])
    );
    let review = programme.run(&["schema", "review"]).json();
    assert_eq!(review["properties"]["reviewer"]["enum"][0], "ada-mensah");
    let written = programme.run(&["schema"]);
    assert_eq!(written.code, 0);
    for name in ["submission", "review", "categories"] {
        let path = programme
            .path()
            .join(format!(".spotlight/{name}.schema.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let programme = Programme::new("validate/clean");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = programme.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(
            run.stdout.contains("validate"),
            "{shell} completions know the commands"
        );
    }
    let man = programme.run(&["man"]);
    assert!(man.stdout.contains(".TH spotlight 1"));
    assert!(man.stdout.contains("validate"));
}

#[test]
fn sarif_has_stable_rule_ids_paths_and_code_point_columns() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &crate::harness::submission("local_authorities: [Mertn]"),
    );
    let run = programme.run(&["validate", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif = run.json();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "SP0201"));
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "SP0201")
        .unwrap();
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "submissions/2026/case.md"
    );
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 21);
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "SP0201"
    );
}

#[test]
fn new_writes_a_draft_that_validates_and_never_overwrites() {
    let programme = Programme::new("validate/clean");
    let args = [
        "new",
        "--title",
        "Hope: a \"new\" start",
        "--authority",
        "LB Merton",
        "--category",
        "health",
        "--category",
        "data",
        "--contact-name",
        "Ana Ruiz",
        "--contact-email",
        "ana.ruiz@example.org",
    ];
    let run = programme.run(&args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let path = programme
        .path()
        .join("submissions/2026/hope-a-new-start.md");
    let text = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("new_submission", text);
    assert_eq!(programme.run(&["validate"]).code, 0);
    let again = programme.run(&args);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("never overwritten"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn new_refuses_what_validate_would_and_says_how_to_fix_it() {
    let programme = Programme::new("validate/clean");
    let run = programme.run(&[
        "new",
        "--title",
        "X",
        "--authority",
        "Mertn",
        "--category",
        "helth",
        "--contact-name",
        "A",
        "--contact-email",
        "nope",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `Merton`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `health`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is not an email address"),
        "{}",
        run.stderr
    );
    assert!(!programme.path().join("submissions/2026/x.md").exists());
}

#[test]
fn init_makes_a_programme_that_validates_and_refuses_a_full_folder() {
    let dir = tempfile::TempDir::new().unwrap();
    let target = dir.path().join("programme");
    let target_str = target.to_str().unwrap();
    let run = run_in(dir.path(), &["init", target_str]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for file in [
        "categories.yaml",
        ".gitignore",
        ".github/workflows/spotlight.yml",
        ".github/ISSUE_TEMPLATE/submission.yml",
        "docs/intake-workflow.yml",
        "templates/README.md",
    ] {
        assert!(target.join(file).is_file(), "{file}");
    }
    // The issue form is the one `spotlight forms` writes for the new programme.
    let forms = run_in(&target, &["forms", "--print"]);
    assert_eq!(forms.code, 0, "{}", forms.transcript());
    assert_eq!(
        std::fs::read_to_string(target.join(".github/ISSUE_TEMPLATE/submission.yml")).unwrap(),
        forms.stdout
    );
    let validate = run_in(&target, &["--today", "2026-05-01", "validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    let before = std::fs::read(target.join("categories.yaml")).unwrap();
    let again = run_in(dir.path(), &["init", target_str]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("is not empty"));
    assert_eq!(
        std::fs::read(target.join("categories.yaml")).unwrap(),
        before
    );
}

#[test]
fn init_writes_a_workflow_that_downloads_a_pinned_release_instead_of_compiling() {
    let dir = tempfile::TempDir::new().unwrap();
    let target = dir.path().join("programme");
    let run = run_in(
        dir.path(),
        &[
            "init",
            target.to_str().unwrap(),
            "--release-from",
            "example-org/spotlight",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.stderr.contains("placeholder"), "{}", run.stderr);
    let workflow = std::fs::read_to_string(target.join(".github/workflows/spotlight.yml")).unwrap();
    // It is YAML, and its install step fetches the release and checks it.
    let parsed: serde_json::Value =
        serde_saphyr::from_str(&workflow).expect("the workflow is YAML");
    assert_eq!(
        parsed["env"]["SPOTLIGHT_REPOSITORY"],
        "example-org/spotlight"
    );
    assert_eq!(
        parsed["env"]["SPOTLIGHT_VERSION"],
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );
    let steps = parsed["jobs"]["validate"]["steps"].as_array().unwrap();
    let install = steps[1]["run"].as_str().unwrap();
    assert!(install.contains("releases/download/${SPOTLIGHT_VERSION}"));
    assert!(install.contains("sha256sum -c"));
    assert!(!workflow.contains("cargo install") && !workflow.contains("OWNER/"));

    // A value that is not owner/name is a usage error, and nothing is written.
    let other = dir.path().join("other");
    let bad = run_in(
        dir.path(),
        &[
            "init",
            other.to_str().unwrap(),
            "--release-from",
            "https://example.org/x",
        ],
    );
    assert_eq!(bad.code, 2, "{}", bad.transcript());
    assert!(bad.stderr.contains("owner/name"), "{}", bad.stderr);
    assert!(!other.exists());
}

#[test]
fn init_without_a_known_repository_says_what_to_fill_in() {
    let built_from = spotlight::scaffold::github_repository(env!("SPOTLIGHT_BUILT_FROM"));
    let dir = tempfile::TempDir::new().unwrap();
    let target = dir.path().join("programme");
    let run = run_in(dir.path(), &["init", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let workflow = std::fs::read_to_string(target.join(".github/workflows/spotlight.yml")).unwrap();
    match built_from {
        // Built in a clone of a GitHub repository: its releases are the ones to download.
        Some(repository) => {
            assert!(workflow.contains(&format!("SPOTLIGHT_REPOSITORY: {repository} ")));
            assert!(run.stderr.is_empty(), "{}", run.stderr);
        }
        None => {
            assert!(workflow.contains("SPOTLIGHT_REPOSITORY: OWNER/spotlight "));
            assert!(
                run.stderr.contains("placeholder") && run.stderr.contains("--release-from"),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn the_release_workflow_builds_and_publishes_what_the_programme_workflow_downloads() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".github/workflows/release.yml")).unwrap();
    let release: serde_json::Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    assert_eq!(release["on"]["push"]["tags"][0], "v*");
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    // The asset the programme workflow asks for is one the release builds and names alike.
    assert!(targets.contains(&"x86_64-unknown-linux-gnu"));
    assert!(text.contains(r#"name="spotlight-${GITHUB_REF_NAME}-${{ matrix.target }}""#));
    let programme = spotlight::scaffold::WORKFLOW;
    assert!(
        programme
            .contains(r#"asset="spotlight-${SPOTLIGHT_VERSION}-x86_64-unknown-linux-gnu.tar.gz""#)
    );
    assert!(
        text.contains(r#"> "$name.tar.gz.sha256""#)
            && programme.contains(r#""$base/$asset.sha256""#)
    );
    assert!(text.contains("gh release create \"$GITHUB_REF_NAME\" dist/*"));
}

#[test]
fn calendar_lists_the_milestones_as_icalendar() {
    let programme = Programme::new("validate/clean");
    let run = programme.run(&["calendar"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("\r\n"), "iCalendar lines end in CRLF");
    insta::assert_snapshot!("calendar", run.stdout.replace("\r\n", "\n"));
}

#[test]
fn approve_binds_the_sign_off_to_the_text_and_validate_notices_a_change() {
    let programme = Programme::new("validate/clean");
    let path = programme
        .path()
        .join("submissions/2026/merton-front-door.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let run = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--name",
        "Jo Barnes",
        "--role",
        "Director of Children's Services",
        "--authority",
        "Merton",
        "--date",
        "2026-04-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let after = std::fs::read_to_string(&path).unwrap();
    // Only the approval lines changed.
    let kept = |text: &str| -> Vec<String> {
        let mut in_approval = false;
        text.lines()
            .filter(|l| {
                if l.starts_with("approval:") {
                    in_approval = true;
                    return false;
                }
                if in_approval && l.starts_with("  ") {
                    return false;
                }
                in_approval = false;
                true
            })
            .map(String::from)
            .collect()
    };
    assert_eq!(kept(&before), kept(&after));
    assert!(after.contains("  digest: sha256:"));
    assert_eq!(programme.run(&["validate", "--deny-warnings"]).code, 0);

    std::fs::write(
        &path,
        after.replace("Re-referrals fell", "Re-referrals halved"),
    )
    .unwrap();
    let changed = programme.run(&["validate", "--format", "json"]);
    let codes: Vec<String> = changed.codes().into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(codes, ["SP0211"]);
    assert_eq!(
        changed.code, 0,
        "a warning: the text changed, a person decides"
    );
    assert!(
        changed.json()["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("since Jo Barnes approved it on 2026-04-20")
    );

    // Signing again records the new text.
    let again = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--name",
        "Jo Barnes",
        "--role",
        "DCS",
        "--authority",
        "Merton",
        "--date",
        "2026-04-23",
    ]);
    assert_eq!(again.code, 0);
    assert_eq!(programme.run(&["validate", "--deny-warnings"]).code, 0);
}

#[test]
fn approve_refuses_a_role_or_authority_that_cannot_sign() {
    let programme = Programme::new("validate/clean");
    let path = programme
        .path()
        .join("submissions/2026/merton-front-door.md");
    let before = std::fs::read(&path).unwrap();
    let role = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--name",
        "X",
        "--role",
        "Head of Service",
        "--authority",
        "Merton",
    ]);
    assert_eq!(role.code, 2);
    assert!(role.stderr.contains("cannot approve"));
    let authority = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--name",
        "X",
        "--role",
        "DCS",
        "--authority",
        "Lambeth",
    ]);
    assert_eq!(authority.code, 2);
    assert!(authority.stderr.contains("not one of"));
    let missing = programme.run(&[
        "approve",
        "2026/nope",
        "--name",
        "X",
        "--role",
        "DCS",
        "--authority",
        "Merton",
    ]);
    assert_eq!(missing.code, 2);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// The fix SP0211's help names, run exactly as written (with the date placeholder filled in).
fn command_in_help(help: &str, date: &str) -> Vec<String> {
    let command = help.split('`').nth(1).expect("the help quotes a command");
    let mut words: Vec<String> = command
        .split_whitespace()
        .skip(1) // `spotlight`
        .map(String::from)
        .collect();
    words.extend(["--date".to_string(), date.to_string()]);
    words
}

#[test]
fn the_command_sp0211_names_signs_again_keeping_the_approver() {
    let programme = Programme::new("validate/clean");
    let path = "submissions/2026/merton-front-door.md";
    let sign = |args: &[&str]| {
        let mut all = vec!["approve", "2026/merton-front-door"];
        all.extend(args);
        programme.run(&all)
    };
    assert_eq!(
        sign(&["--date", "2026-04-20"]).code,
        0,
        "the recorded approver is kept"
    );
    let text = std::fs::read_to_string(programme.path().join(path)).unwrap();
    programme.write(
        path,
        &text.replace("Re-referrals fell", "Re-referrals halved"),
    );
    let changed = programme.run(&["validate", "--format", "json"]);
    let help = changed.json()["diagnostics"][0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    let words = command_in_help(&help, "2026-04-23");
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let again = programme.run(&words);
    assert_eq!(again.code, 0, "{help}\n{}", again.transcript());
    assert!(
        again
            .stdout
            .contains("replaced the approval by Jo Barnes of 2026-04-20"),
        "{}",
        again.stdout
    );
    let after = std::fs::read_to_string(programme.path().join(path)).unwrap();
    assert!(
        after.contains(
            "  name: \"Jo Barnes\"\n  role: \"DCS\"\n  local_authority: \"Merton\"\n  date: 2026-04-23\n"
        ),
        "{after}"
    );
    assert_eq!(programme.run(&["validate", "--deny-warnings"]).code, 0);
}

#[test]
fn approve_dated_after_the_deadline_is_refused_unless_asked_for() {
    let programme = Programme::new("validate/clean");
    let path = programme
        .path()
        .join("submissions/2026/merton-front-door.md");
    let before = std::fs::read(&path).unwrap();
    // Today (2026-05-01) is after the deadline of 2026-04-24.
    let late = programme.run(&["approve", "2026/merton-front-door"]);
    assert_eq!(late.code, 2, "{}", late.transcript());
    assert!(
        late.stderr.contains("2026-05-01 is after the deadline")
            && late.stderr.contains("--date YYYY-MM-DD")
            && late.stderr.contains("--after-deadline"),
        "{}",
        late.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    // Before the deadline, today's date is recorded.
    let on_time = programme.run_on("2026-04-22", &["approve", "2026/merton-front-door"]);
    assert_eq!(on_time.code, 0, "{}", on_time.transcript());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("  date: 2026-04-22\n")
    );
    // Asked for, the late approval is recorded, and validate says what it means.
    let forced = programme.run(&["approve", "2026/merton-front-door", "--after-deadline"]);
    assert_eq!(forced.code, 0, "{}", forced.transcript());
    let codes: Vec<String> = programme
        .run(&["validate", "--format", "json"])
        .codes()
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    assert_eq!(codes, ["SP0206"]);
}

#[test]
fn approve_does_not_silently_replace_another_approver() {
    let programme = Programme::new("validate/clean");
    let path = programme
        .path()
        .join("submissions/2026/merton-front-door.md");
    let before = std::fs::read(&path).unwrap();
    let other = [
        "approve",
        "2026/merton-front-door",
        "--name",
        "Sam Okafor",
        "--role",
        "Assistant Director",
        "--date",
        "2026-04-21",
    ];
    let refused = programme.run(&other);
    assert_eq!(refused.code, 2, "{}", refused.transcript());
    assert!(
        refused
            .stderr
            .contains("already has an approval by Jo Barnes (DCS, Merton) of 2026-04-20")
            && refused.stderr.contains("--replace"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    let mut replace = other.to_vec();
    replace.push("--replace");
    let replaced = programme.run(&replace);
    assert_eq!(replaced.code, 0, "{}", replaced.transcript());
    assert!(
        replaced
            .stdout
            .contains("replaced the approval by Jo Barnes of 2026-04-20")
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains(
            "  name: \"Sam Okafor\"\n  role: \"Assistant Director\"\n  local_authority: \"Merton\"\n"
        ),
        "{after}"
    );
}

#[test]
fn approve_without_an_approval_names_the_flags_it_needs() {
    let programme = Programme::new("validate/clean");
    let relative = "submissions/2026/merton-front-door.md";
    let text = std::fs::read_to_string(programme.path().join(relative)).unwrap();
    let start = text.find("approval:\n").unwrap();
    let end = start + text[start..].find("\nsubmitted:").unwrap() + 1;
    let unsigned = format!("{}{}", &text[..start], &text[end..]);
    programme.write(relative, &unsigned);
    let run = programme.run(&["approve", "2026/merton-front-door", "--name", "Jo Barnes"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "has no approval yet, so say who signs: add --role ROLE --authority AUTHORITY"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(programme.path().join(relative)).unwrap(),
        unsigned
    );
}

#[test]
fn approve_on_a_joint_submission_adds_each_authoritys_director() {
    let programme = Programme::new("validate/joint");
    let relative = "submissions/2026/one-signed.md";
    let path = programme.path().join(relative);
    let unsigned = programme.run(&["validate", relative]);
    assert_eq!(unsigned.code, 1, "{}", unsigned.transcript());
    assert!(unsigned.stdout.contains("SP0213"), "{}", unsigned.stdout);

    let added = programme.run(&[
        "approve",
        "2026/one-signed",
        "--name",
        "Kim Lee",
        "--role",
        "DCS",
        "--authority",
        "Sutton",
        "--date",
        "2026-04-21",
    ]);
    assert_eq!(added.code, 0, "{}", added.transcript());
    assert!(
        added.stdout.contains(
            "added Sutton's approval beside the 1 already recorded: 2026/one-signed now has 2 approvals"
        ),
        "{}",
        added.stdout
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let approval = &text[text.find("approval:").unwrap()..text.find("submitted:").unwrap()];
    assert!(
        approval.contains("  - name: \"Jo Barnes\"") && approval.contains("  - name: \"Kim Lee\""),
        "both approvals are kept, as a list:\n{approval}"
    );
    assert!(
        approval.find("Jo Barnes") < approval.find("Kim Lee"),
        "{approval}"
    );
    let signed = programme.run(&["validate", relative]);
    assert_eq!(signed.code, 0, "{}", signed.transcript());

    let before = std::fs::read(&path).unwrap();
    let ambiguous = programme.run(&["approve", "2026/one-signed", "--date", "2026-04-22"]);
    assert_eq!(ambiguous.code, 2, "{}", ambiguous.transcript());
    assert!(
        ambiguous
            .stderr
            .contains("has 2 approvals (Merton, Sutton): say whose to record with --authority"),
        "{}",
        ambiguous.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

    let renewed = programme.run(&[
        "approve",
        "2026/one-signed",
        "--authority",
        "Sutton",
        "--date",
        "2026-04-22",
    ]);
    assert_eq!(renewed.code, 0, "{}", renewed.transcript());
    assert!(
        renewed
            .stdout
            .contains("replaced the approval by Kim Lee of 2026-04-21"),
        "{}",
        renewed.stdout
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("- name:").count(), 2, "{text}");
    assert!(
        text.contains("Jo Barnes") && text.contains("2026-04-20"),
        "Merton's is untouched"
    );
    assert_eq!(programme.run(&["validate", relative]).code, 0);
}

#[test]
fn approve_records_the_directors_email_and_keeps_it_when_they_sign_again() {
    let programme = Programme::new("validate/clean");
    let relative = "submissions/2026/merton-front-door.md";
    let path = programme.path().join(relative);
    let bad = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--email",
        "jo.barnes",
        "--date",
        "2026-04-21",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.transcript());
    assert!(
        bad.stderr.contains("`jo.barnes` is not an email address"),
        "{}",
        bad.stderr
    );
    let with_email = programme.run(&[
        "approve",
        "2026/merton-front-door",
        "--email",
        "jo.barnes@example.org",
        "--date",
        "2026-04-21",
    ]);
    assert_eq!(with_email.code, 0, "{}", with_email.transcript());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  email: \"jo.barnes@example.org\"\n"),
        "{text}"
    );
    let again = programme.run(&["approve", "2026/merton-front-door", "--date", "2026-04-22"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  date: 2026-04-22\n  email: \"jo.barnes@example.org\"\n"),
        "the same director keeps their address: {text}"
    );
    assert_eq!(programme.run(&["validate", relative]).code, 0);
    // A malformed address written by hand is a finding at its place.
    programme.write(
        relative,
        &text.replace("\"jo.barnes@example.org\"", "jo.barnes at example.org"),
    );
    let run = programme.run(&["validate", relative]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[SP0106]: `jo.barnes at example.org` is not an email address"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_command_sp0212_names_keeps_one_approval_per_authority() {
    let programme = Programme::new("validate/joint");
    let relative = "submissions/2026/signed-twice.md";
    let path = programme.path().join(relative);
    let before = std::fs::read(&path).unwrap();
    let asked = programme.run(&[
        "approve",
        "2026/signed-twice",
        "--authority",
        "Merton",
        "--date",
        "2026-04-22",
    ]);
    assert_eq!(asked.code, 2, "{}", asked.transcript());
    assert!(
        asked.stderr.contains(
            "has 2 approvals from Merton (Jo Barnes of 2026-04-20; Ade Bello of 2026-04-21), where one is allowed (SP0212): pass --replace"
        ),
        "{}",
        asked.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    let replaced = programme.run(&[
        "approve",
        "2026/signed-twice",
        "--authority",
        "Merton",
        "--replace",
        "--date",
        "2026-04-22",
    ]);
    assert_eq!(replaced.code, 0, "{}", replaced.transcript());
    assert!(
        replaced
            .stdout
            .contains("removed the other approval(s) from Merton: Ade Bello of 2026-04-21"),
        "{}",
        replaced.stdout
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("Ade Bello"), "{text}");
    let codes: Vec<String> = programme
        .run(&["validate", "--format", "json", relative])
        .codes()
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    assert_eq!(codes, ["SP0213"], "only Sutton's approval is missing now");
}
