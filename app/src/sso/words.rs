//! Sign-in refusals in the reader's language.

use super::types::Refusal;
use crate::i18n::{td_string, Locale};

/// Why the sign-in through the organisation was refused, in `locale`.
pub fn refusal(locale: Locale, r: Refusal) -> &'static str {
    match r {
        Refusal::Unavailable => td_string!(locale, auth.sso_unavailable),
        Refusal::Denied => td_string!(locale, auth.sso_denied),
        Refusal::Expired => td_string!(locale, auth.sso_expired),
        Refusal::OtherBrowser => td_string!(locale, auth.sso_other_browser),
        Refusal::Signature => td_string!(locale, auth.sso_signature),
        Refusal::Audience => td_string!(locale, auth.sso_audience),
        Refusal::TokenExpired => td_string!(locale, auth.sso_token_expired),
        Refusal::Nonce => td_string!(locale, auth.sso_nonce),
        Refusal::Issuer => td_string!(locale, auth.sso_issuer),
        Refusal::Token => td_string!(locale, auth.sso_token),
        Refusal::Deactivated => td_string!(locale, auth.sso_deactivated),
        Refusal::Unknown => td_string!(locale, auth.sso_unknown),
        Refusal::LinkedElsewhere => td_string!(locale, auth.sso_linked_elsewhere),
        Refusal::MissingClaims => td_string!(locale, auth.sso_missing_claims),
    }
}
