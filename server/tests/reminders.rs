//! E-mail reminders for mandatory training, sent to a real SMTP server
//! (PyPI `aiosmtpd`, writing a Maildir read back with Python's `email`
//! parser), on SQLite and PostgreSQL: who gets which mail, in which
//! language, with which link; each once per threshold when the job runs
//! three times; nothing for finished or deactivated people or for early
//! reminders someone chose not to get; a manager's weekly digest; the
//! admins' view of the job; and two `server send-reminders` processes
//! racing, which still send each mail once.

mod common;

use app::assignments::queries::Target;
use app::ssr::entities::{assignments, completion_records, users};
use chrono::{Duration, Utc};
use common::smtp::{Received, SmtpServer};
use common::TestApp;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

const DUTCH: &str = "participatie-in-de-praktijk";
const ENGLISH: &str = "participation-basics";

async fn apps_with_mail(smtp: &SmtpServer) -> Vec<TestApp> {
    let url = smtp.url();
    common::apps_configured(|s| {
        s.public_url = Some("https://leren.demodorp.example".into());
        s.mail.smtp_url = Some(url.clone());
        s.mail.mail_from = "Leerplatform Demodorp <leren@demodorp.example>".into();
    })
    .await
}

/// Assign `course` to `email`, due `days` from today (in the past too: the
/// page refuses that, so the date is moved afterwards).
async fn assign(app: &TestApp, email: &str, course: &str, days: i64) {
    let admin = common::account(app, "beheerder@demodorp.example").await;
    let today = app::ssr::report_summary::today();
    let made = app::assignments::queries::create(
        &app.state.writer,
        admin.id,
        course,
        Target::Person(email.into()),
        today + Duration::days(days.max(0)),
    )
    .await
    .unwrap();
    if days < 0 {
        let mut a: assignments::ActiveModel = made.into();
        a.due_on = Set(today + Duration::days(days));
        a.update(&app.state.db).await.unwrap();
    }
}

async fn set_user(app: &TestApp, email: &str, change: impl FnOnce(&mut users::ActiveModel)) {
    let mut u: users::ActiveModel = common::account(app, email).await.into();
    change(&mut u);
    u.update(&app.state.db).await.unwrap();
}

async fn new_person(app: &TestApp, email: &str, name: &str) {
    let team = common::department(app, "T-OP").await;
    app::ssr::accounts::create_demo_user(
        &app.state.db,
        app::ssr::accounts::NewUser {
            email,
            display_name: name,
            password: "een-lang-demo-wachtwoord",
            department_id: Some(team.id),
            roles: &[],
        },
    )
    .await
    .unwrap();
}

/// The demo municipality with mandatory training in every state:
/// - the learner (team under the manager's department): overdue;
/// - HR, who reads English: due in 3 days;
/// - the trainer, who chose less mail: due today (still mailed);
/// - the manager, who chose less mail: due in 3 days (not mailed), and
///   gets the weekly digest with the learner in it;
/// - someone who finished the course, and someone deactivated: nothing.
async fn mandatory_training(app: &TestApp) {
    server::commands::seed_demo::seed(&app.state.db)
        .await
        .unwrap();
    new_person(app, "klaar@demodorp.example", "Karel Klaar").await;
    new_person(app, "weg@demodorp.example", "Wim Weg").await;
    assign(app, "leerling@demodorp.example", DUTCH, -2).await;
    assign(app, "hr@demodorp.example", ENGLISH, 3).await;
    assign(app, "trainer@demodorp.example", DUTCH, 0).await;
    assign(app, "manager@demodorp.example", DUTCH, 3).await;
    assign(app, "klaar@demodorp.example", DUTCH, 3).await;
    assign(app, "weg@demodorp.example", DUTCH, 0).await;
    set_user(app, "hr@demodorp.example", |u| u.locale = Set("en".into())).await;
    set_user(app, "trainer@demodorp.example", |u| {
        u.mail_choice = Set("minder".into())
    })
    .await;
    set_user(app, "manager@demodorp.example", |u| {
        u.mail_choice = Set("minder".into())
    })
    .await;
    set_user(app, "weg@demodorp.example", |u| u.active = Set(false)).await;
    let done = common::account(app, "klaar@demodorp.example").await;
    let team = common::department(app, "T-OP").await;
    completion_records::Entity::insert(completion_records::ActiveModel {
        user_id: Set(done.id),
        course_id: Set(DUTCH.into()),
        course_version: Set("v1".into()),
        course_title: Set("Participatie in de praktijk".into()),
        score_percent: Set(90.0),
        completed_at: Set(Utc::now()),
        department_id: Set(Some(team.id)),
        department_name: Set(Some(team.name.clone())),
        expires_at: Set(None),
        verification_code: Set("TEST-KLAAR-0001".into()),
        ..Default::default()
    })
    .exec(&app.state.db)
    .await
    .unwrap();
    // The summaries the job reads: rebuilt for the moved due date, and the
    // completion as finishing a course records it.
    app::ssr::report_summary::rebuild(&app.state.writer)
        .await
        .unwrap();
    let today = app::ssr::report_summary::today();
    app::ssr::report_summary::completed(&app.state.db, done.id, DUTCH, Some(team.id), today, None)
        .await
        .unwrap();
}

fn to(messages: &[Received], email: &str) -> Vec<Received> {
    messages
        .iter()
        .filter(|m| m.to.contains(email))
        .cloned()
        .collect()
}

#[tokio::test]
async fn each_reminder_arrives_once_in_the_persons_language_with_a_link() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let mut seen = 0;
    for app in apps_with_mail(&smtp).await {
        let b = app.backend;
        mandatory_training(&app).await;
        let reminders = app.state.reminders.clone().expect("reminders set up");
        let planned = app::reminders::job::plan(&app.state, 7).await.unwrap();
        let mut keys: Vec<String> = planned.iter().map(|p| p.key.clone()).collect();
        keys.sort();
        let today = app::ssr::sql::today().unwrap();
        let monday = today.monday();
        let mut expected = vec![
            format!("{DUTCH}/{}/te-laat", today.plus_days(-2)),
            format!("{ENGLISH}/{}/voor", today.plus_days(3)),
            format!("{DUTCH}/{today}/vandaag"),
            format!("overzicht/{monday}"),
        ];
        expected.sort();
        assert_eq!(keys, expected, "[{b}] the dry run's plan");

        for round in 0..3 {
            let outcome = app::reminders::job::run_round(&app.state, &reminders)
                .await
                .unwrap();
            let want = if round == 0 { 4 } else { 0 };
            assert_eq!(
                (outcome.sent, outcome.failed),
                (want, 0),
                "[{b}] round {round}"
            );
        }
        let all = smtp.received();
        let mine = &all[seen..];
        seen = all.len();
        assert_eq!(mine.len(), 4, "[{b}] four mails, once each: {mine:#?}");

        let learner = to(mine, "leerling@demodorp.example");
        assert_eq!(learner.len(), 1, "[{b}]");
        let m = &learner[0];
        assert_eq!(
            m.subject,
            "‘Participatie in de praktijk’ is te laat: rond de cursus zo snel mogelijk af"
        );
        assert!(m.from.contains("leren@demodorp.example"));
        assert_eq!(
            m.content_type, "multipart/alternative",
            "[{b}] plain text and HTML"
        );
        assert!(
            m.text.starts_with("Beste Lotte de Leerling,"),
            "[{b}] {}",
            m.text
        );
        assert!(m
            .text
            .contains(&format!("https://leren.demodorp.example/cursussen/{DUTCH}")));
        assert!(m.html.contains(&format!(
            "href=\"https://leren.demodorp.example/cursussen/{DUTCH}\""
        )));

        let hr = to(mine, "hr@demodorp.example");
        assert_eq!(hr.len(), 1, "[{b}]");
        assert!(
            hr[0]
                .subject
                .starts_with("Reminder: complete ‘Participation basics’ by")
                || hr[0].subject.starts_with("Reminder: complete"),
            "[{b}] English: {}",
            hr[0].subject
        );
        assert!(hr[0].text.starts_with("Dear Hanneke van HR,"), "[{b}]");

        let trainer = to(mine, "trainer@demodorp.example");
        assert_eq!(trainer.len(), 1, "[{b}] less mail still gets the due date");
        assert!(
            trainer[0].subject.starts_with("Vandaag is de laatste dag"),
            "[{b}]"
        );

        let manager = to(mine, "manager@demodorp.example");
        assert_eq!(
            manager.len(),
            1,
            "[{b}] only the digest, not the early reminder"
        );
        assert!(
            manager[0]
                .subject
                .starts_with("Weekoverzicht: 1 keer te laat"),
            "[{b}] {}",
            manager[0].subject
        );
        assert!(
            manager[0]
                .text
                .contains("Lotte de Leerling: Participatie in de praktijk"),
            "[{b}]"
        );
        assert!(manager[0]
            .text
            .contains("https://leren.demodorp.example/rapportage/te-laat"));

        assert!(
            to(mine, "klaar@").is_empty() && to(mine, "weg@").is_empty(),
            "[{b}] finished and deactivated people get nothing"
        );
        assert!(
            app::reminders::job::plan(&app.state, 7)
                .await
                .unwrap()
                .is_empty(),
            "[{b}] nothing left"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_failed_send_is_retried_and_not_recorded() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    // A mail server that is not there: nothing is recorded as sent.
    let dead = format!("smtp://127.0.0.1:{}", {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    });
    let apps = common::apps_configured(|s| {
        s.public_url = Some("https://leren.demodorp.example".into());
        s.mail.smtp_url = Some(dead.clone());
    })
    .await;
    for app in apps {
        mandatory_training(&app).await;
        let reminders = app.state.reminders.clone().unwrap();
        let outcome = app::reminders::job::run_round(&app.state, &reminders)
            .await
            .unwrap();
        assert_eq!((outcome.sent, outcome.failed), (0, 4), "[{}]", app.backend);
        assert_eq!(
            app::reminders::job::plan(&app.state, 7)
                .await
                .unwrap()
                .len(),
            4,
            "[{}] still due",
            app.backend
        );
        app.cleanup().await;
    }
    drop(smtp);
}

#[tokio::test]
async fn two_processes_racing_send_each_mail_once() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let mut seen = 0;
    for app in apps_with_mail(&smtp).await {
        let b = app.backend;
        mandatory_training(&app).await;
        let url = app.database_url.clone();
        let run = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_server"))
                .arg("send-reminders")
                .env("DATABASE_URL", &url)
                .env("CONTENT_DIR", common::content_dir())
                .env("SMTP_URL", smtp.url())
                .env("PUBLIC_URL", "https://leren.demodorp.example")
                .env("LANG", "C")
                .env("RUST_LOG", "warn")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start server send-reminders")
        };
        let (first, second) = (run(), run());
        let (first, second) = (
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        );
        for out in [&first, &second] {
            assert!(
                out.status.success(),
                "[{b}] {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let all = smtp.received();
        let mine = &all[seen..];
        seen = all.len();
        assert_eq!(
            mine.len(),
            4,
            "[{b}] each mail once across both processes: {:?}",
            mine.iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>()
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&first.stdout),
            String::from_utf8_lossy(&second.stdout)
        );
        // The operators' words (Dutch by default): the two processes together sent four.
        let sent: usize = said
            .lines()
            .filter_map(|l| l.strip_prefix("verstuurd: "))
            .filter_map(|rest| rest.split(';').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(sent, 4, "[{b}] {said}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn learners_choose_less_mail_and_admins_see_the_job() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    for app in apps_with_mail(&smtp).await {
        let b = app.backend;
        server::commands::seed_demo::seed(&app.state.db)
            .await
            .unwrap();
        let learner = common::sign_in(&app, "leerling@demodorp.example").await;
        let (_, page) =
            common::split(app.request(common::get("/mijn/gegevens", &learner)).await).await;
        assert!(
            page.contains("Minder e-mail: alleen op de uiterste datum"),
            "[{b}] the choice on Mijn gegevens"
        );
        let res = app
            .request(common::form_post(
                "/api/set_mail_choice",
                common::form(&[("fewer", "true")]),
                Some(&learner),
                "http://localhost/mijn/gegevens",
            ))
            .await;
        assert!(
            res.status().is_redirection() || res.status().is_success(),
            "[{b}] {}",
            res.status()
        );
        let stored = users::Entity::find()
            .filter(users::Column::Email.eq("leerling@demodorp.example"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.mail_choice, "minder", "[{b}]");

        // The admin page says when the next round runs. A job's lease is
        // held by one node at a time, and not taken again before the next
        // run is due.
        let (job, minute) = (
            app::reminders::queries::JOB,
            std::time::Duration::from_secs(60),
        );
        let now = std::time::Duration::ZERO;
        let writer = &app.state.writer;
        assert!(app::ssr::jobs::take_lease(writer, job, "test", now, minute)
            .await
            .unwrap());
        assert!(
            !app::ssr::jobs::take_lease(writer, job, "other", now, minute)
                .await
                .unwrap()
        );
        app::ssr::jobs::finish_run(
            writer,
            job,
            "test",
            std::time::Duration::from_secs(3600),
            "0 sent",
        )
        .await
        .unwrap();
        let admin = common::sign_in(&app, "beheerder@demodorp.example").await;
        let (_, page) = common::split(app.request(common::get("/beheer", &admin)).await).await;
        assert!(
            page.contains("Volgende ronde:"),
            "[{b}] next run on the admin page"
        );
        assert!(
            page.contains("Vorige ronde:") && page.contains("0 sent"),
            "[{b}] last run on the admin page"
        );
        assert!(
            !app::ssr::jobs::take_lease(writer, job, "other", now, minute)
                .await
                .unwrap(),
            "[{b}] not due yet"
        );
        app.cleanup().await;
    }
    drop(smtp);
}
