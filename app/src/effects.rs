//! Effects that outlive their page.
//!
//! leptos_i18n's language context starts an isomorphic effect for every page
//! (it keeps the language cookie in step), and every `Suspense` keeps one
//! that re-runs when its data arrives. On the server such an effect is a task
//! of its own. When the response ends before the task runs (sent quickly
//! under load, or dropped because the browser went away), leptos has already
//! disposed the values the effect reads, and the read panics: "Tried to
//! access a reactive value that has already been disposed", logged after the
//! response (the load test, `server/benches/load.rs`, shows these).
//!
//! An effect does not run while its owner is paused, so the page's owners are
//! paused as the very first step of their cleanup, before anything is
//! disposed. reactive_graph cleans an owner's children in the order they were
//! made, so a first child whose cleanup pauses its second sibling (under
//! which the page is rendered) does exactly that. The first child keeps
//! itself and the owners alive until that cleanup has run; after it, nothing
//! holds them but the page itself.
//!
//! Not covered: an effect already running on the other worker thread when the
//! cleanup starts (it passed the "paused?" check a moment before). See
//! docs/operations.md, "Panics".

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;

/// Render `children` under an owner that is paused before it is cleaned up.
pub fn paused_before_cleanup<V: IntoView + 'static>(children: impl FnOnce() -> V) -> impl IntoView {
    let Some(current) = Owner::current() else {
        return OwnedView::new(children());
    };
    let outer = current.child();
    let first = outer.child();
    let page = outer.child();
    let keep = (first.clone(), outer.clone(), page.clone());
    first.with(|| {
        Owner::on_cleanup(move || {
            let (_first, _outer, page) = keep;
            page.pause();
        })
    });
    let view = page.with(children);
    OwnedView::new_with_owner(view, page)
}
