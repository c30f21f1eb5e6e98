//! The header line: which columns the import knows, under which names (Dutch
//! and English aliases), and which of them a file must have.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{ImportProblem, Problem, UnknownColumn};

/// A column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    EmployeeNumber,
    Name,
    FirstName,
    Infix,
    LastName,
    Email,
    DepartmentCode,
    DepartmentName,
    ParentDepartmentCode,
    Roles,
    Active,
    EndDate,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::EmployeeNumber,
        Column::Name,
        Column::FirstName,
        Column::Infix,
        Column::LastName,
        Column::Email,
        Column::DepartmentCode,
        Column::DepartmentName,
        Column::ParentDepartmentCode,
        Column::Roles,
        Column::Active,
        Column::EndDate,
    ];

    /// The header name the documentation uses, and problems suggest.
    pub fn header_name(self) -> &'static str {
        self.aliases()[0]
    }

    /// Every header name that means this column, in the written form the
    /// documentation lists (the first is the preferred one). Headers are
    /// compared after [`normalise_header`], so `E-mail`, `e_mail` and
    /// `EMAIL` all match `email`.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::EmployeeNumber => &[
                "personeelsnummer",
                "personeelsnr",
                "medewerkernummer",
                "werknemernummer",
                "employee_number",
                "employee_id",
            ],
            Column::Name => &[
                "naam",
                "volledige_naam",
                "name",
                "full_name",
                "display_name",
            ],
            Column::FirstName => &["voornaam", "roepnaam", "first_name", "given_name"],
            Column::Infix => &["tussenvoegsel", "tussenvoegsels", "voorvoegsel", "infix"],
            Column::LastName => &[
                "achternaam",
                "geslachtsnaam",
                "last_name",
                "surname",
                "family_name",
            ],
            Column::Email => &[
                "email",
                "e-mail",
                "e-mailadres",
                "emailadres",
                "email_address",
            ],
            Column::DepartmentCode => &["afdelingscode", "afdeling_code", "department_code"],
            Column::DepartmentName => {
                &["afdeling", "afdelingsnaam", "department", "department_name"]
            }
            Column::ParentDepartmentCode => &[
                "bovenliggende_afdelingscode",
                "bovenliggende_afdeling_code",
                "hoofdafdelingscode",
                "parent_department_code",
                "parent_code",
            ],
            Column::Roles => &["rol", "rollen", "role", "roles"],
            Column::Active => &["actief", "active"],
            Column::EndDate => &[
                "uit_dienst",
                "datum_uit_dienst",
                "uit_dienst_per",
                "einddatum_dienstverband",
                "end_date",
                "termination_date",
            ],
        }
    }

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<Column> {
        // Every alias normalised once, not again for every field of every
        // header line tried: a 256 kB line of short fields (a file that is
        // not a CSV at all) took 3 s, and the import accepts 10 MB.
        static BY_ALIAS: OnceLock<HashMap<String, Column>> = OnceLock::new();
        let by_alias = BY_ALIAS.get_or_init(|| {
            let mut map = HashMap::new();
            for column in Column::ALL {
                for alias in column.aliases() {
                    map.entry(normalise_header(alias)).or_insert(column);
                }
            }
            map
        });
        by_alias.get(&normalise_header(header)).copied()
    }
}

/// Headers compare case-insensitively, trimmed, and ignoring spaces,
/// underscores, hyphens and dots: exports write `Personeelsnr.`,
/// `E-mail adres` or `uit_dienst` for the same thing.
pub fn normalise_header(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header line, mapped: which field sits where, under which name.
#[derive(Debug, Clone)]
pub(super) struct Header {
    /// The field index and the header as found (trimmed) of each known column.
    columns: BTreeMap<Column, (usize, String)>,
    /// How many fields the header has: every row must have as many.
    pub width: usize,
}

impl Header {
    pub fn index(&self, column: Column) -> Option<usize> {
        self.columns.get(&column).map(|(i, _)| *i)
    }

    pub fn name(&self, column: Column) -> Option<&str> {
        self.columns.get(&column).map(|(_, h)| h.as_str())
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains_key(&column)
    }

    /// The known columns in file order, with their headers as found.
    pub fn found(&self) -> Vec<(Column, String)> {
        let mut found: Vec<(usize, Column, String)> = self
            .columns
            .iter()
            .map(|(c, (i, h))| (*i, *c, h.clone()))
            .collect();
        found.sort_by_key(|(i, _, _)| *i);
        found.into_iter().map(|(_, c, h)| (c, h)).collect()
    }
}

/// Map a header line. Returns the mapping, the problems (a required column
/// missing, a column present twice) and the warnings (unknown columns).
/// `line` is the header's line in the file.
pub(super) fn read_header(
    fields: &[String],
    line: usize,
    separator: char,
) -> (Header, Vec<ImportProblem>, Vec<ImportProblem>) {
    let mut columns: BTreeMap<Column, (usize, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut unknown = Vec::new();
    for (index, raw) in fields.iter().enumerate() {
        let header = raw.trim().to_string();
        match Column::from_header(&header) {
            Some(column) => {
                if let Some((_, first)) = columns.get(&column) {
                    problems.push(ImportProblem::at(
                        line,
                        Some(header.clone()),
                        Problem::ColumnTwice {
                            column,
                            first: first.clone(),
                            second: header.clone(),
                        },
                    ));
                } else {
                    columns.insert(column, (index, header));
                }
            }
            None if header.is_empty() => unknown.push(UnknownColumn::Unnamed(index + 1)),
            None => unknown.push(UnknownColumn::Named(header)),
        }
    }
    let header = Header {
        columns,
        width: fields.len(),
    };
    problems.extend(missing_columns(&header, fields, line, separator));
    let mut warnings = Vec::new();
    if !unknown.is_empty() {
        warnings.push(ImportProblem::at(
            line,
            None,
            Problem::UnknownColumns { columns: unknown },
        ));
    }
    (header, problems, warnings)
}

fn missing_columns(
    header: &Header,
    fields: &[String],
    line: usize,
    separator: char,
) -> Vec<ImportProblem> {
    let mut missing: Vec<Column> = Vec::new();
    if !header.has(Column::EmployeeNumber) {
        missing.push(Column::EmployeeNumber);
    }
    if !header.has(Column::Name) {
        match (header.has(Column::FirstName), header.has(Column::LastName)) {
            (true, false) => missing.push(Column::LastName),
            (false, true) => missing.push(Column::FirstName),
            (false, false) => missing.push(Column::Name),
            (true, true) => {}
        }
    }
    for column in [Column::Email, Column::DepartmentCode] {
        if !header.has(column) {
            missing.push(column);
        }
    }
    let found: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
    // One field only usually means the file uses another separator than the
    // one that was detected, e.g. a tab.
    let read_with = (fields.len() == 1).then_some(separator);
    missing
        .into_iter()
        .map(|column| {
            ImportProblem::at(
                line,
                None,
                Problem::MissingColumn {
                    column,
                    found: found.clone(),
                    read_with,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_case_and_punctuation_insensitively() {
        for (header, column) in [
            ("personeelsnummer", Column::EmployeeNumber),
            ("  Personeelsnr. ", Column::EmployeeNumber),
            ("Employee Number", Column::EmployeeNumber),
            ("E-mail", Column::Email),
            ("E-mailadres", Column::Email),
            ("EMAIL", Column::Email),
            ("email address", Column::Email),
            ("Afdelingscode", Column::DepartmentCode),
            ("Afdeling", Column::DepartmentName),
            ("Bovenliggende afdelingscode", Column::ParentDepartmentCode),
            ("Rollen", Column::Roles),
            ("Datum uit dienst", Column::EndDate),
            ("uit_dienst", Column::EndDate),
            ("Tussenvoegsel", Column::Infix),
        ] {
            assert_eq!(Column::from_header(header), Some(column), "{header}");
        }
        assert_eq!(Column::from_header(""), None);
        assert_eq!(Column::from_header("telefoon"), None);
    }

    #[test]
    fn every_alias_belongs_to_one_column_only() {
        let mut seen = std::collections::BTreeMap::new();
        for column in Column::ALL {
            for alias in column.aliases() {
                let previous = seen.insert(normalise_header(alias), column);
                assert!(previous.is_none_or(|p| p == column), "{alias} is ambiguous");
                assert_eq!(Column::from_header(alias), Some(column));
            }
        }
    }

    // Found by fuzzing (issue 14, docs/fuzzing.md): every field of every
    // header line tried normalised all 50 aliases again, so one 256 kB line
    // of short fields took 3 s (10 MB files are accepted). The aliases are
    // now normalised once.
    #[test]
    fn a_huge_header_line_is_mapped_quickly() {
        let fields: Vec<String> = (0..200_000).map(|i| format!("kolom{i}")).collect();
        let started = std::time::Instant::now();
        assert!(fields.iter().all(|f| Column::from_header(f).is_none()));
        assert_eq!(Column::from_header(" E-mail "), Some(Column::Email));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    fn fields(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_complete_header_maps_every_column() {
        let (header, problems, warnings) = read_header(
            &fields(&[
                "Personeelsnummer",
                "Naam",
                "E-mail",
                "Afdelingscode",
                "Telefoon",
                "",
            ]),
            1,
            ';',
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(header.width, 6);
        assert_eq!(header.index(Column::Email), Some(2));
        assert_eq!(header.name(Column::Email), Some("E-mail"));
        assert_eq!(header.found().len(), 4);
        assert_eq!(
            warnings,
            [ImportProblem::at(
                1,
                None,
                Problem::UnknownColumns {
                    columns: vec![
                        UnknownColumn::Named("Telefoon".into()),
                        UnknownColumn::Unnamed(6)
                    ]
                }
            )]
        );
    }

    #[test]
    fn first_and_last_name_replace_the_name_column() {
        let (_, problems, _) = read_header(
            &fields(&[
                "personeelsnummer",
                "voornaam",
                "achternaam",
                "email",
                "afdelingscode",
            ]),
            1,
            ',',
        );
        assert_eq!(problems, []);
        let (_, problems, _) = read_header(
            &fields(&["nr", "voornaam", "email", "afdelingscode"]),
            1,
            ',',
        );
        let missing: Vec<&Problem> = problems.iter().map(|p| &p.problem).collect();
        let found = fields(&["nr", "voornaam", "email", "afdelingscode"]);
        assert_eq!(
            missing,
            [
                &Problem::MissingColumn {
                    column: Column::EmployeeNumber,
                    found: found.clone(),
                    read_with: None
                },
                &Problem::MissingColumn {
                    column: Column::LastName,
                    found,
                    read_with: None
                },
            ]
        );
    }
}
