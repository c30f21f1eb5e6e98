//! The content checker's words, in the reader's language: what each
//! problem the domain finds in `content/` (`domain::content::Problem`) is
//! and how to fix it, for `server check` (the user's POSIX locale), the
//! admin page (the page's locale) and the reload log (English, the
//! operators' log). Keys in `locales/<nl|en>/checker.json`.
//!
//! | function | says |
//! |---|---|
//! | [`message`] | what is wrong: "onbekend veld `titel` in de front matter" |
//! | [`hint`] | how to fix it, where that helps: "bedoel je `title`?" |
//! | [`severity`], [`hint_label`] | "fout"/"error", "tip"/"hint" |
//! | [`plain`] | one diagnostic as `path:line:column: fout: …` with the tip below |
//! | [`summary`] | the checker's last line |
//!
//! The English is the text the checker has always printed (the broken
//! fixtures' `expected.en.txt`); the Dutch is what trainers read by default
//! (`expected.nl.txt`, explained in `docs/auteurs.md`). What comes from the
//! content (file names, ids, values as written, the format's keywords) is
//! quoted as it is; so are the two details only a library can give: an
//! operating system's reason a file cannot be read, and the YAML reader's
//! account of a syntax error.

mod gift;
#[cfg(test)]
mod tests;

use crate::i18n::{td_string, Locale};
use domain::content::assets::ActiveContent;
use domain::content::{
    FileKind, FileStart, ListStyle, NumberProblem, Opener, Problem, QuestionType, YamlType,
    YamlValue, BLOCK_KINDS, QUESTION_TYPES,
};
use domain::diagnostics::{Diagnostic, Severity};
use domain::markdown::Removed;

/// What is wrong, in `locale`.
pub fn message(locale: Locale, problem: &Problem) -> String {
    use Problem::*;
    match problem {
        CoursesFolderUnreadable { error } => {
            td_string!(locale, checker.courses_folder_unreadable, error).to_string()
        }
        NotACourseFolder { name } => {
            td_string!(locale, checker.not_a_course_folder, name).to_string()
        }
        InternalError => td_string!(locale, checker.internal_error).to_string(),
        InvalidCourseId { id, .. } => td_string!(locale, checker.invalid_course_id, id).to_string(),
        CourseFolderUnreadable { error } => {
            td_string!(locale, checker.course_folder_unreadable, error).to_string()
        }
        NotAModuleFile { name, .. } => {
            td_string!(locale, checker.not_a_module_file, name).to_string()
        }
        OutsideCourseLayout { name } => {
            td_string!(locale, checker.outside_course_layout, name).to_string()
        }
        MissingCourseMd => td_string!(locale, checker.missing_course_md).to_string(),
        AssetsFolderUnreadable { error } => {
            td_string!(locale, checker.assets_folder_unreadable, error).to_string()
        }
        RefusedAsset { path } => td_string!(locale, checker.refused_asset, path).to_string(),
        ActiveSvg { path, found } => {
            let found = active_content(locale, *found);
            td_string!(locale, checker.active_svg, path, found).to_string()
        }
        FileTooLarge { kb, max_kb } => {
            td_string!(locale, checker.file_too_large, kb, max_kb).to_string()
        }
        NotUtf8 => td_string!(locale, checker.not_utf8).to_string(),
        FileUnreadable { error } => td_string!(locale, checker.file_unreadable, error).to_string(),

        DuplicateModuleId { id, other_file } => {
            td_string!(locale, checker.duplicate_module_id, id, other = other_file).to_string()
        }
        CourseWithoutModules => td_string!(locale, checker.course_without_modules).to_string(),
        QuestionInCourseMd => td_string!(locale, checker.question_in_course_md).to_string(),
        SummaryTooLong { chars, max } => {
            td_string!(locale, checker.summary_too_long, chars, max).to_string()
        }
        UnknownLanguage { value } => {
            td_string!(locale, checker.unknown_language, value).to_string()
        }
        ValidForMonthsZero => td_string!(locale, checker.zero_valid_for_months).to_string(),
        ModuleListedTwice { id } => td_string!(locale, checker.module_listed_twice, id).to_string(),
        UnknownModuleInList { id, .. } => {
            td_string!(locale, checker.unknown_module_in_list, id).to_string()
        }
        ModuleMissingFromList { file, id } => {
            td_string!(locale, checker.module_missing_from_list, file, id).to_string()
        }

        MissingFrontMatter { .. } => td_string!(locale, checker.missing_front_matter).to_string(),
        UnclosedFrontMatter => td_string!(locale, checker.unclosed_front_matter).to_string(),
        FrontMatterTooLong {
            kib,
            end_line,
            max_kib,
            ..
        } => td_string!(
            locale,
            checker.front_matter_too_long,
            kib,
            end_line,
            max_kib
        )
        .to_string(),
        UnknownField { name, .. } => td_string!(locale, checker.unknown_field, name).to_string(),
        FieldTwice { name, .. } => td_string!(locale, checker.field_twice, name).to_string(),
        WrongType {
            field,
            found,
            expected,
        } => {
            let (found, expected) = (yaml_value(locale, found), yaml_type(locale, expected));
            td_string!(locale, checker.wrong_type, field, found, expected).to_string()
        }
        InvalidValue {
            field,
            found,
            expected,
        } => {
            let (found, expected) = (yaml_value(locale, found), yaml_type(locale, expected));
            td_string!(locale, checker.invalid_value, field, found, expected).to_string()
        }
        InvalidYaml { detail, from } => match from {
            Some(place) => td_string!(
                locale,
                checker.invalid_yaml_from,
                detail,
                line = place.line,
                column = place.column
            )
            .to_string(),
            None => td_string!(locale, checker.invalid_yaml, detail).to_string(),
        },
        MissingField { field } => td_string!(locale, checker.missing_field, field).to_string(),
        EmptyField { field } => td_string!(locale, checker.empty_field, field).to_string(),

        PassScoreOutOfRange { value } => {
            td_string!(locale, checker.pass_score_out_of_range, value).to_string()
        }
        InvalidModuleId { id, .. } => td_string!(locale, checker.invalid_module_id, id).to_string(),
        UnknownModuleKind { value } => {
            td_string!(locale, checker.unknown_module_kind, value).to_string()
        }
        ExamOnlyField { field } => td_string!(locale, checker.exam_only_field, field).to_string(),
        AttemptsZero => td_string!(locale, checker.zero_attempts).to_string(),
        DrawZero => td_string!(locale, checker.zero_draw).to_string(),
        ExamWithoutQuestions => td_string!(locale, checker.exam_without_questions).to_string(),
        DrawTooLarge { draw, questions } => {
            td_string!(locale, checker.draw_too_large, draw, questions).to_string()
        }
        DrawGroupZero { group } => td_string!(locale, checker.draw_group_zero, group).to_string(),
        DrawGroupTooLarge {
            group,
            draw,
            questions,
            ..
        } => td_string!(locale, checker.draw_group_too_large, group, draw, questions).to_string(),
        QuestionNotDrawn {
            id,
            group: Some(group),
        } => td_string!(locale, checker.question_not_drawn, id, group).to_string(),
        QuestionNotDrawn { id, group: None } => {
            td_string!(locale, checker.question_not_drawn_without_group, id).to_string()
        }
        GroupNotDrawn { group } => td_string!(locale, checker.group_not_drawn, group).to_string(),

        IndentedBlockLine => td_string!(locale, checker.indented_block_line).to_string(),
        StrayBlockCloser => td_string!(locale, checker.stray_block_closer).to_string(),
        NestedBlock { .. } => td_string!(locale, checker.nested_block).to_string(),
        UnknownBlockKind { kind, .. } => {
            td_string!(locale, checker.unknown_block_kind, kind).to_string()
        }
        UnclosedBlock => td_string!(locale, checker.unclosed_block).to_string(),
        UnknownAttribute { block, key, .. } => {
            td_string!(locale, checker.unknown_attribute, block = block.name(), key).to_string()
        }
        UnexpectedWord { block, word } => {
            td_string!(locale, checker.unexpected_word, block = block.name(), word).to_string()
        }
        BlockInsideMarkup => td_string!(locale, checker.block_inside_markup).to_string(),
        Gift(problem) => gift::message(locale, problem),

        QuestionWithoutAnswerList => {
            td_string!(locale, checker.question_without_answer_list).to_string()
        }
        QuestionWithoutPrompt => td_string!(locale, checker.question_without_prompt).to_string(),
        MixedAnswerList { first, this } => {
            let (first, this) = (list_style(locale, *first), list_style(locale, *this));
            td_string!(locale, checker.mixed_answer_list, first, this).to_string()
        }
        InvalidQuestionId { id } => td_string!(locale, checker.invalid_question_id, id).to_string(),
        DuplicateQuestionId { id } => {
            td_string!(locale, checker.duplicate_question_id, id).to_string()
        }
        UnknownQuestionType { value } => {
            td_string!(locale, checker.unknown_question_type, value).to_string()
        }
        InvalidPoints { value } => td_string!(locale, checker.invalid_points, value).to_string(),
        NoCheckboxes => td_string!(locale, checker.no_checkboxes).to_string(),
        TypeDoesNotFit { declared, style } => {
            let style = list_style(locale, *style);
            td_string!(
                locale,
                checker.type_does_not_fit,
                declared = declared.name(),
                style
            )
            .to_string()
        }
        InvalidGroup { group } => td_string!(locale, checker.invalid_group, group).to_string(),
        OnlyWrongAnswers => td_string!(locale, checker.only_wrong_answers).to_string(),
        TooFewOptions => td_string!(locale, checker.too_few_options).to_string(),
        NoCorrectOption => td_string!(locale, checker.no_correct_option).to_string(),
        SeveralCorrect { correct } => {
            td_string!(locale, checker.several_correct, correct).to_string()
        }
        EmptyOption => td_string!(locale, checker.empty_option).to_string(),
        OptionWithoutFeedback => td_string!(locale, checker.option_without_feedback).to_string(),
        TooFewOrderItems => td_string!(locale, checker.too_few_order_items).to_string(),
        EmptyOrderItem => td_string!(locale, checker.empty_order_item).to_string(),
        EmptyAcceptedAnswer => td_string!(locale, checker.empty_accepted_answer).to_string(),
        LooksNumeric { text } => td_string!(locale, checker.looks_numeric, text).to_string(),
        NotANumber { text, why } => {
            let why = number_problem(locale, why);
            td_string!(locale, checker.not_a_number, text, why).to_string()
        }
        PairWithoutSides => td_string!(locale, checker.pair_without_sides).to_string(),
        TooFewPairs => td_string!(locale, checker.too_few_pairs).to_string(),
        InvalidReflectionId { id } => {
            td_string!(locale, checker.invalid_reflection_id, id).to_string()
        }
        DuplicateReflectionId { id } => {
            td_string!(locale, checker.duplicate_reflection_id, id).to_string()
        }
        ReflectionWithoutQuestion => {
            td_string!(locale, checker.reflection_without_question).to_string()
        }

        MarkdownTooDeep { max } => td_string!(locale, checker.markdown_too_deep, max).to_string(),
        RawHtmlTooDeep { max } => td_string!(locale, checker.raw_html_too_deep, max).to_string(),
        HeadingOne => td_string!(locale, checker.h1_heading).to_string(),
        HeadingIdTaken { id, by_page: true } => {
            td_string!(locale, checker.heading_id_page, id).to_string()
        }
        HeadingIdTaken { id, by_page: false } => {
            td_string!(locale, checker.heading_id_twice, id).to_string()
        }
        ImageWithoutAlt => td_string!(locale, checker.image_without_alt).to_string(),
        MissingAsset { path, .. } => td_string!(locale, checker.missing_asset, path).to_string(),
        ImageOutsideAssets { address, .. } => {
            td_string!(locale, checker.image_outside_assets, address).to_string()
        }
        NoSuchModuleFile { file, .. } => {
            td_string!(locale, checker.no_such_module_file, file).to_string()
        }
        LinkLeadsNowhere { target, .. } => {
            td_string!(locale, checker.link_leads_nowhere, target).to_string()
        }
        UnsafeAddress { address } => {
            td_string!(locale, checker.unsafe_address, address).to_string()
        }
        RawHtmlRemoved { removed } => {
            let what = removed_html(locale, removed);
            td_string!(locale, checker.raw_html_removed, what).to_string()
        }

        ScanWithoutQuestions => td_string!(locale, checker.scan_without_questions).to_string(),
        ScanBlockNotAllowed { kind } => {
            td_string!(locale, checker.scan_block_not_allowed, kind).to_string()
        }
        ScanOptionsNotBoxes => td_string!(locale, checker.scan_options_not_boxes).to_string(),
        ScanOptionChecked => td_string!(locale, checker.scan_option_checked).to_string(),
        ScanOptionWithoutTarget => {
            td_string!(locale, checker.scan_option_without_target).to_string()
        }
        ScanUnknownTarget { target, .. } => {
            td_string!(locale, checker.scan_unknown_target, target).to_string()
        }
    }
}

/// How to fix it, in `locale`; `None` where the message says it all (a
/// value of the wrong type) or nobody but the operator can help (a folder
/// the server cannot read).
pub fn hint(locale: Locale, problem: &Problem) -> Option<String> {
    use Problem::*;
    let hint = match problem {
        CoursesFolderUnreadable { .. } => {
            td_string!(locale, checker.courses_folder_unreadable_hint).to_string()
        }
        NotACourseFolder { .. } => td_string!(locale, checker.not_a_course_folder_hint).to_string(),
        InternalError => td_string!(locale, checker.internal_error_hint).to_string(),
        InvalidCourseId { suggestion, .. } => {
            td_string!(locale, checker.invalid_course_id_hint, suggestion).to_string()
        }
        CourseFolderUnreadable { .. }
        | AssetsFolderUnreadable { .. }
        | FileUnreadable { .. }
        | WrongType { .. }
        | InvalidValue { .. } => return None,
        NotAModuleFile { suggestion, .. } => {
            td_string!(locale, checker.not_a_module_file_hint, suggestion).to_string()
        }
        OutsideCourseLayout { .. } => {
            td_string!(locale, checker.outside_course_layout_hint).to_string()
        }
        MissingCourseMd => td_string!(locale, checker.missing_course_md_hint).to_string(),
        RefusedAsset { .. } => td_string!(locale, checker.refused_asset_hint).to_string(),
        ActiveSvg { .. } => td_string!(locale, checker.active_svg_hint).to_string(),
        FileTooLarge { .. } => td_string!(locale, checker.file_too_large_hint).to_string(),
        NotUtf8 => td_string!(locale, checker.not_utf8_hint).to_string(),

        DuplicateModuleId { .. } => {
            td_string!(locale, checker.duplicate_module_id_hint).to_string()
        }
        CourseWithoutModules => td_string!(locale, checker.course_without_modules_hint).to_string(),
        QuestionInCourseMd => td_string!(locale, checker.question_in_course_md_hint).to_string(),
        SummaryTooLong { .. } => td_string!(locale, checker.summary_too_long_hint).to_string(),
        UnknownLanguage { .. } => td_string!(locale, checker.unknown_language_hint).to_string(),
        ValidForMonthsZero => td_string!(locale, checker.zero_valid_for_months_hint).to_string(),
        ModuleListedTwice { .. } => {
            td_string!(locale, checker.module_listed_twice_hint).to_string()
        }
        UnknownModuleInList {
            suggestion: Some(suggestion),
            ..
        } => did_you_mean(locale, suggestion),
        UnknownModuleInList { ids, .. } => td_string!(
            locale,
            checker.unknown_module_in_list_hint,
            ids = ids.join(", ")
        )
        .to_string(),
        ModuleMissingFromList { id, .. } => {
            td_string!(locale, checker.module_missing_from_list_hint, id).to_string()
        }

        MissingFrontMatter { start } => match start {
            FileStart::CarriageReturns => {
                td_string!(locale, checker.missing_front_matter_carriage_returns)
            }
            FileStart::EmptyLinesAbove => {
                td_string!(locale, checker.missing_front_matter_empty_lines)
            }
            FileStart::Toml => td_string!(locale, checker.missing_front_matter_toml),
            FileStart::FieldsWithoutDashes => {
                td_string!(locale, checker.missing_front_matter_no_dashes)
            }
            FileStart::Other => td_string!(locale, checker.missing_front_matter_text),
        }
        .to_string(),
        UnclosedFrontMatter => td_string!(locale, checker.unclosed_front_matter_hint).to_string(),
        FrontMatterTooLong { file, .. } => td_string!(
            locale,
            checker.front_matter_too_long_hint,
            fields = file.fields().join(", ")
        )
        .to_string(),
        UnknownField {
            suggestion: Some(suggestion),
            ..
        } => did_you_mean(locale, suggestion),
        UnknownField { file, .. } => {
            let name = match file {
                FileKind::CourseMd => td_string!(locale, checker.file_course_md),
                FileKind::Module => td_string!(locale, checker.file_module),
                FileKind::Scan => td_string!(locale, checker.file_scan),
            };
            td_string!(
                locale,
                checker.unknown_field_hint,
                file = name,
                fields = file.fields().join(", ")
            )
            .to_string()
        }
        FieldTwice { first_line, .. } => {
            td_string!(locale, checker.field_twice_hint, line = first_line).to_string()
        }
        InvalidYaml { .. } => td_string!(locale, checker.invalid_yaml_hint).to_string(),
        MissingField { field } => td_string!(locale, checker.missing_field_hint, field).to_string(),
        EmptyField { field } => {
            let what = match field.as_str() {
                "title" => td_string!(locale, checker.field_title),
                "summary" => td_string!(locale, checker.field_summary),
                other => other,
            };
            td_string!(locale, checker.empty_field_hint, what, field).to_string()
        }

        PassScoreOutOfRange { .. } => {
            td_string!(locale, checker.pass_score_out_of_range_hint).to_string()
        }
        InvalidModuleId {
            suggested_file: Some(file),
            ..
        } => td_string!(locale, checker.invalid_module_id_file_hint, file).to_string(),
        InvalidModuleId { .. } => td_string!(locale, checker.invalid_module_id_hint).to_string(),
        UnknownModuleKind { .. } => {
            td_string!(locale, checker.unknown_module_kind_hint).to_string()
        }
        ExamOnlyField { field } => {
            td_string!(locale, checker.exam_only_field_hint, field).to_string()
        }
        AttemptsZero => td_string!(locale, checker.zero_attempts_hint).to_string(),
        DrawZero => td_string!(locale, checker.zero_draw_hint).to_string(),
        ExamWithoutQuestions => td_string!(locale, checker.exam_without_questions_hint).to_string(),
        DrawTooLarge { questions, .. } => {
            td_string!(locale, checker.draw_too_large_hint, questions).to_string()
        }
        DrawGroupZero { .. } => td_string!(locale, checker.draw_group_zero_hint).to_string(),
        DrawGroupTooLarge { group, groups, .. } if groups.is_empty() => {
            td_string!(locale, checker.draw_group_no_groups_hint, group).to_string()
        }
        DrawGroupTooLarge {
            group,
            questions: 0,
            groups,
            ..
        } => td_string!(
            locale,
            checker.draw_group_unknown_hint,
            group,
            groups = groups.join(", ")
        )
        .to_string(),
        DrawGroupTooLarge {
            group,
            questions,
            groups,
            ..
        } => td_string!(
            locale,
            checker.draw_group_too_large_hint,
            group,
            questions,
            groups = groups.join(", ")
        )
        .to_string(),
        QuestionNotDrawn { .. } => td_string!(locale, checker.question_not_drawn_hint).to_string(),
        GroupNotDrawn { .. } => td_string!(locale, checker.group_not_drawn_hint).to_string(),

        IndentedBlockLine => td_string!(locale, checker.indented_block_line_hint).to_string(),
        StrayBlockCloser => td_string!(locale, checker.stray_block_closer_hint).to_string(),
        NestedBlock { outer_line } => {
            td_string!(locale, checker.nested_block_hint, line = outer_line).to_string()
        }
        UnknownBlockKind {
            suggestion: Some(suggestion),
            ..
        } => td_string!(
            locale,
            checker.unknown_block_kind_suggestion_hint,
            suggestion,
            kinds = BLOCK_KINDS.join(", ")
        )
        .to_string(),
        UnknownBlockKind { .. } => td_string!(
            locale,
            checker.unknown_block_kind_hint,
            kinds = BLOCK_KINDS.join(", ")
        )
        .to_string(),
        UnclosedBlock => td_string!(locale, checker.unclosed_block_hint).to_string(),
        UnknownAttribute {
            block,
            suggestion: Some(suggestion),
            ..
        } => td_string!(
            locale,
            checker.unknown_attribute_suggestion_hint,
            suggestion,
            block = block.name(),
            allowed = allowed(*block)
        )
        .to_string(),
        UnknownAttribute { block, .. } => td_string!(
            locale,
            checker.unknown_attribute_hint,
            block = block.name(),
            allowed = allowed(*block)
        )
        .to_string(),
        UnexpectedWord { block, .. } => td_string!(
            locale,
            checker.unexpected_word_hint,
            block = block.name(),
            allowed = allowed(*block)
        )
        .to_string(),
        BlockInsideMarkup => td_string!(locale, checker.block_inside_markup_hint).to_string(),
        Gift(problem) => return gift::hint(locale, problem),

        QuestionWithoutAnswerList => {
            td_string!(locale, checker.question_without_answer_list_hint).to_string()
        }
        QuestionWithoutPrompt => {
            td_string!(locale, checker.question_without_prompt_hint).to_string()
        }
        MixedAnswerList { .. } => td_string!(locale, checker.mixed_answer_list_hint).to_string(),
        InvalidQuestionId { .. } => {
            td_string!(locale, checker.invalid_question_id_hint).to_string()
        }
        DuplicateQuestionId { .. } => {
            td_string!(locale, checker.duplicate_question_id_hint).to_string()
        }
        UnknownQuestionType { .. } => td_string!(
            locale,
            checker.unknown_question_type_hint,
            types = QUESTION_TYPES.join(", ")
        )
        .to_string(),
        InvalidPoints { .. } => td_string!(locale, checker.invalid_points_hint).to_string(),
        NoCheckboxes => td_string!(locale, checker.no_checkboxes_hint).to_string(),
        TypeDoesNotFit { declared, .. } => {
            let how = match declared {
                QuestionType::Single | QuestionType::Multiple => {
                    td_string!(locale, checker.how_choice)
                }
                QuestionType::Order => td_string!(locale, checker.how_order),
                QuestionType::Text => td_string!(locale, checker.how_text),
                QuestionType::Match => td_string!(locale, checker.how_match),
                QuestionType::Numeric => td_string!(locale, checker.how_numeric),
            };
            td_string!(
                locale,
                checker.type_does_not_fit_hint,
                declared = declared.name(),
                how
            )
            .to_string()
        }
        InvalidGroup { .. } => td_string!(locale, checker.invalid_group_hint).to_string(),
        OnlyWrongAnswers => td_string!(locale, checker.only_wrong_answers_hint).to_string(),
        TooFewOptions => td_string!(locale, checker.too_few_options_hint).to_string(),
        NoCorrectOption => td_string!(locale, checker.no_correct_option_hint).to_string(),
        SeveralCorrect { .. } => td_string!(locale, checker.several_correct_hint).to_string(),
        EmptyOption => td_string!(locale, checker.empty_option_hint).to_string(),
        OptionWithoutFeedback => {
            td_string!(locale, checker.option_without_feedback_hint).to_string()
        }
        TooFewOrderItems => td_string!(locale, checker.too_few_order_items_hint).to_string(),
        EmptyOrderItem => td_string!(locale, checker.empty_order_item_hint).to_string(),
        EmptyAcceptedAnswer => td_string!(locale, checker.empty_accepted_answer_hint).to_string(),
        LooksNumeric { .. } => td_string!(locale, checker.looks_numeric_hint).to_string(),
        NotANumber { .. } => td_string!(locale, checker.not_a_number_hint).to_string(),
        PairWithoutSides => td_string!(locale, checker.pair_without_sides_hint).to_string(),
        TooFewPairs => td_string!(locale, checker.too_few_pairs_hint).to_string(),
        InvalidReflectionId { .. } => {
            td_string!(locale, checker.invalid_reflection_id_hint).to_string()
        }
        DuplicateReflectionId { .. } => {
            td_string!(locale, checker.duplicate_reflection_id_hint).to_string()
        }
        ReflectionWithoutQuestion => {
            td_string!(locale, checker.reflection_without_question_hint).to_string()
        }

        MarkdownTooDeep { .. } => td_string!(locale, checker.nesting_hint).to_string(),
        RawHtmlTooDeep { .. } => td_string!(locale, checker.raw_html_too_deep_hint).to_string(),
        HeadingOne => td_string!(locale, checker.h1_heading_hint).to_string(),
        HeadingIdTaken { .. } => td_string!(locale, checker.heading_id_hint).to_string(),
        ImageWithoutAlt => td_string!(locale, checker.image_without_alt_hint).to_string(),
        MissingAsset {
            suggestion: Some(suggestion),
            ..
        } => td_string!(locale, checker.missing_asset_suggestion_hint, suggestion).to_string(),
        MissingAsset { course_id, .. } => {
            td_string!(locale, checker.missing_asset_hint, course = course_id).to_string()
        }
        ImageOutsideAssets { course_id, .. } => td_string!(
            locale,
            checker.image_outside_assets_hint,
            course = course_id
        )
        .to_string(),
        NoSuchModuleFile {
            suggestion: Some(suggestion),
            ..
        } => did_you_mean(locale, suggestion),
        NoSuchModuleFile { files, .. } => td_string!(
            locale,
            checker.no_such_module_file_hint,
            files = files.join(", ")
        )
        .to_string(),
        LinkLeadsNowhere {
            target,
            web_address: true,
            ..
        } => td_string!(locale, checker.link_leads_nowhere_web_hint, target).to_string(),
        LinkLeadsNowhere { course_id, .. } => {
            td_string!(locale, checker.link_leads_nowhere_hint, course = course_id).to_string()
        }
        UnsafeAddress { .. } => td_string!(locale, checker.unsafe_address_hint).to_string(),
        RawHtmlRemoved { .. } => td_string!(locale, checker.raw_html_removed_hint).to_string(),

        ScanWithoutQuestions => td_string!(locale, checker.scan_without_questions_hint).to_string(),
        ScanBlockNotAllowed { .. } => {
            td_string!(locale, checker.scan_block_not_allowed_hint).to_string()
        }
        ScanOptionsNotBoxes => td_string!(locale, checker.scan_options_not_boxes_hint).to_string(),
        ScanOptionChecked => td_string!(locale, checker.scan_option_checked_hint).to_string(),
        ScanOptionWithoutTarget => {
            td_string!(locale, checker.scan_option_without_target_hint).to_string()
        }
        ScanUnknownTarget {
            suggestion: Some(suggestion),
            ..
        } => did_you_mean(locale, suggestion),
        ScanUnknownTarget { .. } => {
            td_string!(locale, checker.scan_unknown_target_hint).to_string()
        }
    };
    Some(hint)
}

/// "fout"/"error", "waarschuwing"/"warning".
pub fn severity(locale: Locale, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => td_string!(locale, checker.error),
        Severity::Warning => td_string!(locale, checker.warning),
    }
}

/// The word before a hint: "tip"/"hint".
pub fn hint_label(locale: Locale) -> &'static str {
    td_string!(locale, checker.hint)
}

/// One diagnostic as the checker prints it: `path:line:column: fout:
/// bericht`, and the hint on the next line (`  tip: …`).
pub fn plain(locale: Locale, d: &Diagnostic) -> String {
    let mut out = format!(
        "{}:{}:{}: {}: {}",
        d.path.display(),
        d.line,
        d.column,
        severity(locale, d.severity),
        message(locale, &d.problem)
    );
    if let Some(hint) = hint(locale, &d.problem) {
        out.push_str(&format!("\n  {}: {hint}", hint_label(locale)));
    }
    out
}

/// The checker's last line: the courses, modules and questions read, and
/// the errors and warnings found.
pub fn summary(
    locale: Locale,
    courses: usize,
    modules: usize,
    questions: usize,
    errors: usize,
    warnings: usize,
) -> String {
    td_string!(
        locale,
        checker.summary,
        courses,
        modules,
        questions,
        errors,
        warnings
    )
    .to_string()
}

fn did_you_mean(locale: Locale, suggestion: &str) -> String {
    td_string!(locale, checker.did_you_mean, suggestion).to_string()
}

/// The attributes an opener takes: "`id=`, `type=`, `points=`".
fn allowed(block: Opener) -> String {
    block
        .attributes()
        .iter()
        .map(|key| format!("`{key}=`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn active_content(locale: Locale, found: ActiveContent) -> &'static str {
    match found {
        ActiveContent::Script => td_string!(locale, checker.active_script),
        ActiveContent::ForeignObject => td_string!(locale, checker.active_foreign_object),
        ActiveContent::JavascriptAddress => td_string!(locale, checker.active_javascript_address),
        ActiveContent::EventAttribute => td_string!(locale, checker.active_event_attribute),
    }
}

fn list_style(locale: Locale, style: ListStyle) -> &'static str {
    match style {
        ListStyle::Checkbox => td_string!(locale, checker.style_checkbox),
        ListStyle::Accepted => td_string!(locale, checker.style_accepted),
        ListStyle::Pair => td_string!(locale, checker.style_pair),
        ListStyle::Plain => td_string!(locale, checker.style_plain),
    }
}

/// What the YAML reader found; in English as serde says it (`string
/// "tien"`), in Dutch as a trainer would.
fn yaml_value(locale: Locale, found: &YamlValue) -> String {
    match found {
        YamlValue::Text(text) => td_string!(locale, checker.found_text, text).to_string(),
        YamlValue::Number(number) if number.contains(['.', 'e', 'E']) => {
            td_string!(locale, checker.found_float, number).to_string()
        }
        YamlValue::Number(number) => td_string!(locale, checker.found_integer, number).to_string(),
        YamlValue::Bool(value) => td_string!(locale, checker.found_bool, value).to_string(),
        YamlValue::List => td_string!(locale, checker.found_list).to_string(),
        YamlValue::Map => td_string!(locale, checker.found_map).to_string(),
        YamlValue::Nothing => td_string!(locale, checker.found_nothing).to_string(),
        YamlValue::Other(other) => other.clone(),
    }
}

fn yaml_type(locale: Locale, expected: &YamlType) -> String {
    match expected {
        YamlType::WholeNumber => td_string!(locale, checker.expected_whole_number).to_string(),
        YamlType::Text => td_string!(locale, checker.expected_text).to_string(),
        YamlType::List => td_string!(locale, checker.expected_list).to_string(),
        YamlType::Bool => td_string!(locale, checker.expected_bool).to_string(),
        YamlType::DrawCount => td_string!(locale, checker.expected_draw).to_string(),
        YamlType::Other(other) => other.clone(),
    }
}

fn number_problem(locale: Locale, why: &NumberProblem) -> String {
    match why {
        NumberProblem::RangeReversed { min, max } => {
            td_string!(locale, checker.why_range_reversed, min, max).to_string()
        }
        NumberProblem::NegativeTolerance => {
            td_string!(locale, checker.why_negative_tolerance).to_string()
        }
        NumberProblem::Missing => td_string!(locale, checker.why_missing).to_string(),
        NumberProblem::NotANumber { text } => {
            td_string!(locale, checker.why_not_a_number, text).to_string()
        }
    }
}

/// What the sanitiser removes; the element as a tag, `<span>`.
fn removed_html(locale: Locale, removed: &Removed) -> String {
    let tag = |element: &str| format!("<{element}>");
    match removed {
        Removed::Element { element } => {
            td_string!(locale, checker.removed_element, tag = tag(element)).to_string()
        }
        Removed::Tag { element } => {
            td_string!(locale, checker.removed_tag, tag = tag(element)).to_string()
        }
        Removed::Attribute { attribute, element } => td_string!(
            locale,
            checker.removed_attribute,
            attribute,
            tag = tag(element)
        )
        .to_string(),
        Removed::UnsafeAddress { attribute, element } => td_string!(
            locale,
            checker.removed_unsafe_address,
            attribute,
            tag = tag(element)
        )
        .to_string(),
    }
}

/// A number in `locale`: a decimal comma in Dutch (`99,9`), a point in
/// English.
fn number(locale: Locale, n: f64) -> String {
    let text = n.to_string();
    match locale {
        Locale::nl => text.replace('.', ","),
        Locale::en => text,
    }
}
