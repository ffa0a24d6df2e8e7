//! `spotlight validate`, `list` and `explain` on fixture programmes: the clean programme in every
//! format, and one test per eligibility rule.

use chrono::Timelike as _;
use serde_json::json;

use crate::harness::{Programme, run_in, submission};

/// The codes found in `file` by `validate --format json`.
fn codes_in(programme: &Programme, file: &str) -> Vec<String> {
    let run = programme.run(&["validate", "--format", "json"]);
    run.codes()
        .into_iter()
        .filter(|(_, f, _)| f == file)
        .map(|(code, _, _)| code)
        .collect()
}

/// Writes one submission over the clean programme and returns the codes found in it.
fn codes_for(front: &str) -> Vec<String> {
    let programme = Programme::new("validate/clean");
    programme.write("submissions/2026/case.md", &submission(front));
    codes_in(&programme, "submissions/2026/case.md")
}

#[test]
fn the_clean_programme_passes_in_every_format() {
    let programme = Programme::new("validate/clean");
    let human = programme.run(&["validate"]);
    assert_eq!(human.code, 0, "{}", human.transcript());
    insta::assert_snapshot!("clean_human", human.transcript());
    insta::assert_snapshot!(
        "clean_json",
        programme
            .run(&["validate", "--format", "json"])
            .transcript()
    );
    insta::assert_snapshot!(
        "clean_github",
        programme
            .run(&["validate", "--format", "github"])
            .transcript()
    );
    insta::assert_snapshot!("clean_list", programme.run(&["list"]).transcript());
    insta::assert_snapshot!(
        "clean_list_json",
        programme.run(&["list", "--format", "json"]).transcript()
    );
}

#[test]
fn the_harness_submission_is_eligible_as_written() {
    assert_eq!(codes_for(""), Vec::<String>::new());
}

#[test]
fn rule_1_at_least_one_london_authority() {
    // The approver's Merton is then not a submitting authority either.
    assert_eq!(codes_for("local_authorities: []"), ["SP0202", "SP0205"]);
    assert_eq!(
        codes_for("local_authorities: [Surrey County Council]"),
        ["SP0202", "SP0201", "SP0205"]
    );
}

#[test]
fn rule_2_approval_role_authority_and_date() {
    assert_eq!(codes_for("approval: DELETE"), ["SP0203"]);
    let approval = |role: &str, la: &str, date: &str| {
        codes_for(&format!(
            "approval: {{name: Jo Barnes, role: {role}, local_authority: {la}, date: {date}}}"
        ))
    };
    assert_eq!(
        approval("Head of Service", "Merton", "2026-04-20"),
        ["SP0204"]
    );
    assert_eq!(
        approval("Practice Leader", "Sutton", "2026-04-20"),
        ["SP0205"]
    );
    assert_eq!(
        approval("Assistant Director", "Merton", "2026-04-25"),
        ["SP0206"]
    );
    // The test's today is 2026-05-01; a deadline in the future makes a future approval its own
    // finding rather than also a late one.
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &submission(
            "approval: {name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}",
        ),
    );
    let run = programme.run_on("2026-04-19", &["validate", "--format", "json"]);
    let found: Vec<_> = run
        .codes()
        .into_iter()
        .filter(|(_, f, _)| f.ends_with("case.md"))
        .map(|c| c.0)
        .collect();
    assert_eq!(found, ["SP0207"]);
}

#[test]
fn rule_3_the_deadline_is_judged_in_london_time() {
    // 23:30 UTC on deadline day is 00:30 BST on the 25th: late.
    assert_eq!(codes_for("submitted: 2026-04-24T23:30:00Z"), ["SP0208"]);
    // 23:59 BST on the 24th is in time.
    assert_eq!(
        codes_for("submitted: 2026-04-24T23:59:00+01:00"),
        Vec::<String>::new()
    );
    assert_eq!(
        codes_for("submitted: 2026-04-24T22:59:59Z"),
        Vec::<String>::new()
    );
    assert_eq!(codes_for("submitted: 2026-04-24"), Vec::<String>::new());
    assert_eq!(codes_for("submitted: 2026-04-25"), ["SP0208"]);
    assert_eq!(codes_for("submitted: DELETE"), ["SP0209"]);
}

#[test]
fn local_times_that_do_not_exist_or_happen_twice_are_refused() {
    assert_eq!(codes_for("submitted: 2026-03-29T01:30:00"), ["SP0010"]);
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &submission("submitted: 2026-10-25T01:30"),
    );
    let run = programme.run(&["validate"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("happens twice in London (at +01:00 and +00:00)"),
        "{}",
        run.stdout
    );
}

#[test]
fn rule_4_categories_exist_and_shine_is_complete() {
    assert_eq!(codes_for("categories: [helth]"), ["SP0301"]);
    assert_eq!(codes_for("categories: []"), ["SP0302"]);
    let programme = Programme::new("validate/clean");
    let text = submission("").replace(
        "## Impact\n\nRe-referrals fell and families said they were heard.\n\n",
        "",
    );
    programme.write("submissions/2026/case.md", &text);
    assert_eq!(codes_in(&programme, "submissions/2026/case.md"), ["SP0401"]);
}

#[test]
fn eligibility_is_reported_per_submission_in_json() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/late.md",
        &submission("submitted: 2026-04-24T23:30:00Z"),
    );
    let json = programme.run(&["validate", "--format", "json"]).json();
    let late = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "2026/late")
        .unwrap();
    assert_eq!(late["eligible"], false);
    assert_eq!(late["reasons"], serde_json::json!(["SP0208"]));
    let draft = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "2026/sutton-data-draft")
        .unwrap();
    assert_eq!(draft["eligible"], serde_json::Value::Null);
    assert_eq!(draft["status"], "draft");
    let earlier = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "2025/merton-early-help")
        .unwrap();
    assert_eq!(earlier["eligible"], serde_json::Value::Null);
}

#[test]
fn the_root_is_found_from_a_subfolder_and_its_absence_is_a_clear_error() {
    let programme = Programme::new("validate/clean");
    let run = run_in(
        &programme.path().join("submissions/2026"),
        &["--today", "2026-05-01", "validate", "-q"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let empty = tempfile::TempDir::new().unwrap();
    let run = run_in(empty.path(), &["validate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no categories.yaml"), "{}", run.stderr);
}

#[test]
fn explain_knows_every_code_and_refuses_unknown_ones() {
    let programme = Programme::new("validate/clean");
    let run = programme.run(&["explain", "sp0208"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("explain_sp0208", run.stdout);
    let list = programme.run(&["explain"]);
    assert!(list.stdout.lines().count() > 50);
    assert_eq!(programme.run(&["explain", "SP9999"]).code, 2);
}

#[test]
fn usage_errors_exit_2() {
    let programme = Programme::new("validate/clean");
    assert_eq!(programme.run(&["validate", "--format", "xml"]).code, 2);
    assert_eq!(programme.run(&["--today", "tomorrow", "validate"]).code, 2);
}

#[test]
fn colour_follows_the_flag_and_never_reaches_json_or_annotations() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &submission("local_authorities: [Mertn]"),
    );
    let root = programme.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--root", root, "--today", crate::harness::TODAY];
        all.extend_from_slice(args);
        std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"))
            .args(&all)
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    let has_escape =
        |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).contains('\u{1b}');
    assert!(has_escape(&run(&["--color", "always", "validate"])));
    assert!(!has_escape(&run(&["--color", "never", "validate"])));
    assert!(
        !has_escape(&run(&["validate"])),
        "auto: stdout is a pipe here"
    );
    assert!(!has_escape(&run(&[
        "--color", "always", "validate", "--format", "json"
    ])));
    assert!(!has_escape(&run(&[
        "--color", "always", "validate", "--format", "github"
    ])));
}

/// The findings in `submissions/2026/case.md` of a programme, as (code, line, column).
fn findings_in(programme: &Programme) -> Vec<(String, u64, u64)> {
    let run = programme.run(&["validate", "--format", "json"]);
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "submissions/2026/case.md")
        .map(|d| {
            let code = d["code"].as_str().unwrap().to_string();
            (
                code,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Writes one submission over the clean programme and returns its findings with positions.
fn findings_for(front: &str) -> Vec<(String, u64, u64)> {
    let programme = Programme::new("validate/clean");
    programme.write("submissions/2026/case.md", &submission(front));
    findings_in(&programme)
}

fn finding(code: &str, line: u64, column: u64) -> (String, u64, u64) {
    (code.to_string(), line, column)
}

/// The clean programme with `from` replaced by `to` in its categories.yaml.
fn with_setting(from: &str, to: &str) -> Programme {
    let programme = Programme::new("validate/clean");
    let path = programme.path().join("categories.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "categories.yaml has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    programme
}

#[test]
fn a_curly_quote_before_a_colon_is_a_finding_not_a_panic() {
    assert_eq!(
        findings_for("title: “Hope”: a new start"),
        [finding("SP0004", 2, 14)]
    );
    let programme = with_setting("theme: New & Emerging Practice", "theme: “New”: Emerging");
    let run = programme.run(&["validate"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("--> categories.yaml:5:15\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn scalar_and_blank_one_or_many_fields_are_reported_at_their_own_key() {
    let programme = Programme::new("validate/clean");
    programme.write("submissions/2026/case.md", &submission("categories:"));
    let run = programme.run(&["validate", "--format", "json"]);
    let empty = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "submissions/2026/case.md")
        .cloned()
        .unwrap();
    assert_eq!(empty["message"], "`categories` is empty");
    assert_eq!(findings_in(&programme), [finding("SP0105", 3, 11)]);
    assert_eq!(findings_for("categories: 5"), [finding("SP0301", 3, 13)]);
    assert_eq!(findings_for("categories: true"), [finding("SP0301", 3, 13)]);
    assert_eq!(
        findings_for("local_authorities: ~"),
        [finding("SP0105", 4, 20), finding("SP0205", 6, 85)]
    );
    assert_eq!(findings_for("partners: 5"), []);
}

#[test]
fn an_unreadable_deadline_or_time_zone_makes_no_entry_eligible() {
    for (from, to) in [
        ("deadline: 2026-04-24", "deadline: 2026-04-31"),
        ("timezone: Europe/London", "timezone: Europe/Londres"),
    ] {
        let programme = with_setting(from, to);
        programme.write(
            "submissions/2026/case.md",
            &submission("submitted: 2026-06-30"),
        );
        let run = programme.run(&["validate", "--format", "json"]);
        assert_eq!(run.code, 1, "{to}");
        let json = run.json();
        let judged: Vec<(&str, &serde_json::Value, &serde_json::Value)> = json["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["eligible"] != serde_json::Value::Null)
            .map(|s| (s["id"].as_str().unwrap(), &s["eligible"], &s["reasons"]))
            .collect();
        let reasons = serde_json::json!(["SP0704"]);
        let no = serde_json::json!(false);
        assert_eq!(
            judged,
            [
                ("2026/case", &no, &reasons),
                ("2026/kingston-crlf-bom", &no, &reasons),
                ("2026/merton-front-door", &no, &reasons)
            ],
            "{to}"
        );
    }
}

#[test]
fn today_defaults_to_the_date_in_the_programme_time_zone() {
    // A zone whose date differs from UTC's now: 14 hours ahead late in the UTC day, 12 behind
    // early in it. Approved "today" there is never in the future; "tomorrow" there always is.
    let now = chrono::Utc::now();
    let name = if now.hour() >= 12 {
        "Pacific/Kiritimati"
    } else {
        "Etc/GMT+12"
    };
    let zone: chrono_tz::Tz = name.parse().unwrap();
    let today = now.with_timezone(&zone).date_naive();
    let programme = with_setting("timezone: Europe/London", &format!("timezone: {name}"));
    let path = programme.path().join("categories.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        path,
        text.replace("2026-04-24", "2099-12-31")
            .replace("2026-05-29", "2100-01-31"),
    )
    .unwrap();
    let codes_when_approved = |date: chrono::NaiveDate| {
        programme.write(
            "submissions/2026/case.md",
            &submission(&format!(
                "approval: {{name: Jo Barnes, role: DCS, local_authority: Merton, date: {date}}}\nsubmitted: {today}"
            )),
        );
        let root = programme.path().to_str().unwrap();
        let run = run_in(
            programme.path(),
            &["--root", root, "validate", "--format", "json"],
        );
        let codes: Vec<String> = run
            .codes()
            .into_iter()
            .filter(|(_, f, _)| f.ends_with("case.md"))
            .map(|(code, _, _)| code)
            .collect();
        codes
    };
    let on_the_day = codes_when_approved(today);
    let next_day = codes_when_approved(today.succ_opt().unwrap());
    if chrono::Utc::now().with_timezone(&zone).date_naive() == today {
        assert_eq!(on_the_day, Vec::<String>::new(), "approved today in {name}");
        assert_eq!(next_day, ["SP0207"], "approved tomorrow in {name}");
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &submission("local_authorities: [Mertn]"),
    );
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let root = programme.path().to_str().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_spotlight"))
        .args(["--root", root, "--today", crate::harness::TODAY, "validate"])
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_file_without_sections_gets_one_finding_not_five() {
    let programme = Programme::new("validate/clean");
    let text = submission("");
    let front = &text[..text.find("## Setting").unwrap()];
    programme.write(
        "submissions/2026/case.md",
        &format!("{front}Text, but no headings.\n"),
    );
    let run = programme.run(&["validate", "--format", "json"]);
    let json = run.json();
    let missing: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "SP0401")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(
        missing[0]["message"],
        "the submission has no SHINE sections"
    );
    assert_eq!(
        (&missing[0]["line"], &missing[0]["column"]),
        (&json!(11), &json!(1))
    );
}

#[test]
fn missing_sections_are_reported_in_shine_order() {
    let programme = Programme::new("validate/clean");
    let text = submission("");
    let end = text.find("## How").unwrap();
    programme.write("submissions/2026/case.md", &text[..end]);
    let run = programme.run(&["validate", "--format", "json"]);
    let messages: Vec<String> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "SP0401")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "the `How` section is missing",
            "the `Impact` section is missing",
            "the `Next Steps` section is missing",
            "the `Evolve` section is missing"
        ]
    );
}

#[test]
fn a_submission_cannot_supersede_itself() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/case.md",
        &submission("supersedes: 2026/case"),
    );
    assert_eq!(findings_in(&programme), [finding("SP0103", 9, 13)]);
    let run = programme.run(&["validate"]);
    assert!(
        run.stdout.contains("a submission cannot supersede itself"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_yaml_timestamp_with_a_space_before_its_offset_is_read() {
    assert_eq!(findings_for("submitted: 2026-04-24 23:59:00 +01:00"), []);
    assert_eq!(
        findings_for("submitted: 2026-04-25 00:30:00 +01:00"),
        [finding("SP0208", 7, 12)]
    );
}

#[test]
fn an_approval_after_an_exact_deadline_on_deadline_day_is_late() {
    let programme = with_setting(
        "deadline: 2026-04-24",
        "deadline: 2026-04-24T17:00:00+01:00",
    );
    let approval = |date: &str| {
        submission(&format!(
            "approval: {{name: Jo Barnes, role: DCS, local_authority: Merton, date: {date}}}\nsubmitted: 2026-04-24T16:00:00+01:00"
        ))
    };
    programme.write(
        "submissions/2026/case.md",
        &approval("2026-04-24T17:30:00+01:00"),
    );
    assert_eq!(findings_in(&programme), [finding("SP0206", 6, 71)]);
    programme.write("submissions/2026/case.md", &approval("2026-04-24"));
    assert_eq!(findings_in(&programme), [], "a date is the whole day");
}

#[test]
fn an_empty_programme_file_says_it_is_empty() {
    let programme = Programme::new("validate/clean");
    programme.write("categories.yaml", "");
    let run = programme.run(&["validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error[SP0007]: categories.yaml is empty"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`programme:`"), "{}", run.stderr);
}

#[test]
fn list_keeps_a_multi_line_title_on_its_row() {
    let programme = Programme::new("validate/clean");
    let text = submission("").replace(
        "title: A single front door for family help",
        "title: |\n  A single front door\n  for family help",
    );
    programme.write("submissions/2026/case.md", &text);
    let run = programme.run(&["list"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("2026/case "))
        .unwrap();
    assert!(
        row.ends_with("A single front door for family help"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1 + 5, "a header and five rows");
}

#[test]
fn personal_data_in_a_reviews_reflections_is_found_where_it_is_but_not_in_private_notes() {
    let programme = Programme::new("validate/clean");
    let path = "reviews/2026/merton-front-door/ada-mensah.md";
    programme.write(
        path,
        "---\nsubmission: 2026/merton-front-door\nreviewer: ada-mensah\ncategory: health\nstatus: complete\nrating: 4\nshowcase: true\n---\n\n## Reflections\n\nA model of listening to families first. Call Dee on 020 7946 0123\nor write to dee.hart@example.org; we met J.B. (DOB 04/05/2011) at SW9 8AB.\nNHS 943 476 5919 was read out.\n\n## Notes for the panel\n\nThe family at SW9 8AB, 020 7946 0999, nhs 943 476 5919.\n",
    );
    let run = programme.run(&["validate", "--format", "json"]);
    let mut found: Vec<(String, u64)> = run
        .codes()
        .into_iter()
        .filter(|(_, file, _)| file == path)
        .map(|(code, _, line)| (code, line))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("SP0601".to_string(), 14),
            ("SP0602".to_string(), 13),
            ("SP0603".to_string(), 12),
            ("SP0604".to_string(), 13),
            ("SP0605".to_string(), 13),
        ],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1, "an NHS number is an error");
    let message = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == path && d["code"] == "SP0603")
        .unwrap()["message"]
        .clone();
    assert_eq!(
        message,
        "`## Reflections` contains a phone number, and it is quoted word for word in the recognition letter"
    );
}
