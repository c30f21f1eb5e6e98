//! The learner's mail choice (on "Mijn gegevens") and the reminder job's
//! state (on the admin page).

use super::api::{mail_choice, reminder_job, SetMailChoice};
use crate::i18n::{t, td_string, use_i18n};
use leptos::prelude::*;

/// Every reminder, or fewer: two radio buttons and a save button (a plain
/// form without JavaScript).
#[component]
pub fn MailChoiceForm() -> impl IntoView {
    let save = ServerAction::<SetMailChoice>::new();
    let current = Resource::new(move || save.version().get(), |_| mail_choice());
    let saved = move || save.value().get().is_some_and(|r| r.is_ok());
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="mail-kop">
            <h2 id="mail-kop">{t!(i18n, reminders.choice_title)}</h2>
            {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, reminders.choice_saved)}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let c = current.await.ok()?;
                    let locale = i18n.get_locale_untracked();
                    let all = td_string!(locale, reminders.choice_all, days = c.days_before).to_string();
                    Some(view! {
                        <ActionForm action=save attr:class="form">
                            <fieldset>
                                <legend>{t!(i18n, reminders.choice_title)}</legend>
                                <div class="choice">
                                    <input type="radio" id="mail-alles" name="fewer" value="false" checked=!c.fewer/>
                                    <label for="mail-alles">{all}</label>
                                </div>
                                <div class="choice">
                                    <input type="radio" id="mail-minder" name="fewer" value="true" checked=c.fewer/>
                                    <label for="mail-minder">{t!(i18n, reminders.choice_fewer)}</label>
                                </div>
                            </fieldset>
                            <button type="submit">{t!(i18n, reminders.choice_save)}</button>
                        </ActionForm>
                    })
                })}
            </Suspense>
        </section>
    }
}

/// The reminder job on the admin page: off, or its next and last round.
#[component]
pub fn ReminderJobStatus() -> impl IntoView {
    let job = Resource::new(|| (), |_| reminder_job());
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="herinneringen-kop">
            <h2 id="herinneringen-kop">{t!(i18n, reminders.status_title)}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let j = job.await.ok()?;
                    let locale = i18n.get_locale_untracked();
                    Some(if !j.enabled {
                        view! { <p>{t!(i18n, reminders.status_off)}</p> }.into_any()
                    } else {
                        let next = j.next_run.map(|at| td_string!(locale, reminders.status_next, at = at).to_string());
                        let last = match (j.last_run, j.last_outcome) {
                            (Some(at), Some(outcome)) => td_string!(locale, reminders.status_last, at = at, outcome = outcome).to_string(),
                            _ => td_string!(locale, reminders.status_never).to_string(),
                        };
                        view! {
                            {next.map(|n| view! { <p id="herinneringen-volgende">{n}</p> })}
                            <p>{last}</p>
                        }.into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}
