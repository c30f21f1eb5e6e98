//! HR reporting end to end: departments as stored → [`DeptTree`], learners'
//! facts → [`status`] and [`Counts`] per department, rolled up the tree →
//! a [`Table`] → CSV bytes and an SVG chart.

use std::collections::HashMap;

use domain::completion::Date;
use domain::report::chart::{bar_chart, column_chart};
use domain::report::csv::{file_name, to_csv};
use domain::report::status::{self, Counts, LearnerCourse, Status, WARNING_DAYS};
use domain::report::table::{Table, Value};
use domain::report::tree::{DeptNode, DeptTree};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("a real date")
}

fn today() -> Date {
    date(2026, 3, 1)
}

fn dept(id: i32, parent: Option<i32>, name: &str) -> DeptNode {
    DeptNode {
        id,
        parent_id: parent,
        name: name.into(),
        code: None,
    }
}

/// Directie (1)
/// ├── Zorg (2)
/// │   ├── Team Noord (4)
/// │   └── Team Zuid (5)
/// └── ICT (3)
fn org() -> DeptTree {
    DeptTree::new(vec![
        dept(1, None, "Directie"),
        dept(2, Some(1), "Zorg"),
        dept(3, Some(1), "ICT"),
        dept(4, Some(2), "Team Noord"),
        dept(5, Some(2), "Team Zuid"),
    ])
}

/// Each learner's department and facts for one mandatory course, due
/// 2026-02-01 (a month before today).
fn learners() -> Vec<(i32, LearnerCourse)> {
    let due = Some(date(2026, 2, 1));
    let record = |done: Date, months: u32| LearnerCourse {
        started: false,
        completed_on: Some(done),
        valid_until: Some(done.plus_months(months)),
        due_on: due,
    };
    vec![
        // Team Noord: completed, expiring, expired (overdue).
        (4, record(date(2025, 9, 1), 12)),
        (4, record(date(2025, 4, 1), 12)),
        (4, record(date(2024, 1, 15), 24)),
        // Team Zuid: in progress (overdue), not started and not mandatory.
        (
            5,
            LearnerCourse {
                started: true,
                due_on: due,
                ..LearnerCourse::default()
            },
        ),
        (5, LearnerCourse::default()),
        // ICT: completed without expiry.
        (
            3,
            LearnerCourse {
                completed_on: Some(date(2025, 6, 1)),
                due_on: due,
                ..LearnerCourse::default()
            },
        ),
        // Directie itself: one learner, expired but recertifying.
        (
            1,
            LearnerCourse {
                started: true,
                completed_on: Some(date(2023, 1, 1)),
                valid_until: Some(date(2026, 1, 1)),
                due_on: due,
            },
        ),
    ]
}

fn own_counts() -> HashMap<i32, Counts> {
    let mut own: HashMap<i32, Counts> = HashMap::new();
    for (dept, lc) in learners() {
        own.entry(dept)
            .or_default()
            .add_learner(&lc, today(), WARNING_DAYS);
    }
    own
}

#[test]
fn statuses_of_the_sample_learners() {
    let statuses: Vec<Status> = learners()
        .iter()
        .map(|(_, lc)| status::status(lc, today(), WARNING_DAYS))
        .collect();
    assert_eq!(
        statuses,
        vec![
            Status::Completed,
            Status::Expiring,
            Status::Expired,
            Status::InProgress,
            Status::NotStarted,
            Status::Completed,
            Status::InProgress,
        ]
    );
    let overdue: Vec<bool> = learners()
        .iter()
        .map(|(_, lc)| status::is_overdue(lc, today()))
        .collect();
    assert_eq!(overdue, vec![false, false, true, true, false, false, true]);
}

#[test]
fn counts_roll_up_the_tree() {
    let tree = org();
    let total = tree.rollup(&own_counts());

    let noord = total[&4];
    assert_eq!(
        (
            noord.population,
            noord.completed,
            noord.expiring,
            noord.expired,
            noord.overdue
        ),
        (3, 2, 1, 1, 1)
    );
    let zorg = total[&2];
    assert_eq!(zorg.population, 5);
    assert_eq!(zorg.required, 4);
    assert_eq!(zorg.overdue, 2);
    assert_eq!(total[&3].completed, 1);

    let top = total[&1];
    assert_eq!(
        top,
        Counts {
            population: 7,
            completed: 3,
            expiring: 1,
            expired: 1,
            in_progress: 2,
            not_started: 1,
            overdue: 3,
            required: 6,
        }
    );
    assert_eq!(
        top.population,
        top.completed + top.expired + top.in_progress + top.not_started
    );
    // The top of the tree equals counting everyone directly.
    let mut everyone = Counts::default();
    for (_, lc) in learners() {
        everyone.add_learner(&lc, today(), WARNING_DAYS);
    }
    assert_eq!(top, everyone);
}

#[test]
fn broken_tree_still_counts_everyone_once() {
    // Zorg and Team Noord point at each other; Team Zuid's parent is gone.
    let tree = DeptTree::new(vec![
        dept(1, None, "Directie"),
        dept(2, Some(4), "Zorg"),
        dept(3, Some(1), "ICT"),
        dept(4, Some(2), "Team Noord"),
        dept(5, Some(99), "Team Zuid"),
    ]);
    assert_eq!(tree.preorder().len(), 5);
    let total = tree.rollup(&own_counts());
    let mut roots = Counts::default();
    for root in tree.roots() {
        roots += total[root];
    }
    assert_eq!(roots.population, 7);
    assert_eq!(
        tree.roots(),
        &[1, 5, 2],
        "by name: Directie, Team Zuid, Zorg"
    );
    assert_eq!(
        total[&2].population, 3,
        "Zorg holds Team Noord after the cut"
    );
}

#[test]
fn report_table_to_csv_and_chart() {
    let tree = org();
    let total = tree.rollup(&own_counts());
    let mut table = Table {
        title: "Voortgang per afdeling".into(),
        columns: [
            "Afdeling",
            "Medewerkers",
            "Afgerond",
            "Te laat",
            "Peildatum",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for (id, _) in tree.preorder() {
        let c = total[&id];
        table.rows.push(vec![
            Value::text(tree.path_name(id)),
            Value::Int(c.population),
            c.completed_percent().map_or(Value::Empty, Value::Percent),
            Value::Int(c.overdue),
            Value::Date(today()),
        ]);
    }
    let csv = String::from_utf8(to_csv(&table).expect("in-memory CSV")).expect("UTF-8");
    let expected = concat!(
        "\u{FEFF}Afdeling;Medewerkers;Afgerond;Te laat;Peildatum\r\n",
        "Directie;7;42,9;3;2026-03-01\r\n",
        "Directie / ICT;1;100,0;0;2026-03-01\r\n",
        "Directie / Zorg;5;40,0;2;2026-03-01\r\n",
        "Directie / Zorg / Team Noord;3;66,7;1;2026-03-01\r\n",
        "Directie / Zorg / Team Zuid;2;0,0;1;2026-03-01\r\n",
    );
    assert_eq!(csv, expected);
    assert_eq!(
        file_name(&table.title, today(), "csv"),
        "voortgang-per-afdeling-2026-03-01.csv"
    );

    let bars: Vec<(String, f64)> = tree
        .children(1)
        .iter()
        .map(|id| {
            let name = tree.get(*id).map_or(String::new(), |d| d.name.clone());
            (name, total[id].completed_percent().unwrap_or(0.0))
        })
        .collect();
    let svg = bar_chart("afdelingen", &table.title, &bars);
    assert!(svg.contains(">100 %</text></g>"));
    assert!(svg.contains(">40 %</text></g>"));
    assert!(svg.contains("Hoogste: ICT (100 %), laagste: Zorg (40 %)."));
}

#[test]
fn completions_per_month_chart() {
    let start = date(2025, 4, 1);
    let months: Vec<Date> = (0..6).map(|m| start.plus_months(m)).collect();
    let completions: Vec<Date> = learners()
        .iter()
        .filter_map(|(_, lc)| lc.completed_on)
        .collect();
    let points: Vec<(String, i64)> = months
        .iter()
        .map(|m| {
            let label = format!("{:04}-{:02}", m.year(), m.month());
            let n = completions
                .iter()
                .filter(|d| d.year() == m.year() && d.month() == m.month())
                .count();
            (label, i64::try_from(n).unwrap_or(i64::MAX))
        })
        .collect();
    let total: i64 = points.iter().map(|(_, n)| n).sum();
    let counts: Vec<i64> = points.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, vec![1, 0, 1, 0, 0, 1]);
    assert_eq!(total, 3);
    let svg = column_chart("per-maand", "Afgerond per maand", &points);
    assert!(svg.contains(">2025-04</text>"));
    assert!(svg.contains(">2025-09</text>"));
    assert!(svg.contains("<title>2025-06: 1</title>"));
    assert!(svg.contains("Hoogste: 2025-04 (1), laagste: 2025-05 (0). Totaal: 3."));
    assert_eq!(svg.matches("<rect").count(), 6);
}
