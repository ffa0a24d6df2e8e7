//! serde-saphyr's errors as diagnostics: which key, which code, and where the mistake really is.

use serde_saphyr::Location;

use super::Origin;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};

impl Origin<'_> {
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
pub(super) fn unclosed_bracket(yaml: &str) -> Option<(usize, usize, char)> {
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
        "change the value to the kind named; docs/guide/files.md lists every field and its kind"
            .into()
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
pub(super) fn key_at(yaml: &str, line: usize, column: usize) -> Option<String> {
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
pub(super) fn last_key(text: &str) -> Option<String> {
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
