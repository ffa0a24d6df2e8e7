//! A Markdown letter as the plain-text part of an e-mail: the words as a reader sees them, with
//! the markup taken away (emphasis, heading marks, escapes), paragraphs apart, list items as
//! `- `, each paragraph on one line, and a link's address after its text.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

/// `markdown` as plain text, ending in one newline.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // For each open link, its address to print after its text; `None` for an autolink, whose
    // text is the address, printed in angle brackets as it was written.
    let mut links: Vec<Option<String>> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            // A paragraph is one line, wrapped by the reader's mail client to its window.
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            // A list inside a list item starts on the item's next line, with no blank line.
            Event::Start(Tag::List(start)) => {
                if lists.is_empty() {
                    end_block(&mut out);
                } else {
                    end_line(&mut out);
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    end_block(&mut out);
                } else {
                    end_line(&mut out);
                }
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                out.push('<');
                links.push(None);
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(Some(dest_url.to_string())),
            Event::End(TagEnd::Link) => match links.pop().flatten() {
                None => out.push('>'),
                // Only an address a reader can follow from a mail: not `#top` or `page.html`.
                Some(url) if url.contains(':') && !out.ends_with(url.as_str()) => {
                    out.push_str(&format!(" <{url}>"));
                }
                Some(_) => {}
            },
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_))
                if lists.is_empty() =>
            {
                end_block(&mut out)
            }
            Event::End(TagEnd::Paragraph) => end_line(&mut out),
            Event::Rule => {
                end_block(&mut out);
                out.push_str("----\n\n");
            }
            _ => {}
        }
    }
    let mut text = out.trim_end().to_string();
    text.push('\n');
    text
}

/// Ends the current line, if one is open.
fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Ends the current block with a blank line after it.
fn end_block(out: &mut String) {
    end_line(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn markup_goes_and_the_words_stay() {
        let markdown = "# Practice Spotlight 2026\n\n**To:** Priya Shah <priya.shah@example.org>\n\nDear Priya,\n\nThank you for \"One *front* door\".\nIt was read.\n\n## The team\n\n- Sam Okoro, Family Practitioner\n- Dev \\{{ Patel }}\n\nSee [the report](https://example.org/r.pdf) and [the top](#top).\n";
        assert_eq!(
            plain(markdown),
            "Practice Spotlight 2026\n\nTo: Priya Shah <priya.shah@example.org>\n\nDear Priya,\n\nThank you for \"One front door\". It was read.\n\nThe team\n\n- Sam Okoro, Family Practitioner\n- Dev {{ Patel }}\n\nSee the report <https://example.org/r.pdf> and the top.\n"
        );
    }

    #[test]
    fn numbered_and_nested_lists() {
        assert_eq!(
            plain("1. one\n2. two\n   - inner\n\nafter\n"),
            "1. one\n2. two\n  - inner\n\nafter\n"
        );
    }
}
