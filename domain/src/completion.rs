//! Completion rules: when a module and a course count as complete, exam
//! scores and attempts, the course score, when a completion record expires,
//! and the deterministic drawing and shuffling of exam questions.
//!
//! This module owns the rules of the content format's "Completion" section
//! as pure functions over plain inputs. It stores nothing and knows no
//! database: the server loads a learner's progress, asks these functions,
//! and persists the outcome (issuing exactly one record is the server's
//! job). Randomness is a seeded PRNG so an attempt can be rebuilt from its
//! seed, with no dependency on a `rand` crate.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{Course, ExamSettings, Module, ModuleKind};

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

/// A lesson is complete when every graded question in it has been answered
/// correctly at least once (retries allowed), or, when it has no graded
/// questions, when the learner has marked it as read.
///
/// `correctly_answered` holds the ids of the module's questions the learner
/// has answered correctly at least once; ids of questions no longer in the
/// module are ignored. An exam module is never complete by this rule: use
/// [`exam_complete`] (or [`module_complete`]).
pub fn lesson_complete(
    module: &Module,
    correctly_answered: &BTreeSet<String>,
    marked_read: bool,
) -> bool {
    if module.is_exam() {
        return false;
    }
    if module.questions.is_empty() {
        return marked_read;
    }
    module
        .questions
        .iter()
        .all(|q| correctly_answered.contains(&q.id))
}

/// The pass score (0–100) of an exam: its own `pass_score`, else the
/// course's. For a lesson, the course's.
pub fn exam_pass_score(course: &Course, module: &Module) -> u8 {
    let score = match &module.kind {
        ModuleKind::Exam(settings) => settings.pass_score.unwrap_or(course.pass_score),
        ModuleKind::Lesson => course.pass_score,
    };
    score.min(100)
}

/// The score of an attempt in percent (0–100), weighted by points: each
/// result is `(points, fraction earned)`. An attempt worth no points at all
/// scores 100, as there is nothing to fail (the same choice as
/// [`course_score`] makes for a course without questions).
pub fn attempt_score_percent(results: &[(u32, f64)]) -> f64 {
    let total: f64 = results.iter().map(|&(p, _)| f64::from(p)).sum();
    if total <= 0.0 {
        return 100.0;
    }
    let earned: f64 = results
        .iter()
        .map(|&(p, f)| f64::from(p) * clamp(f, 0.0, 1.0))
        .sum();
    // Multiply before dividing so 7 of 10 is exactly 70, not 70.00000000000001.
    clamp(earned * 100.0 / total, 0.0, 100.0)
}

/// Whether a score passes: at least the pass score. Scores are floating
/// point, so one a hair below (69.99999999) still passes 70.
pub fn exam_passed(score_percent: f64, pass_score: u8) -> bool {
    score_percent >= f64::from(pass_score) - 1e-9
}

/// An exam is complete when some attempt's score reached its pass score.
/// `best_score` is the best attempt's score in percent, `None` without
/// finished attempts.
pub fn exam_complete(course: &Course, module: &Module, best_score: Option<f64>) -> bool {
    module.is_exam() && best_score.is_some_and(|s| exam_passed(s, exam_pass_score(course, module)))
}

/// A learner's progress in one module, as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleProgress {
    /// Ids of the questions answered correctly at least once (lessons).
    pub correctly_answered: BTreeSet<String>,
    /// Whether the learner marked the module as read (lessons).
    pub marked_read: bool,
    /// The best finished attempt's score in percent (exams).
    pub best_exam_score: Option<f64>,
}

/// Whether a module is complete, by its kind's rule.
pub fn module_complete(course: &Course, module: &Module, progress: &ModuleProgress) -> bool {
    match module.kind {
        ModuleKind::Lesson => {
            lesson_complete(module, &progress.correctly_answered, progress.marked_read)
        }
        ModuleKind::Exam(_) => exam_complete(course, module, progress.best_exam_score),
    }
}

// ---------------------------------------------------------------------------
// Attempts
// ---------------------------------------------------------------------------

/// How many attempts a learner may make: the exam's `attempts` plus the
/// extra ones a trainer or HR granted.
pub fn attempts_allowed(settings: &ExamSettings, granted_extra: u32) -> u32 {
    settings.attempts.saturating_add(granted_extra)
}

/// Why a new attempt is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptRefusal {
    /// Every allowed attempt has been used; a trainer or HR can grant one more.
    NoAttemptsLeft { used: u32, allowed: u32 },
}

impl fmt::Display for AttemptRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttemptRefusal::NoAttemptsLeft { used, allowed } => {
                write!(f, "all {allowed} attempts are used ({used} started)")
            }
        }
    }
}

impl std::error::Error for AttemptRefusal {}

/// Whether a learner who has started `used` attempts may start another.
/// Passing does not stop a learner from trying again within the limit: the
/// course score is the best attempt's.
pub fn may_start_attempt(
    used: u32,
    settings: &ExamSettings,
    granted_extra: u32,
) -> Result<(), AttemptRefusal> {
    let allowed = attempts_allowed(settings, granted_extra);
    if used < allowed {
        Ok(())
    } else {
        Err(AttemptRefusal::NoAttemptsLeft { used, allowed })
    }
}

// ---------------------------------------------------------------------------
// Courses
// ---------------------------------------------------------------------------

/// A course is complete when all its modules are. A course without modules
/// is never complete: there is nothing to have done.
pub fn course_complete(modules_complete: impl IntoIterator<Item = bool>) -> bool {
    let mut any = false;
    for complete in modules_complete {
        if !complete {
            return false;
        }
        any = true;
    }
    any
}

/// The course score in percent: the best exam score, or, without an exam,
/// the share of lesson questions answered correctly at the first try. A
/// course with neither scores 100 (completing it is all there is).
///
/// `first_try` is `(questions correct at the first try, lesson questions in
/// the course)`.
pub fn course_score(best_exam_score: Option<f64>, first_try: (u32, u32)) -> f64 {
    if let Some(score) = best_exam_score {
        return clamp(score, 0.0, 100.0);
    }
    let (correct, total) = first_try;
    if total == 0 {
        return 100.0;
    }
    clamp(f64::from(correct) * 100.0 / f64::from(total), 0.0, 100.0)
}

fn clamp(x: f64, min: f64, max: f64) -> f64 {
    if x.is_nan() {
        min
    } else {
        x.clamp(min, max)
    }
}

// ---------------------------------------------------------------------------
// Completion records
// ---------------------------------------------------------------------------

/// A calendar date (proleptic Gregorian), always valid, with no time zone:
/// a completion record is earned and expires on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// `None` unless it is a real date (year 1–9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Read `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    pub fn day(self) -> u32 {
        self.day
    }

    /// This date `months` later, the day clamped to the length of the month
    /// (31 January + 1 month = 28 or 29 February).
    pub fn plus_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        // `index` is at most 9999 * 12 + 11 + u32::MAX, far inside i32 years.
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
        let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// This date `days` later (earlier when negative), clamped to
    /// 0001-01-01 ..= 9999-12-31.
    pub fn plus_days(self, days: i64) -> Date {
        let min = days_from_civil(1, 1, 1);
        let max = days_from_civil(9999, 12, 31);
        let target = self.day_number().saturating_add(days).clamp(min, max);
        let (year, month, day) = civil_from_days(target);
        Date {
            // Within 1..=9999 after the clamp.
            year: i32::try_from(year).unwrap_or(9999),
            month,
            day,
        }
    }

    /// The number of days from this date to `other`: positive when `other`
    /// is later, negative when earlier.
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// Days since 1970-01-01.
    fn day_number(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }

    /// The Monday of this date's week (ISO weeks start on Monday).
    pub fn monday(self) -> Date {
        // Day 0 (1970-01-01) was a Thursday: Monday is 3 days earlier.
        let weekday_from_monday = (self.day_number() + 3).rem_euclid(7);
        self.plus_days(-weekday_from_monday)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: `(year, month, day)`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // `day` is 1..=31 and `month` 1..=12 by construction.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// In JSON a date is `"YYYY-MM-DD"`, and only a real date reads back.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {text}")))
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The day a completion record expires: `valid_for_months` after the day
/// it was earned (day clamped to the month's length); `None` when the course
/// has no `valid_for_months` and the record never expires.
pub fn record_expires_on(completed: Date, valid_for_months: Option<u32>) -> Option<Date> {
    valid_for_months.map(|m| completed.plus_months(m))
}

/// Whether a record is still valid on `today`: it expires at the start of
/// its expiry day.
pub fn record_valid_on(expires_on: Option<Date>, today: Date) -> bool {
    expires_on.is_none_or(|e| today < e)
}

/// Whether a learner whose latest record expires on `expires_on` may take
/// the course again (recertification): from `warning_days` before the
/// expiry day on, and of course after it. A record that never expires is
/// never renewed.
pub fn may_renew(expires_on: Option<Date>, today: Date, warning_days: i64) -> bool {
    expires_on.is_some_and(|e| today.days_until(e) <= warning_days)
}

// ---------------------------------------------------------------------------
// Drawing and shuffling
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, fast and good enough to shuffle a handful of questions.
/// Not for secrets; only reproducibility from a stored seed matters here.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-high (Lemire), avoiding the
    /// bias of `% n`... up to a 2^-64 share, which does not matter here.
    fn below(&mut self, n: usize) -> usize {
        let product = u128::from(self.next()) * (n as u128);
        (product >> 64) as usize
    }
}

/// Fisher–Yates shuffle of `items` with the given generator.
fn fisher_yates<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}

/// A seed for one part of an attempt (a question's options) from the
/// attempt's seed and a name (the question id), so every question is
/// shuffled differently and reproducibly. FNV-1a over the name, mixed.
pub fn derive_seed(seed: u64, salt: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in salt.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    SplitMix64(seed ^ hash).next()
}

/// The question ids of one exam attempt: all the module's questions, or
/// `draw` of them at random, or (format 1.1) per group the group's count
/// of that group's questions; in random order when the exam shuffles, else
/// in document order. The same seed gives the same attempt. `draw` larger
/// than the number of questions means all of them; `draw: Some(0)` draws
/// none (the checker should refuse it).
pub fn draw_questions(module: &Module, settings: &ExamSettings, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64(seed);
    let all: Vec<usize> = (0..module.questions.len()).collect();
    let mut indices = if settings.groups.is_empty() {
        let count = settings
            .draw
            .map_or(all.len(), |d| usize::try_from(d).unwrap_or(usize::MAX));
        sample(all, count, &mut rng)
    } else {
        let mut drawn = Vec::new();
        for g in &settings.groups {
            let members: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| module.questions[i].group.as_deref() == Some(g.group.as_str()))
                .collect();
            let count = usize::try_from(g.count).unwrap_or(usize::MAX);
            drawn.extend(sample(members, count, &mut rng));
        }
        drawn
    };
    indices.sort_unstable();
    if settings.shuffle {
        fisher_yates(&mut indices, &mut rng);
    }
    indices
        .into_iter()
        .filter_map(|i| module.questions.get(i).map(|q| q.id.clone()))
        .collect()
}

/// `count` of `items` drawn uniformly without replacement (all of them when
/// `count` is larger), in no particular order.
fn sample(mut items: Vec<usize>, count: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let count = count.min(items.len());
    if count < items.len() {
        // A partial Fisher–Yates: the first `count` become a uniform sample.
        for i in 0..count {
            let j = i + rng.below(items.len() - i);
            items.swap(i, j);
        }
        items.truncate(count);
    }
    items
}

/// The order to show `len` options, items or right sides in: a permutation
/// of `0..len` (entry `k` is the authored index shown at position `k`);
/// the identity when not shuffling.
pub fn option_order(len: usize, seed: u64, shuffle: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    if shuffle {
        fisher_yates(&mut order, &mut SplitMix64(seed));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Choice, GroupDraw, Question};

    #[test]
    fn dates_travel_as_iso_text_and_only_real_ones_come_back() {
        let d = Date::new(2026, 2, 28).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-02-28\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-02-28\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("\"28-02-2026\"").is_err());
    }

    fn question(id: &str) -> Question {
        Question {
            id: id.into(),
            title: None,
            prompt_html: String::new(),
            points: 1,
            answer: Answer::Single {
                options: vec![Choice {
                    html: "a".into(),
                    weight: 1.0,
                    feedback_html: None,
                }],
            },
            explanation_html: None,
            line: 1,
            group: None,
        }
    }

    fn module(kind: ModuleKind, question_ids: &[&str]) -> Module {
        Module {
            questions: question_ids.iter().map(|id| question(id)).collect(),
            ..Module::for_test("m", kind)
        }
    }

    fn exam(
        attempts: u32,
        shuffle: bool,
        draw: Option<u32>,
        pass_score: Option<u8>,
    ) -> ExamSettings {
        ExamSettings {
            attempts,
            shuffle,
            draw,
            groups: vec![],
            pass_score,
        }
    }

    fn course(pass_score: u8) -> Course {
        Course {
            pass_score,
            ..Course::for_test(vec![])
        }
    }

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap_or_else(|| panic!("bad test date {y}-{m}-{d}"))
    }

    // --- lessons ---------------------------------------------------------

    #[test]
    fn lesson_with_questions_needs_all_answered_correctly() {
        let m = module(ModuleKind::Lesson, &["q1", "q2"]);
        assert!(!lesson_complete(&m, &ids(&[]), false));
        assert!(!lesson_complete(&m, &ids(&["q1"]), false));
        assert!(
            !lesson_complete(&m, &ids(&["q1"]), true),
            "marking read is not enough"
        );
        assert!(lesson_complete(&m, &ids(&["q1", "q2"]), false));
        // Ids of questions since removed do not matter.
        assert!(lesson_complete(&m, &ids(&["q1", "q2", "old"]), false));
        assert!(!lesson_complete(&m, &ids(&["q1", "old"]), false));
    }

    #[test]
    fn lesson_without_questions_is_complete_when_marked_read() {
        let m = module(ModuleKind::Lesson, &[]);
        assert!(!lesson_complete(&m, &ids(&[]), false));
        assert!(lesson_complete(&m, &ids(&[]), true));
    }

    #[test]
    fn an_exam_is_not_complete_by_the_lesson_rule() {
        let m = module(ModuleKind::Exam(exam(3, true, None, None)), &["q1"]);
        assert!(!lesson_complete(&m, &ids(&["q1"]), true));
    }

    // --- exams -----------------------------------------------------------

    #[test]
    fn pass_score_from_exam_or_course() {
        let c = course(70);
        let own = module(ModuleKind::Exam(exam(3, true, None, Some(80))), &[]);
        let inherited = module(ModuleKind::Exam(exam(3, true, None, None)), &[]);
        let lesson = module(ModuleKind::Lesson, &[]);
        assert_eq!(exam_pass_score(&c, &own), 80);
        assert_eq!(exam_pass_score(&c, &inherited), 70);
        assert_eq!(exam_pass_score(&c, &lesson), 70);
        let odd = module(ModuleKind::Exam(exam(3, true, None, Some(150))), &[]);
        assert_eq!(exam_pass_score(&c, &odd), 100);
    }

    #[test]
    fn attempt_score_is_points_weighted() {
        assert_eq!(attempt_score_percent(&[(1, 1.0), (1, 0.0)]), 50.0);
        assert_eq!(attempt_score_percent(&[(3, 1.0), (1, 0.0)]), 75.0);
        assert_eq!(attempt_score_percent(&[(2, 0.5), (2, 1.0)]), 75.0);
        // Fractions outside 0..=1 are clamped; NaN counts as nothing.
        assert_eq!(attempt_score_percent(&[(1, 1.5), (1, -1.0)]), 50.0);
        assert_eq!(attempt_score_percent(&[(1, f64::NAN), (1, 1.0)]), 50.0);
        // 7 of 10 is exactly 70.
        let seven_of_ten: Vec<(u32, f64)> = (0..10)
            .map(|i| (1, if i < 7 { 1.0 } else { 0.0 }))
            .collect();
        assert_eq!(attempt_score_percent(&seven_of_ten), 70.0);
        // Nothing to score.
        assert_eq!(attempt_score_percent(&[]), 100.0);
        assert_eq!(attempt_score_percent(&[(0, 0.0)]), 100.0);
    }

    #[test]
    fn passing_is_at_least_the_pass_score() {
        assert!(exam_passed(70.0, 70));
        assert!(exam_passed(69.999_999_999_9, 70));
        assert!(!exam_passed(69.9, 70));
        assert!(exam_passed(100.0, 100));
        assert!(exam_passed(0.0, 0));
        assert!(exam_passed(2.0 / 3.0 * 100.0, 66));
        assert!(!exam_passed(2.0 / 3.0 * 100.0, 67));
    }

    #[test]
    fn exam_complete_when_best_attempt_passed() {
        let c = course(70);
        let m = module(ModuleKind::Exam(exam(3, true, None, Some(80))), &["q1"]);
        assert!(!exam_complete(&c, &m, None));
        assert!(!exam_complete(&c, &m, Some(75.0)));
        assert!(exam_complete(&c, &m, Some(80.0)));
        let lesson = module(ModuleKind::Lesson, &[]);
        assert!(!exam_complete(&c, &lesson, Some(100.0)));
    }

    #[test]
    fn module_complete_dispatches_on_kind() {
        let c = course(70);
        let lesson = module(ModuleKind::Lesson, &["q1"]);
        let exam_m = module(ModuleKind::Exam(exam(3, true, None, None)), &["q1"]);
        let answered = ModuleProgress {
            correctly_answered: ids(&["q1"]),
            ..ModuleProgress::default()
        };
        assert!(module_complete(&c, &lesson, &answered));
        assert!(!module_complete(&c, &exam_m, &answered));
        let passed = ModuleProgress {
            best_exam_score: Some(70.0),
            ..ModuleProgress::default()
        };
        assert!(module_complete(&c, &exam_m, &passed));
        assert!(!module_complete(&c, &lesson, &passed));
    }

    // --- attempts --------------------------------------------------------

    #[test]
    fn attempts_allowed_adds_granted_ones() {
        assert_eq!(attempts_allowed(&exam(3, true, None, None), 0), 3);
        assert_eq!(attempts_allowed(&exam(3, true, None, None), 2), 5);
        assert_eq!(
            attempts_allowed(&exam(u32::MAX, true, None, None), 1),
            u32::MAX
        );
    }

    #[test]
    fn attempts_beyond_the_limit_are_refused() {
        let s = exam(3, true, None, None);
        assert_eq!(may_start_attempt(0, &s, 0), Ok(()));
        assert_eq!(may_start_attempt(2, &s, 0), Ok(()));
        assert_eq!(
            may_start_attempt(3, &s, 0),
            Err(AttemptRefusal::NoAttemptsLeft {
                used: 3,
                allowed: 3
            })
        );
        // A trainer grants one more.
        assert_eq!(may_start_attempt(3, &s, 1), Ok(()));
        assert_eq!(
            may_start_attempt(4, &s, 1),
            Err(AttemptRefusal::NoAttemptsLeft {
                used: 4,
                allowed: 4
            })
        );
        let none = exam(0, true, None, None);
        assert!(may_start_attempt(0, &none, 0).is_err());
        assert_eq!(
            AttemptRefusal::NoAttemptsLeft {
                used: 3,
                allowed: 3
            }
            .to_string(),
            "all 3 attempts are used (3 started)"
        );
    }

    // --- courses ---------------------------------------------------------

    #[test]
    fn course_complete_needs_every_module_and_at_least_one() {
        assert!(course_complete([true, true]));
        assert!(!course_complete([true, false, true]));
        assert!(!course_complete(Vec::<bool>::new()));
        assert!(course_complete(std::iter::once(true)));
    }

    #[test]
    fn course_score_is_the_best_exam_or_first_try_share() {
        assert_eq!(course_score(Some(85.5), (1, 10)), 85.5);
        assert_eq!(course_score(Some(0.0), (10, 10)), 0.0, "an exam wins");
        assert_eq!(course_score(Some(120.0), (0, 0)), 100.0);
        assert_eq!(course_score(Some(f64::NAN), (0, 0)), 0.0);
        assert_eq!(course_score(None, (3, 4)), 75.0);
        assert_eq!(course_score(None, (0, 4)), 0.0);
        assert_eq!(course_score(None, (0, 0)), 100.0);
        assert_eq!(course_score(None, (5, 4)), 100.0, "clamped");
    }

    // --- records ---------------------------------------------------------

    #[test]
    fn dates_are_validated() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
        assert!(Date::new(0, 1, 1).is_none());
    }

    #[test]
    fn iso_dates() {
        assert_eq!(Date::parse_iso("2024-03-05"), Some(date(2024, 3, 5)));
        assert_eq!(Date::parse_iso(" 2024-12-31 "), Some(date(2024, 12, 31)));
        for bad in [
            "2024-3-5",
            "2024-02-30",
            "24-03-05",
            "2024-03-05-01",
            "2024/03/05",
            "",
            "2024-0a-05",
            "+202-03-05",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad:?}");
        }
        assert_eq!(date(2024, 3, 5).to_string(), "2024-03-05");
        assert_eq!(
            (
                date(2024, 3, 5).year(),
                date(2024, 3, 5).month(),
                date(2024, 3, 5).day()
            ),
            (2024, 3, 5)
        );
    }

    #[test]
    fn record_expiry_adds_months_and_clamps_the_day() {
        assert_eq!(record_expires_on(date(2024, 3, 15), None), None);
        assert_eq!(
            record_expires_on(date(2024, 3, 15), Some(12)),
            Some(date(2025, 3, 15))
        );
        assert_eq!(
            record_expires_on(date(2024, 1, 31), Some(1)),
            Some(date(2024, 2, 29))
        );
        assert_eq!(
            record_expires_on(date(2023, 1, 31), Some(1)),
            Some(date(2023, 2, 28))
        );
        assert_eq!(
            record_expires_on(date(2024, 2, 29), Some(12)),
            Some(date(2025, 2, 28))
        );
        assert_eq!(
            record_expires_on(date(2024, 2, 29), Some(48)),
            Some(date(2028, 2, 29))
        );
        assert_eq!(
            record_expires_on(date(2024, 8, 31), Some(1)),
            Some(date(2024, 9, 30))
        );
        assert_eq!(
            record_expires_on(date(2024, 11, 30), Some(2)),
            Some(date(2025, 1, 30))
        );
        assert_eq!(
            record_expires_on(date(2024, 12, 1), Some(1)),
            Some(date(2025, 1, 1))
        );
        assert_eq!(
            record_expires_on(date(2024, 5, 10), Some(0)),
            Some(date(2024, 5, 10))
        );
        assert_eq!(
            record_expires_on(date(2024, 1, 1), Some(30)),
            Some(date(2026, 7, 1))
        );
        // Absurdly long validity does not overflow.
        let far = record_expires_on(date(9999, 12, 31), Some(u32::MAX));
        assert!(far.is_some_and(|d| d.year() > 9999 && d.month() >= 1 && d.day() <= 31));
    }

    #[test]
    fn plus_days_and_days_until() {
        assert_eq!(date(2024, 2, 28).plus_days(1), date(2024, 2, 29));
        assert_eq!(date(2024, 2, 29).plus_days(1), date(2024, 3, 1));
        assert_eq!(date(2023, 2, 28).plus_days(1), date(2023, 3, 1));
        assert_eq!(date(2024, 12, 31).plus_days(1), date(2025, 1, 1));
        assert_eq!(date(2025, 1, 1).plus_days(-1), date(2024, 12, 31));
        assert_eq!(date(2026, 3, 1).plus_days(-60), date(2025, 12, 31));
        assert_eq!(date(2000, 1, 1).plus_days(366), date(2001, 1, 1));
        assert_eq!(date(1970, 1, 1).plus_days(0), date(1970, 1, 1));
        assert_eq!(date(2024, 3, 5).days_until(date(2024, 3, 5)), 0);
        assert_eq!(date(2024, 1, 1).days_until(date(2025, 1, 1)), 366);
        assert_eq!(date(2025, 1, 1).days_until(date(2024, 1, 1)), -366);
        assert_eq!(date(1, 1, 1).days_until(date(9999, 12, 31)), 3_652_058);
        // Round trip over every day of a few leap cycles.
        let start = date(1896, 1, 1);
        for n in 0..(4 * 366 * 40) {
            let d = start.plus_days(n);
            assert_eq!(start.days_until(d), n);
            assert_eq!(Date::parse_iso(&d.to_string()), Some(d));
        }
        // Clamped at the ends of the calendar.
        assert_eq!(date(9999, 12, 30).plus_days(10), date(9999, 12, 31));
        assert_eq!(date(1, 1, 2).plus_days(i64::MIN), date(1, 1, 1));
        assert_eq!(date(1, 1, 2).plus_days(i64::MAX), date(9999, 12, 31));
    }

    #[test]
    fn record_validity() {
        let expires = Some(date(2025, 3, 15));
        assert!(record_valid_on(expires, date(2025, 3, 14)));
        assert!(!record_valid_on(expires, date(2025, 3, 15)));
        assert!(!record_valid_on(expires, date(2026, 1, 1)));
        assert!(record_valid_on(None, date(2999, 1, 1)));
    }

    #[test]
    fn renewal_opens_with_the_warning_period() {
        let expires = Some(date(2025, 3, 15));
        // 60 days before the expiry day: 14 January 2025.
        assert!(!may_renew(expires, date(2025, 1, 13), 60));
        assert!(may_renew(expires, date(2025, 1, 14), 60));
        assert!(may_renew(expires, date(2025, 3, 14), 60));
        assert!(may_renew(expires, date(2025, 3, 15), 60));
        assert!(may_renew(expires, date(2030, 1, 1), 60));
        assert!(!may_renew(expires, date(2025, 3, 14), 0));
        assert!(may_renew(expires, date(2025, 3, 15), 0));
        assert!(!may_renew(None, date(2999, 1, 1), 60));
    }

    // --- drawing and shuffling -------------------------------------------

    fn is_permutation(order: &[usize], len: usize) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..len).collect::<Vec<_>>()
    }

    #[test]
    fn option_order_is_a_permutation_and_deterministic() {
        assert_eq!(option_order(5, 42, false), [0, 1, 2, 3, 4]);
        assert_eq!(option_order(0, 42, true), Vec::<usize>::new());
        assert_eq!(option_order(1, 42, true), [0]);
        for seed in 0..200 {
            let order = option_order(7, seed, true);
            assert!(is_permutation(&order, 7));
            assert_eq!(order, option_order(7, seed, true));
        }
        // Different seeds give different orders (most of the time).
        let distinct: BTreeSet<Vec<usize>> = (0..50).map(|s| option_order(6, s, true)).collect();
        assert!(distinct.len() > 40, "{}", distinct.len());
    }

    #[test]
    fn shuffling_is_roughly_uniform() {
        // Every option lands in the first position about equally often.
        let mut first = [0u32; 4];
        for seed in 0..4000 {
            first[option_order(4, seed, true)[0]] += 1;
        }
        for count in first {
            assert!((800..1200).contains(&count), "{first:?}");
        }
    }

    #[test]
    fn derived_seeds_differ_per_salt_and_are_stable() {
        assert_eq!(derive_seed(7, "q1"), derive_seed(7, "q1"));
        assert_ne!(derive_seed(7, "q1"), derive_seed(7, "q2"));
        assert_ne!(derive_seed(7, "q1"), derive_seed(8, "q1"));
    }

    #[test]
    fn draw_all_in_document_order_without_shuffle() {
        let m = module(ModuleKind::Lesson, &["a", "b", "c", "d"]);
        assert_eq!(
            draw_questions(&m, &exam(3, false, None, None), 9),
            ["a", "b", "c", "d"]
        );
        assert_eq!(
            draw_questions(&m, &exam(3, false, Some(10), None), 9),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn draw_all_shuffled() {
        let m = module(ModuleKind::Lesson, &["a", "b", "c", "d", "e", "f"]);
        let s = exam(3, true, None, None);
        let drawn = draw_questions(&m, &s, 1);
        let mut sorted = drawn.clone();
        sorted.sort();
        assert_eq!(sorted, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(drawn, draw_questions(&m, &s, 1), "same seed, same attempt");
        let orders: BTreeSet<Vec<String>> =
            (0..20).map(|seed| draw_questions(&m, &s, seed)).collect();
        assert!(orders.len() > 10);
    }

    #[test]
    fn draw_some_without_shuffle_keeps_document_order() {
        let m = module(ModuleKind::Lesson, &["a", "b", "c", "d", "e", "f"]);
        let s = exam(3, false, Some(3), None);
        let mut seen = BTreeSet::new();
        for seed in 0..100 {
            let drawn = draw_questions(&m, &s, seed);
            assert_eq!(drawn.len(), 3);
            let mut sorted = drawn.clone();
            sorted.sort();
            assert_eq!(drawn, sorted, "document order");
            sorted.dedup();
            assert_eq!(sorted.len(), 3, "no duplicates");
            seen.extend(drawn);
        }
        assert_eq!(seen.len(), 6, "every question gets drawn sometimes");
    }

    #[test]
    fn draw_some_shuffled() {
        let m = module(ModuleKind::Lesson, &["a", "b", "c", "d", "e", "f"]);
        let s = exam(3, true, Some(2), None);
        let drawn = draw_questions(&m, &s, 5);
        assert_eq!(drawn.len(), 2);
        assert_ne!(drawn[0], drawn[1]);
        assert_eq!(drawn, draw_questions(&m, &s, 5));
        let unsorted = (0..50)
            .map(|seed| draw_questions(&m, &s, seed))
            .filter(|d| d[0] > d[1])
            .count();
        assert!(unsorted > 10, "drawn questions are shown in random order");
    }

    #[test]
    fn draw_per_group_covers_every_group_in_its_count() {
        let mut m = module(
            ModuleKind::Lesson,
            &["a1", "a2", "a3", "b1", "b2", "c1", "c2", "c3", "c4"],
        );
        for q in &mut m.questions {
            q.group = Some(q.id[..1].to_string());
        }
        let group = |g: &str, count| GroupDraw {
            group: g.into(),
            count,
        };
        for shuffle in [false, true] {
            let mut s = exam(3, shuffle, Some(5), None);
            s.groups = vec![group("a", 1), group("b", 2), group("c", 2)];
            let mut seen = BTreeSet::new();
            let mut first_positions = BTreeSet::new();
            for seed in 0..200 {
                let drawn = draw_questions(&m, &s, seed);
                assert_eq!(drawn, draw_questions(&m, &s, seed), "reproducible");
                let count = |g: &str| drawn.iter().filter(|id| id.starts_with(g)).count();
                assert_eq!((count("a"), count("b"), count("c")), (1, 2, 2), "{drawn:?}");
                let mut unique = drawn.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), 5, "no duplicates: {drawn:?}");
                if !shuffle {
                    let mut sorted = drawn.clone();
                    sorted.sort();
                    assert_eq!(drawn, sorted, "document order without shuffle");
                }
                first_positions.insert(drawn[0].clone());
                seen.extend(drawn);
            }
            assert_eq!(seen.len(), 9, "every question gets drawn sometimes");
            if shuffle {
                assert!(first_positions.len() > 3, "groups are mixed when shuffled");
            } else {
                assert!(first_positions.iter().all(|id| id.starts_with('a')));
            }
        }
    }

    #[test]
    fn draw_edge_cases() {
        let empty = module(ModuleKind::Lesson, &[]);
        assert!(draw_questions(&empty, &exam(3, true, Some(5), None), 1).is_empty());
        let m = module(ModuleKind::Lesson, &["a", "b"]);
        assert!(draw_questions(&m, &exam(3, true, Some(0), None), 1).is_empty());
    }
}
