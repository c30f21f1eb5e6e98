//! Report tables as an Excel workbook (`.xlsx`), behind the `xlsx` feature.
//!
//! One worksheet per [`Table`], in the order given: most reports are one
//! table, a report with a summary and details passes two.
//!
//! Choices, and why:
//!
//! - **Sheet names** come from the table title, made valid the way Excel
//!   demands: the characters `[ ] : * ? / \` are removed, control characters
//!   become spaces, leading and trailing spaces and apostrophes are trimmed,
//!   and the name is cut to 31 characters (counted in UTF-16 units, as Excel
//!   counts). Names are unique without regard to case (as Excel compares
//!   them): a repeated name gets `" (2)"`, `" (3)"`, … with the base shortened
//!   so the whole still fits in 31. `History` is reserved by Excel and is
//!   treated as taken. A title with nothing usable left becomes `Blad1`,
//!   `Blad2`, … (the Dutch Excel default) after its position.
//! - **Header row**: bold with a thin bottom border, frozen so it stays in
//!   view while scrolling, and an autofilter over the header and all data
//!   rows so HR can filter and sort in Excel without further steps.
//! - **Cell types** follow [`Value`], so spreadsheets can compute with them:
//!   - `Text` is always written as a string cell, never parsed: a learner or
//!     department name starting with `=`, `+`, `-` or `@` stays plain text
//!     and cannot become a formula (no formula injection, unlike CSV).
//!   - `Int` is a number (Excel keeps 15 significant digits; counts in a
//!     report are far below that).
//!   - `Percent` (0–100) is stored as a fraction (12.5 → 0.125) with the
//!     number format `0.0%`, so Excel shows `12,5%` in a Dutch locale and
//!     sums and averages work. A non-finite percentage (NaN, infinity)
//!     leaves the cell empty: Excel has no such numbers.
//!   - `Date` is a real Excel date (a serial day number) with the format
//!     `dd-mm-yyyy`, the Dutch way of writing dates, so it sorts and filters
//!     as a date. Excel cannot hold dates before 1900; such a date (a data
//!     error in practice) is written as the text `YYYY-MM-DD` rather than
//!     failing the whole export.
//!   - `Empty` writes nothing.
//! - **Column widths** use the writer's autofit (an estimate from the
//!   character widths of Excel's default font, with room for the filter
//!   button in the header), capped at 300 pixels (about 40 characters) so a
//!   long comment does not make a column wider than the screen; only the
//!   first 1,000 rows are measured, which keeps large exports fast.
//! - **Document properties**: the title is that of the first table.
//!
//! The workbook is built in memory and returned as bytes; nothing touches
//! the file system.

use std::collections::HashSet;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::table::{Table, Value};
use crate::completion::Date;

/// Excel's limit on the length of a sheet name, in UTF-16 code units.
const MAX_SHEET_NAME: usize = 31;
/// Excel's number of rows in a worksheet (header included).
const MAX_ROWS: usize = 1_048_576;
/// Excel's number of columns in a worksheet.
const MAX_COLUMNS: usize = 16_384;
/// The widest a column gets from autofit, in pixels (about 40 characters).
const MAX_COLUMN_WIDTH_PIXELS: u32 = 300;
/// How many rows (header included) autofit measures.
const AUTOFIT_ROWS: u32 = 1_000;

/// Why a workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxExportError {
    /// The table does not fit in one Excel worksheet.
    #[error(
        "the table \"{title}\" has {rows} rows and {columns} columns; an Excel worksheet holds at most {max_rows} rows (header included) and {max_columns} columns",
        max_rows = MAX_ROWS,
        max_columns = MAX_COLUMNS
    )]
    TooLarge {
        title: String,
        rows: usize,
        columns: usize,
    },
    /// The XLSX writer refused a value or failed to assemble the file.
    #[error("could not write the Excel file: {0}")]
    Writer(#[from] XlsxError),
}

/// The tables as an XLSX workbook, one worksheet per table.
///
/// An empty slice gives a workbook with one empty sheet `Blad1` (a workbook
/// must have a sheet).
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxExportError> {
    let mut workbook = Workbook::new();
    if let Some(first) = tables.first() {
        let title = first.title.trim();
        if !title.is_empty() {
            workbook.set_properties(&DocProperties::new().set_title(title));
        }
    }

    let formats = Formats::new();
    let names = sheet_names(tables.iter().map(|t| t.title.as_str()));
    for (table, name) in tables.iter().zip(names) {
        check_size(table)?;
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table, &formats)?;
    }
    if tables.is_empty() {
        workbook.add_worksheet().set_name(fallback_name(0))?;
    }

    Ok(workbook.save_to_buffer()?)
}

/// The cell formats used in every sheet.
struct Formats {
    header: Format,
    percent: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("dd-mm-yyyy"),
        }
    }
}

fn check_size(table: &Table) -> Result<(), XlsxExportError> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.columns.len()])
        .max()
        .unwrap_or(0);
    // The header takes one row.
    if table.rows.len() >= MAX_ROWS || columns > MAX_COLUMNS {
        return Err(XlsxExportError::TooLarge {
            title: table.title.clone(),
            rows: table.rows.len() + 1,
            columns,
        });
    }
    Ok(())
}

fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    for (col, header) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, header, &formats.header)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let row_num = row_num(index + 1)?;
        for (col, value) in row.iter().enumerate() {
            write_value(sheet, row_num, col_num(col)?, value, formats)?;
        }
    }

    if let Some(last_col) = table.columns.len().checked_sub(1) {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, row_num(table.rows.len())?, col_num(last_col)?)?;
    }
    // After the autofilter, so autofit leaves room for the filter buttons.
    sheet
        .set_autofit_max_row(AUTOFIT_ROWS)
        .set_autofit_max_width(MAX_COLUMN_WIDTH_PIXELS)
        .autofit();
    Ok(())
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(text) => {
            sheet.write_string(row, col, text)?;
        }
        // Exact up to 2^53, far beyond any count in a report.
        Value::Int(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        Value::Percent(p) if p.is_finite() => {
            sheet.write_number_with_format(row, col, p / 100.0, &formats.percent)?;
        }
        Value::Percent(_) | Value::Empty => {}
        Value::Date(date) => match excel_date(*date) {
            Some(excel) => {
                sheet.write_datetime_with_format(row, col, excel, &formats.date)?;
            }
            None => {
                sheet.write_string(row, col, date.to_string())?;
            }
        },
    }
    Ok(())
}

/// The date as an Excel date, `None` if Excel cannot hold it (before 1900).
fn excel_date(date: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    if year < 1900 {
        return None;
    }
    ExcelDateTime::from_ymd(year, month, day).ok()
}

fn row_num(index: usize) -> Result<u32, XlsxError> {
    u32::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Valid, unique sheet names for the titles, in order. See the module docs.
fn sheet_names<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // Lower-cased names in use; Excel reserves "History".
    let mut taken: HashSet<String> = HashSet::from(["history".to_string()]);
    let mut names = Vec::new();
    for (index, title) in titles.into_iter().enumerate() {
        let mut base = clean_sheet_name(title);
        if base.is_empty() {
            base = fallback_name(index);
        }
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let room = MAX_SHEET_NAME.saturating_sub(utf16_len(&suffix));
            let short = truncate_utf16(&base, room).trim_end();
            name = format!("{short}{suffix}");
            n += 1;
        }
        taken.insert(name.to_lowercase());
        names.push(name);
    }
    names
}

fn fallback_name(index: usize) -> String {
    format!("Blad{}", index + 1)
}

/// The title with Excel's forbidden characters removed, trimmed, and cut to
/// 31 UTF-16 units. Empty if nothing usable is left.
fn clean_sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\'')
            .to_string()
    };
    trim(truncate_utf16(&trim(&cleaned), MAX_SHEET_NAME))
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The longest prefix of `s` of at most `max` UTF-16 units, on a character
/// boundary.
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (at, c) in s.char_indices() {
        used += c.len_utf16();
        if used > max {
            return &s[..at];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_cut_and_unique() {
        let long = "Voortgang per afdeling: [Q1] 2025/2026 * alle cursussen?";
        let names = sheet_names([long, long, "", "  'x'  ", "history", "ÉÉN", "één", "a\nb"]);
        assert_eq!(names[0], "Voortgang per afdeling Q1 20252");
        assert_eq!(names[0].chars().count(), 31);
        assert_eq!(names[1], "Voortgang per afdeling Q1 2 (2)");
        assert_eq!(names[2], "Blad3");
        assert_eq!(names[3], "x");
        assert_eq!(names[4], "history (2)");
        assert_eq!(names[5], "ÉÉN");
        assert_eq!(names[6], "één (2)");
        assert_eq!(names[7], "a b");
    }

    #[test]
    fn cut_counts_utf16_and_trims_the_end() {
        // 30 letters, a space, then more: the cut lands after the space,
        // which is trimmed.
        let title = format!("{} tail", "a".repeat(30));
        assert_eq!(clean_sheet_name(&title), "a".repeat(30));
        // An astral character counts as two units.
        let emoji = format!("{}😀", "b".repeat(30));
        assert_eq!(clean_sheet_name(&emoji), "b".repeat(30));
    }

    #[test]
    fn pre_1900_dates_are_not_excel_dates() {
        let old = Date::new(1850, 6, 1);
        assert!(old.and_then(excel_date).is_none());
        let new = Date::new(2025, 2, 28);
        assert!(new.and_then(excel_date).is_some());
    }
}
