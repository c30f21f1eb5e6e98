//! What the operator commands (`serve`, `migrate`, `seed-demo`,
//! `create-user`, `import-employees`, `apply-retention`, `rebuild-reports`)
//! print, and the errors they stop with, in the operator's language: the
//! one their system's other programs use (`LC_ALL`, `LC_MESSAGES`, `LANG`;
//! [`app::language::from_posix_locale`]), Dutch unless that names English,
//! the same rule as `server check` and the import's report.
//!
//! These words are here, as plain matches, and not in `app/locales/`: every
//! key there is compiled into the browser bundle as well, and no browser
//! ever shows these. The server's log (tracing) stays English: it is read
//! by operators' tools and searched for fixed phrases. clap's `--help` is
//! English too (it is the commands' reference, like docs/operations.md).

use app::i18n::Locale;
use std::fmt::Display;

/// The operator's language, read once per call (commands call it once).
pub fn operator_locale() -> Locale {
    app::language::from_posix_locale(|name| std::env::var(name).ok())
}

/// One thing a command says. Data that comes from elsewhere (addresses,
/// codes, names, paths, counts) is shown as it is.
#[derive(Clone, Copy)]
pub enum Say<'a> {
    /// `error: ` before the reason the command stopped.
    ErrorPrefix,
    Listening {
        address: &'a dyn Display,
    },
    CannotListen {
        address: &'a dyn Display,
    },
    CannotStartRuntime,
    SchemaUpToDate,
    ReportsRebuilt,
    CannotOpenDatabase,
    CannotOpenDatabaseAt {
        url: &'a str,
    },
    CannotOpenWriteConnection,
    CannotMigrate,
    CannotBuildReportSummary,
    CannotReadOptionKey,
    CannotSyncCourses,
    TrustedProxies {
        problem: &'a dyn Display,
    },
    DemoReady {
        password: &'a str,
    },
    DemoRefused {
        people: u64,
    },
    DemoPopulated {
        people: usize,
        answers: usize,
        records: usize,
        feedback: usize,
        scans: usize,
        seconds: f64,
    },
    CannotCreateDemoUser {
        email: &'a str,
    },
    NoSuchDepartment {
        code: &'a str,
    },
    CannotReadPassword,
    AccountCreated {
        name: &'a str,
        email: &'a str,
        roles: &'a str,
    },
    PasswordShownOnce {
        password: &'a str,
    },
    CannotReadFile {
        path: &'a dyn Display,
    },
    FileTooLarge {
        path: &'a dyn Display,
        megabytes: usize,
    },
    CannotPlanImport {
        reason: &'a str,
    },
    ImportNotApplied {
        reason: &'a str,
    },
    RetentionOff,
    RetentionCandidates {
        before: &'a str,
        months: u32,
        count: usize,
    },
    RetentionCandidate {
        id: i32,
        last_active: &'a str,
    },
    DryRun,
    Anonymised {
        anonymised: usize,
        already_done: usize,
    },
    Forgotten {
        sessions: u64,
        sign_in_failures: u64,
        pending_imports: u64,
    },
    RemindersOff,
    RemindersDue {
        count: usize,
    },
    ReminderLine {
        id: i32,
        key: &'a str,
    },
    RemindersSent {
        sent: usize,
        skipped: usize,
        failed: usize,
    },
    BackupExists {
        file: &'a dyn Display,
    },
    BackupFailed {
        file: &'a dyn Display,
    },
    BackupWritten {
        file: &'a dyn Display,
        counts: super::backup::Counts,
    },
    PostgresToolMissing {
        tool: &'static str,
    },
    NotABackup {
        file: &'a dyn Display,
    },
    BackupDamaged {
        file: &'a dyn Display,
        detail: &'a str,
    },
    WrongKindOfBackup {
        file: &'a dyn Display,
        want: &'static str,
    },
    RestoreTargetInUse {
        target: &'a dyn Display,
    },
    RestoreFailed {
        file: &'a dyn Display,
    },
    Restored {
        counts: super::backup::Counts,
    },
}

/// The sentence for `say` in `locale`.
pub fn say(locale: Locale, say: Say<'_>) -> String {
    match locale {
        Locale::nl => dutch(say),
        Locale::en => english(say),
    }
}

fn dutch(say: Say<'_>) -> String {
    match say {
        Say::ErrorPrefix => "fout: ".into(),
        Say::Listening { address } => format!("Leerplatform Participatie draait op http://{address}"),
        Say::CannotListen { address } => format!(
            "kan niet luisteren op {address}; draait daar al een andere server? Kies een ander adres met LEPTOS_SITE_ADDR"
        ),
        Say::CannotStartRuntime => "kan de async-runtime niet starten".into(),
        Say::SchemaUpToDate => "het databaseschema is bijgewerkt".into(),
        Say::ReportsRebuilt => "de rapportagecijfers zijn opnieuw berekend".into(),
        Say::CannotOpenDatabase => "kan de database niet openen".into(),
        Say::CannotOpenDatabaseAt { url } => format!("kan de database op {url} niet openen"),
        Say::CannotOpenWriteConnection => {
            "kan de schrijfverbinding met de database niet openen".into()
        }
        Say::CannotMigrate => "kan het databaseschema niet bijwerken".into(),
        Say::CannotBuildReportSummary => "kan de rapportagecijfers niet opbouwen".into(),
        Say::CannotReadOptionKey => {
            "kan de sleutel van het platform voor antwoordvolgordes niet lezen of maken".into()
        }
        Say::CannotSyncCourses => "kan de cursussen niet in de database zetten".into(),
        Say::TrustedProxies { problem } => format!("TRUSTED_PROXIES: {problem}"),
        Say::DemoReady { password } => format!(
            "De demogegevens staan klaar. Demo-accounts (wachtwoord voor allemaal: {password}):"
        ),
        Say::CannotCreateDemoUser { email } => format!("kan demo-account {email} niet aanmaken"),
        Say::DemoRefused { people } => format!(
            "deze database heeft al {people} eigen medewerker(s): seed-demo maakt alleen een demo in een lege database (of een die seed-demo zelf maakte)"
        ),
        Say::DemoPopulated { people, answers, records, feedback, scans, seconds } => format!(
            "{people} demomedewerkers toegevoegd met {answers} antwoorden, {records} bewijzen van deelname, {feedback} keer feedback en {scans} scans ({seconds:.1} s)."
        ),
        Say::NoSuchDepartment { code } => format!("er is geen afdeling met code '{code}'"),
        Say::CannotReadPassword => "kan het wachtwoord niet van standaardinvoer lezen".into(),
        Say::AccountCreated { name, email, roles } => {
            format!("Account aangemaakt: {name} <{email}>, rollen: {roles}")
        }
        Say::PasswordShownOnce { password } => {
            format!("Wachtwoord (wordt maar één keer getoond): {password}")
        }
        Say::CannotReadFile { path } => format!("kan {path} niet lezen"),
        Say::FileTooLarge { path, megabytes } => format!(
            "{path} is groter dan {megabytes} MB; een export van medewerkers is veel kleiner: controleer het bestand"
        ),
        Say::CannotPlanImport { reason } => format!("kan de import niet voorbereiden: {reason}"),
        Say::ImportNotApplied { reason } => format!("de import is niet uitgevoerd: {reason}"),
        Say::RetentionOff => "de bewaarregel staat uit (RETENTION_INACTIVE_MONTHS=0)".into(),
        Say::RetentionCandidates {
            before,
            months,
            count,
        } => format!("accounts die sinds vóór {before} niet actief zijn ({months} maanden): {count}"),
        Say::RetentionCandidate { id, last_active } => {
            format!("  account {id:>8}  laatst actief {last_active}")
        }
        Say::DryRun => "proefrun: er is niets veranderd".into(),
        Say::Anonymised {
            anonymised,
            already_done,
        } => format!(
            "geanonimiseerd: {anonymised}; intussen al geanonimiseerd: {already_done}"
        ),
        Say::Forgotten {
            sessions,
            sign_in_failures,
            pending_imports,
        } => format!(
            "beëindigde sessies verwijderd: {sessions}; vergeten mislukte inlogpogingen verwijderd: {sign_in_failures}; \
             niet bevestigde importbestanden verwijderd: {pending_imports}"
        ),
        Say::RemindersOff => {
            "herinneringen staan uit: er is geen mailserver ingesteld (SMTP_URL)".into()
        }
        Say::RemindersDue { count } => format!("herinneringen die vandaag uit moeten: {count}"),
        Say::ReminderLine { id, key } => format!("  account {id}: {key}"),
        Say::RemindersSent {
            sent,
            skipped,
            failed,
        } => format!("verstuurd: {sent}; al elders verstuurd: {skipped}; mislukt: {failed}"),
        Say::BackupExists { file } => format!("{file} bestaat al; een reservekopie overschrijft niets. Kies een nieuwe bestandsnaam"),
        Say::BackupFailed { file } => format!("de reservekopie {file} kon niet worden gemaakt"),
        Say::BackupWritten { file, counts } => format!(
            "reservekopie geschreven naar {file}: {} accounts, {} bewijzen van deelname, {} antwoorden, {} regels in het auditlog",
            counts.users, counts.records, counts.answers, counts.audit
        ),
        Say::PostgresToolMissing { tool } => format!(
            "{tool} is niet gevonden; installeer de PostgreSQL-clientprogramma's (Debian: postgresql-client) in dezelfde versie als de server"
        ),
        Say::NotABackup { file } => format!("{file} is geen reservekopie van het leerplatform (of is niet te lezen)"),
        Say::BackupDamaged { file, detail } => format!("de reservekopie {file} is beschadigd: {detail}"),
        Say::WrongKindOfBackup { file, want } => format!(
            "{file} is geen reservekopie voor deze database; DATABASE_URL vraagt om een {want}-reservekopie"
        ),
        Say::RestoreTargetInUse { target } => format!(
            "{target} bevat al gegevens; terugzetten gebeurt alleen in een nieuwe, lege database, nooit over bestaande gegevens heen"
        ),
        Say::RestoreFailed { file } => format!("terugzetten van {file} is mislukt; de database kan half gevuld zijn: maak hem leeg en probeer opnieuw"),
        Say::Restored { counts } => format!(
            "teruggezet: {} accounts, {} bewijzen van deelname, {} antwoorden, {} regels in het auditlog",
            counts.users, counts.records, counts.answers, counts.audit
        ),
    }
}

fn english(say: Say<'_>) -> String {
    match say {
        Say::ErrorPrefix => "error: ".into(),
        Say::Listening { address } => format!("Leerplatform Participatie is running at http://{address}"),
        Say::CannotListen { address } => format!(
            "cannot listen on {address}; is another server running there? Set LEPTOS_SITE_ADDR to use another address"
        ),
        Say::CannotStartRuntime => "cannot start the async runtime".into(),
        Say::SchemaUpToDate => "database schema is up to date".into(),
        Say::ReportsRebuilt => "report summaries rebuilt".into(),
        Say::CannotOpenDatabase => "cannot open the database".into(),
        Say::CannotOpenDatabaseAt { url } => format!("cannot open the database at {url}"),
        Say::CannotOpenWriteConnection => "cannot open the database's write connection".into(),
        Say::CannotMigrate => "cannot bring the database schema up to date".into(),
        Say::CannotBuildReportSummary => "cannot build the report summary".into(),
        Say::CannotReadOptionKey => "cannot read or make the platform's option key".into(),
        Say::CannotSyncCourses => "cannot sync the courses into the database".into(),
        Say::TrustedProxies { problem } => format!("TRUSTED_PROXIES: {problem}"),
        Say::DemoReady { password } => {
            format!("Demo data ready. Demo sign-ins (password for all: {password}):")
        }
        Say::CannotCreateDemoUser { email } => format!("cannot create demo user {email}"),
        Say::DemoRefused { people } => format!(
            "this database already holds {people} account(s) of its own: seed-demo only makes a demo in an empty database (or one seed-demo made)"
        ),
        Say::DemoPopulated { people, answers, records, feedback, scans, seconds } => format!(
            "Added {people} demo employees with {answers} answers, {records} completion records, {feedback} pieces of feedback and {scans} scans ({seconds:.1} s)."
        ),
        Say::NoSuchDepartment { code } => format!("there is no department with code '{code}'"),
        Say::CannotReadPassword => "cannot read the password from standard input".into(),
        Say::AccountCreated { name, email, roles } => {
            format!("Account created: {name} <{email}>, roles: {roles}")
        }
        Say::PasswordShownOnce { password } => format!("Password (shown once): {password}"),
        Say::CannotReadFile { path } => format!("cannot read {path}"),
        Say::FileTooLarge { path, megabytes } => format!(
            "{path} is larger than {megabytes} MB; an employee export is much smaller: check the file"
        ),
        Say::CannotPlanImport { reason } => format!("cannot plan the import: {reason}"),
        Say::ImportNotApplied { reason } => format!("the import was not applied: {reason}"),
        Say::RetentionOff => "the retention rule is off (RETENTION_INACTIVE_MONTHS=0)".into(),
        Say::RetentionCandidates {
            before,
            months,
            count,
        } => format!("accounts inactive since before {before} ({months} months): {count}"),
        Say::RetentionCandidate { id, last_active } => {
            format!("  user {id:>8}  last active {last_active}")
        }
        Say::DryRun => "dry run: nothing was changed".into(),
        Say::Anonymised {
            anonymised,
            already_done,
        } => format!("anonymised: {anonymised}; already anonymised meanwhile: {already_done}"),
        Say::Forgotten {
            sessions,
            sign_in_failures,
            pending_imports,
        } => format!(
            "ended sessions removed: {sessions}; forgotten failed sign-ins removed: {sign_in_failures}; \
             unconfirmed import files removed: {pending_imports}"
        ),
        Say::RemindersOff => "reminders are off: no mail server is set up (SMTP_URL)".into(),
        Say::RemindersDue { count } => format!("reminders due today: {count}"),
        Say::ReminderLine { id, key } => format!("  account {id}: {key}"),
        Say::RemindersSent {
            sent,
            skipped,
            failed,
        } => format!("sent: {sent}; already sent elsewhere: {skipped}; failed: {failed}"),
        Say::BackupExists { file } => format!("{file} exists already; a backup overwrites nothing. Choose a new file name"),
        Say::BackupFailed { file } => format!("the backup {file} could not be made"),
        Say::BackupWritten { file, counts } => format!(
            "backup written to {file}: {} accounts, {} completion records, {} answers, {} audit log entries",
            counts.users, counts.records, counts.answers, counts.audit
        ),
        Say::PostgresToolMissing { tool } => format!(
            "{tool} was not found; install PostgreSQL's client programs (Debian: postgresql-client) in the server's version"
        ),
        Say::NotABackup { file } => format!("{file} is not a backup of the learning platform (or cannot be read)"),
        Say::BackupDamaged { file, detail } => format!("the backup {file} is damaged: {detail}"),
        Say::WrongKindOfBackup { file, want } => format!(
            "{file} is not a backup for this database; DATABASE_URL needs a {want} backup"
        ),
        Say::RestoreTargetInUse { target } => format!(
            "{target} holds data already; a restore only goes into a new, empty database, never over existing data"
        ),
        Say::RestoreFailed { file } => format!("restoring {file} failed; the database may be half filled: empty it and try again"),
        Say::Restored { counts } => format!(
            "restored: {} accounts, {} completion records, {} answers, {} audit log entries",
            counts.users, counts.records, counts.answers, counts.audit
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_operator_reads_dutch_unless_their_locale_names_english() {
        let address = "127.0.0.1:3000";
        assert_eq!(
            say(Locale::nl, Say::Listening { address: &address }),
            "Leerplatform Participatie draait op http://127.0.0.1:3000"
        );
        assert_eq!(
            say(Locale::en, Say::Listening { address: &address }),
            "Leerplatform Participatie is running at http://127.0.0.1:3000"
        );
        assert_eq!(say(Locale::nl, Say::ErrorPrefix), "fout: ");
        assert_eq!(say(Locale::en, Say::ErrorPrefix), "error: ");
        assert_eq!(
            say(Locale::nl, Say::NoSuchDepartment { code: "AF-X" }),
            "er is geen afdeling met code 'AF-X'"
        );
    }
}
