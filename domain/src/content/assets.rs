//! Which files a course's `assets/` folder may hold, and how the server
//! sends each kind. One table, used by the checker (which refuses what the
//! server would not send) and by the asset route.
//!
//! Course assets are served from the platform's own origin, so a file that
//! a browser would run as a page (HTML, XML, JavaScript) could do there
//! what sanitised Markdown cannot: read the learner's pages and act as
//! them. Those are refused. SVG is an image that may hold script: it is
//! sent with a policy that runs none (`Content-Security-Policy: sandbox`).
//! Anything not known to be safe to show is sent as a download.

/// How the server sends an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// Shown in the page or the browser (images, PDF, audio, video, text).
    Inline(&'static str),
    /// SVG: shown as an image, under a policy that runs no script.
    Svg,
    /// Offered as a download (`Content-Disposition: attachment`).
    Download(&'static str),
    /// Never served: a browser would run it as a page or script.
    Refused,
}

/// The kind of the asset at `path`, from its extension (case-insensitive).
pub fn asset_kind(path: &str) -> AssetKind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => AssetKind::Inline("image/png"),
        "jpg" | "jpeg" => AssetKind::Inline("image/jpeg"),
        "gif" => AssetKind::Inline("image/gif"),
        "webp" => AssetKind::Inline("image/webp"),
        "avif" => AssetKind::Inline("image/avif"),
        "pdf" => AssetKind::Inline("application/pdf"),
        "mp3" => AssetKind::Inline("audio/mpeg"),
        "ogg" | "oga" => AssetKind::Inline("audio/ogg"),
        "mp4" => AssetKind::Inline("video/mp4"),
        "webm" => AssetKind::Inline("video/webm"),
        "vtt" => AssetKind::Inline("text/vtt; charset=utf-8"),
        "txt" => AssetKind::Inline("text/plain; charset=utf-8"),
        "svg" => AssetKind::Svg,
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "xml" | "xsl" | "xslt" | "js" | "mjs"
        | "svgz" | "swf" => AssetKind::Refused,
        "csv" => AssetKind::Download("text/csv; charset=utf-8"),
        "docx" => AssetKind::Download(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "xlsx" => {
            AssetKind::Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        "pptx" => AssetKind::Download(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        "odt" => AssetKind::Download("application/vnd.oasis.opendocument.text"),
        "ods" => AssetKind::Download("application/vnd.oasis.opendocument.spreadsheet"),
        "odp" => AssetKind::Download("application/vnd.oasis.opendocument.presentation"),
        "zip" => AssetKind::Download("application/zip"),
        _ => AssetKind::Download("application/octet-stream"),
    }
}

/// What in an SVG file could run as script if the file were opened as a
/// page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ActiveContent {
    /// A `<script>` element.
    Script,
    /// A `<foreignObject>` element (HTML inside the image).
    ForeignObject,
    /// A `javascript:` address.
    JavascriptAddress,
    /// An event attribute (`onload=`, `onclick=`, …).
    EventAttribute,
}

/// What in an SVG file could run as script if the file were opened as a
/// page, for the checker's warning: the server sends SVG under a policy that
/// runs none, but an illustration should not need any. A plain search, not a
/// parse: it may name harmless text, and it only ever warns.
pub fn svg_active_content(svg: &[u8]) -> Option<ActiveContent> {
    let text = String::from_utf8_lossy(svg).to_ascii_lowercase();
    if text.contains("<script") {
        return Some(ActiveContent::Script);
    }
    if text.contains("<foreignobject") {
        return Some(ActiveContent::ForeignObject);
    }
    if text.contains("javascript:") {
        return Some(ActiveContent::JavascriptAddress);
    }
    let bytes = text.as_bytes();
    let handler = text.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let name_end = bytes[i + 2..]
            .iter()
            .position(|b| !b.is_ascii_lowercase())
            .map(|n| i + 2 + n);
        matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/'))
            && name_end.is_some_and(|end| {
                end > i + 2
                    && bytes[end..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(|b| *b == b'=')
            })
    });
    handler.then_some(ActiveContent::EventAttribute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_in_svg_is_found() {
        let plain = br##"<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" fill="#c00"/><text>Online inspraak, only one</text></svg>"##;
        assert_eq!(svg_active_content(plain), None);
        for (svg, what) in [
            (
                &b"<svg><SCRIPT>alert(1)</SCRIPT></svg>"[..],
                ActiveContent::Script,
            ),
            (
                b"<svg onload=\"alert(1)\"></svg>",
                ActiveContent::EventAttribute,
            ),
            (
                b"<svg><rect\nonclick = 'x'/></svg>",
                ActiveContent::EventAttribute,
            ),
            (
                b"<svg><a href=\"JavaScript:alert(1)\">x</a></svg>",
                ActiveContent::JavascriptAddress,
            ),
            (
                b"<svg><foreignObject><p>x</p></foreignObject></svg>",
                ActiveContent::ForeignObject,
            ),
        ] {
            assert_eq!(
                svg_active_content(svg),
                Some(what),
                "{}",
                String::from_utf8_lossy(svg)
            );
        }
    }

    #[test]
    fn pages_and_scripts_are_refused_svg_is_contained_the_rest_downloads() {
        assert_eq!(asset_kind("assets/a.png"), AssetKind::Inline("image/png"));
        assert_eq!(
            asset_kind("assets/sub/A.JPG"),
            AssetKind::Inline("image/jpeg")
        );
        assert_eq!(asset_kind("assets/ladder.svg"), AssetKind::Svg);
        for refused in [
            "x.html", "x.HTM", "x.xhtml", "x.xml", "x.js", "x.mjs", "x.svgz",
        ] {
            assert_eq!(asset_kind(refused), AssetKind::Refused, "{refused}");
        }
        assert_eq!(
            asset_kind("assets/werkblad"),
            AssetKind::Download("application/octet-stream")
        );
        assert!(matches!(
            asset_kind("assets/plan.docx"),
            AssetKind::Download(_)
        ));
    }
}
