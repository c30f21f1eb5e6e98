//! The Content-Security-Policy of the platform's responses, in one place.
//!
//! Pages get [`page_policy`] with the nonce Leptos puts on its own inline
//! hydration scripts (leptos_axum makes a fresh one per request): scripts
//! run only from this site (`/pkg/`) or with that nonce, never inline
//! otherwise, so markup that slipped past the sanitiser still cannot run
//! script. Every other response gets [`NON_PAGE_POLICY`] (the server's
//! security middleware adds it where a response has no policy of its own).

/// For everything that is not a page: JSON answers, files, exports.
pub const NON_PAGE_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// For pages. Style attributes stay allowed (progress bars, table
/// alignment from Markdown); `<style>` elements and inline scripts do not.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Put the page policy, with this response's nonce, on the page being
/// rendered. Called once from the app's root component.
#[cfg(feature = "ssr")]
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
