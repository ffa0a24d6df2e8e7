//! The document as lines, and the keys and spaces on them.

use super::{MAX_LEN, Mark, is_null};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Blank,
    Comment,
    Content,
}

/// One line of the document: byte range without the newline, the characters before it, its
/// indentation in spaces.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) chars_before: usize,
    pub(super) indent: usize,
    pub(super) ascii: bool,
    pub(super) kind: Kind,
}

/// After a value: the next line with content, or the end of the document.
pub(super) type Next = Option<usize>;

pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
    pub(super) lines: Vec<Line>,
}

pub(super) fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

pub(super) fn is_key_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub(super) fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> Reader<'a> {
    /// Lines of `text`, or `None` for a document this reader leaves alone: over [`MAX_LEN`],
    /// or with a character YAML does not allow or treats specially (tabs, carriage returns,
    /// other control characters, the Unicode line breaks, byte order marks and non-characters).
    pub(super) fn new(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        let unsure = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7F;
        if bytes.len() > MAX_LEN
            || bytes.iter().any(|&b| unsure(b))
            || (!text.is_ascii()
                && text.chars().any(|c| {
                    matches!(
                        c,
                        '\u{80}'
                            ..='\u{9F}'
                                | '\u{2028}'
                                | '\u{2029}'
                                | '\u{FEFF}'
                                | '\u{FFFE}'
                                | '\u{FFFF}'
                    )
                }))
        {
            return None;
        }
        let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
        let mut start = 0;
        let mut chars_before = 0;
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i);
            let line = &bytes[start..end];
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            let kind = match line.get(indent) {
                None => Kind::Blank,
                Some(b'#') => Kind::Comment,
                Some(_) => Kind::Content,
            };
            let ascii = line.is_ascii();
            lines.push(Line {
                start,
                end,
                chars_before,
                indent,
                ascii,
                kind,
            });
            chars_before += if ascii { line.len() } else { chars(line) } + 1;
            start = end + 1;
        }
        Some(Reader { text, lines })
    }

    pub(super) fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The position of bytes `from..to`, which start on line `line`.
    pub(super) fn mark(&self, line: usize, from: usize, to: usize) -> Mark {
        let l = &self.lines[line];
        let bytes = self.bytes();
        let before = if l.ascii {
            from - l.start
        } else {
            chars(&bytes[l.start..from])
        };
        let len = if l.ascii && to <= l.end {
            to - from
        } else {
            chars(&bytes[from..to])
        };
        Mark {
            line: line as u32 + 1,
            column: before as u32 + 1,
            offset: (l.chars_before + before) as u32,
            len: len as u32,
            byte: from as u32,
            bytes: (to - from) as u32,
        }
    }

    pub(super) fn next_content(&self, from: usize) -> Next {
        (from..self.lines.len()).find(|&i| self.lines[i].kind == Kind::Content)
    }

    pub(super) fn skip_spaces(&self, mut at: usize, end: usize) -> usize {
        while at < end && self.bytes()[at] == b' ' {
            at += 1;
        }
        at
    }

    /// After a value on its line: nothing, or a comment after a space.
    pub(super) fn line_tail(&self, at: usize, end: usize) -> Option<()> {
        let rest = self.skip_spaces(at, end);
        (rest == end || (rest > at && self.bytes()[rest] == b'#')).then_some(())
    }

    /// A `key:` at `at` (letters, digits, `_`, `-`), followed by a space or the end of the line:
    /// the key and where its value may start.
    pub(super) fn key(&self, at: usize, end: usize) -> Option<(&'a str, usize)> {
        let bytes = self.bytes();
        if at >= end || !is_key_start(bytes[at]) {
            return None;
        }
        let mut i = at + 1;
        while i < end && is_key_byte(bytes[i]) {
            i += 1;
        }
        let colon_ends_key = i < end && bytes[i] == b':' && (i + 1 == end || bytes[i + 1] == b' ');
        // `null:` is a key with no value to serde-saphyr, not the text "null".
        let key = &self.text[at..i];
        (colon_ends_key && !is_null(key)).then(|| (key, i + 1))
    }

    pub(super) fn is_item(&self, line: &Line) -> bool {
        let bytes = self.bytes();
        let dash = line.start + line.indent;
        bytes[dash] == b'-' && (dash + 1 == line.end || bytes[dash + 1] == b' ')
    }
}
