//! From bytes to records: the encoding, the optional `sep=` line, and the
//! records with their physical line numbers.
//!
//! The `csv` crate reads the records, the way spreadsheet programs write
//! them (RFC 4180): a field that starts with `"` is quoted and may hold the
//! separator, line breaks and doubled quotes (`""`); a quote anywhere else is
//! kept as typed, and text after a closing quote is appended. What is ours:
//! line breaks are made `\n` first (also the lone `\r` of old Mac exports, so
//! lines count the way a text editor counts them), and a thin check for a
//! quote that is never closed, which the crate reads leniently to the end of
//! the file; we report it, because such a quote silently swallows every
//! following row.
use std::borrow::Cow;

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
    // (A hint of a non-ASCII character is returned too: the caller refuses it.)
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

/// Reads records one by one; lines with nothing on them are passed over.
/// After an [`UnclosedQuote`] the whole rest of the file has been consumed,
/// so the iteration ends.
pub(super) struct Reader<'a> {
    csv: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    /// The record read ahead, to know which one is the last.
    ahead: Option<csv::ByteRecord>,
    separator: u8,
    first_line: usize,
    /// Line breaks counted so far, up to byte `counted_to`. (The crate's
    /// own line numbers do not count the lines it passes over.)
    breaks: usize,
    counted_to: usize,
}

/// The text with every line break as `\n` (`\r\n`, and the lone `\r` of
/// old Mac exports), as [`Reader`] and [`separator_hint`] read it; done
/// once per file. Borrowed when there is nothing to change.
pub(super) fn unix_line_breaks(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

impl<'a> Reader<'a> {
    /// A reader of `text` (line breaks made `\n` by [`unix_line_breaks`]),
    /// whose first line is line `first_line` of the file. The separator is
    /// one ASCII character (see [`separator_hint`]).
    pub fn new(text: &'a str, separator: u8, first_line: usize) -> Self {
        debug_assert!(!text.contains('\r'), "line breaks not made \\n first");
        let text = text.as_bytes();
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(text);
        let ahead = read_one(&mut csv);
        Reader {
            csv,
            text,
            ahead,
            separator,
            first_line,
            breaks: 0,
            counted_to: 0,
        }
    }
}

/// The next record; `None` at the end. Reading from memory cannot fail
/// (no I/O; byte records need no UTF-8 check), so an error ends the file.
fn read_one(csv: &mut csv::Reader<&[u8]>) -> Option<csv::ByteRecord> {
    let mut record = csv::ByteRecord::new();
    match csv.read_byte_record(&mut record) {
        Ok(true) => Some(record),
        Ok(false) | Err(_) => None,
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Record, UnclosedQuote>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.ahead.take()?;
        self.ahead = read_one(&mut self.csv);
        let text = self.text;
        // The crate's position is where it began to look, before the empty
        // lines it passed over; the record starts after them.
        let from = record.position().map_or(0, |p| p.byte() as usize);
        let byte = from
            + text
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == b'\n')
                .count();
        let seen = text.get(self.counted_to..byte).unwrap_or_default();
        self.breaks += seen.iter().filter(|&&b| b == b'\n').count();
        self.counted_to = self.counted_to.max(byte);
        let line = self.first_line + self.breaks;
        if self.ahead.is_none() {
            let rest = text.get(byte..).unwrap_or_default();
            if ends_inside_quotes(rest, self.separator) {
                return Some(Err(UnclosedQuote { line }));
            }
        }
        let fields = record
            .iter()
            // The fields are cut from UTF-8 text at ASCII bytes.
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        Some(Ok(Record { line, fields }))
    }
}

/// Whether the last record (`rest`, from its first byte to the end of the
/// text) ends inside a quoted field: the check the lenient reader leaves to
/// us.
fn ends_inside_quotes(rest: &[u8], separator: u8) -> bool {
    let mut bytes = rest.iter().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_field_start {
            quoted = true;
            at_field_start = false;
        } else if b == separator {
            at_field_start = true;
        } else if b == b'\n' {
            return false;
        } else {
            at_field_start = false;
        }
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, sep: char) -> Vec<Result<Record, UnclosedQuote>> {
        Reader::new(&unix_line_breaks(text), sep as u8, 1).collect()
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
        // A line with nothing on it is passed over; the lines still count.
        let records = read("a;;\n\n;\n,,\n\r\n\rb", ';');
        assert_eq!(
            records,
            [
                rec(1, &["a", "", ""]),
                rec(3, &["", ""]),
                rec(4, &[",,"]),
                rec(7, &["b"])
            ]
        );
        assert!(records
            .iter()
            .skip(1)
            .take(2)
            .flatten()
            .all(Record::is_blank));
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
        // Closed ones, also at the very end and with doubled quotes inside,
        // are not.
        assert_eq!(read("a,\"b\"\"\nc\"", ','), [rec(1, &["a", "b\"\nc"])]);
        assert_eq!(read("x;\"\"\"\"", ';'), [rec(1, &["x", "\""])]);
        assert_eq!(read("x;\"\"\"", ';'), [Err(UnclosedQuote { line: 1 })]);
        // A quote inside a field opens nothing.
        assert_eq!(read("a\"b;c", ';'), [rec(1, &["a\"b", "c"])]);
    }

    #[test]
    fn reading_can_start_on_a_later_line() {
        assert_eq!(
            Reader::new("x\ny", b',', 2).collect::<Vec<_>>(),
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
