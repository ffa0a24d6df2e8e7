//! The front matter + SHINE parser and every rule, on arbitrary bytes as a submission file:
//! nothing may panic, and every finding must point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotlight::check::{Options, across, file};
use spotlight::model::{Entry, Repository, Submission};
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
    let programme = BASE.clone();
    let source = Source::new("submissions/2026/case.md", text);
    let (parsed, mut findings) = parse_file(1, &source);
    let submission = Submission { id: "2026/case".into(), edition: "2026".into(), slug: "case".into(), parsed };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    findings.extend(file(&programme, &source, Entry::Submission(&submission), Options { today }));
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
