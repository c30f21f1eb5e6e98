//! `server create-user`: add a local account from the command line.

use super::words::{operator_locale, say, Say};
use crate::config::Settings;
use anyhow::{bail, Context};
use app::ssr::accounts::{self, NewUser, Role};
use app::ssr::entities::departments;
use rand_core::{OsRng, RngCore};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::io::BufRead;

#[derive(Debug, clap::Args)]
pub struct CreateUser {
    /// E-mail address; also the sign-in name.
    #[arg(long)]
    pub email: String,
    /// Full name as shown on pages and completion records.
    #[arg(long)]
    pub name: String,
    /// Role (repeatable): learner, trainer, hr, manager, admin. Default: learner.
    #[arg(long = "role", value_parser = parse_role)]
    pub roles: Vec<Role>,
    /// Department code (see `seed-demo` or the HR import).
    #[arg(long)]
    pub department: Option<String>,
    /// Read the password from the first line of standard input. Without it,
    /// a strong password is generated and printed once.
    #[arg(long)]
    pub password_stdin: bool,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

pub async fn run(settings: &Settings, args: &CreateUser) -> anyhow::Result<()> {
    let l = operator_locale();
    let db = crate::db::connect(&settings.database_url, 2)
        .await
        .with_context(|| say(l, Say::CannotOpenDatabase))?;
    crate::db::migrate(&db).await?;
    let department_id = match &args.department {
        None => None,
        Some(code) => match departments::Entity::find()
            .filter(departments::Column::Code.eq(code.as_str()))
            .one(&db)
            .await?
        {
            Some(d) => Some(d.id),
            None => bail!(say(l, Say::NoSuchDepartment { code })),
        },
    };
    let (password, generated) = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .with_context(|| say(l, Say::CannotReadPassword))?;
        (line.trim_end_matches(['\r', '\n']).to_string(), false)
    } else {
        (generate_password(), true)
    };
    let user = accounts::create_user(
        &db,
        NewUser {
            email: &args.email,
            display_name: &args.name,
            password: &password,
            department_id,
            roles: &args.roles,
        },
    )
    .await?;
    let roles = accounts::roles_of(&db, user.id).await?;
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let created = Say::AccountCreated {
        name: &user.display_name,
        email: &user.email,
        roles: &app::import::words::roles(l, &roles),
    };
    println!("{}", say(l, created));
    if generated {
        println!(
            "{}",
            say(
                l,
                Say::PasswordShownOnce {
                    password: &password
                }
            )
        );
    }
    Ok(())
}

/// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}
