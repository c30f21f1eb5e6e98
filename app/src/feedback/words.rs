//! Feedback's words in the requester's language: the ratings' labels and
//! why feedback was not saved.

use super::types::Refusal;
use crate::i18n::{td_string, Locale};

/// A rating's label: its number and what it means ("4 – goed"), so the
/// choice never rests on a picture alone.
pub fn rating_label(locale: Locale, rating: u8) -> &'static str {
    match rating {
        1 => td_string!(locale, feedback.rating_1),
        2 => td_string!(locale, feedback.rating_2),
        3 => td_string!(locale, feedback.rating_3),
        4 => td_string!(locale, feedback.rating_4),
        _ => td_string!(locale, feedback.rating_5),
    }
}

/// A refusal, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::RatingMissing => td_string!(locale, feedback.rating_missing).to_string(),
        Refusal::CommentTooLong { max, chars } => td_string!(
            locale,
            feedback.comment_too_long,
            max = *max,
            chars = *chars
        )
        .to_string(),
    }
}

/// A month `YYYY-MM` as words ("december 2026"); as it is when it is not
/// one.
pub fn month_text(locale: Locale, month: &str) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some((year, m)) = month.split_once('-') else {
        return month.to_string();
    };
    let names = match locale {
        Locale::nl => NL,
        Locale::en => EN,
    };
    match m
        .parse::<usize>()
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| names.get(i))
    {
        Some(name) => format!("{name} {year}"),
        None => month.to_string(),
    }
}
