//! The Markdown body cut into its level-2 sections with pulldown-cmark: each heading's text and
//! position, the byte range of its content, and the number of words a reader sees.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::ascii::{self, in_range, movemask};

/// One `##` section of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's text as read (markup removed, trimmed).
    pub title: String,
    /// Byte range of the heading in the body.
    pub heading: Range<usize>,
    /// Byte range of the content: after the heading, up to the next `##` heading or the end.
    pub content: Range<usize>,
    /// Words in the content as read, not counting Markdown markup.
    pub words: usize,
}

/// A body's sections, and the words that come before the first one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub sections: Vec<Section>,
    /// Words before the first `##` heading, and where the first of them is.
    pub preamble_words: usize,
    pub preamble_offset: usize,
}

/// Cuts `body` into its level-2 sections. This is the one place a Markdown parser is built for
/// reading bodies, so every command sees the same sections.
pub fn parse(body: &str) -> Body {
    let mut result = Body::default();
    let mut heading: Option<(usize, String)> = None;
    // pulldown-cmark gives an HTML block line by line; a comment or tag can span lines, so the
    // block is read whole before its words are counted.
    let mut html_block: Option<(usize, String)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => heading = Some((range.start, String::new())),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((start, title)) = heading.take() {
                    if let Some(last) = result.sections.last_mut() {
                        last.content.end = start;
                    }
                    result.sections.push(Section {
                        title: title.trim().to_string(),
                        heading: start..range.end,
                        content: range.end..body.len(),
                        words: 0,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => match heading.as_mut() {
                Some((_, title)) => title.push_str(&text),
                None => count_words(&mut result, &text, range.start),
            },
            Event::Start(Tag::HtmlBlock) => html_block = Some((range.start, String::new())),
            Event::Html(html) => {
                if let Some((_, block)) = html_block.as_mut() {
                    block.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, block)) = html_block.take() {
                    count_words(&mut result, &visible_html(&block), start);
                }
            }
            Event::InlineHtml(html) if heading.is_none() => {
                count_words(&mut result, &visible_html(&html), range.start)
            }
            _ => {}
        }
    }
    result
}

fn count_words(body: &mut Body, text: &str, offset: usize) {
    let words = word_count(text);
    if words == 0 {
        return;
    }
    match body.sections.last_mut() {
        Some(section) => section.words += words,
        None => {
            if body.preamble_words == 0 {
                body.preamble_offset = offset;
            }
            body.preamble_words += words;
        }
    }
}

/// Words as a reader counts them: runs of non-space characters holding a letter or digit.
/// It runs over every text event of every file, so ASCII text is classified eight bytes at a
/// time (see [`ascii_word_count`]).
pub fn word_count(text: &str) -> usize {
    if text.is_ascii() {
        return ascii_word_count(text.as_bytes());
    }
    let mut count = 0;
    let mut word_has_alnum = false;
    for c in text.chars() {
        if c.is_whitespace() {
            count += usize::from(word_has_alnum);
            word_has_alnum = false;
        } else {
            word_has_alnum |= c.is_alphanumeric();
        }
    }
    count + usize::from(word_has_alnum)
}

/// A word is counted at its first letter or digit: `pending` says no letter or digit has been
/// seen since the last space (or the start), so the next one starts a word. Eight bytes are
/// classified at once ([`crate::ascii`]), and their masks of spaces and of letters and digits go
/// four bits at a time through [`NIBBLE_WORDS`].
fn ascii_word_count(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut pending = true;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = ascii::load(chunk);
        let spaces = movemask(in_range(x, b'\t', b'\r') | in_range(x, b' ', b' '));
        let alnums = movemask(ascii::alphanumerics(x));
        for shift in [0, 4] {
            let index = (((spaces >> shift) & 0xf) << 4) | ((alnums >> shift) & 0xf);
            let step = NIBBLE_WORDS[usize::from(pending)][usize::from(index)];
            count += usize::from(step >> 1);
            pending = step & 1 == 1;
        }
    }
    for &byte in chunks.remainder() {
        match ASCII_CLASS[usize::from(byte)] {
            ALNUM => {
                count += usize::from(pending);
                pending = false;
            }
            SPACE => pending = true,
            _ => {}
        }
    }
    count
}

/// For `pending` (no letter or digit since the last space) and four bytes' masks of spaces
/// (high nibble of the index) and letters or digits (low nibble): the words that start in
/// them, times two, plus `pending` after them.
static NIBBLE_WORDS: [[u8; 256]; 2] = {
    let mut table = [[0u8; 256]; 2];
    let mut start = 0;
    while start < 2 {
        let mut index = 0;
        while index < 256 {
            let (spaces, alnums) = (index >> 4, index & 0xf);
            let mut pending = start == 1;
            let mut words = 0;
            let mut bit = 0;
            while bit < 4 {
                if (alnums >> bit) & 1 == 1 {
                    if pending {
                        words += 1;
                    }
                    pending = false;
                } else if (spaces >> bit) & 1 == 1 {
                    pending = true;
                }
                bit += 1;
            }
            table[start][index] = (words << 1) | pending as u8;
            index += 1;
        }
        start += 1;
    }
    table
};

const SPACE: u8 = 0;
const ALNUM: u8 = 1;
const OTHER: u8 = 2;

/// Each ASCII byte's class for `word_count`: the same answers as `char::is_whitespace` and
/// `char::is_alphanumeric` give on ASCII (which, unlike `u8::is_ascii_whitespace`, counts the
/// vertical tab as a space).
static ASCII_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8 as char;
        table[byte] = if c.is_whitespace() {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        byte += 1;
    }
    table
};

/// The text a reader sees in raw HTML: comments (an unclosed one runs to the end) and tags
/// removed.
fn visible_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        text.push(' ');
        let after = &rest[start + "<!--".len()..];
        rest = after
            .find("-->")
            .map_or("", |end| &after[end + "-->".len()..]);
    }
    text.push_str(rest);
    strip_tags(&text)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_level_two_headings() {
        let body = "intro words\n\n## Setting the *Scene*\n\nOne two three.\n\n### Sub\n\nfour\n\n## How\n\n- five six\n";
        let parsed = parse(body);
        assert_eq!(parsed.preamble_words, 2);
        let titles: Vec<_> = parsed.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Setting the Scene", "How"]);
        assert_eq!(parsed.sections[0].words, 5, "sub-heading words count");
        assert_eq!(parsed.sections[1].words, 2);
        assert!(body[parsed.sections[0].content.clone()].contains("### Sub"));
        assert!(!body[parsed.sections[0].content.clone()].contains("## How"));
    }

    #[test]
    fn markup_is_not_counted_as_words() {
        let parsed = parse("## Impact\n\n**Bold** [a link](https://example.org/x) - `code` —\n");
        assert_eq!(parsed.sections[0].words, 4);
    }

    #[test]
    fn a_multi_line_html_comment_is_not_counted_as_words() {
        let parsed = parse("## Evolve\n\n<!--\nWrite here\n-->\n");
        assert_eq!(parsed.sections[0].words, 0);
        let parsed = parse(
            "## How\n\n<!-- guidance:\nthree words here -->\nOne two.\n\n<div\nclass=\"x\">\nSeen <b>too</b>\n</div>\n",
        );
        assert_eq!(parsed.sections[0].words, 4, "One two, Seen too");
        let parsed = parse("## How\n\nSome <!-- inline\nnote --> text\n");
        assert_eq!(parsed.sections[0].words, 2);
        assert_eq!(parse("<!--\nintro\n-->\n\n## How\n").preamble_words, 0);
    }

    #[test]
    fn setext_and_headings_in_code_blocks() {
        let parsed = parse("How\n---\n\ntext\n\n```\n## not a heading\n```\n");
        assert_eq!(parsed.sections.len(), 1);
        assert_eq!(parsed.sections[0].title, "How");
        assert_eq!(parsed.sections[0].words, 4);
    }

    #[test]
    fn word_count_ascii_and_unicode_agree() {
        assert_eq!(word_count("one two  three\n- four — ..."), 4);
        assert_eq!(word_count("un deux  trois\n- quatre — été"), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("   "), 0);
        // Every ASCII character is classed as `char` classes it.
        for byte in 0u8..128 {
            let c = char::from(byte);
            let text = format!("a{c}b");
            let expected = if c.is_whitespace() { 2 } else { 1 };
            assert_eq!(word_count(&text), expected, "{byte:#x}");
            assert_eq!(word_count(&format!("{text}é")), expected, "{byte:#x}");
        }
    }

    /// Words counted one character at a time, as `word_count` defines them.
    fn reference_word_count(text: &str) -> usize {
        text.split(char::is_whitespace)
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn every_ascii_byte_is_classed_the_same_eight_at_a_time_as_one_at_a_time() {
        for byte in 0u8..128 {
            for at in 0..8 {
                let mut text = vec![b'a'; 16];
                text[at] = byte;
                text[8 + at] = byte;
                let text = String::from_utf8(text).unwrap();
                assert_eq!(
                    word_count(&text),
                    reference_word_count(&text),
                    "{byte:#x} at {at}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_agrees_with_the_definition(text in "[ -~\t\n\x0b\x0c\r]{0,80}") {
            proptest::prop_assert_eq!(word_count(&text), reference_word_count(&text));
        }
    }

    #[test]
    fn an_empty_body_has_no_sections() {
        assert_eq!(parse(""), Body::default());
    }
}
