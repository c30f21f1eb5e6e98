//! From bytes to records: the encoding, the optional `sep=` line, and a small
//! CSV reader that keeps physical line numbers.
//!
//! The reader follows RFC 4180 the way spreadsheet programs do: a field that
//! starts with `"` is quoted and may hold the separator, line breaks and
//! doubled quotes (`""`); a quote anywhere else is kept as typed, and text
//! after a closing quote is appended. Unlike a lenient reader it reports a
//! quote that is never closed, because such a quote silently swallows every
//! following row.

use std::iter::Peekable;
use std::str::Chars;

use super::{Encoding, ImportProblem, Problem};

/// The text of the file and how it was read.
#[derive(Debug)]
pub(super) struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub warnings: Vec<ImportProblem>,
}

/// Decode the bytes: UTF-16 when it starts with a UTF-16 byte order mark,
/// UTF-8 when it is valid UTF-8 (a BOM is dropped), else Windows-1252, the
/// encoding of Excel's plain "CSV" on Dutch Windows.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, ImportProblem> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ImportProblem::file(Problem::ExcelWorkbook));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return Ok(plain(text.into_owned(), Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return Ok(plain(text.into_owned(), Encoding::Utf16Be));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The BOM says UTF-8: falling back to Windows-1252 would garble every
        // accented letter that is valid, so refuse instead.
        return match std::str::from_utf8(rest) {
            Ok(text) => check_nul(plain(text.to_owned(), Encoding::Utf8)),
            Err(e) => Err(ImportProblem::at(
                line_of_offset(bytes, e.valid_up_to() + 3),
                None,
                Problem::InvalidUtf8AfterBom,
            )),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_nul(plain(text.to_owned(), Encoding::Utf8));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut decoded = plain(text.into_owned(), Encoding::Windows1252);
    if let Some(offset) = utf8_looking_pair(bytes) {
        decoded.warnings.push(ImportProblem::at(
            line_of_offset(bytes, offset),
            None,
            Problem::MixedEncoding,
        ));
    }
    Ok(decoded)
}

fn plain(text: String, encoding: Encoding) -> Decoded {
    Decoded {
        text,
        encoding,
        warnings: Vec::new(),
    }
}

/// NUL characters mean UTF-16 without a byte order mark, or not text at all:
/// either way no header would match, so say what is really wrong.
fn check_nul(decoded: Decoded) -> Result<Decoded, ImportProblem> {
    match decoded.text.find('\0') {
        None => Ok(decoded),
        Some(offset) => Err(ImportProblem::at(
            line_of_offset(decoded.text.as_bytes(), offset),
            None,
            Problem::NulCharacters,
        )),
    }
}

/// The offset of the first two-byte UTF-8 sequence (`Ã©` for `é` when read as
/// Windows-1252) in a file that is not valid UTF-8 as a whole: a sign that
/// two exports were pasted together. Such pairs are letters no Dutch name
/// has, so a false alarm is unlikely.
fn utf8_looking_pair(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(2)
        .position(|w| (0xC2..=0xDF).contains(&w[0]) && (0x80..=0xBF).contains(&w[1]))
}

/// The 1-based line of a byte offset.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Excel writes `sep=;` as the first line when asked to; it names the
/// separator and is not the header. Returns the separator and the text after
/// that line (which then starts on line 2).
pub(super) fn separator_hint(text: &str) -> Option<(char, &str)> {
    let (first, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let value = first.trim_end_matches('\r');
    let lower = value.to_ascii_lowercase();
    let hint = lower.strip_prefix("sep=")?;
    let mut chars = hint.chars();
    match (chars.next(), chars.next()) {
        (Some(sep), None) => Some((sep, rest)),
        _ => None,
    }
}

/// One record: its fields, unquoted, and the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Record {
    /// A blank line, or a row of separators only (spreadsheets export those),
    /// whichever separator the file uses: `;;;` is blank in a file with
    /// commas too.
    pub fn is_blank(&self) -> bool {
        self.fields
            .iter()
            .all(|f| f.chars().all(|c| c.is_whitespace() || c == ';' || c == ','))
    }
}

/// A quoted field that runs to the end of the file; `line` is where it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct UnclosedQuote {
    pub line: usize,
}

/// Reads records one by one. After an [`UnclosedQuote`] the whole rest of
/// the file has been consumed, so the iteration ends.
pub(super) struct Reader<'a> {
    chars: Peekable<Chars<'a>>,
    separator: char,
    line: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `text`, whose first line is line `first_line` of the file.
    pub fn new(text: &'a str, separator: char, first_line: usize) -> Self {
        Reader {
            chars: text.chars().peekable(),
            separator,
            line: first_line,
        }
    }

    /// Consume a line break whose first character was `c` (`\r\n`, `\n` or a
    /// lone `\r` from old Mac exports), counting the line.
    fn line_break(&mut self, c: char) {
        if c == '\r' && self.chars.peek() == Some(&'\n') {
            self.chars.next();
        }
        self.line += 1;
    }

    /// A quoted field's content up to its closing quote; `Err` with the line
    /// it opened on when the text ends first.
    fn quoted(&mut self, field: &mut String) -> Result<(), UnclosedQuote> {
        let opened_on = self.line;
        while let Some(c) = self.chars.next() {
            match c {
                '"' if self.chars.peek() == Some(&'"') => {
                    self.chars.next();
                    field.push('"');
                }
                '"' => return Ok(()),
                '\r' | '\n' => {
                    self.line_break(c);
                    field.push('\n');
                }
                c => field.push(c),
            }
        }
        Err(UnclosedQuote { line: opened_on })
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Record, UnclosedQuote>;

    fn next(&mut self) -> Option<Self::Item> {
        self.chars.peek()?;
        let line = self.line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut at_field_start = true;
        loop {
            let Some(c) = self.chars.next() else {
                fields.push(field);
                return Some(Ok(Record { line, fields }));
            };
            match c {
                '"' if at_field_start => {
                    at_field_start = false;
                    if let Err(e) = self.quoted(&mut field) {
                        return Some(Err(e));
                    }
                }
                c if c == self.separator => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' | '\n' => {
                    self.line_break(c);
                    fields.push(field);
                    return Some(Ok(Record { line, fields }));
                }
                c => {
                    at_field_start = false;
                    field.push(c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, sep: char) -> Vec<Result<Record, UnclosedQuote>> {
        Reader::new(text, sep, 1).collect()
    }

    fn rec(line: usize, fields: &[&str]) -> Result<Record, UnclosedQuote> {
        Ok(Record {
            line,
            fields: fields.iter().map(|f| f.to_string()).collect(),
        })
    }

    #[test]
    fn plain_records_with_every_line_ending() {
        assert_eq!(
            read("a;b\r\nc;d\ne;f\rg;h", ';'),
            [
                rec(1, &["a", "b"]),
                rec(2, &["c", "d"]),
                rec(3, &["e", "f"]),
                rec(4, &["g", "h"]),
            ]
        );
        assert_eq!(read("a,b\n", ','), [rec(1, &["a", "b"])]);
        assert_eq!(read("", ','), []);
    }

    #[test]
    fn empty_fields_and_blank_lines() {
        let records = read("a;;\n\n;\n,,\n", ';');
        assert_eq!(
            records,
            [
                rec(1, &["a", "", ""]),
                rec(2, &[""]),
                rec(3, &["", ""]),
                rec(4, &[",,"])
            ]
        );
        assert!(records.iter().skip(1).flatten().all(Record::is_blank));
        assert!(!records
            .iter()
            .flatten()
            .next()
            .is_some_and(Record::is_blank));
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        assert_eq!(
            read(
                "\"a;b\";\"say \"\"hi\"\"\"\n\"two\r\nlines\";x\nnext;y",
                ';'
            ),
            [
                rec(1, &["a;b", "say \"hi\""]),
                rec(2, &["two\nlines", "x"]),
                rec(4, &["next", "y"]),
            ]
        );
    }

    #[test]
    fn stray_quotes_are_kept_as_typed() {
        assert_eq!(
            read("Jan \"Bob\" Smit,\"de\"Vries,\"\"\n", ','),
            [rec(1, &["Jan \"Bob\" Smit", "deVries", ""])]
        );
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opened_on() {
        assert_eq!(
            read("a,b\nc,\"d\ne,f\n", ','),
            [rec(1, &["a", "b"]), Err(UnclosedQuote { line: 2 })]
        );
    }

    #[test]
    fn reading_can_start_on_a_later_line() {
        assert_eq!(
            Reader::new("x\ny", ',', 2).collect::<Vec<_>>(),
            [rec(2, &["x"]), rec(3, &["y"])]
        );
    }

    #[test]
    fn the_sep_line_names_the_separator() {
        assert_eq!(separator_hint("sep=;\r\na;b"), Some((';', "a;b")));
        assert_eq!(separator_hint("SEP=,\n"), Some((',', "")));
        assert_eq!(separator_hint("sep=\t"), Some(('\t', "")));
        assert_eq!(separator_hint("sep=;;\na"), None);
        assert_eq!(separator_hint("naam;sep=;\n"), None);
    }

    #[test]
    fn encodings_are_detected() {
        let utf8 = decode("Zoë".as_bytes()).map(|d| (d.text, d.encoding));
        assert_eq!(utf8, Ok(("Zoë".to_string(), Encoding::Utf8)));
        let bom = decode(b"\xEF\xBB\xBFZo\xC3\xAB").map(|d| (d.text, d.encoding));
        assert_eq!(bom, Ok(("Zoë".to_string(), Encoding::Utf8)));
        let cp = decode(b"Zo\xEB \x80").map(|d| (d.text, d.encoding));
        assert_eq!(cp, Ok(("Zoë €".to_string(), Encoding::Windows1252)));
        let le = decode(b"\xFF\xFEZ\x00o\x00\xEB\x00").map(|d| (d.text, d.encoding));
        assert_eq!(le, Ok(("Zoë".to_string(), Encoding::Utf16Le)));
        let be = decode(b"\xFE\xFF\x00Z\x00o\x00\xEB").map(|d| (d.text, d.encoding));
        assert_eq!(be, Ok(("Zoë".to_string(), Encoding::Utf16Be)));
    }

    #[test]
    fn mixed_encodings_are_flagged_on_their_line() {
        let decoded = decode(b"a\nRen\xC3\xA9\nZo\xEB\n");
        let warnings = decoded.map(|d| d.warnings.iter().map(|w| w.line).collect::<Vec<_>>());
        assert_eq!(warnings, Ok(vec![2]));
    }

    #[test]
    fn files_that_are_not_csv_text_are_refused() {
        let refused = |bytes: &[u8]| decode(bytes).err().map(|p| (p.line, p.problem));
        assert_eq!(
            refused(b"PK\x03\x04rest"),
            Some((1, Problem::ExcelWorkbook))
        );
        assert_eq!(
            refused(b"\xD0\xCF\x11\xE0"),
            Some((1, Problem::ExcelWorkbook))
        );
        assert_eq!(refused(b"a\nb\x00c"), Some((2, Problem::NulCharacters)));
        assert_eq!(
            refused(b"\xEF\xBB\xBFa\n\nb\xE9"),
            Some((3, Problem::InvalidUtf8AfterBom))
        );
    }
}
