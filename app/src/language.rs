//! The interface language: Dutch by default, English as the second language.
//!
//! The texts live in `app/locales/<locale>/<namespace>.json` and are compiled
//! in by `leptos_i18n` (the `i18n` module in `lib.rs`): a key that does not
//! exist is a compile error, and a key missing from one language a warning.
//!
//! The choice is kept in a cookie ([`COOKIE_NAME`]). `GET /taal/{nl|en}` sets
//! it and sends the person back to the page they were on, so switching works
//! without JavaScript. The browser's Accept-Language header is not used: the
//! platform is Dutch unless someone chooses otherwise.

use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_i18n::context::UseLocalesOptions;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_location;

/// The cookie that holds the chosen language (`nl` or `en`).
pub const COOKIE_NAME: &str = "taal";

/// Keep it for a year; it holds no personal data.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

/// Options for the language context that ignore the Accept-Language header.
pub fn ignore_accept_language() -> UseLocalesOptions {
    UseLocalesOptions::default().ssr_lang_header_getter(|| Some("nl".to_string()))
}

/// The language of the course content on the page being rendered (a code
/// such as `nl`), provided by pages that show content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLanguage(pub String);

/// `lang` for interface text inside course content written in another
/// language: the content's element carries the content's `lang`, and the
/// interface's own words inside it (headings, hints, buttons, feedback) are
/// marked back to the interface language (WCAG 3.1.2). `None` when both are
/// the same or the page shows no content.
pub fn ui_lang() -> Option<&'static str> {
    let content = use_context::<ContentLanguage>()?;
    let ui = use_i18n().get_locale_untracked().as_str();
    (content.0 != ui).then_some(ui)
}

/// The locale for a code in a URL (`nl`, `en`), if it is one we have.
pub fn parse_code(code: &str) -> Option<Locale> {
    match code {
        "nl" => Some(Locale::nl),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// The language chosen in a `Cookie` request header, if any.
pub fn from_cookie_header(header: &str) -> Option<Locale> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| parse_code(value.trim()))
}

/// The language a command-line user chose, the way programs on their
/// system read it: the first set of `LC_ALL`, `LC_MESSAGES` and `LANG`
/// (`en_GB.UTF-8` → English, `nl_NL.UTF-8` → Dutch). Dutch when that one
/// names neither (`C`, `POSIX`, `de_DE`), as for a browser without the
/// language cookie. `var` reads a variable (`std::env::var(..).ok()`).
pub fn from_posix_locale(var: impl Fn(&str) -> Option<String>) -> Locale {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .and_then(|value| {
            let language = value.split(['_', '.', '@']).next().unwrap_or_default();
            parse_code(&language.to_ascii_lowercase())
        })
        .unwrap_or(Locale::nl)
}

/// `Set-Cookie` value that keeps `locale` as the chosen language.
pub fn cookie(locale: Locale, secure: bool) -> String {
    format!(
        "{COOKIE_NAME}={}; Path=/; SameSite=Lax; Max-Age={COOKIE_MAX_AGE}{}",
        locale.as_str(),
        if secure { "; Secure" } else { "" }
    )
}

/// Where to go back to after switching: a path on this site, never another
/// site (`//evil.example`, `https://…`) and never a header injection.
pub fn safe_return(back: Option<&str>) -> &str {
    match back {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control()) =>
        {
            p
        }
        _ => "/",
    }
}

/// What a query value keeps as it is: letters, digits, `-_.~` (RFC 3986's
/// unreserved characters) and `/`, which paths in `next=` and `terug=` are
/// full of and which a query may hold.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encode a string for a query parameter (UTF-8). The one encoder
/// of the platform's links: report filters, `next=` after sign-in, the
/// language switch's way back.
pub fn encode_query_value(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// A date as the interface shows it: "31-12-2026" (day first, in both
/// languages).
pub fn date_text(d: domain::completion::Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// A learner's status for a course, in the interface language.
pub fn status_text(locale: Locale, status: domain::report::status::Status) -> &'static str {
    use domain::report::status::Status;
    use leptos_i18n::td_string;
    match status {
        Status::InProgress => td_string!(locale, common.status_in_progress),
        Status::Completed => td_string!(locale, common.status_completed),
        Status::Expiring => td_string!(locale, common.status_expiring),
        Status::Expired => td_string!(locale, common.status_expired),
        Status::NotStarted => td_string!(locale, common.status_not_started),
    }
}

/// The link to the other language, in that language (WCAG 3.1.2: its `lang`
/// says how to pronounce it). `rel="external"` makes the router leave it to
/// the browser: the server sets the cookie and sends the page back.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    move || {
        let (code, label) = match i18n.get_locale() {
            Locale::nl => ("en", "English"),
            Locale::en => ("nl", "Nederlands"),
        };
        let back = format!("{}{}", location.pathname.get(), location.search.get());
        let href = format!("/taal/{code}?terug={}", encode_query_value(&back));
        view! {
            <a href=href lang=code hreflang=code rel="external" class="language-switch">{label}</a>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_language_follows_the_posix_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_posix_locale(env(&[("LANG", "en_GB.UTF-8")])),
            Locale::en
        );
        assert_eq!(
            from_posix_locale(env(&[("LANG", "nl_NL.UTF-8")])),
            Locale::nl
        );
        assert_eq!(from_posix_locale(env(&[("LANG", "C.UTF-8")])), Locale::nl);
        assert_eq!(from_posix_locale(env(&[])), Locale::nl);
        // LC_ALL wins over LANG; an empty LC_ALL does not count.
        assert_eq!(
            from_posix_locale(env(&[("LC_ALL", "en_US"), ("LANG", "nl_NL")])),
            Locale::en
        );
        assert_eq!(
            from_posix_locale(env(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")])),
            Locale::en
        );
    }

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_return(Some("/cursussen/x?y=1")), "/cursussen/x?y=1");
        assert_eq!(safe_return(Some("//evil.example/")), "/");
        assert_eq!(safe_return(Some("/\\evil.example")), "/");
        assert_eq!(safe_return(Some("https://evil.example/")), "/");
        assert_eq!(safe_return(Some("/a\r\nSet-Cookie: x=y")), "/");
        assert_eq!(safe_return(None), "/");
    }

    #[test]
    fn codes_and_cookies() {
        assert_eq!(parse_code("en"), Some(Locale::en));
        assert_eq!(parse_code("nl"), Some(Locale::nl));
        assert_eq!(parse_code("fr"), None);
        assert_eq!(from_cookie_header("lp_sessie=x; taal=en"), Some(Locale::en));
        assert_eq!(from_cookie_header("taal=nl"), Some(Locale::nl));
        assert_eq!(from_cookie_header("mytaal=en; taal=fr"), None);
        assert_eq!(from_cookie_header(""), None);
        let c = cookie(Locale::en, true);
        assert!(
            c.starts_with("taal=en; Path=/;") && c.ends_with("; Secure"),
            "{c}"
        );
        assert!(!cookie(Locale::nl, false).contains("Secure"));
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/rapportage?cursus=a b&x=é"),
            "/rapportage%3Fcursus%3Da%20b%26x%3D%C3%A9"
        );
    }
}
