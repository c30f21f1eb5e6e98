//! A module: objectives, table of contents, the content with its questions
//! and reflections inline; for an exam, its attempts. All forms are plain
//! POST forms that redirect back to this page (or the result page), so they
//! work without JavaScript; hydrated, they submit in the background and the
//! page data is fetched again.

use super::api::{
    module_page, AnswerQuestion, MarkModuleRead, SaveReflection, StartExam, SubmitExam,
};
use super::question_view::QuestionFields;
use super::types::*;
use crate::components::forms::TextArea;
use crate::error::AppError;
use crate::feedback::{api::SaveFeedback, pages::FeedbackForm};
use crate::hydration;
use crate::i18n::{t, t_string, td_string, use_i18n};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ModulePage() -> impl IntoView {
    let params = use_params_map();
    let answer = ServerAction::<AnswerQuestion>::new();
    let read = ServerAction::<MarkModuleRead>::new();
    let reflect = ServerAction::<SaveReflection>::new();
    let feedback = ServerAction::<SaveFeedback>::new();
    let start = ServerAction::<StartExam>::new();
    let submit = ServerAction::<SubmitExam>::new();
    let key = move || {
        let p = params.read();
        (
            p.get("course").unwrap_or_default(),
            p.get("module").unwrap_or_default(),
            answer.version().get()
                + read.version().get()
                + reflect.version().get()
                + feedback.version().get()
                + start.version().get(),
        )
    };
    // The page data goes along for hydration without the lesson's HTML,
    // which the page already shows (see `crate::hydration`).
    let module = hydration::resource(key, |(c, m, _)| module_page(c, m));
    let actions = Actions {
        answer,
        read,
        reflect,
        feedback,
        start,
        submit,
        sent_from: RwSignal::new(None),
    };
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match module.await {
                    Ok(m) => view! { <ModuleBody m actions/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <crate::components::page_states::SignInNeeded/> }.into_any(),
                    Err(e) => view! { <crate::components::page_states::ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    answer: ServerAction<AnswerQuestion>,
    read: ServerAction<MarkModuleRead>,
    reflect: ServerAction<SaveReflection>,
    feedback: ServerAction<SaveFeedback>,
    start: ServerAction<StartExam>,
    submit: ServerAction<SubmitExam>,
    /// The id of the part of the page whose form was sent last (see
    /// [`remember_sender`]).
    sent_from: RwSignal<Option<String>>,
}

/// The last error of any of the page's actions, for one alert at the top.
fn action_error(a: Actions) -> Option<AppError> {
    let err = |v: Option<Result<(), AppError>>| v.and_then(|r| r.err());
    err(a.answer.value().get())
        .or_else(|| err(a.read.value().get()))
        .or_else(|| err(a.reflect.value().get()))
        .or_else(|| err(a.feedback.value().get()))
        .or_else(|| err(a.start.value().get()))
        .or_else(|| err(a.submit.value().get()))
}

/// After one of the page's forms was sent with JavaScript on, the page is
/// drawn anew and the button that had focus is gone. Focus goes to what
/// the answer changed, in the part of the page the form was sent from: the
/// question's feedback, the reflection's "saved", the completion notice,
/// the exam, the feedback's "saved"; a screen reader reads it where the learner is (WCAG 2.4.3,
/// 4.1.3). Without JavaScript the server's redirect names that part in the
/// fragment, and the browser goes there itself.
fn focus_after_action(actions: Actions) {
    Effect::new(move |_| {
        let Some(id) = actions.sent_from.update_untracked(Option::take) else {
            return;
        };
        if untrack(|| action_error(actions)).is_some() {
            return;
        }
        // After the frame: by then the new page has replaced the old one.
        request_animation_frame(move || {
            use leptos::wasm_bindgen::JsCast;
            let Some(target) = document().get_element_by_id(&id) else {
                return;
            };
            let target = target
                .query_selector("[role=status]")
                .ok()
                .flatten()
                .unwrap_or(target)
                .unchecked_into::<leptos::web_sys::HtmlElement>();
            if !target.has_attribute("tabindex") {
                let _ = target.set_attribute("tabindex", "-1");
            }
            let _ = target.focus();
        });
    });
}

/// Note which part of the page a form is sent from: the nearest element
/// with an id around it (`vraag-…`, `reflectie-…`, `afronden`, `toets`).
fn remember_sender(ev: leptos::ev::SubmitEvent, sent_from: RwSignal<Option<String>>) {
    use leptos::wasm_bindgen::JsCast;
    let id = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        .and_then(|form| form.closest("[id]").ok().flatten())
        .map(|part| part.id());
    sent_from.update_untracked(|from| *from = id);
}

#[component]
fn ModuleBody(m: ModuleView, actions: Actions) -> impl IntoView {
    focus_after_action(actions);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // The course's language, marked where it differs from the interface's
    // (WCAG 3.1.2; the page's own `lang` is the interface language).
    let content_lang = m.language.clone();
    let lang = move || (content_lang != i18n.get_locale().as_str()).then(|| content_lang.clone());
    provide_context(crate::language::ContentLanguage(m.language.clone()));
    let ui = crate::language::ui_lang();
    let (course_id, module_id) = (m.course_id.clone(), m.id.clone());
    let segments = m
        .segments
        .into_iter()
        .map(|seg| match seg {
            SegmentView::Html(h) => view! { <div class="prose" inner_html=h></div> }.into_any(),
            SegmentView::Question(q) => {
                view! { <LessonQuestion q course_id=course_id.clone() module_id=module_id.clone() action=actions.answer/> }
                    .into_any()
            }
            SegmentView::Reflection(r) => {
                view! { <Reflection r course_id=course_id.clone() module_id=module_id.clone() action=actions.reflect/> }
                    .into_any()
            }
        })
        .collect_view();
    let finish = if let Some(exam) = m.exam.clone() {
        view! { <ExamSection exam course_id=m.course_id.clone() module_id=m.id.clone() actions/> }
            .into_any()
    } else if m.complete {
        view! { <p class="notice" id="afronden" lang=ui><strong>{t!(i18n, module.complete)}</strong></p> }
            .into_any()
    } else if m.has_questions {
        view! {
            <p class="notice" id="afronden" lang=ui>{t!(i18n, module.answer_all)}</p>
        }
        .into_any()
    } else {
        let (cid, mid) = (m.course_id.clone(), m.id.clone());
        view! {
            <ActionForm action=actions.read attr:id="afronden">
                <input type="hidden" name="course_id" value=cid/>
                <input type="hidden" name="module_id" value=mid/>
                <button type="submit" lang=ui>{t!(i18n, module.mark_read)}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} – {}", m.title, m.course_title)/>
        <nav aria-label=move || t_string!(i18n, module.breadcrumb) class="breadcrumb">
            <a href=format!("/cursussen/{}", m.course_id)>{m.course_title.clone()}</a>
            {format!(" › {}", td_string!(locale, module.position, position = m.position, total = m.total))}
        </nav>
        {move || action_error(actions).map(|e| view! {
            <div class="notice-error" role="alert"><p>{e.message(crate::i18n::use_i18n().get_locale_untracked())}</p></div>
        })}
        <article lang=lang on:submit=move |ev| remember_sender(ev, actions.sent_from)>
            <h1>{m.title.clone()}</h1>
            <Objectives objectives=m.objectives.clone()/>
            <Contents toc=m.toc.clone()/>
            {segments}
            {finish}
        </article>
        {m.course_complete.then(|| view! {
            <div class="notice">
                <p><strong>{t!(i18n, module.course_complete)}</strong></p>
                {m.record_code.clone().map(|code| view! {
                    <p><a href=format!("/certificaat/{code}")>{t!(i18n, module.view_record)}</a></p>
                })}
            </div>
        })}
        <div on:submit=move |ev| remember_sender(ev, actions.sent_from)>
            <FeedbackForm course_id=m.course_id.clone() module_id=m.id.clone() mine=m.feedback action=actions.feedback/>
        </div>
        <Pager course=format!("/cursussen/{}", m.course_id) prev=m.prev next=m.next/>
    }
}

/// The module's objectives, in the interface's words around the author's.
#[component]
pub(crate) fn Objectives(objectives: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let ui = crate::language::ui_lang();
    (!objectives.is_empty()).then(|| {
        view! {
            <section class="objectives" aria-labelledby="leerdoelen">
                <h2 id="leerdoelen" lang=ui>{t!(i18n, module.objectives)}</h2>
                <p lang=ui>{t!(i18n, module.objectives_intro)}</p>
                <ul>{objectives.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

/// The table of contents: the module's second-level headings, when there
/// is more than one heading.
#[component]
pub(crate) fn Contents(toc: Vec<TocItem>) -> impl IntoView {
    let i18n = use_i18n();
    let ui = crate::language::ui_lang();
    (toc.len() > 1).then(|| {
        view! {
            <nav class="toc" aria-labelledby="inhoudsopgave">
                <h2 id="inhoudsopgave" lang=ui>{t!(i18n, module.contents)}</h2>
                <ol>
                    // `target`: the browser follows the link, so the next Tab
                    // goes on from the heading (the router would only scroll).
                    {toc.into_iter().filter(|t| t.level == 2).map(|t| view! {
                        <li><a href=format!("#{}", t.anchor) target="_self">{t.text}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
        }
    })
}

/// The previous and next module; `course` is the address the modules'
/// ids follow (the course's, or its draft's preview).
#[component]
pub(crate) fn Pager(course: String, prev: Option<NavLink>, next: Option<NavLink>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <nav aria-label=move || t_string!(i18n, module.pager) class="pager">
            {prev.map(|p| view! {
                <a rel="prev" href=format!("{course}/{}", p.id)>{td_string!(locale, module.previous, title = p.title).to_string()}</a>
            })}
            {next.map(|n| view! {
                <a rel="next" class="button" href=format!("{course}/{}", n.id)>{td_string!(locale, module.next, title = n.title).to_string()}</a>
            })}
        </nav>
    }
}

#[component]
fn LessonQuestion(
    q: QuestionView,
    course_id: String,
    module_id: String,
    action: ServerAction<AnswerQuestion>,
) -> impl IntoView {
    let anchor = q.anchor();
    let answered = q.previous.is_some();
    let correct = q.previous.as_ref().is_some_and(|p| p.correct);
    let i18n = use_i18n();
    let label = move || {
        if !answered {
            t_string!(i18n, module.check_answer)
        } else if correct {
            t_string!(i18n, module.check_again)
        } else {
            t_string!(i18n, module.try_again)
        }
    };
    let number = q.number;
    let region = move || t_string!(i18n, module.question.number, n = number);
    view! {
        <section class="question" id=anchor.clone() aria-label=region>
            <ActionForm action=action>
                <input type="hidden" name="course_id" value=course_id/>
                <input type="hidden" name="module_id" value=module_id/>
                <input type="hidden" name="question_id" value=q.id.clone()/>
                <QuestionFields q=q.clone() show_result=true/>
                <p><button type="submit" lang=crate::language::ui_lang()>{label}</button></p>
            </ActionForm>
        </section>
    }
}

#[component]
fn Reflection(
    r: ReflectionView,
    course_id: String,
    module_id: String,
    action: ServerAction<SaveReflection>,
) -> impl IntoView {
    let id = format!("reflectie-{}", r.id);
    let field = format!("{id}-tekst");
    let i18n = use_i18n();
    view! {
        <section class="question reflection" id=id.clone() aria-labelledby=format!("{id}-kop")>
            <h2 class="reflection-title" id=format!("{id}-kop") lang=crate::language::ui_lang()>{t!(i18n, module.reflection.title)}</h2>
            <div inner_html=r.prompt_html.clone()></div>
            <ActionForm action=action>
                <input type="hidden" name="course_id" value=course_id/>
                <input type="hidden" name="module_id" value=module_id/>
                <input type="hidden" name="reflection_id" value=r.id.clone()/>
                <div class="field field-wide">
                    <label for=field.clone()>{t!(i18n, module.reflection.label)}</label>
                    <TextArea id=field name="body" maxlength=10_000 text=r.saved.clone().unwrap_or_default()/>
                </div>
                <p><button type="submit" class="button-secondary">{t!(i18n, module.reflection.save)}</button></p>
                {r.saved.is_some().then(|| view! { <p class="hint" role="status">{t!(i18n, module.reflection.saved)}</p> })}
            </ActionForm>
        </section>
    }
}

#[component]
fn ExamSection(
    exam: ExamView,
    course_id: String,
    module_id: String,
    actions: Actions,
) -> impl IntoView {
    let left = exam.allowed.saturating_sub(exam.used);
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // Inside the content's `lang`, the exam section is interface text; its
    // questions are content again.
    let ui = crate::language::ui_lang();
    let content = use_context::<crate::language::ContentLanguage>()
        .map(|c| c.0)
        .filter(|_| ui.is_some());
    let summary = view! {
        <ul class="exam-facts">
            <li>{td_string!(locale, module.exam.question_count, n = exam.question_count).to_string()}</li>
            <li>{td_string!(locale, module.exam.pass_score, score = exam.pass_score).to_string()}</li>
            <li>{td_string!(locale, module.exam.attempts_used, used = exam.used, allowed = exam.allowed).to_string()}</li>
            {exam.best_score.map(|s| view! {
                <li>{td_string!(locale, module.exam.best_score, score = format!("{s:.0}")).to_string()}</li>
            })}
        </ul>
    };
    let past = (!exam.past.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, module.exam.past)}</h2>
            <ul>
                {exam.past.iter().map(|a| view! {
                    <li>
                        <a href=format!("/cursussen/{}/{}/poging/{}", course_id, module_id, a.number)>
                            {td_string!(locale, module.exam.attempt, n = a.number).to_string()}
                        </a>
                        {format!(
                            ": {:.0}% – {}",
                            a.score.unwrap_or(0.0),
                            if a.passed == Some(true) {
                                td_string!(locale, module.exam.passed_short)
                            } else {
                                td_string!(locale, module.exam.failed_short)
                            }
                        )}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let body = match exam.open_attempt {
        Some((number, questions)) => view! {
            <ActionForm action=actions.submit attr:class="exam-form">
                <input type="hidden" name="course_id" value=course_id.clone()/>
                <input type="hidden" name="module_id" value=module_id.clone()/>
                <input type="hidden" name="attempt" value=number.to_string()/>
                <h2>{td_string!(locale, module.exam.attempt, n = number).to_string()}</h2>
                <p>{t!(i18n, module.exam.intro)}</p>
                {questions.into_iter().map(|q| {
                    let anchor = q.anchor();
                    view! {
                        <section class="question" id=anchor lang=content.clone()>
                            <QuestionFields q=q/>
                        </section>
                    }
                }).collect_view()}
                <p><button type="submit">{t!(i18n, module.exam.submit)}</button></p>
            </ActionForm>
        }
        .into_any(),
        None if exam.passed => view! {
            <p class="notice"><strong>{t!(i18n, module.exam.passed)}</strong></p>
        }
        .into_any(),
        None if left == 0 => view! {
            <p class="notice-error" role="alert">
                {td_string!(locale, module.exam.exhausted, n = exam.allowed).to_string()}
            </p>
        }
        .into_any(),
        None => view! {
            <ActionForm action=actions.start>
                <input type="hidden" name="course_id" value=course_id.clone()/>
                <input type="hidden" name="module_id" value=module_id.clone()/>
                <button type="submit">
                    {if exam.used == 0 {
                        td_string!(locale, module.exam.start)
                    } else {
                        td_string!(locale, module.exam.start_again)
                    }}
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section class="exam" id="toets" aria-labelledby="toets-kop" lang=ui>
            <h2 id="toets-kop">{t!(i18n, module.exam.title)}</h2>
            {summary}
            {body}
            {past}
        </section>
    }
}

#[cfg(test)]
mod tests {
    /// The fixed ids this page and the layout give their own parts are
    /// the ones the content renderer keeps headings from taking
    /// (`domain::content::PAGE_IDS`): otherwise a module with a heading of
    /// the same name would have two elements with one id.
    #[test]
    fn the_pages_own_ids_are_reserved_for_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut ids = Vec::new();
        for file in [
            "learning/module_page.rs",
            "learning/attempt_page.rs",
            "components/layout.rs",
        ] {
            let source = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
            for piece in source.split("id=\"").skip(1) {
                let id = piece.split('"').next().unwrap_or_default();
                if !id.is_empty() {
                    ids.push(id.to_string());
                }
            }
        }
        assert!(ids.len() >= 5, "{ids:?}");
        for id in &ids {
            assert!(
                domain::content::PAGE_IDS.contains(&id.as_str()),
                "`{id}` is not in domain::content::PAGE_IDS"
            );
        }
    }
}
