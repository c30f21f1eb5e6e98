//! Learners' feedback on a module or a whole course (issue 18, item 2): a
//! rating from 1 to 5 with an optional comment, and the rules that keep it
//! anonymous to the trainers who read it.
//!
//! Trainers never see who gave a rating. They see figures only for a group
//! of at least [`MIN_PEOPLE`] people, and the rules here make sure no
//! figure can be worked out for fewer: a module's ratings over time are
//! shown per *period* of whole months, each holding at least
//! [`MIN_PEOPLE`] ratings ([`periods`]), so the difference between two
//! figures on the page is never one person's rating.

pub use crate::item_stats::MIN_PEOPLE;

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// The ratings there are, worst first.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// A rating as typed or sent by the form: a whole number from 1 to 5.
pub fn rating(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|r| RATINGS.contains(r))
}

/// A comment as sent by the form: trimmed, `None` when empty; `Err` with
/// its length when longer than [`MAX_COMMENT_CHARS`].
pub fn comment(text: &str) -> Result<Option<String>, usize> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(chars);
    }
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// How many people gave each rating: `counts[0]` gave 1, `counts[4]` gave 5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub counts: [u64; 5],
}

impl Tally {
    /// Count `n` more people who gave `rating` (ratings outside 1–5 are
    /// left out: the database refuses them anyway).
    pub fn add(&mut self, rating: u8, n: u64) {
        if let Some(slot) = rating
            .checked_sub(1)
            .and_then(|i| self.counts.get_mut(usize::from(i)))
        {
            *slot += n;
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }

    pub fn people(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The mean rating, `None` without ratings.
    pub fn mean(&self) -> Option<f64> {
        let people = self.people();
        (people > 0).then(|| {
            let total: u64 = self
                .counts
                .iter()
                .zip(1u64..)
                .map(|(&n, rating)| n * rating)
                .sum();
            total as f64 / people as f64
        })
    }

    /// Whether the group is large enough to show anything of it.
    pub fn shown(&self) -> bool {
        self.people() >= MIN_PEOPLE
    }
}

/// A stretch of whole months whose ratings are shown together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period<M> {
    /// The first and last month in it (the same month for one month).
    pub first: M,
    pub last: M,
    pub tally: Tally,
}

/// The months that have ratings (in ascending order) grouped into periods
/// of at least [`MIN_PEOPLE`] ratings each, oldest first: a month joins the
/// months after it until the period is large enough; what is left at the
/// end joins the last period. Fewer than [`MIN_PEOPLE`] ratings in all:
/// no periods. The periods add up to all ratings, and each is large enough,
/// so neither one period nor the difference between the whole and the
/// others shows fewer people than that.
pub fn periods<M: Clone>(months: &[(M, Tally)]) -> Vec<Period<M>> {
    let mut out: Vec<Period<M>> = Vec::new();
    let mut open: Option<Period<M>> = None;
    for (month, tally) in months {
        let period = open.get_or_insert_with(|| Period {
            first: month.clone(),
            last: month.clone(),
            tally: Tally::default(),
        });
        period.last = month.clone();
        period.tally.merge(tally);
        if period.tally.shown() {
            out.extend(open.take());
        }
    }
    if let Some(rest) = open {
        match out.last_mut() {
            Some(last) => {
                last.last = rest.last;
                last.tally.merge(&rest.tally);
            }
            None => return Vec::new(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(counts: [u64; 5]) -> Tally {
        Tally { counts }
    }

    #[test]
    fn ratings_are_whole_numbers_from_one_to_five() {
        assert_eq!(rating("1"), Some(1));
        assert_eq!(rating(" 5 "), Some(5));
        for bad in ["0", "6", "", "3.5", "drie", "-1", "256"] {
            assert_eq!(rating(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn comments_are_trimmed_and_bounded() {
        assert_eq!(comment("  "), Ok(None));
        assert_eq!(comment(" Goed! \n"), Ok(Some("Goed!".into())));
        let long = "é".repeat(MAX_COMMENT_CHARS);
        assert_eq!(comment(&long), Ok(Some(long.clone())));
        assert_eq!(comment(&format!("{long}x")), Err(MAX_COMMENT_CHARS + 1));
    }

    #[test]
    fn a_tally_counts_people_and_their_mean() {
        let mut t = Tally::default();
        assert_eq!(t.mean(), None);
        t.add(5, 2);
        t.add(2, 1);
        t.add(0, 9);
        t.add(6, 9);
        assert_eq!(t.counts, [0, 1, 0, 0, 2]);
        assert_eq!(t.people(), 3);
        // (2 + 5 + 5) / 3
        assert_eq!(t.mean(), Some(4.0));
        assert!(!t.shown());
        t.add(3, 2);
        assert!(t.shown(), "five people");
    }

    #[test]
    fn months_group_into_periods_of_at_least_five() {
        // Months with 2, 4, 5, 1, 1 ratings.
        let months = vec![
            ("2026-01", tally([2, 0, 0, 0, 0])),
            ("2026-02", tally([0, 4, 0, 0, 0])),
            ("2026-03", tally([0, 0, 5, 0, 0])),
            ("2026-04", tally([0, 0, 0, 1, 0])),
            ("2026-05", tally([0, 0, 0, 0, 1])),
        ];
        let p = periods(&months);
        assert_eq!(
            p,
            vec![
                Period {
                    first: "2026-01",
                    last: "2026-02",
                    tally: tally([2, 4, 0, 0, 0])
                },
                // April and May (2 ratings) join March.
                Period {
                    first: "2026-03",
                    last: "2026-05",
                    tally: tally([0, 0, 5, 1, 1])
                },
            ]
        );
        let total: u64 = p.iter().map(|p| p.tally.people()).sum();
        assert_eq!(total, 13, "the periods add up to every rating");
        assert!(p.iter().all(|p| p.tally.shown()));
    }

    #[test]
    fn fewer_than_five_ratings_give_no_periods() {
        let months = vec![
            ("2026-01", tally([1, 0, 0, 0, 0])),
            ("2026-02", tally([0, 0, 0, 0, 3])),
        ];
        assert_eq!(periods(&months), vec![]);
        assert_eq!(periods::<&str>(&[]), vec![]);
    }

    #[test]
    fn a_large_month_is_a_period_of_its_own() {
        let months = vec![
            ("2026-01", tally([0, 0, 0, 0, 7])),
            ("2026-02", tally([5, 0, 0, 0, 0])),
        ];
        let p = periods(&months);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].first, p[0].last), ("2026-01", "2026-01"));
        assert_eq!(p[1].tally.mean(), Some(1.0));
    }
}
