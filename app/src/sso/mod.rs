//! Sign-in with the organisation's own accounts (OpenID Connect), beside
//! local passwords.
//!
//! - `types`: the sign-in page's options, and why a sign-in was refused.
//! - `flow` (server): the protocol with the provider (discovery, code flow
//!   with PKCE, ID token checks, claims).
//! - `queries` (server): sign-ins under way, linking accounts, the
//!   admins' switch for local passwords.
//! - `routes` (server): the browser redirects (start, callback, provider sign-out).
//! - `api`: the server functions (options for the sign-in page, the switch).
//! - `words`: refusals in the reader's language.
//! - `pages`: the signed-out page and the admin setting.
//!
//! Settings and registering the platform at Microsoft Entra ID or Keycloak:
//! `docs/operations.md`, "Inloggen met de organisatie".

pub mod api;
#[cfg(feature = "ssr")]
pub mod flow;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod routes;
pub mod types;
pub mod words;
