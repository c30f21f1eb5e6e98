//! Rendering Markdown of a course to sanitised HTML, checking it on the way.
//!
//! Every piece of Markdown in a module — the body, a callout, a question's
//! prompt, options, feedback and explanation — goes through one pipeline:
//!
//! 1. pulldown-cmark with [`markdown::options`], keeping byte offsets
//!    (`into_offset_iter`), so every problem gets a file line and column;
//! 2. [`Renderer::transform`] on the events:
//!    - elements nested more than [`MAX_MARKDOWN_NESTING`] deep are left
//!      out, with an error (the sanitiser is quadratic in the depth);
//!    - headings get a unique `id` (slug of their text, or `{#custom}`);
//!      h2/h3 of the body go into the table of contents; `#` h1 is a warning;
//!    - links and images are checked and rewritten ([`LinkTargets`]);
//!    - images need alt text (error), get `loading="lazy"`, and an image
//!      alone in its paragraph with a title becomes a `<figure>`;
//!    - raw HTML is kept for the sanitiser, with a warning naming what the
//!      sanitiser will remove;
//!    - in the body, placeholder lines left by `module.rs` for blocks turn
//!      into callout markup or into question/reflection segments;
//! 3. `push_html`, then [`markdown::sanitize`].

use super::blocks::CalloutKind;
use super::links::{LinkTargets, Resolved};
use super::problems::Problem;
use super::slug::{slugify, Slugger};
use super::source::{line_index, Pos, Reporter, SourceFile};
use crate::gift::MAX_MARKDOWN_NESTING;
use crate::markdown;
use crate::model::{Language, Segment, TocEntry};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

pub(crate) type Spanned<'e> = (Event<'e>, Range<usize>);

/// How offsets in a parsed fragment map to offsets in the file.
#[derive(Clone, Copy)]
pub(crate) enum Locator<'a> {
    /// The fragment is the slice of the file starting at this byte offset.
    Contiguous(usize),
    /// The fragment has exactly the file's lines, some of them replaced
    /// (the body document, see `module.rs`); these are its line starts.
    SameLines(&'a [usize]),
}

/// What a placeholder line in the body document stands for.
#[derive(Debug, Clone)]
pub(crate) enum Placeholder {
    CalloutOpen(String),
    CalloutClose,
    /// Questions and reflections: the body HTML is split here.
    Segments(Vec<Segment>),
    /// A block already reported as broken.
    Nothing,
}

enum Out<'e> {
    Event(Event<'e>),
    Break(Vec<Segment>),
}

/// Renders the Markdown of one file, collecting its diagnostics, heading
/// ids and table of contents.
pub(crate) struct Renderer<'a> {
    pub file: &'a SourceFile<'a>,
    pub links: &'a LinkTargets<'a>,
    pub language: Language,
    pub report: Reporter,
    pub toc: Vec<TocEntry>,
    slugger: Slugger,
    callouts: usize,
    /// Elements the raw HTML of this file has opened and not closed.
    raw_depth: usize,
    raw_too_deep_reported: bool,
}

/// How deep raw HTML may nest its own elements. Real pages stay below ten;
/// the limit keeps the sanitiser's HTML parser, whose work grows with the
/// square of the depth, from spending minutes on a file of `<div><div>…`
/// (1 MB of it took 100 s).
pub(crate) const MAX_RAW_HTML_NESTING: usize = 64;

impl<'a> Renderer<'a> {
    pub fn new(
        file: &'a SourceFile<'a>,
        links: &'a LinkTargets<'a>,
        language: Language,
        report: Reporter,
    ) -> Self {
        Self {
            file,
            links,
            language,
            report,
            toc: Vec::new(),
            slugger: Slugger::for_page(),
            callouts: 0,
            raw_depth: 0,
            raw_too_deep_reported: false,
        }
    }

    /// File position of an offset in a fragment.
    pub fn pos(&self, loc: Locator<'_>, offset: usize) -> Pos {
        let file_offset = match loc {
            Locator::Contiguous(base) => base + offset,
            Locator::SameLines(starts) => {
                let idx = line_index(starts, offset);
                let column = offset - starts.get(idx).copied().unwrap_or(0);
                (self.file.line_start(idx) + column).min(self.file.line_end(idx))
            }
        };
        self.file.pos(file_offset)
    }

    /// Render a Markdown fragment that is a contiguous slice of the file.
    pub fn render_fragment(&mut self, text: &str, file_offset: usize) -> String {
        let events = parse(text, markdown::options());
        self.render_events(events, Locator::Contiguous(file_offset))
    }

    /// Render already parsed events (a part of a question) to sanitised HTML.
    pub fn render_events(&mut self, events: Vec<Spanned<'_>>, loc: Locator<'_>) -> String {
        let out = self.transform(events, loc, None, false);
        let events = out.into_iter().filter_map(|o| match o {
            Out::Event(e) => Some(e),
            Out::Break(_) => None,
        });
        to_html(events)
    }

    /// Render the body document: HTML segments split at question and
    /// reflection placeholders. `placeholders` maps 0-based line numbers to
    /// what their placeholder stands for; the ones used are removed, so what
    /// is left afterwards could not be placed.
    pub fn render_body(
        &mut self,
        doc: &str,
        line_starts: &[usize],
        placeholders: &mut HashMap<usize, Placeholder>,
    ) -> Vec<Segment> {
        let events = parse(doc, markdown::options());
        // pulldown-cmark uses footnote labels as element ids: keep heading
        // ids from taking them.
        for (event, _) in &events {
            if let Event::Start(Tag::FootnoteDefinition(label)) = event {
                self.slugger.claim(label);
            }
        }
        let out = self.transform(
            events,
            Locator::SameLines(line_starts),
            Some((placeholders, line_starts)),
            true,
        );
        let mut segments = Vec::new();
        let mut pending: Vec<Event<'_>> = Vec::new();
        for o in out {
            match o {
                Out::Event(e) => pending.push(e),
                Out::Break(segs) => {
                    flush_html(&mut pending, &mut segments);
                    segments.extend(segs);
                }
            }
        }
        flush_html(&mut pending, &mut segments);
        segments
    }

    /// The opening markup of a callout: an `<aside>` labelled by its title.
    pub fn callout_open(&mut self, kind: CalloutKind, title: &str) -> String {
        self.callouts += 1;
        let id = self.slugger.unique(&format!("callout-{}", self.callouts));
        let title = if title.is_empty() {
            kind.default_title(self.language)
        } else {
            title
        };
        format!(
            "<aside class=\"callout callout-{kind}\" aria-labelledby=\"{id}\">\n<p class=\"callout-title\" id=\"{id}\">{title}</p>\n",
            kind = kind.name(),
            title = markdown::escape_text(title),
        )
    }

    fn transform<'e>(
        &mut self,
        events: Vec<Spanned<'e>>,
        loc: Locator<'_>,
        mut placeholders: Option<(&mut HashMap<usize, Placeholder>, &[usize])>,
        body: bool,
    ) -> Vec<Out<'e>> {
        let events = self.limit_nesting(events, loc);
        let mut out = Vec::with_capacity(events.len());
        let mut in_callout = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    let in_toc = body && !in_callout;
                    out.push(Out::Event(self.heading(&events, i, loc, in_toc)));
                    i += 1;
                }
                Event::Start(Tag::Paragraph) => match lone_image(&events, i) {
                    Some((img, img_end, para_end)) => {
                        let html = self.image_html(&events, img, img_end, loc, true);
                        out.push(Out::Event(Event::Html(html.into())));
                        i = para_end + 1;
                    }
                    None => {
                        out.push(Out::Event(event.clone()));
                        i += 1;
                    }
                },
                Event::Start(Tag::Image { .. }) => {
                    let end = matching_end(&events, i);
                    let html = self.image_html(&events, i, end, loc, false);
                    out.push(Out::Event(Event::InlineHtml(html.into())));
                    i = end + 1;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.resolve(dest_url, false, loc, range.start);
                    out.push(Out::Event(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest.map_or_else(|| dest_url.clone(), CowStr::from),
                        title: title.clone(),
                        id: id.clone(),
                    })));
                    i += 1;
                }
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    let placeholder = match (&mut placeholders, event) {
                        (Some((map, starts)), Event::Html(_)) => {
                            take_placeholder(map, starts, range.start)
                        }
                        _ => None,
                    };
                    match placeholder {
                        Some(Placeholder::CalloutOpen(html)) => {
                            in_callout = true;
                            out.push(Out::Event(Event::Html(html.into())));
                        }
                        Some(Placeholder::CalloutClose) => {
                            in_callout = false;
                            out.push(Out::Event(Event::Html("</aside>\n".into())));
                        }
                        Some(Placeholder::Segments(segments)) => out.push(Out::Break(segments)),
                        Some(Placeholder::Nothing) => {}
                        None => {
                            if self.raw_html_within_limit(raw, loc, range.start) {
                                self.check_raw_html(raw, loc, range.start);
                                out.push(Out::Event(event.clone()));
                            }
                        }
                    }
                    i += 1;
                }
                _ => {
                    out.push(Out::Event(event.clone()));
                    i += 1;
                }
            }
        }
        out
    }

    /// The events with everything nested deeper than [`MAX_MARKDOWN_NESTING`]
    /// left out, and one error for each place where that happens. Real text
    /// stays far below the limit; without it a runaway line such as
    /// `>>>>>>…` or `- - - - …` (thousands of block quotes or lists inside
    /// each other) takes the HTML sanitiser time quadratic in the depth: a
    /// 64 kB line stalled a content reload for half a minute.
    fn limit_nesting<'e>(
        &mut self,
        events: Vec<Spanned<'e>>,
        loc: Locator<'_>,
    ) -> Vec<Spanned<'e>> {
        let too_deep = |events: &[Spanned<'e>]| {
            let mut depth = 0usize;
            events.iter().any(|(event, _)| {
                match event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth > MAX_MARKDOWN_NESTING
            })
        };
        if !too_deep(&events) {
            return events;
        }
        let mut out = Vec::with_capacity(events.len());
        let mut depth = 0usize;
        // The depth of the element being left out, while inside it.
        let mut skipping: Option<usize> = None;
        for (event, range) in events {
            let keep = match &event {
                Event::Start(_) => {
                    depth += 1;
                    if skipping.is_none() && depth > MAX_MARKDOWN_NESTING {
                        skipping = Some(depth);
                        self.report.error(
                            self.pos(loc, range.start),
                            Problem::MarkdownTooDeep {
                                max: MAX_MARKDOWN_NESTING,
                            },
                        );
                    }
                    skipping.is_none()
                }
                Event::End(_) => {
                    let closes_skipped = skipping == Some(depth);
                    depth = depth.saturating_sub(1);
                    if closes_skipped {
                        skipping = None;
                        false
                    } else {
                        skipping.is_none()
                    }
                }
                _ => skipping.is_none(),
            };
            if keep {
                out.push((event, range));
            }
        }
        out
    }

    /// The heading starting at `events[i]`, with its anchor id set; records
    /// it in the table of contents when `in_toc` and it is an h2 or h3.
    fn heading<'e>(
        &mut self,
        events: &[Spanned<'e>],
        i: usize,
        loc: Locator<'_>,
        in_toc: bool,
    ) -> Event<'e> {
        let (event, range) = &events[i];
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            return event.clone();
        };
        let end = matching_end(events, i);
        let text = plain_text(inside(events, i, end));
        let anchor = self.heading_anchor(id.as_deref(), &text, loc, range.start);
        if *level == HeadingLevel::H1 {
            self.report
                .warning(self.pos(loc, range.start), Problem::HeadingOne);
        }
        if in_toc && matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.toc.push(TocEntry {
                level: *level as u8,
                anchor: anchor.clone(),
                text: text.trim().to_string(),
            });
        }
        Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(anchor)),
            classes: classes.clone(),
            attrs: attrs.clone(),
        })
    }

    fn heading_anchor(
        &mut self,
        custom: Option<&str>,
        text: &str,
        loc: Locator<'_>,
        offset: usize,
    ) -> String {
        match custom {
            Some(custom) => {
                if !self.slugger.claim(custom) {
                    self.report.warning(
                        self.pos(loc, offset),
                        Problem::HeadingIdTaken {
                            id: custom.to_string(),
                            by_page: super::slug::PAGE_IDS.contains(&custom),
                        },
                    );
                }
                custom.to_string()
            }
            None => self.slugger.unique(&slugify(text)),
        }
    }

    /// `<img>` (or a `<figure>`) for the image whose events are
    /// `events[start..=end]`.
    fn image_html(
        &mut self,
        events: &[Spanned<'_>],
        start: usize,
        end: usize,
        loc: Locator<'_>,
        figure: bool,
    ) -> String {
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &events[start]
        else {
            return String::new();
        };
        let alt = plain_text(inside(events, start, end));
        let alt = alt.trim();
        if alt.is_empty() {
            self.report
                .error(self.pos(loc, range.start), Problem::ImageWithoutAlt);
        }
        let src = self
            .resolve(dest_url, true, loc, range.start)
            .unwrap_or_else(|| dest_url.to_string());
        let img = format!(
            "<img src=\"{}\" alt=\"{}\"{} loading=\"lazy\">",
            markdown::escape_text(&src),
            markdown::escape_text(alt),
            if figure || title.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", markdown::escape_text(title))
            }
        );
        if figure {
            format!(
                "<figure>{img}<figcaption>{}</figcaption></figure>\n",
                markdown::escape_text(title)
            )
        } else {
            img
        }
    }

    /// Check a link or image address; the rewritten address, if any.
    fn resolve(
        &mut self,
        dest: &str,
        image: bool,
        loc: Locator<'_>,
        offset: usize,
    ) -> Option<String> {
        match self.links.resolve(dest, image) {
            Resolved::Keep => None,
            Resolved::Rewrite(url) => Some(url),
            Resolved::Broken(problem) => {
                self.report.error(self.pos(loc, offset), problem);
                None
            }
            Resolved::Unsafe => {
                self.report.warning(
                    self.pos(loc, offset),
                    Problem::UnsafeAddress {
                        address: dest.to_string(),
                    },
                );
                None
            }
        }
    }

    /// Follow the nesting of the file's raw HTML; false (and one error per
    /// file) for a piece that reaches deeper than [`MAX_RAW_HTML_NESTING`]:
    /// it is left out.
    fn raw_html_within_limit(&mut self, raw: &str, loc: Locator<'_>, offset: usize) -> bool {
        let deepest = markdown::follow_nesting(raw, &mut self.raw_depth);
        if deepest <= MAX_RAW_HTML_NESTING {
            return true;
        }
        if !self.raw_too_deep_reported {
            self.raw_too_deep_reported = true;
            self.report.error(
                self.pos(loc, offset),
                Problem::RawHtmlTooDeep {
                    max: MAX_RAW_HTML_NESTING,
                },
            );
        }
        false
    }

    fn check_raw_html(&mut self, raw: &str, loc: Locator<'_>, offset: usize) {
        for removal in markdown::sanitizer_removals(raw) {
            self.report.warning(
                self.pos(loc, offset + removal.offset),
                Problem::RawHtmlRemoved {
                    removed: removal.what,
                },
            );
        }
    }
}

/// The placeholder whose line starts at `offset` of the body document, if
/// any (each is used once).
fn take_placeholder(
    map: &mut HashMap<usize, Placeholder>,
    line_starts: &[usize],
    offset: usize,
) -> Option<Placeholder> {
    let idx = line_index(line_starts, offset);
    if line_starts.get(idx) == Some(&offset) {
        map.remove(&idx)
    } else {
        None
    }
}

/// Parse Markdown keeping byte offsets.
pub(crate) fn parse(text: &str, options: pulldown_cmark::Options) -> Vec<Spanned<'_>> {
    Parser::new_ext(text, options).into_offset_iter().collect()
}

/// The events strictly between `start` and `end` (empty if there are none).
pub(crate) fn inside<'a, 'e>(
    events: &'a [Spanned<'e>],
    start: usize,
    end: usize,
) -> &'a [Spanned<'e>] {
    events.get(start + 1..end).unwrap_or_default()
}

/// Index of the `End` matching the `Start` at `start` (never before `start`,
/// even for unbalanced input, which pulldown-cmark does not produce).
pub(crate) fn matching_end(events: &[Spanned<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

/// The text of some inline events, without markup.
pub(crate) fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut out = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// For a paragraph holding only an image with a title: (image start, image
/// end, paragraph end) indices.
fn lone_image(events: &[Spanned<'_>], para: usize) -> Option<(usize, usize, usize)> {
    let is_blank = |e: &Event<'_>| match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    };
    let mut img = para + 1;
    while events.get(img).is_some_and(|(e, _)| is_blank(e)) {
        img += 1;
    }
    match events.get(img) {
        Some((Event::Start(Tag::Image { title, .. }), _)) if !title.trim().is_empty() => {}
        _ => return None,
    }
    let img_end = matching_end(events, img);
    let mut after = img_end + 1;
    while events.get(after).is_some_and(|(e, _)| is_blank(e)) {
        after += 1;
    }
    matches!(events.get(after), Some((Event::End(TagEnd::Paragraph), _)))
        .then_some((img, img_end, after))
}

pub(crate) fn to_html<'e>(events: impl Iterator<Item = Event<'e>>) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    markdown::sanitize(&raw)
}

fn flush_html(pending: &mut Vec<Event<'_>>, segments: &mut Vec<Segment>) {
    if pending.is_empty() {
        return;
    }
    let html = to_html(pending.drain(..));
    if !html.trim().is_empty() {
        segments.push(Segment::Html(html));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::markdown::Removed;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    type Reported = Vec<(usize, usize, Severity, Problem)>;

    fn render(text: &str) -> (String, Vec<TocEntry>, Reported) {
        let file = SourceFile::new(text);
        let assets: BTreeSet<String> = ["assets/schema.png".to_string()].into();
        let links = LinkTargets {
            course_id: "c",
            modules: [("02-doelen.md".to_string(), "doelen".to_string())].into(),
            assets: &assets,
        };
        let mut r = Renderer::new(
            &file,
            &links,
            Language::Nl,
            Reporter::new(PathBuf::from("m.md")),
        );
        let starts = super::super::source::line_starts(text);
        let segments = r.render_body(text, &starts, &mut HashMap::new());
        let html = segments
            .into_iter()
            .map(|s| match s {
                Segment::Html(h) => h,
                other => format!("{other:?}"),
            })
            .collect();
        let msgs = r
            .report
            .list
            .into_iter()
            .map(|d| (d.line, d.column, d.severity, d.problem))
            .collect();
        (html, r.toc, msgs)
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let (html, toc, msgs) = render("## Doel\n\n### Doel\n\n## Eigen {#mijn-id}\n\n#### Diep\n");
        assert!(msgs.is_empty(), "{msgs:?}");
        assert!(html.contains(r#"<h2 id="doel">Doel</h2>"#), "{html}");
        assert!(html.contains(r#"<h3 id="doel-2">Doel</h3>"#), "{html}");
        assert!(html.contains(r#"<h2 id="mijn-id">Eigen</h2>"#), "{html}");
        assert!(html.contains(r#"<h4 id="diep">Diep</h4>"#), "{html}");
        assert_eq!(
            toc.iter()
                .map(|t| (t.level, t.anchor.as_str()))
                .collect::<Vec<_>>(),
            [(2, "doel"), (3, "doel-2"), (2, "mijn-id")]
        );
    }

    #[test]
    fn h1_is_a_warning() {
        let (_, _, msgs) = render("Tekst\n\n# Titel\n");
        assert_eq!(msgs, [(3, 1, Severity::Warning, Problem::HeadingOne)]);
    }

    #[test]
    fn links_and_images_are_rewritten() {
        let (html, _, msgs) = render(
            "Zie [doelen](02-doelen.md#stap) en ![Schema](assets/schema.png).\n\n![Schema](assets/schema.png \"Het schema\")\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        assert!(
            html.contains(r#"href="/cursussen/c/doelen#stap""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="/inhoud/c/assets/schema.png" alt="Schema" loading="lazy">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<figure><img src="/inhoud/c/assets/schema.png" alt="Schema" loading="lazy"><figcaption>Het schema</figcaption></figure>"#),
            "{html}"
        );
    }

    #[test]
    fn problems_have_positions() {
        let (_, _, msgs) = render(
            "Regel\n\nEen ![](assets/schema.png) en [x](03-weg.md)\n<span onclick=\"x\">a</span>\n",
        );
        assert_eq!(
            msgs,
            [
                (3, 5, Severity::Error, Problem::ImageWithoutAlt),
                (
                    3,
                    31,
                    Severity::Error,
                    Problem::NoSuchModuleFile {
                        file: "03-weg.md".into(),
                        suggestion: None,
                        files: vec!["02-doelen.md".into()]
                    }
                ),
                (
                    4,
                    7,
                    Severity::Warning,
                    Problem::RawHtmlRemoved {
                        removed: Removed::Attribute {
                            attribute: "onclick".into(),
                            element: "span".into()
                        }
                    }
                ),
            ]
        );
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let (html, _, _) =
            render("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTekst[^1] ~~weg~~\n\n[^1]: Bron\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("text-align"), "{html}");
        assert!(html.contains("<del>weg</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
