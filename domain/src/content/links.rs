//! Link and image addresses in a course: checking them and rewriting them to
//! the site's URLs.
//!
//! | written | becomes |
//! |---|---|
//! | `02-doelen.md`, `02-doelen.md#kop` | `/cursussen/<course>/<module-id>` (+ `#kop`) |
//! | `course.md` | `/cursussen/<course>` |
//! | `assets/x.png` | `/inhoud/<course>/assets/x.png` |
//! | `https:`, `mailto:`, `#kop`, `/pad` | unchanged |
//!
//! A module file or asset that does not exist is an error; so is any other
//! relative address, because nothing else in a course folder is published.

use super::problems::Problem;
use super::suggest::closest;
use crate::markdown;
use std::collections::{BTreeSet, HashMap};

/// What links in one course can point at.
pub(crate) struct LinkTargets<'a> {
    pub course_id: &'a str,
    /// Module file name → module id.
    pub modules: HashMap<String, String>,
    /// Asset paths relative to the course folder, `assets/…`.
    pub assets: &'a BTreeSet<String>,
}

/// The outcome of checking one address.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Resolved {
    /// Leave the address as written.
    Keep,
    /// Use this address instead.
    Rewrite(String),
    /// The address is broken: report it and keep it.
    Broken(Problem),
    /// The sanitiser will drop this address (e.g. `javascript:`): warn.
    Unsafe,
}

impl LinkTargets<'_> {
    /// Check and rewrite a link (`image == false`) or image address.
    pub fn resolve(&self, dest: &str, image: bool) -> Resolved {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') {
            return Resolved::Keep;
        }
        if markdown::url_scheme(dest).is_some() {
            return if markdown::is_allowed_url(dest) {
                Resolved::Keep
            } else {
                Resolved::Unsafe
            };
        }
        let mut path = dest;
        while let Some(rest) = path.strip_prefix("./") {
            path = rest;
        }
        let cut = path.find(['#', '?']).unwrap_or(path.len());
        let (file, suffix) = path.split_at(cut);
        let decoded = percent_decode(file);

        if decoded.starts_with("assets/") {
            return if self.assets.contains(&decoded) {
                Resolved::Rewrite(format!(
                    "/inhoud/{}/{}{}",
                    self.course_id,
                    file.replace(' ', "%20"),
                    suffix
                ))
            } else {
                let suggestion = closest(&decoded, self.assets.iter().map(String::as_str));
                Resolved::Broken(Problem::MissingAsset {
                    suggestion: suggestion.map(str::to_string),
                    path: decoded,
                    course_id: self.course_id.to_string(),
                })
            };
        }
        if image {
            return Resolved::Broken(Problem::ImageOutsideAssets {
                address: dest.to_string(),
                course_id: self.course_id.to_string(),
            });
        }
        if decoded == "course.md" {
            return Resolved::Rewrite(format!("/cursussen/{}{}", self.course_id, suffix));
        }
        if let Some(id) = self.modules.get(decoded.as_str()) {
            return Resolved::Rewrite(format!("/cursussen/{}/{}{}", self.course_id, id, suffix));
        }
        if decoded.ends_with(".md") {
            let suggestion = closest(&decoded, self.modules.keys().map(String::as_str));
            let mut files: Vec<String> = self.modules.keys().cloned().collect();
            files.sort_unstable();
            return Resolved::Broken(Problem::NoSuchModuleFile {
                suggestion: suggestion.map(str::to_string),
                file: decoded,
                files,
            });
        }
        Resolved::Broken(Problem::LinkLeadsNowhere {
            web_address: decoded.starts_with("www."),
            target: decoded,
            course_id: self.course_id.to_string(),
        })
    }
}

/// Decode `%20`-style escapes, so `assets/mijn%20foto.png` finds the file
/// `assets/mijn foto.png`. Invalid escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(assets: &BTreeSet<String>) -> LinkTargets<'_> {
        LinkTargets {
            course_id: "participatie",
            modules: [("01-waarom.md", "waarom"), ("02-doelen.md", "doelen")]
                .into_iter()
                .map(|(f, id)| (f.to_string(), id.to_string()))
                .collect(),
            assets,
        }
    }

    #[test]
    fn rewrites_modules_and_assets() {
        let assets: BTreeSet<String> = [
            "assets/schema.png".to_string(),
            "assets/mijn foto.jpg".to_string(),
        ]
        .into();
        let t = targets(&assets);
        assert_eq!(
            t.resolve("02-doelen.md#stap-1", false),
            Resolved::Rewrite("/cursussen/participatie/doelen#stap-1".into())
        );
        assert_eq!(
            t.resolve("./assets/schema.png", true),
            Resolved::Rewrite("/inhoud/participatie/assets/schema.png".into())
        );
        assert_eq!(
            t.resolve("assets/mijn%20foto.jpg", true),
            Resolved::Rewrite("/inhoud/participatie/assets/mijn%20foto.jpg".into())
        );
        assert_eq!(
            t.resolve("course.md", false),
            Resolved::Rewrite("/cursussen/participatie".into())
        );
        for keep in [
            "https://example.org",
            "mailto:a@b.nl",
            "#kop",
            "/cursussen/x",
            "tel:+31",
        ] {
            assert_eq!(t.resolve(keep, false), Resolved::Keep, "{keep}");
        }
        assert_eq!(t.resolve("javascript:alert(1)", false), Resolved::Unsafe);
    }

    #[test]
    fn reports_broken_targets() {
        let assets: BTreeSet<String> = ["assets/schema.png".to_string()].into();
        let t = targets(&assets);
        assert_eq!(
            t.resolve("03-doelen.md", false),
            Resolved::Broken(Problem::NoSuchModuleFile {
                file: "03-doelen.md".into(),
                suggestion: Some("02-doelen.md".into()),
                files: vec!["01-waarom.md".into(), "02-doelen.md".into()]
            })
        );
        assert_eq!(
            t.resolve("assets/Schema.png", true),
            Resolved::Broken(Problem::MissingAsset {
                path: "assets/Schema.png".into(),
                suggestion: Some("assets/schema.png".into()),
                course_id: "participatie".into()
            })
        );
        assert_eq!(
            t.resolve("foto.png", true),
            Resolved::Broken(Problem::ImageOutsideAssets {
                address: "foto.png".into(),
                course_id: "participatie".into()
            })
        );
        assert_eq!(
            t.resolve("www.example.org", false),
            Resolved::Broken(Problem::LinkLeadsNowhere {
                target: "www.example.org".into(),
                course_id: "participatie".into(),
                web_address: true
            })
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }
}
