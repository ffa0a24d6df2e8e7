//! Property tests over the whole pipeline: whatever bytes a submission holds, loading and
//! checking never panic, and every finding's line and column lie inside its file.

use proptest::prelude::*;

use crate::check::run;

/// Pieces that make YAML, Markdown and their edge cases likely, mixed with anything at all.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("title: ".to_string()),
        Just("categories: [".to_string()),
        Just("local_authorities: ".to_string()),
        Just("status: submitted\n".to_string()),
        Just("approval: {name: a, role: DCS, local_authority: Merton, date: ".to_string()),
        Just("submitted: 2026-04-24T23:30:00Z\n".to_string()),
        Just("## How\n".to_string()),
        Just("## S – Setting the scene\n".to_string()),
        Just("<!--\n".to_string()),
        Just("-->".to_string()),
        Just("&a [*a, *a]".to_string()),
        Just("\t".to_string()),
        Just("“”é☃\u{feff}".to_string()),
        Just("943 476 5919 ".to_string()),
        Just("]}: ,#'\"".to_string()),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn file() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_submission_loads_and_checks_without_panicking_and_findings_point_inside(text in file()) {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        std::fs::write(root.join("categories.yaml"), include_str!("../../tests/fixtures/base/categories.yaml")).unwrap();
        std::fs::create_dir_all(root.join("submissions/2026")).unwrap();
        std::fs::write(root.join("submissions/2026/case.md"), &text).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let (_, report) = run(root, Some(today)).unwrap();
        // Checked against the text written (a file refused as unreadable is not loaded).
        let source = crate::source::Source::new("case.md", text.clone());
        for d in report.diagnostics.iter().filter(|d| d.file == "submissions/2026/case.md") {
            let lines = source.line_count().max(1);
            prop_assert!(d.line >= 1 && d.line <= lines + 1, "{d:?} in a file of {lines} lines");
            let width = source.line(d.line).map_or(0, |l| l.chars().count());
            prop_assert!(d.column >= 1 && d.column <= width + 1, "{d:?} on a line of {width} characters");
        }
    }
}
