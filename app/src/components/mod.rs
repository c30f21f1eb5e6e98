//! Components shared by several pages.

pub mod done_notice;
pub mod forms;
pub mod layout;
pub mod not_found;
pub mod page_states;
pub mod privacy_link;
