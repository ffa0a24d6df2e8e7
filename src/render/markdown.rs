//! Markdown from submissions and reviews as HTML that is safe to publish: rendered with
//! pulldown-cmark, then cleaned by ammonia, which removes scripts, event handlers, styles and
//! `javascript:` links whatever the Markdown held.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, html};

/// The sanitiser, built once: building one means filling a dozen sets of allowed tags and
/// attributes, which cost as much as cleaning a short section (the hub cleans tens of thousands).
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some("noopener noreferrer nofollow"));
    builder
});

/// `markdown` as sanitised HTML. Raw HTML in the input is kept only where ammonia allows it.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    CLEANER.clean(&unsafe_html).to_string()
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
}
