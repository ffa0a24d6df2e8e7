//! The corpus of broken programmes: one fixture per rule family under
//! `tests/fixtures/validate/<case>/`, validated in every format and compared with snapshots.
//! Besides the snapshots, each case pins the exact line and column of its key findings, so a
//! snapshot update cannot quietly move a caret.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::harness::{Programme, Run, submission};

/// Runs `validate` on a fixture in the human, github and json formats, checks each ends with
/// `exit`, snapshots the three transcripts as `<name>_human`, `<name>_github` and
/// `<name>_json`, and returns the JSON run.
fn validate_in_every_format(case: &str, name: &str, exit: i32) -> Run {
    let programme = Programme::new(&format!("validate/{case}"));
    let human = programme.run(&["validate"]);
    let github = programme.run(&["validate", "--format", "github"]);
    let json = programme.run(&["validate", "--format", "json"]);
    for run in [&human, &github, &json] {
        assert_eq!(run.code, exit, "{}", run.transcript());
    }
    insta::assert_snapshot!(format!("{name}_human"), human.transcript());
    insta::assert_snapshot!(format!("{name}_github"), github.transcript());
    insta::assert_snapshot!(format!("{name}_json"), json.transcript());
    json
}

/// The diagnostics of a JSON run.
fn diagnostics(run: &Run) -> Vec<Value> {
    run.json()["diagnostics"].as_array().unwrap().clone()
}

/// The one diagnostic with `code` at `file:line:column`; fails with the file's findings if
/// there is none.
fn at(run: &Run, code: &str, file: &str, line: u64, column: u64) -> Value {
    let all = diagnostics(run);
    let found = all.iter().find(|d| {
        d["code"] == code && d["file"] == file && d["line"] == line && d["column"] == column
    });
    match found {
        Some(d) => d.clone(),
        None => {
            let in_file: Vec<String> = all
                .iter()
                .filter(|d| d["file"] == file)
                .map(|d| format!("{} {}:{}", d["code"], d["line"], d["column"]))
                .collect();
            panic!("no {code} at {file}:{line}:{column}; the file has {in_file:?}")
        }
    }
}

/// The codes found in `file`, in report order.
fn codes_in(run: &Run, file: &str) -> Vec<String> {
    diagnostics(run)
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// Every code a JSON run reported.
fn codes_of(run: &Run) -> BTreeSet<String> {
    codes_in_all(&diagnostics(run))
}

fn codes_in_all(diagnostics: &[Value]) -> BTreeSet<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

const FRONT_MATTER: &str = "submissions/2026";

#[test]
fn front_matter_and_file_problems() {
    let run = validate_in_every_format("front-matter", "front_matter", 1);
    let file = |name: &str| format!("{FRONT_MATTER}/{name}");
    at(&run, "SP0001", &file("invalid-utf8.md"), 2, 11);
    at(&run, "SP0001", &file("nul-byte.md"), 5, 22);
    at(&run, "SP0002", &file("no-front-matter.md"), 1, 1);
    at(&run, "SP0003", &file("unclosed-fence.md"), 1, 1);
    // The body of an unclosed file is unknown: no section can be said to be missing.
    assert_eq!(codes_in(&run, &file("unclosed-fence.md")), ["SP0003"]);
    let syntax = at(&run, "SP0004", &file("yaml-syntax.md"), 3, 13);
    assert_eq!(
        syntax["message"],
        "YAML syntax error: this `[` is never closed"
    );
    let unknown = at(&run, "SP0005", &file("unknown-key.md"), 3, 1);
    assert_eq!(unknown["help"], "did you mean `categories`?");
    let nested = at(&run, "SP0005", &file("nested-unknown-key.md"), 7, 3);
    assert_eq!(nested["help"], "did you mean `name`?");
    at(&run, "SP0006", &file("list-for-text.md"), 2, 8);
    let status = at(&run, "SP0006", &file("invalid-status.md"), 6, 9);
    assert_eq!(status["help"], "did you mean `submitted`?");
    at(&run, "SP0007", &file("missing-field.md"), 5, 1);
    at(&run, "SP0007", &file("empty-front-matter.md"), 2, 1);
    at(&run, "SP0008", &file("duplicate-key.md"), 5, 1);
    at(&run, "SP0009", &file("unreadable-date.md"), 7, 12);
    at(&run, "SP0010", &file("clocks-go-back.md"), 6, 12);
    at(&run, "SP0101", &file("Bad_Name.md"), 1, 1);
    at(&run, "SP0108", "submissions/stray.md", 1, 1);
}

#[test]
fn files_too_large_or_differing_only_in_case() {
    let programme = Programme::new("validate/clean");
    programme.write(
        "submissions/2026/huge.md",
        &"a".repeat(spotlight::source::MAX_FILE_BYTES as usize + 1),
    );
    programme.write("submissions/2026/Merton-Front-Door.md", &submission(""));
    let run = programme.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    let huge = at(&run, "SP0001", "submissions/2026/huge.md", 1, 1);
    assert_eq!(
        huge["message"],
        "the file is 1048577 bytes; the limit is 1048576"
    );
    let names = std::fs::read_dir(programme.path().join("submissions/2026"))
        .unwrap()
        .count();
    // On a file system that ignores case the second file replaced the first: nothing to clash.
    if names == 5 {
        let clash = at(
            &run,
            "SP0102",
            "submissions/2026/merton-front-door.md",
            1,
            1,
        );
        assert_eq!(
            clash["message"],
            "this file has the same id as submissions/2026/Merton-Front-Door.md"
        );
    }
}

#[test]
fn authorities() {
    let run = validate_in_every_format("authorities", "authorities", 1);
    let typo = at(&run, "SP0201", "submissions/2026/sutton-typo.md", 4, 21);
    assert!(
        typo["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `Merton`?"),
        "{typo}"
    );
    at(
        &run,
        "SP0210",
        "submissions/2026/brent-initialism.md",
        4,
        21,
    );
    let county = at(
        &run,
        "SP0201",
        "submissions/2026/croydon-surrey-border.md",
        4,
        30,
    );
    assert!(
        county["help"].as_str().unwrap().contains("`partners`"),
        "{county}"
    );
    at(&run, "SP0109", "submissions/2026/merton-repeat.md", 4, 29);
    at(&run, "SP0109", "submissions/2026/merton-repeat.md", 4, 55);
    at(&run, "SP0202", "submissions/2026/kent-only.md", 4, 20);
    // A lone authority, not in a list, still has its own position.
    at(
        &run,
        "SP0201",
        "submissions/2026/hackney-one-name.md",
        4,
        20,
    );
}

#[test]
fn eligibility() {
    let run = validate_in_every_format("eligibility", "eligibility", 1);
    let file = |name: &str| format!("submissions/2026/{name}");
    at(&run, "SP0202", &file("no-london-authority.md"), 4, 20);
    at(&run, "SP0203", &file("no-approval.md"), 7, 9);
    at(&run, "SP0204", &file("wrong-approver.md"), 8, 9);
    at(&run, "SP0205", &file("wrong-approver.md"), 9, 20);
    at(&run, "SP0206", &file("late-approval.md"), 6, 86);
    at(&run, "SP0207", &file("future-approval.md"), 6, 86);
    at(&run, "SP0208", &file("late.md"), 7, 12);
    at(&run, "SP0209", &file("no-submitted-date.md"), 7, 9);
    at(&run, "SP0010", &file("clocks-go-forward.md"), 7, 12);
    at(&run, "SP0301", &file("unknown-category.md"), 3, 14);
    at(&run, "SP0109", &file("unknown-category.md"), 3, 27);
    at(&run, "SP0302", &file("no-category.md"), 3, 13);
    let json = run.json();
    let eligible: Vec<&Value> = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["eligible"] != false)
        .collect();
    assert!(
        eligible.is_empty(),
        "every entry breaks a rule: {eligible:?}"
    );
}

#[test]
fn joint_approvals() {
    let run = validate_in_every_format("joint", "joint", 1);
    let file = |name: &str| format!("submissions/2026/{name}");
    at(&run, "SP0213", &file("one-signed.md"), 4, 29);
    at(&run, "SP0213", &file("signed-twice.md"), 4, 29);
    at(&run, "SP0212", &file("signed-twice.md"), 13, 22);
    assert_eq!(
        codes_in(&run, &file("both-signed.md")),
        Vec::<String>::new()
    );
    let json = run.json();
    let verdicts: Vec<(&str, &Value)> = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), &s["eligible"]))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("2026/both-signed", &Value::Bool(true)),
            ("2026/one-signed", &Value::Bool(false)),
            ("2026/signed-twice", &Value::Bool(false)),
        ]
    );
}

#[test]
fn shine_sections() {
    let run = validate_in_every_format("shine", "shine", 1);
    let file = |name: &str| format!("submissions/2026/{name}");
    at(&run, "SP0401", &file("missing-section.md"), 19, 1);
    at(&run, "SP0402", &file("out-of-order.md"), 15, 1);
    at(&run, "SP0402", &file("out-of-order.md"), 31, 1);
    at(&run, "SP0403", &file("empty-section.md"), 23, 1);
    let long = at(&run, "SP0404", &file("over-the-limit.md"), 11, 1);
    assert_eq!(
        long["message"],
        "`Setting the Scene` has 77 words; the limit is 60"
    );
    at(&run, "SP0405", &file("unexpected-heading.md"), 15, 1);
    at(&run, "SP0405", &file("unexpected-heading.md"), 27, 1);
    at(&run, "SP0406", &file("duplicate-section.md"), 23, 1);
    at(&run, "SP0407", &file("text-before-sections.md"), 11, 1);
    assert_eq!(
        codes_in(&run, &file("letter-prefixed.md")),
        Vec::<String>::new()
    );
}

#[test]
fn files_a_submission_links_to_or_pictures() {
    let run = validate_in_every_format("attachments", "attachments", 1);
    let file = "submissions/2026/haringey-youth-hub.md";
    let alt = at(&run, "SP0410", file, 19, 52);
    assert_eq!(alt["severity"], "warning");
    let missing = at(&run, "SP0408", file, 23, 42);
    assert_eq!(
        missing["help"],
        "did you mean `Evaluation.pdf`? Names are case-sensitive"
    );
    at(&run, "SP0409", file, 24, 1);
    let outside = at(&run, "SP0409", file, 28, 26);
    assert_eq!(
        outside["message"],
        "`../2025/haringey.png` is outside submissions/2026/"
    );
    // The picture with alt text that exists, and the web address, are fine.
    assert_eq!(diagnostics(&run).len(), 4, "{}", run.stdout);
}

#[test]
fn form_of_a_submission() {
    let run = validate_in_every_format("form", "form", 1);
    let file = |name: &str| format!("submissions/2026/{name}");
    let changed = at(&run, "SP0211", &file("changed-after-approval.md"), 6, 103);
    assert_eq!(
        changed["message"],
        "the text has changed since Jo Barnes approved it on 2026-04-20"
    );
    let summary = at(&run, "SP0104", &file("long-summary.md"), 9, 10);
    assert_eq!(
        summary["message"],
        "the summary has 87 words; the limit is 80"
    );
    at(&run, "SP0105", &file("empty-title.md"), 2, 8);
    at(&run, "SP0106", &file("bad-contact-email.md"), 5, 62);
    at(&run, "SP0107", &file("script-link.md"), 11, 28);
    at(&run, "SP0303", &file("unknown-theme.md"), 9, 10);
    at(&run, "SP0109", &file("unknown-theme.md"), 9, 42);
    let nowhere = at(&run, "SP0103", &file("supersedes-nowhere.md"), 9, 13);
    assert_eq!(nowhere["help"], "did you mean `2025/merton-early-help`?");
    at(&run, "SP0103", &file("supersedes-same-edition.md"), 9, 13);
    at(&run, "SP0103", &file("supersedes-second.md"), 9, 13);
    assert_eq!(
        codes_in(&run, &file("supersedes-first.md")),
        Vec::<String>::new()
    );
    // Earlier editions are checked for form only: their categories, themes and word limits
    // belong to their own year.
    assert_eq!(
        codes_in(&run, "submissions/2025/merton-early-help.md"),
        Vec::<String>::new()
    );
    assert_eq!(
        codes_in(&run, "submissions/2025/merton-bad-form.md"),
        ["SP0201", "SP0106"]
    );
}

#[test]
fn personal_data_in_public_text() {
    let run = validate_in_every_format("privacy", "privacy", 1);
    let file = "submissions/2026/islington-health-visiting.md";
    let nhs = at(&run, "SP0601", file, 18, 16);
    assert_eq!(nhs["severity"], "error");
    at(&run, "SP0605", file, 18, 30);
    // Inside a quoted value the caret sits on the finding, not one column before it.
    at(&run, "SP0604", file, 2, 28);
    at(&run, "SP0602", file, 8, 46);
    at(&run, "SP0603", file, 3, 27);
    at(&run, "SP0602", file, 22, 20);
    at(&run, "SP0603", file, 22, 47);
    at(&run, "SP0604", file, 26, 12);
    at(&run, "SP0604", file, 26, 23);
    assert_eq!(
        codes_in(&run, "submissions/2026/camden-clean-numbers.md"),
        Vec::<String>::new()
    );
}

#[test]
fn review_files() {
    let run = validate_in_every_format("reviews", "reviews", 1);
    let file = |path: &str| format!("reviews/2026/{path}");
    at(&run, "SP0108", &file("ada-mensah.md"), 1, 1);
    let path = at(&run, "SP0501", &file("hounslow-youth/ines-costa.md"), 3, 11);
    assert_eq!(
        path["message"],
        "`reviewer` is `ada-mensah` but the file's path says `ines-costa`"
    );
    at(
        &run,
        "SP0501",
        &file("hounslow-youth/omar-farouk.md"),
        2,
        13,
    );
    let unknown = at(&run, "SP0502", &file("merton-hb/lena-fischer.md"), 2, 13);
    assert_eq!(unknown["help"], "did you mean `2026/merton-hub`?");
    at(
        &run,
        "SP0503",
        &file("lambeth-kinship/zara-quinn.md"),
        3,
        11,
    );
    at(&run, "SP0504", &file("sutton-data/lena-fischer.md"), 3, 11);
    at(&run, "SP0505", &file("merton-hub/tom-reilly.md"), 4, 11);
    let own = at(
        &run,
        "SP0506",
        &file("lambeth-kinship/ada-mensah.md"),
        3,
        11,
    );
    assert!(
        own["message"]
            .as_str()
            .unwrap()
            .contains("works for Lambeth")
    );
    let declared = at(
        &run,
        "SP0506",
        &file("camden-whittington/omar-farouk.md"),
        3,
        11,
    );
    assert!(
        declared["message"]
            .as_str()
            .unwrap()
            .contains("Whittington Health NHS Trust")
    );
    let named = at(&run, "SP0506", &file("sutton-data/ruth-obi.md"), 3, 11);
    assert!(named["message"].as_str().unwrap().contains("named"));
    at(&run, "SP0507", &file("merton-hub/ruth-obi.md"), 5, 9);
    at(&run, "SP0507", &file("sutton-data/lena-fischer.md"), 5, 9);
    at(&run, "SP0006", &file("hounslow-youth/ruth-obi.md"), 6, 9);
    at(
        &run,
        "SP0006",
        &file("camden-whittington/ruth-obi.md"),
        5,
        9,
    );
    let twice = at(&run, "SP0508", &file("merton-hub/omar-farouk.md"), 3, 11);
    assert_eq!(
        twice["message"],
        "omar-farouk already reviews 2026/merton-hub in reviews/2026/hounslow-youth/omar-farouk.md"
    );
    at(&run, "SP0509", &file("merton-hub/ines-costa.md"), 3, 11);
    at(&run, "SP0510", &file("merton-hub/tom-reilly.md"), 3, 11);
    at(&run, "SP0511", &file("hounslow-youth/ruth-obi.md"), 13, 1);
    at(
        &run,
        "SP0511",
        &file("hounslow-youth/lena-fischer.md"),
        9,
        1,
    );
    at(&run, "SP0512", &file("merton-hub/omar-farouk.md"), 1, 1);
}

#[test]
fn an_html_comment_is_not_section_text() {
    let run = Programme::new("validate/shine").run(&["validate", "--format", "json"]);
    let file = "submissions/2026/html-comments.md";
    // Evolve holds only a comment; Next Steps' comment would put it over its limit of 40 words.
    at(&run, "SP0403", file, 33, 1);
    assert_eq!(codes_in(&run, file), ["SP0403"]);
}

#[test]
fn reviews_of_an_earlier_edition_are_checked_for_form_only() {
    let run = Programme::new("validate/reviews").run(&["validate", "--format", "json"]);
    // Its category was retired after 2025, and it does not count toward Tom Reilly's 2026 cap
    // of one: that stays with the first 2026 review, so only the second is over.
    assert_eq!(
        codes_in(&run, "reviews/2025/merton-early-help/tom-reilly.md"),
        Vec::<String>::new()
    );
    // Only the slot is over-filled: Ruth Obi's review there (whose `status` cannot be read) is
    // still a review of that slot, the third, so the last file by name is the extra one.
    assert_eq!(
        codes_in(&run, "reviews/2026/camden-whittington/tom-reilly.md"),
        ["SP0512"]
    );
    at(
        &run,
        "SP0510",
        "reviews/2026/merton-hub/tom-reilly.md",
        3,
        11,
    );
}

#[test]
fn one_reviewer_twice_in_a_slot_is_not_two_reviewers_from_one_authority() {
    let programme = Programme::new("validate/clean");
    let review = "---\nsubmission: 2026/merton-front-door\nreviewer: omar-farouk\ncategory: data\nstatus: assigned\n---\n\n## Reflections\n";
    programme.write("reviews/2026/merton-front-door/omar-farouk.md", review);
    programme.write("reviews/2026/kingston-crlf-bom/omar-farouk.md", review);
    let run = programme.run(&["validate", "--format", "json"]);
    let codes = codes_in(&run, "reviews/2026/merton-front-door/omar-farouk.md");
    assert_eq!(codes, ["SP0508"], "{}", run.stdout);
}

#[test]
fn the_programme_file() {
    let run = validate_in_every_format("programme", "programme", 1);
    let file = "categories.yaml";
    let unknown = at(&run, "SP0701", file, 25, 37);
    assert!(
        unknown["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `omar-farouk`?")
    );
    at(&run, "SP0702", file, 26, 9);
    at(&run, "SP0702", file, 27, 13);
    at(&run, "SP0702", file, 45, 10);
    at(&run, "SP0703", file, 31, 9);
    at(&run, "SP0704", file, 6, 13);
    at(&run, "SP0704", file, 8, 20);
    at(&run, "SP0705", file, 31, 9);
    at(&run, "SP0706", file, 44, 85);
    at(&run, "SP0707", file, 43, 10);
    at(&run, "SP0106", file, 45, 43);
}

#[test]
fn a_broken_programme_file_stops_the_run() {
    let syntax = validate_in_every_format("programme-broken/syntax", "programme_syntax", 2);
    assert!(syntax.stdout.is_empty(), "{}", syntax.stdout);
    assert!(
        syntax.stderr.contains("--> categories.yaml:12:19\n"),
        "{}",
        syntax.stderr
    );
    assert!(syntax.stderr.contains("this `[` is never closed"));
    // In CI the broken file is still annotated in the pull request.
    let programme = Programme::new("validate/programme-broken/syntax");
    let github = programme.run(&["validate", "--format", "github"]);
    assert!(
        github
            .stdout
            .starts_with("::error file=categories.yaml,line=12,col=19,"),
        "{}",
        github.stdout
    );
    let setting = validate_in_every_format(
        "programme-broken/unknown-setting",
        "programme_unknown_setting",
        2,
    );
    assert!(setting.stderr.contains("--> categories.yaml:11:3\n"));
    assert!(
        setting
            .stderr
            .contains("did you mean `reviewers_per_submission`?")
    );
}

#[test]
fn validate_with_a_path_reports_only_that_file() {
    let programme = Programme::new("validate/front-matter");
    let file = "submissions/2026/unknown-key.md";
    let run = programme.run(&["validate", file, "--format", "json"]);
    assert_eq!(run.code, 1);
    let json = run.json();
    assert_eq!(json["files"], 1);
    let files: BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, BTreeSet::from([file]));
    let human = programme.run(&["validate", file]);
    insta::assert_snapshot!("one_file_human", human.transcript());
    // A clean file is clean even when the rest of the programme is not.
    let clean = programme.run(&["validate", "submissions/2026/Bad_Name.md", "-q"]);
    assert_eq!(clean.code, 1, "Bad_Name.md has its own finding");
}

#[test]
fn validate_with_a_folder_reports_every_file_under_it() {
    let programme = Programme::new("validate/front-matter");
    let json = |args: &[&str]| {
        let mut all = vec!["validate", "--format", "json"];
        all.extend_from_slice(args);
        programme.run(&all).json()
    };
    let everything = json(&[]);
    for folder in ["submissions", "."] {
        let run = json(&[folder]);
        assert_eq!(run["diagnostics"], everything["diagnostics"], "{folder}");
        assert_eq!(run["submissions"], everything["submissions"], "{folder}");
    }
    let editions = json(&["submissions/2026/"]);
    let outside: Vec<&Value> = editions["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["file"].as_str().unwrap().starts_with("submissions/2026/"))
        .collect();
    assert_eq!(outside, Vec::<&Value>::new());
    let all_errors = everything["errors"].as_u64().unwrap();
    assert_eq!(
        editions["errors"],
        all_errors - 1,
        "all but submissions/stray.md"
    );
    // `files` counts the files loaded (or refused) under the folder, each once.
    let loaded = std::fs::read_dir(programme.path().join("submissions/2026"))
        .unwrap()
        .count();
    assert_eq!(editions["files"], loaded);
    let file = "submissions/2026/unknown-key.md";
    assert_eq!(json(&[file, file, "submissions/2026/"])["files"], loaded);
    assert_eq!(json(&[file, file])["files"], 1);
}

#[test]
fn links_and_upper_case_extensions_are_reported_not_skipped() {
    let programme = Programme::new("validate/clean");
    programme.write("submissions/2026/Case.MD", &submission(""));
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        programme
            .path()
            .join("submissions/2026/merton-front-door.md"),
        programme.path().join("submissions/2026/link.md"),
    )
    .unwrap();
    let run = programme.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let case = at(&run, "SP0108", "submissions/2026/Case.MD", 1, 1);
    assert_eq!(case["help"], "rename it to `Case.md`");
    #[cfg(unix)]
    {
        let link = at(&run, "SP0001", "submissions/2026/link.md", 1, 1);
        assert!(
            link["message"]
                .as_str()
                .unwrap()
                .contains("does not follow links")
        );
    }
}

#[test]
fn deny_warnings_fails_a_programme_with_only_warnings() {
    let programme = Programme::new("validate/clean");
    let text = submission("").replace("## How", "## Background\n\nIt began in 2024.\n\n## How");
    programme.write("submissions/2026/case.md", &text);
    let run = programme.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(codes_of(&run), BTreeSet::from(["SP0405".to_string()]));
    let denied = programme.run(&["validate", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.transcript());
    assert!(denied.stdout.contains("warning[SP0405]"));
}

/// Every code `spotlight explain` knows is reported somewhere in the corpus, so a new code
/// cannot ship without a fixture.
#[test]
fn the_corpus_exercises_every_code() {
    let mut found = BTreeSet::new();
    for case in [
        "front-matter",
        "authorities",
        "eligibility",
        "joint",
        "shine",
        "attachments",
        "form",
        "privacy",
        "reviews",
        "programme",
    ] {
        let programme = Programme::new(&format!("validate/{case}"));
        found.extend(codes_of(&programme.run(&["validate", "--format", "json"])));
    }
    let programme = Programme::new("validate/clean");
    let text = submission("");
    programme.write("submissions/2026/merton-hub.md", &text);
    programme.write("submissions/2026/Merton-Hub.md", &text);
    let clash = programme.run(&["validate", "--format", "json"]);
    found.extend(codes_of(&clash));
    let case_sensitive = programme
        .path()
        .join("submissions/2026/merton-hub.md")
        .exists()
        && std::fs::read_dir(programme.path().join("submissions/2026"))
            .unwrap()
            .count()
            == 5;
    let list = Programme::new("validate/clean").run(&["explain"]);
    let missing: Vec<&str> = list
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|code| !found.contains(*code))
        .filter(|&code| case_sensitive || code != "SP0102")
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "codes no fixture reports");
}
