//! `server seed-demo`: a municipality with one demo account per role, so a
//! new user can sign in and look around at once, and a few hundred
//! employees who worked through the starter course ([`population`]), so
//! every report, chart and trainer page shows something. Safe to run again:
//! what exists is left alone. Refused on a database with people of its own
//! (it is for trying the platform out, never for production data).

pub mod answers;
pub mod population;

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::Context;
use app::departments::queries as departments;
use app::ssr::accounts::{self, NewUser, Role};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// Password of every demo account. Demo data is for trying the platform out;
/// never run `seed-demo` on a production database.
pub const DEMO_PASSWORD: &str = "demo-wachtwoord";

/// (e-mail, name, department code, roles)
pub const DEMO_USERS: &[(&str, &str, &str, &[Role])] = &[
    (
        "leerling@demodorp.example",
        "Lotte de Leerling",
        "T-OP",
        &[Role::Learner],
    ),
    (
        "trainer@demodorp.example",
        "Tim Trainer",
        "AF-COM",
        &[Role::Learner, Role::Trainer],
    ),
    (
        "hr@demodorp.example",
        "Hanneke van HR",
        "AF-HR",
        &[Role::Learner, Role::Hr],
    ),
    (
        "manager@demodorp.example",
        "Mehmet Manager",
        "AF-RO",
        &[Role::Learner, Role::Manager],
    ),
    (
        "beheerder@demodorp.example",
        "Bea Beheerder",
        "AF-IV",
        &[Role::Admin],
    ),
];

/// (code, name, parent code)
const DEMO_DEPARTMENTS: &[(&str, &str, Option<&str>)] = &[
    ("GEM", "Gemeente Demodorp", None),
    ("DIR-RUI", "Directie Ruimte", Some("GEM")),
    (
        "AF-RO",
        "Afdeling Ruimtelijke Ontwikkeling",
        Some("DIR-RUI"),
    ),
    ("T-OP", "Team Omgevingsplan", Some("AF-RO")),
    ("T-GB", "Team Gebiedsontwikkeling", Some("AF-RO")),
    ("AF-MOB", "Afdeling Mobiliteit", Some("DIR-RUI")),
    ("DIR-SAM", "Directie Samenleving", Some("GEM")),
    ("AF-COM", "Afdeling Communicatie", Some("DIR-SAM")),
    ("AF-WEL", "Afdeling Welzijn en Zorg", Some("DIR-SAM")),
    ("DIR-BV", "Directie Bedrijfsvoering", Some("GEM")),
    ("AF-HR", "Afdeling HR", Some("DIR-BV")),
    ("AF-IV", "Afdeling Informatievoorziening", Some("DIR-BV")),
];

/// `server seed-demo [--people N]`.
#[derive(Debug, clap::Args)]
pub struct SeedDemo {
    /// How many demo employees with a learning history to add (0: only the
    /// departments and the demo accounts). Only the first run adds them.
    #[arg(long, default_value_t = population::DEFAULT_PEOPLE)]
    pub people: usize,
}

/// The setting that marks a database as made by `seed-demo`: `accounts`
/// once the demo accounts are there, `people` once the employees are too.
const MARKER: &str = "demo_data";

pub async fn run(settings: &Settings, args: &SeedDemo) -> anyhow::Result<()> {
    let l = operator_locale();
    let state = super::build_state(settings).await?;
    let db = &state.writer;
    let marker = app::ssr::entities::platform_settings::Entity::find_by_id(MARKER)
        .one(db)
        .await?
        .map(|m| m.value);
    if marker.is_none() {
        // Only an empty database, or one of demo accounts alone (made by an
        // earlier seed-demo), becomes a demo.
        let others = app::ssr::entities::users::Entity::find()
            .filter(app::ssr::entities::users::Column::Email.not_like("%@demodorp.example"))
            .count(db)
            .await?;
        if others > 0 {
            anyhow::bail!(say(l, Say::DemoRefused { people: others }));
        }
        mark(db, "accounts").await?;
    }
    seed(db).await?;
    if args.people > 0 && marker.as_deref() != Some("people") {
        let started = std::time::Instant::now();
        let made = population::populate(&state, args.people).await?;
        mark(db, "people").await?;
        println!(
            "{}",
            say(
                l,
                Say::DemoPopulated {
                    people: made.people,
                    answers: made.answers,
                    records: made.records,
                    feedback: made.feedback,
                    scans: made.scans,
                    seconds: started.elapsed().as_secs_f64(),
                }
            )
        );
    }
    let ready = Say::DemoReady {
        password: DEMO_PASSWORD,
    };
    println!("{}", say(l, ready));
    for (email, name, _, roles) in DEMO_USERS {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let roles = app::import::words::roles(l, &roles);
        println!("  {email:<28} {name:<22} {roles}");
    }
    Ok(())
}

async fn mark(db: &DatabaseConnection, value: &str) -> anyhow::Result<()> {
    use app::ssr::entities::platform_settings;
    use sea_orm::sea_query::OnConflict;
    platform_settings::Entity::insert(platform_settings::ActiveModel {
        name: sea_orm::ActiveValue::Set(MARKER.into()),
        value: sea_orm::ActiveValue::Set(value.into()),
        updated_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(platform_settings::Column::Name)
            .update_columns([
                platform_settings::Column::Value,
                platform_settings::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn seed(db: &DatabaseConnection) -> anyhow::Result<()> {
    let mut ids = std::collections::HashMap::new();
    for (code, name, parent) in DEMO_DEPARTMENTS {
        let parent_id = parent.and_then(|p| ids.get(p).copied());
        let dept = departments::ensure(db, code, name, parent_id).await?;
        ids.insert(*code, dept.id);
    }
    for (email, name, dept, roles) in DEMO_USERS {
        if accounts::find_by_email(db, email).await?.is_some() {
            continue;
        }
        accounts::create_demo_user(
            db,
            NewUser {
                email,
                display_name: name,
                password: DEMO_PASSWORD,
                department_id: ids.get(dept).copied(),
                roles,
            },
        )
        .await
        .with_context(|| say(operator_locale(), Say::CannotCreateDemoUser { email }))?;
    }
    Ok(())
}
