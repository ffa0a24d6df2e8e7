//! serde-saphyr errors as diagnostics, and values with their places.

use super::errors::{key_at, last_key, unclosed_bracket};
use super::*;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

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
