//! The browser suite's page list (issue 14, item 9): `end2end/tests/every-page.spec.ts`
//! visits every page as every role and scans it with axe. Its table `PAGES`
//! names each page by its pattern, exactly as the router registers it; this
//! test compares that table with the router's own page routes, so a new page
//! that the browser suite does not visit fails here (and a page that is gone
//! but still listed fails too). The spec itself fails when a pattern in its
//! table was not visited.

use std::collections::BTreeSet;

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../end2end/tests/every-page.spec.ts"
);

/// The quoted keys of the `const PAGES` table: one `'<pattern>': …` a line.
fn spec_patterns(spec: &str) -> BTreeSet<String> {
    let start = spec
        .find("const PAGES")
        .expect("every-page.spec.ts has a `const PAGES` table");
    let table = &spec[start..];
    let end = table.find("\n};").expect("the PAGES table ends with `};`");
    table[..end]
        .lines()
        .skip(1)
        .filter_map(|line| {
            let rest = line.trim().strip_prefix('\'')?;
            let (pattern, after) = rest.split_once('\'')?;
            after
                .trim_start()
                .starts_with(':')
                .then(|| pattern.to_string())
        })
        .collect()
}

/// Every page pattern the router serves (the Leptos routes; server
/// functions and plain axum routes are not pages).
fn router_pages() -> BTreeSet<String> {
    server::router::route_list()
        .iter()
        .map(|route| route.path().to_string())
        .collect()
}

#[tokio::test]
async fn the_browser_suite_visits_every_page_of_the_router() {
    let spec = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let listed = spec_patterns(&spec);
    let served = router_pages();
    assert!(served.len() > 10, "the router lists its pages: {served:?}");
    let missing: Vec<_> = served.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&served).collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "end2end/tests/every-page.spec.ts, table PAGES: \
         pages the router serves but the table lacks (add a row and visit them): {missing:?}; \
         rows for pages the router no longer serves: {gone:?}"
    );
}

#[test]
fn the_table_is_read_line_by_line() {
    let spec = "x\nconst PAGES: Record<string, Role[]> = {\n  '/': ALL,\n  '/a/{id}': [hr], // note\n  // '/commented': ALL,\n};\n'/after': ALL,\n";
    let got: Vec<_> = spec_patterns(spec).into_iter().collect();
    assert_eq!(got, ["/", "/a/{id}"]);
}
