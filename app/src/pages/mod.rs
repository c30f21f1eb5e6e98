//! One module per page (or group of pages), each with its server functions.

pub mod home;
pub mod not_found;
