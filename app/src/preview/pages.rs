//! The preview pages: the drafts, a draft course (with every problem the
//! checker found and the publish button), a draft module as learners see
//! it (problems at their place, every question answerable), and the live
//! reload that keeps an open preview in step with the files.

use super::api::{preview_course, preview_drafts, preview_module, PublishDraft};
use super::types::{DraftCourse, DraftList, DraftModule, DraftSegment};
use crate::admin::pages::DiagnosticItem;
use crate::admin::types::ContentProblem;
use crate::auth::SignInPrompt;
use crate::components::forms::TextArea;
use crate::components::page_states::{report_page, SignInNeeded};
use crate::hydration;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::learning::module_page::{Contents, Objectives, Pager};
use crate::learning::question_view::QuestionFields;
use crate::learning::types::{QuestionView, ReflectionView};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// `/voorbeeld`: the drafts.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| preview_drafts());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, preview.title)/>
        <h1>{t!(i18n, preview.title)}</h1>
        <p class="lead">{t!(i18n, preview.lead)}</p>
        {report_page!(i18n, data, move |d: DraftList| view! { <DraftsBody d/> }, SignInPrompt)}
    }
}

#[component]
fn DraftsBody(d: DraftList) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let folder = td_string!(locale, preview.folder, folder = &d.folder).to_string();
    view! {
        <p>{folder}</p>
        {if d.drafts.is_empty() {
            view! { <p class="notice">{t!(i18n, preview.none)}</p> }.into_any()
        } else {
            view! {
                <ul class="link-list">
                    {d.drafts.into_iter().map(|c| {
                        let state = td_string!(locale, preview.counts, errors = c.errors, warnings = c.warnings).to_string();
                        let kind = if c.live {
                            td_string!(locale, preview.replaces_live)
                        } else {
                            td_string!(locale, preview.new_course)
                        };
                        view! {
                            <li>
                                <a href=super::course_path(&c.id)>{c.title.unwrap_or_else(|| c.id.clone())}</a>
                                {format!(" ({}) – {state}; {kind}", c.id)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// The banner on every preview page: what this is and that nothing is kept.
#[component]
fn PreviewBanner(course: String, fingerprint: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice" role="note">
            <p><strong>{t!(i18n, preview.banner)}</strong>" "{t!(i18n, preview.banner_detail)}</p>
            <LiveReload course fingerprint/>
        </div>
    }
}

/// While the page is open (with JavaScript), ask for the draft's
/// fingerprint half a second after each answer, and reload the page when it
/// moved. One question at a time; none once the page is gone.
#[component]
fn LiveReload(course: String, fingerprint: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let gone = Arc::new(AtomicBool::new(false));
        watch(course, fingerprint, gone.clone());
        on_cleanup(move || gone.store(true, Ordering::Relaxed));

        fn watch(course: String, fingerprint: String, gone: Arc<AtomicBool>) {
            set_timeout(
                move || {
                    if gone.load(Ordering::Relaxed) {
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let now = super::api::preview_fingerprint(course.clone()).await;
                        if gone.load(Ordering::Relaxed) {
                            return;
                        }
                        match now {
                            Ok(now) if now != fingerprint => {
                                let _ = window().location().reload();
                            }
                            _ => watch(course, fingerprint, gone),
                        }
                    });
                },
                std::time::Duration::from_millis(500),
            );
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (course, fingerprint);
    let i18n = use_i18n();
    view! { <p class="hint">{t!(i18n, preview.live_reload)}</p> }
}

/// The checker's problems, as the admin page lists them.
#[component]
fn Problems(problems: Vec<ContentProblem>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div class="notice-error">
                <ul>{problems.into_iter().map(|d| view! { <DiagnosticItem d/> }).collect_view()}</ul>
            </div>
        }
    })
}

/// `/voorbeeld/:course`: the draft course.
#[component]
pub fn PreviewCoursePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let publish = ServerAction::<PublishDraft>::new();
    let data = hydration::resource(
        move || {
            (
                params.with(|p| p.get("course").unwrap_or_default()),
                publish.version().get(),
            )
        },
        |(course, _)| preview_course(course),
    );
    let published = move || query.with(|q| q.get("gepubliceerd").is_some());
    let i18n = use_i18n();
    view! {
        {report_page!(i18n, data, move |d: DraftCourse| view! {
            <PreviewCourseBody d publish published=published()/>
        }, SignInNeeded)}
    }
}

#[component]
fn PreviewCourseBody(
    d: DraftCourse,
    publish: ServerAction<PublishDraft>,
    published: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = td_string!(locale, preview.course_title, title = &d.title).to_string();
    let counts = td_string!(
        locale,
        preview.counts,
        errors = d.errors,
        warnings = d.warnings
    )
    .to_string();
    let id = d.id.clone();
    let blocked = d.errors > 0;
    let error = move || {
        publish.value().get().and_then(|r| r.err()).map(
            |e| view! { <div class="notice-error" role="alert"><p>{e.message(locale)}</p></div> },
        )
    };
    view! {
        <Title text=title.clone()/>
        <nav aria-label=move || t_string!(i18n, module.breadcrumb) class="breadcrumb">
            <a href=super::PATH>{t!(i18n, preview.title)}</a>
        </nav>
        <h1>{title}</h1>
        {published.then(|| view! {
            <div class="notice" role="status">
                <p><strong>{t!(i18n, preview.published)}</strong>" "
                    <a href=format!("/cursussen/{}", d.id)>{t!(i18n, preview.open_live)}</a></p>
            </div>
        })}
        {error}
        <PreviewBanner course=d.id.clone() fingerprint=d.fingerprint.clone()/>
        <section aria-labelledby="concept-controle">
            <h2 id="concept-controle">{t!(i18n, preview.check_heading)}</h2>
            <p>{counts}</p>
            <Problems problems=d.problems/>
            <ActionForm action=publish>
                <input type="hidden" name="course_id" value=id/>
                {if d.errors > 0 {
                    view! { <p>{t!(i18n, preview.publish_blocked)}</p> }.into_any()
                } else if d.live {
                    view! { <p>{t!(i18n, preview.publish_replaces)}</p> }.into_any()
                } else {
                    view! { <p>{t!(i18n, preview.publish_new)}</p> }.into_any()
                }}
                <button type="submit" disabled=blocked>{t!(i18n, preview.publish)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="concept-cursus" lang=d.language.clone()>
            <h2 id="concept-cursus" lang=crate::language::ui_lang()>{t!(i18n, preview.as_learners_see)}</h2>
            <p class="lead">{d.summary.clone()}</p>
            <div class="prose" inner_html=d.intro_html.clone()></div>
            <ol class="module-list">
                {d.modules.into_iter().map(|m| {
                    let note = (m.problems > 0).then(|| format!(" – {}", td_string!(locale, preview.module_problems, n = m.problems)));
                    view! {
                        <li><a href=super::module_path(&d.id, &m.id)>{m.title}</a>{note}</li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// `/voorbeeld/:course/:module`: a draft module as learners see it. A
/// question's form sends its answer to this page (GET), which shows it
/// graded; nothing is stored.
#[component]
pub fn PreviewModulePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = hydration::resource(
        move || {
            let (course, module) = params.with(|p| {
                (
                    p.get("course").unwrap_or_default(),
                    p.get("module").unwrap_or_default(),
                )
            });
            let (answer, fields) = query.with(|q| {
                let fields: BTreeMap<String, String> = q
                    .latest_values()
                    .filter_map(|(k, v)| {
                        k.strip_prefix("f[")
                            .and_then(|k| k.strip_suffix(']'))
                            .map(|k| (k.to_string(), v.to_string()))
                    })
                    .collect();
                (q.get("vraag"), fields)
            });
            (course, module, answer, fields)
        },
        |(course, module, answer, fields)| preview_module(course, module, answer, fields),
    );
    let i18n = use_i18n();
    view! {
        {report_page!(i18n, data, move |m: DraftModule| view! { <PreviewModuleBody m/> }, SignInNeeded)}
    }
}

#[component]
fn PreviewModuleBody(m: DraftModule) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let ui = crate::language::ui_lang();
    provide_context(crate::language::ContentLanguage(m.language.clone()));
    let content_lang = m.language.clone();
    let lang = move || (content_lang != i18n.get_locale().as_str()).then(|| content_lang.clone());
    let (course_id, module_id) = (m.course_id.clone(), m.id.clone());
    let segments = m
        .segments
        .into_iter()
        .map(|seg| match seg {
            DraftSegment::Html(h) => view! { <div class="prose" inner_html=h></div> }.into_any(),
            DraftSegment::Question(q, problems) => {
                let refused = m.refused.clone().filter(|(id, _)| *id == q.id).map(|(_, why)| why);
                view! {
                    <Problems problems/>
                    <PreviewQuestion q=*q course_id=course_id.clone() module_id=module_id.clone() refused/>
                }
                .into_any()
            }
            DraftSegment::Reflection(r) => view! { <PreviewReflection r/> }.into_any(),
        })
        .collect_view();
    let title = td_string!(locale, preview.module_title, title = &m.title).to_string();
    let file = td_string!(locale, preview.file, file = &m.file).to_string();
    let blocked = (m.course_errors > 0)
        .then(|| td_string!(locale, preview.course_errors, n = m.course_errors).to_string());
    view! {
        <Title text=title/>
        <nav aria-label=move || t_string!(i18n, module.breadcrumb) class="breadcrumb">
            <a href=super::PATH>{t!(i18n, preview.title)}</a>" › "
            <a href=super::course_path(&m.course_id)>{m.course_title.clone()}</a>
            {format!(" › {}", td_string!(locale, module.position, position = m.position, total = m.total))}
        </nav>
        <PreviewBanner course=m.course_id.clone() fingerprint=m.fingerprint.clone()/>
        <p class="hint">{file}</p>
        {blocked.map(|b| view! { <p><a href=super::course_path(&m.course_id)>{b}</a></p> })}
        <Problems problems=m.problems/>
        <article lang=lang>
            <h1>{m.title.clone()}</h1>
            <Objectives objectives=m.objectives.clone()/>
            <Contents toc=m.toc.clone()/>
            {m.exam_draw.map(|n| view! {
                <p class="notice" lang=ui>{td_string!(locale, preview.exam_pool, n = n).to_string()}</p>
            })}
            {segments}
        </article>
        <Pager course=super::course_path(&m.course_id) prev=m.prev next=m.next/>
    }
}

/// A question as the lesson shows it; its form asks this page to grade it.
#[component]
fn PreviewQuestion(
    q: QuestionView,
    course_id: String,
    module_id: String,
    refused: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = q.anchor();
    let number = q.number;
    let region = move || t_string!(i18n, module.question.number, n = number);
    let action = format!("{}#{anchor}", super::module_path(&course_id, &module_id));
    view! {
        <section class="question" id=anchor.clone() aria-label=region>
            <form method="get" action=action>
                <input type="hidden" name="vraag" value=q.id.clone()/>
                <QuestionFields q=q show_result=true/>
                {refused.map(|why| view! { <p class="notice-error" role="alert">{why}</p> })}
                <p><button type="submit" lang=crate::language::ui_lang()>{t!(i18n, module.check_answer)}</button></p>
            </form>
        </section>
    }
}

/// A reflection as the lesson shows it; the preview keeps nothing.
#[component]
fn PreviewReflection(r: ReflectionView) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("reflectie-{}", r.id);
    let field = format!("{id}-tekst");
    view! {
        <section class="question reflection" id=id.clone() aria-labelledby=format!("{id}-kop")>
            <h2 class="reflection-title" id=format!("{id}-kop") lang=crate::language::ui_lang()>{t!(i18n, module.reflection.title)}</h2>
            <div inner_html=r.prompt_html.clone()></div>
            <div class="field field-wide">
                <label for=field.clone()>{t!(i18n, module.reflection.label)}</label>
                <TextArea id=field name="body" maxlength=10_000 text=String::new()/>
            </div>
            <p class="hint">{t!(i18n, preview.reflection_not_kept)}</p>
        </section>
    }
}
