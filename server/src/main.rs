//! `server`: the Leerplatform Participatie binary. `server --help` lists the
//! commands and every setting with its environment variable.

use clap::{Parser, Subcommand};
use server::commands::words::{operator_locale, say, Say};
use server::commands::{self, check, users::CreateUser};
use server::config::Settings;
use std::path::PathBuf;
use std::process::ExitCode;

// Many small allocations per request (rendering, rows, JSON): mimalloc
// spends far less time on them than glibc's malloc under two busy threads
// (docs/operations.md, "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Leerplatform Participatie: the learning platform for citizen participation"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    settings: Settings,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web application (the default).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Check course content and report every problem; exits 1 on any error.
    Check {
        /// Content folder (the one holding courses/); default: the CONTENT_DIR setting.
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "auto")]
        format: check::Format,
    },
    /// Create a local account.
    CreateUser(CreateUser),
    /// Create a demo municipality: one account per role and a few hundred
    /// employees with a learning history (never on production data; refused
    /// on a database with people of its own).
    SeedDemo(commands::seed_demo::SeedDemo),
    /// Import employees from an HR export (CSV): print the preview; with
    /// --apply, apply it all or nothing. Exits 1 when the file has problems.
    ImportEmployees(commands::import::ImportEmployees),
    /// Rebuild the report summaries from enrollments, completion records and
    /// assignments (derived data; nothing is lost). See docs/operations.md.
    RebuildReports,
    /// Anonymise the accounts inactive longer than RETENTION_INACTIVE_MONTHS
    /// (also done daily by `serve`); --dry-run lists them and changes nothing.
    ApplyRetention(commands::retention::ApplyRetention),
    /// Send the e-mail reminders due today now (also done by `serve`);
    /// --dry-run lists them and sends nothing.
    SendReminders(commands::reminders::SendReminders),
    /// Write a consistent copy of the whole database to FILE while the
    /// platform keeps serving (SQLite: VACUUM INTO; PostgreSQL: pg_dump).
    Backup(commands::backup::Backup),
    /// Put a copy made by `backup` into the database DATABASE_URL names,
    /// which must be new and empty; then bring its schema up to date.
    Restore(commands::backup::Restore),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(cli.settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            let l = operator_locale();
            let prefix = say(l, Say::ErrorPrefix);
            let reason = say(l, Say::CannotStartRuntime);
            eprintln!("{prefix}{reason}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let settings = cli.settings;
    let result: anyhow::Result<i32> = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => commands::serve::run(&settings).await.map(|_| 0),
            Command::Migrate => {
                let db = server::db::connect(&settings.database_url, 2).await?;
                server::db::migrate(&db).await?;
                let l = operator_locale();
                println!("{}", say(l, Say::SchemaUpToDate));
                Ok(0)
            }
            Command::Check { dir, format } => {
                check::run(&dir.unwrap_or(settings.content_dir.clone()), format)
            }
            Command::CreateUser(args) => commands::users::run(&settings, &args).await.map(|_| 0),
            Command::SeedDemo(args) => commands::seed_demo::run(&settings, &args).await.map(|_| 0),
            Command::ImportEmployees(args) => commands::import::run(&settings, &args).await,
            Command::ApplyRetention(args) => commands::retention::run(&settings, &args).await,
            Command::SendReminders(args) => commands::reminders::run(&settings, &args).await,
            Command::Backup(args) => commands::backup::backup(&settings, &args).await,
            Command::Restore(args) => commands::backup::restore(&settings, &args).await,
            Command::RebuildReports => {
                let state = commands::build_state(&settings).await?;
                app::ssr::report_summary::rebuild(&state.writer).await?;
                let l = operator_locale();
                println!("{}", say(l, Say::ReportsRebuilt));
                Ok(0)
            }
        }
    });
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            let l = operator_locale();
            let prefix = say(l, Say::ErrorPrefix);
            eprintln!("{prefix}{err:#}");
            ExitCode::FAILURE
        }
    }
}
