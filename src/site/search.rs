//! The hub's search index: one small record per published submission, with its facets and a
//! compact word list, read by the plain JavaScript on the search page.

use std::collections::HashSet;

use serde::Serialize;

use super::PublicSubmission;
use crate::london;

/// Words too common to help a search.
const STOP: &[&str] = &[
    "and", "are", "but", "for", "from", "had", "has", "have", "into", "its", "not", "our", "that",
    "the", "their", "them", "they", "this", "was", "were", "who", "will", "with", "you", "your",
];

/// The search index document (`search-index.json`).
#[derive(Debug, Serialize)]
pub struct Index<'a> {
    pub version: u32,
    pub submissions: Vec<Entry<'a>>,
}

/// One submission in the index.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    /// Relative to the site root.
    pub url: String,
    pub edition: &'a str,
    /// Category ids.
    pub categories: &'a [String],
    /// Authority short names.
    pub authorities: Vec<&'static str>,
    /// ICS sub-region codes (NCL, NEL, NWL, SEL, SWL), each once.
    pub sub_regions: Vec<&'static str>,
    pub themes: &'a [String],
    /// The published words, lowercase, each once, space-separated.
    pub text: &'a str,
}

/// The index of `submissions`, in their order.
pub fn index(submissions: &[PublicSubmission]) -> Index<'_> {
    let register = london::register();
    let entries = submissions
        .iter()
        .map(|s| {
            let authorities: Vec<&'static str> = s
                .authorities
                .iter()
                .map(|&i| register.get(i).short_name.as_str())
                .collect();
            let mut sub_regions: Vec<&'static str> = s
                .authorities
                .iter()
                .map(|&i| register.get(i).ics.as_str())
                .collect();
            sub_regions.sort_unstable();
            sub_regions.dedup();
            Entry {
                id: &s.id,
                title: &s.title,
                summary: s.summary.as_deref(),
                url: super::pages::submission_path(s),
                edition: &s.edition,
                categories: &s.categories,
                authorities,
                sub_regions,
                themes: &s.themes,
                text: &s.words,
            }
        })
        .collect();
    Index {
        version: 1,
        submissions: entries,
    }
}

/// The distinct lowercase words (three letters or more, common words left out) of a
/// submission's published text, in order of first use. `sections` is its redacted Markdown.
pub fn words<'a>(
    submission: &PublicSubmission,
    sections: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut add = |text: &str| {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() < 3 {
                continue;
            }
            let word = word.to_lowercase();
            if STOP.contains(&word.as_str()) || !seen.insert(word.clone()) {
                continue;
            }
            out.push(word);
        }
    };
    add(&submission.title);
    if let Some(summary) = &submission.summary {
        add(summary);
    }
    for partner in &submission.partners {
        add(partner);
    }
    for name in &submission.team {
        add(name);
    }
    for section in sections {
        add(section);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_distinct_and_skip_short_and_common_ones() {
        let submission = PublicSubmission {
            id: "2026/a".into(),
            edition: "2026".into(),
            slug: "a".into(),
            title: "The Front Door".into(),
            summary: Some("A door for families".into()),
            authorities: vec![],
            partners: vec![],
            categories: vec![],
            themes: vec![],
            team: vec![],
            links: vec![],
            replaces: vec![],
            index: 0,
            words: String::new(),
        };
        let words = words(&submission, ["Families, **front** doors!"].into_iter());
        assert_eq!(words, ["front", "door", "families", "doors"]);
    }
}
