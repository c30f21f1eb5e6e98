//! The demo municipality's employees and what they did (issue 18, item 6):
//! a few hundred people in the department tree who worked through the
//! starter course as real people do. Some have not begun, some are partway,
//! some failed the exam, most passed (some at the second attempt); some
//! rated modules and wrote a comment; two directorates have the course as
//! mandatory training, one of them overdue. Their activity is spread over
//! the past two years, so reports, expiring records, the question analysis
//! and the feedback over time all show something on first start.
//!
//! Everything a person does goes through the same queries the learning
//! pages call (answering, reading, exam attempts, feedback), so every
//! derived table (progress, records, report summaries, the question
//! analysis's sums) is what real use would have made. Only the dates are
//! moved afterwards, per person, into the past; the derived summaries are
//! then rebuilt from them.
//!
//! Deterministic: the same number of people gives the same people, the same
//! outcomes and dates (counted back from now). Which questions an exam
//! attempt draws is the platform's own random choice, as for everyone.

use super::answers::{correct_fields, tokenized, wrong_fields_nth};
use app::learning::queries::{self as learning, Learner, Shown};
use app::ssr::entities::{departments, users};
use app::ssr::sql::sql;
use app::ssr::AppState;
use domain::model::{Course, Module, Question};
use domain::option_tokens::Namer;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait};
use std::collections::{BTreeMap, HashMap};

/// How many people `server seed-demo` adds unless told otherwise.
pub const DEFAULT_PEOPLE: usize = 300;

/// The course the demo people follow.
pub const COURSE: &str = "participatie-in-de-praktijk";

/// The seed of every choice made here.
const SEED: u64 = 0x5EED_DE30;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: [&str; 24] = [
    "Sanne", "Daan", "Fatima", "Lars", "Emma", "Mohamed", "Lotte", "Bram", "Noor", "Sem", "Julia",
    "Youssef", "Anouk", "Thijs", "Sara", "Ruben", "Mila", "Kevin", "Esther", "Jeroen", "Priya",
    "Wouter", "Ilse", "Hamza",
];
const LAST: [&str; 24] = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kok",
    "Jacobs",
    "van Dijk",
];

/// Where the demo people work (department codes of `super::DEMO_DEPARTMENTS`),
/// with how many of every 20 work there.
const WORKPLACES: [(&str, usize); 8] = [
    ("T-OP", 3),
    ("T-GB", 3),
    ("AF-MOB", 3),
    ("AF-COM", 2),
    ("AF-WEL", 4),
    ("AF-HR", 1),
    ("AF-IV", 2),
    ("DIR-BV", 2),
];

/// How far a demo person got with the course.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    NotStarted,
    /// Finished this many lessons (fewer than all).
    Partway(usize),
    /// Every lesson, then the exam: one entry per attempt, the chance of
    /// getting a question right in it.
    Exam(Vec<f64>),
}

/// One demo person: who, where, how far, how well, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub email: String,
    pub department: &'static str,
    pub progress: Progress,
    /// The chance of a lesson question right at the first try.
    pub skill: f64,
    /// How long ago they did it all.
    pub days_ago: i64,
    /// Whether they rate the modules they finished.
    pub rates: bool,
    /// Left the organisation since (inactive account).
    pub left: bool,
}

/// The people, from the seed alone: `n` of them for a course of `lessons`
/// lessons.
pub fn plan(n: usize, lessons: usize) -> Vec<Person> {
    let mut rng = Rng::new(SEED);
    let places: Vec<&'static str> = WORKPLACES
        .iter()
        .flat_map(|&(code, weight)| std::iter::repeat_n(code, weight))
        .collect();
    (0..n)
        .map(|i| {
            let first = *rng.pick(&FIRST);
            let last = *rng.pick(&LAST);
            let mailbox: String = format!("{first}.{last}")
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            let skill = 0.55 + rng.below(41) as f64 / 100.0;
            let roll = rng.below(100);
            let progress = if roll < 22 {
                Progress::NotStarted
            } else if roll < 45 && lessons > 1 {
                Progress::Partway(1 + rng.below(lessons - 1))
            } else if roll < 52 {
                // Tried and failed (once or twice), not yet again.
                Progress::Exam(vec![0.35; 1 + rng.below(2)])
            } else if roll < 67 {
                // Failed once, passed the second time.
                Progress::Exam(vec![0.4, 0.95])
            } else {
                Progress::Exam(vec![0.93])
            };
            // Most in the past year; one in twenty nearly two years ago, so
            // their record (valid 24 months) is about to expire or has.
            let days_ago = if rng.chance(0.05) {
                680 + rng.below(80) as i64
            } else {
                rng.below(330) as i64
            };
            Person {
                name: format!("{first} {last}"),
                email: format!("{mailbox}.{i:04}@demodorp.example"),
                department: places[rng.below(places.len())],
                progress,
                skill,
                days_ago,
                rates: rng.chance(0.6),
                left: rng.chance(0.03),
            }
        })
        .collect()
}

/// Comments per rating (1 to 5), as learners write them.
const COMMENTS: [&[&str]; 5] = [
    &[
        "Veel te lang en te theoretisch.",
        "Ik mis voorbeelden uit een gemeente als de onze.",
    ],
    &[
        "De vragen waren onduidelijk geformuleerd.",
        "Te veel tekst, te weinig oefening.",
        "Het verschil tussen meedenken en meebeslissen kwam niet goed over.",
    ],
    &[
        "Redelijk, maar de toets vroeg dingen die niet in de les stonden.",
        "Nuttig, al kende ik veel al.",
        "Prima, wel wat droog.",
    ],
    &[
        "Duidelijke voorbeelden, direct bruikbaar in mijn project.",
        "Goed uitgelegd. De participatieladder helpt bij het gesprek met de wethouder.",
        "Fijn dat het kort is.",
        "Handig overzicht, ik gebruik het bij de start van ons omgevingsplan.",
    ],
    &[
        "Heel praktisch, precies wat ik nodig had.",
        "Eindelijk snap ik wat de Omgevingswet van ons vraagt.",
        "Aanrader voor elke projectleider.",
    ],
];

/// A rating for a module: mostly 4, around it by the person's skill.
fn rating(rng: &mut Rng, skill: f64) -> u8 {
    let base = if skill > 0.68 { 4 } else { 3 };
    match rng.below(10) {
        0 => base - 2,
        1 | 2 => base - 1,
        3..=7 => base,
        _ => (base + 1).min(5),
    }
}

/// What `populate` made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Made {
    pub people: usize,
    pub answers: usize,
    pub attempts: usize,
    pub records: usize,
    pub feedback: usize,
    pub scans: usize,
}

/// Add the planned people and their history to a database that has the
/// demo departments and accounts (see `super::seed`).
pub async fn populate(state: &AppState, n: usize) -> anyhow::Result<Made> {
    let index = state.content.current();
    let course = index
        .catalog
        .course(COURSE)
        .ok_or_else(|| anyhow::anyhow!("the demo content has no course `{COURSE}`"))?;
    let lessons: Vec<&Module> = course.modules.iter().filter(|m| !m.is_exam()).collect();
    let exam = course.modules.iter().find(|m| m.is_exam());
    let people = plan(n, lessons.len());
    let db = &state.writer;
    let codes: HashMap<String, i32> = departments::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| d.code.map(|c| (c, d.id)))
        .collect();

    // The mandatory training: Directie Ruimte (overdue, see below) and
    // Afdeling Communicatie (due in two months).
    let admin = app::ssr::accounts::find_by_email(db, "beheerder@demodorp.example")
        .await?
        .map(|u| u.id)
        .ok_or_else(|| anyhow::anyhow!("the demo accounts are missing"))?;
    let today = app::ssr::report_summary::today();
    for (code, days) in [("DIR-RUI", 14), ("AF-COM", 60)] {
        if let Some(&id) = codes.get(code) {
            app::assignments::queries::create(
                db,
                admin,
                COURSE,
                app::assignments::queries::Target::Department {
                    id,
                    include_subdepartments: true,
                },
                today + chrono::Duration::days(days),
            )
            .await
            .map_err(|e| anyhow::anyhow!("assignment for {code}: {e:?}"))?;
        }
    }

    let now = chrono::Utc::now();
    let mut made = Made::default();
    let mut rng = Rng::new(SEED ^ 0xA11CE);
    // A generator of its own, so the scans leave the other figures as
    // they were.
    let mut scan_rng = Rng::new(SEED ^ 0x5CA4);
    for (i, p) in people.iter().enumerate() {
        let created = now - chrono::Duration::days(p.days_ago + 30);
        let department_id = codes.get(p.department).copied();
        let user = users::ActiveModel {
            email: sea_orm::ActiveValue::Set(p.email.clone()),
            display_name: sea_orm::ActiveValue::Set(p.name.clone()),
            password_hash: sea_orm::ActiveValue::Set(None),
            department_id: sea_orm::ActiveValue::Set(department_id),
            employee_number: sea_orm::ActiveValue::Set(Some(format!("D{:05}", i + 1))),
            locale: sea_orm::ActiveValue::Set("nl".into()),
            active: sea_orm::ActiveValue::Set(true),
            created_at: sea_orm::ActiveValue::Set(created),
            updated_at: sea_orm::ActiveValue::Set(created),
            ..Default::default()
        };
        let id = users::Entity::insert(user).exec(db).await?.last_insert_id;
        app::ssr::entities::user_roles::Entity::insert(
            app::ssr::entities::user_roles::ActiveModel {
                user_id: sea_orm::ActiveValue::Set(id),
                role: sea_orm::ActiveValue::Set(app::auth::Role::Learner.as_str().to_string()),
            },
        )
        .exec_without_returning(db)
        .await?;
        made.people += 1;
        let learner = Learner { id, department_id };
        let finished = match &p.progress {
            Progress::NotStarted => 0,
            Progress::Partway(k) => *k,
            Progress::Exam(_) => lessons.len(),
        };
        let names = Namer::lesson(&state.option_key, id);
        for m in lessons.iter().take(finished) {
            made.answers += lesson(state, course, m, learner, p.skill, &names, &mut rng).await?;
            if p.rates && rng.chance(0.7) {
                give_feedback(state, id, course, Some(m), p.skill, &mut rng).await?;
                made.feedback += 1;
            }
        }
        // Partway: the first question of the next lesson answered too.
        let next = lessons
            .get(finished)
            .filter(|_| matches!(p.progress, Progress::Partway(_)));
        if let Some((next, q)) = next.and_then(|m| Some((*m, m.questions.first()?))) {
            made.answers += answer(state, course, next, learner, q, true, 0, &names).await?;
        }
        if let (Progress::Exam(attempts), Some(exam)) = (&p.progress, exam) {
            let mut passed = false;
            for &skill in attempts {
                let (answers, record) =
                    attempt(state, course, exam, learner, skill, &mut rng).await?;
                made.attempts += 1;
                made.answers += answers;
                if record {
                    made.records += 1;
                    passed = true;
                    break;
                }
            }
            if passed && p.rates && rng.chance(0.6) {
                give_feedback(state, id, course, None, p.skill, &mut rng).await?;
                made.feedback += 1;
            }
        }
        if let Some(scan) = &course.scan {
            if scan_rng.chance(0.6) {
                take_scan(state, id, course, scan, &p.progress, &mut scan_rng).await?;
                made.scans += 1;
            }
        }
        shift_into_past(db, id, p.days_ago).await?;
        if p.left {
            db.execute_raw(sql(
                db.get_database_backend(),
                "UPDATE users SET active = FALSE WHERE id = $1",
                vec![id.into()],
            ))
            .await?;
        }
    }

    // Directie Ruimte's deadline has passed: who has not finished is late.
    db.execute_raw(sql(
        db.get_database_backend(),
        "UPDATE assignments SET due_on = $1 WHERE department_id = $2",
        vec![
            (today - chrono::Duration::days(21)).into(),
            codes.get("DIR-RUI").copied().into(),
        ],
    ))
    .await?;
    // The summaries, from the moved dates.
    app::ssr::report_summary::rebuild(db).await?;
    app::item_stats::upkeep::rebuild(db).await?;
    Ok(made)
}

/// The fields of an answer to `q`, right or the `n`th wrong one, named as
/// the page names them.
fn fields_for(q: &Question, right: bool, n: usize, names: &Namer) -> BTreeMap<String, String> {
    let fields = if right {
        correct_fields(q)
    } else {
        wrong_fields_nth(q, n)
    };
    // The server functions receive the `f[…]` fields as one map keyed by
    // what is inside the brackets.
    tokenized(q, fields, names)
        .into_iter()
        .map(|(name, value)| {
            let key = name
                .strip_prefix("f[")
                .and_then(|n| n.strip_suffix(']'))
                .map_or(name.clone(), str::to_string);
            (key, value)
        })
        .collect()
}

/// How hard a question is for everyone (0.6 to 1, from its id), so the
/// question analysis shows easy and hard questions.
fn ease(q: &Question) -> f64 {
    let h = q.id.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    0.6 + (h % 41) as f64 / 100.0
}

/// Work through a lesson: every question, wrong at first now and then and
/// then right (as learners retry), or "mark as read" without questions.
/// Returns how many answers were given.
async fn lesson(
    state: &AppState,
    course: &Course,
    m: &Module,
    learner: Learner,
    skill: f64,
    names: &Namer<'_>,
    rng: &mut Rng,
) -> anyhow::Result<usize> {
    let db = &state.writer;
    if m.questions.is_empty() {
        learning::mark_read(db, course, m, learner)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        return Ok(0);
    }
    let mut given = 0;
    for q in &m.questions {
        let right_first = rng.chance(skill * ease(q));
        let tries: &[bool] = if right_first { &[true] } else { &[false, true] };
        for &right in tries {
            let wrong = rng.below(3);
            given += answer(state, course, m, learner, q, right, wrong, names).await?;
        }
    }
    Ok(given)
}

/// Answer lesson question `q` right, or with its `wrong`th wrong answer,
/// through the learning query the answer form calls; 1 when stored.
#[allow(clippy::too_many_arguments)]
async fn answer(
    state: &AppState,
    course: &Course,
    m: &Module,
    learner: Learner,
    q: &Question,
    right: bool,
    wrong: usize,
    names: &Namer<'_>,
) -> anyhow::Result<usize> {
    let fields = fields_for(q, right, wrong, names);
    let Some(response) =
        learning::response_from_fields(q, &fields, names).map_err(|e| anyhow::anyhow!("{e:?}"))?
    else {
        return Ok(0);
    };
    learning::submit_answer(&state.writer, course, m, learner, &q.id, response)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(1)
}

/// One exam attempt with a share `skill` of the questions right; returns
/// the answers given and whether it issued a record.
async fn attempt(
    state: &AppState,
    course: &Course,
    exam: &Module,
    learner: Learner,
    skill: f64,
    rng: &mut Rng,
) -> anyhow::Result<(usize, bool)> {
    let db = &state.writer;
    let started = learning::start_attempt(db, course, exam, learner)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let shown = Shown::parse(&started.shown).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let names = shown.names(&state.option_key);
    // Which questions an attempt draws is the platform's own random choice,
    // as for real learners. So that the outcome is the same every time, how
    // many are right follows from the skill alone; which ones, from the
    // questions' ease (the easiest right), so the analysis tells them apart.
    let mut drawn: Vec<&Question> = shown
        .questions
        .iter()
        .filter_map(|sq| exam.question(&sq.id))
        .collect();
    let right = ((skill * drawn.len() as f64).round() as usize).min(drawn.len());
    drawn.sort_by(|a, b| ease(b).total_cmp(&ease(a)).then_with(|| a.id.cmp(&b.id)));
    let mut fields = BTreeMap::new();
    for (i, q) in drawn.iter().enumerate() {
        fields.extend(fields_for(q, i < right, rng.below(3), &names));
    }
    let (_, record) = learning::submit_attempt(
        db,
        course,
        exam,
        learner,
        started.number,
        &fields,
        &state.option_key,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok((shown.questions.len(), record.is_some()))
}

async fn give_feedback(
    state: &AppState,
    user: i32,
    course: &Course,
    module: Option<&Module>,
    skill: f64,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let r = rating(rng, skill);
    let comment = if rng.chance(0.45) {
        *rng.pick(COMMENTS[usize::from(r - 1)])
    } else {
        ""
    };
    app::feedback::queries::save(&state.writer, user, course, module, &r.to_string(), comment)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// `user` takes the course's scan: the first question's stage follows how
/// far they got (the starter course's scan asks for the stage of their
/// project first), the others are drawn.
async fn take_scan(
    state: &AppState,
    user: i32,
    course: &Course,
    scan: &domain::model::Scan,
    progress: &Progress,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    // The stage the first question starts from (0: not started).
    let stage = match progress {
        Progress::NotStarted => 0,
        Progress::Partway(_) => 1,
        Progress::Exam(_) => 2,
    };
    let mut fields = BTreeMap::new();
    for (n, q) in scan.questions.iter().enumerate() {
        let options = q.options.len();
        if q.multiple {
            for i in 0..options {
                if rng.chance(0.35) {
                    fields.insert(domain::scan::field_multiple(&q.id, i), "on".to_string());
                }
            }
            continue;
        }
        let choice = if n == 0 {
            (stage + rng.below(2)).min(options - 1)
        } else {
            rng.below(options)
        };
        fields.insert(domain::scan::field_single(&q.id), choice.to_string());
    }
    app::scan::queries::save(&state.writer, user, course, scan, &fields)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// Move every date of `user`'s learning `days` into the past (the summaries
/// are rebuilt from them afterwards).
async fn shift_into_past(db: &impl ConnectionTrait, user: i32, days: i64) -> anyhow::Result<()> {
    if days == 0 {
        return Ok(());
    }
    let backend = db.get_database_backend();
    // (table, instants, dates)
    const DATED: [(&str, &[&str], &[&str]); 7] = [
        ("enrollments", &["started_at", "completed_at"], &[]),
        (
            "module_progress",
            &["marked_read_at", "completed_at", "updated_at"],
            &[],
        ),
        ("question_answers", &["answered_at"], &[]),
        ("exam_attempts", &["started_at", "submitted_at"], &[]),
        ("completion_records", &["completed_at"], &["expires_at"]),
        ("feedback", &["updated_at"], &[]),
        ("scan_result", &["taken_at"], &[]),
    ];
    for (table, instants, dates) in DATED {
        let sets: Vec<String> = instants
            .iter()
            .map(|c| format!("{c} = {}", earlier_instant(backend, c, days)))
            .chain(
                dates
                    .iter()
                    .map(|c| format!("{c} = {}", earlier_date(backend, c, days))),
            )
            .collect();
        db.execute_raw(sql(
            backend,
            &format!("UPDATE {table} SET {} WHERE user_id = $1", sets.join(", ")),
            vec![user.into()],
        ))
        .await?;
    }
    Ok(())
}

/// `column` `days` earlier, as an instant stored the way the database
/// driver stores them (SQLite: RFC 3339 text).
fn earlier_instant(backend: DbBackend, column: &str, days: i64) -> String {
    match backend {
        DbBackend::Postgres => format!("{column} - INTERVAL '{days} days'"),
        _ => format!("strftime('%Y-%m-%dT%H:%M:%f+00:00', {column}, '-{days} days')"),
    }
}

fn earlier_date(backend: DbBackend, column: &str, days: i64) -> String {
    match backend {
        DbBackend::Postgres => format!("{column} - {days}"),
        _ => format!("date({column}, '-{days} days')"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_is_the_same_every_time_and_varied() {
        let a = plan(300, 7);
        assert_eq!(a, plan(300, 7), "deterministic");
        assert_eq!(a.len(), 300);
        let emails: std::collections::HashSet<_> = a.iter().map(|p| &p.email).collect();
        assert_eq!(emails.len(), 300, "every address once");
        let count = |f: &dyn Fn(&Person) -> bool| a.iter().filter(|p| f(p)).count();
        let not_started = count(&|p| p.progress == Progress::NotStarted);
        let partway = count(&|p| matches!(p.progress, Progress::Partway(_)));
        let exam = count(&|p| matches!(p.progress, Progress::Exam(_)));
        let second_try =
            count(&|p| matches!(&p.progress, Progress::Exam(v) if v.len() == 2 && v[1] > 0.9));
        for (what, n) in [
            ("not started", not_started),
            ("partway", partway),
            ("exam", exam),
            ("second try", second_try),
        ] {
            assert!(n >= 20, "{what}: {n}");
        }
        assert!(
            count(&|p| p.days_ago >= 680) >= 5,
            "some records about to expire"
        );
        assert!(count(&|p| p.days_ago < 31) >= 10, "some recent");
        assert!(a
            .iter()
            .all(|p| WORKPLACES.iter().any(|(c, _)| *c == p.department)));
        assert!(a
            .iter()
            .all(|p| p.email.is_ascii() && !p.email.contains(' ')));
    }

    #[test]
    fn the_generator_is_uniform_enough() {
        let mut rng = Rng::new(1);
        let mut counts = [0usize; 4];
        for _ in 0..4000 {
            counts[rng.below(4)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (900..1100).contains(&c)),
            "{counts:?}"
        );
        let yes = (0..1000).filter(|_| rng.chance(0.3)).count();
        assert!((250..350).contains(&yes), "{yes}");
    }
}
