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

#[test]
fn form_dates_are_read_in_the_chosen_order_and_written_as_iso() {
    let programme = Programme::new("import");
    let uk = programme.run(&["import", &fixture("dates.csv")]);
    assert_eq!(uk.code, 0, "{}", uk.transcript());
    assert!(
        uk.stderr
            .contains("dates read day/month/year (--date-order dmy)"),
        "{}",
        uk.stderr
    );
    let us = programme.run(&["import", &fixture("dates-us.csv"), "--date-order", "mdy"]);
    assert_eq!(us.code, 0, "{}", us.transcript());
    assert!(
        us.stderr
            .contains("dates read month/day/year (--date-order mdy)"),
        "{}",
        us.stderr
    );
    let read = |slug: &str| {
        std::fs::read_to_string(programme.path().join(format!("submissions/2026/{slug}.md")))
            .unwrap()
    };
    let uk_file = read("family-hubs-open-on-saturdays");
    assert!(uk_file.contains("submitted: \"2026-04-20\"\n"), "{uk_file}");
    assert!(uk_file.contains("date: \"2026-04-20\"}"), "{uk_file}");
    let us_file = read("a-single-front-door-for-housing");
    assert!(
        us_file.contains("submitted: \"2026-04-20T10:41:00\"\n"),
        "{us_file}"
    );
    assert!(us_file.contains("date: \"2026-04-20\"}"), "{us_file}");
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}

#[test]
fn a_month_first_date_is_refused_under_dmy_with_the_fix() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("dates-us.csv")]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "row 2: not converted: `submitted` `4/20/26 10:41:00 AM` is no day read day/month/year; this looks like month/day/year: pass --date-order mdy"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`approval_date` `4/20/26` is no day"));
    assert!(!programme.path().join("submissions/2026").exists());
}
