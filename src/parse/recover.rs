//! Reading front matter past its mistakes. serde stops at the first field it cannot use (an
//! unknown key, a value of the wrong type, a missing required field), which would leave the user
//! fixing one error a run. When that happens, the field's whole entry is blanked out (its lines
//! become spaces, so every other value keeps its line, column and byte offset) or, for a missing
//! required field, a placeholder is added after the last line, and the YAML is read again. Each
//! round reports one finding; the fields that were blanked or filled in are returned as `unread`,
//! so that no rule judges a placeholder. Only YAML that cannot be parsed at all stops the read.
//!
//! This runs only for front matter that failed to read, so a clean file pays nothing for it.

use serde::de::DeserializeOwned;

use super::yaml::Origin;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

/// The top-level fields of a front-matter type, and the placeholder YAML of each required one.
pub trait Fields {
    /// Every top-level field, in declaration order.
    const FIELDS: &'static [&'static str];
    /// `(field, YAML value)` for each required field: what stands in for it when it could not be
    /// read, so that the rest of the file still makes a record.
    const PLACEHOLDERS: &'static [(&'static str, &'static str)];
}

/// What could be read of a front matter.
pub struct Read<M> {
    /// The record; `None` only when the YAML could not be parsed at all.
    pub meta: Option<Box<M>>,
    /// Top-level fields that could not be read and hold a placeholder or nothing.
    pub unread: Vec<&'static str>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The most rounds one file gets: each round re-reads the whole front matter, so a file of
/// thousands of unknown keys must not take thousands of rounds. What is left is reported on the
/// next run.
const ROUNDS: usize = 32;

/// Reads `yaml` as `M`, with `attempt` (the one-pass reader, then serde-saphyr), and on failure
/// recovers field by field as the module says.
pub fn read<M, A>(yaml: &str, origin: &Origin, attempt: A) -> Read<M>
where
    M: DeserializeOwned + Fields,
    A: Fn(&str) -> Result<M, serde_saphyr::Error>,
{
    let mut error = match attempt(yaml) {
        Ok(meta) => {
            return Read {
                meta: Some(Box::new(meta)),
                unread: Vec::new(),
                diagnostics: Vec::new(),
            };
        }
        Err(error) => error,
    };
    let mut text = yaml.to_string();
    let mut unread: Vec<&'static str> = Vec::new();
    let mut diagnostics = Vec::new();
    // Fields an unknown key was taken to be a misspelling of: their absence is that finding.
    let mut meant: Vec<String> = Vec::new();
    for _ in 0..ROUNDS {
        // Positions and key names are looked up in the YAML as written: the blanked text has
        // the same lines, and placeholders sit after them.
        let diagnostic = origin.diagnostic(yaml, &error);
        let line = error.location().map_or(0, |l| l.line() as usize);
        let step = match diagnostic.code {
            Code::MissingField => missing(&diagnostic, line, &text, M::PLACEHOLDERS),
            Code::UnknownField | Code::InvalidValue | Code::EmptyField | Code::DuplicateKey => {
                Step::Blank(line)
            }
            _ => Step::Stop,
        };
        match step {
            Step::Stop => {
                diagnostics.push(diagnostic);
                break;
            }
            Step::Fill(field, value) => {
                if !unread.contains(&field) {
                    if !meant.iter().any(|m| m == field) {
                        diagnostics.push(diagnostic);
                    }
                    unread.push(field);
                }
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&format!("{field}: {value}\n"));
            }
            Step::Blank(line) => {
                let Some((start, end)) = entry_at(&text, line) else {
                    diagnostics.push(diagnostic);
                    break;
                };
                let key = key_of(text.lines().nth(start - 1).unwrap_or("")).to_string();
                if diagnostic.code == Code::UnknownField
                    && let Some(best) = diagnostic.help.strip_prefix("did you mean `")
                {
                    meant.push(best.trim_end_matches("`?").to_string());
                }
                diagnostics.push(diagnostic);
                text = blank_lines(&text, start, end);
                if let Some(field) = M::FIELDS.iter().find(|f| **f == key)
                    && !declares(&text, field)
                    && !unread.contains(field)
                {
                    unread.push(field);
                }
            }
        }
        match attempt(&text) {
            Ok(meta) => {
                return Read {
                    meta: Some(Box::new(meta)),
                    unread,
                    diagnostics,
                };
            }
            Err(next) => error = next,
        }
    }
    Read {
        meta: None,
        unread,
        diagnostics,
    }
}

/// What one round does about one error.
enum Step {
    /// Blank the top-level entry holding this 1-based line of the YAML.
    Blank(usize),
    /// Add `field: value` after the last line.
    Fill(&'static str, &'static str),
    /// Nothing more can be read.
    Stop,
}

/// A missing field: a required top-level field not written at all gets its placeholder; one
/// missing inside a nested value (the contact's email) blanks the entry that holds it.
fn missing(
    diagnostic: &Diagnostic,
    line: usize,
    text: &str,
    placeholders: &'static [(&'static str, &'static str)],
) -> Step {
    let named = diagnostic
        .message
        .strip_prefix("missing required field `")
        .and_then(|rest| rest.split('`').next());
    match named.and_then(|name| placeholders.iter().find(|(field, _)| *field == name)) {
        Some(&(field, value)) if !declares(text, field) => Step::Fill(field, value),
        _ => Step::Blank(line),
    }
}

/// The 1-based first and last line of the top-level entry that holds `line`: from the nearest
/// line at or above it that starts a key in the first column, to the line before the next one.
/// Lines that start with `- ` in the first column are an indentless list, part of the entry.
fn entry_at(text: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    if line == 0 || lines.is_empty() {
        return None;
    }
    // A value missing at the end of the input is reported after the last line.
    let line = line.min(lines.len());
    let starts = |l: &str| starts_entry(l);
    let start = (1..=line).rev().find(|&n| starts(lines[n - 1]))?;
    let end = (start + 1..=lines.len())
        .find(|&n| starts(lines[n - 1]))
        .map_or(lines.len(), |next| next - 1);
    Some((start, end))
}

/// Whether a line starts a top-level entry: text in the first column that is not a comment, a
/// list item of an indentless list, or the end of a flow collection.
fn starts_entry(line: &str) -> bool {
    match line.as_bytes().first() {
        None | Some(b' ' | b'\t' | b'#' | b'\r' | b']' | b'}') => false,
        Some(b'-') => !(line == "-" || line.starts_with("- ") || line.starts_with("-\r")),
        Some(_) => true,
    }
}

/// The key a top-level entry line starts with, without quotes.
fn key_of(line: &str) -> &str {
    let key = line.split(':').next().unwrap_or(line).trim();
    key.trim_matches(|c| c == '"' || c == '\'')
}

/// Whether a top-level entry for `field` is written in `text`.
fn declares(text: &str, field: &str) -> bool {
    text.lines()
        .any(|line| starts_entry(line) && line.contains(':') && key_of(line) == field)
}

/// `text` with lines `start..=end` (1-based) turned into spaces, byte for byte, so every other
/// value keeps its offsets; a line of spaces is a blank line to YAML.
fn blank_lines(text: &str, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if (start - 1..end).contains(&index) {
            let body = line.trim_end_matches('\n');
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReviewMeta, SubmissionMeta};
    use crate::parse::{read_yaml, yaml};

    fn read(yaml: &str) -> Read<SubmissionMeta> {
        let origin = Origin {
            file: "x.md",
            first_line: 2,
        };
        super::read(yaml, &origin, read_yaml)
    }

    /// (code, file line) of each finding.
    fn found(read: &Read<SubmissionMeta>) -> Vec<(Code, usize)> {
        read.diagnostics.iter().map(|d| (d.code, d.line)).collect()
    }

    const GOOD: &str = "title: A front door\ncategories: [health]\nlocal_authorities: [Merton]\n\
        contact: {name: Priya Shah, email: priya.shah@example.org}\nstatus: submitted\n";

    #[test]
    fn a_clean_front_matter_is_read_in_one_round() {
        let read = read(GOOD);
        assert!(read.meta.is_some() && read.unread.is_empty() && read.diagnostics.is_empty());
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_reported_and_the_rest_is_read() {
        let yaml = GOOD
            .replace("categories:", "categorys:")
            .replace("title: A front door", "title: [a, b]")
            + "colour: blue\n";
        let read = read(&yaml);
        assert_eq!(
            found(&read),
            [
                (Code::InvalidValue, 2),
                (Code::UnknownField, 3),
                (Code::UnknownField, 7)
            ]
        );
        let meta = read.meta.expect("the rest is read");
        assert_eq!(meta.status.value, crate::model::Status::Submitted);
        assert_eq!(meta.contact.email.value, "priya.shah@example.org");
        // The misspelt `categories` is one finding, not a second one for its absence.
        assert_eq!(read.unread, ["title", "categories"]);
    }

    #[test]
    fn values_after_a_blanked_entry_keep_their_places() {
        let yaml = "titel: x\n  more: y\n".to_string() + &GOOD["title: A front door\n".len()..];
        let read = read(&format!("title: A front door\n{yaml}"));
        assert_eq!(found(&read), [(Code::UnknownField, 3)]);
        let meta = read.meta.unwrap();
        assert_eq!(meta.status.at.line(), 7, "the YAML's own line");
    }

    #[test]
    fn a_missing_required_field_gets_a_placeholder_and_is_unread() {
        let yaml = GOOD.replace("status: submitted\n", "");
        let read = read(&yaml);
        assert_eq!(found(&read), [(Code::MissingField, 5)]);
        assert_eq!(read.unread, ["status"]);
        assert!(read.meta.is_some());
    }

    #[test]
    fn a_field_missing_inside_a_value_blanks_that_value() {
        let yaml = GOOD.replace(", email: priya.shah@example.org", "");
        let read = read(&yaml);
        assert_eq!(found(&read), [(Code::MissingField, 5)]);
        assert_eq!(read.unread, ["contact"]);
    }

    #[test]
    fn a_duplicate_key_keeps_the_first() {
        let read = read(&format!("{GOOD}title: Again\n"));
        assert_eq!(found(&read), [(Code::DuplicateKey, 7)]);
        assert!(read.unread.is_empty());
        assert_eq!(read.meta.unwrap().title.value, "A front door");
    }

    #[test]
    fn yaml_that_cannot_be_parsed_stops_the_read() {
        let read = read(&format!("colour: blue\n{GOOD}themes: [open\n"));
        let codes: Vec<Code> = read.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownField, Code::YamlSyntax]);
        assert!(read.meta.is_none());
    }

    #[test]
    fn indentless_lists_and_block_text_belong_to_their_entry() {
        let text = "a: 1\nlist:\n- x\n- y\n# note\nb: |\n  text\n\nc: 2\n";
        assert_eq!(entry_at(text, 3), Some((2, 5)));
        assert_eq!(entry_at(text, 7), Some((6, 8)));
        assert_eq!(
            entry_at(text, 99),
            Some((9, 9)),
            "past the end: the last entry"
        );
        assert_eq!(entry_at("# only a comment\n", 1), None);
        let blanked = blank_lines(text, 2, 5);
        assert_eq!(blanked.len(), text.len());
        assert!(blanked.starts_with("a: 1\n     \n   \n"));
    }

    #[test]
    fn rounds_are_bounded() {
        let mut yaml = GOOD.to_string();
        for n in 0..100 {
            yaml.push_str(&format!("unknown{n}: x\n"));
        }
        let read = read(&yaml);
        assert_eq!(read.diagnostics.len(), ROUNDS);
    }

    #[test]
    fn the_field_lists_match_the_front_matter_types() {
        fn properties<T: schemars::JsonSchema>() -> Vec<String> {
            let schema = schemars::schema_for!(T);
            let mut names: Vec<String> = schema
                .get("properties")
                .and_then(|p| p.as_object())
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            names.sort();
            names
        }
        fn sorted(fields: &[&str]) -> Vec<String> {
            let mut names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            names.sort();
            names
        }
        assert_eq!(
            properties::<SubmissionMeta>(),
            sorted(SubmissionMeta::FIELDS)
        );
        assert_eq!(properties::<ReviewMeta>(), sorted(ReviewMeta::FIELDS));
        // Each placeholder reads as its field, alone.
        for (field, value) in SubmissionMeta::PLACEHOLDERS {
            let yaml = GOOD
                .lines()
                .filter(|l| !l.starts_with(&format!("{field}:")))
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                + &format!("{field}: {value}\n");
            assert!(yaml::from_str::<SubmissionMeta>(&yaml).is_ok(), "{field}");
        }
    }
}
