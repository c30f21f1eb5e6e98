//! The one Markdown configuration every caller renders with, and the sanitiser.
//!
//! Pipeline for any Markdown fragment: pulldown-cmark with [`options`] →
//! HTML → [`sanitize`] (ammonia, safe subset). Raw HTML in content is never
//! trusted: it passes through the same sanitiser.
//!
//! This module also owns the questions "what does the sanitiser keep?"
//! ([`sanitizer_removals`], [`is_allowed_url`]), so the checker's warnings
//! about removed HTML come from the very configuration that removes it.

use pulldown_cmark::{html, Options, Parser};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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
    strip_paragraph(&render(markdown.trim()))
}

/// Remove the `<p>…</p>` around HTML that holds exactly one paragraph, so a
/// label can sit inside a `<label>` or a heading.
pub fn strip_paragraph(html: &str) -> String {
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
    sanitizer().clean(html).to_string()
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

/// Follow how a piece of raw HTML opens and closes elements, starting at
/// `depth` (updated); returns the deepest level reached. A quick scan, not
/// a parser: void elements (`<br>`, `<img>`, …), self-closing tags,
/// comments and declarations do not count. Used to keep runaway nesting
/// away from the sanitiser, whose parser is quadratic in the depth.
pub fn follow_nesting(raw: &str, depth: &mut usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut deepest = *depth;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(pos) = raw[i..].find('<') {
        let start = i + pos + 1;
        i = start;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = raw[name_start..name_start + name_len].to_ascii_lowercase();
        if closing {
            *depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = raw[name_start..].find('>').map(|e| name_start + e);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if !VOID.contains(&name.as_str()) && !self_closing {
            *depth += 1;
            deepest = deepest.max(*depth);
        }
    }
    deepest
}

/// The text a person reads in a piece of sanitised HTML: tags dropped, the
/// character references [`escape_text`] writes decoded, surrounding space
/// trimmed. For labels in exports, never for display as HTML.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Built once: constructing an ammonia builder allocates all its tag sets,
/// and content rendering sanitises thousands of fragments per reload.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tags(["figure", "figcaption", "aside"])
            // What the content renderer itself emits: lazy images, labelled
            // callouts, and table column alignment.
            .add_tag_attributes("img", ["loading"])
            .add_tag_attributes("aside", ["aria-labelledby"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .filter_style_properties(["text-align"].into_iter().collect());
        b
    })
}

/// The sanitiser's rules as plain sets, for [`sanitizer_removals`].
struct Policy {
    tags: HashSet<&'static str>,
    clean_content_tags: HashSet<&'static str>,
    generic_attributes: HashSet<&'static str>,
    tag_attributes: HashMap<&'static str, HashSet<&'static str>>,
    url_schemes: HashSet<&'static str>,
}

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let b = sanitizer();
        Policy {
            tags: b.clone_tags(),
            clean_content_tags: b.clone_clean_content_tags(),
            generic_attributes: b.clone_generic_attributes(),
            tag_attributes: b.clone_tag_attributes(),
            url_schemes: b.clone_url_schemes(),
        }
    })
}

/// Whether the sanitiser keeps a link or image address: relative addresses
/// and the allowed schemes (http, https, mailto, tel, ...).
pub fn is_allowed_url(url: &str) -> bool {
    match url_scheme(url) {
        Some(scheme) => policy()
            .url_schemes
            .contains(scheme.to_ascii_lowercase().as_str()),
        None => true,
    }
}

/// The scheme of an absolute URL (`https` in `https://…`), if it has one.
pub fn url_scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(scheme)
}

/// Something the sanitiser will drop from a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Byte offset in the raw HTML where the removed tag or attribute starts.
    pub offset: usize,
    /// What is removed.
    pub what: Removed,
}

/// What the sanitiser removes, with the names as found (lowercase); the
/// checker's warning puts it into words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Removed {
    /// An element removed with its content (`<script>`, `<style>`).
    Element { element: String },
    /// A tag removed, its text kept (`<iframe>`, `<font>`).
    Tag { element: String },
    /// An attribute the element may not have (`onclick` of `<span>`).
    Attribute { attribute: String, element: String },
    /// An address with an unsafe scheme (`href` of `<a>`).
    UnsafeAddress { attribute: String, element: String },
}

/// List what [`sanitize`] would remove from a fragment of raw HTML, so the
/// checker can warn about it. HTML comments are dropped silently: they were
/// never visible.
///
/// This is a small tag scanner, not a full HTML parser: it looks at each
/// start tag and its attributes, which is what trainers write inline.
pub fn sanitizer_removals(raw: &str) -> Vec<Removal> {
    let policy = policy();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = raw[i..].find('<') {
        let start = i + rel;
        let rest = &raw[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(end) => start + end + 3,
                None => raw.len(),
            };
            continue;
        }
        let Some(tag) = scan_start_tag(raw, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if !policy.tags.contains(name.as_str()) {
            let what = if policy.clean_content_tags.contains(name.as_str()) {
                Removed::Element {
                    element: name.clone(),
                }
            } else {
                Removed::Tag {
                    element: name.clone(),
                }
            };
            out.push(Removal {
                offset: start,
                what,
            });
            if policy.clean_content_tags.contains(name.as_str()) {
                // Skip the content: `if (a<b)` in a script is not a tag.
                let close = format!("</{name}");
                i = find_ascii_case_insensitive(raw, i, &close).unwrap_or(raw.len());
            }
            continue;
        }
        for attr in &tag.attributes {
            let attr_name = attr.name.to_ascii_lowercase();
            let allowed = policy.generic_attributes.contains(attr_name.as_str())
                || policy
                    .tag_attributes
                    .get(name.as_str())
                    .is_some_and(|set| set.contains(attr_name.as_str()));
            if !allowed {
                out.push(Removal {
                    offset: attr.offset,
                    what: Removed::Attribute {
                        attribute: attr_name,
                        element: name.clone(),
                    },
                });
            } else if matches!(attr_name.as_str(), "href" | "src" | "cite")
                && !is_allowed_url(attr.value.trim())
            {
                out.push(Removal {
                    offset: attr.offset,
                    what: Removed::UnsafeAddress {
                        attribute: attr_name,
                        element: name.clone(),
                    },
                });
            }
        }
    }
    out
}

struct StartTag<'a> {
    name: &'a str,
    attributes: Vec<Attribute<'a>>,
    /// Byte offset just past the closing `>`.
    end: usize,
}

struct Attribute<'a> {
    name: &'a str,
    value: &'a str,
    offset: usize,
}

/// Read `<name attr="v" ...>` starting at `start` (which holds `<`).
/// Returns `None` for end tags, doctypes and a lone `<` in text.
fn scan_start_tag(raw: &str, start: usize) -> Option<StartTag<'_>> {
    let bytes = raw.as_bytes();
    let mut i = start + 1;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = &raw[name_start..i];
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(b'/') => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        let attr_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let attr_name = &raw[attr_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let value_start = i + 1;
                    let value_end = raw[value_start..]
                        .find(q as char)
                        .map_or(raw.len(), |e| value_start + e);
                    value = &raw[value_start..value_end];
                    i = (value_end + 1).min(raw.len());
                }
                _ => {
                    let value_start = i;
                    while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &raw[value_start..i];
                }
            }
        }
        if !attr_name.is_empty() {
            attributes.push(Attribute {
                name: attr_name,
                value,
                offset: attr_start,
            });
        } else if i == attr_start {
            // Not an attribute character we understand: step over it.
            i += 1;
        }
    }
    Some(StartTag {
        name,
        attributes,
        end: i,
    })
}

fn find_ascii_case_insensitive(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..=hay.len().checked_sub(needle.len())?)
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_undoes_escape_text_and_drops_tags() {
        let text = "Rock & <roll> \"quoted\" it's";
        assert_eq!(plain_text(&format!("<p>{}</p>", escape_text(text))), text);
        assert_eq!(plain_text("<em>Eerst</em> dan"), "Eerst dan");
    }

    #[test]
    fn nesting_is_followed_across_pieces() {
        let mut depth = 0;
        assert_eq!(follow_nesting("<div><p>a<br><img src=x/>", &mut depth), 2);
        assert_eq!(depth, 2);
        assert_eq!(follow_nesting("</p><!-- x --><span/>", &mut depth), 2);
        assert_eq!(depth, 1);
        assert_eq!(follow_nesting("</div></div>", &mut depth), 1);
        assert_eq!(depth, 0);
        assert_eq!(follow_nesting(&"<DIV>".repeat(100), &mut depth), 100);
        assert_eq!(follow_nesting("a < b, 3<4 <", &mut 0), 0);
    }

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

    #[test]
    fn renderer_output_survives_sanitising() {
        let html = r#"<aside class="callout" aria-labelledby="c1"><p id="c1">T</p></aside><img src="/x.png" alt="a" loading="lazy"><table><tr><td style="text-align: left">x</td></tr></table>"#;
        let clean = sanitize(html);
        assert!(clean.contains(r#"aria-labelledby="c1""#), "{clean}");
        assert!(clean.contains(r#"loading="lazy""#), "{clean}");
        assert!(clean.contains("text-align"), "{clean}");
    }

    #[test]
    fn removals_name_tags_and_attributes() {
        let raw = r#"<span onclick="x()">a</span><script>if (a<b) {}</script><b>ok</b><a href="javascript:alert(1)">x</a><!-- note -->"#;
        let found: Vec<Removed> = sanitizer_removals(raw)
            .into_iter()
            .map(|r| r.what)
            .collect();
        assert_eq!(
            found,
            [
                Removed::Attribute {
                    attribute: "onclick".into(),
                    element: "span".into()
                },
                Removed::Element {
                    element: "script".into()
                },
                Removed::UnsafeAddress {
                    attribute: "href".into(),
                    element: "a".into()
                },
            ]
        );
    }

    #[test]
    fn removal_offsets_point_at_the_tag() {
        let raw = "text <font color=red>x</font>";
        let r = sanitizer_removals(raw);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].offset, 5);
        assert_eq!(
            r[0].what,
            Removed::Tag {
                element: "font".into()
            }
        );
    }

    #[test]
    fn allowed_urls() {
        assert!(is_allowed_url("https://example.org"));
        assert!(is_allowed_url("mailto:a@b.nl"));
        assert!(is_allowed_url("/cursussen/x"));
        assert!(is_allowed_url("assets/a:b.png"));
        assert!(!is_allowed_url("javascript:alert(1)"));
    }
}
