//! From a file's text to its typed front matter and its Markdown sections: split at the fences,
//! YAML with serde-saphyr, body with pulldown-cmark. Problems become diagnostics, never panics.

pub mod front_matter;
pub mod markdown;
pub mod recover;
pub mod yaml;
pub mod yaml_subset;

use serde::de::DeserializeOwned;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};
use crate::source::Source;
use front_matter::SplitError;
use markdown::Body;
use recover::Fields;
use yaml::Origin;

/// Where a parsed file's front matter and body sit in its source.
#[derive(Debug, Clone)]
pub struct Parsed<M> {
    /// Index into [`Repository::sources`](crate::model::Repository::sources).
    pub source: usize,
    /// The front matter, when it parsed; boxed, so that moving a record moves a pointer and not
    /// the 1.4 KB of a submission's fields.
    pub meta: Option<Box<M>>,
    pub body: Body,
    /// Byte offset of the body in the source.
    pub body_offset: usize,
    /// The file line the YAML starts on.
    pub yaml_line: usize,
    /// Byte offset of the YAML in the source: a value's span in the YAML plus this is where
    /// the value is written in the file.
    pub yaml_offset: usize,
    /// False when the front matter is never closed: where the body starts is then unknown, so
    /// the rules on sections and published text must not guess.
    pub body_found: bool,
    /// Top-level fields that could not be read (each has its finding): they hold a placeholder
    /// or nothing, so no rule may judge them.
    pub unread: Vec<&'static str>,
}

impl<M> Parsed<M> {
    /// What is known of a file before (or without) reading it: nothing, and no body.
    pub fn new(source: usize) -> Self {
        Parsed {
            source,
            meta: None,
            body: Body::default(),
            body_offset: 0,
            yaml_line: 2,
            yaml_offset: 0,
            body_found: true,
            unread: Vec::new(),
        }
    }

    /// The record of a file that could not be read at all (its finding says why).
    pub fn unread_file(source: usize) -> Self {
        Parsed {
            body_found: false,
            ..Parsed::new(source)
        }
    }

    /// Whether `field` was read from the file (rather than missing for a reported reason).
    pub fn read(&self, field: &str) -> bool {
        !self.unread.contains(&field)
    }
}

/// Parses a front-matter + Markdown file. The body is parsed even when the front matter is not,
/// so a file with a YAML typo still gets its SHINE sections checked; a field that cannot be read
/// is reported and the others are still read ([`recover`]).
pub fn parse_file<M: DeserializeOwned + Fields>(
    index: usize,
    source: &Source,
) -> (Parsed<M>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut parsed = Parsed::new(index);
    match front_matter::split(&source.text) {
        Ok(split) => {
            parsed.body = markdown::parse(split.body);
            parsed.body_offset = split.body_offset;
            parsed.yaml_line = split.yaml_line;
            parsed.yaml_offset = split.yaml_offset;
            let origin = Origin {
                file: &source.path,
                first_line: split.yaml_line,
            };
            if split.yaml.trim().is_empty() {
                diagnostics.push(Diagnostic::new(
                    Code::MissingField,
                    &source.path,
                    Position::new(split.yaml_line, 1, 1),
                    "the front matter is empty",
                    "add the fields between the `---` lines; docs/guide/files.md shows a complete example",
                ));
            } else {
                let read = recover::read::<M, _>(split.yaml, &origin, read_yaml);
                parsed.meta = read.meta;
                parsed.unread = read.unread;
                diagnostics.extend(read.diagnostics);
            }
        }
        Err(SplitError::NoOpeningFence) => {
            parsed.body = markdown::parse(&source.text);
            diagnostics.push(Diagnostic::new(
                Code::NoFrontMatter,
                &source.path,
                Position::START,
                "the file does not start with front matter",
                "make the first line `---`, then the fields (title, categories, ...), then another `---` line",
            ));
        }
        Err(SplitError::Unclosed) => {
            parsed.body_found = false;
            diagnostics.push(Diagnostic::new(
                Code::UnclosedFrontMatter,
                &source.path,
                Position::new(1, 1, 3),
                "the front matter opened here is never closed",
                "add a line containing only `---` after the last front-matter field",
            ));
        }
    }
    (parsed, diagnostics)
}

/// Front matter into `M`: the one-pass reader when the YAML has the common shape, serde-saphyr
/// otherwise. The one-pass reader declines every input serde would reject, so both give the same
/// errors.
pub fn read_yaml<M: DeserializeOwned>(yaml: &str) -> Result<M, serde_saphyr::Error> {
    yaml_subset::from_str::<M>(yaml).map_or_else(|| yaml::from_str::<M>(yaml), Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SubmissionMeta;

    #[test]
    fn an_unclosed_front_matter_leaves_the_body_unknown() {
        let source = Source::new("x.md", "---\ntitle: x\n\n## How\n\nText.\n");
        let (parsed, findings) = parse_file::<SubmissionMeta>(1, &source);
        assert!(!parsed.body_found);
        let codes: Vec<Code> = findings.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnclosedFrontMatter]);
        let source = Source::new("x.md", "## How\n\nText.\n");
        let (parsed, _) = parse_file::<SubmissionMeta>(1, &source);
        assert!(parsed.body_found, "a file without front matter is all body");
    }
}
