//! The shape nearly all front matter has, read in one pass and handed to serde exactly as
//! serde-saphyr hands it: block mappings and lists, one-line flow lists and mappings, plain,
//! quoted and simple folded or literal text.
//!
//! serde-saphyr reads any YAML and explains every mistake, but spends about 370,000 instructions
//! on a 900-byte front matter: two thirds of `spotlight validate`. This reader takes a document
//! only when it is sure to give the same values at the same positions. Anything else (anchors,
//! aliases, tags, escapes, text over several lines, empty values, numbers or booleans where any
//! type is accepted, duplicate keys, tabs, an error of any kind) gives `None`, and the caller asks
//! serde-saphyr, which also writes every error message. A differential test holds the two to the
//! same values and positions on generated documents.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

/// `T` from `yaml`, when the document is in the subset this reader is sure of.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let root = Reader::new(yaml)?.document()?;
    T::deserialize(NodeDe(root)).ok()
}

/// Deeper nesting than front matter ever needs is left to serde-saphyr and its budget.
const MAX_DEPTH: usize = 16;

/// Longer documents too: 64 KiB cannot hold the 100,000 values serde-saphyr's budget allows.
const MAX_LEN: usize = 64 * 1024;

/// Where a value is, as serde-saphyr reports it: 1-based line and character column, and the
/// span in characters and in bytes from the start of the document.
#[derive(Debug, Clone, Copy)]
struct Mark {
    line: u32,
    column: u32,
    offset: u32,
    len: u32,
    byte: u32,
    bytes: u32,
}

#[derive(Debug)]
enum Value<'a> {
    /// A plain scalar, as written; what it means depends on the type asked for.
    Plain(&'a str),
    /// Quoted or block text: always a string.
    Text(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

#[derive(Debug)]
struct Node<'a> {
    value: Value<'a>,
    at: Mark,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Blank,
    Comment,
    Content,
}

/// One line of the document: byte range without the newline, the characters before it, its
/// indentation in spaces.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    chars_before: usize,
    indent: usize,
    ascii: bool,
    kind: Kind,
}

/// After a value: the next line with content, or the end of the document.
type Next = Option<usize>;

struct Reader<'a> {
    text: &'a str,
    lines: Vec<Line>,
}

fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn is_key_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> Reader<'a> {
    /// Lines of `text`, or `None` for a document this reader leaves alone: over [`MAX_LEN`],
    /// or with a character YAML does not allow or treats specially (tabs, carriage returns,
    /// other control characters, the Unicode line breaks, byte order marks and non-characters).
    fn new(text: &'a str) -> Option<Self> {
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

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The position of bytes `from..to`, which start on line `line`.
    fn mark(&self, line: usize, from: usize, to: usize) -> Mark {
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

    fn next_content(&self, from: usize) -> Next {
        (from..self.lines.len()).find(|&i| self.lines[i].kind == Kind::Content)
    }

    fn skip_spaces(&self, mut at: usize, end: usize) -> usize {
        while at < end && self.bytes()[at] == b' ' {
            at += 1;
        }
        at
    }

    /// After a value on its line: nothing, or a comment after a space.
    fn line_tail(&self, at: usize, end: usize) -> Option<()> {
        let rest = self.skip_spaces(at, end);
        (rest == end || (rest > at && self.bytes()[rest] == b'#')).then_some(())
    }

    /// A `key:` at `at` (letters, digits, `_`, `-`), followed by a space or the end of the line:
    /// the key and where its value may start.
    fn key(&self, at: usize, end: usize) -> Option<(&'a str, usize)> {
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

    fn is_item(&self, line: &Line) -> bool {
        let bytes = self.bytes();
        let dash = line.start + line.indent;
        bytes[dash] == b'-' && (dash + 1 == line.end || bytes[dash + 1] == b' ')
    }

    fn document(&self) -> Option<Node<'a>> {
        let first = self.next_content(0)?;
        let line = self.lines[first];
        if line.indent != 0 {
            return None;
        }
        match self.block_map(first, line.start, 0, 0)? {
            (node, None) => Some(node),
            _ => None,
        }
    }

    /// A block mapping whose first key is at byte `at` of line `line`, in column `indent`.
    fn block_map(
        &self,
        mut line: usize,
        mut at: usize,
        indent: usize,
        depth: usize,
    ) -> Option<(Node<'a>, Next)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mark = self.mark(line, at, at);
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        loop {
            let (key, value_at) = self.key(at, self.lines[line].end)?;
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            let (value, next) = self.block_value(line, value_at, indent, depth)?;
            entries.push((key, value));
            let Some(n) = next else {
                return Some((Node::map(entries, mark), None));
            };
            let following = self.lines[n];
            if following.indent < indent {
                return Some((Node::map(entries, mark), Some(n)));
            }
            if following.indent > indent || self.is_item(&following) {
                return None;
            }
            (line, at) = (n, following.start + indent);
        }
    }

    /// The value of a block mapping's key, from byte `at` just after its colon.
    fn block_value(
        &self,
        line: usize,
        at: usize,
        indent: usize,
        depth: usize,
    ) -> Option<(Node<'a>, Next)> {
        let end = self.lines[line].end;
        let start = self.skip_spaces(at, end);
        if start == end || self.bytes()[start] == b'#' {
            // The value is on the lines below; nothing there is an empty value, left to serde-saphyr.
            let n = self.next_content(line + 1)?;
            let below = self.lines[n];
            if self.is_item(&below) && below.indent >= indent {
                let indentless = below.indent == indent;
                return self.block_seq(n, below.indent, indentless, depth + 1);
            }
            if below.indent > indent {
                return self.block_map(n, below.start + below.indent, below.indent, depth + 1);
            }
            return None;
        }
        self.value_on_line(line, start, indent, depth)
    }

    /// A value that starts at `at` on its line, in a block whose keys or dashes are in column
    /// `indent`: folded or literal text on the lines below, or a value that ends on this line.
    fn value_on_line(
        &self,
        line: usize,
        at: usize,
        indent: usize,
        depth: usize,
    ) -> Option<(Node<'a>, Next)> {
        if matches!(self.bytes()[at], b'>' | b'|') {
            return self.block_text(line, at, indent);
        }
        let (node, after) = self.inline(line, at, false, depth)?;
        self.line_tail(after, self.lines[line].end)?;
        Some((node, self.next_content(line + 1)))
    }

    /// A block list whose dashes are in column `indent`, from line `line`. serde-saphyr places
    /// a list at its first dash, or at its first item when the dashes are not indented more than
    /// the key they belong to.
    fn block_seq(
        &self,
        mut line: usize,
        indent: usize,
        indentless: bool,
        depth: usize,
    ) -> Option<(Node<'a>, Next)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let l = self.lines[line];
        let dash = l.start + indent;
        let first = if indentless {
            // At the first item, or at the end of the line when the item is below it.
            match self.skip_spaces(dash + 1, l.end) {
                at if at < l.end && self.bytes()[at] != b'#' => at,
                _ => l.end,
            }
        } else {
            dash
        };
        let mark = self.mark(line, first, first);
        let mut items = Vec::new();
        loop {
            let l = self.lines[line];
            let dash = l.start + indent;
            let at = self.skip_spaces(dash + 1, l.end);
            if at == dash + 1 && at != l.end {
                return None;
            }
            let (item, next) = if at == l.end || self.bytes()[at] == b'#' {
                // The item is on the lines below, further in than the dash.
                let n = self.next_content(line + 1)?;
                let below = self.lines[n];
                if below.indent <= indent || self.is_item(&below) {
                    return None;
                }
                self.block_map(n, below.start + below.indent, below.indent, depth + 1)?
            } else if self.key(at, l.end).is_some() {
                self.block_map(line, at, at - l.start, depth + 1)?
            } else {
                self.value_on_line(line, at, indent, depth)?
            };
            items.push(item);
            let Some(n) = next else {
                return Some((Node::seq(items, mark), None));
            };
            let following = self.lines[n];
            if following.indent > indent {
                return None;
            }
            if following.indent < indent || !self.is_item(&following) {
                return Some((Node::seq(items, mark), Some(n)));
            }
            line = n;
        }
    }

    /// Folded (`>`) or literal (`|`) text, optionally stripped (`-`), whose indicator is at
    /// `at`: only lines of one indentation with no blank lines and no trailing spaces, which
    /// fold to the lines joined by spaces or newlines.
    fn block_text(&self, line: usize, at: usize, indent: usize) -> Option<(Node<'a>, Next)> {
        let bytes = self.bytes();
        let end = self.lines[line].end;
        let folded = bytes[at] == b'>';
        let strip = bytes.get(at + 1) == Some(&b'-');
        let header_end = at + 1 + usize::from(strip);
        if header_end < end && bytes[header_end] != b' ' {
            return None;
        }
        self.line_tail(header_end, end)?;
        let first = line + 1;
        let content = self.lines.get(first)?;
        let column = content.indent;
        if column <= indent {
            return None;
        }
        let mut last = first;
        let mut text = String::new();
        while let Some(l) = self.lines.get(last) {
            if l.kind != Kind::Blank && l.indent <= indent {
                break;
            }
            if l.kind == Kind::Blank || l.indent != column || bytes[l.end - 1] == b' ' {
                return None;
            }
            if last > first {
                text.push(if folded { ' ' } else { '\n' });
            }
            text.push_str(&self.text[l.start + column..l.end]);
            last += 1;
        }
        if !strip {
            text.push('\n');
        }
        let next = match self.lines.get(last) {
            Some(l) if l.kind == Kind::Content => Some(last),
            Some(_) => return None,
            None => None,
        };
        let from = content.start + column;
        // The span runs to the next line's content, or to the end.
        let mark = match next {
            Some(n) => self.mark(first, from, self.lines[n].start + self.lines[n].indent),
            None => self.mark(first, from, self.text.len()),
        };
        let node = Node {
            value: Value::Text(Cow::Owned(text)),
            at: mark,
        };
        Some((node, next))
    }

    /// A value that starts at `at` and ends on its line: flow list or mapping, quoted or plain
    /// text. In a flow collection (`flow`), plain text ends at `,`, `]` or `}`. Returns the node
    /// and the byte after it.
    fn inline(
        &self,
        line: usize,
        at: usize,
        flow: bool,
        depth: usize,
    ) -> Option<(Node<'a>, usize)> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.bytes()[at] {
            b'[' => self.flow_seq(line, at, depth + 1),
            b'{' => self.flow_map(line, at, depth + 1),
            b'"' => self.double_quoted(line, at),
            b'\'' => self.single_quoted(line, at),
            b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'#' | b',' | b']' | b'}'
            | b'?' | b':' | b'-' => None,
            _ => self.plain(line, at, flow),
        }
    }

    fn plain(&self, line: usize, at: usize, flow: bool) -> Option<(Node<'a>, usize)> {
        let bytes = self.bytes();
        let end = self.lines[line].end;
        let mut i = at;
        while i < end {
            match bytes[i] {
                b'#' if bytes[i - 1] == b' ' => {
                    if flow {
                        return None;
                    }
                    break;
                }
                b':' if flow || i + 1 == end || bytes[i + 1] == b' ' => return None,
                b',' | b']' | b'}' if flow => break,
                b'[' | b'{' if flow => return None,
                _ => {}
            }
            i += 1;
        }
        if flow && i == end {
            return None;
        }
        let mut last = i;
        while last > at && bytes[last - 1] == b' ' {
            last -= 1;
        }
        if last == at {
            return None;
        }
        let node = Node {
            value: Value::Plain(&self.text[at..last]),
            at: self.mark(line, at, last),
        };
        Some((node, last))
    }

    fn double_quoted(&self, line: usize, at: usize) -> Option<(Node<'a>, usize)> {
        let end = self.lines[line].end;
        let close = at + 1 + self.bytes()[at + 1..end].iter().position(|&b| b == b'"')?;
        if self.bytes()[at + 1..close].contains(&b'\\') {
            return None;
        }
        let node = Node {
            value: Value::Text(Cow::Borrowed(&self.text[at + 1..close])),
            at: self.mark(line, at, close + 1),
        };
        Some((node, close + 1))
    }

    fn single_quoted(&self, line: usize, at: usize) -> Option<(Node<'a>, usize)> {
        let bytes = self.bytes();
        let end = self.lines[line].end;
        let mut i = at + 1;
        let mut doubled = false;
        loop {
            if i >= end {
                return None;
            }
            if bytes[i] == b'\'' {
                if bytes.get(i + 1) == Some(&b'\'') && i + 1 < end {
                    doubled = true;
                    i += 2;
                    continue;
                }
                break;
            }
            i += 1;
        }
        let inner = &self.text[at + 1..i];
        let text = if doubled {
            Cow::Owned(inner.replace("''", "'"))
        } else {
            Cow::Borrowed(inner)
        };
        let node = Node {
            value: Value::Text(text),
            at: self.mark(line, at, i + 1),
        };
        Some((node, i + 1))
    }

    /// `[a, b]` on one line.
    fn flow_seq(&self, line: usize, at: usize, depth: usize) -> Option<(Node<'a>, usize)> {
        let bytes = self.bytes();
        let end = self.lines[line].end;
        let mark = self.mark(line, at, at + 1);
        let mut items = Vec::new();
        let mut i = self.skip_spaces(at + 1, end);
        if i < end && bytes[i] == b']' {
            return Some((Node::seq(items, mark), i + 1));
        }
        loop {
            if i >= end {
                return None;
            }
            let (item, after) = self.inline(line, i, true, depth)?;
            items.push(item);
            match self.after_entry(after, end, b']')? {
                Entry::Next(next) => i = next,
                Entry::Closed(past) => return Some((Node::seq(items, mark), past)),
            }
        }
    }

    /// `{key: value, ...}` on one line.
    fn flow_map(&self, line: usize, at: usize, depth: usize) -> Option<(Node<'a>, usize)> {
        let bytes = self.bytes();
        let end = self.lines[line].end;
        let mark = self.mark(line, at, at + 1);
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        let mut i = self.skip_spaces(at + 1, end);
        if i < end && bytes[i] == b'}' {
            return Some((Node::map(entries, mark), i + 1));
        }
        loop {
            let (key, after_colon) = self.key(i, end)?;
            if after_colon >= end || entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            let value_at = self.skip_spaces(after_colon, end);
            if value_at >= end {
                return None;
            }
            let (value, after) = self.inline(line, value_at, true, depth)?;
            entries.push((key, value));
            match self.after_entry(after, end, b'}')? {
                Entry::Next(next) => i = next,
                Entry::Closed(past) => return Some((Node::map(entries, mark), past)),
            }
        }
    }

    /// After an entry of a one-line flow collection that `close` ends: a comma and the next
    /// entry (not the close: no trailing commas), or the close.
    fn after_entry(&self, after: usize, end: usize, close: u8) -> Option<Entry> {
        let bytes = self.bytes();
        let i = self.skip_spaces(after, end);
        if i >= end {
            return None;
        }
        if bytes[i] == close {
            return Some(Entry::Closed(i + 1));
        }
        let next = self.skip_spaces(i + 1, end);
        (bytes[i] == b',' && next < end && bytes[next] != close).then_some(Entry::Next(next))
    }
}

/// Where a flow collection goes after an entry.
enum Entry {
    /// The next entry starts here.
    Next(usize),
    /// The collection closed; this is the byte after it.
    Closed(usize),
}

impl<'a> Node<'a> {
    fn seq(items: Vec<Node<'a>>, at: Mark) -> Self {
        Node {
            value: Value::Seq(items),
            at,
        }
    }

    fn map(entries: Vec<(&'a str, Node<'a>)>, at: Mark) -> Self {
        Node {
            value: Value::Map(entries),
            at,
        }
    }
}

/// Plain text YAML reads as no value at all.
fn is_null(text: &str) -> bool {
    matches!(text, "~" | "null" | "Null" | "NULL")
}

/// Plain text that YAML may read as something other than a string where any type is accepted:
/// null, a boolean in any YAML version, or anything number-like.
fn is_typed(text: &str) -> bool {
    is_null(text)
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        || text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
}

/// A whole number written plainly: digits, an optional minus, no leading zeros.
fn whole_number(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if plain { text.parse().ok() } else { None }
}

/// Any failure: the document is left to serde-saphyr, which says what is wrong.
#[derive(Debug)]
struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not in the subset read without serde-saphyr")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

struct NodeDe<'a>(Node<'a>);

impl<'a> NodeDe<'a> {
    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if !is_null(text) => visitor.visit_str(text),
            Value::Text(Cow::Borrowed(text)) => visitor.visit_str(text),
            Value::Text(Cow::Owned(text)) => visitor.visit_string(text),
            _ => Err(Unsure),
        }
    }

    fn number(&self) -> Result<i64, Unsure> {
        match self.0.value {
            Value::Plain(text) => whole_number(text).ok_or(Unsure),
            _ => Err(Unsure),
        }
    }
}

/// serde-saphyr's name for the newtype that `Spanned<T>` asks for, and the key that marks the
/// map it answers with. Pinned by Cargo.lock; the differential test fails if they change.
const SPANNED_NEWTYPE: &str = "__yaml_spanned";
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// Kinds of value no front matter field takes: left to serde-saphyr.
macro_rules! declined {
    ($de:lifetime; $($method:ident)*) => {
        $(
            fn $method<V: Visitor<$de>>(self, _: V) -> Result<V::Value, Unsure> {
                Err(Unsure)
            }
        )*
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if is_typed(text) => Err(Unsure),
            Value::Plain(_) | Value::Text(_) => self.text(visitor),
            Value::Seq(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(NodeDe)))
            }
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.text(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain("true") => visitor.visit_bool(true),
            Value::Plain("false") => visitor.visit_bool(false),
            _ => Err(Unsure),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_i64(self.number()?)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_i64(self.number()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_u64(u64::try_from(self.number()?).map_err(|_| Unsure)?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_u64(u64::try_from(self.number()?).map_err(|_| Unsure)?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if is_null(text) => Err(Unsure),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        if name == SPANNED_NEWTYPE {
            visitor.visit_newtype_struct(SpannedDe(self.0))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Seq(_) => self.deserialize_any(visitor),
            _ => Err(Unsure),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Map(_) => self.deserialize_any(visitor),
            _ => Err(Unsure),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        match self.0.value {
            Value::Plain(text) if !is_typed(text) => {
                visitor.visit_enum(StrDeserializer::<Unsure>::new(text))
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_unit()
    }

    declined! { 'de;
        deserialize_i8 deserialize_i16 deserialize_u8 deserialize_u16 deserialize_f32
        deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }
}

impl<'de, 'a> IntoDeserializer<'de, Unsure> for NodeDe<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A mapping's entries, keys first.
struct Entries<'a> {
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(StrDeserializer::<Unsure>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        seed.deserialize(NodeDe(self.value.take().ok_or(Unsure)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A node as `Spanned<T>` asks serde-saphyr for it: a map of a marker, the value, and where it
/// is referenced and defined (the same place: this reader takes no aliases).
struct SpannedDe<'a>(Node<'a>);

impl<'de, 'a> de::Deserializer<'de> for SpannedDe<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        let at = self.0.at;
        visitor.visit_map(SpannedFields {
            node: Some(self.0),
            at,
            field: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedFields<'a> {
    node: Option<Node<'a>>,
    at: Mark,
    field: u8,
}

impl<'de, 'a> MapAccess<'de> for SpannedFields<'a> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let key = match self.field {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        self.field += 1;
        seed.deserialize(StrDeserializer::<Unsure>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        match self.field {
            1 => seed.deserialize(true.into_deserializer()),
            2 => seed.deserialize(NodeDe(self.node.take().ok_or(Unsure)?)),
            _ => seed.deserialize(Fields::location(self.at)),
        }
    }
}

/// A [`Mark`] as serde-saphyr's `Location` deserializes (line, column, span), or its span
/// (`span: true`: offset, length, and both in bytes).
struct Fields {
    at: Mark,
    field: u8,
    span: bool,
}

impl Fields {
    fn location(at: Mark) -> Self {
        Fields {
            at,
            field: 0,
            span: false,
        }
    }
}

impl<'de> de::Deserializer<'de> for Fields {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let names: [&'static str; 3] = if self.span {
            ["offset", "len", "byte_info"]
        } else {
            ["line", "column", "span"]
        };
        let Some(name) = names.get(usize::from(self.field)) else {
            return Ok(None);
        };
        self.field += 1;
        seed.deserialize(StrDeserializer::<Unsure>::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        let at = self.at;
        match (self.span, self.field) {
            (false, 1) => seed.deserialize(at.line.into_deserializer()),
            (false, 2) => seed.deserialize(at.column.into_deserializer()),
            (false, _) => seed.deserialize(Fields {
                span: true,
                ..Fields::location(at)
            }),
            (true, 1) => seed.deserialize(u64::from(at.offset).into_deserializer()),
            (true, 2) => seed.deserialize(u64::from(at.len).into_deserializer()),
            (true, _) => seed.deserialize(SeqDeserializer::new(
                [u64::from(at.byte), u64::from(at.bytes)].into_iter(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReviewMeta, Status, SubmissionMeta};
    use crate::parse::yaml::{self, OneOrMany};
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_saphyr::Spanned;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // compared through Debug
    struct Inner {
        x: Spanned<String>,
        #[serde(default)]
        y: Option<Spanned<i64>>,
    }

    /// Every kind of field the front matter has, each optional so any subset can be written.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // compared through Debug
    struct Doc {
        #[serde(default)]
        a: Option<Spanned<String>>,
        #[serde(default)]
        b: Option<Spanned<OneOrMany>>,
        #[serde(default)]
        c: Option<Vec<Spanned<String>>>,
        #[serde(default)]
        d: Option<Spanned<Inner>>,
        #[serde(default)]
        e: Option<Vec<Inner>>,
        #[serde(default)]
        f: Option<Spanned<bool>>,
        #[serde(default)]
        g: Option<Spanned<Status>>,
        #[serde(default)]
        x: Option<Spanned<String>>,
        #[serde(default)]
        y: Option<u32>,
        #[serde(default)]
        w: Option<Spanned<Vec<Inner>>>,
    }

    /// The subset reader either declines or gives exactly what serde-saphyr gives.
    fn agrees<T: DeserializeOwned + fmt::Debug>(yaml: &str) -> Result<bool, TestCaseError> {
        let Some(fast) = from_str::<T>(yaml) else {
            return Ok(false);
        };
        match yaml::from_str::<T>(yaml) {
            Ok(full) => prop_assert_eq!(format!("{fast:#?}"), format!("{full:#?}"), "{:?}", yaml),
            Err(error) => prop_assert!(false, "serde-saphyr refused {yaml:?}: {error}"),
        }
        Ok(true)
    }

    /// Words front matter is made of, and fragments that test the edges of YAML.
    const WORDS: &[&str] = &[
        "word",
        "Kensington and Chelsea",
        "Émile",
        "Children's",
        "“Hope”",
        "2026-04-09",
        "2026-04-10T10:30:00+01:00",
        "https://example.org/a.pdf",
        "person@example.org",
        "safety",
        "日本",
        "x#y",
        "50%",
        "draft",
        "ok?",
        "a-b",
        "under_score",
    ];
    const FRAGMENTS: &[&str] = &[
        ":", ": ", " #", "#", "'", "''", "\"", "\\", "[", "]", "{", "}", ",", ", ", "-", "- ",
        "&a", "*a", "!", "|", ">", "?", "%", "@", "`", "~", "null", "true", "No", "on", "5", "-5",
        "007", "0x1", "1.5", ".5", " ", "  ", "\t", "\r", "x: y", "\u{85}", "\u{a0}", "\u{feff}",
        "", "see [1]", "a, b", "{x}",
    ];

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            80 => prop::sample::select(WORDS),
            1 => prop::sample::select(FRAGMENTS),
        ];
        prop::collection::vec(piece, 1..3).prop_map(|v| v.join(" "))
    }

    #[derive(Debug, Clone)]
    enum Gen {
        Plain(String),
        Single(String),
        Double(String),
        FlowSeq(Vec<Gen>),
        FlowMap(Vec<(&'static str, Gen)>),
        /// Items, and how much further in than the key their dashes are.
        BlockSeq(Vec<Gen>, usize),
        BlockMap(Vec<(&'static str, Gen)>, usize),
        /// A mapping that starts on its list item's line: `- key: value`.
        Compact(Vec<(&'static str, Gen)>),
        /// Indicator (`>`, `|-`, ...), and lines with their indentation.
        Lines(&'static str, Vec<(String, usize)>),
        Empty,
    }

    /// What a field holds, to generate documents that are mostly right.
    #[derive(Debug, Clone, Copy)]
    enum Shape {
        Text,
        Number,
        Flag,
        State,
        OneOrMany,
        Texts,
        Map(&'static [(&'static str, Shape)]),
        Maps(&'static [(&'static str, Shape)]),
    }

    const INNER: &[(&str, Shape)] = &[("x", Shape::Text), ("y", Shape::Number)];
    const DOC: &[(&str, Shape)] = &[
        ("a", Shape::Text),
        ("b", Shape::OneOrMany),
        ("c", Shape::Texts),
        ("d", Shape::Map(INNER)),
        ("e", Shape::Maps(INNER)),
        ("f", Shape::Flag),
        ("g", Shape::State),
        ("x", Shape::Text),
        ("y", Shape::Number),
    ];
    const PERSON: &[(&str, Shape)] = &[("name", Shape::Text), ("role", Shape::Text)];
    const CONTACT: &[(&str, Shape)] = &[
        ("name", Shape::Text),
        ("role", Shape::Text),
        ("email", Shape::Text),
    ];
    const APPROVAL: &[(&str, Shape)] = &[
        ("name", Shape::Text),
        ("role", Shape::Text),
        ("local_authority", Shape::Text),
        ("date", Shape::Text),
    ];
    const LINK: &[(&str, Shape)] = &[("title", Shape::Text), ("url", Shape::Text)];
    const SUBMISSION_FIELDS: &[(&str, Shape)] = &[
        ("title", Shape::Text),
        ("categories", Shape::OneOrMany),
        ("local_authorities", Shape::OneOrMany),
        ("partners", Shape::OneOrMany),
        ("summary", Shape::Text),
        ("contact", Shape::Map(CONTACT)),
        ("team", Shape::Maps(PERSON)),
        ("approval", Shape::Map(APPROVAL)),
        ("submitted", Shape::Text),
        ("themes", Shape::OneOrMany),
        ("status", Shape::State),
        ("links", Shape::Maps(LINK)),
    ];

    fn scalar() -> impl Strategy<Value = Gen> + Clone {
        let lines = (
            prop_oneof![
                20 => prop::sample::select(&[">", ">-", "|", "|-", "> # c"][..]),
                1 => prop::sample::select(&[">+", ">2", ">-x", "|#"][..]),
            ],
            prop::collection::vec(
                (
                    text(),
                    prop_oneof![30 => Just(2usize), 1 => Just(3), 1 => Just(0)],
                ),
                1..4,
            ),
        );
        prop_oneof![
            12 => text().prop_map(Gen::Plain),
            2 => text().prop_map(Gen::Single),
            2 => text().prop_map(Gen::Double),
            1 => lines.prop_map(|(indicator, lines)| Gen::Lines(indicator, lines)),
        ]
    }

    /// Anything at all, nested.
    fn wild() -> impl Strategy<Value = Gen> {
        let leaf = prop_oneof![4 => scalar(), 1 => Just(Gen::Empty)];
        leaf.prop_recursive(3, 24, 4, |inner| {
            let key = prop::sample::select(&["x", "y", "zz", "a b", "-k"][..]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Gen::FlowSeq),
                prop::collection::vec((key.clone(), inner.clone()), 0..4).prop_map(Gen::FlowMap),
                (prop::collection::vec(inner.clone(), 1..4), 0usize..3)
                    .prop_map(|(items, indent)| Gen::BlockSeq(items, indent)),
                (prop::collection::vec((key, inner), 1..4), 1usize..4)
                    .prop_map(|(entries, indent)| Gen::BlockMap(entries, indent)),
            ]
        })
    }

    fn list(item: BoxedStrategy<Gen>) -> BoxedStrategy<Gen> {
        prop_oneof![
            prop::collection::vec(item.clone(), 0..4).prop_map(Gen::FlowSeq),
            (
                prop::collection::vec(item, 1..4),
                prop::sample::select(&[0usize, 2, 2, 1][..])
            )
                .prop_map(|(items, indent)| Gen::BlockSeq(items, indent)),
        ]
        .boxed()
    }

    /// A value for a field of `shape`: usually of that shape, now and then anything.
    fn value(shape: Shape) -> BoxedStrategy<Gen> {
        let plain = |right: &'static [&'static str], wrong: &'static [&'static str]| {
            prop_oneof![
                60 => prop::sample::select(right).prop_map(|w| Gen::Plain(w.to_string())),
                1 => prop::sample::select(wrong).prop_map(|w| Gen::Plain(w.to_string())),
                1 => scalar(),
            ]
            .boxed()
        };
        let typed = match shape {
            Shape::Text => scalar().boxed(),
            Shape::Number => plain(&["4", "0", "12"], &["-3", "007", "1.5", "1_0", "x", "+1"]),
            Shape::Flag => plain(&["true", "false"], &["True", "yes", "1"]),
            Shape::State => plain(
                &["draft", "submitted", "withdrawn"],
                &["Draft", "done", "~"],
            ),
            Shape::OneOrMany => prop_oneof![scalar(), list(scalar().boxed())].boxed(),
            Shape::Texts => list(scalar().boxed()),
            Shape::Map(fields) => (fields_of(fields), any::<bool>(), 1usize..4)
                .prop_map(|(entries, flow, indent)| {
                    if flow {
                        Gen::FlowMap(entries)
                    } else {
                        Gen::BlockMap(entries, indent)
                    }
                })
                .boxed(),
            Shape::Maps(fields) => {
                let item = (fields_of(fields), 0..3)
                    .prop_map(|(entries, style)| match style {
                        0 => Gen::FlowMap(entries),
                        1 => Gen::Compact(entries),
                        _ => Gen::BlockMap(entries, 2),
                    })
                    .boxed();
                list(item)
            }
        };
        prop_oneof![400 => typed, 1 => wild()].boxed()
    }

    /// The fields in any order, now and then one dropped, doubled or unknown, with blank
    /// lines and comments between them.
    fn fields_of(
        fields: &'static [(&'static str, Shape)],
    ) -> BoxedStrategy<Vec<(&'static str, Gen)>> {
        let each: Vec<_> = fields
            .iter()
            .map(|&(key, shape)| {
                let key = prop_oneof![
                    150 => Just(key),
                    1 => prop::sample::select(&["zz", "title", "x", "a b"][..]),
                ];
                (key, value(shape), 0..200u8)
            })
            .collect();
        (each, Just(()).prop_perturb(|_, mut rng| rng.next_u64()))
            .prop_map(|(mut entries, seed)| {
                entries.retain(|(_, _, keep)| *keep > 0);
                let n = entries.len().max(1);
                entries.rotate_left(seed as usize % n);
                if seed % 7 == 0 && entries.len() > 2 {
                    entries.swap(0, 2);
                }
                entries
                    .into_iter()
                    .map(|(key, value, _)| (key, value))
                    .collect()
            })
            .boxed()
    }

    /// Writes `value` after a key or dash at column `indent`; block values go on the lines below.
    fn write(value: &Gen, indent: usize, out: &mut String) {
        match value {
            Gen::Plain(t) => out.push_str(&format!(" {t}\n")),
            Gen::Single(t) => out.push_str(&format!(" '{}'\n", t.replace('\'', "''"))),
            Gen::Double(t) => out.push_str(&format!(" \"{t}\"\n")),
            Gen::FlowSeq(_) | Gen::FlowMap(_) => {
                flow(value, out);
                out.push('\n');
            }
            Gen::BlockSeq(items, extra) => {
                out.push('\n');
                for item in items {
                    out.push_str(&format!("{}-", " ".repeat(indent + extra)));
                    write(item, indent + extra + 2, out);
                }
            }
            Gen::BlockMap(entries, extra) => {
                out.push('\n');
                for (key, item) in entries {
                    out.push_str(&format!("{}{key}:", " ".repeat(indent + extra)));
                    write(item, indent + extra, out);
                }
            }
            Gen::Compact(entries) => {
                for (i, (key, item)) in entries.iter().enumerate() {
                    let pad = if i == 0 { 1 } else { indent };
                    out.push_str(&format!("{}{key}:", " ".repeat(pad)));
                    write(item, indent, out);
                }
                if entries.is_empty() {
                    out.push_str(" {}\n");
                }
            }
            Gen::Lines(indicator, lines) => {
                out.push_str(&format!(" {indicator}\n"));
                for (line, more) in lines {
                    out.push_str(&format!("{}{line}\n", " ".repeat(indent + more)));
                }
            }
            Gen::Empty => out.push('\n'),
        }
    }

    fn flow(value: &Gen, out: &mut String) {
        let list = |items: &mut dyn Iterator<Item = (Option<&str>, &Gen)>, out: &mut String| {
            for (i, (key, item)) in items.enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if let Some(key) = key {
                    out.push_str(key);
                    out.push(':');
                }
                flow(item, out);
            }
        };
        match value {
            Gen::FlowSeq(items) => {
                out.push_str(" [");
                list(&mut items.iter().map(|item| (None, item)), out);
                out.push(']');
            }
            Gen::FlowMap(entries) | Gen::Compact(entries) | Gen::BlockMap(entries, _) => {
                out.push_str(" {");
                list(&mut entries.iter().map(|(k, item)| (Some(*k), item)), out);
                out.push('}');
            }
            Gen::Plain(t) => out.push_str(&format!(" {t}")),
            Gen::Single(t) => out.push_str(&format!(" '{}'", t.replace('\'', "''"))),
            Gen::Double(t) => out.push_str(&format!(" \"{t}\"")),
            _ => out.push_str(" x"),
        }
    }

    const BETWEEN: &[&str] = &["\n", "# note\n", "  # note\n", "   \n", "  more\n"];

    fn document(entries: &[(&str, Gen)], between: &[&str]) -> String {
        let mut out = String::new();
        for (i, (key, value)) in entries.iter().enumerate() {
            out.push_str(key);
            out.push(':');
            write(value, 0, &mut out);
            out.push_str(between[i % between.len()]);
        }
        out
    }

    fn documents(fields: &'static [(&'static str, Shape)]) -> impl Strategy<Value = String> {
        let between = prop_oneof![30 => Just(""), 1 => prop::sample::select(BETWEEN)];
        (fields_of(fields), prop::collection::vec(between, 1..6))
            .prop_map(|(entries, between)| document(&entries, &between))
    }

    const SUBMISSION: &str = "title: Family hubs with one request for support\n\
        categories: [early-intervention, safety]\n\
        local_authorities: [Kensington and Chelsea, Hackney]\n\
        partners: [Example Health Partnership]\n\
        summary: >-\n  Families used to be passed between services.\n  Now there is one door.\n\
        contact: {name: Person 0, role: Service Manager, email: person0@example.org}\n\
        team:\n  - {name: Member A0, role: Social Worker}\n  - name: Émile Zola\n    role: Lead\n\
        approval:\n  name: Director 0\n  role: Director of Children's Services\n  \
        local_authority: Kensington and Chelsea\n  date: 2026-04-09\n\
        submitted: 2026-04-10T10:30:00+01:00\n\
        themes: [racial equity, partnership working]\n\
        status: submitted\n\
        links: [{title: Report, url: \"https://example.org/0.pdf\"}]\n";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn declines_or_agrees_with_serde_saphyr(yaml in documents(DOC)) {
            agrees::<Doc>(&yaml)?;
        }

        #[test]
        fn declines_or_agrees_on_submissions(yaml in documents(SUBMISSION_FIELDS)) {
            agrees::<SubmissionMeta>(&yaml)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// A file read past its mistakes gives the same findings, the same unread fields and
        /// the same record whether each round tries the one-pass reader first or not.
        #[test]
        fn recovers_alike_on_both_readers(yaml in documents(SUBMISSION_FIELDS)) {
            let origin = crate::parse::yaml::Origin { file: "x.md", first_line: 2 };
            let both = crate::parse::recover::read::<SubmissionMeta, _>(
                &yaml, &origin, crate::parse::read_yaml);
            let full = crate::parse::recover::read::<SubmissionMeta, _>(
                &yaml, &origin, yaml::from_str);
            prop_assert_eq!(format!("{:#?}", both.diagnostics), format!("{:#?}", full.diagnostics));
            prop_assert_eq!(both.unread, full.unread);
            prop_assert_eq!(format!("{:#?}", both.meta), format!("{:#?}", full.meta));
        }
    }

    #[test]
    fn takes_the_common_shapes() {
        assert!(agrees::<SubmissionMeta>(SUBMISSION).unwrap());
        let review = "submission: 2026/bexley-hubs\nreviewer: mei-chen\ncategory: safety\nstatus: complete\nrating: 4\n";
        assert!(agrees::<ReviewMeta>(review).unwrap());
        let literal = "a: |\n  one\n  two\nb: [x, 'it''s', \"q\"]  # c\n\n# note\nc:\n- y\n- z\n";
        assert!(agrees::<Doc>(literal).unwrap());
        // Cases the property tests found: a list whose dashes are not further in than its key
        // is placed at its first item; folded text's span runs to the next line's content.
        assert!(agrees::<Doc>("b:\n- ''\n").unwrap());
        assert!(agrees::<Doc>("e:\n  - x: >\n      word\n  - {x: word}\n").unwrap());
        assert!(agrees::<Doc>("d:\n x: >\n   word\n y: 4\n").unwrap());
        // Cases a review found: a list at its key's indentation whose first item starts on the
        // next line is placed at the end of the dash's line.
        for yaml in [
            "w:\n- # c\n  x: a\n",
            "w:\n-  #  c  \n  x: a\n",
            "w:\n-  \n  x: a\n",
        ] {
            assert!(agrees::<Doc>(yaml).unwrap(), "{yaml:?}");
        }
        // Text running to the end of the document, with and without a final newline.
        assert!(agrees::<Doc>("a: >-\n  one\n  two\n").unwrap());
        assert!(agrees::<Doc>("a: >-\n  one\n  two").unwrap());
    }

    #[test]
    fn leaves_the_rest_to_serde_saphyr() {
        for yaml in [
            "a: x\na: y\n",
            "a: &k x\nx: *k\n",
            "a: \"tab\\tbed\"\n",
            "a: [x,\n  y]\n",
            "a: x\n  continued\n",
            "a:\n",
            "a: ~\n",
            "b: 5\n",
            "f: yes\n",
            "a: !tag x\n",
            "a: >\n  one\n\n  two\n",
            "a:\tx\n",
            "zz: x\n",
            "a: x\r\n",
            "a: x\u{80}\n",
            "a: 'x\u{ffff}'\n",
            "# \u{9f}\na: x\n",
        ] {
            assert!(from_str::<Doc>(yaml).is_none(), "{yaml:?}");
        }
        // serde-saphyr reads `null:` as a key with no value.
        type Map = std::collections::BTreeMap<String, String>;
        assert!(from_str::<Map>("null: x\n").is_none());
        assert!(yaml::from_str::<Map>("null: x\n").is_err());
        // More values than serde-saphyr's budget allows.
        let long = format!("c: [{}]\n", vec!["x"; 100_010].join(", "));
        assert!(from_str::<Doc>(&long).is_none());
        assert!(yaml::from_str::<Doc>(&long).is_err());
    }
}
