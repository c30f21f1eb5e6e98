//! The self-scan "Waar sta je?" (issue 18, item 5), on every backend: a
//! learner takes the starter course's scan with the page's own form, is
//! told what is missing, gets advice that follows the scan's rules (the
//! modules the chosen options point to, in course order, with the reasons),
//! sees it again on their dashboard, and takes it again; HR sees per
//! department how people answered, only for groups of at least five.

mod common;

use app::ssr::entities::scan_result;
use axum::http::{header, StatusCode};
use chrono::Utc;
use common::{form_post, page, seeded, sign_in, split, TestApp};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

const COURSE: &str = "participatie-in-de-praktijk";
const LEARNER: &str = "leerling@demodorp.example";

/// Post the scan form as the page does without JavaScript (`pairs` are the
/// `f[...]` fields); returns the redirect's target.
async fn send(app: &TestApp, cookie: &str, pairs: &[(&str, &str)]) -> String {
    let mut fields = vec![("course_id".to_string(), COURSE.to_string())];
    fields.extend(
        pairs
            .iter()
            .map(|(k, v)| (format!("f[{k}]"), v.to_string())),
    );
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = app
        .request(form_post(
            "/api/scan",
            common::form(&fields),
            Some(cookie),
            &format!("http://localhost/scan/{COURSE}"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::FOUND, "[{}]", app.backend);
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .trim_start_matches("http://localhost")
        .to_string()
}

/// The module titles of the advice on a scan page, in the order shown.
fn advice_titles(html: &str, titles: &[&str]) -> Vec<String> {
    let start = html.find("Jouw advies").expect("the advice");
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    let advice = &html[start..end];
    let mut found: Vec<(usize, String)> = titles
        .iter()
        .filter_map(|t| {
            advice
                .find(&format!(">{t}</a>"))
                .map(|at| (at, t.to_string()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

const TITLES: &[&str] = &[
    "Waarom participatie?",
    "Twee richtingen: burgerparticipatie en overheidsparticipatie",
    "Hoeveel invloed? De participatieladder",
    "Vier stappen naar participatie",
    "Participatie is maatwerk",
    "Initiatieven uit de samenleving",
    "Monitoren en leren",
];

#[tokio::test]
async fn a_learner_takes_the_scan_and_is_sent_to_the_right_modules() {
    for app in seeded().await {
        let b = app.backend;
        let cookie = sign_in(&app, LEARNER).await;
        let me = common::account(&app, LEARNER).await.id;
        let uri = format!("/scan/{COURSE}");

        // The catalog and the course page point to the scan (the English
        // course has none); the dashboard invites.
        let home = page(&app, &cookie, "/").await;
        assert!(home.contains(&format!(r#"href="{uri}""#)), "[{b}] catalog");
        assert!(
            !home.contains(r#"href="/scan/participation-basics""#),
            "[{b}]"
        );
        let course_page = page(&app, &cookie, &format!("/cursussen/{COURSE}")).await;
        assert!(course_page.contains(&format!(r#"href="{uri}""#)), "[{b}]");
        let dashboard = page(&app, &cookie, "/mijn").await;
        assert!(dashboard.contains("Doe de scan"), "[{b}] invitation");

        // The form: three questions, radios for one answer, checkboxes
        // for the multiple one, nothing chosen yet, no advice.
        let html = page(&app, &cookie, &uri).await;
        assert!(
            html.contains("In welk stadium zit jouw participatietraject?"),
            "[{b}]"
        );
        assert!(
            html.contains(r#"type="radio" id="scan-stadium-o0" name="f[stadium]" value="0""#),
            "[{b}]"
        );
        assert!(
            html.contains(r#"type="checkbox" id="scan-zorgen-o2" name="f[zorgen.2]" value="2""#),
            "[{b}]"
        );
        assert!(!html.contains("Jouw advies"), "[{b}]");

        // A question left open, or an answer that is none of the choices:
        // refused with which question, nothing stored.
        for (pairs, message) in [
            (vec![("richting", "0")], "Vraag 1 heeft nog geen antwoord."),
            (
                vec![("stadium", "1"), ("richting", "9")],
                "Het antwoord op vraag 2 is geen van de keuzes.",
            ),
        ] {
            let to = send(&app, &cookie, &pairs).await;
            assert!(to.contains("__err="), "[{b}] refused: {to}");
            let (_, html) = split(app.request(common::get(&to, &cookie)).await).await;
            assert!(html.contains(message), "[{b}] {message}");
        }
        assert!(
            scan_result::Entity::find()
                .all(&app.state.db)
                .await
                .unwrap()
                .is_empty(),
            "[{b}]"
        );

        // A tool bought before the plan, an initiative from residents, and
        // worries about the internal frame: the advice names the modules
        // those options point to, each once, in course order, with why.
        let to = send(
            &app,
            &cookie,
            &[("stadium", "1"), ("richting", "1"), ("zorgen.0", "on")],
        )
        .await;
        assert_eq!(to, format!("{uri}#advies"), "[{b}]");
        let html = page(&app, &cookie, &uri).await;
        assert_eq!(
            advice_titles(&html, TITLES),
            [
                "Twee richtingen: burgerparticipatie en overheidsparticipatie",
                "Vier stappen naar participatie",
                "Participatie is maatwerk",
                "Initiatieven uit de samenleving",
            ],
            "[{b}]"
        );
        assert!(
            html.contains("Een tool helpt pas als het plan er ligt."),
            "[{b}] the reason"
        );
        assert!(
            html.contains(r#"value="1" checked"#),
            "[{b}] the answers stay chosen"
        );
        let dashboard = page(&app, &cookie, "/mijn").await;
        assert!(
            dashboard.contains("Vier stappen naar participatie"),
            "[{b}] advice on the dashboard"
        );
        assert!(dashboard.contains("Scan opnieuw doen"), "[{b}]");

        // Taken again: replaced, and a project that is running is sent to
        // monitoring (and the two directions, not knowing who leads).
        send(&app, &cookie, &[("stadium", "3"), ("richting", "2")]).await;
        let rows = scan_result::Entity::find()
            .filter(scan_result::Column::UserId.eq(me))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "[{b}] one result per learner and course");
        assert_eq!(rows[0].choices, "richting=2;stadium=3;zorgen=", "[{b}]");
        let html = page(&app, &cookie, &uri).await;
        assert_eq!(
            advice_titles(&html, TITLES),
            [
                "Twee richtingen: burgerparticipatie en overheidsparticipatie",
                "Monitoren en leren"
            ],
            "[{b}]"
        );

        // A changed scan: the learner is asked to take it again.
        scan_result::Entity::update_many()
            .col_expr(
                scan_result::Column::ContentHash,
                sea_orm::sea_query::Expr::value("oud"),
            )
            .exec(&app.state.db)
            .await
            .unwrap();
        let html = page(&app, &cookie, &uri).await;
        assert!(
            html.contains("De scan is veranderd sinds je hem deed."),
            "[{b}]"
        );

        // A course without a scan has no scan page, and says so.
        let (status, html) = split(
            app.request(common::get("/scan/participation-basics", &cookie))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "[{b}]");
        assert!(html.contains("Deze cursus heeft geen scan"), "[{b}]");
        app.cleanup().await;
    }
}

/// `n` people in department `dept` with these stored choices.
async fn answered(app: &TestApp, prefix: &str, n: usize, dept: i32, choices: &str, hash: &str) {
    for id in common::people(app, prefix, n, Some(dept)).await {
        scan_result::Entity::insert(scan_result::ActiveModel {
            user_id: Set(id),
            course_id: Set(COURSE.into()),
            content_hash: Set(hash.into()),
            choices: Set(choices.into()),
            taken_at: Set(Utc::now()),
        })
        .exec_without_returning(&app.state.db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn hr_sees_per_department_how_people_answered_only_from_five() {
    for app in seeded().await {
        let b = app.backend;
        let index = app.state.content.current();
        let hash = index
            .catalog
            .course(COURSE)
            .unwrap()
            .scan
            .as_ref()
            .unwrap()
            .content_hash
            .clone();
        let big = common::department(&app, "AF-MOB").await;
        let small = common::department(&app, "AF-RO").await;
        let hr = sign_in(&app, "hr@demodorp.example").await;

        // Nobody yet: no figures.
        let html = page(&app, &hr, "/rapportage/scan").await;
        assert!(html.contains("Nog geen cijfers"), "[{b}]");

        // Five in one department (three not started, two with a plan), two
        // in another, and one on an older version of the scan.
        answered(
            &app,
            "a",
            3,
            big.id,
            "richting=0;stadium=0;zorgen=0,1",
            &hash,
        )
        .await;
        answered(&app, "b", 2, big.id, "richting=1;stadium=2;zorgen=", &hash).await;
        answered(
            &app,
            "c",
            2,
            small.id,
            "richting=2;stadium=3;zorgen=2",
            &hash,
        )
        .await;
        answered(&app, "d", 1, big.id, "richting=2;stadium=3;zorgen=2", "oud").await;

        let html = page(&app, &hr, "/rapportage/scan").await;
        assert!(
            html.contains("7 mensen deden de huidige versie van de scan."),
            "[{b}]"
        );
        assert!(
            html.contains(&format!(">{}</th>", big.name)),
            "[{b}] the big department"
        );
        assert!(
            !html.contains(&format!(">{}</th>", small.name)),
            "[{b}] not the small one"
        );
        assert!(html.contains("1 afdelingen met minder dan 5"), "[{b}]");
        // The stage question: whole organisation 3/0/2/2 of 7, the big
        // department 3/0/2/0 of 5.
        let row = |name: &str| {
            let at = html.find(&format!(">{name}</th>")).expect("the row");
            let end = at + html[at..].find("</tr>").unwrap();
            html[at..end]
                .split("<td class=\"hr-num\">")
                .skip(1)
                .map(|c| c.split('<').next().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(row("Hele organisatie"), ["7", "3", "0", "2", "2"], "[{b}]");
        assert_eq!(row(&big.name), ["5", "3", "0", "2", "0"], "[{b}]");
        assert!(!html.contains("Naam a 0"), "[{b}] no names");

        // Learners do not see it.
        let learner = sign_in(&app, LEARNER).await;
        let (status, _) = split(app.request(common::get("/rapportage/scan", &learner)).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "[{b}]");
        app.cleanup().await;
    }
}
