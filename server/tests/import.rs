//! Applying the HR employee import (`docs/hr-import.md`), on every
//! database: through the CLI function and through the router (multipart
//! upload → preview → apply), all or nothing.

mod common;

use app::i18n::Locale;
use app::ssr::entities::{audit_log, departments, user_roles, users};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{get, seeded, sign_in, split, TestApp};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use server::commands::import::{import_employees, ImportEmployees};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../domain/tests/fixtures/hr_import"
);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

static FILES: AtomicUsize = AtomicUsize::new(0);

/// Write `bytes` to a fresh temporary file called `name`.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lp-import-{}-{}",
        std::process::id(),
        FILES.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Run `server import-employees` on the app's database, for a Dutch user:
/// (exit code, output).
async fn cli(
    app: &TestApp,
    name: &str,
    bytes: &[u8],
    apply: bool,
    deactivate_missing: bool,
) -> (i32, String) {
    cli_in(Locale::nl, app, name, bytes, apply, deactivate_missing).await
}

/// Run `server import-employees` for a user whose locale is `locale`.
async fn cli_in(
    locale: Locale,
    app: &TestApp,
    name: &str,
    bytes: &[u8],
    apply: bool,
    deactivate_missing: bool,
) -> (i32, String) {
    let path = temp_file(name, bytes);
    let args = ImportEmployees {
        file: path.clone(),
        apply,
        deactivate_missing,
    };
    let mut out = Vec::new();
    let code = import_employees(&app.state.db, &app.state.writer, &args, locale, &mut out)
        .await
        .expect("the command runs");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
    (code, String::from_utf8(out).unwrap())
}

/// Everything an import may touch, as text: equal before and after means
/// the database is untouched.
async fn snapshot(db: &DatabaseConnection) -> String {
    let people: Vec<_> = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| {
            (
                u.id,
                u.email,
                u.display_name,
                u.department_id,
                u.employee_number,
                u.active,
                u.updated_at,
            )
        })
        .collect();
    let depts: Vec<_> = departments::Entity::find()
        .order_by_asc(departments::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.code, d.name, d.parent_id))
        .collect();
    let roles: Vec<_> = user_roles::Entity::find()
        .order_by_asc(user_roles::Column::UserId)
        .order_by_asc(user_roles::Column::Role)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.user_id, r.role))
        .collect();
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("employee_import"))
        .all(db)
        .await
        .unwrap()
        .len();
    format!("{people:?}\n{depts:?}\n{roles:?}\nimports: {audits}")
}

async fn user(db: &DatabaseConnection, number: &str) -> users::Model {
    users::Entity::find()
        .filter(users::Column::EmployeeNumber.eq(number))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("person {number} exists"))
}

async fn maybe_user(db: &DatabaseConnection, number: &str) -> Option<users::Model> {
    users::Entity::find()
        .filter(users::Column::EmployeeNumber.eq(number))
        .one(db)
        .await
        .unwrap()
}

async fn roles(db: &DatabaseConnection, user_id: i32) -> Vec<String> {
    let mut roles: Vec<String> = user_roles::Entity::find()
        .filter(user_roles::Column::UserId.eq(user_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.role)
        .collect();
    roles.sort();
    roles
}

async fn department(db: &DatabaseConnection, code: &str) -> departments::Model {
    departments::Entity::find()
        .filter(departments::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("department {code} exists"))
}

async fn imports(db: &DatabaseConnection) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("employee_import"))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// Check the fixture's people and departments (the same in both files).
async fn assert_fixture_applied(app: &TestApp) {
    let db = &app.state.db;
    let b = app.backend;
    let gem = department(db, "GEM").await;
    assert_eq!(
        gem.name, "Gemeente Demodorp",
        "[{b}] existing departments stay"
    );
    let bur = department(db, "BUR").await;
    let soc = department(db, "SOC").await;
    let wmo = department(db, "WMO").await;
    assert_eq!(bur.name, "Burgerzaken");
    assert_eq!(bur.parent_id, Some(gem.id));
    assert_eq!(soc.parent_id, Some(gem.id));
    assert_eq!(wmo.name, "Zorg, Welzijn en Jeugd");
    assert_eq!(wmo.parent_id, Some(soc.id), "[{b}] parents resolve to ids");

    let anais = user(db, "0001").await;
    assert_eq!(anais.display_name, "Anaïs Bakker");
    assert_eq!(anais.email, "anais.bakker@gemeente.nl");
    assert_eq!(anais.department_id, Some(gem.id));
    assert!(anais.active);
    assert_eq!(
        anais.password_hash, None,
        "[{b}] imported people have no password"
    );
    assert_eq!(roles(db, anais.id).await, ["admin", "learner"]);

    let jose = user(db, "0002").await;
    assert_eq!(jose.display_name, "José de Vries");
    assert_eq!(jose.department_id, Some(bur.id));
    assert_eq!(roles(db, jose.id).await, ["manager"]);

    let zoe = user(db, "0003").await;
    assert_eq!(zoe.display_name, "Zoë van der Berg");
    assert_eq!(zoe.email, "zoe.vanderberg@gemeente.nl", "lowercased");
    assert_eq!(roles(db, zoe.id).await, ["learner"], "default role");

    // Left on 31-12-2025: never had an account, so none is made.
    assert!(maybe_user(db, "0004").await.is_none());

    let loic = user(db, "0005").await;
    assert_eq!(loic.display_name, "Loïc Dijkstra-Öztürk");
    assert_eq!(loic.department_id, Some(soc.id));
    assert_eq!(roles(db, loic.id).await, ["hr", "trainer"]);
}

#[tokio::test]
async fn a_good_file_creates_departments_and_people() {
    for app in seeded().await {
        let b = app.backend;
        let before = snapshot(&app.state.db).await;
        let (code, out) = cli(
            &app,
            "medewerkers.csv",
            &fixture("windows-1252-komma.csv"),
            false,
            false,
        )
        .await;
        assert_eq!(code, 0, "[{b}] {out}");
        assert!(out.contains("Windows-1252"), "{out}");
        assert!(out.contains("José de Vries"), "é read right: {out}");
        assert!(out.contains("Droog draaien"), "{out}");
        assert!(
            out.contains("4 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 niet aangemaakt"),
            "{out}"
        );
        assert!(
            out.contains("medewerkers.csv:5:Actief: waarschuwing:"),
            "the passed end date is a warning: {out}"
        );
        assert_eq!(
            snapshot(&app.state.db).await,
            before,
            "[{b}] a dry run changes nothing"
        );

        let (code, out) = cli(
            &app,
            "medewerkers.csv",
            &fixture("windows-1252-komma.csv"),
            true,
            false,
        )
        .await;
        assert_eq!(code, 0, "[{b}] {out}");
        assert!(out.contains("De import is uitgevoerd."), "{out}");
        assert!(out.contains("4 medewerkers toegevoegd."), "{out}");
        assert_fixture_applied(&app).await;

        let audit = imports(&app.state.db).await;
        assert_eq!(audit.len(), 1, "[{b}] one audit entry");
        assert_eq!(audit[0].actor_id, None);
        let details: serde_json::Value = serde_json::from_str(&audit[0].details).unwrap();
        assert_eq!(details["file"], "medewerkers.csv");
        assert_eq!(details["created"], 4);
        assert_eq!(details["departments_created"], 3);

        // The same people in the other Excel flavour: nothing to do.
        let after = snapshot(&app.state.db).await;
        let (code, out) = cli(
            &app,
            "utf8.csv",
            &fixture("utf8-bom-puntkomma.csv"),
            true,
            false,
        )
        .await;
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("0 nieuw, 0 gewijzigd, 4 ongewijzigd"),
            "[{b}] {out}"
        );
        // Only the audit entry is new.
        assert_eq!(imports(&app.state.db).await.len(), 2);
        assert_eq!(
            snapshot(&app.state.db)
                .await
                .replace("imports: 2", "imports: 1"),
            after
        );
        app.cleanup().await;
    }
}

const BASE: &str =
    "personeelsnummer;naam;email;afdelingscode;afdeling;bovenliggende_afdelingscode;rol\n\
    0001;Anaïs Bakker;anais.bakker@gemeente.nl;GEM;;;beheerder|medewerker\n\
    0002;José de Vries;jose.devries@gemeente.nl;BUR;Burgerzaken;GEM;leidinggevende\n\
    0003;Zoë van der Berg;zoe.vanderberg@gemeente.nl;BUR;Burgerzaken;GEM;\n\
    0005;Loïc Dijkstra;loic.dijkstra@gemeente.nl;SOC;Sociaal Domein;GEM;hr|trainer\n";

#[tokio::test]
async fn a_reimport_updates_only_who_changed_and_can_deactivate_who_left() {
    for app in seeded().await {
        let b = app.backend;
        let db = &app.state.db;
        let (code, out) = cli(&app, "a.csv", BASE.as_bytes(), true, false).await;
        assert_eq!(code, 0, "[{b}] {out}");
        let others_before = (
            user(db, "0001").await,
            user(db, "0003").await,
            user(db, "0005").await,
        );
        let jose_before = user(db, "0002").await;

        // José moves to SOC, gets a new address and becomes a learner too.
        let changed = BASE.replace(
            "0002;José de Vries;jose.devries@gemeente.nl;BUR;Burgerzaken;GEM;leidinggevende",
            "0002;José de Vries-Smit;jose.smit@gemeente.nl;SOC;Sociaal Domein;GEM;leidinggevende|medewerker",
        );
        let (code, out) = cli(&app, "b.csv", changed.as_bytes(), true, false).await;
        assert_eq!(code, 0, "[{b}] {out}");
        assert!(out.contains("0 nieuw, 1 gewijzigd, 3 ongewijzigd"), "{out}");
        assert!(
            out.contains("naam: \"José de Vries\" → \"José de Vries-Smit\""),
            "{out}"
        );
        let jose = user(db, "0002").await;
        assert_eq!(jose.id, jose_before.id);
        assert_eq!(jose.display_name, "José de Vries-Smit");
        assert_eq!(jose.email, "jose.smit@gemeente.nl");
        assert_eq!(jose.department_id, Some(department(db, "SOC").await.id));
        assert_eq!(roles(db, jose.id).await, ["learner", "manager"]);
        let others_after = (
            user(db, "0001").await,
            user(db, "0003").await,
            user(db, "0005").await,
        );
        assert_eq!(others_after, others_before, "[{b}] only José changed");

        // Loïc has left: without the flag nothing happens to him, with it
        // he is deactivated. Demo accounts (no personeelsnummer) stay.
        let gone: String = changed
            .lines()
            .filter(|l| !l.starts_with("0005"))
            .map(|l| format!("{l}\n"))
            .collect();
        let (code, out) = cli(&app, "c.csv", gone.as_bytes(), true, false).await;
        assert_eq!(code, 0, "{out}");
        assert!(user(db, "0005").await.active);
        let (code, out) = cli(&app, "c.csv", gone.as_bytes(), false, true).await;
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("Op inactief zetten, niet in het bestand (1):"),
            "{out}"
        );
        assert!(out.contains("- 0005 Loïc Dijkstra"), "{out}");
        assert!(user(db, "0005").await.active, "a dry run changes nothing");
        let (code, out) = cli(&app, "c.csv", gone.as_bytes(), true, true).await;
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("1 medewerker op inactief gezet."), "{out}");
        assert!(!user(db, "0005").await.active, "[{b}] Loïc is inactive");
        assert!(user(db, "0002").await.active);
        let demo = users::Entity::find()
            .filter(users::Column::Email.eq("leerling@demodorp.example"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            demo.active,
            "[{b}] accounts without a number are never deactivated"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_files_are_refused_with_line_and_column_and_change_nothing() {
    let missing_column = b"personeelsnummer;naam;afdelingscode\n1;Jan;BUR\n".to_vec();
    let duplicates = b"personeelsnummer;naam;email;afdelingscode\n\
        1001;Jan;jan@gemeente.nl;BUR\n\
        1002;Piet;piet@gemeente.nl;BUR\n\
        1001;Kees;kees@gemeente.nl;BUR\n"
        .to_vec();
    let bad_date = b"personeelsnummer;naam;email;afdelingscode;Datum uit dienst\n\
        1;A;a@gemeente.nl;BUR;31-02-2026\n\
        2;B;b@gemeente.nl;BUR;01-03-2026\n"
        .to_vec();
    // "CSV UTF-8" with a Windows-1252 é after the BOM.
    let wrong_encoding =
        b"\xEF\xBB\xBFpersoneelsnummer;naam;email;afdelingscode\n1;Zo\xEB;zoe@gemeente.nl;BUR\n"
            .to_vec();
    let workbook = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    // UTF-16 without a byte order mark: NUL characters.
    let utf16 = b"p\x00e\x00r\x00s\x00".to_vec();
    // Not text at all: read as Windows-1252, no header column is found.
    let garbage = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe".to_vec();
    // An address that belongs to someone else already: a problem of the plan.
    // (Anaïs, 0001, is imported first; a person without a number and the
    // same address would be linked instead.)
    let taken =
        b"personeelsnummer;naam;email;afdelingscode\n7;Ana;anais.bakker@gemeente.nl;GEM\n8;Nieuw;nieuw@gemeente.nl;GEM\n"
            .to_vec();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "kolom.csv",
            missing_column,
            vec!["kolom.csv:1: fout: de kolom \"email\" ontbreekt in de kopregel"],
        ),
        (
            "dubbel.csv",
            duplicates,
            vec![
                "dubbel.csv:2:personeelsnummer: fout: personeelsnummer \"1001\" staat ook op regel 4",
                "dubbel.csv:4:personeelsnummer: fout: personeelsnummer \"1001\" staat ook op regel 2",
            ],
        ),
        (
            "datum.csv",
            bad_date,
            vec!["datum.csv:2:Datum uit dienst: fout: \"31-02-2026\" is geen geldige datum"],
        ),
        (
            "codering.csv",
            wrong_encoding,
            vec!["codering.csv:2: fout: het bestand is opgeslagen als UTF-8, maar deze regel"],
        ),
        (
            "map.xlsx",
            workbook,
            vec!["map.xlsx:1: fout: dit is een Excel-bestand, geen CSV-bestand"],
        ),
        (
            "utf16.csv",
            utf16,
            vec!["utf16.csv:1: fout: het bestand bevat nul-tekens"],
        ),
        (
            "rommel.csv",
            garbage,
            vec![
                "rommel.csv:1: fout: de kolom \"personeelsnummer\" ontbreekt in de kopregel",
                "rommel.csv:1: fout: de kolom \"email\" ontbreekt in de kopregel",
            ],
        ),
        (
            "bezet.csv",
            taken,
            vec!["bezet.csv:2:email: fout: e-mailadres \"anais.bakker@gemeente.nl\" is in het platform al van Anaïs Bakker (personeelsnummer 0001)"],
        ),
    ];
    for app in seeded().await {
        let b = app.backend;
        let (code, out) = cli(&app, "a.csv", BASE.as_bytes(), true, false).await;
        assert_eq!(code, 0, "{out}");
        let before = snapshot(&app.state.db).await;
        for (name, bytes, expected) in &cases {
            for deactivate in [false, true] {
                let (code, out) = cli(&app, name, bytes, true, deactivate).await;
                assert_eq!(code, 1, "[{b}] {name} is refused: {out}");
                for line in expected {
                    assert!(
                        out.contains(line),
                        "[{b}] {name}: expected {line:?} in:\n{out}"
                    );
                }
                assert!(out.contains("Er is niets geïmporteerd"), "{out}");
                assert_eq!(
                    snapshot(&app.state.db).await,
                    before,
                    "[{b}] {name} leaves the database untouched"
                );
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_cli_speaks_the_users_language() {
    let duplicates = b"personeelsnummer;naam;email;afdelingscode\n\
        1001;Jan;jan@gemeente.nl;BUR\n\
        1002;Piet;piet@gemeente.nl;BUR\n\
        1001;Kees;kees@;BUR\n"
        .to_vec();
    for app in seeded().await {
        let b = app.backend;
        let before = snapshot(&app.state.db).await;
        let (code, out) = cli_in(Locale::en, &app, "double.csv", &duplicates, true, false).await;
        assert_eq!(code, 1, "[{b}] {out}");
        for line in [
            "double.csv:2:personeelsnummer: error: employee number \"1001\" is also on line 4; \
             each employee number may be in the file only once",
            "double.csv:4:email: error: \"kees@\" is not a valid e-mail address",
            "double.csv: 3 errors in the file",
            "Nothing has been imported: correct the 3 errors and try again.",
        ] {
            assert!(out.contains(line), "[{b}] expected {line:?} in:\n{out}");
        }
        assert!(!out.contains("fout"), "[{b}] no Dutch: {out}");
        assert_eq!(snapshot(&app.state.db).await, before);

        // The same file for a Dutch user.
        let (code, out) = cli_in(Locale::nl, &app, "dubbel.csv", &duplicates, true, false).await;
        assert_eq!(code, 1, "[{b}] {out}");
        assert!(
            out.contains("dubbel.csv:4:email: fout: \"kees@\" is geen geldig e-mailadres"),
            "{out}"
        );
        assert!(
            out.contains("Er is niets geïmporteerd: los de 3 fouten op en probeer het opnieuw."),
            "{out}"
        );

        // A good file: the preview, the dry run and the applied import.
        let (code, out) = cli_in(
            Locale::en,
            &app,
            "employees.csv",
            &fixture("windows-1252-komma.csv"),
            false,
            false,
        )
        .await;
        assert_eq!(code, 0, "[{b}] {out}");
        for line in [
            "employees.csv: 5 employees read (Windows-1252, comma)",
            "employees.csv:5:Actief: warning: actief is \"ja\", but the employee left on \
             31-12-2025; the employee becomes inactive",
            "New employees (4):",
            "Summary: 4 new, 0 changed, 0 unchanged, 1 not created (no longer employed)",
            "Dry run: nothing has been changed. Run the command again with --apply",
        ] {
            assert!(out.contains(line), "[{b}] expected {line:?} in:\n{out}");
        }
        assert_eq!(snapshot(&app.state.db).await, before, "[{b}] a dry run");
        let (code, out) = cli_in(
            Locale::en,
            &app,
            "employees.csv",
            &fixture("windows-1252-komma.csv"),
            true,
            false,
        )
        .await;
        assert_eq!(code, 0, "[{b}] {out}");
        assert!(out.contains("The import has been carried out."), "{out}");
        assert!(out.contains("  4 employees added."), "{out}");
        assert_fixture_applied(&app).await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn applying_a_plan_with_problems_is_refused() {
    for app in seeded().await {
        let before = snapshot(&app.state.db).await;
        let bytes = b"personeelsnummer;naam;email;afdelingscode;bovenliggende_afdelingscode\n\
            1;Jan;jan@gemeente.nl;NIEUW;NERGENS\n"
            .to_vec();
        let prepared = app::import::queries::prepare(&app.state.db, bytes.into(), false)
            .await
            .unwrap();
        let (_, plan) = prepared.expect("the file itself is fine");
        assert!(!plan.is_applicable());
        let err = app::import::queries::apply(
            &app.state.writer,
            &app.state.sessions,
            &plan,
            "x.csv",
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(err.status_code(), 422);
        assert!(
            err.message(Locale::nl).contains("Er is niets geïmporteerd"),
            "{err:?}"
        );
        assert!(
            err.message(Locale::en)
                .starts_with("The file has 1 error. Nothing has been imported."),
            "{err:?}"
        );
        assert_eq!(snapshot(&app.state.db).await, before);
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------
// The web flow
// ---------------------------------------------------------------------------

const BOUNDARY: &str = "----leerplatform-test-grens";

/// The upload form as a browser posts it.
fn upload(cookie: Option<&str>, file_name: &str, bytes: &[u8], deactivate: bool) -> Request<Body> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{file_name}\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n");
    if deactivate {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"deactiveren\"\r\n\r\nja\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut req = Request::post("/beheer/import/upload").header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(body)).unwrap()
}

fn apply(cookie: &str, token: &str) -> Request<Body> {
    Request::post("/api/import_apply")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            format!("http://localhost/beheer/import?voorbeeld={token}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(format!("token={token}")))
        .unwrap()
}

fn location(res: &axum::http::Response<Body>) -> String {
    res.headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Upload as `cookie`, expect the redirect to the preview; returns the token.
async fn upload_ok(app: &TestApp, cookie: &str, bytes: &[u8], deactivate: bool) -> String {
    let res = app
        .request(upload(Some(cookie), "medewerkers.csv", bytes, deactivate))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "[{}]", app.backend);
    let to = location(&res);
    let token = to
        .strip_prefix("/beheer/import?voorbeeld=")
        .unwrap_or_else(|| panic!("redirect to the preview, got {to}"));
    assert_eq!(token.len(), 32);
    token.to_string()
}

#[tokio::test]
async fn the_web_flow_uploads_previews_and_applies() {
    for app in seeded().await {
        let b = app.backend;
        let admin = sign_in(&app, "beheerder@demodorp.example").await;

        let (status, html) = split(app.request(get("/beheer/import", &admin)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("action=\"/beheer/import/upload\""), "{html}");
        assert!(html.contains("enctype=\"multipart/form-data\""));
        assert!(html.contains("Medewerkers die niet in het bestand staan op inactief zetten"));

        let token = upload_ok(&app, &admin, &fixture("windows-1252-komma.csv"), false).await;
        let preview = format!("/beheer/import?voorbeeld={token}");
        let (status, html) = split(app.request(get(&preview, &admin)).await).await;
        assert_eq!(status, StatusCode::OK, "[{b}] {html}");
        assert!(html.contains("Voorbeeld: medewerkers.csv"), "{html}");
        assert!(html.contains("Nieuwe medewerkers (4)"), "{html}");
        assert!(html.contains("José de Vries"), "é read right");
        assert!(html.contains("Nieuwe afdelingen (3)"));
        assert!(html.contains("Import uitvoeren"));
        assert!(html.contains("<th scope=\"col\">"), "accessible tables");
        // Nothing is written by looking.
        assert!(maybe_user(&app.state.db, "0001").await.is_none());

        let res = app.request(apply(&admin, &token)).await;
        let to = location(&res);
        assert!(
            to.starts_with("/beheer/import?klaar=1"),
            "[{b}] redirect after applying: {} {to}",
            res.status()
        );
        assert!(to.contains("nieuw=4"), "{to}");
        assert_fixture_applied(&app).await;
        let audit = imports(&app.state.db).await;
        assert_eq!(audit.len(), 1);
        let me = users::Entity::find()
            .filter(users::Column::Email.eq("beheerder@demodorp.example"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            audit[0].actor_id,
            Some(me.id),
            "[{b}] the admin is the actor"
        );

        let (_, html) = split(app.request(get(&to, &admin)).await).await;
        assert!(html.contains("De import is uitgevoerd."), "{html}");
        assert!(html.contains("4 medewerkers toegevoegd."), "{html}");

        // The token is used up: applying again is refused and changes nothing.
        let before = snapshot(&app.state.db).await;
        let res = app.request(apply(&admin, &token)).await;
        assert!(location(&res).contains("__err="), "{}", location(&res));
        let (_, html) = split(app.request(get(&preview, &admin)).await).await;
        assert!(html.contains("Dit voorbeeld bestaat niet meer"), "{html}");
        assert_eq!(snapshot(&app.state.db).await, before);

        // A re-import with the flag: the preview lists the changes and who goes.
        let gone: String = BASE
            .lines()
            .filter(|l| !l.starts_with("0005"))
            .map(|l| format!("{l}\n"))
            .collect();
        let gone = gone.replace("José de Vries;", "José de Vries-Smit;");
        let token = upload_ok(&app, &admin, gone.as_bytes(), true).await;
        let (_, html) = split(
            app.request(get(&format!("/beheer/import?voorbeeld={token}"), &admin))
                .await,
        )
        .await;
        assert!(html.contains("Medewerkers met wijzigingen (1)"), "{html}");
        assert!(html.contains("José de Vries-Smit"), "{html}");
        assert!(
            html.contains("Op inactief zetten: niet in het bestand (1)"),
            "{html}"
        );
        let res = app.request(apply(&admin, &token)).await;
        assert!(location(&res).contains("inactief=1"), "{}", location(&res));
        assert!(!user(&app.state.db, "0005").await.active);
        assert_eq!(
            user(&app.state.db, "0002").await.display_name,
            "José de Vries-Smit"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_web_preview_lists_problems_and_nothing_can_be_applied() {
    for app in seeded().await {
        let b = app.backend;
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let before = snapshot(&app.state.db).await;
        let bad = b"personeelsnummer;naam;email;afdelingscode;uit_dienst\n\
            1001;Jan;jan@gemeente.nl;BUR;morgen\n\
            1001;Kees;kees@gemeente;BUR;\n";
        let token = upload_ok(&app, &admin, bad, false).await;
        let preview = format!("/beheer/import?voorbeeld={token}");
        let (status, html) = split(app.request(get(&preview, &admin)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(
            html.contains("Er wordt niets geïmporteerd."),
            "[{b}] {html}"
        );
        assert!(html.contains("Fouten in het bestand (4)"), "{html}");
        assert!(
            html.contains("<td>2</td><td>personeelsnummer</td>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<td>2</td><td>uit_dienst</td><td>&quot;morgen&quot; is geen geldige datum"
            ) || html.contains("<td>2</td><td>uit_dienst</td><td>\"morgen\" is geen geldige datum"),
            "{html}"
        );
        assert!(html.contains("<td>3</td><td>email</td>"), "{html}");
        assert!(!html.contains("Import uitvoeren"), "no apply button");

        // The same preview in English: the problems too.
        let english = format!("{admin}; taal=en");
        let (status, html) = split(app.request(get(&preview, &english)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Errors in the file (4)"), "[{b}] {html}");
        assert!(
            html.contains("is not a valid date; use day-month-year"),
            "[{b}] {html}"
        );
        assert!(
            html.contains("is also on line 3; each employee number may be in the file only once"),
            "[{b}] {html}"
        );
        assert!(!html.contains("geen geldige datum"), "[{b}] {html}");

        // Posting the apply form anyway is refused, and the file stays for
        // the preview.
        let res = app.request(apply(&admin, &token)).await;
        assert!(location(&res).contains("__err="), "{}", location(&res));
        assert_eq!(snapshot(&app.state.db).await, before, "[{b}] untouched");
        let (_, html) = split(app.request(get(&preview, &admin)).await).await;
        assert!(html.contains("Er wordt niets geïmporteerd."));

        // An empty form and a file that is too big go back to the form.
        let res = app.request(upload(Some(&admin), "", b"", false)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/beheer/import?fout=geen-bestand");
        let big = vec![b'a'; 10 * 1024 * 1024 + 1];
        let res = app
            .request(upload(Some(&admin), "groot.csv", &big, false))
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/beheer/import?fout=te-groot");
        let (_, html) = split(
            app.request(get("/beheer/import?fout=te-groot", &admin))
                .await,
        )
        .await;
        assert!(html.contains("Het bestand is groter dan 10 MB"), "{html}");
        assert_eq!(snapshot(&app.state.db).await, before);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn only_admins_may_upload_see_and_apply() {
    for app in seeded().await {
        let b = app.backend;
        let admin = sign_in(&app, "beheerder@demodorp.example").await;
        let hr = sign_in(&app, "hr@demodorp.example").await;
        let learner = sign_in(&app, "leerling@demodorp.example").await;
        let good = fixture("utf8-bom-puntkomma.csv");
        let before = snapshot(&app.state.db).await;

        let res = app.request(upload(None, "a.csv", &good, false)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert!(
            location(&res).starts_with("/inloggen"),
            "{}",
            location(&res)
        );
        for cookie in [&hr, &learner] {
            let res = app
                .request(upload(Some(cookie), "a.csv", &good, false))
                .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "[{b}]");
            let (status, _) = split(app.request(get("/beheer/import", cookie)).await).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "[{b}]");
        }

        // The admin's pending upload is theirs alone.
        let token = upload_ok(&app, &admin, &good, false).await;
        let preview = format!("/beheer/import?voorbeeld={token}");
        for cookie in [&hr, &learner] {
            let res = app.request(apply(cookie, &token)).await;
            assert!(
                location(&res).contains("__err="),
                "[{b}] {}",
                location(&res)
            );
            let (status, html) = split(app.request(get(&preview, cookie)).await).await;
            assert_eq!(status, StatusCode::FORBIDDEN);
            assert!(!html.contains("Anaïs"));
        }
        assert_eq!(
            snapshot(&app.state.db).await,
            before,
            "[{b}] nothing applied"
        );

        // Still usable by the admin who uploaded it.
        let res = app.request(apply(&admin, &token)).await;
        assert!(
            location(&res).starts_with("/beheer/import?klaar=1"),
            "{}",
            location(&res)
        );
        assert_fixture_applied(&app).await;
        app.cleanup().await;
    }
}

/// The pending upload lives in the database: the upload, the preview and
/// the confirmation may each reach another node (a second `AppState` on the
/// same database), and two confirmations at once on two nodes apply the
/// file once.
#[tokio::test]
async fn an_upload_on_one_node_is_previewed_and_applied_on_another_once() {
    for a in seeded().await {
        let b = TestApp::new(
            a.backend,
            a.database_url.clone(),
            common::content_dir(),
            None,
        )
        .await;
        let backend = a.backend;
        let admin = sign_in(&a, "beheerder@demodorp.example").await;
        let token = upload_ok(&a, &admin, &fixture("windows-1252-komma.csv"), false).await;
        let preview = format!("/beheer/import?voorbeeld={token}");
        let (status, html) = split(b.request(get(&preview, &admin)).await).await;
        assert_eq!(status, StatusCode::OK, "[{backend}] {html}");
        assert!(
            html.contains("Nieuwe medewerkers (4)"),
            "[{backend}] {html}"
        );
        // Only the hash of the token is stored.
        let stored: Vec<String> = app::ssr::entities::pending_imports::Entity::find()
            .all(&a.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.id)
            .collect();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0], token);

        // Both nodes confirm at the same moment: one applies, one is refused.
        let (on_a, on_b) = tokio::join!(
            a.request(apply(&admin, &token)),
            b.request(apply(&admin, &token))
        );
        let places = [location(&on_a), location(&on_b)];
        let applied = places
            .iter()
            .filter(|l| l.starts_with("/beheer/import?klaar=1"))
            .count();
        assert_eq!(applied, 1, "[{backend}] applied once: {places:?}");
        assert_eq!(
            imports(&a.state.db).await.len(),
            1,
            "[{backend}] one audit entry"
        );
        assert_fixture_applied(&a).await;
        assert_eq!(
            app::ssr::entities::pending_imports::Entity::find()
                .count(&a.state.db)
                .await
                .unwrap(),
            0,
            "[{backend}] the file is gone once applied"
        );
        b.state.db.clone().close().await.ok();
        a.cleanup().await;
    }
}

/// At most 24 uploads wait at once (the oldest goes first), and each is
/// its uploader's only.
#[tokio::test]
async fn waiting_uploads_stay_few_and_belong_to_their_uploader() {
    use app::import::queries::{get_pending, put_pending};
    for app in seeded().await {
        let admin = common::account(&app, "beheerder@demodorp.example").await.id;
        let hr = common::account(&app, "hr@demodorp.example").await.id;
        let mut tokens = Vec::new();
        for i in 0..30 {
            let token = put_pending(
                &app.state.writer,
                vec![b'x'; 10],
                &format!("{i}.csv"),
                false,
                admin,
            )
            .await
            .unwrap();
            tokens.push(token);
        }
        let waiting = app::ssr::entities::pending_imports::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(waiting, 24, "[{}]", app.backend);
        let last = tokens.last().unwrap();
        let kept = get_pending(&app.state.db, last, admin)
            .await
            .unwrap()
            .expect("the newest stays");
        assert_eq!(kept.file_name, "29.csv");
        assert!(
            get_pending(&app.state.db, &tokens[0], admin)
                .await
                .unwrap()
                .is_none(),
            "the oldest went"
        );
        assert!(
            get_pending(&app.state.db, last, hr)
                .await
                .unwrap()
                .is_none(),
            "not someone else's"
        );
        app.cleanup().await;
    }
}
