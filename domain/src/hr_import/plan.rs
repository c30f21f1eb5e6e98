//! The preview: a parsed file compared with the people and departments the
//! platform has now, as the list of writes that applying it means.
//!
//! Matching, per row:
//!
//! 1. the existing person with the same personeelsnummer;
//! 2. else an existing person *without* a personeelsnummer and the same
//!    e-mail address (an account made by hand before the first import): the
//!    import links them by giving them the number;
//! 3. else nobody: a new person (not created when the row is inactive, as
//!    there is nothing to deactivate).
//!
//! An e-mail address in the file that an existing person other than the
//! matched one holds now is a problem, even when the file changes that
//! other person's address too: addresses are unique in the database, and
//! this rule lets the apply step write the changes in any order.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::values::{canonical_roles, normalise_email};
use super::{Column, DepartmentRow, EmployeeRow, ImportProblem, ParsedImport, Problem};

/// A person the platform has now, as the caller loads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingEmployee {
    /// The caller's key for this person (`users.id`), handed back in
    /// [`EmployeeUpdate::existing_id`] and [`Deactivation::existing_id`].
    pub id: i32,
    /// `None` for accounts made by hand; the import never deactivates those.
    pub employee_number: Option<String>,
    pub name: String,
    pub email: String,
    pub department_code: Option<String>,
    /// Role names as stored (`learner`, `manager`, …).
    pub roles: Vec<String>,
    pub active: bool,
}

/// A field of a person that the import can change (its name in words:
/// `app::import::words::field_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    EmployeeNumber,
    Name,
    Email,
    Department,
    Roles,
    Active,
}

/// One changed field, old and new value as the preview shows them: empty
/// for none, roles as `learner, manager`, active as `ja`/`nee`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub from: String,
    pub to: String,
}

/// An existing person whose data the file changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeUpdate {
    /// [`ExistingEmployee::id`] of the person to update.
    pub existing_id: i32,
    /// The new data. When `row.roles` is empty the roles stay as they are.
    pub row: EmployeeRow,
    /// What differs, in [`Field`] order; never empty. Only these need writing.
    pub changes: Vec<FieldChange>,
}

/// An active person with a personeelsnummer that the file no longer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deactivation {
    pub existing_id: i32,
    pub employee_number: String,
    pub name: String,
}

/// What applying a parsed file would do. Apply it (in one transaction) only
/// when [`ImportPlan::is_applicable`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    /// New people, in file order. Their roles are never empty: `learner`
    /// when the file names none.
    pub create: Vec<EmployeeRow>,
    /// Existing people whose data changes, in file order.
    pub update: Vec<EmployeeUpdate>,
    /// Rows that match an existing person exactly.
    pub unchanged: usize,
    /// Inactive rows for people the platform does not have: not created.
    pub skipped_inactive: usize,
    /// Only with `deactivate_missing`: active people with a personeelsnummer
    /// the file does not have, by personeelsnummer.
    pub deactivate: Vec<Deactivation>,
    /// Departments to create, parents before their children; `name` is
    /// always `Some` (the code when the file gives no name).
    pub new_departments: Vec<DepartmentRow>,
    /// What stops the import, in line order: an e-mail address of another
    /// existing person, a parent department that exists nowhere.
    pub problems: Vec<ImportProblem>,
    /// Worth a look before applying: a person losing the admin role, a new
    /// department without a name.
    pub warnings: Vec<ImportProblem>,
}

impl ImportPlan {
    /// Whether the plan may be applied: it has no problems.
    pub fn is_applicable(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether applying would write nothing at all.
    pub fn is_empty(&self) -> bool {
        self.create.is_empty()
            && self.update.is_empty()
            && self.deactivate.is_empty()
            && self.new_departments.is_empty()
    }
}

/// Compare a parsed file with what the database holds: `existing` people
/// (all of them, with or without personeelsnummer, active or not) and the
/// codes of the existing departments. With `deactivate_missing`, active
/// people with a personeelsnummer that the file lacks are deactivated.
pub fn plan(
    parsed: &ParsedImport,
    existing: &[ExistingEmployee],
    existing_department_codes: &BTreeSet<String>,
    deactivate_missing: bool,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let by_number: BTreeMap<&str, &ExistingEmployee> = existing
        .iter()
        .filter_map(|e| Some((employee_number(e)?, e)))
        .collect();
    let by_email: BTreeMap<String, &ExistingEmployee> = existing
        .iter()
        .map(|e| (normalise_email(&e.email), e))
        .collect();
    let email_header = parsed.header(Column::Email).map(str::to_string);
    let roles_header = parsed.header(Column::Roles).map(str::to_string);
    let mut in_file: BTreeSet<i32> = BTreeSet::new();

    for row in &parsed.rows {
        let holder = by_email.get(&row.email).copied();
        let matched = by_number
            .get(row.employee_number.as_str())
            .copied()
            .or_else(|| holder.filter(|h| employee_number(h).is_none()));
        let Some(person) = matched else {
            if !row.active {
                plan.skipped_inactive += 1;
            } else if let Some(holder) = holder {
                plan.problems
                    .push(email_taken(row, holder, email_header.clone()));
            } else {
                let mut new = row.clone();
                if new.roles.is_empty() {
                    new.roles = vec!["learner".to_string()];
                }
                plan.create.push(new);
            }
            continue;
        };
        in_file.insert(person.id);
        if let Some(holder) = holder.filter(|h| h.id != person.id) {
            plan.problems
                .push(email_taken(row, holder, email_header.clone()));
            continue;
        }
        let changes = changes(row, person);
        if changes.iter().any(|c| c.field == Field::Roles) && loses_admin(row, person) {
            plan.warnings.push(ImportProblem::at(
                row.line,
                roles_header.clone(),
                Problem::LosesAdmin {
                    name: person.name.clone(),
                },
            ));
        }
        if changes.is_empty() {
            plan.unchanged += 1;
        } else {
            plan.update.push(EmployeeUpdate {
                existing_id: person.id,
                row: row.clone(),
                changes,
            });
        }
    }

    if deactivate_missing {
        plan.deactivate = existing
            .iter()
            .filter(|e| e.active && !in_file.contains(&e.id))
            .filter_map(|e| {
                Some(Deactivation {
                    existing_id: e.id,
                    employee_number: employee_number(e)?.to_string(),
                    name: e.name.clone(),
                })
            })
            .collect();
        plan.deactivate
            .sort_by(|a, b| a.employee_number.cmp(&b.employee_number));
    }

    departments(parsed, existing_department_codes, &mut plan);
    plan.problems.sort_by_key(|p| p.line);
    plan.warnings.sort_by_key(|p| p.line);
    plan
}

/// A stored personeelsnummer, trimmed; `None` when absent or blank.
fn employee_number(person: &ExistingEmployee) -> Option<&str> {
    person
        .employee_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

fn email_taken(
    row: &EmployeeRow,
    holder: &ExistingEmployee,
    column: Option<String>,
) -> ImportProblem {
    ImportProblem::at(
        row.line,
        column,
        Problem::EmailTaken {
            email: row.email.clone(),
            holder: holder.name.clone(),
            holder_number: employee_number(holder).map(str::to_string),
            holder_active: holder.active,
        },
    )
}

fn changes(row: &EmployeeRow, person: &ExistingEmployee) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut change = |field, from: &str, to: &str| {
        if from != to {
            changes.push(FieldChange {
                field,
                from: from.to_string(),
                to: to.to_string(),
            });
        }
    };
    // Stored values compare as stored: an address saved with capitals (which
    // sign-in, comparing lowercase, would never find) is rewritten, and the
    // preview says so.
    change(
        Field::EmployeeNumber,
        person.employee_number.as_deref().unwrap_or(""),
        &row.employee_number,
    );
    change(Field::Name, &person.name, &row.name);
    change(Field::Email, &person.email, &row.email);
    change(
        Field::Department,
        person.department_code.as_deref().unwrap_or(""),
        &row.department_code,
    );
    if !row.roles.is_empty() {
        let stored = canonical_roles(person.roles.iter().map(String::as_str));
        change(Field::Roles, &stored.join(", "), &row.roles.join(", "));
    }
    let yes_no = |active: bool| if active { "ja" } else { "nee" };
    change(Field::Active, yes_no(person.active), yes_no(row.active));
    changes
}

fn loses_admin(row: &EmployeeRow, person: &ExistingEmployee) -> bool {
    let had = person
        .roles
        .iter()
        .any(|r| r.trim().eq_ignore_ascii_case("admin"));
    had && !row.roles.iter().any(|r| r == "admin")
}

/// New departments, and parents that exist neither in the file nor in the
/// platform.
fn departments(parsed: &ParsedImport, existing: &BTreeSet<String>, plan: &mut ImportPlan) {
    let in_file: BTreeSet<&str> = parsed.departments.iter().map(|d| d.code.as_str()).collect();
    let parent_header = parsed
        .header(Column::ParentDepartmentCode)
        .map(str::to_string);
    for department in &parsed.departments {
        if let Some(parent) = &department.parent_code {
            if !in_file.contains(parent.as_str()) && !existing.contains(parent) {
                plan.problems.push(ImportProblem::at(
                    department.parent_line.unwrap_or(department.line),
                    parent_header.clone(),
                    Problem::UnknownParent {
                        parent: parent.clone(),
                        department: department.code.clone(),
                    },
                ));
            }
        }
        if existing.contains(&department.code) {
            continue;
        }
        let mut new = department.clone();
        if new.name.is_none() {
            plan.warnings.push(ImportProblem::at(
                department.line,
                parsed.header(Column::DepartmentCode).map(str::to_string),
                Problem::NewDepartmentWithoutName {
                    code: department.code.clone(),
                },
            ));
            new.name = Some(department.code.clone());
        }
        plan.new_departments.push(new);
    }
}
