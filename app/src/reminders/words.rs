//! The reminders' words, in the recipient's language (their account's
//! interface language): subject, plain text and HTML of each mail.

use super::queries::{Kind, Planned};
use crate::i18n::{td_string, Locale};
use crate::language::date_text;
use domain::markdown::escape_text as escape;
use domain::reminders::Threshold;

/// A mail's subject and its two bodies (plain text and HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The mail for `p`, with links on `public_url` (no trailing slash).
pub fn mail(p: &Planned, public_url: &str) -> Worded {
    let locale = crate::language::parse_code(&p.locale).unwrap_or(Locale::nl);
    let greeting = td_string!(locale, reminders.greeting, name = p.name.clone()).to_string();
    let signature = td_string!(locale, reminders.signature);
    match &p.kind {
        Kind::Learner {
            course_id,
            course,
            due,
            threshold,
        } => {
            let (course, due) = (course.clone(), date_text(*due));
            let (subject, body) = match threshold {
                Threshold::Before => (
                    td_string!(
                        locale,
                        reminders.subject_before,
                        course = course.clone(),
                        due = due.clone()
                    )
                    .to_string(),
                    td_string!(locale, reminders.body_before, course = course, due = due)
                        .to_string(),
                ),
                Threshold::Due => (
                    td_string!(locale, reminders.subject_due, course = course.clone()).to_string(),
                    td_string!(locale, reminders.body_due, course = course, due = due).to_string(),
                ),
                Threshold::Overdue => (
                    td_string!(locale, reminders.subject_overdue, course = course.clone())
                        .to_string(),
                    td_string!(locale, reminders.body_overdue, course = course, due = due)
                        .to_string(),
                ),
            };
            let link = format!("{public_url}/cursussen/{course_id}");
            let link_label = td_string!(locale, reminders.link_course);
            let footer = td_string!(locale, reminders.footer);
            let choice = format!("{public_url}/mijn/gegevens");
            Worded {
                text: format!(
                    "{greeting}\n\n{body}\n\n{link_label}: {link}\n\n-- \n{footer}\n{choice}\n{signature}\n"
                ),
                html: html_page(
                    locale,
                    &subject,
                    &format!(
                        "<p>{}</p>\n<p>{}</p>\n<p><a href=\"{}\">{}</a></p>\n<hr>\n<p><small>{} <a href=\"{}\">{}</a></small></p>\n<p>{}</p>",
                        escape(&greeting),
                        escape(&body),
                        escape(&link),
                        escape(link_label),
                        escape(footer),
                        escape(&choice),
                        escape(&choice),
                        escape(signature)
                    ),
                ),
                subject,
            }
        }
        Kind::Digest { lines } => {
            let subject = td_string!(locale, reminders.digest_subject, n = lines.len()).to_string();
            let intro = td_string!(locale, reminders.digest_intro);
            let worded: Vec<String> = lines
                .iter()
                .map(|l| {
                    td_string!(
                        locale,
                        reminders.digest_line,
                        name = l.name.clone(),
                        course = l.course.clone(),
                        due = date_text(l.due),
                        department = l.department.clone()
                    )
                    .to_string()
                })
                .collect();
            let link = format!("{public_url}/rapportage/te-laat");
            let link_label = td_string!(locale, reminders.digest_link);
            let footer = td_string!(locale, reminders.footer_digest);
            let list: String = worded.iter().map(|l| format!("- {l}\n")).collect();
            let items: String = worded
                .iter()
                .map(|l| format!("<li>{}</li>\n", escape(l)))
                .collect();
            Worded {
                text: format!(
                    "{greeting}\n\n{intro}\n\n{list}\n{link_label}: {link}\n\n-- \n{footer}\n{signature}\n"
                ),
                html: html_page(
                    locale,
                    &subject,
                    &format!(
                        "<p>{}</p>\n<p>{}</p>\n<ul>\n{items}</ul>\n<p><a href=\"{}\">{}</a></p>\n<hr>\n<p><small>{}</small></p>\n<p>{}</p>",
                        escape(&greeting),
                        escape(intro),
                        escape(&link),
                        escape(link_label),
                        escape(footer),
                        escape(signature)
                    ),
                ),
                subject,
            }
        }
    }
}

fn html_page(locale: Locale, title: &str, body: &str) -> String {
    let lang = match locale {
        Locale::en => "en",
        Locale::nl => "nl",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::queries::DigestLine;
    use domain::completion::Date;

    fn learner(locale: &str, threshold: Threshold) -> Planned {
        Planned {
            user_id: 1,
            email: "a@b.nl".into(),
            name: "Anna <de> Vries".into(),
            locale: locale.into(),
            key: "k".into(),
            kind: Kind::Learner {
                course_id: "participatie".into(),
                course: "Participatie in de praktijk".into(),
                due: Date::new(2026, 12, 14).unwrap(),
                threshold,
            },
        }
    }

    #[test]
    fn a_learners_mail_names_course_date_and_link_in_their_language() {
        let m = mail(&learner("nl", Threshold::Before), "https://leren.example");
        assert_eq!(
            m.subject,
            "Herinnering: rond ‘Participatie in de praktijk’ af vóór 14-12-2026"
        );
        assert!(m.text.starts_with("Beste Anna <de> Vries,"));
        assert!(m
            .text
            .contains("https://leren.example/cursussen/participatie"));
        assert!(m.html.contains("Anna &lt;de&gt; Vries") && m.html.contains("lang=\"nl\""));
        let en = mail(&learner("en", Threshold::Overdue), "https://leren.example");
        assert!(en.subject.contains("is overdue"), "{}", en.subject);
        assert!(en.text.starts_with("Dear "));
        let due = mail(&learner("xx", Threshold::Due), "https://leren.example");
        assert!(due.subject.starts_with("Vandaag is de laatste dag"));
    }

    #[test]
    fn a_digest_lists_the_late_people_and_links_the_overview() {
        let p = Planned {
            kind: Kind::Digest {
                lines: vec![DigestLine {
                    name: "Piet".into(),
                    course: "Participatie".into(),
                    due: Date::new(2026, 11, 30).unwrap(),
                    department: "Afdeling X".into(),
                }],
            },
            ..learner("nl", Threshold::Due)
        };
        let m = mail(&p, "https://leren.example");
        assert_eq!(
            m.subject,
            "Weekoverzicht: 1 keer te laat met een verplichte cursus"
        );
        assert!(m
            .text
            .contains("- Piet: Participatie (uiterlijk 30-11-2026; Afdeling X)"));
        assert!(m.text.contains("https://leren.example/rapportage/te-laat"));
    }
}
