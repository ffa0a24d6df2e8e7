//! Markdown from submissions and reviews as HTML that is safe to publish: rendered with
//! pulldown-cmark, then cleaned by ammonia, which removes scripts, event handlers, styles and
//! `javascript:` links whatever the Markdown held.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

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

#[cfg(test)]
mod tests {
    use super::*;

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
