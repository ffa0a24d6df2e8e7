//! Splits a Markdown file into its YAML front matter and body, keeping where each starts so
//! every later position can be reported against the `.md` file itself.

/// The two parts of a file, as byte ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (may be empty).
    pub yaml: &'a str,
    /// The 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    /// The byte offset of the YAML in the file.
    pub yaml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The byte offset of the body in the file.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    NoOpeningFence,
    /// No closing `---` or `...` line follows the opening one.
    Unclosed,
}

/// Splits `text` (already stripped of a byte-order mark) at its `---` fences. Fences may carry
/// trailing spaces and CRLF line endings.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = lines_with_offsets(text);
    match lines.next() {
        Some((_, line)) if is_fence(line, false) => {}
        _ => return Err(SplitError::NoOpeningFence),
    }
    let yaml_start = lines
        .clone()
        .next()
        .map_or(text.len(), |(offset, _)| offset);
    for (offset, line) in lines {
        if is_fence(line, true) {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                yaml_offset: yaml_start,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(SplitError::Unclosed)
}

/// Lines with the byte offset each starts at; each line keeps its line ending.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

fn is_fence(line: &str, closing: bool) -> bool {
    let trimmed = line.trim_end_matches(['\n', '\r', ' ', '\t']);
    trimmed == "---" || (closing && trimmed == "...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases() {
        // (input, expected yaml and body, or the error).
        type Case = (
            &'static str,
            Result<(&'static str, &'static str), SplitError>,
        );
        let cases: &[Case] = &[
            ("---\ntitle: x\n---\nbody\n", Ok(("title: x\n", "body\n"))),
            (
                "---\r\ntitle: x\r\n---\r\nbody\r\n",
                Ok(("title: x\r\n", "body\r\n")),
            ),
            ("---\n---\nbody", Ok(("", "body"))),
            ("---\n---", Ok(("", ""))),
            ("---  \ntitle: x\n...\n", Ok(("title: x\n", ""))),
            (
                "---\ntitle: x\n--- \n## How\n",
                Ok(("title: x\n", "## How\n")),
            ),
            ("---\na: '---'\n---\n", Ok(("a: '---'\n", ""))),
            ("title: x\n", Err(SplitError::NoOpeningFence)),
            ("", Err(SplitError::NoOpeningFence)),
            ("\n---\ntitle: x\n---\n", Err(SplitError::NoOpeningFence)),
            ("----\ntitle: x\n---\n", Err(SplitError::NoOpeningFence)),
            ("---\ntitle: x\n", Err(SplitError::Unclosed)),
            ("---", Err(SplitError::Unclosed)),
            ("---\ntitle: x\n----\n", Err(SplitError::Unclosed)),
        ];
        for (input, expected) in cases {
            let got = split(input).map(|s| (s.yaml, s.body));
            assert_eq!(&got, expected, "input {input:?}");
        }
    }

    #[test]
    fn the_body_offset_points_after_the_closing_fence() {
        let text = "---\r\na: 1\r\n---\r\n## How\r\n";
        let split = split(text).unwrap();
        assert_eq!(&text[split.body_offset..], "## How\r\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(&text[split.yaml_offset..], "a: 1\r\n---\r\n## How\r\n");
    }
}
