//! A finding about a user's file: a stable code, a severity, where it is and how to fix it.
//! Checks return these as values; only the binary renders them.

use serde::Serialize;

pub use crate::codes::{Code, Severity};

/// One finding. `line` and `column` are 1-based; the column counts characters (Unicode scalar
/// values), not bytes, so it matches what an editor shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Path relative to the repository root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
    /// How many characters from `column` the finding covers (at least 1); drawn as the caret.
    #[serde(skip)]
    pub width: usize,
}

/// A place in a file: 1-based line and character column, and a width in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl Position {
    /// The start of a file, for findings about the file as a whole.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        width: 1,
    };

    pub fn new(line: usize, column: usize, width: usize) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
            width: width.max(1),
        }
    }
}

impl Diagnostic {
    /// A finding with the code's own severity.
    pub fn new(
        code: Code,
        file: &str,
        at: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_string(),
            line: at.line,
            column: at.column,
            width: at.width,
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order findings are reported in: by file, then position, then code.
    pub fn sort_key(&self) -> (&str, usize, usize, Code) {
        (&self.file, self.line, self.column, self.code)
    }
}

/// Sorts findings into report order and drops exact repeats. The sort is stable: findings at
/// one place with one code keep the order their rule gave them (the SHINE order, say), which
/// is deterministic because the rules run in a fixed order.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.drain(..) {
        // Repeats share a sort key, so only the run of findings with this one's key can hold one.
        let mut same_place = kept
            .iter()
            .rev()
            .take_while(|k| k.sort_key() == d.sort_key());
        if !same_place.any(|k| *k == d) {
            kept.push(d);
        }
    }
    *diagnostics = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(code: Code, line: usize, message: &str) -> Diagnostic {
        Diagnostic::new(code, "x.md", Position::new(line, 1, 1), message, "")
    }

    #[test]
    fn sorting_keeps_the_rules_order_at_one_place_and_drops_repeats() {
        let mut found = vec![
            at(Code::MissingSection, 9, "the `How` section is missing"),
            at(Code::MissingSection, 9, "the `Evolve` section is missing"),
            at(Code::EmptyField, 2, "`title` is empty"),
            at(Code::MissingSection, 9, "the `How` section is missing"),
        ];
        sort(&mut found);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`title` is empty",
                "the `How` section is missing",
                "the `Evolve` section is missing"
            ]
        );
    }
}
