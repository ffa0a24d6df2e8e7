//! Recognition letters as PDF, typeset in-process by typst (the `pdf` feature). The letter reaches
//! typst as data: a virtual `letter.json` that the typst source reads with `json()`, so no user
//! text is ever part of typst markup. Fonts come from typst-assets, so no system fonts are needed
//! and the bytes are the same on every machine.

use std::sync::OnceLock;

use anyhow::{Result, anyhow};
use serde::Serialize;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// The built-in typst source for a letter; a programme's `templates/letter.typ` replaces it.
pub const BUILTIN: &str = include_str!("../../templates/letter.typ");

/// The name under which the letter's data is offered to the typst source.
const DATA_FILE: &str = "/letter.json";
const MAIN_FILE: &str = "/letter.typ";

/// Fonts are parsed once per process: every letter of a run shares them.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// Everything typst may see while typesetting one letter: the source, the data, the fonts.
/// Nothing on disk and no clock, so the output depends on the inputs alone.
struct LetterWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rooted_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::NotFound(id.vpath().as_rooted_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    // A letter carries the date it is given (`--date`), never the clock's.
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

/// Typesets `data` with the typst `source` (named `template` in errors) and returns the PDF.
pub fn render(template: &str, source: &str, data: &impl Serialize) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(data)?;
    let world = LetterWorld {
        main: Source::new(
            FileId::new(None, VirtualPath::new(MAIN_FILE)),
            source.to_string(),
        ),
        data_id: FileId::new(None, VirtualPath::new(DATA_FILE)),
        data: Bytes::new(json),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| describe(&world, template, &errors))?;
    let options = typst_pdf::PdfOptions::default();
    typst_pdf::pdf(&document, &options).map_err(|errors| describe(&world, template, &errors))
}

/// typst's errors as one message naming the template, line and column of each.
fn describe(world: &LetterWorld, template: &str, errors: &[SourceDiagnostic]) -> anyhow::Error {
    let lines: Vec<String> = errors
        .iter()
        .map(|error| {
            let at = world
                .range(error.span)
                .and_then(|range| world.main.lines().byte_to_line_column(range.start))
                .map(|(line, column)| format!(":{}:{}", line + 1, column + 1))
                .unwrap_or_default();
            let hints: String = error
                .hints
                .iter()
                .map(|h| format!("\n  hint: {h}"))
                .collect();
            format!("{template}{at}: {}{hints}", error.message)
        })
        .collect();
    anyhow!("{template} failed to typeset:\n{}", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_data_is_printed_not_run() {
        let source = "#let d = json(\"letter.json\")\n#d.text";
        let pdf = render(
            "t.typ",
            source,
            &serde_json::json!({"text": "#panic(\"x\") *bold*"}),
        )
        .expect("typesets");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn an_error_names_the_template_and_line() {
        let source = "#let d = json(\"letter.json\")\n\n#d.missing";
        let error = render("letter.typ", source, &serde_json::json!({"text": "x"}))
            .expect_err("no such field")
            .to_string();
        assert!(error.contains("letter.typ:3:"), "{error}");
        assert!(error.contains("missing"), "{error}");
    }
}
