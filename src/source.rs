//! A loaded text file: its path relative to the root, its text, and a line index that turns byte
//! offsets into 1-based lines and character columns.

use crate::diagnostic::Position;

/// A file's text with its line starts.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Wraps `text`, dropping a leading byte-order mark so positions match what editors show.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize, width_bytes: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        let end = self.floor_char_boundary((offset + width_bytes).min(self.line_end(line_index)));
        let width = self.text[offset..end.max(offset)].chars().count();
        Position::new(line_index + 1, column, width)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        let index = line.checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        Some(&self.text[start..self.line_end(index)])
    }

    /// How many lines the file has (a final line ending does not start a new line).
    pub fn line_count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// The byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    fn line_end(&self, index: usize) -> usize {
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[self.line_starts[index]..end];
        self.line_starts[index] + line.strip_suffix('\r').unwrap_or(line).len()
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let source = Source::new("x.md", "ab\ncé d\n");
        assert_eq!(source.position(0, 1), Position::new(1, 1, 1));
        let d = source.text.find('d').unwrap();
        assert_eq!(source.position(d, 1), Position::new(2, 4, 1));
        assert_eq!(source.line(2), Some("cé d"));
        assert_eq!(source.line_count(), 2);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_crlf_is_not_part_of_the_line() {
        let source = Source::new("x.md", "\u{feff}---\r\ntitle: x\r\n");
        assert_eq!(source.line(1), Some("---"));
        assert_eq!(source.line(2), Some("title: x"));
        let end = source.text.len();
        assert_eq!(source.position(end, 5).line, 3);
    }

    #[test]
    fn width_stops_at_the_end_of_the_line() {
        let source = Source::new("x.md", "abc\ndef");
        assert_eq!(source.position(1, 50), Position::new(1, 2, 2));
    }
}
