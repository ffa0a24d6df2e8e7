//! A file's text while it is being checked ([`Source`]: path, text, and a line index that turns
//! byte offsets into 1-based lines and character columns), and what stays of it afterwards
//! ([`SourceFile`]: the path, and a stamp to tell whether the file changed before it is read
//! again). Texts are let go once a file's rules have run, so memory does not grow with the
//! programme; the few commands that need a text later (the hub, letters, drawing a finding's
//! line) read the file again.

use std::hash::Hasher as _;
use std::io::Read as _;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Result, bail};

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};

/// Files larger than this are refused: no submission needs more, and a huge file should not
/// stall CI.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A file's text with its line starts.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    pub text: String,
    /// Built on the first position asked for: most files have no finding and never need it.
    line_starts: OnceLock<Vec<usize>>,
}

impl Source {
    /// Wraps `text`, dropping a leading byte-order mark so positions match what editors show.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Source {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize, width_bytes: usize) -> Position {
        let starts = self.line_starts();
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        let end = self.floor_char_boundary((offset + width_bytes).min(self.line_end(line_index)));
        let width = self.text[offset..end.max(offset)].chars().count();
        Position::new(line_index + 1, column, width)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        let index = line.checked_sub(1)?;
        let start = *self.line_starts().get(index)?;
        Some(&self.text[start..self.line_end(index)])
    }

    /// How many lines the file has (a final line ending does not start a new line).
    pub fn line_count(&self) -> usize {
        let lines = self.text.bytes().filter(|&b| b == b'\n').count() + 1;
        if self.text.ends_with('\n') {
            lines - 1
        } else {
            lines
        }
    }

    /// The byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line.checked_sub(1)?).copied()
    }

    fn line_end(&self, index: usize) -> usize {
        let starts = self.line_starts();
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[starts[index]..end];
        starts[index] + line.strip_suffix('\r').unwrap_or(line).len()
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// A file's size and a 64-bit hash of its text when it was read: if either differs when it is
/// read again, it was edited in between and what was learnt from it no longer holds. Unlike a
/// modification time, the hash also sees a copy that kept the old time (`cp -p`, `rsync -t`)
/// or an edit within one tick of a coarse clock, and asking for it costs no system call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    hash: u64,
}

impl Stamp {
    pub fn new(text: &str) -> Stamp {
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(text.as_bytes());
        Stamp {
            len: text.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// What stays of a checked file: its path, and its stamp when it was read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    /// `None` for a text that never came from a file (tests, fuzzing).
    stamp: Option<Stamp>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, stamp: Option<Stamp>) -> Self {
        SourceFile {
            path: path.into(),
            stamp,
        }
    }

    /// Reads the file again from `root`. It is an error if the file cannot be read or has
    /// changed since it was checked: offsets and verdicts from the first reading would not fit.
    pub fn read_again(&self, root: &Path) -> Result<Source> {
        let Some(stamp) = self.stamp else {
            bail!("{} was never read from disk", self.path);
        };
        let (source, now) = read_sized(&root.join(&self.path), &self.path, Some(stamp.len))
            .map_err(|d| anyhow::anyhow!("cannot read {} again: {}", self.path, d.message))?;
        if now != stamp {
            bail!(
                "{} changed while spotlight was running; run the command again",
                self.path
            );
        }
        Ok(source)
    }
}

/// Reads a file as UTF-8 text within the size limit, or says why not, as a finding about the
/// file at `relative`.
pub fn read(path: &Path, relative: &str) -> Result<(Source, Stamp), Diagnostic> {
    read_sized(path, relative, None)
}

/// [`read`], into a buffer of `size` bytes when the size is known (a file read again), else of
/// the size the open file reports: growing a buffer from empty costs more than asking.
fn read_sized(
    path: &Path,
    relative: &str,
    size: Option<u64>,
) -> Result<(Source, Stamp), Diagnostic> {
    let unreadable = |at: Position, message: String, help: &str| {
        Diagnostic::new(Code::Unreadable, relative, at, message, help)
    };
    let cannot_read = |e: std::io::Error| {
        unreadable(
            Position::START,
            format!("cannot read the file: {e}"),
            "check the file's permissions",
        )
    };
    // Read at most one byte past the limit, so a huge file is never read whole.
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = match size {
        Some(size) => size,
        None => file.metadata().map_err(cannot_read)?.len(),
    };
    let capacity = size.min(MAX_FILE_BYTES);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0) + 1);
    (&file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = file.metadata().map_or(size, |m| m.len());
        return Err(unreadable(
            Position::START,
            format!("the file is {size} bytes; the limit is {MAX_FILE_BYTES}"),
            "keep large attachments out of the repository and link to them from `links`",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The valid prefix is UTF-8, so the bad byte's line and column can be counted in it.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        unreadable(
            position_after(prefix),
            "the file is not valid UTF-8".into(),
            "save the file as UTF-8",
        )
    })?;
    if let Some(nul) = text.find('\0') {
        return Err(unreadable(
            position_after(&text[..nul]),
            "the file contains a NUL byte, so it is not a text file".into(),
            "save the file as plain UTF-8 text",
        ));
    }
    let stamp = Stamp::new(&text);
    Ok((Source::new(relative, text), stamp))
}

/// The line and character column just after `prefix`: where a bad byte that follows it sits.
fn position_after(prefix: &str) -> Position {
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = prefix.matches('\n').count() + 1;
    Position::new(line, prefix[line_start..].chars().count() + 1, 1)
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
        assert_eq!(Source::new("x.md", "a\nb").line_count(), 2);
        assert_eq!(Source::new("x.md", "").line_count(), 1);
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

    #[test]
    fn an_invalid_byte_is_reported_at_its_column_not_the_start_of_its_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"---\ntitle: Caf\xe9\n").unwrap();
        let d = read(&path, "x.md").unwrap_err();
        assert_eq!((d.line, d.column), (2, 11));
        std::fs::write(&path, "---\nname: Priya\0 Shah\n").unwrap();
        let d = read(&path, "x.md").unwrap_err();
        assert_eq!((d.line, d.column), (2, 12));
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_not_read_again_as_if_it_were_the_same() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("x.md"), "---\ntitle: one\n---\n").unwrap();
        let (source, stamp) = read(&dir.path().join("x.md"), "x.md").unwrap();
        let file = SourceFile::new("x.md", Some(stamp));
        assert_eq!(file.read_again(dir.path()).unwrap().text, source.text);
        std::fs::write(dir.path().join("x.md"), "---\ntitle: a longer one\n---\n").unwrap();
        let error = file.read_again(dir.path()).unwrap_err().to_string();
        assert_eq!(
            error,
            "x.md changed while spotlight was running; run the command again"
        );
        // The same length and the old modification time, as `cp -p` leaves them: the text
        // tells.
        let path = dir.path().join("x.md");
        std::fs::write(&path, "---\ntitle: two\n---\n").unwrap();
        let then = std::fs::metadata(&path).unwrap().modified().unwrap();
        let (_, stamp) = read(&path, "x.md").unwrap();
        let file = SourceFile::new("x.md", Some(stamp));
        std::fs::write(&path, "---\ntitle: six\n---\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(then)
            .unwrap();
        assert!(
            file.read_again(dir.path()).is_err(),
            "a same-size edit with the old time"
        );
        let never_read = SourceFile::new("y.md", None);
        assert!(never_read.read_again(dir.path()).is_err());
    }
}
