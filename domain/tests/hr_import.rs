//! The HR import end to end: bytes as Excel and HR systems write them →
//! [`hr_import::parse`] → [`hr_import::plan`].
//!
//! Every error case asserts the exact line, column and problem (the code
//! with its details), because those are what HR staff read in the
//! preview; the sentences they read are tested where they are made
//! (`app::import::words`). `fixtures/hr_import/` holds the same employees
//! in Excel's two Dutch CSV flavours.

use std::collections::BTreeSet;
use std::path::Path;

use domain::completion::Date;
use domain::hr_import::{
    self, Column, DepartmentRow, EmployeeRow, Encoding, ExistingEmployee, Field, FieldChange,
    ImportPlan, ImportProblem, LongValue, OtherLines, ParsedImport, Problem, UnknownColumn,
};

fn today() -> Date {
    Date::new(2026, 3, 1).expect("a real date")
}

fn parse_ok(bytes: &[u8]) -> ParsedImport {
    hr_import::parse(bytes, today())
        .unwrap_or_else(|problems| panic!("expected a valid file, got:\n{problems:#?}"))
}

fn parse_err(bytes: &[u8]) -> Vec<ImportProblem> {
    match hr_import::parse(bytes, today()) {
        Ok(parsed) => panic!("expected problems, the file parsed: {parsed:#?}"),
        Err(problems) => problems,
    }
}

fn problem(line: usize, column: Option<&str>, problem: Problem) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        problem,
    }
}

fn row(
    line: usize,
    number: &str,
    name: &str,
    email: &str,
    department: &str,
    roles: &[&str],
    active: bool,
) -> EmployeeRow {
    EmployeeRow {
        line,
        employee_number: number.into(),
        name: name.into(),
        email: email.into(),
        department_code: department.into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        active,
    }
}

fn department(
    code: &str,
    name: Option<&str>,
    parent: Option<&str>,
    line: usize,
    parent_line: Option<usize>,
) -> DepartmentRow {
    DepartmentRow {
        code: code.into(),
        name: name.map(str::to_string),
        parent_code: parent.map(str::to_string),
        line,
        parent_line,
    }
}

const HEADER: &str = "personeelsnummer;naam;email;afdelingscode\n";

/// A file with the minimal header and these data lines (line 2 onwards).
fn minimal(lines: &[&str]) -> Vec<u8> {
    let mut text = HEADER.to_string();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.into_bytes()
}

fn invalid_email(value: &str) -> Problem {
    Problem::InvalidEmail {
        value: value.into(),
    }
}

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::new(year, month, day).expect("a real date")
}

// ---------------------------------------------------------------------------
// Encodings and separators
// ---------------------------------------------------------------------------

#[test]
fn utf8_with_bom_and_semicolons() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "Personeelsnummer;Naam;E-mail;Afdelingscode;Afdeling\r\n\
         0042;Anaïs  Bakker;Anais.Bakker@Gemeente.NL;BUR;Burgerzaken\r\n\
         1002;Zoë de Vries;zoe.devries@gemeente.nl;BUR;\r\n\
         1003;Loïc Müller;loic@gemeente.nl;FIN;Financiën\r\n"
            .as_bytes(),
    );
    let parsed = parse_ok(&bytes);
    assert_eq!(parsed.encoding, Encoding::Utf8);
    assert_eq!(parsed.encoding.label(), "UTF-8");
    assert_eq!(parsed.separator, ';');
    assert_eq!(
        parsed.rows,
        [
            row(
                2,
                "0042",
                "Anaïs Bakker",
                "anais.bakker@gemeente.nl",
                "BUR",
                &[],
                true
            ),
            row(
                3,
                "1002",
                "Zoë de Vries",
                "zoe.devries@gemeente.nl",
                "BUR",
                &[],
                true
            ),
            row(
                4,
                "1003",
                "Loïc Müller",
                "loic@gemeente.nl",
                "FIN",
                &[],
                true
            ),
        ]
    );
    assert_eq!(
        parsed.departments,
        [
            department("BUR", Some("Burgerzaken"), None, 2, None),
            department("FIN", Some("Financiën"), None, 4, None),
        ]
    );
    assert_eq!(
        parsed.columns,
        [
            (Column::EmployeeNumber, "Personeelsnummer".to_string()),
            (Column::Name, "Naam".to_string()),
            (Column::Email, "E-mail".to_string()),
            (Column::DepartmentCode, "Afdelingscode".to_string()),
            (Column::DepartmentName, "Afdeling".to_string()),
        ]
    );
    assert_eq!(parsed.header(Column::Email), Some("E-mail"));
    assert_eq!(parsed.header(Column::Roles), None);
    assert_eq!(parsed.warnings, []);
}

#[test]
fn windows_1252_with_commas_keeps_accents() {
    let bytes = b"personeelsnummer,naam,email,afdelingscode,afdeling\r\n\
                  1,Andr\xe9 Ho\xebl,andre.hoel@gemeente.nl,BUR,Burgerzaken\r\n\
                  2,Lo\xefs Cr\xe9mer,lois@gemeente.nl,FIN,Financi\xebn \x80\r\n";
    let parsed = parse_ok(bytes);
    assert_eq!(parsed.encoding, Encoding::Windows1252);
    assert_eq!(parsed.encoding.to_string(), "Windows-1252");
    assert_eq!(parsed.separator, ',');
    assert_eq!(
        parsed.rows,
        [
            row(
                2,
                "1",
                "André Hoël",
                "andre.hoel@gemeente.nl",
                "BUR",
                &[],
                true
            ),
            row(3, "2", "Loïs Crémer", "lois@gemeente.nl", "FIN", &[], true),
        ]
    );
    assert_eq!(parsed.departments[1].name.as_deref(), Some("Financiën €"));
    assert_eq!(parsed.warnings, []);
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hr_import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn both_fixture_files_read_alike() {
    let utf8 = parse_ok(&fixture("utf8-bom-puntkomma.csv"));
    let cp1252 = parse_ok(&fixture("windows-1252-komma.csv"));
    assert_eq!((utf8.encoding, utf8.separator), (Encoding::Utf8, ';'));
    assert_eq!(
        (cp1252.encoding, cp1252.separator),
        (Encoding::Windows1252, ',')
    );

    let expected_rows = [
        row(
            2,
            "0001",
            "Anaïs Bakker",
            "anais.bakker@gemeente.nl",
            "GEM",
            &["learner", "admin"],
            true,
        ),
        row(
            3,
            "0002",
            "José de Vries",
            "jose.devries@gemeente.nl",
            "BUR",
            &["manager"],
            true,
        ),
        row(
            4,
            "0003",
            "Zoë van der Berg",
            "zoe.vanderberg@gemeente.nl",
            "BUR",
            &[],
            true,
        ),
        // Left on 31-12-2025: inactive although `actief` says ja (a warning).
        row(
            5,
            "0004",
            "Renée Çelik",
            "renee.celik@gemeente.nl",
            "WMO",
            &["learner"],
            false,
        ),
        row(
            6,
            "0005",
            "Loïc Dijkstra-Öztürk",
            "loic.dijkstra@gemeente.nl",
            "SOC",
            &["trainer", "hr"],
            true,
        ),
    ];
    let expected_departments = [
        department("GEM", Some("Gemeente Voorbeeld"), None, 2, None),
        department("BUR", Some("Burgerzaken"), Some("GEM"), 3, Some(3)),
        department("SOC", Some("Sociaal Domein"), Some("GEM"), 6, Some(6)),
        department(
            "WMO",
            Some("Zorg, Welzijn en Jeugd"),
            Some("SOC"),
            5,
            Some(5),
        ),
    ];
    let expected_warnings = [problem(
        5,
        Some("Actief"),
        Problem::ActiveButLeft {
            value: "ja".into(),
            left_on: date(2025, 12, 31),
        },
    )];
    for parsed in [&utf8, &cp1252] {
        assert_eq!(parsed.rows, expected_rows);
        assert_eq!(parsed.departments, expected_departments);
        assert_eq!(parsed.warnings, expected_warnings);
        assert_eq!(parsed.columns.len(), 11);
    }
}

#[test]
fn utf16_with_a_byte_order_mark_and_tabs() {
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
    let text =
        "personeelsnummer\tnaam\temail\tafdelingscode\r\n7\tZoë Bakker\tzoe@gemeente.nl\tBUR\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let parsed = parse_ok(&bytes);
    assert_eq!(
        (parsed.encoding, parsed.separator),
        (Encoding::Utf16Le, '\t')
    );
    assert_eq!(
        parsed.rows,
        [row(
            2,
            "7",
            "Zoë Bakker",
            "zoe@gemeente.nl",
            "BUR",
            &[],
            true
        )]
    );
}

#[test]
fn an_excel_sep_line_names_the_separator_and_shifts_the_lines() {
    // With `sep=,` the commas separate, although `;` would split too.
    let parsed = parse_ok(
        b"sep=,\npersoneelsnummer,naam,email,afdelingscode\n1,\"Jan; de Vries\",jan@gemeente.nl,BUR\n",
    );
    assert_eq!(parsed.separator, ',');
    assert_eq!(
        parsed.rows,
        [row(
            3,
            "1",
            "Jan; de Vries",
            "jan@gemeente.nl",
            "BUR",
            &[],
            true
        )]
    );
    let problems = parse_err(b"sep=;\npersoneelsnummer;naam;email;afdelingscode\n1;Jan;jan@;BUR\n");
    assert_eq!(problems, [problem(3, Some("email"), invalid_email("jan@"))]);
}

#[test]
fn the_separator_is_the_one_that_finds_the_columns() {
    // The names contain commas, the header has none: `;` finds the columns.
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode\n1;Vries, Jan de;jan@gemeente.nl;BUR\n",
    );
    assert_eq!(parsed.separator, ';');
    assert_eq!(parsed.rows[0].name, "Vries, Jan de");
    // A quoted header with the other separator inside.
    let parsed = parse_ok(b"\"personeelsnummer\",\"naam; volledig\",naam,email,afdelingscode\n1,x,Jan,jan@gemeente.nl,BUR\n");
    assert_eq!(parsed.separator, ',');
    assert_eq!(parsed.rows[0].name, "Jan");
}

#[test]
fn a_file_mixing_encodings_gets_a_warning() {
    // Valid UTF-8 on line 2, a Windows-1252 byte on line 3: read as
    // Windows-1252, so line 2 is garbled, and the preview says so.
    let parsed = parse_ok(
        b"personeelsnummer,naam,email,afdelingscode\n1,Ren\xC3\xA9e,renee@gemeente.nl,BUR\n2,Zo\xEB,zoe@gemeente.nl,BUR\n",
    );
    assert_eq!(parsed.encoding, Encoding::Windows1252);
    assert_eq!(parsed.rows[0].name, "RenÃ©e");
    assert_eq!(parsed.rows[1].name, "Zoë");
    assert_eq!(parsed.warnings, [problem(2, None, Problem::MixedEncoding)]);
}

#[test]
fn a_utf8_bom_with_invalid_bytes_is_refused() {
    let problems = parse_err(
        b"\xEF\xBB\xBFpersoneelsnummer;naam;email;afdelingscode\n1;Zo\xEB;zoe@gemeente.nl;BUR\n",
    );
    assert_eq!(problems, [problem(2, None, Problem::InvalidUtf8AfterBom)]);
}

#[test]
fn spreadsheets_and_binary_files_are_refused() {
    assert_eq!(
        parse_err(b"PK\x03\x04\x14\x00\x06\x00"),
        [problem(1, None, Problem::ExcelWorkbook)]
    );
    assert_eq!(
        parse_err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
        [problem(1, None, Problem::ExcelWorkbook)]
    );
    assert_eq!(
        parse_err(b"p\x00e\x00r\x00"),
        [problem(1, None, Problem::NulCharacters)]
    );
}

// ---------------------------------------------------------------------------
// Quoting and line numbers
// ---------------------------------------------------------------------------

#[test]
fn quoted_fields_hold_separators_quotes_and_line_breaks() {
    let parsed = parse_ok(
        b"personeelsnummer,naam,email,afdelingscode,afdeling\r\n\
          1,\"Vries, Jan de\",jan@gemeente.nl,BUR,\"Burgerzaken,\r\nPubliekszaken\"\r\n\
          2,\"Piet \"\"PJ\"\" Jansen\",piet@gemeente.nl,BUR,\"Burgerzaken, Publiekszaken\"\r\n\
          \"3\",\"\"\"Kees\"\"\",\"kees@gemeente.nl\",\"BUR\",\r\n",
    );
    assert_eq!(
        parsed.rows,
        [
            row(2, "1", "Vries, Jan de", "jan@gemeente.nl", "BUR", &[], true),
            row(
                4,
                "2",
                "Piet \"PJ\" Jansen",
                "piet@gemeente.nl",
                "BUR",
                &[],
                true
            ),
            row(5, "3", "\"Kees\"", "kees@gemeente.nl", "BUR", &[], true),
        ]
    );
    assert_eq!(
        parsed.departments,
        [department(
            "BUR",
            Some("Burgerzaken, Publiekszaken"),
            None,
            2,
            None
        )]
    );
}

#[test]
fn multi_line_fields_keep_the_line_numbers_right() {
    let bytes = b"personeelsnummer,naam,email,afdelingscode,afdeling\n\
                  1,\"Vries, Jan de\",jan@gemeente.nl,BUR,\"Burgerzaken\n\
                  en Publiekszaken\"\n\
                  2,\"Piet \"\"PJ\"\" Jansen\",piet@,BUR,\"Burgerzaken\n\
                  en\n\
                  Publiekszaken\"\n\
                  3,Kees,,BUR,Burgerzaken en Publiekszaken\n\
                  \n\
                  4,Els,els@,\"BUR\",\n";
    assert_eq!(
        parse_err(bytes),
        [
            problem(4, Some("email"), invalid_email("piet@")),
            problem(7, Some("email"), Problem::EmptyEmail),
            problem(9, Some("email"), invalid_email("els@")),
        ]
    );
    // The same rows, valid: multi-line names are joined with spaces and the
    // department name is the same on every row once whitespace is collapsed.
    let valid = String::from_utf8_lossy(bytes)
        .replace("piet@,", "piet@gemeente.nl,")
        .replace("3,Kees,,", "3,Kees,kees@gemeente.nl,")
        .replace("els@,", "els@gemeente.nl,");
    let parsed = parse_ok(valid.as_bytes());
    assert_eq!(
        parsed.rows,
        [
            row(2, "1", "Vries, Jan de", "jan@gemeente.nl", "BUR", &[], true),
            row(
                4,
                "2",
                "Piet \"PJ\" Jansen",
                "piet@gemeente.nl",
                "BUR",
                &[],
                true
            ),
            row(7, "3", "Kees", "kees@gemeente.nl", "BUR", &[], true),
            row(9, "4", "Els", "els@gemeente.nl", "BUR", &[], true),
        ]
    );
    assert_eq!(
        parsed.departments,
        [department(
            "BUR",
            Some("Burgerzaken en Publiekszaken"),
            None,
            2,
            None
        )]
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let unclosed = |line| problem(line, None, Problem::UnclosedQuote);
    let problems = parse_err(&minimal(&[
        "1;Jan;jan@gemeente.nl;BUR",
        "2;\"Piet;piet@gemeente.nl;BUR",
        "3;Kees;kees@gemeente.nl;BUR",
    ]));
    assert_eq!(problems, [unclosed(3)]);
    // In the header itself: the quote, not the columns, is the problem.
    let problems = parse_err(b"\n\npersoneelsnummer;\"naam;email;afdelingscode\n1;a;b;c\n");
    assert_eq!(problems, [unclosed(3)]);
}

#[test]
fn a_sep_line_naming_what_cannot_separate_is_refused() {
    for separator in ['é', '"'] {
        let file = format!("sep={separator}\npersoneelsnummer;naam;email;afdelingscode\n");
        assert_eq!(
            parse_err(file.as_bytes()),
            [problem(1, None, Problem::UnusableSeparator { separator })]
        );
    }
    // Any other single ASCII character separates.
    let parsed =
        parse_ok(b"sep=|\npersoneelsnummer|naam|email|afdelingscode\n1|Jan|jan@gemeente.nl|BUR\n");
    assert_eq!(parsed.separator, '|');
    assert_eq!(parsed.rows.len(), 1);
}

#[test]
fn rows_with_the_wrong_number_of_fields() {
    let problems = parse_err(&minimal(&[
        "1;Jan;jan@gemeente.nl",
        "2;Piet;piet@gemeente.nl;BUR",
        "3;de Vries; Kees;kees@gemeente.nl;BUR",
        ";;;",
        "",
    ]));
    let fields = |n| Problem::FieldCount {
        fields: n,
        header: 4,
        separator: ';',
    };
    assert_eq!(
        problems,
        [problem(2, None, fields(3)), problem(4, None, fields(5))]
    );
}

// ---------------------------------------------------------------------------
// The header
// ---------------------------------------------------------------------------

fn missing(column: Column, found: &[&str], read_with: Option<char>) -> Problem {
    Problem::MissingColumn {
        column,
        found: found.iter().map(|f| f.to_string()).collect(),
        read_with,
    }
}

#[test]
fn missing_columns_are_named_with_what_was_found() {
    let problems =
        parse_err(b"Personeelsnr;Voornaam;Mail;Afdeling\n1;Jan;jan@gemeente.nl;Burgerzaken\n");
    let found = ["Personeelsnr", "Voornaam", "Mail", "Afdeling"];
    assert_eq!(
        problems,
        [
            problem(1, None, missing(Column::LastName, &found, None)),
            problem(1, None, missing(Column::Email, &found, None)),
            problem(1, None, missing(Column::DepartmentCode, &found, None)),
        ]
    );
}

#[test]
fn missing_name_and_number_columns() {
    let problems = parse_err(b"email,afdelingscode\njan@gemeente.nl,BUR\n");
    let found = ["email", "afdelingscode"];
    assert_eq!(
        problems,
        [
            problem(1, None, missing(Column::EmployeeNumber, &found, None)),
            problem(1, None, missing(Column::Name, &found, None)),
        ]
    );
    let problems = parse_err(b"nr,achternaam,email,afdelingscode\n1,Jan,jan@gemeente.nl,BUR\n");
    let found = ["nr", "achternaam", "email", "afdelingscode"];
    assert_eq!(
        problems,
        [
            problem(1, None, missing(Column::EmployeeNumber, &found, None)),
            problem(1, None, missing(Column::FirstName, &found, None)),
        ]
    );
}

#[test]
fn a_header_that_does_not_split_hints_at_the_separator() {
    let problems =
        parse_err(b"personeelsnummer|naam|email|afdelingscode\n1|Jan|jan@gemeente.nl|BUR\n");
    let found = ["personeelsnummer|naam|email|afdelingscode"];
    assert_eq!(
        problems,
        [
            problem(1, None, missing(Column::EmployeeNumber, &found, Some(';'))),
            problem(1, None, missing(Column::Name, &found, Some(';'))),
            problem(1, None, missing(Column::Email, &found, Some(';'))),
            problem(1, None, missing(Column::DepartmentCode, &found, Some(';'))),
        ]
    );
}

#[test]
fn a_column_given_twice_is_an_error() {
    let problems =
        parse_err(b"personeelsnummer;naam;E-mail;email;afdelingscode\n1;Jan;a@b.nl;a@b.nl;BUR\n");
    assert_eq!(
        problems,
        [problem(
            1,
            Some("email"),
            Problem::ColumnTwice {
                column: Column::Email,
                first: "E-mail".into(),
                second: "email".into(),
            }
        )]
    );
}

#[test]
fn unknown_columns_are_a_warning() {
    let parsed = parse_ok(
        b"Telefoon;personeelsnummer;naam;email;afdelingscode;Functie;\n\
          0612345678;1;Jan;jan@gemeente.nl;BUR;Adviseur;\n",
    );
    assert_eq!(
        parsed.rows,
        [row(2, "1", "Jan", "jan@gemeente.nl", "BUR", &[], true)]
    );
    assert_eq!(
        parsed.warnings,
        [problem(
            1,
            None,
            Problem::UnknownColumns {
                columns: vec![
                    UnknownColumn::Named("Telefoon".into()),
                    UnknownColumn::Named("Functie".into()),
                    UnknownColumn::Unnamed(7),
                ]
            }
        )]
    );
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;Functie\n1;Jan;jan@gemeente.nl;BUR;x\n",
    );
    assert_eq!(
        parsed.warnings,
        [problem(
            1,
            None,
            Problem::UnknownColumns {
                columns: vec![UnknownColumn::Named("Functie".into())]
            }
        )]
    );
}

#[test]
fn english_headers_work_too() {
    let parsed = parse_ok(
        b"Employee Number,First Name,Infix,Last Name,Email Address,Department Code,Department,\
          Parent Department Code,Roles,Active,End Date\n\
          9,Jan,van,Dam,jan@gemeente.nl,BUR,Civil Affairs,,admin|learner,true,2026-06-30\n",
    );
    assert_eq!(
        parsed.rows,
        [row(
            2,
            "9",
            "Jan van Dam",
            "jan@gemeente.nl",
            "BUR",
            &["learner", "admin"],
            true
        )]
    );
}

// ---------------------------------------------------------------------------
// Empty files
// ---------------------------------------------------------------------------

#[test]
fn an_empty_file() {
    let empty = problem(1, None, Problem::EmptyFile);
    for bytes in [
        &b""[..],
        b"\r\n \r\n\n",
        b"\xEF\xBB\xBF",
        b"sep=;\r\n",
        b";;;\n",
    ] {
        assert_eq!(parse_err(bytes), std::slice::from_ref(&empty), "{bytes:?}");
    }
}

#[test]
fn a_header_without_rows() {
    let only_header = |line| problem(line, None, Problem::HeaderOnly);
    assert_eq!(parse_err(HEADER.as_bytes()), [only_header(1)]);
    assert_eq!(
        parse_err(b"\xEF\xBB\xBFpersoneelsnummer;naam;email;afdelingscode\r\n;;;\r\n\r\n"),
        [only_header(1)]
    );
    // Blank lines above the header are skipped; lines still count.
    assert_eq!(
        parse_err(format!("\n\n{HEADER}").as_bytes()),
        [only_header(3)]
    );
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

#[test]
fn empty_required_fields() {
    let problems = parse_err(&minimal(&[
        ";Jan;jan@gemeente.nl;BUR",
        "2;  ;piet@gemeente.nl;BUR",
        "3;Kees; ;BUR",
        "4;Els;els@gemeente.nl;",
    ]));
    assert_eq!(
        problems,
        [
            problem(2, Some("personeelsnummer"), Problem::EmptyEmployeeNumber),
            problem(3, Some("naam"), Problem::EmptyName),
            problem(4, Some("email"), Problem::EmptyEmail),
            problem(5, Some("afdelingscode"), Problem::EmptyDepartmentCode),
        ]
    );
}

#[test]
fn names_from_first_name_infix_and_last_name() {
    let header = "personeelsnummer;naam;voornaam;tussenvoegsel;achternaam;email;afdelingscode\n";
    let parsed = parse_ok(
        format!(
            "{header}\
             1;;Jan;de;Vries;jan@gemeente.nl;BUR\n\
             2;;Piet;;Jansen;piet@gemeente.nl;BUR\n\
             3;J.  de Vries-Bakker;Jan;de;Vries;jdv@gemeente.nl;BUR\n\
             4;; Anne  Marie ; van der ;Berg;anne@gemeente.nl;BUR\n"
        )
        .as_bytes(),
    );
    let names: Vec<&str> = parsed.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Jan de Vries",
            "Piet Jansen",
            "J. de Vries-Bakker",
            "Anne Marie van der Berg"
        ]
    );

    let problems = parse_err(
        format!("{header}1;;;de;Vries;jan@gemeente.nl;BUR\n2;;Piet;;;piet@gemeente.nl;BUR\n")
            .as_bytes(),
    );
    assert_eq!(
        problems,
        [
            problem(
                2,
                Some("voornaam"),
                Problem::EmptyFirstName { or_name: true }
            ),
            problem(
                3,
                Some("achternaam"),
                Problem::EmptyLastName { or_name: true }
            ),
        ]
    );
    // Without a `naam` column both parts are simply required.
    let problems = parse_err(
        b"personeelsnummer;Voornaam;Achternaam;email;afdelingscode\n1;;;jan@gemeente.nl;BUR\n",
    );
    assert_eq!(
        problems,
        [
            problem(
                2,
                Some("Voornaam"),
                Problem::EmptyFirstName { or_name: false }
            ),
            problem(
                2,
                Some("Achternaam"),
                Problem::EmptyLastName { or_name: false }
            ),
        ]
    );
}

#[test]
fn invalid_email_addresses() {
    let problems = parse_err(&minimal(&[
        "1;Jan;jan.devries@;BUR",
        "2;Piet;piet jansen@gemeente.nl;BUR",
        "3;Kees;Kees <kees@gemeente.nl>;BUR",
        "4;Els;els@gemeente;BUR",
        "5;Ok;OK@Gemeente.nl;BUR",
    ]));
    assert_eq!(
        problems,
        [
            problem(2, Some("email"), invalid_email("jan.devries@")),
            problem(3, Some("email"), invalid_email("piet jansen@gemeente.nl")),
            problem(4, Some("email"), invalid_email("Kees <kees@gemeente.nl>")),
            problem(5, Some("email"), invalid_email("els@gemeente")),
        ]
    );
}

fn lines(shown: &[usize], more: usize) -> OtherLines {
    OtherLines {
        shown: shown.to_vec(),
        more,
    }
}

#[test]
fn duplicates_are_reported_on_every_line_involved() {
    let problems = parse_err(&minimal(&[
        "1001;Jan;jan@gemeente.nl;BUR",
        "1002;Piet;piet@gemeente.nl;BUR",
        "1001;Kees;kees@gemeente.nl;BUR",
        "1003;Piet Jr;Piet@Gemeente.nl;BUR",
        "1001;Els;els@gemeente.nl;BUR",
    ]));
    let number = |others: &[usize]| Problem::DuplicateEmployeeNumber {
        number: "1001".into(),
        others: lines(others, 0),
    };
    let email = |others: &[usize]| Problem::DuplicateEmail {
        email: "piet@gemeente.nl".into(),
        others: lines(others, 0),
    };
    assert_eq!(
        problems,
        [
            problem(2, Some("personeelsnummer"), number(&[4, 6])),
            problem(3, Some("email"), email(&[5])),
            problem(4, Some("personeelsnummer"), number(&[2, 6])),
            problem(5, Some("email"), email(&[3])),
            problem(6, Some("personeelsnummer"), number(&[2, 4])),
        ]
    );
}

// Found by fuzzing (issue 14, docs/fuzzing.md): each of these 3 000 rows
// named the 2 999 others, 45 MB of messages for a 100 kB file (a 10 MB file
// would not fit in memory). Now five lines are named and the rest counted.
#[test]
fn a_placeholder_address_on_many_rows_gives_short_messages() {
    let rows: Vec<String> = (1..=3000)
        .map(|i| format!("{i};Medewerker {i};onbekend@gemeente.nl;BUR"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let problems = parse_err(&minimal(&rows));
    assert_eq!(problems.len(), 3000);
    let email = |others: OtherLines| Problem::DuplicateEmail {
        email: "onbekend@gemeente.nl".into(),
        others,
    };
    assert_eq!(
        problems[0],
        problem(2, Some("email"), email(lines(&[3, 4, 5, 6, 7], 2994)))
    );
    assert_eq!(
        problems[2999],
        problem(3001, Some("email"), email(lines(&[2, 3, 4, 5, 6], 2994)))
    );
    assert!(problems.iter().all(|p| match &p.problem {
        Problem::DuplicateEmail { others, .. } => others.shown.len() <= 6,
        _ => false,
    }));
}

#[test]
fn roles_in_dutch_and_english() {
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;Rollen\n\
          1;Jan;jan@gemeente.nl;BUR;Leidinggevende | medewerker\n\
          2;Piet;piet@gemeente.nl;BUR;\"trainer,hr\"\n\
          3;Kees;kees@gemeente.nl;BUR;\n\
          4;Els;els@gemeente.nl;BUR;ADMIN|beheerder\n",
    );
    let roles: Vec<Vec<String>> = parsed.rows.iter().map(|r| r.roles.clone()).collect();
    assert_eq!(
        roles,
        [
            vec!["learner".to_string(), "manager".to_string()],
            vec!["trainer".to_string(), "hr".to_string()],
            vec![],
            vec!["admin".to_string()],
        ]
    );
}

#[test]
fn unknown_roles() {
    let problems = parse_err(
        b"personeelsnummer;naam;email;afdelingscode;rol\n\
          1;Jan;jan@gemeente.nl;BUR;directeur\n\
          2;Piet;piet@gemeente.nl;BUR;manager|baas|medewerker|chef\n",
    );
    let unknown = |name: &str| Problem::UnknownRole { name: name.into() };
    assert_eq!(
        problems,
        [
            problem(2, Some("rol"), unknown("directeur")),
            problem(3, Some("rol"), unknown("baas")),
            problem(3, Some("rol"), unknown("chef")),
        ]
    );
}

#[test]
fn active_flags() {
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;actief\n\
          1;A;a@gemeente.nl;BUR;ja\n\
          2;B;b@gemeente.nl;BUR;Nee\n\
          3;C;c@gemeente.nl;BUR;\n\
          4;D;d@gemeente.nl;BUR;0\n\
          5;E;e@gemeente.nl;BUR;TRUE\n",
    );
    let active: Vec<bool> = parsed.rows.iter().map(|r| r.active).collect();
    assert_eq!(active, [true, false, true, false, true]);

    let problems = parse_err(
        b"personeelsnummer;naam;email;afdelingscode;Actief\n\
          1;A;a@gemeente.nl;BUR;misschien\n\
          2;B;b@gemeente.nl;BUR;ja\n\
          3;C;c@gemeente.nl;BUR;2\n",
    );
    let bad = |value: &str| Problem::InvalidActive {
        value: value.into(),
    };
    assert_eq!(
        problems,
        [
            problem(2, Some("Actief"), bad("misschien")),
            problem(4, Some("Actief"), bad("2")),
        ]
    );
}

#[test]
fn end_dates_decide_who_is_still_active() {
    // Today is 01-03-2026; the day someone leaves is their last working day.
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;uit dienst;actief\n\
          1;A;a@gemeente.nl;BUR;28-02-2026;\n\
          2;B;b@gemeente.nl;BUR;01-03-2026;\n\
          3;C;c@gemeente.nl;BUR;2026-03-02;\n\
          4;D;d@gemeente.nl;BUR;1/3/2025;\n\
          5;E;e@gemeente.nl;BUR;;\n\
          6;F;f@gemeente.nl;BUR;31/12/2099;nee\n\
          7;G;g@gemeente.nl;BUR;1-1-2026;ja\n",
    );
    let active: Vec<bool> = parsed.rows.iter().map(|r| r.active).collect();
    assert_eq!(active, [false, true, true, false, true, false, false]);
    assert_eq!(
        parsed.warnings,
        [problem(
            8,
            Some("actief"),
            Problem::ActiveButLeft {
                value: "ja".into(),
                left_on: date(2026, 1, 1),
            }
        )]
    );
}

#[test]
fn bad_dates() {
    let problems = parse_err(
        b"personeelsnummer;naam;email;afdelingscode;Datum uit dienst\n\
          1;A;a@gemeente.nl;BUR;31-02-2026\n\
          2;B;b@gemeente.nl;BUR;2026/03/01\n\
          3;C;c@gemeente.nl;BUR;1 maart 2026\n\
          4;D;d@gemeente.nl;BUR;01-03-26\n\
          5;E;e@gemeente.nl;BUR;2026-03-01 00:00\n\
          6;F;f@gemeente.nl;BUR;2026-03-01\n",
    );
    let bad = |value: &str| Problem::InvalidDate {
        value: value.into(),
    };
    let column = Some("Datum uit dienst");
    assert_eq!(
        problems,
        [
            problem(2, column, bad("31-02-2026")),
            problem(3, column, bad("2026/03/01")),
            problem(4, column, bad("1 maart 2026")),
            problem(5, column, bad("01-03-26")),
            problem(6, column, bad("2026-03-01 00:00")),
        ]
    );
}

#[test]
fn values_that_are_too_long() {
    let long = "9".repeat(65);
    let problems = parse_err(&minimal(&[&format!("{long};Jan;jan@gemeente.nl;BUR")]));
    assert_eq!(
        problems,
        [problem(
            2,
            Some("personeelsnummer"),
            Problem::TooLong {
                value: LongValue::EmployeeNumber,
                chars: 65,
                max: 64,
            }
        )]
    );
    let name = "n".repeat(201);
    let code = "C".repeat(70);
    let problems = parse_err(
        format!(
            "{DEPARTMENT_HEADER}1;{name};jan@gemeente.nl;{code};{name};{code}\n\
             2;Jan;jan2@gemeente.nl;BUR;Burgerzaken;\n"
        )
        .as_bytes(),
    );
    let too_long = |value, chars, max| Problem::TooLong { value, chars, max };
    assert_eq!(
        problems,
        [
            problem(2, Some("naam"), too_long(LongValue::Name, 201, 200)),
            problem(
                2,
                Some("afdelingscode"),
                too_long(LongValue::DepartmentCode, 70, 64)
            ),
            problem(
                2,
                Some("afdeling"),
                too_long(LongValue::DepartmentName, 201, 200)
            ),
            problem(
                2,
                Some("bovenliggende_afdelingscode"),
                too_long(LongValue::ParentDepartmentCode, 70, 64)
            ),
        ]
    );
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let problems = parse_err(
        b"personeelsnummer;naam;email;afdelingscode;rol;actief;uit_dienst\n\
          1;;jan@;;baas;soms;gisteren\n\
          1;Piet;piet@gemeente.nl;BUR;;;\n\
          2;Kees;kees@gemeente.nl\n",
    );
    let found: Vec<(usize, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (2, Some("personeelsnummer")),
            (2, Some("naam")),
            (2, Some("email")),
            (2, Some("afdelingscode")),
            (2, Some("rol")),
            (2, Some("actief")),
            (2, Some("uit_dienst")),
            (3, Some("personeelsnummer")),
            (4, None),
        ]
    );
    // The duplicate on line 2 is found although that row had other problems.
    assert_eq!(
        problems[0].problem,
        Problem::DuplicateEmployeeNumber {
            number: "1".into(),
            others: lines(&[3], 0),
        }
    );
}

// ---------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------

const DEPARTMENT_HEADER: &str =
    "personeelsnummer;naam;email;afdelingscode;afdeling;bovenliggende_afdelingscode\n";

fn with_departments(lines: &[&str]) -> Vec<u8> {
    let mut text = DEPARTMENT_HEADER.to_string();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.into_bytes()
}

#[test]
fn departments_form_a_tree_parents_first() {
    let parsed = parse_ok(&with_departments(&[
        "1;A;a@gemeente.nl;TEAM1;Team Paspoorten;BUR",
        "2;B;b@gemeente.nl;BUR;;GEM",
        "3;C;c@gemeente.nl;BUR;Burgerzaken;",
        "4;D;d@gemeente.nl;GEM;Gemeente;",
        "5;E;e@gemeente.nl;SOC;Sociaal Domein;EXTERN",
    ]));
    assert_eq!(
        parsed.departments,
        [
            department("GEM", Some("Gemeente"), None, 5, None),
            department("SOC", Some("Sociaal Domein"), Some("EXTERN"), 6, Some(6)),
            department("BUR", Some("Burgerzaken"), Some("GEM"), 3, Some(3)),
            department("TEAM1", Some("Team Paspoorten"), Some("BUR"), 2, Some(2)),
        ]
    );
}

#[test]
fn a_department_described_differently_on_two_rows() {
    let problems = parse_err(&with_departments(&[
        "1;A;a@gemeente.nl;FIN;Financiën;GEM",
        "2;B;b@gemeente.nl;FIN;Financien;GEM",
        "3;C;c@gemeente.nl;FIN;;BED",
        "4;D;d@gemeente.nl;GEM;Gemeente;",
        "5;E;e@gemeente.nl;BED;Bedrijfsvoering;GEM",
    ]));
    assert_eq!(
        problems,
        [
            problem(
                3,
                Some("afdeling"),
                Problem::DepartmentNameDiffers {
                    code: "FIN".into(),
                    name: "Financien".into(),
                    first_line: 2,
                    first_name: "Financiën".into(),
                }
            ),
            problem(
                4,
                Some("bovenliggende_afdelingscode"),
                Problem::DepartmentParentDiffers {
                    code: "FIN".into(),
                    parent: "BED".into(),
                    first_line: 2,
                    first_parent: "GEM".into(),
                }
            ),
        ]
    );
}

#[test]
fn department_cycles() {
    let problems = parse_err(&with_departments(&[
        "1;A;a@gemeente.nl;BUR;Burgerzaken;PUB",
        "2;B;b@gemeente.nl;PUB;Publiekszaken;DIR",
        "3;C;c@gemeente.nl;DIR;Directie;BUR",
        "4;D;d@gemeente.nl;TEAM;Team;BUR",
        "5;E;e@gemeente.nl;SELF;Zichzelf;SELF",
    ]));
    let cycle = |ring: &[&str]| Problem::DepartmentCycle {
        ring: ring.iter().map(|c| c.to_string()).collect(),
    };
    assert_eq!(
        problems,
        [
            problem(
                2,
                Some("bovenliggende_afdelingscode"),
                cycle(&["BUR", "PUB", "DIR", "BUR"])
            ),
            problem(
                6,
                Some("bovenliggende_afdelingscode"),
                cycle(&["SELF", "SELF"])
            ),
        ]
    );
}

// ---------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------

fn existing(
    id: i32,
    number: Option<&str>,
    name: &str,
    email: &str,
    department: Option<&str>,
    roles: &[&str],
    active: bool,
) -> ExistingEmployee {
    ExistingEmployee {
        id,
        employee_number: number.map(str::to_string),
        name: name.into(),
        email: email.into(),
        department_code: department.map(str::to_string),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        active,
    }
}

fn codes(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

fn change(field: Field, from: &str, to: &str) -> FieldChange {
    FieldChange {
        field,
        from: from.into(),
        to: to.into(),
    }
}

fn plan_file() -> ParsedImport {
    parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;afdeling;bovenliggende_afdelingscode;rol;actief\n\
          1001;Jan de Vries;jan.devries@gemeente.nl;BUR;Burgerzaken;GEM;;ja\n\
          1002;Piet Jansen;piet.jansen@gemeente.nl;FIN;Financi\xc3\xabn;GEM;manager;ja\n\
          1003;Kees Bakker;kees@gemeente.nl;BUR;;;;nee\n\
          1004;Els Visser;els@gemeente.nl;TEAM;Team Paspoorten;BUR;;ja\n\
          1005;Anna Smit;anna@gemeente.nl;BUR;;;;ja\n\
          1006;Oud Collega;oud@gemeente.nl;BUR;;;;nee\n",
    )
}

fn people() -> Vec<ExistingEmployee> {
    vec![
        // Unchanged.
        existing(
            1,
            Some("1001"),
            "Jan de Vries",
            "jan.devries@gemeente.nl",
            Some("BUR"),
            &["learner"],
            true,
        ),
        // Moves to FIN and becomes a manager instead of a learner.
        existing(
            2,
            Some("1002"),
            "Piet Jansen",
            "piet.jansen@gemeente.nl",
            Some("BUR"),
            &["learner"],
            true,
        ),
        // Leaves: the file says actief nee.
        existing(
            3,
            Some("1003"),
            "Kees Bakker",
            "kees@gemeente.nl",
            Some("BUR"),
            &["learner"],
            true,
        ),
        // Not in the file.
        existing(
            4,
            Some("0999"),
            "Weg Gegaan",
            "weg@gemeente.nl",
            Some("BUR"),
            &["learner"],
            true,
        ),
        existing(
            5,
            Some("0998"),
            "Al Inactief",
            "inactief@gemeente.nl",
            Some("BUR"),
            &["learner"],
            false,
        ),
        // Made by hand, no personeelsnummer: never deactivated by an import.
        existing(
            6,
            None,
            "Beheerder",
            "beheer@gemeente.nl",
            None,
            &["admin"],
            true,
        ),
        // Made by hand, then found in the file by e-mail address: linked.
        existing(7, None, "A. Smit", "anna@gemeente.nl", None, &[], true),
    ]
}

#[test]
fn the_plan_sorts_rows_into_create_update_unchanged_and_deactivate() {
    let parsed = plan_file();
    let plan = hr_import::plan(&parsed, &people(), &codes(&["GEM", "BUR"]), true);
    assert_eq!(plan.problems, []);
    assert!(plan.is_applicable());
    assert!(!plan.is_empty());
    assert_eq!(
        plan.create,
        [row(
            5,
            "1004",
            "Els Visser",
            "els@gemeente.nl",
            "TEAM",
            &["learner"],
            true
        )]
    );
    let updates: Vec<(i32, usize, Vec<FieldChange>)> = plan
        .update
        .iter()
        .map(|u| (u.existing_id, u.row.line, u.changes.clone()))
        .collect();
    assert_eq!(
        updates,
        [
            (
                2,
                3,
                vec![
                    change(Field::Department, "BUR", "FIN"),
                    change(Field::Roles, "learner", "manager"),
                ]
            ),
            (3, 4, vec![change(Field::Active, "ja", "nee")]),
            (
                7,
                6,
                vec![
                    change(Field::EmployeeNumber, "", "1005"),
                    change(Field::Name, "A. Smit", "Anna Smit"),
                    change(Field::Department, "", "BUR"),
                ]
            ),
        ]
    );
    assert_eq!(plan.update[0].row, parsed.rows[1]);
    assert_eq!(plan.unchanged, 1);
    assert_eq!(
        plan.skipped_inactive, 1,
        "1006 left and never had an account"
    );
    assert_eq!(
        plan.deactivate,
        [hr_import::Deactivation {
            existing_id: 4,
            employee_number: "0999".into(),
            name: "Weg Gegaan".into(),
        }]
    );
    assert_eq!(
        plan.new_departments,
        [
            department("FIN", Some("Financiën"), Some("GEM"), 3, Some(3)),
            department("TEAM", Some("Team Paspoorten"), Some("BUR"), 5, Some(5)),
        ]
    );
    assert_eq!(plan.warnings, []);
}

#[test]
fn without_deactivate_missing_nobody_is_deactivated() {
    let plan = hr_import::plan(&plan_file(), &people(), &codes(&["GEM", "BUR"]), false);
    assert_eq!(plan.deactivate, []);
    // Rows that say actief nee still deactivate their person.
    assert!(plan.update.iter().any(|u| u.existing_id == 3));
}

#[test]
fn an_empty_database_creates_everyone_and_every_department() {
    let parsed = parse_ok(&fixture("utf8-bom-puntkomma.csv"));
    let plan = hr_import::plan(&parsed, &[], &BTreeSet::new(), true);
    assert_eq!(plan.problems, []);
    let created: Vec<(&str, Vec<String>)> = plan
        .create
        .iter()
        .map(|r| (r.employee_number.as_str(), r.roles.clone()))
        .collect();
    assert_eq!(
        created,
        [
            ("0001", vec!["learner".to_string(), "admin".to_string()]),
            ("0002", vec!["manager".to_string()]),
            ("0003", vec!["learner".to_string()]),
            ("0005", vec!["trainer".to_string(), "hr".to_string()]),
        ]
    );
    assert_eq!(plan.skipped_inactive, 1);
    let new: Vec<&str> = plan
        .new_departments
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(new, ["GEM", "BUR", "SOC", "WMO"]);
}

#[test]
fn an_email_address_of_another_existing_person_is_a_problem() {
    let parsed = parse_ok(&minimal(&[
        "1001;Jan de Vries;piet.jansen@gemeente.nl;BUR",
        "2001;Nieuw Iemand;KEES@gemeente.nl;BUR",
        "1002;Piet Jansen;p.jansen@gemeente.nl;BUR",
        "2002;Ander Nieuw;hand@gemeente.nl;BUR",
    ]));
    let people = [
        existing(
            1,
            Some("1001"),
            "Jan de Vries",
            "jan@gemeente.nl",
            Some("BUR"),
            &[],
            true,
        ),
        existing(
            2,
            Some("1002"),
            "Piet Jansen",
            "piet.jansen@gemeente.nl",
            Some("BUR"),
            &[],
            true,
        ),
        existing(
            3,
            Some("1003"),
            "Kees Bakker",
            "kees@gemeente.nl",
            Some("BUR"),
            &[],
            false,
        ),
        // Hand-made account, but the row that has its address also has a
        // personeelsnummer of someone else: no link, a conflict.
        existing(4, None, "Handmatig", "hand@gemeente.nl", None, &[], true),
        existing(
            5,
            Some("2002"),
            "Ander Nieuw",
            "ander@gemeente.nl",
            Some("BUR"),
            &[],
            true,
        ),
    ];
    let plan = hr_import::plan(&parsed, &people, &codes(&["BUR"]), false);
    let taken = |email: &str, holder: &str, number: Option<&str>, active| Problem::EmailTaken {
        email: email.into(),
        holder: holder.into(),
        holder_number: number.map(str::to_string),
        holder_active: active,
    };
    assert_eq!(
        plan.problems,
        [
            // Piet changes his address in the same file: still a conflict,
            // so the changes can be written in any order.
            problem(
                2,
                Some("email"),
                taken("piet.jansen@gemeente.nl", "Piet Jansen", Some("1002"), true)
            ),
            problem(
                3,
                Some("email"),
                taken("kees@gemeente.nl", "Kees Bakker", Some("1003"), false)
            ),
            problem(
                5,
                Some("email"),
                taken("hand@gemeente.nl", "Handmatig", None, true)
            ),
        ]
    );
    assert!(!plan.is_applicable());
    assert_eq!(plan.update.len(), 1, "Piet's own change is still planned");
}

#[test]
fn a_parent_department_that_exists_nowhere() {
    let parsed = parse_ok(&with_departments(&[
        "1;A;a@gemeente.nl;BUR;Burgerzaken;",
        "2;B;b@gemeente.nl;BUR;;GEM",
        "3;C;c@gemeente.nl;TEAM;Team;BUR",
        "4;D;d@gemeente.nl;SOC;Sociaal;BESTAAT",
    ]));
    let plan = hr_import::plan(&parsed, &[], &codes(&["BESTAAT"]), false);
    assert_eq!(
        plan.problems,
        [problem(
            3,
            Some("bovenliggende_afdelingscode"),
            Problem::UnknownParent {
                parent: "GEM".into(),
                department: "BUR".into(),
            }
        )]
    );
    let plan = hr_import::plan(&parsed, &[], &codes(&["BESTAAT", "GEM"]), false);
    assert_eq!(plan.problems, []);
}

#[test]
fn a_new_department_without_a_name_is_named_by_its_code() {
    let parsed = parse_ok(&minimal(&[
        "1;A;a@gemeente.nl;BUR",
        "2;B;b@gemeente.nl;FIN",
    ]));
    let plan = hr_import::plan(&parsed, &[], &codes(&["BUR"]), false);
    assert_eq!(
        plan.new_departments,
        [department("FIN", Some("FIN"), None, 3, None)]
    );
    assert_eq!(
        plan.warnings,
        [problem(
            3,
            Some("afdelingscode"),
            Problem::NewDepartmentWithoutName { code: "FIN".into() }
        )]
    );
}

#[test]
fn roles_change_only_when_the_file_names_them() {
    let parsed = parse_ok(
        b"personeelsnummer;naam;email;afdelingscode;rol\n\
          1;Jan;jan@gemeente.nl;BUR;\n\
          2;Piet;piet@gemeente.nl;BUR;medewerker\n\
          3;Kees;kees@gemeente.nl;BUR;beheerder|medewerker\n",
    );
    let people = [
        existing(
            1,
            Some("1"),
            "Jan",
            "jan@gemeente.nl",
            Some("BUR"),
            &["admin", "learner"],
            true,
        ),
        existing(
            2,
            Some("2"),
            "Piet",
            "piet@gemeente.nl",
            Some("BUR"),
            &["admin", "learner"],
            true,
        ),
        existing(
            3,
            Some("3"),
            "Kees",
            "kees@gemeente.nl",
            Some("BUR"),
            &["learner", "admin"],
            true,
        ),
    ];
    let plan = hr_import::plan(&parsed, &people, &codes(&["BUR"]), false);
    assert_eq!(
        plan.unchanged, 2,
        "an empty cell keeps roles; order does not matter"
    );
    assert_eq!(plan.update.len(), 1);
    assert_eq!(
        plan.update[0].changes,
        [change(Field::Roles, "learner, admin", "learner")]
    );
    assert_eq!(
        plan.warnings,
        [problem(
            3,
            Some("rol"),
            Problem::LosesAdmin {
                name: "Piet".into()
            }
        )]
    );
}

#[test]
fn a_repeated_import_changes_nothing() {
    let parsed = parse_ok(&fixture("windows-1252-komma.csv"));
    let people: Vec<ExistingEmployee> = parsed
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| ExistingEmployee {
            id: i32::try_from(i).expect("small"),
            employee_number: Some(r.employee_number.clone()),
            name: r.name.clone(),
            email: r.email.clone(),
            department_code: Some(r.department_code.clone()),
            roles: if r.roles.is_empty() {
                vec!["learner".into()]
            } else {
                r.roles.iter().rev().cloned().collect()
            },
            active: r.active,
        })
        .collect();
    let departments: BTreeSet<String> = parsed.departments.iter().map(|d| d.code.clone()).collect();
    let plan = hr_import::plan(&parsed, &people, &departments, true);
    assert_eq!(
        plan,
        ImportPlan {
            unchanged: 5,
            ..ImportPlan::default()
        }
    );
    assert!(plan.is_empty());
}

#[test]
fn stored_values_are_compared_as_stored() {
    let parsed = parse_ok(&minimal(&["1001;Jan de Vries;jan.devries@gemeente.nl;BUR"]));
    let people = [existing(
        1,
        Some("1001"),
        "Jan de Vries ",
        "Jan.DeVries@gemeente.nl",
        Some("BUR"),
        &[],
        true,
    )];
    let plan = hr_import::plan(&parsed, &people, &codes(&["BUR"]), false);
    assert_eq!(
        plan.problems,
        [],
        "the address is his own, whatever its case"
    );
    assert_eq!(
        plan.update[0].changes,
        [
            change(Field::Name, "Jan de Vries ", "Jan de Vries"),
            change(
                Field::Email,
                "Jan.DeVries@gemeente.nl",
                "jan.devries@gemeente.nl"
            ),
        ]
    );
}
