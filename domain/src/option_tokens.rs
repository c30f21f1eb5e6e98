//! Opaque names for a question's options on the page, so that the markup
//! tells nothing about the answer.
//!
//! The answer keys never reach the browser, but the form controls must say
//! which option the learner chose. Naming them after the authored position
//! leaks the key whenever the authored order *is* the answer: order items
//! are written in their correct order, and a match pair's left and right
//! share an index. So every option, order item, match left and match right
//! gets a token here: a keyed hash of the platform's secret [`OptionKey`],
//! a scope (the learner for lessons, the attempt for exams), the question,
//! the part and the authored index. Without the key, a token says nothing;
//! the server, which has the key, maps it back ([`index_of`]).
//!
//! The display order of shuffled options is derived from the same key
//! ([`order_seed`]): a seed anyone can compute from the learner's id would
//! let them undo the shuffle of an order question.

use sha2::{Digest, Sha256};

/// What a token names: a choice, an order item, or one side of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Choice,
    OrderItem,
    MatchLeft,
    MatchRight,
}

impl Part {
    fn tag(self) -> u8 {
        match self {
            Part::Choice => b'c',
            Part::OrderItem => b'o',
            Part::MatchLeft => b'l',
            Part::MatchRight => b'r',
        }
    }
}

/// The platform's secret for tokens and display orders: 32 random bytes,
/// made once per installation and kept in the database (so every node and
/// every restart names options alike).
#[derive(Clone, PartialEq, Eq)]
pub struct OptionKey([u8; 32]);

impl std::fmt::Debug for OptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OptionKey(…)")
    }
}

impl OptionKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        OptionKey(bytes)
    }

    /// The key from its stored form (64 hex digits).
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        Some(OptionKey(bytes.try_into().ok()?))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn digest(&self, scope: &str, question: &str, part: u8, index: usize) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.0);
        for field in [scope.as_bytes(), question.as_bytes()] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field);
        }
        h.update([part]);
        h.update((index as u64).to_le_bytes());
        h.finalize().into()
    }
}

/// The scope of a lesson's tokens: the learner (stable, so a page loaded
/// yesterday still submits today).
pub fn lesson_scope(learner_id: i32) -> String {
    format!("lesson:{learner_id}")
}

/// The scope of an exam attempt's tokens: the attempt's own random seed.
pub fn attempt_scope(attempt_seed: u64) -> String {
    format!("attempt:{attempt_seed}")
}

/// The token of option `index` (authored position) of `part` of `question`.
/// Twelve hex digits (48 bits).
pub fn token(key: &OptionKey, scope: &str, question: &str, part: Part, index: usize) -> String {
    hex::encode(&key.digest(scope, question, part.tag(), index)[..6])
}

/// The authored index whose token is `token`, among `count` options.
pub fn index_of(
    key: &OptionKey,
    scope: &str,
    question: &str,
    part: Part,
    count: usize,
    token: &str,
) -> Option<usize> {
    (0..count).find(|&i| self::token(key, scope, question, part, i) == token)
}

/// A seed for the display order of `question`'s options in `scope`.
pub fn order_seed(key: &OptionKey, scope: &str, question: &str) -> u64 {
    let d = key.digest(scope, question, b's', 0);
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The names of options in one scope: what views and form readers use.
#[derive(Debug, Clone)]
pub struct Namer<'a> {
    key: &'a OptionKey,
    scope: String,
}

impl<'a> Namer<'a> {
    /// Lesson questions of `learner_id`.
    pub fn lesson(key: &'a OptionKey, learner_id: i32) -> Self {
        Namer {
            key,
            scope: lesson_scope(learner_id),
        }
    }

    /// The questions of the exam attempt whose seed is `attempt_seed`.
    pub fn attempt(key: &'a OptionKey, attempt_seed: u64) -> Self {
        Namer {
            key,
            scope: attempt_scope(attempt_seed),
        }
    }

    pub fn token(&self, question: &str, part: Part, index: usize) -> String {
        token(self.key, &self.scope, question, part, index)
    }

    pub fn index_of(&self, question: &str, part: Part, count: usize, token: &str) -> Option<usize> {
        index_of(self.key, &self.scope, question, part, count, token)
    }

    pub fn order_seed(&self, question: &str) -> u64 {
        order_seed(self.key, &self.scope, question)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> OptionKey {
        OptionKey::new([b; 32])
    }

    #[test]
    fn tokens_round_trip_and_differ_per_part_question_scope_and_key() {
        let k = key(7);
        let s = lesson_scope(3);
        let tokens: Vec<String> = (0..6)
            .map(|i| token(&k, &s, "q", Part::OrderItem, i))
            .collect();
        for (i, t) in tokens.iter().enumerate() {
            assert_eq!(t.len(), 12);
            assert_eq!(index_of(&k, &s, "q", Part::OrderItem, 6, t), Some(i));
        }
        let distinct: std::collections::BTreeSet<_> = tokens.iter().collect();
        assert_eq!(distinct.len(), 6);
        // The left and right of one match pair do not share a token.
        assert_ne!(
            token(&k, &s, "q", Part::MatchLeft, 0),
            token(&k, &s, "q", Part::MatchRight, 0)
        );
        assert_ne!(
            token(&k, &s, "q", Part::Choice, 0),
            token(&k, &s, "q2", Part::Choice, 0)
        );
        assert_ne!(
            token(&k, &s, "q", Part::Choice, 0),
            token(&k, &lesson_scope(4), "q", Part::Choice, 0)
        );
        assert_ne!(
            token(&k, &s, "q", Part::Choice, 0),
            token(&key(8), &s, "q", Part::Choice, 0)
        );
        assert_eq!(index_of(&k, &s, "q", Part::Choice, 6, "000000000000"), None);
        assert_eq!(index_of(&k, &s, "q", Part::Choice, 6, &tokens[0]), None);
    }

    #[test]
    fn the_key_is_stored_as_hex_and_never_printed() {
        let k = key(0xab);
        assert_eq!(OptionKey::from_hex(&k.to_hex()), Some(k.clone()));
        assert_eq!(OptionKey::from_hex("abc"), None);
        assert!(!format!("{k:?}").contains("ab"));
    }

    #[test]
    fn order_seeds_depend_on_the_key() {
        let s = lesson_scope(1);
        assert_eq!(order_seed(&key(1), &s, "q"), order_seed(&key(1), &s, "q"));
        assert_ne!(order_seed(&key(1), &s, "q"), order_seed(&key(2), &s, "q"));
    }
}
