//! The one Markdown configuration every caller renders with, and the sanitiser.
//!
//! Pipeline for any Markdown fragment: pulldown-cmark with [`options`] →
//! HTML → [`sanitize`] (ammonia, safe subset). Raw HTML in content is never
//! trusted: it passes through the same sanitiser.

use pulldown_cmark::{html, Options, Parser};

/// CommonMark plus tables, footnotes, strikethrough and heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render a block of Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    sanitize(&out)
}

/// Render a one-line fragment (an option label, a title) without the
/// surrounding `<p>`.
pub fn render_inline(markdown: &str) -> String {
    let html = render(markdown.trim());
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Clean untrusted HTML down to the safe subset.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .add_tags(["figure", "figcaption", "aside", "svg"])
        .clean(html)
        .to_string()
}

/// Escape plain text for inclusion in HTML.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_removed() {
        let html = render("Hallo <script>alert(1)</script> **wereld**");
        assert!(!html.contains("<script"));
        assert!(html.contains("<strong>wereld</strong>"));
    }

    #[test]
    fn inline_has_no_paragraph() {
        assert_eq!(render_inline("een *optie*"), "een <em>optie</em>");
    }
}
