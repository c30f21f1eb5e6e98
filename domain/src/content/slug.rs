//! Heading anchors: turning heading text into a unique `id` per page.
//!
//! Ids are lowercase, with common Latin accents folded to ASCII so Dutch
//! headings give readable anchors (`Één gemeente` → `een-gemeente`), and
//! deduplicated per page with `-2`, `-3`, ….

use std::collections::{HashMap, HashSet};

/// Lowercase, ASCII-folded, dash-separated; `section` when nothing is left.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        if let Some(folded) = fold(ch) {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push_str(folded);
        } else if ch.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(ch);
        } else if ch == '\'' {
            // `Wat's` → `wats`, not `wat-s`.
        } else if ch == '_' || ch == '-' || ch.is_whitespace() || ch.is_ascii_punctuation() {
            pending_dash = true;
        }
        // Other symbols (emoji, quotes) vanish without a dash.
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// ASCII for the accented letters Dutch and its neighbours use.
fn fold(ch: char) -> Option<&'static str> {
    Some(match ch {
        'a'..='z' | '0'..='9' => return None,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ĳ' => "ij",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => return None,
    })
}

/// Ids the module page itself gives its own parts (`app::pages::module`,
/// the layout): a heading in the content never gets one of them, so a
/// module with `## Leerdoelen` does not make two elements `#leerdoelen`.
pub const PAGE_IDS: &[&str] = &[
    "inhoud",
    "leerdoelen",
    "inhoudsopgave",
    "afronden",
    "toets",
    "toets-kop",
];

/// Hands out ids that are unique on one page.
#[derive(Default)]
pub(crate) struct Slugger {
    used: HashSet<String>,
    /// Per base, the first suffix not yet tried: `base-2` … `base-(n-1)`
    /// are all taken, so a page with many equal headings does not try them
    /// all again for every next one (that was quadratic in their number).
    next_suffix: HashMap<String, usize>,
}

impl Slugger {
    /// A slugger for a module page: the page's own ids are taken.
    pub fn for_page() -> Self {
        let mut s = Slugger::default();
        for id in PAGE_IDS {
            s.used.insert((*id).to_string());
        }
        s
    }

    /// `base`, or `base-2`, `base-3`, … if taken.
    pub fn unique(&mut self, base: &str) -> String {
        let mut candidate = base.to_string();
        if self.used.contains(&candidate) {
            let n = self.next_suffix.entry(base.to_string()).or_insert(2);
            loop {
                candidate = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&candidate) {
                    break;
                }
            }
        }
        self.used.insert(candidate.clone());
        candidate
    }

    /// Claim an id chosen by the author (`{#id}`); false if already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_dashes() {
        assert_eq!(slugify("Wat is participatie?"), "wat-is-participatie");
        assert_eq!(
            slugify("Één gemeente, twee ideeën"),
            "een-gemeente-twee-ideeen"
        );
        assert_eq!(slugify("  Stap 1: de   kaders  "), "stap-1-de-kaders");
        assert_eq!(slugify("`code` & zo"), "code-zo");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn the_page_keeps_its_own_ids() {
        let mut s = Slugger::for_page();
        assert_eq!(s.unique("leerdoelen"), "leerdoelen-2");
        assert_eq!(s.unique("inhoud"), "inhoud-2");
        assert!(!s.claim("toets"));
        assert_eq!(s.unique("doel"), "doel");
    }

    #[test]
    fn deduplicates() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("doel"), "doel");
        assert_eq!(s.unique("doel"), "doel-2");
        assert_eq!(s.unique("doel"), "doel-3");
        assert!(s.claim("eigen"));
        assert!(!s.claim("eigen"));
        assert_eq!(s.unique("eigen"), "eigen-2");
    }

    #[test]
    fn deduplicates_around_claimed_ids() {
        let mut s = Slugger::default();
        assert!(s.claim("doel-3"));
        assert_eq!(s.unique("doel"), "doel");
        assert_eq!(s.unique("doel"), "doel-2");
        assert_eq!(s.unique("doel"), "doel-4");
        // A base that is itself a suffixed id of another base.
        assert_eq!(s.unique("doel-2"), "doel-2-2");
        assert!(!s.claim("doel-4"));
        assert!(s.claim("doel-5"));
        assert_eq!(s.unique("doel"), "doel-6");
    }

    /// Found by fuzzing (issue 14): a page with thousands of equal headings
    /// tried `base-2`, `base-3`, … from the start for every next heading, so
    /// 13 000 `## a` lines (64 kB) took 8 s. Now each heading costs the same.
    #[test]
    fn many_equal_headings_are_linear() {
        let mut s = Slugger::default();
        for _ in 0..20_000 {
            s.unique("a");
        }
        assert_eq!(s.unique("a"), "a-20001");
    }
}
