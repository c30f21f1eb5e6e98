//! Moodle GIFT import. (Stub: being written.)

use crate::model::{Language, Question};

/// One item of a GIFT block.
#[derive(Debug, Clone, PartialEq)]
pub enum GiftItem {
    /// A gradable question. Its `id` is left empty: the caller numbers it.
    /// Its `line` is 1-based within the GIFT text.
    Question(Question),
    /// An essay question `{}`: becomes a reflection.
    Essay {
        title: Option<String>,
        prompt_html: String,
        line: usize,
    },
}

/// A problem in GIFT text; `line`/`column` are 1-based within the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Parse the text of one `::: gift` block.
pub fn parse(text: &str, language: Language) -> Result<Vec<GiftItem>, Vec<GiftError>> {
    let _ = (text, language);
    Ok(Vec::new())
}
