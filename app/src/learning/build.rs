//! Server only: the learning pages' data built from the course model and
//! the learner's state ([`super::queries`]): a module with its questions
//! (options in the order shown, named by opaque tokens), an exam, a
//! course. Never the answer key: a question's feedback and explanation
//! are only part of its view once the learner has answered.

use super::types::*;
use crate::error::AppError;

use super::queries as learning;
use crate::auth::CurrentUser;
use crate::ssr::content_store::ContentIndex;
use crate::ssr::AppState;
use domain::model::{Course, Module, Segment};
use domain::option_tokens::OptionKey;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// What a learning server function works with: the connections, the
/// option key, the content as of this request and who asks.
pub struct Ctx {
    pub db: DatabaseConnection,
    pub writer: DatabaseConnection,
    pub option_key: Arc<OptionKey>,
    pub index: Arc<ContentIndex>,
    pub user: CurrentUser,
}

impl Ctx {
    pub async fn new() -> Result<Ctx, AppError> {
        let user = crate::ssr::session::require_user().await?;
        let state = AppState::from_context()?;
        Ok(Ctx {
            index: state.content.current(),
            db: state.db,
            writer: state.writer,
            option_key: state.option_key,
            user,
        })
    }
    pub fn find(&self, course_id: &str, module_id: &str) -> Result<(&Course, &Module), AppError> {
        let course = self
            .index
            .catalog
            .course(course_id)
            .ok_or(AppError::NotFound(crate::error::Missing::Course))?;
        let module = course
            .module(module_id)
            .ok_or(AppError::NotFound(crate::error::Missing::Module))?;
        Ok((course, module))
    }
}

pub async fn build_view(
    ctx: &Ctx,
    course: &Course,
    module: &Module,
) -> Result<ModuleView, AppError> {
    let learner = ctx.user.id;
    let learning::ModuleState {
        progress,
        answers,
        reflections,
        record_code,
        feedback,
    } = learning::module_state(&ctx.db, learner, course, module).await?;
    let mut number = 0;
    let names = domain::option_tokens::Namer::lesson(&ctx.option_key, learner);
    let mut segments = Vec::with_capacity(module.segments.len());
    for seg in &module.segments {
        match seg {
            Segment::Html(h) => segments.push(SegmentView::Html(h.clone())),
            Segment::Question(id) if !module.is_exam() => {
                if let Some(q) = module.question(id) {
                    number += 1;
                    let prev = answers.get(id).map(|a| (a.as_str(), true));
                    let order = lesson_order(&names, module, q);
                    segments.push(SegmentView::Question(question_view(
                        q, number, &order, prev, &names,
                    )));
                }
            }
            Segment::Question(_) => {}
            Segment::Reflection(id) => {
                if let Some(r) = module.reflections.iter().find(|r| &r.id == id) {
                    segments.push(SegmentView::Reflection(ReflectionView {
                        id: r.id.clone(),
                        prompt_html: r.prompt_html.clone(),
                        saved: reflections.get(id).cloned(),
                    }));
                }
            }
        }
    }
    let exam = if module.is_exam() {
        Some(exam_view(ctx, course, module).await?)
    } else {
        None
    };
    let place = Place::of(course, module);
    let course_complete = course
        .modules
        .iter()
        .all(|m| progress.complete_modules.contains(&m.id));
    Ok(ModuleView {
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        language: course.language.code().to_string(),
        id: module.id.clone(),
        title: module.title.clone(),
        objectives: module.objectives.clone(),
        toc: toc(module),
        segments,
        complete: progress.complete_modules.contains(&module.id),
        has_questions: !module.questions.is_empty(),
        position: place.position,
        total: place.total,
        prev: place.prev,
        next: place.next,
        course_complete,
        record_code: record_code.filter(|_| course_complete),
        exam,
        feedback,
    })
}

async fn exam_view(ctx: &Ctx, course: &Course, module: &Module) -> Result<ExamView, AppError> {
    let st = learning::exam_state(&ctx.db, course, module, ctx.user.id).await?;
    let open_attempt = match st.open() {
        Some(a) => {
            let shown = learning::Shown::parse(&a.shown)?;
            let names = shown.names(&ctx.option_key);
            let qs = shown
                .questions
                .iter()
                .filter_map(|sq| module.question(&sq.id).map(|q| (q, sq)))
                .enumerate()
                .map(|(i, (q, sq))| question_view(q, i + 1, &sq.order, None, &names))
                .collect();
            Some((a.number, qs))
        }
        None => None,
    };
    Ok(ExamView {
        used: st.used(),
        allowed: st.allowed(),
        pass_score: st.pass_score,
        question_count: drawn_per_attempt(module).unwrap_or(0),
        passed: st.passed(),
        best_score: st.best_score(),
        open_attempt,
        past: st
            .attempts
            .iter()
            .filter(|a| a.submitted_at.is_some())
            .map(|a| AttemptSummary {
                number: a.number,
                score: a.score_percent,
                passed: a.passed,
            })
            .collect(),
    })
}

/// The module's headings for its table of contents.
pub fn toc(module: &Module) -> Vec<TocItem> {
    module
        .toc
        .iter()
        .map(|t| TocItem {
            level: t.level,
            anchor: t.anchor.clone(),
            text: t.text.clone(),
        })
        .collect()
}

/// Where a module stands in its course: its number (from 1), the count,
/// and the modules before and after it.
pub struct Place {
    pub position: usize,
    pub total: usize,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
}

impl Place {
    pub fn of(course: &Course, module: &Module) -> Place {
        let at = course
            .modules
            .iter()
            .position(|m| m.id == module.id)
            .unwrap_or(0);
        let link = |m: &Module| NavLink {
            id: m.id.clone(),
            title: m.title.clone(),
        };
        Place {
            position: at + 1,
            total: course.modules.len(),
            prev: at
                .checked_sub(1)
                .and_then(|i| course.modules.get(i))
                .map(link),
            next: course.modules.get(at + 1).map(link),
        }
    }
}

/// How many questions an attempt at an exam draws (`None`: not an exam).
pub fn drawn_per_attempt(module: &Module) -> Option<usize> {
    match &module.kind {
        domain::model::ModuleKind::Exam(s) => Some(
            s.draw
                .map_or(module.questions.len(), |n| n as usize)
                .min(module.questions.len()),
        ),
        domain::model::ModuleKind::Lesson => None,
    }
}

pub fn back_to(course: &str, module: &str, anchor: Option<&str>) {
    let url = match anchor {
        Some(a) => format!("/cursussen/{course}/{module}#{a}"),
        None => format!("/cursussen/{course}/{module}"),
    };
    leptos_axum::redirect(&url);
}

// ------------------------------------------------------------ questions

use domain::completion;
use domain::grading::{self, Response};
use domain::model::{Answer, Question};
use domain::option_tokens::{Namer, Part};

/// A learner-specific but stable display order for lesson questions,
/// from the platform's secret key: nobody can compute it from the
/// learner's id and undo the shuffle of an order question. Choice options
/// are shuffled too when the lesson says `shuffle: true` (format 1.1).
pub fn lesson_order(names: &Namer, module: &Module, q: &Question) -> Vec<usize> {
    let n = super::queries::option_count(q);
    completion::option_order(n, names.order_seed(&q.id), module.shuffles_options(q))
}

/// `order`: display order of the options/items/right sides; `names`:
/// the tokens the options carry on the page.
pub fn question_view(
    q: &Question,
    number: usize,
    order: &[usize],
    previous: Option<(&str, bool)>,
    names: &Namer,
) -> QuestionView {
    let ordered = |labels: Vec<String>, part: Part| -> Vec<OptionView> {
        let idx: Vec<usize> = if order.len() == labels.len() {
            order.to_vec()
        } else {
            (0..labels.len()).collect()
        };
        idx.into_iter()
            .filter_map(|i| {
                labels.get(i).map(|html| OptionView {
                    token: names.token(&q.id, part, i),
                    html: html.clone(),
                })
            })
            .collect()
    };
    let (kind, options, rights) = match &q.answer {
        Answer::Single { options } => (
            QuestionKind::Single,
            ordered(
                options.iter().map(|o| o.html.clone()).collect(),
                Part::Choice,
            ),
            vec![],
        ),
        Answer::Multiple { options, .. } => (
            QuestionKind::Multiple,
            ordered(
                options.iter().map(|o| o.html.clone()).collect(),
                Part::Choice,
            ),
            vec![],
        ),
        Answer::Order { items, .. } => (
            QuestionKind::Order,
            ordered(items.clone(), Part::OrderItem),
            vec![],
        ),
        Answer::Match { pairs } => (
            QuestionKind::Match,
            pairs
                .iter()
                .enumerate()
                .map(|(i, p)| OptionView {
                    token: names.token(&q.id, Part::MatchLeft, i),
                    html: p.left_html.clone(),
                })
                .collect(),
            ordered(
                pairs.iter().map(|p| p.right.clone()).collect(),
                Part::MatchRight,
            ),
        ),
        Answer::Text { .. } => (QuestionKind::Text, vec![], vec![]),
        Answer::Numeric { .. } => (QuestionKind::Numeric, vec![], vec![]),
    };
    QuestionView {
        id: q.id.clone(),
        number,
        prompt_html: q.prompt_html.clone(),
        kind,
        options,
        rights,
        points: q.points,
        previous: previous.and_then(|(json, explain)| previous_answer(q, json, explain, names)),
    }
}

/// Re-grade a stored response against the question to show its feedback.
pub fn previous_answer(
    q: &Question,
    response_json: &str,
    with_explanation: bool,
    names: &Namer,
) -> Option<PreviousAnswer> {
    let response: Response = serde_json::from_str(response_json).ok()?;
    let grade = grading::grade(q, &response).ok();
    let mut prev = PreviousAnswer {
        correct: grade.as_ref().is_some_and(|g| g.correct),
        fraction: grade.as_ref().map_or(0.0, |g| g.fraction),
        feedback: grade.map(|g| g.feedback).unwrap_or_default(),
        explanation_html: if with_explanation {
            q.explanation_html.clone()
        } else {
            None
        },
        ..Default::default()
    };
    match response {
        Response::Choice(c) => {
            prev.chosen = c
                .into_iter()
                .map(|i| names.token(&q.id, Part::Choice, i))
                .collect()
        }
        Response::Order(items) => {
            prev.positions = items
                .iter()
                .enumerate()
                .map(|(pos, i)| (names.token(&q.id, Part::OrderItem, *i), pos + 1))
                .collect()
        }
        Response::Match(m) => {
            prev.matches = m
                .iter()
                .enumerate()
                .filter_map(|(l, r)| {
                    r.map(|r| {
                        (
                            names.token(&q.id, Part::MatchLeft, l),
                            names.token(&q.id, Part::MatchRight, r),
                        )
                    })
                })
                .collect()
        }
        Response::Text(t) | Response::Numeric(t) => prev.text = t,
    }
    Some(prev)
}

// ------------------------------------------------------------ courses

/// A course's page for `user` (anonymous: `None`): its modules with their
/// status, the progress, and the renewal of an expiring record.
pub async fn course_view(
    db: &sea_orm::DatabaseConnection,
    course: &Course,
    user: Option<&CurrentUser>,
) -> Result<CourseView, AppError> {
    let today = crate::ssr::report_summary::today();
    let progress = match user {
        Some(u) => learning::course_progress(db, u.id, course).await?,
        None => learning::CourseProgress::default(),
    };
    let modules = course
        .modules
        .iter()
        .map(|m| ModuleRow {
            id: m.id.clone(),
            title: m.title.clone(),
            duration_minutes: m.duration_minutes,
            is_exam: m.is_exam(),
            status: if progress.complete_modules.contains(&m.id) {
                ModuleStatus::Complete
            } else if progress.touched_modules.contains(&m.id) {
                ModuleStatus::InProgress
            } else {
                ModuleStatus::NotStarted
            },
        })
        .collect();
    // Feedback on the course as a whole, once every module is complete.
    let complete = !course.modules.is_empty()
        && course
            .modules
            .iter()
            .all(|m| progress.complete_modules.contains(&m.id));
    let feedback = match user {
        Some(u) if complete => Some(crate::feedback::queries::mine(db, u.id, course, None).await?),
        _ => None,
    };
    Ok(CourseView {
        feedback,
        has_scan: course.scan.is_some(),
        id: course.id.clone(),
        title: course.title.clone(),
        summary: course.summary.clone(),
        language: course.language.code().to_string(),
        intro_html: course.intro_html.clone(),
        duration_minutes: course.duration_minutes,
        modules,
        signed_in: user.is_some(),
        percent: progress.percent(course),
        next_module: progress.next_module(course).map(|m| m.id.clone()),
        started: progress.started,
        renewing: progress.round > 1,
        renewal: progress.record.as_ref().and_then(|r| {
            let expires = r.expires_at?;
            let (opens, open) = learning::renewal_window(Some(r), today)?;
            Some(Renewal {
                expires_on: crate::ssr::sql::date(expires)?,
                expired: expires <= today,
                opens_on: crate::ssr::sql::date(opens)?,
                open,
            })
        }),
        record_code: progress.record.map(|r| r.verification_code),
    })
}

/// An exam attempt the learner handed in, with every question shown in
/// it, their answers, the feedback and explanations.
pub async fn attempt_result(
    ctx: &Ctx,
    course_id: &str,
    module_id: &str,
    number: i32,
) -> Result<AttemptResultView, AppError> {
    let (course, module) = ctx.find(course_id, module_id)?;
    let (attempt, answers) =
        learning::handed_in_attempt(&ctx.db, ctx.user.id, course_id, module_id, number).await?;
    let shown = learning::Shown::parse(&attempt.shown)?;
    let names = shown.names(&ctx.option_key);
    let questions = shown
        .questions
        .iter()
        .filter_map(|sq| module.question(&sq.id).map(|q| (q, sq)))
        .enumerate()
        .map(|(i, (q, sq))| {
            let mut view = question_view(
                q,
                i + 1,
                &sq.order,
                answers.get(&q.id).map(|r| (r.as_str(), true)),
                &names,
            );
            if view.previous.is_none() {
                view.previous = Some(super::types::PreviousAnswer {
                    explanation_html: q.explanation_html.clone(),
                    ..Default::default()
                });
            }
            view
        })
        .collect();
    let st = learning::exam_state(&ctx.db, course, module, ctx.user.id).await?;
    let record = learning::latest_record(&ctx.db, ctx.user.id, &course.id).await?;
    Ok(AttemptResultView {
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        module_id: module.id.clone(),
        module_title: module.title.clone(),
        number,
        score: attempt.score_percent.unwrap_or(0.0),
        pass_score: st.pass_score,
        passed: attempt.passed == Some(true),
        questions,
        attempts_left: if st.passed() {
            0
        } else {
            st.allowed().saturating_sub(st.used())
        },
        record_code: record.map(|r| r.verification_code),
    })
}
