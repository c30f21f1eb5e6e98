//! `server seed-demo`: a small municipality with one demo account per role,
//! so a new user can sign in and look around at once. Safe to run again:
//! what exists is left alone.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::Context;
use app::departments::queries as departments;
use app::ssr::accounts::{self, NewUser, Role};
use sea_orm::DatabaseConnection;

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

pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let l = operator_locale();
    let db = crate::db::connect(&settings.database_url, 2)
        .await
        .with_context(|| say(l, Say::CannotOpenDatabase))?;
    crate::db::migrate(&db).await?;
    seed(&db).await?;
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
