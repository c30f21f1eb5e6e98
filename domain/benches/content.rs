//! How long reading `content/` takes at a realistic size.
//!
//! Generates 20 courses × 50 modules (1,000 modules of 1–2 KB, each with
//! headings, a list, a table, a link, a callout and a question) in a temp
//! folder, then times `content::load` (check + render of the whole tree,
//! best of 5) and a reload after editing one module. The server does exactly
//! this on every content reload, so both should stay well under a second.
//!
//! Run: `cargo bench -p domain --bench content`

use domain::content;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const COURSES: usize = 20;
const MODULES_PER_COURSE: usize = 50;
const RUNS: usize = 5;

/// Removes the generated tree, also when the benchmark panics.
struct TempTree(PathBuf);

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn main() -> std::io::Result<()> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tree = TempTree(
        std::env::temp_dir().join(format!("leerplatform-bench-{}-{nanos}", std::process::id())),
    );
    let bytes = generate(&tree.0)?;
    let modules = COURSES * MODULES_PER_COURSE;
    println!(
        "generated {COURSES} courses × {MODULES_PER_COURSE} modules = {modules} modules, {} KB",
        bytes / 1024
    );

    let (first, result) = best_of(RUNS, || content::load(&tree.0));
    assert_eq!(
        result.error_count(),
        0,
        "the generated content must be valid: {:?}",
        result.diagnostics.first()
    );
    let questions = result.catalog.question_count();
    println!(
        "check+render {modules} modules ({questions} questions, {} warnings): {} ms (best of {RUNS})",
        result.warning_count(),
        first.as_millis()
    );

    // A reload after a trainer saved one file: the whole tree is read again.
    let edited = tree.0.join("courses/cursus-07").join(module_file_name(23));
    let original = fs::read_to_string(&edited)?;
    let mut n = 0;
    let (reload, result) = best_of(RUNS, || {
        n += 1;
        let text = format!("{original}\nAangepast ({n}): een extra alinea na een bewerking.\n");
        if fs::write(&edited, text).is_err() {
            panic!("cannot write {}", edited.display());
        }
        content::load(&tree.0)
    });
    assert_eq!(result.error_count(), 0);
    println!(
        "reload after editing one module: {} ms (best of {RUNS})",
        reload.as_millis()
    );
    Ok(())
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    match last {
        Some(out) => (best, out),
        None => panic!("best_of needs at least one run"),
    }
}

fn module_file_name(m: usize) -> String {
    format!("{:02}-les-{m}.md", m)
}

/// Write the tree; returns the number of bytes written.
fn generate(root: &Path) -> std::io::Result<usize> {
    let mut bytes = 0;
    for c in 1..=COURSES {
        let dir = root.join(format!("courses/cursus-{c:02}"));
        fs::create_dir_all(dir.join("assets"))?;
        fs::write(dir.join("assets/schema.png"), [0u8; 64])?;
        let course = format!(
            "---\ntitle: Cursus {c}\nsummary: Een cursus van {MODULES_PER_COURSE} modules voor de benchmark.\naudience: [beleid]\n---\nWelkom bij cursus {c}. Begin bij [de eerste les]({}).\n",
            module_file_name(1)
        );
        bytes += course.len();
        fs::write(dir.join("course.md"), course)?;
        for m in 1..=MODULES_PER_COURSE {
            let text = module_text(c, m);
            bytes += text.len();
            fs::write(dir.join(module_file_name(m)), text)?;
        }
    }
    Ok(bytes)
}

fn module_text(c: usize, m: usize) -> String {
    let next = if m < MODULES_PER_COURSE {
        module_file_name(m + 1)
    } else {
        module_file_name(1)
    };
    format!(
        r#"---
title: Les {m} van cursus {c}
duration: 10
objectives:
  - Je kunt uitleggen waarom participatie begint bij de kaders
---
In deze les gaat het over **participatie** in de praktijk van gemeente {c}.
Je leest hoe je inwoners op tijd betrekt en wat je daarvoor intern regelt.

## Waarom dit ertoe doet

Participatie is sinds de Omgevingswet verplicht bij omgevingsplannen. Wie het
goed doet, krijgt beter beleid en meer draagvlak. Drie aandachtspunten:

- begin intern, bij de kaders en de rollen;
- nodig inwoners uit voordat de keuzes vastliggen;
- koppel terug wat er met de inbreng is gedaan.

### Een voorbeeld

| Stap | Wie | Wanneer |
|:--|:--|:--|
| Kaders | Raad | Vooraf |
| Gesprek | Inwoners | Tijdens |

::: example Gemeente {c}
De gemeente organiseerde eerst een interne sessie met de raad en pas daarna
een inloopavond. ![Schema van de aanpak](assets/schema.png)
:::

::: question
Wat doe je als eerste in een participatietraject?

- [ ] Een online participatietool aanschaffen
  > Nog niet: een tool kies je pas als het plan er ligt.
- [x] Intern de kaders en rollen bepalen
  > Juist: dit is de stap die het vaakst wordt overgeslagen.
- [ ] Een inloopavond voor inwoners organiseren
  > Dat komt later, als de kaders er zijn.

Negen van de tien keer wordt de interne stap overgeslagen.
:::

## Verder

Ga door naar [de volgende les]({next}) of lees meer op
[omgevingswet.nl](https://www.omgevingswet.nl).
"#
    )
}
