//! YAML into typed values with serde-saphyr, and its errors turned into diagnostics that point at
//! the right line of the file the YAML came from.

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Location;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};

/// Parses `yaml` into `T`. Duplicate keys are errors, and a node budget stops alias bombs.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_depth: 64,
            max_nodes: 100_000,
        },
    };
    serde_saphyr::from_str_with_options(yaml, options)
}

/// A value and where it was written. serde-saphyr's own `Spanned<T>` keeps two whole locations
/// (where the value is used and where an anchor defined it, one place when there are no
/// aliases), 56 bytes beside every value; records keep every field of every file for the whole
/// run, so this keeps one [`Place`] of 20 bytes instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Place,
}

impl<T> Spanned<T> {
    pub fn new(value: T, at: Place) -> Self {
        Spanned { value, at }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned::new(spanned.value, spanned.referenced.into()))
    }
}

/// Where a value was written in its YAML: 1-based line and character column (line 0 when not
/// known), its length in characters, and its bytes from the start of the YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    line: u32,
    column: u32,
    chars: u32,
    byte_offset: u32,
    byte_len: u32,
}

impl Place {
    pub const UNKNOWN: Place = Place {
        line: 0,
        column: 0,
        chars: 0,
        byte_offset: u32::MAX,
        byte_len: u32::MAX,
    };

    pub fn line(&self) -> usize {
        self.line as usize
    }

    pub fn column(&self) -> usize {
        self.column as usize
    }

    /// How many characters the value takes in the YAML, quotes and block indicators included.
    pub fn chars(&self) -> usize {
        self.chars as usize
    }

    /// The byte range in the YAML, when known.
    pub fn bytes(&self) -> Option<std::ops::Range<usize>> {
        (self.byte_offset != u32::MAX && self.byte_len != u32::MAX).then(|| {
            let start = self.byte_offset as usize;
            start..start + self.byte_len as usize
        })
    }
}

impl From<Location> for Place {
    fn from(location: Location) -> Place {
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let span = location.span();
        Place {
            line: narrow(location.line()),
            column: narrow(location.column()),
            chars: narrow(span.len()),
            byte_offset: span.byte_offset().map_or(u32::MAX, narrow),
            byte_len: span.byte_len().map_or(u32::MAX, narrow),
        }
    }
}

/// Where a YAML document sits in its file, to turn YAML positions into file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    /// The 1-based file line of the YAML's first line.
    pub first_line: usize,
}

impl Origin<'_> {
    /// The file position of a place in the YAML (1-based line and character column).
    pub fn position(&self, place: &Place, width: usize) -> Position {
        if place.line() == 0 {
            return Position::new(self.first_line, 1, 1);
        }
        Position::new(place.line() + self.first_line - 1, place.column(), width)
    }

    /// The file position of a spanned string value, as wide as the value.
    pub fn at(&self, value: &Spanned<String>) -> Position {
        let width = value.at.chars();
        self.position(&value.at, width.max(value.value.chars().count()))
    }

    /// Turns a serde-saphyr error in `yaml` into a diagnostic, naming the key it is about and,
    /// for a misspelt key, the nearest of the keys the error says are allowed.
    pub fn diagnostic(&self, yaml: &str, error: &serde_saphyr::Error) -> Diagnostic {
        let location = error.location().unwrap_or(Location::UNKNOWN);
        let message = plain_message(error);
        let key = key_at(yaml, location.line() as usize, location.column() as usize);
        let (code, mut text, mut help, width) = classify(&message, key.as_deref());
        let mut at = self.position(&location.into(), width);
        if location.line() as usize > yaml.lines().count() && location.line() > 1 {
            // Errors at the end of input point after the last line; show the last line instead.
            at = Position::new(self.first_line + yaml.lines().count().max(1) - 1, 1, 1);
        }
        if code == Code::YamlSyntax
            && let Some(cause) = syntax_cause(yaml, &message, &location)
        {
            at = Position::new(self.first_line + cause.line - 1, cause.column, 1);
            (text, help) = (cause.message, cause.help);
        }
        Diagnostic::new(code, self.file, at, text, help)
    }
}

/// Where a syntax error really is, when the parser notices it later than it happens.
struct Cause {
    /// 1-based line of the YAML and character column.
    line: usize,
    column: usize,
    message: String,
    help: String,
}

/// The parser reports an unclosed `[` where the next key makes the list impossible, often on a
/// later line, and a tab in the line after a plain value at that value; point at the bracket or
/// the tab instead.
fn syntax_cause(yaml: &str, message: &str, location: &Location) -> Option<Cause> {
    let reported = (location.line() as usize, location.column() as usize);
    if let Some((line, column, bracket)) = unclosed_bracket(yaml)
        && (location.line() == 0 || (line, column) <= reported)
    {
        let (what, close) = match bracket {
            '[' => ("list", ']'),
            _ => ("mapping", '}'),
        };
        return Some(Cause {
            line,
            column,
            message: format!("YAML syntax error: this `{bracket}` is never closed"),
            help: format!("close the {what} with `{close}` after its last item, on the same line"),
        });
    }
    if message.contains("tab") {
        let from = (location.line() as usize).max(1);
        let (line, column) = yaml
            .lines()
            .enumerate()
            .skip(from - 1)
            .find_map(|(i, text)| text.chars().position(|c| c == '\t').map(|c| (i + 1, c + 1)))?;
        return Some(Cause {
            line,
            column,
            message: "YAML syntax error: a tab where YAML allows only spaces".into(),
            help: "replace the tab with spaces; YAML never indents with tabs".into(),
        });
    }
    None
}

/// The first `[` or `{` that opens a flow list or mapping and is never closed, as a 1-based line
/// and character column. Brackets inside quotes, comments and plain text (`title: see [1]`) do
/// not count: only one that starts a value, or sits inside another flow collection.
fn unclosed_bracket(yaml: &str) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    for (index, line) in yaml.lines().enumerate() {
        // The character just before this one, and the last one on the line that is not a space.
        let mut previous: Option<char> = None;
        let mut before: Option<char> = None;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((column, c)) = chars.next() {
            let after_space = previous.is_none_or(char::is_whitespace);
            previous = Some(c);
            if let Some(q) = quote {
                let escaped = (q == '"' && c == '\\')
                    || (q == '\'' && c == q && chars.peek().is_some_and(|&(_, n)| n == q));
                if escaped {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            let starts_value =
                !open.is_empty() || before.is_none_or(|b| matches!(b, ':' | '-' | '[' | '{' | ','));
            match c {
                '#' if after_space => break,
                '"' | '\''
                    if starts_value && (after_space || matches!(before, Some('[' | '{' | ','))) =>
                {
                    quote = Some(c)
                }
                '[' | '{' if starts_value => open.push((index + 1, column + 1, c)),
                ']' | '}' => {
                    open.pop();
                }
                _ => {}
            }
            if !c.is_whitespace() {
                before = Some(c);
            }
        }
    }
    open.first().copied()
}

/// The error's message without serde-saphyr's " at line L, column C" suffix.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// What the error was about, in the user's terms: (code, message, help, caret width).
fn classify(message: &str, key: Option<&str>) -> (Code, String, String, usize) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let help = match suggest(field, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the fields allowed here are: {}", expected.join(", ")),
        };
        let width = field.chars().count();
        return (
            Code::UnknownField,
            format!("unknown field `{field}`"),
            help,
            width,
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            Code::MissingField,
            format!("missing required field `{field}`"),
            format!(
                "add `{field}:` with its value; `spotlight explain SP0007` lists required fields"
            ),
            1,
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            Code::DuplicateKey,
            format!("`{key}` appears twice"),
            "merge the two entries into one; YAML keeps only one of them".into(),
            key.chars().count(),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let field = key.map(|k| format!("`{k}` ")).unwrap_or_default();
        let help = match suggest(value, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return (
            Code::InvalidValue,
            format!("{field}cannot be `{value}`"),
            help,
            value.chars().count(),
        );
    }
    if message.contains("null into string") {
        let field = key.unwrap_or("this field");
        return (
            Code::EmptyField,
            format!("`{field}` is empty"),
            format!(
                "write the value after `{field}:`, or remove the line if the field is optional"
            ),
            1,
        );
    }
    if is_type_error(message) {
        let subject = key.map_or("this value".to_string(), |k| format!("`{k}`"));
        return (
            Code::InvalidValue,
            format!("{subject}: {}", describe_type_error(message)),
            type_help(message),
            1,
        );
    }
    (
        Code::YamlSyntax,
        format!("YAML syntax error: {message}"),
        "check the line for an unclosed bracket or quote, a tab used for indentation, or a value containing `: ` that needs quotes".into(),
        1,
    )
}

fn is_type_error(message: &str) -> bool {
    message.starts_with("expected ")
        || message.starts_with("invalid ")
        || message.starts_with("cannot deserialize")
        || message.contains("null into string")
}

fn describe_type_error(message: &str) -> String {
    match message {
        m if m.starts_with("expected string") => "expected text, found a list or mapping".into(),
        m if m.starts_with("expected sequence") => "expected a list, such as `[a, b]`".into(),
        m if m.starts_with("expected mapping") => {
            "expected a mapping of fields, such as `{name: ..., role: ...}`".into()
        }
        m => m.to_string(),
    }
}

fn type_help(message: &str) -> String {
    if message.starts_with("invalid u") || message.starts_with("invalid i") {
        "write a whole number, such as `4`".into()
    } else if message.starts_with("invalid bool") {
        "write `true` or `false`".into()
    } else {
        "change the value to the kind named; the README lists every field and its kind".into()
    }
}

/// The closest of `candidates` to `word`, when close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// The key a position in the YAML belongs to: the last `key:` up to and including the column on
/// its line (an empty value is reported at its key's colon), or on the nearest line above. An
/// error reported at or before a line's first colon is about that line's own key.
fn key_at(yaml: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let line = line.min(lines.len());
    for index in (0..line).rev() {
        let text = lines[index];
        let limit = if index + 1 == line {
            key_limit(text, column)
        } else {
            text.len()
        };
        if let Some(key) = last_key(&text[..limit]) {
            return Some(key);
        }
    }
    None
}

/// How much of the error's own line to search for its key: up to and including the column, or
/// up to the first colon when the column is at or before it.
fn key_limit(text: &str, column: usize) -> usize {
    let through_column = text
        .char_indices()
        .nth(column)
        .map_or(text.len(), |(i, _)| i);
    match text.find(':') {
        Some(colon) if through_column <= colon + 1 => colon + 1,
        _ => through_column,
    }
}

/// The last `key:` in `text`. Scans by character, so text such as `“Hope”:` is safe to slice.
fn last_key(text: &str) -> Option<String> {
    let is_key_char = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut found = None;
    for (i, _) in text.match_indices(':') {
        let before = &text[..i];
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_key_char(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let key = &before[start..];
        if key.chars().next().is_some_and(|c| c.is_alphabetic()) {
            found = Some(key.to_string());
        }
    }
    found
}

/// A field that takes one value or a list of them: `categories: health` or
/// `categories: [health, data]`. Every item keeps its position. A number or `true` is read as
/// its text, as it is inside a list; a field written with no value (`categories:` or `~`) is
/// `blank`, so the checks can say it is empty rather than the parser failing on its type.
#[derive(Debug, Clone, Default)]
pub struct OneOrMany {
    pub items: Vec<Spanned<String>>,
    /// Written with no value at all, as opposed to an empty list `[]`.
    pub blank: bool,
}

impl OneOrMany {
    fn one(value: String) -> Self {
        // A single scalar has no position of its own here; `Spanned<OneOrMany>` supplies it.
        let item = Spanned::new(value, Place::UNKNOWN);
        OneOrMany {
            items: vec![item],
            blank: false,
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// In a JSON Schema, one of these is text or a list of text.
impl schemars::JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        })
    }
}

struct OneOrManyVisitor;

impl<'de> Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text or a list of text")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<OneOrMany, E> {
        Ok(OneOrMany::one(value.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
        Ok(OneOrMany {
            items: Vec::new(),
            blank: true,
        })
    }

    fn visit_none<E: de::Error>(self) -> Result<OneOrMany, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<String>>()? {
            items.push(item);
        }
        // Kept for the whole run, for every file: no spare room (a list of one grew to four).
        items.shrink_to_fit();
        Ok(OneOrMany {
            items,
            blank: false,
        })
    }
}

/// A list as serde reads it, without the spare room it grew: parsed records are kept for the
/// whole run, for every file.
pub fn compact_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

/// The items of a one-or-many field, each with a position (a lone scalar takes the field's).
pub fn items(field: &Spanned<OneOrMany>) -> Vec<Spanned<String>> {
    field
        .value
        .items
        .iter()
        .map(|item| {
            if item.at.line() == 0 {
                Spanned::new(item.value.clone(), field.at)
            } else {
                item.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // fields are read through Debug in failures only
    struct Doc {
        title: Spanned<String>,
        categories: Spanned<OneOrMany>,
        count: Option<u32>,
    }

    fn error_of(yaml: &str) -> Diagnostic {
        let error = from_str::<Doc>(yaml).expect_err("should fail");
        Origin {
            file: "x.md",
            first_line: 2,
        }
        .diagnostic(yaml, &error)
    }

    #[test]
    fn an_unknown_field_suggests_the_nearest_and_points_at_its_line() {
        let d = error_of("title: x\ncategorys: [a]\n");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(d.help, "did you mean `categories`?");
    }

    #[test]
    fn a_duplicate_key_is_an_error() {
        let d = error_of("title: x\ntitle: y\ncategories: a\n");
        assert_eq!(d.code, Code::DuplicateKey);
        assert_eq!(d.line, 3);
    }

    #[test]
    fn a_type_error_names_the_field() {
        let d = error_of("title: [x]\ncategories: a\n");
        assert_eq!(d.code, Code::InvalidValue);
        assert!(d.message.starts_with("`title`"), "{}", d.message);
        let d = error_of("title: x\ncategories: a\ncount: many\n");
        assert!(d.message.starts_with("`count`"), "{}", d.message);
        assert_eq!(d.line, 4);
    }

    #[test]
    fn a_syntax_error_has_its_line() {
        let d = error_of("title: x\ncategories: [a\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!(d.line, 3);
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens_not_at_the_next_key() {
        let d = error_of("title: x\ncategories: [a, b\ncount: 3\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!((d.line, d.column), (3, 13));
        assert_eq!(d.message, "YAML syntax error: this `[` is never closed");
        assert_eq!(
            unclosed_bracket("contact: {name: a, email: b\nstatus: draft\n"),
            Some((1, 10, '{'))
        );
    }

    #[test]
    fn brackets_in_quotes_comments_and_plain_text_are_not_unclosed() {
        assert_eq!(unclosed_bracket("title: see [1\n"), None);
        assert_eq!(unclosed_bracket("title: \"[draft\"\n"), None);
        assert_eq!(unclosed_bracket("title: x # [todo\n"), None);
        assert_eq!(unclosed_bracket("a: [Children's Services, b]\n"), None);
        assert_eq!(unclosed_bracket("a: ['it''s [', b]\n"), None);
        assert_eq!(unclosed_bracket("a: [b,\n  c]\nd: [e\n"), Some((3, 4, '[')));
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        let d = error_of("title: x\n\tcategories: a\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!((d.line, d.column), (3, 1));
    }

    #[test]
    fn an_empty_value_names_its_field() {
        let d = error_of("title:\ncategories: a\n");
        assert_eq!(d.code, Code::EmptyField);
        assert_eq!(d.message, "`title` is empty");
        assert_eq!((d.line, d.column), (2, 6));
    }

    #[test]
    fn a_missing_field_is_named() {
        let d = error_of("title: x\n");
        assert_eq!(d.code, Code::MissingField);
        assert!(d.message.contains("`categories`"));
    }

    #[test]
    fn one_or_many_keeps_positions() {
        let doc: Doc = from_str("title: x\ncategories: health\n").unwrap();
        let list = items(&doc.categories);
        assert_eq!(list[0].value, "health");
        assert_eq!(list[0].at.line(), 2);
        let doc: Doc = from_str("title: x\ncategories: [a, b]\n").unwrap();
        let list = items(&doc.categories);
        assert_eq!(list[1].at.column(), 17);
    }

    #[test]
    fn a_curly_quote_before_a_colon_is_a_syntax_error_not_a_panic() {
        let d = error_of("title: “Hope”: a new start\ncategories: a\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!((d.line, d.column), (2, 14));
        assert_eq!(last_key("theme: “New”: Emerging"), Some("theme".into()));
        assert_eq!(last_key("“New”: x"), None);
        assert_eq!(last_key("é:"), Some("é".into()));
    }

    #[test]
    fn numbers_and_booleans_in_a_one_or_many_field_are_text() {
        for (yaml, text, column) in [("5", "5", 13), ("true", "true", 13), ("[5, true]", "5", 14)] {
            let doc: Doc = from_str(&format!("title: x\ncategories: {yaml}\n")).unwrap();
            let list = items(&doc.categories);
            assert_eq!(list[0].value, text, "{yaml}");
            let at = &list[0].at;
            assert_eq!((at.line(), at.column()), (2, column), "{yaml}");
        }
    }

    #[test]
    fn a_one_or_many_field_with_no_value_is_blank_not_a_type_error() {
        for yaml in ["title: x\ncategories:\n", "title: x\ncategories: ~\n"] {
            let doc: Doc = from_str(yaml).unwrap();
            assert!(doc.categories.value.blank, "{yaml}");
            assert!(items(&doc.categories).is_empty());
            assert_eq!(doc.categories.at.line(), 2);
        }
        let doc: Doc = from_str("title: x\ncategories: []\n").unwrap();
        assert!(!doc.categories.value.blank);
    }

    #[test]
    fn an_error_at_a_key_is_about_that_key_not_the_one_above() {
        assert_eq!(
            key_at("title: x\ncategories: 5\n", 2, 1),
            Some("categories".into())
        );
        assert_eq!(
            key_at("title: x\ncategories: 5\n", 2, 11),
            Some("categories".into())
        );
        assert_eq!(key_at("title: x\n  - 5\n", 2, 5), Some("title".into()));
        assert_eq!(key_at("a: {b: 1, c: x}\n", 1, 14), Some("c".into()));
    }

    #[test]
    fn an_alias_bomb_is_stopped() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            yaml.push_str(&format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        yaml.push_str("title: x\ncategories: a\n");
        assert!(from_str::<serde::de::IgnoredAny>(&yaml).is_err());
    }

    #[test]
    fn suggest_only_close_words() {
        assert_eq!(
            suggest("categorys", &["title", "categories"]),
            Some("categories")
        );
        assert_eq!(suggest("zzz", &["title", "categories"]), None);
    }
}
