//! Values and their positions, built from the lines: block mappings and lists, flow
//! collections on one line, plain, quoted and block text.

use std::borrow::Cow;

use super::scanner::{Kind, Next, Reader};
use super::{MAX_DEPTH, Node, Value};

impl<'a> Reader<'a> {
    pub(super) fn document(&self) -> Option<Node<'a>> {
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
