//! `spotlight import`: a form export becomes submission files; rows that cannot be converted are
//! reported with their row number and reason; nothing is overwritten.

use std::path::Path;

use crate::harness::Programme;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn good_rows_become_valid_submissions_and_bad_rows_are_reported_by_number() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("form-export.csv")]);
    assert_eq!(run.code, 1, "rows were refused: {}", run.transcript());
    insta::assert_snapshot!("import_report", run.transcript());
    let text = std::fs::read_to_string(
        programme
            .path()
            .join("submissions/2026/youth-hubs-that-stay-open-late.md"),
    )
    .unwrap();
    insta::assert_snapshot!("imported_submission", text);
    assert!(
        text.contains("\\## Not a heading"),
        "a heading inside a cell stays text"
    );
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate
            .stdout
            .contains("1 of 1 submitted 2026 entries eligible")
    );
}

#[test]
fn a_second_import_never_overwrites() {
    let programme = Programme::new("import");
    programme.run(&["import", &fixture("form-export.csv")]);
    let path = programme
        .path()
        .join("submissions/2026/youth-hubs-that-stay-open-late.md");
    std::fs::write(&path, "edited by hand\n").unwrap();
    let again = programme.run(&["import", &fixture("form-export.csv")]);
    assert!(again.stdout.contains("row 2: not converted: submissions/2026/youth-hubs-that-stay-open-late.md already exists"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand\n");
}

#[test]
fn a_mapping_reads_a_form_with_its_own_column_names() {
    let programme = Programme::new("import");
    let run = programme.run(&[
        "import",
        &fixture("renamed.csv"),
        "--mapping",
        &fixture("mapping.yaml"),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        programme
            .path()
            .join("submissions/2026/family-hubs.md")
            .is_file()
    );
    let unmapped = programme.run(&["import", &fixture("renamed.csv")]);
    assert_eq!(unmapped.code, 2);
    assert!(
        unmapped.stderr.contains("no `title` column"),
        "{}",
        unmapped.stderr
    );
    assert!(unmapped.stderr.contains("--mapping"));
}

#[test]
fn a_dry_run_writes_nothing() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("form-export.csv"), "--dry-run"]);
    assert!(run.stdout.contains("row 2: would write"));
    assert!(!programme.path().join("submissions/2026").exists());
}

#[test]
fn form_dates_are_read_in_the_chosen_order_and_written_as_iso() {
    let programme = Programme::new("import");
    let uk = programme.run(&["import", &fixture("dates.csv")]);
    assert_eq!(uk.code, 0, "{}", uk.transcript());
    assert!(
        uk.stderr
            .contains("dates read day/month/year (--date-order dmy)"),
        "{}",
        uk.stderr
    );
    let us = programme.run(&["import", &fixture("dates-us.csv"), "--date-order", "mdy"]);
    assert_eq!(us.code, 0, "{}", us.transcript());
    assert!(
        us.stderr
            .contains("dates read month/day/year (--date-order mdy)"),
        "{}",
        us.stderr
    );
    let read = |slug: &str| {
        std::fs::read_to_string(programme.path().join(format!("submissions/2026/{slug}.md")))
            .unwrap()
    };
    let uk_file = read("family-hubs-open-on-saturdays");
    assert!(uk_file.contains("submitted: \"2026-04-20\"\n"), "{uk_file}");
    assert!(uk_file.contains("date: \"2026-04-20\"}"), "{uk_file}");
    let us_file = read("a-single-front-door-for-housing");
    assert!(
        us_file.contains("submitted: \"2026-04-20T10:41:00\"\n"),
        "{us_file}"
    );
    assert!(us_file.contains("date: \"2026-04-20\"}"), "{us_file}");
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}

#[test]
fn a_month_first_date_is_refused_under_dmy_with_the_fix() {
    let programme = Programme::new("import");
    let run = programme.run(&["import", &fixture("dates-us.csv")]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "row 2: not converted: `submitted` `4/20/26 10:41:00 AM` is no day read day/month/year; this looks like month/day/year: pass --date-order mdy"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`approval_date` `4/20/26` is no day"));
    assert!(!programme.path().join("submissions/2026").exists());
}

/// A cell of a workbook written for a test.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// `2026-04-20 10:41:00` or `2026-04-20`, written as an Excel date with the number format.
    Date(&'a str, &'a str),
    /// A formula and the result Excel cached for it.
    Formula(&'a str, &'a str),
}

/// Writes a workbook of `sheets`, each a name and its rows from row 1, to `path`.
fn workbook(path: &Path, sheets: &[(&str, &[&[Cell]])]) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(text) => drop(sheet.write_string(r, c, *text).unwrap()),
                    Cell::Number(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                    Cell::Date(when, format) => {
                        let when = ExcelDateTime::parse_from_str(when).unwrap();
                        let format = Format::new().set_num_format(*format);
                        sheet
                            .write_datetime_with_format(r, c, &when, &format)
                            .unwrap();
                    }
                    Cell::Formula(formula, result) => {
                        let formula = Formula::new(*formula).set_result(*result);
                        sheet.write_formula(r, c, formula).unwrap();
                    }
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// A Microsoft Forms download's own headers, mapped to spotlight's columns.
const FORMS_MAPPING: &str = "\
submitted: Completion time
contact_email: Email
contact_name: Name
title: Name of your practice
categories: Category
local_authorities: Local authorities
approver_name: Approved by
approver_role: Their role
approver_authority: Their authority
approval_date: Date approved
setting_the_scene: Setting the scene
how: How
impact: Impact
next_steps: Next steps
evolve: Evolve
";

const FORMS_HEADER: &[Cell] = &[
    Cell::Text("ID"),
    Cell::Text("Start time"),
    Cell::Text("Completion time"),
    Cell::Text("Email"),
    Cell::Text("Name"),
    Cell::Text("Name of your practice"),
    Cell::Text("Category"),
    Cell::Text("Local authorities"),
    Cell::Text("Approved by"),
    Cell::Text("Their role"),
    Cell::Text("Their authority"),
    Cell::Text("Date approved"),
    Cell::Text("Setting the scene"),
    Cell::Text("How"),
    Cell::Text("Impact"),
    Cell::Text("Next steps"),
    Cell::Text("Evolve"),
];

/// Forms writes its times as `m/d/yy h:mm:ss`.
const FORMS_TIME: &str = "m/d/yy h:mm:ss";

/// A Forms response: completed at `completed` (London time), approved on `approved`.
struct Response<'a> {
    id: f64,
    completed: &'a str,
    email: Cell<'a>,
    name: &'a str,
    title: Cell<'a>,
    category: Cell<'a>,
    authority: &'a str,
    approved: &'a str,
    how: &'a str,
}

impl<'a> Response<'a> {
    /// The row's cells, in [`FORMS_HEADER`]'s order.
    fn cells(self) -> Vec<Cell<'a>> {
        vec![
            Cell::Number(self.id),
            Cell::Date(self.completed, FORMS_TIME),
            Cell::Date(self.completed, FORMS_TIME),
            self.email,
            Cell::Text(self.name),
            self.title,
            self.category,
            Cell::Text(self.authority),
            Cell::Text("Jo Barnes"),
            Cell::Text("Director of Children's Services"),
            Cell::Text(self.authority),
            Cell::Date(self.approved, "dd/mm/yyyy"),
            Cell::Text("Families could not reach us at weekends."),
            Cell::Text(self.how),
            Cell::Text("Visits rose."),
            Cell::Text("A third hub."),
            Cell::Text("Ask families when they are free."),
        ]
    }
}

#[test]
fn a_forms_workbook_imports_with_spreadsheet_row_numbers_and_london_times() {
    let programme = Programme::new("import");
    programme.write("mapping.yaml", FORMS_MAPPING);
    let bst = Response {
        id: 1.0,
        completed: "2026-04-20 10:41:00",
        email: Cell::Text("priya.shah@example.org"),
        name: "Priya Shah",
        title: Cell::Formula(
            r#"=CONCAT("Family hubs ","open on Saturdays")"#,
            "Family hubs open on Saturdays",
        ),
        category: Cell::Number(1.0),
        authority: "Merton",
        approved: "2026-04-20",
        how: "We opened two hubs on Saturdays.\nFamilies book a visit online.",
    }
    .cells();
    let refused = Response {
        id: 2.0,
        completed: "2026-04-21 09:00:00",
        email: Cell::Number(3.0),
        name: "",
        title: Cell::Formula("=A1/0", "#DIV/0!"),
        category: Cell::Text("data"),
        authority: "Camden",
        approved: "2026-04-21",
        how: "We did it.",
    }
    .cells();
    let gmt = Response {
        id: 3.0,
        completed: "2026-01-15 09:30:00",
        email: Cell::Text("al.ng@example.org"),
        name: "Al Ng",
        title: Cell::Text("A single front door for housing"),
        category: Cell::Text("data"),
        authority: "Camden",
        approved: "2026-01-14",
        how: "We did it.",
    }
    .cells();
    // 23:30 London time on deadline day is in time; taken as UTC it would be 00:30 the next day.
    let last_minute = Response {
        id: 4.0,
        completed: "2026-04-24 23:30:00",
        email: Cell::Text("kay.lo@example.org"),
        name: "Kay Lo",
        title: Cell::Text("Youth hubs that stay open late"),
        category: Cell::Formula("=1+2", "3"),
        authority: "Croydon",
        approved: "2026-04-24",
        how: "We did it.",
    }
    .cells();
    let rows: &[&[Cell]] = &[
        FORMS_HEADER,
        &bst,
        &[],
        &refused,
        &gmt,
        &[],
        &[],
        &last_minute,
    ];
    let path = programme.path().join("Spotlight responses.XLSX");
    workbook(&path, &[("Form1", rows)]);
    let run = programme.run(&[
        "import",
        path.to_str().unwrap(),
        "--mapping",
        programme.path().join("mapping.yaml").to_str().unwrap(),
    ]);
    assert_eq!(
        run.transcript(),
        "exit: 1
--- stdout
row 2: wrote submissions/2026/family-hubs-open-on-saturdays.md
row 4: not converted: `title` holds the spreadsheet error `#DIV/0!`: correct its formula in the workbook; `contact_name` is empty; `contact_email` `3` is not an email address
row 5: wrote submissions/2026/a-single-front-door-for-housing.md
row 8: wrote submissions/2026/youth-hubs-that-stay-open-late.md
wrote 3 submission(s); 1 row(s) not converted
--- stderr
"
    );
    let read = |slug: &str| {
        std::fs::read_to_string(programme.path().join(format!("submissions/2026/{slug}.md")))
            .unwrap()
    };
    assert_eq!(
        read("family-hubs-open-on-saturdays"),
        r#"---
title: "Family hubs open on Saturdays"
categories: ["health"]
local_authorities: ["Merton"]
contact: {name: "Priya Shah", email: "priya.shah@example.org"}
approval: {name: "Jo Barnes", role: "Director of Children's Services", local_authority: "Merton", date: "2026-04-20"}
submitted: "2026-04-20T10:41:00"
status: submitted
---

## Setting the Scene

Families could not reach us at weekends.

## How

We opened two hubs on Saturdays.
Families book a visit online.

## Impact

Visits rose.

## Next Steps

A third hub.

## Evolve

Ask families when they are free.
"#
    );
    let gmt = read("a-single-front-door-for-housing");
    assert!(
        gmt.contains("submitted: \"2026-01-15T09:30:00\"\n"),
        "{gmt}"
    );
    assert!(gmt.contains("date: \"2026-01-14\"}"), "{gmt}");
    let late = read("youth-hubs-that-stay-open-late");
    assert!(
        late.contains("submitted: \"2026-04-24T23:30:00\"\n"),
        "{late}"
    );
    assert!(
        late.contains("categories: [\"early-intervention\"]\n"),
        "the formula's cached 3 is category 3: {late}"
    );
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate
            .stdout
            .contains("3 of 3 submitted 2026 entries eligible"),
        "{}",
        validate.stdout
    );
    let again = programme.run(&[
        "import",
        path.to_str().unwrap(),
        "--mapping",
        programme.path().join("mapping.yaml").to_str().unwrap(),
    ]);
    assert!(
        again.stdout.contains("row 8: not converted: submissions/2026/youth-hubs-that-stay-open-late.md already exists and is never overwritten"),
        "{}",
        again.stdout
    );
    assert_eq!(read("youth-hubs-that-stay-open-late"), late);
}

#[test]
fn a_workbook_and_its_csv_export_write_the_same_file() {
    let csv = Programme::new("import");
    let xlsx = Programme::new("import");
    let row = Response {
        id: 1.0,
        completed: "2026-07-01 14:05:09",
        email: Cell::Text("priya.shah@example.org"),
        name: "Priya Shah",
        title: Cell::Text("Family hubs open on Saturdays"),
        category: Cell::Text("health"),
        authority: "Merton",
        approved: "2026-07-01",
        how: "We opened two hubs.\nFamilies book online.",
    }
    .cells();
    let path = xlsx.path().join("responses.xlsx");
    workbook(&path, &[("Form1", &[FORMS_HEADER, &row])]);
    let mapping = xlsx.path().join("mapping.yaml");
    std::fs::write(&mapping, FORMS_MAPPING).unwrap();
    let from_xlsx = xlsx.run(&[
        "import",
        path.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    assert_eq!(from_xlsx.code, 0, "{}", from_xlsx.transcript());
    // As Excel saves the same sheet as CSV: ISO times, the cell's line break inside quotes.
    let export = "ID,Start time,Completion time,Email,Name,Name of your practice,Category,Local authorities,Approved by,Their role,Their authority,Date approved,Setting the scene,How,Impact,Next steps,Evolve
1,2026-07-01 14:05:09,2026-07-01 14:05:09,priya.shah@example.org,Priya Shah,Family hubs open on Saturdays,health,Merton,Jo Barnes,Director of Children's Services,Merton,2026-07-01,Families could not reach us at weekends.,\"We opened two hubs.
Families book online.\",Visits rose.,A third hub.,Ask families when they are free.
";
    let export_path = csv.path().join("responses.csv");
    std::fs::write(&export_path, export).unwrap();
    let from_csv = csv.run(&[
        "import",
        export_path.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    assert_eq!(from_csv.code, 0, "{}", from_csv.transcript());
    assert_eq!(from_xlsx.stdout, from_csv.stdout);
    let file = "submissions/2026/family-hubs-open-on-saturdays.md";
    let written = std::fs::read_to_string(xlsx.path().join(file)).unwrap();
    assert_eq!(
        written,
        std::fs::read_to_string(csv.path().join(file)).unwrap()
    );
    assert!(
        written.contains("submitted: \"2026-07-01T14:05:09\"\n"),
        "British Summer Time, as written: {written}"
    );
}

#[test]
fn sheet_picks_a_sheet_by_name_and_an_unknown_one_is_refused_with_the_list() {
    let programme = Programme::new("import");
    let summary: &[&[Cell]] = &[&[Cell::Text("Responses: 1")]];
    let responses: &[&[Cell]] = &[
        &[
            Cell::Text("title"),
            Cell::Text("categories"),
            Cell::Text("local_authorities"),
            Cell::Text("contact_name"),
            Cell::Text("contact_email"),
        ],
        &[
            Cell::Text("Family hubs open on Saturdays"),
            Cell::Text("health"),
            Cell::Text("Merton"),
            Cell::Text("Priya Shah"),
            Cell::Text("priya.shah@example.org"),
        ],
    ];
    let path = programme.path().join("responses.xlsx");
    workbook(&path, &[("Summary", summary), ("Responses", responses)]);
    let path = path.to_str().unwrap();

    let first = programme.run(&["import", path]);
    assert_eq!(first.code, 2, "{}", first.transcript());
    assert!(
        first
            .stderr
            .contains("no `title` column; the header row has: Responses: 1."),
        "the first sheet is read by default: {}",
        first.stderr
    );

    let unknown = programme.run(&["import", path, "--sheet", "Form1"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());
    assert_eq!(
        unknown.stderr,
        "error: [ROOT]/responses.xlsx has no sheet `Form1`; its sheets are `Summary`, `Responses`: pass one of them to --sheet\n"
    );

    let picked = programme.run(&["import", path, "--sheet", "Responses"]);
    assert_eq!(picked.code, 0, "{}", picked.transcript());
    assert_eq!(
        picked.stdout,
        "row 2: wrote submissions/2026/family-hubs-open-on-saturdays.md\nwrote 1 submission(s); 0 row(s) not converted\n"
    );
}

#[test]
fn a_file_that_is_no_workbook_and_an_empty_sheet_are_refused_clearly() {
    let programme = Programme::new("import");
    let fake = programme.path().join("responses.xlsx");
    std::fs::write(&fake, "title,categories\nA,health\n").unwrap();
    let run = programme.run(&["import", fake.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .starts_with("error: [ROOT]/responses.xlsx is not a workbook spotlight can read ("),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("): open it in Excel and save it as Excel Workbook (.xlsx), or download the responses as CSV\n"),
        "{}",
        run.stderr
    );

    let empty = programme.path().join("empty.xlsx");
    workbook(&empty, &[("Sheet1", &[])]);
    let run = programme.run(&["import", empty.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "error: sheet `Sheet1` of [ROOT]/empty.xlsx is empty: it needs a header row and one row per submission (its sheets are `Sheet1`; pick another with --sheet)\n"
    );

    let ods = programme.path().join("responses.ods");
    std::fs::write(&ods, "PK\x03\x04").unwrap();
    let run = programme.run(&["import", ods.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "error: [ROOT]/responses.ods is a .ods spreadsheet, which spotlight does not read: open it and save it as Excel Workbook (.xlsx) or as CSV\n"
    );

    let csv = programme.run(&["import", &fixture("form-export.csv"), "--sheet", "Form1"]);
    assert_eq!(csv.code, 2, "{}", csv.transcript());
    assert!(
        csv.stderr
            .contains("--sheet picks a sheet of an .xlsx workbook"),
        "{}",
        csv.stderr
    );
    assert!(!programme.path().join("submissions/2026").exists());
}

#[test]
fn an_underline_in_a_cell_stays_text_and_does_not_empty_the_section() {
    // A line of dashes under a line of text makes a Markdown heading, which cut the section
    // short: `How` was then empty (SP0403).
    let programme = Programme::new("import");
    programme.write(
        "underline.csv",
        "title,categories,local_authorities,contact_name,contact_email,setting_the_scene,how,impact,next_steps,evolve\n\
         Hubs,health,Croydon,Nia Bello,nia.bello@example.org,a,\"What we did\n---\nand more\",c,d,e\n",
    );
    let run = programme.run(&["import", "underline.csv"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(programme.path().join("submissions/2026/hubs.md")).unwrap();
    assert!(
        text.contains("## How\n\nWhat we did\n\\---\nand more\n"),
        "{text}"
    );
    let validate = programme.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}

#[test]
fn an_approvers_email_column_is_written_into_the_approval_and_checked() {
    let programme = Programme::new("import");
    let header = "title,categories,local_authorities,contact_name,contact_email,approver_name,approver_role,approver_authority,approval_date,approver_email,submitted,setting_the_scene,how,impact,next_steps,evolve\n";
    let good = "Evening hubs,early-intervention,Croydon,Nia Bello,nia.bello@example.org,Ola Ade,Assistant Director,Croydon,2026-04-10,ola.ade@example.org,2026-04-11,Scene.,How.,Impact.,Next.,Evolve.\n";
    let bad = "Morning hubs,early-intervention,Croydon,Nia Bello,nia.bello@example.org,Ola Ade,Assistant Director,Croydon,2026-04-10,ola.ade at example.org,2026-04-11,Scene.,How.,Impact.,Next.,Evolve.\n";
    programme.write("emails.csv", &format!("{header}{good}{bad}"));
    let csv = programme.path().join("emails.csv");
    let run = programme.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("`approver_email` `ola.ade at example.org` is not an email address")
            || run
                .stdout
                .contains("`approver_email` `ola.ade at example.org` is not an email address"),
        "{}",
        run.transcript()
    );
    let text =
        std::fs::read_to_string(programme.path().join("submissions/2026/evening-hubs.md")).unwrap();
    assert!(
        text.contains("date: \"2026-04-10\", email: \"ola.ade@example.org\"}\n"),
        "{text}"
    );
    assert!(
        !programme
            .path()
            .join("submissions/2026/morning-hubs.md")
            .exists()
    );
    let validate = programme.run(&["validate", "submissions/2026/evening-hubs.md"]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
}
