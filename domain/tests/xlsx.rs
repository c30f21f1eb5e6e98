//! The XLSX export read back with calamine, an independent reader: sheet
//! names, cell values and their types, formats, and that text never turns
//! into a formula.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use domain::completion::Date;
use domain::report::table::{Table, Value};
use domain::report::xlsx::to_xlsx;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine reads the workbook")
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("a valid date")
}

fn text(range: &Range<Data>, row: u32, col: u32) -> &str {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s,
        other => panic!("cell ({row}, {col}) is not a string: {other:?}"),
    }
}

fn float(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        other => panic!("cell ({row}, {col}) is not a float: {other:?}"),
    }
}

fn is_empty(range: &Range<Data>, row: u32, col: u32) -> bool {
    matches!(range.get_value((row, col)), None | Some(Data::Empty))
}

/// The serial day number and the (y, m, d) of a date cell.
fn excel_date(range: &Range<Data>, row: u32, col: u32) -> (f64, (u16, u8, u8)) {
    match range.get_value((row, col)) {
        Some(Data::DateTime(dt)) => {
            assert!(dt.is_datetime(), "cell ({row}, {col}) is a duration");
            let (y, m, d, h, min, s, ms) = dt.to_ymd_hms_milli();
            assert_eq!((h, min, s, ms), (0, 0, 0, 0), "a date has no time");
            (dt.as_f64(), (y, m, d))
        }
        other => panic!("cell ({row}, {col}) is not a date: {other:?}"),
    }
}

const LONG_TITLE: &str = "Voortgang: [Q1] cursussen per afdeling / team *2025*?";

fn details() -> Table {
    Table {
        title: LONG_TITLE.to_string(),
        columns: vec![
            "Afdeling".into(),
            "Medewerker".into(),
            "Afgerond".into(),
            "Score".into(),
            "Behaald op".into(),
            "Opmerking".into(),
        ],
        rows: vec![
            vec![
                Value::text("Financiën"),
                Value::text("Zoë Müller-Dekker"),
                Value::Int(3),
                Value::Percent(12.5),
                Value::Date(date(2025, 3, 14)),
                Value::text("=SUM(1)"),
            ],
            vec![
                Value::text("Communicatie & café"),
                Value::text("René"),
                Value::Int(0),
                Value::Percent(100.0),
                Value::Empty,
                Value::text("+31 6 12345678"),
            ],
            vec![
                Value::text("Zorg"),
                Value::Empty,
                Value::Int(1_234_567),
                Value::Percent(0.0),
                Value::Date(date(2024, 2, 29)),
                Value::Empty,
            ],
        ],
    }
}

fn summary_with_same_title() -> Table {
    Table {
        title: LONG_TITLE.to_string(),
        columns: vec!["Afdeling".into(), "Aantal".into()],
        rows: vec![vec![Value::text("Totaal"), Value::Int(42)]],
    }
}

#[test]
fn every_value_kind_round_trips() {
    let bytes = to_xlsx(&[details(), summary_with_same_title()]).expect("export");
    let mut book = open(bytes);

    // Forbidden characters gone, cut to 31, the second made unique (the
    // base shortened and its trailing space trimmed to make room).
    let first = "Voortgang Q1 cursussen per afde";
    let second = "Voortgang Q1 cursussen per (2)";
    assert_eq!(first.chars().count(), 31);
    assert_eq!(book.sheet_names(), vec![first, second]);

    let props = book.workbook_properties().expect("properties");
    assert_eq!(props.title.as_deref(), Some(LONG_TITLE));

    let range = book.worksheet_range(first).expect("first sheet");
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(range.height(), 4, "header plus three rows");
    assert_eq!(range.width(), 6);

    let headers: Vec<&str> = (0..6).map(|c| text(&range, 0, c)).collect();
    assert_eq!(
        headers,
        [
            "Afdeling",
            "Medewerker",
            "Afgerond",
            "Score",
            "Behaald op",
            "Opmerking"
        ]
    );

    // Row 1: text with accents, int, percent as a fraction, a date, and text
    // that looks like a formula.
    assert_eq!(text(&range, 1, 0), "Financiën");
    assert_eq!(text(&range, 1, 1), "Zoë Müller-Dekker");
    assert_eq!(float(&range, 1, 2), 3.0);
    assert_eq!(float(&range, 1, 3), 0.125);
    // 2025-03-14 is day 45730 counted from Excel's 1900 epoch.
    assert_eq!(excel_date(&range, 1, 4), (45730.0, (2025, 3, 14)));
    assert_eq!(text(&range, 1, 5), "=SUM(1)");

    // Row 2: an empty date cell, text starting with '+'.
    assert_eq!(text(&range, 2, 0), "Communicatie & café");
    assert_eq!(text(&range, 2, 1), "René");
    assert_eq!(float(&range, 2, 2), 0.0);
    assert_eq!(float(&range, 2, 3), 1.0);
    assert!(is_empty(&range, 2, 4));
    assert_eq!(text(&range, 2, 5), "+31 6 12345678");

    // Row 3: empty text cells, a large int, 0 %, a leap day.
    assert_eq!(text(&range, 3, 0), "Zorg");
    assert!(is_empty(&range, 3, 1));
    assert_eq!(float(&range, 3, 2), 1_234_567.0);
    assert_eq!(float(&range, 3, 3), 0.0);
    assert_eq!(excel_date(&range, 3, 4).1, (2024, 2, 29));
    assert!(is_empty(&range, 3, 5));

    // No cell holds a formula: "=SUM(1)" is a string, not a formula.
    let formulas = book.worksheet_formula(first).expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "unexpected formulas: {formulas:?}"
    );

    // Formats: bold header with a bottom border, 0.0% and dd-mm-yyyy.
    let styles = book.worksheet_style(first).expect("styles");
    for col in 0..6 {
        let style = styles.get((0, col)).expect("header style");
        let font = style.font.as_ref().expect("header font");
        assert!(font.is_bold(), "header {col} is bold");
        let borders = style.borders.as_ref().expect("header borders");
        assert!(
            borders.bottom.is_visible(),
            "header {col} has a bottom border"
        );
    }
    let format_of = |row, col| {
        styles
            .get((row, col))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    assert_eq!(format_of(1, 3).as_deref(), Some("0.0%"));
    assert_eq!(format_of(1, 4).as_deref(), Some("dd-mm-yyyy"));

    // The second sheet.
    let range = book.worksheet_range(second).expect("second sheet");
    assert_eq!(range.height(), 2);
    assert_eq!(text(&range, 0, 0), "Afdeling");
    assert_eq!(text(&range, 0, 1), "Aantal");
    assert_eq!(text(&range, 1, 0), "Totaal");
    assert_eq!(float(&range, 1, 1), 42.0);
}

#[test]
fn header_only_table() {
    let table = Table {
        title: "Geen resultaten".to_string(),
        columns: vec!["Naam".into(), "Status".into()],
        rows: vec![],
    };
    let mut book = open(to_xlsx(&[table]).expect("export"));
    assert_eq!(book.sheet_names(), vec!["Geen resultaten"]);
    let range = book.worksheet_range("Geen resultaten").expect("sheet");
    assert_eq!(range.height(), 1);
    assert_eq!(text(&range, 0, 0), "Naam");
    assert_eq!(text(&range, 0, 1), "Status");
}

#[test]
fn no_tables_and_unusable_titles() {
    let book = open(to_xlsx(&[]).expect("export"));
    assert_eq!(book.sheet_names(), vec!["Blad1"]);

    let untitled = Table {
        title: " ?*/ ".to_string(),
        columns: vec![],
        rows: vec![],
    };
    let book = open(to_xlsx(&[untitled.clone(), untitled]).expect("export"));
    assert_eq!(book.sheet_names(), vec!["Blad1", "Blad2"]);
}

#[test]
fn values_excel_cannot_hold() {
    let table = Table {
        title: "Randgevallen".to_string(),
        columns: vec!["Datum".into(), "Score".into()],
        rows: vec![vec![
            Value::Date(date(1850, 6, 1)),
            Value::Percent(f64::NAN),
        ]],
    };
    let mut book = open(to_xlsx(&[table]).expect("export"));
    let range = book.worksheet_range("Randgevallen").expect("sheet");
    // Before 1900: the ISO date as text rather than a failed export.
    assert_eq!(text(&range, 1, 0), "1850-06-01");
    assert!(is_empty(&range, 1, 1));
}
