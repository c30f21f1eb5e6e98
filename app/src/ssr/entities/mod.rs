//! sea-orm entities: today's view of the tables the migrations create.

pub mod audit_log;
pub mod course_modules;
pub mod courses;
pub mod departments;
pub mod sessions;
pub mod user_roles;
pub mod users;
