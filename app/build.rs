//! Generates the `i18n` module from `locales/<locale>/<namespace>.json` with
//! leptos_i18n's own parser and code generator (the same ones its
//! `load_locales!` macro uses; its `leptos_i18n_build` crate would also bring
//! the whole ICU data exporter into the build).
//!
//! Stricter than the library's default: a key missing from, or surplus in,
//! one language fails the build, so Dutch and English never drift apart.

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;
use std::path::PathBuf;

/// One namespace per page or group of pages (see docs/architecture.md).
const NAMESPACES: &[&str] = &[
    "common",
    "scan",
    "preview",
    "auth",
    "catalog",
    "course",
    "module",
    "dashboard",
    "records",
    "errors",
    "admin",
    "attempts",
    "audit",
    "departments",
    "import",
    "reports",
    "assignments",
    "privacy",
    "checker",
    "reminders",
    "feedback",
    "item_stats",
];

fn main() {
    if let Err(message) = generate() {
        println!("cargo::error={message}");
        std::process::exit(1);
    }
}

fn generate() -> Result<(), String> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let cfg = Config::new("nl")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| c.add_namespaces(NAMESPACES))
        .map_err(|e| e.to_string())?
        // `td_string!` with interpolated values (dates, counts).
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = parse_locales(None, cfg).map_err(|e| e.to_string())?;
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }
    let mut problems: Vec<String> = parsed.diag.errors().iter().map(|e| e.to_string()).collect();
    problems.extend(parsed.diag.warnings().iter().map(|w| w.to_string()));
    if !problems.is_empty() {
        return Err(format!("translations: {}", problems.join("; ")));
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)
        .map_err(|e| e.to_string())?;
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("i18n.rs");
    std::fs::write(&out, code.to_string()).map_err(|e| format!("{}: {e}", out.display()))
}
