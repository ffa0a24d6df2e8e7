//! Rules on the S.H.I.N.E sections: all five present once, in order, with text, within their
//! word limits; `## Supporting materials` may follow; any other `##` heading is a warning.

use super::File;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{Status, Submission};
use crate::parse::markdown::Section;
use crate::parse::yaml::suggest;
use crate::programme::Programme;
use crate::source::Source;

/// The five sections, in order, as written in headings.
pub const SECTIONS: [&str; 5] = ["Setting the Scene", "How", "Impact", "Next Steps", "Evolve"];

/// The optional closing section.
pub const SUPPORTING: &str = "Supporting materials";

/// What a `##` heading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// One of [`SECTIONS`], by index.
    Shine(usize),
    Supporting,
    Other,
}

/// Recognises a heading case-insensitively, with or without a letter prefix such as
/// "S – Setting the scene" or "(H) How".
pub fn classify(title: &str) -> Heading {
    let name = normalise(title);
    let unprefixed = strip_letter_prefix(&name);
    for candidate in [name.as_str(), unprefixed] {
        if let Some(i) = SECTIONS
            .iter()
            .position(|s| s.eq_ignore_ascii_case(candidate))
        {
            return Heading::Shine(i);
        }
        if candidate.eq_ignore_ascii_case(SUPPORTING) {
            return Heading::Supporting;
        }
    }
    Heading::Other
}

fn normalise(title: &str) -> String {
    let spaced = title.replace('&', " and ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '.', ' '])
        .to_lowercase()
}

/// "s - setting the scene" → "setting the scene"; "(h) how" → "how".
fn strip_letter_prefix(name: &str) -> &str {
    let rest = name.strip_prefix('(').unwrap_or(name);
    let mut chars = rest.char_indices();
    let Some((_, letter)) = chars.next() else {
        return name;
    };
    if !"shine".contains(letter) {
        return name;
    }
    let after = &rest[letter.len_utf8()..];
    let after = after.strip_prefix(')').unwrap_or(after);
    let trimmed = after.trim_start_matches([' ', '-', '–', '—', ':', '.', ')']);
    if trimmed.len() < after.len() {
        trimmed
    } else {
        name
    }
}

pub(crate) fn check(
    programme: &Programme,
    submission: &Submission,
    file: &File,
    source: &Source,
) -> Vec<Diagnostic> {
    if !submission.parsed.body_found {
        // SP0003 already says the front matter never closes; every section would look missing.
        return Vec::new();
    }
    let body = &submission.parsed.body;
    let offset = submission.parsed.body_offset;
    let heading_at = |s: &Section| source.position(offset + s.heading.start, s.heading.len());
    let strict = submission.status() == Some(Status::Submitted);
    let limits = (submission.edition == programme.edition())
        .then(|| programme.settings().word_limits.in_order());

    let mut out = Vec::new();
    if body.preamble_words > 0 {
        out.push(file.at(
            Code::TextBeforeSections,
            source.position(offset + body.preamble_offset, 1),
            "this text comes before the first SHINE section and is not published",
            "move it under `## Setting the Scene`, or into `summary`",
        ));
    }
    let mut seen: [Option<&Section>; 5] = [None; 5];
    let mut furthest: Option<usize> = None;
    let mut supporting: Option<&Section> = None;
    for section in &body.sections {
        match classify(&section.title) {
            Heading::Shine(i) => {
                if let Some(first) = seen[i] {
                    let line = source.position(offset + first.heading.start, 1).line;
                    out.push(file.at(
                        Code::DuplicateSection,
                        heading_at(section),
                        format!("`{}` appears twice (first on line {line})", SECTIONS[i]),
                        "merge the two sections into one",
                    ));
                    continue;
                }
                seen[i] = Some(section);
                if let Some(after) = furthest.filter(|&f| f > i) {
                    out.push(file.at(
                        Code::SectionOrder,
                        heading_at(section),
                        format!("`{}` comes after `{}`", SECTIONS[i], SECTIONS[after]),
                        format!("move it so the sections read {}", SECTIONS.join(", ")),
                    ));
                } else if let Some(support) = supporting {
                    let line = source.position(offset + support.heading.start, 1).line;
                    out.push(file.at(
                        Code::SectionOrder,
                        heading_at(section),
                        format!("`{}` comes after `{SUPPORTING}` (line {line})", SECTIONS[i]),
                        format!("`{SUPPORTING}` goes last, after Evolve"),
                    ));
                }
                furthest = furthest.max(Some(i));
                if strict {
                    out.extend(content(file, section, || heading_at(section), i, limits));
                }
            }
            Heading::Supporting => supporting = supporting.or(Some(section)),
            Heading::Other => {
                let mut names: Vec<&str> = SECTIONS.to_vec();
                names.push(SUPPORTING);
                let help = match suggest(&section.title, &names) {
                    Some(best) => format!("did you mean `## {best}`? Use `###` for a sub-heading"),
                    None => "use `###` for a sub-heading inside a SHINE section".into(),
                };
                out.push(file.at(
                    Code::UnexpectedHeading,
                    heading_at(section),
                    format!("`{}` is not a SHINE section", section.title),
                    help,
                ));
            }
        }
    }
    out.extend(missing(file, source, submission, &seen));
    out
}

/// A finding on a section's words, if any; `at` places it (worked out only when there is one).
fn content(
    file: &File,
    section: &Section,
    at: impl Fn() -> Position,
    i: usize,
    limits: Option<[u32; 5]>,
) -> Option<Diagnostic> {
    if section.words == 0 {
        return Some(file.at(
            Code::EmptySection,
            at(),
            format!("`{}` is empty", SECTIONS[i]),
            format!("write the section: {}", GUIDANCE[i]),
        ));
    }
    let limit = limits?[i] as usize;
    (section.words > limit).then(|| {
        file.at(
            Code::SectionTooLong,
            at(),
            format!(
                "`{}` has {} words; the limit is {limit}",
                SECTIONS[i], section.words
            ),
            format!("cut {} words", section.words - limit),
        )
    })
}

/// What each section should say, from the call for submissions.
pub const GUIDANCE: [&str; 5] = [
    "the context and the problem you are solving",
    "what you did and how it was delivered to meet the identified need",
    "evidence of the difference it has made to children and families",
    "what you are doing next to develop or expand this practice",
    "advice you would give to others seeking to replicate your model",
];

/// A finding for each section not present, placed where it should go; one finding when none is.
fn missing(
    file: &File,
    source: &Source,
    submission: &Submission,
    seen: &[Option<&Section>; 5],
) -> Vec<Diagnostic> {
    let offset = submission.parsed.body_offset;
    let end_line = || source.line_count().max(1);
    if seen.iter().all(Option::is_none) {
        let headings: Vec<String> = SECTIONS.iter().map(|s| format!("`## {s}`")).collect();
        return vec![file.at(
            Code::MissingSection,
            Position::new(end_line(), 1, 1),
            "the submission has no SHINE sections",
            format!(
                "add {}, in that order, each with its text",
                headings.join(", ")
            ),
        )];
    }
    (0..5)
        .filter(|&i| seen[i].is_none())
        .map(|i| {
            let next = (i + 1..5).find_map(|j| seen[j]);
            let at = match next {
                Some(section) => {
                    source.position(offset + section.heading.start, section.heading.len())
                }
                None => Position::new(end_line(), 1, 1),
            };
            let place = match next {
                Some(section) => format!("before `## {}`", section.title),
                None => "at the end".to_string(),
            };
            file.at(
                Code::MissingSection,
                at,
                format!("the `{}` section is missing", SECTIONS[i]),
                format!("add `## {}` {place}: {}", SECTIONS[i], GUIDANCE[i]),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_case_insensitively_with_a_letter_prefix() {
        assert_eq!(classify("Setting the Scene"), Heading::Shine(0));
        assert_eq!(classify("setting the scene"), Heading::Shine(0));
        assert_eq!(classify("S – Setting the scene"), Heading::Shine(0));
        assert_eq!(classify("S: Setting the Scene"), Heading::Shine(0));
        assert_eq!(classify("(H) How"), Heading::Shine(1));
        assert_eq!(classify("I - Impact"), Heading::Shine(2));
        assert_eq!(classify("N. Next steps"), Heading::Shine(3));
        assert_eq!(classify("E — Evolve:"), Heading::Shine(4));
        assert_eq!(classify("Supporting Materials"), Heading::Supporting);
        assert_eq!(classify("Background"), Heading::Other);
        assert_eq!(classify("X - How"), Heading::Other);
        assert_eq!(classify(""), Heading::Other);
    }
}
