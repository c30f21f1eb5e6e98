//! No answer leaks (issue 14, item 7): a learner who has not answered
//! anything collects every page they can reach, the JSON of every server
//! function those pages call, and the browser bundle, and finds in them no
//! correct answer, no weight, no feedback and no explanation, and cannot
//! work out any answer from the names, values or order in the markup.
//!
//! Three fresh learners each collect everything twice: before and after
//! starting every exam (an open attempt puts its questions on the page,
//! which is the case that matters). Runs on every backend.

mod common;

use app::learning::types::ModuleView;
use app::learning::types::{QuestionKind, QuestionView};
use app::ssr::accounts::{self, NewUser, Role};
use app::ssr::entities::exam_attempts;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{seeded, sign_in_with, split, TestApp};
use domain::model::{Answer, Catalog, Question, Segment};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LEARNERS: usize = 3;
const PASSWORD: &str = "Zonnebloem-Rivierdijk-Kade-73";
/// Phrases shorter than this are too common to prove anything.
const MIN_PHRASE: usize = 12;
/// Phrases looked for in the browser bundle.
const MIN_BUNDLE_PHRASE: usize = 20;

/// One collected response.
struct Collected {
    /// `[backend] learner n, stage: GET /path` or `… POST /api/endpoint`.
    label: String,
    raw: String,
    /// Tags stripped, entities decoded, JavaScript string escapes undone.
    plain: String,
    /// Server-function answers: the parsed JSON.
    json: Option<Value>,
}

impl Collected {
    fn new(label: String, raw: String, is_json: bool) -> Self {
        let json = if is_json {
            // Every check of the JSON needs the JSON: no silent skip.
            let v = serde_json::from_str(&raw);
            Some(v.unwrap_or_else(|e| panic!("{label}: not JSON ({e}): {raw}")))
        } else {
            None
        };
        let plain = plain_text(&unescape_js(&unescape_js(&raw)));
        Collected {
            label,
            raw,
            plain,
            json,
        }
    }
    fn contains(&self, phrase: &str) -> bool {
        self.raw.contains(phrase) || self.plain.contains(phrase)
    }
}

// ---------------------------------------------------------------- text

/// Decode the entities HTML escaping produces.
fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Undo one level of JSON / JavaScript string escaping (the hydration data
/// is JSON inside a JavaScript string: two levels).
fn unescape_js(s: &str) -> String {
    s.replace("\\\\", "\u{1}")
        .replace("\\n", "\n")
        .replace("\\\"", "\"")
        .replace("\\/", "/")
        .replace('\u{1}', "\\")
}

/// The text of some HTML: every tag becomes a line break (a phrase never
/// spans a tag), entities are decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The phrases of some HTML worth looking for: its text split at tags, line
/// breaks, every character that HTML or JSON escapes, and sentence ends;
/// at least `min` characters each.
fn phrases(html: &str, min: usize) -> Vec<String> {
    let text = plain_text(html);
    let mut out = Vec::new();
    for run in text.split(['\n', '"', '\'', '\\', '&', '<', '>']) {
        let mut rest = run;
        // Split after sentence punctuation followed by a space.
        while !rest.is_empty() {
            let cut = rest
                .char_indices()
                .find(|(i, c)| {
                    matches!(c, '.' | '?' | '!' | ':' | ';')
                        && rest[i + c.len_utf8()..].starts_with(' ')
                })
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(rest.len());
            let sentence = rest[..cut].trim();
            // A phrase: at least two words, and long enough to be specific.
            if sentence.chars().count() >= min && sentence.contains(' ') {
                out.push(sentence.to_string());
            }
            rest = &rest[cut..];
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `needle` occurs in `hay` as a whole word (case-insensitive).
fn contains_word(hay: &str, needle: &str) -> bool {
    let hay = hay.to_lowercase();
    let needle = needle.to_lowercase();
    hay.match_indices(&needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

// ---------------------------------------------------------------- content

/// What the learner sees by design: course and module texts, prompts,
/// option labels, order items and both sides of every match.
fn visible_text(catalog: &Catalog) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in &catalog.courses {
        parts.extend([c.title.clone(), c.summary.clone(), c.intro_html.clone()]);
        for m in &c.modules {
            parts.push(m.title.clone());
            parts.extend(m.objectives.iter().cloned());
            parts.extend(m.toc.iter().map(|t| t.text.clone()));
            parts.extend(m.segments.iter().filter_map(|s| match s {
                Segment::Html(h) => Some(h.clone()),
                _ => None,
            }));
            parts.extend(m.reflections.iter().map(|r| r.prompt_html.clone()));
            for q in &m.questions {
                parts.push(q.prompt_html.clone());
                parts.extend(q.title.clone());
                parts.extend(labels(q));
                if let Answer::Match { pairs } = &q.answer {
                    parts.extend(pairs.iter().map(|p| p.left_html.clone()));
                }
            }
        }
    }
    // The text, and the markup itself: attributes such as an image's
    // `alt` are shown (read out) too.
    let mut out: Vec<String> = parts
        .iter()
        .flat_map(|p| {
            [
                collapse_ws(&plain_text(p)),
                collapse_ws(&decode_entities(p)),
            ]
        })
        .collect();
    out.push(ui_text());
    out.join("\n")
}

/// Every text of the interface (`app/locales/*/*.json`): compiled into the
/// server and the bundle by design, so a phrase that is also one of them
/// proves nothing.
fn ui_text() -> String {
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(collapse_ws(s)),
            Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let locales = repo_root().join("app/locales");
    for lang in std::fs::read_dir(&locales).expect("app/locales").flatten() {
        for file in std::fs::read_dir(lang.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let text = std::fs::read_to_string(file.path()).unwrap();
            let json: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", file.path().display()));
            strings(&json, &mut out);
        }
    }
    assert!(out.len() > 100, "the interface texts are found");
    out.join("\n")
}

/// The labels a question's options carry on the page, in authored order
/// (choices, order items, match right sides).
fn labels(q: &Question) -> Vec<String> {
    match &q.answer {
        Answer::Single { options } | Answer::Multiple { options, .. } => {
            options.iter().map(|o| o.html.clone()).collect()
        }
        Answer::Order { items, .. } => items.clone(),
        Answer::Match { pairs } => pairs.iter().map(|p| p.right.clone()).collect(),
        Answer::Text { .. } | Answer::Numeric { .. } => vec![],
    }
}

/// A secret of a question: what it is and its markup.
struct Secret {
    question: String,
    what: &'static str,
    html: String,
}

/// Feedback on every option, typed answer, order item and pair, and the
/// explanation.
fn secrets(catalog: &Catalog) -> Vec<Secret> {
    let mut out = Vec::new();
    for q in catalog
        .courses
        .iter()
        .flat_map(|c| &c.modules)
        .flat_map(|m| &m.questions)
    {
        let mut push = |what, html: &Option<String>| {
            if let Some(html) = html {
                out.push(Secret {
                    question: q.id.clone(),
                    what,
                    html: html.clone(),
                });
            }
        };
        push("explanation", &q.explanation_html);
        match &q.answer {
            Answer::Single { options } | Answer::Multiple { options, .. } => {
                for o in options {
                    push("option feedback", &o.feedback_html);
                }
            }
            Answer::Text { accepted } => {
                for a in accepted {
                    push("answer feedback", &a.feedback_html);
                }
            }
            Answer::Numeric { accepted } => {
                for a in accepted {
                    push("answer feedback", &a.feedback_html);
                }
            }
            Answer::Order { feedback, .. } => {
                for f in feedback {
                    push("order item feedback", f);
                }
            }
            Answer::Match { pairs } => {
                for p in pairs {
                    push("pair feedback", &p.feedback_html);
                }
            }
        }
    }
    out
}

fn all_questions(catalog: &Catalog) -> BTreeMap<String, Question> {
    catalog
        .courses
        .iter()
        .flat_map(|c| &c.modules)
        .flat_map(|m| &m.questions)
        .map(|q| (q.id.clone(), q.clone()))
        .collect()
}

// ---------------------------------------------------------------- requests

/// A server function as the hydrated page calls it.
async fn call(
    app: &TestApp,
    cookie: &str,
    endpoint: &str,
    args: &[(&str, &str)],
) -> (StatusCode, String) {
    let body = common::form(args);
    let res = app
        .request(
            Request::post(format!("/api/{endpoint}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    split(res).await
}

/// What one learner collects at one stage.
#[derive(Default)]
struct Stage {
    bodies: Vec<Collected>,
    /// Page HTML by path.
    pages: BTreeMap<String, String>,
    /// `module_page` answers by (course, module).
    modules: BTreeMap<(String, String), ModuleView>,
    page_count: usize,
    function_count: usize,
}

async fn collect(
    app: &TestApp,
    cookie: &str,
    who: &str,
    catalog: &Catalog,
    exams_open: bool,
) -> Stage {
    let b = app.backend;
    let stage = if exams_open {
        "exams open"
    } else {
        "nothing started"
    };
    let mut st = Stage::default();
    let mut uris = vec![
        "/".to_string(),
        "/mijn".to_string(),
        "/mijn/gegevens".to_string(),
    ];
    for c in &catalog.courses {
        uris.push(format!("/cursussen/{}", c.id));
        for m in &c.modules {
            uris.push(format!("/cursussen/{}/{}", c.id, m.id));
        }
    }
    for uri in uris {
        let (status, html) = split(app.request(common::get(&uri, cookie)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}] {who}: GET {uri}");
        st.bodies.push(Collected::new(
            format!("[{b}] {who}, {stage}: GET {uri}"),
            html.clone(),
            false,
        ));
        st.pages.insert(uri, html);
        st.page_count += 1;
    }
    // Result pages of the open attempts: refused until handed in, but
    // whatever they answer is collected too.
    if exams_open {
        for c in &catalog.courses {
            for m in c.modules.iter().filter(|m| m.is_exam()) {
                let uri = format!("/cursussen/{}/{}/poging/1", c.id, m.id);
                let (_, html) = split(app.request(common::get(&uri, cookie)).await).await;
                st.bodies.push(Collected::new(
                    format!("[{b}] {who}, {stage}: GET {uri}"),
                    html,
                    false,
                ));
                st.page_count += 1;
                let (_, json) = call(
                    app,
                    cookie,
                    "attempt_result",
                    &[("course_id", &c.id), ("module_id", &m.id), ("number", "1")],
                )
                .await;
                st.bodies.push(Collected::new(
                    format!(
                        "[{b}] {who}, {stage}: POST /api/attempt_result {}/{}",
                        c.id, m.id
                    ),
                    json,
                    true,
                ));
                st.function_count += 1;
            }
        }
    }
    // The server functions the learner's pages call: the layout (whoami),
    // home, dashboard, my data, course and module pages.
    let mut calls: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("whoami", vec![]),
        ("catalog", vec![]),
        ("dashboard", vec![]),
        ("my_data", vec![]),
    ];
    for c in &catalog.courses {
        calls.push(("course_page", vec![("course_id", c.id.clone())]));
        for m in &c.modules {
            calls.push((
                "module_page",
                vec![("course_id", c.id.clone()), ("module_id", m.id.clone())],
            ));
        }
    }
    for (endpoint, args) in calls {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, json) = call(app, cookie, endpoint, &args).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "[{b}] {who}: {endpoint} {args:?}: {json}"
        );
        if endpoint == "module_page" {
            let view: ModuleView = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("[{b}] module_page {args:?}: {e}"));
            st.modules
                .insert((args[0].1.to_string(), args[1].1.to_string()), view);
        }
        st.bodies.push(Collected::new(
            format!("[{b}] {who}, {stage}: POST /api/{endpoint} {args:?}"),
            json,
            true,
        ));
        st.function_count += 1;
    }
    // The data download linked from /mijn/gegevens (a plain route).
    let (status, json) = split(
        app.request(
            Request::get("/mijn/gegevens.json")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "[{b}] {who}: my data download: {json}"
    );
    st.bodies.push(Collected::new(
        format!("[{b}] {who}, {stage}: GET /mijn/gegevens.json"),
        json,
        true,
    ));
    st.function_count += 1; // counted with the server functions: a read of the same kind
    st
}

// ---------------------------------------------------------------- markup

/// The markup of question `qid`'s fieldset in a page.
fn fieldset<'a>(html: &'a str, qid: &str) -> Option<&'a str> {
    let start = html.find(&format!("aria-describedby=\"vraag-{qid}-hint\""))?;
    let end = start + html[start..].find("</fieldset>")?;
    Some(&html[start..end])
}

/// The option blocks of a fieldset (`<div class="option…">` … `</div>`).
fn option_blocks<'a>(fieldset: &'a str, marker: &str) -> Vec<&'a str> {
    fieldset
        .match_indices(marker)
        .map(|(at, _)| {
            let rest = &fieldset[at..];
            &rest[..rest.find("</div>").unwrap_or(rest.len())]
        })
        .collect()
}

/// An option block with everything that may differ between options taken
/// out: its token, its shown number and its label. What is left must be the
/// same for every option, or the markup tells them apart.
fn template(block: &str, token: &str, shown: usize, id_letter: char) -> String {
    let mut t = block.replace(token, "TOKEN").replace(
        &format!("-{id_letter}{shown}\""),
        &format!("-{id_letter}N\""),
    );
    if let Some(start) = t.find("<label") {
        let open_end = start + t[start..].find('>').unwrap() + 1;
        if let Some(close) = t[open_end..].find("</label>") {
            t.replace_range(open_end..open_end + close, "LABEL");
        }
    }
    t
}

fn is_token(t: &str, n: usize) -> bool {
    t.len() == 12
        && t.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && t.parse::<usize>().map_or(true, |v| v > n)
}

/// The authored index of each shown label (`None` when labels repeat).
fn shown_permutation(shown: &[String], authored: &[String]) -> Option<Vec<usize>> {
    let distinct: BTreeSet<&String> = authored.iter().collect();
    if distinct.len() != authored.len() || shown.len() != authored.len() {
        return None;
    }
    shown
        .iter()
        .map(|s| authored.iter().position(|a| a == s))
        .collect()
}

/// An open exam attempt as the server keeps it: whose, the seed of its
/// shuffles, and each question's display order (authored indices).
struct OpenAttempt {
    who: String,
    seed: u64,
    orders: Vec<(String, Vec<usize>)>,
}

#[derive(Default)]
struct Stats {
    /// Question views checked, by kind.
    views: BTreeMap<&'static str, usize>,
    /// Order questions: views shown in authored order / not.
    order_identity: usize,
    order_shuffled: usize,
    match_identity: usize,
    match_shuffled: usize,
    /// Lesson tokens of each question, per learner.
    lesson_tokens: BTreeMap<String, Vec<BTreeSet<String>>>,
    /// Lesson single-choice views, and those showing the correct option
    /// first (lessons keep the authored order of choices: a report, not a
    /// check, that authors do not always put the right one first).
    correct_first: usize,
    single_lessons: usize,
}

fn kind_name(k: QuestionKind) -> &'static str {
    match k {
        QuestionKind::Single => "single",
        QuestionKind::Multiple => "multiple",
        QuestionKind::Order => "order",
        QuestionKind::Match => "match",
        QuestionKind::Text => "text",
        QuestionKind::Numeric => "numeric",
    }
}

/// Check one question as the page and its data show it.
fn check_view(
    label: &str,
    html: &str,
    qv: &QuestionView,
    q: &Question,
    lesson: bool,
    stats: &mut Stats,
    failures: &mut Vec<String>,
) {
    let mut fail = |m: String| failures.push(format!("{label}: question {}: {m}", q.id));
    *stats.views.entry(kind_name(qv.kind)).or_default() += 1;
    if qv.previous.is_some() {
        fail("the view carries a previous answer (feedback) before answering".into());
    }
    let Some(fs) = fieldset(html, &q.id) else {
        fail("its fieldset is not on the page".into());
        return;
    };
    let authored = labels(q);
    let tokens: Vec<&String> = qv
        .options
        .iter()
        .chain(&qv.rights)
        .map(|o| &o.token)
        .collect();
    let distinct: BTreeSet<&String> = tokens.iter().copied().collect();
    if distinct.len() != tokens.len() {
        fail(format!(
            "tokens repeat (a match's left and right share one?): {tokens:?}"
        ));
    }
    let n = authored.len().max(qv.options.len());
    for t in &tokens {
        if !is_token(t, n) {
            fail(format!("option value {t:?} is not an opaque token"));
        }
    }
    if lesson {
        stats
            .lesson_tokens
            .entry(q.id.clone())
            .or_default()
            .push(tokens.iter().map(|t| t.to_string()).collect());
    }
    let (marker, letter) = match qv.kind {
        QuestionKind::Single | QuestionKind::Multiple => ("<div class=\"option\">", 'o'),
        QuestionKind::Order => ("<div class=\"option option-order\">", 'o'),
        QuestionKind::Match => ("<div class=\"option option-match\">", 'm'),
        QuestionKind::Text | QuestionKind::Numeric => {
            if !qv.options.is_empty() || !qv.rights.is_empty() {
                fail("a typed answer comes with options".into());
            }
            if !fs.contains(&format!("name=\"f[{}.t]\" value=\"\"", q.id)) {
                fail(format!("the answer field is not empty: {fs}"));
            }
            return;
        }
    };
    // Every option's markup is the same but for its token, number and label.
    let blocks = option_blocks(fs, marker);
    if blocks.len() != qv.options.len() {
        fail(format!(
            "{} option blocks on the page, {} in the data",
            blocks.len(),
            qv.options.len()
        ));
        return;
    }
    let templates: BTreeSet<String> = blocks
        .iter()
        .zip(&qv.options)
        .enumerate()
        .map(|(i, (block, o))| template(block, &o.token, i + 1, letter))
        .collect();
    if templates.len() != 1 {
        fail(format!(
            "options differ in more than token, number and label: {templates:#?}"
        ));
    }
    for (i, (block, o)) in blocks.iter().zip(&qv.options).enumerate() {
        if !block.contains(&o.token) {
            fail(format!(
                "option {} on the page is not option {} of the data",
                i + 1,
                i + 1
            ));
        }
        if block.contains(" checked") || block.contains(" selected") {
            fail(format!("option {} is preselected", i + 1));
        }
    }
    let shown: Vec<String> = match qv.kind {
        QuestionKind::Match => qv.rights.iter().map(|r| r.html.clone()).collect(),
        _ => qv.options.iter().map(|o| o.html.clone()).collect(),
    };
    let perm = shown_permutation(&shown, &authored);
    match qv.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let multiple = qv.kind == QuestionKind::Multiple;
            for (block, o) in blocks.iter().zip(&qv.options) {
                let name = if multiple {
                    format!("name=\"f[{}.c{}]\"", q.id, o.token)
                } else {
                    format!("name=\"f[{}.c]\"", q.id)
                };
                if !block.contains(&name) || !block.contains(&format!("value=\"{}\"", o.token)) {
                    fail(format!("option not named by its token ({name}): {block}"));
                }
            }
            if let (Answer::Single { options }, Some(perm), true) = (&q.answer, &perm, lesson) {
                stats.single_lessons += 1;
                let best = options
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
                    .unwrap()
                    .0;
                if perm.first() == Some(&best) {
                    stats.correct_first += 1;
                }
            }
        }
        QuestionKind::Order => {
            for (block, o) in blocks.iter().zip(&qv.options) {
                if !block.contains(&format!("name=\"f[{}.o{}]\"", q.id, o.token)) {
                    fail(format!("order item not named by its token: {block}"));
                }
            }
            match &perm {
                Some(p) if p.iter().enumerate().all(|(i, &a)| i == a) => stats.order_identity += 1,
                Some(_) => stats.order_shuffled += 1,
                None => fail("the items shown are not the authored items".into()),
            }
        }
        QuestionKind::Match => {
            for (block, o) in blocks.iter().zip(&qv.options) {
                if !block.contains(&format!("name=\"f[{}.m{}]\"", q.id, o.token)) {
                    fail(format!("match left not named by its token: {block}"));
                }
                for r in &qv.rights {
                    if !block.contains(&format!("<option value=\"{}\">", r.token)) {
                        fail(format!(
                            "right side {} is not offered by its token",
                            r.token
                        ));
                    }
                }
            }
            // Left sides are shown as authored, so the right sides must not be.
            let lefts: Vec<String> = qv.options.iter().map(|o| o.html.clone()).collect();
            let Answer::Match { pairs } = &q.answer else {
                unreachable!()
            };
            let authored_lefts: Vec<String> = pairs.iter().map(|p| p.left_html.clone()).collect();
            if lefts != authored_lefts {
                fail("the left sides shown are not the authored ones".into());
            }
            match &perm {
                Some(p) if p.iter().enumerate().all(|(i, &a)| i == a) => stats.match_identity += 1,
                Some(_) => stats.match_shuffled += 1,
                None => fail("the right sides shown are not the authored ones".into()),
            }
        }
        QuestionKind::Text | QuestionKind::Numeric => unreachable!(),
    }
}

/// JSON fields that would carry an answer key, with a value.
fn keyed_fields(v: &Value, path: &str, out: &mut Vec<String>) {
    const KEYS: [&str; 9] = [
        "weight",
        "correct",
        "accepted",
        "feedback",
        "explanation",
        "solution",
        "answer_key",
        "tolerance",
        "target",
    ];
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{path}.{k}");
                let empty = match v {
                    Value::Null | Value::Bool(false) => true,
                    Value::String(s) => s.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    Value::Object(o) => o.is_empty(),
                    Value::Number(n) => n.as_f64() == Some(0.0),
                    Value::Bool(true) => false,
                };
                let lower = k.to_lowercase();
                if !empty && KEYS.iter().any(|key| lower.contains(key)) {
                    out.push(format!("{p} = {v}"));
                }
                keyed_fields(v, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                keyed_fields(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Objects that name an order or match question and hold a permutation of
/// its authored indices: its display order, from which the key follows
/// (order items are authored in their correct order; a match's sides
/// share an index).
fn permutations_beside_questions(
    v: &Value,
    path: &str,
    keyed: &BTreeMap<String, usize>,
    out: &mut Vec<String>,
) {
    match v {
        Value::Object(map) => {
            let named: Vec<(&String, usize)> = map
                .values()
                .filter_map(|v| v.as_str())
                .filter_map(|s| keyed.get_key_value(s).map(|(k, n)| (k, *n)))
                .collect();
            for (qid, n) in named {
                for (k, field) in map {
                    let Some(a) = field.as_array() else { continue };
                    let ints: Option<BTreeSet<u64>> = a.iter().map(|x| x.as_u64()).collect();
                    if a.len() == n
                        && ints.is_some_and(|s| s.len() == n && s.iter().all(|&i| (i as usize) < n))
                    {
                        out.push(format!("{path}.{k} = {field} (beside question {qid})"));
                    }
                }
            }
            for (k, v) in map {
                permutations_beside_questions(v, &format!("{path}.{k}"), keyed, out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                permutations_beside_questions(v, &format!("{path}[{i}]"), keyed, out);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- bundle

fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The browser bundle's files, where a build left them: `<site root>/pkg/`
/// (`LEPTOS_SITE_ROOT`, else `target/site` of the repository, as the release
/// build writes it), and the WASM before `wasm-bindgen` in
/// `$CARGO_TARGET_DIR/front/` (cargo-leptos' own build folder).
fn bundle_files() -> Vec<PathBuf> {
    let mut roots = vec![repo_root().join("target/site")];
    if let Ok(root) = std::env::var("LEPTOS_SITE_ROOT") {
        let root = PathBuf::from(root);
        roots.insert(
            0,
            if root.is_absolute() {
                root
            } else {
                repo_root().join(root)
            },
        );
    }
    let mut files = Vec::new();
    for root in roots {
        let Ok(dir) = std::fs::read_dir(root.join("pkg")) else {
            continue;
        };
        for entry in dir.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "wasm" || e == "js") {
                files.push(p);
            }
        }
    }
    if let Ok(target) = std::env::var("CARGO_TARGET_DIR") {
        let p = Path::new(&target).join("front/wasm32-unknown-unknown/wasm-release/app.wasm");
        if p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    files.dedup();
    files
}

// ---------------------------------------------------------------- the test

#[tokio::test]
async fn a_learner_who_has_not_answered_finds_no_answer_anywhere() {
    let mut all_failures: Vec<String> = Vec::new();
    for app in seeded().await {
        let b = app.backend;
        let index = app.state.content.current();
        let catalog = &index.catalog;
        let questions = all_questions(catalog);
        let visible = visible_text(catalog);
        let mut failures: Vec<String> = Vec::new();
        let mut stats = Stats::default();
        let mut bodies: Vec<Collected> = Vec::new();
        let (mut page_count, mut function_count) = (0, 0);
        // Order and match questions, with their number of options.
        let keyed: BTreeMap<String, usize> = questions
            .values()
            .filter(|q| matches!(q.answer, Answer::Order { .. } | Answer::Match { .. }))
            .map(|q| (q.id.clone(), labels(q).len()))
            .collect();
        let mut attempts: Vec<OpenAttempt> = Vec::new();

        for n in 1..=LEARNERS {
            let email = format!("lek-{n}@gemeente.example");
            let name = format!("Leerling Lek {n}");
            let user = accounts::create_user(
                &app.state.db,
                NewUser {
                    email: &email,
                    display_name: &name,
                    password: PASSWORD,
                    department_id: None,
                    roles: &[Role::Learner],
                },
            )
            .await
            .unwrap();
            let cookie = sign_in_with(&app, &email, PASSWORD).await;
            let who = format!("learner {n}");

            let before = collect(&app, &cookie, &who, catalog, false).await;
            // Start every exam: its questions come on the page.
            for c in &catalog.courses {
                for m in c.modules.iter().filter(|m| m.is_exam()) {
                    let (status, json) = call(
                        &app,
                        &cookie,
                        "exam_start",
                        &[("course_id", &c.id), ("module_id", &m.id)],
                    )
                    .await;
                    assert!(
                        status.is_success(),
                        "[{b}] {who}: exam_start {}/{}: {status} {json}",
                        c.id,
                        m.id
                    );
                    bodies.push(Collected::new(
                        format!("[{b}] {who}: POST /api/exam_start {}/{}", c.id, m.id),
                        json,
                        true,
                    ));
                    function_count += 1;
                }
            }
            let after = collect(&app, &cookie, &who, catalog, true).await;

            // The questions as shown, lessons and open attempts.
            for c in &catalog.courses {
                for m in &c.modules {
                    let uri = format!("/cursussen/{}/{}", c.id, m.id);
                    let view = &after.modules[&(c.id.clone(), m.id.clone())];
                    let html = &after.pages[&uri];
                    let label = format!("[{b}] {who}: {uri}");
                    let mut shown: Vec<(&QuestionView, bool)> = view
                        .segments
                        .iter()
                        .filter_map(|s| match s {
                            app::learning::types::SegmentView::Question(q) => Some((q, true)),
                            _ => None,
                        })
                        .collect();
                    if m.is_exam() {
                        let exam = view.exam.as_ref().expect("an exam view");
                        let (_, qs) = exam
                            .open_attempt
                            .as_ref()
                            .unwrap_or_else(|| panic!("{label}: the attempt is open"));
                        assert!(!qs.is_empty(), "{label}: the attempt shows questions");
                        shown.extend(qs.iter().map(|q| (q, false)));
                        // Before the start the exam's questions are not on the page.
                        let early = &before.modules[&(c.id.clone(), m.id.clone())];
                        assert!(
                            early
                                .exam
                                .as_ref()
                                .is_some_and(|e| e.open_attempt.is_none()),
                            "{label}: no attempt before the start"
                        );
                    } else {
                        assert_eq!(
                            shown.len(),
                            m.questions.len(),
                            "{label}: every lesson question is shown"
                        );
                    }
                    for (qv, lesson) in shown {
                        let q = &questions[&qv.id];
                        check_view(&label, html, qv, q, lesson, &mut stats, &mut failures);
                    }
                }
            }
            // What the server keeps of each open attempt: the seed of its
            // shuffles and the order shown.
            let open = exam_attempts::Entity::find()
                .filter(exam_attempts::Column::UserId.eq(user.id))
                .all(&app.state.db)
                .await
                .unwrap();
            for a in open.iter().filter(|a| a.submitted_at.is_none()) {
                let shown = app::learning::queries::Shown::parse(&a.shown).unwrap();
                attempts.push(OpenAttempt {
                    who: who.clone(),
                    seed: shown.seed,
                    orders: shown
                        .questions
                        .into_iter()
                        .map(|q| (q.id, q.order))
                        .collect(),
                });
            }
            page_count += before.page_count + after.page_count;
            function_count += before.function_count + after.function_count;
            bodies.extend(before.bodies);
            bodies.extend(after.bodies);
        }

        // 1. No feedback and no explanation in anything collected.
        let mut checked_phrases = 0;
        let mut skipped_phrases = 0;
        for s in secrets(catalog) {
            for phrase in phrases(&s.html, MIN_PHRASE) {
                if visible.contains(&collapse_ws(&phrase)) {
                    skipped_phrases += 1;
                    continue;
                }
                checked_phrases += 1;
                for body in bodies.iter().filter(|body| body.contains(&phrase)) {
                    failures.push(format!(
                        "{}: {} of {} is in it: {phrase:?}",
                        body.label, s.what, s.question
                    ));
                }
            }
        }
        // 2. No accepted typed answer (unless the lesson itself says it).
        let mut typed_answers = 0;
        for q in questions.values() {
            let accepted: Vec<String> = match &q.answer {
                Answer::Text { accepted } => accepted
                    .iter()
                    .filter(|a| a.weight > 0.0)
                    .map(|a| a.text.clone())
                    .collect(),
                Answer::Numeric { accepted } => accepted
                    .iter()
                    .filter(|a| a.weight > 0.0)
                    .flat_map(|a| match a.target {
                        domain::model::NumericTarget::Tolerance { value, .. } => {
                            vec![value.to_string()]
                        }
                        domain::model::NumericTarget::Range { min, max } => {
                            vec![min.to_string(), max.to_string()]
                        }
                    })
                    .collect(),
                _ => continue,
            };
            for text in accepted {
                if text.trim().chars().count() < 3 || contains_word(&visible, text.trim()) {
                    continue;
                }
                typed_answers += 1;
                for body in bodies
                    .iter()
                    .filter(|body| contains_word(&body.plain, text.trim()))
                {
                    failures.push(format!(
                        "{}: accepted answer of {} is in it: {text:?}",
                        body.label, q.id
                    ));
                }
            }
        }
        // 3. No answer-key fields in the server functions' JSON, and no
        //    display order of an order or match question beside its id.
        for body in &bodies {
            let Some(json) = &body.json else { continue };
            let mut found = Vec::new();
            keyed_fields(json, "$", &mut found);
            permutations_beside_questions(json, "$", &keyed, &mut found);
            for f in found {
                failures.push(format!("{}: {f}", body.label));
            }
        }
        // 4. Nothing of an open attempt's shuffles: not its seed (an exam's
        //    display orders are `completion::option_order(n,
        //    derive_seed(seed, question))`, no secret key involved) and not
        //    the order shown of an order or match question (authored
        //    indices in display order: the answer), in any body, also in a
        //    page's hydration data.
        for OpenAttempt { who, seed, orders } in &attempts {
            let seed_text = seed.to_string();
            for body in &bodies {
                if seed_text.len() >= 8 && contains_word(&body.raw, &seed_text) {
                    failures.push(format!(
                        "{}: the seed of {who}'s open attempt ({seed}) is in it",
                        body.label
                    ));
                }
                let flat: String = unescape_js(&unescape_js(&body.raw))
                    .split_whitespace()
                    .collect();
                for (qid, order) in orders.iter().filter(|(id, _)| keyed.contains_key(id)) {
                    let list = format!(
                        "[{}]",
                        order
                            .iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                    let quoted = format!("\"{qid}\"");
                    let near = flat.match_indices(&quoted).any(|(at, _)| {
                        let from = flat.floor_char_boundary(at.saturating_sub(200));
                        let to = flat.ceil_char_boundary((at + quoted.len() + 200).min(flat.len()));
                        flat[from..to].contains(&list)
                    });
                    if near {
                        failures.push(format!(
                            "{}: the display order {list} of {who}'s {qid} (authored indices: the answer) is in it",
                            body.label
                        ));
                    }
                }
            }
        }
        // 5. Tokens are per learner: nobody's tokens work for another.
        for (qid, sets) in &stats.lesson_tokens {
            for (i, a) in sets.iter().enumerate() {
                for other in &sets[i + 1..] {
                    if !a.is_disjoint(other) {
                        failures.push(format!("[{b}] {qid}: two learners share option tokens"));
                    }
                }
            }
        }
        // 6. Shuffles happen: somebody sees an order question, and a
        //    match's right sides, other than as authored.
        assert!(
            stats.order_identity + stats.order_shuffled > 0,
            "[{b}] the content has order questions"
        );
        assert!(
            stats.match_identity + stats.match_shuffled > 0,
            "[{b}] the content has match questions"
        );
        if stats.order_shuffled == 0 {
            failures.push(format!(
                "[{b}] every order question is shown in its authored (correct) order"
            ));
        }
        if stats.match_shuffled == 0 {
            failures.push(format!(
                "[{b}] every match shows its right sides in the order of the left sides"
            ));
        }

        let per_type: BTreeMap<&str, usize> =
            questions.values().fold(BTreeMap::new(), |mut m, q| {
                *m.entry(q.type_name()).or_default() += 1;
                m
            });
        eprintln!(
            "[{b}] collected {page_count} pages and {function_count} server-function responses for {LEARNERS} learners; \
             questions in the content by type: {per_type:?}; question views checked by type: {:?}; \
             order views shuffled/as authored: {}/{}, match views: {}/{}; \
             {checked_phrases} feedback/explanation phrases looked for ({skipped_phrases} skipped: also in the visible text); \
             {typed_answers} typed answers looked for; {} open attempts checked; \
             lesson single-choice views with the correct option first: {}/{}",
            stats.views,
            stats.order_shuffled,
            stats.order_identity,
            stats.match_shuffled,
            stats.match_identity,
            attempts.len(),
            stats.correct_first,
            stats.single_lessons,
        );
        assert!(
            checked_phrases >= 50,
            "[{b}] enough phrases to look for: {checked_phrases}"
        );
        all_failures.extend(failures);
        app.cleanup().await;
    }
    // Every backend is checked before the verdict.
    assert!(
        all_failures.is_empty(),
        "{} answer leak(s):\n{}",
        all_failures.len(),
        all_failures.join("\n")
    );
}

/// The browser bundle is built from code; the content, with its answer
/// keys, is read at run time and never compiled in. Under `CI=true` the
/// release build runs after `cargo test`, so the bundle is usually absent
/// there and this test only notes that.
#[test]
fn the_browser_bundle_holds_no_feedback_or_explanation() {
    let files = bundle_files();
    if files.is_empty() {
        eprintln!(
            "note: no browser bundle (target/site/pkg/*.wasm, LEPTOS_SITE_ROOT or \
             $CARGO_TARGET_DIR/front/…/app.wasm); the bundle check is skipped"
        );
        return;
    }
    let catalog = domain::content::load(&common::content_dir()).catalog;
    let ui = ui_text();
    let phrases: BTreeSet<(String, String)> = secrets(&catalog)
        .into_iter()
        .flat_map(|s| {
            phrases(&s.html, MIN_BUNDLE_PHRASE)
                .into_iter()
                .map(move |p| (s.question.clone(), p))
        })
        .filter(|(_, p)| !ui.contains(&collapse_ws(p)))
        .collect();
    assert!(
        phrases.len() >= 50,
        "phrases to look for: {}",
        phrases.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for (qid, phrase) in &phrases {
            if text.contains(phrase.as_str()) {
                failures.push(format!(
                    "{}: feedback/explanation of {qid}: {phrase:?}",
                    file.display()
                ));
            }
        }
        eprintln!(
            "bundle: {} ({} bytes) checked for {} phrases",
            file.display(),
            bytes.len(),
            phrases.len()
        );
    }
    assert!(
        failures.is_empty(),
        "content in the bundle:\n{}",
        failures.join("\n")
    );
}
