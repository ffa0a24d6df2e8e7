//! `spotlight report` on a fixture programme with every kind of submission (eligible, late,
//! without approval, draft, withdrawn, a previous edition) and reviews complete and waiting,
//! run after the review deadline so some are overdue: golden files for each format, the HTML
//! parsed as XML, CSV safe from formulas, and the same bytes on every run.

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use crate::harness::{Programme, Run};

/// After the fixture's review deadline (2026-05-29).
const AFTER_REVIEWS: &str = "2026-06-03";

fn report(programme: &Programme, args: &[&str]) -> Run {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let run = programme.run_on(AFTER_REVIEWS, &all);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run
}

#[test]
fn markdown_golden() {
    let programme = Programme::new("report/programme");
    let run = report(&programme, &["--format", "md"]);
    assert!(run.stdout.len() < 1024 * 1024, "fits a step summary");
    insta::assert_snapshot!("report_md", run.stdout);
}

#[test]
fn json_golden_and_its_figures() {
    let programme = Programme::new("report/programme");
    let run = report(&programme, &["--format", "json"]);
    insta::assert_snapshot!("report_json", run.stdout);
    let json = run.json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["previous_edition"], "2025");
    let authorities = json["authorities"].as_array().unwrap();
    assert_eq!(authorities.len(), 33, "every authority, zeros included");
    let count = |name: &str| {
        authorities
            .iter()
            .find(|a| a["name"] == name)
            .map(|a| a["submissions"].as_u64().unwrap())
            .unwrap()
    };
    // Merton and Sutton share one submission; the late one still counts as submitted.
    assert_eq!(
        (count("Merton"), count("Sutton"), count("Croydon")),
        (1, 1, 1)
    );
    assert_eq!(
        (count("Lambeth"), count("Barnet"), count("Westminster")),
        (0, 0, 0)
    );
    let eligibility = &json["eligibility"];
    assert_eq!(eligibility["submitted"], 4);
    assert_eq!(eligibility["eligible"], 2);
    assert_eq!(eligibility["ineligible"], 2);
    assert_eq!(eligibility["late"], 1);
    assert_eq!(eligibility["drafts"], 1);
    assert_eq!(eligibility["withdrawn"], 1);
    let reviews = &json["reviews"];
    // merton: 2 categories x 2, hackney: 1 x 2.
    assert_eq!(reviews["slots"], 6);
    assert_eq!(reviews["assigned"], 4);
    assert_eq!(reviews["complete"], 2);
    assert_eq!(reviews["open"], 2);
    assert_eq!(reviews["overdue"], 2);
}

#[test]
fn nothing_is_overdue_before_the_review_deadline() {
    let programme = Programme::new("report/programme");
    let run = programme.run_on("2026-05-29", &["report", "--format", "json"]);
    let json = run.json();
    assert_eq!(json["reviews"]["past_deadline"], false);
    assert_eq!(json["reviews"]["overdue"], 0);
    assert!(!run.stdout.is_empty());
}

#[test]
fn without_the_previous_edition_there_is_no_comparison() {
    let programme = Programme::new("report/programme");
    std::fs::remove_dir_all(programme.path().join("submissions/2025")).unwrap();
    let json = report(&programme, &["--format", "json"]).json();
    assert!(json["previous_edition"].is_null());
    assert!(json["categories"][0]["previous"].is_null());
    let md = report(&programme, &["--format", "md"]).stdout;
    assert!(!md.contains("2025"), "{md}");
    assert!(!md.contains("beside"), "{md}");
}

#[test]
fn csv_tables_golden_and_formula_safe() {
    let programme = Programme::new("report/programme");
    let partners = report(&programme, &["--format", "csv", "--table", "partners"]);
    insta::assert_snapshot!("report_csv_partners", partners.stdout);
    // The partner written as `=SUM(1,2) | Team *A*` must never reach a spreadsheet as a formula.
    assert!(
        partners.stdout.contains("\"'=SUM(1,2) | Team *A*\""),
        "{}",
        partners.stdout
    );
    assert!(!partners.stdout.contains("\n=") && !partners.stdout.contains(",="));
    let authorities = report(&programme, &["--format", "csv", "--table", "authorities"]);
    insta::assert_snapshot!("report_csv_authorities", authorities.stdout);
    assert_eq!(
        authorities.stdout.lines().count(),
        34,
        "a header and 33 rows"
    );
}

#[test]
fn csv_needs_a_known_table() {
    let programme = Programme::new("report/programme");
    let run = programme.run_on(AFTER_REVIEWS, &["report", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--table NAME"), "{}", run.stderr);
    let run = programme.run_on(
        AFTER_REVIEWS,
        &["report", "--format", "csv", "--table", "nope"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("reviewers"), "{}", run.stderr);
    let run = programme.run_on(AFTER_REVIEWS, &["report", "--table", "partners"]);
    assert_eq!(run.code, 2, "--table without csv is a mistake");
}

#[test]
fn html_golden() {
    let programme = Programme::new("report/programme");
    let run = report(&programme, &["--format", "html"]);
    insta::assert_snapshot!("report_html", run.stdout);
}

/// One element of the parsed page.
#[derive(Debug)]
enum Node {
    Open(String, Vec<(String, String)>),
    Close(String),
    Text(String),
}

/// Parses `html` as XML: tags must nest and close, attributes be quoted, entities be known.
fn parse(html: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut nodes = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap_or_else(|err| panic!("bad attribute in <{name}>: {err}"));
                        (
                            a.key.as_ref().to_string(),
                            a.normalized_value(XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                nodes.push(Node::Open(name, attributes));
            }
            Ok(Event::End(e)) => {
                nodes.push(Node::Close(e.name().as_ref().to_string()));
            }
            Ok(Event::Text(t)) => nodes.push(Node::Text(t.to_string())),
            Ok(Event::GeneralRef(r)) => {
                let name: &str = &r;
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name) || name.starts_with('#'),
                    "unknown entity &{name};"
                );
                nodes.push(Node::Text(format!("&{name};")));
            }
            Ok(_) => {}
            Err(e) => panic!(
                "the HTML is not well formed at byte {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    nodes
}

#[test]
fn html_is_well_formed_self_contained_and_every_chart_has_a_text_alternative() {
    let programme = Programme::new("report/programme");
    let html = report(&programme, &["--format", "html"]).stdout;
    let nodes = parse(&html);
    let opened = |tag: &str| {
        nodes
            .iter()
            .filter(|n| matches!(n, Node::Open(t, _) if t == tag))
            .count()
    };
    assert_eq!(opened("script"), 0, "no script");
    assert_eq!(opened("link"), 0, "no stylesheet fetched");
    assert_eq!(opened("img"), 0, "no image fetched");
    let without_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(
        !without_namespace.contains("http:") && !without_namespace.contains("https:"),
        "nothing fetched from the network"
    );
    assert_eq!(
        opened("svg"),
        3,
        "bar charts by category and sub-region, and the tile map"
    );

    for (i, node) in nodes.iter().enumerate() {
        let Node::Open(tag, attributes) = node else {
            continue;
        };
        if tag != "svg" {
            continue;
        }
        let attribute = |name: &str| {
            attributes
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(attribute("role"), Some("img"), "svg {i} has role=img");
        let labelled_by = attribute("aria-labelledby").expect("aria-labelledby");
        // Each id it names is a <title> or <desc> inside this svg, with text.
        let end = nodes[i..]
            .iter()
            .position(|n| matches!(n, Node::Close(t) if t == "svg"))
            .map(|p| p + i)
            .unwrap();
        for id in labelled_by.split_whitespace() {
            let at = nodes[i..end]
                .iter()
                .position(|n| matches!(n, Node::Open(t, a) if (t == "title" || t == "desc") && a.iter().any(|(k, v)| k == "id" && v == id)))
                .unwrap_or_else(|| panic!("no <title>/<desc> with id {id} in svg {i}"));
            let Node::Text(text) = &nodes[i + at + 1] else {
                panic!("{id} is empty");
            };
            assert!(text.trim().len() > 10, "{id}: {text}");
        }
        // A table of the chart's data follows it before the next chart.
        let next_table = nodes[end..]
            .iter()
            .position(|n| matches!(n, Node::Open(t, _) if t == "table"));
        let next_svg = nodes[end..]
            .iter()
            .position(|n| matches!(n, Node::Open(t, _) if t == "svg"));
        assert!(
            next_table.is_some() && (next_svg.is_none() || next_table < next_svg),
            "svg {i} is followed by its data table"
        );
    }
    // The tile map has one square per authority, each labelled.
    let tiles = nodes
        .iter()
        .filter(|n| matches!(n, Node::Open(t, a) if t == "rect" && a.iter().any(|(k, v)| k == "rx" && v == "4")))
        .count();
    assert_eq!(tiles, 33);
}

#[test]
fn the_same_programme_gives_the_same_bytes() {
    let programme = Programme::new("report/programme");
    for format in ["md", "html", "json"] {
        let first = report(&programme, &["--format", format]).stdout;
        let second = report(&programme, &["--format", format]).stdout;
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn out_writes_the_file_and_nothing_else() {
    let programme = Programme::new("report/programme");
    let stdout = report(&programme, &["--format", "html"]).stdout;
    let run = report(
        &programme,
        &["--format", "html", "--out", "out/report/index.html"],
    );
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(programme.path().join("out/report/index.html")).unwrap();
    assert_eq!(written, stdout);
    let leftovers: Vec<_> = std::fs::read_dir(programme.path().join("out/report"))
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn a_programme_template_overrides_the_built_in_and_user_text_stays_data() {
    let programme = Programme::new("report/programme");
    programme.write(
        "templates/report.md",
        "{{ programme.name }}: {{ eligibility.eligible }} eligible\n{% for p in partners %}{{ p.name | md_cell }}\n{% endfor %}",
    );
    // A partner whose name looks like template code is printed as written.
    programme.write(
        "submissions/2026/hackney-early-help.md",
        &std::fs::read_to_string(
            programme
                .path()
                .join("submissions/2026/hackney-early-help.md"),
        )
        .unwrap()
        .replace("\"south west london icb\"", "\"{{ programme.name }}\""),
    );
    let run = report(&programme, &["--format", "md"]);
    insta::assert_snapshot!("report_md_override", run.stdout);
    assert!(run.stdout.starts_with("Practice Spotlight: 2 eligible\n"));
    assert!(
        run.stdout.contains("\n{{ programme.name }}\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_broken_template_names_its_file() {
    let programme = Programme::new("report/programme");
    programme.write("templates/report.html", "{% for x in %}");
    let run = programme.run_on(AFTER_REVIEWS, &["report", "--format", "html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("templates/report.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn long_lists_are_cut_short_in_markdown_but_not_in_csv() {
    let programme = Programme::new("report/programme");
    let partners: Vec<String> = (1..=60).map(|i| format!("Partner {i:02}")).collect();
    programme.write(
        "submissions/2026/hackney-early-help.md",
        &std::fs::read_to_string(
            programme
                .path()
                .join("submissions/2026/hackney-early-help.md"),
        )
        .unwrap()
        .replace(
            "partners: [Homerton Healthcare NHS Foundation Trust, \"south west london icb\"]",
            &format!("partners: [{}]", partners.join(", ")),
        ),
    );
    let md = report(&programme, &["--format", "md"]).stdout;
    assert!(md.contains("| Partner 47 | 1 |"), "{md}");
    assert!(!md.contains("Partner 60"), "{md}");
    assert!(
        md.contains("…and 12 more: `spotlight report --format csv --table partners`"),
        "{md}"
    );
    let csv = report(&programme, &["--format", "csv", "--table", "partners"]).stdout;
    assert!(csv.contains("Partner 60,1"), "{csv}");
}
