//! Pieces every page with plain POST forms (`ActionForm`) uses.

use crate::error::AppError;
use leptos::prelude::*;

/// A form's refusal, shown beside it (`role="alert"`).
#[component]
pub fn FormError(message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <div class="notice-error" role="alert" id=id><p>{m}</p></div> }
        })
    }
}

/// The message of an action's last refusal, if any, in the page's language.
pub fn error_of<T: 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    let locale = crate::i18n::use_i18n().get_locale_untracked();
    Signal::derive(move || value().and_then(Result::err).map(|e| e.message(locale)))
}

/// A `<textarea>` holding text a person typed: the one place the platform
/// writes a text area (a test keeps it so).
///
/// tachys writes the children of `textarea` (like `script` and `style`)
/// into the HTML unescaped, so saved text holding `</textarea><script>`
/// would end the element and run as markup on the page. Here the text is
/// escaped when rendered to HTML on the server; in the browser it is set as
/// a text node, which cannot be markup.
#[component]
pub fn TextArea(
    id: String,
    name: &'static str,
    text: String,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    // `&`, `<` and `>` as character references: inside a `<textarea>` the
    // browser turns them back into the characters, so the person sees
    // exactly what they typed.
    #[cfg(feature = "ssr")]
    let text = domain::markdown::escape_text(&text);
    view! { <textarea id=id name=name maxlength=maxlength>{text}</textarea> }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "ssr")]
    #[test]
    fn text_area_text_cannot_close_the_element() {
        assert_eq!(
            domain::markdown::escape_text("a & </textarea><script>x</script>"),
            "a &amp; &lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;"
        );
    }

    /// Every text area goes through `TextArea`: a raw `<textarea>` with
    /// children elsewhere would be written unescaped again.
    #[test]
    fn no_raw_text_area_outside_this_module() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("components/forms.rs")
                    && std::fs::read_to_string(&path)
                        .is_ok_and(|s| s.contains(concat!("<", "textarea")))
                {
                    found.push(path.display().to_string());
                }
            }
        }
        let mut found = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(
            found.is_empty(),
            "use components::forms::TextArea in {found:?}"
        );
    }

    #[test]
    fn labels_are_indented_by_depth() {
        assert_eq!(super::indented("Team", 0), "Team");
        assert_eq!(
            super::indented("Team", 2),
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}Team"
        );
    }
}

/// The indented label of a department in a select list.
pub fn indented(name: &str, depth: usize) -> String {
    format!("{}{name}", "\u{a0}\u{a0}\u{a0}".repeat(depth))
}

/// A select list of departments in tree order, indented by depth.
/// `none` is the label of the empty choice (no empty choice when `None`);
/// departments in `exclude` are left out.
#[component]
pub fn DepartmentSelect(
    id: &'static str,
    name: &'static str,
    options: Vec<crate::departments::types::DeptOption>,
    #[prop(default = None)] none: Option<&'static str>,
    #[prop(default = None)] selected: Option<i32>,
    #[prop(optional)] exclude: Vec<i32>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <select id=id name=name required=required>
            {none.map(|label| view! { <option value="" selected=selected.is_none()>{label}</option> })}
            {options.into_iter().filter(|o| !exclude.contains(&o.id)).map(|o| {
                let is_selected = selected == Some(o.id);
                view! { <option value=o.id.to_string() selected=is_selected>{indented(&o.name, o.depth)}</option> }
            }).collect_view()}
        </select>
    }
}
