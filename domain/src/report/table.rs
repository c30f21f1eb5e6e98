//! One report as a plain table: what every export format (CSV, XLSX) and the
//! HTML data tables are made from.

use crate::completion::Date;

/// One cell. Numbers stay numbers so spreadsheets can sum them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    /// A percentage, 0–100.
    Percent(f64),
    Date(Date),
    Empty,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<Option<Date>> for Value {
    fn from(d: Option<Date>) -> Value {
        d.map_or(Value::Empty, Value::Date)
    }
}

/// A titled table: a header row and data rows of the same width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Used as the XLSX sheet name and in file names.
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}
