//! The GIFT parser: the input is the text of one `::: gift` block, parsed
//! in both languages with `domain::gift::parse`.

#![no_main]

use domain::gift::{parse, GiftItem};
use domain::model::Language;
use leerplatform_fuzz::{check_question, Lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A GIFT block is part of a module file, which is UTF-8 by the time the
    // parser sees it.
    let text = String::from_utf8_lossy(data);
    let nl = parse(&text, Language::Nl);
    check(&text, &nl);
    let en = parse(&text, Language::En);
    check(&text, &en);
    // The language only changes rendered words (e.g. true/false labels),
    // never whether the text is valid or where its problems are.
    match (&nl, &en) {
        (Ok(a), Ok(b)) => assert_eq!(a.len(), b.len()),
        (Err(a), Err(b)) => assert_eq!(
            a.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(),
            b.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>()
        ),
        _ => panic!("valid in one language only: {nl:?} / {en:?}"),
    }
});

fn check(text: &str, result: &Result<Vec<GiftItem>, Vec<domain::gift::GiftError>>) {
    let lines = Lines::new(text);
    match result {
        Ok(items) => {
            for item in items {
                match item {
                    GiftItem::Question(q) => {
                        assert!(q.id.is_empty(), "GIFT questions are numbered by the caller");
                        assert!(q.line <= lines.count(), "question line past the end: {q:?}");
                        check_question(q);
                    }
                    GiftItem::Essay { line, .. } => {
                        assert!(*line >= 1 && *line <= lines.count(), "essay line {line}")
                    }
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "Err without a problem");
            for e in errors {
                assert!(!e.problem.code().is_empty(), "no code: {e:?}");
                lines.check(e.line, e.column, e);
            }
        }
    }
}
