//! The platform's server: configuration, database start-up, the axum router
//! and the CLI commands. `main.rs` only parses the command line and calls in.
//!
//! The path of a request: [`router::app`] → tower layers (request span,
//! compression) → either a plain axum route (`/healthz`, `/readyz`, course
//! assets) or leptos_axum, which renders a page or runs a server function with
//! [`app::ssr::AppState`] in its context.

pub mod assets;
pub mod commands;
pub mod config;
pub mod connections;
pub mod data_export;
pub mod db;
pub mod exports;
pub mod health;
pub mod import_upload;
pub mod language;
pub mod metrics;
pub mod requester;
pub mod router;
pub mod security;
pub mod telemetry;
