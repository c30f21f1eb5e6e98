//! Completion records: their verification codes and the public lookup.
//!
//! A verification code is 120 random bits written as six groups of four
//! characters from an alphabet without look-alikes, e.g. `K7QF-3M9X-...`:
//! unguessable, and easy to read aloud or type from a printed certificate.

use super::types::RecordView;
use crate::error::{AppError, Missing};
use crate::ssr::entities::{completion_records, users};
use rand_core::{OsRng, RngCore};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub fn new_verification_code() -> String {
    let mut bytes = [0u8; 15];
    OsRng.fill_bytes(&mut bytes);
    // 15 bytes = 120 bits = 24 symbols of 5 bits.
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let symbols: Vec<u8> = (0..24)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize])
        .collect();
    symbols
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

pub fn random_u64() -> u64 {
    OsRng.next_u64()
}

/// Normalise a code as typed: upper case, no spaces, dashes where they belong.
pub fn normalise_code(typed: &str) -> Option<String> {
    let raw: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if raw.len() != 24 || !raw.bytes().all(|b| ALPHABET.contains(&b)) {
        return None;
    }
    Some(
        raw.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-"),
    )
}

/// A record and its holder's name, by verification code.
pub async fn find_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<(completion_records::Model, users::Model)>, DbErr> {
    let Some(code) = normalise_code(code) else {
        return Ok(None);
    };
    let Some(record) = completion_records::Entity::find()
        .filter(completion_records::Column::VerificationCode.eq(code))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = users::Entity::find_by_id(record.user_id).one(db).await? else {
        return Ok(None);
    };
    Ok(Some((record, user)))
}

/// The record with verification code `code` as its pages show it (with
/// the score for its holder's certificate); the holder's name and
/// department are left out once they are anonymised.
pub async fn record_view(
    db: &impl ConnectionTrait,
    code: &str,
    include_score: bool,
) -> Result<RecordView, AppError> {
    let (record, user) = find_by_code(db, code)
        .await?
        .ok_or(AppError::NotFound(Missing::Record))?;
    let today = chrono::Utc::now().date_naive();
    let anonymous = crate::privacy::queries::is_anonymised(db, user.id).await?;
    let day = crate::ssr::sql::day;
    Ok(RecordView {
        holder: if anonymous {
            String::new()
        } else {
            user.display_name
        },
        course_title: record.course_title,
        completed_on: day(record.completed_at.date_naive())?,
        department: record.department_name.filter(|_| !anonymous),
        anonymous,
        valid: record.expires_at.is_none_or(|d| today < d),
        expires_on: record.expires_at.map(day).transpose()?,
        code: record.verification_code,
        score: include_score.then_some(record.score_percent),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_distinct() {
        let a = new_verification_code();
        let b = new_verification_code();
        assert_ne!(a, b);
        assert_eq!(a.len(), 29);
        assert_eq!(a.split('-').count(), 6);
        assert_eq!(
            normalise_code(&a.to_lowercase().replace('-', " ")),
            Some(a.clone())
        );
        assert_eq!(normalise_code("kort"), None);
        assert_eq!(
            normalise_code("0000-0000-0000-0000-0000-0000"),
            None,
            "0 is not in the alphabet"
        );
    }
}
