//! The front matter + SHINE parser and every rule, on arbitrary bytes as a submission file:
//! nothing may panic, every finding must point inside the file, and the one-pass YAML reader
//! either declines a front matter or reads it exactly as serde-saphyr does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlight::check::{Options, across, file};
use spotlight::model::{Entry, Repository, Submission, SubmissionMeta};
use spotlight::parse::parse_file;
use spotlight::programme::Programme;
use spotlight::source::{Source, SourceFile};

const PROGRAMME: &str = include_str!("../../tests/fixtures/base/categories.yaml");

/// Parsed once: re-reading categories.yaml on every input cost most of each run.
static BASE: std::sync::LazyLock<Programme> = std::sync::LazyLock::new(|| {
    Programme::from_source(&Source::new("categories.yaml", PROGRAMME)).expect("the base programme parses")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(split) = spotlight::parse::front_matter::split(text) {
        if let Some(fast) = spotlight::parse::yaml_subset::from_str::<SubmissionMeta>(split.yaml) {
            let full = spotlight::parse::yaml::from_str::<SubmissionMeta>(split.yaml);
            assert_eq!(Some(format!("{fast:?}")), full.ok().map(|m| format!("{m:?}")));
        }
    }
    let programme = BASE.clone();
    let source = Source::new("submissions/2026/case.md", text);
    let (parsed, mut findings) = parse_file(1, &source);
    let submission = Submission { id: "2026/case".into(), edition: "2026".into(), slug: "case".into(), parsed };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    findings.extend(file(&programme, &source, Entry::Submission(&submission), Options { today, root: std::path::Path::new(".") }));
    let lines = source.line_count().max(1);
    let sources = vec![SourceFile::new("categories.yaml", None), SourceFile::new(source.path.clone(), None)];
    let repo = Repository::new("/nonexistent".into(), programme, sources, vec![submission], vec![], 2);
    let report = across(&repo, findings);
    for d in &report.diagnostics {
        if d.file == "submissions/2026/case.md" {
            assert!(d.line >= 1 && d.line <= lines + 1, "{d:?}");
            assert!(d.column >= 1, "{d:?}");
        }
    }
});
