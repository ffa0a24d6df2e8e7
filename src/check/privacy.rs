//! Personal data in public text. The title, summary, team, link titles and the whole body are
//! published on the hub; an NHS number there is an error, and email addresses, UK phone
//! numbers, full postcodes and dates of birth are warnings so a person looks before merging.
//! A review's Reflections are printed word for word in the recognition letter, so they are
//! held to the same rules.

use std::sync::LazyLock;

use crate::parse::yaml::Spanned;
use regex::Regex;

use super::File;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{REFLECTIONS, Review, Submission};
use crate::source::Source;

/// Something in a text that looks like personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// Byte range in the scanned text.
    pub start: usize,
    pub len: usize,
}

static NHS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").unwrap()
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?\b0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}\b").unwrap()
});
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}\b").unwrap()
});
static BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:d\.?o\.?b\b\.?|date of birth|born(?: on)?)[\s:,-]*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2})",
    )
    .unwrap()
});

/// Finds personal data in `text`, in order of position. Every pattern needs a digit or an `@`,
/// so only the lines holding one are looked at: most prose has neither, and this runs over every
/// published word of every submission.
pub fn scan(text: &str) -> Vec<Finding> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // `at` is always the start of a line.
    let mut at = 0;
    while let Some(hit) = crate::ascii::find_digit_or_at(&bytes[at..]) {
        let hit = at + hit;
        let start = bytes[at..hit]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(at, |i| at + i + 1);
        let end = bytes[hit..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| hit + i + 1);
        // Both ends sit next to an ASCII byte (a line ending, a digit or `@`) or at the ends of
        // the text, so they are character boundaries.
        scan_line(&text[start..end], start, &mut found);
        at = end;
    }
    found
}

fn scan_line(line: &str, offset: usize, found: &mut Vec<Finding>) {
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    let has_at = line.contains('@');
    if !has_digit && !has_at {
        return;
    }
    let start = found.len();
    let mut push = |code, m: regex::Match| {
        found.push(Finding {
            code,
            start: offset + m.start(),
            len: m.len(),
        })
    };
    if has_at {
        EMAIL
            .find_iter(line)
            .for_each(|m| push(Code::EmailInText, m));
    }
    if has_digit {
        let nhs: Vec<regex::Match> = NHS
            .find_iter(line)
            .filter(|m| is_nhs_number(m.as_str()))
            .collect();
        for m in PHONE.find_iter(line) {
            let overlaps_nhs = nhs
                .iter()
                .any(|n| n.start() < m.end() && m.start() < n.end());
            if !overlaps_nhs && is_uk_phone(m.as_str()) {
                push(Code::PhoneInText, m);
            }
        }
        nhs.into_iter().for_each(|m| push(Code::NhsNumber, m));
        POSTCODE
            .find_iter(line)
            .for_each(|m| push(Code::PostcodeInText, m));
        BIRTH
            .find_iter(line)
            .for_each(|m| push(Code::BirthDateInText, m));
    }
    found[start..].sort_by_key(|f| (f.start, f.code));
}

/// Ten digits whose last is the modulus-11 check digit of the first nine.
fn is_nhs_number(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

/// A UK number has 10 or 11 digits counted from its leading 0 (+44 stands for that 0).
fn is_uk_phone(text: &str) -> bool {
    let national = text.trim_start_matches('(');
    let national = match national.strip_prefix("+44") {
        Some(rest) => format!("0{}", rest.replace("(0)", "")),
        None => national.to_string(),
    };
    let digits = national.chars().filter(char::is_ascii_digit).count();
    (10..=11).contains(&digits) && national.starts_with('0') && !national.starts_with("00")
}

pub fn check(submission: &Submission, file: &File, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(meta) = submission.meta() {
        let mut fields: Vec<(&Spanned<String>, &str)> = vec![(&meta.title, "the title")];
        fields.extend(meta.summary.iter().map(|s| (s, "the summary")));
        for person in &meta.team {
            fields.push((&person.name, "a team member's name"));
            fields.extend(person.role.iter().map(|r| (r, "a team member's role")));
        }
        fields.extend(meta.links.iter().map(|l| (&l.title, "a link title")));
        for (value, place) in fields {
            for finding in scan(&value.value) {
                let at = locate(file, source, submission.parsed.yaml_offset, value, &finding);
                out.push(finding_diagnostic(file, &finding, at, place, PUBLISHED));
            }
        }
    }
    if !submission.parsed.body_found {
        // The front matter never closes, so there is no telling published text from fields.
        return out;
    }
    let offset = submission.parsed.body_offset;
    let body = &source.text[offset..];
    for finding in scan(body) {
        let at = source.position(offset + finding.start, finding.len);
        out.push(finding_diagnostic(
            file,
            &finding,
            at,
            "this text",
            PUBLISHED,
        ));
    }
    out
}

const PUBLISHED: &str = "it will be published";

/// Personal data in a review's Reflections, which the recognition letter quotes. The panel's
/// notes are never sent, so they are not scanned.
pub fn check_review(review: &Review, file: &File, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !review.parsed.body_found {
        return out;
    }
    let offset = review.parsed.body_offset;
    let reflections = review
        .parsed
        .body
        .sections
        .iter()
        .filter(|s| s.title.eq_ignore_ascii_case(REFLECTIONS));
    for section in reflections {
        let start = offset + section.content.start;
        let Some(text) = source.text.get(start..offset + section.content.end) else {
            continue;
        };
        for finding in scan(text) {
            let at = source.position(start + finding.start, finding.len);
            out.push(finding_diagnostic(
                file,
                &finding,
                at,
                "`## Reflections`",
                "it is quoted word for word in the recognition letter",
            ));
        }
    }
    out
}

/// Where a finding in a front-matter value sits in the file: inside the value's own text, or at
/// the value's start when it cannot be placed exactly.
fn locate(
    file: &File,
    source: &Source,
    yaml_offset: usize,
    value: &Spanned<String>,
    finding: &Finding,
) -> Position {
    match written_offset(source, yaml_offset, value, finding) {
        Some(offset) => source.position(offset, finding.len),
        None => file.origin.at(value),
    }
}

/// The file offset of a finding in a value, from the value's span (its text as written, quotes
/// and folding included). The n-th occurrence of the finding in the value is the n-th in the
/// written text when both hold as many; when they do not, as when an escape such as `\x20`
/// wrote the finding, there is no exact place.
fn written_offset(
    source: &Source,
    yaml_offset: usize,
    value: &Spanned<String>,
    finding: &Finding,
) -> Option<usize> {
    let bytes = value.at.bytes()?;
    let start = yaml_offset + bytes.start;
    let written = source.text.get(start..yaml_offset + bytes.end)?;
    let found = value
        .value
        .get(finding.start..finding.start + finding.len)?;
    let nth = value
        .value
        .match_indices(found)
        .position(|(i, _)| i == finding.start)?;
    if value.value.matches(found).count() != written.matches(found).count() {
        return None;
    }
    let (index, _) = written.match_indices(found).nth(nth)?;
    Some(start + index)
}

fn finding_diagnostic(
    file: &File,
    finding: &Finding,
    at: Position,
    place: &str,
    fate: &str,
) -> Diagnostic {
    let (what, help) = match finding.code {
        Code::NhsNumber => (
            "an NHS number",
            "remove it: NHS numbers identify patients and must never be published",
        ),
        Code::EmailInText => (
            "an email address",
            "remove it unless it is a public team mailbox; contact details belong in `contact`",
        ),
        Code::PhoneInText => (
            "a phone number",
            "remove it unless it is a public service's own number",
        ),
        Code::PostcodeInText => (
            "a full postcode",
            "remove it or keep only the district (e.g. SW9), unless it is a public building",
        ),
        _ => ("a date of birth", "remove it; an age range is enough"),
    };
    file.at(
        finding.code,
        at,
        format!("{place} contains {what}, and {fate}"),
        help,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<Code> {
        scan(text).into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn nhs_numbers_need_a_valid_check_digit() {
        assert_eq!(codes("NHS 943 476 5919 noted"), [Code::NhsNumber]);
        assert_eq!(codes("9434765919"), [Code::NhsNumber]);
        assert_eq!(codes("943-476-5919"), [Code::NhsNumber]);
        assert!(codes("943 476 5918").is_empty(), "wrong check digit");
        assert!(
            codes("12345678901234").is_empty(),
            "part of a longer number"
        );
    }

    #[test]
    fn emails_phones_postcodes_and_birth_dates() {
        assert_eq!(
            codes("write to sam.okoro@example.org today"),
            [Code::EmailInText]
        );
        assert_eq!(codes("call 020 7946 0018"), [Code::PhoneInText]);
        assert_eq!(codes("call +44 20 7946 0018"), [Code::PhoneInText]);
        assert_eq!(codes("mobile 07700 900123"), [Code::PhoneInText]);
        assert_eq!(codes("at SW1A 1AA"), [Code::PostcodeInText]);
        assert_eq!(codes("at CR0 2AB"), [Code::PostcodeInText]);
        assert_eq!(codes("DOB: 12/03/2015"), [Code::BirthDateInText]);
        assert_eq!(codes("born on 3 March 2015"), [Code::BirthDateInText]);
    }

    #[test]
    fn ordinary_prose_is_clean() {
        let prose = "In 2025 we reached 1,200 families across 12 hubs; 85% said it helped. \
                     The SW London ICB and the Q1 2026 report, Year 10 pupils, born in 2010.";
        assert_eq!(codes(prose), []);
    }

    /// The personal-data findings in a submission file, as (code, line, column).
    fn findings_in(text: &str) -> Vec<(Code, usize, usize)> {
        let source = Source::new("submissions/2026/x.md", text);
        let (parsed, errors) = crate::parse::parse_file(0, &source);
        assert_eq!(errors, [], "the front matter parses");
        let submission = Submission {
            id: "2026/x".into(),
            edition: "2026".into(),
            slug: "x".into(),
            parsed,
        };
        let file = File::new(&source.path, 2);
        check(&submission, &file, &source)
            .into_iter()
            .map(|d| (d.code, d.line, d.column))
            .collect()
    }

    const REST: &str = "categories: health\nlocal_authorities: Merton\ncontact: {name: Kim Lee, email: kim.lee@example.org}\nstatus: draft\n";

    #[test]
    fn a_finding_in_a_quoted_value_is_placed_on_the_finding_not_one_before() {
        let text = format!("---\ntitle: \"Hub at SW1A 1AA\"\n{REST}---\n");
        assert_eq!(findings_in(&text), [(Code::PostcodeInText, 2, 16)]);
    }

    #[test]
    fn a_finding_in_a_folded_value_is_placed_on_its_own_line() {
        let text = format!("---\ntitle: x\nsummary: >\n  Call 020 7946 0018 today.\n{REST}---\n");
        assert_eq!(findings_in(&text), [(Code::PhoneInText, 4, 8)]);
    }

    #[test]
    fn a_finding_is_placed_in_its_own_field_not_on_another_with_the_same_text() {
        let text =
            format!("---\ntitle: \"Hub at SW1A\\x201AA\"\nsummary: Hub at SW1A 1AA\n{REST}---\n");
        // The escaped title cannot be placed exactly, so it is reported at its start.
        assert_eq!(
            findings_in(&text),
            [(Code::PostcodeInText, 2, 8), (Code::PostcodeInText, 3, 17)]
        );
        let text = format!("---\ntitle: SW1A 1AA and SW1A 1AA\n{REST}---\n");
        assert_eq!(
            findings_in(&text),
            [(Code::PostcodeInText, 2, 8), (Code::PostcodeInText, 2, 21)]
        );
    }

    #[test]
    fn positions_are_byte_offsets_of_the_match() {
        let text = "é mail sam@example.org";
        let found = scan(text);
        assert_eq!(
            &text[found[0].start..found[0].start + found[0].len],
            "sam@example.org"
        );
    }
}
