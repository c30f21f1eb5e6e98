//! Components shared by several pages.

pub mod forms;
pub mod layout;
pub mod page_states;
