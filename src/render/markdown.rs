//! Markdown from submissions and reviews as HTML that is safe to publish: rendered with
//! pulldown-cmark, then cleaned by ammonia, which removes scripts, event handlers, styles and
//! `javascript:` links whatever the Markdown held.
//!
//! Most sections are plain prose, lists and web links, and for those the cleaning is done on the
//! parser's events instead ([`Plain`]): pulldown-cmark escapes all text, so the only
//! ways to inject markup are raw HTML and link addresses, and a section with neither raw HTML
//! (other than comments) nor an address ammonia would question gets the very bytes ammonia
//! would give, without parsing the HTML again (a differential test holds the two paths to
//! that). Anything else goes through ammonia.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// The sanitiser, built once: building one means filling a dozen sets of allowed tags and
/// attributes, which cost as much as cleaning a short section (the hub cleans tens of thousands).
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some(LINK_REL));
    builder
});

/// The rel attribute ammonia gives every link.
const LINK_REL: &str = "noopener noreferrer nofollow";

fn parser(markdown: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    Parser::new_ext(markdown, options)
}

/// `markdown` as sanitised HTML. Raw HTML in the input is kept only where ammonia allows it.
pub fn to_safe_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut plain = Plain {
        events: parser(markdown),
        failed: false,
        in_link: false,
    };
    html::push_html(&mut out, plain.by_ref());
    if plain.failed {
        return cleaned(markdown);
    }
    // pulldown-cmark closes empty elements XHTML-style; HTML writes them bare. Only a rule or a
    // line break can have written these: all text is escaped and links are our own tags.
    if out.contains(" />") {
        out = out.replace("<hr />", "<hr>").replace("<br />", "<br>");
    }
    out
}

/// The HTML pulldown-cmark writes for `markdown`, cleaned by ammonia.
fn cleaned(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser(markdown));
    CLEANER.clean(&unsafe_html).to_string()
}

/// A section's events, with links written as ammonia writes them (a `rel`, no address it
/// refuses) and comments dropped, as long as the HTML they make is exactly what ammonia would
/// make of it. At the first event only ammonia can judge (raw HTML, an image or table, an
/// unusual address, a character it writes in its own way) the events stop and `failed` is set.
struct Plain<'a> {
    events: Parser<'a>,
    failed: bool,
    /// Inside a link: a link within a link (an autolink in link text) is split in two by HTML
    /// parsing, so it is for ammonia.
    in_link: bool,
}

impl<'a> Iterator for Plain<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let plain = self.plain()?;
        if plain.is_none() {
            self.failed = true;
        }
        plain
    }
}

impl<'a> Plain<'a> {
    /// `None` at the end, `Some(None)` at an event that needs ammonia.
    fn plain(&mut self) -> Option<Option<Event<'a>>> {
        let event = self.events.next()?;
        Some(match event {
            // A block of comments leaves only its line endings, as ammonia does.
            Event::Start(Tag::HtmlBlock) => self.html_block().map(|rest| Event::Html(rest.into())),
            Event::InlineHtml(text) => {
                without_comments(&text).map(|rest| Event::InlineHtml(rest.into()))
            }
            Event::Html(_) | Event::Start(Tag::Image { .. } | Tag::Table(_)) => None,
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(ref lang)))
                if !lang.is_empty() =>
            {
                None
            }
            Event::Start(Tag::Link { .. }) if self.in_link => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                self.in_link = true;
                link_tag(link_type, &dest_url, &title).map(|tag| Event::Html(tag.into()))
            }
            Event::End(TagEnd::Link) => {
                self.in_link = false;
                Some(Event::Html(CowStr::Borrowed("</a>")))
            }
            Event::Text(ref text) | Event::Code(ref text) if !is_plain_text(text) => None,
            other => Some(other),
        })
    }

    /// The rest of an HTML block, without its comments, if that is only white space.
    fn html_block(&mut self) -> Option<String> {
        let mut block = String::new();
        for event in self.events.by_ref() {
            match event {
                Event::Html(text) => block.push_str(&text),
                Event::End(TagEnd::HtmlBlock) => return without_comments(&block),
                _ => return None,
            }
        }
        None
    }
}

/// Text that HTML parsing and writing gives back unchanged once escaped: no non-breaking space
/// (written `&nbsp;`), no carriage return (read as a line feed) and no other control character.
/// Bytes are checked eight at a time first: in UTF-8 the C1 controls and U+00A0 start 0xC2.
fn is_plain_text(text: &str) -> bool {
    !crate::ascii::has_control_or_latin1_lead(text.as_bytes())
        || !text
            .chars()
            .any(|c| c == '\u{a0}' || (c.is_control() && c != '\n' && c != '\t'))
}

/// `html` without its comments, when that leaves only white space. A comment left open would
/// swallow the rest of the page, not just its own block: that is for ammonia.
fn without_comments(html: &str) -> Option<String> {
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        let after = &rest[start + "<!--".len()..];
        let end = after.find("-->")?;
        // `--!>`, and the `>` or `->` of `<!-->` and `<!--->`, also end a comment in HTML:
        // for those, leave the reading to ammonia.
        if after[..end].contains("--!>") || after.starts_with('>') || after.starts_with("->") {
            return None;
        }
        rest = &after[end + "-->".len()..];
    }
    kept.push_str(rest);
    kept.chars().all(|c| c == '\n' || c == ' ').then_some(kept)
}

/// The opening tag ammonia writes for a link, when its address and title need no judgement
/// of ammonia's: a web or mail address that parses, or a relative one, and no character in the
/// title that ammonia writes differently from pulldown-cmark.
fn link_tag(link_type: LinkType, dest_url: &str, title: &str) -> Option<String> {
    if title.contains(['<', '>', '\'']) || !is_plain_text(title) {
        return None;
    }
    let mut escaped = String::with_capacity(dest_url.len() + 8);
    if link_type == LinkType::Email {
        escaped.push_str("mailto:");
    }
    // `"` is percent-encoded and `&` written `&amp;`; the `&#x27;` it writes for `'` is written
    // back as `'`, as ammonia writes it (it cannot end a double-quoted attribute).
    pulldown_cmark_escape::escape_href(&mut escaped, dest_url).ok()?;
    let href = escaped.replace("&#x27;", "'");
    // What ammonia reads back from the attribute, and judges as it does.
    let address = href.replace("&amp;", "&");
    match url::Url::parse(&address) {
        Ok(url) if matches!(url.scheme(), "http" | "https" | "mailto") => {}
        Err(url::ParseError::RelativeUrlWithoutBase) => {}
        _ => return None,
    }
    let mut tag = format!("<a href=\"{href}\"");
    if !title.is_empty() {
        tag.push_str(" title=\"");
        pulldown_cmark_escape::escape_html(&mut tag, title).ok()?;
        tag.push('"');
    }
    tag.push_str(&format!(" rel=\"{LINK_REL}\">"));
    Some(tag)
}

/// `markdown` kept as Markdown but safe to hand to anything that renders it: raw HTML (blocks and
/// inline tags) is removed, and a link or image whose address has a scheme other than http,
/// https or mailto (`javascript:`, `data:`) points at `#` instead. Text, emphasis, lists and
/// safe links stay as written, so a plain-text letter reads as the reviewer wrote it.
pub fn to_safe_markdown(markdown: &str) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => edits.push((range, String::new())),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) =>
            {
                let written = &markdown[range.clone()];
                // The address as written sits at the end of the link; replace that occurrence.
                match written.rfind(dest_url.as_ref()) {
                    Some(at) => {
                        let start = range.start + at;
                        edits.push((start..start + dest_url.len(), "#".to_string()));
                    }
                    None => edits.push((range, String::new())),
                }
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // inside an edit already made
        }
        out.push_str(&markdown[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// Whether a link address is web, mail or relative: anything with another scheme is refused.
fn is_safe_url(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        _ => ["http:", "https:", "mailto:"]
            .iter()
            .any(|s| url.starts_with(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_markdown_drops_html_and_script_links_but_keeps_the_text() {
        let safe = to_safe_markdown(
            "Hi <script>alert(1)</script> [go](javascript:alert(3)) ![i](data:x) \
             [ok](https://example.org) [rel](report.pdf) **b** {{ x }}\n\n<div onclick=\"x()\">\nblock\n</div>\n",
        );
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("javascript:"), "{safe}");
        assert!(!safe.contains("data:"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        assert!(safe.contains("[go](#)"), "{safe}");
        assert!(safe.contains("[ok](https://example.org)"), "{safe}");
        assert!(safe.contains("[rel](report.pdf)"), "{safe}");
        assert!(safe.contains("**b** {{ x }}"), "{safe}");
        assert!(
            to_safe_html(&safe).contains("alert(1)"),
            "script text stays as text"
        );
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_safe_html(
            "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> \
             [click](javascript:alert(3)) <a href=\"https://example.org\" onclick=\"x()\">ok</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn ordinary_markdown_survives() {
        let html =
            to_safe_html("**Bold** and a [link](https://example.org/r.pdf)\n\n- one\n- two\n");
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
    }

    #[test]
    fn template_syntax_in_user_text_is_just_text() {
        assert_eq!(
            to_safe_html("{{ secret }} {% if %}"),
            "<p>{{ secret }} {% if %}</p>\n"
        );
    }

    /// Pieces of Markdown that reach every branch of the plain path and of ammonia.
    fn fragment() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            Just("text ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("- item\n".to_string()),
            Just("3. item\n".to_string()),
            Just("> quote\n".to_string()),
            Just("*em* **strong** ~~del~~ `code` ".to_string()),
            Just("### heading\n".to_string()),
            Just("```\ncode & <x>\n```\n".to_string()),
            Just("```rust\nfn x() {}\n```\n".to_string()),
            Just("    indented code\n".to_string()),
            Just("line  \nbreak ".to_string()),
            Just("\n---\n".to_string()),
            Just("<!-- comment -->".to_string()),
            Just("\n<!--\nguidance\n-->\n".to_string()),
            Just("<!-- unclosed ".to_string()),
            Just("<!-- a --!> shown -->".to_string()),
            Just("<!--> <!---> ".to_string()),
            Just("<b>bold</b> ".to_string()),
            Just("<script>alert(1)</script>".to_string()),
            Just("\n<div onclick=\"x()\">\nblock\n</div>\n".to_string()),
            Just("![img](x.png \"t\") ".to_string()),
            Just("| a | b |\n|---|:-:|\n| 1 | 2 |\n".to_string()),
            Just("[l](https://example.org/a?b=1&c=2 \"T & t\") ".to_string()),
            Just("[l](https://exa mple.org) ".to_string()),
            Just("[l](<https://exa mple.org>) ".to_string()),
            Just("[l](report.pdf) [m](mailto:a@example.org) <https://example.org/x> ".to_string()),
            Just("<kim.lee@example.org> ".to_string()),
            Just("[js](javascript:alert(1)) [J](JavaScript:x) [d](data:text/html,x) ".to_string()),
            Just("[t](https://example.org \"a 'b' <c>\") ".to_string()),
            Just(
                "[q](it's) <https://x.example/'> [c](https://x.example/Children's_services) "
                    .to_string()
            ),
            Just("1. ---\n".to_string()),
            Just("- a\\\n  b\n".to_string()),
            Just("[<https://a.example>](https://b.example) ".to_string()),
            Just("[x](https://b.example \"t&#13;u\") ".to_string()),
            Just("[ref]\n\n[ref]: https://example.org/ref \"R\"\n".to_string()),
            Just("& < > \" ' é ☃ \u{a0} \r\n \t".to_string()),
            Just("\u{85}\u{7f}\u{9f}\u{c2}\u{1}".to_string()),
            "[ -~]{0,10}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn the_plain_path_writes_what_ammonia_writes(
            parts in proptest::collection::vec(fragment(), 0..12)
        ) {
            let markdown = parts.concat();
            proptest::prop_assert_eq!(to_safe_html(&markdown), cleaned(&markdown), "{:?}", markdown);
        }
    }

    /// Inputs where the plain path once wrote other bytes than ammonia (found in review): an
    /// apostrophe in an address, a rule or line break right after a list marker, a link in a
    /// link, a carriage return in a title.
    #[test]
    fn regression_plain_path_matched_ammonia_on_apostrophes_rules_nested_links_and_titles() {
        for markdown in [
            "[q](it's)",
            "<https://x.example/'>",
            "[c](https://x.example/Children's_services)",
            "1. ---\n",
            "- a\\\n  b\n",
            "[<https://a.example>](https://b.example)",
            "[x](https://b.example \"t&#13;u\")",
        ] {
            assert_eq!(to_safe_html(markdown), cleaned(markdown), "{markdown:?}");
        }
    }

    #[test]
    fn plain_prose_takes_the_plain_path_and_raw_html_does_not() {
        let plain = |md: &str| {
            let mut events = Plain {
                events: parser(md),
                failed: false,
                in_link: false,
            };
            events.by_ref().for_each(drop);
            !events.failed
        };
        assert!(plain(
            "Some *prose* with a [link](https://example.org).\n\n- a list\n"
        ));
        assert!(plain("Text.\n\n<!-- guidance; up to 400 words. -->\n"));
        assert!(!plain("Text <b>bold</b>"));
        assert!(!plain("[x](javascript:alert(1))"));
        assert!(!plain("![i](x.png)"));
    }
}
