//! `spotlight import`: a form export becomes submission files; rows that cannot be converted are
//! reported with their row number and reason; nothing is overwritten.

use std::path::Path;

use crate::harness::Programme;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn good_rows_become_valid_submissions_and_bad_rows_are_reported_by_number() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("form-export.csv")]);
    assert_eq!(run.code, 1, "rows were refused: {}", run.transcript());
    insta::assert_snapshot!("import_report", run.transcript());
    let text = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2026/youth-hubs-that-stay-open-late.md"),
    )
    .unwrap();
    insta::assert_snapshot!("imported_submission", text);
    assert!(
        text.contains("\\## Not a heading"),
        "a heading inside a cell stays text"
    );
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate
            .stdout
            .contains("1 of 1 submitted 2026 entries eligible")
    );
}

#[test]
fn a_second_import_never_overwrites() {
    let programme = Programme::new("import");
    programme.run(&["import", &fixture("form-export.csv")]);
    let path = programme
        .path()
        .join("submissions/2026/youth-hubs-that-stay-open-late.md");
    std::fs::write(&path, "edited by hand\n").unwrap();
    let again = programme.run(&["import", &fixture("form-export.csv")]);
    assert!(again.stdout.contains("row 2: not converted: submissions/2026/youth-hubs-that-stay-open-late.md already exists"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand\n");
}

#[test]
fn a_mapping_reads_a_form_with_its_own_column_names() {
    let programme = Programme::new("import");
    let run = programme.run(&[
        "import",
        &fixture("renamed.csv"),
        "--mapping",
        &fixture("mapping.yaml"),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        programme
            .path()
            .join("submissions/2026/family-hubs.md")
            .is_file()
    );
    let unmapped = programme.run(&["import", &fixture("renamed.csv")]);
    assert_eq!(unmapped.code, 2);
    assert!(
        unmapped.stderr.contains("no `title` column"),
        "{}",
        unmapped.stderr
    );
    assert!(unmapped.stderr.contains("--mapping"));
}

#[test]
fn a_dry_run_writes_nothing() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("form-export.csv"), "--dry-run"]);
    assert!(run.stdout.contains("row 2: would write"));
    assert!(!programme.path().join("submissions/2026").exists());
}
