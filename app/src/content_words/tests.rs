//! Every problem worded in both languages, a few exact sentences, and the
//! broken fixtures of `domain/tests/fixtures/broken` as the checker prints
//! them in English (`expected.en.txt`, the text it has always printed) and
//! Dutch (`expected.nl.txt`). `UPDATE_EXPECT=1` rewrites both after an
//! intended change; review the diff.

use super::*;
use domain::content::{Place, QuestionType};
use domain::gift::Problem as GiftProblem;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One of each problem, with details.
fn every_problem() -> Vec<Problem> {
    use Problem::*;
    let s = |t: &str| t.to_string();
    let mut all = vec![
        CoursesFolderUnreadable {
            error: s("No such file or directory (os error 2)"),
        },
        NotACourseFolder {
            name: s("notes.txt"),
        },
        InternalError,
        InvalidCourseId {
            id: s("Mijn_Cursus"),
            suggestion: s("mijn-cursus"),
        },
        CourseFolderUnreadable {
            error: s("Permission denied (os error 13)"),
        },
        NotAModuleFile {
            name: s("inleiding.md"),
            suggestion: s("01-inleiding.md"),
        },
        OutsideCourseLayout {
            name: s("aantekeningen.txt"),
        },
        MissingCourseMd,
        AssetsFolderUnreadable {
            error: s("Permission denied (os error 13)"),
        },
        RefusedAsset {
            path: s("assets/uitleg.html"),
        },
        ActiveSvg {
            path: s("assets/schema.svg"),
            found: ActiveContent::Script,
        },
        FileTooLarge {
            kb: 1113,
            max_kb: 1024,
        },
        NotUtf8,
        FileUnreadable {
            error: s("Permission denied (os error 13)"),
        },
        DuplicateModuleId {
            id: s("les"),
            other_file: s("01-les.md"),
        },
        CourseWithoutModules,
        QuestionInCourseMd,
        SummaryTooLong {
            chars: 314,
            max: 300,
        },
        UnknownLanguage { value: s("de") },
        ValidForMonthsZero,
        ModuleListedTwice { id: s("les") },
        UnknownModuleInList {
            id: s("slot"),
            suggestion: None,
            ids: vec![s("les")],
        },
        ModuleMissingFromList {
            file: s("02-extra.md"),
            id: s("extra"),
        },
        MissingFrontMatter {
            start: FileStart::Other,
        },
        UnclosedFrontMatter,
        FrontMatterTooLong {
            kib: 9,
            end_line: 204,
            max_kib: 8,
            file: FileKind::Module,
        },
        UnknownField {
            name: s("titel"),
            suggestion: Some(s("title")),
            file: FileKind::Module,
        },
        FieldTwice {
            name: s("title"),
            first_line: 2,
        },
        WrongType {
            field: s("duration"),
            found: YamlValue::Text(s("tien")),
            expected: YamlType::WholeNumber,
        },
        InvalidValue {
            field: s("duration"),
            found: YamlValue::Number(s("-1")),
            expected: YamlType::WholeNumber,
        },
        InvalidYaml {
            detail: s("found unexpected end of stream"),
            from: Some(Place { line: 2, column: 8 }),
        },
        MissingField { field: s("title") },
        EmptyField {
            field: s("summary"),
        },
        PassScoreOutOfRange { value: 150 },
        InvalidModuleId {
            id: s("Mijn Les"),
            suggested_file: None,
        },
        UnknownModuleKind { value: s("quiz") },
        ExamOnlyField {
            field: s("attempts"),
        },
        AttemptsZero,
        DrawZero,
        ExamWithoutQuestions,
        DrawTooLarge {
            draw: 2,
            questions: 1,
        },
        DrawGroupZero { group: s("wet") },
        DrawGroupTooLarge {
            group: s("wet"),
            draw: 3,
            questions: 2,
            groups: vec![s("wet"), s("rollen")],
        },
        QuestionNotDrawn {
            id: s("q4"),
            group: None,
        },
        GroupNotDrawn { group: s("wet") },
        IndentedBlockLine,
        StrayBlockCloser,
        NestedBlock { outer_line: 4 },
        UnknownBlockKind {
            kind: s("tips"),
            suggestion: Some(s("tip")),
        },
        UnclosedBlock,
        UnknownAttribute {
            block: Opener::Question,
            key: s("punten"),
            suggestion: Some(s("points")),
        },
        UnexpectedWord {
            block: Opener::Reflection,
            word: s("oops"),
        },
        BlockInsideMarkup,
        InvalidGroup { group: s("Les_1") },
        QuestionWithoutAnswerList,
        QuestionWithoutPrompt,
        MixedAnswerList {
            first: ListStyle::Checkbox,
            this: ListStyle::Accepted,
        },
        InvalidQuestionId { id: s("Vraag_1") },
        DuplicateQuestionId { id: s("eerste") },
        UnknownQuestionType { value: s("essay") },
        InvalidPoints { value: s("0") },
        NoCheckboxes,
        TypeDoesNotFit {
            declared: QuestionType::Match,
            style: ListStyle::Checkbox,
        },
        OnlyWrongAnswers,
        TooFewOptions,
        NoCorrectOption,
        SeveralCorrect { correct: 2 },
        EmptyOption,
        OptionWithoutFeedback,
        TooFewOrderItems,
        EmptyOrderItem,
        EmptyAcceptedAnswer,
        LooksNumeric { text: s("9 +- 1") },
        NotANumber {
            text: s("veel"),
            why: NumberProblem::NotANumber { text: s("veel") },
        },
        PairWithoutSides,
        TooFewPairs,
        InvalidReflectionId { id: s("Eigen") },
        DuplicateReflectionId { id: s("eigen") },
        ReflectionWithoutQuestion,
        MarkdownTooDeep { max: 32 },
        RawHtmlTooDeep { max: 64 },
        HeadingOne,
        HeadingIdTaken {
            id: s("toets"),
            by_page: true,
        },
        ImageWithoutAlt,
        MissingAsset {
            path: s("assets/Schema.png"),
            suggestion: Some(s("assets/schema.png")),
            course_id: s("cursus"),
        },
        ImageOutsideAssets {
            address: s("foto.png"),
            course_id: s("cursus"),
        },
        NoSuchModuleFile {
            file: s("03-weg.md"),
            suggestion: None,
            files: vec![s("01-les.md"), s("02-doelen.md")],
        },
        LinkLeadsNowhere {
            target: s("www.vng.nl"),
            course_id: s("cursus"),
            web_address: true,
        },
        UnsafeAddress {
            address: s("javascript:alert(1)"),
        },
        RawHtmlRemoved {
            removed: Removed::Attribute {
                attribute: s("onclick"),
                element: s("span"),
            },
        },
        ScanWithoutQuestions,
        ScanBlockNotAllowed { kind: s("gift") },
        ScanOptionsNotBoxes,
        ScanOptionChecked,
        ScanOptionWithoutTarget,
        ScanUnknownTarget {
            target: s("vierstappen"),
            suggestion: Some(s("vier-stappen")),
        },
    ];
    all.extend(every_gift_problem().into_iter().map(Gift));
    all
}

fn every_gift_problem() -> Vec<GiftProblem> {
    use GiftProblem::*;
    vec![
        TitleNotClosed,
        NoText,
        NoAnswers,
        BraceNotClosed,
        CloseWithoutOpen,
        CloseBeforeOpen,
        BraceInsideAnswers,
        SecondAnswerBlock,
        CloseAfterAnswers,
        Cloze,
        EssayWithFeedback,
        TooDeep { max: 32 },
        AnswerWithoutMarker,
        ShortAnswerWithoutMarker,
        EmptyAnswer,
        ArrowInChoice,
        TooFewChoices,
        NoFullMarks,
        NoRightAnswer,
        WeightsNotFull { total: 90.0 },
        WeightNotClosed,
        NotAWeight {
            text: "vijftig".into(),
        },
        WeightOutOfRange { weight: 150.0 },
        NoShortAnswers,
        PairWithoutEquals,
        PairWithWeight,
        PairWithoutArrow,
        PairWithFeedback,
        RightWithoutLeft,
        PairWithoutRight,
        TooFewPairs,
        SecondTilde,
        NumericStartsWithTilde,
        NumberAfterCatchAll,
        NoNumber,
        NumberMissing,
        NotANumber {
            text: "3,14".into(),
            comma: true,
        },
        EmptyRange {
            min: 2025.0,
            max: 2024.0,
        },
        NegativeTolerance,
    ]
}

/// The variant's place in the enum. Exhaustive on purpose: a new variant
/// does not compile here until it has its place, and then
/// `every_variant_has_a_sample` fails until `every_problem` has one.
fn variant(problem: &Problem) -> usize {
    use Problem::*;
    match problem {
        CoursesFolderUnreadable { .. } => 0,
        NotACourseFolder { .. } => 1,
        InternalError => 2,
        InvalidCourseId { .. } => 3,
        CourseFolderUnreadable { .. } => 4,
        NotAModuleFile { .. } => 5,
        OutsideCourseLayout { .. } => 6,
        MissingCourseMd => 7,
        AssetsFolderUnreadable { .. } => 8,
        RefusedAsset { .. } => 9,
        ActiveSvg { .. } => 10,
        FileTooLarge { .. } => 11,
        NotUtf8 => 12,
        FileUnreadable { .. } => 13,
        DuplicateModuleId { .. } => 14,
        CourseWithoutModules => 15,
        QuestionInCourseMd => 16,
        SummaryTooLong { .. } => 17,
        UnknownLanguage { .. } => 18,
        ValidForMonthsZero => 19,
        ModuleListedTwice { .. } => 20,
        UnknownModuleInList { .. } => 21,
        ModuleMissingFromList { .. } => 22,
        MissingFrontMatter { .. } => 23,
        UnclosedFrontMatter => 24,
        FrontMatterTooLong { .. } => 25,
        UnknownField { .. } => 26,
        FieldTwice { .. } => 27,
        WrongType { .. } => 28,
        InvalidValue { .. } => 29,
        InvalidYaml { .. } => 30,
        MissingField { .. } => 31,
        EmptyField { .. } => 32,
        PassScoreOutOfRange { .. } => 33,
        InvalidModuleId { .. } => 34,
        UnknownModuleKind { .. } => 35,
        ExamOnlyField { .. } => 36,
        AttemptsZero => 37,
        DrawZero => 38,
        ExamWithoutQuestions => 39,
        DrawTooLarge { .. } => 40,
        IndentedBlockLine => 41,
        StrayBlockCloser => 42,
        NestedBlock { .. } => 43,
        UnknownBlockKind { .. } => 44,
        UnclosedBlock => 45,
        UnknownAttribute { .. } => 46,
        UnexpectedWord { .. } => 47,
        BlockInsideMarkup => 48,
        InvalidGroup { .. } => 49,
        QuestionWithoutAnswerList => 50,
        QuestionWithoutPrompt => 51,
        MixedAnswerList { .. } => 52,
        InvalidQuestionId { .. } => 53,
        DuplicateQuestionId { .. } => 54,
        UnknownQuestionType { .. } => 55,
        InvalidPoints { .. } => 56,
        NoCheckboxes => 57,
        TypeDoesNotFit { .. } => 58,
        OnlyWrongAnswers => 59,
        TooFewOptions => 60,
        NoCorrectOption => 61,
        SeveralCorrect { .. } => 62,
        EmptyOption => 63,
        OptionWithoutFeedback => 64,
        TooFewOrderItems => 65,
        EmptyOrderItem => 66,
        EmptyAcceptedAnswer => 67,
        LooksNumeric { .. } => 68,
        NotANumber { .. } => 69,
        PairWithoutSides => 70,
        TooFewPairs => 71,
        InvalidReflectionId { .. } => 72,
        DuplicateReflectionId { .. } => 73,
        ReflectionWithoutQuestion => 74,
        MarkdownTooDeep { .. } => 75,
        RawHtmlTooDeep { .. } => 76,
        HeadingOne => 77,
        HeadingIdTaken { .. } => 78,
        ImageWithoutAlt => 79,
        MissingAsset { .. } => 80,
        ImageOutsideAssets { .. } => 81,
        NoSuchModuleFile { .. } => 82,
        LinkLeadsNowhere { .. } => 83,
        UnsafeAddress { .. } => 84,
        RawHtmlRemoved { .. } => 85,
        DrawGroupZero { .. } => 86,
        DrawGroupTooLarge { .. } => 87,
        QuestionNotDrawn { .. } => 88,
        GroupNotDrawn { .. } => 89,
        ScanWithoutQuestions => 90,
        ScanBlockNotAllowed { .. } => 91,
        ScanOptionsNotBoxes => 92,
        ScanOptionChecked => 93,
        ScanOptionWithoutTarget => 94,
        ScanUnknownTarget { .. } => 95,
        Gift(problem) => CONTENT_VARIANTS + gift_variant(problem),
    }
}

/// The content variants other than `Gift`.
const CONTENT_VARIANTS: usize = 96;
const GIFT_VARIANTS: usize = 39;

fn gift_variant(problem: &GiftProblem) -> usize {
    use GiftProblem::*;
    match problem {
        TitleNotClosed => 0,
        NoText => 1,
        NoAnswers => 2,
        BraceNotClosed => 3,
        CloseWithoutOpen => 4,
        CloseBeforeOpen => 5,
        BraceInsideAnswers => 6,
        SecondAnswerBlock => 7,
        CloseAfterAnswers => 8,
        Cloze => 9,
        EssayWithFeedback => 10,
        TooDeep { .. } => 11,
        AnswerWithoutMarker => 12,
        ShortAnswerWithoutMarker => 13,
        EmptyAnswer => 14,
        ArrowInChoice => 15,
        TooFewChoices => 16,
        NoFullMarks => 17,
        NoRightAnswer => 18,
        WeightsNotFull { .. } => 19,
        WeightNotClosed => 20,
        NotAWeight { .. } => 21,
        WeightOutOfRange { .. } => 22,
        NoShortAnswers => 23,
        PairWithoutEquals => 24,
        PairWithWeight => 25,
        PairWithoutArrow => 26,
        PairWithFeedback => 27,
        RightWithoutLeft => 28,
        PairWithoutRight => 29,
        TooFewPairs => 30,
        SecondTilde => 31,
        NumericStartsWithTilde => 32,
        NumberAfterCatchAll => 33,
        NoNumber => 34,
        NumberMissing => 35,
        NotANumber { .. } => 36,
        EmptyRange { .. } => 37,
        NegativeTolerance => 38,
    }
}

#[test]
fn every_variant_has_a_sample_and_its_own_code() {
    let all = every_problem();
    let variants: BTreeSet<usize> = all.iter().map(variant).collect();
    assert_eq!(variants.len(), all.len(), "one sample per variant");
    assert_eq!(
        variants,
        (0..CONTENT_VARIANTS + GIFT_VARIANTS).collect::<BTreeSet<_>>()
    );
    let codes: BTreeSet<&str> = all.iter().map(Problem::code).collect();
    assert_eq!(codes.len(), all.len(), "codes are unique");
    for code in codes {
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{code} is kebab-case"
        );
    }
}

#[test]
fn every_problem_is_worded_in_both_languages() {
    for p in every_problem() {
        let (nl, en) = (message(Locale::nl, &p), message(Locale::en, &p));
        assert!(!nl.trim().is_empty() && !en.trim().is_empty(), "{p:?}");
        assert_ne!(nl, en, "{p:?}: the Dutch is Dutch");
        assert!(
            !nl.contains("{{") && !en.contains("{{"),
            "{p:?}: {nl} / {en}"
        );
        let (nl, en) = (hint(Locale::nl, &p), hint(Locale::en, &p));
        assert_eq!(
            nl.is_some(),
            en.is_some(),
            "{p:?}: a hint in both or neither"
        );
        if let (Some(nl), Some(en)) = (nl, en) {
            assert!(!nl.trim().is_empty() && !en.trim().is_empty(), "{p:?}");
            assert!(
                !nl.contains("{{") && !en.contains("{{"),
                "{p:?}: {nl} / {en}"
            );
            assert_ne!(nl, en, "{p:?}: the Dutch hint is Dutch");
        }
    }
}

#[test]
fn exact_sentences() {
    let field = Problem::UnknownField {
        name: "titel".into(),
        suggestion: Some("title".into()),
        file: FileKind::Module,
    };
    assert_eq!(
        message(Locale::nl, &field),
        "onbekend veld `titel` in de front matter"
    );
    assert_eq!(
        message(Locale::en, &field),
        "unknown front matter field `titel`"
    );
    assert_eq!(
        hint(Locale::nl, &field).as_deref(),
        Some("bedoel je `title`?")
    );
    assert_eq!(
        hint(Locale::en, &field).as_deref(),
        Some("did you mean `title`?")
    );
    let field = Problem::UnknownField {
        name: "foo".into(),
        suggestion: None,
        file: FileKind::CourseMd,
    };
    assert_eq!(
        hint(Locale::en, &field).as_deref(),
        Some("the fields of course.md are: title, summary, language, duration, audience, pass_score, certificate, valid_for_months, modules, tags")
    );
    assert_eq!(
        message(Locale::nl, &Problem::ImageWithoutAlt),
        "de afbeelding heeft geen alt-tekst (WCAG 1.1.1)"
    );
    let empty = Problem::EmptyField {
        field: "summary".into(),
    };
    assert_eq!(
        hint(Locale::nl, &empty).as_deref(),
        Some("schrijf de samenvatting achter `summary:`")
    );
    assert_eq!(
        hint(Locale::en, &empty).as_deref(),
        Some("write the summary after `summary:`")
    );
    let weights = Problem::Gift(GiftProblem::WeightsNotFull { total: 99.9 });
    assert_eq!(
        message(Locale::nl, &weights),
        "de positieve percentages van deze vraag met meer goede antwoorden zijn samen 99,9%, niet 100%"
    );
    assert_eq!(
        message(Locale::en, &weights),
        "the positive weights of this multiple-answer question add up to 99.9%, not 100%"
    );
    let brace = Problem::Gift(GiftProblem::BraceNotClosed);
    assert_eq!(
        hint(Locale::en, &brace).as_deref(),
        Some("close the answers with } before the next blank line (a blank line ends a question); write a literal brace as \\{")
    );
    let removed = Problem::RawHtmlRemoved {
        removed: Removed::Element {
            element: "script".into(),
        },
    };
    assert_eq!(
        message(Locale::en, &removed),
        "raw HTML removed: `<script>` element and its content"
    );
    assert_eq!(
        message(Locale::nl, &removed),
        "HTML weggehaald: element `<script>` met de inhoud"
    );
    let d = Diagnostic::warning(
        "content/courses/c/01-m.md",
        9,
        1,
        Problem::OptionWithoutFeedback,
    );
    assert_eq!(
        plain(Locale::nl, &d),
        "content/courses/c/01-m.md:9:1: waarschuwing: een antwoord heeft geen feedback\n  tip: zet onder het antwoord een regel `  > …` die uitlegt waarom het goed of fout is"
    );
    assert_eq!(
        plain(Locale::en, &d),
        "content/courses/c/01-m.md:9:1: warning: option has no feedback\n  hint: add a line `  > …` under the option saying why it is right or wrong"
    );
    assert_eq!(
        summary(Locale::en, 1, 8, 42, 0, 2),
        "1 course(s), 8 module(s), 42 question(s): 0 error(s), 2 warning(s)"
    );
    assert_eq!(
        summary(Locale::nl, 1, 8, 42, 0, 2),
        "cursussen: 1, modules: 8, vragen: 42; fouten: 0, waarschuwingen: 2"
    );
}

fn broken_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/fixtures/broken")
}

/// The checker's lines for `dir` in `locale`, paths relative to `dir`.
fn printed(dir: &Path, locale: Locale) -> String {
    let mut out = String::new();
    for d in domain::content::load(dir).diagnostics {
        let mut d = d.clone();
        if let Ok(rel) = d.path.strip_prefix(dir) {
            d.path = rel.to_path_buf();
        }
        out.push_str(&plain(locale, &d));
        out.push('\n');
    }
    out
}

#[test]
fn broken_fixtures_in_english_and_dutch() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(broken_fixtures())
        .expect("domain/tests/fixtures/broken exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 23, "found {} fixtures", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        for (locale, file) in [
            (Locale::en, "expected.en.txt"),
            (Locale::nl, "expected.nl.txt"),
        ] {
            let actual = printed(dir, locale);
            let path = dir.join(file);
            if update {
                std::fs::write(&path, &actual).expect("write the expected words");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}--- actual\n{actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} file(s) differ (UPDATE_EXPECT=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
