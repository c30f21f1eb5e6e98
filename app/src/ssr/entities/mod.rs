//! sea-orm entities: today's view of the tables the migrations create.

pub mod assignments;
pub mod attempt_grants;
pub mod audit_log;
pub mod completion_records;
pub mod course_modules;
pub mod course_status;
pub mod courses;
pub mod departments;
pub mod enrollments;
pub mod exam_attempts;
pub mod feedback;
pub mod module_progress;
pub mod pending_imports;
pub mod platform_settings;
pub mod question_answers;
pub mod reflections;
pub mod report_cells;
pub mod scan_result;
pub mod sessions;
pub mod sso_logins;
pub mod user_roles;
pub mod users;
