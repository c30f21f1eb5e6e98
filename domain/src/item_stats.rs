//! Item statistics: how each graded question works for learners, for the
//! trainers who improve a course (issue 18, item 1). The figures are those of
//! Moodle's quiz statistics, computed from sums the database adds up, so that
//! no answer has to leave the database one by one:
//!
//! - **facility**: the mean score on the question (0 to 1): for an exam
//!   question over the attempts that drew it, for a lesson question the share
//!   of learners right at their first try;
//! - **discrimination**: the correlation between the score on the question and
//!   the score on the rest of the same attempt (Pearson's r over attempts).
//!   Near 1: the people who do well on the exam get this one right; below 0:
//!   the people who do well get it *wrong*, which usually means a wrong key;
//! - for choice questions the share that chose each option, and for typed
//!   answers the most frequent wrong ones.

/// Sums over attempts: `x` the score on the question (0 to 1), `y` the score
/// on the rest of the attempt (the other questions' scores added up).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    pub n: u64,
    pub x: f64,
    pub xx: f64,
    pub y: f64,
    pub yy: f64,
    pub xy: f64,
}

impl Sums {
    /// Add one attempt.
    pub fn add(&mut self, x: f64, y: f64) {
        self.n += 1;
        self.x += x;
        self.xx += x * x;
        self.y += y;
        self.yy += y * y;
        self.xy += x * y;
    }

    /// The mean score on the question; `None` without attempts.
    pub fn facility(&self) -> Option<f64> {
        (self.n > 0).then(|| self.x / self.n as f64)
    }

    /// Pearson's r between the question and the rest of the attempt; `None`
    /// with fewer than two attempts or when either never varies (everyone
    /// scored the same: nothing to correlate).
    pub fn discrimination(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let vx = n * self.xx - self.x * self.x;
        let vy = n * self.yy - self.y * self.y;
        // Rounding in the sums leaves tiny non-zero variances.
        if vx <= 1e-9 * n * n || vy <= 1e-9 * n * n {
            return None;
        }
        let r = (n * self.xy - self.x * self.y) / (vx * vy).sqrt();
        Some(r.clamp(-1.0, 1.0))
    }
}

/// What a trainer should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Nearly everyone gets it right: it tells nothing.
    TooEasy,
    /// Nearly everyone gets it wrong: unclear, or not taught.
    TooHard,
    /// Those who do well on the rest get it wrong: probably a wrong key.
    NegativeDiscrimination,
}

/// Flags are only raised with at least this many answers.
pub const MIN_ANSWERS_FOR_FLAGS: u64 = 10;
/// Facility at or above this is too easy.
pub const TOO_EASY: f64 = 0.9;
/// Facility at or below this is too hard.
pub const TOO_HARD: f64 = 0.2;

/// The flags for a question with `n` answers.
pub fn flags(n: u64, facility: Option<f64>, discrimination: Option<f64>) -> Vec<Flag> {
    let mut out = Vec::new();
    if n < MIN_ANSWERS_FOR_FLAGS {
        return out;
    }
    match facility {
        Some(f) if f >= TOO_EASY => out.push(Flag::TooEasy),
        Some(f) if f <= TOO_HARD => out.push(Flag::TooHard),
        _ => {}
    }
    if discrimination.is_some_and(|d| d < 0.0) {
        out.push(Flag::NegativeDiscrimination);
    }
    out
}

/// Fewer people than this in a filter: no figures for a question at all,
/// so that a small department's answers cannot be read off person by person.
pub const MIN_PEOPLE: u64 = 5;

/// How often each of `options` options was chosen, from the distinct
/// choice responses (option indices as authored) and how many gave each.
/// Indices out of range (an option removed since) are left out.
pub fn chosen<'a>(
    options: usize,
    responses: impl IntoIterator<Item = (&'a [usize], u64)>,
) -> Vec<u64> {
    let mut counts = vec![0; options];
    for (picked, n) in responses {
        for &i in picked {
            if let Some(c) = counts.get_mut(i) {
                *c += n;
            }
        }
    }
    counts
}

/// `part` of `whole` as a share (0 to 1); 0 when `whole` is 0.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A typed wrong answer is shown only when at least this many gave it: one
/// person's own words (a name, say) are not shown to trainers.
pub const MIN_SAME_WRONG: u64 = 2;

/// The `limit` most frequent wrong typed answers, as typed first (trimmed),
/// counted without regard to case and surrounding spaces, given at least
/// [`MIN_SAME_WRONG`] times; most frequent first, ties in alphabetical order.
pub fn frequent_wrong<'a>(
    answers: impl IntoIterator<Item = (&'a str, u64)>,
    limit: usize,
) -> Vec<(String, u64)> {
    let mut counted: std::collections::BTreeMap<String, (String, u64)> = Default::default();
    for (text, n) in answers {
        let shown = text.trim();
        if shown.is_empty() {
            continue;
        }
        let entry = counted
            .entry(shown.to_lowercase())
            .or_insert_with(|| (shown.to_string(), 0));
        entry.1 += n;
    }
    let mut out: Vec<(String, u64)> = counted
        .into_values()
        .filter(|(_, n)| *n >= MIN_SAME_WRONG)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(pairs: &[(f64, f64)]) -> Sums {
        let mut s = Sums::default();
        for &(x, y) in pairs {
            s.add(x, y);
        }
        s
    }

    #[test]
    fn facility_and_discrimination_by_hand() {
        // Four attempts. Question right in the two with the best rest:
        // n = 4, Σx = 2, Σx² = 2, Σy = 8, Σy² = 18, Σxy = 5;
        // r = (4·5 − 2·8) / √((4·2 − 2²)(4·18 − 8²)) = 4 / √32 = 0.70711.
        let s = sums(&[(1.0, 3.0), (1.0, 2.0), (0.0, 1.0), (0.0, 2.0)]);
        assert_eq!(s.facility(), Some(0.5));
        let r = s.discrimination().unwrap();
        assert!((r - 0.5f64.sqrt()).abs() < 1e-12, "{r}");

        // The key reversed: those with the best rest get it wrong.
        let s = sums(&[(0.0, 3.0), (0.0, 2.0), (1.0, 1.0), (1.0, 2.0)]);
        assert!((s.discrimination().unwrap() + 0.5f64.sqrt()).abs() < 1e-12);

        // Partial credit: x = 0.5 counts as half.
        // n = 3, Σx = 1.5, Σx² = 1.25, Σy = 6, Σy² = 14, Σxy = 0.5·1 + 1·3 = 3.5
        // r = (3·3.5 − 1.5·6) / √((3·1.25 − 2.25)(3·14 − 36)) = 1.5 / √9 = 0.5
        let s = sums(&[(0.5, 1.0), (1.0, 3.0), (0.0, 2.0)]);
        assert!((s.discrimination().unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(s.facility(), Some(0.5));
    }

    #[test]
    fn nothing_to_correlate_gives_none() {
        assert_eq!(Sums::default().facility(), None);
        assert_eq!(sums(&[(1.0, 2.0)]).discrimination(), None, "one attempt");
        assert_eq!(
            sums(&[(1.0, 2.0), (1.0, 3.0), (1.0, 1.0)]).discrimination(),
            None,
            "everyone right"
        );
        assert_eq!(
            sums(&[(1.0, 2.0), (0.0, 2.0)]).discrimination(),
            None,
            "the rest never varies"
        );
    }

    #[test]
    fn flags_need_enough_answers() {
        assert!(flags(9, Some(1.0), Some(-0.5)).is_empty());
        assert_eq!(flags(10, Some(0.95), Some(0.3)), vec![Flag::TooEasy]);
        assert_eq!(flags(10, Some(0.9), None), vec![Flag::TooEasy]);
        assert_eq!(
            flags(40, Some(0.1), Some(-0.2)),
            vec![Flag::TooHard, Flag::NegativeDiscrimination]
        );
        assert!(flags(40, Some(0.6), Some(0.4)).is_empty());
    }

    #[test]
    fn choices_shares_and_frequent_wrong_answers() {
        // Three gave option 1, two gave options 0 and 2 together (a
        // multiple-choice question), one an option removed since.
        let responses: [(&[usize], u64); 3] = [(&[1], 3), (&[0, 2], 2), (&[7], 1)];
        assert_eq!(chosen(3, responses), vec![2, 3, 2]);
        assert_eq!(share(3, 6), 0.5);
        assert_eq!(share(0, 0), 0.0);
        let typed = [
            ("Omgevingswet ", 2),
            ("omgevingswet", 3),
            ("Wmo", 4),
            ("", 9),
            ("Gemeentewet", 1),
            ("Awb", 1),
            ("Awb ", 1),
            ("Wet", 1),
        ];
        assert_eq!(
            frequent_wrong(typed, 3),
            vec![
                ("Omgevingswet".to_string(), 5),
                ("Wmo".to_string(), 4),
                ("Awb".to_string(), 2)
            ],
            "Gemeentewet and Wet, given once, are not shown"
        );
    }
}
