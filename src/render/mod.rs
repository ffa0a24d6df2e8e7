//! Everything spotlight renders for people (letters, reports, the hub) goes through here: Tera
//! templates, with built-in defaults embedded in the binary and a programme's own `templates/`
//! overriding them by name, and Markdown from submissions and reviews turned into sanitised HTML.
//! User text is always data in a template's context, never part of a template, so a `{{ }}` in a
//! reflection prints as written.

pub mod letters;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod reminders;

use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};
use serde::Serialize;
use tera::Tera;

/// The built-in templates: (name, text). A file at `templates/<name>` in a programme repository
/// replaces the one of the same name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.md", include_str!("../../templates/report.md")),
    ("report.html", include_str!("../../templates/report.html")),
    // The hub (`spotlight site`): parents and partials before the pages that use them, since
    // Tera checks a template's parent when the template is added.
    (
        "site/base.html",
        include_str!("../../templates/site/base.html"),
    ),
    (
        "site/tilemap.html",
        include_str!("../../templates/site/tilemap.html"),
    ),
    (
        "site/card.html",
        include_str!("../../templates/site/card.html"),
    ),
    (
        "site/index.html",
        include_str!("../../templates/site/index.html"),
    ),
    (
        "site/submission.html",
        include_str!("../../templates/site/submission.html"),
    ),
    (
        "site/listing.html",
        include_str!("../../templates/site/listing.html"),
    ),
    (
        "site/directory.html",
        include_str!("../../templates/site/directory.html"),
    ),
    (
        "site/search.html",
        include_str!("../../templates/site/search.html"),
    ),
    (
        "site/moved.html",
        include_str!("../../templates/site/moved.html"),
    ),
    (
        "site/site.css",
        include_str!("../../templates/site/site.css"),
    ),
    (
        "site/search.js",
        include_str!("../../templates/site/search.js"),
    ),
    ("letter.md", include_str!("../../templates/letter.md")),
    ("letter.html", include_str!("../../templates/letter.html")),
    ("reminder.txt", include_str!("../../templates/reminder.txt")),
];

/// The templates a programme renders with.
pub struct Templates {
    tera: Tera,
    /// Names taken from the programme's `templates/` folder rather than the built-ins.
    pub overridden: Vec<String>,
}

impl Templates {
    /// The built-in templates, each replaced by `<root>/templates/<name>` where that file exists.
    /// A template that does not parse is an error naming its file, line and column.
    pub fn load(root: &Path) -> Result<Templates> {
        let mut tera = Tera::default();
        tera.register_filter("md_cell", md_cell);
        let mut overridden = Vec::new();
        for (name, builtin) in BUILTIN {
            let path = root.join("templates").join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => {
                    overridden.push(name.to_string());
                    text
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_string(),
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            };
            if name.starts_with("site/")
                && *name != "site/tilemap.html"
                && text.contains("include \"site/tilemap.html\"")
            {
                bail!(
                    "templates/{name} includes site/tilemap.html, but hub pages now get the map \
                     already drawn: write {{{{ tilemap | safe }}}} instead of the include (and \
                     {{% if tilemap is defined %}} instead of {{% if tiles is defined %}})"
                );
            }
            tera.add_raw_template(name, &text)
                .map_err(|e| anyhow!("templates/{name} does not parse:\n{e}"))?;
        }
        Ok(Templates { tera, overridden })
    }

    /// Renders template `name` with `context`. An error names the template, the line and, for a
    /// missing field, the fields that do exist.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(context)
            .map_err(|e| anyhow!("cannot build the data for {name}: {e}"))?;
        self.render_fields(name, &context)
    }

    /// Renders template `name` with a context already built field by field.
    pub fn render_fields(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera.render(name, context).map_err(|e| {
            let origin = if self.overridden.iter().any(|o| o == name) {
                format!("templates/{name} (the programme's own)")
            } else {
                format!("the built-in {name}")
            };
            anyhow!("{origin} failed to render:\n{e}")
        })
    }
}

/// The `md_cell` filter: text made safe for one cell of a Markdown table. Line breaks become
/// spaces and Markdown's punctuation is backslash-escaped, so a `|` cannot open a new column
/// and a name like `*Team*` or `<b>` shows as written in a GitHub step summary.
pub fn md_cell(text: &str, _: tera::Kwargs, _: &tera::State) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if "\\`*_[]<>|#!~&".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
