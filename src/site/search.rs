//! The hub's search index: one small record per published submission, with its facets and a
//! compact word list, read by the plain JavaScript on the search page.

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::PublicSubmission;
use crate::{ascii, london};

/// Words too common to help a search.
const STOP: &[&str] = &[
    "and", "are", "but", "for", "from", "had", "has", "have", "into", "its", "not", "our", "that",
    "the", "their", "them", "they", "this", "was", "were", "who", "will", "with", "you", "your",
];

/// How `search-index.json` starts and ends around its entries. The index is written entry by
/// entry as pages are rendered, never held whole: for 10,000 submissions it is some 16 MB.
pub const INDEX_START: &str = "{\"version\":1,\"submissions\":[";
pub const INDEX_END: &str = "]}";
/// The index again as a script, since browsers refuse `fetch` of a local file on `file://`.
pub const SCRIPT_START: &str = "window.SPOTLIGHT_INDEX = ";
pub const SCRIPT_END: &str = ";\n";

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
    pub categories: &'a [&'a str],
    /// Authority short names.
    pub authorities: Vec<&'static str>,
    /// ICS sub-region codes (NCL, NEL, NWL, SEL, SWL), each once.
    pub sub_regions: Vec<&'static str>,
    pub themes: &'a [&'a str],
    /// The published words, lowercase, each once, space-separated.
    pub text: &'a str,
}

/// The index entry of a published submission, as JSON.
pub fn entry(submission: &PublicSubmission, words: &str) -> String {
    let register = london::register();
    let authorities: Vec<&'static str> = submission
        .authorities
        .iter()
        .map(|&i| register.get(i).short_name.as_str())
        .collect();
    let mut sub_regions: Vec<&'static str> = submission
        .authorities
        .iter()
        .map(|&i| register.get(i).ics.as_str())
        .collect();
    sub_regions.sort_unstable();
    sub_regions.dedup();
    let entry = Entry {
        id: submission.id,
        title: &submission.title,
        summary: submission.summary.as_deref(),
        url: super::paths::submission_path(submission),
        edition: submission.edition,
        categories: &submission.categories,
        authorities,
        sub_regions,
        themes: &submission.themes,
        text: words,
    };
    serde_json::to_string(&entry).expect("an index entry is plain data")
}

/// The distinct lowercase words (three letters or more, common words left out) of a
/// submission's published text, in order of first use, separated by spaces.
#[derive(Debug)]
pub struct Words {
    /// Words of up to 16 ASCII bytes, each packed into a number (zero-padded, so two words have
    /// the same number only when they are the same word): a lookup hashes and compares one
    /// number instead of a string. The common words are here from the start, so one lookup
    /// also says a word is never to be written.
    short: FxHashSet<u128>,
    /// Longer words, and words that are not ASCII.
    long: FxHashSet<String>,
    out: String,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            short: STOP.iter().filter_map(|w| packed(w.as_bytes())).collect(),
            long: FxHashSet::default(),
            out: String::new(),
        }
    }
}

/// An ASCII word of up to 16 bytes as a number (the first byte lowest, zeros after the last),
/// lowercased.
fn packed(word: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    // Upper-case letters get the 0x20 that makes them lower case, eight bytes at a time.
    let lower = |half: &[u8]| {
        let x = ascii::load(half);
        x | (ascii::in_range(x, b'A', b'Z') >> 2)
    };
    Some(u128::from(lower(&bytes[..8])) | (u128::from(lower(&bytes[8..])) << 64))
}

impl Words {
    /// Adds the record's own text: title, summary, partners and team names.
    pub fn add_record(&mut self, submission: &PublicSubmission) {
        self.add(&submission.title);
        if let Some(summary) = &submission.summary {
            self.add(summary);
        }
        for partner in &submission.partners {
            self.add(partner);
        }
        for name in &submission.team {
            self.add(name);
        }
    }

    /// Adds the words of `text`. This runs over every published word of the hub, so ASCII text
    /// (nearly all of it) is split by bytes, and short words are looked up as numbers.
    pub fn add(&mut self, text: &str) {
        if !text.is_ascii() {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().count() >= 3 {
                    self.insert(&word.to_lowercase());
                }
            }
            return;
        }
        ascii::alphanumeric_runs(text.as_bytes(), |word| {
            if word.len() < 3 {
                return;
            }
            match packed(word) {
                Some(key) => {
                    if self.short.insert(key) {
                        self.push(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
                    }
                }
                None => self.insert(&String::from_utf8_lossy(word).to_ascii_lowercase()),
            }
        });
    }

    /// Adds a lowercase word unless it is common or already there.
    fn insert(&mut self, word: &str) {
        let new = match packed(word.as_bytes()).filter(|_| word.is_ascii()) {
            Some(key) => self.short.insert(key),
            None => !self.long.contains(word) && self.long.insert(word.to_string()),
        };
        if new {
            self.push(word.chars());
        }
    }

    fn push(&mut self, word: impl Iterator<Item = char>) {
        if !self.out.is_empty() {
            self.out.push(' ');
        }
        self.out.extend(word);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> PublicSubmission<'static> {
        PublicSubmission {
            id: "2026/a",
            edition: "2026",
            slug: "a",
            title: "The Front Door".into(),
            summary: Some("A door for families".into()),
            authorities: vec![0, 1],
            partners: vec![],
            categories: vec!["health"],
            themes: vec!["participation"],
            team: vec![],
            links: vec![],
            replaces: vec![],
            index: 0,
        }
    }

    #[test]
    fn words_are_lowercase_distinct_and_skip_short_and_common_ones() {
        let mut words = Words::default();
        words.add_record(&record());
        words.add("Families, **front** doors! ÉCOLE école Øy ÆØÅ THE the");
        words.add("Interdisciplinarity, interdisciplinarity; ʜᴀᴘᴘʏ KELVIN \u{212a}elvin");
        assert_eq!(
            words.finish(),
            "front door families doors école æøå interdisciplinarity ʜᴀᴘᴘʏ kelvin"
        );
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_is_split_as_characters_are(text in "[ -~\n]{0,120}") {
            let mut fast = Words::default();
            fast.add(&text);
            let mut by_char = Words::default();
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().count() >= 3 {
                    by_char.insert(&word.to_lowercase());
                }
            }
            proptest::prop_assert_eq!(fast.finish(), by_char.finish());
        }
    }

    proptest::proptest! {
        #[test]
        fn a_word_is_packed_as_its_lowercase_bytes_zero_padded(word in "[A-Za-z0-9]{0,20}") {
            let expected = (word.len() <= 16).then(|| {
                let mut bytes = [0u8; 16];
                bytes[..word.len()].copy_from_slice(word.to_ascii_lowercase().as_bytes());
                u128::from_le_bytes(bytes)
            });
            proptest::prop_assert_eq!(packed(word.as_bytes()), expected);
        }
    }

    #[test]
    fn an_entry_streamed_between_start_and_end_is_the_document_serde_writes() {
        #[derive(Serialize)]
        struct Index<'a> {
            version: u32,
            submissions: Vec<Entry<'a>>,
        }
        let one = record();
        let expected = serde_json::to_string(&Index {
            version: 1,
            submissions: vec![Entry {
                id: one.id,
                title: &one.title,
                summary: one.summary.as_deref(),
                url: "practice/2026/a.html".into(),
                edition: one.edition,
                categories: &one.categories,
                authorities: vec![
                    london::register().get(0).short_name.as_str(),
                    london::register().get(1).short_name.as_str(),
                ],
                sub_regions: {
                    let mut s = vec![
                        london::register().get(0).ics.as_str(),
                        london::register().get(1).ics.as_str(),
                    ];
                    s.sort_unstable();
                    s.dedup();
                    s
                },
                themes: &one.themes,
                text: "front door",
            }],
        })
        .unwrap();
        let streamed = format!("{INDEX_START}{}{INDEX_END}", entry(&one, "front door"));
        assert_eq!(streamed, expected);
    }
}
