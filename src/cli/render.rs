//! Diagnostics drawn for people (the source line with a caret), for GitHub Actions (workflow
//! annotations and a step-summary table) and as JSON (the stable contract in DESIGN.md).

use std::collections::HashMap;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use spotlight::check::Report;
use spotlight::diagnostic::{Diagnostic, Severity};
use spotlight::source::Source;

/// Findings as rustc draws them: title, location, the line with a caret, and the help.
/// Colour codes are always written; anstream strips them where colour is off.
pub fn human(diagnostics: &[Diagnostic], sources: &[Source]) -> String {
    let renderer = Renderer::styled();
    // Looked up once per finding: a scan of every source each time would be quadratic.
    let by_path: HashMap<&str, &Source> = sources.iter().map(|s| (s.path.as_str(), s)).collect();
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let line = by_path.get(d.file.as_str()).and_then(|s| s.line(d.line));
        let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
        let group = match line {
            Some(text) => {
                let span = char_span(text, d.column, d.width);
                title
                    .element(
                        Snippet::source(text)
                            .line_start(d.line)
                            .path(d.file.as_str())
                            .annotation(AnnotationKind::Primary.span(span)),
                    )
                    .element(Level::HELP.message(d.help.as_str()))
            }
            None => title
                .element(
                    annotate_snippets::Origin::path(d.file.as_str())
                        .line(d.line)
                        .char_column(d.column),
                )
                .element(Level::HELP.message(d.help.as_str())),
        };
        let _ = writeln!(out, "{}\n", renderer.render(&[group]));
    }
    out
}

/// The byte range of `width` characters from the 1-based character `column` of `line`.
fn char_span(line: &str, column: usize, width: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte_at(column.saturating_sub(1));
    let end = byte_at(column.saturating_sub(1) + width.max(1)).max(start);
    start..end
}

/// GitHub workflow commands, one per finding.
pub fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let title = format!("{} {}", d.code, d.code.title());
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity.as_str(),
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&title),
            escape_data(&format!("{}\nhelp: {}", d.message, d.help)),
        );
    }
    out
}

/// GitHub shows only ten annotations of each kind per step, so the full list also goes to the
/// step summary as a Markdown table, kept under GitHub's 1 MiB limit.
pub fn step_summary(diagnostics: &[Diagnostic]) -> String {
    const LIMIT: usize = 1024 * 1024 - 1024;
    let (errors, warnings) = super::tally(diagnostics);
    let mut out = format!("### spotlight validate: {errors} error(s), {warnings} warning(s)\n\n");
    if diagnostics.is_empty() {
        return out;
    }
    out.push_str("| | code | where | finding | how to fix |\n|---|---|---|---|---|\n");
    for (shown, d) in diagnostics.iter().enumerate() {
        let icon = if d.is_error() { "❌" } else { "⚠️" };
        let row = format!(
            "| {icon} | {} | `{}:{}:{}` | {} | {} |\n",
            d.code,
            d.file,
            d.line,
            d.column,
            table_cell(&d.message),
            table_cell(&d.help)
        );
        if out.len() + row.len() > LIMIT {
            let _ = writeln!(
                out,
                "\n…and {} more: run `spotlight validate` locally.",
                diagnostics.len() - shown
            );
            break;
        }
        out.push_str(&row);
    }
    out
}

fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The `validate --format json` document.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    submissions: &'a [spotlight::check::Verdict],
}

pub fn json(report: &Report, files: usize) -> String {
    let (errors, warnings) = super::tally(&report.diagnostics);
    let document = JsonReport {
        version: 1,
        files,
        errors,
        warnings,
        diagnostics: &report.diagnostics,
        submissions: &report.submissions,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the report serialises");
    text.push('\n');
    text
}

/// SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code (stable `ruleId`s), paths
/// relative to the repository root, columns counted in Unicode code points as spotlight counts
/// them.
pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    use spotlight::codes::Code;
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|code| {
            let level = match code.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            serde_json::json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "shortDescription": {"text": code.title()},
                "fullDescription": {"text": code.explanation()},
                "help": {"text": code.explanation()},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
                "level": d.severity.as_str(),
                "message": {"text": format!("{}\nhelp: {}", d.message, d.help)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.file, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endColumn": d.column + d.width,
                        }
                    }
                }]
            })
        })
        .collect();
    let document = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "spotlight",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&document).expect("the SARIF document serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_properties_and_data_are_escaped() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_data("50% of a: b,\r\nc"), "50%25 of a: b,%0D%0Ac");
    }

    #[test]
    fn char_spans_count_characters() {
        assert_eq!(char_span("é: Mertn", 4, 5), 4..9);
        assert_eq!(char_span("abc", 10, 2), 3..3);
    }
}
