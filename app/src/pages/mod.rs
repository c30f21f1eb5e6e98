//! The capabilities not yet in folders of their own (issue 13): one module
//! per page (or group of pages), each with its server functions; their
//! queries are in `crate::ssr`.

pub mod course;
pub mod module;
pub mod not_found;
pub mod question;
