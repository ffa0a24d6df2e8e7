//! `spotlight letters` on a fixture programme: golden md and html letters, the skip summary, the
//! mail-merge index, injection attempts in every user field, private notes never leaking, the
//! same bytes on every run, template errors, and (with `--features pdf`) a real PDF.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::Programme;

const DATE: &str = "2026-06-01";

/// Every file under `folder`, by relative path, with its bytes.
fn files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(folder).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn text(programme: &Programme, relative: &str) -> String {
    let path = programme.path().join("out/letters").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn letters_golden_md_html_index_and_skip_summary() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("basic_run", run.transcript());
    let written: Vec<String> = files(&programme.path().join("out/letters"))
        .into_keys()
        .collect();
    assert_eq!(
        written,
        [
            "2026/merton-hub.html",
            "2026/merton-hub.md",
            "2026/sutton-data.html",
            "2026/sutton-data.md",
            "index.csv"
        ]
    );
    insta::assert_snapshot!("merton_hub_md", text(&programme, "2026/merton-hub.md"));
    insta::assert_snapshot!("merton_hub_html", text(&programme, "2026/merton-hub.html"));
    insta::assert_snapshot!("index_csv", text(&programme, "index.csv"));
}

#[test]
fn the_skip_summary_names_each_reason() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--date", DATE]);
    let stdout = &run.stdout;
    assert!(
        stdout.contains("2026/brent-late: ineligible (SP0208)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2026/ealing-withdrawn: withdrawn"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("2026/hackney-waiting: reviews incomplete: 1/2 complete, waiting on health"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("merton-old"),
        "earlier editions get no letter: {stdout}"
    );
}

#[test]
fn user_text_is_data_and_html_is_sanitised() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let md = text(&programme, "2026/merton-hub.md");
    let html = text(&programme, "2026/merton-hub.html");
    for letter in [&md, &html] {
        assert!(
            letter.contains("{{ secret }}"),
            "template syntax prints literally"
        );
        assert!(letter.contains("{% if x %}stays as written{% endif %}"));
        assert!(letter.contains("Dev {{ Patel }}"), "in a team name too");
        assert!(!letter.contains("<script"), "{letter}");
        assert!(!letter.contains("javascript:"), "{letter}");
        assert!(!letter.contains("onerror"), "{letter}");
    }
    assert!(
        html.contains("<strong>triage huddle</strong>"),
        "Markdown is rendered"
    );
    assert!(html.contains("href=\"https://example.org/report.pdf\""));
    let index = text(&programme, "index.csv");
    assert!(
        index.contains("\"'=HYPERLINK(\"\"https://example.org\"\")\""),
        "a formula is defused: {index}"
    );
}

#[test]
fn letters_never_show_notes_for_the_panel_or_ratings() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let out = files(&programme.path().join("out/letters"));
    assert!(!out.is_empty());
    for (name, bytes) in out {
        let body = String::from_utf8(bytes).unwrap();
        assert!(
            !body.contains("PRIVATE-NOTE"),
            "{name} leaks a private note"
        );
        assert!(!body.contains("Notes for the panel"), "{name}");
        assert!(
            !body.to_lowercase().contains("rating"),
            "{name} mentions a rating"
        );
    }
}

#[test]
fn a_second_run_writes_identical_bytes() {
    let programme = Programme::new("letters/basic");
    let out = programme.path().join("out/letters");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    let first = files(&out);
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    assert_eq!(first, files(&out));
}

#[test]
fn the_date_defaults_to_today_and_out_and_only_are_honoured() {
    let programme = Programme::new("letters/basic");
    let out = programme.path().join("elsewhere");
    let run = programme.run(&[
        "letters",
        "--only",
        "2026/sutton-data",
        "--format",
        "md",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let written: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(written, ["2026/sutton-data.md", "index.csv"]);
    let letter = std::fs::read_to_string(out.join("2026/sutton-data.md")).unwrap();
    assert!(
        letter.contains("\n1 May 2026\n"),
        "--today's date: {letter}"
    );
    assert!(
        !programme.path().join("out").exists(),
        "nothing outside --out"
    );
}

#[test]
fn only_updates_its_own_row_of_the_index() {
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    let full = text(&programme, "index.csv");
    assert!(full.lines().count() > 2, "{full}");
    let run = programme.run(&["letters", "--date", DATE, "--only", "2026/sutton-data"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        text(&programme, "index.csv"),
        full,
        "every other row kept, same order"
    );

    // A letter whose contact changed: its row changes, and only its row.
    let path = programme.path().join("submissions/2026/sutton-data.md");
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains("data.team@example.org"));
    std::fs::write(
        &path,
        before.replace("data.team@example.org", "data.lead@example.org"),
    )
    .unwrap();
    let run = programme.run(&["letters", "--date", DATE, "--only", "2026/sutton-data"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let after = text(&programme, "index.csv");
    let differ: Vec<(&str, &str)> = full
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differ.len(), 1, "{full}\n---\n{after}");
    assert!(differ[0].1.starts_with("2026/sutton-data,"), "{after}");
    assert!(differ[0].1.contains("data.lead@example.org"), "{after}");

    // An index of other formats cannot take the row: an error, and nothing is written.
    let run = programme.run(&["letters", "--only", "2026/sutton-data", "--format", "md"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("without --only"), "{}", run.stderr);
    assert_eq!(text(&programme, "index.csv"), after);
}

#[test]
fn a_full_run_removes_the_letters_of_a_submission_no_longer_due() {
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    assert!(has_letter(&programme, "2026/sutton-data.html"));
    programme.write("out/letters/notes.md", "the admin's own file");
    withdraw(&programme, "2026/sutton-data");

    // Another format only: the letters still due keep their other files.
    let run = programme.run(&["letters", "--date", DATE, "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "removed 2 letter(s) no longer due:\n  2026/sutton-data.md\n  2026/sutton-data.html"
        ),
        "{}",
        run.stdout
    );
    let left: Vec<String> = files(&programme.path().join("out/letters"))
        .into_keys()
        .collect();
    assert_eq!(
        left,
        [
            "2026/merton-hub.html",
            "2026/merton-hub.md",
            "index.csv",
            "notes.md"
        ]
    );
}

fn has_letter(programme: &Programme, relative: &str) -> bool {
    programme.path().join("out/letters").join(relative).exists()
}

fn withdraw(programme: &Programme, id: &str) {
    let path = programme.path().join(format!("submissions/{id}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("status: submitted", "status: withdrawn"),
    )
    .unwrap();
}

#[test]
fn only_removes_the_letter_of_its_own_submission_once_it_is_no_longer_due() {
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    withdraw(&programme, "2026/sutton-data");
    let run = programme.run(&["letters", "--date", DATE, "--only", "2026/sutton-data"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let left: Vec<String> = files(&programme.path().join("out/letters"))
        .into_keys()
        .collect();
    assert_eq!(
        left,
        ["2026/merton-hub.html", "2026/merton-hub.md", "index.csv"]
    );
    assert!(!text(&programme, "index.csv").contains("sutton-data"));
}

#[test]
fn cleanup_never_reaches_beyond_its_own_letters_of_this_edition() {
    // A new edition: last year's letters were sent and stay.
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    let config = programme.path().join("categories.yaml");
    let text2026 = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text2026.replace("edition: \"2026\"", "edition: \"2027\""),
    )
    .unwrap();
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("wrote 0 letters"),
        "{}",
        run.transcript()
    );
    assert!(!run.stdout.contains("removed"), "{}", run.transcript());
    assert!(has_letter(&programme, "2026/merton-hub.md"));
    assert!(has_letter(&programme, "2026/sutton-data.html"));

    // An index whose columns an admin reordered: rows still match by the `id` column, and a
    // file cell is only ever its own row's letter.
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    let index = programme.path().join("out/letters/index.csv");
    let mut reader = csv::Reader::from_path(&index).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let mut writer = csv::Writer::from_path(&index).unwrap();
    let swap = |row: &[String]| {
        let mut row = row.to_vec();
        row.swap(0, 1);
        row
    };
    writer.write_record(swap(&headers)).unwrap();
    for row in &rows {
        writer.write_record(swap(row)).unwrap();
    }
    writer.flush().unwrap();
    withdraw(&programme, "2026/sutton-data");
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(has_letter(&programme, "2026/merton-hub.md"));
    assert!(!has_letter(&programme, "2026/sutton-data.md"));

    // A letters folder that links elsewhere: nothing there is removed.
    let programme = Programme::new("letters/basic");
    assert_eq!(programme.run(&["letters", "--date", DATE]).code, 0);
    let archive = tempfile::TempDir::new().unwrap();
    let edition = programme.path().join("out/letters/2026");
    for entry in std::fs::read_dir(&edition).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), archive.path().join(entry.file_name())).unwrap();
    }
    std::fs::remove_dir_all(&edition).unwrap();
    std::os::unix::fs::symlink(archive.path(), &edition).unwrap();
    withdraw(&programme, "2026/sutton-data");
    let run = programme.run(&["letters", "--date", DATE]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("links outside"), "{}", run.stderr);
    assert!(archive.path().join("sutton-data.md").exists());
    assert!(archive.path().join("merton-hub.md").exists());
}

#[test]
fn only_a_skipped_or_unknown_submission_fails() {
    let programme = Programme::new("letters/basic");
    let skipped = programme.run(&["letters", "--only", "2026/hackney-waiting"]);
    assert_eq!(skipped.code, 1, "{}", skipped.transcript());
    assert!(skipped.stdout.contains("reviews incomplete"));
    let unknown = programme.run(&["letters", "--only", "2026/nowhere"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());
    assert!(
        unknown
            .stderr
            .contains("there is no submission 2026/nowhere")
    );
}

#[test]
fn a_programme_template_overrides_the_builtin_and_its_errors_name_the_field() {
    let programme = Programme::new("letters/basic");
    programme.write("templates/letter.md", "To {{ to.name }}\n");
    let run = programme.run(&["letters", "--format", "md", "--only", "2026/merton-hub"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(text(&programme, "2026/merton-hub.md"), "To Priya Shah\n");

    programme.write(
        "templates/letter.md",
        "Dear {{ to.name }},\n\n{{ to.nickname }}\n",
    );
    let broken = programme.run(&["letters", "--format", "md"]);
    assert_eq!(broken.code, 2, "{}", broken.transcript());
    insta::assert_snapshot!("template_error", broken.transcript());
    assert!(
        broken.stderr.contains("templates/letter.md"),
        "{}",
        broken.stderr
    );
    assert!(broken.stderr.contains("nickname"), "{}", broken.stderr);
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_feature_says_how_to_get_it() {
    let programme = Programme::new("letters/basic");
    let run = programme.run(&["letters", "--format", "pdf"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("--features pdf"), "{}", run.stderr);
}

#[cfg(feature = "pdf")]
mod pdf {
    use std::path::Path;
    use std::process::Command;

    use super::*;

    /// Runs a poppler tool; CI installs poppler-utils, so a missing tool is a failure, never a skip.
    fn poppler(tool: &str, pdf: &Path) -> String {
        let output = Command::new(tool)
            .arg(pdf)
            .args(if tool == "pdftotext" {
                &["-layout", "-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| {
                panic!("{tool} is needed for the PDF tests (apt-get install poppler-utils): {e}")
            });
        assert!(
            output.status.success(),
            "{tool} failed on {}",
            pdf.display()
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    #[test]
    fn pdf_letters_have_one_page_and_the_right_text() {
        let programme = Programme::new("letters/basic");
        let run = programme.run(&["letters", "--date", DATE, "--format", "pdf,md"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let pdf = programme.path().join("out/letters/2026/merton-hub.pdf");
        let info = poppler("pdfinfo", &pdf);
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().eq(["Pages:", "1"])),
            "{info}"
        );
        let words = poppler("pdftotext", &pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for expected in [
            "Dear Priya Shah,",
            "Jo Barnes",
            "London Borough of Merton and London Borough of Sutton",
            "Sam Okoro, Family Practitioner",
            "Dev {{ Patel }}",
            "Sponsored by Children's Social Care Practice Leaders",
            "The triage huddle is the part other boroughs will copy.",
            "{{ secret }}",
            "1 June 2026",
        ] {
            assert!(words.contains(expected), "{expected:?} not in:\n{words}");
        }
        for never in ["PRIVATE-NOTE", "javascript", "<script"] {
            assert!(!words.contains(never), "{never:?} in:\n{words}");
        }
        let index = text(&programme, "index.csv");
        assert!(
            index.starts_with("id,to_name,to,cc,subject,file_md,file_pdf\r\n"),
            "{index}"
        );
        assert!(index.contains("2026/merton-hub.pdf"), "{index}");
    }

    #[test]
    fn pdf_bytes_are_the_same_on_every_run() {
        let programme = Programme::new("letters/basic");
        let pdf = programme.path().join("out/letters/2026/sutton-data.pdf");
        assert_eq!(programme.run(&["letters", "--format", "pdf"]).code, 0);
        let first = std::fs::read(&pdf).unwrap();
        assert_eq!(programme.run(&["letters", "--format", "pdf"]).code, 0);
        assert_eq!(first, std::fs::read(&pdf).unwrap());
    }

    #[test]
    fn markup_in_user_text_is_printed_not_typeset() {
        let programme = Programme::new("letters/basic");
        programme.write(
            "reviews/2026/sutton-data/ada-mensah.md",
            "---\nsubmission: 2026/sutton-data\nreviewer: ada-mensah\ncategory: data\nstatus: complete\nrating: 2\n---\n\n## Reflections\n\nWe saw #strong[this] and $x^2$ and #read(\"/etc/passwd\").\n",
        );
        let run = programme.run(&["letters", "--format", "pdf", "--only", "2026/sutton-data"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let words = poppler(
            "pdftotext",
            &programme.path().join("out/letters/2026/sutton-data.pdf"),
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
        assert!(
            words.contains("#strong[this] and $x^2$ and #read(\"/etc/passwd\")"),
            "{words}"
        );
    }
}

#[test]
fn a_joint_submission_copies_each_director_who_signed() {
    let programme = Programme::new("letters/basic");
    let relative = "submissions/2026/merton-hub.md";
    let source = std::fs::read_to_string(programme.path().join(relative)).unwrap();
    let one = "approval: {name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}\n";
    assert!(source.contains(one));
    let two = "approval:\n  - {name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}\n  - {name: Kim Lee, role: Assistant Director, local_authority: Sutton, date: 2026-04-21}\n";
    programme.write(relative, &source.replace(one, two));
    let run = programme.run(&[
        "letters",
        "--only",
        "2026/merton-hub",
        "--format",
        "md,html",
        "--date",
        DATE,
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let md = text(&programme, "2026/merton-hub.md");
    let merton = md
        .find("**Copy:** Jo Barnes, DCS, London Borough of Merton")
        .expect(&md);
    let sutton = md
        .find("**Copy:** Kim Lee, Assistant Director, London Borough of Sutton")
        .expect(&md);
    assert!(merton < sutton, "in the order they signed:\n{md}");
    let html = text(&programme, "2026/merton-hub.html");
    assert!(
        html.contains("<p>Jo Barnes</p>") && html.contains("<p>Kim Lee</p>"),
        "{html}"
    );
    let index = text(&programme, "index.csv");
    let row = index
        .lines()
        .find(|line| line.starts_with("2026/merton-hub,"))
        .expect(&index);
    assert!(
        row.contains(
            ",\"Jo Barnes (DCS, London Borough of Merton); \
             Kim Lee (Assistant Director, London Borough of Sutton)\","
        ),
        "both directors in the cc column: {row}"
    );
}
