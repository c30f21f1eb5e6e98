//! The whole HTTP surface in one place: `fn app(state) -> Router`, so tests
//! drive exactly what production serves, with `oneshot` and no socket.

use crate::{assets, data_export, exports, health, import_upload, language, metrics, security};
use app::sso::routes as sso;
use app::ssr::session::{self, ResolvedSession};
use app::{shell, ssr::AppState, App};
use axum::{
    extract::{Request, State},
    middleware::{self, Next},
    response::Response,
    routing::{get, post, MethodRouter},
    Router,
};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    trace::TraceLayer,
};

pub fn app(state: AppState) -> Router {
    let routes = route_list();
    let options = state.leptos_options.clone();
    plain_route_table()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_session,
        ))
        .layer(middleware::from_fn(security::error_status))
        // Pages and server-function answers are compressed as they go out,
        // at gzip's fastest level: a module page becomes 7.1 kB instead of
        // 5.2 kB at the default level, for about 60 % of its CPU time (pages
        // per second with gzip went from 72 to 80 % of those without;
        // docs/operations.md, "Benchmarks"). The bundle in `pkg/` is
        // compressed once, at build time (`--precompress`), and sent as it
        // is: a response that already has a Content-Encoding is left alone.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        // Outside compression, inside the trace: refused cross-site requests
        // are logged with their span, and the headers go on every answer.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        // The request span names the path only: a query string can hold
        // personal data (a refused form's message in `__err`, a typed
        // name), and logs must not.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .extensions()
                .get::<metrics::RequestId>()
                .map(|id| id.0.as_str())
                .unwrap_or_default();
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        // Outside the span: the span carries the id.
        .layer(middleware::from_fn(metrics::request_id))
        .layer(middleware::from_fn(metrics::record))
        .layer(axum::Extension(std::sync::Arc::new(metrics::Metrics::default())))
        .with_state(state)
}

/// The plain axum routes (method, path, handler): everything that is not a
/// Leptos page or server function. Add a route here, never with a
/// `.route(...)` of its own in [`app`]: `tests/access_matrix.rs` reads this
/// table through [`plain_routes`] and fails for a route without a row in its
/// authorization matrix. The method must match the handler's (`get`, `post`).
fn plain_route_table() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("GET", "/healthz", get(health::alive)),
        ("GET", "/readyz", get(health::ready)),
        ("GET", "/metrics", get(metrics::serve)),
        ("GET", "/inhoud/{course}/assets/{*path}", get(assets::serve)),
        (
            "GET",
            "/voorbeeld-inhoud/{course}/assets/{*path}",
            get(assets::serve_draft),
        ),
        ("GET", "/rapportage/export/{file}", get(exports::download)),
        ("GET", data_export::PATH, get(data_export::download)),
        ("POST", "/beheer/import/upload", post(import_upload::upload)),
        ("GET", "/taal/{code}", get(language::switch)),
        ("GET", "/inloggen/organisatie", get(sso::start)),
        ("GET", "/inloggen/organisatie/terug", get(sso::callback)),
        ("GET", "/uitgelogd/organisatie", get(sso::provider_logout)),
    ]
}

/// (method, path) of every plain axum route [`app`] registers.
pub fn plain_routes() -> &'static [(&'static str, &'static str)] {
    static LIST: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    LIST.get_or_init(|| {
        plain_route_table()
            .into_iter()
            .map(|(method, path, _)| (method, path))
            .collect()
    })
}

/// The page routes, generated once per process.
///
/// Generating them renders the app once with resource loading switched off
/// through a *process-wide* flag in `leptos_server`; a resource first polled
/// on another thread during that window stays pending for good and its page
/// never answers (leptos-rs/leptos#4773). One generation, before any router
/// exists to render a page, closes that window. (The integration tests build
/// many routers in one process at once; they hung on this now and then.)
/// Public so that `tests/access_matrix.rs` lists the pages from this same
/// generation instead of a second one.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Look the session up once per page or server-function request and keep
/// the result in the request's extensions (see `ResolvedSession`). Static
/// files, assets and health checks need no session and skip the query.
async fn resolve_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let needs_session = !(path.starts_with("/pkg/")
        || path.starts_with("/inhoud/")
        || path.starts_with("/taal/")
        || path == "/healthz"
        || path == "/readyz");
    if needs_session {
        match session::resolve(&state, req.headers()).await {
            Ok(user) => {
                req.extensions_mut().insert(ResolvedSession(user));
            }
            // Leave it unresolved: the page's own lookup reports the error.
            Err(err) => tracing::error!(error = %err, "session lookup failed"),
        }
    }
    next.run(req).await
}
