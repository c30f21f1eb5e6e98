//! The HR import: the input is the uploaded file's bytes, read and
//! validated with `domain::hr_import::parse`, then planned against an
//! empty database with `domain::hr_import::plan`.

#![no_main]

use domain::completion::Date;
use domain::hr_import::{
    is_valid_email, parse, plan, Problem, MAX_CODE_CHARS, MAX_NAME_CHARS, ROLES,
};
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeSet, HashMap, HashSet};

fuzz_target!(|data: &[u8]| {
    let today = Date::new(2025, 6, 1).expect("a valid date");
    match parse(data, today) {
        Err(problems) => {
            assert!(!problems.is_empty(), "Err without a problem");
            assert!(
                problems.windows(2).all(|w| w[0].line <= w[1].line),
                "problems not in line order: {problems:#?}"
            );
            // The file has at most this many physical lines (CR, LF or CRLF
            // each end one; UTF-16 halves the count, so this is an upper bound).
            let max_line = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
            for p in &problems {
                assert!(
                    p.column.as_deref().is_none_or(|c| !c.trim().is_empty()),
                    "a column without a name: {p:?}"
                );
                // Every line of a duplicate gets a problem naming the
                // others: only a few are named, the rest counted.
                if let Problem::DuplicateEmployeeNumber { others, .. }
                | Problem::DuplicateEmail { others, .. } = &p.problem
                {
                    assert!(!others.shown.is_empty() && others.shown.len() <= 6, "{p:?}");
                }
                assert!(
                    p.line >= 1 && p.line <= max_line,
                    "line out of range: {p:?}"
                );
            }
        }
        Ok(parsed) => {
            assert!(!parsed.rows.is_empty(), "a valid file without employees");
            let mut numbers = HashSet::new();
            let mut emails = HashSet::new();
            for row in &parsed.rows {
                assert!(row.line >= 2, "a row on the header line: {row:?}");
                let number = row.employee_number.as_str();
                assert!(!number.is_empty() && number.trim() == number, "{row:?}");
                assert!(number.chars().count() <= MAX_CODE_CHARS, "{row:?}");
                assert!(
                    !row.name.is_empty() && row.name.chars().count() <= MAX_NAME_CHARS,
                    "{row:?}"
                );
                assert!(is_valid_email(&row.email), "{row:?}");
                assert_eq!(row.email, row.email.to_lowercase(), "{row:?}");
                assert!(
                    row.roles.iter().all(|r| ROLES.contains(&r.as_str())),
                    "{row:?}"
                );
                assert!(!row.department_code.is_empty(), "{row:?}");
                assert!(numbers.insert(number), "personeelsnummer twice: {row:?}");
                assert!(emails.insert(row.email.as_str()), "email twice: {row:?}");
            }
            // Departments: every code a row names, each once, parents first.
            let mut position = HashMap::new();
            for (i, d) in parsed.departments.iter().enumerate() {
                assert!(
                    position.insert(d.code.as_str(), i).is_none(),
                    "department twice: {d:?}"
                );
            }
            for row in &parsed.rows {
                assert!(
                    position.contains_key(row.department_code.as_str()),
                    "{row:?}"
                );
            }
            for (i, d) in parsed.departments.iter().enumerate() {
                if let Some(parent) = &d.parent_code {
                    assert_ne!(parent, &d.code, "department is its own parent: {d:?}");
                    if let Some(&p) = position.get(parent.as_str()) {
                        assert!(p < i, "parent after child: {:#?}", parsed.departments);
                    }
                }
            }
            // Against a database with nobody in it, and with the parent
            // departments the file names but does not describe: everyone
            // active is new, and nothing conflicts.
            let outside: BTreeSet<String> = parsed
                .departments
                .iter()
                .filter_map(|d| d.parent_code.clone())
                .filter(|p| !position.contains_key(p.as_str()))
                .collect();
            let plan = plan(&parsed, &[], &outside, true);
            assert!(plan.is_applicable(), "{plan:#?}");
            assert!(
                plan.update.is_empty() && plan.deactivate.is_empty(),
                "{plan:#?}"
            );
            assert_eq!(plan.create.len() + plan.skipped_inactive, parsed.rows.len());
            assert!(plan.create.iter().all(|r| !r.roles.is_empty()), "{plan:#?}");
        }
    }
});
