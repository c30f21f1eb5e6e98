//! What the sign-in page needs to know, and why a sign-in through the
//! organisation was refused (a code; its words are in `words.rs`).

use serde::{Deserialize, Serialize};

/// How people can sign in here, for the sign-in page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInChoices {
    /// The organisation's name when sign-in through its identity provider
    /// is set up ("Inloggen met <naam>").
    pub organisation: Option<String>,
    /// Local passwords are on for everyone; when off, only admin accounts
    /// (break-glass) may use one.
    pub passwords: bool,
}

/// After signing out: whether to offer signing out at the provider too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedOutOffer {
    /// The organisation's name, when the session began at its provider and
    /// the provider supports RP-initiated logout.
    pub provider_logout: Option<String>,
}

/// Why a sign-in through the organisation's provider was refused. Sent to
/// the sign-in page as `?sso=<code>` (a code only: no personal data in the
/// address), and put into words there in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The provider could not be reached or answered with an error.
    Unavailable,
    /// The provider refused or the person cancelled (`error=` in the callback).
    Denied,
    /// The `state` is unknown, already used or too old.
    Expired,
    /// The sign-in was started in another browser (the browser's cookie is
    /// missing or does not match).
    OtherBrowser,
    /// The ID token's signature does not check out with the provider's keys.
    Signature,
    /// The ID token was issued to another application.
    Audience,
    /// The ID token has expired.
    TokenExpired,
    /// The ID token's nonce is not the one this sign-in sent.
    Nonce,
    /// The ID token (or the callback's `iss`) names another issuer.
    Issuer,
    /// The ID token is unusable in another way (malformed, no subject).
    Token,
    /// The account was deactivated.
    Deactivated,
    /// No account matches and accounts are not created at sign-in.
    Unknown,
    /// The matching account is linked to another provider account.
    LinkedElsewhere,
    /// An account would be created but the provider sent no e-mail or name.
    MissingClaims,
}

impl Refusal {
    pub const ALL: [Refusal; 14] = [
        Refusal::Unavailable,
        Refusal::Denied,
        Refusal::Expired,
        Refusal::OtherBrowser,
        Refusal::Signature,
        Refusal::Audience,
        Refusal::TokenExpired,
        Refusal::Nonce,
        Refusal::Issuer,
        Refusal::Token,
        Refusal::Deactivated,
        Refusal::Unknown,
        Refusal::LinkedElsewhere,
        Refusal::MissingClaims,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Refusal::Unavailable => "niet-bereikbaar",
            Refusal::Denied => "geweigerd",
            Refusal::Expired => "verlopen",
            Refusal::OtherBrowser => "andere-browser",
            Refusal::Signature => "handtekening",
            Refusal::Audience => "andere-toepassing",
            Refusal::TokenExpired => "bewijs-verlopen",
            Refusal::Nonce => "nonce",
            Refusal::Issuer => "uitgever",
            Refusal::Token => "bewijs",
            Refusal::Deactivated => "gedeactiveerd",
            Refusal::Unknown => "onbekend",
            Refusal::LinkedElsewhere => "elders-gekoppeld",
            Refusal::MissingClaims => "gegevens-ontbreken",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl From<domain::sso::LinkRefusal> for Refusal {
    fn from(r: domain::sso::LinkRefusal) -> Self {
        match r {
            domain::sso::LinkRefusal::Deactivated => Refusal::Deactivated,
            domain::sso::LinkRefusal::Unknown => Refusal::Unknown,
            domain::sso::LinkRefusal::LinkedElsewhere => Refusal::LinkedElsewhere,
            domain::sso::LinkRefusal::MissingClaims => Refusal::MissingClaims,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_read_back() {
        for r in Refusal::ALL {
            assert_eq!(Refusal::from_code(r.code()), Some(r));
        }
        let mut codes: Vec<_> = Refusal::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Refusal::ALL.len());
        assert_eq!(Refusal::from_code("<script>"), None);
    }
}
