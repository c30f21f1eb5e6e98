//! The department tree (admin) and mandatory training (HR) through the
//! router, as a browser without JavaScript drives them (form posts,
//! redirects, cookies), on every database backend.

mod common;

use app::ssr::entities::{
    assignments, audit_log, completion_records, course_status, departments, report_cells,
};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::{account, department, form, get, seeded, sign_in, split, TestApp};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const ADMIN: &str = "beheerder@demodorp.example";
const HR: &str = "hr@demodorp.example";
const LEARNER: &str = "leerling@demodorp.example";
const MANAGER: &str = "manager@demodorp.example";
const TRAINER: &str = "trainer@demodorp.example";
const COURSE: &str = "participatie-in-de-praktijk";
const DEPARTMENTS: &str = "/beheer/afdelingen";
const ASSIGNMENTS: &str = "/rapportage/verplicht";

/// A form post as a browser without JavaScript sends it, from `page`.
fn post(endpoint: &str, pairs: &[(&str, &str)], cookie: &str, page: &str) -> Request<Body> {
    Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, format!("http://localhost{page}"))
        .header(header::COOKIE, cookie)
        .body(Body::from(form(pairs)))
        .unwrap()
}

/// What a form post led to: the redirect target (path and query).
enum Outcome {
    Done(String),
    Refused(String),
}

async fn submit(
    app: &TestApp,
    endpoint: &str,
    pairs: &[(&str, &str)],
    cookie: &str,
    page: &str,
) -> Outcome {
    let res = app.request(post(endpoint, pairs, cookie, page)).await;
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .unwrap_or_else(|| panic!("[{}] {endpoint}: no redirect ({status})", app.backend))
        .to_str()
        .unwrap()
        .trim_start_matches("http://localhost")
        .to_string();
    if location.contains("__err=") {
        Outcome::Refused(location)
    } else {
        Outcome::Done(location)
    }
}

/// Post a form that must succeed; returns where it redirected.
async fn ok(
    app: &TestApp,
    endpoint: &str,
    pairs: &[(&str, &str)],
    cookie: &str,
    page: &str,
) -> String {
    match submit(app, endpoint, pairs, cookie, page).await {
        Outcome::Done(to) => to,
        Outcome::Refused(to) => panic!("[{}] {endpoint} {pairs:?} was refused: {to}", app.backend),
    }
}

/// Post a form that must be refused; returns the page the browser then
/// shows (with the message beside the form).
async fn refused(
    app: &TestApp,
    endpoint: &str,
    pairs: &[(&str, &str)],
    cookie: &str,
    page: &str,
) -> String {
    match submit(app, endpoint, pairs, cookie, page).await {
        Outcome::Refused(to) => {
            let (status, html) = split(app.request(get(&to, cookie)).await).await;
            assert!(
                status.is_success() || status == StatusCode::FORBIDDEN,
                "{status}"
            );
            html
        }
        Outcome::Done(to) => panic!("[{}] {endpoint} {pairs:?} was accepted: {to}", app.backend),
    }
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn due_on(app: &TestApp, email: &str) -> Option<chrono::NaiveDate> {
    let u = account(app, email).await;
    course_status::Entity::find_by_id((u.id, COURSE.to_string()))
        .one(&app.state.db)
        .await
        .unwrap()
        .and_then(|s| s.due_on)
}

#[tokio::test]
async fn admins_add_change_move_and_delete_departments() {
    for app in seeded().await {
        let b = app.backend;
        let admin = sign_in(&app, ADMIN).await;
        let (status, html) = split(app.request(get(DEPARTMENTS, &admin)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert!(
            html.contains("Team Omgevingsplan") && html.contains("AF-RO"),
            "[{b}] the tree is shown"
        );

        let mob = department(&app, "AF-MOB").await;
        let sam = department(&app, "DIR-SAM").await;
        let rui = department(&app, "DIR-RUI").await;
        let ro = department(&app, "AF-RO").await;
        let top = department(&app, "T-OP").await;

        // Add.
        let to = ok(
            &app,
            "department_create",
            &[
                ("name", "  Team   Verkeer "),
                ("code", "T-VK"),
                ("parent", &mob.id.to_string()),
            ],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            to.starts_with("/beheer/afdelingen?klaar=toegevoegd"),
            "[{b}] {to}"
        );
        let new = department(&app, "T-VK").await;
        assert_eq!(new.name, "Team Verkeer");
        assert_eq!(new.parent_id, Some(mob.id));
        let (_, html) = split(app.request(get(&to, &admin)).await).await;
        assert!(
            html.contains("De afdeling is toegevoegd."),
            "[{b}] success is shown"
        );

        // A code is unique (whatever its case); a name is required.
        let html = refused(
            &app,
            "department_create",
            &[("name", "Team Vervoer"), ("code", "t-vk"), ("parent", "")],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains("De code t-vk is al in gebruik bij Team Verkeer."),
            "[{b}] {html}"
        );
        refused(
            &app,
            "department_create",
            &[("name", "  ")],
            &admin,
            DEPARTMENTS,
        )
        .await;
        // The form takes as long a name and code as an employee import does
        // (so an imported department can be renamed), and no longer.
        let longest = "n".repeat(domain::hr_import::MAX_NAME_CHARS);
        let longest_code = "C".repeat(domain::hr_import::MAX_CODE_CHARS);
        ok(
            &app,
            "department_create",
            &[("name", &longest), ("code", &longest_code), ("parent", "")],
            &admin,
            DEPARTMENTS,
        )
        .await;
        let html = refused(
            &app,
            "department_create",
            &[("name", &format!("{longest}n")), ("parent", "")],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains(&format!(
                "De naam is te lang. Gebruik hoogstens {} tekens.",
                domain::hr_import::MAX_NAME_CHARS
            )),
            "[{b}] the limit is named"
        );

        // Rename, new code, move.
        let new_id = new.id.to_string();
        ok(
            &app,
            "department_update",
            &[
                ("id", &new_id),
                ("name", "Team Verkeersveiligheid"),
                ("code", "T-VV"),
                ("parent", &sam.id.to_string()),
            ],
            &admin,
            &format!("{DEPARTMENTS}?wijzig={new_id}"),
        )
        .await;
        let changed = department(&app, "T-VV").await;
        assert_eq!(
            (changed.id, changed.name.as_str(), changed.parent_id),
            (new.id, "Team Verkeersveiligheid", Some(sam.id))
        );
        // To the top level, without code.
        ok(
            &app,
            "department_update",
            &[
                ("id", &new_id),
                ("name", "Team Verkeersveiligheid"),
                ("code", ""),
                ("parent", ""),
            ],
            &admin,
            DEPARTMENTS,
        )
        .await;
        let changed = departments::Entity::find_by_id(new.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((changed.code, changed.parent_id), (None, None));

        // No move into the own subtree.
        let edit_rui = format!("{DEPARTMENTS}?wijzig={}", rui.id);
        let html = refused(
            &app,
            "department_update",
            &[
                ("id", &rui.id.to_string()),
                ("name", &rui.name),
                ("code", "DIR-RUI"),
                ("parent", &top.id.to_string()),
            ],
            &admin,
            &edit_rui,
        )
        .await;
        assert!(
            html.contains("Je kunt Directie Ruimte niet onder Team Omgevingsplan hangen, want Team Omgevingsplan valt zelf onder Directie Ruimte."),
            "[{b}] the refusal is shown beside the form: {html}"
        );
        assert!(
            html.contains("Directie Ruimte wijzigen"),
            "[{b}] the edit form stays open"
        );
        let html = refused(
            &app,
            "department_update",
            &[
                ("id", &top.id.to_string()),
                ("name", &top.name),
                ("code", "T-OP"),
                ("parent", &top.id.to_string()),
            ],
            &admin,
            &format!("{DEPARTMENTS}?wijzig={}", top.id),
        )
        .await;
        assert!(
            html.contains("Een afdeling kan niet onder zichzelf hangen."),
            "[{b}]"
        );
        assert_eq!(
            department(&app, "DIR-RUI").await.parent_id,
            rui.parent_id,
            "[{b}] nothing moved"
        );
        assert_eq!(department(&app, "T-OP").await.parent_id, Some(ro.id));

        // Only an empty department can be deleted.
        let html = refused(
            &app,
            "department_delete",
            &[("id", &ro.id.to_string())],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains(
                "Afdeling Ruimtelijke Ontwikkeling kan niet worden verwijderd, want er hoort nog 1 persoon bij en er vallen nog 2 afdelingen onder."
            ),
            "[{b}] {html}"
        );
        let (_, html) = split(
            app.request(get(&format!("{DEPARTMENTS}?wijzig={}", ro.id), &admin))
                .await,
        )
        .await;
        assert!(
            html.contains("Afdeling Ruimtelijke Ontwikkeling kan niet worden verwijderd"),
            "[{b}] the edit view says why before anyone tries"
        );
        let gb = department(&app, "T-GB").await;
        let hr = account(&app, HR).await;
        let due = app::ssr::report_summary::today() + Duration::days(30);
        let assignment = app::assignments::queries::create(
            &app.state.writer,
            hr.id,
            COURSE,
            app::assignments::queries::Target::Department {
                id: gb.id,
                include_subdepartments: true,
            },
            due,
        )
        .await
        .unwrap();
        let html = refused(
            &app,
            "department_delete",
            &[("id", &gb.id.to_string())],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains("er is nog 1 verplichte cursus voor ingesteld"),
            "[{b}] {html}"
        );
        app::assignments::queries::delete(&app.state.writer, hr.id, assignment.id)
            .await
            .unwrap();
        ok(
            &app,
            "department_delete",
            &[("id", &gb.id.to_string())],
            &admin,
            DEPARTMENTS,
        )
        .await;
        ok(
            &app,
            "department_delete",
            &[("id", &new_id)],
            &admin,
            DEPARTMENTS,
        )
        .await;
        for id in [gb.id, new.id] {
            assert!(departments::Entity::find_by_id(id)
                .one(&app.state.db)
                .await
                .unwrap()
                .is_none());
        }
        refused(
            &app,
            "department_delete",
            &[("id", &new_id)],
            &admin,
            DEPARTMENTS,
        )
        .await;

        // Team Verkeer and the one with the longest name.
        assert_eq!(audited(&app, "department_create").await, 2, "[{b}]");
        assert_eq!(audited(&app, "department_update").await, 2, "[{b}]");
        assert_eq!(audited(&app, "department_delete").await, 2, "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn moving_a_person_keeps_the_department_on_their_records() {
    for app in seeded().await {
        let b = app.backend;
        let db = &app.state.db;
        let admin = sign_in(&app, ADMIN).await;
        let learner = account(&app, LEARNER).await;
        let top = department(&app, "T-OP").await;
        let mob = department(&app, "AF-MOB").await;
        let today = app::ssr::report_summary::today();

        completion_records::Entity::insert(completion_records::ActiveModel {
            user_id: Set(learner.id),
            course_id: Set(COURSE.into()),
            course_version: Set("v1".into()),
            course_title: Set("Participatie in de praktijk".into()),
            score_percent: Set(90.0),
            completed_at: Set(Utc::now()),
            department_id: Set(Some(top.id)),
            department_name: Set(Some(top.name.clone())),
            expires_at: Set(None),
            verification_code: Set("TEST-0000-0001".into()),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap();
        app::ssr::report_summary::completed(db, learner.id, COURSE, Some(top.id), today, None)
            .await
            .unwrap();

        let to = ok(
            &app,
            "department_move_user",
            &[
                ("person", " Leerling@Demodorp.example "),
                ("department", &mob.id.to_string()),
            ],
            &admin,
            DEPARTMENTS,
        )
        .await;
        let (_, html) = split(app.request(get(&to, &admin)).await).await;
        assert!(html.contains("De medewerker is verplaatst."), "[{b}]");

        assert_eq!(
            account(&app, LEARNER).await.department_id,
            Some(mob.id),
            "[{b}] moved"
        );
        let record = completion_records::Entity::find()
            .filter(completion_records::Column::UserId.eq(learner.id))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (record.department_id, record.department_name.as_deref()),
            (Some(top.id), Some("Team Omgevingsplan")),
            "[{b}] the record keeps the department it was earned in"
        );
        let status = course_status::Entity::find_by_id((learner.id, COURSE.to_string()))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            status.department_id,
            Some(mob.id),
            "[{b}] reports follow the person"
        );
        let cell = |d: i32| report_cells::Entity::find_by_id((d, COURSE.to_string())).one(db);
        assert_eq!(
            cell(mob.id).await.unwrap().map(|c| c.completed),
            Some(1),
            "[{b}]"
        );
        assert_eq!(
            cell(top.id).await.unwrap().map_or(0, |c| c.completed),
            0,
            "[{b}]"
        );

        let html = refused(
            &app,
            "department_move_user",
            &[("person", LEARNER), ("department", &mob.id.to_string())],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains("Lotte de Leerling zit al in deze afdeling."),
            "[{b}]"
        );
        let html = refused(
            &app,
            "department_move_user",
            &[
                ("person", "niemand@demodorp.example"),
                ("department", &mob.id.to_string()),
            ],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert!(
            html.contains(
                "Er is geen persoon met e-mailadres of personeelsnummer niemand@demodorp.example."
            ),
            "[{b}]"
        );
        assert_eq!(audited(&app, "user_move").await, 1, "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn hr_assigns_a_course_to_a_department_and_everything_below_it() {
    for app in seeded().await {
        let b = app.backend;
        let hr = sign_in(&app, HR).await;
        let (status, html) = split(app.request(get(ASSIGNMENTS, &hr)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}]");
        assert!(
            html.contains("Verplicht stellen") && html.contains("Participatie in de praktijk"),
            "[{b}]"
        );

        let rui = department(&app, "DIR-RUI").await;
        let sam = department(&app, "DIR-SAM").await;
        let top = department(&app, "T-OP").await;
        let today = app::ssr::report_summary::today();
        let due = today + Duration::days(30);
        let due_text = due.format("%Y-%m-%d").to_string();
        let rui_id = rui.id.to_string();

        // Dates before today are refused.
        let yesterday = (today - Duration::days(1)).format("%Y-%m-%d").to_string();
        let html = refused(
            &app,
            "assignment_create",
            &[
                ("course", COURSE),
                ("target", "afdeling"),
                ("department", &rui_id),
                ("include_sub", "ja"),
                ("due", &yesterday),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert!(
            html.contains("ligt in het verleden. Kies vandaag of een latere datum."),
            "[{b}] {html}"
        );
        // An unknown course is refused.
        refused(
            &app,
            "assignment_create",
            &[
                ("course", "bestaat-niet"),
                ("target", "afdeling"),
                ("department", &rui_id),
                ("due", &due_text),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert_eq!(
            assignments::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap(),
            0
        );

        // Directie Ruimte with its sub-departments: the learner (Team
        // Omgevingsplan) and the manager (Afdeling Ruimtelijke Ontwikkeling).
        let to = ok(
            &app,
            "assignment_create",
            &[
                ("course", COURSE),
                ("target", "afdeling"),
                ("department", &rui_id),
                ("include_sub", "ja"),
                ("due", &due_text),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert_eq!(due_on(&app, LEARNER).await, Some(due), "[{b}]");
        assert_eq!(due_on(&app, MANAGER).await, Some(due), "[{b}]");
        for outside in [HR, TRAINER, ADMIN] {
            assert_eq!(
                due_on(&app, outside).await,
                None,
                "[{b}] {outside} is outside"
            );
        }
        let learner = account(&app, LEARNER).await;
        assert_eq!(
            app::assignments::queries::due_for_user(&app.state.db, learner.id)
                .await
                .unwrap(),
            vec![(COURSE.to_string(), due)],
            "[{b}]"
        );
        let (_, html) = split(app.request(get(&to, &hr)).await).await;
        assert!(html.contains("De cursus is verplicht gesteld."), "[{b}]");
        assert!(
            html.contains("Gemeente Demodorp / Directie Ruimte (met onderliggende afdelingen)"),
            "[{b}] the target is named by its full path"
        );
        assert!(html.contains("Hanneke van HR"), "[{b}] who assigned it");

        // The same assignment twice is refused.
        let html = refused(
            &app,
            "assignment_create",
            &[
                ("course", COURSE),
                ("target", "afdeling"),
                ("department", &rui_id),
                ("include_sub", "ja"),
                ("due", &due_text),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert!(
            html.contains("is al verplicht voor Gemeente Demodorp / Directie Ruimte"),
            "[{b}]"
        );

        // Without sub-departments it covers only people directly in it (none).
        let direct_due = (today + Duration::days(5)).format("%Y-%m-%d").to_string();
        ok(
            &app,
            "assignment_create",
            &[
                ("course", COURSE),
                ("target", "afdeling"),
                ("department", &rui_id),
                ("due", &direct_due),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert_eq!(
            due_on(&app, LEARNER).await,
            Some(due),
            "[{b}] not covered by the direct one"
        );

        // One person, by e-mail address.
        let person_due = today + Duration::days(10);
        ok(
            &app,
            "assignment_create",
            &[
                ("course", COURSE),
                ("target", "persoon"),
                ("person", TRAINER),
                ("due", &person_due.format("%Y-%m-%d").to_string()),
            ],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert_eq!(due_on(&app, TRAINER).await, Some(person_due), "[{b}]");

        // A department that moves out of the subtree takes its people out.
        let admin = sign_in(&app, ADMIN).await;
        ok(
            &app,
            "department_update",
            &[
                ("id", &top.id.to_string()),
                ("name", &top.name),
                ("code", "T-OP"),
                ("parent", &sam.id.to_string()),
            ],
            &admin,
            DEPARTMENTS,
        )
        .await;
        assert_eq!(
            due_on(&app, LEARNER).await,
            None,
            "[{b}] moved out with the team"
        );
        assert_eq!(due_on(&app, MANAGER).await, Some(due), "[{b}]");

        // Deleting the assignment clears the due dates it set.
        let with_sub = assignments::Entity::find()
            .filter(assignments::Column::DepartmentId.eq(rui.id))
            .filter(assignments::Column::IncludeSubdepartments.eq(true))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        ok(
            &app,
            "assignment_delete",
            &[("id", &with_sub.id.to_string())],
            &hr,
            ASSIGNMENTS,
        )
        .await;
        assert_eq!(due_on(&app, MANAGER).await, None, "[{b}] cleared");
        assert_eq!(
            due_on(&app, TRAINER).await,
            Some(person_due),
            "[{b}] the others stay"
        );
        let manager = account(&app, MANAGER).await;
        assert!(
            app::assignments::queries::due_for_user(&app.state.db, manager.id)
                .await
                .unwrap()
                .is_empty()
        );

        assert_eq!(audited(&app, "assignment_create").await, 3, "[{b}]");
        assert_eq!(audited(&app, "assignment_delete").await, 1, "[{b}]");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn learners_managers_and_hr_are_refused_where_they_do_not_belong() {
    for app in seeded().await {
        let b = app.backend;
        let rui = department(&app, "DIR-RUI").await.id.to_string();
        let due = (app::ssr::report_summary::today() + Duration::days(30))
            .format("%Y-%m-%d")
            .to_string();
        let departments_before = departments::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        for email in [LEARNER, MANAGER] {
            let cookie = sign_in(&app, email).await;
            for page in [DEPARTMENTS, ASSIGNMENTS] {
                let (status, html) = split(app.request(get(page, &cookie)).await).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "[{b}] {email} on {page}");
                assert!(html.contains("Geen toegang"), "[{b}]");
            }
            for (endpoint, pairs) in [
                ("departments_overview", vec![]),
                (
                    "department_create",
                    vec![("name", "Stiekem"), ("parent", "")],
                ),
                ("department_delete", vec![("id", rui.as_str())]),
                (
                    "department_move_user",
                    vec![("person", email), ("department", rui.as_str())],
                ),
                ("assignments_overview", vec![]),
                (
                    "assignment_create",
                    vec![
                        ("course", COURSE),
                        ("target", "afdeling"),
                        ("department", rui.as_str()),
                        ("due", due.as_str()),
                    ],
                ),
                ("assignment_delete", vec![("id", "1")]),
            ] {
                let Outcome::Refused(_) = submit(&app, endpoint, &pairs, &cookie, "/mijn").await
                else {
                    panic!("[{b}] {email} may not call {endpoint}");
                };
            }
        }
        // HR manages mandatory training, not the tree; admins do both.
        let hr = sign_in(&app, HR).await;
        let (status, _) = split(app.request(get(DEPARTMENTS, &hr)).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{b}] hr on the tree");
        let Outcome::Refused(_) = submit(
            &app,
            "department_create",
            &[("name", "Stiekem"), ("parent", "")],
            &hr,
            "/mijn",
        )
        .await
        else {
            panic!("[{b}] hr may not add departments");
        };
        let admin = sign_in(&app, ADMIN).await;
        let (status, _) = split(app.request(get(ASSIGNMENTS, &admin)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}] admins may assign");

        assert_eq!(
            departments::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap(),
            departments_before
        );
        assert_eq!(
            department(&app, "DIR-RUI").await.id.to_string(),
            rui,
            "[{b}] not deleted"
        );
        assert_eq!(
            assignments::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap(),
            0,
            "[{b}]"
        );
        assert_eq!(
            account(&app, MANAGER).await.department_id,
            Some(department(&app, "AF-RO").await.id)
        );
        app.cleanup().await;
    }
}
