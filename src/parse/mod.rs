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
use crate::model::Parsed;
use crate::source::Source;
use front_matter::SplitError;
use recover::Fields;
use yaml::Origin;

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
                    "add the fields between the `---` lines; the README shows a complete example",
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
