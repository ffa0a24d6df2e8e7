//! `spotlight assign` on fixture programmes: stubs written and valid, existing files never
//! touched, open places explained, conflicts honoured, CODEOWNERS maintained.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{Programme, submission};

/// Every file under `reviews/`, with its bytes.
fn review_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root.join("reviews"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn assign_fills_every_place_and_the_stubs_validate() {
    let programme = Programme::new("assign/basic");
    let run = programme.run(&["assign"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("basic_human", run.transcript());
    let files = review_files(programme.path());
    insta::assert_snapshot!(
        "basic_stub",
        String::from_utf8(files["reviews/2026/merton-hub/omar-farouk.md"].clone()).unwrap()
    );
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}

#[test]
fn a_second_run_keeps_every_existing_file_byte_for_byte() {
    let programme = Programme::new("assign/basic");
    let hand_written = review_files(programme.path());
    assert_eq!(programme.run(&["assign"]).code, 0);
    let first = review_files(programme.path());
    for (path, bytes) in &hand_written {
        assert_eq!(&first[path], bytes, "{path} was rewritten");
    }
    // A new submission arrives; only its places are filled.
    programme.write(
        "submissions/2026/croydon-data.md",
        &submission("categories: [data]\nlocal_authorities: [Croydon]\napproval: {name: Kay Li, role: DCS, local_authority: Croydon, date: 2026-04-20}"),
    );
    let run = programme.run(&["assign", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let second = review_files(programme.path());
    for (path, bytes) in &first {
        assert_eq!(&second[path], bytes, "{path} was rewritten");
    }
    let added: Vec<&String> = second.keys().filter(|p| !first.contains_key(*p)).collect();
    assert_eq!(
        added.len(),
        2,
        "two new stubs for the new submission: {added:?}"
    );
    assert!(
        added
            .iter()
            .all(|p| p.starts_with("reviews/2026/croydon-data/"))
    );
    let json = run.json();
    let new: Vec<_> = json["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["new"] == true)
        .collect();
    assert_eq!(new.len(), 2);
    assert_eq!(
        json["assignments"].as_array().unwrap().len(),
        8,
        "existing ones listed with new: false"
    );
    // Nothing left to do: a third run changes nothing.
    let third = programme.run(&["assign"]);
    assert!(
        third.stdout.starts_with("0 new review(s) assigned"),
        "{}",
        third.stdout
    );
    assert_eq!(review_files(programme.path()), second);
}

#[test]
fn a_dry_run_writes_nothing() {
    let programme = Programme::new("assign/basic");
    let before = review_files(programme.path());
    let run = programme.run(&["assign", "--dry-run", "--codeowners"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("dry run: nothing written"));
    assert_eq!(review_files(programme.path()), before);
    assert!(!programme.path().join(".github").exists());
}

#[test]
fn an_infeasible_panel_is_named_in_peoples_terms_and_the_rest_is_filled() {
    let programme = Programme::new("assign/basic");
    // Health's panel: Ada and Ines (Lambeth), Omar (Ealing), Tom (Barnet, cap 1, who goes to
    // Hackney's early help). A Lambeth-Ealing entry leaves nobody.
    programme.write(
        "submissions/2026/lambeth-ealing.md",
        &submission("local_authorities: [Lambeth, Ealing]\napproval: {name: Jo Barnes, role: DCS, local_authority: Lambeth, date: 2026-04-20}"),
    );
    let run = programme.run(&["assign", "--format", "json"]);
    assert_eq!(run.code, 1, "open places exit 1");
    let json = run.json();
    // Tom (cap 1) can take either this place or one of Hackney's, at the same cost; either way
    // two places stay open, and this slot is short of people whoever Tom goes to.
    let unfilled = json["unfilled"].as_array().unwrap();
    let open = unfilled
        .iter()
        .find(|o| o["submission"] == "2026/lambeth-ealing")
        .unwrap();
    assert_eq!(open["category"], "health");
    let missing: u64 = unfilled
        .iter()
        .map(|o| o["missing"].as_u64().unwrap())
        .sum();
    assert_eq!(missing, 2, "one reviewer for two short slots");
    assert!(
        open["reason"].as_str().unwrap().starts_with(
            "panel of 4: 3 share an authority with the submission (Ealing, Lambeth x2)"
        ),
        "{}",
        open["reason"]
    );
    // Everything else was still filled and written.
    assert!(
        programme
            .path()
            .join("reviews/2026/hackney-early-help")
            .is_dir()
    );
    let human = programme.run(&["assign", "--dry-run"]);
    insta::assert_snapshot!("infeasible_human", human.transcript());
}

#[test]
fn declared_and_named_conflicts_are_honoured_and_explained() {
    let programme = Programme::new("assign/basic");
    programme.write(
        "submissions/2026/brent-health.md",
        &submission("local_authorities: [Brent]\npartners: [Whittington Health NHS Trust]\nteam: [{name: Tom Reilly, role: Adviser}]\napproval: {name: Jo Barnes, role: DCS, local_authority: Brent, date: 2026-04-20}"),
    );
    let run = programme.run(&["assign", "--explain", "2026/brent-health"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("explain_brent_health", run.stdout);
    assert!(
        run.stdout
            .contains("omar-farouk: declared a conflict with Whittington Health NHS Trust")
    );
    assert!(
        run.stdout
            .contains("tom-reilly: is named in the submission")
    );
    let unknown = programme.run(&["assign", "--explain", "2026/no-such-thing"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn codeowners_gets_a_block_that_is_replaced_not_duplicated() {
    let programme = Programme::new("assign/basic");
    programme.write(".github/CODEOWNERS", "* @programme-team\n");
    assert_eq!(programme.run(&["assign", "--codeowners"]).code, 0);
    programme.write(
        "submissions/2026/croydon-data.md",
        &submission("categories: [data]\nlocal_authorities: [Croydon]\napproval: {name: Kay Li, role: DCS, local_authority: Croydon, date: 2026-04-20}"),
    );
    assert_eq!(programme.run(&["assign", "--codeowners"]).code, 0);
    let text = std::fs::read_to_string(programme.path().join(".github/CODEOWNERS")).unwrap();
    assert!(text.starts_with("* @programme-team\n"));
    assert_eq!(text.matches("# BEGIN spotlight assign").count(), 1);
    assert!(text.contains("/reviews/2026/merton-hub/ada-mensah.md @amensah"));
    insta::assert_snapshot!("codeowners", text);
}

#[test]
fn csv_output_is_spreadsheet_safe() {
    let programme = Programme::new("assign/basic");
    let run = programme.run(&["assign", "--dry-run", "--format", "csv"]);
    assert_eq!(run.code, 0);
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("submission,category,reviewer,new"));
    assert_eq!(lines.count(), 6);
}

#[test]
fn assign_refuses_to_run_over_a_broken_review_file() {
    let programme = Programme::new("assign/basic");
    programme.write(
        "reviews/2026/merton-hub/omar-farouk.md",
        "---\nsubmission: 2026/merton-hub\n",
    );
    let before = review_files(programme.path());
    let run = programme.run(&["assign"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("assign needs categories.yaml and the review files to validate first")
    );
    assert_eq!(review_files(programme.path()), before);
}
