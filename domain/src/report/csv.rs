//! A report [`Table`] as CSV the way Dutch Excel opens it with a double
//! click: UTF-8 with a byte order mark, `;` between fields, CRLF line ends,
//! decimal commas.
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or CR) gets a leading `'`, so a department named
//! `=HYPERLINK(…)` stays text (CSV injection).
//!
//! The `csv` crate writes the records (quoting a field that holds `;`, a
//! quote or a line break, doubling its quotes); what is ours is what a
//! field holds: the formula guard, decimal commas and dates.

use super::table::{Table, Value};
use crate::completion::Date;

/// The UTF-8 byte order mark: without it Excel reads the file as ANSI.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The whole file: BOM, header row, data rows, each line ending in CRLF.
/// Writing into memory does not fail in practice (no I/O, every record
/// length accepted), but the writer's error is passed on, not hidden.
pub fn to_csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        // Rows of another length than the header are written as they are.
        .flexible(true)
        .from_writer(BOM.to_vec());
    let header = table.columns.iter().map(|c| guarded(c));
    let rows = table
        .rows
        .iter()
        .map(|row| row.iter().map(field).collect::<Vec<_>>());
    out.write_record(header)?;
    for row in rows {
        out.write_record(&row)?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// One cell's text, before quoting.
fn field(value: &Value) -> String {
    match value {
        Value::Text(text) => guarded(text),
        Value::Int(n) => n.to_string(),
        Value::Percent(p) => decimal_comma(*p),
        Value::Date(d) => d.to_string(),
        Value::Empty => String::new(),
    }
}

/// A percentage with one decimal and a decimal comma: 12.5 → `12,5`.
/// Not-a-number is written as an empty field.
pub fn decimal_comma(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{value:.1}");
    let text = if text == "-0.0" { "0.0".into() } else { text };
    text.replace('.', ",")
}

/// Text a spreadsheet would run as a formula, with a leading `'`.
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A safe ASCII file name: `{title}-{today}.{ext}`, the title lowercased,
/// Dutch and other Latin accents transliterated (`é` → `e`, `ĳ` → `ij`),
/// everything else that is not a letter or digit turned into `-`, dashes
/// collapsed and trimmed, at most 60 characters. An empty result becomes
/// `rapport`. `ext` may be given with or without its dot; an empty `ext`
/// gives no extension.
pub fn file_name(title: &str, today: Date, ext: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > 60 {
        slug.truncate(60);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        slug.push_str("rapport");
    }
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if ext.is_empty() {
        format!("{slug}-{today}")
    } else {
        format!("{slug}-{today}.{ext}")
    }
}

/// Lowercase ASCII letters and digits separated by single dashes.
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    let mut buf = [0u8; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece: &str = if c.is_ascii_alphanumeric() {
            c.encode_utf8(&mut buf)
        } else if let Some(ascii) = transliterate(c) {
            ascii
        } else {
            dash = true;
            continue;
        };
        if dash && !slug.is_empty() {
            slug.push('-');
        }
        dash = false;
        slug.push_str(piece);
    }
    slug
}

/// The ASCII spelling of an accented lowercase letter; `None` for anything
/// else.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'æ' => "ae",
        'ç' | 'č' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ĳ' => "ij",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'š' | 'ś' => "s",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    #[test]
    fn exact_bytes() {
        let table = Table {
            title: "Matrix".into(),
            columns: vec![
                "Afdeling".into(),
                "Aantal".into(),
                "Afgerond".into(),
                "Datum".into(),
            ],
            rows: vec![
                vec![
                    Value::text("Zorg; Oost"),
                    Value::Int(12),
                    Value::Percent(12.5),
                    Value::Date(date(2026, 3, 1)),
                ],
                vec![
                    Value::text("De \"Vlinder\""),
                    Value::Int(-3),
                    Value::Percent(100.0),
                    Value::Empty,
                ],
                vec![
                    Value::text("Regel 1\nRegel 2"),
                    Value::Int(0),
                    Value::Percent(0.04),
                    Value::Empty,
                ],
                vec![
                    Value::text("=HYPERLINK(\"x\")"),
                    Value::Int(1),
                    Value::Percent(66.66),
                    Value::Empty,
                ],
            ],
        };
        let expected = concat!(
            "\u{FEFF}Afdeling;Aantal;Afgerond;Datum\r\n",
            "\"Zorg; Oost\";12;12,5;2026-03-01\r\n",
            "\"De \"\"Vlinder\"\"\";-3;100,0;\r\n",
            "\"Regel 1\nRegel 2\";0;0,0;\r\n",
            "\"'=HYPERLINK(\"\"x\"\")\";1;66,7;\r\n",
        );
        let bytes = to_csv(&table).unwrap();
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(String::from_utf8_lossy(&bytes), expected);
        assert_eq!(bytes, expected.as_bytes());
    }

    #[test]
    fn header_only_table() {
        let table = Table {
            title: "Leeg".into(),
            columns: vec!["Naam".into()],
            rows: vec![],
        };
        assert_eq!(to_csv(&table).unwrap(), b"\xEF\xBB\xBFNaam\r\n");
    }

    /// A one-column table's one data line, as written.
    fn line(value: Value) -> String {
        let table = Table {
            title: "T".into(),
            columns: vec!["K".into()],
            rows: vec![vec![value]],
        };
        let text = String::from_utf8(to_csv(&table).unwrap()).expect("UTF-8");
        let body = text
            .strip_prefix("\u{FEFF}K\r\n")
            .expect("the header first");
        body.strip_suffix("\r\n").expect("CRLF").to_string()
    }

    #[test]
    fn formula_injection_guard() {
        let text = |t: &str| line(Value::text(t));
        assert_eq!(text("=1+1"), "'=1+1");
        assert_eq!(text("+31 6 1234"), "'+31 6 1234");
        assert_eq!(text("-5"), "'-5");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("\rx"), "\"'\rx\"");
        assert_eq!(text("a=b"), "a=b");
        // Numbers stay numbers, also negative ones.
        assert_eq!(line(Value::Int(-5)), "-5");
    }

    #[test]
    fn quoting() {
        let text = |t: &str| line(Value::text(t));
        assert_eq!(text("mid den"), "mid den");
        assert_eq!(text(" voor"), " voor");
        assert_eq!(text("café"), "café");
        assert_eq!(text("a;b"), "\"a;b\"");
        assert_eq!(text("zeg \"ja\""), "\"zeg \"\"ja\"\"\"");
        // The one empty field of a line is quoted, so the line is not blank.
        assert_eq!(text(""), "\"\"");
    }

    #[test]
    fn percent_formatting() {
        assert_eq!(decimal_comma(12.5), "12,5");
        assert_eq!(decimal_comma(0.0), "0,0");
        assert_eq!(decimal_comma(-0.01), "0,0");
        assert_eq!(decimal_comma(99.95), "100,0");
        assert_eq!(decimal_comma(33.333), "33,3");
        assert_eq!(decimal_comma(f64::NAN), "");
    }

    #[test]
    fn file_names() {
        let today = date(2026, 11, 22);
        assert_eq!(file_name("Matrix", today, "csv"), "matrix-2026-11-22.csv");
        assert_eq!(
            file_name("Voortgang per afdeling", today, ".xlsx"),
            "voortgang-per-afdeling-2026-11-22.xlsx"
        );
        assert_eq!(
            file_name(
                "  Ĳsselmonde — Zorg & Welzijn: één overzicht! ",
                today,
                "csv"
            ),
            "ijsselmonde-zorg-welzijn-een-overzicht-2026-11-22.csv"
        );
        assert_eq!(
            file_name("Café Crème", today, "CSV"),
            "cafe-creme-2026-11-22.csv"
        );
        assert_eq!(
            file_name("../../etc/passwd", today, "csv"),
            "etc-passwd-2026-11-22.csv"
        );
        assert_eq!(file_name("日本語", today, "csv"), "rapport-2026-11-22.csv");
        assert_eq!(file_name("", today, ""), "rapport-2026-11-22");
        let long = file_name(&"a b ".repeat(50), today, "csv");
        assert!(long.len() <= 60 + "-2026-11-22.csv".len());
        assert!(!long.contains("--"));
        assert!(long.is_ascii());
    }
}
