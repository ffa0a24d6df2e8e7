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
//!
//! The rooms: `scanner` splits the document into lines and reads keys; `nodes` builds the
//! tree of values with their positions; `de` hands the tree to serde.

mod de;
mod nodes;
mod scanner;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use de::NodeDe;
use scanner::Reader;

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
