//! The import's words in the requester's language (the page's, or the
//! CLI user's from their POSIX locale): every problem and warning of a
//! file (`domain::hr_import::Problem`), how a file was read, the changed
//! fields and roles, the summary after applying, the refusals of the
//! queries, why an upload was sent back, and the CLI's report. Keys in
//! `locales/<nl|en>/import.json`. What comes from the file (column
//! headers, values as typed, codes and names) is quoted as it is; roles
//! are named the way a file may write them (the Dutch names in Dutch, the
//! canonical ones in English).

use super::types::{ImportPreview, ImportSummary, ReadAs, Refusal};
use crate::auth::Role;
use crate::i18n::{td_string, Locale};
use domain::hr_import::{Column, Field, LongValue, OtherLines, Problem, UnknownColumn};

/// The text for a count in `locale`: the `single` key for 1, the `multiple`
/// key (with `n`) for any other number.
macro_rules! counted {
    ($locale:expr, $n:expr, $single:ident, $multiple:ident) => {{
        let n = $n;
        if n == 1 {
            td_string!($locale, import.$single).to_string()
        } else {
            td_string!($locale, import.$multiple, n).to_string()
        }
    }};
}
pub(crate) use counted;

/// One sentence per kind of change in `locale` (the page, the CLI).
pub fn sentences_in(s: &ImportSummary, locale: Locale) -> Vec<String> {
    let mut out = vec![
        counted!(locale, s.created, created_single, created_multiple),
        counted!(locale, s.updated, updated_single, updated_multiple),
    ];
    if s.deactivated > 0 {
        out.push(counted!(
            locale,
            s.deactivated,
            deactivated_single,
            deactivated_multiple
        ));
    }
    if s.departments_created > 0 {
        out.push(counted!(
            locale,
            s.departments_created,
            departments_created_single,
            departments_created_multiple
        ));
    }
    if s.unchanged > 0 {
        out.push(counted!(
            locale,
            s.unchanged,
            unchanged_single,
            unchanged_multiple
        ));
    }
    if s.skipped_inactive > 0 {
        out.push(counted!(
            locale,
            s.skipped_inactive,
            skipped_single,
            skipped_multiple
        ));
    }
    out
}

/// Why an upload was sent back (`?fout=`), in Dutch.
pub fn upload_error_message(code: &str) -> &'static str {
    upload_error_message_in(Locale::nl, code)
}

/// Why an upload was sent back (`?fout=`), in `locale`.
pub fn upload_error_message_in(locale: Locale, code: &str) -> &'static str {
    match code {
        "te-groot" => td_string!(locale, import.upload_too_big),
        "geen-bestand" => td_string!(locale, import.upload_no_file),
        _ => td_string!(locale, import.upload_failed),
    }
}

/// A refusal of this capability's queries, in `locale`.
pub fn refusal(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::HasProblems { problems } => {
            counted!(locale, *problems, refused_single, refused_multiple)
        }
        Refusal::Conflict => td_string!(locale, import.refused_conflict).to_string(),
        Refusal::Expired { minutes } => {
            td_string!(locale, import.refused_expired, minutes = *minutes).to_string()
        }
    }
}

/// A field of a person that an import changes, for the changes list.
pub fn field_name(locale: Locale, field: Field) -> &'static str {
    match field {
        Field::EmployeeNumber => td_string!(locale, import.field_employee_number),
        Field::Name => td_string!(locale, import.field_name),
        Field::Email => td_string!(locale, import.field_email),
        Field::Department => td_string!(locale, import.field_department),
        Field::Roles => td_string!(locale, import.field_roles),
        Field::Active => td_string!(locale, import.field_active),
    }
}

/// A canonical role (`learner`, …) as the file may write it: in Dutch the
/// names HR uses (`medewerker`, `leidinggevende`, `beheerder`), in English
/// the canonical ones. Anything else (a role stored by an older version)
/// as it is.
pub fn role_name(locale: Locale, role: &str) -> &str {
    match role.parse::<Role>() {
        Ok(Role::Learner) => td_string!(locale, import.role_learner),
        Ok(Role::Trainer) => td_string!(locale, import.role_trainer),
        Ok(Role::Hr) => td_string!(locale, import.role_hr),
        Ok(Role::Manager) => td_string!(locale, import.role_manager),
        Ok(Role::Admin) => td_string!(locale, import.role_admin),
        Err(_) => role,
    }
}

/// Canonical roles as a list: "medewerker, leidinggevende".
pub fn roles<S: AsRef<str>>(locale: Locale, roles: &[S]) -> String {
    roles
        .iter()
        .map(|r| role_name(locale, r.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An old or new value of a changed field, as the domain gives it: roles
/// (`learner, manager`) and active (`ja`/`nee`) are put into words, the
/// rest (names, addresses, codes from the data) is shown as it is.
pub fn change_value(locale: Locale, field: Field, value: &str) -> String {
    match (field, value) {
        (Field::Roles, list) => {
            let list: Vec<&str> = list
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .collect();
            roles(locale, &list)
        }
        (Field::Active, "ja") => td_string!(locale, import.value_yes).to_string(),
        (Field::Active, "nee") => td_string!(locale, import.value_no).to_string(),
        (_, value) => value.to_string(),
    }
}

/// How a file was read: "UTF-8, puntkomma" / "UTF-8, semicolon".
pub fn read_as(locale: Locale, read_as: &ReadAs) -> String {
    let separator = match read_as.separator {
        ';' => td_string!(locale, import.separator_semicolon),
        ',' => td_string!(locale, import.separator_comma),
        '\t' => td_string!(locale, import.separator_tab),
        _ => td_string!(locale, import.separator_other),
    };
    format!("{}, {separator}", read_as.encoding.label())
}

/// A separator with its sign, as a problem names it: "puntkomma (;)",
/// "tab", or the character in quotes.
fn separator_sign(locale: Locale, separator: char) -> String {
    match separator {
        ';' => td_string!(locale, import.separator_semicolon_sign).to_string(),
        ',' => td_string!(locale, import.separator_comma_sign).to_string(),
        '\t' => td_string!(locale, import.separator_tab).to_string(),
        c => format!("\"{c}\""),
    }
}

/// `"a", "b", "c"`: names from the file, each in quotes.
fn quoted<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The other lines of a duplicate: "regel 5", "regel 3, 4 en 5", "regel
/// 2, 3, 4, 5, 6 en nog 93 andere regels" / "line 5", "lines 3, 4 and 5",
/// "lines 2, 3, 4, 5, 6 and 93 other lines".
pub fn other_lines(locale: Locale, others: &OtherLines) -> String {
    let numbers: Vec<String> = others.shown.iter().map(usize::to_string).collect();
    match (numbers.as_slice(), others.more) {
        ([one], 0) => td_string!(locale, import.lines_single, line = one).to_string(),
        ([init @ .., last], 0) if !init.is_empty() => {
            td_string!(locale, import.lines_list, lines = init.join(", "), last).to_string()
        }
        (_, 0) => String::new(),
        (all, 1) => {
            td_string!(locale, import.lines_more_single, lines = all.join(", ")).to_string()
        }
        (all, n) => td_string!(
            locale,
            import.lines_more_multiple,
            lines = all.join(", "),
            n
        )
        .to_string(),
    }
}

/// A problem or warning of an import file, in `locale`: what is wrong and
/// what to do about it. The Dutch is the text HR staff have always read
/// (`docs/hr-import.md`).
pub fn problem(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::ExcelWorkbook => td_string!(locale, import.problem_excel_workbook).to_string(),
        Problem::NulCharacters => td_string!(locale, import.problem_nul_characters).to_string(),
        Problem::InvalidUtf8AfterBom => td_string!(locale, import.problem_invalid_utf8).to_string(),
        Problem::MixedEncoding => td_string!(locale, import.problem_mixed_encoding).to_string(),
        Problem::EmptyFile => td_string!(locale, import.problem_empty_file).to_string(),
        Problem::HeaderOnly => td_string!(locale, import.problem_header_only).to_string(),
        Problem::UnclosedQuote => td_string!(locale, import.problem_unclosed_quote).to_string(),
        Problem::UnusableSeparator { separator } => td_string!(
            locale,
            import.problem_unusable_separator,
            separator = *separator
        )
        .to_string(),
        Problem::MissingColumn {
            column,
            found,
            read_with,
        } => missing_column(locale, *column, found, *read_with),
        Problem::ColumnTwice {
            column,
            first,
            second,
        } => td_string!(
            locale,
            import.problem_column_twice,
            first,
            second,
            column = column.header_name()
        )
        .to_string(),
        Problem::UnknownColumns { columns } => {
            let names = columns
                .iter()
                .map(|c| match c {
                    UnknownColumn::Named(header) => format!("\"{header}\""),
                    UnknownColumn::Unnamed(n) => {
                        td_string!(locale, import.problem_unnamed_column, n).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            if columns.len() == 1 {
                td_string!(
                    locale,
                    import.problem_unknown_columns_single,
                    columns = names
                )
                .to_string()
            } else {
                td_string!(
                    locale,
                    import.problem_unknown_columns_multiple,
                    columns = names
                )
                .to_string()
            }
        }
        Problem::FieldCount {
            fields,
            header,
            separator,
        } => td_string!(
            locale,
            import.problem_field_count,
            fields,
            header,
            separator = separator_sign(locale, *separator)
        )
        .to_string(),
        Problem::EmptyEmployeeNumber => {
            td_string!(locale, import.problem_empty_employee_number).to_string()
        }
        Problem::EmptyName => td_string!(locale, import.problem_empty_name).to_string(),
        Problem::EmptyFirstName { or_name: false } => {
            td_string!(locale, import.problem_empty_first_name).to_string()
        }
        Problem::EmptyFirstName { or_name: true } => {
            td_string!(locale, import.problem_empty_first_name_or_name).to_string()
        }
        Problem::EmptyLastName { or_name: false } => {
            td_string!(locale, import.problem_empty_last_name).to_string()
        }
        Problem::EmptyLastName { or_name: true } => {
            td_string!(locale, import.problem_empty_last_name_or_name).to_string()
        }
        Problem::EmptyEmail => td_string!(locale, import.problem_empty_email).to_string(),
        Problem::EmptyDepartmentCode => {
            td_string!(locale, import.problem_empty_department_code).to_string()
        }
        Problem::TooLong { value, chars, max } => match value {
            LongValue::EmployeeNumber => {
                td_string!(locale, import.problem_too_long_employee_number, chars, max).to_string()
            }
            LongValue::DepartmentCode => {
                td_string!(locale, import.problem_too_long_department_code, chars, max).to_string()
            }
            LongValue::ParentDepartmentCode => {
                td_string!(locale, import.problem_too_long_parent_code, chars, max).to_string()
            }
            LongValue::Name => {
                td_string!(locale, import.problem_too_long_name, chars, max).to_string()
            }
            LongValue::DepartmentName => {
                td_string!(locale, import.problem_too_long_department_name, chars, max).to_string()
            }
        },
        Problem::InvalidEmail { value } => {
            td_string!(locale, import.problem_invalid_email, value).to_string()
        }
        Problem::UnknownRole { name } => {
            td_string!(locale, import.problem_unknown_role, name).to_string()
        }
        Problem::InvalidActive { value } => {
            td_string!(locale, import.problem_invalid_active, value).to_string()
        }
        Problem::InvalidDate { value } => {
            td_string!(locale, import.problem_invalid_date, value).to_string()
        }
        Problem::ActiveButLeft { value, left_on } => td_string!(
            locale,
            import.problem_active_but_left,
            value,
            date = crate::language::date_text(*left_on)
        )
        .to_string(),
        Problem::DuplicateEmployeeNumber { number, others } => td_string!(
            locale,
            import.problem_duplicate_employee_number,
            number,
            lines = other_lines(locale, others)
        )
        .to_string(),
        Problem::DuplicateEmail { email, others } => td_string!(
            locale,
            import.problem_duplicate_email,
            email,
            lines = other_lines(locale, others)
        )
        .to_string(),
        Problem::DepartmentNameDiffers {
            code,
            name,
            first_line,
            first_name,
        } => td_string!(
            locale,
            import.problem_department_name_differs,
            code,
            name,
            line = first_line,
            first = first_name
        )
        .to_string(),
        Problem::DepartmentParentDiffers {
            code,
            parent,
            first_line,
            first_parent,
        } => td_string!(
            locale,
            import.problem_department_parent_differs,
            code,
            parent,
            line = first_line,
            first = first_parent
        )
        .to_string(),
        Problem::DepartmentCycle { ring } => td_string!(
            locale,
            import.problem_department_cycle,
            ring = ring.join(" → ")
        )
        .to_string(),
        Problem::EmailTaken {
            email,
            holder,
            holder_number,
            holder_active,
        } => {
            let mut who = match holder_number {
                Some(number) => {
                    td_string!(locale, import.holder_with_number, name = holder, number).to_string()
                }
                None => holder.clone(),
            };
            if !holder_active {
                who = td_string!(locale, import.holder_inactive, who).to_string();
            }
            td_string!(locale, import.problem_email_taken, email, who).to_string()
        }
        Problem::UnknownParent { parent, department } => {
            td_string!(locale, import.problem_unknown_parent, parent, department).to_string()
        }
        Problem::LosesAdmin { name } => {
            td_string!(locale, import.problem_loses_admin, name).to_string()
        }
        Problem::NewDepartmentWithoutName { code } => {
            td_string!(locale, import.problem_new_department_without_name, code).to_string()
        }
    }
}

/// [`Problem::MissingColumn`]: the column, what the header has, the
/// accepted alternatives, and a hint when the header did not split.
fn missing_column(
    locale: Locale,
    column: Column,
    found: &[String],
    read_with: Option<char>,
) -> String {
    let name = column.header_name();
    let mut also = quoted(column.aliases().iter().skip(1).copied());
    let or = match column {
        Column::FirstName | Column::LastName => {
            Some(td_string!(locale, import.problem_or_name_column))
        }
        Column::Name => Some(td_string!(locale, import.problem_or_name_parts)),
        _ => None,
    };
    if let Some(or) = or {
        also = format!("{also}; {or}");
    }
    let found = quoted(found.iter().map(String::as_str));
    let text = td_string!(locale, import.problem_missing_column, name, found, also).to_string();
    match read_with {
        Some(separator) => format!(
            "{text}; {}",
            td_string!(
                locale,
                import.problem_one_column,
                separator = separator_sign(locale, separator)
            )
        ),
        None => text,
    }
}

/// The CLI's report of a preview (`server import-employees`), in `locale`:
/// each problem as `FILE:line:column: fout: reden` (`error` in English),
/// each warning as `…: waarschuwing: …`, then how the file was read, the
/// changes and a summary line.
pub fn cli_report(locale: Locale, file: &str, p: &ImportPreview) -> Vec<String> {
    let mut out = Vec::new();
    let location = |line: usize, column: &Option<String>| match column {
        Some(column) => format!("{file}:{line}:{column}"),
        None => format!("{file}:{line}"),
    };
    let error = td_string!(locale, import.cli_error);
    for e in &p.problems {
        out.push(format!(
            "{}: {error}: {}",
            location(e.line, &e.column),
            problem(locale, &e.problem)
        ));
    }
    let warning = td_string!(locale, import.cli_warning);
    for w in &p.warnings {
        out.push(format!(
            "{}: {warning}: {}",
            location(w.line, &w.column),
            problem(locale, &w.problem)
        ));
    }
    if !p.applicable() {
        out.push(format!(
            "{file}: {}",
            counted!(
                locale,
                p.problems.len(),
                cli_errors_in_file_single,
                cli_errors_in_file_multiple
            )
        ));
        return out;
    }
    if let Some(how) = &p.read_as {
        let how = read_as(locale, how);
        let read = if p.rows == 1 {
            td_string!(locale, import.cli_read_single, how).to_string()
        } else {
            td_string!(locale, import.cli_read_multiple, n = p.rows, how).to_string()
        };
        out.push(format!("{file}: {read}"));
    }
    if !p.new_departments.is_empty() {
        out.push(format!(
            "{}:",
            td_string!(
                locale,
                import.new_departments_caption,
                n = p.new_departments.len()
            )
        ));
        for d in &p.new_departments {
            out.push(match &d.parent_code {
                Some(parent) => format!(
                    "  + {} {} ({})",
                    d.code,
                    d.name,
                    td_string!(locale, import.cli_falls_under, parent)
                ),
                None => format!("  + {} {}", d.code, d.name),
            });
        }
    }
    if !p.creates.is_empty() {
        out.push(format!(
            "{}:",
            td_string!(locale, import.new_people_caption, n = p.creates.len())
        ));
        for c in &p.creates {
            let person = format!("{} {} <{}>", c.employee_number, c.name, c.email);
            out.push(format!(
                "  + {}",
                td_string!(
                    locale,
                    import.cli_new_person,
                    person,
                    department = &c.department_code,
                    roles = roles(locale, &c.roles),
                    line = c.line
                )
            ));
        }
    }
    if !p.updates.is_empty() {
        out.push(format!(
            "{}:",
            td_string!(locale, import.updates_caption, n = p.updates.len())
        ));
        for u in &p.updates {
            out.push(format!(
                "  ~ {} {} ({})",
                u.employee_number,
                u.name,
                td_string!(locale, import.cli_on_line, line = u.line)
            ));
            for c in &u.changes {
                out.push(format!(
                    "      {}: \"{}\" → \"{}\"",
                    field_name(locale, c.field),
                    change_value(locale, c.field, &c.from),
                    change_value(locale, c.field, &c.to)
                ));
            }
        }
    }
    if !p.deactivations.is_empty() {
        out.push(
            td_string!(locale, import.cli_deactivations, n = p.deactivations.len()).to_string(),
        );
        for d in &p.deactivations {
            out.push(format!("  - {} {}", d.employee_number, d.name));
        }
    }
    let c = &p.counts;
    out.push(
        td_string!(
            locale,
            import.cli_summary,
            create = c.create,
            update = c.update,
            unchanged = c.unchanged,
            skipped = c.skipped_inactive,
            deactivate = c.deactivate,
            departments = c.new_departments
        )
        .to_string(),
    );
    out
}

/// The CLI's closing line when the file has problems.
pub fn cli_nothing_imported(locale: Locale, problems: usize) -> String {
    counted!(
        locale,
        problems,
        cli_nothing_imported_single,
        cli_nothing_imported_multiple
    )
}

/// The CLI's closing line of a dry run (without `--apply`).
pub fn cli_dry_run(locale: Locale) -> &'static str {
    td_string!(locale, import.cli_dry_run)
}

/// The CLI's report after applying: "De import is uitgevoerd." and the
/// summary's sentences, indented.
pub fn cli_applied(locale: Locale, summary: &ImportSummary) -> Vec<String> {
    let mut out = vec![td_string!(locale, import.done).to_string()];
    out.extend(
        sentences_in(summary, locale)
            .into_iter()
            .map(|l| format!("  {l}")),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::types::ImportSummary;

    fn summary() -> ImportSummary {
        ImportSummary {
            departments_created: 1,
            created: 4,
            updated: 0,
            deactivated: 1,
            unchanged: 2,
            skipped_inactive: 1,
        }
    }

    #[test]
    fn sentences_in_dutch() {
        assert_eq!(
            sentences_in(&summary(), Locale::nl),
            vec![
                "4 medewerkers toegevoegd.",
                "0 medewerkers bijgewerkt.",
                "1 medewerker op inactief gezet.",
                "1 afdeling toegevoegd.",
                "2 medewerkers stonden al goed in het platform.",
                "1 medewerker niet aangemaakt, omdat ze niet (meer) in dienst zijn.",
            ]
        );
    }

    #[test]
    fn sentences_in_english() {
        assert_eq!(
            sentences_in(&summary(), Locale::en),
            vec![
                "4 employees added.",
                "0 employees updated.",
                "1 employee set to inactive.",
                "1 department added.",
                "2 employees were already correct in the platform.",
                "1 employee not created, because they are not (or no longer) employed.",
            ]
        );
    }

    #[test]
    fn upload_errors_in_both_languages() {
        assert!(upload_error_message("te-groot").starts_with("Het bestand is groter dan 10 MB."));
        assert_eq!(
            upload_error_message_in(Locale::en, "geen-bestand"),
            "First choose a file, then click \"Check file\"."
        );
        assert_eq!(
            upload_error_message("iets"),
            "Het bestand kon niet worden ontvangen. Probeer het opnieuw."
        );
    }

    fn lines(shown: &[usize], more: usize) -> OtherLines {
        OtherLines {
            shown: shown.to_vec(),
            more,
        }
    }

    #[test]
    fn other_lines_in_both_languages() {
        for (others, nl, en) in [
            (lines(&[5], 0), "regel 5", "line 5"),
            (lines(&[4, 6], 0), "regel 4 en 6", "lines 4 and 6"),
            (
                lines(&[2, 9, 11], 0),
                "regel 2, 9 en 11",
                "lines 2, 9 and 11",
            ),
            (
                lines(&[3, 4, 5, 6, 7, 8], 0),
                "regel 3, 4, 5, 6, 7 en 8",
                "lines 3, 4, 5, 6, 7 and 8",
            ),
            (
                lines(&[2, 3, 4, 5, 6], 93),
                "regel 2, 3, 4, 5, 6 en nog 93 andere regels",
                "lines 2, 3, 4, 5, 6 and 93 other lines",
            ),
            (
                lines(&[2, 3, 4, 5, 6], 1),
                "regel 2, 3, 4, 5, 6 en nog 1 andere regel",
                "lines 2, 3, 4, 5, 6 and 1 other line",
            ),
        ] {
            assert_eq!(other_lines(Locale::nl, &others), nl);
            assert_eq!(other_lines(Locale::en, &others), en);
        }
    }

    fn text(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// Every kind of problem, with the Dutch HR staff have always read
    /// (the sentences the domain made before it returned codes) and the
    /// English.
    fn every_problem() -> Vec<(Problem, &'static str, &'static str)> {
        let date = domain::completion::Date::new(2025, 12, 31).expect("a date");
        vec![
            (
                Problem::ExcelWorkbook,
                "dit is een Excel-bestand, geen CSV-bestand; kies in Excel \"Opslaan als\" en \
                 dan \"CSV UTF-8 (door komma's gescheiden)\", en importeer dat bestand",
                "this is an Excel workbook, not a CSV file; in Excel choose \"Save As\" and then \
                 \"CSV UTF-8 (Comma delimited)\", and import that file",
            ),
            (
                Problem::NulCharacters,
                "het bestand bevat nul-tekens: het is geen CSV-tekstbestand (of UTF-16 zonder \
                 BOM); sla het in Excel op als \"CSV UTF-8 (door komma's gescheiden)\"",
                "the file contains NUL characters: it is not a CSV text file (or it is UTF-16 \
                 without a BOM); save it in Excel as \"CSV UTF-8 (Comma delimited)\"",
            ),
            (
                Problem::InvalidUtf8AfterBom,
                "het bestand is opgeslagen als UTF-8, maar deze regel bevat tekens die geen \
                 UTF-8 zijn; sla het bestand opnieuw op als \"CSV UTF-8\"",
                "the file was saved as UTF-8, but this line contains characters that are not \
                 UTF-8; save the file again as \"CSV UTF-8\"",
            ),
            (
                Problem::MixedEncoding,
                "het bestand is geen geldige UTF-8 en is gelezen als Windows-1252, maar op deze \
                 regel lijkt UTF-8 te staan (bijvoorbeeld \"Ã©\" in plaats van \"é\"); \
                 controleer de namen met accenten, of sla het bestand opnieuw op als \"CSV \
                 UTF-8\"",
                "the file is not valid UTF-8 and was read as Windows-1252, but this line seems \
                 to hold UTF-8 (for example \"Ã©\" instead of \"é\"); check the names with \
                 accents, or save the file again as \"CSV UTF-8\"",
            ),
            (
                Problem::EmptyFile,
                "het bestand is leeg; exporteer de medewerkers opnieuw uit het HR-systeem, met \
                 de kolomnamen in de eerste regel",
                "the file is empty; export the employees from the HR system again, with the \
                 column names in the first line",
            ),
            (
                Problem::HeaderOnly,
                "het bestand bevat alleen de kopregel en geen medewerkers; exporteer het \
                 opnieuw met de medewerkers erin",
                "the file holds only the header line and no employees; export it again with \
                 the employees in it",
            ),
            (
                Problem::UnclosedQuote,
                "het aanhalingsteken (\") waarmee een veld op deze regel begint, wordt nergens \
                 gesloten, zodat de rest van het bestand in dat veld valt; sluit het veld af \
                 met een aanhalingsteken",
                "the quotation mark (\") that starts a field on this line is never closed, so \
                 the rest of the file falls into that field; close the field with a quotation \
                 mark",
            ),
            (
                Problem::UnusableSeparator { separator: '"' },
                "de eerste regel \"sep=\"\" noemt een scheidingsteken dat niet kan: gebruik \
                 een puntkomma, komma of tab",
                "the first line \"sep=\"\" names a separator that cannot be used: use a \
                 semicolon, comma or tab",
            ),
            (
                Problem::MissingColumn {
                    column: Column::LastName,
                    found: text(&["Personeelsnr", "Voornaam", "Mail", "Afdeling"]),
                    read_with: None,
                },
                "de kolom \"achternaam\" ontbreekt in de kopregel; gevonden kolommen: \
                 \"Personeelsnr\", \"Voornaam\", \"Mail\", \"Afdeling\"; zet een kolom \
                 \"achternaam\" in de eerste regel (ook goed: \"geslachtsnaam\", \
                 \"last_name\", \"surname\", \"family_name\"; of één kolom \"naam\" met de \
                 volledige naam)",
                "the column \"achternaam\" is missing from the header line; columns found: \
                 \"Personeelsnr\", \"Voornaam\", \"Mail\", \"Afdeling\"; put a column \
                 \"achternaam\" in the first line (also accepted: \"geslachtsnaam\", \
                 \"last_name\", \"surname\", \"family_name\"; or one column \"naam\" with the \
                 full name)",
            ),
            (
                Problem::MissingColumn {
                    column: Column::Email,
                    found: text(&["nr", "naam"]),
                    read_with: None,
                },
                "de kolom \"email\" ontbreekt in de kopregel; gevonden kolommen: \"nr\", \
                 \"naam\"; zet een kolom \"email\" in de eerste regel (ook goed: \"e-mail\", \
                 \"e-mailadres\", \"emailadres\", \"email_address\")",
                "the column \"email\" is missing from the header line; columns found: \"nr\", \
                 \"naam\"; put a column \"email\" in the first line (also accepted: \"e-mail\", \
                 \"e-mailadres\", \"emailadres\", \"email_address\")",
            ),
            (
                Problem::MissingColumn {
                    column: Column::Name,
                    found: text(&["email", "afdelingscode"]),
                    read_with: None,
                },
                "de kolom \"naam\" ontbreekt in de kopregel; gevonden kolommen: \"email\", \
                 \"afdelingscode\"; zet een kolom \"naam\" in de eerste regel (ook goed: \
                 \"volledige_naam\", \"name\", \"full_name\", \"display_name\"; of de kolommen \
                 \"voornaam\", \"tussenvoegsel\" en \"achternaam\")",
                "the column \"naam\" is missing from the header line; columns found: \"email\", \
                 \"afdelingscode\"; put a column \"naam\" in the first line (also accepted: \
                 \"volledige_naam\", \"name\", \"full_name\", \"display_name\"; or the columns \
                 \"voornaam\", \"tussenvoegsel\" and \"achternaam\")",
            ),
            (
                Problem::MissingColumn {
                    column: Column::DepartmentCode,
                    found: text(&["personeelsnummer|naam|email|afdelingscode"]),
                    read_with: Some(';'),
                },
                "de kolom \"afdelingscode\" ontbreekt in de kopregel; gevonden kolommen: \
                 \"personeelsnummer|naam|email|afdelingscode\"; zet een kolom \"afdelingscode\" \
                 in de eerste regel (ook goed: \"afdeling_code\", \"department_code\"); de \
                 kopregel heeft maar één kolom, dus het scheidingsteken wordt niet herkend: \
                 gebruik een puntkomma (;) of komma (,) tussen de kolommen (nu gelezen met \
                 puntkomma (;))",
                "the column \"afdelingscode\" is missing from the header line; columns found: \
                 \"personeelsnummer|naam|email|afdelingscode\"; put a column \"afdelingscode\" \
                 in the first line (also accepted: \"afdeling_code\", \"department_code\"); the \
                 header line has only one column, so the separator is not recognised: use a \
                 semicolon (;) or comma (,) between the columns (now read with semicolon (;))",
            ),
            (
                Problem::ColumnTwice {
                    column: Column::Email,
                    first: "E-mail".into(),
                    second: "email".into(),
                },
                "de kolommen \"E-mail\" en \"email\" betekenen allebei \"email\"; laat er één \
                 staan of geef de andere een andere naam",
                "the columns \"E-mail\" and \"email\" both mean \"email\"; keep one of them or \
                 give the other another name",
            ),
            (
                Problem::UnknownColumns {
                    columns: vec![
                        UnknownColumn::Named("Telefoon".into()),
                        UnknownColumn::Named("Functie".into()),
                        UnknownColumn::Unnamed(7),
                    ],
                },
                "onbekende kolommen \"Telefoon\", \"Functie\", kolom 7 zonder naam worden \
                 genegeerd; zie de handleiding voor de kolommen die de import kent",
                "unknown columns \"Telefoon\", \"Functie\", column 7 without a name are ignored; \
                 see the manual for the columns the import knows",
            ),
            (
                Problem::UnknownColumns {
                    columns: vec![UnknownColumn::Named("Functie".into())],
                },
                "onbekende kolom \"Functie\" wordt genegeerd; zie de handleiding voor de \
                 kolommen die de import kent",
                "unknown column \"Functie\" is ignored; see the manual for the columns the \
                 import knows",
            ),
            (
                Problem::FieldCount {
                    fields: 3,
                    header: 4,
                    separator: ';',
                },
                "deze regel heeft 3 velden, de kopregel 4; controleer het scheidingsteken \
                 (puntkomma (;)) en de aanhalingstekens: een veld met het scheidingsteken erin \
                 moet tussen aanhalingstekens staan",
                "this line has 3 fields, the header line 4; check the separator (semicolon (;)) \
                 and the quotation marks: a field with the separator in it must be between \
                 quotation marks",
            ),
            (
                Problem::FieldCount {
                    fields: 5,
                    header: 6,
                    separator: '\t',
                },
                "deze regel heeft 5 velden, de kopregel 6; controleer het scheidingsteken \
                 (tab) en de aanhalingstekens: een veld met het scheidingsteken erin moet \
                 tussen aanhalingstekens staan",
                "this line has 5 fields, the header line 6; check the separator (tab) and the \
                 quotation marks: a field with the separator in it must be between quotation \
                 marks",
            ),
            (
                Problem::EmptyEmployeeNumber,
                "het personeelsnummer is leeg; elke medewerker heeft een personeelsnummer \
                 nodig, vul het in of verwijder de regel",
                "the employee number is empty; every employee needs an employee number, fill \
                 it in or remove the line",
            ),
            (
                Problem::EmptyName,
                "de naam is leeg; vul de naam van de medewerker in",
                "the name is empty; fill in the employee's name",
            ),
            (
                Problem::EmptyFirstName { or_name: false },
                "de voornaam is leeg; vul de voornaam van de medewerker in",
                "the first name is empty; fill in the employee's first name",
            ),
            (
                Problem::EmptyFirstName { or_name: true },
                "de voornaam is leeg; vul de voornaam van de medewerker in (of vul de kolom \
                 \"naam\")",
                "the first name is empty; fill in the employee's first name (or fill in the \
                 column \"naam\")",
            ),
            (
                Problem::EmptyLastName { or_name: false },
                "de achternaam is leeg; vul de achternaam van de medewerker in",
                "the last name is empty; fill in the employee's last name",
            ),
            (
                Problem::EmptyLastName { or_name: true },
                "de achternaam is leeg; vul de achternaam van de medewerker in (of vul de \
                 kolom \"naam\")",
                "the last name is empty; fill in the employee's last name (or fill in the \
                 column \"naam\")",
            ),
            (
                Problem::EmptyEmail,
                "het e-mailadres is leeg; medewerkers loggen in met hun e-mailadres, vul het in",
                "the e-mail address is empty; employees sign in with their e-mail address, fill \
                 it in",
            ),
            (
                Problem::EmptyDepartmentCode,
                "de afdelingscode is leeg; vul de code in van de afdeling waar de medewerker \
                 werkt",
                "the department code is empty; fill in the code of the department where the \
                 employee works",
            ),
            (
                Problem::TooLong {
                    value: LongValue::EmployeeNumber,
                    chars: 65,
                    max: 64,
                },
                "het personeelsnummer is te lang (65 tekens, hoogstens 64); controleer of de \
                 kolommen goed staan",
                "the employee number is too long (65 characters, at most 64); check that the \
                 columns are right",
            ),
            (
                Problem::TooLong {
                    value: LongValue::DepartmentCode,
                    chars: 70,
                    max: 64,
                },
                "de afdelingscode is te lang (70 tekens, hoogstens 64); controleer of de \
                 kolommen goed staan",
                "the department code is too long (70 characters, at most 64); check that the \
                 columns are right",
            ),
            (
                Problem::TooLong {
                    value: LongValue::ParentDepartmentCode,
                    chars: 70,
                    max: 64,
                },
                "de bovenliggende afdelingscode is te lang (70 tekens, hoogstens 64); \
                 controleer of de kolommen goed staan",
                "the parent department code is too long (70 characters, at most 64); check that \
                 the columns are right",
            ),
            (
                Problem::TooLong {
                    value: LongValue::Name,
                    chars: 201,
                    max: 200,
                },
                "de naam is te lang (201 tekens, hoogstens 200); controleer of de kolommen goed \
                 staan",
                "the name is too long (201 characters, at most 200); check that the columns are \
                 right",
            ),
            (
                Problem::TooLong {
                    value: LongValue::DepartmentName,
                    chars: 201,
                    max: 200,
                },
                "de afdelingsnaam is te lang (201 tekens, hoogstens 200)",
                "the department name is too long (201 characters, at most 200)",
            ),
            (
                Problem::InvalidEmail {
                    value: "jan.devries@".into(),
                },
                "\"jan.devries@\" is geen geldig e-mailadres; gebruik de vorm naam@gemeente.nl, \
                 zonder spaties of andere tekst",
                "\"jan.devries@\" is not a valid e-mail address; use the form name@gemeente.nl, \
                 without spaces or other text",
            ),
            (
                Problem::UnknownRole {
                    name: "directeur".into(),
                },
                "de rol \"directeur\" bestaat niet; gebruik medewerker, trainer, hr, \
                 leidinggevende of beheerder (of learner, manager, admin), en scheid meerdere \
                 rollen met | of ,",
                "the role \"directeur\" does not exist; use learner, trainer, hr, manager or \
                 admin (or medewerker, leidinggevende, beheerder), and separate several roles \
                 with | or ,",
            ),
            (
                Problem::InvalidActive {
                    value: "misschien".into(),
                },
                "\"misschien\" is geen geldige waarde voor actief; gebruik ja of nee (of laat \
                 het veld leeg voor ja)",
                "\"misschien\" is not a valid value for actief; use ja or nee, or yes or no (or \
                 leave the field empty for yes)",
            ),
            (
                Problem::InvalidDate {
                    value: "31-02-2026".into(),
                },
                "\"31-02-2026\" is geen geldige datum; gebruik dag-maand-jaar (01-03-2026 of \
                 01/03/2026) of jaar-maand-dag (2026-03-01)",
                "\"31-02-2026\" is not a valid date; use day-month-year (01-03-2026 or \
                 01/03/2026) or year-month-day (2026-03-01)",
            ),
            (
                Problem::ActiveButLeft {
                    value: "ja".into(),
                    left_on: date,
                },
                "actief is \"ja\", maar de medewerker is uit dienst sinds 31-12-2025; de \
                 medewerker wordt inactief",
                "actief is \"ja\", but the employee left on 31-12-2025; the employee becomes \
                 inactive",
            ),
            (
                Problem::DuplicateEmployeeNumber {
                    number: "1001".into(),
                    others: lines(&[4, 6], 0),
                },
                "personeelsnummer \"1001\" staat ook op regel 4 en 6; elk personeelsnummer mag \
                 maar één keer in het bestand staan",
                "employee number \"1001\" is also on lines 4 and 6; each employee number may be \
                 in the file only once",
            ),
            (
                Problem::DuplicateEmail {
                    email: "onbekend@gemeente.nl".into(),
                    others: lines(&[3, 4, 5, 6, 7], 2994),
                },
                "e-mailadres \"onbekend@gemeente.nl\" staat ook op regel 3, 4, 5, 6, 7 en nog \
                 2994 andere regels; elke medewerker heeft een eigen e-mailadres nodig",
                "e-mail address \"onbekend@gemeente.nl\" is also on lines 3, 4, 5, 6, 7 and 2994 \
                 other lines; every employee needs an e-mail address of their own",
            ),
            (
                Problem::DepartmentNameDiffers {
                    code: "FIN".into(),
                    name: "Financien".into(),
                    first_line: 2,
                    first_name: "Financiën".into(),
                },
                "afdeling \"FIN\" heet hier \"Financien\", maar op regel 2 \"Financiën\"; geef \
                 een afdeling op elke regel dezelfde naam",
                "department \"FIN\" is called \"Financien\" here, but \"Financiën\" on line 2; \
                 give a department the same name on every line",
            ),
            (
                Problem::DepartmentParentDiffers {
                    code: "FIN".into(),
                    parent: "BED".into(),
                    first_line: 2,
                    first_parent: "GEM".into(),
                },
                "afdeling \"FIN\" valt hier onder \"BED\", maar op regel 2 onder \"GEM\"; geef \
                 een afdeling op elke regel dezelfde bovenliggende afdeling",
                "department \"FIN\" falls under \"BED\" here, but under \"GEM\" on line 2; give a \
                 department the same parent department on every line",
            ),
            (
                Problem::DepartmentCycle {
                    ring: text(&["BUR", "PUB", "DIR", "BUR"]),
                },
                "de afdelingen vormen een kring (BUR → PUB → DIR → BUR); een afdeling kan niet \
                 (via andere afdelingen) onder zichzelf vallen, controleer de bovenliggende \
                 afdelingscodes",
                "the departments form a cycle (BUR → PUB → DIR → BUR); a department cannot fall \
                 under itself (through other departments), check the parent department codes",
            ),
            (
                Problem::EmailTaken {
                    email: "piet.jansen@gemeente.nl".into(),
                    holder: "Piet Jansen".into(),
                    holder_number: Some("1002".into()),
                    holder_active: true,
                },
                "e-mailadres \"piet.jansen@gemeente.nl\" is in het platform al van Piet Jansen \
                 (personeelsnummer 1002); een e-mailadres hoort bij één persoon: pas het adres \
                 in het HR-systeem aan, of laat een beheerder het adres van die persoon eerst \
                 wijzigen",
                "e-mail address \"piet.jansen@gemeente.nl\" already belongs to Piet Jansen \
                 (employee number 1002) in the platform; an e-mail address belongs to one \
                 person: change the address in the HR system, or have an administrator change \
                 that person's address first",
            ),
            (
                Problem::EmailTaken {
                    email: "kees@gemeente.nl".into(),
                    holder: "Kees Bakker".into(),
                    holder_number: Some("1003".into()),
                    holder_active: false,
                },
                "e-mailadres \"kees@gemeente.nl\" is in het platform al van Kees Bakker \
                 (personeelsnummer 1003), niet actief; een e-mailadres hoort bij één persoon: \
                 pas het adres in het HR-systeem aan, of laat een beheerder het adres van die \
                 persoon eerst wijzigen",
                "e-mail address \"kees@gemeente.nl\" already belongs to Kees Bakker (employee \
                 number 1003), inactive in the platform; an e-mail address belongs to one \
                 person: change the address in the HR system, or have an administrator change \
                 that person's address first",
            ),
            (
                Problem::EmailTaken {
                    email: "hand@gemeente.nl".into(),
                    holder: "Handmatig".into(),
                    holder_number: None,
                    holder_active: true,
                },
                "e-mailadres \"hand@gemeente.nl\" is in het platform al van Handmatig; een \
                 e-mailadres hoort bij één persoon: pas het adres in het HR-systeem aan, of \
                 laat een beheerder het adres van die persoon eerst wijzigen",
                "e-mail address \"hand@gemeente.nl\" already belongs to Handmatig in the \
                 platform; an e-mail address belongs to one person: change the address in the \
                 HR system, or have an administrator change that person's address first",
            ),
            (
                Problem::UnknownParent {
                    parent: "GEM".into(),
                    department: "BUR".into(),
                },
                "de bovenliggende afdeling \"GEM\" van afdeling \"BUR\" staat niet in het \
                 bestand en bestaat niet in het platform; controleer de code, of laat een \
                 beheerder de afdeling eerst aanmaken",
                "the parent department \"GEM\" of department \"BUR\" is not in the file and does \
                 not exist in the platform; check the code, or have an administrator create the \
                 department first",
            ),
            (
                Problem::LosesAdmin {
                    name: "Piet".into(),
                },
                "Piet verliest de rol beheerder (admin), omdat die niet in deze kolom staat; \
                 zet \"beheerder\" erbij als dat niet de bedoeling is",
                "Piet loses the role admin (beheerder), because it is not in this column; add \
                 \"admin\" if that is not what you intend",
            ),
            (
                Problem::NewDepartmentWithoutName { code: "FIN".into() },
                "afdeling \"FIN\" is nieuw maar het bestand geeft geen naam (kolom \
                 \"afdeling\"); de code wordt de naam, een beheerder kan die later wijzigen",
                "department \"FIN\" is new but the file gives no name (column \"afdeling\"); \
                 the code becomes its name, an administrator can change it later",
            ),
        ]
    }

    #[test]
    fn every_problem_in_dutch_as_always() {
        for (p, nl, _) in every_problem() {
            assert_eq!(problem(Locale::nl, &p), nl, "{p:?}");
        }
    }

    #[test]
    fn every_problem_in_english() {
        for (p, _, en) in every_problem() {
            assert_eq!(problem(Locale::en, &p), en, "{p:?}");
        }
    }

    #[test]
    fn refusals_in_both_languages() {
        let refusals = [
            (Refusal::HasProblems { problems: 1 }, false),
            (Refusal::HasProblems { problems: 2 }, false),
            (Refusal::Conflict, true),
            (Refusal::Expired { minutes: 30 }, true),
        ];
        for (r, conflict) in &refusals {
            assert_eq!(r.is_conflict(), *conflict, "{r:?}");
        }
        let nl: Vec<String> = refusals
            .iter()
            .map(|(r, _)| refusal(Locale::nl, r))
            .collect();
        assert!(nl[0].starts_with("Het bestand heeft 1 fout. Er is niets geïmporteerd."));
        assert!(nl[1].starts_with("Het bestand heeft 2 fouten. Er is niets geïmporteerd."));
        assert!(nl[2].starts_with("Er is niets geïmporteerd: sinds het voorbeeld"));
        assert!(nl[3].contains("na 30 minuten verlopen"));
        let en: Vec<String> = refusals
            .iter()
            .map(|(r, _)| refusal(Locale::en, r))
            .collect();
        assert!(en[0].starts_with("The file has 1 error. Nothing has been imported."));
        assert!(en[1].starts_with("The file has 2 errors. Nothing has been imported."));
        assert!(en[2].starts_with("Nothing has been imported: since the preview"));
        assert!(en[3].contains("expired after 30 minutes"));
    }

    #[test]
    fn changes_in_both_languages() {
        assert_eq!(field_name(Locale::nl, Field::Email), "e-mailadres");
        assert_eq!(field_name(Locale::en, Field::Email), "e-mail address");
        assert_eq!(
            change_value(Locale::nl, Field::Roles, "learner, manager"),
            "medewerker, leidinggevende"
        );
        assert_eq!(
            change_value(Locale::en, Field::Roles, "learner, manager, admin"),
            "learner, manager, admin"
        );
        assert_eq!(change_value(Locale::nl, Field::Roles, ""), "");
        assert_eq!(change_value(Locale::nl, Field::Active, "nee"), "nee");
        assert_eq!(change_value(Locale::en, Field::Active, "nee"), "no");
        assert_eq!(change_value(Locale::en, Field::Active, "ja"), "yes");
        assert_eq!(change_value(Locale::en, Field::Name, "ja"), "ja");
        assert_eq!(
            roles(Locale::nl, &["admin", "hr", "oud"]),
            "beheerder, hr, oud"
        );
    }

    #[test]
    fn how_a_file_was_read() {
        use domain::hr_import::Encoding;
        let read = |encoding, separator| ReadAs {
            encoding,
            separator,
        };
        assert_eq!(
            read_as(Locale::nl, &read(Encoding::Utf8, ';')),
            "UTF-8, puntkomma"
        );
        assert_eq!(
            read_as(Locale::en, &read(Encoding::Utf8, ';')),
            "UTF-8, semicolon"
        );
        assert_eq!(
            read_as(Locale::nl, &read(Encoding::Windows1252, ',')),
            "Windows-1252, komma"
        );
        assert_eq!(
            read_as(Locale::en, &read(Encoding::Utf16Le, '\t')),
            "UTF-16LE, tab"
        );
        assert_eq!(
            read_as(Locale::en, &read(Encoding::Utf8, '|')),
            "UTF-8, other separator"
        );
    }
}
