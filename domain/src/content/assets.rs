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

#[cfg(test)]
mod tests {
    use super::*;

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
