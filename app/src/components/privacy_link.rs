//! The link from a person's report page to what the platform holds about
//! them (`crate::privacy`), shown to admins only.

use crate::auth::{use_auth, Role};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The link from a person's report page to this page, shown to admins only.
#[component]
pub fn PersonPrivacyLink(person: i32) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let admin = matches!(auth.user.await, Ok(Some(u)) if u.has(Role::Admin));
                admin.then(|| view! {
                    <p><a href=crate::privacy::person_path(person)>{t!(i18n, privacy.person_link)}</a></p>
                })
            })}
        </Transition>
    }
}
