//! "Did you mean …?" for typos in field names, block kinds and file names.
//!
//! The format's keywords are English while the trainers write Dutch, so a
//! Dutch word for a keyword (`punten=`, `samenvatting:`) is recognised too.

/// Dutch words trainers are likely to type for the format's keywords.
const DUTCH: &[(&str, &str)] = &[
    ("titel", "title"),
    ("samenvatting", "summary"),
    ("taal", "language"),
    ("duur", "duration"),
    ("tijdsduur", "duration"),
    ("doelgroep", "audience"),
    ("doelgroepen", "audience"),
    ("slaaggrens", "pass_score"),
    ("cesuur", "pass_score"),
    ("certificaat", "certificate"),
    ("geldigheid", "valid_for_months"),
    ("modules", "modules"),
    ("labels", "tags"),
    ("trefwoorden", "tags"),
    ("doelen", "objectives"),
    ("leerdoelen", "objectives"),
    ("soort", "kind"),
    ("pogingen", "attempts"),
    ("schudden", "shuffle"),
    ("punten", "points"),
    ("vraag", "question"),
    ("reflectie", "reflection"),
    ("voorbeeld", "example"),
    ("waarschuwing", "warning"),
    ("let-op", "note"),
];

/// The candidate closest to `word`: its English keyword if `word` is a
/// Dutch one, else the nearest by edit distance if it is close enough to be
/// a plausible typo (at most 2 edits, and fewer than half the word).
pub(crate) fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    let translated = DUTCH
        .iter()
        .find(|(nl, _)| *nl == word_lower)
        .map(|(_, en)| *en);
    let limit = 2.min(word.chars().count().div_ceil(2));
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if Some(c) == translated {
            return Some(c);
        }
        let d = edit_distance(&word_lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let fields = ["title", "summary", "language"];
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("Title", fields), Some("title"));
        assert_eq!(closest("langauge", fields), Some("language"));
        assert_eq!(closest("audience", fields), None);
        assert_eq!(closest("x", fields), None);
        assert_eq!(closest("samenvatting", fields), Some("summary"));
        assert_eq!(closest("punten", ["id", "type", "points"]), Some("points"));
    }
}
