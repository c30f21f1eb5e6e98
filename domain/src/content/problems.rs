//! What the checker finds in `content/`, as codes: one [`Problem`] variant
//! per kind, carrying the details a sentence about it needs (names and
//! values as the trainer wrote them, expected and actual values, limits,
//! suggestions). How to fix it is part of the problem too: the wording
//! adds the hint from the same data.
//!
//! The domain makes no display text. The words are made where a person
//! reads them, in their language: `app::content_words` (Dutch and English)
//! for `server check`, the admin page and the reload log, and
//! `docs/auteurs.md` explains the Dutch. Every problem has a stable
//! [`Problem::code`] for JSON and tests.
//!
//! Two kinds of detail stay in the words of the library that produced
//! them, since nobody can translate them here: an operating system's
//! reason a file cannot be read (`error`) and the YAML reader's account of
//! a syntax error (`detail`).

use crate::gift;
use crate::markdown::Removed;
use serde::{Deserialize, Serialize};

use super::assets::ActiveContent;

/// One thing wrong with the content (or, as a warning, worth a look).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    // --- The folders and files ----------------------------------------------
    /// `courses/` cannot be read; `error` is the operating system's reason.
    CoursesFolderUnreadable {
        error: String,
    },
    /// Warning: a file directly in `courses/`, ignored.
    NotACourseFolder {
        name: String,
    },
    /// Reading this course panicked (a bug in the platform).
    InternalError,
    /// A course folder name that is not `[a-z0-9-]+`; `suggestion` is one
    /// that is.
    InvalidCourseId {
        id: String,
        suggestion: String,
    },
    /// A course folder cannot be read.
    CourseFolderUnreadable {
        error: String,
    },
    /// Warning: a `.md` file without the `NN-` of a module file;
    /// `suggestion` is the name with one (`01-inleiding.md`).
    NotAModuleFile {
        name: String,
        suggestion: String,
    },
    /// Warning: a file or folder that is not part of a course, ignored.
    OutsideCourseLayout {
        name: String,
    },
    MissingCourseMd,
    /// The `assets/` folder (or one below it) cannot be read.
    AssetsFolderUnreadable {
        error: String,
    },
    /// An asset a browser would run as a page or script (HTML, XML, JS).
    RefusedAsset {
        path: String,
    },
    /// Warning: an SVG asset holds something that could run as script.
    ActiveSvg {
        path: String,
        found: ActiveContent,
    },
    /// A course or module file larger than the checker reads.
    FileTooLarge {
        kb: u64,
        max_kb: u64,
    },
    /// A file that is not UTF-8 (reported where the first bad byte is).
    NotUtf8,
    /// A file cannot be read.
    FileUnreadable {
        error: String,
    },

    // --- The course ----------------------------------------------------------
    /// Two modules of a course have the same id; `other_file` came first.
    DuplicateModuleId {
        id: String,
        other_file: String,
    },
    /// Warning: `course.md` and no module files.
    CourseWithoutModules,
    /// A question or reflection block in `course.md`.
    QuestionInCourseMd,
    SummaryTooLong {
        chars: usize,
        max: usize,
    },
    /// `language:` is neither `nl` nor `en`.
    UnknownLanguage {
        value: String,
    },
    ValidForMonthsZero,
    ModuleListedTwice {
        id: String,
    },
    /// `modules:` names an id no module has; `suggestion` is a near one,
    /// `ids` are the modules' ids.
    UnknownModuleInList {
        id: String,
        suggestion: Option<String>,
        ids: Vec<String>,
    },
    /// A module file missing from the `modules:` list.
    ModuleMissingFromList {
        file: String,
        id: String,
    },

    // --- Front matter --------------------------------------------------------
    /// The file does not start with `---`; `start` says what it starts
    /// with instead, for the hint.
    MissingFrontMatter {
        start: FileStart,
    },
    /// `---` at the top but no closing `---`.
    UnclosedFrontMatter,
    /// More than `max_kib` KiB between the `---` on line 1 and the one on
    /// `end_line`.
    FrontMatterTooLong {
        kib: usize,
        end_line: usize,
        max_kib: usize,
        file: FileKind,
    },
    /// A field the file does not have; `suggestion` is the field probably
    /// meant (also for a Dutch word: `titel` → `title`).
    UnknownField {
        name: String,
        suggestion: Option<String>,
        file: FileKind,
    },
    /// A field given twice; the first is on `first_line`.
    FieldTwice {
        name: String,
        first_line: usize,
    },
    /// A field with a value of the wrong kind (`duration: tien`); `field`
    /// is the field's path as the YAML reader gives it (`audience[0]`).
    WrongType {
        field: String,
        found: YamlValue,
        expected: YamlType,
    },
    /// A value of the right kind that cannot be (`duration: -1`).
    InvalidValue {
        field: String,
        found: YamlValue,
        expected: YamlType,
    },
    /// The YAML cannot be read; `detail` is the YAML reader's own account
    /// (English), `from` where the construct that failed started, if given.
    InvalidYaml {
        detail: String,
        from: Option<Place>,
    },
    /// A required text field (`title`, `summary`) is missing.
    MissingField {
        field: String,
    },
    /// A required text field is there but empty.
    EmptyField {
        field: String,
    },

    // --- Course and module fields --------------------------------------------
    /// `pass_score` outside 0–100.
    PassScoreOutOfRange {
        value: i64,
    },
    /// A module id that is not `[a-z0-9-]+`. `suggested_file` is given when
    /// the id comes from the file name (a name that would give a valid id);
    /// `None` when it was set with `id:`.
    InvalidModuleId {
        id: String,
        suggested_file: Option<String>,
    },
    /// `kind:` is neither `lesson` nor `exam`.
    UnknownModuleKind {
        value: String,
    },
    /// `attempts`, `draw` or `pass_score` in a lesson (format 1.1 lets a
    /// lesson `shuffle`).
    ExamOnlyField {
        field: String,
    },
    AttemptsZero,
    DrawZero,
    ExamWithoutQuestions,
    /// `draw:` asks more questions than the exam has.
    DrawTooLarge {
        draw: u32,
        questions: usize,
    },
    /// A per-group `draw:` entry of 0 (or a per-group `draw:` with no entry).
    DrawGroupZero {
        group: String,
    },
    /// A per-group `draw:` entry asks more questions than the group has
    /// (none when no question names the group); `groups` are the groups
    /// the exam's questions name.
    DrawGroupTooLarge {
        group: String,
        draw: u32,
        questions: usize,
        groups: Vec<String>,
    },
    /// An exam question that a per-group `draw:` never draws: it has no
    /// `group=`, or one `draw:` does not list.
    QuestionNotDrawn {
        id: String,
        group: Option<String>,
    },
    /// Warning: `group=` in a module that does not draw per group.
    GroupNotDrawn {
        group: String,
    },

    // --- Blocks ---------------------------------------------------------------
    /// Warning: an indented `:::` line, shown as text.
    IndentedBlockLine,
    /// A `:::` line with no block open.
    StrayBlockCloser,
    /// A block opened inside the block opened on `outer_line`.
    NestedBlock {
        outer_line: usize,
    },
    /// `::: kind` with an unknown kind; `suggestion` is a near one. The
    /// kinds are [`super::BLOCK_KINDS`].
    UnknownBlockKind {
        kind: String,
        suggestion: Option<String>,
    },
    UnclosedBlock,
    /// `key=` the opener does not take; `suggestion` is a near key.
    UnknownAttribute {
        block: Opener,
        key: String,
        suggestion: Option<String>,
    },
    /// A word without `=` on an opener.
    UnexpectedWord {
        block: Opener,
        word: String,
    },
    /// A block the Markdown around it swallowed (an unclosed `<pre>`, …).
    BlockInsideMarkup,
    /// A problem in the GIFT text of a `::: gift` block.
    Gift(gift::Problem),

    // --- Questions and reflections --------------------------------------------
    QuestionWithoutAnswerList,
    QuestionWithoutPrompt,
    /// The answer list mixes item styles: the first item is `first`, this
    /// one `this`.
    MixedAnswerList {
        first: ListStyle,
        this: ListStyle,
    },
    InvalidQuestionId {
        id: String,
    },
    DuplicateQuestionId {
        id: String,
    },
    /// `type=` with an unknown type; the types are [`super::QUESTION_TYPES`].
    UnknownQuestionType {
        value: String,
    },
    /// `points=` that is not a whole number of at least 1.
    InvalidPoints {
        value: String,
    },
    /// A list of plain items without `type=order`.
    NoCheckboxes,
    /// `type=` that does not fit the list, whose items are each `style`.
    TypeDoesNotFit {
        declared: QuestionType,
        style: ListStyle,
    },
    /// A `group=` that is not `[a-z0-9-]+`.
    InvalidGroup {
        group: String,
    },
    /// A typed-answer list with only `~` (known wrong) answers.
    OnlyWrongAnswers,
    TooFewOptions,
    NoCorrectOption,
    /// `type=single` with `correct` options marked `[x]`.
    SeveralCorrect {
        correct: usize,
    },
    EmptyOption,
    /// Warning.
    OptionWithoutFeedback,
    TooFewOrderItems,
    EmptyOrderItem,
    EmptyAcceptedAnswer,
    /// Warning: a text answer that reads as a number with a tolerance.
    LooksNumeric {
        text: String,
    },
    /// A numeric answer that cannot be read, and why.
    NotANumber {
        text: String,
        why: NumberProblem,
    },
    PairWithoutSides,
    TooFewPairs,
    InvalidReflectionId {
        id: String,
    },
    DuplicateReflectionId {
        id: String,
    },
    ReflectionWithoutQuestion,

    // --- Text, links and images ------------------------------------------------
    /// Markdown nested more than `max` levels; the deeper part is left out.
    MarkdownTooDeep {
        max: usize,
    },
    /// Raw HTML nested more than `max` levels; the deeper part is left out.
    RawHtmlTooDeep {
        max: usize,
    },
    /// Warning: a `#` heading in the body.
    HeadingOne,
    /// Warning: a `{#id}` already taken, by the module page's own parts
    /// (`by_page`) or by another heading.
    HeadingIdTaken {
        id: String,
        by_page: bool,
    },
    ImageWithoutAlt,
    /// An `assets/…` file that does not exist; `suggestion` is a near one.
    MissingAsset {
        path: String,
        suggestion: Option<String>,
        course_id: String,
    },
    /// An image whose address is not in `assets/`.
    ImageOutsideAssets {
        address: String,
        course_id: String,
    },
    /// A link to a `.md` file that is no module of the course; `files`
    /// are the module files.
    NoSuchModuleFile {
        file: String,
        suggestion: Option<String>,
        files: Vec<String>,
    },
    /// A link to anything else that is not published; `web_address` when
    /// it looks like a web address without `https://` (`www.…`).
    LinkLeadsNowhere {
        target: String,
        course_id: String,
        web_address: bool,
    },
    /// Warning: an address with a scheme the sanitiser removes.
    UnsafeAddress {
        address: String,
    },
    /// Warning: raw HTML the sanitiser removes.
    RawHtmlRemoved {
        removed: Removed,
    },

    // --- The self-scan (scan.md) ---------------------------------------------
    /// A scan without a single question.
    ScanWithoutQuestions,
    /// A block other than a question or callout in a scan (a reflection or
    /// GIFT): `kind` as written.
    ScanBlockNotAllowed {
        kind: String,
    },
    /// A scan question whose answer list is not a list of `- [ ]` options.
    ScanOptionsNotBoxes,
    /// A scan option marked `[x]`: nothing in a scan is right or wrong.
    ScanOptionChecked,
    /// A scan option without `-> target` (use `-> -` for "nothing to add").
    ScanOptionWithoutTarget,
    /// `-> target` names neither a module of this course nor a course;
    /// `suggestion` is the closest id there is.
    ScanUnknownTarget {
        target: String,
        suggestion: Option<String>,
    },
}

impl Problem {
    /// A stable kebab-case name, for JSON and tests (`unknown-field`,
    /// `gift-no-text`).
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            CoursesFolderUnreadable { .. } => "courses-folder-unreadable",
            NotACourseFolder { .. } => "not-a-course-folder",
            InternalError => "internal-error",
            InvalidCourseId { .. } => "invalid-course-id",
            CourseFolderUnreadable { .. } => "course-folder-unreadable",
            NotAModuleFile { .. } => "not-a-module-file",
            OutsideCourseLayout { .. } => "outside-course-layout",
            MissingCourseMd => "missing-course-md",
            AssetsFolderUnreadable { .. } => "assets-folder-unreadable",
            RefusedAsset { .. } => "refused-asset",
            ActiveSvg { .. } => "active-svg",
            FileTooLarge { .. } => "file-too-large",
            NotUtf8 => "not-utf8",
            FileUnreadable { .. } => "file-unreadable",
            DuplicateModuleId { .. } => "duplicate-module-id",
            CourseWithoutModules => "course-without-modules",
            QuestionInCourseMd => "question-in-course-md",
            SummaryTooLong { .. } => "summary-too-long",
            UnknownLanguage { .. } => "unknown-language",
            ValidForMonthsZero => "valid-for-months-zero",
            ModuleListedTwice { .. } => "module-listed-twice",
            UnknownModuleInList { .. } => "unknown-module-in-list",
            ModuleMissingFromList { .. } => "module-missing-from-list",
            MissingFrontMatter { .. } => "missing-front-matter",
            UnclosedFrontMatter => "unclosed-front-matter",
            FrontMatterTooLong { .. } => "front-matter-too-long",
            UnknownField { .. } => "unknown-field",
            FieldTwice { .. } => "field-twice",
            WrongType { .. } => "wrong-type",
            InvalidValue { .. } => "invalid-value",
            InvalidYaml { .. } => "invalid-yaml",
            MissingField { .. } => "missing-field",
            EmptyField { .. } => "empty-field",
            PassScoreOutOfRange { .. } => "pass-score-out-of-range",
            InvalidModuleId { .. } => "invalid-module-id",
            UnknownModuleKind { .. } => "unknown-module-kind",
            ExamOnlyField { .. } => "exam-only-field",
            AttemptsZero => "attempts-zero",
            DrawZero => "draw-zero",
            ExamWithoutQuestions => "exam-without-questions",
            DrawTooLarge { .. } => "draw-too-large",
            DrawGroupZero { .. } => "draw-group-zero",
            DrawGroupTooLarge { .. } => "draw-group-too-large",
            QuestionNotDrawn { .. } => "question-not-drawn",
            GroupNotDrawn { .. } => "group-not-drawn",
            IndentedBlockLine => "indented-block-line",
            StrayBlockCloser => "stray-block-closer",
            NestedBlock { .. } => "nested-block",
            UnknownBlockKind { .. } => "unknown-block-kind",
            UnclosedBlock => "unclosed-block",
            UnknownAttribute { .. } => "unknown-attribute",
            UnexpectedWord { .. } => "unexpected-word",
            BlockInsideMarkup => "block-inside-markup",
            Gift(problem) => problem.code(),
            QuestionWithoutAnswerList => "question-without-answer-list",
            QuestionWithoutPrompt => "question-without-prompt",
            MixedAnswerList { .. } => "mixed-answer-list",
            InvalidQuestionId { .. } => "invalid-question-id",
            DuplicateQuestionId { .. } => "duplicate-question-id",
            UnknownQuestionType { .. } => "unknown-question-type",
            InvalidPoints { .. } => "invalid-points",
            NoCheckboxes => "no-checkboxes",
            TypeDoesNotFit { .. } => "type-does-not-fit",
            InvalidGroup { .. } => "invalid-group",
            OnlyWrongAnswers => "only-wrong-answers",
            TooFewOptions => "too-few-options",
            NoCorrectOption => "no-correct-option",
            SeveralCorrect { .. } => "several-correct",
            EmptyOption => "empty-option",
            OptionWithoutFeedback => "option-without-feedback",
            TooFewOrderItems => "too-few-order-items",
            EmptyOrderItem => "empty-order-item",
            EmptyAcceptedAnswer => "empty-accepted-answer",
            LooksNumeric { .. } => "looks-numeric",
            NotANumber { .. } => "not-a-number",
            PairWithoutSides => "pair-without-sides",
            TooFewPairs => "too-few-pairs",
            InvalidReflectionId { .. } => "invalid-reflection-id",
            DuplicateReflectionId { .. } => "duplicate-reflection-id",
            ReflectionWithoutQuestion => "reflection-without-question",
            MarkdownTooDeep { .. } => "markdown-too-deep",
            RawHtmlTooDeep { .. } => "raw-html-too-deep",
            HeadingOne => "heading-one",
            HeadingIdTaken { .. } => "heading-id-taken",
            ImageWithoutAlt => "image-without-alt",
            MissingAsset { .. } => "missing-asset",
            ImageOutsideAssets { .. } => "image-outside-assets",
            NoSuchModuleFile { .. } => "no-such-module-file",
            LinkLeadsNowhere { .. } => "link-leads-nowhere",
            UnsafeAddress { .. } => "unsafe-address",
            RawHtmlRemoved { .. } => "raw-html-removed",
            ScanWithoutQuestions => "scan-without-questions",
            ScanBlockNotAllowed { .. } => "scan-block-not-allowed",
            ScanOptionsNotBoxes => "scan-options-not-boxes",
            ScanOptionChecked => "scan-option-checked",
            ScanOptionWithoutTarget => "scan-option-without-target",
            ScanUnknownTarget { .. } => "scan-unknown-target",
        }
    }
}

/// Which file's front matter: the fields differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    CourseMd,
    Module,
    Scan,
}

impl FileKind {
    /// The front matter fields this file takes, as the format spells them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            FileKind::CourseMd => super::front_matter::COURSE_FIELDS,
            FileKind::Module => super::front_matter::MODULE_FIELDS,
            FileKind::Scan => super::front_matter::SCAN_FIELDS,
        }
    }
}

/// What a file without front matter starts with, for the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileStart {
    /// Lines ended by a carriage return alone (old Mac): the whole file
    /// reads as one line.
    CarriageReturns,
    /// Empty lines, then `---`.
    EmptyLinesAbove,
    /// `+++` (TOML front matter).
    Toml,
    /// Something that looks like a field (`title: …`) without `---`.
    FieldsWithoutDashes,
    /// Anything else (text, a heading, nothing).
    Other,
}

/// A value in the front matter as the YAML reader saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum YamlValue {
    /// Text; the text as read.
    Text(String),
    /// A number; as written.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    List,
    /// `key: value` pairs.
    Map,
    /// Nothing (`~`, `null`).
    Nothing,
    /// Anything else, in the YAML reader's own (English) words.
    Other(String),
}

/// The kind of value a front matter field takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum YamlType {
    WholeNumber,
    Text,
    List,
    /// `true` or `false`.
    Bool,
    /// `draw:`: a whole number, or per group `group: number` lines.
    DrawCount,
    /// Anything else, in the YAML reader's own (English) words.
    Other(String),
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

/// A block opener that takes attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Opener {
    Question,
    Reflection,
    Gift,
}

impl Opener {
    /// The block kind as written after `:::`.
    pub fn name(self) -> &'static str {
        match self {
            Opener::Question => "question",
            Opener::Reflection => "reflection",
            Opener::Gift => "gift",
        }
    }

    /// The attribute keys it takes, in the order the format lists them.
    pub fn attributes(self) -> &'static [&'static str] {
        match self {
            Opener::Question => &["id", "type", "points", "group"],
            Opener::Reflection => &["id"],
            Opener::Gift => &["group"],
        }
    }
}

/// A question type, as `type=` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionType {
    Single,
    Multiple,
    Order,
    Text,
    Match,
    Numeric,
}

impl QuestionType {
    pub const ALL: [QuestionType; 6] = [
        QuestionType::Single,
        QuestionType::Multiple,
        QuestionType::Order,
        QuestionType::Text,
        QuestionType::Match,
        QuestionType::Numeric,
    ];

    pub fn from_name(name: &str) -> Option<QuestionType> {
        QuestionType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The name `type=` takes.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::Order => "order",
            QuestionType::Text => "text",
            QuestionType::Match => "match",
            QuestionType::Numeric => "numeric",
        }
    }
}

/// How one item of an answer list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListStyle {
    /// `- [ ] …`
    Checkbox,
    /// `- = …`
    Accepted,
    /// `- left -> right`
    Pair,
    /// `- …` or `1. …`
    Plain,
}

/// Why a numeric answer cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberProblem {
    /// `min..max` with `min > max`; both as written.
    RangeReversed {
        min: String,
        max: String,
    },
    NegativeTolerance,
    /// Nothing where a number should be.
    Missing,
    /// `text` (as written) is not a number.
    NotANumber {
        text: String,
    },
}
