//! The rule for a new local password (NCSC guidance, OWASP ASVS 2.1): at
//! least [`MIN_LENGTH`] characters, and not easy to guess. "Easy to guess"
//! is zxcvbn's estimate (Dropbox's estimator, a kept crate): it knows the
//! common and breached passwords of public lists, keyboard walks, dates,
//! repeats and l33t spellings, and whatever the person's own name and
//! e-mail address give away. Anything it scores below "safely unguessable"
//! (3 of 4) is refused. There is no rule on character classes: length
//! counts, and a long Dutch sentence is a good password.

use zxcvbn::{zxcvbn, Score};

pub const MIN_LENGTH: usize = 12;

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_LENGTH`] characters.
    TooShort { min: usize },
    /// On a list of common or breached passwords, a simple pattern, or made
    /// of the person's own name or address.
    TooEasyToGuess,
}

/// Check a new password of the person known by `their_words` (name, e-mail
/// address: a password built from them is easy to guess for whoever knows
/// them).
pub fn check_new_password(password: &str, their_words: &[&str]) -> Result<(), PasswordProblem> {
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordProblem::TooShort { min: MIN_LENGTH });
    }
    let mut inputs: Vec<&str> = their_words.to_vec();
    for word in their_words {
        inputs.extend(
            word.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 3),
        );
    }
    // Dutch words zxcvbn's English lists miss, that a colleague would try.
    inputs.extend([
        "leerplatform",
        "participatie",
        "gemeente",
        "wachtwoord",
        "welkom",
    ]);
    if zxcvbn(password, &inputs).score() < Score::Three {
        return Err(PasswordProblem::TooEasyToGuess);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert_eq!(
            check_new_password("1234567890", &[]),
            Err(PasswordProblem::TooShort { min: 12 })
        );
        for weak in [
            "123456789012",
            "passwordpassword",
            "qwertyuiopasdf",
            "wachtwoord123",
            "welkom12345678",
            "aaaaaaaaaaaaaaaa",
            "jan.jansen@gemeente.example",
        ] {
            assert_eq!(
                check_new_password(weak, &["Jan Jansen", "jan.jansen@gemeente.example"]),
                Err(PasswordProblem::TooEasyToGuess),
                "{weak}"
            );
        }
    }

    #[test]
    fn long_uncommon_passwords_pass() {
        for good in [
            "fietsen langs de Amstel in mei",
            "Kx9#vQ2!mZ7$pL4w",
            "bewonersavond-koffie-en-kaart",
        ] {
            assert_eq!(check_new_password(good, &["Jan Jansen"]), Ok(()), "{good}");
        }
    }
}
