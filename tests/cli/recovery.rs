//! A file with mistakes is read past them: every problem of the file is reported at once, and a
//! broken file is never dropped from counts, lists or the commands that leave it out.

use crate::harness::{Programme, Run};

const SEVERAL: &str = "submissions/2026/several-errors.md";
const UNKNOWN_AND_AUTHORITY: &str = "submissions/2026/unknown-key-and-authority.md";

/// (code, line, column) of each finding in `file`, in report order, from a JSON run.
fn findings(run: &Run, file: &str) -> Vec<(String, u64, u64)> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The verdict `validate --format json` gives `id`.
fn verdict(run: &Run, id: &str) -> serde_json::Value {
    run.json()["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no verdict for {id}"))
}

#[test]
fn several_independent_errors_in_one_file_are_each_reported_at_their_line() {
    let run = Programme::new("recovery").run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&run, SEVERAL),
        [
            ("SP0006".to_string(), 2, 8),
            ("SP0005".to_string(), 3, 1),
            ("SP0005".to_string(), 5, 29),
            ("SP0006".to_string(), 8, 9),
            ("SP0401".to_string(), 25, 1),
        ],
        "{}",
        run.transcript()
    );
    // Its status could not be read, but it sits in the current edition: judged, and ineligible
    // for what its file says.
    let verdict = verdict(&run, "2026/several-errors");
    assert_eq!(verdict["status"], serde_json::Value::Null);
    assert_eq!(verdict["eligible"], false);
    assert_eq!(
        verdict["reasons"],
        serde_json::json!(["SP0005", "SP0006", "SP0401"])
    );
}

#[test]
fn an_unknown_key_does_not_hide_an_ineligible_authority() {
    let run = Programme::new("recovery").run(&["validate", "--format", "json"]);
    let codes: Vec<(String, u64, u64)> = findings(&run, UNKNOWN_AND_AUTHORITY);
    assert!(codes.contains(&("SP0005".into(), 3, 1)), "{codes:?}");
    assert!(codes.contains(&("SP0201".into(), 4, 21)), "{codes:?}");
    // `categorys` was taken for `categories`: that is one finding, not a second "missing".
    assert!(!codes.iter().any(|(c, _, _)| c == "SP0007"), "{codes:?}");
    let verdict = verdict(&run, "2026/unknown-key-and-authority");
    assert_eq!(verdict["status"], "submitted");
    assert_eq!(verdict["eligible"], false);
    let good = verdict_of_good(&run);
    assert_eq!(
        good["eligible"], true,
        "the good entry beside them is unaffected"
    );
}

fn verdict_of_good(run: &Run) -> serde_json::Value {
    verdict(run, "2026/good")
}

#[test]
fn the_summary_counts_every_file() {
    let run = Programme::new("recovery").run(&["validate"]);
    assert!(
        run.stdout.contains(
            "checked 4 files: 9 error(s), 0 warning(s); 1 of 3 submitted 2026 entries eligible"
        ),
        "{}",
        run.transcript()
    );
}

/// The bundled programme with Brent's entry broken as a new user would break it: `categories`
/// misspelt and the authority misspelt.
fn broken_brent() -> Programme {
    let programme = Programme::bundled();
    let path = "submissions/2026/brent-family-network-meetings.md";
    let text = std::fs::read_to_string(programme.path().join(path)).unwrap();
    let broken = text
        .replacen("\ncategories:", "\ncategorys:", 1)
        .replacen("[Brent]", "[Brnet]", 1);
    assert_ne!(broken, text);
    programme.write(path, &broken);
    programme
}

const BRENT: &str = "submissions/2026/brent-family-network-meetings.md";
const NAMED: &str = "warning: could not read submissions/2026/brent-family-network-meetings.md in full (SP0005 at 3:1: unknown field `categorys`)";

#[test]
fn validate_reports_both_errors_and_counts_the_broken_entry() {
    let programme = broken_brent();
    let run = programme.run(&["validate", "--format", "json"]);
    let codes = findings(&run, BRENT);
    assert!(codes.contains(&("SP0005".into(), 3, 1)), "{codes:?}");
    assert!(codes.contains(&("SP0201".into(), 4, 21)), "{codes:?}");
    let human = programme.run(&["validate"]);
    assert!(
        human
            .stdout
            .contains("12 of 13 submitted 2026 entries eligible"),
        "{}",
        human.transcript()
    );
}

#[test]
fn list_shows_the_broken_entry_ineligible_with_its_codes_and_names_it() {
    let programme = broken_brent();
    let run = programme.run(&["list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.contains(NAMED), "{}", run.stderr);
    let rows = run.json()["submissions"].as_array().unwrap().clone();
    let files = std::fs::read_dir(programme.path().join("submissions/2026"))
        .unwrap()
        .count()
        + std::fs::read_dir(programme.path().join("submissions/2025")).map_or(0, |d| d.count());
    assert_eq!(rows.len(), files, "every file is listed");
    let brent = rows
        .iter()
        .find(|r| r["id"] == "2026/brent-family-network-meetings")
        .unwrap();
    assert_eq!(brent["status"], "submitted");
    assert_eq!(brent["eligible"], false);
    let reasons: Vec<&str> = brent["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"SP0005") && reasons.contains(&"SP0201"),
        "{reasons:?}"
    );
    assert_eq!(
        brent["title"],
        "Family network meetings before, not after, the crisis"
    );
    let eligible = rows.iter().filter(|r| r["eligible"] == true).count();
    assert_eq!(eligible, 12, "the good entries are unaffected");
}

#[test]
fn report_counts_the_broken_entry_in_every_format_and_exits_1() {
    let programme = broken_brent();
    let md = programme.run(&["report"]);
    assert_eq!(md.code, 1, "{}", md.transcript());
    assert!(md.stderr.contains(NAMED), "{}", md.stderr);
    assert!(
        md.stdout.contains("| could not be read | 1 |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("| submitted | 13 |"), "{}", md.stdout);
    assert!(md.stdout.contains("| eligible | 12 |"), "{}", md.stdout);
    let html = programme.run(&["report", "--format", "html"]);
    assert_eq!(html.code, 1);
    assert!(
        html.stdout
            .contains(r#"<th scope="row">could not be read</th><td class="n">1</td>"#),
        "{}",
        html.stdout
    );
    let csv = programme.run(&["report", "--format", "csv", "--table", "eligibility"]);
    assert_eq!(csv.code, 1);
    assert!(csv.stdout.contains("could not be read,1"), "{}", csv.stdout);
    let json = programme.run(&["report", "--format", "json"]);
    assert_eq!(json.code, 1);
    assert_eq!(json.json()["eligibility"]["unreadable"], 1);
    assert_eq!(json.json()["eligibility"]["eligible"], 12);
    let allowed = programme.run(&["report", "--allow-errors"]);
    assert_eq!(allowed.code, 0, "{}", allowed.transcript());
    assert!(allowed.stderr.contains(NAMED));
}

#[test]
fn site_refuses_a_programme_with_a_broken_entry_unless_allowed() {
    let programme = broken_brent();
    let out = programme.path().join("out/site");
    let refused = programme.run(&["site"]);
    assert_eq!(refused.code, 1, "{}", refused.transcript());
    assert!(refused.stderr.contains(NAMED), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--allow-errors"),
        "{}",
        refused.stderr
    );
    assert!(!out.exists(), "nothing is built when it is refused");
    let allowed = programme.run(&["site", "--allow-errors"]);
    assert_eq!(allowed.code, 0, "{}", allowed.transcript());
    assert!(allowed.stderr.contains(NAMED));
    assert!(
        allowed.stdout.contains("12 submissions, ")
            && allowed
                .stdout
                .contains("; 1 file could not be read and left out"),
        "{}",
        allowed.stdout
    );
    assert!(
        !out.join("practice/2026/brent-family-network-meetings.html")
            .exists()
    );
    assert!(good_page_exists(&out), "the good entries are built");
}

/// Whether the hub holds at least one submission page of 2026 (the good entries are built).
fn good_page_exists(out: &std::path::Path) -> bool {
    std::fs::read_dir(out.join("practice/2026"))
        .map(|entries| entries.flatten().count() > 5)
        .unwrap_or(false)
}

#[test]
fn letters_refuse_a_broken_review_unless_allowed_and_keep_its_letter() {
    let programme = Programme::new("letters/basic");
    let first = programme.run(&["letters"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let index = programme.path().join("out/letters/index.csv");
    let written = std::fs::read_to_string(&index).unwrap();
    // Break one review of a submission whose letter was written.
    let review = first_review(&programme);
    let text = std::fs::read_to_string(programme.path().join(&review)).unwrap();
    programme.write(&review, &text.replacen("\nstatus:", "\nstatsu:", 1));
    let refused = programme.run(&["letters"]);
    assert_eq!(refused.code, 1, "{}", refused.transcript());
    let named = format!("warning: could not read {review} in full (SP0005 at ");
    assert!(refused.stderr.contains(&named), "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(&index).unwrap(),
        written,
        "nothing rewritten"
    );
    let allowed = programme.run(&["letters", "--allow-errors"]);
    assert_eq!(allowed.code, 0, "{}", allowed.transcript());
    assert!(
        allowed.stdout.contains("; 1 file could not be read"),
        "{}",
        allowed.stdout
    );
    // The submission's letter from the first run is kept, row and file, until it can be read.
    let id = review_submission(&review);
    let after = std::fs::read_to_string(&index).unwrap();
    assert!(
        after.lines().any(|l| l.starts_with(&format!("{id},"))),
        "{after}"
    );
    let (edition, slug) = id.split_once('/').unwrap();
    assert!(
        programme
            .path()
            .join(format!("out/letters/{edition}/{slug}.md"))
            .exists()
    );
}

/// The first review file of a submission that has a letter in the `letters/basic` fixture.
fn first_review(programme: &Programme) -> String {
    let index = std::fs::read_to_string(programme.path().join("out/letters/index.csv")).unwrap();
    let id = index
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("a letter in the index")
        .to_string();
    let dir = programme.path().join("reviews").join(&id);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    format!("reviews/{id}/{}", names[0])
}

fn review_submission(review: &str) -> String {
    let parts: Vec<&str> = review.split('/').collect();
    format!("{}/{}", parts[1], parts[2])
}
