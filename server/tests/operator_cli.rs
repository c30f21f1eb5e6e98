//! The operator commands speak the operator's language (issue 13, words at
//! the edge): the real `server` binary, run the way an operator runs it,
//! prints Dutch by default (`LANG=C.UTF-8`, as on these machines) and
//! English under an English locale, its normal output and its errors
//! alike. SQLite files in a temporary folder; no content is needed.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh database file for one run of the binary.
fn database(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!(
        "leerplatform-operator-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/db.sqlite?mode=rwc", dir.display());
    (dir, url)
}

/// `server ARGS` with the database at `url` and `lang` as the locale (the
/// other locale variables cleared, so the test's own environment does not
/// decide).
fn server(url: &str, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_LOG", "off")
        .output()
        .expect("the server binary runs")
}

/// `create-user` for the same new employee in department `code`.
fn create_user(code: &str) -> [&str; 7] {
    [
        "create-user",
        "--email",
        "nieuw@demodorp.example",
        "--name",
        "Nieuw",
        "--department",
        code,
    ]
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn seed_demo_and_create_user_speak_dutch_by_default_and_english_when_asked() {
    let (dir, url) = database("speak");

    // `--people 0`: the accounts alone (the employees need the content).
    let dutch = server(&url, "C.UTF-8", &["seed-demo", "--people", "0"]);
    assert!(dutch.status.success(), "{}", text(&dutch.stderr));
    let out = text(&dutch.stdout);
    assert!(
        out.starts_with("De demogegevens staan klaar. Demo-accounts (wachtwoord voor allemaal: "),
        "{out}"
    );
    // Roles are named as HR names them in Dutch.
    let admin_line = |out: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with("beheerder@demodorp.example"))
            .map(|l| l.trim_end().to_string())
            .unwrap_or_default()
    };
    assert!(admin_line(&out).ends_with(" beheerder"), "{out}");

    let english = server(&url, "en_GB.UTF-8", &["seed-demo", "--people", "0"]);
    assert!(english.status.success(), "{}", text(&english.stderr));
    let out = text(&english.stdout);
    assert!(
        out.starts_with("Demo data ready. Demo sign-ins (password for all: "),
        "{out}"
    );
    assert!(admin_line(&out).ends_with(" admin"), "{out}");

    // An error: the department does not exist. Exit code 1, nothing made.
    let args = create_user("AF-BESTAAT-NIET");
    let dutch = server(&url, "nl_NL.UTF-8", &args);
    assert_eq!(dutch.status.code(), Some(1));
    assert_eq!(
        text(&dutch.stderr).trim_end(),
        "fout: er is geen afdeling met code 'AF-BESTAAT-NIET'"
    );
    let english = server(&url, "en_US.UTF-8", &args);
    assert_eq!(english.status.code(), Some(1));
    assert_eq!(
        text(&english.stderr).trim_end(),
        "error: there is no department with code 'AF-BESTAAT-NIET'"
    );

    // The same account with a department that exists: made once, in Dutch.
    let args = create_user("AF-HR");
    let made = server(&url, "C", &args);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let out = text(&made.stdout);
    assert!(
        out.starts_with("Account aangemaakt: Nieuw <nieuw@demodorp.example>, rollen: medewerker"),
        "{out}"
    );
    assert!(
        out.contains("Wachtwoord (wordt maar één keer getoond): "),
        "{out}"
    );

    let _ = std::fs::remove_dir_all(dir);
}

/// `seed-demo` never turns a database with people of its own into a demo:
/// it stops with a message in the operator's language and adds nothing.
#[test]
fn seed_demo_refuses_a_database_with_real_people() {
    let (dir, url) = database("real-people");
    let made = server(
        &url,
        "C.UTF-8",
        &[
            "create-user",
            "--email",
            "j.jansen@gemeente.example",
            "--name",
            "J. Jansen",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let refused = server(&url, "C.UTF-8", &["seed-demo", "--people", "0"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    assert_eq!(
        text(&refused.stderr).trim_end(),
        "fout: deze database heeft al 1 eigen medewerker(s): seed-demo maakt alleen een demo in een lege database (of een die seed-demo zelf maakte)"
    );
    let english = server(&url, "en_GB.UTF-8", &["seed-demo"]);
    assert_eq!(english.status.code(), Some(1));
    assert!(text(&english.stderr).contains("already holds 1 account(s) of its own"));
    // Nothing was added: a demo account cannot sign in, there is none.
    let again = server(
        &url,
        "C.UTF-8",
        &[
            "create-user",
            "--email",
            "leerling@demodorp.example",
            "--name",
            "Lotte",
        ],
    );
    assert!(
        again.status.success(),
        "the demo address is still free: {}",
        text(&again.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_database_that_cannot_be_opened_is_an_error_in_the_operators_language() {
    // The database's folder would be inside a plain file: it cannot be made.
    let (dir, _) = database("blocked");
    std::fs::write(dir.join("blocker"), b"a file, not a folder").unwrap();
    let url = format!("sqlite://{}/blocker/db.sqlite", dir.display());
    let dutch = server(&url, "C.UTF-8", &["apply-retention", "--dry-run"]);
    assert_eq!(dutch.status.code(), Some(1));
    let err = text(&dutch.stderr);
    assert!(
        err.starts_with(&format!("fout: kan de database op {url} niet openen: ")),
        "{err}"
    );
    let english = server(&url, "en_GB.UTF-8", &["apply-retention", "--dry-run"]);
    assert_eq!(english.status.code(), Some(1));
    let err = text(&english.stderr);
    assert!(
        err.starts_with(&format!("error: cannot open the database at {url}: ")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
