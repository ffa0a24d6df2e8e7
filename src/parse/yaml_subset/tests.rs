//! The one-pass reader held to serde-saphyr: the same values and positions, or a decline, on
//! hand-written and generated documents.

use std::fmt;

use serde::de::DeserializeOwned;

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
    ":", ": ", " #", "#", "'", "''", "\"", "\\", "[", "]", "{", "}", ",", ", ", "-", "- ", "&a",
    "*a", "!", "|", ">", "?", "%", "@", "`", "~", "null", "true", "No", "on", "5", "-5", "007",
    "0x1", "1.5", ".5", " ", "  ", "\t", "\r", "x: y", "\u{85}", "\u{a0}", "\u{feff}", "",
    "see [1]", "a, b", "{x}",
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
fn fields_of(fields: &'static [(&'static str, Shape)]) -> BoxedStrategy<Vec<(&'static str, Gen)>> {
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
