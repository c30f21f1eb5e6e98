//! The project's own GIFT file, `tests/fixtures/gift/eigen-voorbeelden.gift`:
//! Dutch questions about citizen participation that together use every GIFT
//! feature `domain::gift` supports. Each test checks what the platform makes
//! of them: the question type, answers, weights, feedback, tolerances, and
//! what becomes a reflection. The file is part of the repository, so these
//! tests always run; Moodle's own example file (`gift_moodle.rs`) is checked
//! as well when `../shared` is present.
//!
//! The last tests feed malformed GIFT that must be refused with an error
//! naming its line and column, never imported with another meaning.

use std::collections::BTreeSet;
use std::path::Path;

use domain::gift::{self, GiftError, GiftItem, Problem};
use domain::grading::{grade, Response};
use domain::model::{Language, NumericTarget, Question};

mod gift_support;
use gift_support::{
    at, checkboxes, feedback, labels, numbers, options, pairs, texts, tolerance, weights,
};

const OWN: &str = include_str!("fixtures/gift/eigen-voorbeelden.gift");

fn parse(text: &str, language: Language) -> Vec<GiftItem> {
    match gift::parse(text, language) {
        Ok(items) => items,
        Err(errors) => panic!("the project's own GIFT file must import, got {errors:#?}"),
    }
}

/// The graded questions of the file (essays left out), in a Dutch course.
fn questions() -> Vec<Question> {
    questions_in(Language::Nl)
}

fn questions_in(language: Language) -> Vec<Question> {
    parse(OWN, language)
        .into_iter()
        .filter_map(|item| match item {
            GiftItem::Question(q) => Some(q),
            GiftItem::Essay { .. } => None,
        })
        .collect()
}

/// The question with this `::title::`.
fn titled<'a>(qs: &'a [Question], title: &str) -> &'a Question {
    qs.iter()
        .find(|q| q.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no question titled {title:?}"))
}

fn line_of(item: &GiftItem) -> usize {
    match item {
        GiftItem::Question(q) => q.line,
        GiftItem::Essay { line, .. } => *line,
    }
}

fn kind_of(item: &GiftItem) -> &'static str {
    match item {
        GiftItem::Question(q) => q.type_name(),
        GiftItem::Essay { .. } => "essay",
    }
}

// --- the file as a whole ---------------------------------------------------

#[test]
fn every_item_imports_with_its_type_in_file_order() {
    let items = parse(OWN, Language::Nl);
    let got: Vec<(usize, &str)> = items.iter().map(|i| (line_of(i), kind_of(i))).collect();
    assert_eq!(
        got,
        [
            // multiple choice, partial weights, multiple answers
            (17, "single"),
            (19, "single"),
            (31, "single"),
            (39, "single"),
            (49, "multiple"),
            (56, "multiple"),
            // true/false
            (62, "single"),
            (64, "single"),
            (66, "single"),
            (68, "single"),
            (70, "single"),
            (72, "single"),
            // short answer
            (78, "text"),
            (85, "text"),
            (87, "text"),
            // matching
            (94, "match"),
            (103, "match"),
            (105, "match"),
            // numeric
            (115, "numeric"),
            (117, "numeric"),
            (119, "numeric"),
            (121, "numeric"),
            (123, "numeric"),
            (125, "numeric"),
            // missing word
            (136, "single"),
            (138, "single"),
            (140, "single"),
            // formats
            (146, "single"),
            (152, "single"),
            (157, "single"),
            (159, "single"),
            (161, "single"),
            (163, "numeric"),
            // escapes, a URL in the text
            (169, "single"),
            (176, "single"),
            // essays
            (182, "essay"),
            (184, "essay"),
        ]
    );
    for q in questions() {
        assert!(
            q.id.is_empty(),
            "line {}: the caller numbers questions",
            q.line
        );
        assert_eq!(q.points, 1, "line {}", q.line);
    }
}

#[test]
fn comments_categories_and_blank_lines() {
    let qs = questions();
    // The first question comes after nine comment lines, a `$CATEGORY:` line
    // and a comment block: none of them is a question or part of one.
    assert_eq!(qs[0].line, 17);
    // A `$CATEGORY:` line right above a question is skipped: the question
    // starts on the next line.
    assert_eq!(titled(&qs, "Inspraakverordening").line, 115);
    // A line of spaces and a tab separates questions like an empty line.
    assert_eq!(
        at(&qs, 62).prompt_html,
        "<p>De Omgevingswet geldt sinds 1 januari 2024.</p>"
    );
    assert_eq!(
        at(&qs, 64).prompt_html,
        "<p>De Omgevingswet schrijft precies voor hoe een gemeente inwoners moet betrekken.</p>"
    );
    // A comment line between two answers is left out, not read as an answer.
    assert_eq!(options(titled(&qs, "Eerste stap")).len(), 3);
    // `//` inside a line (a web address) is text, not a comment.
    assert_eq!(
        at(&qs, 176).prompt_html,
        "<p>Staat de participatieverordening van Demodorp op https://demodorp.example/participatie?</p>"
    );
}

#[test]
fn titles() {
    let qs = questions();
    let q = titled(&qs, "Eerste stap");
    assert_eq!(q.line, 19);
    assert_eq!(
        q.prompt_html,
        "<p>Wat doe je als eerste in een participatietraject?</p>"
    );
    // No title.
    assert_eq!(at(&qs, 17).title, None);
    // `::::`: an empty title is no title.
    let q = at(&qs, 72);
    assert_eq!(q.title, None);
    assert_eq!(
        q.prompt_html,
        "<p>Bij meebeslissen nemen inwoners het besluit.</p>"
    );
    // On a line of its own, padded with spaces, with an escaped colon.
    let q = at(&qs, 87);
    assert_eq!(q.title.as_deref(), Some("Uitnodiging: tijd"));
    assert!(
        q.prompt_html.starts_with("<p>Hoe laat"),
        "{}",
        q.prompt_html
    );
    // An escaped colon inside a title that is followed by text.
    assert_eq!(at(&qs, 169).title.as_deref(), Some("Verslag: tekens"));
}

// --- multiple choice ---------------------------------------------------------

#[test]
fn multiple_choice_with_one_right_answer() {
    let qs = questions();
    let q = at(&qs, 17);
    assert_eq!(
        q.prompt_html,
        "<p>Wie stelt in een gemeente de kaders voor participatie vast?</p>"
    );
    let o = options(q);
    // Plain text is HTML-escaped.
    assert_eq!(
        labels(o),
        [
            "het college van B&amp;W",
            "de gemeenteraad",
            "de burgemeester"
        ]
    );
    assert_eq!(weights(o), [0.0, 1.0, 0.0]);
    assert_eq!(feedback(o), [None, None, None]);
    assert_eq!(q.explanation_html, None);

    // Answers on lines of their own, indented; feedback continuing on the
    // next line keeps the line break; padding before `#` is not part of the
    // answer; `->` in feedback is text.
    let o = options(titled(&qs, "Eerste stap"));
    assert_eq!(
        labels(o),
        [
            "Een online participatieplatform kopen.",
            "Binnen de gemeente de kaders en rollen bepalen.",
            "Een inloopavond voor inwoners houden."
        ]
    );
    assert_eq!(weights(o), [0.0, 1.0, 0.0]);
    assert_eq!(
        feedback(o),
        [
            Some("Nog niet: een hulpmiddel kies je pas als het plan er ligt."),
            Some("Juist. Deze stap wordt vaak<br>\novergeslagen, terwijl hij het belangrijkst is."),
            Some("Nog niet. Volgorde: kaders -&gt; doelen -&gt; plan."),
        ]
    );
}

#[test]
fn partial_and_negative_weights_stay_single_choice() {
    let qs = questions();
    let q = titled(&qs, "Trede op de ladder");
    // The question text over two lines.
    assert_eq!(
        q.prompt_html,
        "<p>Inwoners mogen meepraten, maar de gemeente beslist.<br>\nWelke trede van de participatieladder is dat?</p>"
    );
    let o = options(q);
    assert_eq!(
        labels(o),
        ["Raadplegen", "Adviseren", "Meebeslissen", "Informeren"]
    );
    assert_eq!(weights(o), [1.0, 0.5, -0.25, 0.0]);
    // `#` with nothing after it is no feedback.
    assert_eq!(
        feedback(o),
        [
            Some("Juist."),
            Some("Bijna: bij adviseren weegt het advies zwaarder."),
            Some("Nee, dan nemen inwoners het besluit."),
            None
        ]
    );

    // `=` with a weight of its own: the second right answer is worth half.
    let o = options(titled(&qs, "Rol van de gemeente"));
    assert_eq!(
        labels(o),
        [
            "Overheidsparticipatie",
            "Meedoen met een initiatief",
            "Burgerparticipatie"
        ]
    );
    assert_eq!(weights(o), [1.0, 0.5, 0.0]);
}

#[test]
fn multiple_answers_are_checkboxes_scored_by_weight() {
    let qs = questions();
    let o = checkboxes(titled(&qs, "Kies alle goede"));
    assert_eq!(weights(o), [0.5, 0.5, -1.0, 0.0]);
    assert_eq!(
        feedback(o),
        [
            Some("Ja."),
            Some("Ja."),
            Some("Nee, dat is schijnparticipatie."),
            Some("Dat mag, maar het maakt participatie niet goed.")
        ]
    );

    // Three times 33.333% counts as 100% (Moodle's rounding) and is scaled
    // so that the three right answers together are worth exactly 100%.
    let o = checkboxes(titled(&qs, "Drie treden"));
    assert_eq!(
        labels(o),
        [
            "Informeren",
            "Adviseren",
            "Coproduceren",
            "Handhaven",
            "Vergunnen"
        ]
    );
    let w = weights(o);
    assert!((w[0] - 1.0 / 3.0).abs() < 1e-12, "{w:?}");
    assert_eq!(w[0], w[1]);
    assert_eq!(w[1], w[2]);
    assert!((w[0] + w[1] + w[2] - 1.0).abs() < 1e-12, "{w:?}");
    assert_eq!(&w[3..], [-0.5, -0.5]);
}

// --- true/false --------------------------------------------------------------

#[test]
fn true_false_spellings_and_labels() {
    let qs = questions();
    for (line, right_is_true) in [
        (62, true),  // {T}
        (64, false), // {F}
        (66, true),  // {TRUE#…#…}
        (68, false), // {FALSE#…}
        (70, false), // {F##…####…}
        (72, true),
        (157, false),
        (159, true),
        (161, false),
        (176, true),
    ] {
        let o = options(at(&qs, line));
        assert_eq!(labels(o), ["Waar", "Niet waar"], "line {line}");
        let expected = if right_is_true {
            [1.0, 0.0]
        } else {
            [0.0, 1.0]
        };
        assert_eq!(weights(o), expected, "line {line}");
    }
    // The labels follow the course's language.
    let en = questions_in(Language::En);
    assert_eq!(labels(options(at(&en, 62))), ["True", "False"]);
}

#[test]
fn true_false_feedback_is_first_for_the_wrong_answer_then_for_the_right_one() {
    let qs = questions();
    // {TRUE#wrong#right}: "Niet waar" is the wrong answer.
    assert_eq!(
        feedback(options(titled(&qs, "Uitdaagrecht"))),
        [
            Some("Juist."),
            Some("Toch wel: dat is precies wat het uitdaagrecht regelt.")
        ]
    );
    // {FALSE#wrong}: only the wrong answer, "Waar", has feedback.
    assert_eq!(
        feedback(options(titled(&qs, "Alleen de raad"))),
        [Some("Nee, ook het college en ambtenaren doen dat."), None]
    );
    // {F##right####general}: no feedback for the wrong answer.
    let q = titled(&qs, "Ladder van Arnstein");
    assert_eq!(
        feedback(options(q)),
        [None, Some("Goed: het zijn er acht.")]
    );
    assert_eq!(
        q.explanation_html.as_deref(),
        Some("<p>Sherry Arnstein beschreef in 1969 een ladder met acht treden.</p>")
    );
}

// --- short answer ------------------------------------------------------------

#[test]
fn short_answers() {
    let qs = questions();
    assert_eq!(
        texts(titled(&qs, "Naam van het recht")),
        [
            ("uitdaagrecht", 1.0, Some("Juist.")),
            ("het uitdaagrecht", 1.0, Some("Juist.")),
            (
                "right to challenge",
                1.0,
                Some("Juist, dat is de Engelse naam.")
            ),
            (
                "recht om uit te dagen",
                0.5,
                Some("Goed bedoeld; het begrip heet uitdaagrecht.")
            ),
        ]
    );

    // Accepted texts are plain: escapes resolved, a `[format]` taken off.
    let q = titled(&qs, "Uitnodiging: tijd");
    assert_eq!(
        q.prompt_html,
        "<p>Hoe laat begint de inloopavond als de uitnodiging &quot;half acht &#39;s avonds&quot; zegt?</p>"
    );
    assert_eq!(
        texts(q),
        [
            ("19.30", 1.0, None),
            ("19:30", 1.0, None),
            ("half acht", 1.0, None)
        ]
    );
}

// --- matching ----------------------------------------------------------------

#[test]
fn matching() {
    let qs = questions();
    let q = titled(&qs, "Treden en betekenis");
    assert_eq!(
        pairs(q),
        [
            ("Informeren", "De gemeente vertelt wat er gebeurt."),
            ("Raadplegen", "Inwoners geven hun mening."),
            (
                "Adviseren",
                "De gemeente volgt het advies, of legt uit waarom niet."
            ),
            ("Coproduceren", "Inwoners en gemeente maken samen het plan."),
            ("Meebeslissen", "Inwoners nemen het besluit binnen kaders."),
        ]
    );
    assert_eq!(
        q.explanation_html.as_deref(),
        Some("<p>Hoe hoger op de ladder, hoe meer invloed inwoners hebben.</p>")
    );

    // `->` without spaces.
    let q = at(&qs, 103);
    assert_eq!(q.prompt_html, "<p>Wie doet wat?</p>");
    assert_eq!(
        pairs(q),
        [
            ("Gemeenteraad", "kaders stellen"),
            ("College", "uitvoeren"),
            ("Burgemeester", "openbare orde")
        ]
    );

    // In Markdown the left sides are rendered; the right sides, offered as
    // choices, stay plain text.
    let q = at(&qs, 105);
    assert_eq!(
        q.prompt_html,
        "<p>Koppel het <strong>begrip</strong> aan de richting.</p>\n"
    );
    assert_eq!(
        pairs(q),
        [
            (
                "<em>Burgerparticipatie</em>",
                "de gemeente betrekt inwoners"
            ),
            (
                "<em>Overheidsparticipatie</em>",
                "de gemeente sluit aan bij inwoners"
            ),
        ]
    );
}

// --- numeric -----------------------------------------------------------------

#[test]
fn numeric_exact_tolerance_and_range() {
    let qs = questions();
    // Exact, as a missing word in the middle of the sentence.
    let q = titled(&qs, "Inspraakverordening");
    assert_eq!(
        q.prompt_html,
        "<p>Artikel _____ van de Gemeentewet verplicht de raad tot een verordening over inspraak.</p>"
    );
    assert_eq!(numbers(q), [(tolerance(150.0, 0.0), 1.0, None)]);
    // `value:tolerance`.
    assert_eq!(
        numbers(titled(&qs, "Opkomst")),
        [(tolerance(16.0, 0.5), 1.0, None)]
    );
    // `min..max`.
    assert_eq!(
        numbers(titled(&qs, "Wijkpanel")),
        [(
            NumericTarget::Range {
                min: 15.0,
                max: 25.0
            },
            1.0,
            None
        )]
    );
    // A negative number, with feedback.
    assert_eq!(
        numbers(titled(&qs, "Saldo wijkbudget")),
        [(
            tolerance(-150.0, 0.0),
            1.0,
            Some("Klopt, een tekort van 150 euro.")
        )]
    );
    // A range of negative numbers: `..` is not read as part of the minus.
    assert_eq!(
        numbers(titled(&qs, "Winterschouw")),
        [(
            NumericTarget::Range {
                min: -5.0,
                max: -3.0
            },
            1.0,
            None
        )]
    );
}

#[test]
fn numeric_with_several_answers_feedback_for_any_other_and_general_feedback() {
    let qs = questions();
    let q = titled(&qs, "Jaar van de wet");
    let got = numbers(q);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0],
        (
            tolerance(2024.0, 0.0),
            1.0,
            Some("Juist: op 1 januari 2024.")
        )
    );
    assert_eq!(
        got[1],
        (
            NumericTarget::Range {
                min: 2022.0,
                max: 2023.0
            },
            0.5,
            Some("Bijna. De invoering is een paar keer uitgesteld.")
        )
    );
    // `~#…`: any other number, worth nothing, with its feedback.
    let (other, weight, other_feedback) = got[2];
    assert_eq!(weight, 0.0);
    assert_eq!(
        other_feedback,
        Some("Nee. De Omgevingswet geldt sinds 2024.")
    );
    assert!(other.contains(1848.0) && other.contains(-1e300) && other.contains(1e300));
    assert_eq!(
        q.explanation_html.as_deref(),
        Some("<p>De wet zou eerst in 2019 ingaan.</p>")
    );
}

// --- missing word ------------------------------------------------------------

#[test]
fn missing_word_questions_show_a_blank_where_the_answers_were() {
    let qs = questions();
    let q = at(&qs, 136);
    assert_eq!(
        q.prompt_html,
        "<p>Bij _____ maken inwoners en gemeente samen het plan.</p>"
    );
    assert_eq!(
        labels(options(q)),
        ["informeren", "coproduceren", "raadplegen"]
    );
    assert_eq!(weights(options(q)), [0.0, 1.0, 0.0]);

    // The blank first.
    let q = at(&qs, 138);
    assert_eq!(
        q.prompt_html,
        "<p>_____ is de rol van een gemeente die aansluit bij een initiatief van inwoners.</p>"
    );
    assert_eq!(weights(options(q)), [1.0, 0.0]);

    // A short answer in the middle.
    let q = at(&qs, 85);
    assert_eq!(
        q.prompt_html,
        "<p>In stap 2 bepaal je je _____, in stap 3 maak je het plan.</p>"
    );
    assert_eq!(
        texts(q),
        [("doelen", 1.0, None), ("participatiedoelen", 1.0, None)]
    );

    // In Markdown the blank is not read as emphasis.
    let q = at(&qs, 140);
    assert_eq!(
        q.prompt_html,
        "<p>Bij <strong>meebeslissen</strong> nemen _____ het besluit, binnen <em>kaders</em>.</p>\n"
    );
    assert_eq!(labels(options(q)), ["inwoners", "ambtenaren", "wethouders"]);
}

// --- formats -----------------------------------------------------------------

#[test]
fn markdown_format_for_text_answers_and_feedback() {
    let qs = questions();
    let q = titled(&qs, "Draagvlak");
    assert_eq!(
        q.prompt_html,
        "<p>Wat betekent <strong>draagvlak</strong>?</p>\n"
    );
    let o = options(q);
    assert_eq!(
        labels(o),
        [
            "Steun voor een <strong>plan</strong> of besluit.",
            "Een houten vloer in het gemeentehuis."
        ]
    );
    assert_eq!(
        feedback(o),
        [
            Some("<em>Juist.</em> Draagvlak betekent: steun."),
            Some("Nee, het gaat om steun.")
        ]
    );
    // General feedback in a format of its own.
    assert_eq!(
        q.explanation_html.as_deref(),
        Some("<p>Schrijf <b>draagvlak</b> de eerste keer vet.</p>")
    );

    // GIFT escapes become Markdown escapes (no heading from `\#`), and
    // Markdown's own escapes (`\*`) pass through.
    assert_eq!(
        at(&qs, 163).prompt_html,
        "<p># Tafels: hoeveel stoelen zet je klaar voor 3 tafels * 8 stoelen?</p>\n"
    );
    assert_eq!(numbers(at(&qs, 163)), [(tolerance(24.0, 0.0), 1.0, None)]);
}

#[test]
fn html_format_is_sanitised_and_an_answer_can_have_its_own_format() {
    let qs = questions();
    let q = at(&qs, 152);
    // The script is removed, the safe markup kept.
    assert_eq!(q.prompt_html, "<p>Wie stelt de <b>begroting</b> vast?</p>");
    let o = options(q);
    assert_eq!(
        labels(o),
        ["de gemeenteraad", "&lt;b&gt;het college&lt;/b&gt;"]
    );
    // Feedback follows the question's format, not the answer's.
    assert_eq!(
        feedback(o),
        [
            Some("<i>Juist</i>, de raad heeft het budgetrecht."),
            Some("Nee, het college stelt de begroting op.")
        ]
    );
}

#[test]
fn plain_moodle_and_unknown_formats_are_escaped_text() {
    let qs = questions();
    assert_eq!(
        titled(&qs, "Platte tekst").prompt_html,
        "<p>Wordt *participatie* hier schuin gedrukt?</p>"
    );
    assert_eq!(
        titled(&qs, "Moodle-opmaak").prompt_html,
        "<p>De tekst &lt;b&gt;blijft&lt;/b&gt; tekst &amp; tekens.</p>"
    );
    // A name in brackets that is no format is part of the text.
    assert_eq!(
        at(&qs, 161).prompt_html,
        "<p>[tip] Lees eerst de kaders. Mag een ambtenaar inwoners meer invloed beloven dan de kaders toestaan?</p>"
    );
}

// --- escapes -----------------------------------------------------------------

#[test]
fn escaped_characters_are_literal() {
    let qs = questions();
    let q = titled(&qs, "Verslag: tekens");
    // `\{ \}` are braces; a backslash before any other character is kept.
    assert_eq!(
        q.prompt_html,
        "<p>Het verslag {concept} van de wijkavond staat in G:\\Gedeeld\\Wijkavond. Welke regel klopt?</p>"
    );
    let o = options(q);
    // `\= \~ \# \\` in answers; `\:` and `\#` in feedback; `\n` a line break.
    assert_eq!(
        labels(o),
        [
            "opkomst = 40 van 200",
            "opkomst ~ 60 van 200",
            "zaal # 3 was vol",
            "inbreng\\besluit"
        ]
    );
    assert_eq!(weights(o), [1.0, 0.0, 0.0, 0.0]);
    assert_eq!(
        feedback(o),
        [
            Some("Klopt: dat is 20%."),
            Some("Nee, dat was de schatting vooraf."),
            Some("Nee, de avond was in zaal #2."),
            Some("Dit staat niet in het verslag.<br>\nLees het nog eens.")
        ]
    );
}

// --- essays ------------------------------------------------------------------

#[test]
fn essays_become_reflections() {
    let essays: Vec<GiftItem> = parse(OWN, Language::Nl)
        .into_iter()
        .filter(|i| matches!(i, GiftItem::Essay { .. }))
        .collect();
    assert_eq!(
        essays,
        [
            GiftItem::Essay {
                title: Some("Eigen project".into()),
                prompt_html: "<p>Denk aan een project waar je nu aan werkt. Wie merkt de gevolgen, en praat die persoon mee?</p>".into(),
                line: 182,
            },
            // The braces on lines of their own, the text over two lines.
            GiftItem::Essay {
                title: None,
                prompt_html: "<p>Wat neem je uit deze les mee<br>\nnaar je eigen werk?</p>".into(),
                line: 184,
            },
        ]
    );
}

// --- grading -----------------------------------------------------------------

#[test]
fn imported_questions_grade_with_their_weights() {
    let qs = questions();
    let choice =
        |q: &Question, chosen: Vec<usize>| grade(q, &Response::Choice(chosen)).map(|g| g.fraction);
    let ladder = titled(&qs, "Trede op de ladder");
    assert_eq!(choice(ladder, vec![0]), Ok(1.0));
    assert_eq!(choice(ladder, vec![1]), Ok(0.5));
    // A negative weight scores zero, never below.
    assert_eq!(choice(ladder, vec![2]), Ok(0.0));

    let all = titled(&qs, "Kies alle goede");
    assert_eq!(choice(all, vec![0, 1]), Ok(1.0));
    assert_eq!(choice(all, vec![0, 1, 3]), Ok(1.0));
    assert_eq!(choice(all, vec![0]), Ok(0.5));
    assert_eq!(choice(all, vec![0, 1, 2]), Ok(0.0));
    let three = titled(&qs, "Drie treden");
    let full = grade(three, &Response::Choice(vec![0, 1, 2])).expect("a valid response");
    assert!(full.correct, "{full:?}");

    let text = |q: &Question, s: &str| grade(q, &Response::Text(s.into())).map(|g| g.fraction);
    let name = titled(&qs, "Naam van het recht");
    assert_eq!(text(name, "  Het   Uitdaagrecht "), Ok(1.0));
    assert_eq!(text(name, "recht om uit te dagen"), Ok(0.5));
    assert_eq!(text(name, "inspraak"), Ok(0.0));

    let number = |q: &Question, s: &str| grade(q, &Response::Numeric(s.into())).map(|g| g.fraction);
    let year = titled(&qs, "Jaar van de wet");
    assert_eq!(number(year, "2024"), Ok(1.0));
    assert_eq!(number(year, "2022"), Ok(0.5));
    let wrong = grade(year, &Response::Numeric("2019".into())).expect("a valid response");
    assert_eq!(wrong.fraction, 0.0);
    assert_eq!(wrong.feedback, ["Nee. De Omgevingswet geldt sinds 2024."]);
    // The learner may type a decimal comma.
    assert_eq!(number(titled(&qs, "Opkomst"), "16,4"), Ok(1.0));
    assert_eq!(number(titled(&qs, "Opkomst"), "16,6"), Ok(0.0));
    assert_eq!(number(titled(&qs, "Winterschouw"), "-4"), Ok(1.0));
}

// --- robustness ----------------------------------------------------------------

#[test]
fn windows_line_ends_and_a_byte_order_mark_read_the_same() {
    let crlf = format!("\u{feff}{}", OWN.replace('\n', "\r\n"));
    assert_eq!(parse(&crlf, Language::Nl), parse(OWN, Language::Nl));
}

#[test]
fn truncated_or_mangled_input_never_panics() {
    // Every prefix of the file and copies with syntax characters swapped in:
    // an error value or items, never a panic.
    let chars: Vec<char> = OWN.chars().collect();
    for end in (0..=chars.len()).step_by(5) {
        let prefix: String = chars[..end].iter().collect();
        let _ = gift::parse(&prefix, Language::Nl);
    }
    let specials = [
        '{', '}', '=', '~', '#', ':', '%', '\\', '-', '>', '.', '\n', 'ë',
    ];
    for (k, special) in specials.iter().enumerate() {
        let mangled: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| if (i + k) % 31 == 0 { *special } else { c })
            .collect();
        let _ = gift::parse(&mangled, Language::Nl);
    }
}

// --- in a module -----------------------------------------------------------------

#[test]
fn in_a_gift_block_questions_and_reflections_join_the_module() {
    // The whole file in one `::: gift` block, after a `::: question`.
    let module = format!(
        "---\ntitle: GIFT\n---\n\n::: question id=eerst\nEerst dit?\n\n- [x] Ja\n  > Goed.\n- [ ] Nee\n  > Jawel.\n:::\n\n::: gift\n{OWN}:::\n"
    );
    let gift_first_line = 15; // the line after `::: gift`
    let (course, diagnostics) = domain::content::parse_course(
        Path::new("content"),
        "eigen",
        "---\ntitle: Eigen GIFT\nsummary: Alle GIFT-vormen.\n---\n",
        &[("01-gift.md".into(), module)],
        &BTreeSet::new(),
    );
    assert_eq!(diagnostics, []);
    let course = course.expect("the course loads");
    let m = &course.modules[0];
    // GIFT questions are numbered after the question before them; essays
    // become the reflections r1, r2.
    let ids: Vec<&str> = m.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), 1 + questions().len());
    assert_eq!(ids[..3], ["eerst", "q2", "q3"]);
    assert_eq!(ids.last(), Some(&"q36"));
    let reflections: Vec<(&str, usize)> = m
        .reflections
        .iter()
        .map(|r| (r.id.as_str(), r.line))
        .collect();
    assert_eq!(
        reflections,
        [
            ("r1", gift_first_line + 182 - 1),
            ("r2", gift_first_line + 184 - 1)
        ]
    );
    // Lines are those of the module file.
    let first = m.question("q2").expect("q2");
    assert_eq!(first.line, gift_first_line + 17 - 1);
    assert_eq!(first.prompt_html, at(&questions(), 17).prompt_html);
}

#[test]
fn an_error_in_a_gift_block_names_the_line_of_the_module_file() {
    let module =
        "---\ntitle: GIFT\n---\n\n::: gift\nGoed?{T}\n\nFout?{=de raad ~%150%het college}\n:::\n";
    let (_, diagnostics) = domain::content::parse_course(
        Path::new("content"),
        "eigen",
        "---\ntitle: Eigen GIFT\nsummary: Een fout.\n---\n",
        &[("01-gift.md".into(), module.into())],
        &BTreeSet::new(),
    );
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(
        (d.path.as_path(), d.line, d.column, d.is_error()),
        (Path::new("content/courses/eigen/01-gift.md"), 8, 17, true)
    );
    assert_eq!(
        d.problem,
        domain::content::Problem::Gift(Problem::WeightOutOfRange { weight: 150.0 })
    );
}

// --- refused -------------------------------------------------------------------

/// The errors for `text`, which must not import.
fn errors(text: &str) -> Vec<GiftError> {
    match gift::parse(text, Language::Nl) {
        Ok(items) => panic!("expected errors for {text:?}, got {items:#?}"),
        Err(errors) => errors,
    }
}

#[test]
fn malformed_questions_are_refused_naming_their_line() {
    // Each snippet starts with a good question and a blank line, so the bad
    // one is on line 3 (or later); (snippet, line, column, the problem).
    let good = "Goed?{T}\n\n";
    let not_a_number = |text: &str, comma| Problem::NotANumber {
        text: text.into(),
        comma,
    };
    let cases: &[(&str, usize, usize, Problem)] = &[
        // braces and structure
        (
            "Wie beslist?{=de raad ~het college",
            3,
            13,
            Problem::BraceNotClosed,
        ),
        ("Wie beslist?=de raad}", 3, 21, Problem::CloseWithoutOpen),
        (
            "Wie {beslist?{=de raad ~het college}",
            3,
            14,
            Problem::BraceInsideAnswers,
        ),
        ("Een?{T}\nTwee?{F}", 4, 6, Problem::SecondAnswerBlock),
        ("Een?{T} en }", 3, 12, Problem::CloseAfterAnswers),
        (
            "::Titel zonder einde\nWie?{T}",
            3,
            1,
            Problem::TitleNotClosed,
        ),
        ("{=de raad ~het college}", 3, 1, Problem::NoText),
        ("Alleen uitleg, geen vraag.", 3, 1, Problem::NoAnswers),
        ("Vertel.{####Dank je.}", 3, 8, Problem::EssayWithFeedback),
        (
            "Kies {1:MULTICHOICE:=raad~college} nu.",
            3,
            6,
            Problem::Cloze,
        ),
        // answers and weights; `{true}` is no `{T}`
        ("Waar?{true}", 3, 7, Problem::ShortAnswerWithoutMarker),
        (
            "Wie?{de raad ~het college}",
            3,
            6,
            Problem::AnswerWithoutMarker,
        ),
        ("Wie?{=de raad ~}", 3, 15, Problem::EmptyAnswer),
        ("Wie?{~%100%de raad}", 3, 5, Problem::TooFewChoices),
        (
            "Wie?{=%50%de raad ~het college}",
            3,
            5,
            Problem::NoFullMarks,
        ),
        (
            "Welke?{~%50%a ~%40%b ~c}",
            3,
            7,
            Problem::WeightsNotFull { total: 90.0 },
        ),
        ("Welke?{~a ~b ~%-50%c}", 3, 7, Problem::NoRightAnswer),
        (
            "Wie?{=de raad ~%150%het college}",
            3,
            16,
            Problem::WeightOutOfRange { weight: 150.0 },
        ),
        (
            "Wie?{=de raad ~%vijftig%het college}",
            3,
            16,
            Problem::NotAWeight {
                text: "vijftig".into(),
            },
        ),
        (
            "Wie?{=de raad ~%50 het college}",
            3,
            16,
            Problem::WeightNotClosed,
        ),
        (
            "Wat?{=kaders -> doelen ~plan}",
            3,
            14,
            Problem::ArrowInChoice,
        ),
        // matching
        (
            "Koppel.{=raad -> kaders =college}",
            3,
            25,
            Problem::PairWithoutArrow,
        ),
        (
            "Koppel.{=raad -> kaders = -> uitvoeren}",
            3,
            25,
            Problem::RightWithoutLeft,
        ),
        (
            "Koppel.{=raad -> kaders =%50%college -> uitvoeren}",
            3,
            26,
            Problem::PairWithWeight,
        ),
        (
            "Koppel.{=raad -> kaders =college -> uitvoeren#goed}",
            3,
            46,
            Problem::PairWithFeedback,
        ),
        ("Koppel.{=raad -> kaders}", 3, 8, Problem::TooFewPairs),
        // numeric; a decimal comma is named as such
        ("Hoeveel?{#3,5}", 3, 11, not_a_number("3,5", true)),
        ("Hoeveel?{#drie}", 3, 11, not_a_number("drie", false)),
        ("Jaar?{#2024:-1}", 3, 12, Problem::NegativeTolerance),
        (
            "Jaar?{#2025..2024}",
            3,
            8,
            Problem::EmptyRange {
                min: 2025.0,
                max: 2024.0,
            },
        ),
        ("Jaar?{#2024 ~2023}", 3, 13, Problem::NumericStartsWithTilde),
        ("Jaar?{#=%50%2024}", 3, 6, Problem::NoFullMarks),
    ];
    for (snippet, line, column, problem) in cases {
        let text = format!("{good}{snippet}");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{snippet:?}: {errs:#?}");
        let e = &errs[0];
        assert_eq!((e.line, e.column), (*line, *column), "{snippet:?}: {e:?}");
        assert_eq!(&e.problem, problem, "{snippet:?}");
        // As a log line shows it (before the module file's offset).
        assert_eq!(
            e.to_string(),
            format!("{line}:{column}: {}", problem.code())
        );
    }
}

#[test]
fn an_error_inside_a_long_question_names_the_line_of_the_answer() {
    let text = "::Stap::Wat doe je eerst?{\n=Kaders bepalen\n~Inloopavond houden\n  ~%150%Platform kopen\n}";
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!((errs[0].line, errs[0].column), (4, 4));
}

#[test]
fn every_error_of_a_bank_is_reported_at_once() {
    // One bad question does not hide the next; good questions in between
    // do not matter.
    let text = "\
Een?{=de raad ~%300%het college}

Goed?{T}

Twee?{#drie}
// commentaar

Drie?{=raad -> kaders =college}

Alleen tekst";
    let at: Vec<(usize, usize)> = errors(text).iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(at, [(1, 16), (5, 8), (8, 23), (10, 1)]);
}
