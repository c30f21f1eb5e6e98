//! Page data as it travels to the browser for hydration, without the markup
//! the server has already put in the page.
//!
//! Leptos serialises every resource a page loaded into that page's HTML
//! (`__RESOLVED_RESOURCES`), so the browser can hydrate without asking the
//! server again. A module's data is mostly the lesson's HTML, so it went out
//! twice: once as the page itself, once as a JSON string escaped into a
//! script, which also cost the server as much again to write.
//!
//! The browser never reads that second copy. An element rendered with
//! `inner_html` keeps the children the server sent when it is hydrated
//! (tachys' `InnerHtmlValue::hydrate` skips `set_inner_html` for server
//! HTML); only a later re-render sets it, and every later value comes from
//! the server function, whose answer is complete. So the hydration copy
//! carries each markup field empty. Everything else stays as it is: the
//! texts and attributes the view writes itself, and the shape (how many
//! segments, options, feedback lines; whether there is an explanation),
//! because hydration walks the same tree the server rendered.
//!
//! Every page whose data holds markup shown with `inner_html` loads it with
//! [`resource`] instead of `Resource::new`, and implements [`Markup`] for it.

use crate::error::AppError;
use leptos::prelude::Resource;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// `Resource::new` for data that holds markup: the same resource, with its
/// hydration copy sent without the markup ([`WithoutMarkup`]).
#[track_caller]
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, WithoutMarkup>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Clone + Markup + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// Data that holds markup shown with `inner_html`.
pub trait Markup {
    /// Empty every markup field, keeping the data's shape.
    fn clear_markup(&mut self);
}

impl<T: Markup> Markup for Result<T, AppError> {
    fn clear_markup(&mut self) {
        if let Ok(v) = self {
            v.clear_markup();
        }
    }
}

impl<T: Markup> Markup for Vec<T> {
    fn clear_markup(&mut self) {
        self.iter_mut().for_each(Markup::clear_markup);
    }
}

impl<T: Markup> Markup for Option<T> {
    fn clear_markup(&mut self) {
        if let Some(v) = self {
            v.clear_markup();
        }
    }
}

/// A string of markup.
impl Markup for String {
    fn clear_markup(&mut self) {
        // `String::new()` rather than `clear()`: the capacity goes too.
        *self = String::new();
    }
}

/// JSON, as Leptos' default codec, with the markup left out on the way to
/// the browser (see the module documentation).
pub struct WithoutMarkup;

impl<T: Serialize + Clone + Markup> Encoder<T> for WithoutMarkup {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        let mut lean = val.clone();
        lean.clear_markup();
        serde_json::to_string(&lean)
    }
}

impl<T: DeserializeOwned> Decoder<T> for WithoutMarkup {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        serde_json::from_str(val)
    }
}
